package soa

import (
	"fmt"
	"slices"
	"strings"
	"time"
	"unicode"

	"github.com/soa-tool/soa/soa/finding"
	"github.com/soa-tool/soa/soa/label"
	"github.com/soa-tool/soa/soa/workspace"
)

// placeholders are justifications that say nothing; compared after folding case and dropping
// everything but letters, digits, '/', '?' and '-'.
var placeholders = []string{"", "n/a", "na", "-", "--", "---", "?", "??", "tbd", "tbc", "tba", "todo",
	"to-do", "fixme", "xxx", "x", "none", "null", "nil", "n-a", "placeholder", "justification",
	"fillin", "fill-in", "seeabove", "sameasabove", "notapplicable", "notrelevant", "na/na", "lorem ipsum", "loremipsum", "..."}

// IsPlaceholder reports whether a justification is empty or a placeholder such as N/A or TBD.
func IsPlaceholder(s string) bool {
	f := strings.Map(func(r rune) rune {
		switch {
		case unicode.IsLetter(r) || unicode.IsDigit(r):
			return unicode.ToLower(r)
		case r == '/' || r == '?' || r == '-' || r == '.':
			return r
		}
		return -1
	}, s)
	// "n.a." and "TBD." are the placeholders with their dots.
	return slices.Contains(placeholders, f) || slices.Contains(placeholders, strings.ReplaceAll(f, ".", "")) ||
		strings.Trim(f, "-.?/") == ""
}

func (s *SoA) checkDocument(today time.Time) {
	d := s.Document
	if d.ApprovedOn.After(today) {
		s.Findings.Warnf(d.Pos["document.approved_on"], "future-date",
			"the approval is dated %s, after today (%s); an approval is recorded once it has been given — correct approved_on", label.Date(d.ApprovedOn), label.Date(today))
	}
	for i, h := range d.History {
		if h.Date.After(today) {
			s.Findings.Warnf(d.Pos[fmt.Sprintf("document.history[%d]", i)], "future-date",
				"history entry %s is dated %s, after today (%s); correct its date", h.Version, label.Date(h.Date), label.Date(today))
		}
	}
	if !d.NextReview.IsZero() && d.NextReview.Before(today) {
		s.Findings.Warnf(d.Pos["document.next_review"], "review-overdue",
			"the document's next review (%s) has passed; review the SoA and set a new next_review", label.Date(d.NextReview))
	}
}

