package main

import (
	"fmt"
	"io"
	"path/filepath"
	"slices"
	"strings"

	"github.com/soa-tool/soa/soa"
	"github.com/soa-tool/soa/soa/finding"
	"github.com/soa-tool/soa/soa/html"
	"github.com/soa-tool/soa/soa/markdown"
	"github.com/soa-tool/soa/soa/output"
	"github.com/soa-tool/soa/soa/pdf"
	"github.com/soa-tool/soa/soa/sheet"
	"github.com/soa-tool/soa/soa/text"
	"github.com/soa-tool/soa/soa/version"
	"github.com/soa-tool/soa/soa/workspace"
	"github.com/soa-tool/soa/soa/xlsx"
	"github.com/urfave/cli/v2"
)

// buildFormats are the output formats, in the order they are written; defaultFormats are
// those written without --format.
var (
	buildFormats   = []string{"xlsx", "pdf", "json", "csv", "html", "md"}
	defaultFormats = []string{"xlsx", "pdf", "json", "csv"}
)

func buildCommand() command {
	var out, formats, font, fontBold, since, delimiter string
	var soc2, final, quiet bool
	return command{example: "soa build examples/acme-saas -o out", Command: &cli.Command{
		Name:      "build",
		Usage:     "check the workspace and write the SoA as XLSX, PDF, JSON and CSV (HTML and Markdown on request)",
		ArgsUsage: "[DIR]",
		Description: "Runs the checks on DIR (default: the current directory); with errors it prints them and\n" +
			"writes nothing (exit 1). Otherwise it writes soa.xlsx, soa.pdf, soa.json and soa.csv into\n" +
			"OUTDIR (default DIR/out); --format html,md adds soa.html and soa.md; with -o - the one\n" +
			"format chosen with --format goes to standard output (e.g. --format json -o -). Files are\n" +
			"written under temporary names and renamed only when every format succeeded, so a failed\n" +
			"build leaves the previous outputs as they were.\n" +
			"The same workspace gives byte-identical files; dates come from SOURCE_DATE_EPOCH when set,\n" +
			"else from the document's approval or history.\n" +
			"--since OLD (a directory, a soa.json or git:REV[:PATH], as for soa diff) adds the changes\n" +
			"since OLD to the outputs. --final builds only a document fit to hand over: approved, the\n" +
			"approval not older than the newest history entry, next_review in the future, and\n" +
			"soa check --strict clean; otherwise it says what to fix and writes nothing (exit 1).",
		Flags: []cli.Flag{
			&cli.StringFlag{Name: "out", Aliases: []string{"o"}, Usage: "output directory (default: DIR/out); - writes the one --format to standard output", Destination: &out},
			&cli.StringFlag{Name: "format", Aliases: []string{"f"}, Value: strings.Join(defaultFormats, ","), Usage: "formats to write, comma-separated: " + strings.Join(buildFormats, ", "), Destination: &formats},
			&cli.StringFlag{Name: "csv-delimiter", Value: ",", Usage: "field delimiter of soa.csv: , or ; (Excel in many European locales expects ;)", Destination: &delimiter},
			&cli.StringFlag{Name: "font", Usage: "TrueType font to embed in the PDF (for scripts the built-in font lacks, e.g. CJK)", Destination: &font},
			&cli.StringFlag{Name: "font-bold", Usage: "bold TrueType font to go with --font (default: --font)", Destination: &fontBold},
			&cli.BoolFlag{Name: "soc2", Usage: "add a SOC 2 criteria column to the PDF's SoA table", Destination: &soc2},
			&cli.StringFlag{Name: "since", Usage: "add the changes since `OLD` (directory, soa.json or git:REV[:PATH])", Destination: &since},
			&cli.BoolFlag{Name: "final", Usage: "refuse unless approved, approval current, next review ahead and check --strict clean", Destination: &final},
			quietFlag(&quiet),
		},
		Action: func(c *cli.Context) error {
			dir, err := oneDir(c)
			if err != nil {
				return err
			}
			want, err := parseFormats(formats)
			if err != nil {
				return err
			}
			stdout := c.App.Writer
			if quiet {
				c.App.Writer = io.Discard
			}
			if out == "-" {
				if err := oneFileToStdout(len(want), "--format "+strings.Join(want, ","), "choose one format, e.g. soa build --format json -o -"); err != nil {
					return err
				}
			}
			if out == "" {
				out = filepath.Join(dir, "out")
			}
			popt, err := pdfOptions(font, fontBold, soc2)
			if err != nil {
				return err
			}
			copt, err := csvOptions(delimiter)
			if err != nil {
				return err
			}
			s, err := loadSoA(dir)
			if err != nil {
				return err
			}
			printFindings(c.App.ErrWriter, s.Findings)
			if final {
				if err := finalGate(s, dir); err != nil {
					return err
				}
			}
			if n := s.Findings.Count(finding.Error); n > 0 {
				return problems(fmt.Errorf("%s; nothing was written — fix them and build again", text.Plural(n, "error")))
			}
			var changes *version.Changes
			if since != "" {
				old, err := openSide(since, c.App.ErrWriter)
				if err != nil {
					return err
				}
				changes = version.CompareSides(old, &version.Side{JSON: version.FromSoA(s, nil), Ref: version.VersionRef{Source: dir}})
			}
			if slices.Contains(want, "pdf") {
				// Before anything is written: a character the fonts lack would print as a box,
				// one beyond U+FFFF would crash gofpdf.
				if err := pdf.CheckGlyphs(s, changes, popt); err != nil {
					return problems(fmt.Errorf("%v\nnothing was written", err))
				}
			}
			files := renderers(s, changes, want, popt, copt)
			if out == "-" {
				return renderToStdout(stdout, files[0])
			}
			var inputs []string
			for _, f := range workspace.Files {
				inputs = append(inputs, filepath.Join(dir, f))
			}
			// The baseline of --since and the fonts are inputs too: a build must not replace
			// the soa.json it was compared against.
			for _, in := range []string{since, font, fontBold} {
				if in != "" && !strings.HasPrefix(in, "git:") {
					inputs = append(inputs, in)
				}
			}
			written, err := output.WriteAll(out, files, inputs)
			if err != nil {
				return usage("%v", err)
			}
			for _, w := range written {
				fmt.Fprintf(c.App.Writer, "wrote %s (%s)\n", w.Path, size(w.Size))
			}
			return nil
		},
	}}
}

