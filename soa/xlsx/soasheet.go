package xlsx

import (
	"fmt"
	"slices"
	"strings"

	"github.com/soa-tool/soa/soa/label"
	"github.com/soa-tool/soa/soa/sheet"
	"github.com/soa-tool/soa/soa/workspace"
	"github.com/xuri/excelize/v2"
)

// soaWidths are the widths of the SoA sheet's columns, by label; others get defaultWidth.
// The printed columns (the first [sheet.Printed]) add up to about 150 characters, so that
// LibreOffice and Excel fit them to the width of A4 landscape at 70 % or more (195
// characters printed at 57 %; the 15 columns of earlier versions at 38 %).
var soaWidths = map[label.Key]float64{
	label.ID: 6.5, label.Control: 22, label.Applicable: 10.5, label.Reasons: 12, label.Justification: 28,
	label.StatusCol: 11, label.Implementation: 28, label.Owner: 13.5, label.Evidence: 20,
	label.RelatedRisks: 11, label.TargetDate: 10.5, label.ProvidedByCol: 16, label.AssuranceCol: 30, label.DecisionReviewCol: 11.5, label.ThemeCol: 14, label.NewIn2022: 9, label.Ref2013: 12, label.SOC2: 15, label.SourceCol: 14,
}

const defaultWidth = 14

// soaCentered are the SoA sheet's columns of short codes, centred.
var soaCentered = []label.Key{label.Applicable, label.StatusCol, label.TargetDate, label.DecisionReviewCol, label.NewIn2022}

// column returns the 1-based column of k in sheet.Columns, or 0.
func column(k label.Key) int { return sheet.Index(k) + 1 }

// statusValues are the statuses as the Status column shows them.
func (b *book) statusValues() []string {
	var out []string
	for _, st := range workspace.Statuses {
		out = append(out, b.l.Status(st))
	}
	return out
}

