package main

import (
	"encoding/json"
	"maps"
	"os"
	"os/exec"
	"path/filepath"
	"reflect"
	"strings"
	"testing"

	"github.com/soa-tool/soa/soa/soatest"
	"github.com/soa-tool/soa/soa/version"
)

const (
	old2025 = "../../examples/acme-saas-2025"
	new2026 = "../../examples/acme-saas"
)

func TestDiffGolden(t *testing.T) {
	for _, f := range []string{"text", "md", "json"} {
		out, errs, code := runCLI(t, "diff", old2025, new2026, "--format", f)
		if code != 0 || errs != "" {
			t.Fatalf("--format %s: exit %d, stderr %q", f, code, errs)
		}
		golden(t, "diff/acme."+f, []byte(out))
		again, _, _ := runCLI(t, "diff", "--format", f, old2025, new2026)
		if again != out {
			t.Errorf("--format %s: two runs differ", f)
		}
	}
}

func TestDiffExitCode(t *testing.T) {
	tests := []struct {
		args []string
		code int
		out  string
	}{
		{[]string{old2025, new2026}, 0, "Version 1.1 → 2.0: 7 controls newly applicable, 0 excluded, 7 status changes"},
		{[]string{old2025, new2026, "--exit-code"}, 1, "Version 1.1 → 2.0"},
		{[]string{new2026, new2026, "--exit-code"}, 0, "Version 2.0 (unchanged): no differences."},
		{[]string{"--exit-code", "--format", "json", new2026, new2026}, 0, `"summary": "Version 2.0 (unchanged): no differences."`},
	}
	for _, tt := range tests {
		out, errs, code := runCLI(t, append([]string{"diff"}, tt.args...)...)
		if code != tt.code || !strings.Contains(out, tt.out) {
			t.Errorf("soa diff %v: exit %d (want %d), stderr %q, output:\n%s", tt.args, code, tt.code, errs, out)
		}
	}
}

func TestDiffUsage(t *testing.T) {
	tests := []struct {
		args   []string
		code   int
		stderr string
	}{
		{[]string{new2026}, 2, "soa diff takes two versions, OLD and NEW, not 1 arguments"},
		{[]string{"nope", new2026}, 2, "cannot read nope: no such file or directory"},
		{[]string{new2026 + "/isms.yaml", new2026}, 2, "is a workspace file; give the directory that holds it"},
		{[]string{"diff_test.go", new2026}, 2, "diff_test.go: not a soa.json"},
		{[]string{"git:", new2026}, 2, "git:: give a revision"},
		{[]string{new2026, new2026, "--format", "html"}, 2, `--format "html" is not one of text, md, json`},
	}
	for _, tt := range tests {
		_, errs, code := runCLI(t, append([]string{"diff"}, tt.args...)...)
		if code != tt.code || !strings.Contains(errs, tt.stderr) {
			t.Errorf("soa diff %v: exit %d (want %d), stderr %q, want %q", tt.args, code, tt.code, errs, tt.stderr)
		}
	}
}

// changesOf runs soa diff --format json and decodes the result.
func changesOf(t *testing.T, args ...string) *version.Changes {
	t.Helper()
	out, errs, code := runCLI(t, append([]string{"diff", "--format", "json"}, args...)...)
	if code != 0 {
		t.Fatalf("soa diff %v: exit %d, stderr %q", args, code, errs)
	}
	var c version.Changes
	if err := json.Unmarshal([]byte(out), &c); err != nil {
		t.Fatal(err)
	}
	return &c
}

func sameContent(t *testing.T, got, want *version.Changes) {
	t.Helper()
	if got.Summary != want.Summary || !reflect.DeepEqual(got.Controls, want.Controls) ||
		!reflect.DeepEqual(got.Risks, want.Risks) || !reflect.DeepEqual(got.Document, want.Document) {
		t.Errorf("changes differ:\n%s\nwant\n%s", got.Summary, want.Summary)
	}
}

