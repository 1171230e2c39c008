// Package soa holds the derived Statement of Applicability and every rule of clause 6.1.3 of
// ISO/IEC 27001:2022 that it is checked against. [Derive] takes a workspace read by
// soa/workspace and computes everything once: each control's state, reasons and selecting
// risks, the risks' scores and levels, the counts per theme and status, the heat maps, and
// the findings. Renderers (soa/xlsx, soa/pdf, soa/sheet) and versions (soa/version) read the
// result and never re-derive a rule.
//
// This package reads no environment and writes no file; it must not import its renderers,
// soa/version or soa/edit.
package soa

import (
	"fmt"
	"slices"
	"time"

	"github.com/soa-tool/soa/annexa"
	"github.com/soa-tool/soa/risk"
	"github.com/soa-tool/soa/soa/finding"
	"github.com/soa-tool/soa/soa/label"
	"github.com/soa-tool/soa/soa/workspace"
)

// The states of a control in the SoA.
const (
	StateApplicable = "applicable"
	StateExcluded   = "excluded"
	StateUndecided  = "undecided"
)

// Entry is the SoA's line for one control: the decision with the reasons and risks derived
// from the register.
type Entry struct {
	// Control is the Annex A control; for an additional control (Key set) only its Title is
	// set, and its Theme is [ThemeAdditional].
	Control annexa.Control
	// Key is an additional control's own ID (CLD.6.3.1) and Source where it comes from; both
	// are "" for an Annex A control.
	Key, Source string
	// State is StateApplicable, StateExcluded or StateUndecided. A control is decided when
	// applicable is given, or when a risk selects it.
	State      string
	Decided    bool // State is not StateUndecided
	Applicable bool
	// Reasons are the typed reasons in vocabulary order, then "risk" when a risk selects it.
	Reasons []string
	// Risks are the IDs of the risks whose treatment selects the control, in register order.
	Risks []string
	// Justification is as written, or for a control included only for risks, a sentence
	// naming them in English (JustificationDerived is then true, and JustificationRisks
	// names the risks: "R-01 Takeover of admin accounts"). Outputs word it with
	// [Entry.JustificationIn].
	Justification        string
	JustificationDerived bool
	JustificationRisks   []string
	Status               string // "" when excluded
	Owner                string
	Implementation       string
	Evidence             []string
	Due                  time.Time
	Review               time.Time
	// ProvidedBy names the supplier that delivers the control (an inherited control) and
	// Assurance what assures it; "" when the organisation operates it itself.
	ProvidedBy, Assurance string
	// SOC2 lists the SOC 2 Trust Services Criteria that cover the control (the crosswalk).
	SOC2 []string
}

// ThemeAdditional is the theme the outputs give controls beyond Annex A.
const ThemeAdditional annexa.Theme = "additional"

// ID gives the control's ID as the outputs show it: A.5.1, or an additional control's own.
func (e Entry) ID() string {
	if e.Key != "" {
		return e.Key
	}
	return e.Control.ID.String()
}

// JustificationIn is the justification in the language of l: as written, or for a control
// only risks select, the sentence naming them in that language.
func (e Entry) JustificationIn(l *label.Lang) string {
	if e.JustificationDerived {
		return l.SelectedToTreat(e.JustificationRisks)
	}
	return e.Justification
}

// IsAdditional reports whether the entry is a control beyond Annex A.
func (e Entry) IsAdditional() bool { return e.Key != "" }

// RiskEntry is a risk of the register with its scores and levels worked out.
type RiskEntry struct {
	workspace.Risk
	InherentScore, ResidualScore int
	InherentLevel, ResidualLevel string
	// InherentRank and ResidualRank are the indexes of the levels in Method.Levels, -1
	// when the score has none (renderers colour by them).
	InherentRank, ResidualRank int
	NeedsAcceptance            bool
	// Selects lists the controls the treatment selects, as the outputs show them: the Annex A
	// IDs then the additional ones; none for a closed risk.
	Selects []string
	// CurrentScore, CurrentLevel and CurrentRank are those of the rating today (Current);
	// they equal the residual's when no current rating is given.
	CurrentScore int
	CurrentLevel string
	CurrentRank  int
	// InterimExposure is true when the treatment is still open and the current score is
	// above the acceptance threshold while the target residual is within it: the risk is
	// carried above the criteria until the treatment is done.
	InterimExposure bool
	// StaleCurrent is the current rating given for a treatment already done: the risk then
	// stands at its residual (Current is the residual), and check reports a difference.
	StaleCurrent *risk.Rating
	// AcceptBy is the role that may accept the risk at its level (the level's accept_by);
	// "" when the owner may.
	AcceptBy string
	// Acceptance says in English how the risk stands against the acceptance criteria, as
	// soa.json carries it: "Within criteria (≤ 9)", "Accepted by CTO on 2026-10-06",
	// "Required, not recorded", with the interim exposure when there is one. The documents
	// word [SoA.AcceptanceOf] in their language.
	Acceptance string
}

