package main

import (
	"errors"
	"io"
	"strings"

	"github.com/soa-tool/soa/annexa"
	"github.com/urfave/cli/v2"
)

func crosswalkCommand() command {
	var format, from string
	return command{example: "soa crosswalk --from soc2 CC6.1 CC8.1", Command: &cli.Command{
		Name:      "crosswalk",
		Usage:     "map Annex A controls to SOC 2 Trust Services Criteria, or back",
		ArgsUsage: "[ID...]",
		Description: "Lists the crosswalk between the 93 ISO/IEC 27001:2022 Annex A controls and the SOC 2 Trust\n" +
			"Services Criteria (2017, revised points of focus 2022). --from iso27001 gives the criteria\n" +
			"covering each control (a 2013 ID such as A.9.2.1 is answered for its 2022 replacements);\n" +
			"--from soc2 gives the controls each criterion covers. Without --from the direction follows\n" +
			"the first ID (CC6.1 reads as a criterion), else iso27001. A pair means the criterion asks\n" +
			"for part of what the control does, not that the two are equivalent.",
		Flags: []cli.Flag{
			formatFlag(&format, "table", "table", "csv", "json", "md"),
			&cli.StringFlag{Name: "from", Usage: "direction: iso27001 (controls to criteria) or soc2 (criteria to controls)", Destination: &from,
				Action: func(_ *cli.Context, v string) error {
					if v != "iso27001" && v != "soc2" {
						return usage("--from %q is not one of iso27001, soc2", v)
					}
					return nil
				}},
		},
		Action: func(c *cli.Context) error {
			ids := c.Args().Slice()
			dir := annexa.Direction(from)
			if from == "" {
				dir = annexa.GuessDirection(ids)
			}
			var x *annexa.Crosswalk
			if dir == annexa.FromSOC2 {
				list, err := criteriaArgs(ids)
				if err != nil {
					return err
				}
				x = annexa.CrosswalkFromCriteria(list)
			} else {
				list, err := controlArgs(c.App.ErrWriter, ids)
				if err != nil {
					return err
				}
				x = annexa.CrosswalkFromControls(list)
			}
			switch format {
			case "json":
				return writeCrosswalkJSON(c.App.Writer, x)
			case "csv":
				return writeCrosswalkCSV(c.App.Writer, x)
			case "md":
				return writeCrosswalkMarkdown(c.App.Writer, x)
			}
			return writeCrosswalkText(c.App.Writer, x, terminalWidth())
		},
	}}
}

// controlArgs resolves the control IDs of the command line as soa controls does, noting on
// stderr the 2022 replacements of a 2013 ID; all of Annex A when there are none. Unknown IDs
// are exit 1, with a hint when one of them is a criterion.
func controlArgs(stderr io.Writer, ids []string) ([]annexa.Control, error) {
	list, err := selectControls(stderr, ids, "", false, nil)
	var ee *exitError
	if errors.As(err, &ee) && anyCriterion(ids) {
		ee.err = errors.New(ee.err.Error() + "\nfor SOC 2 criteria such as CC6.1, run 'soa crosswalk --from soc2 ID...'")
	}
	return list, err
}

// anyCriterion reports whether one of ids is a Trust Services Criterion.
func anyCriterion(ids []string) bool {
	for _, s := range ids {
		if _, err := annexa.ResolveCriterion(s); err == nil {
			return true
		}
	}
	return false
}

// criteriaArgs resolves the criterion IDs of the command line; all the criteria when there
// are none. Unknown IDs are exit 1, with a hint for each that is an Annex A control.
func criteriaArgs(ids []string) ([]annexa.Criterion, error) {
	var list []annexa.Criterion
	if len(ids) == 0 {
		list = annexa.Criteria()
	}
	var bad []string
	for _, s := range ids {
		cr, err := annexa.ResolveCriterion(s)
		if err != nil {
			msg := err.Error()
			if _, ierr := annexa.Resolve(s); ierr == nil {
				msg += "\n" + strings.TrimSpace(s) + " is an Annex A control: run 'soa crosswalk --from iso27001 " + strings.TrimSpace(s) + "'"
			}
			bad = append(bad, msg)
			continue
		}
		list = append(list, cr)
	}
	if len(bad) > 0 {
		return nil, problems(errors.New(strings.Join(bad, "\n")))
	}
	return list, nil
}
