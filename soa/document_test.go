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