// TestDiffSoaJSON compares a soa.json written by soa build with its workspace.
func TestDiffSoaJSON(t *testing.T) {
	out := t.TempDir()
	if _, errs, code := runCLI(t, "build", old2025, "-o", out, "-f", "json"); code != 0 {
		t.Fatalf("build: %s", errs)
	}
	want := changesOf(t, old2025, new2026)
	sameContent(t, changesOf(t, filepath.Join(out, "soa.json"), new2026), want)
	if c := changesOf(t, filepath.Join(out, "soa.json"), old2025); len(c.Controls)+len(c.Risks)+len(c.Document) != 0 {
		t.Errorf("a soa.json differs from its own workspace: %s", c.Summary)
	}
}

// TestDiffSideWithErrors: a side with check errors is compared, with a warning.
func TestDiffSideWithErrors(t *testing.T) {
	dir := soatest.Copy(t, "acme-saas")
	path := filepath.Join(dir, "controls.yaml")
	b, _ := os.ReadFile(path)
	os.WriteFile(path, []byte(strings.Replace(string(b), "status: implemented", "status: done", 1)), 0o644)
	out, errs, code := runCLI(t, "diff", new2026, dir)
	if code != 0 || !strings.Contains(errs, `status "done" is not one of`) ||
		!strings.Contains(errs, "soa: warning: "+dir+" has 1 error (above); it is compared as far as it could be read") ||
		!strings.Contains(out, "Status changes (1)") {
		t.Errorf("exit %d, stderr:\n%s\noutput:\n%s", code, errs, out)
	}
	os.WriteFile(path, []byte("controls: [\n"), 0o644)
	if _, errs, code := runCLI(t, "diff", new2026, dir); code != 1 || !strings.Contains(errs, "cannot be compared") {
		t.Errorf("unreadable side: exit %d, stderr %q", code, errs)
	}
}

// TestDiffUndecided is the regression test of a control whose decision was removed: soa check
// calls it undecided, and so must soa diff (it once said "applicable → excluded", deciding
// the state from the justification that soa.json carried), from a workspace and from the
// soa.json a build wrote.
func TestDiffUndecided(t *testing.T) {
	dir := soatest.Edited(t, "acme-saas", map[string][][2]string{
		"controls.yaml": {{"  A.5.1:\n    applicable: true\n", "  A.5.1:\n"}}})
	out, errs, code := runCLI(t, "check", dir)
	if code != 1 || !strings.Contains(out, "A.5.1 Policies for information security is not decided") {
		t.Fatalf("check: exit %d, stderr %q, output:\n%s", code, errs, out)
	}
	built := t.TempDir()
	if _, errs, code := runCLI(t, "build", new2026, "-o", built, "--format", "json"); code != 0 {
		t.Fatalf("build: exit %d, %s", code, errs)
	}
	for _, old := range []string{new2026, filepath.Join(built, "soa.json")} {
		out, _, code = runCLI(t, "diff", old, dir)
		if code != 0 || !strings.Contains(out, "A.5.1 Policies for information security: applicable → undecided") ||
			strings.Contains(out, "→ excluded") {
			t.Errorf("diff %s NEW: exit %d, output:\n%s", old, code, out)
		}
	}
}

// gitRepo makes a git repository in a temporary directory with two commits: the 2025
// example, then the 2026 one, in ws/. It changes into the repository.
func gitRepo(t *testing.T) string {
	t.Helper()
	r := soatest.Releases(t)
	t.Chdir(r.Dir)
	return r.Dir
}

func gitIn(t *testing.T, dir string, args ...string) {
	t.Helper()
	cmd := exec.Command("git", args...)
	cmd.Dir = dir
	if out, err := cmd.CombinedOutput(); err != nil {
		t.Fatalf("git %v: %v\n%s", args, err, out)
	}
}

