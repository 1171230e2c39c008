package soa

import (
	"fmt"
	"time"

	"github.com/soa-tool/soa/risk"
	"github.com/soa-tool/soa/soa/label"
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
			l.Errorf(r.At("accepted_by"), "acceptance",
				"risk %s needs its owner's acceptance: %s; add accepted_by and accepted_on (YYYY-MM-DD)", r.ID, why)
		} else if (r.AcceptedBy == "") != r.AcceptedOn.IsZero() {
			missing, key := "accepted_on", "accepted_by"
			if r.AcceptedBy == "" {
				missing, key = "accepted_by", "accepted_on"
			}
			l.Errorf(r.At(key), "acceptance", "risk %s records half an acceptance; add %s too", r.ID, missing)
		}
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
