package soc2

import (
	"github.com/soa-tool/soa/annexa"
)

// Level is how far a SOC 2 program covers one Annex A control, judged on criteria: the
// crosswalk ([annexa.SOC2]) maps the control to the Trust Services Criteria that ask for some of
// what it does, and a program addresses a criterion when at least one of its controls lists it.
type Level int

// The levels, from none to full.
const (
	// NotCovered: the program addresses none of the control's criteria, or the control has no
	// SOC 2 counterpart at all ([annexa.NoSOC2]).
	NotCovered Level = iota
	// Partly: the control maps to several criteria and the program addresses some of them,
	// not all.
	Partly
	// Covered: the program addresses every criterion the control maps to.
	Covered
)

// Levels lists the levels from full to none, the order reports use.
var Levels = []Level{Covered, Partly, NotCovered}

func (l Level) String() string {
	switch l {
	case Covered:
		return "covered"
	case Partly:
		return "partly covered"
	}
	return "not covered"
}

// Key is the level's name in JSON and CSV: covered, partly, not-covered.
func (l Level) Key() string {
	switch l {
	case Covered:
		return "covered"
	case Partly:
		return "partly"
	}
	return "not-covered"
}

// Coverage is what a program does for one Annex A control.
type Coverage struct {
	Control annexa.Control
	Level   Level
	// Criteria are the criteria the crosswalk maps the control to; Met those the program
	// addresses and Missing the others. All three are in TSC order.
	Criteria, Met, Missing []string
	// By are the program's controls that address at least one of Criteria, in file order.
	By []*Control
	// NoSOC2 is why the control has no SOC 2 counterpart; empty when it has one.
	NoSOC2 string
}

// Cover returns the coverage of each of the 93 Annex A controls, in catalogue order. A control
// is [Covered] when the program addresses all its criteria, [Partly] covered when it addresses
// some but not all, and [NotCovered] when it addresses none or the control has no criteria.
func Cover(p *Program) []Coverage {
	met := map[string]bool{}
	for _, t := range p.Criteria() {
		met[t] = true
	}
	out := make([]Coverage, 0, len(annexa.All()))
	for _, c := range annexa.All() {
		cv := Coverage{Control: c, Criteria: annexa.SOC2(c.ID)}
		cv.NoSOC2, _ = annexa.NoSOC2(c.ID)
		for _, t := range cv.Criteria {
			if met[t] {
				cv.Met = append(cv.Met, t)
			} else {
				cv.Missing = append(cv.Missing, t)
			}
		}
		switch {
		case len(cv.Met) == 0:
			cv.Level = NotCovered
		case len(cv.Missing) == 0:
			cv.Level = Covered
		default:
			cv.Level = Partly
		}
		for i := range p.Controls {
			pc := &p.Controls[i]
			for _, t := range pc.Criteria {
				if contains(cv.Criteria, t) {
					cv.By = append(cv.By, pc)
					break
				}
			}
		}
		out = append(out, cv)
	}
	return out
}
