package main

import (
	"fmt"
	"os"
	"path/filepath"
	"strings"
	"testing"
)

// TestCheckAuditorRules breaks the example as a stage 1 review found it broken, one rule at a
// time, and checks that soa check names the rule at the line and column of the value to fix.
func TestCheckAuditorRules(t *testing.T) {
	checkToday(t)
	dir := t.TempDir()
	tests := []struct {
		name  string
		edits map[string][][2]string
		file  string // where the finding points: the file and a marker, '|' at the position
		at    string
		want  string // the rest of the finding line, as soa check prints it
	}{
		{"exclusion by supplier", map[string][][2]string{"controls.yaml": {{"      No secure areas are defined:", "      Secure areas are provided by AWS. No secure areas are defined:"}}},
			"controls.yaml", "  A.7.6:\n    applicable: false\n    |justification",
			`warning: A.7.6 is excluded because a supplier is responsible for it ("provided by"): a control a supplier delivers is applicable and inherited — set applicable: true, with provided_by naming the supplier and assurance saying what assures it (e.g. its SOC 2 report) [exclusion-by-supplier]`},
		{"acceptance authority", map[string][][2]string{"risks.yaml": {{"    accepted_by: Zoë Łukasiewicz, CISO\n    accepted_on: 2026-10-06\n  - id: R-06", "    accepted_by: Head of Platform Engineering\n    accepted_on: 2026-10-06\n  - id: R-06"}}},
			"risks.yaml", "    |accepted_by: Head of Platform Engineering",
			`warning: risk R-05 is accepted by "Head of Platform Engineering", but a residual risk at level High is accepted by the CISO (risk_method.levels accept_by); record the CISO's acceptance, or correct the level [acceptance-authority]`},
		{"open treatment with every control implemented", map[string][][2]string{"risks.yaml": {{"controls: [A.5.37, A.5.2, A.5.29]", "controls: [A.5.2, A.5.29]"}}},
			"risks.yaml", "pairing on the bank connectors.\n      |due: 2027-01-29",
			`warning: the treatment of risk R-07 is open, but every control it selects (A.5.2, A.5.29) is implemented; record the date it was completed (treatment.done_on), or correct the controls' statuses [plan-open-controls-implemented]`},
		{"control due after the risk", map[string][][2]string{"risks.yaml": {{"      due: 2027-05-31\n      approved_on: 2026-10-06\n    current: {likelihood: 3, impact: 4}", "      due: 2027-01-28\n      approved_on: 2026-10-06\n    current: {likelihood: 3, impact: 4}"}}},
			"controls.yaml", "A full regional failover test has not yet been performed.\n    evidence:\n      - POL-06 Business Continuity and DR Plan v2\n      - DR runbook\n      - Restore test report 2026-Q3\n    |due: 2027-05-31",
			`warning: A.5.30 is due on 2027-05-31, after the treatment of risk R-23 that selects it (due 2027-01-28, `},
		{"current above inherent", map[string][][2]string{"risks.yaml": {{"current: {likelihood: 3, impact: 3}\n    residual: {likelihood: 2, impact: 3}", "current: {likelihood: 4, impact: 4}\n    residual: {likelihood: 2, impact: 3}"}}},
			"risks.yaml", "    |current: {likelihood: 4, impact: 4}",
			`warning: risk R-07 has a current score 16 above its inherent score 12; the rating today cannot be worse than before any treatment — check the ratings [current-above-inherent]`},
		{"current on a completed treatment", map[string][][2]string{"risks.yaml": {{"      done_on: 2026-03-20\n", "      done_on: 2026-03-20\n    current: {likelihood: 2, impact: 5}\n"}}},
			"risks.yaml", "      done_on: 2026-03-20\n    |current: {likelihood: 2, impact: 5}",
			`warning: risk R-01: the treatment was done on 2026-03-20, so the risk stands at its residual 1×5 = 5, but current gives 2×5 = 10; remove current, or correct the residual or done_on [current-after-done]`},
		{"descriptions for every level", map[string][][2]string{"isms.yaml": {{"    - Several times a year\n", ""}}},
			"isms.yaml", "  |likelihood_descriptions:",
			`error: risk_method.likelihood_descriptions has 4 descriptions for 5 levels; give one description per level, lowest first [method]`},
	}
	for i, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			name := "ws" + string(rune('a'+i))
			ws := checkWorkspace(t, dir, name, tt.edits)
			b, err := os.ReadFile(filepath.Join(ws, tt.file))
			if err != nil {
				t.Fatal(err)
			}
			pre, post, _ := strings.Cut(tt.at, "|")
			text := string(b)
			if strings.Count(text, pre+post) != 1 {
				t.Fatalf("%s holds the marker %q %d times", tt.file, tt.at, strings.Count(text, pre+post))
			}
			off := strings.Index(text, pre+post) + len(pre)
			line := strings.Count(text[:off], "\n") + 1
			col := off - strings.LastIndexByte(text[:off], '\n')
			out, _, _ := checkCLI(t, dir, "check", "--strict", name)
			want := fmt.Sprintf("%s/%s:%d:%d: %s", name, tt.file, line, col, tt.want)
			if !strings.Contains(out, want) {
				t.Errorf("soa check does not say\n%s\nit says:\n%s", want, out)
			}
			if strings.Count(out, "\n") != 2 {
				t.Errorf("one finding and the summary expected:\n%s", out)
			}
		})
	}
}

// TestDiffDateSlips checks what soa diff says of the 2025 and 2026 examples' due dates: the
// slips in days, and the residual lowered while the treatment's date moved later.
func TestDiffDateSlips(t *testing.T) {
	out, _, code := runCLI(t, "diff", old2025, new2026)
	if code != 0 {
		t.Fatalf("exit %d", code)
	}
	for _, want := range []string{
		"; 13 date slips (due dates moved later);",
		"\nDate slips (13)\n  A.5.13 Labelling of information: 2026-06-30 → 2027-06-30 (365 days later)\n",
		"\n  R-11 Backup failure preventing recovery of customer data: 2026-03-31 → 2027-05-31 (426 days later)\n" +
			"    note: residual lowered from 10 to 5 while the treatment's due date moved 426 days later (2026-03-31 → 2027-05-31): the target is not reached yet — check the current rating\n",
		"    note: acceptance lapsed: the target residual score 5 is within the criteria (≤ 9), but the current score 10 is above them until the treatment is done\n",
		"\nEvidence and review dates rolled over (44)\n",
	} {
		if !strings.Contains(out, want) {
			t.Errorf("soa diff does not say %q", want)
		}
	}
	// For people at a terminal the sides keep their paths.
	if !strings.HasPrefix(out, "Changes from ../../examples/acme-saas-2025, version 1.1 to ../../examples/acme-saas, version 2.0\n") {
		t.Errorf("the first line is %q", strings.SplitN(out, "\n", 2)[0])
	}
}
