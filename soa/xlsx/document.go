package xlsx

import (
	"time"

	"github.com/soa-tool/soa/soa/label"
	"github.com/xuri/excelize/v2"
)

// Document control columns: label, then version, date, author, changes for the history.
var documentWidths = []float64{24, 12, 14, 26, 74}

// Recompute tells the reader how to check the fingerprint against the workspace files.
var Recompute = label.English.T(label.FingerprintRecompute)

func (b *book) documentSheet() {
	sh, l := b.name(SheetDocument), b.l
	s, d := b.s, b.s.Document
	b.noGrid(sh)
	b.widths(sh, documentWidths...)
	b.title(sh, l.T(label.SecControl)+" — "+l.DocTitle(d.Title))
	b.str(sh, 1, 2, d.Organization, b.st.subtitle)

	last := len(documentWidths)
	valueWidth := 0.0
	for _, w := range documentWidths[1:] {
		valueWidth += w
	}
	row := 4
	b.str(sh, 1, row, l.T(label.Document), b.st.section)
	row++
	status, statusStyle := b.approval()
	versionRow := 0
	for _, p := range []struct {
		label, value string
		date         time.Time
	}{
		{l.T(label.DocID), d.ID, time.Time{}},
		{l.T(label.Title), l.DocTitle(d.Title), time.Time{}},
		{l.T(label.Version), d.Version, time.Time{}},
		{l.T(label.StatusCol), status, time.Time{}},
		{l.T(label.Classification), d.Classification, time.Time{}},
		{l.T(label.Owner), d.Owner, time.Time{}},
		{l.T(label.Organization), d.Organization, time.Time{}},
		{l.T(label.NextReview), "", d.NextReview},
		{l.T(label.Edition), "", s.Date},
		{l.T(label.StandardCol), l.T(label.StandardRef), time.Time{}},
		{l.T(label.RiskAssessment), d.RiskAssessment, time.Time{}},
	} {
		if p.value == "" && p.label == l.T(label.RiskAssessment) {
			continue // optional: shown when isms.yaml names the report
		}
		st := b.st.value
		switch p.label {
		case l.T(label.StatusCol):
			st = statusStyle
		case l.T(label.Version):
			versionRow = row
		}
		if !p.date.IsZero() {
			row = b.pairDate(sh, row, 1, last, p.label, p.date)
			continue
		}
		row = b.pair(sh, row, 1, last, p.label, p.value, valueWidth, st)
	}
	b.textIsText(sh, cell(2, versionRow))

	row = b.signOff(sh, row+1)

	row++
	b.str(sh, 1, row, l.T(label.RevisionHistory), b.st.section)
	row++
	for i, h := range []label.Key{label.Version, label.DateCol, label.Author, label.Changes} {
		b.str(sh, 2+i, row, l.T(h), b.st.header)
	}
	row++
	if len(d.History) == 0 {
		b.str(sh, 2, row, l.T(label.NoRevisions), b.st.note)
		row++
	}
	first := row
	for _, h := range d.History {
		b.str(sh, 2, row, h.Version, b.st.bodyCenter)
		b.date(sh, 3, row, h.Date, b.st.date)
		b.str(sh, 4, row, h.Author, b.st.body)
		b.str(sh, 5, row, h.Changes, b.st.body)
		b.height(sh, row, height(max(lines(h.Changes, documentWidths[4]), lines(h.Author, documentWidths[3]))))
		row++
	}
	if row > first {
		b.textIsText(sh, cell(2, first)+":"+cell(2, row-1))
	}

	row++
	b.str(sh, 1, row, l.T(label.InputFingerprint), b.st.section)
	row++
	row = b.pair(sh, row, 1, last, "SHA-256", s.Fingerprint, valueWidth, b.st.valueMono)
	b.pair(sh, row, 1, last, l.T(label.HowToCheck), l.T(label.FingerprintRecompute), valueWidth, b.st.value)
	b.page(sh, 1, 1)
}

// signOff writes who prepared, reviewed and approved the document, with their roles and
// dates, from row on; it returns the next row. A draft shows its approval as pending.
func (b *book) signOff(sh string, row int) int {
	l, d := b.l, b.s.Document
	b.str(sh, 1, row, l.T(label.SecSignOff), b.st.section)
	row++
	b.str(sh, 2, row, l.T(label.Name), b.st.header)
	b.str(sh, 3, row, l.T(label.DateCol), b.st.header)
	b.merged(sh, row, 4, 5, l.T(label.Role), b.st.header)
	row++
	put := func(step, name, role string, on time.Time) {
		b.str(sh, 1, row, step, b.st.label)
		if name == "" {
			b.str(sh, 2, row, l.T(label.Pending), b.st.note)
		} else {
			b.str(sh, 2, row, name, b.st.value)
		}
		b.date(sh, 3, row, on, b.st.date)
		b.merged(sh, row, 4, 5, role, b.st.value)
		b.height(sh, row, height(max(lines(name, documentWidths[1]), 1)))
		row++
	}
	put(l.T(label.PreparedBy), d.PreparedBy, "", time.Time{})
	put(l.T(label.ReviewedBy), d.ReviewedBy, "", time.Time{})
	if len(d.Approvals) == 0 {
		put(l.T(label.ApprovedBy), "", "", time.Time{})
	}
	for _, a := range d.Approvals {
		put(l.T(label.ApprovedBy), a.By, a.Role, a.On)
	}
	return row
}

// pairDate writes a label and a date cell (merged across the value columns), returning the
// next row.
func (b *book) pairDate(sheet string, row, col, last int, label string, t time.Time) int {
	b.str(sheet, col, row, label, b.st.label)
	b.date(sheet, col+1, row, t, b.st.dateLeft)
	for c := col + 2; c <= last; c++ {
		b.styleCell(sheet, cell(c, row), b.st.dateLeft)
	}
	if last > col+1 {
		b.check(b.f.MergeCell(sheet, cell(col+1, row), cell(last, row)))
	}
	return row + 1
}

// textIsText tells Excel that the text in ref (versions such as "2.0") is meant as text, so
// it shows no "number stored as text" warning.
func (b *book) textIsText(sheet, ref string) {
	b.check(b.f.AddIgnoredErrors(sheet, ref, excelize.IgnoredErrorsNumberStoredAsText))
}
