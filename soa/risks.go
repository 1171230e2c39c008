package soa

import (
	"fmt"
	"strings"
	"time"

	"github.com/soa-tool/soa/risk"
	"github.com/soa-tool/soa/soa/label"
	"github.com/soa-tool/soa/soa/workspace"
)

// checkRisks reports the register's treatment and acceptance problems, judged on today's
// date. Problems of form (missing fields, values off the scale) are the loader's to report.
func (s *SoA) checkRisks(today time.Time) {
	l, m := &s.Findings, s.Method
	for _, r := range s.Risks {
		if r.Closed {
			continue // it treats and needs nothing; its record is what it was
		}
		opt := r.Treatment.Option
		if (opt == risk.Modify || opt == risk.Share) && len(r.Treatment.Controls) == 0 && !r.Treatment.ControlsGiven {
			l.Errorf(r.At("treatment"), "treatment-controls",
				"risk %s is treated with %q but names no controls; list the controls that treat it (Annex A or additional_controls) under treatment.controls", r.ID, opt)
		}
		if r.NeedsAcceptance && !r.Accepted() {
			why := fmt.Sprintf("its residual score %d is above the acceptance threshold %d", r.ResidualScore, m.Acceptance)
			if r.ResidualScore <= m.Acceptance {
				why = fmt.Sprintf("it is retained with an inherent score of %d, above the acceptance threshold %d", r.InherentScore, m.Acceptance)
			}
			who := "its owner's acceptance"
			if r.AcceptBy != "" {
				who = fmt.Sprintf("acceptance by the %s (accept_by of level %s)", r.AcceptBy, m.LevelName(r.AcceptanceScore(m)))
			}
			l.Errorf(r.At("accepted_by"), "acceptance",
				"risk %s needs %s: %s; add accepted_by and accepted_on (YYYY-MM-DD)", r.ID, who, why)
		} else if (r.AcceptedBy == "") != r.AcceptedOn.IsZero() {
			missing, key := "accepted_on", "accepted_by"
			if r.AcceptedBy == "" {
				missing, key = "accepted_by", "accepted_on"
			}
			l.Errorf(r.At(key), "acceptance", "risk %s records half an acceptance; add %s too", r.ID, missing)
		}
		if r.AcceptBy != "" && r.AcceptedBy != "" && !namesRole(r.AcceptedBy, r.AcceptBy) {
			l.Warnf(r.At("accepted_by"), "acceptance-authority",
				"risk %s is accepted by %q, but a residual risk at level %s is accepted by the %s (risk_method.levels accept_by); record the %s's acceptance, or correct the level",
				r.ID, r.AcceptedBy, m.LevelName(r.AcceptanceScore(m)), r.AcceptBy, r.AcceptBy)
		}
		s.checkCurrent(r)
		// A score of 0 is a rating the loader found missing or off the scale, and has reported.
		if r.ResidualGiven && r.InherentScore > 0 && r.ResidualScore > r.InherentScore {
			l.Warnf(r.At("residual"), "residual-above-inherent",
				"risk %s has a residual score %d above its inherent score %d; treatment should not raise a risk — check the ratings", r.ID, r.ResidualScore, r.InherentScore)
		}
		if due := r.Treatment.Due; !due.IsZero() && due.Before(today) && !r.Treatment.Done() {
			l.Warnf(r.At("treatment.due"), "overdue",
				"the treatment of risk %s was due on %s; record it as done (done_on: YYYY-MM-DD) or set a new date", r.ID, label.Date(due))
		}
		if r.Treatment.NeedsPlan() && r.Treatment.ApprovedOn.IsZero() {
			l.Warnf(r.At("treatment"), "plan-approval",
				"risk %s: the risk owner's approval of the treatment plan (6.1.3 f) is not recorded; once %s has approved it, add treatment.approved_on: YYYY-MM-DD", r.ID, orSomeone(r.Owner, "the owner"))
		}
	}
}

// checkRiskDates reports dates of the register that record something done but lie after
// today.
func (s *SoA) checkRiskDates(r RiskEntry, today time.Time) {
	for _, d := range []struct {
		key, what string
		on        time.Time
	}{
		{"accepted_on", "the acceptance of the residual risk", r.AcceptedOn},
		{"treatment.approved_on", "the approval of the treatment plan", r.Treatment.ApprovedOn},
		{"treatment.done_on", "the completion of the treatment", r.Treatment.DoneOn},
		{"closed_on", "the closure of the risk", r.ClosedOn},
	} {
		if d.on.After(today) {
			s.Findings.Errorf(r.At(d.key), "future-date",
				"risk %s: %s is dated %s, after today (%s); %s records something that has happened — give the date it did, or remove it until then",
				r.ID, d.what, label.Date(d.on), label.Date(today), d.key)
		}
	}
}