// Counts are numbers of controls.
type Counts struct {
	Total, Applicable, Excluded, Undecided int
	// ByStatus counts applicable controls per status (keys from [Statuses]).
	ByStatus map[string]int
}

// Summary holds the SoA's counts, overall and per theme.
type Summary struct {
	Counts  // the 93 Annex A controls
	ByTheme map[annexa.Theme]Counts
	// Additional counts the controls beyond Annex A.
	Additional Counts
}

// Combined adds the additional controls' counts to the Annex A ones.
func (s Summary) Combined() Counts {
	c := Counts{Total: s.Total + s.Additional.Total, Applicable: s.Applicable + s.Additional.Applicable,
		Excluded: s.Excluded + s.Additional.Excluded, Undecided: s.Undecided + s.Additional.Undecided, ByStatus: map[string]int{}}
	for _, m := range []map[string]int{s.ByStatus, s.Additional.ByStatus} {
		for k, v := range m {
			c.ByStatus[k] += v
		}
	}
	return c
}

// Line is the count of controls as the summaries say it: "93 Annex A controls + 2
// additional", or "93 controls" when there are none beyond Annex A.
func (s Summary) Line() string {
	if s.Additional.Total == 0 {
		return fmt.Sprintf("%d controls", s.Total)
	}
	return fmt.Sprintf("%d Annex A controls + %d additional", s.Total, s.Additional.Total)
}

// HeatMap counts risks per cell: [likelihood-1][impact-1].
type HeatMap [][]HeatCell

// HeatCell is one cell of a heat map: the risks rated at its likelihood and impact, its score
// and the index of the score's level in Method.Levels (-1 when none).
type HeatCell struct {
	Count, Score, Rank int
}

// SoA is the derived Statement of Applicability that the renderers read.
type SoA struct {
	Document workspace.Document
	Method   risk.Method
	Controls []Entry // the 93 controls in catalogue order
	// Additional are the controls beyond Annex A, in the order of controls.yaml.
	Additional  []Entry
	Risks       []RiskEntry
	Summary     Summary
	Inherent    HeatMap
	Residual    HeatMap
	Current     HeatMap // the risks rated today; nil unless some risk gives a current rating
	Fingerprint string
	// Outdated are the approvals older than the newest history entry, as recorded: they
	// approved an earlier version, so Document shows them as pending and is a draft.
	Outdated []workspace.Approval
	// Date is the date the outputs carry (see [Options].Date).
	Date     time.Time
	Findings finding.List
	// Unread lists the workspace files that could not be read; the findings that depend on
	// them are left out (see [SoA.UnreadNote]).
	Unread []string

	riskIndex map[string]int
}

// Options steer [Derive].
type Options struct {
	// Today is the date that overdue and past review dates are judged against.
	Today time.Time
	// Date is the date the outputs carry. When zero, it is the newest date of the document
	// (approval or history), so that the same workspace always gives the same bytes; a
	// draft with neither is dated Today. The command sets it from SOURCE_DATE_EPOCH.
	Date time.Time
}

// outputDate is the date of [Options].Date when it is zero.
func outputDate(d workspace.Document, today time.Time) time.Time {
	t := d.ApprovedOn
	for _, h := range d.History {
		if h.Date.After(t) {
			t = h.Date
		}
	}
	if t.IsZero() {
		t = today
	}
	return t
}

// Derive runs every check on the workspace and builds the SoA. The SoA is built even when
// there are errors (for reporting); renderers must only be given one whose
// Findings.Err() is nil.
func Derive(ws *workspace.Workspace, opt Options) *SoA {
	date := opt.Date
	if date.IsZero() {
		date = outputDate(ws.Document, opt.Today)
	}
	s := &SoA{Document: ws.Document, Method: ws.Method.Method, Fingerprint: ws.Fingerprint, Date: date,
		Unread: ws.Unread}
	s.Findings = append(s.Findings, ws.Findings...)
	s.checkDocument(opt.Today)
	selected := s.scoreRisks(ws)
	s.Controls = make([]Entry, 0, len(annexa.All()))
	for _, c := range annexa.All() {
		if t, ok := ws.Titles[c.ID]; ok {
			c.Title = t
		}
		e := Entry{Control: c, Risks: selected[c.ID.String()], SOC2: annexa.SOC2(c.ID)}
		s.checkControl(ws, ws.Decisions[c.ID], &e, opt.Today)
		s.Controls = append(s.Controls, e)
	}
	for _, d := range ws.Additional {
		e := Entry{Control: annexa.Control{Title: d.Title, Theme: ThemeAdditional}, Key: d.Key, Source: d.Source,
			Risks: selected[d.Key]}
		s.checkControl(ws, d, &e, opt.Today)
		s.Additional = append(s.Additional, e)
	}
	for _, r := range s.Risks {
		s.checkRiskDates(r, opt.Today)
	}
	if ws.MethodOK {
		s.checkRisks(opt.Today)
	}
	s.checkPlan(ws)
	s.summarise()
	s.Findings.Sort()
	s.RiskByID("") // builds the index now: the renderers read s concurrently
	return s
}

