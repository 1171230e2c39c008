package main

import (
	"bytes"
	"os"
	"os/exec"
	"path/filepath"
	"regexp"
	"strings"
	"testing"

	goldenfile "github.com/soa-tool/soa/soa/golden"

	"github.com/soa-tool/soa/soa/schema"
	"github.com/soa-tool/soa/soa/soatest"
	"github.com/soa-tool/soa/templates"
)

func TestVersionCommand(t *testing.T) {
	out, errs, code := runCLI(t, "version")
	if code != 0 || errs != "" {
		t.Fatalf("soa version: exit %d, stderr %q", code, errs)
	}
	// A test binary has no stamped version and no VCS information.
	want := regexp.MustCompile(`^soa version devel\ncommit: unknown\nbuilt:  unknown\ngo:     go1\.\d+\S* \w+/\w+\nnote:   `)
	if !want.MatchString(out) {
		t.Errorf("soa version printed\n%s", out)
	}
	for _, flag := range []string{"--version", "-v"} {
		if got, _, code := runCLI(t, flag); code != 0 || got != out {
			t.Errorf("soa %s: exit %d, printed\n%s\nwant what soa version prints", flag, code, got)
		}
	}
	if _, errs, code := runCLI(t, "version", "extra"); code != 2 || !strings.Contains(errs, "takes no arguments") {
		t.Errorf("soa version extra: exit %d, stderr %q", code, errs)
	}
}

func TestVersionStamped(t *testing.T) {
	stampedVersion, stampedCommit, stampedDate = "v1.2.3", "0123456789abcdef0123456789abcdef01234567", "2026-11-30T10:00:00Z"
	t.Cleanup(func() { stampedVersion, stampedCommit, stampedDate = "", "", "" })
	out, _, code := runCLI(t, "version")
	want := "soa version v1.2.3\ncommit: 0123456789abcdef0123456789abcdef01234567\nbuilt:  2026-11-30T10:00:00Z\n"
	if code != 0 || !strings.HasPrefix(out, want) || strings.Contains(out, "note:") {
		t.Errorf("stamped soa version printed\n%s\nwant it to start with\n%s", out, want)
	}
}

// "CMD DIR --help", "-h" anywhere and "help CMD extra" print the command's help, never nothing.
func TestHelpAnywhere(t *testing.T) {
	for _, args := range [][]string{
		{"build", "examples/acme-saas", "--help"},
		{"build", "--help", "examples/acme-saas"},
		{"check", "examples/acme-saas", "-h"},
		{"check", "-h", "examples/acme-saas"},
		{"help", "check", "foo"},
		{"help", "check"},
		{"check", "--format", "json", "dir", "--help"},
	} {
		want, _, _ := runCLI(t, args[0], "--help")
		if args[0] == "help" {
			want, _, _ = runCLI(t, args[1], "--help")
		}
		out, errs, code := runCLI(t, args...)
		if code != 0 || errs != "" || out != want || !strings.Contains(out, "USAGE:") {
			t.Errorf("soa %s: exit %d, stderr %q, stdout\n%s\nwant the command's help", strings.Join(args, " "), code, errs, out)
		}
	}
	// After "--", -h is an argument, not a request for help.
	if out, _, _ := runCLI(t, "check", "--", "-h"); strings.Contains(out, "USAGE:") {
		t.Error("soa check -- -h printed help")
	}
}

func TestUnknownCommandSuggestions(t *testing.T) {
	for _, tt := range []struct{ typed, want string }{
		{"contrls", "controls"},
		{"bild", "build"},
		{"aprove", "approve"},
		{"chek", "check"},
		{"chéck", "check"}, // one edit: letters, not bytes
		{"bulid", "build"}, // one edit: two letters swapped
		{"verison", "version"},
		{"äpprove", "approve"},
		{"bu", "build"},
		{"cros", "crosswalk"},
		{"docs", ""},
		{"lint", ""}, // two edits from init
		{"crosswlk", "crosswalk"},
		{"ma", "man"},
		{"c", ""},
		{"xyzzy", ""},
	} {
		_, errs, code := runCLI(t, tt.typed)
		if code != 2 || !strings.Contains(errs, "soa: unknown command \""+tt.typed+"\"\n") || !strings.HasSuffix(errs, "soa: see 'soa --help' for the list of commands\n") {
			t.Errorf("soa %s: exit %d, stderr %q", tt.typed, code, errs)
		}
		got := ""
		if m := regexp.MustCompile(`did you mean "(\w+)"\?`).FindStringSubmatch(errs); m != nil {
			got = m[1]
		}
		if got != tt.want {
			t.Errorf("soa %s: suggests %q, want %q", tt.typed, got, tt.want)
		}
	}
}

