package pdf

import (
	"strings"

	"github.com/johnfercher/maroto/v2/pkg/consts/align"
	"github.com/johnfercher/maroto/v2/pkg/consts/border"
	"github.com/johnfercher/maroto/v2/pkg/core"
	"github.com/johnfercher/maroto/v2/pkg/props"
	"github.com/soa-tool/soa/soa/label"
	"github.com/soa-tool/soa/soa/workspace"
)

// column is a table column: its heading and its share of the width.
type column struct {
	title  string
	weight float64
}

// vocabulary gives the values of a column whose cells come from a fixed list, which must
// not break inside a word.
func (t *table) vocabulary(title string) []string {
	l := t.r.l
	if title != l.T(label.StatusCol) {
		return nil
	}
	var out []string
	for _, st := range workspace.Statuses {
		out = append(out, l.Status(st))
	}
	return out
}

// table is a table whose column header opens every page it runs on.
type table struct {
	r      *renderer
	cols   []column
	aligns []align.Type // per column; "" is left
	sizes  []int        // grid units, summing to grid
	widths []float64    // mm available to the text of each column
	rs, hs rowSpec      // body and header rows
	cont   string       // caption above the header on continuation pages
	bold   bool         // the next plain row is bold (totals)
}

func (r *renderer) newTable(cols []column, cont string) *table {
	return r.newTableKeep(cols, cont, nil)
}

// newTableKeep is newTable for columns whose values, shown in bold, must not break inside
// (risk IDs): keep gives them by column, which is widened for them (for the text, to at most
// three times its share, plus its padding).
func (r *renderer) newTableKeep(cols []column, cont string, keep map[int][]string) *table {
	t := &table{r: r, cols: cols, cont: cont, aligns: make([]align.Type, len(cols)),
		rs: rowSpec{fontSize: 7.5, padTop: 1.3, padBottom: 1.6, padSide: 1.3, borderGrey: rule},
		hs: rowSpec{fontSize: 7.5, padTop: 1.5, padBottom: 1.5, padSide: 1.3, borderGrey: r.accent}}
	cols = t.fitWords(cols, keep)
	t.cols = cols
	total := 0.0
	for _, c := range cols {
		total += c.weight
	}
	acc, prev := 0.0, 0
	for _, c := range cols {
		acc += c.weight
		end := int(acc/total*grid + 0.5)
		t.sizes = append(t.sizes, end-prev)
		prev = end
	}
	for _, s := range t.sizes {
		t.widths = append(t.widths, r.d.root.Width*float64(s)/grid-2*t.rs.padSide)
	}
	return t
}

// text breaks s, a text that may hold paragraphs, into lines for column i, with an empty
// line between paragraphs.
func (t *table) text(i int, s string, st style) []line {
	if st.align == "" {
		st.align = t.aligns[i]
	}
	return t.r.d.wrap(s, st, t.widths[i], true)
}

// keepTogether starts a page unless the entries fit on this one together, so that the last
// entry of a table never stands alone on a page; it does nothing when they do not fit on a
// page of their own either.
func (t *table) keepTogether(entries [][][]line) {
	d := t.r.d
	h := 0.0
	for _, e := range entries {
		cols := make([]textCol, len(e))
		for i, c := range e {
			cols[i] = textCol{lines: c}
		}
		h += t.rs.height(maxLines(cols))
	}
	if !d.fits(h) && !d.atTop() && h <= d.root.Height-d.headerH-d.footerH-d.repeatHeight() {
		d.newPage()
	}
}

// wrap breaks s into lines for column i.
func (t *table) wrap(i int, s string, st style) []line {
	if st.align == "" {
		st.align = t.aligns[i]
	}
	return t.r.d.wrap(s, st, t.widths[i], false)
}

func (t *table) headerRow() core.Row {
	var cols []textCol
	for i, c := range t.cols {
		cols = append(cols, textCol{size: t.sizes[i], bg: t.r.accent, bd: border.Full,
			lines: t.wrap(i, c.title, style{size: t.hs.fontSize, bold: true, color: white})})
	}
	return t.hs.build(cols, 0, maxLines(cols))
}

// begin adds the column header, kept with the first lines of the table, and makes it repeat.
func (t *table) begin() {
	d := t.r.d
	h := t.headerRow()
	d.keep(d.rowHeight(h) + t.rs.height(3))
	d.put(h)
	d.repeat = func() []core.Row {
		var rows []core.Row
		if t.cont != "" {
			rs := rowSpec{fontSize: 8, padTop: 0.5, padBottom: 1.5}
			rows = append(rows, rs.build([]textCol{{size: grid, lines: []line{{text: t.cont, bold: true, color: muted}}}}, 0, 1))
		}
		return append(rows, t.headerRow())
	}
}

