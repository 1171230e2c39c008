package version_test

import (
	"bytes"
	"errors"
	"fmt"
	"io/fs"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"testing"

	"github.com/soa-tool/soa/soa"
	"github.com/soa-tool/soa/soa/soatest"
	"github.com/soa-tool/soa/soa/version"
	"github.com/soa-tool/soa/soa/workspace"
)

func TestOpenSide(t *testing.T) {
	t.Setenv("SOURCE_DATE_EPOCH", "1795737600") // soatest.Today, so that runs do not depend on the date
	dir := soatest.Example("acme-saas")
	s, err := version.OpenSide(dir, soatest.Today)
	if err != nil {
		t.Fatal(err)
	}
	if s.Ref.Source != dir || s.Ref.Commit != "" || len(s.Errors) != 0 || s.JSON.Document.Version != "2.0" {
		t.Errorf("workspace side: ref %+v, %d errors, version %q", s.Ref, len(s.Errors), s.JSON.Document.Version)
	}
	// The soa.json of a workspace is the same side.
	var b bytes.Buffer
	if err := version.FromSoA(exampleSoA(t, "acme-saas"), nil).Write(&b); err != nil {
		t.Fatal(err)
	}
	file := filepath.Join(t.TempDir(), "soa.json")
	os.WriteFile(file, b.Bytes(), 0o644)
	j, err := version.OpenSide(file, soatest.Today)
	if err != nil {
		t.Fatal(err)
	}
	if ch := version.Compare(j.JSON, s.JSON); !ch.Empty() {
		t.Errorf("a soa.json differs from its workspace: %s", ch.Summary)
	}
}

// exampleSoA derives a shipped example.
func exampleSoA(t *testing.T, name string) *soa.SoA {
	t.Helper()
	return soatest.Derive(t, soatest.Example(name))
}

func TestOpenSideErrors(t *testing.T) {
	dir := soatest.Example("acme-saas")
	tests := []struct{ arg, want string }{
		{"git:", "git:: give a revision, e.g. git:HEAD~1"},
		{filepath.Join(t.TempDir(), "nope"), "no such file or directory\ngive a workspace directory, a soa.json or git:REV[:PATH]"},
		{filepath.Join(dir, workspace.ISMSFile), "isms.yaml is a workspace file; give the directory that holds it (" + dir + ")"},
		{"side_test.go", "side_test.go: not a soa.json"},
	}
	for _, tt := range tests {
		_, err := version.OpenSide(tt.arg, soatest.Today)
		if err == nil || !strings.Contains(err.Error(), tt.want) {
			t.Errorf("%s: error %v, want %q", tt.arg, err, tt.want)
		}
		var se *version.SideError
		if errors.As(err, &se) {
			t.Errorf("%s: a SideError for an unusable argument", tt.arg)
		}
	}
	if _, err := version.OpenSide(filepath.Join(t.TempDir(), "nope"), soatest.Today); !errors.Is(err, fs.ErrNotExist) {
		t.Errorf("a missing side: %v does not wrap fs.ErrNotExist", err)
	}
}

// TestOpenSideWithErrors: a side with check errors is returned with them, one with an
// unreadable file is a SideError.
func TestOpenSideWithErrors(t *testing.T) {
	dir := soatest.Edited(t, "acme-saas", map[string][][2]string{workspace.ControlsFile: {{"status: implemented", "status: done"}}})
	s, err := version.OpenSide(dir, soatest.Today)
	if err != nil || len(s.Errors) != 1 || !strings.Contains(s.Errors[0].Message, `status "done" is not one of`) || s.JSON == nil {
		t.Fatalf("side with an error: %v, %v", s, err)
	}
	os.WriteFile(filepath.Join(dir, workspace.ControlsFile), []byte("controls: [\n"), 0o644)
	_, err = version.OpenSide(dir, soatest.Today)
	var se *version.SideError
	if !errors.As(err, &se) || se.Name != dir || len(se.Errors) == 0 || err.Error() != dir+" cannot be compared: a workspace file could not be read in full" {
		t.Errorf("unreadable side: %v", err)
	}
}

