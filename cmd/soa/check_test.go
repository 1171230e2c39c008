package main

import (
	"encoding/json"
	"os"
	"path/filepath"
	"regexp"
	"strconv"
	"strings"
	"testing"
	"time"
)

// checkExample is the example workspace, relative to this package.
var checkExample = filepath.Join("..", "..", "examples", "acme-saas")

// checkToday fixes the date soa check judges due dates against.
func checkToday(t *testing.T) {
	t.Setenv("SOURCE_DATE_EPOCH", strconv.FormatInt(time.Date(2026, 11, 1, 0, 0, 0, 0, time.UTC).Unix(), 10))
}

// checkWorkspace copies the example into dir/name, applying edits (file: old → new, each
// replacing the first occurrence), and returns the workspace path.
func checkWorkspace(t *testing.T, dir, name string, edits map[string][][2]string) string {
	t.Helper()
	ws := filepath.Join(dir, name)
	if err := os.MkdirAll(ws, 0o755); err != nil {
		t.Fatal(err)
	}
	for _, f := range []string{"isms.yaml", "risks.yaml", "controls.yaml"} {
		b, err := os.ReadFile(filepath.Join(checkExample, f))
		if err != nil {
			t.Fatal(err)
		}
		s := string(b)
		for _, e := range edits[f] {
			if !strings.Contains(s, e[0]) {
				t.Fatalf("%s does not hold %q", f, e[0])
			}
			s = strings.Replace(s, e[0], e[1], 1)
		}
		if err := os.WriteFile(filepath.Join(ws, f), []byte(s), 0o644); err != nil {
			t.Fatal(err)
		}
	}
	return ws
}

var (
	checkWarnings = map[string][][2]string{
		"isms.yaml": {{"next_review: 2027-10-01", "next_review: 2026-10-01"}},
	}
	checkErrors = map[string][][2]string{
		"isms.yaml":     {{"next_review: 2027-10-01", "next_review: 2026-10-01"}},
		"risks.yaml":    {{"option: modify", "option: ignore"}},
		"controls.yaml": {{"  A.5.1:\n    applicable: true", "  A.5.1:\n    applicable: maybe"}},
	}
)

// checkFixtures writes the workspaces the tests use (clean, warnings, errors) into a fresh
// directory and returns it.
func checkFixtures(t *testing.T) string {
	t.Helper()
	checkToday(t)
	dir := t.TempDir()
	checkWorkspace(t, dir, "clean", nil)
	checkWorkspace(t, dir, "warnings", checkWarnings)
	checkWorkspace(t, dir, "errors", checkErrors)
	return dir
}

// checkCLI runs soa with arguments that do not start with "-" taken relative to dir, and
// removes dir from what it prints, so that output names files as errors/isms.yaml.
func checkCLI(t *testing.T, dir string, args ...string) (stdout, stderr string, code int) {
	t.Helper()
	full := make([]string, len(args))
	for i, a := range args {
		full[i] = a
		if i > 0 && !strings.HasPrefix(a, "-") && (i < 2 || args[i-1] != "--format") {
			full[i] = filepath.Join(dir, a)
		}
	}
	stdout, stderr, code = runCLI(t, full...)
	prefix := dir + string(filepath.Separator)
	return strings.ReplaceAll(stdout, prefix, ""), strings.ReplaceAll(stderr, prefix, ""), code
}

