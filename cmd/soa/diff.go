package main

import (
	"bytes"
	"errors"
	"fmt"
	"io"
	"io/fs"
	"os"
	"os/exec"
	"path"
	"path/filepath"
	"strings"
	"testing/fstest"

	"github.com/soa-tool/soa/soa"
	"github.com/soa-tool/soa/soa/finding"
	"github.com/urfave/cli/v2"
)

func diffCommand() command {
	var format string
	var exitCode bool
	return command{example: "soa diff examples/acme-saas-2025 examples/acme-saas", Command: &cli.Command{
		Name:      "diff",
		Usage:     "show what changed in the SoA between two versions",
		ArgsUsage: "OLD NEW",
		Description: "Compares two versions of the SoA and reports, in catalogue order, the controls that became\n" +
			"applicable or excluded (with both justifications), status changes, other control changes,\n" +
			"controls whose selecting risks changed; risks added, removed, re-scored and re-treated;\n" +
			"document changes; and a summary. Each side is a workspace directory, a soa.json written by\n" +
			"soa build, or git:REV[:PATH] (the workspace PATH, default \".\", at git revision REV, read\n" +
			"with git show from the current directory; nothing is checked out).\n" +
			"A side with check errors is compared as far as it could be read, with a warning.\n" +
			"Exit 0 whether or not there are differences; with --exit-code, 1 when there are.",
		Flags: []cli.Flag{
			formatFlag(&format, "text", "text", "md", "json"),
			&cli.BoolFlag{Name: "exit-code", Usage: "exit 1 when there are differences (like git diff --exit-code)", Destination: &exitCode},
		},
		Action: func(c *cli.Context) error {
			if c.NArg() != 2 {
				return usage("soa diff takes two versions, OLD and NEW, not %d arguments\n"+
					"e.g. soa diff examples/acme-saas-2025 examples/acme-saas, or soa diff git:HEAD~1 .", c.NArg())
			}
			ch, err := compareSides(c.Args().Get(0), c.Args().Get(1), c.App.ErrWriter)
			if err != nil {
				return err
			}
			var b bytes.Buffer
			switch format {
			case "json":
				err = ch.WriteJSON(&b)
			case "md":
				err = ch.WriteMarkdown(&b)
			default:
				err = ch.WriteText(&b)
			}
			if err != nil {
				return usage("%v", err)
			}
			if _, err := c.App.Writer.Write(b.Bytes()); err != nil {
				return usage("%v", err)
			}
			if exitCode && !ch.Empty() {
				return problems(nil)
			}
			return nil
		},
	}}
}

// compareSides loads both sides and compares them.
func compareSides(oldArg, newArg string, stderr io.Writer) (*soa.Changes, error) {
	old, oref, err := loadSide(oldArg, stderr)
	if err != nil {
		return nil, err
	}
	new, nref, err := loadSide(newArg, stderr)
	if err != nil {
		return nil, err
	}
	ch := soa.Compare(old, new)
	ch.Old.Source, ch.Old.Commit = oref.Source, oref.Commit
	ch.New.Source, ch.New.Commit = nref.Source, nref.Commit
	return ch, nil
}

