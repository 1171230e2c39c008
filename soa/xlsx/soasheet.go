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

// soaWidths are the widths of the SoA sheet's columns, by name; others get defaultWidth.
var soaWidths = map[string]float64{
	"ID": 8, "Control": 28, "Theme": 14, "Applicable": 11, "Reasons": 15, "Related risks": 14,
	"Justification": 46, "Status": 15, "Implementation": 46, "Owner": 16, "Evidence": 30,
	"Target date": 11.5, "Provided by": 16, "Assurance": 30, "Decision review": 11.5, "New in 2022": 9, "ISO 27001:2013 ref": 12, "SOC 2": 15,
	"Source": 14,
}

const defaultWidth = 14

// soaCentered are the SoA sheet's columns of short codes, centred.
var soaCentered = []string{"Applicable", "Status", "Target date", "Decision review", "New in 2022"}

// applicableValues are the values of the Applicable column, as [sheet.Cells] writes them.
var applicableValues = []string{"Yes", "No"}

// column returns the 1-based column of name in sheet.Columns, or 0.
func column(name string) int {
	return slices.Index(sheet.Columns, name) + 1
}

// statusValues are the statuses as the Status column shows them.
func statusValues() []string {
	var out []string
	for _, st := range workspace.Statuses {
		out = append(out, label.Status(st))
	}
	return out
}

func (b *book) soaSheet() {
	const sh = SheetSoA
	s, d := b.s, b.s.Document
	hdr := soaHeaderRow
	all := s.All()
	first, last := hdr+1, hdr+len(all)
	ncol := len(sheet.Columns)

	b.title(sh, d.Title+" — "+d.Organization)
	approval := "DRAFT — not approved"
	if !b.draft() {
		approval = fmt.Sprintf("approved by %s on %s", d.ApprovedBy, label.Date(d.ApprovedOn))
	}
	sub := []string{d.ID, "version " + d.Version, approval}
	if d.Classification != "" {
		sub = append(sub, d.Classification)
	}
	c := s.Summary.Counts
	sub = append(sub, fmt.Sprintf("ISO/IEC 27001:2022 Annex A: %d controls, %d applicable, %d excluded", c.Total, c.Applicable, c.Excluded))
	if a := s.Summary.Additional; a.Total > 0 {
		sub = append(sub, fmt.Sprintf("additional: %d controls, %d applicable, %d excluded", a.Total, a.Applicable, a.Excluded))
	}
	b.str(sh, 1, 2, strings.Join(sub, " · "), b.st.subtitle)

	widths := make([]float64, ncol)
	headerLines := 1
	for i, name := range sheet.Columns {
		widths[i] = defaultWidth
		if w, ok := soaWidths[name]; ok {
			widths[i] = w
		}
		b.str(sh, i+1, hdr, name, 0)
		headerLines = max(headerLines, lines(name, widths[i]))
	}
	b.widths(sh, widths...)
	b.check(b.f.SetCellStyle(sh, cell(1, hdr), cell(ncol, hdr), b.st.header))
	b.height(sh, hdr, height(headerLines))

	due, review, evidence := column("Target date"), column("Decision review"), column("Evidence")
	for r, e := range all {
		row := first + r
		n := 1
		for i, v := range sheet.Cells(e) {
			col := i + 1
			switch col {
			case due:
				b.date(sh, col, row, e.Due, 0)
			case review:
				b.date(sh, col, row, e.Review, 0)
			default:
				b.str(sh, col, row, v, 0)
			}
			n = max(n, lines(v, widths[i]))
		}
		b.height(sh, row, height(n))
	}
	if len(all) == 0 {
		return
	}
	// Styles by column, over all rows at once.
	for i, name := range sheet.Columns {
		st := b.st.body
		switch {
		case i == 0:
			st = b.st.bodyBold
		case i+1 == due, i+1 == review:
			st = b.st.date
		case slices.Contains(soaCentered, name):
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
	b.dropList(sh, column("Applicable"), first, last, applicableValues, "Applicable", "Choose Yes or No.")
	b.dropList(sh, column("Status"), first, last, statusValues(), "Status",
		"Choose one of: "+strings.Join(statusValues(), ", ")+". Leave it empty for an excluded control.")

	// Excluded rows greyed, status cells coloured. Formulas, not fixed styles, so the colours
	// follow an edit made through the drop-downs.
	rows := cell(1, first) + ":" + cell(ncol, last)
	if a := column("Applicable"); a > 0 {
		b.check(b.f.SetConditionalFormat(sh, rows, []excelize.ConditionalFormatOptions{{Type: "formula",
			Criteria: fmt.Sprintf(`$%s%d="No"`, colName(a), first), Format: &b.st.cfExcluded, StopIfTrue: true}}))
	}
	if st := column("Status"); st > 0 {
		var rules []excelize.ConditionalFormatOptions
		for i, sc := range statusColours {
			if !slices.Contains(statusValues(), sc.status) {
				continue
			}
			rules = append(rules, excelize.ConditionalFormatOptions{Type: "formula",
				Criteria: fmt.Sprintf(`$%s%d="%s"`, colName(st), first, sc.status), Format: &b.st.cfStatus[i]})
		}
		b.check(b.f.SetConditionalFormat(sh, cell(st, first)+":"+cell(st, last), rules))
	}
	b.page(sh, hdr, hdr)
}

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
