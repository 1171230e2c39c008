package main

// Tests of what CI systems and packagers read: the SARIF and JUnit reports, the files at the
// repository's root (.goreleaser.yaml, Dockerfile, action.yml, .pre-commit-hooks.yaml) and the
// examples' editor and linter files.

import (
	"bytes"
	"debug/elf"
	"encoding/json"
	"encoding/xml"
	"os"
	"os/exec"
	"path/filepath"
	"regexp"
	"slices"
	"strings"
	"testing"

	"github.com/santhosh-tekuri/jsonschema/v6"
	"github.com/soa-tool/soa/soa/cireport/cireporttest"
	"github.com/soa-tool/soa/soa/clienttest"
	"github.com/soa-tool/soa/soa/schema"
	"github.com/soa-tool/soa/soa/soatest"
	"github.com/soa-tool/soa/templates"
	"gopkg.in/yaml.v3"
)

// root is the repository's root, from cmd/soa.
const root = "../.."

// checkCounts runs soa check --format json on dir and returns its error and warning counts.
func checkCounts(t *testing.T, dir string) (errors, warnings int) {
	t.Helper()
	out, _, _ := runCLI(t, "check", "--format", "json", dir)
	var c struct{ Errors, Warnings int }
	if err := json.Unmarshal([]byte(out), &c); err != nil {
		t.Fatal(err)
	}
	return c.Errors, c.Warnings
}

func TestCheckSARIF(t *testing.T) {
	fresh := t.TempDir()
	if _, _, code := runCLI(t, "init", fresh); code != 0 {
		t.Fatal("init failed")
	}
	stale := soatest.Copy(t, "acme-saas") // next review passed by the test's today: warnings
	t.Setenv("SOURCE_DATE_EPOCH", epoch26Nov27)
	for _, tt := range []struct {
		dir  string
		code int
	}{{fresh, 1}, {stale, 0}, {soatest.Example("acme-saas-2025"), 0}} {
		out, errs, code := runCLI(t, "check", "--format", "sarif", tt.dir)
		if code != tt.code {
			t.Errorf("check --format sarif %s: exit %d, want %d (stderr %q)", tt.dir, code, tt.code, errs)
		}
		cireporttest.CheckSARIF(t, []byte(out))
		var log struct {
			Runs []struct {
				Tool struct {
					Driver struct{ Name, Version string }
				}
				Results []struct{ Level string }
			}
		}
		if err := json.Unmarshal([]byte(out), &log); err != nil || len(log.Runs) != 1 {
			t.Fatalf("%v, %d runs", err, len(log.Runs))
		}
		levels := map[string]int{}
		for _, r := range log.Runs[0].Results {
			levels[r.Level]++
		}
		nerr, nwarn := checkCounts(t, tt.dir)
		if levels["error"] != nerr || levels["warning"] != nwarn || len(levels) > 2 {
			t.Errorf("%s: SARIF levels %v, want %d errors and %d warnings", tt.dir, levels, nerr, nwarn)
		}
		if d := log.Runs[0].Tool.Driver; d.Name != "soa" || d.Version != "devel" {
			t.Errorf("driver %+v", d)
		}
	}
	if n, _ := checkCounts(t, fresh); n < 90 {
		t.Errorf("a fresh workspace has %d errors; the test expects the ~96 of a fresh init", n)
	}
}

