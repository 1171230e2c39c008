package soatest

import (
	"os"
	"os/exec"
	"path/filepath"
	"testing"

	"github.com/soa-tool/soa/soa/workspace"
)

// Repo is a git repository in a temporary directory, with a fixed identity and dates and no
// user or system configuration.
type Repo struct {
	Dir string
	tb  testing.TB
}

// NewRepo makes an empty repository; it skips the test when git is not installed.
func NewRepo(tb testing.TB) *Repo {
	tb.Helper()
	if _, err := exec.LookPath("git"); err != nil {
		tb.Skip("git is not installed")
	}
	for k, v := range map[string]string{"GIT_CONFIG_GLOBAL": os.DevNull, "GIT_CONFIG_NOSYSTEM": "1",
		"GIT_AUTHOR_NAME": "T", "GIT_AUTHOR_EMAIL": "t@example.com", "GIT_COMMITTER_NAME": "T",
		"GIT_COMMITTER_EMAIL": "t@example.com", "GIT_AUTHOR_DATE": "2026-01-01T00:00:00Z",
		"GIT_COMMITTER_DATE": "2026-01-01T00:00:00Z"} {
		tb.Setenv(k, v)
	}
	r := &Repo{Dir: tb.TempDir(), tb: tb}
	r.Git("init", "-q")
	return r
}

// Git runs git in the repository, failing the test on an error.
func (r *Repo) Git(args ...string) {
	r.tb.Helper()
	cmd := exec.Command("git", args...)
	cmd.Dir = r.Dir
	if out, err := cmd.CombinedOutput(); err != nil {
		r.tb.Fatalf("git %v: %v\n%s", args, err, out)
	}
}

// Put copies the files of an example workspace into dir inside the repository.
func (r *Repo) Put(example, dir string) {
	r.tb.Helper()
	dst := filepath.Join(r.Dir, dir)
	if err := os.MkdirAll(dst, 0o755); err != nil {
		r.tb.Fatal(err)
	}
	for _, f := range workspace.Files {
		b, err := os.ReadFile(filepath.Join(Example(example), f))
		if err != nil {
			r.tb.Fatal(err)
		}
		if err := os.WriteFile(filepath.Join(dst, f), b, 0o644); err != nil {
			r.tb.Fatal(err)
		}
	}
}

// Releases makes a repository holding the 2025 example committed as release 1.1 in ws/, then
// the 2026 one committed as 2.0.
func Releases(tb testing.TB) *Repo {
	tb.Helper()
	r := NewRepo(tb)
	r.Put("acme-saas-2025", "ws")
	r.Git("add", "-A")
	r.Git("commit", "-qm", "SoA 1.1")
	r.Put("acme-saas", "ws")
	r.Git("commit", "-qam", "SoA 2.0")
	return r
}
