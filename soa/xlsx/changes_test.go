package xlsx_test

import (
	"bytes"
	"os"
	"path/filepath"
	"slices"
	"strings"
	"testing"

	"github.com/soa-tool/soa/soa/clienttest"
	"github.com/soa-tool/soa/soa/soatest"
	"github.com/soa-tool/soa/soa/version"
	"github.com/soa-tool/soa/soa/xlsx"
)

// changeHeadings are the group headings soa diff prints, in order: the unindented lines after
// the title and the summary.
func changeHeadings(tb testing.TB, c *version.Changes) []string {
	tb.Helper()
	var b bytes.Buffer
	if err := c.WriteText(&b); err != nil {
		tb.Fatal(err)
	}
	var out []string
	for i, l := range strings.Split(b.String(), "\n") {
		if i > 2 && l != "" && !strings.HasPrefix(l, " ") {
			out = append(out, l)
		}
	}
	return out
}

// renderSince renders the 2026 example with the changes since 2025.
func renderSince(tb testing.TB) []byte {
	s, c := soatest.Since(tb)
	return renderWith(tb, s, c)
}

func TestChangesSheet(t *testing.T) {
	s, c := soatest.Since(t)
	f := open(t, renderWith(t, s, c))
	want := []string{xlsx.SheetSoA, xlsx.SheetChanges, xlsx.SheetSummary, xlsx.SheetRisks, xlsx.SheetHeatMap, xlsx.SheetDocument, xlsx.SheetBuild}
	if got := f.GetSheetList(); !slices.Equal(got, want) {
		t.Fatalf("sheets = %q, want %q", got, want)
	}
	if f.GetActiveSheetIndex() != 0 {
		t.Errorf("active sheet %d, want the SoA", f.GetActiveSheetIndex())
	}
	rows, err := f.GetRows(xlsx.SheetChanges)
	if err != nil {
		t.Fatal(err)
	}
	at := func(r, c int) string {
		if r < len(rows) && c < len(rows[r]) {
			return rows[r][c]
		}
		return ""
	}
	// The summary, then one table whose heading row repeats on every printed page.
	if at(3, 0) != c.Summary {
		t.Errorf("the summary is %q, want %q", at(3, 0), c.Summary)
	}
	const head = 5 // row 6
	if got := rows[head]; !slices.Equal(got, []string{"Changes", "ID", "Control", "Field", "Old", "New"}) {
		t.Errorf("heading row %q", got)
	}
	// The groups in soa diff's order, every row carrying its group, ID and title.
	var heads []string
	for r := head + 1; r < len(rows)-1; r++ {
		if g := at(r, 0); g == "" {
			t.Errorf("row %d has no group", r+1)
		} else if len(heads) == 0 || heads[len(heads)-1] != g {
			heads = append(heads, g)
		}
	}
	heading := changeHeadings(t, c)
	if roll := heading[len(heading)-1]; !strings.HasPrefix(roll, "Evidence and review dates rolled over") {
		t.Errorf("the roll-overs are not last: %q", heading)
	}
	if !slices.Equal(heads, heading[:len(heading)-1]) {
		t.Errorf("groups:\n got %q\nwant %q", heads, heading[:len(heading)-1])
	}
	// The roll-overs in one row with their IDs, their heading as the group, last.
	groups := c.Groups()
	last := len(rows) - 1
	if at(last, 0) != heading[len(heading)-1] || at(last, 2) != groups[len(groups)-1].RollOverLine(true) {
		t.Errorf("the last row is %q", rows[last])
	}
	itemRows := func(group, id string) [][]string {
		var out [][]string
		for r := head + 1; r < len(rows); r++ {
			if at(r, 0) == group && at(r, 1) == id {
				out = append(out, []string{at(r, 3), at(r, 4), at(r, 5)})
			}
		}
		if out == nil {
			t.Fatalf("%s is not in %q", id, group)
		}
		return out
	}
	if cells, err := f.GetMergeCells(xlsx.SheetChanges); err != nil || len(cells) != 1 || cells[0].GetStartAxis() != "A4" {
		t.Errorf("merged cells %v (%v): only the summary may be merged", cells, err)
	}
	ctl := slices.IndexFunc(c.Controls, func(x version.ControlChange) bool { return x.ID == "A.5.7" })
	if ctl < 0 {
		t.Fatal("the model has no change for A.5.7")
	}
	just, _ := c.Controls[ctl].Field("justification")
	a57 := itemRows("Controls newly applicable (7)", "A.5.7")
	for _, want := range [][]string{{"Applicability", "Excluded", "Applicable"}, {"Justification", just.Old, just.New}} {
		if !slices.ContainsFunc(a57, func(r []string) bool { return slices.Equal(r, want) }) {
			t.Errorf("A.5.7 lacks the row %q; it has %q", want, a57)
		}
	}
	if just.Old == "" || just.New == "" {
		t.Error("A.5.7 should have both justifications")
	}
	r14 := itemRows("Risks closed (1)", "R-14")
	if len(r14) != 3 || !slices.Equal(r14[0], []string{"Status", "Open", "Closed"}) || r14[1][0] != "Closed on" || r14[1][2] != "2026-05-04" {
		t.Errorf("R-14 closed: %q", r14)
	}
	if r01 := itemRows("Treatments completed (7)", "R-01"); len(r01) != 1 || !slices.Equal(r01[0], []string{"Done", "—", "2026-03-20"}) {
		t.Errorf("R-01 completed: %q", r01)
	}
	if cld := itemRows("Controls newly applicable (7)", "CLD.6.3.1"); len(cld) == 0 || !slices.Equal(cld[0], []string{"Applicability", "Not decided", "Applicable"}) {
		t.Errorf("CLD.6.3.1 newly applicable: %q", cld)
	}
	r05 := itemRows("Risks re-scored (8)", "R-05")
	if want := []string{"Inherent risk", "3×5 = 15 High", "4×5 = 20 Critical"}; len(r05) != 1 || !slices.Equal(r05[0], want) {
		t.Errorf("R-05 re-scored: %q", r05)
	}
	// List changes as the items removed and added.
	sel := itemRows("Controls whose selecting risks changed (33)", "A.8.25")
	if want := []string{"Selecting risks", "− R-14", "+ R-15"}; len(sel) != 1 || !slices.Equal(sel[0], want) {
		t.Errorf("A.8.25 selecting risks: %q", sel)
	}
	// A date slip in days, flagged when the residual was lowered meanwhile.
	r11 := itemRows("Date slips (13)", "R-11")
	if len(r11) != 2 || !slices.Equal(r11[0], []string{"Due", "2026-03-31", "2027-05-31 (426 days later)"}) || r11[1][0] != "Note" ||
		!strings.HasPrefix(r11[1][2], "residual lowered from 10 to 5 while the treatment's due date moved 426 days later") {
		t.Errorf("R-11 date slip: %q", r11)
	}
	if doc := itemRows("Document", ""); !slices.ContainsFunc(doc, func(r []string) bool { return slices.Equal(r, []string{"Version", "1.1", "2.0"}) }) {
		t.Errorf("document rows %q", doc)
	}

	// Printed like the other sheets.
	var titles string
	for _, dn := range f.GetDefinedName() {
		if dn.Name == "_xlnm.Print_Titles" && dn.Scope == xlsx.SheetChanges {
			titles = dn.RefersTo
		}
	}
	if titles != "'Changes'!$6:$6" {
		t.Errorf("print titles %q", titles)
	}
	pl, err := f.GetPageLayout(xlsx.SheetChanges)
	if err != nil {
		t.Fatal(err)
	}
	if *pl.Size != 9 || *pl.Orientation != "landscape" || pl.FitToWidth == nil || *pl.FitToWidth != 1 || pl.FitToHeight == nil || *pl.FitToHeight != 0 {
		t.Errorf("page layout %d %s", *pl.Size, *pl.Orientation)
	}
	hf, err := f.GetHeaderFooter(xlsx.SheetChanges)
	if err != nil {
		t.Fatal(err)
	}
	if !strings.Contains(hf.OddFooter, "Page &P of &N") || !strings.Contains(hf.OddFooter, s.Document.ID) {
		t.Errorf("footer %q", hf.OddFooter)
	}
	// Tall enough for the wrapped text: the A.5.7 justification row.
	for r := range rows {
		if at(r, 3) == "Justification" && at(r, 4) == just.Old {
			h, err := f.GetRowHeight(xlsx.SheetChanges, r+1)
			if err != nil {
				t.Fatal(err)
			}
			if h < 4*13 {
				t.Errorf("the A.5.7 justification row is %.0f pt high", h)
			}
		}
	}
}