func (b *book) soaSheet() {
	sh, l := b.name(SheetSoA), b.l
	s, d := b.s, b.s.Document
	hdr := soaHeaderRow
	all := s.All()
	first, last := hdr+1, hdr+len(all)
	ncol := len(sheet.Columns)

	b.title(sh, l.DocTitle(d.Title)+" — "+d.Organization)
	approval := l.T(label.DraftStatus)
	if !b.draft() {
		approval = l.F(label.ApprovedByOn, d.ApprovedBy, l.Date(d.ApprovedOn))
	}
	sub := []string{d.ID, l.F(label.VersionN, d.Version), approval}
	if d.Classification != "" {
		sub = append(sub, d.Classification)
	}
	c := s.Summary.Counts
	sub = append(sub, l.F(label.SoACounts, c.Total, c.Applicable, c.Excluded))
	if a := s.Summary.Additional; a.Total > 0 {
		sub = append(sub, l.F(label.AdditionalCounts, a.Total, a.Applicable, a.Excluded))
	}

	widths := make([]float64, ncol)
	headerLines := 1
	for i, k := range sheet.Columns {
		name := l.T(k)
		widths[i] = defaultWidth
		if w, ok := soaWidths[k]; ok {
			widths[i] = w
		}
		b.str(sh, i+1, hdr, name, 0)
		headerLines = max(headerLines, lines(name, widths[i]))
	}
	b.widths(sh, widths...)
	// The line under the title is longer than the printed width in most languages: it wraps
	// within the printed columns rather than running past the print area, where it is cut.
	subtitle, printed := strings.Join(sub, " · "), 0.0
	for _, w := range widths[:sheet.Printed] {
		printed += w
	}
	b.str(sh, 1, 2, subtitle, b.st.subtitleWrap)
	b.check(b.f.MergeCell(sh, "A2", cell(sheet.Printed, 2)))
	b.height(sh, 2, height(lines(subtitle, printed)))
	b.check(b.f.SetCellStyle(sh, cell(1, hdr), cell(ncol, hdr), b.st.header))
	b.height(sh, hdr, height(headerLines))

	due, review, evidence := column(label.TargetDate), column(label.DecisionReviewCol), column(label.Evidence)
	for r, e := range all {
		row := first + r
		n := 1
		for i, v := range sheet.Cells(l, e) {
			col := i + 1
			switch col {
			case due:
				b.date(sh, col, row, e.Due, 0)
			case review:
				b.date(sh, col, row, e.Review, 0)
			default:
				b.str(sh, col, row, v, 0)
			}
			if i < sheet.Printed { // the others are off the page: their height matters less
				n = max(n, lines(v, widths[i]))
			}
		}
		b.height(sh, row, height(n))
	}
	if len(all) == 0 {
		return
	}
	// Styles by column, over all rows at once.
	for i, k := range sheet.Columns {
		st := b.st.body
		switch {
		case i == 0:
			st = b.st.bodyBold
		case i+1 == due, i+1 == review:
			st = b.st.date
		case slices.Contains(soaCentered, k):
			st = b.st.bodyCenter
		}
		b.check(b.f.SetCellStyle(sh, cell(i+1, first), cell(i+1, last), st))
	}
	if evidence > 0 {
		for r, e := range all {
			if u, ok := linkURL(e.Evidence); ok {
				ref := cell(evidence, first+r)
				b.check(b.f.SetCellHyperLink(sh, ref, u, "External"))
				b.styleCell(sh, ref, b.st.link)
			}
		}
	}

	b.freeze(sh, 2, first)
	b.check(b.f.AutoFilter(sh, cell(1, hdr)+":"+cell(ncol, last), nil))
	b.dropList(sh, column(label.Applicable), first, last, []string{l.T(label.Yes), l.T(label.No)}, l.T(label.Applicable), l.T(label.ChooseYesNo))
	b.dropList(sh, column(label.StatusCol), first, last, b.statusValues(), l.T(label.StatusCol),
		l.F(label.ChooseStatus, strings.Join(b.statusValues(), ", ")))

	// Excluded rows greyed, status cells coloured. Formulas, not fixed styles, so the colours
	// follow an edit made through the drop-downs.
	rows := cell(1, first) + ":" + cell(ncol, last)
	if a := column(label.Applicable); a > 0 {
		b.check(b.f.SetConditionalFormat(sh, rows, []excelize.ConditionalFormatOptions{{Type: "formula",
			Criteria: fmt.Sprintf(`$%s%d=%s`, colName(a), first, formulaText(l.T(label.No))), Format: &b.st.cfExcluded, StopIfTrue: true}}))
	}
	if st := column(label.StatusCol); st > 0 {
		var rules []excelize.ConditionalFormatOptions
		for i, sc := range statusColours {
			if !slices.Contains(workspace.Statuses, sc.status) {
				continue
			}
			rules = append(rules, excelize.ConditionalFormatOptions{Type: "formula",
				Criteria: fmt.Sprintf(`$%s%d=%s`, colName(st), first, formulaText(l.Status(sc.status))), Format: &b.st.cfStatus[i]})
		}
		b.check(b.f.SetConditionalFormat(sh, cell(st, first)+":"+cell(st, last), rules))
	}
	b.page(sh, hdr, hdr)
	// Print the columns a reader needs, at a readable scale; the rest stay on screen.
	b.check(b.f.SetDefinedName(&excelize.DefinedName{Name: "_xlnm.Print_Area",
		RefersTo: fmt.Sprintf("%s!$A$1:$%s$%d", quote(sh), colName(sheet.Printed), last), Scope: sh}))
}

// formulaText quotes s as a text literal of a formula.
func formulaText(s string) string { return `"` + strings.ReplaceAll(s, `"`, `""`) + `"` }

// dropList restricts a column's cells in rows first..last to the given values.
func (b *book) dropList(sheet string, col, first, last int, values []string, title, msg string) {
	if col == 0 {
		return
	}
	dv := excelize.NewDataValidation(true)
	dv.Sqref = cell(col, first) + ":" + cell(col, last)
	b.check(dv.SetDropList(values))
	dv.SetError(excelize.DataValidationErrorStyleStop, title, msg)
	b.check(b.f.AddDataValidation(sheet, dv))
}
