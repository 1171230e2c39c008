package main

import (
	"bytes"
	"errors"
	"fmt"
	"io"
	"os"
	"path/filepath"
	"slices"
	"strings"

	"github.com/soa-tool/soa/soa"
	"github.com/soa-tool/soa/soa/edit"
	"github.com/soa-tool/soa/soa/finding"
	"github.com/soa-tool/soa/soa/output"
	"github.com/soa-tool/soa/soa/sheetimport"
	"github.com/soa-tool/soa/soa/text"
	"github.com/soa-tool/soa/soa/workspace"
	"github.com/soa-tool/soa/soa/xlsx"
	"github.com/soa-tool/soa/templates"
	"github.com/urfave/cli/v2"
)

func importCommand() command {
	var sheet, edits string
	var force, dryRun, quiet bool
	cols := &columnFlags{}
	return command{example: "soa import 'SoA 2013.xlsx' isms", Command: &cli.Command{
		Name:      "import",
		Usage:     "start controls.yaml from an existing SoA spreadsheet, or bring workbook edits back",
		ArgsUsage: "FILE [DIR] | --edits WORKBOOK [DIR]",
		Description: "soa import FILE [DIR] reads an SoA kept in a spreadsheet (XLSX or CSV) and writes DIR/controls.yaml\n" +
			"(default: the current directory) with a decision per control it could read, plus the starter\n" +
			"isms.yaml and risks.yaml where they do not exist. It finds the sheet, the header row and the\n" +
			"columns by itself and prints what it recognised; --sheet and --column say it where it cannot.\n" +
			"2013 numbering (and 2005, through the titles) is translated to 2022. Values are mapped to\n" +
			"the vocabularies in the common European languages; what cannot be mapped stays in a comment.\n" +
			"It does not overwrite controls.yaml unless --force is given. Exit 0 when controls were read,\n" +
			"1 when no control rows were found, 2 when the file cannot be read. FILE - reads standard input.\n\n" +
			"soa import --edits WORKBOOK [DIR] applies the cells control owners edited in a workbook that\n" +
			"soa build wrote (Applicable, Justification, Status, Owner, Implementation, Evidence, Target\n" +
			"date) to controls.yaml in place, keeping its comments and layout, and shows the diff. A cell\n" +
			"whose value in controls.yaml also changed since the build is a conflict and is not applied;\n" +
			"nor is a value controls.yaml does not take. Exit 1 when there are such cells.\n\n" +
			"FIELD for --column: id, title, applicable, justification, reasons, status, owner,\n" +
			"implementation, evidence, due (target date), review (last review), or a reason ticked per\n" +
			"row: legal, regulatory, contractual, business, best-practice, risk.",
		Flags: []cli.Flag{
			&cli.StringFlag{Name: "sheet", Usage: "read the sheet `NAME` (default: the one with the most control IDs)", Destination: &sheet},
			&cli.GenericFlag{Name: "column", Usage: "read `FIELD=COLUMN` from COLUMN, a letter (E) or the header text; repeatable", Value: cols},
			&cli.BoolFlag{Name: "force", Usage: "overwrite an existing controls.yaml", Destination: &force},
			&cli.StringFlag{Name: "edits", Usage: "apply the edits made in `WORKBOOK`, a soa.xlsx that soa build wrote", Destination: &edits},
			&cli.BoolFlag{Name: "dry-run", Usage: "show what would be written, write nothing", Destination: &dryRun},
			quietFlag(&quiet),
		},
		Action: func(c *cli.Context) error {
			if quiet {
				c.App.Writer = io.Discard
			}
			if edits != "" {
				dir, err := oneDir(c)
				if err != nil {
					return err
				}
				// Under -q the cells not applied are still told, on standard error.
				cells := c.App.Writer
				if quiet {
					cells = c.App.ErrWriter
				}
				return importEdits(c.App.Writer, cells, c.App.ErrWriter, edits, dir, dryRun)
			}
			if c.NArg() < 1 || c.NArg() > 2 {
				return usage("soa import takes the spreadsheet FILE and an optional workspace DIR, e.g. soa import soa.xlsx isms")
			}
			file, dir := c.Args().Get(0), "."
			if c.NArg() == 2 {
				dir = c.Args().Get(1)
			}
			return importSheet(c.App.Writer, file, dir, sheetimport.Options{Sheet: sheet, Columns: cols.m}, force, dryRun)
		},
	}}
}

