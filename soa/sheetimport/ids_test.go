package sheetimport

import (
	"fmt"
	"testing"
	"time"

	"github.com/soa-tool/soa/soa/xlsx"
)

func TestParseIDCell(t *testing.T) {
	for _, tc := range []struct {
		cell xlsx.Cell
		want string // numbers joined by dots, rest after a bar; "" for no ID
	}{
		{xlsx.Cell{Text: "5.1"}, "5.1"},
		{xlsx.Cell{Text: " A.5.1 "}, "5.1"},
		{xlsx.Cell{Text: "A5.1.1"}, "5.1.1"},
		{xlsx.Cell{Text: "A.05.01"}, "5.1"},
		{xlsx.Cell{Text: "A 5.10"}, "5.10"},
		{xlsx.Cell{Text: "a.8.28"}, "8.28"},
		{xlsx.Cell{Text: "Annex A 8.1"}, "8.1"},
		{xlsx.Cell{Text: "A.5.1 Policies for information security"}, "5.1|Policies for information security"},
		{xlsx.Cell{Text: "A.5.1 – Policies\nfor information security"}, "5.1|Policies for information security"},
		{xlsx.Cell{Text: "A.9.2.1: User registration"}, "9.2.1|User registration"},
		{xlsx.Cell{Text: "A.5 Information security policies"}, ""},
		{xlsx.Cell{Text: "OBJECTIVE: to manage assets"}, ""},
		{xlsx.Cell{Text: "5 Organizational controls"}, ""},
		{xlsx.Cell{Text: "A.0.1"}, ""},
		{xlsx.Cell{Date: time.Date(2011, 2, 5, 0, 0, 0, 0, time.UTC), IsDate: true}, "11.2.5"},
		{xlsx.Cell{Date: time.Date(2005, 2, 11, 0, 0, 0, 0, time.UTC), IsDate: true}, "11.2.5"}, // day.month.year locale
		{xlsx.Cell{Date: time.Date(2012, 1, 1, 0, 0, 0, 0, time.UTC), IsDate: true}, "12.1.1"},
		{xlsx.Cell{Date: time.Date(1999, 1, 1, 0, 0, 0, 0, time.UTC), IsDate: true}, ""},
		{xlsx.Cell{Text: "2011-02-05"}, "11.2.5"},
		{xlsx.Cell{Text: "11.02.2005"}, "11.2.5"},
		{xlsx.Cell{Text: "2/5/2011"}, "11.2.5"},
	} {
		id, ok := parseIDCell(tc.cell)
		got := ""
		if ok {
			for i, n := range id.nums {
				if i > 0 {
					got += "."
				}
				got += fmt.Sprint(n)
			}
			if id.rest != "" {
				got += "|" + id.rest
			}
		}
		if got != tc.want {
			t.Errorf("parseIDCell(%+v) = %q, want %q", tc.cell, got, tc.want)
		}
	}
}

func TestApplicability(t *testing.T) {
	yes := []string{"Yes", "y", "Y ", "X", "✓", "✔", "TRUE", "1", "Applicable", "Applicable (Inherited)", "Yes - inherited from the group",
		"Ja", "Oui", "Sí", "Si", "Tak", "Ano", "Ναι", "Sim", "Igen", "Kyllä", "Da", "Jah"}
	no := []string{"No", "n", "N/A", "n.a.", "-", "—", "Not applicable", "Not applicable (no premises)", "Excluded", "false", "0",
		"Nein", "Non", "Nie", "Ne", "Όχι", "Não", "Nej", "Nee", "Nem", "Ei", "Nicht anwendbar", "Nie dotyczy"}
	for _, s := range yes {
		if a, ok := applicability(s); !ok || !a {
			t.Errorf("applicability(%q) = %v, %v; want yes", s, a, ok)
		}
	}
	for _, s := range no {
		if a, ok := applicability(s); !ok || a {
			t.Errorf("applicability(%q) = %v, %v; want no", s, a, ok)
		}
	}
	for _, s := range []string{"", "  ", "Y/N", "maybe", "TBD"} {
		if _, ok := applicability(s); ok {
			t.Errorf("applicability(%q) understood; want not", s)
		}
	}
}

func TestStatus(t *testing.T) {
	for in, want := range map[string]string{
		"Implemented": "implemented", "implemented ": "implemented", "Done": "implemented", "In Progress": "partial",
		"Partially Implemented": "partial", "partial": "partial", "Planned": "planned", "To do": "planned",
		"Not Implemented": "not-implemented", "not-implemented": "not-implemented", "Not started": "not-implemented",
		"Umgesetzt": "implemented", "Teilweise umgesetzt": "partial", "Geplant": "planned", "Mis en œuvre": "implemented",
		"En cours": "partial", "Implementado": "implemented", "W trakcie": "partial", "Částečně zavedeno": "partial",
		"Υλοποιημένο": "implemented", "Em curso": "partial",
	} {
		if got, na, ok := status(in); !ok || na || got != want {
			t.Errorf("status(%q) = %q, %v, %v; want %q", in, got, na, ok, want)
		}
	}
	for _, in := range []string{"N/A", "Not applicable", "Excluded", "Nie dotyczy"} {
		if _, na, ok := status(in); !ok || !na {
			t.Errorf("status(%q): want not applicable", in)
		}
	}
	if _, _, ok := status("Done-ish"); ok {
		t.Error("status(Done-ish) understood")
	}
}

func TestRecogniseHeader(t *testing.T) {
	for in, want := range map[string]Field{
		"Control": Title, "Control owner": Owner, "Implementation status": Status, "Implementation details": Implementation,
		"Justification for inclusion/exclusion": Justification, "Reason for selection": Reasons, "Applicable?": Applicable,
		"LR": TickLegal, "CO": TickContractual, "BR": TickBusiness, "BP": TickBestPractice, "RRA": TickRisk,
		"Begründung": Justification, "Umsetzungsstand": Status, "Anwendbar (J/N)": Applicable, "Verantwortlich": Owner,
		"Target date": Due, "Last review": Review, "Evidence / documents": Evidence, "Colour": "",
	} {
		if got := recognise(in); got != want {
			t.Errorf("recognise(%q) = %q, want %q", in, got, want)
		}
	}
}
