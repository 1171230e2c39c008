// Package xlsx renders the SoA as an Excel workbook with excelize, and reads workbooks back
// for soa import ([Read], the cells of any workbook; [ReadBuilt], what a workbook it wrote
// was built from and what its SoA sheet holds now). It is the only package that imports
// excelize.
//
// # Sheets
//
// The workbook has, in this order: "Statement of Applicability" (one row per Annex A control,
// the columns of [sheet.Columns]), "Summary" (the document block, counts per theme and
// status, and a chart), "Risk register", "Heat map" (likelihood × impact, inherent and
// residual), "Document control" (metadata, history and the input fingerprint) and, hidden,
// [SheetBuild] (what the workbook was built from, for soa import --edits). When the SoA
// carries the changes since a previous version (soa build --since), a "Changes" sheet follows
// the SoA sheet: the summary of the changes, then a table per kind of change with the old and
// new values, grouped and ordered as soa diff prints them.
//
// # Guarantees
//
// Every text is written as a string cell, never as a formula, so text that starts with
// "=", "+", "-" or "@" stays text. Evidence becomes a hyperlink only when it is exactly one
// http or https URL. The same SoA always gives the same bytes: the document properties carry
// [soa.SoA.Date] and the package's parts are written in a fixed order.
//
// The package renders what the model holds; it decides no rule of its own (which control is
// applicable, which level a score has): those come from package soa. It imports soa, its
// labels and rows (soa/label, soa/sheet) and soa/version for the changes; nothing imports it
// but the command.
package xlsx

import (
	"fmt"
	"io"
	"sort"

	"github.com/soa-tool/soa/soa"
	"github.com/soa-tool/soa/soa/label"
	"github.com/soa-tool/soa/soa/version"
	"github.com/xuri/excelize/v2"
)

// The sheet names, in workbook order.
const (
	SheetSoA      = "Statement of Applicability"
	SheetSummary  = "Summary"
	SheetRisks    = "Risk register"
	SheetHeatMap  = "Heat map"
	SheetDocument = "Document control"
	defaultSheet  = "Sheet1"
	soaHeaderRow  = 3 // the SoA sheet's column headers; data starts below
	riskHeaderRow = 4 // the risk register's column headers (row 3 groups them)
)

// Sheets lists the sheet names in workbook order; [SheetChanges], when present, comes
// second.
var Sheets = []string{SheetSoA, SheetSummary, SheetRisks, SheetHeatMap, SheetDocument}

// Write renders the workbook for s to w, with a "Changes" sheet when changes is not nil (soa
// build --since). s must come from [soa.Derive] without errors.
func Write(w io.Writer, s *soa.SoA, changes *version.Changes) error {
	f := excelize.NewFile()
	defer f.Close()
	b := &book{f: f, s: s, changes: changes, l: label.For(s.Document.Language), accent: navy}
	if c := s.Document.Color; len(c) == 7 {
		b.accent = c[1:]
	}
	if err := b.build(); err != nil {
		return fmt.Errorf("soa.xlsx: %w", err)
	}
	if err := f.Write(w); err != nil {
		return fmt.Errorf("soa.xlsx: %w", err)
	}
	return nil
}

// book carries the file being built and the first error met, so that the many excelize
// calls read as a list of what the workbook holds rather than a list of error checks.
type book struct {
	f       *excelize.File
	s       *soa.SoA
	changes *version.Changes
	l       *label.Lang
	accent  string // the colour of titles, headings and table headers: document.color or navy
	st      styles
	err     error
}

// sheetLabels are the labels of the sheet names: the workbook names its sheets in the
// document's language. The constants are the English names.
var sheetLabels = map[string]label.Key{SheetSoA: label.SheetSoA, SheetSummary: label.SheetSummary, SheetRisks: label.SheetRisks,
	SheetHeatMap: label.SheetHeatMap, SheetDocument: label.SheetDocument, SheetChanges: label.SheetChanges}

// name gives the name of the sheet called sheet in English in the document's language; the
// hidden build sheet keeps its name in every language.
func (b *book) name(sheet string) string {
	if k, ok := sheetLabels[sheet]; ok {
		return b.l.T(k)
	}
	return sheet
}

func (b *book) check(err error) {
	if err != nil && b.err == nil {
		b.err = err
	}
}

func (b *book) build() error {
	b.check(b.f.SetSheetName(defaultSheet, b.name(SheetSoA)))
	names := Sheets[1:]
	if b.changes != nil {
		names = append([]string{SheetChanges}, names...)
	}
	names = append(names, SheetBuild)
	for _, name := range names {
		_, err := b.f.NewSheet(b.name(name))
		b.check(err)
	}
	if b.err != nil {
		return b.err
	}
	// Before the risk register's StreamWriter is flushed: SetActiveSheet and SetSheetVisible
	// visit every sheet, and would decode the streamed register again (seconds for a large
	// one).
	b.f.SetActiveSheet(0)
	b.check(b.f.SetSheetVisible(SheetBuild, false))
	b.newStyles()
	b.soaSheet()
	b.changesSheet()
	b.summarySheet()
	b.riskSheet()
	b.heatMapSheet()
	b.documentSheet()
	b.buildSheet()
	b.properties()
	b.sortContentTypes()
	return b.err
}

// properties sets the workbook's document properties. Dates come from s.Date so that two
// builds of the same workspace are byte-identical.
func (b *book) properties() {
	d := b.s.Document
	date := b.s.Date.UTC().Format("2006-01-02T15:04:05Z")
	status := b.l.T(label.Approved)
	if !d.Approved() {
		status = b.l.T(label.Draft)
	}
	b.check(b.f.SetDocProps(&excelize.DocProperties{
		Title:          b.l.DocTitle(d.Title),
		Subject:        b.l.T(label.SubjectLine) + " — " + d.Organization,
		Creator:        d.Owner,
		LastModifiedBy: d.Owner,
		Identifier:     d.ID,
		Version:        d.Version,
		ContentStatus:  status,
		Category:       d.Classification,
		Keywords:       b.l.T(label.Keywords),
		Description:    b.l.F(label.Generated, b.s.Fingerprint),
		Created:        date,
		Modified:       date,
		Language:       b.l.Code,
	}))
	b.check(b.f.SetAppProps(&excelize.AppProperties{Application: "soa", Company: d.Organization}))
}

// sortContentTypes puts [Content_Types].xml in a fixed order: a chart makes excelize add
// the image extensions from a map, in random order.
func (b *book) sortContentTypes() {
	ct := b.f.ContentTypes
	if ct == nil {
		return
	}
	sort.SliceStable(ct.Defaults, func(i, j int) bool { return ct.Defaults[i].Extension < ct.Defaults[j].Extension })
	sort.SliceStable(ct.Overrides, func(i, j int) bool { return ct.Overrides[i].PartName < ct.Overrides[j].PartName })
}