// columnFlags collects repeated --column FIELD=COLUMN flags.
type columnFlags struct {
	m    map[sheetimport.Field]string
	list []string
}

func (f *columnFlags) Set(s string) error {
	name, col, ok := strings.Cut(s, "=")
	if !ok || strings.TrimSpace(col) == "" {
		return fmt.Errorf("--column %s: write FIELD=COLUMN, e.g. --column status=H or --column \"justification=Begründung\"", s)
	}
	field, err := sheetimport.ParseField(name)
	if err != nil {
		return fmt.Errorf("--column %s: %w", s, err)
	}
	if f.m == nil {
		f.m = map[sheetimport.Field]string{}
	}
	f.m[field] = strings.TrimSpace(col)
	f.list = append(f.list, s)
	return nil
}

func (f *columnFlags) String() string { return strings.Join(f.list, " ") }

// readSheets reads an XLSX workbook or a CSV file, by its content; "-" reads standard input.
func readSheets(file string) ([]xlsx.Sheet, error) {
	b, err := readSpreadsheet(file)
	if err != nil {
		return nil, err
	}
	var sheets []xlsx.Sheet
	switch {
	case bytes.HasPrefix(b, []byte("PK\x03\x04")):
		sheets, err = xlsx.Read(bytes.NewReader(b))
	case bytes.HasPrefix(b, []byte("\xd0\xcf\x11\xe0")):
		err = errors.New("an old Excel .xls file (or an encrypted workbook); open it and save it as .xlsx, or export the sheet as CSV")
	case bytes.IndexByte(b, 0) >= 0:
		// CSV text has no NUL byte; UTF-16 text (Excel's "Unicode Text") and binaries do.
		err = errors.New("not a spreadsheet soa import reads: it holds NUL bytes (a binary file, or UTF-16 text); save the sheet as .xlsx, or as CSV in UTF-8")
	case slices.Contains([]string{".xlsx", ".xlsm"}, strings.ToLower(filepath.Ext(file))):
		err = errors.New("not a readable XLSX workbook (it is not a zip file); save it as .xlsx (Excel 2007 or later) or export the sheet as CSV")
	default:
		name := strings.TrimSuffix(filepath.Base(file), filepath.Ext(file))
		if file == "-" {
			name = stdinName
		}
		sheets, err = sheetimport.ReadCSV(bytes.NewReader(b), name)
	}
	if err != nil {
		return nil, usage("%s: %v", file, err)
	}
	return sheets, nil
}

// maxSpreadsheet is the largest spreadsheet file soa import reads.
const maxSpreadsheet = 32 << 20

// readSpreadsheet reads the file's bytes, refusing what is not a regular file or is too large.
func readSpreadsheet(file string) ([]byte, error) {
	if file == "-" {
		return readStdin(maxSpreadsheet)
	}
	st, err := os.Stat(file)
	if err != nil {
		return nil, usage("cannot read %s: %v", file, errors.Unwrap(err))
	}
	if !st.Mode().IsRegular() {
		return nil, usage("%s is not a regular file; give the spreadsheet file", file)
	}
	if st.Size() > maxSpreadsheet {
		return nil, usage("%s is over %d MiB; is this the right file?", file, maxSpreadsheet>>20)
	}
	b, err := os.ReadFile(file)
	if err != nil {
		return nil, usage("cannot read %s: %v", file, errors.Unwrap(err))
	}
	return b, nil
}

