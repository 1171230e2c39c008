package version

import (
	"bytes"
	"errors"
	"fmt"
	"os"
	"os/exec"
	"path"
	"path/filepath"
	"strconv"
	"strings"
	"time"

	"github.com/soa-tool/soa/soa"
	"github.com/soa-tool/soa/soa/finding"
	"github.com/soa-tool/soa/soa/internal/inputfile"
	"github.com/soa-tool/soa/soa/internal/yamlpos"
	"github.com/soa-tool/soa/soa/workspace"
	"gopkg.in/yaml.v3"
)

// This file holds the reading of one side of a comparison ([Compare], soa diff, soa build
// --since, soa release): a workspace directory, a soa.json, or a workspace at a git revision
// read with git show. It is the only place that runs git.

// Side is one side of a comparison, as read by [OpenSide] or [OpenGitSide].
type Side struct {
	// JSON is the SoA of the side, derived from a workspace or read from a soa.json.
	JSON *JSON
	// Ref names the side: Source as given and, for a git side, the Commit it was read from.
	// Version and Fingerprint are left to [Compare].
	Ref VersionRef
	// Errors are the check errors of a workspace side. Such a side is still compared, as far
	// as it could be read; the caller decides how to warn.
	Errors finding.List
}

// SideError is the error of [OpenSide] and [OpenGitSide] for a workspace that cannot be
// compared because one of its files could not be read at all (missing, not YAML, not UTF-8,
// a wrong type at the top, over a limit: see [workspace.Workspace].Incomplete), or holds
// control characters.
// Errors holds every check error of the side, those that say which file among them.
type SideError struct {
	Name   string
	Errors finding.List
}

func (e *SideError) Error() string {
	return e.Name + " cannot be compared: a workspace file could not be read in full"
}

// OpenSide reads one side of a comparison: git:REV[:PATH] (the workspace PATH, default ".",
// at revision REV, read from the repository of the current directory; see [OpenGitSide]), a
// soa.json written by soa build, or a workspace directory. A workspace is derived with dates
// judged as of today; they only decide warnings, which a comparison does not report (an old
// version has overdue dates by nature).
//
// A workspace with check errors is still returned, with them in [Side].Errors, unless a file
// could not be read at all: then the error is a [*SideError]. Any other error means the
// argument could not be used.
func OpenSide(arg string, today time.Time) (*Side, error) {
	if rest, ok := strings.CutPrefix(arg, "git:"); ok {
		rev, p, _ := strings.Cut(rest, ":")
		if rev == "" {
			return nil, fmt.Errorf("%s: give a revision, e.g. git:HEAD~1 or git:v1.1:examples/acme-saas", arg)
		}
		return OpenGitSide("", rev, p, arg, today)
	}
	ref := VersionRef{Source: arg}
	st, err := os.Stat(arg)
	switch {
	case err != nil:
		return nil, fmt.Errorf("cannot read %s: %w\ngive a workspace directory, a soa.json or git:REV[:PATH]", arg, errors.Unwrap(err))
	case st.IsDir():
		ws, err := workspace.Load(arg)
		if err != nil {
			return nil, err
		}
		return deriveSide(ws, ref, today)
	case strings.HasSuffix(arg, ".yaml") || strings.HasSuffix(arg, ".yml"):
		return nil, fmt.Errorf("%s is a workspace file; give the directory that holds it (%s)", arg, filepath.Dir(arg))
	}
	b, err := inputfile.Read(arg, MaxJSONSize, "a soa.json")
	if err != nil {
		return nil, fmt.Errorf("%w\ngive a workspace directory, a soa.json or git:REV[:PATH]", err)
	}
	j, err := ReadJSON(bytes.NewReader(b))
	if err != nil {
		return nil, fmt.Errorf("%s: %w", arg, err)
	}
	return &Side{JSON: j, Ref: ref}, nil
}

// OpenGitSide reads the workspace in directory p ("." when empty; relative to the directory
// git runs in, or absolute) at revision rev with git show, running git in gitDir ("" for the
// current directory). Nothing is checked out. label names the side in messages and is its
// [Side].Ref.Source. Check errors are handled as by [OpenSide].
func OpenGitSide(gitDir, rev, p, label string, today time.Time) (*Side, error) {
	files, commit, err := gitWorkspace(gitDir, rev, p, label)
	if err != nil {
		return nil, err
	}
	return deriveSide(workspace.LoadFiles(files, label), VersionRef{Source: label, Commit: commit}, today)
}

// unreadable are the rules of findings that mean a file gave nothing to compare.
var unreadable = []string{"missing-file", "yaml", "encoding"}

// deriveSide derives the SoA of a workspace side named ref.Source.
func deriveSide(ws *workspace.Workspace, ref VersionRef, today time.Time) (*Side, error) {
	s := soa.Derive(ws, soa.Options{Today: today})
	var errs finding.List
	fatal := false
	for _, f := range s.Findings {
		if f.Severity == finding.Error {
			errs = append(errs, f)
			for _, r := range unreadable {
				fatal = fatal || f.Rule == r
			}
		}
	}
	if fatal || ws.Incomplete {
		return nil, &SideError{Name: ref.Source, Errors: errs}
	}
	return &Side{JSON: FromSoA(s, nil), Ref: ref, Errors: errs}, nil
}

