package soa_test

import (
	"math"
	"strings"
	"testing"
	"time"

	"github.com/soa-tool/soa/soa"
	"github.com/soa-tool/soa/soa/soatest"
	"github.com/soa-tool/soa/soa/workspace"
)

func TestContrastWithWhite(t *testing.T) {
	for _, c := range []struct {
		hex  string
		want float64
	}{{"#000000", 21}, {"#FFFFFF", 1}, {"#17365D", 12.19}, {"#767676", 4.54}, {"#FFC000", 1.64}} {
		if got := soa.ContrastWithWhite(c.hex); math.Abs(got-c.want) > 0.05 {
			t.Errorf("%s: %.2f, want %.2f", c.hex, got, c.want)
		}
	}
}

// TestRuleColor checks that a brand colour too light for white header text is an error at
// document.color, and a dark one is accepted.
func TestRuleColor(t *testing.T) {
	for _, c := range []struct {
		color string
		bad   bool
	}{{"#5B2C83", false}, {"#FFC000", true}} {
		dir := soatest.Edited(t, "acme-saas", map[string][][2]string{workspace.ISMSFile: {
			{"  owner: Zoë Łukasiewicz, CISO\n", "  owner: Zoë Łukasiewicz, CISO\n  color: \"" + c.color + "\"\n"}}})
		s := soatest.Derive(t, dir)
		err := s.Findings.Err()
		if c.bad != (err != nil && strings.Contains(err.Error(), "isms.yaml:20:3: error: document.color "+c.color+" is too light for the white text")) {
			t.Errorf("%s: findings %v", c.color, err)
		}
	}
}

// TestStaleApprovals checks the --final rule: every approval must be dated on or after the
// newest history entry; each older one is named with the command that renews it.
func TestStaleApprovals(t *testing.T) {
	s := soatest.Valid(t, soatest.Example("acme-saas"))
	if p := soa.StaleApprovals(s.Document, "ws"); len(p) != 0 {
		t.Errorf("the example's approvals are current, got %q", p)
	}
	d := s.Document
	d.Approvals = append([]workspace.Approval{{By: "Zoë Łukasiewicz", Role: "CISO", On: time.Date(2026, 10, 1, 0, 0, 0, 0, time.UTC)}}, d.Approvals[1:]...)
	p := soa.StaleApprovals(d, "ws")
	want := `the approval by Zoë Łukasiewicz (CISO) (2026-10-01) is older than the newest history entry (version 2.0 of 2026-10-06), so it approved an earlier version; record the approval of this one: soa approve ws --by "Zoë Łukasiewicz" --role "CISO"`
	if len(p) != 1 || p[0] != want {
		t.Errorf("got %q\nwant %q", p, want)
	}
}

// TestOutdatedApproval: an approval older than the newest history entry approved an earlier
// version. soa check warns at its date; the derived document shows it as pending, with its
// role, and is a draft, so no output presents the new version as approved.
func TestOutdatedApproval(t *testing.T) {
	dir := soatest.Edited(t, "acme-saas", map[string][][2]string{workspace.ISMSFile: {
		{"role: CEO, on: 2026-10-15}", "role: CEO, on: 2026-10-01}"}}})
	s := soatest.Derive(t, dir)
	var got []string
	for _, f := range s.Findings {
		if f.Rule == "approval-outdated" {
			got = append(got, f.String())
		}
	}
	want := "isms.yaml:25:41: warning: the approval by Siobhán O'Connor (CEO) on 2026-10-01 predates version 2.0 of 2026-10-06"
	if len(got) != 1 || !strings.Contains(got[0], want) {
		t.Errorf("findings %q, want one containing %q", got, want)
	}
	d := s.Document
	if d.Approved() || s.Status() != "draft" || len(d.Approvals) != 2 || d.Approvals[0].By != "Zoë Łukasiewicz" ||
		d.Approvals[1].By != "" || d.Approvals[1].Role != "CEO" || !d.Approvals[1].On.IsZero() {
		t.Errorf("derived document: approved %v, status %s, approvals %+v", d.Approved(), s.Status(), d.Approvals)
	}
	if len(s.Outdated) != 1 || s.Outdated[0].By != "Siobhán O'Connor" {
		t.Errorf("outdated %+v", s.Outdated)
	}
	if current := soatest.Valid(t, soatest.Example("acme-saas")); !current.Document.Approved() || len(current.Outdated) != 0 {
		t.Error("the example's current approvals are outdated")
	}
}
