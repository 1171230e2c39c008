// Package table writes rows of text as a terminal table, CSV or a Markdown table. It knows
// nothing of controls or risks; the commands build the rows.
package table

import (
	"encoding/csv"
	"fmt"
	"io"
	"strings"
	"unicode"
	"unicode/utf8"

	"github.com/soa-tool/soa/soa/text"
)

// Table is a header and rows of cells.
type Table struct {
	Header []string
	Rows   [][]string
}

// Text writes an aligned table that fits in width columns: the last column wraps at word
// boundaries onto continuation lines. Cells are kept on one line each otherwise.
func (t Table) Text(w io.Writer, width int) error {
	n := len(t.Header)
	widths := make([]int, n)
	all := append([][]string{t.Header}, t.Rows...)
	for _, r := range all {
		for i := 0; i < n-1 && i < len(r); i++ {
			widths[i] = max(widths[i], utf8.RuneCountInString(text.OneLine(r[i])))
		}
	}
	indent := 0
	for _, wd := range widths[:n-1] {
		indent += wd + 2
	}
	last := max(width-indent, 20)
	var b strings.Builder
	for _, r := range all {
		for i := 0; i < n-1; i++ {
			cell := text.OneLine(cellAt(r, i))
			b.WriteString(cell)
			b.WriteString(strings.Repeat(" ", widths[i]-utf8.RuneCountInString(cell)+2))
		}
		for j, line := range text.Wrap(text.OneLine(cellAt(r, n-1)), last) {
			if j > 0 {
				b.WriteString(strings.Repeat(" ", indent))
			}
			b.WriteString(line)
			b.WriteByte('\n')
		}
	}
	_, err := io.WriteString(w, strings.ReplaceAll(b.String(), " \n", "\n"))
	return err
}

func cellAt(r []string, i int) string {
	if i < len(r) {
		return r[i]
	}
	return ""
}

// CSV writes the table as RFC 4180 CSV with CRLF line ends, which spreadsheets expect.
// Cells that a spreadsheet would read as a formula are prefixed with a single quote (see
// [SafeCell]).
func (t Table) CSV(w io.Writer) error { return t.CSVComma(w, ',') }

// CSVComma is [Table.CSV] with the given field delimiter (',' when zero).
func (t Table) CSVComma(w io.Writer, comma rune) error {
	cw := csv.NewWriter(w)
	if comma != 0 {
		cw.Comma = comma
	}
	cw.UseCRLF = true
	for _, r := range append([][]string{t.Header}, t.Rows...) {
		out := make([]string, len(r))
		for i, c := range r {
			out[i] = SafeCell(c)
		}
		if err := cw.Write(out); err != nil {
			return err
		}
	}
	cw.Flush()
	return cw.Error()
}

// SafeCell prefixes a cell with a single quote when its first visible character is =, +, -
// or @, or when it begins with a tab or a carriage return, so that a spreadsheet opening the
// CSV shows it as text instead of running it as a formula (the OWASP rule for CSV injection).
// What comes before the first visible character does not matter: spreadsheets drop leading
// spaces, NULs and other invisible characters before they look for a formula.
func SafeCell(s string) string {
	if s == "" {
		return s
	}
	visible := strings.TrimLeftFunc(s, func(r rune) bool {
		return unicode.IsSpace(r) || unicode.IsControl(r) || unicode.Is(unicode.Cf, r)
	})
	first, _ := utf8.DecodeRuneInString(visible)
	if strings.ContainsRune("\t\r", rune(s[0])) || (visible != "" && strings.ContainsRune("=+-@＝＋－＠", first)) {
		return "'" + s
	}
	return s
}

// Markdown writes a GitHub-flavoured Markdown table; pipes and line breaks in cells are escaped.
func (t Table) Markdown(w io.Writer) error {
	var b strings.Builder
	row := func(r []string) {
		b.WriteString("|")
		for i := range t.Header {
			c := strings.ReplaceAll(cellAt(r, i), "|", `\|`)
			c = strings.Join(strings.Fields(strings.ReplaceAll(c, "\n", "<br>")), " ")
			fmt.Fprintf(&b, " %s |", c)
		}
		b.WriteString("\n")
	}
	row(t.Header)
	b.WriteString("|")
	for range t.Header {
		b.WriteString(" --- |")
	}
	b.WriteString("\n")
	for _, r := range t.Rows {
		row(r)
	}
	_, err := io.WriteString(w, b.String())
	return err
}
