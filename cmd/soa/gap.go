package main

import (
	"strings"

	"github.com/soa-tool/soa/soa/soc2"
	"github.com/urfave/cli/v2"
)

func gapCommand() command {
	var format, file string
	return command{example: "soa gap --soc2 examples/soc2-program.yaml", Command: &cli.Command{
		Name:      "gap",
		Usage:     "report what a SOC 2 program covers of ISO 27001 and what is left to do",
		ArgsUsage: "[FILE]",
		Description: "Reads the SOC 2 control list FILE (CSV, JSON or YAML, as for soa init --from-soc2; given with\n" +
			"--soc2 or as the argument) and reports the coverage of the 93 Annex A controls through the\n" +
			"crosswalk and the program controls about each one (covered, partly, not covered; counts and\n" +
			"percentages) per theme and per security\n" +
			"domain, the controls still to decide, the partly covered ones with their missing criteria,\n" +
			"and a checklist of what ISO 27001 asks for that SOC 2 does not: the ISMS of clauses 4 to 10,\n" +
			"threat intelligence (A.5.7) and the detailed physical controls. Exit 0 whatever the coverage.",
		Flags: []cli.Flag{
			&cli.StringFlag{Name: "soc2", Usage: "the SOC 2 control list `FILE` (CSV, JSON or YAML)", Destination: &file},
			formatFlag(&format, "text", "text", "md", "json"),
		},
		Action: func(c *cli.Context) error {
			switch {
			case file == "" && c.NArg() == 1:
				file = c.Args().First()
			case file == "":
				return usage("soa gap needs the SOC 2 control list: soa gap --soc2 FILE")
			case c.NArg() > 0:
				return usage("soa gap takes no arguments besides --soc2 FILE, not %s", strings.Join(c.Args().Slice(), " "))
			}
			p, err := readProgram(c, file)
			if err != nil {
				return err
			}
			r := soc2.NewReport(p)
			switch format {
			case "json":
				return r.WriteJSON(c.App.Writer)
			case "md":
				return r.WriteMarkdown(c.App.Writer)
			}
			return r.WriteText(c.App.Writer, terminalWidth())
		},
	}}
}
