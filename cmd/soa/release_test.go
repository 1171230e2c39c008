package main

import (
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/soa-tool/soa/soa/soatest"
	"github.com/soa-tool/soa/soa/workspace"
)

// epoch26Nov27 is 2026-11-27 as SOURCE_DATE_EPOCH.
const epoch26Nov27 = "1795737600"

func readISMSFile(t *testing.T, dir string) string {
	t.Helper()
	b, err := os.ReadFile(filepath.Join(dir, workspace.ISMSFile))
	if err != nil {
		t.Fatal(err)
	}
	return string(b)
}

func TestRelease(t *testing.T) {
	t.Setenv("SOURCE_DATE_EPOCH", epoch26Nov27)
	dir := soatest.Copy(t, "acme-saas")
	before := readISMSFile(t, dir)
	out, errs, code := runCLI(t, "release", dir, "--version", "2.1", "--changes", "Quarterly review: R-24 added")
	if code != 0 {
		t.Fatalf("exit %d: %s", code, errs)
	}
	path := filepath.Join(dir, "isms.yaml")
	want := "--- " + path + "\n+++ " + path + "\n" +
		"@@ -17 +17 @@\n-  version: \"2.0\"\n+  version: \"2.1\"\n" +
		"@@ -23,3 +22,0 @@\n-  approvals:\n-    - {by: Zoë Łukasiewicz, role: CISO, on: 2026-10-12}\n-    - {by: Siobhán O'Connor, role: CEO, on: 2026-10-15}\n" +
		"@@ -30,0 +28 @@\n+    - {version: \"2.1\", date: 2026-11-27, author: 'Zoë Łukasiewicz, CISO', changes: 'Quarterly review: R-24 added'}\n" +
		"version 2.1 recorded; it is a draft until approved: soa approve " + dir + " --by NAME\n" +
		"next review: 2027-10-01\n"
	if out != want {
		t.Errorf("output:\n%s\nwant:\n%s", out, want)
	}
	after := readISMSFile(t, dir)
	// Nothing but the three edits: the first line comment, the folded scope and the risk method stay.
	strip := func(s string) string {
		var keep []string
		for _, l := range strings.Split(s, "\n") {
			if !strings.Contains(l, "version: \"2.") && !strings.Contains(l, "approvals:") && !strings.Contains(l, "role: C") {
				keep = append(keep, l)
			}
		}
		return strings.Join(keep, "\n")
	}
	if strip(before) != strip(after) {
		t.Errorf("other lines changed:\n%s", after)
	}
	// Releasing the same version again is refused.
	if _, errs, code := runCLI(t, "release", dir, "--version", "2.1", "--changes", "x"); code != 2 || !strings.Contains(errs, "version 2.1 is the current version; give the new one, e.g. --version 2.2") {
		t.Errorf("same version: exit %d, %q", code, errs)
	}
	if _, errs, code := runCLI(t, "release", dir, "--version", "1.1", "--changes", "x"); code != 2 || !strings.Contains(errs, "version 1.1 is already in the history (2025-10-14)") {
		t.Errorf("old version: exit %d, %q", code, errs)
	}
	if _, errs, code := runCLI(t, "release", dir); code != 2 || !strings.Contains(errs, "--version is required") {
		t.Errorf("no version: exit %d, %q", code, errs)
	}
}

func TestReleaseNeedsChangesOutsideGit(t *testing.T) {
	dir := soatest.Copy(t, "acme-saas")
	before := readISMSFile(t, dir)
	_, errs, code := runCLI(t, "release", dir, "--version", "2.1")
	if code != 2 || !strings.Contains(errs, "soa: --changes is required: "+dir+" is not in a git repository") {
		t.Errorf("exit %d, stderr %q", code, errs)
	}
	if readISMSFile(t, dir) != before {
		t.Error("the file changed")
	}
}

// TestReleaseChangesFromGit: the 2025 workspace is committed as released (1.1); the risk
// review brings the 2026 register and controls; release 2.0 summarises the changes since 1.1.
func TestReleaseChangesFromGit(t *testing.T) {
	t.Setenv("SOURCE_DATE_EPOCH", epoch26Nov27)
	repo := gitRepo(t)
	gitIn(t, repo, "reset", "-q", "--hard", "HEAD~1")
	for _, f := range []string{workspace.RisksFile, workspace.ControlsFile} {
		b, _ := os.ReadFile(filepath.Join(soatest.Example("acme-saas"), f))
		os.WriteFile(filepath.Join(repo, "ws", f), b, 0o644)
	}
	gitIn(t, repo, "commit", "-qam", "risk review") // commits after the release belong to the next version
	out, errs, code := runCLI(t, "release", "ws", "--version", "2.0", "--author", "Zoë Łukasiewicz, CISO")
	if code != 0 {
		t.Fatalf("exit %d: %s", code, errs)
	}
	want := "changes: 'Version 1.1 → 2.0: 7 controls newly applicable, 0 excluded, 7 status changes, 19 other control changes, 33 with changed selecting risks, 44 with evidence or review dates rolled over; 9 risks added, 0 removed, 1 closed (R-14), 8 re-scored, 9 re-treated, 2 owner changes, 7 treatments completed; 13 date slips (due dates moved later).'}"
	if !strings.Contains(out, want) {
		t.Errorf("output:\n%s\nwant it to contain\n%s", out, want)
	}
	// The 2025 workspace has overdue dates today: warnings only, not shown. Its next review
	// has passed: that is said, after the comparison's flags (acceptances no longer needed as
	// targets fell within the criteria, and R-11's lapsed while its current score is above).
	if !strings.HasSuffix(out, "next review: 2026-10-01\n") || strings.Contains(errs, "overdue") ||
		!strings.HasSuffix(errs, "soa: warning: document.next_review (2026-10-01) has passed; set the date of the next review in isms.yaml\n") ||
		!strings.Contains(errs, "soa: warning: R-11: acceptance lapsed: the target residual score 5 is within the criteria (≤ 9), but the current score 10 is above them until the treatment is done\n") {
		t.Errorf("stdout ends %q, stderr %q", out[max(0, len(out)-60):], errs)
	}
	// A version never committed: no previous release.
	gitIn(t, repo, "commit", "-qam", "release 2.0")
	ws := filepath.Join(repo, "ws", "isms.yaml")
	b, _ := os.ReadFile(ws)
	os.WriteFile(ws, []byte(strings.Replace(string(b), `version: "2.0"`, `version: "2.0-rc"`, 1)), 0o644)
	if _, errs, code := runCLI(t, "release", "ws", "--version", "2.1"); code != 2 || !strings.Contains(errs, "no commit has ws/isms.yaml at version 2.0-rc") {
		t.Errorf("uncommitted version: exit %d, %q", code, errs)
	}
}