func TestDiffGit(t *testing.T) {
	want := changesOf(t, old2025, new2026) // before changing directory
	repo := gitRepo(t)
	sameContent(t, changesOf(t, "git:HEAD~1:ws", "git:HEAD:ws"), want)
	sameContent(t, changesOf(t, "git:HEAD~1:ws", "ws"), want)
	sameContent(t, changesOf(t, "git:HEAD~1:"+filepath.Join(repo, "ws"), "ws"), want) // an absolute path
	c := changesOf(t, "git:HEAD~1:ws", "git:HEAD:ws")
	if len(c.Old.Commit) != 40 || c.Old.Source != "git:HEAD~1:ws" {
		t.Errorf("old side %+v", c.Old)
	}
	// From inside the workspace, PATH defaults to ".".
	t.Chdir("ws")
	sameContent(t, changesOf(t, "git:HEAD~1", "."), want)
	if out, _, code := runCLI(t, "diff", "--exit-code", "git:HEAD", "."); code != 0 || !strings.Contains(out, "no differences") {
		t.Errorf("HEAD against its own checkout: exit %d\n%s", code, out)
	}
	if _, _, code := runCLI(t, "diff", "--exit-code", "git:HEAD~1", "."); code != 1 {
		t.Errorf("--exit-code with differences: exit %d", code)
	}
}

func TestDiffGitErrors(t *testing.T) {
	gitRepo(t)
	tests := []struct {
		side, stderr string
	}{
		{"git:v9.9:ws", `soa: git:v9.9:ws: unknown revision "v9.9"` + "\nsoa: see 'git log --oneline'"},
		{"git:HEAD~5:ws", `unknown revision "HEAD~5"`},
		{"git:HEAD:examples/nope", "soa: git:HEAD:examples/nope: examples/nope is not a directory in revision HEAD ("},
		{"git:HEAD:ws/isms.yaml", "ws/isms.yaml is not a directory in revision HEAD"},
	}
	for _, tt := range tests {
		_, errs, code := runCLI(t, "diff", tt.side, "ws")
		if code != 2 || !strings.Contains(errs, tt.stderr) {
			t.Errorf("%s: exit %d, stderr %q, want %q", tt.side, code, errs, tt.stderr)
		}
	}
	// A directory that is there but is no workspace.
	os.Remove(filepath.Join("ws", "risks.yaml"))
	gitIn(t, ".", "commit", "-qam", "remove the register")
	if _, errs, code := runCLI(t, "diff", "git:HEAD:ws", "git:HEAD~1:ws"); code != 2 || !strings.Contains(errs, "ws/risks.yaml is not in revision HEAD") {
		t.Errorf("missing file: exit %d, stderr %q", code, errs)
	}
	// Outside a repository.
	t.Chdir(t.TempDir())
	if _, errs, code := runCLI(t, "diff", "git:HEAD", new2026); code != 2 || !strings.Contains(errs, "is not in a git repository") {
		t.Errorf("outside git: exit %d, stderr %q", code, errs)
	}
}

// TestBuildSince checks that soa build --since puts the changes into soa.json and changes
// nothing else.
func TestBuildSince(t *testing.T) {
	plain, since := t.TempDir(), t.TempDir()
	if _, errs, code := runCLI(t, "build", new2026, "-o", plain, "-f", "json"); code != 0 {
		t.Fatal(errs)
	}
	if _, errs, code := runCLI(t, "build", new2026, "--since", old2025, "-o", since, "-f", "json"); code != 0 {
		t.Fatal(errs)
	}
	read := func(dir string) *version.JSON {
		f, err := os.Open(filepath.Join(dir, "soa.json"))
		if err != nil {
			t.Fatal(err)
		}
		defer f.Close()
		j, err := version.ReadJSON(f)
		if err != nil {
			t.Fatal(err)
		}
		return j
	}
	a, b := read(plain), read(since)
	if a.Changes != nil || b.Changes == nil {
		t.Fatalf("changes: without --since %v, with %v", a.Changes, b.Changes)
	}
	sameContent(t, b.Changes, changesOf(t, old2025, new2026))
	if b.Changes.Old.Source != old2025 || b.Changes.New.Source != new2026 || b.Changes.Old.Fingerprint == "" {
		t.Errorf("sides %+v %+v", b.Changes.Old, b.Changes.New)
	}
	b.Changes = nil
	if !reflect.DeepEqual(a, b) {
		t.Error("--since changed more than the changes block")
	}
	if _, errs, code := runCLI(t, "build", new2026, "--since", "nope", "-o", since, "-f", "json"); code != 2 || !strings.Contains(errs, "cannot read nope") {
		t.Errorf("--since nope: exit %d, %q", code, errs)
	}
}

