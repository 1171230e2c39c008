// Package sheet gives the SoA as rows of text: the columns of the workbook's "Statement of
// Applicability" sheet and of soa.csv, the cells of each control, and soa.csv itself. The
// workbook and the CSV take their columns and wording from here, so they always agree. It
// reads package soa's model and soa/label's wording and decides nothing itself.
package sheet

import (
	"io"
	"strings"

	"github.com/soa-tool/soa/soa"
	"github.com/soa-tool/soa/soa/label"
	"github.com/soa-tool/soa/soa/table"
)

// Columns are the columns of the SoA sheet of the workbook and of soa.csv.
var Columns = []string{"ID", "Control", "Theme", "Applicable", "Reasons", "Related risks",
	"Justification", "Status", "Implementation", "Provided by", "Assurance", "Owner", "Evidence", "Target date",
	"Decision review", "New in 2022", "ISO 27001:2013 ref", "SOC 2", "Source"}

// AnnexA is the Source column of an Annex A control.
const AnnexA = "Annex A"

// Cells gives the entry's values in the order of [Columns]. Lists are joined with "; ". An
// additional control has theme "Additional", its own source, and no 2013 or SOC 2 references.
func Cells(e soa.Entry) []string {
	source, isNew := AnnexA, label.YesNo(e.Control.New)
	if e.IsAdditional() {
		source, isNew = e.Source, ""
	}
	return []string{e.ID(), e.Control.Title, label.Theme(e.Control.Theme), label.YesNo(e.Applicable),
		strings.Join(e.Reasons, "; "), strings.Join(e.Risks, "; "), e.Justification, label.Status(e.Status),
		e.Implementation, e.ProvidedBy, e.Assurance, e.Owner, strings.Join(e.Evidence, "; "), label.Date(e.Due),
		label.Date(e.Review), isNew, strings.Join(e.Control.ISO2013, "; "), strings.Join(e.SOC2, "; "), source}
}

// WriteCSV writes soa.csv: the columns of the SoA sheet, one row per control, the additional
// controls after the 93. Cells that a spreadsheet would take for a formula are prefixed with
// a single quote.
func WriteCSV(w io.Writer, s *soa.SoA) error {
	t := table.Table{Header: Columns}
	for _, e := range s.All() {
		t.Rows = append(t.Rows, Cells(e))
	}
	return t.CSV(w)
}
