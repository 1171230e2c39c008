package xlsx

import "github.com/soa-tool/soa/soa/version"

// SheetChanges is the sheet of the changes since a previous version. The workbook has it
// only when the SoA carries changes (soa build --since), right after the SoA sheet.
const SheetChanges = "Changes"

// Changes sheet columns: the control or risk (ID, title), the field, its old and new value.
// The document's changes put the field across the first three.
var changesWidths = []float64{9, 32, 17, 56, 56}

const (
	changesTitleCol = 2
	changesFieldCol = 3
	changesOldCol   = 4
	changesNewCol   = 5
)

// changesSheet writes the versions compared (by number and date, never by path or commit),
// the summary of the changes, then a table per group in the order soa diff prints them:
// material changes first, the roll-overs of evidence and review dates last, in one line. Each control or risk takes one row per changed field, its ID and title
// merged down those rows.
func (b *book) changesSheet() {
	c := b.changes
	if c == nil {
		return
	}
	const sh = SheetChanges
	d := b.s.Document
	ncol := len(changesWidths)
	total := 0.0
	for _, w := range changesWidths {
		total += w
	}
	b.noGrid(sh)
	b.widths(sh, changesWidths...)
	b.title(sh, "Changes in this version — "+d.Title)
	b.str(sh, 1, 2, c.Between(), b.st.subtitle)

	row := 4
	b.str(sh, 1, row, "Summary", b.st.section)
	row++
	b.merged(sh, row, 1, ncol, c.Summary, b.st.value)
	b.height(sh, row, height(lines(c.Summary, total)))
	row++

	for _, g := range c.Groups() {
		row++
		if g.RollOver {
			b.str(sh, 1, row, g.Title, b.st.section)
			b.height(sh, row, 20)
			row++
			line := g.RollOverLine(true)
			b.merged(sh, row, 1, ncol, line, b.st.value)
			b.height(sh, row, height(lines(line, total)))
			row++
			continue
		}
		b.str(sh, 1, row, g.Title, b.st.section)
		b.height(sh, row, 20)
		row++
		if g.Subject == "" {
			b.merged(sh, row, 1, changesFieldCol, "Field", b.st.header)
		} else {
			b.str(sh, 1, row, "ID", b.st.header)
			b.str(sh, changesTitleCol, row, g.Subject, b.st.header)
			b.str(sh, changesFieldCol, row, "Change", b.st.header)
		}
		b.str(sh, changesOldCol, row, "Old", b.st.header)
		b.str(sh, changesNewCol, row, "New", b.st.header)
		b.height(sh, row, height(1)+2)
		row++
		for _, it := range g.Items {
			row = b.changeItem(sh, row, g.Subject == "", it)
		}
	}
	b.page(sh, 1, 1)
}

// changeItem writes the rows of one control or risk, a row per changed field, and returns
// the next row.
func (b *book) changeItem(sh string, row int, document bool, it version.ChangeItem) int {
	type changeRow struct{ field, old, new string }
	var rows []changeRow
	for _, f := range it.Fields {
		rows = append(rows, changeRow{f.Label(), f.OldText(), f.NewText()})
	}
	if len(rows) == 0 { // a risk added or removed without its details (an old soa.json)
		rows = []changeRow{{"—", "—", "—"}}
	}
	first := row
	need := make([]int, len(rows))
	for i, r := range rows {
		if document {
			b.merged(sh, row, 1, changesFieldCol, r.field, b.st.label)
			need[i] = lines(r.field, changesWidths[0]+changesWidths[1]+changesWidths[2])
		} else {
			b.str(sh, changesFieldCol, row, r.field, b.st.body)
			need[i] = lines(r.field, changesWidths[changesFieldCol-1])
		}
		b.str(sh, changesOldCol, row, r.old, b.st.body)
		b.str(sh, changesNewCol, row, r.new, b.st.body)
		need[i] = max(need[i], lines(r.old, changesWidths[changesOldCol-1]), lines(r.new, changesWidths[changesNewCol-1]))
		row++
	}
	last := row - 1
	if !document {
		b.str(sh, 1, first, it.ID, b.st.bodyBold)
		b.str(sh, changesTitleCol, first, it.Title, b.st.body)
		if last > first {
			b.check(b.f.SetCellStyle(sh, cell(1, first), cell(1, last), b.st.bodyBold))
			b.check(b.f.SetCellStyle(sh, cell(changesTitleCol, first), cell(changesTitleCol, last), b.st.body))
			b.check(b.f.MergeCell(sh, cell(1, first), cell(1, last)))
			b.check(b.f.MergeCell(sh, cell(changesTitleCol, first), cell(changesTitleCol, last)))
		}
		// The merged title spans the item's rows: the last one grows if they are too short.
		sum := 0
		for _, n := range need {
			sum += n
		}
		if t := lines(it.Title, changesWidths[changesTitleCol-1]); t > sum {
			need[len(need)-1] += t - sum
		}
	}
	for i, n := range need {
		b.height(sh, first+i, height(n))
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
