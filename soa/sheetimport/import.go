// Package sheetimport reads a Statement of Applicability kept in a spreadsheet (an XLSX
// workbook or a CSV file, as consultants' templates and GRC tools leave them) into decisions
// for controls.yaml, and works out which cells of a workbook written by soa build were edited
// since, for soa import --edits.
//
// # Reading a foreign SoA
//
// [Import] finds the sheet and the column with the most control IDs, the header row above
// the first of them (one row, or two when the header is merged over two rows), and the field
// of each column from its header text in the common European languages; [Options] override
// any of these. IDs may be written 5.1, A.5.1, A5.1.1 or A.05.01, or be 2013 IDs that Excel
// turned into dates. 2013 numbering is translated to 2022 with the correspondence of package
// annexa; 2005 numbering through the 2013 titles. Values are mapped to the vocabularies of
// controls.yaml; what cannot be mapped is kept as a comment and reported. [Write] gives the
// controls.yaml text.
//
// The package reads cells only through package soa/xlsx and writes no file.
package sheetimport

import (
	"cmp"
	"errors"
	"fmt"
	"regexp"
	"slices"
	"strings"
	"time"

	"github.com/soa-tool/soa/annexa"
	"github.com/soa-tool/soa/soa/xlsx"
)

// Options steer [Import]; the zero value detects everything.
type Options struct {
	// Sheet names the sheet to read.
	Sheet string
	// Columns maps a field to a column, given as its letter (E) or its header text; it
	// overrides detection for that field.
	Columns map[Field]string
}

// Column is one column recognised in the sheet.
type Column struct {
	Field  Field
	Index  int    // 0-based
	Header string // as written (two header rows joined with " / ")
	Given  bool   // named by Options.Columns
}

// Letter is the column's letter, as a spreadsheet shows it.
func (c Column) Letter() string { return letter(c.Index) }

// Numbering is the edition of Annex A whose control numbers the sheet uses.
type Numbering string

// The numberings [Import] reads.
const (
	N2022 Numbering = "2022"
	N2013 Numbering = "2013"
	N2005 Numbering = "2005"
)

// Skip is a row that was not read as a control, with why.
type Skip struct {
	Row    int // 1-based
	Reason string
}

// Unmapped is a value that could not be mapped to the vocabulary: it is kept in a comment.
type Unmapped struct {
	Ref   string // 'Sheet'!E12
	Field Field
	Value string
}

// Decision is what the sheet says about one 2022 control.
type Decision struct {
	ID             annexa.ID
	Applicable     *bool
	Reasons        []string
	Justification  string
	Status         string
	Owner          string
	Implementation string
	Evidence       []string
	Due, Review    time.Time
	// Comments are written above the control in controls.yaml: where it came from, values
	// that could not be mapped, what to decide.
	Comments []string
	// Read is true when at least one row of the sheet gave the decision.
	Read bool
}

// Result is what [Import] read and how.
type Result struct {
	Sheet      string
	HeaderRows []int // 1-based; empty when there is no header
	Columns    []Column
	// Unused are the header's other columns, with Field "": --column can name them.
	Unused    []Column
	Numbering Numbering
	Rows      int // control rows read
	Skipped   []Skip
	Unmapped  []Unmapped
	// Decisions has one entry per 2022 control, in catalogue order.
	Decisions []Decision
	// Notes are remarks for the report (a 5.1 read as 5.10, a header that names another edition).
	Notes []string
}

// Counts returns how many controls were decided applicable, excluded and left undecided.
func (r *Result) Counts() (applicable, excluded, undecided int) {
	for _, d := range r.Decisions {
		switch {
		case d.Applicable == nil:
			undecided++
		case *d.Applicable:
			applicable++
		default:
			excluded++
		}
	}
	return
}

// NoControlsError says that no sheet has control rows; Seen says what was found instead.
type NoControlsError struct {
	Seen []string
}

func (e *NoControlsError) Error() string {
	return "no control rows found: no column holds Annex A control IDs (5.1, A.5.1, A.9.2.1 ...)\n" +
		strings.Join(e.Seen, "\n") +
		"\nname the sheet with --sheet NAME and the ID column with --column id=COLUMN"
}