// checkControl fills e from the workspace's decision d (nil when there is none) and reports
// its problems. Findings that a risk could have prevented (undecided, no basis) are left out
// when risks.yaml could not be read.
func (s *SoA) checkControl(ws *workspace.Workspace, d *workspace.Decision, e *Entry, today time.Time) {
	e.State = StateUndecided
	id, title := e.ID(), e.Control.Title
	selectedBy := s.selectedBy(id, e.Risks)
	risksRead := ws.Read(workspace.RisksFile)
	if d == nil && !ws.ControlsRead {
		return // controls.yaml could not be read; its findings say why
	}
	if d == nil {
		p := ws.ControlsPos
		msg := fmt.Sprintf("%s %s has no decision; add it under controls: with applicable: true and reasons, or applicable: false and a justification", id, title)
		if len(e.Risks) > 0 {
			msg = fmt.Sprintf("%s %s has no decision, but %s; add it under controls: with its status and owner", id, title, selectedBy)
		}
		if ws.ControlsPos.File != "" && risksRead {
			s.Findings.Errorf(p, "undecided", "%s", msg)
		}
		return
	}
	at := func(key string) finding.Pos {
		if p, ok := d.Pos[key]; ok {
			return p
		}
		return d.Pos[""]
	}
	e.Justification, e.Owner, e.Implementation = d.Justification, d.Owner, d.Implementation
	e.Evidence, e.Due, e.Review = d.Evidence, d.Due, d.Review
	e.ProvidedBy, e.Assurance = d.ProvidedBy, d.Assurance
	if _, given := d.Pos["applicable"]; given && !d.Decided && d.ApplicableBad {
		return // the type error is reported; guessing a decision would only add noise
	}
	switch {
	case d.Decided:
		e.Applicable = d.Applicable
	case len(e.Risks) > 0:
		e.Applicable = true
	case !risksRead:
		return // a risk of the unread register may select it
	default:
		s.Findings.Errorf(d.Pos[""], "undecided", "%s %s is not decided: no risk selects it and applicable is not given; set applicable: true with reasons, or applicable: false with a justification", id, title)
		return
	}
	e.Decided = true
	e.State = StateApplicable
	if !e.Applicable {
		e.State = StateExcluded
	}
	if !d.Review.IsZero() && d.Review.Before(today) {
		s.Findings.Warnf(at("review"), "decision-review-overdue", "%s: the decision was due for review on %s; review it and set a new review date", id, label.Date(d.Review))
	}
	if !e.Applicable {
		if len(e.Risks) > 0 {
			s.Findings.Errorf(at("applicable"), "excluded-but-selected",
				"%s %s is excluded, but %s; a control that treats a risk is applicable — set applicable: true, or change the treatment", id, title, selectedBy)
		}
		if IsPlaceholder(d.Justification) {
			s.Findings.Errorf(at("justification"), "justification",
				"%s is excluded without a justification%s; say why the control is not needed (clause 6.1.3 d), e.g. \"No software is developed in-house or outsourced\"", id, placeholderNote(d.Justification))
		}
		if d.Status != "" {
			s.Findings.Warnf(at("status"), "excluded-with-status", "%s is excluded but carries status %q; remove the status, or include the control", id, d.Status)
		}
		if d.Implementation != "" || len(d.Evidence) > 0 {
			key, what := "implementation", "an implementation"
			switch {
			case d.Implementation != "" && len(d.Evidence) > 0:
				what = "an implementation and evidence"
			case d.Implementation == "":
				key, what = "evidence", "evidence"
			}
			s.Findings.Warnf(at(key), "excluded-with-implementation",
				"%s is excluded but still describes %s; remove them, or include the control if it is in place", id, what)
		}
		if cue := SupplierCue(d.Justification); cue != "" {
			s.Findings.Warnf(at("justification"), "exclusion-by-supplier",
				"%s is excluded because a supplier is responsible for it (%q): a control a supplier delivers is applicable and inherited — set applicable: true, with provided_by naming the supplier and assurance saying what assures it (e.g. its SOC 2 report)", id, cue)
		}
		return
	}
	e.Reasons = slices.Clone(d.Reasons)
	slices.SortFunc(e.Reasons, func(a, b string) int { return slices.Index(workspace.Reasons, a) - slices.Index(workspace.Reasons, b) })
	if len(e.Risks) > 0 {
		e.Reasons = append(e.Reasons, workspace.ReasonRisk)
	}
	if d.Status != "?" {
		e.Status = d.Status
	}
	switch {
	case len(d.Reasons) == 0 && len(e.Risks) == 0 && risksRead:
		s.Findings.Errorf(at("applicable"), "no-basis",
			"%s %s is applicable but no risk selects it and no reason is given; add reasons (%s) or select it in a risk's treatment", id, title, strings.Join(workspace.Reasons, ", "))
	case len(d.Reasons) > 0 && IsPlaceholder(d.Justification):
		s.Findings.Errorf(at("justification"), "justification",
			"%s is included for %s without a justification%s; say why it is needed", id, strings.Join(d.Reasons, ", "), placeholderNote(d.Justification))
	}
	if e.Justification == "" && len(e.Risks) > 0 {
		e.Justification = "Selected to treat " + s.riskList(e.Risks) + "."
		e.JustificationDerived = true
	}
	if d.Status == "" {
		why := ""
		if !d.Decided {
			why = " (" + selectedBy + ")"
		}
		where := "applicable"
		if _, ok := d.Pos["status"]; ok {
			where = "status"
		}
		s.Findings.Errorf(at(where), "status",
			"%s is applicable%s but has no status; add status: %s", id, why, strings.Join(workspace.Statuses, " | "))
	}
	if d.Owner == "" {
		s.Findings.Warnf(at("applicable"), "no-owner", "%s is applicable but has no owner; name who is responsible for it", id)
	}
	if e.Status != "" && e.Status != "implemented" {
		if d.Due.IsZero() {
			s.Findings.Warnf(at("status"), "no-due", "%s is %s but has no due date; add due: YYYY-MM-DD, the target date", id, e.Status)
		} else if d.Due.Before(today) {
			s.Findings.Warnf(at("due"), "overdue", "%s is %s and was due on %s; update the status or set a new due date", id, e.Status, label.Date(d.Due))
		}
	}
}

func placeholderNote(j string) string {
	if strings.TrimSpace(j) == "" {
		return ""
	}
	return fmt.Sprintf(" (%q is a placeholder)", j)
}

// selectedBy describes the risks that select a control, pointing at where each names it:
// "risk R-01 (risks.yaml:12:9) selects it".
func (s *SoA) selectedBy(id string, risks []string) string {
	var parts []string
	for _, rid := range risks {
		r, _ := s.RiskByID(rid)
		parts = append(parts, fmt.Sprintf("%s (%s)", rid, r.At("control "+id)))
	}
	if len(parts) == 1 {
		return "risk " + parts[0] + " selects it"
	}
	return "risks " + strings.Join(parts, ", ") + " select it"
}

// riskList names risks with their titles: "R-01 Takeover of admin accounts and R-04 …"; past
// three risks it gives their number and points at the Related risks column.
func (s *SoA) riskList(ids []string) string {
	if len(ids) > 3 {
		return fmt.Sprintf("%d risks (see related risks)", len(ids))
	}
	var parts []string
	for _, id := range ids {
		r, _ := s.RiskByID(id)
		parts = append(parts, strings.TrimSpace(id+" "+r.Title))
	}
	if len(parts) <= 1 {
		return strings.Join(parts, "")
	}
	return strings.Join(parts[:len(parts)-1], ", ") + " and " + parts[len(parts)-1]
}
