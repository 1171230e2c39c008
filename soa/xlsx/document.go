package xlsx

import "github.com/soa-tool/soa/soa/label"

// Document control columns: label, then version, date, author, changes for the history.
var documentWidths = []float64{24, 12, 14, 26, 74}

// Recompute tells the reader how to check the fingerprint against the workspace files.
const Recompute = "The fingerprint identifies the workspace files this document was built from. To check it, run in the workspace directory:\n" +
	"sha256sum isms.yaml risks.yaml controls.yaml | sha256sum\n" +
	"The first field of the output must equal the fingerprint above."

func (b *book) documentSheet() {
	const sh = SheetDocument
	s, d := b.s, b.s.Document
	b.noGrid(sh)
	b.widths(sh, documentWidths...)
	b.title(sh, "Document control — "+d.Title)
	b.str(sh, 1, 2, d.Organization, b.st.subtitle)

	last := len(documentWidths)
	valueWidth := 0.0
	for _, w := range documentWidths[1:] {
		valueWidth += w
	}
	row := 4
	b.str(sh, 1, row, "Document", b.st.section)
	row++
	status, statusStyle := b.approval()
	for _, p := range []struct{ label, value string }{
		{"Document ID", d.ID},
		{"Title", d.Title},
		{"Version", d.Version},
		{"Status", status},
		{"Classification", d.Classification},
		{"Owner", d.Owner},
		{"Prepared by", d.PreparedBy},
		{"Reviewed by", d.ReviewedBy},
		{"Organization", d.Organization},
		{"Approved by", d.ApprovedBy},
		{"Approved on", label.Date(d.ApprovedOn)},
		{"Next review", label.Date(d.NextReview)},
		{"Date of this edition", label.Date(s.Date)},
		{"Standard", "ISO/IEC 27001:2022, clause 6.1.3 d) and Annex A"},
		{"Risk assessment", d.RiskAssessment},
	} {
		if p.value == "" && optionalDocumentFields[p.label] {
			continue
		}
		st := b.st.value
		if p.label == "Status" {
			st = statusStyle
		}
		row = b.pair(sh, row, 1, last, p.label, p.value, valueWidth, st)
	}

	row++
	b.str(sh, 1, row, "Revision history", b.st.section)
	row++
	for i, h := range []string{"Version", "Date", "Author", "Changes"} {
		b.str(sh, 2+i, row, h, b.st.header)
	}
	row++
	if len(d.History) == 0 {
		b.str(sh, 2, row, "No revisions recorded.", b.st.note)
		row++
	}
	for _, h := range d.History {
		b.str(sh, 2, row, h.Version, b.st.bodyCenter)
		b.date(sh, 3, row, h.Date, b.st.date)
		b.str(sh, 4, row, h.Author, b.st.body)
		b.str(sh, 5, row, h.Changes, b.st.body)
		b.height(sh, row, height(max(lines(h.Changes, documentWidths[4]), lines(h.Author, documentWidths[3]))))
		row++
	}

	row++
	b.str(sh, 1, row, "Input fingerprint", b.st.section)
	row++
	row = b.pair(sh, row, 1, last, "SHA-256", s.Fingerprint, valueWidth, b.st.valueMono)
	b.pair(sh, row, 1, last, "How to check it", Recompute, valueWidth, b.st.value)
	b.page(sh, 1, 1)
}

// optionalDocumentFields are the document control rows left out when isms.yaml does not
// give them.
var optionalDocumentFields = map[string]bool{"Prepared by": true, "Reviewed by": true, "Risk assessment": true}