// row is one control row of the sheet.
type row struct {
	index int // 0-based
	id    cellID
	key   string // canonical ID in the sheet's numbering: A.5.1, A.9.2.1
	d     Decision
	title string
}

// Import reads the SoA in sheets (from [xlsx.Read] or [ReadCSV]).
func Import(sheets []xlsx.Sheet, opt Options) (*Result, error) {
	sh, idCol, err := findSheet(sheets, opt)
	if err != nil {
		return nil, err
	}
	res := &Result{Sheet: sh.Name}
	first := -1
	for r := range sh.Rows {
		if _, ok := controlID(sh.At(r, idCol)); ok {
			first = r
			break
		}
	}
	res.HeaderRows, res.Columns = header(sh, first, idCol)
	if err := override(sh, res, opt); err != nil {
		return nil, err
	}
	res.unused(sh)
	res.Numbering = numbering(sh, idCol, first)
	for _, label := range []string{res.Columns[0].Header, sh.Name} {
		for _, n := range []Numbering{N2022, N2013, N2005} {
			if n != res.Numbering && strings.Contains(label, string(n)) {
				res.Notes = append(res.Notes, fmt.Sprintf("%q says %s, but the IDs are numbered as in ISO/IEC 27001:%s; they are read as %s", label, n, res.Numbering, res.Numbering))
			}
		}
	}
	rows := res.readRows(sh, idCol, first)
	res.decide(rows)
	if res.Rows == 0 {
		return nil, &NoControlsError{Seen: []string{fmt.Sprintf("sheet %q, column %s: no row could be read as a control", sh.Name, letter(idCol))}}
	}
	return res, nil
}

// controlID reads a cell as the ID of a control of any edition.
func controlID(c xlsx.Cell) (cellID, bool) {
	id, ok := parseIDCell(c)
	if !ok {
		return id, false
	}
	switch len(id.nums) {
	case 2:
		_, known := annexa.Lookup(annexa.ID{Clause: id.nums[0], Num: id.nums[1]})
		return id, known || (id.nums[0] >= 5 && id.nums[0] <= 18)
	case 3:
		return id, id.nums[0] >= 5 && id.nums[0] <= 18
	}
	return id, false
}

// findSheet picks the sheet and column holding the most distinct control IDs.
func findSheet(sheets []xlsx.Sheet, opt Options) (*xlsx.Sheet, int, error) {
	var seen []string
	best, bestCol, bestN := -1, -1, 0
	for i := range sheets {
		sh := &sheets[i]
		if opt.Sheet != "" && !strings.EqualFold(strings.TrimSpace(sh.Name), strings.TrimSpace(opt.Sheet)) {
			continue
		}
		if sh.Name == xlsx.SheetBuild {
			continue
		}
		counts := map[int]map[string]bool{}
		for r := range sh.Rows {
			for c := range sh.Rows[r] {
				if id, ok := controlID(sh.Rows[r][c]); ok {
					if counts[c] == nil {
						counts[c] = map[string]bool{}
					}
					counts[c][idString(id.nums)] = true
				}
			}
		}
		col, n := -1, 0
		for c, ids := range counts {
			if len(ids) > n || (len(ids) == n && c < col) {
				col, n = c, len(ids)
			}
		}
		if given, ok := opt.Columns[ID]; ok {
			c, err := columnIndex(sh, given, nil)
			if err != nil {
				return nil, 0, err
			}
			col, n = c, len(counts[c])
		}
		seen = append(seen, fmt.Sprintf("sheet %q: %d rows, %d distinct control IDs in its best column", sh.Name, len(sh.Rows), n))
		// A hidden sheet wins only with clearly more IDs: templates hide lookup lists.
		if n > bestN && (!sh.Hidden || best < 0 || n > 2*bestN) {
			best, bestCol, bestN = i, col, n
		}
	}
	if opt.Sheet != "" && len(seen) == 0 {
		var names []string
		for _, sh := range sheets {
			names = append(names, fmt.Sprintf("%q", sh.Name))
		}
		return nil, 0, fmt.Errorf("there is no sheet %q; the sheets are %s", opt.Sheet, strings.Join(names, ", "))
	}
	if bestN == 0 {
		return nil, 0, &NoControlsError{Seen: seen}
	}
	return &sheets[best], bestCol, nil
}

