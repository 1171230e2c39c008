package annexa

// This file holds look-ups in the crosswalk of soc2.go, in either direction, and their table,
// CSV, JSON and Markdown forms as soa crosswalk prints them.

// Direction is the side of the crosswalk a look-up starts from.
type Direction string

// The directions of a look-up; the values are those of soa crosswalk --from.
const (
	FromISO  Direction = "iso27001" // Annex A controls to the criteria covering them
	FromSOC2 Direction = "soc2"     // criteria to the Annex A controls they cover
)

// GuessDirection is [FromSOC2] when the first of ids is a criterion and not an Annex A control
// (CC6.1, but not 5.1), else [FromISO].
func GuessDirection(ids []string) Direction {
	if len(ids) > 0 {
		if _, err := Resolve(ids[0]); err != nil {
			if _, err := ResolveCriterion(ids[0]); err == nil {
				return FromSOC2
			}
		}
	}
	return FromISO
}

// Crosswalk is a look-up in the crosswalk: one group per looked-up control or criterion, in
// the order given. Build it with [CrosswalkFromControls] or [CrosswalkFromCriteria].
type Crosswalk struct {
	From   Direction
	Groups []CrosswalkGroup
}

// CrosswalkGroup is one looked-up ID with its counterparts: a control and the criteria that
// cover it, or a criterion and the controls it covers.
type CrosswalkGroup struct {
	Control   Control     // the looked-up control, from [FromISO]
	Criterion Criterion   // the looked-up criterion, from [FromSOC2]
	Controls  []Control   // the counterparts of a criterion
	Criteria  []Criterion // the counterparts of a control
	Full      []bool      // the fit of each pair, parallel to Controls or Criteria
	Note      string      // why there is no counterpart; empty when there is one
}

// Fit is the fit of the group's i-th pair: [FitFull] or [FitPartial].
func (g CrosswalkGroup) Fit(i int) string {
	if g.Full[i] {
		return FitFull
	}
	return FitPartial
}

// CrosswalkFromControls looks up the criteria covering each control of list, in order. A
// control without any has a Note saying why.
func CrosswalkFromControls(list []Control) *Crosswalk {
	x := &Crosswalk{From: FromISO}
	for _, c := range list {
		g := CrosswalkGroup{Control: c}
		for _, l := range SOC2Fit(c.ID) {
			cr, _ := LookupCriterion(l.TSC)
			g.Criteria = append(g.Criteria, cr)
			g.Full = append(g.Full, l.Full)
		}
		if len(g.Criteria) == 0 {
			reason, _ := NoSOC2(c.ID)
			g.Note = "No SOC 2 counterpart. " + reason
		}
		x.Groups = append(x.Groups, g)
	}
	return x
}

// CrosswalkFromCriteria looks up the controls each criterion of list covers, in order. A
// criterion without any has a Note saying so.
func CrosswalkFromCriteria(list []Criterion) *Crosswalk {
	x := &Crosswalk{From: FromSOC2}
	for _, cr := range list {
		g := CrosswalkGroup{Criterion: cr}
		for _, id := range ControlsFor(cr.ID) {
			c, _ := Lookup(id)
			l, _ := FitOf(id, cr.ID)
			g.Controls = append(g.Controls, c)
			g.Full = append(g.Full, l.Full)
		}
		if len(g.Controls) == 0 {
			g.Note = "No Annex A counterpart in the crosswalk."
		}
		x.Groups = append(x.Groups, g)
	}
	return x
}