func TestCheckJUnit(t *testing.T) {
	fresh := t.TempDir()
	if _, _, code := runCLI(t, "init", fresh); code != 0 {
		t.Fatal("init failed")
	}
	stale := soatest.Copy(t, "acme-saas")
	t.Setenv("SOURCE_DATE_EPOCH", epoch26Nov27)
	for _, tt := range []struct {
		dir    string
		strict bool
	}{{fresh, false}, {stale, false}, {stale, true}} {
		args := []string{"check", "--format", "junit", tt.dir}
		if tt.strict {
			args = append(args, "--strict")
		}
		out, _, code := runCLI(t, args...)
		var r struct {
			Tests    int `xml:"tests,attr"`
			Failures int `xml:"failures,attr"`
			Suites   []struct {
				Name  string `xml:"name,attr"`
				Cases []struct {
					Name    string `xml:"name,attr"`
					Failure *struct {
						Type string `xml:"type,attr"`
					} `xml:"failure"`
				} `xml:"testcase"`
			} `xml:"testsuite"`
		}
		dec := xml.NewDecoder(strings.NewReader(out))
		dec.Strict = true
		if err := dec.Decode(&r); err != nil {
			t.Fatalf("%v: the JUnit XML does not parse: %v", args, err)
		}
		nerr, nwarn := checkCounts(t, tt.dir)
		wantFail := nerr
		if tt.strict {
			wantFail += nwarn
		}
		failed := 0
		for _, c := range r.Suites[0].Cases {
			if c.Failure != nil {
				failed++
			}
		}
		if r.Tests != max(1, nerr+nwarn) || r.Failures != wantFail || failed != wantFail || r.Suites[0].Name != "soa check "+tt.dir {
			t.Errorf("%v: %d tests, %d failures (%d failed cases), suite %q; want %d findings, %d failures", args, r.Tests, r.Failures, failed, r.Suites[0].Name, nerr+nwarn, wantFail)
		}
		if (wantFail > 0) != (code == 1) {
			t.Errorf("%v: exit %d with %d failures in the report", args, code, wantFail)
		}
	}
}

// The examples carry what soa init writes for editors and linters, up to date.
func TestExamplesCarryEditorFiles(t *testing.T) {
	for _, ex := range []string{"acme-saas", "acme-saas-2025"} {
		dir := soatest.Example(ex)
		for _, k := range schema.Kinds {
			want, _ := schema.For(k)
			got, err := os.ReadFile(filepath.Join(dir, templates.SchemaDir, schema.FileName(k)))
			if err != nil || !bytes.Equal(got, want) {
				t.Errorf("%s/.schema/%s is missing or stale (%v); refresh it: soa schema -o examples/%s/.schema", ex, schema.FileName(k), err, ex)
			}
			b, _ := os.ReadFile(filepath.Join(dir, k+".yaml"))
			if first, _, _ := strings.Cut(string(b), "\n"); first != templates.Modeline(k) {
				t.Errorf("%s/%s.yaml starts with %q, want the modeline %q", ex, k, first, templates.Modeline(k))
			}
		}
		if got, _ := os.ReadFile(filepath.Join(dir, ".yamllint")); !bytes.Equal(got, templates.Yamllint()) {
			t.Errorf("%s/.yamllint differs from the one soa init writes", ex)
		}
	}
}

// yamllint passes, --strict, on the examples and on fresh workspaces, with the .yamllint
// soa init writes.
func TestYamllint(t *testing.T) {
	yamllint := clienttest.Require(t, "yamllint")
	fresh, fromSOC2 := t.TempDir(), t.TempDir()
	runCLI(t, "init", fresh)
	runCLI(t, "init", fromSOC2, "--from-soc2", filepath.Join(soatest.Example(""), "soc2-program.csv"))
	for _, dir := range []string{soatest.Example("acme-saas"), soatest.Example("acme-saas-2025"), fresh, fromSOC2} {
		cmd := exec.Command(yamllint, "--strict", "-f", "parsable", ".")
		cmd.Dir = dir
		if out, err := cmd.CombinedOutput(); err != nil {
			t.Errorf("yamllint --strict in %s: %v\n%s", dir, err, out)
		}
	}
	// yamllint's default rules do fail on the same files: the .yamllint is what makes them pass.
	cmd := exec.Command(yamllint, "-d", "default", "--strict", ".")
	cmd.Dir = fresh
	if err := cmd.Run(); err == nil {
		t.Error("yamllint's default rules pass without .yamllint; is the file still needed?")
	}
}

// yamlFile reads a YAML file of the repository into generic values.
func yamlFile(t *testing.T, name string) any {
	t.Helper()
	b, err := os.ReadFile(filepath.Join(root, name))
	if err != nil {
		t.Fatal(err)
	}
	var v any
	if err := yaml.Unmarshal(b, &v); err != nil {
		t.Fatalf("%s: %v", name, err)
	}
	return v
}