// header finds the header rows above the first control row and the fields of the columns.
// The header is the nearest row above with two or more different texts, past the clause and
// objective rows that often sit between it and the first control ("A.5 | Information
// security policies"); the row above it is joined when that recognises more fields (a
// header merged over two rows).
func header(sh *xlsx.Sheet, first, idCol int) ([]int, []Column) {
	h1 := -1
	for r := first - 1; r >= 0 && r >= first-10; r-- {
		if headingID.MatchString(sh.At(r, idCol).Text) {
			continue
		}
		if distinct(sh, r) >= 2 {
			h1 = r
			break
		}
	}
	if h1 < 0 {
		return nil, []Column{{Field: ID, Index: idCol}}
	}
	one := recogniseRow(sh, -1, h1, idCol)
	if h1 > 0 && distinct(sh, h1-1) >= 1 {
		two := recogniseRow(sh, h1-1, h1, idCol)
		if len(two) > len(one) || len(two) == len(one) && distinct(sh, h1-1) >= 2 {
			return []int{h1, h1 + 1}, two
		}
	}
	return []int{h1 + 1}, one
}

// headingID matches the ID cell of a clause or objective row: a clause or objective number
// (5, A.5, A.5.1 of 2013) followed by its title, or "Objective: ...". A header's ID cell is a
// word ("Ref.", "Control No."), never one of these.
var headingID = regexp.MustCompile(`(?i)^\s*(?:(?:annex\s*)?(?:a\s?\.?\s?)?\d{1,2}(?:\.\d{1,3})?\.?(?:[\s:–—-]|$)|(?:control\s+)?objective\b)`)

// distinct counts the different non-empty texts in a row.
func distinct(sh *xlsx.Sheet, r int) int {
	seen := map[string]bool{}
	for _, c := range sh.Rows[r] {
		if t := strings.TrimSpace(c.Text); t != "" {
			seen[t] = true
		}
	}
	return len(seen)
}

// recogniseRow maps the columns of header row lower (with row upper above it, or -1). In a
// two-row header the lower text is tried first ("LR" under "Reason for selection"), then the
// upper. The first column recognised for a field keeps it.
func recogniseRow(sh *xlsx.Sheet, upper, lower, idCol int) []Column {
	cols := []Column{{Field: ID, Index: idCol, Header: headerText(sh, upper, lower, idCol)}}
	taken := map[Field]bool{ID: true}
	width := len(sh.Rows[lower])
	if upper >= 0 {
		width = max(width, len(sh.Rows[upper]))
	}
	for c := range width {
		if c == idCol {
			continue
		}
		f := recognise(sh.At(lower, c).Text)
		if f == "" && upper >= 0 {
			f = recognise(sh.At(upper, c).Text)
		}
		if f == "" || taken[f] {
			continue
		}
		taken[f] = true
		cols = append(cols, Column{Field: f, Index: c, Header: headerText(sh, upper, lower, c)})
	}
	return cols
}

func headerText(sh *xlsx.Sheet, upper, lower, c int) string {
	lo := oneLine(sh.At(lower, c).Text)
	if upper < 0 {
		return lo
	}
	up := oneLine(sh.At(upper, c).Text)
	switch {
	case up == "" || up == lo:
		return lo
	case lo == "":
		return up
	}
	return up + " / " + lo
}

func oneLine(s string) string { return strings.Join(strings.Fields(s), " ") }

// override applies Options.Columns: a field given a column takes it from whatever was
// detected there.
func override(sh *xlsx.Sheet, res *Result, opt Options) error {
	for _, f := range Fields {
		given, ok := opt.Columns[f]
		if !ok || f == ID {
			continue
		}
		c, err := columnIndex(sh, given, res.HeaderRows)
		if err != nil {
			return fmt.Errorf("--column %s=%s: %w", f, given, err)
		}
		res.Columns = slices.DeleteFunc(res.Columns, func(col Column) bool { return col.Field == f || (col.Index == c && col.Field != ID) })
		upper, lower := -1, -1
		if n := len(res.HeaderRows); n > 0 {
			lower = res.HeaderRows[n-1] - 1
			if n > 1 {
				upper = res.HeaderRows[0] - 1
			}
		}
		h := ""
		if lower >= 0 {
			h = headerText(sh, upper, lower, c)
		}
		res.Columns = append(res.Columns, Column{Field: f, Index: c, Header: h, Given: true})
	}
	if _, ok := opt.Columns[ID]; ok {
		res.Columns[0].Given = true
	}
	slices.SortFunc(res.Columns, func(a, b Column) int { return cmp.Compare(a.Index, b.Index) })
	return nil
}

