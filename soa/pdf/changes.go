package pdf

import (
	"github.com/soa-tool/soa/soa/label"
	"github.com/soa-tool/soa/soa/version"
)

// changes writes the section on the changes since a previous version, when the SoA carries
// them: which versions were compared, the summary, then a table per group of changes in the
// order soa diff prints them. It follows the document control section: it details the newest
// revision, and the numbers of the sections after it stay those of a build without --since.
func (r *renderer) changes() {
	c := r.since
	if c == nil {
		return
	}
	l := r.l
	r.section("changes", l.T(label.ChangesHeading))
	r.para(l.F(label.ChangesFrom, c.Old.String(), c.New.String()), style{size: 8, color: muted}, grid)
	r.para(c.Summary, style{size: 9}, grid)
	for _, g := range c.Groups() {
		cont := l.F(label.Continued, g.Title)
		var t *table
		var entries [][][]line
		if g.Subject == "" {
			t = r.newTable([]column{{l.T(label.Field), 40}, {l.T(label.Old), 116}, {l.T(label.New), 116}}, cont)
			for _, f := range g.Items[0].Fields {
				entries = append(entries, [][]line{
					t.wrap(0, f.Label(), style{size: t.rs.fontSize, bold: true, color: ink}),
					t.wrap(1, f.OldText(), style{size: t.rs.fontSize, color: muted}),
					t.wrap(2, f.NewText(), style{size: t.rs.fontSize, color: ink}),
				})
			}
		} else {
			t = r.newTable([]column{{l.T(label.ID), 14}, {g.Subject, 52}, {l.T(label.Change), 26}, {l.T(label.Old), 90}, {l.T(label.New), 90}}, cont)
			for _, it := range g.Items {
				entries = append(entries, changeCells(t, it))
			}
		}
		r.space(3)
		r.keepStart(g.Title, t, entries[0])
		r.heading(g.Title, 10)
		t.begin()
		for i, e := range entries {
			t.addCells(i, e, nil)
		}
		t.end()
	}
}

// keepStart starts a page unless the group's heading, the table header and its first entry
// fit on this one, so that a heading and header never stand alone at the foot of a page
// (table.begin keeps only three lines with the header; an entry that fits on a fresh page
// moves there whole). An entry taller than a page is split where it falls, as any entry.
func (r *renderer) keepStart(heading string, t *table, first [][]line) {
	d := r.d
	hs := rowSpec{fontSize: 10, padTop: 10 * 0.25, padBottom: 10 * 0.18} // as heading makes it
	cols := make([]textCol, len(first))
	for i, c := range first {
		cols[i] = textCol{lines: c}
	}
	need := hs.height(len(d.wrap(heading, style{size: 10, bold: true}, d.root.Width, false))) +
		d.rowHeight(t.headerRow()) + t.rs.height(maxLines(cols))
	if need <= d.root.Height-d.headerH-d.footerH {
		d.keep(need)
	}
}

// changeCells gives the cells of one control or risk: its ID and title, and each changed
// field with its old and new value side by side, the fields one under the other. One entry
// per item, so that the table machinery keeps it together or splits it between lines.
func changeCells(t *table, it version.ChangeItem) [][]line {
	size := t.rs.fontSize
	cells := [][]line{
		t.wrap(0, it.ID, style{size: size, bold: true, color: ink}),
		t.wrap(1, it.Title, style{size: size, bold: true, color: ink}),
		nil, nil, nil,
	}
	blocks := make([][3][]line, len(it.Fields))
	gap := false // a blank line between two fields when one takes several lines
	for j, f := range it.Fields {
		blocks[j] = [3][]line{
			t.wrap(2, f.Label(), style{size: size, color: muted}),
			t.wrap(3, f.OldText(), style{size: size, color: muted}),
			t.wrap(4, f.NewText(), style{size: size, color: ink}),
		}
		gap = gap || max(len(blocks[j][0]), len(blocks[j][1]), len(blocks[j][2])) > 1
	}
	for j, b := range blocks {
		if j > 0 && gap {
			for c := 2; c < 5; c++ {
				cells[c] = append(cells[c], line{})
			}
		}
		n := max(len(b[0]), len(b[1]), len(b[2]))
		for c, ls := range b {
			cells[2+c] = append(cells[2+c], ls...)
			for range n - len(ls) {
				cells[2+c] = append(cells[2+c], line{})
			}
		}
	}
	return cells
}
