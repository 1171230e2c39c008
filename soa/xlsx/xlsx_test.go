package xlsx_test

import (
	"archive/zip"
	"bytes"
	"fmt"
	"os"
	"path/filepath"
	"slices"
	"strings"
	"testing"
	"time"

	"github.com/soa-tool/soa/annexa"
	"github.com/soa-tool/soa/risk"
	"github.com/soa-tool/soa/soa"
	"github.com/soa-tool/soa/soa/clienttest"
	"github.com/soa-tool/soa/soa/label"
	"github.com/soa-tool/soa/soa/sheet"
	"github.com/soa-tool/soa/soa/soatest"
	"github.com/soa-tool/soa/soa/version"
	"github.com/soa-tool/soa/soa/workspace"
	"github.com/soa-tool/soa/soa/xlsx"
	"github.com/xuri/excelize/v2"
)

func example() string { return soatest.Example("acme-saas") }

// copyExample copies the example workspace, applying edits (file name → old, new).
func copyExample(tb testing.TB, edits map[string][][2]string) string {
	tb.Helper()
	return soatest.Edited(tb, "acme-saas", edits)
}

// derive loads the workspace in dir and derives its SoA, failing on any error finding.
func derive(tb testing.TB, dir string) *soa.SoA {
	tb.Helper()
	return soatest.Valid(tb, dir)
}

func render(tb testing.TB, s *soa.SoA) []byte {
	tb.Helper()
	return renderWith(tb, s, nil)
}

// renderWith renders s with the changes ch (nil for none).
func renderWith(tb testing.TB, s *soa.SoA, ch *version.Changes) []byte {
	tb.Helper()
	var buf bytes.Buffer
	if err := xlsx.Write(&buf, s, ch); err != nil {
		tb.Fatal(err)
	}
	return buf.Bytes()
}

func open(tb testing.TB, b []byte) *excelize.File {
	tb.Helper()
	f, err := excelize.OpenReader(bytes.NewReader(b))
	if err != nil {
		tb.Fatal(err)
	}
	tb.Cleanup(func() { f.Close() })
	return f
}

func value(tb testing.TB, f *excelize.File, sheet, ref string) string {
	tb.Helper()
	v, err := f.GetCellValue(sheet, ref)
	if err != nil {
		tb.Fatal(err)
	}
	return v
}

func raw(tb testing.TB, f *excelize.File, sheet, ref string) string {
	tb.Helper()
	v, err := f.GetCellValue(sheet, ref, excelize.Options{RawCellValue: true})
	if err != nil {
		tb.Fatal(err)
	}
	return v
}

func ref(col, row int) string {
	c, err := excelize.CoordinatesToCellName(col, row)
	if err != nil {
		panic(err)
	}
	return c
}

// The SoA sheet's layout: title rows, then the header row, then one row per control.
const (
	soaHeader = 3
	riskFirst = 5
)

func TestSheets(t *testing.T) {
	f := open(t, render(t, derive(t, example())))
	want := []string{"Statement of Applicability", "Summary", "Risk register", "Heat map", "Document control"}
	if got := f.GetSheetList(); !slices.Equal(got, append(want, xlsx.SheetBuild)) {
		t.Errorf("sheets = %q, want %q and the hidden %q", got, want, xlsx.SheetBuild)
	}
	if visible, err := f.GetSheetVisible(xlsx.SheetBuild); err != nil || visible {
		t.Errorf("%s: visible %v (%v), want hidden", xlsx.SheetBuild, visible, err)
	}
	if !slices.Equal(xlsx.Sheets, want) {
		t.Errorf("xlsx.Sheets = %q", xlsx.Sheets)
	}
	if f.GetActiveSheetIndex() != 0 {
		t.Errorf("active sheet %d, want the SoA", f.GetActiveSheetIndex())
	}
}

