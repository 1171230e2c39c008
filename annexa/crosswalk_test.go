package annexa

import (
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
