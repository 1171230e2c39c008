package xlsx_test

import (
	"archive/zip"
	"bytes"
	"io"
	"os"
	"path/filepath"
	"regexp"
	"slices"
	"strconv"
	"strings"
	"testing"

	"github.com/xuri/excelize/v2"

	"github.com/soa-tool/soa/soa/clienttest"
	"github.com/soa-tool/soa/soa/label"
	"github.com/soa-tool/soa/soa/sheet"
	"github.com/soa-tool/soa/soa/soatest"
	"github.com/soa-tool/soa/soa/xlsx"
)

// wordHeight is the height pdftotext gives the first word equal to word on page 1 of pdf.
func wordHeight(t *testing.T, pdf, word string) float64 {
	t.Helper()
	out := string(clienttest.Run(t, clienttest.Require(t, "pdftotext"), "-bbox", "-f", "1", "-l", "1", pdf, "-"))
	m := regexp.MustCompile(`yMin="([\d.]+)" xMax="[\d.]+" yMax="([\d.]+)">` + regexp.QuoteMeta(word) + `<`).FindStringSubmatch(out)
	if m == nil {
		t.Fatalf("%s: no word %q on page 1", pdf, word)
	}
	lo, _ := strconv.ParseFloat(m[1], 64)
	hi, _ := strconv.ParseFloat(m[2], 64)
	return hi - lo
}

// TestPrintScale prints the workbook with LibreOffice and measures the scale of the SoA
// sheet: the height of a control ID on the printed page against the same text, in the same
// font, printed at 100 %. It must be 70 % or more (it was 38 % with 15 printed columns).
func TestPrintScale(t *testing.T) {
	dir := t.TempDir()
	book := filepath.Join(dir, "soa.xlsx")
	if err := os.WriteFile(book, render(t, derive(t, example())), 0o644); err != nil {
		t.Fatal(err)
	}
	ref := excelize.NewFile()
	st, err := ref.NewStyle(&excelize.Style{Font: &excelize.Font{Family: "Calibri", Size: 10, Bold: true}})
	if err != nil {
		t.Fatal(err)
	}
	ref.SetCellStr("Sheet1", "A1", "A.5.1")
	ref.SetCellStyle("Sheet1", "A1", "A1", st)
	refPath := filepath.Join(dir, "ref.xlsx")
	if err := ref.SaveAs(refPath); err != nil {
		t.Fatal(err)
	}
	full := wordHeight(t, clienttest.Convert(t, refPath, "pdf", ""), "A.5.1")
	printed := wordHeight(t, clienttest.Convert(t, book, "pdf", ""), "A.5.1")
	scale := printed / full
	t.Logf("SoA sheet printed at %.0f %%", scale*100)
	if scale < 0.70 {
		t.Errorf("the SoA sheet prints at %.0f %%, want 70 %% or more", scale*100)
	}
}

// TestChangesPrintHeadings prints the workbook with the changes and checks every printed
// page of the Changes sheet: the column headings are on it, and every row of a change on it
// starts with its ID (no merged cell lost across a page break).
func TestChangesPrintHeadings(t *testing.T) {
	path := filepath.Join(t.TempDir(), "soa.xlsx")
	if err := os.WriteFile(path, renderSince(t), 0o644); err != nil {
		t.Fatal(err)
	}
	pdf := clienttest.Convert(t, path, "pdf", "")
	text := string(clienttest.Run(t, clienttest.Require(t, "pdftotext"), "-enc", "UTF-8", "-layout", pdf, "-"))
	heading := regexp.MustCompile(`(?m)^\s*Changes\s+ID\s+Control\s+Field\s+Old\s+New\s*$`)
	n := 0
	for i, page := range strings.Split(text, "\f") {
		lines := strings.Split(page, "\n")
		if len(lines) == 0 || !strings.HasSuffix(strings.TrimSpace(lines[0]), xlsx.SheetChanges) {
			continue // the header names the sheet on its right
		}
		n++
		if !heading.MatchString(page) {
			t.Errorf("page %d of the workbook (Changes) has no column headings", i+1)
		}
	}
	if n < 2 {
		t.Errorf("the Changes sheet printed on %d pages; the test needs two or more", n)
	}
}

// TestCells checks what Excel warns about or shows wrongly: versions are text with the
// "number stored as text" warning turned off, dates are dates, and empty values leave the
// cell blank rather than holding an empty string.
func TestCells(t *testing.T) {
	b := render(t, derive(t, example()))
	zr, err := zip.NewReader(bytes.NewReader(b), int64(len(b)))
	if err != nil {
		t.Fatal(err)
	}
	read := func(name string) string {
		for _, f := range zr.File {
			if f.Name == name {
				r, _ := f.Open()
				defer r.Close()
				b, _ := io.ReadAll(r)
				return string(b)
			}
		}
		t.Fatalf("no %s", name)
		return ""
	}
	if ss := read("xl/sharedStrings.xml"); strings.Contains(ss, "<si><t></t></si>") || strings.Contains(ss, "<si><t/></si>") {
		t.Error("the workbook stores an empty string")
	}
	f := open(t, b)
	doc := xlsx.SheetDocument
	rows, _ := f.GetRows(doc)
	var versionRow, nextRow int
	for i, r := range rows {
		if len(r) > 1 && r[0] == "Version" {
			versionRow = i + 1
		}
		if len(r) > 1 && r[0] == "Next review" {
			nextRow = i + 1
		}
	}
	idx, _ := f.GetSheetIndex(doc)
	sheetXML := read("xl/worksheets/sheet" + strconv.Itoa(idx+1) + ".xml")
	if !strings.Contains(sheetXML, `numberStoredAsText="true"`) || !strings.Contains(sheetXML, "B"+strconv.Itoa(versionRow)) {
		t.Errorf("Document control: no ignored error for the version in B%d", versionRow)
	}
	if typ, _ := f.GetCellType(doc, "B"+strconv.Itoa(nextRow)); typ == excelize.CellTypeSharedString || typ == excelize.CellTypeInlineString {
		t.Errorf("next review is text, not a date")
	}
	if got := value(t, f, doc, "B"+strconv.Itoa(nextRow)); got != "2027-10-01" {
		t.Errorf("next review shows %q", got)
	}
}

