package pdf

import (
	"fmt"
	"strings"

	"github.com/soa-tool/soa/soa/label"
	"github.com/soa-tool/soa/soa/version"
)

// changesHeading is the English heading of the digest of the changes soa build --since
// adds, which continued tables repeat (the change lists are in English in every language).
const changesHeading = "Changes in this version"

// digestIDs is the most IDs the digest lists for a group before it counts the rest.
const digestIDs = 14

// changes writes the one-page digest of the changes since a previous version, when the SoA
// carries them: the versions compared (by number and date, never by path or commit), the
// summary, each group with its count and IDs, material changes first, and the roll-overs in
// one line. The full list is the appendix [renderer.changesFull] writes after the SoA table.
func (r *renderer) changes() {
	c := r.since
	if c == nil {
		return
	}
	r.section("changes", r.l.T(label.ChangesHeading))
	r.para(c.Between()+".", style{size: 9, bold: true}, grid)
	r.para(c.Summary, style{size: 8.5}, grid)
	groups := c.Groups()
	if len(groups) == 0 {
		return
	}
	r.space(2)
	t := r.newTable([]column{{"Change", 70}, {"Controls and risks", 203}}, changesHeading+" (continued)")
	t.begin()
	size := t.rs.fontSize
	i := 0
	var rollOver string
	for _, g := range groups {
		if g.RollOver {
			rollOver = g.RollOverLine(false)
			continue
		}
		var ids []string
		for _, it := range g.Items {
			if it.ID != "" {
				ids = append(ids, it.ID)
			}
		}
		if len(ids) > digestIDs {
			ids = append(ids[:digestIDs], fmt.Sprintf("and %d more", len(ids)-digestIDs))
		}
		what := strings.Join(ids, ", ")
		if g.Subject == "" {
			var fields []string
			for _, f := range g.Items[0].Fields {
				fields = append(fields, f.Label())
			}
			what = strings.Join(fields, ", ")
		}
		st := style{size: size, color: ink}
		if g.Material {
			st.bold = true
		}
		t.addCells(i, [][]line{t.wrap(0, g.Title, st), t.wrap(1, what, style{size: size, color: ink})}, nil)
		i++
	}
	t.end()
	if rollOver != "" {
		r.space(2)
		r.para(rollOver, style{size: 8.5, color: muted}, grid)
	}
	r.para(r.l.T(label.ChangesDigestNote), style{size: 8, color: muted}, grid)
}

// changesFull writes the appendix of every change, a table per group in the order of the
// digest; the roll-overs are one line naming the controls.
func (r *renderer) changesFull() {
	c := r.since
	if c == nil {
		return
	}
	r.section("changesFull", r.l.T(label.ChangesFullHeading))
	r.para(c.Between()+". "+c.Summary, style{size: 8, color: muted}, grid)
	for _, g := range c.Groups() {
		if g.RollOver {
			r.space(3)
			r.heading(g.Title, 10)
			r.para(g.RollOverLine(true), style{size: 8.5}, grid)
			continue
		}
		cont := g.Title + " (continued)"
		var t *table
		var entries [][][]line
		if g.Subject == "" {
			t = r.newTable([]column{{"Field", 40}, {"Old", 116}, {"New", 116}}, cont)
			for _, f := range g.Items[0].Fields {
				entries = append(entries, [][]line{
					t.wrap(0, f.Label(), style{size: t.rs.fontSize, bold: true, color: ink}),
					t.wrap(1, f.OldText(), style{size: t.rs.fontSize, color: muted}),
					t.wrap(2, f.NewText(), style{size: t.rs.fontSize, color: ink}),
				})
			}
		} else {
			t = r.newTable([]column{{"ID", 14}, {g.Subject, 52}, {"Change", 26}, {"Old", 90}, {"New", 90}}, cont)
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
	fields := it.Fields
	blocks := make([][3][]line, len(fields))
	gap := false // a blank line between two fields when one takes several lines
	for j, f := range fields {
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
