package soa

import (
	"fmt"
	"time"

	"github.com/soa-tool/soa/soa/finding"
	"github.com/soa-tool/soa/soa/label"
	"github.com/soa-tool/soa/soa/text"
	"github.com/soa-tool/soa/soa/workspace"
)

// ApprovalPredates reports whether an approval given on date would be older than the
// document's newest history entry, which it then cannot approve: an approval comes after the
// version it approves. It returns that entry.
func ApprovalPredates(d workspace.Document, on time.Time) (workspace.Revision, bool) {
	h, ok := d.NewestRevision()
	return h, ok && on.Before(h.Date)
}

// StaleApprovals says which approvals are older than the newest history entry: each then
// approved an earlier version, and a final document needs every approval for the current
// one. dir names the workspace in the advice.
func StaleApprovals(d workspace.Document, dir string) []string {
	var out []string
	for _, a := range d.Approvals {
		h, old := ApprovalPredates(d, a.On)
		if !old {
			continue
		}
		who, flag := a.By, fmt.Sprintf("--by %q", a.By)
		if a.Role != "" {
			who += " (" + a.Role + ")"
			flag += fmt.Sprintf(" --role %q", a.Role)
		}
		out = append(out, fmt.Sprintf("the approval by %s (%s) is older than the newest history entry (version %s of %s), so it approved an earlier version; record the approval of this one: soa approve %s %s",
			who, label.Date(a.On), h.Version, label.Date(h.Date), dir, flag))
	}
	return out
}

// FinalProblems says why the SoA may not be handed over as final (soa build --final), each
// with how to fix it: it must be approved, every approval no older than the newest history
// entry, next_review after today, and the checks clean of errors and warnings. dir names the
// workspace in the advice.
func (s *SoA) FinalProblems(dir string, today time.Time) []string {
	var out []string
	d := s.Document
	if !d.Approved() {
		out = append(out, fmt.Sprintf("the document is not approved; once it is, record it: soa approve %s --by NAME --on YYYY-MM-DD", dir))
	} else {
		out = append(out, StaleApprovals(d, dir)...)
	}
	switch {
	case d.NextReview.IsZero():
		out = append(out, "document.next_review is not set; give the date of the next review in isms.yaml (YYYY-MM-DD, after today)")
	case !d.NextReview.After(today):
		out = append(out, fmt.Sprintf("document.next_review (%s) is not in the future; set the date of the next review in isms.yaml", label.Date(d.NextReview)))
	}
	if n := len(s.Findings); n > 0 {
		out = append(out, fmt.Sprintf("soa check --strict is not clean: %s, %s (listed above); fix them — see soa check --strict %s",
			text.Plural(s.Findings.Count(finding.Error), "error"), text.Plural(s.Findings.Count(finding.Warning), "warning"), dir))
	}
	return out
}

// SummaryLine is the one-line account soa check ends with: "93 controls: 88 applicable, 5
// excluded; 22 risks; 0 errors, 1 warning".
func (s *SoA) SummaryLine() string {
	sum := s.Summary
	line := fmt.Sprintf("%d controls: %d applicable, %d excluded", sum.Total, sum.Applicable, sum.Excluded)
	if sum.Undecided > 0 {
		line += fmt.Sprintf(", %d undecided", sum.Undecided)
	}
	return line + fmt.Sprintf("; %s; %s, %s", text.Plural(len(s.Risks), "risk"),
		text.Plural(s.Findings.Count(finding.Error), "error"), text.Plural(s.Findings.Count(finding.Warning), "warning"))
}

// Status is "approved" when the document records an approval, else "draft".
func (s *SoA) Status() string {
	if s.Document.Approved() {
		return "approved"
	}
	return "draft"
}