// TestGermanWorkbook checks that the sheets, headings, statuses and dates of a German
// workbook are German.
func TestGermanWorkbook(t *testing.T) {
	s := derive(t, soatest.Branded(t, "de"))
	f := open(t, render(t, s))
	l := label.For("de")
	if got := f.GetSheetList(); got[0] != "Erklärung zur Anwendbarkeit" || got[len(got)-2] != "Dokumentenlenkung" || got[len(got)-1] != xlsx.SheetBuild {
		t.Errorf("sheets %q", got)
	}
	sh := f.GetSheetList()[0]
	for col, want := range map[string]string{"A3": "Nr.", "B3": "Maßnahme", "F3": "Status", "C4": "Ja", "F4": l.Status("implemented")} {
		if got := value(t, f, sh, col); got != want {
			t.Errorf("%s = %q, want %q", col, got, want)
		}
	}
	hf, _ := f.GetHeaderFooter(sh)
	if !strings.Contains(hf.OddFooter, "Seite &P von &N") {
		t.Errorf("footer %q", hf.OddFooter)
	}
	// document.title is the English default, which gives way to the German title as it does
	// in the PDF, the HTML and the Markdown: in the sheet titles, the page headers, document
	// control and the file's properties.
	for _, name := range f.GetSheetList() {
		header := ""
		if hf, _ := f.GetHeaderFooter(name); hf != nil {
			header = hf.OddHeader
		}
		title, _ := f.GetCellValue(name, "A1")
		for what, got := range map[string]string{"page header": header, "title": title} {
			if strings.Contains(got, "Statement of Applicability") {
				t.Errorf("%s %s: %q is in English", name, what, got)
			}
		}
	}
	if !strings.Contains(value(t, f, "Erklärung zur Anwendbarkeit", "A1"), "Erklärung zur Anwendbarkeit — Acme") {
		t.Errorf("SoA sheet title %q", value(t, f, "Erklärung zur Anwendbarkeit", "A1"))
	}
	rows, _ := f.GetRows("Dokumentenlenkung")
	for _, r := range rows {
		if strings.Contains(strings.Join(r, "|"), "Statement of Applicability") {
			t.Errorf("document control row %q is in English", r)
		}
	}
	if p, err := f.GetDocProps(); err != nil || p.Title != "Erklärung zur Anwendbarkeit" {
		t.Errorf("title property %q (%v)", p.Title, err)
	}
}

// TestBrandColour checks that document.color fills the table headers.
func TestBrandColour(t *testing.T) {
	f := open(t, render(t, derive(t, soatest.Branded(t, "en"))))
	sh := f.GetSheetList()[0]
	id, err := f.GetCellStyle(sh, "A3")
	if err != nil {
		t.Fatal(err)
	}
	st, err := f.GetStyle(id)
	if err != nil {
		t.Fatal(err)
	}
	if len(st.Fill.Color) == 0 || !strings.EqualFold(st.Fill.Color[0], "5B2C83") {
		t.Errorf("header fill %v, want the brand colour 5B2C83", st.Fill.Color)
	}
}

// TestGermanPrint prints a German workbook with LibreOffice: the column headings of the SoA
// sheet keep their words whole (Anwendbar and Verantwortlich broke inside the word in columns
// sized for English), and the line under the title wraps within the printed columns instead
// of running past the print area, where its end was cut.
func TestGermanPrint(t *testing.T) {
	s := derive(t, soatest.Branded(t, "de"))
	path := filepath.Join(t.TempDir(), "soa.xlsx")
	if err := os.WriteFile(path, render(t, s), 0o644); err != nil {
		t.Fatal(err)
	}
	out := clienttest.Convert(t, path, "pdf", "")
	page := string(clienttest.Run(t, clienttest.Require(t, "pdftotext"), "-enc", "UTF-8", "-f", "1", "-l", "1", "-raw", out, "-"))
	words := strings.Fields(page)
	l := label.For("de")
	for _, k := range sheet.Columns[:sheet.Printed] {
		for _, w := range strings.Fields(l.T(k)) {
			if !slices.Contains(words, w) {
				t.Errorf("the printed heading %q is broken: no %q on the page", l.T(k), w)
			}
		}
	}
	if !strings.Contains(strings.Join(words, " "), "zusätzlich: 3 Maßnahmen, 3 anwendbar, 0 ausgeschlossen") {
		t.Errorf("the line under the title is cut:\n%s", page[:min(len(page), 600)])
	}
}