// TestGoreleaserConfig validates .goreleaser.yaml against the schema goreleaser v2.15.1
// prints (goreleaser check does the same and more, but building it takes minutes), and
// checks the promises the README makes about release builds.
func TestGoreleaserConfig(t *testing.T) {
	cfg := yamlFile(t, ".goreleaser.yaml")
	js, _ := json.Marshal(cfg)
	inst, err := jsonschema.UnmarshalJSON(bytes.NewReader(js))
	if err != nil {
		t.Fatal(err)
	}
	sb, err := os.ReadFile(filepath.Join("testdata", "goreleaser", "goreleaser-v2.15.1.schema.json"))
	if err != nil {
		t.Fatal(err)
	}
	doc, err := jsonschema.UnmarshalJSON(bytes.NewReader(sb))
	if err != nil {
		t.Fatal(err)
	}
	c := jsonschema.NewCompiler()
	if err := c.AddResource("goreleaser.json", doc); err != nil {
		t.Fatal(err)
	}
	sch, err := c.Compile("goreleaser.json")
	if err != nil {
		t.Fatal(err)
	}
	if err := sch.Validate(inst); err != nil {
		t.Errorf(".goreleaser.yaml does not validate against goreleaser v2.15.1's schema:\n%v", err)
	}
	// The schema must be able to fail: a misspelt key.
	bad := strings.Replace(string(js), `"goarch"`, `"goarchs"`, 1)
	if v, _ := jsonschema.UnmarshalJSON(strings.NewReader(bad)); sch.Validate(v) == nil {
		t.Error("the goreleaser schema accepts a misspelt key")
	}

	var g struct {
		Builds []struct {
			Main    string
			Env     []string
			Goos    []string
			Goarch  []string
			Ldflags []string
		}
		Checksum struct{ Algorithm string }
	}
	if err := json.Unmarshal(js, &g); err != nil || len(g.Builds) != 1 {
		t.Fatalf("%v, %d builds", err, len(g.Builds))
	}
	b := g.Builds[0]
	if b.Main != "./cmd/soa" || !slices.Contains(b.Env, "CGO_ENABLED=0") ||
		!slices.Equal(b.Goos, []string{"linux", "darwin", "windows"}) || !slices.Equal(b.Goarch, []string{"amd64", "arm64"}) ||
		g.Checksum.Algorithm != "sha256" {
		t.Errorf("release builds: %+v, checksum %q", b, g.Checksum.Algorithm)
	}
	for _, v := range []string{"main.stampedVersion=", "main.stampedCommit=", "main.stampedDate="} {
		if !strings.Contains(strings.Join(b.Ldflags, " "), "-X "+v) {
			t.Errorf("ldflags do not stamp %s", v)
		}
	}
}

// A build with the release ldflags (templates filled in) and CGO off is static and prints
// the stamped values: the -X names match the variables in version.go.
func TestReleaseBuildStamped(t *testing.T) {
	if testing.Short() {
		t.Skip("builds soa; skipped with -short")
	}
	cfg := yamlFile(t, ".goreleaser.yaml").(map[string]any)
	ldflags := cfg["builds"].([]any)[0].(map[string]any)["ldflags"].([]any)[0].(string)
	ldflags = strings.NewReplacer("{{ .Version }}", "1.2.3", "{{ .FullCommit }}", "0123456789abcdef0123456789abcdef01234567",
		"{{ .CommitDate }}", "2026-11-30T10:00:00Z").Replace(ldflags)
	if strings.Contains(ldflags, "{{") {
		t.Fatalf("a template the test does not fill in: %s", ldflags)
	}
	bin := filepath.Join(t.TempDir(), "soa")
	cmd := exec.Command("go", "build", "-ldflags", ldflags, "-o", bin, ".")
	cmd.Env = append(os.Environ(), "CGO_ENABLED=0")
	if out, err := cmd.CombinedOutput(); err != nil {
		t.Fatalf("go build: %v\n%s", err, out)
	}
	out, err := exec.Command(bin, "version").Output()
	want := "soa version v1.2.3\ncommit: 0123456789abcdef0123456789abcdef01234567\nbuilt:  2026-11-30T10:00:00Z\n"
	if err != nil || !strings.HasPrefix(string(out), want) {
		t.Errorf("soa version of a release build: %v\n%s\nwant it to start with\n%s", err, out, want)
	}
	if f, err := elf.Open(bin); err == nil {
		defer f.Close()
		for _, p := range f.Progs {
			if p.Type == elf.PT_INTERP {
				t.Error("the release build is dynamically linked (it has an ELF interpreter)")
			}
		}
	}
}

