package main

import (
	"bytes"
	"encoding/json"
	"io/fs"
	"maps"
	"os"
	"path/filepath"
	"slices"
	"strings"
	"testing"

	"github.com/soa-tool/soa/annexa"
	"github.com/soa-tool/soa/soa/schema"
	"github.com/soa-tool/soa/templates"
)

var initFiles = []string{"isms.yaml", "risks.yaml", "controls.yaml",
	".schema/isms.schema.json", ".schema/risks.schema.json", ".schema/controls.schema.json", ".gitignore", ".yamllint"}

// snapshot reads every file under dir, by slash path.
func snapshot(t *testing.T, dir string) map[string]string {
	t.Helper()
	out := map[string]string{}
	err := filepath.WalkDir(dir, func(p string, d fs.DirEntry, err error) error {
		if err != nil || d.IsDir() {
			return err
		}
		b, err := os.ReadFile(p)
		rel, _ := filepath.Rel(dir, p)
		out[filepath.ToSlash(rel)] = string(b)
		return err
	})
	if err != nil {
		t.Fatal(err)
	}
	return out
}

// TestInitThenCheck is a first-time user's run: soa init, then soa check on the untouched
// files. The check fails, and every finding is about a value left to fill in: the
// organization, scope and document owner, the undecided controls, and the status of the two
// controls the example risk selects. Nothing about YAML, types or unknown keys.
func TestInitThenCheck(t *testing.T) {
	dir := filepath.Join(t.TempDir(), "new", "isms")
	out, errs, code := runCLI(t, "init", dir)
	if code != 0 || errs != "" {
		t.Fatalf("init: exit %d, stderr %q", code, errs)
	}
	for _, f := range initFiles {
		p := filepath.Join(dir, filepath.FromSlash(f))
		if !strings.Contains(out, "wrote "+p+"\n") {
			t.Errorf("init does not say it wrote %s:\n%s", p, out)
		}
		st, err := os.Stat(p)
		if err != nil {
			t.Fatal(err)
		}
		if st.Mode().Perm()&^0o644 != 0 {
			t.Errorf("%s has mode %v, want at most 0644", f, st.Mode().Perm())
		}
	}
	if !strings.Contains(out, "then run 'soa check "+dir+"'") {
		t.Errorf("init does not give the next step:\n%s", out)
	}
	if got := slices.Sorted(maps.Keys(snapshot(t, dir))); !slices.Equal(got, slices.Sorted(slices.Values(initFiles))) {
		t.Errorf("init wrote %v", got)
	}

	out, _, code = runCLI(t, "check", "--format", "json", dir)
	if code != 1 {
		t.Fatalf("check on a fresh workspace: exit %d, want 1", code)
	}
	var res struct {
		Findings []findingJSON
		Errors   int
		Warnings int
	}
	if err := json.Unmarshal([]byte(out), &res); err != nil {
		t.Fatal(err)
	}
	rules := map[string]int{}
	var required []string
	for _, f := range res.Findings {
		rules[f.Severity+" "+f.Rule]++
		if f.Rule == "required" {
			required = append(required, f.Message)
		}
		if f.Rule == "undecided" && (!strings.Contains(f.Message, "set applicable: true with reasons, or applicable: false with a justification") ||
			filepath.Base(f.File) != "controls.yaml" || f.Line == 0) {
			t.Errorf("undecided finding does not say what to set, or where: %+v", f)
		}
	}
	// The example risk awaits its owner's approval of the plan.
	want := map[string]int{"error required": 3, "error undecided": 91, "error status": 2, "warning no-owner": 2, "warning plan-approval": 1}
	if !maps.Equal(rules, want) {
		t.Errorf("findings by rule: %v, want %v\n%s", rules, want, out)
	}
	for i, field := range []string{"organization is empty; give the organization's legal name",
		"scope is empty; give the ISMS scope statement (clause 4.3)", "document.owner is empty; name the document owner"} {
		if i >= len(required) || !strings.HasPrefix(required[i], field) {
			t.Errorf("required findings %q, want one starting %q", required, field)
		}
	}

	// The text form names each undecided control with its title, at its line.
	out, _, _ = runCLI(t, "check", dir)
	for _, c := range annexa.All() {
		if c.ID.String() == "A.5.17" || c.ID.String() == "A.8.5" {
			continue // selected by the example risk: applicable, waiting for a status
		}
		if !strings.Contains(out, ": error: "+c.ID.String()+" "+c.Title+" is not decided") {
			t.Errorf("check does not report %s %s as undecided", c.ID, c.Title)
		}
	}
	if !strings.Contains(out, "93 controls: 2 applicable, 0 excluded, 91 undecided") {
		t.Errorf("summary:\n%s", out[strings.LastIndex(strings.TrimSpace(out), "\n")+1:])
	}
}

