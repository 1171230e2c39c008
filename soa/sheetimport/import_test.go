package sheetimport_test

import (
	"errors"
	"fmt"
	"os"
	"path/filepath"
	"slices"
	"strings"
	"testing"

	"github.com/soa-tool/soa/annexa"
	"github.com/soa-tool/soa/soa"
	"github.com/soa-tool/soa/soa/finding"
	"github.com/soa-tool/soa/soa/label"
	"github.com/soa-tool/soa/soa/sheetimport"
	"github.com/soa-tool/soa/soa/workspace"
	"github.com/soa-tool/soa/soa/xlsx"
	"github.com/soa-tool/soa/templates"
)

// decision returns the decision for a control ID.
func decision(t *testing.T, res *sheetimport.Result, id string) sheetimport.Decision {
	t.Helper()
	cid, err := annexa.Resolve(id)
	if err != nil {
		t.Fatal(err)
	}
	for _, d := range res.Decisions {
		if d.ID == cid {
			return d
		}
	}
	t.Fatalf("no decision for %s", id)
	return sheetimport.Decision{}
}

// applicable writes a decision's applicability: "yes", "no" or "undecided".
func applicable(d sheetimport.Decision) string {
	switch {
	case d.Applicable == nil:
		return "undecided"
	case *d.Applicable:
		return "yes"
	}
	return "no"
}

func columns(res *sheetimport.Result) string {
	var out []string
	for _, c := range res.Columns {
		out = append(out, c.Letter()+"="+string(c.Field))
	}
	return strings.Join(out, " ")
}

func hasComment(d sheetimport.Decision, part string) bool {
	return slices.ContainsFunc(d.Comments, func(c string) bool { return strings.Contains(c, part) })
}

// formFindings writes res as controls.yaml next to the starter isms.yaml and risks.yaml and
// returns the findings about form (YAML syntax, types, vocabulary, unknown keys or IDs):
// an import must leave only content to fill in.
func formFindings(t *testing.T, res *sheetimport.Result) (finding.List, *soa.SoA) {
	t.Helper()
	b, err := sheetimport.Write(res, "fixture.xlsx", frame)
	if err != nil {
		t.Fatal(err)
	}
	dir := t.TempDir()
	for name, data := range map[string][]byte{workspace.ISMSFile: templates.ISMS(), workspace.RisksFile: templates.Risks(), workspace.ControlsFile: b} {
		if err := os.WriteFile(filepath.Join(dir, name), data, 0o644); err != nil {
			t.Fatal(err)
		}
	}
	ws, err := workspace.Load(dir)
	if err != nil {
		t.Fatal(err)
	}
	s := soa.Derive(ws, soa.Options{})
	var out finding.List
	for _, f := range s.Findings {
		switch f.Rule {
		case "yaml", "type", "vocabulary", "unknown-control", "duplicate-control", "duplicate-key", "unknown-key", "limit":
			out = append(out, f)
		}
	}
	return out, s
}