func TestCheckExitCodes(t *testing.T) {
	dir := checkFixtures(t)
	tests := []struct {
		args   []string
		code   int
		stdout string // the last line
		stderr string
	}{
		{[]string{"check", "clean"}, 0, "93 Annex A controls + 3 additional: 94 applicable, 2 excluded; 23 risks (1 closed); 0 errors, 0 warnings", ""},
		{[]string{"check", "--strict", "clean"}, 0, "0 errors, 0 warnings", ""},
		{[]string{"check", "warnings"}, 0, "93 Annex A controls + 3 additional: 94 applicable, 2 excluded; 23 risks (1 closed); 0 errors, 1 warning", ""},
		{[]string{"check", "--strict", "warnings"}, 1, "0 errors, 1 warning", ""},
		{[]string{"check", "warnings", "--strict"}, 1, "0 errors, 1 warning", ""},
		{[]string{"check", "errors"}, 1, "93 Annex A controls + 3 additional: 93 applicable, 2 excluded, 1 undecided; 23 risks (1 closed); 2 errors, 1 warning", ""},
		{[]string{"check", "errors", "--format", "github"}, 1, "2 errors, 1 warning", ""},
		{[]string{"check", "nope"}, 2, "", "soa: cannot read workspace nope"},
		{[]string{"check", "clean/isms.yaml"}, 2, "", "is not a directory"},
		{[]string{"check", "clean", "errors"}, 2, "", "soa check takes one workspace directory, not 2 arguments"},
		{[]string{"check", "--format", "xml", "clean"}, 2, "", `--format "xml" is not one of text, json, github`},
		{[]string{"check", "--nope", "clean"}, 2, "", "soa: flag provided but not defined: -nope\nsoa: run 'soa check --help' for usage"},
	}
	for _, tt := range tests {
		out, errs, code := checkCLI(t, dir, tt.args...)
		if code != tt.code {
			t.Errorf("soa %v: exit %d, want %d (stderr %q)", tt.args, code, tt.code, errs)
		}
		lines := strings.Split(strings.TrimSpace(out), "\n")
		if last := lines[len(lines)-1]; tt.stdout != "" && !strings.HasSuffix(last, tt.stdout) {
			t.Errorf("soa %v: last line %q, want it to end in %q", tt.args, last, tt.stdout)
		}
		if tt.stdout == "" && out != "" {
			t.Errorf("soa %v: stdout %q, want none", tt.args, out)
		}
		if !strings.Contains(errs, tt.stderr) || (tt.stderr == "" && errs != "") {
			t.Errorf("soa %v: stderr %q, want %q", tt.args, errs, tt.stderr)
		}
	}
}

// TestCheckSummary pins the summary line of the example exactly.
func TestCheckSummary(t *testing.T) {
	checkToday(t)
	out, errs, code := runCLI(t, "check", checkExample)
	if code != 0 || errs != "" {
		t.Fatalf("exit %d, stderr %q", code, errs)
	}
	if want := "93 Annex A controls + 3 additional: 94 applicable, 2 excluded; 23 risks (1 closed); 0 errors, 0 warnings\n"; out != want {
		t.Errorf("stdout %q, want %q", out, want)
	}
}

func TestCheckCurrentDirectory(t *testing.T) {
	dir := checkFixtures(t)
	t.Chdir(filepath.Join(dir, "warnings"))
	out, _, code := runCLI(t, "check")
	if code != 0 || !strings.HasPrefix(out, "isms.yaml:26:3: warning: the document's next review (2026-10-01) has passed") {
		t.Errorf("exit %d:\n%s", code, out)
	}
}

func TestCheckFlagsAfterDirectory(t *testing.T) {
	dir := checkFixtures(t)
	before, _, c1 := checkCLI(t, dir, "check", "--strict", "--format", "json", "warnings")
	after, _, c2 := checkCLI(t, dir, "check", "warnings", "--strict", "--format", "json")
	mixed, _, c3 := checkCLI(t, dir, "check", "--format=json", "warnings", "--strict")
	if c1 != 1 || c2 != 1 || c3 != 1 {
		t.Errorf("exit codes %d %d %d, want 1 (--strict with a warning)", c1, c2, c3)
	}
	if !strings.HasPrefix(before, "{") || before != after || before != mixed {
		t.Errorf("flag order changed the output:\n%s\n---\n%s\n---\n%s", before, after, mixed)
	}
}