// withStdin makes "-" read s for the rest of the test.
func withStdin(t *testing.T, s string) {
	old := stdin
	stdin = strings.NewReader(s)
	t.Cleanup(func() { stdin = old })
}

func TestDashIsStdin(t *testing.T) {
	csv, err := os.ReadFile(filepath.Join(soatest.Example(""), "soc2-program.csv"))
	if err != nil {
		t.Fatal(err)
	}
	fromFile, _, code := runCLI(t, "gap", "--format", "json", "--soc2", filepath.Join(soatest.Example(""), "soc2-program.csv"))
	if code != 0 {
		t.Fatal("gap from the file failed")
	}
	for _, args := range [][]string{{"gap", "--format", "json", "--soc2", "-"}, {"gap", "-", "--format", "json"}} {
		withStdin(t, string(csv))
		out, errs, code := runCLI(t, args...)
		// The report names its source; only that may differ.
		if code != 0 || errs != "" || stripSource(out) != stripSource(fromFile) {
			t.Errorf("soa %s: exit %d, stderr %q; output differs from reading the file", strings.Join(args, " "), code, errs)
		}
	}

	dir := t.TempDir()
	withStdin(t, string(csv))
	out, errs, code := runCLI(t, "init", "--from-soc2", "-", dir)
	if code != 0 || errs != "" || !strings.Contains(out, "wrote "+filepath.Join(dir, "controls.yaml")) {
		t.Fatalf("init --from-soc2 -: exit %d, stderr %q, stdout %q", code, errs, out)
	}
	b, _ := os.ReadFile(filepath.Join(dir, "controls.yaml"))
	if !bytes.Contains(b, []byte("standard input")) || !bytes.Contains(b, []byte("status: implemented")) {
		t.Errorf("controls.yaml from standard input does not come from the SOC 2 list:\n%.600s", b)
	}

	withStdin(t, "id,name\nC-1,x\n")
	if _, errs, code := runCLI(t, "gap", "--soc2", "-"); code != 1 || !strings.Contains(errs, "standard input:1") {
		t.Errorf("a bad list on standard input: exit %d, stderr %q (want the findings to name standard input)", code, errs)
	}
}

func stripSource(s string) string {
	return regexp.MustCompile(`"(source|file)": "[^"]*"`).ReplaceAllString(s, "")
}

// -o - writes the one file to standard output, and refuses when there would be several; no
// directory named "-" appears either way.
func TestDashOIsStdout(t *testing.T) {
	t.Chdir(t.TempDir())
	ws := soatest.Copy(t, "acme-saas")
	t.Setenv("SOURCE_DATE_EPOCH", epoch26Nov27)

	out, errs, code := runCLI(t, "build", ws, "--format", "json", "-o", "-")
	if code != 0 {
		t.Fatalf("build --format json -o -: exit %d, stderr %q", code, errs)
	}
	if _, _, code := runCLI(t, "build", ws, "--format", "json", "-o", "built"); code != 0 {
		t.Fatal("build -o built failed")
	}
	if file, _ := os.ReadFile(filepath.Join("built", "soa.json")); out != string(file) {
		t.Errorf("build -o - printed something other than soa.json:\n%.300s", out)
	}

	for _, s := range []string{"isms", "controls"} {
		printed, _, _ := runCLI(t, "schema", s)
		out, errs, code := runCLI(t, "schema", s, "-o", "-")
		if want, _ := schema.For(s); code != 0 || errs != "" || out != printed || out != string(want) {
			t.Errorf("schema %s -o -: exit %d, stderr %q", s, code, errs)
		}
	}

	for _, tt := range []struct {
		args []string
		msg  string
	}{
		{[]string{"build", ws, "-o", "-"}, "soa: -o - writes one file to standard output, and --format xlsx,pdf,json,csv would write 4; choose one format, e.g. soa build --format json -o -"},
		{[]string{"build", ws, "-o", "-", "-f", "pdf,csv"}, "--format pdf,csv would write 2"},
		{[]string{"schema", "-o", "-"}, "soa: -o - writes one file to standard output, and soa schema would write 4; name one, e.g. soa schema isms -o -"},
	} {
		out, errs, code := runCLI(t, tt.args...)
		if code != 2 || out != "" || !strings.Contains(errs, tt.msg) {
			t.Errorf("soa %s: exit %d, stdout %q, stderr %q; want exit 2 and %q", strings.Join(tt.args, " "), code, out, errs, tt.msg)
		}
	}
	if _, err := os.Stat("-"); err == nil {
		t.Error(`a file or directory named "-" was created`)
	}
}

