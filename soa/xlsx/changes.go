package xlsx

import (
	"github.com/soa-tool/soa/soa/label"
	"github.com/soa-tool/soa/soa/version"
)

// SheetChanges is the sheet of the changes since a previous version. The workbook has it
// only when the SoA carries changes (soa build --since), right after the SoA sheet.
const SheetChanges = "Changes"

// Changes sheet columns: the group of the change, the control or risk (ID, title), the
// field, its old and new value. One table with one heading row, repeated on every printed
// page, and no merged cells, so that a row continued on the next page keeps its ID.
var changesWidths = []float64{22, 8, 26, 16, 48, 48}

const (
	changesGroupCol = 1
	changesIDCol    = 2
	changesTitleCol = 3
	changesFieldCol = 4
	changesOldCol   = 5
	changesNewCol   = 6
	changesHeadRow  = 6
)

// changesSheet writes the versions compared (by number and date, never by path or commit),
// the summary of the changes, then one row per changed field, the groups in the order soa
// diff prints them: material changes first, the roll-overs of evidence texts and review
// dates last, each in one row.
func (b *book) changesSheet() {
	c := b.changes
	if c == nil {
		return
	}
	sh, l := b.name(SheetChanges), b.l
	d := b.s.Document
	ncol := len(changesWidths)
	total := 0.0
	for _, w := range changesWidths {
		total += w
	}
	b.widths(sh, changesWidths...)
	b.title(sh, l.T(label.ChangesHeading)+" — "+l.DocTitle(d.Title))
	b.str(sh, 1, 2, c.Between(), b.st.subtitle)
	b.merged(sh, 4, 1, ncol, c.Summary, b.st.value)
	b.height(sh, 4, height(lines(c.Summary, total)))

	row := changesHeadRow
	for i, k := range []label.Key{label.Changes, label.ID, label.Control, label.Field, label.Old, label.New} {
		b.str(sh, i+1, row, l.T(k), b.st.header)
	}
	b.height(sh, row, height(1)+2)
	row++
	for _, g := range c.Groups() {
		if g.RollOver {
			line := g.RollOverLine(true)
			b.str(sh, changesGroupCol, row, g.Title, b.st.body)
			b.str(sh, changesTitleCol, row, line, b.st.body)
			b.height(sh, row, height(max(lines(g.Title, changesWidths[0]), lines(line, changesWidths[2]))))
			row++
			continue
		}
		for _, it := range g.Items {
			row = b.changeItem(sh, row, g, it)
		}
	}
	if row > changesHeadRow+1 { // old and new versions ("1.1") are text
		b.textIsText(sh, cell(changesOldCol, changesHeadRow+1)+":"+cell(changesNewCol, row-1))
	}
	b.freeze(sh, 1, changesHeadRow+1)
	b.page(sh, changesHeadRow, changesHeadRow)
}

// changeItem writes the rows of one control or risk, a row per changed field, each with the
// group, ID and title, and returns the next row.
func (b *book) changeItem(sh string, row int, g version.ChangeGroup, it version.ChangeItem) int {
	type changeRow struct{ field, old, new string }
	var rows []changeRow
	for _, f := range it.Fields {
		rows = append(rows, changeRow{f.Label(), f.OldText(), f.NewText()})
	}
	if len(rows) == 0 { // a risk added or removed without its details (an old soa.json)
		rows = []changeRow{{"—", "—", "—"}}
	}
	for _, r := range rows {
		b.str(sh, changesGroupCol, row, g.Title, b.st.body)
		b.str(sh, changesIDCol, row, it.ID, b.st.bodyBold)
		b.str(sh, changesTitleCol, row, it.Title, b.st.body)
		b.str(sh, changesFieldCol, row, r.field, b.st.body)
		b.str(sh, changesOldCol, row, r.old, b.st.body)
		b.str(sh, changesNewCol, row, r.new, b.st.body)
		n := 1
		for i, v := range []string{g.Title, it.ID, it.Title, r.field, r.old, r.new} {
			n = max(n, lines(v, changesWidths[i]))
		}
		b.height(sh, row, height(n))
		row++
	}
	return row
}

// merged writes text in columns from..to of a row, merged, all cells styled alike.
func (b *book) merged(sh string, row, from, to int, text string, style int) {
	b.str(sh, from, row, text, style)
	b.check(b.f.SetCellStyle(sh, cell(from, row), cell(to, row), style))
	if to > from {
		b.check(b.f.MergeCell(sh, cell(from, row), cell(to, row)))
	}
}