// loadSide reads one side of a comparison: git:REV[:PATH], a soa.json file or a workspace
// directory. A workspace with errors is still used (with a warning on stderr) unless a file
// could not be read at all.
func loadSide(arg string, stderr io.Writer) (*soa.JSON, soa.VersionRef, error) {
	ref := soa.VersionRef{Source: arg}
	if rest, ok := strings.CutPrefix(arg, "git:"); ok {
		rev, p, _ := strings.Cut(rest, ":")
		if rev == "" {
			return nil, ref, usage("%s: give a revision, e.g. git:HEAD~1 or git:v1.1:examples/acme-saas", arg)
		}
		fsys, commit, err := gitWorkspace("", rev, p, arg)
		if err != nil {
			return nil, ref, err
		}
		ref.Commit = commit
		ws, err := soa.LoadFS(fsys, arg)
		if err != nil {
			return nil, ref, usage("%v", err)
		}
		j, err := deriveSide(ws, arg, stderr)
		return j, ref, err
	}
	st, err := os.Stat(arg)
	switch {
	case err != nil:
		return nil, ref, usage("cannot read %s: %v\ngive a workspace directory, a soa.json or git:REV[:PATH]", arg, errors.Unwrap(err))
	case st.IsDir():
		ws, err := soa.Load(arg)
		if err != nil {
			return nil, ref, usage("%v", err)
		}
		j, err := deriveSide(ws, arg, stderr)
		return j, ref, err
	case strings.HasSuffix(arg, ".yaml") || strings.HasSuffix(arg, ".yml"):
		return nil, ref, usage("%s is a workspace file; give the directory that holds it (%s)", arg, filepath.Dir(arg))
	}
	f, err := os.Open(arg)
	if err != nil {
		return nil, ref, usage("cannot read %s: %v", arg, errors.Unwrap(err))
	}
	defer f.Close()
	j, err := soa.ReadJSON(f)
	if err != nil {
		return nil, ref, usage("%s: %v", arg, err)
	}
	return j, ref, nil
}

// unreadable are the rules of findings that mean a file gave nothing to compare.
var unreadable = []string{"missing-file", "yaml", "encoding"}

// deriveSide derives the SoA of a side. Dates are judged as of today; they only decide
// warnings (an old version has overdue dates by nature), which a comparison does not report.
func deriveSide(ws *soa.Workspace, name string, stderr io.Writer) (*soa.JSON, error) {
	today, err := soa.Today()
	if err != nil {
		return nil, usage("%v", err)
	}
	s, err := soa.Derive(ws, soa.Options{Today: today})
	if err != nil {
		return nil, usage("%v", err)
	}
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
	if fatal {
		for _, f := range errs {
			fmt.Fprintln(stderr, f)
		}
		return nil, problems(fmt.Errorf("%s cannot be compared: a workspace file could not be read (above)", name))
	}
	if len(errs) > 0 {
		for _, f := range errs {
			fmt.Fprintln(stderr, f)
		}
		fmt.Fprintf(stderr, "soa: warning: %s has %s (above); it is compared as far as it could be read\n", name, plural(len(errs), "error"))
	}
	return s.ToJSON(), nil
}

// gitWorkspace reads the workspace files of dir p (relative to the current directory, "."
// when empty) at revision rev with git show, running git in gitDir ("" for the current
// directory). It returns them as a file system and the commit's hash.
func gitWorkspace(gitDir, rev, p, label string) (fs.FS, string, error) {
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
			return nil, "", usage("%s: %v", label, err)
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
			return nil, "", usage("%s: %s is not in a git repository (git: %v)\nrun soa from inside the repository, or give a directory or a soa.json", label, where, e)
		}
		return nil, "", usage("%s: unknown revision %q\nsee 'git log --oneline' for the revisions, e.g. git:HEAD~1", label, rev)
	}
	commit := strings.TrimSpace(string(out))
	// "./" makes the path relative to the current directory, as the user sees it.
	obj := func(name string) string { return commit + ":./" + path.Join(p, name) }
	if t, err := git(gitDir, "cat-file", "-t", obj("")); err != nil || strings.TrimSpace(string(t)) != "tree" {
		return nil, "", usage("%s: %s is not a directory in revision %s (%s)\ngive the workspace directory as it was at that revision, e.g. git:%s:examples/acme-saas", label, p, rev, commit[:12], rev)
	}
	fsys := fstest.MapFS{}
	for _, f := range soa.Files {
		b, err := git(gitDir, "show", obj(f))
		if err != nil {
			return nil, "", usage("%s: %s is not in revision %s (%s); is %s the workspace directory at that revision?", label, path.Join(p, f), rev, commit[:12], p)
		}
		fsys[f] = &fstest.MapFile{Data: b, Mode: 0o644}
	}
	return fsys, commit, nil
}

// git runs git in dir and returns its output; the error carries git's message.
func git(dir string, args ...string) ([]byte, error) {
	cmd := exec.Command("git", args...)
	cmd.Dir = dir
	var out limitedBuffer
	var errb bytes.Buffer
	out.max = soa.MaxFileSize + 1
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
