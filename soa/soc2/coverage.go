package soc2

import (
	"slices"

	"github.com/soa-tool/soa/annexa"
)

// Level is how far a SOC 2 program covers one Annex A control, judged on the program controls
// tied to it ([Attach]) and the fit of their criteria's links to it ([annexa.SOC2Fit]).
type Level int

// The levels, from none to full.
const (
	// NotCovered: no program control that counts is tied to the control, or the control has
	// no SOC 2 counterpart at all ([annexa.NoSOC2]).
	NotCovered Level = iota
	// Partly: the tied program controls miss a criterion whose link is full; or every link is
	// partial (the criteria only touch the control's subject), so meeting them is no evidence
	// the control itself is in place.
	Partly
	// Covered: the tied program controls meet every criterion whose link is full (there is at
	// least one), or the export's own ISO mapping ties them to the control.
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
	// Criteria are the criteria the crosswalk maps the control to; Met those its program
	// controls (By) address, and Missing those with a full fit they do not address: what the
	// control still needs. All three are in TSC order.
	Criteria, Met, Missing []string
	// Full are the criteria whose link to the control is full, in TSC order; empty for a
	// control the TSC address only in general.
	Full []string
	// By are the program's controls that implement the control, best first: those [Attach]
	// chooses, with the details in Attached.
	By       []*Control
	Attached []Match
	// Related are the other program controls that share a criterion with the control but are
	// not about it, in file order.
	Related []Match
	// ByISO is true when the export's own ISO/IEC 27001 mapping chose one of By.
	ByISO bool
	// NoSOC2 is why the control has no SOC 2 counterpart; empty when it has one.
	NoSOC2 string
	// Beyond says, for a control whose links are all partial, what its criteria ask for and
	// what ISO/IEC 27001 expects beyond them; empty otherwise.
	Beyond string
}

// OnlyPartial reports whether the control has criteria but every link is partial: a program
// can then cover it at most partly.
func (cv Coverage) OnlyPartial() bool { return len(cv.Criteria) > 0 && len(cv.Full) == 0 }

// Cover returns the coverage of each of the 93 Annex A controls, in catalogue order, judged on
// the program controls [Attach] ties to it; those with status planned or not applicable count
// for nothing. A control is [NotCovered] when no counting program control is tied to it. When
// the export's own ISO mapping ties one to it, it is otherwise [Covered]. Without, it is [Covered] when its
// program controls address every criterion whose link to it is full (and it has one), and
// [Partly] covered when they miss one of those, or when all its links are partial: criteria
// that only touch its subject, such as CC6.5 for physical entry, are not asked of the program
// controls that implement it.
func Cover(p *Program) []Coverage {
	out := make([]Coverage, 0, len(annexa.All()))
	for _, c := range annexa.All() {
		cv := Coverage{Control: c, Criteria: annexa.SOC2(c.ID), Beyond: beyond[c.ID]}
		cv.NoSOC2, _ = annexa.NoSOC2(c.ID)
		cv.Attached, cv.Related = Attach(p, c.ID)
		met := map[string]bool{}
		counting := false
		for _, m := range cv.Attached {
			cv.By = append(cv.By, m.Control)
			cv.ByISO = cv.ByISO || slices.Contains(m.Control.ISO, c.ID)
			if m.Control.counts() {
				counting = true
				for _, t := range m.Control.Criteria {
					met[t] = true
				}
			}
		}
		for _, l := range annexa.SOC2Fit(c.ID) {
			switch {
			case l.Full && !met[l.TSC]:
				cv.Full = append(cv.Full, l.TSC)
				cv.Missing = append(cv.Missing, l.TSC)
			case l.Full:
				cv.Full = append(cv.Full, l.TSC)
				cv.Met = append(cv.Met, l.TSC)
			case met[l.TSC]:
				cv.Met = append(cv.Met, l.TSC)
			}
		}
		switch {
		case !counting:
			cv.Level = NotCovered
		case cv.ByISO || len(cv.Full) > 0 && len(cv.Missing) == 0:
			cv.Level = Covered
		default:
			cv.Level = Partly
		}
		out = append(out, cv)
	}
	return out
}

// Status is the status a first controls.yaml proposes: implemented for a covered control whose
// program controls are all implemented (or give no status), partial for a partly covered one
// or when one of them is in progress, planned for a control covered by planned program
// controls only, and empty for a control nothing implements.
func (cv Coverage) Status() string {
	planned, partial := false, false
	for _, pc := range cv.By {
		switch pc.Status {
		case StatusPlanned:
			planned = true
		case StatusPartial:
			partial = true
		}
	}
	switch {
	case cv.Level == NotCovered && planned:
		return StatusPlanned
	case cv.Level == NotCovered:
		return ""
	case cv.Level == Partly || partial:
		return StatusPartial
	}
	return StatusImplemented
}
