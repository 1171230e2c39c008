package main

import (
	"bytes"
	"errors"
	"fmt"
	"io"
	"sync"

	"github.com/soa-tool/soa/soa/text"
	"github.com/soa-tool/soa/soa/version"
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

// compareSides loads both sides, at the same time, and compares them.
func compareSides(oldArg, newArg string, stderr io.Writer) (*version.Changes, error) {
	now, err := today()
	if err != nil {
		return nil, err
	}
	var sides [2]*version.Side
	var errs [2]error
	var wg sync.WaitGroup
	for i, arg := range []string{oldArg, newArg} {
		wg.Add(1)
		go func() {
			defer wg.Done()
			sides[i], errs[i] = version.OpenSide(arg, now)
		}()
	}
	wg.Wait()
	old, err := sideReport(sides[0], errs[0], stderr)
	if err != nil {
		return nil, err
	}
	new, err := sideReport(sides[1], errs[1], stderr)
	if err != nil {
		return nil, err
	}
	return version.CompareSides(old, new), nil
}

// openSide reads one side of a comparison with [version.OpenSide] and reports it with [sideReport].
func openSide(arg string, stderr io.Writer) (*version.Side, error) {
	now, err := today()
	if err != nil {
		return nil, err
	}
	s, err := version.OpenSide(arg, now)
	return sideReport(s, err, stderr)
}

// sideReport prints the check errors of a side read by [version.OpenSide] or [version.OpenGitSide]:
// with a warning when the side is compared as far as it could be read, before the error when
// it cannot be compared at all (exit 1). Any other error is exit 2.
func sideReport(s *version.Side, err error, stderr io.Writer) (*version.Side, error) {
	var se *version.SideError
	if errors.As(err, &se) {
		printFindings(stderr, se.Errors)
		return nil, problems(fmt.Errorf("%v (above)", err))
	}
	if err != nil {
		return nil, usage("%v", err)
	}
	if len(s.Errors) > 0 {
		printFindings(stderr, s.Errors)
		fmt.Fprintf(stderr, "soa: warning: %s has %s (above); it is compared as far as it could be read\n", s.Ref.Source, text.Plural(len(s.Errors), "error"))
	}
	return s, nil
}
