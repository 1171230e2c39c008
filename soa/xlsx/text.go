package xlsx

import (
	"math"
	"net/url"
	"regexp"
	"strings"
	"time"
	"unicode"
	"unicode/utf16"

	"github.com/xuri/excelize/v2"
)

// maxCell is the most UTF-16 code units a cell holds (Excel's limit). excelize cuts longer
// strings silently; the loader allows 64 KiB per field, so a long justification would lose
// its end without a word. cellText cuts it itself and says so in the cell.
const maxCell = excelize.TotalCellChars

// truncated ends a text cut at maxCell.
const truncated = " … [truncated: the cell limit is 32,767 characters; the full text is in soa.json]"

// bstr matches what Excel reads as an escaped character (_x0041_ is "A").
var bstr = regexp.MustCompile(`_x[0-9A-Fa-f]{4}_`)

// cellText makes s safe and faithful as a shared-string cell: a literal "_xHHHH_" is escaped
// so Excel does not read it as a character code (excelize does this for inline strings only),
// and text over the cell limit is cut with a visible marker.
func cellText(s string) string {
	if strings.Contains(s, "_x") {
		s = bstr.ReplaceAllString(s, "_x005F$0")
	}
	return cut(s)
}

// cut shortens text over the cell limit, ending it with a visible marker.
func cut(s string) string {
	if utf16Len(s) <= maxCell {
		return s
	}
	limit := maxCell - utf16Len(truncated)
	n := 0
	for i, r := range s {
		if n += utf16.RuneLen(r); n > limit {
			return s[:i] + truncated
		}
	}
	return s
}

func utf16Len(s string) int {
	n := 0
	for _, r := range s {
		n += utf16.RuneLen(r)
	}
	return n
}

// linkURL reports whether the evidence of a control may be a hyperlink: exactly one item,
// an absolute http or https URL with a host and nothing else in the cell. Other schemes
// (javascript:, file:, data:, UNC paths) stay plain text.
func linkURL(items []string) (string, bool) {
	if len(items) != 1 {
		return "", false
	}
	s := items[0]
	if len(s) > 2000 || strings.ContainsFunc(s, func(r rune) bool { return unicode.IsSpace(r) || unicode.IsControl(r) }) {
		return "", false
	}
	u, err := url.Parse(s)
	if err != nil || (u.Scheme != "http" && u.Scheme != "https") || u.Host == "" || u.Opaque != "" {
		return "", false
	}
	return s, true
}

// excelDate is the serial number Excel stores for a date (days since 1899-12-30). ok is false
// before 1900-03-01, where Excel's serials are off by its 1900 leap-year bug.
func excelDate(t time.Time) (float64, bool) {
	y, m, d := t.Date()
	day := time.Date(y, m, d, 0, 0, 0, 0, time.UTC)
	if day.Before(time.Date(1900, 3, 1, 0, 0, 0, 0, time.UTC)) {
		return 0, false
	}
	return math.Round(day.Sub(time.Date(1899, 12, 30, 0, 0, 0, 0, time.UTC)).Hours() / 24), true
}

// Row heights. Neither excelize nor LibreOffice grows a row to fit wrapped text, so the
// height is estimated from the text and the column width: a greedy word wrap counting
// characters, wide (CJK) characters as two. The estimate errs on the tall side because
// LibreOffice substitutes a wider font where Calibri is missing.
const (
	lineHeight = 13.0 // points per line of 10 pt text
	rowPadding = 4.0
	maxHeight  = 409.0 // Excel's largest row height
	charsPerW  = 1.25  // characters of 10 pt text per unit of column width
)

// lines estimates how many lines text takes in a column of the given width.
func lines(text string, width float64) int {
	if text == "" {
		return 1
	}
	capacity := max(int((width-1)*charsPerW), 1)
	n := 0
	for para := range strings.SplitSeq(text, "\n") {
		n++
		col := 0
		for _, word := range strings.Fields(para) {
			w := textWidth(word)
			switch {
			case col == 0:
			case col+1+w <= capacity:
				col++
			default:
				n++
				col = 0
			}
			for w > capacity { // a token longer than the line breaks anywhere
				n++
				w -= capacity
			}
			col += w
		}
	}
	return n
}

// height gives the row height for the given number of lines.
func height(n int) float64 {
	return min(float64(n)*lineHeight+rowPadding, maxHeight)
}

func textWidth(s string) int {
	n := 0
	for _, r := range s {
		n++
		if wide(r) {
			n++
		}
	}
	return n
}

// wide reports East Asian wide and full-width characters, which take two columns.
func wide(r rune) bool {
	return r >= 0x1100 && (r <= 0x115F || (r >= 0x2E80 && r <= 0xA4CF) || (r >= 0xAC00 && r <= 0xD7A3) ||
		(r >= 0xF900 && r <= 0xFAFF) || (r >= 0xFE30 && r <= 0xFE4F) || (r >= 0xFF00 && r <= 0xFF60) ||
		(r >= 0xFFE0 && r <= 0xFFE6) || (r >= 0x1F300 && r <= 0x1FAFF) || (r >= 0x20000 && r <= 0x3FFFD))
}

// hf escapes text for a page header or footer, where "&" starts a code, and keeps it short
// enough for Excel's 255-character limit on the whole header.
func hf(s string, n int) string {
	s = strings.Map(func(r rune) rune {
		if unicode.IsControl(r) {
			return ' '
		}
		return r
	}, s)
	if r := []rune(s); len(r) > n {
		s = string(r[:n-1]) + "…"
	}
	return strings.ReplaceAll(s, "&", "&&")
}

// cell names the cell at column col (1-based) and row.
func cell(col, row int) string {
	c, err := excelize.CoordinatesToCellName(col, row)
	if err != nil {
		panic(err) // columns and rows are the renderer's own, always in range
	}
	return c
}

// colName names column col (1-based).
func colName(col int) string {
	c, err := excelize.ColumnNumberToName(col)
	if err != nil {
		panic(err)
	}
	return c
}

// quote gives a sheet name as formulas and defined names refer to it.
func quote(sheet string) string {
	return "'" + strings.ReplaceAll(sheet, "'", "''") + "'"
}