// titleBlock2022 is a consultant's 2022 template: a title block above the header, a
// dashboard sheet first with rows that look like SoA rows, clause rows between the controls,
// IDs in every spelling, line breaks in titles, and 5.10 that Excel made the number 5.1.
func titleBlock2022(t *testing.T) []xlsx.Sheet {
	dash := sheetSpec{name: "Dashboard", rows: [][]any{
		{"SoA dashboard"}, {"Control", "Status"},
		{"A.5.1", "Implemented"}, {"A.5.2", "Implemented"}, {"A.8.8", "In Progress"}, {"Total applicable", 88.0},
	}}
	rows := [][]any{
		{"Acme Ltd — Statement of Applicability"},
		{"Version 1.2 · Approved by the CISO"},
		{},
		{"Ref", "Control", "Applicable?", "Justification for inclusion / exclusion", "Implementation status", "Control owner", "Evidence", "Target date"},
		{"5 Organizational controls"},
		{"5.1", "Policies for information\nsecurity", "Yes", "Board mandate", "Implemented", "CISO", "POL-01\nPOL-02", nil},
		{"A.5.2", "Information security roles and responsibilities", "Y ", "RACI needed", "In Progress", "COO", nil, date(2027, 3, 31)},
		{"A.05.03", "Segregation of duties", "✓", "Four eyes", "Partially Implemented", "CTO", nil, "31.12.2026"},
		{"A 5.4", "Management responsibilities", "Applicable (Inherited)", "Group policy", "Done-ish", "CEO", nil, nil},
		{"5.5", "Contact with authorities", "No", "Handled by the group", "N/A", nil, nil, nil},
		{"A5.6", "Contact with special interest groups", "x", "Member of ISACA", "planned", "CISO", nil, "someday"},
		{5.1, "Acceptable use of information and other associated assets", "Yes", "AUP", "Implemented", "HR", nil, nil},
		{"OBJECTIVE: to manage assets"},
		{"5.99", "Not a control", "Yes"},
		{"A.5.2", "Information security roles and responsibilities", "No", "duplicate row"},
		{"8 Technological controls"},
		{"8.8", "Management of technical\nvulnerabilities", "Yes", "Scans", "Implemented", "SecOps", nil, nil},
	}
	return workbook(t, dash, sheetSpec{name: "SoA 2022", rows: rows, merges: []string{"A1:H1", "A2:H2", "A5:H5", "A13:H13", "A16:H16"}})
}

func TestTitleBlockAndDashboard(t *testing.T) {
	res, err := sheetimport.Import(titleBlock2022(t), sheetimport.Options{})
	if err != nil {
		t.Fatal(err)
	}
	if res.Sheet != "SoA 2022" || !slices.Equal(res.HeaderRows, []int{4}) || res.Numbering != sheetimport.N2022 {
		t.Errorf("sheet %q header %v numbering %s; want SoA 2022, [4], 2022", res.Sheet, res.HeaderRows, res.Numbering)
	}
	if got, want := columns(res), "A=id B=title C=applicable D=justification E=status F=owner G=evidence H=due"; got != want {
		t.Errorf("columns %s\nwant    %s", got, want)
	}
	if res.Rows != 8 {
		t.Errorf("rows read %d, want 8", res.Rows)
	}
	for _, tc := range []struct{ id, applicable, status, owner string }{
		{"5.1", "yes", "implemented", "CISO"},
		{"5.2", "yes", "partial", "COO"},
		{"5.3", "yes", "partial", "CTO"},
		{"5.4", "yes", "", "CEO"},
		{"5.5", "no", "", ""},
		{"5.6", "yes", "planned", "CISO"},
		{"5.10", "yes", "implemented", "HR"},
		{"8.8", "yes", "implemented", "SecOps"},
		{"5.7", "undecided", "", ""},
	} {
		d := decision(t, res, tc.id)
		if applicable(d) != tc.applicable || d.Status != tc.status || d.Owner != tc.owner {
			t.Errorf("%s: applicable %s status %q owner %q; want %s %q %q", tc.id, applicable(d), d.Status, d.Owner, tc.applicable, tc.status, tc.owner)
		}
	}
	if d := decision(t, res, "5.1"); !slices.Equal(d.Evidence, []string{"POL-01", "POL-02"}) || !hasComment(d, "'SoA 2022' row 6") {
		t.Errorf("5.1: evidence %q comments %q", d.Evidence, d.Comments)
	}
	if d := decision(t, res, "5.2"); label.Date(d.Due) != "2027-03-31" || d.Justification != "RACI needed" {
		t.Errorf("5.2: due %v justification %q (the first of the duplicate rows must win)", d.Due, d.Justification)
	}
	if d := decision(t, res, "5.3"); label.Date(d.Due) != "2026-12-31" {
		t.Errorf("5.3: due %v, want 2026-12-31 from 31.12.2026", d.Due)
	}
	if d := decision(t, res, "5.4"); !hasComment(d, `applicable in the source: "Applicable (Inherited)"`) || !hasComment(d, `"Done-ish"`) {
		t.Errorf("5.4 comments %q", d.Comments)
	}
	if d := decision(t, res, "5.7"); !hasComment(d, "not in the sheet") {
		t.Errorf("5.7 comments %q", d.Comments)
	}
	var unmapped []string
	for _, u := range res.Unmapped {
		unmapped = append(unmapped, fmt.Sprintf("%s %s %s", u.Ref, u.Field, u.Value))
	}
	if want := []string{"'SoA 2022'!E9 status Done-ish", "'SoA 2022'!H11 due someday"}; !slices.Equal(unmapped, want) {
		t.Errorf("unmapped %q, want %q", unmapped, want)
	}
	var skipped []string
	for _, s := range res.Skipped {
		skipped = append(skipped, fmt.Sprint(s.Row))
	}
	if got := strings.Join(skipped, " "); got != "13 14 15 16" {
		t.Errorf("skipped rows %s, want 13 14 15 16: %+v", got, res.Skipped)
	}
	if len(res.Notes) != 1 || !strings.Contains(res.Notes[0], "A.5.10") {
		t.Errorf("notes %q, want one on 5.1 read as 5.10", res.Notes)
	}
	if ff, _ := formFindings(t, res); len(ff) > 0 {
		t.Errorf("form findings after import:\n%v", ff)
	}
}

