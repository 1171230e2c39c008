package main

import (
	"errors"
	"fmt"
	"io"
	"os"
	"path/filepath"
	"strconv"
	"strings"
	"time"

	"github.com/soa-tool/soa/soa/edit"
	"github.com/soa-tool/soa/soa/finding"
	"github.com/soa-tool/soa/soa/label"
	"github.com/soa-tool/soa/soa/output"
	"github.com/soa-tool/soa/soa/text"
	"github.com/soa-tool/soa/soa/version"
	"github.com/soa-tool/soa/soa/workspace"
	"github.com/urfave/cli/v2"
)

func releaseCommand() command {
	var version, author, changes string
	var quiet bool
	return command{example: `soa release isms --version 2.1 --changes "Quarterly review: R-24 added"`, Command: &cli.Command{
		Name:      "release",
		Usage:     "start a new version: history entry, new version number, approval removed",
		ArgsUsage: "[DIR]",
		Description: "Edits DIR/isms.yaml (default: the current directory) in place, keeping its comments and\n" +
			"layout: appends {version, date, author, changes} to document.history, sets document.version\n" +
			"and removes approved_by and approved_on, since a new version needs approving (soa approve).\n" +
			"The date is today (SOURCE_DATE_EPOCH when set); the author defaults to document.owner.\n" +
			"Without --changes, the text is the summary of soa diff against the previous release\n" +
			"recorded in git: the commit that gave isms.yaml its current version. Outside git, or\n" +
			"when there is none, --changes is required; the first release (no history yet) is\n" +
			"\"First issue\". The file is written atomically and the edited lines are shown, then\n" +
			"document.next_review, with a warning when it has passed or is less than six months ahead.",
		Flags: []cli.Flag{
			&cli.StringFlag{Name: "version", Usage: "the new version, e.g. 2.1 (required)", Destination: &version},
			&cli.StringFlag{Name: "author", Usage: "who prepared the version (default: document.owner)", Destination: &author},
			&cli.StringFlag{Name: "changes", Usage: "what changed (default: the diff summary since the previous release in git)", Destination: &changes},
			quietFlag(&quiet),
		},
		Action: func(c *cli.Context) error {
			if quiet {
				c.App.Writer = io.Discard
			}
			dir, err := oneDir(c)
			if err != nil {
				return err
			}
			version = strings.TrimSpace(version)
			if version == "" {
				return usage("--version is required: give the new version, e.g. soa release %s --version 2.1", dir)
			}
			path, b, doc, err := readISMS(dir, c.App.ErrWriter)
			if err != nil {
				return err
			}
			if version == doc.Version {
				return usage("version %s is the current version; give the new one, e.g. --version %s", version, nextVersion(version))
			}
			for _, h := range doc.History {
				if h.Version == version {
					return usage("version %s is already in the history (%s); give a new version, e.g. --version %s", version, label.Date(h.Date), nextVersion(doc.Version))
				}
			}
			today, err := today()
			if err != nil {
				return err
			}
			if author == "" {
				author = doc.Owner
			}
			if changes == "" && len(doc.History) == 0 {
				changes = "First issue"
			}
			var notes []string
			if changes == "" {
				ch, err := changesSinceRelease(dir, doc.Version, version, c.App.ErrWriter)
				if err != nil {
					return err
				}
				changes, notes = ch.Summary, releaseNotes(ch)
			}
			e, err := edit.ReleaseISMS(path, b, workspace.Revision{Version: version, Date: today, Author: author, Changes: changes})
			if err != nil {
				return problems(err)
			}
			if err := output.Replace(path, e.Data); err != nil {
				return usage("%v", err)
			}
			fmt.Fprint(c.App.Writer, e.Unified(path))
			fmt.Fprintf(c.App.Writer, "version %s recorded; it is a draft until approved: soa approve %s --by NAME\n", version, dir)
			for _, n := range notes {
				fmt.Fprintf(c.App.ErrWriter, "soa: warning: %s\n", n)
			}
			reviewNote(c.App.Writer, c.App.ErrWriter, doc.NextReview, today)
			return nil
		},
	}}
}