// gitRepo makes a repository with the 2025 example committed as release 1.1 in ws/, then the
// 2026 one committed twice (the second commit not changing the version).
func gitRepo(t *testing.T) string {
	t.Helper()
	r := soatest.Releases(t)
	isms := filepath.Join(r.Dir, "ws", workspace.ISMSFile)
	os.WriteFile(isms, append(must(os.ReadFile(isms)), "# reviewed\n"...), 0o644)
	r.Git("commit", "-qam", "comment")
	return r.Dir
}

func must(b []byte, err error) []byte {
	if err != nil {
		panic(err)
	}
	return b
}

func TestOpenGitSide(t *testing.T) {
	t.Setenv("SOURCE_DATE_EPOCH", "1795737600")
	repo := gitRepo(t)
	old, err := version.OpenGitSide(repo, "HEAD~2", "ws", "git:HEAD~2:ws", soatest.Today)
	if err != nil {
		t.Fatal(err)
	}
	if len(old.Ref.Commit) != 40 || old.Ref.Source != "git:HEAD~2:ws" || old.JSON.Document.Version != "1.1" {
		t.Errorf("old side %+v, version %q", old.Ref, old.JSON.Document.Version)
	}
	abs, err := version.OpenGitSide(repo, "HEAD~2", filepath.Join(repo, "ws"), "abs", soatest.Today)
	if err != nil || !version.Compare(old.JSON, abs.JSON).Empty() {
		t.Errorf("an absolute path: %v", err)
	}
	for _, tt := range []struct{ dir, rev, path, want string }{
		{repo, "v9.9", "ws", `x: unknown revision "v9.9"` + "\nsee 'git log --oneline'"},
		{repo, "HEAD", "nope", "x: nope is not a directory in revision HEAD ("},
		{repo, "HEAD", "ws/isms.yaml", "x: ws/isms.yaml is not a directory in revision HEAD"},
		{t.TempDir(), "HEAD", "", "is not in a git repository (git: "},
	} {
		if _, err := version.OpenGitSide(tt.dir, tt.rev, tt.path, "x", soatest.Today); err == nil || !strings.Contains(err.Error(), tt.want) {
			t.Errorf("%s %s: error %v, want %q", tt.rev, tt.path, err, tt.want)
		}
	}
}

func TestPreviousRelease(t *testing.T) {
	repo := gitRepo(t)
	ws := filepath.Join(repo, "ws")
	head := func(rev string) string {
		cmd := exec.Command("git", "rev-parse", rev)
		cmd.Dir = repo
		return strings.TrimSpace(string(must(cmd.Output())))
	}
	// Version 2.0 came with HEAD~1; HEAD only added a comment.
	if c, why := version.PreviousRelease(ws, "2.0"); c != head("HEAD~1") || why != "" {
		t.Errorf("2.0: commit %q, why %q; want %s", c, why, head("HEAD~1"))
	}
	if c, why := version.PreviousRelease(ws, "3.0"); c != "" || !strings.Contains(why, "no commit has") {
		t.Errorf("3.0: commit %q, why %q", c, why)
	}
	if c, why := version.PreviousRelease(t.TempDir(), "2.0"); c != "" || !strings.Contains(why, "is not in a git repository") {
		t.Errorf("outside git: commit %q, why %q", c, why)
	}
}

