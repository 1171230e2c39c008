package annexa

import (
	"bytes"
	"encoding/json"
	"io"
	"strings"
	"testing"
)

func TestGuessDirection(t *testing.T) {
	tests := []struct {
		ids  []string
		want Direction
	}{
		{nil, FromISO},
		{[]string{"5.1"}, FromISO},
		{[]string{"A.9.2.1"}, FromISO},
		{[]string{"CC6.1"}, FromSOC2},
		{[]string{"cc 6.4", "5.1"}, FromSOC2},
		{[]string{"5.1", "CC6.1"}, FromISO},
		{[]string{"A1.2"}, FromSOC2}, // the availability criterion, not a control
		{[]string{"nonsense"}, FromISO},
	}
	for _, tt := range tests {
		if got := GuessDirection(tt.ids); got != tt.want {
			t.Errorf("GuessDirection(%q) = %s, want %s", tt.ids, got, tt.want)
		}
	}
}

// TestCrosswalkBothWays: both directions hold every pair of the crosswalk, with its fit, and
// notes exactly where there is no counterpart.
func TestCrosswalkBothWays(t *testing.T) {
	type pair struct{ iso, tsc string }
	collect := func(x *Crosswalk) map[pair]string {
		m := map[pair]string{}
		for _, g := range x.Groups {
			if (g.Note != "") != (len(g.Controls)+len(g.Criteria) == 0) || len(g.Full) != len(g.Controls)+len(g.Criteria) {
				t.Errorf("group %s%s: note %q with %d counterparts", g.Control.ID, g.Criterion.ID, g.Note, len(g.Full))
			}
			for i, cr := range g.Criteria {
				m[pair{g.Control.ID.String(), cr.ID}] = g.Fit(i)
			}
			for i, c := range g.Controls {
				m[pair{c.ID.String(), g.Criterion.ID}] = g.Fit(i)
			}
		}
		return m
	}
	iso, soc2 := collect(CrosswalkFromControls(All())), collect(CrosswalkFromCriteria(Criteria()))
	n := 0
	for _, c := range All() {
		for _, l := range SOC2Fit(c.ID) {
			n++
			p := pair{c.ID.String(), l.TSC}
			if iso[p] != l.Fit() || soc2[p] != l.Fit() {
				t.Errorf("%v: fit %q and %q, want %q", p, iso[p], soc2[p], l.Fit())
			}
		}
	}
	if len(iso) != n || len(soc2) != n {
		t.Errorf("%d and %d pairs, the crosswalk has %d", len(iso), len(soc2), n)
	}
}

func TestCrosswalkWriters(t *testing.T) {
	a57, _ := Lookup(ID{5, 32}) // no SOC 2 counterpart
	cc64, _ := LookupCriterion("CC6.4")
	for _, x := range []*Crosswalk{CrosswalkFromControls(All()), CrosswalkFromCriteria(Criteria()),
		CrosswalkFromControls([]Control{a57}), CrosswalkFromCriteria([]Criterion{cc64}), CrosswalkFromControls(nil)} {
		forms := map[string]func(io.Writer) error{
			"text": func(w io.Writer) error { return x.WriteText(w, 80) },
			"csv":  x.WriteCSV, "json": x.WriteJSON, "md": x.WriteMarkdown,
		}
		for name, write := range forms {
			var a, b bytes.Buffer
			if err := write(&a); err != nil {
				t.Fatal(err)
			}
			write(&b)
			if !bytes.Equal(a.Bytes(), b.Bytes()) {
				t.Errorf("%s %d groups %s: two renderings differ", x.From, len(x.Groups), name)
			}
		}
	}
	var b bytes.Buffer
	CrosswalkFromControls(nil).WriteJSON(&b)
	if b.String() != "[]\n" {
		t.Errorf("no groups: JSON %q, want []", b.String())
	}
	b.Reset()
	CrosswalkFromCriteria([]Criterion{cc64}).WriteJSON(&b)
	var pairs []map[string]any
	if err := json.Unmarshal(b.Bytes(), &pairs); err != nil || len(pairs) != len(ControlsFor("CC6.4")) {
		t.Fatalf("CC6.4: %d pairs, %v", len(pairs), err)
	}
	b.Reset()
	CrosswalkFromControls([]Control{a57}).WriteText(&b, 80)
	if flat := strings.Join(strings.Fields(b.String()), " "); !strings.Contains(flat, "A.5.32 none Intellectual property rights — No SOC 2 counterpart. Intellectual property") {
		t.Errorf("A.5.32: no \"none\" row:\n%s", b.String())
	}
}