// readISMS reads DIR/isms.yaml and its document block; errors in isms.yaml are printed and
// refused, since the edit needs a sound file.
func readISMS(dir string, stderr io.Writer) (string, []byte, workspace.Document, error) {
	path := filepath.Join(dir, workspace.ISMSFile)
	ws, err := workspace.Load(dir)
	if err != nil {
		return "", nil, workspace.Document{}, usage("%v", err)
	}
	var errs finding.List
	for _, f := range ws.Findings {
		if f.Severity == finding.Error && f.Pos.File == path {
			errs = append(errs, f)
		}
	}
	if len(errs) > 0 {
		printFindings(stderr, errs)
		return "", nil, workspace.Document{}, problems(fmt.Errorf("%s has %s; fix them first — the file was not changed", path, text.Plural(len(errs), "error")))
	}
	b, err := os.ReadFile(path)
	if err != nil {
		return "", nil, workspace.Document{}, usage("cannot read %s: %v", path, errors.Unwrap(err))
	}
	return path, b, ws.Document, nil
}

// nextVersion proposes the version after v: 2.0 gives 2.1.
func nextVersion(v string) string {
	i := strings.LastIndexFunc(v, func(r rune) bool { return r < '0' || r > '9' })
	n, err := strconv.Atoi(v[i+1:])
	if err != nil {
		return v + ".1"
	}
	return v[:i+1] + strconv.Itoa(n+1)
}

// changesSinceRelease compares the previous release recorded in git with the workspace in
// dir, as it will be with version next.
func changesSinceRelease(dir, current, next string, stderr io.Writer) (*version.Changes, error) {
	commit, why := version.PreviousRelease(dir, current)
	if commit == "" {
		return nil, usage("--changes is required: %s\ndescribe the changes, e.g. --changes \"Annual review: R-24 added, A.8.23 implemented\"", why)
	}
	now, err := today()
	if err != nil {
		return nil, err
	}
	s, err := version.OpenGitSide(dir, commit, ".", "git:"+commit[:12], now)
	old, err := sideReport(s, err, stderr)
	if err != nil {
		return nil, err
	}
	new, err := openSide(dir, stderr)
	if err != nil {
		return nil, err
	}
	return version.CompareRelease(old.JSON, new.JSON, next), nil
}

// releaseNotes are the flags of the comparison that a release should not pass silently (a
// justification unchanged across a change of applicability, an acceptance older than a
// higher score), each with the control or risk it is about.
func releaseNotes(ch *version.Changes) []string {
	var out []string
	for _, cc := range ch.Controls {
		for _, n := range cc.Notes {
			out = append(out, cc.ID+": "+n)
		}
	}
	for _, rc := range ch.Risks {
		for _, n := range rc.Notes {
			out = append(out, rc.ID+": "+n)
		}
	}
	return out
}

// reviewNote prints document.next_review after a release, and warns when it has passed or is
// less than six months ahead: a new version is the time to plan its review.
func reviewNote(stdout, stderr io.Writer, next, today time.Time) {
	switch {
	case next.IsZero():
		fmt.Fprintln(stderr, "soa: warning: document.next_review is not set; give the date of the next review in isms.yaml (YYYY-MM-DD)")
	case next.Before(today):
		fmt.Fprintf(stdout, "next review: %s\n", label.Date(next))
		fmt.Fprintf(stderr, "soa: warning: document.next_review (%s) has passed; set the date of the next review in isms.yaml\n", label.Date(next))
	case next.Before(today.AddDate(0, 6, 0)):
		fmt.Fprintf(stdout, "next review: %s\n", label.Date(next))
		fmt.Fprintf(stderr, "soa: warning: document.next_review (%s) is less than six months ahead; set the date of the next review of this version in isms.yaml\n", label.Date(next))
	default:
		fmt.Fprintf(stdout, "next review: %s\n", label.Date(next))
	}
}
