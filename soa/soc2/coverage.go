package soc2

import (
	"github.com/soa-tool/soa/annexa"
)

// Level is how far a SOC 2 program covers one Annex A control, judged on criteria: the
// crosswalk ([annexa.SOC2Fit]) maps the control to the Trust Services Criteria that ask for some
// of what it does, each with a fit, and a program addresses a criterion when at least one of its
// controls lists it.
type Level int

// The levels, from none to full.
const (
	// NotCovered: the program addresses none of the control's criteria, or the control has no
	// SOC 2 counterpart at all ([annexa.NoSOC2]).
	NotCovered Level = iota
	// Partly: the program addresses some of the control's criteria, not all; or all of them,
	// but each only touches the control's subject (every link partial), so meeting them is no
	// evidence the control itself is in place.
	Partly
	// Covered: the program addresses every criterion the control maps to, and at least one of
	// them asks for essentially what the control does (a full link).
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
	// Full are the criteria whose link to the control is full, in TSC order; empty for a
	// control the TSC address only in general.
	Full []string
	// By are the program's controls that address at least one of Criteria, in file order.
	By []*Control
	// NoSOC2 is why the control has no SOC 2 counterpart; empty when it has one.
	NoSOC2 string
	// Beyond says, for a control whose links are all partial, what its criteria ask for and
	// what ISO/IEC 27001 expects beyond them; empty otherwise.
	Beyond string
}

// OnlyPartial reports whether the control has criteria but every link is partial: a program
// can then cover it at most partly.
func (cv Coverage) OnlyPartial() bool { return len(cv.Criteria) > 0 && len(cv.Full) == 0 }

// Cover returns the coverage of each of the 93 Annex A controls, in catalogue order. A control
// is [Covered] when the program addresses all its criteria and at least one of the addressed
// links is full; [Partly] covered when it addresses some but not all, or all of them through
// partial links only; and [NotCovered] when it addresses none or the control has no criteria.
func Cover(p *Program) []Coverage {
	met := map[string]bool{}
	for _, t := range p.Criteria() {
		met[t] = true
	}
	out := make([]Coverage, 0, len(annexa.All()))
	for _, c := range annexa.All() {
		cv := Coverage{Control: c, Criteria: annexa.SOC2(c.ID), Beyond: beyond[c.ID]}
		cv.NoSOC2, _ = annexa.NoSOC2(c.ID)
		fullMet := false
		for _, l := range annexa.SOC2Fit(c.ID) {
			if l.Full {
				cv.Full = append(cv.Full, l.TSC)
			}
			if met[l.TSC] {
				cv.Met = append(cv.Met, l.TSC)
				fullMet = fullMet || l.Full
			} else {
				cv.Missing = append(cv.Missing, l.TSC)
			}
		}
		switch {
		case len(cv.Met) == 0:
			cv.Level = NotCovered
		case len(cv.Missing) == 0 && fullMet:
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
