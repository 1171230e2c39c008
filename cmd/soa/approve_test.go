package main

import (
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/soa-tool/soa/soa/soatest"
)

func TestApprove(t *testing.T) {
	t.Setenv("SOURCE_DATE_EPOCH", epoch26Nov27)
	dir := soatest.Copy(t, "acme-saas")
	if _, errs, code := runCLI(t, "release", dir, "--version", "2.1", "--changes", "Quarterly review"); code != 0 {
		t.Fatal(errs)
	}
	path := filepath.Join(dir, "isms.yaml")
	tests := []struct {
		args   []string
		code   int
		stderr string
	}{
		{nil, 2, "--by is required"},
		{[]string{"--by", "CEO", "--on", "27/11/2026"}, 2, `--on "27/11/2026" is not a date; write it YYYY-MM-DD`},
		{[]string{"--by", "CEO", "--on", "2026-11-26"}, 2, "soa: 2026-11-26 is before the newest history entry (version 2.1 of 2026-11-27): an approval comes after the version it approves\nsoa: give --on 2026-11-27 or later"},
		{[]string{"--by", "CEO", "--on", "2026-11-30"}, 2, "soa: --on 2026-11-30 is in the future: record an approval once it has been given (today is 2026-11-27)"},
	}
	for _, tt := range tests {
		_, errs, code := runCLI(t, append([]string{"approve", dir}, tt.args...)...)
		if code != tt.code || !strings.Contains(errs, tt.stderr) {
			t.Errorf("approve %v: exit %d, %q, want %q", tt.args, code, errs, tt.stderr)
		}
	}
	out, errs, code := runCLI(t, "approve", dir, "--by", "Siobhán O'Connor, CEO")
	want := "--- " + path + "\n+++ " + path + "\n@@ -19,0 +20,2 @@\n+  approved_by: Siobhán O'Connor, CEO\n+  approved_on: 2026-11-27\n" +
		"approval of version 2.1 recorded: Siobhán O'Connor, CEO, 2026-11-27\n"
	if code != 0 || out != want {
		t.Errorf("exit %d, stderr %q, output:\n%s\nwant:\n%s", code, errs, out, want)
	}
	out, _, code = runCLI(t, "approve", dir, "--by", "Siobhán O'Connor, CEO")
	if code != 0 || !strings.Contains(out, "is already recorded") {
		t.Errorf("again: exit %d\n%s", code, out)
	}
	// An approval by someone else replaces the values in place, and says so.
	out, errs, code = runCLI(t, "approve", dir, "--by", "Board")
	if code != 0 || !strings.Contains(out, "@@ -20,2 +20,2 @@\n-  approved_by: Siobhán O'Connor, CEO\n-  approved_on: 2026-11-27\n+  approved_by: Board\n+  approved_on: 2026-11-27\n") ||
		!strings.Contains(errs, "soa: note: this replaces the approval by Siobhán O'Connor, CEO on 2026-11-27") {
		t.Errorf("replace: exit %d\n%s\n%s", code, out, errs)
	}
	if _, errs, code := runCLI(t, "build", dir, "--final", "-o", t.TempDir(), "-f", "json"); code != 0 {
		t.Errorf("final build after release and approval: exit %d, %s", code, errs)
	}
}

// finalCase copies the 2026 example, applies edit to one of its files, and runs
// soa build --final on 2026-11-27.
func finalCase(t *testing.T, file, old, new string) (stderr string, code int) {
	t.Helper()
	t.Setenv("SOURCE_DATE_EPOCH", epoch26Nov27)
	dir := soatest.Copy(t, "acme-saas")
	if file != "" {
		path := filepath.Join(dir, file)
		b, _ := os.ReadFile(path)
		if !strings.Contains(string(b), old) {
			t.Fatalf("%s has no %q", file, old)
		}
		os.WriteFile(path, []byte(strings.Replace(string(b), old, new, 1)), 0o644)
	}
	out := t.TempDir()
	_, stderr, code = runCLI(t, "build", dir, "--final", "-o", out, "-f", "json,csv")
	if entries, _ := os.ReadDir(out); code != 0 && len(entries) > 0 {
		t.Errorf("a refused build wrote %d files", len(entries))
	}
	return stderr, code
}

