package xlsx

import (
	"fmt"

	"github.com/soa-tool/soa/soa/label"

	"github.com/soa-tool/soa/risk"
	"github.com/soa-tool/soa/soa"
)

// Heat map geometry: a narrow column for the vertical "Likelihood" title, one for the level
// names, then one column per impact level; the residual grid repeats this to the right.
const (
	heatTop      = 5 // the row of the highest likelihood
	heatCell     = 11.0
	heatRow      = 36.0
	heatLabel    = 18.0
	heatAxis     = 4.0
	heatGapWidth = 4.0
)

func (b *book) heatMapSheet() {
	sh, l := b.name(SheetHeatMap), b.l
	s, m := b.s, b.s.Method
	n, ni := len(m.Likelihood), len(m.Impact)
	b.noGrid(sh)
	b.title(sh, l.T(label.SheetHeatMap)+" — "+s.Document.Organization)
	sub := l.F(label.HeatSubtitle, s.RatedRisks())
	if n := s.ClosedRisks(); n > 0 {
		sub += " " + l.F(label.HeatClosed, n)
	}
	b.str(sh, 1, 2, sub, b.st.subtitle)

	grids := []struct {
		title string
		h     soa.HeatMap
	}{{l.T(label.HeatInherent), s.Inherent}, {l.T(label.HeatResidual), s.Residual}}
	if s.Current != nil {
		grids = append(grids[:1], append([]struct {
			title string
			h     soa.HeatMap
		}{{l.T(label.CurrentTitle), s.Current}}, grids[1:]...)...)
	}
	// Column widths for the grids.
	var widths []float64
	for range grids {
		widths = append(widths, heatAxis, heatLabel)
		for range ni {
			widths = append(widths, heatCell)
		}
		widths = append(widths, heatGapWidth)
	}
	b.widths(sh, widths...)
	for i, g := range grids {
		b.grid(sh, 1+i*(ni+3), g.title, g.h)
	}

	row := heatTop + n + 3
	b.str(sh, 2, row, l.T(label.Levels), b.st.section)
	row++
	for i, l := range m.Ranges() {
		b.str(sh, 2, row, l.Name, b.st.level[i])
		b.str(sh, 3, row, b.l.F(label.ScoresRange, l.Min, l.Max), b.st.legend)
		b.height(sh, row, 18)
		row++
	}
	row++
	b.str(sh, 2, row, l.F(label.AcceptanceThreshold, m.Acceptance), b.st.legend)
	for _, lv := range m.Levels {
		if lv.AcceptBy != "" {
			row++
			b.str(sh, 2, row, l.F(label.AcceptedByLevel, lv.Name, lv.AcceptBy), b.st.legend)
		}
	}
	if lk, im := m.Scales(); lk != nil {
		for _, sc := range []struct {
			name   label.Key
			levels []risk.Scale
		}{{label.LikelihoodScale, lk}, {label.ImpactScale, im}} {
			row += 2
			b.str(sh, 2, row, l.T(sc.name), b.st.section)
			for _, lv := range sc.levels {
				row++
				b.str(sh, 2, row, fmt.Sprintf("%d · %s", lv.Value, lv.Name), b.st.legend)
				b.str(sh, 3, row, lv.Description, b.st.legend)
			}
		}
	}
	b.page(sh, 1, 1)
}

// grid writes one likelihood × impact grid with its left column at col: the title, the
// likelihood names (highest first) down the side, the impact names along the bottom, and
// the counts of h in cells coloured by the level of their score.
func (b *book) grid(sh string, col int, title string, h soa.HeatMap) {
	m := b.s.Method
	n, ni := len(m.Likelihood), len(m.Impact)
	first, lastCol := col+2, col+1+ni
	b.str(sh, first, heatTop-1, title, 0)
	b.check(b.f.MergeCell(sh, cell(first, heatTop-1), cell(lastCol, heatTop-1)))
	b.styleCell(sh, cell(first, heatTop-1), b.st.axisTitle)
	b.height(sh, heatTop-1, 22)

	b.str(sh, col, heatTop, b.l.T(label.Likelihood), b.st.axisTitleV)
	b.check(b.f.MergeCell(sh, cell(col, heatTop), cell(col, heatTop+n-1)))
	for l := n; l >= 1; l-- {
		row := heatTop + n - l
		b.str(sh, col+1, row, fmt.Sprintf("%d · %s", l, m.Likelihood[l-1]), b.st.axis)
		b.height(sh, row, heatRow)
		for i := 1; i <= ni; i++ {
			count, st := 0, b.st.axis
			if l <= len(h) && i <= len(h[l-1]) {
				c := h[l-1][i-1]
				count = c.Count
				if c.Rank >= 0 && c.Rank < len(b.st.heat) {
					st = b.st.heat[c.Rank]
				}
			}
			b.num(sh, first+i-1, row, count, st)
		}
	}
	row := heatTop + n
	for i := 1; i <= ni; i++ {
		b.str(sh, first+i-1, row, fmt.Sprintf("%d · %s", i, m.Impact[i-1]), b.st.axis)
	}
	b.height(sh, row, 30)
	b.str(sh, first, row+1, b.l.T(label.Impact), b.st.axisTitle)
	b.check(b.f.MergeCell(sh, cell(first, row+1), cell(lastCol, row+1)))
}
