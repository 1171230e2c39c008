package xlsx

import (
	"strings"
	"time"

	"github.com/soa-tool/soa/soa/label"
	"github.com/xuri/excelize/v2"
)

// riskColumns are the risk register's columns under their group headings.
var riskColumns = []struct {
	group, name label.Key
	width       float64
}{
	{label.Risk, label.ID, 8}, {label.Risk, label.Risk, 36}, {label.Risk, label.AssetCol, 20}, {label.Risk, label.ThreatCol, 22}, {label.Risk, label.VulnerabilityCol, 22}, {label.Risk, label.Owner, 18},
	{label.InherentRisk, label.Likelihood, 10}, {label.InherentRisk, label.Impact, 8}, {label.InherentRisk, label.Score, 7}, {label.InherentRisk, label.Level, 10},
	{label.CurrentTitle, label.Likelihood, 10}, {label.CurrentTitle, label.Impact, 8}, {label.CurrentTitle, label.Score, 7}, {label.CurrentTitle, label.Level, 10},
	{label.Treatment, label.OptionCol, 10}, {label.Treatment, label.Controls, 16}, {label.Treatment, label.Plan, 46}, {label.Treatment, label.Due, 11.5},
	{label.Treatment, label.DoneCol, 11.5}, {label.Treatment, label.PlanApprovedByCol, 18}, {label.Treatment, label.PlanApprovedOnCol, 11.5},
	{label.TargetResidualRisk, label.Likelihood, 10}, {label.TargetResidualRisk, label.Impact, 8}, {label.TargetResidualRisk, label.Score, 7}, {label.TargetResidualRisk, label.Level, 10},
	{label.Acceptance, label.AcceptedByCol, 18}, {label.Acceptance, label.AcceptedOnCol, 11.5}, {label.Acceptance, label.AgainstCriteria, 30},
	{label.StatusCol, label.StatusCol, 9}, {label.StatusCol, label.ClosedOnCol, 11.5}, {label.StatusCol, label.ClosedReasonCol, 30},
}