func TestCheckJSON(t *testing.T) {
	dir := checkFixtures(t)
	out, _, code := checkCLI(t, dir, "check", "--format", "json", "errors")
	if code != 1 {
		t.Errorf("exit %d", code)
	}
	var got struct {
		Findings []struct {
			File, Severity, Rule, Message string
			Line, Col                     int
		}
		Controls, Applicable, Excluded, Risks, Errors, Warnings int
		Additional                                              int `json:"additional_controls"`
	}
	if err := json.Unmarshal([]byte(out), &got); err != nil {
		t.Fatalf("%v\n%s", err, out)
	}
	errs, warns := 0, 0
	for _, f := range got.Findings {
		switch f.Severity {
		case "error":
			errs++
		case "warning":
			warns++
		default:
			t.Errorf("severity %q", f.Severity)
		}
		if !strings.HasPrefix(f.File, "errors"+string(filepath.Separator)) || f.Line < 1 || f.Col < 1 || f.Rule == "" || f.Message == "" {
			t.Errorf("finding %+v", f)
		}
	}
	if got.Errors != errs || got.Warnings != warns || errs != 2 || warns != 1 {
		t.Errorf("counts %d errors, %d warnings; findings hold %d and %d", got.Errors, got.Warnings, errs, warns)
	}
	if got.Controls != 93 || got.Additional != 3 || got.Applicable != 93 || got.Excluded != 2 || got.Risks != 23 {
		t.Errorf("counts %+v", got)
	}
	golden(t, "check/errors.json", []byte(out))

	clean, _, code := checkCLI(t, dir, "check", "--format", "json", "clean")
	if code != 0 || !strings.Contains(clean, `"findings": []`) {
		t.Errorf("clean: exit %d\n%s", code, clean)
	}
}

var githubLine = regexp.MustCompile(`^::(error|warning) file=[^,:]+,line=\d+,col=\d+,title=soa [a-z-]+::[^\n]+$`)

func TestCheckGitHub(t *testing.T) {
	dir := checkFixtures(t)
	out, _, code := checkCLI(t, dir, "check", "--format", "github", "errors")
	if code != 1 {
		t.Errorf("exit %d", code)
	}
	lines := strings.Split(strings.TrimSuffix(out, "\n"), "\n")
	if len(lines) != 4 {
		t.Fatalf("%d lines, want 3 findings and the summary:\n%s", len(lines), out)
	}
	for _, l := range lines[:3] {
		if !githubLine.MatchString(l) {
			t.Errorf("not a workflow command: %q", l)
		}
	}
	if want := "::error file=errors/controls.yaml,line=8,col=17,title=soa type::control A.5.1 applicable must be true or false, not \"maybe\""; lines[0] != want {
		t.Errorf("first line %q, want %q", lines[0], want)
	}
	if !strings.HasPrefix(lines[3], "93 Annex A controls + 3 additional: ") {
		t.Errorf("summary %q", lines[3])
	}
	golden(t, "check/errors.github", []byte(out))
}

// TestCheckText pins the text output: findings sorted by file and line, then the summary.
func TestCheckText(t *testing.T) {
	dir := checkFixtures(t)
	out, _, code := checkCLI(t, dir, "check", "errors")
	if code != 1 {
		t.Errorf("exit %d", code)
	}
	lines := strings.Split(strings.TrimSuffix(out, "\n"), "\n")
	want := []string{
		"errors/controls.yaml:8:17: error: ",
		"errors/isms.yaml:26:3: warning: ",
		"errors/risks.yaml:16:7: error: treatment option \"ignore\"",
		"93 Annex A controls + 3 additional: ",
	}
	if len(lines) != len(want) {
		t.Fatalf("%d lines, want %d:\n%s", len(lines), len(want), out)
	}
	for i, w := range want {
		if !strings.HasPrefix(lines[i], w) {
			t.Errorf("line %d: %q, want it to start with %q", i+1, lines[i], w)
		}
	}
	golden(t, "check/errors.txt", []byte(out))
	again, _, _ := checkCLI(t, dir, "check", "errors")
	if again != out {
		t.Error("two runs give different output")
	}
}
