package main

import (
	"bytes"
	"path/filepath"
	"strings"
	"testing"

	goldenfile "github.com/soa-tool/soa/soa/golden"
)

// runCLI runs the CLI in-process and returns what it printed and its exit code.
func runCLI(t *testing.T, args ...string) (stdout, stderr string, code int) {
	t.Helper()
	var out, errb bytes.Buffer
	code = run(append([]string{"soa"}, args...), &out, &errb)
	return out.String(), errb.String(), code
}

// golden compares got with testdata/name, or rewrites it under -update.
func golden(t *testing.T, name string, got []byte) {
	t.Helper()
	goldenfile.Check(t, filepath.Join("testdata", name), got)
}

func TestHelpGolden(t *testing.T) {
	out, errs, code := runCLI(t, "--help")
	if code != 0 || errs != "" {
		t.Fatalf("exit %d, stderr %q", code, errs)
	}
	golden(t, "help.golden", []byte(out))
	for _, c := range commands() {
		if !strings.Contains(out, c.Name) || !strings.Contains(out, c.example) {
			t.Errorf("help does not list %s with its example", c.Name)
		}
		out, _, code := runCLI(t, c.Name, "--help")
		if code != 0 || !strings.Contains(out, c.example) {
			t.Errorf("soa %s --help: exit %d, no example in\n%s", c.Name, code, out)
		}
		golden(t, "help-"+c.Name+".golden", []byte(out))
	}
}

func TestVersion(t *testing.T) {
	out, _, code := runCLI(t, "--version")
	if code != 0 || !strings.HasPrefix(out, "soa version ") {
		t.Errorf("--version: exit %d, %q", code, out)
	}
}

func TestExitCodes(t *testing.T) {
	tests := []struct {
		args   []string
		code   int
		stderr string
	}{
		{[]string{"controls"}, 0, ""},
		{[]string{"controls", "A.9.2.1"}, 0, "soa: note: A.9.2.1 is an ISO/IEC 27001:2013 control"},
		{[]string{"controls", "A.5.38"}, 1, `soa: "A.5.38" is not an ISO/IEC 27001:2022 Annex A control; did you mean A.5.36`},
		{[]string{"controls", "five"}, 1, `soa: "five" is not a control ID: write it as 5.1, A.5.1, a.5.1, A 5.1 or A.05.01`},
		{[]string{"controls", "--format", "xml"}, 2, `soa: --format "xml" is not one of table, csv, json, md`},
		{[]string{"controls", "--theme", "legal"}, 2, "soa: --theme: unknown theme"},
		{[]string{"controls", "--attribute", "colour=red"}, 2, "soa: --attribute \"colour=red\": write NAME=VALUE"},
		{[]string{"controls", "--nope"}, 2, "soa: flag provided but not defined: -nope\nsoa: run 'soa controls --help' for usage"},
		{[]string{"contrls"}, 2, "soa: unknown command \"contrls\"\nsoa: did you mean \"controls\"?"},
		{[]string{"help"}, 0, ""},
		{[]string{"help", "check"}, 0, ""},
		{[]string{"--bogus"}, 2, "soa: flag provided but not defined: -bogus\nsoa: run 'soa --help' for usage"},
	}
	for _, tt := range tests {
		_, errs, code := runCLI(t, tt.args...)
		if code != tt.code {
			t.Errorf("soa %v: exit %d, want %d (stderr %q)", tt.args, code, tt.code, errs)
		}
		if !strings.Contains(errs, tt.stderr) {
			t.Errorf("soa %v: stderr %q, want it to contain %q", tt.args, errs, tt.stderr)
		}
		if strings.Contains(errs, "goroutine ") || strings.Contains(errs, "panic") {
			t.Errorf("soa %v: stack trace on stderr", tt.args)
		}
	}
}

func TestFlagsAfterArguments(t *testing.T) {
	before, _, c1 := runCLI(t, "controls", "--format", "json", "A.5.1", "8.2")
	after, _, c2 := runCLI(t, "controls", "A.5.1", "--format", "json", "8.2")
	eq, _, c3 := runCLI(t, "controls", "A.5.1", "8.2", "--format=json")
	if c1 != 0 || c2 != 0 || c3 != 0 {
		t.Fatalf("exit codes %d %d %d", c1, c2, c3)
	}
	if !strings.HasPrefix(before, "[") || before != after || before != eq {
		t.Errorf("flag order changed the output:\n%s\n---\n%s\n---\n%s", before, after, eq)
	}
}