// iso2013 is a 2013-numbered workbook: IDs typed without "A." that Excel stored as dates,
// objective and clause rows in the ID column, a header over two rows with the reasons as
// tick columns (LR, CO, BR, BP, RRA) under a merged "Reasons for selection".
func iso2013(t testing.TB) []xlsx.Sheet { return workbookFrom(t, iso2013Bytes(t)) }

func iso2013Bytes(t testing.TB) []byte {
	rows := [][]any{
		{"ISO/IEC 27001:2013 — Statement of Applicability"},
		{"Control", "Title", "Applicable (Y/N)", "Justification", "Reasons for selection", nil, nil, nil, nil, "Status", "Owner"},
		{nil, nil, nil, nil, "LR", "CO", "BR", "BP", "RRA"},
	}
	clause, section := 0, 0
	for i, c := range annexa.All2013() {
		var n [3]int
		fmt.Sscanf(c.ID, "A.%d.%d.%d", &n[0], &n[1], &n[2])
		if n[0] != clause {
			rows = append(rows, []any{fmt.Sprintf("A.%d Clause heading", n[0])})
		}
		if n[0] != clause || n[1] != section {
			rows = append(rows, []any{fmt.Sprintf("A.%d.%d", n[0], n[1]), "Objective: heading of the section"})
		}
		clause, section = n[0], n[1]
		var id any = date(2000+n[0], n[1], n[2]) // Excel made a date of "11.2.5"
		if i%10 == 0 {
			id = c.ID
		}
		app, why, status := "Y", "Why "+c.ID, "Implemented"
		switch c.ID {
		case "A.11.2.3", "A.11.2.5":
			app, why, status = "N", "No premises ("+c.ID+")", ""
		case "A.18.1.5":
			status = "In Progress"
		}
		ticks := []any{"X", nil, nil, nil, "X"}
		if c.ID == "A.18.1.1" {
			ticks = []any{nil, "X", "X", nil, nil}
		}
		row := append([]any{id, c.Title, app, why}, ticks...)
		rows = append(rows, append(row, status, "CISO"))
	}
	return workbookBytes(t, sheetSpec{name: "Annex A", rows: rows, merges: []string{"A1:K1", "E2:I2", "A2:A3", "B2:B3", "C2:C3", "D2:D3", "J2:J3", "K2:K3"}})
}