// The Dockerfile cannot be built here (no container engine on the CI machine): this checks
// its lines the way a Dockerfile linter would, for the rules the README promises.
func TestDockerfile(t *testing.T) {
	b, err := os.ReadFile(filepath.Join(root, "Dockerfile"))
	if err != nil {
		t.Fatal(err)
	}
	known := []string{"FROM", "RUN", "CMD", "LABEL", "EXPOSE", "ENV", "ADD", "COPY", "ENTRYPOINT", "VOLUME", "USER", "WORKDIR", "ARG", "ONBUILD", "STOPSIGNAL", "HEALTHCHECK", "SHELL"}
	type instr struct {
		name, args string
		line       int
	}
	var ins []instr
	lines := strings.Split(string(b), "\n")
	for i := 0; i < len(lines); i++ {
		l := strings.TrimSpace(lines[i])
		if l == "" || strings.HasPrefix(l, "#") {
			continue
		}
		start := i + 1
		for strings.HasSuffix(l, "\\") {
			i++
			if i == len(lines) {
				t.Fatalf("Dockerfile:%d: a continuation runs off the end", start)
			}
			l = strings.TrimSuffix(l, "\\") + " " + strings.TrimSpace(lines[i])
		}
		name, args, _ := strings.Cut(l, " ")
		if !slices.Contains(known, name) {
			t.Errorf("Dockerfile:%d: %q is not a Dockerfile instruction (or not upper case)", start, name)
		}
		ins = append(ins, instr{name, strings.TrimSpace(args), start})
	}
	var froms []instr
	lastUser, workdir := "root", ""
	for _, in := range ins {
		switch in.name {
		case "FROM":
			froms = append(froms, in)
			lastUser = "root"
			img, _, _ := strings.Cut(in.args, " ")
			if !strings.Contains(img, ":") || strings.HasSuffix(img, ":latest") {
				t.Errorf("Dockerfile:%d: pin the image's tag: %s", in.line, img)
			}
		case "USER":
			lastUser = in.args
		case "WORKDIR":
			workdir = in.args
		case "ENTRYPOINT", "CMD":
			var v []string
			if err := json.Unmarshal([]byte(in.args), &v); err != nil {
				t.Errorf("Dockerfile:%d: %s in exec form (a JSON array), so signals reach soa: %v", in.line, in.name, err)
			}
		case "COPY":
			f := strings.Fields(in.args)
			if !strings.HasPrefix(f[0], "--from=") {
				for _, src := range f[:len(f)-1] {
					if _, err := os.Stat(filepath.Join(root, src)); err != nil {
						t.Errorf("Dockerfile:%d: COPY %s: %v", in.line, src, err)
					}
				}
			}
		}
	}
	if len(froms) < 2 {
		t.Error("the Dockerfile is not multi-stage")
	}
	if lastUser == "root" || lastUser == "0" {
		t.Error("the final image runs as root")
	}
	if workdir != "/data" {
		t.Errorf("the final working directory is %q, want /data", workdir)
	}
	for _, want := range []string{"CGO_ENABLED=0", "git", "-X main.stampedVersion=", "-X main.stampedCommit=", "-X main.stampedDate="} {
		if !bytes.Contains(b, []byte(want)) {
			t.Errorf("the Dockerfile lacks %q", want)
		}
	}
}

