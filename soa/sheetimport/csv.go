package sheetimport

import (
	"bytes"
	"encoding/csv"
	"fmt"
	"io"
	"strings"
	"unicode/utf8"

	"github.com/soa-tool/soa/soa/xlsx"
)

// ReadCSV reads a CSV export of an SoA as one sheet named name. The separator (comma,
// semicolon or tab) is the one the first lines use most; a UTF-8 byte-order mark is dropped,
// and a file that is not UTF-8 is read as Windows-1252, as Excel writes it in Western Europe.
func ReadCSV(r io.Reader, name string) ([]xlsx.Sheet, error) {
	b, err := io.ReadAll(io.LimitReader(r, xlsx.MaxReadSize+1))
	if err != nil {
		return nil, err
	}
	if len(b) > xlsx.MaxReadSize {
		return nil, fmt.Errorf("the file is over %d MiB; an SoA is far smaller", xlsx.MaxReadSize>>20)
	}
	b = bytes.TrimPrefix(b, []byte("\ufeff"))
	text := string(b)
	if !utf8.Valid(b) {
		text = windows1252(b)
	}
	cr := csv.NewReader(strings.NewReader(text))
	cr.Comma = separator(text)
	cr.FieldsPerRecord = -1
	cr.LazyQuotes = true
	sh := xlsx.Sheet{Name: name}
	end := 0 // the last line of the previous record
	for len(sh.Rows) < xlsx.MaxReadRows {
		rec, err := cr.Read()
		if err == io.EOF {
			break
		}
		if err != nil {
			return nil, fmt.Errorf("not a readable CSV file: %v", err)
		}
		// encoding/csv skips blank lines: each is a row in a spreadsheet, so keep them. A
		// line break inside a quoted cell is not a new row.
		if line, _ := cr.FieldPos(0); line > 0 {
			for blank := line - end - 1; blank > 0 && len(sh.Rows) < xlsx.MaxReadRows-1; blank-- {
				sh.Rows = append(sh.Rows, nil)
			}
			last, _ := cr.FieldPos(len(rec) - 1)
			end = last + strings.Count(rec[len(rec)-1], "\n")
		}
		cells := make([]xlsx.Cell, min(len(rec), xlsx.MaxReadCols))
		for i := range cells {
			// A cell saved as ="5.10" or '5.10 keeps Excel from making a number of it. Only
			// such a single value loses its apostrophe: a text that starts with a quote
			// ('Need to know' applies) keeps it.
			v := rec[i]
			if strings.HasPrefix(v, `="`) && strings.HasSuffix(v, `"`) {
				v = v[2 : len(v)-1]
			}
			if rest, ok := strings.CutPrefix(v, "'"); ok && !strings.ContainsAny(rest, " \t\n'") {
				v = rest
			}
			cells[i] = xlsx.Cell{Text: v}
		}
		sh.Rows = append(sh.Rows, cells)
	}
	return []xlsx.Sheet{sh}, nil
}

// separator picks the separator that the first lines use most.
func separator(text string) rune {
	head := text
	for i, n := 0, 0; i < len(text); i++ {
		if text[i] == '\n' {
			if n++; n == 10 {
				head = text[:i]
				break
			}
		}
	}
	best, count := ',', strings.Count(head, ",")
	for _, sep := range []rune{';', '\t'} {
		if c := strings.Count(head, string(sep)); c > count {
			best, count = sep, c
		}
	}
	return best
}

// cp1252 are the characters of Windows-1252 at 0x80 to 0x9F; the other bytes are Latin-1.
var cp1252 = []rune("€\u0081‚ƒ„…†‡ˆ‰Š‹Œ\u008dŽ\u008f\u0090‘’“”•–—˜™š›œ\u009džŸ")

func windows1252(b []byte) string {
	var s strings.Builder
	for _, c := range b {
		if c >= 0x80 && c < 0xa0 {
			s.WriteRune(cp1252[c-0x80])
		} else {
			s.WriteRune(rune(c))
		}
	}
	return s.String()
}