// TestReadJSONRefuses: issue 17 — a soa.json whose text holds control characters (which soa
// build never writes: the loader refuses them) is not compared, so that soa diff never prints
// terminal escapes; the read limit is the write limit.
func TestReadJSONRefuses(t *testing.T) {
	var b bytes.Buffer
	if err := version.FromSoA(exampleSoA(t, "acme-saas"), nil).Write(&b); err != nil {
		t.Fatal(err)
	}
	good := b.String()
	for _, tt := range []struct{ name, old, new, msg string }{
		{"escape", `"title": "Takeover`, `"title": "\u001b]0;x\u0007\u001b[2JTakeover`, "control characters"},
		{"carriage return", `"title": "Takeover`, `"title": "\rTakeover`, "control characters"},
		{"C1", `"title": "Takeover`, "\"title\": \"\u0085Takeover", "control characters"},
		{"escaped backslash is text", `"title": "Takeover`, `"title": "\\u001bTakeover`, ""},
		{"tab and newline are text", `"title": "Takeover`, `"title": "\t\nTakeover`, ""},
	} {
		in := strings.Replace(good, tt.old, tt.new, 1)
		if in == good {
			t.Fatalf("%s: no %q", tt.name, tt.old)
		}
		_, err := version.ReadJSON(strings.NewReader(in))
		if (tt.msg == "") != (err == nil) || (err != nil && !strings.Contains(err.Error(), tt.msg)) {
			t.Errorf("%s: %v, want %q", tt.name, err, tt.msg)
		}
	}
	big := strings.NewReader(`{"schema": "soa/v1", "x": "` + strings.Repeat("x", version.MaxJSONSize) + `"}`)
	if _, err := version.ReadJSON(big); err == nil || !strings.Contains(err.Error(), "larger than 256 MiB") {
		t.Errorf("over the limit: %v", err)
	}
}

// BenchmarkCompareRisks compares registers of 5,000 and 20,000 risks, one in five changed:
// ns/risk stays flat (issue 17: the comparison was quadratic, 0.95 s and 16 s).
func BenchmarkCompareRisks(b *testing.B) {
	for _, n := range []int{5_000, 20_000} {
		b.Run(fmt.Sprintf("risks-%d", n), func(b *testing.B) {
			old, new := &version.JSON{}, &version.JSON{}
			for i := range n {
				r := version.RiskJSON{ID: fmt.Sprintf("R-%05d", i), Title: "Risk", Likelihood: 1 + i%5, Impact: 1 + i%3,
					Treatment: version.TreatmentJSON{Controls: []string{"A.5.1", "A.8.2", "A.8.5"}}}
				old.Risks = append(old.Risks, r)
				if i%5 == 0 {
					r.Title = "Changed"
				}
				new.Risks = append(new.Risks, r)
			}
			for b.Loop() {
				if ch := version.Compare(old, new); len(ch.Risks) != n/5 {
					b.Fatalf("%d changes", len(ch.Risks))
				}
			}
			b.ReportMetric(float64(b.Elapsed().Nanoseconds())/float64(b.N)/float64(n), "ns/risk")
		})
	}
}

// TestGitSideHugeBlob: issue 17 — a workspace file over the size limit in a revision is
// refused from its size, asked first (git cat-file -s), not read whole.
func TestGitSideHugeBlob(t *testing.T) {
	repo := gitRepo(t)
	risks := filepath.Join(repo, "ws", workspace.RisksFile)
	f, err := os.OpenFile(risks, os.O_APPEND|os.O_WRONLY, 0)
	if err != nil {
		t.Fatal(err)
	}
	f.Write(bytes.Repeat([]byte("# padding to over the limit\n"), 17<<20/28))
	f.Close()
	git := func(args ...string) {
		if out, err := exec.Command("git", append([]string{"-C", repo}, args...)...).CombinedOutput(); err != nil {
			t.Fatalf("git %v: %s", args, out)
		}
	}
	git("commit", "-qam", "huge")
	_, err = version.OpenGitSide(repo, "HEAD", "ws", "git:HEAD:ws", soatest.Today)
	if err == nil || !strings.Contains(err.Error(), "ws/risks.yaml is 17 MiB in revision HEAD") {
		t.Errorf("err = %v", err)
	}
}