// unused lists the header's columns that no field reads.
func (res *Result) unused(sh *xlsx.Sheet) {
	n := len(res.HeaderRows)
	if n == 0 {
		return
	}
	upper, lower := -1, res.HeaderRows[n-1]-1
	if n > 1 {
		upper = res.HeaderRows[0] - 1
	}
	width := len(sh.Rows[lower])
	if upper >= 0 {
		width = max(width, len(sh.Rows[upper]))
	}
	for c := range width {
		if slices.ContainsFunc(res.Columns, func(col Column) bool { return col.Index == c }) {
			continue
		}
		if h := headerText(sh, upper, lower, c); h != "" {
			res.Unused = append(res.Unused, Column{Index: c, Header: h})
		}
	}
}

// columnIndex finds a column given as header text (any header row) or as a letter.
func columnIndex(sh *xlsx.Sheet, given string, headerRows []int) (int, error) {
	want := fold(given)
	rows := headerRows
	if rows == nil { // the header is not known yet: any of the first 30 rows
		for r := range min(30, len(sh.Rows)) {
			rows = append(rows, r+1)
		}
	}
	for _, r := range rows {
		for c := range sh.Rows[r-1] {
			if want != "" && fold(sh.At(r-1, c).Text) == want {
				return c, nil
			}
		}
	}
	if c, ok := letterIndex(given); ok {
		return c, nil
	}
	return 0, errors.New("no column has that letter or header; give a column letter such as E, or the header text as the sheet shows it")
}

// letter names the 0-based column c: A, B, ..., Z, AA.
func letter(c int) string {
	s := ""
	for c++; c > 0; c = (c - 1) / 26 {
		s = string(rune('A'+(c-1)%26)) + s
	}
	return s
}

// letterIndex reads a column letter (A to CV, the columns [xlsx.Read] keeps).
func letterIndex(s string) (int, bool) {
	s = strings.ToUpper(strings.TrimSpace(s))
	if s == "" || len(s) > 2 {
		return 0, false
	}
	n := 0
	for _, r := range s {
		if r < 'A' || r > 'Z' {
			return 0, false
		}
		n = n*26 + int(r-'A'+1)
	}
	if n > xlsx.MaxReadCols {
		return 0, false
	}
	return n - 1, true
}

// numbering tells the edition from the IDs: three-part IDs are 2013 or 2005 (2005 has
// controls 2013 lacks, such as A.10.2.1); two-part IDs are 2022.
func numbering(sh *xlsx.Sheet, idCol, first int) Numbering {
	two, three, not2013, only2005 := 0, 0, 0, 0
	for r := max(first, 0); r < len(sh.Rows); r++ {
		id, ok := controlID(sh.At(r, idCol))
		if !ok {
			continue
		}
		switch len(id.nums) {
		case 2:
			two++
		case 3:
			three++
			if !is2013(id.nums) {
				not2013++
			}
			if id.nums[0] == 10 && id.nums[1] >= 2 || id.nums[0] == 11 && id.nums[1] >= 7 || id.nums[0] == 15 && id.nums[1] >= 3 {
				only2005++
			}
		}
	}
	switch {
	case three <= two:
		return N2022
	case only2005 > 0 || not2013*10 > three:
		return N2005
	}
	return N2013
}

// fieldCell returns the text of field f in row r, and its cell.
func fieldCell(sh *xlsx.Sheet, cols []Column, r int, f Field) (string, xlsx.Cell, int, bool) {
	for _, c := range cols {
		if c.Field == f {
			cell := sh.At(r, c.Index)
			return strings.TrimSpace(strings.ReplaceAll(cell.Text, "\r\n", "\n")), cell, c.Index, true
		}
	}
	return "", xlsx.Cell{}, 0, false
}