func TestSoASheet(t *testing.T) {
	s := derive(t, example())
	f := open(t, render(t, s))
	sh := xlsx.SheetSoA
	for i, name := range columns {
		if got := value(t, f, sh, ref(i+1, soaHeader)); got != name {
			t.Errorf("header %s = %q, want %q", ref(i+1, soaHeader), got, name)
		}
	}
	if len(s.Controls) != 93 {
		t.Fatalf("%d controls", len(s.Controls))
	}
	due := slices.Index(columns, "Target date")
	for r, e := range s.Controls {
		row := soaHeader + 1 + r
		if got, want := value(t, f, sh, ref(1, row)), annexa.All()[r].ID.String(); got != want {
			t.Fatalf("row %d: ID %q, want %q (catalogue order)", row, got, want)
		}
		for i, want := range sheet.Cells(label.English, e) {
			if i == due {
				continue
			}
			if got := value(t, f, sh, ref(i+1, row)); got != want {
				t.Errorf("%s (%s of %s) = %q, want %q", ref(i+1, row), columns[i], e.Control.ID, got, want)
			}
		}
	}
	// The additional controls follow A.8.34, in file order, with theme "Additional" and
	// their source.
	theme, source := sheet.Index(label.ThemeCol), sheet.Index(label.SourceCol)
	for r, e := range s.Additional {
		row := soaHeader + 94 + r
		for i, want := range sheet.Cells(label.English, e) {
			if i == due {
				continue
			}
			if got := value(t, f, sh, ref(i+1, row)); got != want {
				t.Errorf("%s (%s of %s) = %q, want %q", ref(i+1, row), columns[i], e.ID(), got, want)
			}
		}
		if got := value(t, f, sh, ref(theme+1, row)); got != "Additional" {
			t.Errorf("%s theme %q", e.ID(), got)
		}
		if got := value(t, f, sh, ref(source+1, row)); got != "ISO/IEC 27017:2015" {
			t.Errorf("%s source %q", e.ID(), got)
		}
	}
	if got := value(t, f, sh, ref(1, soaHeader+94)); got != "CLD.6.3.1" {
		t.Errorf("the row after A.8.34 holds %q, want the first additional control", got)
	}
	if got := value(t, f, sh, ref(source+1, soaHeader+1)); got != "Annex A" {
		t.Errorf("A.5.1 source %q", got)
	}
	rows, err := f.GetRows(sh)
	if err != nil {
		t.Fatal(err)
	}
	if want := soaHeader + 93 + len(s.Additional); len(rows) != want || len(s.Additional) != 3 {
		t.Errorf("%d rows, want %d", len(rows), want)
	}
}

func TestTargetDateIsADate(t *testing.T) {
	s := derive(t, example())
	f := open(t, render(t, s))
	col := slices.Index(columns, "Target date") + 1
	n := 0
	for r, e := range s.Controls {
		c := ref(col, soaHeader+1+r)
		if e.Due.IsZero() {
			if v := value(t, f, xlsx.SheetSoA, c); v != "" {
				t.Errorf("%s: %q for no date", c, v)
			}
			continue
		}
		n++
		typ, err := f.GetCellType(xlsx.SheetSoA, c)
		if err != nil {
			t.Fatal(err)
		}
		if typ != excelize.CellTypeUnset && typ != excelize.CellTypeNumber {
			t.Errorf("%s: cell type %v, want a number", c, typ)
		}
		var serial float64
		if _, err := fmt.Sscan(raw(t, f, xlsx.SheetSoA, c), &serial); err != nil {
			t.Fatalf("%s: raw value %q is not a number", c, raw(t, f, xlsx.SheetSoA, c))
		}
		if got, _ := excelize.ExcelDateToTime(serial, false); !got.Equal(e.Due) {
			t.Errorf("%s: serial %v is %v, want %v", c, serial, got, e.Due)
		}
		if got := value(t, f, xlsx.SheetSoA, c); got != label.Date(e.Due) {
			t.Errorf("%s shows %q, want %q (yyyy-mm-dd)", c, got, label.Date(e.Due))
		}
	}
	if n == 0 {
		t.Fatal("the example has no target dates: the test proves nothing")
	}
}

func TestValidations(t *testing.T) {
	f := open(t, render(t, derive(t, example())))
	dvs, err := f.GetDataValidations(xlsx.SheetSoA)
	if err != nil {
		t.Fatal(err)
	}
	col := func(name string) string {
		c, _ := excelize.ColumnNumberToName(slices.Index(columns, name) + 1)
		return c
	}
	want := map[string]string{
		fmt.Sprintf("%s4:%s99", col("Applicable"), col("Applicable")): `"Yes,No"`, // 93 + 3 additional
		fmt.Sprintf("%s4:%s99", col("Status"), col("Status")):         `"Implemented,Partial,Planned,Not implemented"`,
	}
	got := map[string]string{}
	for _, dv := range dvs {
		if dv.Type != "list" {
			t.Errorf("validation on %s has type %q", dv.Sqref, dv.Type)
		}
		if !dv.ShowErrorMessage {
			t.Errorf("validation on %s does not stop wrong values", dv.Sqref)
		}
		got[dv.Sqref] = dv.Formula1
	}
	for sq, list := range want {
		if got[sq] != list {
			t.Errorf("validation on %s = %q, want %q (all: %q)", sq, got[sq], list, got)
		}
	}
}

