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
		opt := r.Treatment.Option
		if (opt == risk.Modify || opt == risk.Share) && len(r.Treatment.Controls) == 0 && !r.Treatment.ControlsGiven {
			l.Errorf(r.At("treatment"), "treatment-controls",
				"risk %s is treated with %q but names no controls; list the Annex A controls that treat it under treatment.controls", r.ID, opt)
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
		if due := r.Treatment.Due; !due.IsZero() && due.Before(today) {
			l.Warnf(r.At("treatment.due"), "overdue",
				"the treatment of risk %s was due on %s; record it as done (remove due) or set a new date", r.ID, label.Date(due))
		}
	}
}