// TestInitModelines checks that each file's modeline points at the schema init wrote.
func TestInitModelines(t *testing.T) {
	dir := t.TempDir()
	if _, errs, code := runCLI(t, "init", dir); code != 0 {
		t.Fatalf("init: exit %d, %s", code, errs)
	}
	files := snapshot(t, dir)
	for _, k := range schema.Kinds {
		first, _, _ := strings.Cut(files[k+".yaml"], "\n")
		ref, ok := strings.CutPrefix(first, "# yaml-language-server: $schema=")
		if !ok {
			t.Errorf("%s.yaml starts with %q", k, first)
			continue
		}
		want, _ := schema.For(k)
		if files[ref] != string(want) {
			t.Errorf("%s.yaml points at %s, which is not its schema", k, ref)
		}
	}
	if files["controls.yaml"] != string(templates.Controls()) || files["isms.yaml"] != string(templates.ISMS()) {
		t.Error("init did not write the templates as they are")
	}
}

func TestInitKeepsExistingFiles(t *testing.T) {
	dir := t.TempDir()
	if _, errs, code := runCLI(t, "init", dir); code != 0 {
		t.Fatalf("init: exit %d, %s", code, errs)
	}
	mine := filepath.Join(dir, "isms.yaml")
	if err := os.WriteFile(mine, []byte("organization: Mine\n"), 0o644); err != nil {
		t.Fatal(err)
	}
	risksPath := filepath.Join(dir, "risks.yaml")
	if err := os.Remove(risksPath); err != nil {
		t.Fatal(err)
	}
	before := snapshot(t, dir)
	// soa check names the missing file and the command that writes it...
	out, _, code := runCLI(t, "check", dir)
	if code != 1 || !strings.Contains(out, "risks.yaml is missing; run 'soa init "+dir+"' to write the missing files (the others are left as they are)") {
		t.Errorf("check: exit %d\n%s", code, out)
	}
	// ...and that command writes it and nothing else.
	out, errs, code := runCLI(t, "init", dir)
	if code != 0 || errs != "" {
		t.Fatalf("init over a workspace: exit %d, stderr %q", code, errs)
	}
	for _, want := range []string{"wrote " + risksPath + "\n", "kept " + mine + ", ", " as they are (soa init --force " + dir + " would overwrite them)\n"} {
		if !strings.Contains(out, want) {
			t.Errorf("stdout %q does not contain %q", out, want)
		}
	}
	after := snapshot(t, dir)
	if b, _ := os.ReadFile(risksPath); !bytes.Equal(b, templates.Risks()) {
		t.Error("init did not write the missing risks.yaml")
	}
	delete(after, "risks.yaml")
	if !maps.Equal(before, after) {
		t.Error("init changed files that existed")
	}

	// Every file there: nothing is written, and it says so.
	out, errs, code = runCLI(t, "init", dir)
	if code != 0 || errs != "" || strings.Contains(out, "wrote ") || !strings.Contains(out, "kept ") {
		t.Errorf("init over a full workspace: exit %d, stderr %q, stdout %q", code, errs, out)
	}

	// One existing file is kept, the others are written.
	other := t.TempDir()
	only := filepath.Join(other, "controls.yaml")
	if err := os.WriteFile(only, []byte("controls:\n"), 0o644); err != nil {
		t.Fatal(err)
	}
	out, _, code = runCLI(t, "init", other)
	if code != 0 || !strings.Contains(out, "kept "+only+" as it is (soa init --force "+other+" would overwrite it)") {
		t.Errorf("exit %d, stdout %q", code, out)
	}
	if b, _ := os.ReadFile(only); string(b) != "controls:\n" {
		t.Error("init overwrote controls.yaml")
	}
	if got := snapshot(t, other); len(got) != 8 { // three workspace files, their schemas, .gitignore and .yamllint
		t.Errorf("init wrote %v", slices.Sorted(maps.Keys(got)))
	}

	// --force overwrites, also when written after the directory.
	out, errs, code = runCLI(t, "init", dir, "--force")
	if code != 0 || errs != "" || !strings.Contains(out, "wrote "+mine) {
		t.Fatalf("init --force: exit %d, stderr %q, stdout %q", code, errs, out)
	}
	if b, _ := os.ReadFile(mine); !bytes.Equal(b, templates.ISMS()) {
		t.Error("--force did not overwrite isms.yaml")
	}
	if entries, _ := os.ReadDir(dir); len(entries) != 6 {
		t.Errorf("init --force left %d entries in the directory (temporary files?)", len(entries))
	}
}

