package main

import (
	"bytes"
	"errors"
	"fmt"
	"io"
	"strings"
	"time"

	"github.com/soa-tool/soa/soa"
	"github.com/soa-tool/soa/soa/edit"
	"github.com/soa-tool/soa/soa/finding"
	"github.com/soa-tool/soa/soa/label"
	"github.com/soa-tool/soa/soa/output"
	"github.com/soa-tool/soa/soa/pdf"
	"github.com/soa-tool/soa/soa/text"
	"github.com/soa-tool/soa/soa/workspace"
	"github.com/urfave/cli/v2"
)

func approveCommand() command {
	var by, on, role string
	var quiet bool
	return command{example: `soa approve isms --by "Siobhán O'Connor, CEO"`, Command: &cli.Command{
		Name:      "approve",
		Usage:     "record the approval of the current version",
		ArgsUsage: "[DIR]",
		Description: "Sets document.approved_by and approved_on in DIR/isms.yaml (default: the current\n" +
			"directory), adding them after owner when absent, keeping the file's comments and layout.\n" +
			"With --role, or when the document lists approvals, it records one approval in\n" +
			"document.approvals instead: the same person in the same role gets the new date, anyone\n" +
			"else is added (a document may need several approvals, e.g. CISO and CEO).\n" +
			"The date defaults to today (SOURCE_DATE_EPOCH when set) and may not be before the newest\n" +
			"history entry: an approval comes after the version it approves. A workspace with check\n" +
			"errors is refused: the approval is of a valid SoA. The file is written\n" +
			"atomically and the edited lines are shown.",
		Flags: []cli.Flag{
			&cli.StringFlag{Name: "by", Usage: "who approved the document, e.g. \"Siobhán O'Connor, CEO\" (required)", Destination: &by},
			&cli.StringFlag{Name: "on", Usage: "date of the approval, YYYY-MM-DD (default: today)", Destination: &on},
			&cli.StringFlag{Name: "role", Usage: "the approver's role, e.g. CEO: records the approval in document.approvals", Destination: &role},
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
			by = strings.TrimSpace(by)
			if by == "" {
				return usage("--by is required: name who approved the document, e.g. soa approve %s --by \"Siobhán O'Connor, CEO\"", dir)
			}
			var ge *pdf.GlyphError
			if err := pdf.CheckText("--by", by, pdf.Options{}); errors.As(err, &ge) {
				for _, m := range ge.Missing {
					if m.Char > 0xFFFF {
						return usage("%v", err)
					}
				}
				// The build may embed a font that has them (--font): a note, not a refusal.
				fmt.Fprintf(c.App.ErrWriter, "soa: note: the PDF's built-in font cannot draw %q; build the PDF with --font\n", ge.Missing[0].Char)
			}
			today, err := today()
			if err != nil {
				return err
			}
			date := today
			if on != "" {
				if date, err = time.Parse(time.DateOnly, strings.TrimSpace(on)); err != nil {
					return usage("--on %q is not a date; write it YYYY-MM-DD, e.g. --on 2026-10-15", on)
				}
				if date.After(today) {
					return usage("--on %s is in the future: record an approval once it has been given (today is %s)", label.Date(date), label.Date(today))
				}
			}
			path, b, doc, err := readISMS(dir, c.App.ErrWriter)
			if err != nil {
				return err
			}
			if err := refuseErrors(dir, c.App.ErrWriter); err != nil {
				return err
			}
			if h, old := soa.ApprovalPredates(doc, date); old {
				return usage("%s is before the newest history entry (version %s of %s): an approval comes after the version it approves\ngive --on %s or later, or release a new version first (soa release)",
					label.Date(date), h.Version, label.Date(h.Date), label.Date(h.Date))
			}
			role = strings.TrimSpace(role)
			e, err := edit.AddApproval(path, b, workspace.Approval{By: by, Role: role, On: date})
			if err != nil {
				return problems(err)
			}
			if role != "" {
				by += " (" + role + ")"
			}
			if doc.Approved() && role == "" && len(doc.Approvals) <= 1 && (doc.ApprovedBy != by || !doc.ApprovedOn.Equal(date)) {
				fmt.Fprintf(c.App.ErrWriter, "soa: note: this replaces the approval by %s on %s\n", doc.ApprovedBy, label.Date(doc.ApprovedOn))
			}
			if bytes.Equal(e.Data, b) {
				fmt.Fprintf(c.App.Writer, "the approval of version %s by %s on %s is already recorded; %s was not changed\n", doc.Version, by, label.Date(date), path)
				return nil
			}
			if err := output.Replace(path, e.Data); err != nil {
				return usage("%v", err)
			}
			fmt.Fprint(c.App.Writer, e.Unified(path))
			fmt.Fprintf(c.App.Writer, "approval of version %s recorded: %s, %s\n", doc.Version, by, label.Date(date))
			return nil
		},
	}}
}

// refuseErrors prints the check errors of the workspace in dir and refuses it when there are
// any: what is approved must be a valid SoA.
func refuseErrors(dir string, stderr io.Writer) error {
	s, err := loadSoA(dir)
	if err != nil {
		return err
	}
	n := s.Findings.Count(finding.Error)
	if n == 0 {
		return nil
	}
	for _, f := range s.Findings {
		if f.Severity == finding.Error {
			fmt.Fprintln(stderr, f)
		}
	}
	return problems(fmt.Errorf("the workspace has %s; an approval is of a valid SoA — fix them (%s), then approve; nothing was written",
		text.Plural(n, "error"), checkCommandLine(dir)))
}
