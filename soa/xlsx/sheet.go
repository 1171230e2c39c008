package xlsx

import (
	"fmt"
	"time"

	"github.com/soa-tool/soa/soa/label"
	"github.com/xuri/excelize/v2"
)

// str writes text as a string cell: never a formula, whatever it starts with.
// Empty text leaves the cell blank (styled), not an empty string.
func (b *book) str(sheet string, col, row int, v string, style int) {
	ref := cell(col, row)
	if v != "" {
		b.check(b.f.SetCellStr(sheet, ref, cellText(v)))
	}
	b.styleCell(sheet, ref, style)
}

func (b *book) num(sheet string, col, row, v int, style int) {
	ref := cell(col, row)
	b.check(b.f.SetCellInt(sheet, ref, int64(v)))
	b.styleCell(sheet, ref, style)
}

// date writes t as a date cell (a serial number shown as yyyy-mm-dd), an empty cell for the
// zero time, and text for the rare date Excel cannot hold as a number.
func (b *book) date(sheet string, col, row int, t time.Time, style int) {
	ref := cell(col, row)
	switch n, ok := excelDate(t); {
	case t.IsZero():
	case ok:
		b.check(b.f.SetCellFloat(sheet, ref, n, 0, 64))
	default:
		b.check(b.f.SetCellStr(sheet, ref, b.l.Date(t)))
	}
	b.styleCell(sheet, ref, style)
}

func (b *book) styleCell(sheet, ref string, style int) {
	if style != 0 {
		b.check(b.f.SetCellStyle(sheet, ref, ref, style))
	}
}

// widths sets column widths, the first for column A.
func (b *book) widths(sheet string, ws ...float64) {
	for i, w := range ws {
		c := colName(i + 1)
		b.check(b.f.SetColWidth(sheet, c, c, w))
	}
}

func (b *book) height(sheet string, row int, h float64) {
	b.check(b.f.SetRowHeight(sheet, row, h))
}

// draft reports whether the document is a draft: no approval recorded.
func (b *book) draft() bool { return !b.s.Document.Approved() }

// title writes a sheet's title in A1, with "DRAFT" in red when the document is not approved.
func (b *book) title(sheet, text string) {
	b.check(b.f.SetCellRichText(sheet, "A1", b.titleRuns(text)))
	b.styleCell(sheet, "A1", b.st.title)
	b.height(sheet, 1, 28)
}

func (b *book) titleRuns(text string) []excelize.RichTextRun {
	runs := []excelize.RichTextRun{{Text: cut(text), // excelize escapes rich text itself
		Font: &excelize.Font{Family: font, Size: titleSize, Bold: true, Color: b.accent}}}
	if b.draft() {
		runs = append(runs, excelize.RichTextRun{Text: b.l.T(label.DraftTitle), Font: &excelize.Font{Family: font, Size: titleSize, Bold: true, Color: draftRed}})
	}
	return runs
}

// noGrid hides the grid lines of a sheet laid out as a form rather than a table.
func (b *book) noGrid(sheet string) {
	off := false
	b.check(b.f.SetSheetView(sheet, 0, &excelize.ViewOptions{ShowGridLines: &off}))
}

// freeze freezes the rows above row and the columns left of col (1-based, the first cell
// that scrolls).
func (b *book) freeze(sheet string, col, row int) {
	top := cell(col, row)
	pane := "bottomRight"
	if col == 1 {
		pane = "bottomLeft"
	}
	b.check(b.f.SetPanes(sheet, &excelize.Panes{Freeze: true, XSplit: col - 1, YSplit: row - 1, TopLeftCell: top,
		ActivePane: pane, Selection: []excelize.Selection{{SQRef: top, ActiveCell: top, Pane: pane}}}))
}

// page sets up printing: A4 landscape, one page wide, rows first..last repeated at the top
// of every page, and the document's ID, version and classification in the footer.
func (b *book) page(sheet string, first, last int) { b.pageAcross(sheet, first, last, 1, 0) }

// pageAcross is page for a sheet printed across pages pages wide, with its first cols
// columns repeated at the left of each.
func (b *book) pageAcross(sheet string, first, last, pages, cols int) {
	size, orient, zero, yes := 9, "landscape", 0, true
	b.check(b.f.SetPageLayout(sheet, &excelize.PageLayoutOptions{Size: &size, Orientation: &orient, FitToWidth: &pages, FitToHeight: &zero}))
	b.check(b.f.SetSheetProps(sheet, &excelize.SheetPropsOptions{FitToPage: &yes}))
	lr, tb, hfm := 0.3, 0.75, 0.3
	b.check(b.f.SetPageMargins(sheet, &excelize.PageLayoutMarginsOptions{Left: &lr, Right: &lr, Top: &tb, Bottom: &tb, Header: &hfm, Footer: &hfm}))
	d, l := b.s.Document, b.l
	header := "&L&8" + hf(d.Organization, 35) + " — " + hf(l.DocTitle(d.Title), 35)
	if b.draft() {
		header += "&C&\"-,Bold\"&KC00000" + hf(l.T(label.DraftStatus), 30)
	}
	header += "&R&8" + hf(sheet, 30)
	footer := "&L&8" + hf(d.ID, 30) + " · " + hf(l.F(label.VersionN, d.Version), 20) + "&C&8" + hf(d.Classification, 40) +
		"&R&8" + l.F(label.PageOf, "&P", "&N")
	b.check(b.f.SetHeaderFooter(sheet, &excelize.HeaderFooterOptions{OddHeader: header, OddFooter: footer}))
	titles := fmt.Sprintf("%s!$%d:$%d", quote(sheet), first, last)
	if cols > 0 {
		titles = fmt.Sprintf("%s!$A:$%s,", quote(sheet), colName(cols)) + titles
	}
	b.check(b.f.SetDefinedName(&excelize.DefinedName{Name: "_xlnm.Print_Titles", RefersTo: titles, Scope: sheet}))
}

// pair writes a label and its value across columns col+1..last (merged), returning the next
// row. The row is as tall as the wrapped value needs.
func (b *book) pair(sheet string, row, col, last int, label, value string, valueWidth float64, style int) int {
	b.str(sheet, col, row, label, b.st.label)
	b.str(sheet, col+1, row, value, style)
	if last > col+1 {
		for c := col + 2; c <= last; c++ {
			b.styleCell(sheet, cell(c, row), style)
		}
		b.check(b.f.MergeCell(sheet, cell(col+1, row), cell(last, row)))
	}
	b.height(sheet, row, height(lines(value, valueWidth)))
	return row + 1
}

// approval describes the approval for the document blocks.
func (b *book) approval() (status string, style int) {
	if b.draft() {
		return b.l.T(label.DraftStatus), b.st.valueDraft
	}
	return b.l.T(label.Approved), b.st.value
}