func TestISO2013DateMangled(t *testing.T) {
	res, err := sheetimport.Import(iso2013(t), sheetimport.Options{})
	if err != nil {
		t.Fatal(err)
	}
	if res.Numbering != sheetimport.N2013 || !slices.Equal(res.HeaderRows, []int{2, 3}) || res.Rows != 114 {
		t.Fatalf("numbering %s header %v rows %d; want 2013, [2 3], 114", res.Numbering, res.HeaderRows, res.Rows)
	}
	if got, want := columns(res), "A=id B=title C=applicable D=justification E=legal F=contractual G=business H=best-practice I=risk J=status K=owner"; got != want {
		t.Errorf("columns %s\nwant    %s", got, want)
	}
	a, e, u := res.Counts()
	if a != 81 || e != 1 || u != 11 {
		t.Errorf("counts %d applicable, %d excluded, %d undecided; want 81, 1, 11", a, e, u)
	}
	d := decision(t, res, "5.1")
	if applicable(d) != "yes" || d.Justification != "A.5.1.1: Why A.5.1.1\nA.5.1.2: Why A.5.1.2" || !slices.Equal(d.Reasons, []string{"legal"}) || !hasComment(d, "A.5.1.1") || !hasComment(d, "A.5.1.2") {
		t.Errorf("5.1: %+v", d)
	}
	if d := decision(t, res, "7.12"); applicable(d) != "no" || d.Justification != "No premises (A.11.2.3)" {
		t.Errorf("7.12 (from A.11.2.3 only): %+v", d)
	}
	if d := decision(t, res, "7.10"); applicable(d) != "yes" || strings.Contains(d.Justification, "No premises") || !hasComment(d, "2013 A.11.2.5 was excluded") {
		t.Errorf("7.10 (A.8.3.1, A.8.3.3 and the excluded A.11.2.5): %+v", d)
	}
	if d := decision(t, res, "5.31"); d.Status != "partial" || !slices.Equal(d.Reasons, []string{"legal", "contractual", "business"}) || !hasComment(d, "statuses differ") {
		t.Errorf("5.31 (A.18.1.1 and A.18.1.5): status %q reasons %q comments %q", d.Status, d.Reasons, d.Comments)
	}
	if d := decision(t, res, "5.7"); applicable(d) != "undecided" || !hasComment(d, "new in ISO/IEC 27001:2022") {
		t.Errorf("5.7: %+v", d)
	}
	if d := decision(t, res, "5.16"); !hasComment(d, "risk assessment") {
		t.Errorf("5.16: the RRA tick must leave a comment: %q", d.Comments)
	}
	objectives := 0
	for _, s := range res.Skipped {
		if strings.Contains(s.Reason, "objective of the 2013 numbering") {
			objectives++
		}
	}
	if objectives != 35 {
		t.Errorf("%d objective rows skipped, want the 35 of the 2013 Annex A", objectives)
	}
	if ff, _ := formFindings(t, res); len(ff) > 0 {
		t.Errorf("form findings after import:\n%v", ff)
	}
}

// estonian has a header over two merged rows in a language soa does not know: only
// --column can say what the columns are.
func estonian(t *testing.T) []xlsx.Sheet {
	return workbook(t, sheetSpec{name: "Kohaldatavuse avaldus", rows: [][]any{
		{"Kontrollimeede", nil, "Otsus", nil, "Olek", "Vastutaja"},
		{"Tunnus", "Nimetus", "Kohaldatav", "Selgitus"},
		{"5.1", "Infoturbe poliitikad", "Jah", "Juhatuse otsus", "Umgesetzt", "CISO"},
		{"5.2", "Infoturbe rollid", "Jah", "Vajalik", "Teilweise", "COO"},
		{"7.12", "Kaablite turve", "Ei", "Ruume pole", "", ""},
	}, merges: []string{"A1:B1", "C1:D1", "E1:E2", "F1:F2"}})
}