func TestReleaseFailedWriteLeavesOriginal(t *testing.T) {
	if os.Geteuid() == 0 {
		t.Skip("root writes into read-only directories; soa's TestWriteFileAtomic covers the failure")
	}
	dir := soatest.Copy(t, "acme-saas")
	before := readISMSFile(t, dir)
	os.Chmod(dir, 0o555)
	defer os.Chmod(dir, 0o755)
	_, errs, code := runCLI(t, "release", dir, "--version", "2.1", "--changes", "x")
	if code != 2 || !strings.Contains(errs, "the file was not changed") {
		t.Errorf("exit %d, %q", code, errs)
	}
	if readISMSFile(t, dir) != before {
		t.Error("the file changed")
	}
}

func TestReleaseRefusesBrokenISMS(t *testing.T) {
	dir := soatest.Copy(t, "acme-saas")
	path := filepath.Join(dir, "isms.yaml")
	os.WriteFile(path, []byte(strings.Replace(readISMSFile(t, dir), "  owner:", "  ownr:", 1)), 0o644)
	_, errs, code := runCLI(t, "release", dir, "--version", "2.1", "--changes", "x")
	if code != 1 || !strings.Contains(errs, `unknown key "ownr"`) || !strings.Contains(errs, "fix them first — the file was not changed") {
		t.Errorf("exit %d, %q", code, errs)
	}
}

// TestReleaseFirstIssueAndReview: the first release of a workspace without history is "First
// issue", in git or not; the next review is printed, with a warning when it is near.
func TestReleaseFirstIssueAndReview(t *testing.T) {
	t.Setenv("SOURCE_DATE_EPOCH", epoch26Nov27)
	dir := soatest.Copy(t, "acme-saas")
	path := filepath.Join(dir, "isms.yaml")
	b, _ := os.ReadFile(path)
	text := string(b)
	text = text[:strings.Index(text, "  history:")] + text[strings.Index(text, "risk_method:"):]
	text = strings.Replace(text, "next_review: 2027-10-01", "next_review: 2027-03-01", 1)
	if err := os.WriteFile(path, []byte(text), 0o644); err != nil {
		t.Fatal(err)
	}
	out, errs, code := runCLI(t, "release", dir, "--version", "2.1")
	if code != 0 {
		t.Fatalf("exit %d: %s", code, errs)
	}
	if !strings.Contains(out, "changes: First issue}") || !strings.HasSuffix(out, "next review: 2027-03-01\n") {
		t.Errorf("output:\n%s", out)
	}
	if want := "soa: warning: document.next_review (2027-03-01) is less than six months ahead; set the date of the next review of this version in isms.yaml\n"; errs != want {
		t.Errorf("stderr %q, want %q", errs, want)
	}
}

// TestReleaseFlagsContradictions checks that soa release, like soa diff, flags a control
// whose applicability changed while its justification did not, and a risk re-scored upwards
// under an older acceptance (issue 12).
func TestReleaseFlagsContradictions(t *testing.T) {
	t.Setenv("SOURCE_DATE_EPOCH", epoch26Nov27)
	repo := gitRepo(t)
	edit := func(file, old, new string) {
		t.Helper()
		path := filepath.Join(repo, "ws", file)
		b, err := os.ReadFile(path)
		if err != nil || !strings.Contains(string(b), old) {
			t.Fatalf("%s: %q not found (%v)", file, old, err)
		}
		os.WriteFile(path, []byte(strings.Replace(string(b), old, new, 1)), 0o644)
	}
	edit(workspace.ControlsFile, "  A.7.6:\n    applicable: false\n", "  A.7.6:\n    applicable: true\n    reasons: [business]\n    status: implemented\n    owner: Operations Manager\n")
	edit(workspace.RisksFile, "    residual: {likelihood: 2, impact: 5}\n    accepted_by: Zoë Łukasiewicz, CISO\n", "    residual: {likelihood: 3, impact: 5}\n    accepted_by: Zoë Łukasiewicz, CISO\n")
	_, errs, code := runCLI(t, "release", "ws", "--version", "2.1")
	if code != 0 {
		t.Fatalf("exit %d: %s", code, errs)
	}
	for _, want := range []string{
		"soa: warning: A.7.6: justification unchanged since it was excluded; say why it is applicable now\n",
		"soa: warning: R-05: re-scored from 10 to 15; its acceptance of 2026-10-06 predates the change — re-accept\n",
	} {
		if !strings.Contains(errs, want) {
			t.Errorf("stderr %q\nwant it to contain %q", errs, want)
		}
	}
}