func TestInitCurrentDirectory(t *testing.T) {
	dir := t.TempDir()
	t.Chdir(dir)
	out, errs, code := runCLI(t, "init")
	if code != 0 || errs != "" {
		t.Fatalf("init: exit %d, stderr %q", code, errs)
	}
	if !strings.Contains(out, "wrote isms.yaml\n") || !strings.Contains(out, "run 'soa check',") {
		t.Errorf("stdout:\n%s", out)
	}
	out, errs, code = runCLI(t, "init")
	if code != 0 || errs != "" || !strings.Contains(out, "kept isms.yaml, ") || !strings.Contains(out, "(soa init --force would overwrite them)") {
		t.Errorf("second init: exit %d, stderr %q, stdout %q", code, errs, out)
	}
}

func TestInitErrors(t *testing.T) {
	dir := t.TempDir()
	file := filepath.Join(dir, "file")
	if err := os.WriteFile(file, nil, 0o644); err != nil {
		t.Fatal(err)
	}
	for _, tt := range []struct {
		args   []string
		stderr string
	}{
		{[]string{"init", "a", "b"}, "soa: soa init takes one workspace directory, not 2 arguments (a b)"},
		{[]string{"init", file}, "soa: " + file + " is a file, not a directory"},
		{[]string{"init", "--frobnicate"}, "soa: flag provided but not defined: -frobnicate"},
	} {
		out, errs, code := runCLI(t, tt.args...)
		if code != 2 || out != "" || !strings.HasPrefix(errs, tt.stderr) {
			t.Errorf("soa %v: exit %d, stdout %q, stderr %q; want 2 and %q", tt.args, code, out, errs, tt.stderr)
		}
	}
	// --from-soc2 goes its own way; a file that cannot be read is not a plain starter.
	empty := t.TempDir()
	if _, _, code := runCLI(t, "init", "--from-soc2", filepath.Join(dir, "missing.csv"), empty); code == 0 {
		t.Error("init --from-soc2 with a missing file succeeded")
	}
}

func TestQuotedDirArg(t *testing.T) {
	for in, want := range map[string]string{".": "", "./": "", "ws": " ws", "my isms": " 'my isms'", "it's": ` 'it'\''s'`} {
		if got := dirArg(in); got != want {
			t.Errorf("dirArg(%q) = %q, want %q", in, got, want)
		}
	}
}