// scoreRisks works out the risks' scores, levels and heat maps, and returns for each control
// (by its ID as [Entry.ID] gives it) the IDs of the open risks that select it. Closed risks
// select nothing and are not in the heat maps.
func (s *SoA) scoreRisks(ws *workspace.Workspace) map[string][]string {
	selected := map[string][]string{}
	m := ws.Method.Method
	if ws.MethodOK {
		s.Inherent, s.Residual = NewHeatMap(m), NewHeatMap(m)
		for _, r := range ws.Risks {
			if r.CurrentGiven && !r.Closed && !r.Treatment.Done() {
				s.Current = NewHeatMap(m)
				break
			}
		}
	}
	s.Risks = make([]RiskEntry, 0, len(ws.Risks))
	for _, r := range ws.Risks {
		var stale *risk.Rating
		if r.CurrentGiven && r.Treatment.Done() {
			given := r.Current
			stale, r.Current, r.CurrentGiven = &given, r.Residual, false
		}
		e := RiskEntry{Risk: r, InherentScore: r.Inherent.Score(), ResidualScore: r.Residual.Score(),
			CurrentScore: r.Current.Score(), InherentRank: -1, ResidualRank: -1, CurrentRank: -1, StaleCurrent: stale}
		if ws.MethodOK {
			e.InherentLevel, e.InherentRank = m.LevelName(e.InherentScore), m.LevelOf(e.InherentScore)
			e.ResidualLevel, e.ResidualRank = m.LevelName(e.ResidualScore), m.LevelOf(e.ResidualScore)
			e.CurrentLevel, e.CurrentRank = m.LevelName(e.CurrentScore), m.LevelOf(e.CurrentScore)
			e.NeedsAcceptance = r.NeedsAcceptance(m)
			e.InterimExposure = r.CurrentGiven && !r.Closed && !r.Treatment.Done() && !e.NeedsAcceptance && e.CurrentScore > m.Acceptance
			e.AcceptBy = m.AcceptBy(r.AcceptanceScore(m))
			e.Acceptance = label.English.Acceptance(acceptanceOf(e, m.Acceptance))
			if !r.Closed {
				s.Inherent.add(r.Inherent)
				s.Residual.add(r.Residual)
				if s.Current != nil {
					s.Current.add(r.Current)
				}
			}
		}
		if r.Closed {
			s.Risks = append(s.Risks, e)
			continue
		}
		for _, id := range r.Treatment.Controls {
			e.Selects = append(e.Selects, id.String())
		}
		e.Selects = append(e.Selects, r.Treatment.Additional...)
		s.Risks = append(s.Risks, e)
		for _, id := range e.Selects {
			// A risk naming a control twice is listed once.
			if ids := selected[id]; r.ID != "" && (len(ids) == 0 || ids[len(ids)-1] != r.ID) {
				selected[id] = append(ids, r.ID)
			}
		}
	}
	return selected
}

// NewHeatMap is an empty heat map for the method: every cell with its score and level, no risks.
func NewHeatMap(m risk.Method) HeatMap {
	h := make(HeatMap, len(m.Likelihood))
	for l := range h {
		h[l] = make([]HeatCell, len(m.Impact))
		for i := range h[l] {
			score := (l + 1) * (i + 1)
			h[l][i] = HeatCell{Score: score, Rank: m.LevelOf(score)}
		}
	}
	return h
}

func (h HeatMap) add(r risk.Rating) {
	if r.Likelihood >= 1 && r.Likelihood <= len(h) && r.Impact >= 1 && r.Impact <= len(h[0]) {
		h[r.Likelihood-1][r.Impact-1].Count++
	}
}

func (s *SoA) summarise() {
	s.Summary = Summary{Counts: newCounts(), ByTheme: map[annexa.Theme]Counts{}}
	for _, t := range annexa.Themes {
		s.Summary.ByTheme[t] = newCounts()
	}
	for _, e := range s.Controls {
		tc := s.Summary.ByTheme[e.Control.Theme]
		s.Summary.Counts.add(e)
		tc.add(e)
		s.Summary.ByTheme[e.Control.Theme] = tc
	}
	s.Summary.Additional = newCounts()
	for _, e := range s.Additional {
		s.Summary.Additional.add(e)
	}
}

func (c *Counts) add(e Entry) {
	c.Total++
	switch {
	case !e.Decided:
		c.Undecided++
	case e.Applicable:
		c.Applicable++
		if e.Status != "" {
			c.ByStatus[e.Status]++
		}
	default:
		c.Excluded++
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

// All returns the Annex A controls in catalogue order, then the additional controls.
func (s *SoA) All() []Entry {
	return append(slices.Clip(s.Controls), s.Additional...)
}

// Excluded returns the controls that are not applicable, in catalogue order, then the
// additional controls excluded.
func (s *SoA) Excluded() []Entry {
	var out []Entry
	for _, e := range s.All() {
		if e.Decided && !e.Applicable {
			out = append(out, e)
		}
	}
	return out
}