func TestPanesAndFilter(t *testing.T) {
	f := open(t, render(t, derive(t, example())))
	for _, c := range []struct {
		sheet, top string
		x, y       int
	}{
		{xlsx.SheetSoA, "B4", 1, 3},
		{xlsx.SheetRisks, "B5", 1, 4},
	} {
		p, err := f.GetPanes(c.sheet)
		if err != nil {
			t.Fatal(err)
		}
		if !p.Freeze || p.XSplit != c.x || p.YSplit != c.y || p.TopLeftCell != c.top {
			t.Errorf("%s panes = %+v, want frozen at %s", c.sheet, p, c.top)
		}
	}
	filters := map[string]string{}
	for _, dn := range f.GetDefinedName() {
		if dn.Name == "_xlnm._FilterDatabase" {
			filters[dn.Scope] = dn.RefersTo
		}
	}
	if got, want := filters[xlsx.SheetSoA], "'Statement of Applicability'!$A$3:$S$99"; got != want {
		t.Errorf("SoA autofilter = %q, want %q", got, want)
	}
	if got := filters[xlsx.SheetRisks]; !strings.HasPrefix(got, "'Risk register'!$A$4:$AE$") {
		t.Errorf("risk register autofilter = %q", got)
	}
}

func TestConditionalFormats(t *testing.T) {
	f := open(t, render(t, derive(t, example())))
	cfs, err := f.GetConditionalFormats(xlsx.SheetSoA)
	if err != nil {
		t.Fatal(err)
	}
	var crit []string
	for _, rules := range cfs {
		for _, r := range rules {
			crit = append(crit, r.Criteria)
		}
	}
	for _, want := range []string{`$C4="No"`, `$F4="Implemented"`, `$F4="Not implemented"`} {
		if !slices.Contains(crit, want) {
			t.Errorf("no conditional format %s in %q", want, crit)
		}
	}
}

func TestPrintSetup(t *testing.T) {
	s := derive(t, example())
	f := open(t, render(t, s))
	titles := map[string]string{}
	for _, dn := range f.GetDefinedName() {
		if dn.Name == "_xlnm.Print_Titles" {
			titles[dn.Scope] = dn.RefersTo
		}
	}
	want := map[string]string{
		xlsx.SheetSoA:      "'Statement of Applicability'!$3:$3",
		xlsx.SheetSummary:  "'Summary'!$1:$1",
		xlsx.SheetRisks:    "'Risk register'!$A:$B,'Risk register'!$3:$4",
		xlsx.SheetHeatMap:  "'Heat map'!$1:$1",
		xlsx.SheetDocument: "'Document control'!$1:$1",
	}
	for _, sh := range xlsx.Sheets {
		if titles[sh] != want[sh] {
			t.Errorf("%s: print titles %q, want %q", sh, titles[sh], want[sh])
		}
		pl, err := f.GetPageLayout(sh)
		if err != nil {
			t.Fatal(err)
		}
		wide := 1
		if sh == xlsx.SheetRisks {
			wide = 2 // its 31 columns, the ID and the risk repeated on each page
		}
		if *pl.Size != 9 || *pl.Orientation != "landscape" || pl.FitToWidth == nil || *pl.FitToWidth != wide ||
			pl.FitToHeight == nil || *pl.FitToHeight != 0 {
			t.Errorf("%s: page layout size %d %s, fit %v×%v; want A4 (9) landscape, %d page(s) wide", sh, *pl.Size, *pl.Orientation, pl.FitToWidth, pl.FitToHeight, wide)
		}
		props, err := f.GetSheetProps(sh)
		if err != nil {
			t.Fatal(err)
		}
		if props.FitToPage == nil || !*props.FitToPage {
			t.Errorf("%s: fit to page is off", sh)
		}
		hf, err := f.GetHeaderFooter(sh)
		if err != nil {
			t.Fatal(err)
		}
		for _, part := range []string{s.Document.ID, "Version " + s.Document.Version, s.Document.Classification, "Page &P of &N"} {
			if !strings.Contains(hf.OddFooter, part) {
				t.Errorf("%s: footer %q lacks %q", sh, hf.OddFooter, part)
			}
		}
	}
}

