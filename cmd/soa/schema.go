package main

import (
	"bytes"
	"fmt"
	"io"
	"strings"

	"github.com/soa-tool/soa/soa/output"
	"github.com/soa-tool/soa/soa/schema"
	"github.com/urfave/cli/v2"
)

func schemaCommand() command {
	var out string
	return command{example: "soa schema -o .schema", Command: &cli.Command{
		Name:      "schema",
		Usage:     "print the JSON Schemas of isms.yaml, risks.yaml, controls.yaml and soa.json",
		ArgsUsage: "[isms|risks|controls|soa]",
		Description: "Prints the JSON Schema (draft 2020-12) of one workspace file or of soa.json (soa), or of all\n" +
			"four as one JSON object keyed by schema file name; with -o DIR it writes the schema files\n" +
			"into DIR instead, replacing older ones. The files soa init writes name\n" +
			".schema/<file>.schema.json in their\n" +
			"first line (a yaml-language-server modeline), so editors complete keys and values and flag\n" +
			"mistakes as you type; after upgrading soa, refresh them with soa schema -o .schema.",
		Flags: []cli.Flag{
			&cli.StringFlag{Name: "out", Aliases: []string{"o"}, Usage: "write the schema files into `DIR` instead of printing them (- prints one schema)", Destination: &out},
		},
		Action: func(c *cli.Context) error {
			kinds := schema.All
			switch c.NArg() {
			case 0:
			case 1:
				k, ok := schema.Kind(c.Args().First())
				if !ok {
					return usage("there is no schema %q; choose isms, risks, controls or soa\n"+
						"run 'soa schema' for all four", c.Args().First())
				}
				kinds = []string{k}
			default:
				return usage("soa schema takes at most one of isms, risks, controls or soa, not %d arguments (%s)",
					c.NArg(), strings.Join(c.Args().Slice(), " "))
			}
			if out == "-" {
				if err := oneFileToStdout(len(kinds), "soa schema", "name one, e.g. soa schema isms -o -, or leave out -o to print them all as one JSON object"); err != nil {
					return err
				}
			} else if out != "" {
				return writeSchemas(c.App.Writer, out, kinds)
			}
			return printSchemas(c.App.Writer, kinds)
		},
	}}
}

// printSchemas writes one schema as it is stored, or several as one JSON object keyed by
// schema file name, in workspace order.
func printSchemas(w io.Writer, kinds []string) error {
	if len(kinds) == 1 {
		b, _ := schema.For(kinds[0])
		_, err := w.Write(b)
		return err
	}
	var b bytes.Buffer
	b.WriteString("{\n")
	for i, k := range kinds {
		s, _ := schema.For(k)
		// The stored files are indented already: indent them one level more, as they are.
		body := strings.ReplaceAll(strings.TrimSpace(string(s)), "\n", "\n  ")
		fmt.Fprintf(&b, "  %q: %s", schema.FileName(k), body)
		if i < len(kinds)-1 {
			b.WriteString(",")
		}
		b.WriteString("\n")
	}
	b.WriteString("}\n")
	_, err := w.Write(b.Bytes())
	return err
}

// writeSchemas writes the schema files into dir, replacing older ones.
func writeSchemas(w io.Writer, dir string, kinds []string) error {
	var files []output.File
	for _, k := range kinds {
		s, _ := schema.For(k)
		files = append(files, output.File{Name: schema.FileName(k), Render: func(w io.Writer) error {
			_, err := w.Write(s)
			return err
		}})
	}
	written, err := output.WriteAll(dir, files, nil)
	if err != nil {
		return usage("%v", err)
	}
	for _, f := range written {
		fmt.Fprintf(w, "wrote %s\n", f.Path)
	}
	return nil
}