func parseFormats(s string) ([]string, error) {
	var out []string
	for f := range strings.SplitSeq(s, ",") {
		f = strings.ToLower(strings.TrimSpace(f))
		if f == "" {
			continue
		}
		if !slices.Contains(buildFormats, f) {
			return nil, usage("--format %q: choose from %s (comma-separated)", f, strings.Join(buildFormats, ", "))
		}
		if !slices.Contains(out, f) {
			out = append(out, f)
		}
	}
	if len(out) == 0 {
		return nil, usage("--format is empty: choose from %s", strings.Join(buildFormats, ", "))
	}
	return out, nil
}

func pdfOptions(font, bold string, soc2 bool) (pdf.Options, error) {
	opt := pdf.Options{SOC2: soc2}
	if bold != "" && font == "" {
		return opt, usage("--font-bold needs --font (the regular face)")
	}
	for _, f := range []struct {
		path string
		dst  *[]byte
	}{{font, &opt.Regular}, {bold, &opt.Bold}} {
		if f.path == "" {
			continue
		}
		b, err := pdf.ReadFont(f.path)
		if err != nil {
			return opt, usage("%v", err)
		}
		*f.dst = b
	}
	return opt, nil
}

// renderers gives the output files for the chosen formats, in buildFormats order, with the
// changes since a previous version when changes is not nil.
func renderers(s *soa.SoA, changes *version.Changes, formats []string, popt pdf.Options, copt sheet.CSVOptions) []output.File {
	all := map[string]func(io.Writer) error{
		"xlsx": func(w io.Writer) error { return xlsx.Write(w, s, changes) },
		"pdf":  func(w io.Writer) error { return pdf.Write(w, s, changes, popt) },
		"json": version.FromSoA(s, changes).Write,
		"csv":  func(w io.Writer) error { return sheet.WriteCSV(w, s, copt) },
		"html": func(w io.Writer) error { return html.Write(w, s, changes) },
		"md":   func(w io.Writer) error { return markdown.Write(w, s, changes) },
	}
	var files []output.File
	for _, f := range buildFormats {
		if slices.Contains(formats, f) {
			files = append(files, output.File{Name: "soa." + f, Render: all[f]})
		}
	}
	return files
}

func csvOptions(delimiter string) (sheet.CSVOptions, error) {
	switch delimiter {
	case ",", "":
		return sheet.CSVOptions{Comma: ','}, nil
	case ";":
		return sheet.CSVOptions{Comma: ';'}, nil
	case "tab", "\t":
		return sheet.CSVOptions{Comma: '\t'}, nil
	}
	return sheet.CSVOptions{}, usage("--csv-delimiter %q: give , or ; (or tab)", delimiter)
}

func size(n int64) string {
	switch {
	case n < 1024:
		return fmt.Sprintf("%d bytes", n)
	case n < 1024*1024:
		return fmt.Sprintf("%.1f KB", float64(n)/1024)
	}
	return fmt.Sprintf("%.1f MB", float64(n)/1024/1024)
}

// finalGate refuses a --final build of s unless it may be handed over as the final document.
func finalGate(s *soa.SoA, dir string) error {
	now, err := today()
	if err != nil {
		return err
	}
	probs := s.FinalProblems(dir, now)
	if len(probs) == 0 {
		return nil
	}
	return problems(fmt.Errorf("not built: a --final build needs %s fixed:\n  - %s\nnothing was written",
		text.Plural(len(probs), "problem"), strings.Join(probs, "\n  - ")))
}
