// Package golden compares test output with files under testdata/ and rewrites them under
// "go test -update", the habit of the Go distribution's own tests. Binary outputs are compared
// in a text form ([XLSXText], [PDFText]), so that a change shows as a readable diff rather than
// a new checksum to bless.
package golden

import (
	"bytes"
	"encoding/csv"
	"flag"
	"fmt"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/soa-tool/soa/soa/clienttest"
	"github.com/xuri/excelize/v2"
)

var update = flag.Bool("update", false, "rewrite the golden files in testdata/")

// Check compares got with the file at path, or under "go test -update" writes it there. A
// mismatch prints the lines that differ.
func Check(tb testing.TB, path string, got []byte) {
	tb.Helper()
	if *update {
		if err := os.MkdirAll(filepath.Dir(path), 0o755); err != nil {
			tb.Fatal(err)
		}
		if err := os.WriteFile(path, got, 0o644); err != nil {
			tb.Fatal(err)
		}
		return
	}
	want, err := os.ReadFile(path)
	if err != nil {
		tb.Fatalf("%v (run go test -update to create it)", err)
	}
	if !bytes.Equal(got, want) {
		tb.Errorf("output differs from %s (go test -update rewrites it):\n%s", path, Diff(want, got))
	}
}

// Diff shows where got differs from want: the common lines at both ends are dropped and the
// rest shown as "-" (want) and "+" (got) lines with their line numbers, at most 40 of each.
func Diff(want, got []byte) string {
	w, g := strings.Split(string(want), "\n"), strings.Split(string(got), "\n")
	pre := 0
	for pre < len(w) && pre < len(g) && w[pre] == g[pre] {
		pre++
	}
	suf := 0
	for suf < len(w)-pre && suf < len(g)-pre && w[len(w)-1-suf] == g[len(g)-1-suf] {
		suf++
	}
	var b strings.Builder
	show := func(sign string, lines []string) {
		for i, l := range lines {
			if i == 40 {
				fmt.Fprintf(&b, "%s … %d more lines\n", sign, len(lines)-40)
				break
			}
			fmt.Fprintf(&b, "%s%5d  %s\n", sign, pre+i+1, l)
		}
	}
	show("-", w[pre:len(w)-suf])
	show("+", g[pre:len(g)-suf])
	return b.String()
}

// XLSXText gives a workbook as text: for each sheet in order, a "## name" line and its cells
// as CSV, as excelize reads them (the values a user sees, not the styles).
func XLSXText(tb testing.TB, b []byte) []byte {
	tb.Helper()
	f, err := excelize.OpenReader(bytes.NewReader(b))
	if err != nil {
		tb.Fatal(err)
	}
	defer f.Close()
	var out bytes.Buffer
	for _, sh := range f.GetSheetList() {
		rows, err := f.GetRows(sh)
		if err != nil {
			tb.Fatal(err)
		}
		fmt.Fprintf(&out, "## %s\n", sh)
		w := csv.NewWriter(&out)
		if err := w.WriteAll(rows); err != nil {
			tb.Fatal(err)
		}
	}
	return out.Bytes()
}

// PDFText gives the text of a PDF file as pdftotext -layout extracts it, pages separated by
// form feeds.
func PDFText(tb testing.TB, path string) []byte {
	tb.Helper()
	return clienttest.Run(tb, clienttest.Require(tb, "pdftotext"), "-layout", "-enc", "UTF-8", path, "-")
}
