package soa

import (
	"fmt"
	"os"
	"strconv"
	"strings"
	"time"

	"github.com/soa-tool/soa/annexa"
	"github.com/soa-tool/soa/risk"
	"github.com/soa-tool/soa/soa/finding"
)

// Entry is the SoA's line for one control: the decision with the reasons and risks derived
// from the register.
type Entry struct {
	Control    annexa.Control
	Decided    bool // the workspace decides it (applicable given, or selected by a risk)
	Applicable bool
	// Reasons are the typed reasons in vocabulary order, then "risk" when a risk selects it.
	Reasons []string
	// Risks are the IDs of the risks whose treatment selects the control, in register order.
	Risks []string
	// Justification is as written, or for a control included only for risks, a sentence
	// naming them (JustificationDerived is then true).
	Justification        string
	JustificationDerived bool
	Status               string // "" when excluded
	Owner                string
	Implementation       string
	Evidence             []string
	Due                  time.Time
	Review               time.Time
	// SOC2 lists the SOC 2 Trust Services Criteria that cover the control (the crosswalk).
	SOC2 []string
}

// RiskEntry is a risk of the register with its scores and levels worked out.
type RiskEntry struct {
	risk.Risk
	InherentScore, ResidualScore int
	InherentLevel, ResidualLevel string
	NeedsAcceptance              bool
}

// Counts are numbers of controls.
type Counts struct {
	Total, Applicable, Excluded int
	// ByStatus counts applicable controls per status (keys from [Statuses]).
	ByStatus map[string]int
}

// Summary holds the SoA's counts, overall and per theme.
type Summary struct {
	Counts
	ByTheme map[annexa.Theme]Counts
}

// HeatMap counts risks per cell: [likelihood-1][impact-1].
type HeatMap [][]int

// SoA is the derived Statement of Applicability that the renderers read.
type SoA struct {
	Document    Document
	Method      risk.Method
	Controls    []Entry // the 93 controls in catalogue order
	Risks       []RiskEntry
	Summary     Summary
	Inherent    HeatMap
	Residual    HeatMap
	Fingerprint string
	// Date is the date the outputs carry (see [OutputDate]).
	Date     time.Time
	Findings finding.List
	// Changes, when set (soa build --since), are the changes since a previous version.
	Changes *Changes

	riskIndex map[string]int
}

// Options steer [Derive].
type Options struct {
	// Today is the date that overdue and past review dates are judged against.
	Today time.Time
}

// Today returns the current date, or the date of SOURCE_DATE_EPOCH when it is set.
func Today() (time.Time, error) {
	if t, ok, err := sourceDateEpoch(); ok || err != nil {
		return t, err
	}
	now := time.Now().UTC()
	return time.Date(now.Year(), now.Month(), now.Day(), 0, 0, 0, 0, time.UTC), nil
}

func sourceDateEpoch() (time.Time, bool, error) {
	s := os.Getenv("SOURCE_DATE_EPOCH")
	if s == "" {
		return time.Time{}, false, nil
	}
	n, err := strconv.ParseInt(s, 10, 64)
	if err != nil || n < 0 {
		return time.Time{}, false, fmt.Errorf("SOURCE_DATE_EPOCH=%q is not a number of seconds since 1970; unset it or give e.g. SOURCE_DATE_EPOCH=$(date +%%s)", s)
	}
	return time.Unix(n, 0).UTC(), true, nil
}

// OutputDate is the date written into output files: SOURCE_DATE_EPOCH when set, else the
// newest date of the document (approval or history), else 1980-01-01, so that the same
// workspace always gives the same bytes.
func OutputDate(d Document) (time.Time, error) {
	if t, ok, err := sourceDateEpoch(); ok || err != nil {
		return t, err
	}
	t := d.ApprovedOn
	for _, h := range d.History {
		if h.Date.After(t) {
			t = h.Date
		}
	}
	if t.IsZero() {
		t = time.Date(1980, 1, 1, 0, 0, 0, 0, time.UTC)
	}
	return t, nil
}