// gitWorkspace reads the workspace files of dir p (relative to the directory git runs in,
// "." when empty) at revision rev with git show, running git in gitDir ("" for the current
// directory). It returns their contents by base name and the commit's hash.
func gitWorkspace(gitDir, rev, p, label string) (map[string][]byte, string, error) {
	if p == "" {
		p = "."
	}
	if filepath.IsAbs(p) {
		base := gitDir
		if base == "" {
			base = "."
		}
		abs, _ := filepath.Abs(base)
		rel, err := filepath.Rel(abs, p)
		if err != nil {
			return nil, "", fmt.Errorf("%s: %w", label, err)
		}
		p = rel
	}
	p = path.Clean(filepath.ToSlash(p))
	out, err := git(gitDir, "rev-parse", "--verify", "--quiet", "--end-of-options", rev+"^{commit}")
	if err != nil {
		if _, e := git(gitDir, "rev-parse", "--git-dir"); e != nil {
			where := "the current directory"
			if gitDir != "" {
				where = gitDir
			}
			return nil, "", fmt.Errorf("%s: %s is not in a git repository (git: %w)\nrun soa from inside the repository, or give a directory or a soa.json", label, where, e)
		}
		return nil, "", fmt.Errorf("%s: unknown revision %q\nsee 'git log --oneline' for the revisions, e.g. git:HEAD~1", label, rev)
	}
	commit := strings.TrimSpace(string(out))
	// "./" makes the path relative to the current directory, as the user sees it.
	obj := func(name string) string { return commit + ":./" + path.Join(p, name) }
	if t, err := git(gitDir, "cat-file", "-t", obj("")); err != nil || strings.TrimSpace(string(t)) != "tree" {
		return nil, "", fmt.Errorf("%s: %s is not a directory in revision %s (%s)\ngive the workspace directory as it was at that revision, e.g. git:%s:examples/acme-saas", label, p, rev, commit[:12], rev)
	}
	files := map[string][]byte{}
	for _, f := range workspace.Files {
		// The size first: a huge blob is refused without git writing it out.
		if out, err := git(gitDir, "cat-file", "-s", obj(f)); err == nil {
			if n, err := strconv.ParseInt(strings.TrimSpace(string(out)), 10, 64); err == nil && n > yamlpos.MaxFileSize {
				return nil, "", fmt.Errorf("%s: %s is %d MiB in revision %s (%s), over the limit of %d MiB for a workspace file; is %s the workspace directory at that revision?", label, path.Join(p, f), n>>20, rev, commit[:12], yamlpos.MaxFileSize>>20, p)
			}
		}
		b, err := git(gitDir, "show", obj(f))
		if err != nil {
			return nil, "", fmt.Errorf("%s: %s is not in revision %s (%s); is %s the workspace directory at that revision?", label, path.Join(p, f), rev, commit[:12], p)
		}
		files[f] = b
	}
	return files, commit, nil
}

// PreviousRelease finds the commit that gave dir's isms.yaml its version current: walking
// back through the commits that touched it, the oldest of the latest run with that version.
// Edits committed since then belong to the new version. When there is none (dir is not in git,
// isms.yaml was never committed, or not at that version), commit is empty and why says why.
func PreviousRelease(dir, current string) (commit, why string) {
	out, err := git(dir, "log", "--format=%H", "--", workspace.ISMSFile)
	if err != nil {
		return "", fmt.Sprintf("%s is not in a git repository, so there is no previous release to compare with", dir)
	}
	commits := strings.Fields(string(out))
	if len(commits) == 0 {
		return "", fmt.Sprintf("%s has never been committed to git, so there is no previous release to compare with", filepath.Join(dir, workspace.ISMSFile))
	}
	for _, c := range commits[:min(len(commits), 1000)] {
		b, err := git(dir, "show", c+":./"+workspace.ISMSFile)
		var v struct {
			Document struct {
				Version string `yaml:"version"`
			} `yaml:"document"`
		}
		if err != nil || yaml.Unmarshal(b, &v) != nil || strings.TrimSpace(v.Document.Version) != current {
			break
		}
		commit = c
	}
	if commit == "" {
		return "", fmt.Sprintf("no commit has %s at version %s (the latest committed version differs)", filepath.Join(dir, workspace.ISMSFile), current)
	}
	return commit, ""
}

// git runs git in dir and returns its output; the error carries git's message.
func git(dir string, args ...string) ([]byte, error) {
	cmd := exec.Command("git", args...)
	cmd.Dir = dir
	var out limitedBuffer
	var errb bytes.Buffer
	out.max = yamlpos.MaxFileSize + 1
	cmd.Stdout, cmd.Stderr = &out, &errb
	if err := cmd.Run(); err != nil {
		msg := strings.TrimSpace(errb.String())
		if msg == "" {
			msg = err.Error()
		}
		msg = strings.TrimPrefix(msg, "fatal: ")
		return nil, errors.New(msg)
	}
	return out.Bytes(), nil
}

// limitedBuffer keeps at most max bytes, so a huge blob cannot exhaust memory; the workspace
// loader refuses anything over the limit.
type limitedBuffer struct {
	bytes.Buffer
	max int
}

func (b *limitedBuffer) Write(p []byte) (int, error) {
	if room := b.max - b.Len(); room > 0 {
		b.Buffer.Write(p[:min(len(p), room)])
	}
	return len(p), nil
}