func TestColumnOverride(t *testing.T) {
	res, err := sheetimport.Import(estonian(t), sheetimport.Options{})
	if err != nil {
		t.Fatal(err)
	}
	if got, want := columns(res), "A=id B=title"; got != want {
		t.Errorf("columns without --column %s, want %s (only Kontrollimeede is known)", got, want)
	}
	if d := decision(t, res, "5.1"); applicable(d) != "undecided" || d.Justification != "" {
		t.Fatalf("without --column the Estonian columns must not be guessed: %+v (columns %s)", d, columns(res))
	}
	res, err = sheetimport.Import(estonian(t), sheetimport.Options{Columns: map[sheetimport.Field]string{
		sheetimport.Applicable: "kohaldatav", sheetimport.Justification: "D", sheetimport.Status: "Olek", sheetimport.Owner: "F",
	}})
	if err != nil {
		t.Fatal(err)
	}
	if !slices.Equal(res.HeaderRows, []int{1, 2}) {
		t.Errorf("header rows %v, want [1 2]", res.HeaderRows)
	}
	if got, want := columns(res), "A=id B=title C=applicable D=justification E=status F=owner"; got != want {
		t.Errorf("columns %s, want %s", got, want)
	}
	for _, tc := range []struct{ id, applicable, justification, status, owner string }{
		{"5.1", "yes", "Juhatuse otsus", "implemented", "CISO"},
		{"5.2", "yes", "Vajalik", "partial", "COO"},
		{"7.12", "no", "Ruume pole", "", ""},
	} {
		d := decision(t, res, tc.id)
		if applicable(d) != tc.applicable || d.Justification != tc.justification || d.Status != tc.status || d.Owner != tc.owner {
			t.Errorf("%s: %+v", tc.id, d)
		}
	}
	_, err = sheetimport.Import(estonian(t), sheetimport.Options{Columns: map[sheetimport.Field]string{sheetimport.Status: "Staatus"}})
	if err == nil || !strings.Contains(err.Error(), "--column status=Staatus") {
		t.Errorf("unknown column: %v", err)
	}
	_, err = sheetimport.Import(estonian(t), sheetimport.Options{Sheet: "SoA"})
	if err == nil || !strings.Contains(err.Error(), `"Kohaldatavuse avaldus"`) {
		t.Errorf("unknown sheet: %v", err)
	}
}

// TestLanguages imports a CSV per language: headers and values in the organisation's
// language.
func TestLanguages(t *testing.T) {
	for _, tc := range []struct {
		lang, header, yes, no, done, partial string
	}{
		{"de", "Nr.;Maßnahme;Anwendbar;Begründung;Umsetzungsstatus;Verantwortlich", "Ja", "Nein", "Umgesetzt", "Teilweise umgesetzt"},
		{"fr", "Réf.;Mesure;Applicable;Justification;Statut;Responsable", "Oui", "Non", "Mis en œuvre", "En cours"},
		{"es", "ID;Control;Aplicable;Justificación;Estado;Responsable", "Sí", "No", "Implementado", "En progreso"},
		{"pl", "Nr;Zabezpieczenie;Stosowane;Uzasadnienie;Status wdrożenia;Właściciel", "Tak", "Nie", "Wdrożone", "W trakcie"},
		{"cs", "ID;Opatření;Použitelnost;Zdůvodnění;Stav;Vlastník", "Ano", "Ne", "Zavedeno", "Částečně zavedeno"},
		{"el", "Κωδ.;Έλεγχος;Εφαρμόζεται;Αιτιολόγηση;Κατάσταση;Υπεύθυνος", "Ναι", "Όχι", "Υλοποιημένο", "Μερικώς"},
		{"pt", "ID;Controlo;Aplicável;Justificação;Estado;Responsável", "Sim", "Não", "Implementado", "Em curso"},
	} {
		t.Run(tc.lang, func(t *testing.T) {
			csv := tc.header + "\n" +
				"A.5.1;Policies;" + tc.yes + ";Mandate;" + tc.done + ";Ana\n" +
				"A.5.2;Roles;" + tc.yes + " ;RACI;" + tc.partial + ";Bo\n" +
				"A.7.12;Cabling;" + tc.no + ";No premises;;\n"
			sheets, err := sheetimport.ReadCSV(strings.NewReader(csv), tc.lang)
			if err != nil {
				t.Fatal(err)
			}
			res, err := sheetimport.Import(sheets, sheetimport.Options{})
			if err != nil {
				t.Fatal(err)
			}
			if got, want := columns(res), "A=id B=title C=applicable D=justification E=status F=owner"; got != want {
				t.Errorf("columns %s, want %s", got, want)
			}
			for _, w := range []struct{ id, app, status, owner string }{{"5.1", "yes", "implemented", "Ana"}, {"5.2", "yes", "partial", "Bo"}, {"7.12", "no", "", ""}} {
				if d := decision(t, res, w.id); applicable(d) != w.app || d.Status != w.status || d.Owner != w.owner {
					t.Errorf("%s: %+v", w.id, d)
				}
			}
			if len(res.Unmapped) > 0 {
				t.Errorf("unmapped %+v", res.Unmapped)
			}
		})
	}
}

