package soa

import (
	"fmt"
	"slices"
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
	switch {
	case len(s.Outdated) > 0:
		// The approvals as recorded, which the derived document shows as pending.
		recorded := d
		recorded.Approvals = s.Outdated
		out = append(out, StaleApprovals(recorded, dir)...)
	case !d.Approved():
		out = append(out, fmt.Sprintf("the document is not approved; once it is, record it: soa approve %s --by NAME --on YYYY-MM-DD", dir))
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
	sum := s.Summary.Combined()
	line := fmt.Sprintf("%s: %d applicable, %d excluded", s.Summary.Line(), sum.Applicable, sum.Excluded)
	if n := sum.Undecided; n > 0 {
		line += fmt.Sprintf(", %d undecided", n)
	}
	risks := text.Plural(len(s.Risks), "risk")
	if closed := s.ClosedRisks(); closed > 0 {
		risks += fmt.Sprintf(" (%d closed)", closed)
	}
	if !s.read(workspace.RisksFile) {
		risks = "risks not read"
	}
	return line + fmt.Sprintf("; %s; %s, %s", risks,
		text.Plural(s.Findings.Count(finding.Error), "error"), text.Plural(s.Findings.Count(finding.Warning), "warning"))
}

// ClosedRisks counts the risks of the register that are closed.
func (s *SoA) ClosedRisks() int {
	n := 0
	for _, r := range s.Risks {
		if r.Closed {
			n++
		}
	}
	return n
}

// RatedRisks counts the risks the heat maps hold: those of the register that are not closed.
func (s *SoA) RatedRisks() int { return len(s.Risks) - s.ClosedRisks() }

func (s *SoA) read(file string) bool { return !slices.Contains(s.Unread, file) }

// UnreadNote is the line soa check prints when files could not be read: the findings that
// depend on them are left out until they can be. It is "" when every file was read.
func (s *SoA) UnreadNote() string {
	if len(s.Unread) == 0 {
		return ""
	}
	verb, pron := "was", "it"
	if len(s.Unread) > 1 {
		verb, pron = "were", "them"
	}
	return fmt.Sprintf("%s %s not read: findings that depend on %s are left out until the errors above are fixed",
		text.JoinAnd(s.Unread), verb, pron)
}

// Status is "approved" when the document records an approval, else "draft".
func (s *SoA) Status() string {
	if s.Document.Approved() {
		return "approved"
	}
	return "draft"
}