// action.yml is a composite action whose steps only use inputs it declares, and
// .pre-commit-hooks.yaml defines soa-check running soa check.
func TestActionAndHook(t *testing.T) {
	var action struct {
		Name, Description string
		Inputs            map[string]struct{ Description, Default string }
		Runs              struct {
			Using string
			Steps []struct {
				Name, Shell, Run, Uses string
			}
		}
	}
	b, _ := os.ReadFile(filepath.Join(root, "action.yml"))
	if err := yaml.Unmarshal(b, &action); err != nil {
		t.Fatalf("action.yml: %v", err)
	}
	if action.Runs.Using != "composite" || action.Name == "" || action.Description == "" {
		t.Errorf("action.yml: using %q, name %q", action.Runs.Using, action.Name)
	}
	for _, m := range regexp.MustCompile(`inputs\.([\w-]+)`).FindAllStringSubmatch(string(b), -1) {
		if _, ok := action.Inputs[m[1]]; !ok {
			t.Errorf("action.yml uses inputs.%s, which it does not declare", m[1])
		}
	}
	var ran []string
	for _, s := range action.Runs.Steps {
		if s.Run != "" && s.Shell == "" {
			t.Errorf("action.yml: step %q runs a script without shell:", s.Name)
		}
		ran = append(ran, s.Run)
	}
	for _, want := range []string{"go install", "--format github", "--format sarif", "soa build"} {
		if !strings.Contains(strings.Join(ran, "\n"), want) {
			t.Errorf("action.yml never runs %q", want)
		}
	}

	var hooks []struct {
		ID, Entry, Language string
		Files               string
		PassFilenames       *bool `yaml:"pass_filenames"`
	}
	b, _ = os.ReadFile(filepath.Join(root, ".pre-commit-hooks.yaml"))
	if err := yaml.Unmarshal(b, &hooks); err != nil {
		t.Fatalf(".pre-commit-hooks.yaml: %v", err)
	}
	if len(hooks) != 1 || hooks[0].ID != "soa-check" || hooks[0].Entry != "soa check" || hooks[0].Language != "golang" ||
		hooks[0].PassFilenames == nil || *hooks[0].PassFilenames {
		t.Fatalf("hooks: %+v", hooks)
	}
	files := regexp.MustCompile(hooks[0].Files)
	for name, want := range map[string]bool{"isms.yaml": true, "isms/controls.yaml": true, "a/b/risks.yml": true, "out/soa.json": false, "myisms.yaml": false} {
		if files.MatchString(name) != want {
			t.Errorf("the hook's files pattern matches %s: %v, want %v", name, !want, want)
		}
	}
}

// pre-commit builds the hook from this repository (language: golang) and runs it on a
// repository holding a workspace: it passes on the example, fails on a broken copy.
func TestE2EPreCommitHook(t *testing.T) {
	precommit := clienttest.Require(t, "pre-commit")
	self, err := filepath.Abs(root)
	if err != nil {
		t.Fatal(err)
	}
	if _, err := os.Stat(filepath.Join(self, ".git")); err != nil {
		t.Skip("not in a git checkout: pre-commit try-repo needs one")
	}
	repo, home := t.TempDir(), t.TempDir()
	// pre-commit gives the hook a GOPATH of its own; sharing the module and build caches
	// saves downloading and compiling soa's dependencies again.
	var goenv []string
	for _, v := range []string{"GOMODCACHE", "GOCACHE"} {
		out, err := exec.Command("go", "env", v).Output()
		if err != nil {
			t.Fatal(err)
		}
		goenv = append(goenv, v+"="+strings.TrimSpace(string(out)))
	}
	env := append(append(os.Environ(), goenv...), "PRE_COMMIT_HOME="+home, "GIT_AUTHOR_NAME=t", "GIT_AUTHOR_EMAIL=t@example.com",
		"GIT_COMMITTER_NAME=t", "GIT_COMMITTER_EMAIL=t@example.com")
	run := func(name string, args ...string) (string, error) {
		cmd := exec.Command(name, args...)
		cmd.Dir, cmd.Env = repo, env
		out, err := cmd.CombinedOutput()
		return string(out), err
	}
	ws := soatest.Copy(t, "acme-saas")
	for _, f := range []string{"isms.yaml", "risks.yaml", "controls.yaml"} {
		b, _ := os.ReadFile(filepath.Join(ws, f))
		if err := os.WriteFile(filepath.Join(repo, f), b, 0o644); err != nil {
			t.Fatal(err)
		}
	}
	for _, args := range [][]string{{"init", "-q"}, {"add", "."}, {"commit", "-qm", "workspace"}} {
		if out, err := run("git", args...); err != nil {
			t.Fatalf("git %v: %v\n%s", args, err, out)
		}
	}
	if out, err := run(precommit, "try-repo", self, "soa-check", "--all-files"); err != nil || !strings.Contains(out, "soa check") || !strings.Contains(out, "Passed") {
		t.Fatalf("pre-commit try-repo on the example: %v\n%s", err, out)
	}
	b, _ := os.ReadFile(filepath.Join(repo, "controls.yaml"))
	os.WriteFile(filepath.Join(repo, "controls.yaml"), bytes.Replace(b, []byte("\n  A.5.1:\n"), []byte("\n  A.5.99:\n"), 1), 0o644)
	out, err := run(precommit, "try-repo", self, "soa-check", "--all-files")
	if err == nil || !strings.Contains(out, "Failed") || !strings.Contains(out, `"A.5.99" is not an ISO/IEC 27001:2022 Annex A control`) {
		t.Errorf("pre-commit try-repo on a broken workspace: %v\n%s", err, out)
	}
}