// Derive runs every check on the workspace and builds the SoA. The SoA is built even when
// there are errors (for reporting); renderers must only be given one whose
// Findings.Err() is nil.
func Derive(ws *Workspace, opt Options) (*SoA, error) {
	date, err := OutputDate(ws.Document)
	if err != nil {
		return nil, err
	}
	s := &SoA{Document: ws.Document, Method: ws.Method, Fingerprint: ws.Fingerprint, Date: date}
	s.Findings = append(s.Findings, ws.Findings...)
	if ws.methodOK {
		s.Findings = append(s.Findings, risk.Check(ws.Risks, ws.Method, opt.Today)...)
	}
	s.checkDocument(opt.Today)
	selected := s.scoreRisks(ws)
	s.Controls = make([]Entry, 0, len(annexa.All()))
	for _, c := range annexa.All() {
		e := Entry{Control: c, Risks: selected[c.ID], SOC2: annexa.SOC2(c.ID)}
		s.checkControl(ws, &e, opt.Today)
		s.Controls = append(s.Controls, e)
	}
	s.summarise()
	s.Findings.Sort()
	return s, nil
}

// scoreRisks works out the risks' scores, levels and heat maps, and returns for each control
// the IDs of the risks that select it.
func (s *SoA) scoreRisks(ws *Workspace) map[annexa.ID][]string {
	selected := map[annexa.ID][]string{}
	n, m := len(ws.Method.Likelihood), len(ws.Method.Impact)
	if ws.methodOK {
		s.Inherent, s.Residual = newHeatMap(n, m), newHeatMap(n, m)
	}
	for _, r := range ws.Risks {
		e := RiskEntry{Risk: r, InherentScore: r.Inherent.Score(), ResidualScore: r.Residual.Score()}
		if ws.methodOK {
			e.InherentLevel = ws.Method.LevelName(e.InherentScore)
			e.ResidualLevel = ws.Method.LevelName(e.ResidualScore)
			e.NeedsAcceptance = r.NeedsAcceptance(ws.Method)
			s.Inherent.add(r.Inherent)
			s.Residual.add(r.Residual)
		}
		s.Risks = append(s.Risks, e)
		for _, id := range r.Treatment.Controls {
			// A risk naming a control twice is listed once.
			if ids := selected[id]; r.ID != "" && (len(ids) == 0 || ids[len(ids)-1] != r.ID) {
				selected[id] = append(ids, r.ID)
			}
		}
	}
	return selected
}

func newHeatMap(n, m int) HeatMap {
	h := make(HeatMap, n)
	for i := range h {
		h[i] = make([]int, m)
	}
	return h
}

func (h HeatMap) add(r risk.Rating) {
	if r.Likelihood >= 1 && r.Likelihood <= len(h) && r.Impact >= 1 && r.Impact <= len(h[0]) {
		h[r.Likelihood-1][r.Impact-1]++
	}
}

func (s *SoA) summarise() {
	s.Summary = Summary{Counts: newCounts(), ByTheme: map[annexa.Theme]Counts{}}
	for _, t := range annexa.Themes {
		s.Summary.ByTheme[t] = newCounts()
	}
	for _, e := range s.Controls {
		tc := s.Summary.ByTheme[e.Control.Theme]
		for _, c := range []*Counts{&s.Summary.Counts, &tc} {
			c.Total++
			if !e.Decided {
				continue
			}
			if e.Applicable {
				c.Applicable++
				if e.Status != "" {
					c.ByStatus[e.Status]++
				}
			} else {
				c.Excluded++
			}
		}
		s.Summary.ByTheme[e.Control.Theme] = tc
	}
}

func newCounts() Counts { return Counts{ByStatus: map[string]int{}} }

// RiskByID returns the risk with the given ID.
func (s *SoA) RiskByID(id string) (RiskEntry, bool) {
	if s.riskIndex == nil {
		s.riskIndex = make(map[string]int, len(s.Risks))
		for i, r := range s.Risks {
			if _, dup := s.riskIndex[r.ID]; !dup {
				s.riskIndex[r.ID] = i
			}
		}
	}
	i, ok := s.riskIndex[id]
	if !ok {
		return RiskEntry{}, false
	}
	return s.Risks[i], true
}

// Excluded returns the controls that are not applicable, in catalogue order.
func (s *SoA) Excluded() []Entry {
	var out []Entry
	for _, e := range s.Controls {
		if e.Decided && !e.Applicable {
			out = append(out, e)
		}
	}
	return out
}

// DateString formats a date as YYYY-MM-DD, or "" for the zero time.
func DateString(t time.Time) string {
	if t.IsZero() {
		return ""
	}
	return t.Format(time.DateOnly)
}

// StatusTitle gives a status as people read it: "Not implemented".
func StatusTitle(s string) string {
	if s == "" {
		return ""
	}
	s = strings.ReplaceAll(s, "-", " ")
	return strings.ToUpper(s[:1]) + s[1:]
}
