package xlsx

import (
	"bytes"
	"fmt"
	"io"
	"regexp"
	"strconv"
	"strings"
	"time"

	"github.com/xuri/excelize/v2"
)

// Sheet is one worksheet as read back by [Read]: its name, whether it is hidden, and its
// cells row by row (Rows[0] is row 1). A merged range gives every cell it covers the value of
// its top-left cell, so a header merged over several columns names each of them.
type Sheet struct {
	Name   string
	Hidden bool
	Rows   [][]Cell
}

// Cell is one cell as read back: the text as the spreadsheet shows it and, for a number
// shown as a date, that date.
type Cell struct {
	Text   string
	Date   time.Time
	IsDate bool
}

// At returns the cell at 0-based row and column, or the empty cell.
func (s *Sheet) At(row, col int) Cell {
	if row < 0 || row >= len(s.Rows) || col < 0 || col >= len(s.Rows[row]) {
		return Cell{}
	}
	return s.Rows[row][col]
}

// Limits of [Read]: a workbook bigger than MaxReadSize is refused, and only the first
// MaxReadRows rows and MaxReadCols columns of each sheet are read (an SoA has about a hundred
// rows and twenty columns; the rest of a huge sheet is not an SoA).
const (
	MaxReadSize = 32 << 20
	MaxReadRows = 5000
	MaxReadCols = 100
)

// dateText matches how spreadsheets show a date: 2011-02-05, 2/5/11, 05.02.2011, 5-Feb-11.
var dateText = regexp.MustCompile(`^(\d{1,4}[./-]\d{1,2}[./-]\d{1,4}|\d{1,2}[- ][A-Za-z]{3,9}[- ]\d{2,4})`)

// Read reads every worksheet of the workbook in r, in workbook order.
func Read(r io.Reader) ([]Sheet, error) {
	b, err := io.ReadAll(io.LimitReader(r, MaxReadSize+1))
	if err != nil {
		return nil, err
	}
	if len(b) > MaxReadSize {
		return nil, fmt.Errorf("the workbook is over %d MiB; an SoA workbook is far smaller — save the SoA sheet alone", MaxReadSize>>20)
	}
	// A workbook of 32 MiB unzips to far less than 1 GiB; a zip bomb is refused.
	f, err := excelize.OpenReader(bytes.NewReader(b), excelize.Options{UnzipSizeLimit: 1 << 30})
	if err != nil {
		return nil, fmt.Errorf("not a readable XLSX workbook (%v); save it as .xlsx (Excel 2007 or later) or export the sheet as CSV", err)
	}
	defer f.Close()
	var out []Sheet
	for _, name := range f.GetSheetList() {
		sh, err := readSheet(f, name)
		if err != nil {
			return nil, fmt.Errorf("sheet %q: %w", name, err)
		}
		out = append(out, sh)
	}
	return out, nil
}

func readSheet(f *excelize.File, name string) (Sheet, error) {
	sh := Sheet{Name: name}
	visible, err := f.GetSheetVisible(name)
	if err != nil {
		return sh, err
	}
	sh.Hidden = !visible
	shown, err := firstRows(f, name, false)
	if err != nil {
		return sh, err
	}
	raw, err := firstRows(f, name, true)
	if err != nil {
		return sh, err
	}
	for i, row := range shown[:min(len(shown), MaxReadRows)] {
		cells := make([]Cell, min(len(row), MaxReadCols))
		for j := range cells {
			c := Cell{Text: row[j]}
			if i < len(raw) && j < len(raw[i]) && raw[i][j] != row[j] && dateText.MatchString(strings.TrimSpace(row[j])) {
				if n, err := strconv.ParseFloat(raw[i][j], 64); err == nil && n >= 1 && n < 2958466 {
					if t, err := excelize.ExcelDateToTime(n, false); err == nil {
						c.Date, c.IsDate = t, true
					}
				}
			}
			cells[j] = c
		}
		sh.Rows = append(sh.Rows, cells)
	}
	merges, err := f.GetMergeCells(name)
	if err != nil {
		return sh, err
	}
	for _, m := range merges {
		c1, r1, err1 := excelize.CellNameToCoordinates(m.GetStartAxis())
		c2, r2, err2 := excelize.CellNameToCoordinates(m.GetEndAxis())
		if err1 != nil || err2 != nil {
			continue
		}
		top := sh.At(r1-1, c1-1)
		for r := r1 - 1; r < min(r2, len(sh.Rows)); r++ {
			for c := c1 - 1; c < min(c2, MaxReadCols); c++ {
				for len(sh.Rows[r]) <= c {
					sh.Rows[r] = append(sh.Rows[r], Cell{})
				}
				sh.Rows[r][c] = top
			}
		}
	}
	return sh, nil
}

// firstRows reads the first MaxReadRows rows of a sheet, as shown or as stored (raw), without
// reading the rest of a huge sheet.
func firstRows(f *excelize.File, name string, raw bool) ([][]string, error) {
	rows, err := f.Rows(name)
	if err != nil {
		return nil, err
	}
	defer rows.Close()
	var out [][]string
	for len(out) < MaxReadRows && rows.Next() {
		cols, err := rows.Columns(excelize.Options{RawCellValue: raw})
		if err != nil {
			return nil, err
		}
		out = append(out, cols)
	}
	return out, rows.Error()
}
