package sheetimport_test

import (
	"bytes"
	"testing"
	"time"

	"github.com/soa-tool/soa/soa/xlsx"
	"github.com/xuri/excelize/v2"
)

// sheetSpec describes a fixture sheet: rows of values (string, float64 for a number cell,
// time.Time for a date cell, nil for an empty cell), merged ranges, hidden or not.
type sheetSpec struct {
	name   string
	hidden bool
	rows   [][]any
	merges []string
}

// workbook writes the sheets into an XLSX with excelize and reads it back through
// xlsx.Read, as soa import does.
func workbook(t testing.TB, specs ...sheetSpec) []xlsx.Sheet {
	t.Helper()
	return workbookFrom(t, workbookBytes(t, specs...))
}

// workbookFrom reads a workbook's bytes through xlsx.Read.
func workbookFrom(t testing.TB, b []byte) []xlsx.Sheet {
	t.Helper()
	sheets, err := xlsx.Read(bytes.NewReader(b))
	if err != nil {
		t.Fatal(err)
	}
	return sheets
}

func workbookBytes(t testing.TB, specs ...sheetSpec) []byte {
	t.Helper()
	f := excelize.NewFile()
	defer f.Close()
	dateStyle, err := f.NewStyle(&excelize.Style{NumFmt: 14})
	if err != nil {
		t.Fatal(err)
	}
	for i, s := range specs {
		if i == 0 {
			if err := f.SetSheetName("Sheet1", s.name); err != nil {
				t.Fatal(err)
			}
		} else if _, err := f.NewSheet(s.name); err != nil {
			t.Fatal(err)
		}
		for r, row := range s.rows {
			for c, v := range row {
				ref, _ := excelize.CoordinatesToCellName(c+1, r+1)
				switch v := v.(type) {
				case nil:
				case time.Time:
					if err := f.SetCellValue(s.name, ref, v); err != nil {
						t.Fatal(err)
					}
					if err := f.SetCellStyle(s.name, ref, ref, dateStyle); err != nil {
						t.Fatal(err)
					}
				default:
					if err := f.SetCellValue(s.name, ref, v); err != nil {
						t.Fatal(err)
					}
				}
			}
		}
		for _, m := range s.merges {
			a, b, _ := cut(m)
			if err := f.MergeCell(s.name, a, b); err != nil {
				t.Fatal(err)
			}
		}
	}
	for _, s := range specs {
		if s.hidden {
			if err := f.SetSheetVisible(s.name, false); err != nil {
				t.Fatal(err)
			}
		}
	}
	var buf bytes.Buffer
	if err := f.Write(&buf); err != nil {
		t.Fatal(err)
	}
	return buf.Bytes()
}

func cut(s string) (string, string, bool) {
	for i := range s {
		if s[i] == ':' {
			return s[:i], s[i+1:], true
		}
	}
	return s, s, false
}

// date is a date cell.
func date(y, m, d int) time.Time { return time.Date(y, time.Month(m), d, 0, 0, 0, 0, time.UTC) }