// riskSheet writes the register through excelize's StreamWriter (the workbook's only one):
// a register of thousands of risks would otherwise spend most of the build in excelize's cell
// bookkeeping. Everything stored on the worksheet itself (page setup, autofilter) is set
// before Flush, which writes it out.
func (b *book) riskSheet() {
	sh, l := b.name(SheetRisks), b.l
	s := b.s
	hdr := riskHeaderRow
	first, last := hdr+1, hdr+len(s.Risks)
	ncol := len(riskColumns)

	// Two pages wide, the ID and the risk repeated on each: one page would print its 31
	// columns at about a third of their size. Before NewStreamWriter, which writes the sheet
	// properties at once.
	b.pageAcross(sh, hdr-1, hdr, 2, 2)
	sw, err := b.f.NewStreamWriter(sh)
	if err != nil {
		b.check(err)
		return
	}
	for i, c := range riskColumns {
		b.check(sw.SetColWidth(i+1, i+1, c.width))
	}
	top := cell(2, first)
	b.check(sw.SetPanes(&excelize.Panes{Freeze: true, XSplit: 1, YSplit: hdr, TopLeftCell: top, ActivePane: "bottomRight",
		Selection: []excelize.Selection{{SQRef: top, ActiveCell: top, Pane: "bottomRight"}}}))

	row := func(r int, h float64, cells ...any) {
		b.check(sw.SetRow(cell(1, r), cells, excelize.RowOpts{Height: h}))
	}
	row(1, 28, b.titleRuns(l.T(label.SheetRisks)+" — "+s.Document.Organization))
	row(2, 0, excelize.Cell{StyleID: b.st.subtitle, Value: cut(l.Method(s.Method))})
	groups, names := make([]any, ncol), make([]any, ncol)
	for i, c := range riskColumns {
		groups[i] = excelize.Cell{StyleID: b.st.headerGroup}
		if i == 0 || riskColumns[i-1].group != c.group {
			groups[i] = excelize.Cell{StyleID: b.st.headerGroup, Value: l.T(c.group)}
			end := i
			for end+1 < ncol && riskColumns[end+1].group == c.group {
				end++
			}
			if end > i {
				b.check(sw.MergeCell(cell(i+1, hdr-1), cell(end+1, hdr-1)))
			}
		}
		names[i] = excelize.Cell{StyleID: b.st.header, Value: l.T(c.name)}
	}
	row(hdr-1, 0, groups...)
	row(hdr, height(1)+2, names...)

	level := func(rank int) int {
		if rank >= 0 && rank < len(b.st.level) {
			return b.st.level[rank]
		}
		return b.st.bodyCenter
	}
	text := func(v string, st int) excelize.Cell {
		if v == "" {
			return excelize.Cell{StyleID: st} // blank, not an empty string
		}
		return excelize.Cell{StyleID: st, Value: cut(v)}
	}
	num := func(v int, st int) excelize.Cell { return excelize.Cell{StyleID: st, Value: v} }
	date := func(t time.Time) excelize.Cell {
		c := excelize.Cell{StyleID: b.st.date}
		if n, ok := excelDate(t); ok {
			c.Value = n
		} else if !t.IsZero() {
			c.Value = l.Date(t)
		}
		return c
	}
	cells := make([]any, ncol)
	for k, r := range s.Risks {
		ids := make([]string, 0, len(r.Treatment.Controls)+len(r.Treatment.Additional))
		for _, id := range r.Treatment.Controls {
			ids = append(ids, id.String())
		}
		controls := strings.Join(append(ids, r.Treatment.Additional...), "; ")
		approver := ""
		if !r.Treatment.ApprovedOn.IsZero() {
			approver = r.PlanApprover()
		}
		in, res := level(r.InherentRank), level(r.ResidualRank)
		current := []any{text("", b.st.number), text("", b.st.number), text("", b.st.bodyCenter), text(l.T(label.AsTarget), b.st.bodyCenter)}
		if r.CurrentGiven {
			cur := level(r.CurrentRank)
			current = []any{num(r.Current.Likelihood, b.st.number), num(r.Current.Impact, b.st.number), num(r.CurrentScore, cur), text(r.CurrentLevel, cur)}
		}
		vals := []any{
			text(r.ID, b.st.bodyBold), text(r.Title, b.st.body), text(r.Asset, b.st.body), text(r.Threat, b.st.body), text(r.Vulnerability, b.st.body), text(r.Owner, b.st.body),
			num(r.Inherent.Likelihood, b.st.number), num(r.Inherent.Impact, b.st.number), num(r.InherentScore, in), text(r.InherentLevel, in),
		}
		vals = append(vals, current...)
		vals = append(vals,
			text(l.Option(string(r.Treatment.Option)), b.st.bodyCenter), text(controls, b.st.body), text(r.Treatment.Plan, b.st.body), date(r.Treatment.Due),
			date(r.Treatment.DoneOn), text(approver, b.st.body), date(r.Treatment.ApprovedOn),
			num(r.Residual.Likelihood, b.st.number), num(r.Residual.Impact, b.st.number), num(r.ResidualScore, res), text(r.ResidualLevel, res),
			text(r.AcceptedBy, b.st.body), date(r.AcceptedOn), text(l.Acceptance(s.AcceptanceOf(r)), b.st.body),
			text(l.RiskStatus(r.Status()), b.st.bodyCenter), date(r.ClosedOn), text(r.ClosedReason, b.st.body),
		)
		copy(cells, vals)
		n := 1
		for i, c := range vals {
			if v, ok := c.(excelize.Cell).Value.(string); ok {
				n = max(n, lines(v, riskColumns[i].width))
			}
		}
		row(first+k, height(n), cells...)
	}
	if len(s.Risks) > 0 {
		b.check(b.f.AutoFilter(sh, cell(1, hdr)+":"+cell(ncol, last), nil))
	} else {
		row(first, 0, excelize.Cell{StyleID: b.st.note, Value: l.T(label.RegisterEmpty)})
	}
	b.check(sw.Flush())
}