func TestQuiet(t *testing.T) {
	t.Setenv("SOURCE_DATE_EPOCH", epoch26Nov27)
	ws := soatest.Copy(t, "acme-saas")
	outDir := t.TempDir()
	for _, args := range [][]string{
		{"build", ws, "-q", "-o", outDir, "--format", "json,csv"},
		{"release", ws, "--quiet", "--version", "2.1", "--changes", "Quarterly review"},
		{"approve", ws, "-q", "--by", "Board"},
	} {
		isms, _ := os.ReadFile(filepath.Join(ws, "isms.yaml"))
		out, errs, code := runCLI(t, args...)
		if code != 0 || out != "" {
			t.Errorf("soa %s: exit %d, stdout %q (stderr %q); want exit 0 and nothing printed", strings.Join(args, " "), code, out, errs)
		}
		after, _ := os.ReadFile(filepath.Join(ws, "isms.yaml"))
		if args[0] != "build" && bytes.Equal(isms, after) {
			t.Errorf("soa %s -q did not do its work", args[0])
		}
	}
	if _, err := os.Stat(filepath.Join(outDir, "soa.csv")); err != nil {
		t.Errorf("build -q wrote nothing: %v", err)
	}
	// Errors still show.
	if out, errs, code := runCLI(t, "approve", ws, "-q"); code != 2 || out != "" || !strings.Contains(errs, "--by is required") {
		t.Errorf("approve -q without --by: exit %d, stdout %q, stderr %q", code, out, errs)
	}
}

func TestReleaseDashV(t *testing.T) {
	ws := soatest.Copy(t, "acme-saas")
	for _, args := range [][]string{{"release", ws, "-v", "2.1"}, {"release", "-v=2.1", ws}} {
		_, errs, code := runCLI(t, args...)
		if code != 2 || !strings.Contains(errs, "soa: -v is soa's own version flag (soa -v); give the new version as --version, e.g. soa release --version 2.1") {
			t.Errorf("soa %s: exit %d, stderr %q", strings.Join(args, " "), code, errs)
		}
	}
}

func TestCompletionScripts(t *testing.T) {
	for _, sh := range shells {
		out, errs, code := runCLI(t, "completion", sh)
		if code != 0 || errs != "" {
			t.Fatalf("completion %s: exit %d, stderr %q", sh, code, errs)
		}
		for _, c := range commands() {
			if !strings.Contains(out, c.Name) {
				t.Errorf("the %s script does not complete %s", sh, c.Name)
			}
		}
		for _, f := range []string{"since", "font-bold", "from-soc2"} {
			if !strings.Contains(out, f) {
				t.Errorf("the %s script does not complete --%s", sh, f)
			}
		}
	}
	for _, args := range [][]string{{"completion"}, {"completion", "tcsh"}, {"completion", "bash", "zsh"}} {
		if _, errs, code := runCLI(t, args...); code != 2 || !strings.Contains(errs, "bash, zsh, fish, powershell") {
			t.Errorf("soa %s: exit %d, stderr %q", strings.Join(args, " "), code, errs)
		}
	}
}

// The bash script, sourced in bash, completes "soa bu<TAB>" to build, and flags and
// arguments after a command.
func TestCompletionBash(t *testing.T) {
	bash, err := exec.LookPath("bash")
	if err != nil {
		t.Skip("bash not installed")
	}
	script, _, _ := runCLI(t, "completion", "bash")
	path := filepath.Join(t.TempDir(), "soa.bash")
	if err := os.WriteFile(path, []byte(script), 0o644); err != nil {
		t.Fatal(err)
	}
	for _, tt := range []struct {
		words []string // the command line, the last word being completed
		want  string
	}{
		{[]string{"soa", "bu"}, "build"},
		{[]string{"soa", "c"}, "check controls crosswalk completion"},
		{[]string{"soa", "--v"}, "--version"},
		{[]string{"soa", "build", "--fo"}, "--format --font --font-bold"},
		{[]string{"soa", "build", "examples", "--si"}, "--since"},
		{[]string{"soa", "check", "-"}, "--format -f --strict --help"},
		{[]string{"soa", "schema", "i"}, "isms"},
		{[]string{"soa", "completion", "z"}, "zsh"},
		{[]string{"soa", "build", "exa"}, ""}, // left to bash's file name completion (-o default)
	} {
		var quoted []string
		for _, w := range tt.words {
			quoted = append(quoted, "'"+w+"'")
		}
		cmd := exec.Command(bash, "--norc", "--noprofile", "-c",
			`source "$1" && complete -p soa >/dev/null && COMP_WORDS=(`+strings.Join(quoted, " ")+`) && COMP_CWORD=$((${#COMP_WORDS[@]} - 1)) && _soa && echo "${COMPREPLY[*]}"`,
			"bash", path)
		out, err := cmd.CombinedOutput()
		if err != nil {
			t.Fatalf("bash: %v\n%s", err, out)
		}
		if got := strings.TrimSpace(string(out)); got != tt.want {
			t.Errorf("%s<TAB> completes to %q, want %q", strings.Join(tt.words, " "), got, tt.want)
		}
	}
}

