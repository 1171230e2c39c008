// Package sheet gives the SoA as rows of text: the columns of the workbook's "Statement of
// Applicability" sheet and of soa.csv, the cells of each control, and soa.csv itself. The
// workbook and the CSV take their columns and wording from here, in the document's language,
// so they always agree. It reads package soa's model and soa/label's wording and decides
// nothing itself.
package sheet

import (
	"io"
	"strconv"
	"strings"

	"github.com/soa-tool/soa/annexa"
	"github.com/soa-tool/soa/soa"
	"github.com/soa-tool/soa/soa/label"
	"github.com/soa-tool/soa/soa/table"
	"github.com/soa-tool/soa/soa/workspace"
)

// Columns are the columns of the SoA sheet of the workbook and of soa.csv, as labels. The
// columns a reader needs on paper come first (the workbook prints them); the secondary ones
// (related risks, target date, the supplier that provides the control and what assures it,
// the decision's review date, theme, new in 2022, the 2013 reference, SOC 2, the source:
// "Annex A" or an additional control's own) follow.
var Columns = []label.Key{label.ID, label.Control, label.Applicable, label.Reasons, label.Justification,
	label.StatusCol, label.Implementation, label.Owner, label.Evidence,
	label.RelatedRisks, label.TargetDate, label.ProvidedByCol, label.AssuranceCol, label.DecisionReviewCol,
	label.ThemeCol, label.NewIn2022, label.Ref2013, label.SOC2, label.SourceCol}

// Printed is the number of leading [Columns] the workbook prints.
const Printed = 9

// Header gives the column headings in the language l.
func Header(l *label.Lang) []string {
	out := make([]string, len(Columns))
	for i, k := range Columns {
		out[i] = l.T(k)
	}
	return out
}

// Index gives the index of the column k in [Columns], or -1.
func Index(k label.Key) int {
	for i, c := range Columns {
		if c == k {
			return i
		}
	}
	return -1
}

// Cells gives the entry's values in the order of [Columns], worded in l. Reasons read as in
// the PDF ("Contractual, business"); other lists are joined with "; ". An additional control
// has theme "Additional", its own source, and no "new in 2022", 2013 or SOC 2 references.
func Cells(l *label.Lang, e soa.Entry) []string {
	source, isNew := l.T(label.AnnexA), l.YesNo(e.Control.New)
	if e.IsAdditional() {
		source, isNew = e.Source, ""
	}
	return []string{e.ID(), e.Control.Title, l.YesNo(e.Applicable), l.Reasons(e.Reasons),
		e.JustificationIn(l), l.Status(e.Status), e.Implementation, e.Owner, strings.Join(e.Evidence, "; "),
		strings.Join(e.Risks, "; "), l.Date(e.Due), e.ProvidedBy, e.Assurance, l.Date(e.Review),
		l.Theme(e.Control.Theme), isNew, strings.Join(e.Control.ISO2013, "; "), strings.Join(e.SOC2, "; "), source}
}

// CSVOptions steer soa.csv.
type CSVOptions struct {
	// Comma is the field delimiter; ',' when zero. Excel in German or French locales
	// expects ';'.
	Comma rune
}

// WriteCSV writes soa.csv: a UTF-8 byte order mark (so that Excel and LibreOffice read it
// as UTF-8 when it is opened by double-click), then the columns of the SoA sheet in the
// document's language, one row per control, the additional controls after the 93. Cells that
// a spreadsheet would take for a formula are prefixed with a single quote.
func WriteCSV(w io.Writer, s *soa.SoA, opt CSVOptions) error {
	l := label.For(s.Document.Language)
	t := table.Table{Header: Header(l)}
	for _, e := range s.All() {
		t.Rows = append(t.Rows, Cells(l, e))
	}
	if _, err := io.WriteString(w, "\ufeff"); err != nil {
		return err
	}
	return t.CSVComma(w, opt.Comma)
}

// SignOff gives the rows of the sign-off table (a heading row first): who prepared,
// reviewed and approved, with roles and dates; "pending" where nobody is recorded.
func SignOff(l *label.Lang, d workspace.Document) [][]string {
	rows := [][]string{{l.T(label.Step), l.T(label.Name), l.T(label.Role), l.T(label.DateCol), l.T(label.Signature)}}
	name := func(s string) string {
		if s == "" {
			return l.T(label.Pending)
		}
		return s
	}
	rows = append(rows, []string{l.T(label.PreparedBy), name(d.PreparedBy), "", "", ""},
		[]string{l.T(label.ReviewedBy), name(d.ReviewedBy), "", "", ""})
	if len(d.Approvals) == 0 {
		rows = append(rows, []string{l.T(label.ApprovedBy), name(""), "", "", ""})
	}
	for _, a := range d.Approvals {
		rows = append(rows, []string{l.T(label.ApprovedBy), a.By, a.Role, l.Date(a.On), ""})
	}
	return rows
}

// Counts gives the rows of the summary's table of counts (a heading row first): controls,
// applicable, excluded and each status, per theme, for the additional controls when there
// are some, and for all controls last.
func Counts(l *label.Lang, s *soa.SoA) [][]string {
	head := []string{l.T(label.ThemeCol), l.T(label.Controls), l.T(label.Applicable), l.T(label.Excluded)}
	for _, st := range workspace.Statuses {
		head = append(head, l.Status(st))
	}
	row := func(name string, c soa.Counts) []string {
		r := []string{name, strconv.Itoa(c.Total), strconv.Itoa(c.Applicable), strconv.Itoa(c.Excluded)}
		for _, st := range workspace.Statuses {
			r = append(r, strconv.Itoa(c.ByStatus[st]))
		}
		return r
	}
	rows := [][]string{head}
	for _, th := range annexa.Themes {
		rows = append(rows, row(l.ThemeTitle(th), s.Summary.ByTheme[th]))
	}
	if s.Summary.Additional.Total > 0 {
		rows = append(rows, row(l.ThemeTitle(soa.ThemeAdditional), s.Summary.Additional))
	}
	return append(rows, row(l.T(label.AllControls), s.Summary.Combined()))
}