func TestCSVVocabularies(t *testing.T) {
	// Excel's UTF-8 CSV: a byte-order mark, commas, quoted line breaks.
	csv := "\ufeffControl ID,Control Name,Applicable,Reason for selection,Justification,Status\n" +
		"A.5.1,Policies,Y,\"Legal, Contractual\",Mandate,Implemented\n" +
		"A.5.2,Roles,X,BP / RRA,Needed,In Progress\n" +
		"A.5.3,\"Segregation\nof duties\",✓,Customer demand,Four eyes,Partially Implemented\n" +
		"A.5.4,Mgmt,Applicable (Inherited),BR,Group,N/A\n" +
		"A.5.5,Authorities,N,,Group does it,N/A\n" +
		"A.5.6,Groups,Y/N,,,\n" +
		"A.5.8,Projects,,,,\n" +
		"A.5.9,Inventory,,,,Not Started\n" +
		"A.5.11,Return,N/A,,Nothing lent,\n"
	sheets, err := sheetimport.ReadCSV(strings.NewReader(csv), "export")
	if err != nil {
		t.Fatal(err)
	}
	res, err := sheetimport.Import(sheets, sheetimport.Options{})
	if err != nil {
		t.Fatal(err)
	}
	for _, tc := range []struct {
		id, app string
		reasons []string
		status  string
	}{
		{"5.1", "yes", []string{"legal", "contractual"}, "implemented"},
		{"5.2", "yes", []string{"best-practice"}, "partial"},
		{"5.3", "yes", nil, "partial"},
		{"5.4", "yes", []string{"business"}, ""},
		{"5.5", "no", nil, ""},
		{"5.6", "undecided", nil, ""},
		{"5.8", "undecided", nil, ""},
		{"5.9", "undecided", nil, "not-implemented"},
		{"5.11", "no", nil, ""},
	} {
		d := decision(t, res, tc.id)
		if applicable(d) != tc.app || !slices.Equal(d.Reasons, tc.reasons) || d.Status != tc.status {
			t.Errorf("%s: applicable %s reasons %q status %q; want %s %q %q", tc.id, applicable(d), d.Reasons, d.Status, tc.app, tc.reasons, tc.status)
		}
	}
	if d := decision(t, res, "5.2"); !hasComment(d, "risk assessment") {
		t.Errorf("5.2: RRA must leave a comment: %q", d.Comments)
	}
	var unmapped []string
	for _, u := range res.Unmapped {
		unmapped = append(unmapped, u.Ref+" "+string(u.Field)+" "+u.Value)
	}
	if want := []string{"'export'!D4 reasons Customer demand", "'export'!C7 applicable Y/N"}; !slices.Equal(unmapped, want) {
		t.Errorf("unmapped %q, want %q", unmapped, want)
	}
	if ff, _ := formFindings(t, res); len(ff) > 0 {
		t.Errorf("form findings after import:\n%v", ff)
	}
}

func TestWindows1252Semicolons(t *testing.T) {
	// German Excel: semicolons, Windows-1252 (0xE4 ä, 0xFC ü).
	csv := []byte("ID;Ma\xdfnahme;Anwendbar;Begr\xfcndung\r\n5.1;Richtlinien;Ja;Vorgabe der Gesch\xe4ftsf\xfchrung\r\n")
	sheets, err := sheetimport.ReadCSV(strings.NewReader(string(csv)), "de")
	if err != nil {
		t.Fatal(err)
	}
	res, err := sheetimport.Import(sheets, sheetimport.Options{})
	if err != nil {
		t.Fatal(err)
	}
	if d := decision(t, res, "5.1"); d.Justification != "Vorgabe der Geschäftsführung" || applicable(d) != "yes" {
		t.Errorf("5.1: %+v", d)
	}
}