func TestManPage(t *testing.T) {
	out, errs, code := runCLI(t, "man")
	if code != 0 || errs != "" || !strings.HasPrefix(out, ".nh\n.TH soa 1") {
		t.Fatalf("soa man: exit %d, stderr %q, starts %.40q", code, errs, out)
	}
	for _, c := range commands() {
		if !strings.Contains(out, ".SH "+c.Name+"\n") {
			t.Errorf("the man page has no section for %s", c.Name)
		}
	}
	file := filepath.Join(t.TempDir(), "soa.1")
	if _, _, code := runCLI(t, "man", "-o", file); code != 0 {
		t.Fatal("soa man -o failed")
	}
	if b, _ := os.ReadFile(file); string(b) != out {
		t.Error("soa man -o FILE wrote something other than soa man prints")
	}
	// groff formats it without warnings, when installed.
	if groff, err := exec.LookPath("groff"); err == nil {
		cmd := exec.Command(groff, "-man", "-Tutf8", "-ww", "-z")
		cmd.Stdin = strings.NewReader(out)
		if msg, err := cmd.CombinedOutput(); err != nil || len(msg) > 0 {
			t.Errorf("groff -man -ww: %v\n%s", err, msg)
		}
	}
}

// soa init writes .gitignore and .yamllint, but keeps a repository's own, even with --force,
// and does not refuse because of them.
func TestInitKeepsDotfiles(t *testing.T) {
	dir := t.TempDir()
	mine := "# the repository's own\n*.log\n"
	if err := os.WriteFile(filepath.Join(dir, ".gitignore"), []byte(mine), 0o644); err != nil {
		t.Fatal(err)
	}
	for _, args := range [][]string{{"init", dir}, {"init", "--force", dir}} {
		out, errs, code := runCLI(t, args...)
		if code != 0 || errs != "" || !strings.Contains(out, "kept "+filepath.Join(dir, ".gitignore")+" as it was") {
			t.Errorf("soa %s: exit %d, stderr %q, stdout\n%s", strings.Join(args, " "), code, errs, out)
		}
		if b, _ := os.ReadFile(filepath.Join(dir, ".gitignore")); string(b) != mine {
			t.Errorf("soa %s changed the existing .gitignore:\n%s", strings.Join(args, " "), b)
		}
	}
	if b, _ := os.ReadFile(filepath.Join(dir, ".yamllint")); !bytes.Equal(b, templates.Yamllint()) {
		t.Error("init did not write .yamllint next to an existing .gitignore")
	}
	fresh := t.TempDir()
	runCLI(t, "init", fresh)
	if b, _ := os.ReadFile(filepath.Join(fresh, ".gitignore")); !strings.Contains(string(b), "\nout/\n") {
		t.Errorf("the .gitignore soa init writes does not list out/:\n%s", b)
	}
}

// soa import reads standard input for "-" and prints nothing under -q.
func TestImportStdinAndQuiet(t *testing.T) {
	csv, err := os.ReadFile(filepath.Join("testdata", "import", "grc-export.csv"))
	if err != nil {
		t.Fatal(err)
	}
	fromFile := t.TempDir()
	if _, errs, code := runCLI(t, "import", filepath.Join("testdata", "import", "grc-export.csv"), fromFile); code != 0 {
		t.Fatalf("import FILE: exit %d, %s", code, errs)
	}
	dir := t.TempDir()
	withStdin(t, string(csv))
	out, errs, code := runCLI(t, "import", "-", dir, "-q")
	if code != 0 || out != "" {
		t.Fatalf("import - -q: exit %d, stdout %q, stderr %q", code, out, errs)
	}
	a, _ := os.ReadFile(filepath.Join(fromFile, "controls.yaml"))
	b, _ := os.ReadFile(filepath.Join(dir, "controls.yaml"))
	// Only the source named in the comments may differ.
	if strings.Count(string(a), "\n") != strings.Count(string(b), "\n") || !strings.Contains(string(b), "standard input") {
		t.Errorf("controls.yaml from standard input differs from the file's:\n%s", goldenfile.Diff(a, b))
	}
	withStdin(t, "")
	if _, errs, code := runCLI(t, "import", "-", t.TempDir()); code == 0 || !strings.Contains(errs, "standard input") {
		t.Errorf("empty standard input: exit %d, stderr %q", code, errs)
	}
}
