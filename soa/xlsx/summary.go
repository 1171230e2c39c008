package xlsx

import (
	"fmt"

	"github.com/soa-tool/soa/annexa"
	"github.com/soa-tool/soa/soa"
	"github.com/soa-tool/soa/soa/label"
	"github.com/soa-tool/soa/soa/workspace"
	"github.com/xuri/excelize/v2"
)

// Summary sheet columns: A labels, B..H figures, a gap, then J..Q under the chart, so that
// the counts and the chart sit side by side and the sheet prints on one page.
var summaryWidths = []float64{24, 10, 10, 10, 11, 10, 10, 11, 3, 9, 9, 9, 9, 9, 9, 9, 9}

const (
	summaryChartCol = 10 // J
	chartWidth      = 540
	chartHeight     = 270
)

func (b *book) summarySheet() {
	sh, l := b.name(SheetSummary), b.l
	s, d := b.s, b.s.Document
	b.noGrid(sh)
	b.widths(sh, summaryWidths...)
	b.title(sh, l.T(label.SecSummary)+" — "+l.DocTitle(d.Title))
	b.str(sh, 1, 2, d.Organization+" · "+l.T(label.StandardLine), b.st.subtitle)

	last := len(summaryWidths)
	valueWidth := 0.0
	for _, w := range summaryWidths[1:] {
		valueWidth += w
	}
	row := 4
	b.str(sh, 1, row, l.T(label.Document), b.st.section)
	row++
	status, statusStyle := b.approval()
	approved := ""
	if !b.draft() {
		approved = d.ApprovedBy + ", " + l.Date(d.ApprovedOn)
	}
	for _, p := range []struct{ label, value string }{
		{l.T(label.Organization), d.Organization},
		{l.T(label.Scope), d.Scope},
		{l.T(label.DocID), d.ID},
		{l.T(label.Version), d.Version},
		{l.T(label.StatusCol), status},
		{l.T(label.ApprovedByOnLabel), approved},
		{l.T(label.NextReview), l.Date(d.NextReview)},
		{l.T(label.Owner), d.Owner},
		{l.T(label.Classification), d.Classification},
	} {
		st := b.st.value
		if p.label == l.T(label.StatusCol) {
			st = statusStyle
		}
		switch p.label {
		case l.T(label.Version):
			b.textIsText(sh, cell(2, row))
		case l.T(label.NextReview):
			row = b.pairDate(sh, row, 1, last, p.label, d.NextReview) // a date, not text
			continue
		}
		row = b.pair(sh, row, 1, last, p.label, p.value, valueWidth, st)
	}

	row++
	b.str(sh, 1, row, l.T(label.SummaryByTheme), b.st.section)
	chartRow := row // the chart, with its own title, beside the table
	row++
	head := []string{l.T(label.ThemeCol), l.T(label.Controls), l.T(label.Applicable), l.T(label.Excluded)}
	statuses := b.statusValues()
	head = append(head, statuses...)
	hdr := row
	for i, h := range head {
		b.str(sh, i+1, row, h, b.st.header)
	}
	b.height(sh, row, height(2))
	row++
	firstTheme := row
	counts := func(label string, c soa.Counts, labelStyle, style int) {
		b.str(sh, 1, row, label, labelStyle)
		for i, v := range []int{c.Total, c.Applicable, c.Excluded} {
			b.num(sh, 2+i, row, v, style)
		}
		for i, st := range workspace.Statuses {
			b.num(sh, 5+i, row, c.ByStatus[st], style)
		}
		row++
	}
	for _, t := range annexa.Themes {
		counts(l.ThemeTitle(t), s.Summary.ByTheme[t], b.st.bodyBold, b.st.number)
	}
	lastTheme := row - 1
	if s.Summary.Additional.Total > 0 {
		counts(l.ThemeTitle(soa.ThemeAdditional), s.Summary.Additional, b.st.bodyBold, b.st.number)
	}
	all := s.Summary.Combined()
	counts(l.T(label.AllControls), all, b.st.totalLabel, b.st.total)
	note := l.T(label.StatusNote)
	if s.Summary.Additional.Total > 0 {
		note = l.F(label.ControlsLineCounts, l.ControlsLine(s.Summary.Total, s.Summary.Additional.Total), all.Applicable, all.Excluded) + " " + note
	}
	b.str(sh, 1, row, note, b.st.note)
	b.statusChart(sh, chartRow, hdr, firstTheme, lastTheme, len(statuses))
	b.page(sh, 1, 1)
}

// statusChart adds a stacked bar chart of the status counts per theme, with the excluded
// controls in grey so every bar is as long as the theme.
func (b *book) statusChart(sh string, row, hdr, first, last, nstatus int) {
	ref := func(col, r1, r2 int) string {
		return fmt.Sprintf("%s!$%s$%d:$%s$%d", quote(sh), colName(col), r1, colName(col), r2)
	}
	var series []excelize.ChartSeries
	add := func(col int, colour string) {
		series = append(series, excelize.ChartSeries{
			Name:       fmt.Sprintf("%s!$%s$%d", quote(sh), colName(col), hdr),
			Categories: ref(1, first, last),
			Values:     ref(col, first, last),
			Fill:       fill(colour),
		})
	}
	for i := range nstatus {
		colour := excludedFill
		for _, sc := range statusColours {
			if sc.status == workspace.Statuses[i] {
				colour = sc.chart
			}
		}
		add(5+i, colour)
	}
	add(4, excludedFill)
	gap := uint(60)
	overlap := 100
	b.check(b.f.AddChart(sh, cell(summaryChartCol, row), &excelize.Chart{
		Type:      excelize.BarStacked,
		Series:    series,
		Format:    excelize.GraphicOptions{OffsetX: 4, OffsetY: 4, AltText: b.l.T(label.ChartAlt)},
		Dimension: excelize.ChartDimension{Width: chartWidth, Height: chartHeight},
		Title:     excelize.ChartTitle{Paragraph: []excelize.RichTextRun{{Text: b.l.T(label.ChartTitle), Font: &excelize.Font{Family: font, Size: 11, Bold: true, Color: b.accent}}}},
		Legend:    excelize.ChartLegend{Position: "bottom"},
		XAxis:     excelize.ChartAxis{ReverseOrder: true, Font: excelize.Font{Family: font, Size: 10, Color: ink}},
		YAxis:     excelize.ChartAxis{MajorGridLines: true, Font: excelize.Font{Family: font, Size: 9, Color: muted}},
		PlotArea:  excelize.ChartPlotArea{ShowVal: false},
		GapWidth:  &gap,
		Overlap:   &overlap,
	}))
}