func TestISO2005ByTitle(t *testing.T) {
	rows := [][]any{{"Clause", "Control", "Applicable"}}
	for _, r := range [][2]string{
		{"A.10.1.1", "Documented operating procedures"}, // 2013 A.12.1.1, 2022 5.37
		{"A.10.2.1", "Service delivery"},                // no 2013 control of that title
		{"A.11.7.1", "Mobile computing and communications"},
		{"A.5.1.1", "Information security policy document"},
		{"A.12.6.1", "Control of technical vulnerabilities"},
	} {
		rows = append(rows, []any{r[0], r[1], "Yes"})
	}
	res, err := sheetimport.Import(workbook(t, sheetSpec{name: "ISO 27001 2022", rows: rows}), sheetimport.Options{})
	if err != nil {
		t.Fatal(err)
	}
	if res.Numbering != sheetimport.N2005 {
		t.Fatalf("numbering %s, want 2005 (A.10.2.1 and A.11.7.1 exist only in 2005)", res.Numbering)
	}
	if d := decision(t, res, "5.37"); applicable(d) != "yes" || !hasComment(d, "A.12.1.1") {
		t.Errorf("5.37 from 2005 A.10.1.1 via the 2013 title: %+v", d)
	}
	if d := decision(t, res, "8.8"); applicable(d) != "yes" {
		t.Errorf("8.8 from 2005 A.12.6.1 (Control of technical vulnerabilities ~ Management of technical vulnerabilities): %+v", d)
	}
	if len(res.Notes) != 1 || !strings.Contains(res.Notes[0], `"ISO 27001 2022" says 2022, but the IDs are numbered as in ISO/IEC 27001:2005`) {
		t.Errorf("notes %q, want one on the sheet name that says 2022", res.Notes)
	}
	if res.Rows != 3 || len(res.Skipped) != 2 {
		t.Errorf("rows %d skipped %+v; want 3 read, 2 skipped", res.Rows, res.Skipped)
	}
}

func TestNoControls(t *testing.T) {
	_, err := sheetimport.Import(workbook(t, sheetSpec{name: "Budget", rows: [][]any{{"Item", "Cost"}, {"Laptops", 1200.0}}}), sheetimport.Options{})
	var none *sheetimport.NoControlsError
	if !errors.As(err, &none) || !strings.Contains(err.Error(), `sheet "Budget": 2 rows, 0 distinct control IDs`) {
		t.Errorf("err = %v", err)
	}
}

func TestParseField(t *testing.T) {
	for in, want := range map[string]sheetimport.Field{"Status": sheetimport.Status, "target-date": sheetimport.Due, "best-practice": sheetimport.TickBestPractice, "RISK": sheetimport.TickRisk} {
		if got, err := sheetimport.ParseField(in); err != nil || got != want {
			t.Errorf("ParseField(%q) = %q, %v; want %q", in, got, err, want)
		}
	}
	if _, err := sheetimport.ParseField("colour"); err == nil || !strings.Contains(err.Error(), "applicable") {
		t.Errorf("ParseField(colour) error %v", err)
	}
}

// BenchmarkImport reads the 2013 workbook of iso2013 (114 controls in 166 rows) from its
// bytes, then imports it and writes controls.yaml: the work of soa import after reading the
// file.
func BenchmarkImport(b *testing.B) {
	data := iso2013Bytes(b)
	sheets := workbookFrom(b, data)
	b.Run("read", func(b *testing.B) {
		for b.Loop() {
			workbookFrom(b, data)
		}
	})
	b.Run("import+write", func(b *testing.B) {
		for b.Loop() {
			res, err := sheetimport.Import(sheets, sheetimport.Options{})
			if err != nil {
				b.Fatal(err)
			}
			if _, err = sheetimport.Write(res, "bench.xlsx", frame); err != nil {
				b.Fatal(err)
			}
		}
	})
}