func TestDocProps(t *testing.T) {
	s := derive(t, example())
	f := open(t, render(t, s))
	p, err := f.GetDocProps()
	if err != nil {
		t.Fatal(err)
	}
	date := s.Date.Format("2006-01-02T15:04:05Z")
	if p.Title != s.Document.Title || p.Creator != s.Document.Owner || p.Created != date || p.Modified != date ||
		!strings.Contains(p.Subject, s.Document.Organization) {
		t.Errorf("doc props = %+v; want title %q, creator %q, dates %s", p, s.Document.Title, s.Document.Owner, date)
	}
}

// A justification written with text that a spreadsheet would take for a formula, or in
// many scripts, must come back as the same string, in a string cell.
func TestTextStaysText(t *testing.T) {
	texts := []string{
		`=cmd|' /C calc'!A0`,
		"+1+1",
		"-2+3",
		"@SUM(A1:A2)",
		"Zażółć gęślą jaźń — Größe — Ελληνικά — Привет — 日本語",
		"literal _x0041_ stays as written",
	}
	col := slices.Index(columns, "Justification") + 1
	for _, text := range texts {
		t.Run(text, func(t *testing.T) {
			quoted := strings.ReplaceAll(text, `'`, `''`)
			dir := copyExample(t, map[string][][2]string{workspace.ControlsFile: {{
				"justification: >-\n      Customer MSAs and our SOC 2 commitments require a management-approved set of security\n      policies; the policy framework anchors the ISMS.",
				"justification: '" + quoted + "'",
			}}})
			s := derive(t, dir)
			if s.Controls[0].Justification != text {
				t.Fatalf("the loader read %q", s.Controls[0].Justification)
			}
			f := open(t, render(t, s))
			c := ref(col, soaHeader+1)
			typ, err := f.GetCellType(xlsx.SheetSoA, c)
			if err != nil {
				t.Fatal(err)
			}
			if typ != excelize.CellTypeSharedString {
				t.Errorf("cell type %v, want a string", typ)
			}
			if fx, _ := f.GetCellFormula(xlsx.SheetSoA, c); fx != "" {
				t.Errorf("formula %q", fx)
			}
			if got := value(t, f, xlsx.SheetSoA, c); got != text {
				t.Errorf("read back %q, want %q", got, text)
			}

			// The risk register, written through the StreamWriter, keeps it as text too.
			dir = copyExample(t, map[string][][2]string{workspace.RisksFile: {{
				"title: Takeover of production cloud administrator accounts", "title: '" + quoted + "'"}}})
			f = open(t, render(t, derive(t, dir)))
			typ, err = f.GetCellType(xlsx.SheetRisks, ref(2, riskFirst))
			if err != nil {
				t.Fatal(err)
			}
			if typ != excelize.CellTypeInlineString {
				t.Errorf("risk title: cell type %v, want a string", typ)
			}
			if fx, _ := f.GetCellFormula(xlsx.SheetRisks, ref(2, riskFirst)); fx != "" {
				t.Errorf("risk title: formula %q", fx)
			}
			if got := value(t, f, xlsx.SheetRisks, ref(2, riskFirst)); got != text {
				t.Errorf("risk title read back %q, want %q", got, text)
			}
		})
	}
}

func TestLongTextTruncatedVisibly(t *testing.T) {
	long := strings.Repeat("ab ", 15000) // 45,000 characters, under the loader's 64 KiB
	dir := copyExample(t, map[string][][2]string{workspace.ControlsFile: {{
		"justification: >-\n      Customer MSAs and our SOC 2 commitments require a management-approved set of security\n      policies; the policy framework anchors the ISMS.",
		"justification: '" + long + "'",
	}}})
	s := derive(t, dir)
	f := open(t, render(t, s))
	got := value(t, f, xlsx.SheetSoA, ref(slices.Index(columns, "Justification")+1, soaHeader+1))
	if n := len([]rune(got)); n > excelize.TotalCellChars {
		t.Errorf("cell holds %d characters", n)
	}
	if !strings.HasSuffix(got, "the full text is in soa.json]") || !strings.HasPrefix(got, "ab ab ") {
		t.Errorf("cell = %q…%q, want the text cut with a marker", got[:20], got[len(got)-60:])
	}
}