func importSheet(w io.Writer, file, dir string, opt sheetimport.Options, force, dryRun bool) error {
	sheets, err := readSheets(file)
	if err != nil {
		return err
	}
	res, err := sheetimport.Import(sheets, opt)
	var none *sheetimport.NoControlsError
	switch {
	case errors.As(err, &none):
		return problems(fmt.Errorf("%s: %w", file, err))
	case err != nil:
		return usage("%s: %v", file, err)
	}
	printImport(w, res)
	data, err := sheetimport.Write(res, filepath.Base(file), sheetimport.Frame{Modeline: templates.Modeline("controls"), Undecided: templates.Undecided})
	if err != nil {
		return usage("%v", err)
	}
	controls := filepath.Join(dir, workspace.ControlsFile)
	if _, err := os.Lstat(controls); err == nil && !force {
		return usage("%s already exists; soa import does not overwrite it, so it wrote nothing\n"+
			"run 'soa import --force %s%s' to replace it, or give another directory", controls, shellArg(file), dirArg(dir))
	}
	var files []starterFile
	for _, f := range starterFiles(data) {
		if _, err := os.Lstat(filepath.Join(dir, f.name)); err == nil && f.name != workspace.ControlsFile {
			continue // the user's own isms.yaml, risks.yaml and schemas stay
		}
		files = append(files, f)
	}
	if dryRun {
		for _, f := range files {
			fmt.Fprintf(w, "would write %s\n", filepath.Join(dir, f.name))
		}
		return nil
	}
	if err := writeStarter(w, dir, files, true, ""); err != nil {
		return err
	}
	fmt.Fprintf(w, "next: review controls.yaml, then run '%s', which lists what is still missing\n", checkCommandLine(dir))
	return nil
}

// printImport says what soa import recognised and read.
func printImport(w io.Writer, res *sheetimport.Result) {
	fmt.Fprintf(w, "sheet: %s\n", res.Sheet)
	switch len(res.HeaderRows) {
	case 0:
		fmt.Fprintln(w, "header: none found")
	case 1:
		fmt.Fprintf(w, "header: row %d\n", res.HeaderRows[0])
	default:
		fmt.Fprintf(w, "header: rows %d-%d\n", res.HeaderRows[0], res.HeaderRows[len(res.HeaderRows)-1])
	}
	fmt.Fprintf(w, "numbering: ISO/IEC 27001:%s", res.Numbering)
	if res.Numbering != sheetimport.N2022 {
		fmt.Fprint(w, " (translated to 2022)")
	}
	fmt.Fprintln(w, "\ncolumns:")
	for _, c := range res.Columns {
		given := ""
		if c.Given {
			given = " (--column)"
		}
		fmt.Fprintf(w, "  %-3s %-28q -> %s%s\n", c.Letter(), c.Header, c.Field, given)
	}
	for _, c := range res.Unused {
		fmt.Fprintf(w, "  %-3s %-28q    not read (--column FIELD=%s reads it)\n", c.Letter(), c.Header, c.Letter())
	}
	a, e, u := res.Counts()
	fmt.Fprintf(w, "rows read: %d; controls: %d applicable, %d excluded, %d undecided\n", res.Rows, a, e, u)
	if len(res.Skipped) > 0 {
		fmt.Fprintf(w, "rows skipped: %d\n", len(res.Skipped))
		var order []string
		rows := map[string][]int{}
		for _, s := range res.Skipped {
			if _, ok := rows[s.Reason]; !ok {
				order = append(order, s.Reason)
			}
			rows[s.Reason] = append(rows[s.Reason], s.Row)
		}
		for _, r := range order {
			fmt.Fprintf(w, "  %s: %s\n", rowList(rows[r]), r)
		}
	}
	for _, n := range res.Notes {
		fmt.Fprintf(w, "note: %s\n", n)
	}
	if len(res.Unmapped) > 0 {
		fmt.Fprintf(w, "values not understood (kept as comments in controls.yaml): %d\n", len(res.Unmapped))
		for _, u := range res.Unmapped {
			fmt.Fprintf(w, "  %s %s: %q\n", u.Ref, u.Field, u.Value)
		}
	}
}