func orSomeone(name, someone string) string {
	if name == "" {
		return someone
	}
	return name
}

// checkCurrent reports a current rating that cannot be right: one that differs from the
// residual of a completed treatment (done, the risk is at its residual), and one above the
// inherent rating (the risk cannot be worse today than untreated).
func (s *SoA) checkCurrent(r RiskEntry) {
	if r.StaleCurrent != nil && *r.StaleCurrent != r.Residual {
		s.Findings.Warnf(r.At("current"), "current-after-done",
			"risk %s: the treatment was done on %s, so the risk stands at its residual %d×%d = %d, but current gives %d×%d = %d; remove current, or correct the residual or done_on",
			r.ID, label.Date(r.Treatment.DoneOn), r.Residual.Likelihood, r.Residual.Impact, r.ResidualScore,
			r.StaleCurrent.Likelihood, r.StaleCurrent.Impact, r.StaleCurrent.Score())
	}
	if r.CurrentGiven && r.InherentScore > 0 && r.CurrentScore > r.InherentScore {
		s.Findings.Warnf(r.At("current"), "current-above-inherent",
			"risk %s has a current score %d above its inherent score %d; the rating today cannot be worse than before any treatment — check the ratings", r.ID, r.CurrentScore, r.InherentScore)
	}
}

// namesRole reports whether who (an acceptance's accepted_by, "Dana Smith, CTO") names the
// role (a level's accept_by, "CTO"), as whole words and ignoring case.
func namesRole(who, role string) bool {
	role = strings.TrimSpace(role)
	if role == "" {
		return true
	}
	low, r := strings.ToLower(who), strings.ToLower(role)
	for from := 0; from < len(low); {
		i := strings.Index(low[from:], r)
		if i < 0 {
			return false
		}
		i += from
		if wholeWord(low, i, i+len(r)) {
			return true
		}
		from = i + len(r)
	}
	return false
}

// AcceptanceOf gives what the risk's acceptance cell says, for the outputs to word in their
// language (label.Lang.Acceptance); soa.json carries it in English.
func (s *SoA) AcceptanceOf(r RiskEntry) label.RiskAcceptance {
	return acceptanceOf(r, s.Method.Acceptance)
}

func acceptanceOf(r RiskEntry, threshold int) label.RiskAcceptance {
	a := label.RiskAcceptance{By: r.AcceptedBy, On: r.AcceptedOn, Closed: r.Closed, Needed: r.NeedsAcceptance,
		Authority: r.AcceptBy, Threshold: threshold}
	if r.InterimExposure {
		a.Interim = r.CurrentScore
	}
	return a
}

// checkPlan compares each open treatment with the controls it selects: a treatment whose
// controls are all implemented is done in fact (or the statuses are wrong), and a control
// due after the treatment that relies on it makes the treatment's date impossible to meet.
func (s *SoA) checkPlan(ws *workspace.Workspace) {
	byID := make(map[string]*Entry, len(s.Controls)+len(s.Additional))
	for i := range s.Controls {
		byID[s.Controls[i].ID()] = &s.Controls[i]
	}
	for i := range s.Additional {
		byID[s.Additional[i].ID()] = &s.Additional[i]
	}
	for _, r := range s.Risks {
		if r.Closed || r.Treatment.Done() {
			continue
		}
		ids := r.Selects
		implemented := len(ids) > 0
		for _, id := range ids {
			e := byID[id]
			if e == nil || !e.Applicable || e.Status != "implemented" {
				implemented = false
			}
			if e == nil || e.Due.IsZero() || r.Treatment.Due.IsZero() || !e.Due.After(r.Treatment.Due) || e.Status == "implemented" {
				continue
			}
			p := r.At("treatment.due")
			d := ws.Decisions[e.Control.ID]
			if e.IsAdditional() {
				d, _ = ws.AdditionalByKey(e.Key)
			}
			if d != nil {
				if dp, ok := d.Pos["due"]; ok {
					p = dp
				}
			}
			s.Findings.Warnf(p, "control-due-after-risk",
				"%s is due on %s, after the treatment of risk %s that selects it (due %s, %s); bring the control's date forward or move the treatment's due date",
				id, label.Date(e.Due), r.ID, label.Date(r.Treatment.Due), r.At("treatment.due"))
		}
		if implemented {
			where := r.At("treatment.due")
			s.Findings.Warnf(where, "plan-open-controls-implemented",
				"the treatment of risk %s is open, but every control it selects (%s) is implemented; record the date it was completed (treatment.done_on), or correct the controls' statuses",
				r.ID, strings.Join(ids, ", "))
		}
	}
}