// TestClauseRowBelowHeader: the clause row between the header and the first control
// ("A.5 | Information security policies") is not part of the header, whether the header
// is one row or two.
func TestClauseRowBelowHeader(t *testing.T) {
	controls := [][]any{
		{"A.5.1.1", "Policies for information security", "Yes", "Board mandate"},
		{"A.5.1.2", "Review of the policies for information security", "Yes", "Annual review"},
	}
	for _, tt := range []struct {
		name   string
		rows   [][]any
		merges []string
		header []int
		id     string
	}{
		{"one header row", [][]any{
			{"Control No.", "Control", "Applicable", "Justification"},
			{"A.5", "Information security policies"},
			{"A.5.1", "Management direction for information security"},
		}, nil, []int{1}, "Control No."},
		{"two header rows", [][]any{
			{"Statement of Applicability"},
			{"Control No.", "Control", "Decision", nil},
			{nil, nil, "Applicable", "Justification"},
			{"A.5 Information security policies", nil},
			{"Objective: management direction", "for information security"},
		}, []string{"A2:A3", "B2:B3", "C2:D2"}, []int{2, 3}, "Control No."},
	} {
		res, err := sheetimport.Import(workbook(t, sheetSpec{name: "SoA", rows: append(tt.rows, controls...), merges: tt.merges}), sheetimport.Options{})
		if err != nil {
			t.Fatalf("%s: %v", tt.name, err)
		}
		if !slices.Equal(res.HeaderRows, tt.header) || res.Columns[0].Header != tt.id {
			t.Errorf("%s: header rows %v, ID column %q; want %v, %q", tt.name, res.HeaderRows, res.Columns[0].Header, tt.header, tt.id)
		}
		if got, want := columns(res), "A=id B=title C=applicable D=justification"; got != want {
			t.Errorf("%s: columns %s, want %s", tt.name, got, want)
		}
		if d := decision(t, res, "5.1"); applicable(d) != "yes" {
			t.Errorf("%s: 5.1 %+v", tt.name, d)
		}
	}
}

// TestCSVApostrophe: the apostrophe that keeps Excel from converting a value ('5.10) goes;
// one that starts a text stays.
func TestCSVApostrophe(t *testing.T) {
	sheets, err := sheetimport.ReadCSV(strings.NewReader("ID,Justification,Due\n'5.10,'Need to know' applies to every system,'2027-01-31\n"), "q")
	if err != nil {
		t.Fatal(err)
	}
	row := sheets[0].Rows[1]
	for i, want := range []string{"5.10", "'Need to know' applies to every system", "2027-01-31"} {
		if row[i].Text != want {
			t.Errorf("cell %d: %q, want %q", i, row[i].Text, want)
		}
	}
	res, err := sheetimport.Import(sheets, sheetimport.Options{})
	if err != nil {
		t.Fatal(err)
	}
	if d := decision(t, res, "5.10"); d.Justification != "'Need to know' applies to every system" {
		t.Errorf("5.10 justification %q", d.Justification)
	}
}

// TestYAML11Booleans: a text that YAML 1.1 readers take for a boolean (an owner "No", a
// justification "yes") is quoted in controls.yaml, so PyYAML and yamllint read it as text.
func TestYAML11Booleans(t *testing.T) {
	sheets, err := sheetimport.ReadCSV(strings.NewReader("ID,Applicable,Justification,Owner,Implementation\n5.1,No,yes,No,on\n5.2,Yes,Needed,n,Off\n"), "b")
	if err != nil {
		t.Fatal(err)
	}
	res, err := sheetimport.Import(sheets, sheetimport.Options{})
	if err != nil {
		t.Fatal(err)
	}
	b, err := sheetimport.Write(res, "b.csv", frame)
	if err != nil {
		t.Fatal(err)
	}
	for _, want := range []string{`justification: "yes"`, `owner: "No"`, `implementation: "on"`, `owner: "n"`, `implementation: "Off"`, "applicable: false", "applicable: true"} {
		if !strings.Contains(string(b), "\n    "+want+"\n") {
			t.Errorf("controls.yaml lacks %q:\n%s", want, b[:min(len(b), 1500)])
		}
	}
	if fs, _ := formFindings(t, res); len(fs) > 0 {
		t.Errorf("findings about form: %v", fs)
	}
}

// frame is what soa import gives Write: the starter files' modeline and undecided block.
var frame = sheetimport.Frame{Modeline: templates.Modeline("controls"), Undecided: templates.Undecided}
