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
	const sh = SheetSummary
	s, d := b.s, b.s.Document
	b.noGrid(sh)
	b.widths(sh, summaryWidths...)
	b.title(sh, "Summary — "+d.Title)
	b.str(sh, 1, 2, d.Organization+" · ISO/IEC 27001:2022 Annex A", b.st.subtitle)

	last := len(summaryWidths)
	valueWidth := 0.0
	for _, w := range summaryWidths[1:] {
		valueWidth += w
	}
	row := 4
	b.str(sh, 1, row, "Document", b.st.section)
	row++
	status, statusStyle := b.approval()
	approved := ""
	if !b.draft() {
		approved = d.ApprovedBy + ", " + label.Date(d.ApprovedOn)
	}
	for _, p := range []struct{ label, value string }{
		{"Organization", d.Organization},
		{"Scope", d.Scope},
		{"Document ID", d.ID},
		{"Version", d.Version},
		{"Status", status},
		{"Approved by, on", approved},
		{"Next review", label.Date(d.NextReview)},
		{"Owner", d.Owner},
		{"Classification", d.Classification},
	} {
		st := b.st.value
		if p.label == "Status" {
			st = statusStyle
		}
		row = b.pair(sh, row, 1, last, p.label, p.value, valueWidth, st)
	}

	row++
	b.str(sh, 1, row, "Controls by theme and implementation status", b.st.section)
	chartRow := row // the chart, with its own title, beside the table
	row++
	head := []string{"Theme", "Controls", "Applicable", "Excluded"}
	statuses := statusValues()
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
		counts(t.Title(), s.Summary.ByTheme[t], b.st.bodyBold, b.st.number)
	}
	lastTheme := row - 1
	if s.Summary.Additional.Total > 0 {
		counts(soa.ThemeAdditional.Title(), s.Summary.Additional, b.st.bodyBold, b.st.number)
	}
	counts("All controls", s.Summary.Combined(), b.st.totalLabel, b.st.total)
	b.str(sh, 1, row, "Implementation statuses count applicable controls only; excluded controls carry no status.", b.st.note)
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
			if sc.status == statusValues()[i] {
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
		Format:    excelize.GraphicOptions{OffsetX: 4, OffsetY: 4, AltText: "Implementation status of the Annex A controls per theme"},
		Dimension: excelize.ChartDimension{Width: chartWidth, Height: chartHeight},
		Title:     excelize.ChartTitle{Paragraph: []excelize.RichTextRun{{Text: "Controls per theme by implementation status", Font: &excelize.Font{Family: font, Size: 11, Bold: true, Color: navy}}}},
		Legend:    excelize.ChartLegend{Position: "bottom"},
		XAxis:     excelize.ChartAxis{ReverseOrder: true, Font: excelize.Font{Family: font, Size: 10, Color: ink}},
		YAxis:     excelize.ChartAxis{MajorGridLines: true, Font: excelize.Font{Family: font, Size: 9, Color: muted}},
		PlotArea:  excelize.ChartPlotArea{ShowVal: false},
		GapWidth:  &gap,
		Overlap:   &overlap,
	}))
}