// TestDiffFlags: soa diff flags what a reviewer must look at — a decision reversed with the
// old justification, a risk re-scored above its acceptance — and reports a risk closed as
// closed and a treatment completed as done.
func TestDiffFlags(t *testing.T) {
	t.Setenv("SOURCE_DATE_EPOCH", "1780272000") // 2026-06-01, the small workspace's today
	oldFiles := soatest.ValidFiles()
	oldFiles["risks.yaml"] = strings.Replace(oldFiles["risks.yaml"], "residual: {likelihood: 2, impact: 3}",
		"residual: {likelihood: 3, impact: 4}\n    accepted_by: IT Lead\n    accepted_on: 2026-02-01", 1)
	newFiles := maps.Clone(oldFiles)
	just := "The office is in a shared building whose physical threats the landlord manages."
	newFiles["controls.yaml"] = strings.Replace(oldFiles["controls.yaml"], "  A.7.5:\n    applicable: false\n    justification: "+just+"\n",
		"  A.7.5:\n    applicable: true\n    reasons: [business]\n    justification: "+just+"\n    status: implemented\n    owner: CISO\n", 1)
	r := newFiles["risks.yaml"]
	r = strings.Replace(r, "residual: {likelihood: 3, impact: 4}", "residual: {likelihood: 4, impact: 4}", 1)
	r = strings.Replace(r, "      due: 2026-09-30\n", "      due: 2026-09-30\n      done_on: 2026-05-20\n", 1)
	r = strings.Replace(r, "    owner: COO\n", "    owner: COO\n    status: closed\n    closed_on: 2026-04-30\n    closed_reason: Moved to a fully remote office\n", 1)
	newFiles["risks.yaml"] = r
	old, new := soatest.Write(t, oldFiles), soatest.Write(t, newFiles)
	out, errs, code := runCLI(t, "diff", old, new)
	if code != 0 {
		t.Fatalf("exit %d: %s", code, errs)
	}
	for _, want := range []string{
		"1 control newly applicable (A.7.5)",
		"0 removed, 1 closed (R-03), 1 re-scored, 0 re-treated, 0 owner changes, 1 treatment completed (R-01)",
		"  A.7.5 Protecting against physical and environmental threats: excluded → applicable\n    note: justification unchanged since it was excluded; say why it is applicable now\n",
		"Risks closed (1)\n  R-03 Flood at the office\n    status: open → closed\n    closed_on: (none) → 2026-04-30\n    closed_reason: (none) → Moved to a fully remote office\n",
		"Treatments completed (1)\n  R-01 Takeover of admin accounts: done on 2026-05-20\n",
		"  R-02 Malware on laptops\n    note: re-scored from 12 to 16; its acceptance of 2026-02-01 predates the change — re-accept\n    residual: 3×4 = 12 High → 4×4 = 16 Critical (level High → Critical)\n",
	} {
		if !strings.Contains(out, want) {
			t.Errorf("soa diff does not show %q:\n%s", want, out)
		}
	}
	// build --since carries the same notes into soa.json.
	dir := t.TempDir()
	if _, errs, code := runCLI(t, "build", new, "--since", old, "-o", dir, "--format", "json"); code != 0 {
		t.Fatalf("build --since: exit %d: %s", code, errs)
	}
	b, _ := os.ReadFile(filepath.Join(dir, "soa.json"))
	for _, want := range []string{`"justification unchanged since it was excluded; say why it is applicable now"`, `"re-scored from 12 to 16; its acceptance of 2026-02-01 predates the change — re-accept"`, `"risks_closed": [` + "\n" + `        "R-03"`} {
		if !strings.Contains(string(b), want) {
			t.Errorf("soa.json lacks %s", want)
		}
	}
}
