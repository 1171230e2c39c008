package main

import (
	"fmt"
	"strings"

	"github.com/urfave/cli/v2"
)

func manCommand() command {
	var out string
	return command{example: "soa man > soa.1", Command: &cli.Command{
		Name:  "man",
		Usage: "print the manual page (roff, section 1), for man(1) or packaging",
		Description: "Prints soa's manual page in roff, built from the same text as --help: every command,\n" +
			"its flags and an example. View it with soa man | man -l -, or install it with\n" +
			"soa man -o /usr/local/share/man/man1/soa.1.",
		Flags: []cli.Flag{
			&cli.StringFlag{Name: "out", Aliases: []string{"o"}, Usage: "write the page to `FILE` instead of printing it (- prints)", Destination: &out},
		},
		Action: func(c *cli.Context) error {
			if c.NArg() > 0 {
				return usage("soa man takes no arguments, not %s", strings.Join(c.Args().Slice(), " "))
			}
			page, err := manPage(c.App)
			if err != nil {
				return err
			}
			if out == "" || out == "-" {
				_, err = fmt.Fprint(c.App.Writer, page)
				return err
			}
			if err := writeFileOut(out, []byte(page)); err != nil {
				return err
			}
			fmt.Fprintf(c.App.Writer, "wrote %s\n", out)
			return nil
		},
	}}
}

// manPage renders the app's manual page. urfave/cli writes the flag list and the commands;
// the synopsis, exit codes and each command's description block are ours.
func manPage(app *cli.App) (string, error) {
	a := *app
	a.Commands = nil
	for _, c := range app.Commands {
		cc := *c
		// A multi-line UsageText is printed as an indented block under the command's name.
		cc.UsageText = strings.TrimSpace("soa "+c.Name+" "+c.ArgsUsage) + " [options]\n\n" + c.Description
		a.Commands = append(a.Commands, &cc)
	}
	a.UsageText = "soa COMMAND [options] [arguments]"
	a.Description = "soa builds the Statement of Applicability of ISO/IEC 27001:2022 from a YAML workspace " +
		"(isms.yaml, risks.yaml, controls.yaml) and renders it as XLSX, PDF, JSON and CSV. " +
		"Flags may come before or after the arguments. " +
		"Exit codes: 0 success; 1 the content has problems (or a looked-up thing does not exist); " +
		"2 usage or I/O error. See https://github.com/soa-tool/soa for the full documentation."
	return a.ToManWithSection(1)
}
