package main

import (
	"errors"
	"fmt"
	"io"
	"os"
	"strconv"
	"strings"

	"github.com/soa-tool/soa/annexa"
	"github.com/urfave/cli/v2"
)

func controlsCommand() command {
	var format, theme string
	var onlyNew bool
	var attrs cli.StringSlice
	return command{example: "soa controls --theme people --format md", Command: &cli.Command{
		Name:      "controls",
		Usage:     "list the 93 Annex A controls, or look up IDs (2013 numbers too)",
		ArgsUsage: "[ID...]",
		Description: "Lists the ISO/IEC 27001:2022 Annex A catalogue: ID, title, theme, whether the control is\n" +
			"new in 2022, its ISO/IEC 27002:2022 attributes and the 2013 controls it covers. Given IDs,\n" +
			"lists those; a 2013 ID (A.9.2.1) is answered with its 2022 replacement(s).",
		Flags: []cli.Flag{
			formatFlag(&format, "table", "table", "csv", "json", "md"),
			&cli.StringFlag{Name: "theme", Usage: "only this theme: organizational, people, physical or technological", Destination: &theme},
			&cli.BoolFlag{Name: "new", Usage: "only the 11 controls new in 2022", Destination: &onlyNew},
			&cli.StringSliceFlag{Name: "attribute", Usage: "only controls with this 27002 attribute, NAME=VALUE (e.g. control_type=Detective); repeatable", Destination: &attrs},
		},
		Action: func(c *cli.Context) error {
			list, err := selectControls(c.App.ErrWriter, c.Args().Slice(), theme, onlyNew, attrs.Value())
			if err != nil {
				return err
			}
			return writeControls(c.App.Writer, list, format)
		},
	}}
}

// formatFlag is the --format flag shared by the commands, checked against the choices.
func formatFlag(dest *string, def string, choices ...string) cli.Flag {
	return &cli.StringFlag{
		Name: "format", Aliases: []string{"f"}, Value: def, Destination: dest,
		Usage: "output format: " + strings.Join(choices, ", "),
		Action: func(_ *cli.Context, v string) error {
			for _, ch := range choices {
				if v == ch {
					return nil
				}
			}
			return usage("--format %q is not one of %s", v, strings.Join(choices, ", "))
		},
	}
}

func selectControls(stderr io.Writer, ids []string, theme string, onlyNew bool, attrs []string) ([]annexa.Control, error) {
	var list []annexa.Control
	if len(ids) == 0 {
		list = annexa.All()
	}
	var unknown []string
	for _, s := range ids {
		id, err := annexa.Resolve(s)
		var ie *annexa.IDError
		switch {
		case err == nil:
			c, _ := annexa.Lookup(id)
			list = append(list, c)
		case errors.As(err, &ie) && ie.Kind == annexa.Old:
			fmt.Fprintf(stderr, "soa: note: %v\n", err)
			for _, r := range ie.Replacements {
				c, _ := annexa.Lookup(r)
				list = append(list, c)
			}
		default:
			unknown = append(unknown, err.Error())
		}
	}
	if len(unknown) > 0 {
		return nil, problems(errors.New(strings.Join(unknown, "\n")))
	}
	var th annexa.Theme
	if theme != "" {
		var err error
		if th, err = annexa.ParseTheme(theme); err != nil {
			return nil, usage("--theme: %v", err)
		}
	}
	type attr struct{ name, value string }
	var want []attr
	for _, a := range attrs {
		name, value, ok := strings.Cut(a, "=")
		if !ok || !annexa.IsAttributeType(name) {
			return nil, usage("--attribute %q: write NAME=VALUE with NAME one of %s", a, strings.Join(annexa.AttributeTypes, ", "))
		}
		want = append(want, attr{name, value})
	}
	var out []annexa.Control
	for _, c := range list {
		keep := (th == "" || c.Theme == th) && (!onlyNew || c.New)
		for _, a := range want {
			keep = keep && c.HasAttribute(a.name, a.value)
		}
		if keep {
			out = append(out, c)
		}
	}
	return out, nil
}

func writeControls(w io.Writer, list controlList, format string) error {
	switch format {
	case "json":
		return list.WriteJSON(w)
	case "csv":
		return list.WriteCSV(w)
	case "md":
		return list.WriteMarkdown(w)
	}
	return list.WriteText(w, terminalWidth())
}

// terminalWidth is $COLUMNS when set, else 80.
func terminalWidth() int {
	if n, err := strconv.Atoi(os.Getenv("COLUMNS")); err == nil && n >= 40 {
		return n
	}
	return 80
}