// finalRefused checks that exactly the one expected condition is reported.
func finalRefused(t *testing.T, stderr string, code int, want string) {
	t.Helper()
	if code != 1 || !strings.Contains(stderr, "soa: not built: a --final build needs 1 problem fixed:\nsoa:   - "+want) ||
		!strings.HasSuffix(stderr, "soa: nothing was written\n") {
		t.Errorf("exit %d, stderr:\n%s\nwant the problem %q", code, stderr, want)
	}
}

func TestFinalPassesOnApprovedExample(t *testing.T) {
	stderr, code := finalCase(t, "", "", "")
	if code != 0 || stderr != "" {
		t.Errorf("exit %d, stderr %q", code, stderr)
	}
}

func TestFinalRefusesUnapproved(t *testing.T) {
	stderr, code := finalCase(t, "isms.yaml", soatest.ExampleApprovals, "")
	finalRefused(t, stderr, code, "the document is not approved; once it is, record it: soa approve")
}

// An approval older than the newest history entry is a warning of soa check (approval-outdated:
// the outputs show it as pending, the document as a draft) and a problem of --final.
func TestFinalRefusesStaleApproval(t *testing.T) {
	stderr, code := finalCase(t, "isms.yaml", "on: 2026-10-15}", "on: 2026-10-01}")
	for _, want := range []string{
		"isms.yaml:25:41: warning: the approval by Siobhán O'Connor (CEO) on 2026-10-01 predates version 2.0 of 2026-10-06, so it approved an earlier version; the outputs show it as pending",
		"soa: not built: a --final build needs 2 problems fixed:\nsoa:   - the approval by Siobhán O'Connor (CEO) (2026-10-01) is older than the newest history entry (version 2.0 of 2026-10-06), so it approved an earlier version; record the approval of this one: soa approve",
		"soa:   - soa check --strict is not clean: 0 errors, 1 warning",
	} {
		if code != 1 || !strings.Contains(stderr, want) {
			t.Errorf("exit %d, stderr:\n%s\nwant %q", code, stderr, want)
		}
	}
}

func TestFinalRefusesPastReview(t *testing.T) {
	// Due today: not yet overdue for soa check, but not in the future either.
	stderr, code := finalCase(t, "isms.yaml", "next_review: 2027-10-01", "next_review: 2026-11-27")
	finalRefused(t, stderr, code, "document.next_review (2026-11-27) is not in the future; set the date of the next review in isms.yaml")
}

func TestFinalRefusesWarnings(t *testing.T) {
	stderr, code := finalCase(t, "controls.yaml", "due: 2027-06-30", "due: 2026-06-30")
	if !strings.Contains(stderr, "was due on 2026-06-30") {
		t.Errorf("the warning is not shown:\n%s", stderr)
	}
	finalRefused(t, stderr, code, "soa check --strict is not clean: 0 errors, 1 warning (listed above)")
}

// TestApproveRefusesErrors: an approval is of a valid SoA; a workspace with check errors is
// refused, its errors listed, and isms.yaml left as it is.
func TestApproveRefusesErrors(t *testing.T) {
	t.Setenv("SOURCE_DATE_EPOCH", epoch26Nov27)
	dir := soatest.Copy(t, "acme-saas")
	controls := filepath.Join(dir, "controls.yaml")
	b, _ := os.ReadFile(controls)
	os.WriteFile(controls, []byte(strings.Replace(string(b), "  A.5.1:\n    applicable: true", "  A.5.1:\n    applicable: maybe", 1)), 0o644)
	before := readISMSFile(t, dir)
	out, errs, code := runCLI(t, "approve", dir, "--by", "Siobhán O'Connor, CEO")
	if code != 1 || out != "" {
		t.Errorf("exit %d, stdout %q; want 1 and nothing", code, out)
	}
	for _, want := range []string{controls + ":8:17: error: control A.5.1 applicable must be true or false, not \"maybe\" [type]\n",
		"soa: the workspace has 1 error; an approval is of a valid SoA — fix them (soa check " + dir + "), then approve; nothing was written"} {
		if !strings.Contains(errs, want) {
			t.Errorf("stderr %q does not contain %q", errs, want)
		}
	}
	if readISMSFile(t, dir) != before {
		t.Error("isms.yaml changed")
	}
}