// The other sheets are the same with and without the changes.
func TestChangesLeaveOtherSheets(t *testing.T) {
	with := open(t, renderSince(t))
	without := open(t, render(t, derive(t, soatest.Example("acme-saas"))))
	for _, sh := range xlsx.Sheets {
		a, err := with.GetRows(sh)
		if err != nil {
			t.Fatal(err)
		}
		b, err := without.GetRows(sh)
		if err != nil {
			t.Fatal(err)
		}
		if !slices.EqualFunc(a, b, slices.Equal) {
			t.Errorf("%s differs with the changes", sh)
		}
	}
}

func TestChangesDeterministic(t *testing.T) {
	first := renderSince(t)
	for range 3 {
		if !bytes.Equal(first, renderSince(t)) {
			t.Fatal("two renders with the changes differ")
		}
	}
}

// No changes at all: the summary says so and no group follows.
func TestChangesNone(t *testing.T) {
	s := derive(t, soatest.Example("acme-saas"))
	c := version.Compare(version.FromSoA(s, nil), version.FromSoA(s, nil))
	f := open(t, renderWith(t, s, c))
	rows, err := f.GetRows(xlsx.SheetChanges)
	if err != nil {
		t.Fatal(err)
	}
	if len(rows) != 6 || rows[3][0] != c.Summary || !strings.HasSuffix(c.Summary, "no differences.") {
		t.Errorf("rows %q", rows)
	}
}

// LibreOffice opens the workbook with the Changes sheet and prints it.
func TestChangesLibreOffice(t *testing.T) {
	path := filepath.Join(t.TempDir(), "soa.xlsx")
	if err := os.WriteFile(path, renderSince(t), 0o644); err != nil {
		t.Fatal(err)
	}
	out := clienttest.Convert(t, path, "pdf", "")
	text := string(clienttest.Run(t, clienttest.Require(t, "pdftotext"), "-enc", "UTF-8", out, "-"))
	for _, want := range []string{"Changes in this version", "Version 1.1 of 2025-10-20", "Controls newly applicable (7)", "Threat intelligence", "Risks closed (1)",
		"Treatments completed (7)", "Date slips (13)", "(426 days later)", "Evidence and review", "rolled over (44)"} {
		if !strings.Contains(text, want) {
			t.Errorf("LibreOffice's print of the workbook lacks %q", want)
		}
	}
}
