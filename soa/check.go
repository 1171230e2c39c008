package soa

import (
	"fmt"
	"math"
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
			"the approval is dated %s, after today (%s); an approval is recorded once it has been given — correct its date", label.Date(d.ApprovedOn), label.Date(today))
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
	s.checkApprovals()
	if d.Color != "" {
		if c := ContrastWithWhite(d.Color); c < MinContrast {
			s.Findings.Errorf(d.Pos["document.color"], "color",
				"document.color %s is too light for the white text of table headers (contrast %.1f:1, at least %.1f:1 needed); choose a darker colour, e.g. #17365D", d.Color, c, MinContrast)
		}
	}
}

// checkApprovals reports the approvals older than the newest history entry: they approved an
// earlier version. The derived document shows each as pending (its role kept) and is a draft
// until every approval is of the current version.
func (s *SoA) checkApprovals() {
	d := &s.Document
	h, ok := d.NewestRevision()
	if !ok {
		return
	}
	approvals := slices.Clone(d.Approvals)
	outdated := false
	for i, a := range approvals {
		if !a.On.Before(h.Date) {
			continue
		}
		who, flag := a.By, ""
		if a.Role != "" {
			who, flag = a.By+" ("+a.Role+")", fmt.Sprintf(" --role %q", a.Role)
		}
		s.Findings.Warnf(a.At, "approval-outdated",
			"the approval by %s on %s predates version %s of %s, so it approved an earlier version; the outputs show it as pending — record the approval of this version: soa approve --by NAME%s",
			who, label.Date(a.On), h.Version, label.Date(h.Date), flag)
		approvals[i] = workspace.Approval{Role: a.Role, At: a.At}
		s.Outdated = append(s.Outdated, a)
		outdated = true
	}
	if outdated {
		d.Approvals, d.ApprovedBy, d.ApprovedOn = approvals, "", time.Time{}
	}
}

// checkControl fills e from the workspace's decision d (nil when there is none) and reports
// its problems. Findings that a risk could have prevented (undecided, no basis) are left out
// when risks.yaml could not be read.
func (s *SoA) checkControl(ws *workspace.Workspace, d *workspace.Decision, e *Entry, today time.Time) {
	e.State = StateUndecided
	id := e.ID()
	// named is the ID and title; an additional control without its title (reported) has
	// only the ID.
	named := strings.TrimSpace(id + " " + e.Control.Title)
	// Only a finding needs it; built for every control, it cost a fifth of checking a large
	// register.
	selectedBy := func() string { return s.selectedBy(id, e.Risks) }
	risksRead := ws.Read(workspace.RisksFile)
	if d == nil && !ws.ControlsRead {
		return // controls.yaml could not be read; its findings say why
	}
	if d == nil {
		p := ws.ControlsPos
		msg := fmt.Sprintf("%s has no decision; add it under controls: with applicable: true and reasons, or applicable: false and a justification", named)
		if len(e.Risks) > 0 {
			msg = fmt.Sprintf("%s has no decision, but %s; add it under controls: with its status and owner", named, selectedBy())
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
		s.Findings.Errorf(d.Pos[""], "undecided", "%s is not decided: no risk selects it and applicable is not given; set applicable: true with reasons, or applicable: false with a justification", named)
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
				"%s is excluded, but %s; a control that treats a risk is applicable — set applicable: true, or change the treatment", named, selectedBy())
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
			"%s is applicable but no risk selects it and no reason is given; add reasons (%s) or select it in a risk's treatment", named, strings.Join(workspace.Reasons, ", "))
	case len(d.Reasons) > 0 && IsPlaceholder(d.Justification):
		s.Findings.Errorf(at("justification"), "justification",
			"%s is included for %s without a justification%s; say why it is needed", id, strings.Join(d.Reasons, ", "), placeholderNote(d.Justification))
	}
	if e.Justification == "" && len(e.Risks) > 0 {
		e.JustificationRisks = s.riskNames(e.Risks)
		e.Justification = label.English.SelectedToTreat(e.JustificationRisks)
		e.JustificationDerived = true
	}
	if d.Status == "" {
		why := ""
		if !d.Decided {
			why = " (" + selectedBy() + ")"
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
// "risk R-01 (risks.yaml:12:9) selects it". Past ten risks it counts the rest.
func (s *SoA) selectedBy(id string, risks []string) string {
	var parts []string
	for _, rid := range risks[:min(len(risks), 10)] {
		r, _ := s.RiskByID(rid)
		parts = append(parts, fmt.Sprintf("%s (%s)", rid, r.At("control "+id)))
	}
	if len(risks) > 10 {
		parts = append(parts, fmt.Sprintf("%d more", len(risks)-10))
	}
	if len(parts) == 1 {
		return "risk " + parts[0] + " selects it"
	}
	return "risks " + strings.Join(parts, ", ") + " select it"
}

// riskNames names risks with their titles ("R-01 Takeover of admin accounts"), for the
// justification of a control only risks select; past three risks [label.Lang.SelectedToTreat]
// gives their number instead.
func (s *SoA) riskNames(ids []string) []string {
	var parts []string
	for _, id := range ids {
		r, _ := s.RiskByID(id)
		parts = append(parts, strings.TrimSpace(id+" "+r.Title))
	}
	return parts
}

// MinContrast is the least contrast the brand colour must have with white, the colour of
// table header text: WCAG's 4.5:1 for normal text.
const MinContrast = 4.5

// ContrastWithWhite is the WCAG 2 contrast ratio of white on the colour #RRGGBB.
func ContrastWithWhite(hex string) float64 {
	var rgb [3]float64
	for i := range rgb {
		var v int
		fmt.Sscanf(hex[1+2*i:3+2*i], "%02x", &v)
		c := float64(v) / 255
		if c <= 0.04045 {
			c /= 12.92
		} else {
			c = math.Pow((c+0.055)/1.055, 2.4)
		}
		rgb[i] = c
	}
	l := 0.2126*rgb[0] + 0.7152*rgb[1] + 0.0722*rgb[2]
	return 1.05 / (l + 0.05)
}
