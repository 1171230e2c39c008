package main

import (
	"errors"
	"fmt"
	"os"
	"path/filepath"

	"github.com/soa-tool/soa/soa/finding"
	"github.com/soa-tool/soa/soa/soc2"
	"github.com/soa-tool/soa/templates"
	"github.com/urfave/cli/v2"
)

// initFromSOC2 writes a starter workspace in dir whose controls.yaml is built from the SOC 2
// control list in file (CSV, JSON or YAML). force allows overwriting existing files.
func initFromSOC2(c *cli.Context, file, dir string, force bool) error {
	p, err := readProgram(c, file)
	if err != nil {
		return err
	}
	r := soc2.NewReport(p)
	source := filepath.Base(file)
	if file == "-" {
		source = stdinName
	}
	files := starterFiles(soc2.ControlsYAML(r, source, templates.Modeline("controls")))
	for _, f := range files {
		if sameFile(file, filepath.Join(dir, f.name)) {
			return usage("%s is both the SOC 2 control list and a file soa init writes; give the workspace another directory", file)
		}
	}
	if err := writeStarter(c.App.Writer, dir, files, force, file); err != nil {
		return err
	}
	planned := len(r.Planned())
	fmt.Fprintf(c.App.Writer, "controls.yaml: of the 93 Annex A controls, %d are covered by the SOC 2 program, %d partly\n"+
		"(status partial), %d planned and %d are left for you to decide; none is excluded\n",
		r.Total.Covered, r.Total.Partly, planned, r.Total.NotCovered-planned)
	fmt.Fprintf(c.App.Writer, "next: fill in isms.yaml and risks.yaml, confirm the proposed reasons and write a justification\n"+
		"for each applicable control, decide the rest; '%s' lists what is missing, and\n"+
		"'soa gap --soc2 %s' lists the ISO 27001 work SOC 2 does not cover\n", checkCommandLine(dir), shellArg(file))
	return nil
}

// readProgram reads a SOC 2 control list, printing its warnings to stderr. Problems in the
// file are exit code 1; a file that cannot be read is a usage error.
func readProgram(c *cli.Context, file string) (*soc2.Program, error) {
	p, err := readSOC2(file)
	var le finding.ListError
	switch {
	case errors.As(err, &le):
		return nil, problems(fmt.Errorf("%w\nfix the SOC 2 control list %s and run the command again", err, file))
	case err != nil:
		return nil, usage("%v", err)
	}
	for _, w := range p.Warnings {
		fmt.Fprintf(c.App.ErrWriter, "soa: %s\n", w)
	}
	return p, nil
}

// sameFile reports whether a and b name the same existing file.
func sameFile(a, b string) bool {
	sa, err1 := os.Stat(a)
	sb, err2 := os.Stat(b)
	return err1 == nil && err2 == nil && os.SameFile(sa, sb)
}

// shellArg quotes s for a suggested command line when it needs it.
func shellArg(s string) string {
	if a := dirArg(s); a != "" {
		return a[1:]
	}
	return s
}