// rowList writes row numbers as "row 5" or "rows 5, 7-9".
func rowList(rows []int) string {
	var parts []string
	for i := 0; i < len(rows); {
		j := i
		for j+1 < len(rows) && rows[j+1] == rows[j]+1 {
			j++
		}
		if j > i {
			parts = append(parts, fmt.Sprintf("%d-%d", rows[i], rows[j]))
		} else {
			parts = append(parts, fmt.Sprint(rows[i]))
		}
		i = j + 1
	}
	if len(rows) == 1 {
		return "row " + parts[0]
	}
	return "rows " + strings.Join(parts, ", ")
}

// importEdits applies the cells edited in a built workbook to DIR/controls.yaml.
// importEdits applies the edits of workbook to dir/controls.yaml, printing the diff and the
// result on w and the cells not applied (conflicts, invalid values) on cells.
func importEdits(w, cells, stderr io.Writer, workbook, dir string, dryRun bool) error {
	sheets, err := readSheets(workbook)
	if err != nil {
		return err
	}
	built, err := xlsx.ReadBuilt(sheets)
	if err != nil {
		return usage("%s: %v", workbook, err)
	}
	ws, err := workspace.Load(dir)
	if err != nil {
		return usage("%v", err)
	}
	path := filepath.Join(dir, workspace.ControlsFile)
	var errs finding.List
	for _, f := range ws.Findings {
		if f.Severity == finding.Error && f.Pos.File == path && (f.Rule == "yaml" || f.Rule == "type") {
			errs = append(errs, f)
		}
	}
	if len(errs) > 0 {
		for _, f := range errs {
			fmt.Fprintln(stderr, f)
		}
		return problems(fmt.Errorf("%s has %s; fix them first — the file was not changed", path, text.Plural(len(errs), "error")))
	}
	today, date, err := dates()
	if err != nil {
		return err
	}
	current := soa.Derive(ws, soa.Options{Today: today, Date: date})
	set := sheetimport.Edits(built, current)
	if !set.Same {
		fmt.Fprintf(w, "the workspace changed since %s was built; cells edited in both are conflicts\n", workbook)
	}
	for _, ce := range set.Conflicts {
		fmt.Fprintf(cells, "conflict: %s %s %s: the workbook says %q, controls.yaml now gives %q (it gave %q when the workbook was built); not applied — choose one and edit controls.yaml\n",
			ce.Ref, ce.ID, ce.Column, ce.Now, ce.Current, ce.Built)
	}
	for _, ce := range set.Invalid {
		fmt.Fprintf(cells, "invalid: %s %s %s %q: %s; not applied\n", ce.Ref, ce.ID, ce.Column, ce.Now, ce.Why)
	}
	if len(set.Changes) == 0 {
		fmt.Fprintln(w, "no edits to apply")
	} else {
		b, err := os.ReadFile(path)
		if err != nil {
			return usage("cannot read %s: %v", path, errors.Unwrap(err))
		}
		e, err := edit.Controls(path, b, set.Changes)
		if err != nil {
			return problems(err)
		}
		fmt.Fprint(w, e.Unified(path))
		if dryRun {
			fmt.Fprintf(w, "%s to apply (--dry-run: nothing written)\n", text.Plural(len(set.Applied), "edit"))
		} else {
			if err := output.Replace(path, e.Data); err != nil {
				return usage("%v", err)
			}
			fmt.Fprintf(w, "%s applied to %s\n", text.Plural(len(set.Applied), "edit"), path)
		}
	}
	if n := len(set.Conflicts) + len(set.Invalid); n > 0 {
		return problems(fmt.Errorf("%s not applied (listed above)", text.Plural(n, "edited cell")))
	}
	return nil
}
