package xlsx

import (
	"strings"
	"time"

	"github.com/soa-tool/soa/soa/label"
	"github.com/xuri/excelize/v2"
)

// riskColumns are the risk register's columns under their group headings.
var riskColumns = []struct {
	group, name string
	width       float64
}{
	{"Risk", "ID", 8}, {"Risk", "Risk", 36}, {"Risk", "Asset", 20}, {"Risk", "Threat", 22}, {"Risk", "Vulnerability", 22}, {"Risk", "Owner", 18},
	{"Inherent risk", "Likelihood", 10}, {"Inherent risk", "Impact", 8}, {"Inherent risk", "Score", 7}, {"Inherent risk", "Level", 10},
	{"Current risk (today)", "Likelihood", 10}, {"Current risk (today)", "Impact", 8}, {"Current risk (today)", "Score", 7}, {"Current risk (today)", "Level", 10},
	{"Treatment", "Option", 10}, {"Treatment", "Controls", 16}, {"Treatment", "Plan", 46}, {"Treatment", "Due", 11.5},
	{"Treatment", "Done", 11.5}, {"Treatment", "Plan approved by", 18}, {"Treatment", "Plan approved on", 11.5},
	{"Target residual risk", "Likelihood", 10}, {"Target residual risk", "Impact", 8}, {"Target residual risk", "Score", 7}, {"Target residual risk", "Level", 10},
	{"Acceptance", "Accepted by", 18}, {"Acceptance", "Accepted on", 11.5}, {"Acceptance", "Against the criteria", 30},
	{"Status", "Status", 9}, {"Status", "Closed on", 11.5}, {"Status", "Reason closed", 30},
}

// riskSheet writes the register through excelize's StreamWriter (the workbook's only one):
// a register of thousands of risks would otherwise spend most of the build in excelize's cell
// bookkeeping. Everything stored on the worksheet itself (page setup, autofilter) is set
// before Flush, which writes it out.
func (b *book) riskSheet() {
	const sh = SheetRisks
	s := b.s
	hdr := riskHeaderRow
	first, last := hdr+1, hdr+len(s.Risks)
	ncol := len(riskColumns)

	b.page(sh, hdr-1, hdr) // before NewStreamWriter, which writes the sheet properties at once
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
	row(1, 28, b.titleRuns("Risk register — "+s.Document.Organization))
	row(2, 0, excelize.Cell{StyleID: b.st.subtitle, Value: cut(s.Method.Describe())})
	groups, names := make([]any, ncol), make([]any, ncol)
	for i, c := range riskColumns {
		groups[i] = excelize.Cell{StyleID: b.st.headerGroup}
		if i == 0 || riskColumns[i-1].group != c.group {
			groups[i] = excelize.Cell{StyleID: b.st.headerGroup, Value: c.group}
			end := i
			for end+1 < ncol && riskColumns[end+1].group == c.group {
				end++
			}
			if end > i {
				b.check(sw.MergeCell(cell(i+1, hdr-1), cell(end+1, hdr-1)))
			}
		}
		names[i] = excelize.Cell{StyleID: b.st.header, Value: c.name}
	}
	row(hdr-1, 0, groups...)
	row(hdr, height(1)+2, names...)

	level := func(rank int) int {
		if rank >= 0 && rank < len(b.st.level) {
			return b.st.level[rank]
		}
		return b.st.bodyCenter
	}
	text := func(v string, st int) excelize.Cell { return excelize.Cell{StyleID: st, Value: cut(v)} }
	num := func(v int, st int) excelize.Cell { return excelize.Cell{StyleID: st, Value: v} }
	date := func(t time.Time) excelize.Cell {
		c := excelize.Cell{StyleID: b.st.date}
		if n, ok := excelDate(t); ok {
			c.Value = n
		} else if !t.IsZero() {
			c.Value = label.Date(t)
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
		current := []any{text("", b.st.number), text("", b.st.number), text("", b.st.bodyCenter), text("as target", b.st.bodyCenter)}
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
			text(label.Option(string(r.Treatment.Option)), b.st.bodyCenter), text(controls, b.st.body), text(r.Treatment.Plan, b.st.body), date(r.Treatment.Due),
			date(r.Treatment.DoneOn), text(approver, b.st.body), date(r.Treatment.ApprovedOn),
			num(r.Residual.Likelihood, b.st.number), num(r.Residual.Impact, b.st.number), num(r.ResidualScore, res), text(r.ResidualLevel, res),
			text(r.AcceptedBy, b.st.body), date(r.AcceptedOn), text(r.Acceptance, b.st.body),
			text(label.Status(r.Status()), b.st.bodyCenter), date(r.ClosedOn), text(r.ClosedReason, b.st.body),
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
		row(first, 0, excelize.Cell{StyleID: b.st.note, Value: "The register holds no risks."})
	}
	b.check(sw.Flush())
}
