package main

import (
	"encoding/json"
	"os"
	"path/filepath"
	"slices"
	"strings"
	"testing"

	"github.com/soa-tool/soa/annexa"
	"github.com/soa-tool/soa/soa/workspace"
)

// TestInitFromSOC2ThenCheck is the acceptance test: a workspace started from the
// example SOC 2 program fails soa check only on undecided controls and fields left to fill.
func TestInitFromSOC2ThenCheck(t *testing.T) {
	// Rules soa check may report on a fresh workspace: the starter isms.yaml and risks.yaml
	// fields to fill, and in controls.yaml the undecided controls, the justifications to write,
	// owners to name and due dates of partial controls.
	allowedControls := []string{"undecided", "justification", "no-owner", "no-due", "status"}
	for _, example := range []string{"soc2-program.yaml", "soc2-program.csv"} {
		dir := filepath.Join(t.TempDir(), "ws")
		plain := filepath.Join(t.TempDir(), "plain")
		out, errs, code := runCLI(t, "init", "--from-soc2", filepath.Join("..", "..", "examples", example), dir)
		if code != 0 || errs != "" {
			t.Fatalf("%s: init: exit %d: %s", example, code, errs)
		}
		if !strings.Contains(out, "wrote "+filepath.Join(dir, "controls.yaml")) || !strings.Contains(out, "45 are covered by the SOC 2 program, 28 partly\n(status partial), 0 planned and 20 are left") {
			t.Errorf("%s: init said\n%s", example, out)
		}
		if _, _, code := runCLI(t, "init", plain); code != 0 {
			t.Fatal("plain init failed")
		}
		for _, f := range []string{workspace.ISMSFile, workspace.RisksFile, filepath.Join(".schema", "controls.schema.json")} {
			a, _ := os.ReadFile(filepath.Join(dir, f))
			b, _ := os.ReadFile(filepath.Join(plain, f))
			if len(a) == 0 || string(a) != string(b) {
				t.Errorf("%s: %s differs from plain soa init's", example, f)
			}
		}
		rules := checkRules(t, dir)
		base := checkRules(t, plain)
		for file, rs := range rules {
			for _, r := range rs {
				switch {
				case file == "controls.yaml" && !slices.Contains(allowedControls, r):
					t.Errorf("%s: unexpected finding in controls.yaml: rule %s", example, r)
				case file == "risks.yaml" && r == "plan-open-controls-implemented":
					// The template's example risk selects controls SOC 2 says are implemented.
				case file != "controls.yaml" && !slices.Contains(base[file], r):
					t.Errorf("%s: %s: rule %s, which plain soa init does not give", example, file, r)
				}
			}
		}
		if !slices.Contains(rules["controls.yaml"], "undecided") || !slices.Contains(rules["controls.yaml"], "justification") {
			t.Errorf("%s: expected undecided and justification findings, got %v", example, rules)
		}
		ws, err := workspace.Load(dir)
		if err != nil {
			t.Fatal(err)
		}
		n, implemented := 0, 0
		for id, d := range ws.Decisions {
			if d.Decided && d.Applicable {
				n++
			}
			if d.Status == "implemented" {
				implemented++
			}
			// Office access (CC6.4) only touches securing offices: partial. Nothing in the
			// program is about cabling, and clear desk has no counterpart: both undecided.
			if (id == annexa.ID{Clause: 7, Num: 3}) && d.Status != "partial" {
				t.Errorf("%s: %s has status %q, want partial", example, id, d.Status)
			}
			if (id == annexa.ID{Clause: 7, Num: 7} || id == annexa.ID{Clause: 7, Num: 12}) && d.Decided {
				t.Errorf("%s: %s is decided, want undecided", example, id)
			}
			// The texts that reach the SoA do not carry the export's file name, and evidence
			// is only what the export gives.
			if strings.Contains(d.Implementation, "soc2-program") || slices.ContainsFunc(d.Evidence, func(e string) bool { return strings.Contains(e, "Board oversight of security") }) {
				t.Errorf("%s: %s: implementation %q, evidence %q", example, id, d.Implementation, d.Evidence)
			}
			if d.Decided && !d.Applicable {
				t.Errorf("%s excluded", d.ID)
			}
		}
		// 45 covered, of which 2 have a program control in progress (status partial).
		if n != 73 || implemented != 43 {
			t.Errorf("%s: %d applicable decisions, %d implemented; want 73 (45 covered + 28 partly), 43", example, n, implemented)
		}
		b, _ := os.ReadFile(filepath.Join(dir, "controls.yaml"))
		if i := strings.Index(string(b), "  A.7.3:"); i < 0 || !strings.Contains(string(b[max(0, i-600):i]), "offices, rooms and facilities designed") {
			t.Errorf("%s: A.7.3 has no comment on what SOC 2 does not ask for", example)
		}
	}
}

// checkRules runs soa check on dir and returns its rules per file name.
func checkRules(t *testing.T, dir string) map[string][]string {
	t.Helper()
	out, errs, code := runCLI(t, "check", "--format", "json", dir)
	if code != 1 {
		t.Fatalf("check %s: exit %d, want 1: %s", dir, code, errs)
	}
	var res struct{ Findings []struct{ File, Rule string } }
	if err := json.Unmarshal([]byte(out), &res); err != nil {
		t.Fatalf("check output: %v\n%s", err, out)
	}
	m := map[string][]string{}
	for _, f := range res.Findings {
		name := filepath.Base(f.File)
		if !slices.Contains(m[name], f.Rule) {
			m[name] = append(m[name], f.Rule)
		}
	}
	return m
}

func TestInitFromSOC2Errors(t *testing.T) {
	dir := t.TempDir()
	prog := filepath.Join("..", "..", "examples", "soc2-program.yaml")
	if _, _, code := runCLI(t, "init", "--from-soc2", prog, dir); code != 0 {
		t.Fatal(code)
	}
	_, errs, code := runCLI(t, "init", "--from-soc2", prog, dir)
	if code != 2 || !strings.Contains(errs, "soa init does not overwrite files") {
		t.Errorf("second init: exit %d, %s", code, errs)
	}
	bad := filepath.Join(dir, "bad.yaml")
	os.WriteFile(bad, []byte("- id: X\n  name: y\n  criteria: [CC6.1, CC6.10]\n"), 0o644)
	_, errs, code = runCLI(t, "init", "--from-soc2", bad, filepath.Join(dir, "new"))
	if code != 1 || !strings.Contains(errs, "bad.yaml:3:21: error: control X: \"CC6.10\" is not a Trust Services Criterion") {
		t.Errorf("bad list: exit %d, %s", code, errs)
	}
	if _, err := os.Stat(filepath.Join(dir, "new")); err == nil {
		t.Error("a failed init created the directory")
	}
	same := filepath.Join(dir, "same")
	os.MkdirAll(same, 0o755)
	list := filepath.Join(same, "controls.yaml")
	b, _ := os.ReadFile(prog)
	os.WriteFile(list, b, 0o644)
	_, errs, code = runCLI(t, "init", "--force", "--from-soc2", list, same)
	if code != 2 || !strings.Contains(errs, "is both the SOC 2 control list and a file soa init writes") {
		t.Errorf("input = output: exit %d, %s", code, errs)
	}
}