func TestEvidenceLinks(t *testing.T) {
	old := "    evidence:\n      - POL-01 Information Security Policy v4.0\n      - Policy acknowledgement report 2026"
	col := slices.Index(columns, "Evidence") + 1
	for _, c := range []struct {
		evidence string
		link     bool
	}{
		{"https://grc.example.com/evidence/POL-01?v=4", true},
		{"http://intranet.example.com/pol-01", true},
		{"javascript:alert(1)", false},
		{"file:///etc/passwd", false},
		{`\\\\server\\share\\pol.docx`, false},
		{"HTTPS://EXAMPLE.COM", true},
		{"see https://example.com/pol", false},
		{"https://", false},
	} {
		t.Run(c.evidence, func(t *testing.T) {
			dir := copyExample(t, map[string][][2]string{workspace.ControlsFile: {{old, "    evidence: [\"" + c.evidence + "\"]"}}})
			f := open(t, render(t, derive(t, dir)))
			cellRef := ref(col, soaHeader+1)
			ok, target, err := f.GetCellHyperLink(xlsx.SheetSoA, cellRef)
			if err != nil {
				t.Fatal(err)
			}
			if ok != c.link {
				t.Errorf("link = %v (%q), want %v", ok, target, c.link)
			}
			if want := strings.ReplaceAll(c.evidence, `\\`, `\`); value(t, f, xlsx.SheetSoA, cellRef) != want {
				t.Errorf("cell = %q, want %q", value(t, f, xlsx.SheetSoA, cellRef), want)
			}
		})
	}
	// Two items: plain text, even when one is a URL.
	dir := copyExample(t, map[string][][2]string{workspace.ControlsFile: {{old, "    evidence: [\"https://example.com/a\", \"POL-01\"]"}}})
	f := open(t, render(t, derive(t, dir)))
	if ok, _, _ := f.GetCellHyperLink(xlsx.SheetSoA, ref(col, soaHeader+1)); ok {
		t.Error("a cell with two evidence items became a link")
	}
}

func TestRiskRegister(t *testing.T) {
	s := derive(t, example())
	f := open(t, render(t, s))
	if len(s.Risks) == 0 {
		t.Fatal("no risks in the example")
	}
	for k, r := range s.Risks {
		row := riskFirst + k
		if got := value(t, f, xlsx.SheetRisks, ref(1, row)); got != r.ID {
			t.Errorf("row %d: ID %q, want %q", row, got, r.ID)
		}
		currentLevel := "As target"
		if r.CurrentGiven {
			currentLevel = r.CurrentLevel
		}
		for col, want := range map[int]string{3: r.Asset, 4: r.Threat, 5: r.Vulnerability, 9: fmt.Sprint(r.InherentScore),
			14: currentLevel, 25: r.ResidualLevel, 28: r.Acceptance} {
			if got := value(t, f, xlsx.SheetRisks, ref(col, row)); got != want {
				t.Errorf("%s column %d = %q, want %q", r.ID, col, got, want)
			}
		}
	}
	rows, err := f.GetRows(xlsx.SheetRisks)
	if err != nil {
		t.Fatal(err)
	}
	if got := len(rows) - riskFirst + 1; got != len(s.Risks) {
		t.Errorf("%d risk rows, want %d", got, len(s.Risks))
	}
	// The values the example gives, as the workbook shows them.
	for _, c := range []struct{ sheet, ref, want string }{
		{xlsx.SheetRisks, "C5", "AWS production organisation; Okta tenant"},
		{xlsx.SheetRisks, "E5", "Standing administrator privileges; push-based MFA"},
		{xlsx.SheetRisks, "AB5", "Within criteria (≤ 9)"},
		{xlsx.SheetRisks, "K3", "Current risk (today)"},
		{xlsx.SheetRisks, "V3", "Target residual risk"},
		{xlsx.SheetSoA, ref(sheet.Index(label.ProvidedByCol)+1, soaHeader+1+slices.IndexFunc(s.Controls, func(e soa.Entry) bool { return e.Control.ID.String() == "A.7.4" })), "Amazon Web Services"},
	} {
		if got := value(t, f, c.sheet, c.ref); got != c.want {
			t.Errorf("%s!%s = %q, want %q", c.sheet, c.ref, got, c.want)
		}
	}
	heat, err := f.GetRows(xlsx.SheetHeatMap)
	if err != nil {
		t.Fatal(err)
	}
	var all []string
	for _, r := range heat {
		all = append(all, strings.Join(r, " "))
	}
	for _, want := range []string{"A residual risk at level High is accepted by the CISO.", "Likelihood scale", "1 · Rare Less than once in 10 years",
		"5 · Severe Loss of customers' payment data"} {
		if !slices.ContainsFunc(all, func(l string) bool { return strings.Contains(l, want) }) {
			t.Errorf("the heat map sheet lacks %q", want)
		}
	}
}

func TestHeatMap(t *testing.T) {
	s := derive(t, example())
	f := open(t, render(t, s))
	n, m := len(s.Method.Likelihood), len(s.Method.Impact)
	const top = 5 // the row of the highest likelihood
	for g, grid := range []struct {
		name string
		h    soa.HeatMap
		col  int // the first impact column
	}{{"inherent", s.Inherent, 3}, {"current", s.Current, 3 + m + 3}, {"residual", s.Residual, 3 + 2*(m+3)}} {
		total := 0
		for l := 1; l <= n; l++ {
			row := top + n - l
			if got, want := value(t, f, xlsx.SheetHeatMap, ref(grid.col-1, row)), fmt.Sprintf("%d · %s", l, s.Method.Likelihood[l-1]); got != want {
				t.Errorf("%s likelihood label %q, want %q", grid.name, got, want)
			}
			for i := 1; i <= m; i++ {
				c := ref(grid.col+i-1, row)
				if got, want := raw(t, f, xlsx.SheetHeatMap, c), fmt.Sprint(grid.h[l-1][i-1].Count); got != want {
					t.Errorf("%s %s (likelihood %d, impact %d) = %s, want %s", grid.name, c, l, i, got, want)
				}
				total += grid.h[l-1][i-1].Count
			}
		}
		if open := s.RatedRisks(); total != open || open == len(s.Risks) {
			t.Errorf("%s heat map counts %d risks, want the %d open ones (the example has a closed risk)", grid.name, total, open)
		}
		// The sentence above the grids states the total the cells add up to.
		if sub, want := value(t, f, xlsx.SheetHeatMap, "A2"), fmt.Sprintf("%d risks in all.", total); !strings.Contains(sub, want) || !strings.Contains(sub, "Closed risks left out: 1.") {
			t.Errorf("heat map subtitle %q, want it to say %q", sub, want)
		}
		for i := 1; i <= m; i++ {
			if got, want := value(t, f, xlsx.SheetHeatMap, ref(grid.col+i-1, top+n)), fmt.Sprintf("%d · %s", i, s.Method.Impact[i-1]); got != want {
				t.Errorf("grid %d impact label %q, want %q", g, got, want)
			}
		}
	}
}

func TestSummary(t *testing.T) {
	s := derive(t, example())
	f := open(t, render(t, s))
	rows, err := f.GetRows(xlsx.SheetSummary)
	if err != nil {
		t.Fatal(err)
	}
	found := 0
	for _, r := range rows {
		if len(r) < 4 {
			continue
		}
		for _, th := range annexa.Themes {
			if r[0] == th.Title() {
				c := s.Summary.ByTheme[th]
				if got, want := r[1:4], []string{fmt.Sprint(c.Total), fmt.Sprint(c.Applicable), fmt.Sprint(c.Excluded)}; !slices.Equal(got, want) {
					t.Errorf("%s: %q, want %q", th, got, want)
				}
				found++
			}
		}
		if r[0] == "Status" && r[1] != "Approved" {
			t.Errorf("status %q for an approved document", r[1])
		}
	}
	if found != len(annexa.Themes) {
		t.Errorf("found %d theme rows", found)
	}
	// The counts say how many controls are beyond Annex A, as the PDF's summary does.
	line := fmt.Sprintf("%s: %d applicable, %d excluded.", s.Summary.Line(), s.Summary.Combined().Applicable, s.Summary.Combined().Excluded)
	if !strings.HasPrefix(line, "93 Annex A controls + 3 additional") || !slices.ContainsFunc(rows, func(r []string) bool { return len(r) > 0 && strings.HasPrefix(r[0], line) }) {
		t.Errorf("no row starts with %q", line)
	}
	zr, err := zip.NewReader(bytes.NewReader(render(t, s)), int64(len(render(t, s))))
	if err != nil {
		t.Fatal(err)
	}
	charts := 0
	for _, zf := range zr.File {
		if strings.HasPrefix(zf.Name, "xl/charts/chart") {
			charts++
		}
	}
	if charts != 1 {
		t.Errorf("%d charts, want 1", charts)
	}
}

func TestDraft(t *testing.T) {
	dir := copyExample(t, map[string][][2]string{workspace.ISMSFile: {
		{soatest.ExampleApprovals, ""},
	}})
	s := derive(t, dir)
	if s.Document.Approved() {
		t.Fatal("still approved")
	}
	b := render(t, s)
	if keep := os.Getenv("SOA_XLSX_KEEP"); keep != "" {
		if err := os.WriteFile(filepath.Join(keep, "draft.xlsx"), b, 0o644); err != nil {
			t.Fatal(err)
		}
	}
	f := open(t, b)
	if v := value(t, f, xlsx.SheetSoA, "A1"); !strings.Contains(v, "DRAFT") {
		t.Errorf("SoA title %q lacks DRAFT", v)
	}
	rows, _ := f.GetRows(xlsx.SheetSummary)
	var status string
	for _, r := range rows {
		if len(r) > 1 && r[0] == "Status" {
			status = r[1]
		}
	}
	if !strings.Contains(status, "DRAFT") {
		t.Errorf("Summary status %q lacks DRAFT", status)
	}
	hf, _ := f.GetHeaderFooter(xlsx.SheetSoA)
	if !strings.Contains(hf.OddHeader, "DRAFT") {
		t.Errorf("page header %q lacks DRAFT", hf.OddHeader)
	}
}

func TestDocumentControl(t *testing.T) {
	s := derive(t, example())
	f := open(t, render(t, s))
	rows, _ := f.GetRows(xlsx.SheetDocument)
	var text []string
	for _, r := range rows {
		text = append(text, strings.Join(r, "|"))
	}
	all := strings.Join(text, "\n")
	for _, want := range []string{s.Fingerprint, "sha256sum isms.yaml risks.yaml controls.yaml | sha256sum"} {
		if !strings.Contains(all, want) {
			t.Errorf("document control lacks %q", want)
		}
	}
	for _, h := range s.Document.History {
		if !strings.Contains(all, h.Version+"|"+label.Date(h.Date)+"|"+h.Author+"|"+h.Changes) {
			t.Errorf("history entry %s missing", h.Version)
		}
	}
}

// Render twice, compare bytes. A chart makes excelize order [Content_Types].xml at random,
// so a few renders give the map a chance to show it.
func TestDeterministic(t *testing.T) {
	s := derive(t, example())
	first := render(t, s)
	for range 5 {
		if !bytes.Equal(first, render(t, s)) {
			t.Fatal("two renders of the same SoA differ")
		}
	}
	if !bytes.Equal(first, render(t, derive(t, example()))) {
		t.Fatal("two builds of the same workspace differ")
	}
	zr, err := zip.NewReader(bytes.NewReader(first), int64(len(first)))
	if err != nil {
		t.Fatal(err)
	}
	for _, zf := range zr.File {
		if zf.Modified.After(time.Date(1981, 1, 1, 0, 0, 0, 0, time.UTC)) {
			t.Errorf("%s carries the time %v", zf.Name, zf.Modified)
		}
	}
}

// LibreOffice reads the SoA sheet as soa.json describes the controls.
func TestLibreOfficeCSV(t *testing.T) {
	s := derive(t, example())
	path := filepath.Join(t.TempDir(), "soa.xlsx")
	if err := os.WriteFile(path, render(t, s), 0o644); err != nil {
		t.Fatal(err)
	}
	recs := clienttest.FirstSheet(t, path)
	var js bytes.Buffer
	if err := version.FromSoA(s, nil).Write(&js); err != nil {
		t.Fatal(err)
	}
	j, err := version.ReadJSON(&js)
	if err != nil {
		t.Fatal(err)
	}
	if len(recs) < soaHeader+len(j.Controls) {
		t.Fatalf("LibreOffice read %d rows", len(recs))
	}
	if got := recs[soaHeader-1][:len(columns)]; !slices.Equal(got, columns) {
		t.Errorf("header %q", got)
	}
	idx := func(name string) int { return slices.Index(columns, name) }
	yes := map[bool]string{true: "Yes", false: "No"}
	for i, c := range j.Controls {
		rec := recs[soaHeader+i]
		got := []string{rec[idx("ID")], rec[idx("Control")], rec[idx("Applicable")], rec[idx("Status")], rec[idx("Justification")], rec[idx("Target date")]}
		want := []string{c.ID, c.Title, yes[c.Applicable], label.Status(c.Status), c.Justification, c.Due}
		if !slices.Equal(got, want) {
			t.Errorf("row %d:\n got %q\nwant %q", soaHeader+1+i, got, want)
		}
	}
}

// norm folds runs of white space into one space.
func norm(s string) string { return strings.Join(strings.Fields(s), " ") }

// LibreOffice opens the whole workbook without repair and prints it. Set SOA_XLSX_KEEP to a
// directory to keep the PDF for a look.
func TestLibreOfficePDF(t *testing.T) {
	s := derive(t, example())
	path := filepath.Join(t.TempDir(), "soa.xlsx")
	if err := os.WriteFile(path, render(t, s), 0o644); err != nil {
		t.Fatal(err)
	}
	out := clienttest.Convert(t, path, "pdf", "")
	b, err := os.ReadFile(out)
	if err != nil {
		t.Fatal(err)
	}
	if !bytes.HasPrefix(b, []byte("%PDF-")) || len(b) < 10000 {
		t.Fatalf("LibreOffice wrote %d bytes, not a PDF of the workbook", len(b))
	}
	// What the register records, as LibreOffice prints it (the SoA sheet prints its first
	// columns only, so the supplier of an inherited control is checked in its cell): the current rating, the acceptance against the criteria, the scales' meaning.
	raw := string(clienttest.Run(t, clienttest.Require(t, "pdftotext"), "-enc", "UTF-8", out, "-"))
	// The register prints two pages wide: the page with the acceptance columns (and not the
	// first ones, such as Vulnerability) repeats the risks' IDs and titles.
	var right bool
	for _, pg := range strings.Split(raw, "\f") {
		if strings.Contains(pg, "Against the criteria") && !strings.Contains(pg, "Vulnerability") &&
			strings.Contains(pg, "R-23") && strings.Contains(norm(pg), "Failure to meet DORA") {
			right = true
		}
	}
	if !right {
		t.Error("no printed page of the register has the acceptance columns beside the risks' IDs and titles")
	}
	text := norm(raw)
	for _, want := range []string{"Current risk (today)", "Target residual risk", "Within criteria (≤ 9)",
		"Accepted by Zoë Łukasiewicz, CISO on 2026-10-06", "Less than once in 10 years", "A residual risk at level Critical is accepted by the CEO.",
		"Credential phishing"} {
		if !strings.Contains(text, want) {
			t.Errorf("LibreOffice's print of the workbook lacks %q", want)
		}
	}
	if keep := os.Getenv("SOA_XLSX_KEEP"); keep != "" {
		if err := os.WriteFile(filepath.Join(keep, "soa.pdf"), b, 0o644); err != nil {
			t.Fatal(err)
		}
		if err := os.WriteFile(filepath.Join(keep, "soa.xlsx"), render(t, s), 0o644); err != nil {
			t.Fatal(err)
		}
	}
}

func TestGeneratedRegister(t *testing.T) {
	s := derive(t, soatest.Generated(t, 300))
	f := open(t, render(t, s))
	rows, err := f.GetRows(xlsx.SheetRisks)
	if err != nil {
		t.Fatal(err)
	}
	if got := len(rows) - riskFirst + 1; got != 300 {
		t.Errorf("%d risk rows, want 300", got)
	}
}

func BenchmarkWrite(b *testing.B) {
	for _, c := range []struct {
		name string
		dir  func(testing.TB) string
	}{
		{"example", func(testing.TB) string { return example() }},
		{"risks=10000", func(tb testing.TB) string { return soatest.Generated(tb, 10000) }},
	} {
		b.Run(c.name, func(b *testing.B) {
			s := derive(b, c.dir(b))
			var buf bytes.Buffer
			b.ReportAllocs()
			b.ResetTimer()
			for b.Loop() {
				buf.Reset()
				if err := xlsx.Write(&buf, s, nil); err != nil {
					b.Fatal(err)
				}
			}
			b.ReportMetric(float64(buf.Len()), "bytes/file")
		})
	}
}

// The renderer follows the method's scales and levels, whatever their size, and copes with
// an empty register.
func TestOtherMethodAndNoRisks(t *testing.T) {
	s := derive(t, example())
	s.Risks = nil
	s.Method = risk.Method{Likelihood: []string{"Low", "Medium", "High"}, Impact: []string{"Minor", "Moderate", "Major", "Extreme"},
		Levels: []risk.Level{{Name: "Acceptable", Max: 3}, {Name: "Tolerable", Max: 8}, {Name: "Intolerable", Max: 12}}, Acceptance: 3}
	s.Inherent = soa.NewHeatMap(s.Method)
	s.Residual = s.Inherent
	f := open(t, render(t, s))
	if got := value(t, f, xlsx.SheetHeatMap, "B5"); got != "3 · High" {
		t.Errorf("top likelihood label %q", got)
	}
	if got := value(t, f, xlsx.SheetHeatMap, "F8"); got != "4 · Extreme" {
		t.Errorf("last impact label %q", got)
	}
	if got := value(t, f, xlsx.SheetRisks, ref(1, riskFirst)); got != "The risk register is empty." {
		t.Errorf("empty register row %q", got)
	}
}

// TestMain removes the LibreOffice profile the tests used.
func TestMain(m *testing.M) { os.Exit(clienttest.Main(m)) }

// columns are the headings of the SoA sheet and soa.csv in English.
var columns = sheet.Header(label.English)