// end stops repeating the header.
func (t *table) end() {
	t.r.d.repeat = nil
	t.r.space(2)
}

// add adds a row of plain values; the first column is bold.
func (t *table) add(i int, bg *props.Color, values ...string) {
	cells := make([][]line, len(values))
	for j, v := range values {
		cells[j] = t.wrap(j, v, style{size: t.rs.fontSize, bold: j == 0 || t.bold, color: ink})
	}
	t.addStyled(i, cells, bg, nil)
}

func (t *table) addCells(i int, cells [][]line, bg *props.Color) { t.addStyled(i, cells, bg, nil) }

// addWithWide adds the i-th entry and, when wide has lines, those lines across the whole
// table under it, in the same shading: an entry's long list (the risks a control treats)
// reads better at the table's width than down a narrow column, over pages.
func (t *table) addWithWide(i int, cells [][]line, bg *props.Color, wide []line) {
	if len(wide) == 0 {
		t.addStyled(i, cells, bg, nil)
		return
	}
	// The entry and the first lines of its list start on the same page.
	d := t.r.d
	cols := make([]textCol, len(cells))
	for j, c := range cells {
		cols[j] = textCol{lines: c}
	}
	h := t.rs.height(maxLines(cols)) + t.rs.height(min(3, len(wide)))
	if !d.fits(h) && !d.atTop() && h <= d.root.Height-d.headerH-d.footerH-d.repeatHeight() {
		d.newPage()
	}
	t.addEntry(i, cells, bg, nil, border.None)
	if bg == nil && i%2 == 1 {
		bg = zebra
	}
	d.flow(t.rs, []textCol{{size: grid, lines: wide, bg: bg, bd: border.Bottom}})
}

// addStyled adds the i-th entry of the table: bg shades the whole entry (else every other
// entry is lightly shaded), colBG individual cells.
func (t *table) addStyled(i int, cells [][]line, bg *props.Color, colBG map[int]*props.Color) {
	t.addEntry(i, cells, bg, colBG, border.Bottom)
}

// addEntry adds the i-th entry with the bottom border bd (border.None when more of the entry
// follows).
func (t *table) addEntry(i int, cells [][]line, bg *props.Color, colBG map[int]*props.Color, bd border.Type) {
	if bg == nil && i%2 == 1 {
		bg = zebra
	}
	cols := make([]textCol, len(cells))
	for j, c := range cells {
		cols[j] = textCol{size: t.sizes[j], lines: c, bg: bg, bd: bd}
		if b := colBG[j]; b != nil {
			cols[j].bg = b
		}
	}
	first := ""
	if len(cells) > 0 && len(cells[0]) > 0 {
		first = cells[0][0].text
	}
	cont := func(c textCol) textCol {
		c.lines = append(t.wrap(0, first, style{size: t.rs.fontSize, bold: true, color: muted}),
			t.wrap(0, t.r.l.T(label.ContShort), style{size: t.rs.fontSize, color: muted})...)
		return c
	}
	t.r.d.entry(t.rs, cols, cont)
}

// fitWords widens a column whose heading or listed words would break inside a word in the
// font in use (a font given with --font may be wider than the Go fonts the weights were set
// for), taking the width from the widest column.
func (t *table) fitWords(cols []column, keep map[int][]string) []column {
	total := 0.0
	for _, c := range cols {
		total += c.weight
	}
	out := append([]column(nil), cols...)
	for i, c := range out {
		need := 0.0
		for _, w := range strings.Fields(c.title) {
			need = max(need, t.r.d.width(w, t.hs.fontSize, true))
		}
		for _, v := range t.vocabulary(c.title) {
			for _, w := range strings.Fields(v) {
				need = max(need, t.r.d.width(w, t.rs.fontSize, false))
			}
		}
		have := t.r.d.root.Width * c.weight / total
		for _, v := range keep[i] {
			need = max(need, min(t.r.d.width(v, t.rs.fontSize, true), 3*have))
		}
		// The padding, doc.wrap's slack, and a grid unit the rounding of sizes may take.
		need += 2*t.rs.padSide + wrapSlack + t.r.d.root.Width/grid + 0.1
		if need <= have {
			continue
		}
		widest := 0
		for j := range out {
			if out[j].weight > out[widest].weight {
				widest = j
			}
		}
		if widest == i {
			continue
		}
		extra := (need - have) / t.r.d.root.Width * total
		out[i].weight += extra
		out[widest].weight -= extra
	}
	return out
}
