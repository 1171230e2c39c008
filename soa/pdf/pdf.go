// Package pdf renders the SoA as an auditor-ready A4 PDF with maroto: a cover, document
// control, a summary with the heat maps and the exclusions, the SoA table grouped by theme,
// and the risk treatment plan as an appendix. When the build carries the changes since a
// previous version (soa build --since), a one-page digest "Changes in this version" follows
// document control and the full list is Appendix B, after the risk treatment plan. It is the only package that imports maroto. Like soa/xlsx, it formats what package
// soa derived (states, levels and their ranks, counts) and decides no rule of its own.
//
// It holds no rule of its own: every figure comes from the derived [soa.SoA].
//
// # Layout
//
// Pages are A4 landscape: the SoA table has eight columns of free text (nine with SOC 2),
// and portrait's 190 mm would leave the justification and evidence columns a few words
// wide, turning every control into a tall, narrow row.
//
// Maroto's own table repeats no header and clips rows taller than a page, so the document
// breaks its own lines and tracks maroto's page accounting (see layout.go): it repeats each
// table's column header at the top of every page the table runs on, and splits an entry
// longer than a page between lines, never losing text.
package pdf

import (
	"bytes"
	"fmt"
	"io"
	"slices"
	"strconv"
	"strings"
	"sync"
	"time"

	"github.com/johnfercher/maroto/v2"
	"github.com/johnfercher/maroto/v2/pkg/components/col"
	"github.com/johnfercher/maroto/v2/pkg/components/row"
	"github.com/johnfercher/maroto/v2/pkg/components/text"
	"github.com/johnfercher/maroto/v2/pkg/config"
	"github.com/johnfercher/maroto/v2/pkg/consts/align"
	"github.com/johnfercher/maroto/v2/pkg/consts/border"
	"github.com/johnfercher/maroto/v2/pkg/consts/fontstyle"
	"github.com/johnfercher/maroto/v2/pkg/consts/orientation"
	"github.com/johnfercher/maroto/v2/pkg/consts/pagesize"
	"github.com/johnfercher/maroto/v2/pkg/core/entity"
	"github.com/johnfercher/maroto/v2/pkg/props"
	"github.com/phpdave11/gofpdf"
	"golang.org/x/image/font/gofont/gobold"
	"golang.org/x/image/font/gofont/goregular"

	"github.com/soa-tool/soa/annexa"
	"github.com/soa-tool/soa/risk"
	"github.com/soa-tool/soa/soa"
	"github.com/soa-tool/soa/soa/label"
	soatext "github.com/soa-tool/soa/soa/text"
	"github.com/soa-tool/soa/soa/version"
	"github.com/soa-tool/soa/soa/workspace"
)

// Options steer the PDF.
type Options struct {
	// Regular and Bold are TrueType fonts to embed instead of the built-in ones; Bold may be
	// nil, in which case Regular serves for bold text too.
	Regular, Bold []byte
	// SOC2 adds a column with the SOC 2 criteria of each control.
	SOC2 bool
}

// Page geometry, in mm. The bottom margin holds the footer line and the page number.
const (
	marginSide   = 12
	marginTop    = 8
	marginBottom = 10
)

var (
	ink      = &props.Color{Red: 33, Green: 37, Blue: 41}
	muted    = &props.Color{Red: 96, Green: 103, Blue: 112}
	navy     = &props.Color{Red: 23, Green: 54, Blue: 93}
	white    = &props.Color{Red: 255, Green: 255, Blue: 255}
	rule     = &props.Color{Red: 190, Green: 196, Blue: 204}
	zebra    = &props.Color{Red: 244, Green: 246, Blue: 249}
	amber    = &props.Color{Red: 253, Green: 240, Blue: 222}
	red      = &props.Color{Red: 192, Green: 0, Blue: 0}
	redTint  = &props.Color{Red: 253, Green: 226, Blue: 226}
	green    = &props.Color{Red: 30, Green: 110, Blue: 50}
	greenBox = &props.Color{Red: 226, Green: 242, Blue: 228}
)

// gofpdf's defaults for the creation and modification dates and the catalogue order are
// package globals, read when a document is created.
var gofpdfDefaults sync.Mutex

var timeZero time.Time

// Write renders the PDF for s to w, with a section "Changes in this version" when changes is
// not nil (soa build --since). The same SoA, changes and options give the same bytes.
func Write(w io.Writer, s *soa.SoA, changes *version.Changes, opt Options) error {
	regular, bold := goregular.TTF, gobold.TTF
	if opt.Regular != nil {
		regular, bold = opt.Regular, opt.Regular
		if opt.Bold != nil {
			bold = opt.Bold
		}
	}
	meas, err := newMeasurer(regular, bold)
	if err != nil {
		return err
	}
	d := &doc{meas: meas, pages: 1}
	d.cfg = newConfig(s, regular, bold)

	gofpdfDefaults.Lock()
	gofpdf.SetDefaultModificationDate(s.Date)
	gofpdf.SetDefaultCreationDate(s.Date)
	gofpdf.SetDefaultCatalogSort(true)
	d.m = maroto.New(d.cfg)
	gofpdf.SetDefaultModificationDate(timeZero)
	gofpdf.SetDefaultCreationDate(timeZero)
	gofpdf.SetDefaultCatalogSort(false)
	gofpdfDefaults.Unlock()

	r := &renderer{d: d, s: s, since: changes, opt: opt}
	if err := r.frame(); err != nil {
		return err
	}
	r.cover()
	r.control()
	r.changes()
	r.summary()
	r.table()
	r.appendix()
	r.changesFull()
	if breaks := d.calls - 2; breaks != d.pages-1 {
		return fmt.Errorf("pdf layout: maroto broke %d pages where %d were planned", breaks, d.pages-1)
	}
	out, err := d.m.Generate()
	if err != nil {
		return fmt.Errorf("cannot render the PDF: %w", err)
	}
	_, err = io.Copy(w, bytes.NewReader(out.GetBytes()))
	return err
}

func newConfig(s *soa.SoA, regular, bold []byte) *entity.Config {
	doc := s.Document
	title := docTitle(s)
	subject := "ISO/IEC 27001:2022 Statement of Applicability"
	if doc.ID != "" {
		subject += ", " + doc.ID
	}
	if doc.Version != "" {
		subject += " version " + doc.Version
	}
	author := doc.Owner
	if author == "" {
		author = doc.Organization
	}
	return config.NewBuilder().
		WithPageSize(pagesize.A4).
		WithOrientation(orientation.Horizontal).
		WithLeftMargin(marginSide).WithRightMargin(marginSide).
		WithTopMargin(marginTop).WithBottomMargin(marginBottom).
		WithMaxGridSize(grid).
		WithSequentialMode().
		WithCompression(true).
		WithCustomFonts([]*entity.CustomFont{
			{Family: family, Style: fontstyle.Normal, Bytes: regular},
			{Family: family, Style: fontstyle.Bold, Bytes: bold},
		}).
		WithDefaultFont(&props.Font{Family: family, Style: fontstyle.Normal, Size: 8, Color: ink}).
		WithPageNumber(props.PageNumber{Pattern: "Page {current} of {total}", Place: props.RightBottom,
			Family: family, Style: fontstyle.Normal, Size: 7.5, Color: muted}).
		WithTitle(strings.TrimSpace(title+" — "+doc.Organization), true).
		WithAuthor(author, true).
		WithSubject(subject, true).
		WithCreator("soa", true).
		WithCreationDate(s.Date).
		Build()
}

func docTitle(s *soa.SoA) string {
	if t := strings.TrimSpace(s.Document.Title); t != "" {
		return t
	}
	return "Statement of Applicability"
}

// renderer writes the sections of the document.
type renderer struct {
	d     *doc
	s     *soa.SoA
	since *version.Changes
	opt   Options
	// pageOf records the first page of each section, for the contents.
	pageOf map[string]int
}

// frame registers the page header (organization, title, and DRAFT or the classification)
// and the footer (document ID, version, classification; maroto adds the page number).
func (r *renderer) frame() error {
	d, doc := r.d, r.s.Document
	left := doc.Organization
	if left != "" {
		left += "  ·  "
	}
	left += docTitle(r.s)
	hs := rowSpec{fontSize: 8, padTop: 0, padBottom: 1.6, borderGrey: rule}
	right := []line{{text: strings.ToUpper(doc.Classification), bold: true, color: muted, align: align.Right}}
	if !doc.Approved() {
		right = []line{{text: "DRAFT — NOT APPROVED", bold: true, color: red, align: align.Right}}
	}
	head := hs.build([]textCol{
		{size: 700, lines: []line{{text: left, color: muted}}, bd: border.Bottom},
		{size: 300, lines: right, bd: border.Bottom},
	}, 0, 1)
	gap := row.New(4).Add(col.New(grid))
	if err := d.m.RegisterHeader(probe{Row: head, d: d}, gap); err != nil {
		return err
	}
	if d.prov == nil {
		return fmt.Errorf("pdf layout: maroto did not measure the page header")
	}
	d.headerR = []float64{head.GetHeight(d.prov, d.root), gap.GetHeight(d.prov, d.root)}
	for _, h := range d.headerR {
		d.headerH += h
	}
	d.cur, d.top = d.headerH, d.headerH

	var ident []string
	if doc.ID != "" {
		ident = append(ident, doc.ID)
	}
	if doc.Version != "" {
		ident = append(ident, "Version "+doc.Version)
	}
	if doc.Classification != "" {
		ident = append(ident, doc.Classification)
	}
	if !doc.Approved() {
		ident = append(ident, "DRAFT")
	}
	// The footer is 2 mm of the usable area with a rule on top; its text sits below the
	// usable area, on the baseline maroto gives the page number.
	foot := row.New(2).Add(
		text.NewCol(700, strings.Join(ident, "  ·  "), props.Text{Family: family, Size: 7.5, Color: muted, Top: 2}).
			WithStyle(&props.Cell{BorderType: border.Top, BorderColor: rule, BorderThickness: 0.2}),
		col.New(300).WithStyle(&props.Cell{BorderType: border.Top, BorderColor: rule, BorderThickness: 0.2}),
	)
	if err := d.m.RegisterFooter(foot); err != nil {
		return err
	}
	d.footerH = d.rowHeight(foot)
	r.pageOf = map[string]int{}
	return nil
}

// section starts a section on a new page with a heading.
func (r *renderer) section(key, heading string) {
	r.d.repeat = nil
	r.d.newPage()
	r.pageOf[key] = r.d.pages
	r.heading(heading, 14)
}

// heading adds a heading, kept with at least a few lines of what follows.
func (r *renderer) heading(s string, size float64) {
	st := style{size: size, bold: true, color: navy}
	rs := rowSpec{fontSize: size, padTop: size * 0.25, padBottom: size * 0.18}
	lines := r.d.wrap(s, st, r.d.root.Width, false)
	r.d.keep(rs.height(len(lines)) + 20)
	r.d.entry(rs, []textCol{{size: grid, lines: lines}}, nil)
}

// para adds a paragraph of body text in the first frac thousandths of the width.
func (r *renderer) para(s string, st style, frac int) {
	if st.size == 0 {
		st.size = 8.5
	}
	if st.color == nil {
		st.color = ink
	}
	rs := rowSpec{fontSize: st.size, padTop: 0.5, padBottom: 1.5}
	lines := r.d.wrap(s, st, r.d.root.Width*float64(frac)/grid, true)
	cols := []textCol{{size: frac, lines: lines}}
	if frac < grid {
		cols = append(cols, textCol{size: grid - frac})
	}
	r.d.entry(rs, cols, nil)
}

func (r *renderer) space(h int) {
	if r.d.fits(float64(h)) {
		r.d.put(row.New(float64(h)).Add(col.New(grid)))
	}
}

// keyValues2 adds labels and values two pairs to a row.
func (r *renderer) keyValues2(kv [][2]string, size float64) {
	rs := rowSpec{fontSize: size, padTop: 1.2, padBottom: 1.2, padSide: 1.5, borderGrey: rule}
	const label, value = 110, 250
	lw := r.d.root.Width*label/grid - 2*rs.padSide
	vw := r.d.root.Width*value/grid - 2*rs.padSide
	for i := 0; i < len(kv); i += 2 {
		var cols []textCol
		for _, p := range kv[i:min(i+2, len(kv))] {
			cols = append(cols,
				textCol{size: label, lines: r.d.wrap(p[0], style{size: size, bold: true, color: muted}, lw, false), bd: border.Bottom},
				textCol{size: value, lines: r.d.wrap(dash(p[1]), style{size: size, color: ink}, vw, false), bd: border.Bottom})
		}
		cols = append(cols, textCol{size: grid - (label+value)*len(cols)/2})
		r.d.entry(rs, cols, nil)
	}
}

// keyValues adds a two-column list of labels and values.
func (r *renderer) keyValues(kv [][2]string, labelFrac, frac int, size float64) {
	rs := rowSpec{fontSize: size, padTop: 1.2, padBottom: 1.2, padSide: 1.5, borderGrey: rule}
	for _, p := range kv {
		if p[1] == "" {
			p[1] = "—"
		}
		lw := r.d.root.Width * float64(labelFrac) / grid
		vw := r.d.root.Width * float64(frac-labelFrac) / grid
		cols := []textCol{
			{size: labelFrac, lines: r.d.wrap(p[0], style{size: size, bold: true, color: muted}, lw-2*rs.padSide, false), bd: border.Bottom},
			{size: frac - labelFrac, lines: r.d.wrap(p[1], style{size: size, color: ink}, vw-2*rs.padSide, false), bd: border.Bottom},
		}
		if frac < grid {
			cols = append(cols, textCol{size: grid - frac})
		}
		r.d.entry(rs, cols, nil)
	}
}

func (r *renderer) cover() {
	doc := r.s.Document
	r.pageOf["cover"] = 1
	r.space(14)
	r.para("Statement of Applicability", style{size: 30, bold: true, color: navy}, grid)
	r.para("ISO/IEC 27001:2022, Annex A — information security controls", style{size: 12, color: muted}, grid)
	r.space(4)
	if doc.Organization != "" {
		r.para(doc.Organization, style{size: 20, bold: true, color: ink}, grid)
	}
	if t := docTitle(r.s); t != "Statement of Applicability" {
		r.para(t, style{size: 12, color: ink}, grid)
	}
	r.space(6)
	if !doc.Approved() {
		r.banner("DRAFT — NOT APPROVED", "This Statement of Applicability has not been approved by management. "+
			"It must not be issued or relied on as the organization's SoA.", red, redTint)
	} else {
		r.banner("Approved by "+doc.ApprovedBy+" on "+label.Date(doc.ApprovedOn), "", green, greenBox)
	}
	r.space(6)
	r.para("Scope of the information security management system", style{size: 9, bold: true, color: navy}, 720)
	r.para(doc.Scope, style{size: 9.5}, 720)
	r.space(4)
	kv := [][2]string{
		{"Document ID", doc.ID},
		{"Version", doc.Version},
		{"Classification", doc.Classification},
		{"Document owner", doc.Owner},
	}
	if doc.PreparedBy != "" {
		kv = append(kv, [2]string{"Prepared by", doc.PreparedBy})
	}
	if doc.ReviewedBy != "" {
		kv = append(kv, [2]string{"Reviewed by", doc.ReviewedBy})
	}
	kv = append(kv, [2]string{"Date", label.Date(r.s.Date)}, [2]string{"Next review", label.Date(doc.NextReview)})
	r.keyValues(kv, 130, 480, 9)
}

// banner is a coloured box with a bold line and an optional explanation.
func (r *renderer) banner(title, body string, fg, bg *props.Color) {
	rs := rowSpec{fontSize: 16, padTop: 3, padBottom: 1.5, padSide: 4}
	w := r.d.root.Width * 720 / grid
	lines := r.d.wrap(title, style{size: 16, bold: true, color: fg}, w-8, false)
	r.d.entry(rs, []textCol{{size: 720, lines: lines, bg: bg}, {size: 280}}, nil)
	if body != "" {
		rs = rowSpec{fontSize: 9, padTop: 0.5, padBottom: 3, padSide: 4}
		lines = r.d.wrap(body, style{size: 9, color: fg}, w-8, false)
		r.d.entry(rs, []textCol{{size: 720, lines: lines, bg: bg}, {size: 280}}, nil)
	} else {
		r.d.put(row.New(2).Add(col.New(720).WithStyle(&props.Cell{BackgroundColor: bg}), col.New(280)))
	}
}

func (r *renderer) control() {
	doc := r.s.Document
	r.section("control", "1  Document control")
	status := "Approved"
	if !doc.Approved() {
		status = "DRAFT — not approved"
	}
	kv := [][2]string{
		{"Document ID", doc.ID}, {"Classification", doc.Classification},
		{"Version", doc.Version}, {"Status", status},
		{"Owner", doc.Owner}, {"Next review", label.Date(doc.NextReview)},
		{"Approved by", doc.ApprovedBy}, {"Approved on", label.Date(doc.ApprovedOn)},
	}
	if doc.PreparedBy != "" || doc.ReviewedBy != "" {
		kv = append(kv, [2]string{"Prepared by", doc.PreparedBy}, [2]string{"Reviewed by", doc.ReviewedBy})
	}
	r.keyValues2(kv, 8.5)
	if doc.RiskAssessment != "" {
		r.keyValues([][2]string{{"Risk assessment", doc.RiskAssessment}}, 130, 870, 8.5)
	}

	r.space(5)
	r.heading("Revision history", 10)
	t := r.newTable([]column{{"Version", 18}, {"Date", 24}, {"Author", 50}, {"Changes", 181}}, "Revision history (continued)")
	t.begin()
	for i, h := range doc.History {
		t.add(i, nil, h.Version, label.Date(h.Date), h.Author, h.Changes)
	}
	if len(doc.History) == 0 {
		t.add(0, nil, "—", "", "", "No revisions recorded.")
	}
	t.end()

	r.space(5)
	r.heading("Workspace fingerprint", 10)
	r.para("This document was built from the workspace files whose SHA-256 fingerprint is:", style{}, grid)
	r.para(r.s.Fingerprint, style{size: 9, bold: true}, grid)
	r.para("To check that it matches the files, run in the workspace directory: "+
		"sha256sum isms.yaml risks.yaml controls.yaml | sha256sum — the 64 hexadecimal digits it prints must equal the fingerprint above. "+
		"The same fingerprint is recorded in soa.json.", style{color: muted}, grid)

	r.space(5)
	r.heading("Contents", 10)
	entries := []struct{ key, title string }{{"control", "1  Document control"}}
	if r.since != nil {
		entries = append(entries, struct{ key, title string }{"changes", "    " + changesHeading})
	}
	entries = append(entries, []struct{ key, title string }{
		{"summary", "2  Summary: applicability, implementation status and risk"},
		{"excluded", "    Excluded controls and their justification"},
	}...)
	for i, th := range annexa.Themes {
		entries = append(entries, struct{ key, title string }{string(th), fmt.Sprintf("%s  %s", sectionNo(i), th.Title())})
	}
	if len(r.s.Additional) > 0 {
		entries = append(entries, struct{ key, title string }{string(soa.ThemeAdditional), fmt.Sprintf("%s  %s", sectionNo(len(annexa.Themes)), soa.ThemeAdditional.Title())})
	}
	entries = append(entries, struct{ key, title string }{"appendix", "Appendix A  Risk treatment plan"})
	if r.since != nil {
		entries = append(entries, struct{ key, title string }{"changesFull", changesFullHeading})
	}
	for _, e := range entries {
		key := e.key
		p := props.Text{Family: family, Size: 8.5, Color: ink, Top: 0.8, Bottom: 0.8}
		pn := p
		pn.Align = align.Right
		line := row.New().Add(
			text.NewCol(450, e.title, p),
			col.New(60).Add(&lazyText{value: func() string { return strconv.Itoa(r.pageOf[key]) }, prop: pn}),
			col.New(490),
		)
		r.d.put(line)
	}
}

// sectionNo numbers the SoA's theme sections 3.1 to 3.4.
func sectionNo(i int) string { return fmt.Sprintf("3.%d", i+1) }

func (r *renderer) summary() {
	r.section("summary", "2  Summary")
	sum := r.s.Summary
	r.heading("Applicability and implementation status by theme", 10)
	cols := []column{{"Theme", 60}, {"Controls", 22}, {"Applicable", 22}, {"Excluded", 22}}
	for _, st := range workspace.Statuses {
		cols = append(cols, column{label.Status(st), 22})
	}
	t := r.newTable(cols, "")
	for i := 1; i < len(cols); i++ {
		t.aligns[i] = align.Right
	}
	t.begin()
	counts := func(c soa.Counts) []string {
		v := []string{strconv.Itoa(c.Total), strconv.Itoa(c.Applicable), strconv.Itoa(c.Excluded)}
		for _, st := range workspace.Statuses {
			v = append(v, strconv.Itoa(c.ByStatus[st]))
		}
		return v
	}
	for i, th := range annexa.Themes {
		t.add(i, nil, append([]string{th.Title()}, counts(sum.ByTheme[th])...)...)
	}
	if sum.Additional.Total > 0 {
		t.add(len(annexa.Themes), nil, append([]string{soa.ThemeAdditional.Title()}, counts(sum.Additional)...)...)
	}
	t.bold = true
	t.add(0, zebra, append([]string{"All controls"}, counts(sum.Combined())...)...)
	t.end()
	if sum.Additional.Total > 0 {
		all := sum.Combined()
		r.para(fmt.Sprintf("%s: %d applicable, %d excluded.", sum.Line(), all.Applicable, all.Excluded), style{size: 8, color: muted}, grid)
	}

	r.space(3)
	r.heatMaps()

	r.space(3)
	r.d.repeat = nil
	r.pageOf["excluded"] = r.d.pages
	ex := r.s.Excluded()
	r.heading(fmt.Sprintf("Excluded controls (%d)", len(ex)), 10)
	if len(ex) == 0 {
		r.para("No control of Annex A is excluded: all 93 are applicable.", style{}, grid)
		return
	}
	t = r.newTable([]column{{"ID", 14}, {"Control", 60}, {"Justification for the exclusion", 175}, {"Next review", 24}}, "Excluded controls (continued)")
	t.begin()
	for i, e := range ex {
		t.add(i, nil, e.ID(), e.Control.Title, e.Justification, dash(label.Date(e.Review)))
	}
	t.end()
}

// levelColors are the colours of risk levels, lowest first; a method with another number
// of levels is spread over them.
var levelColors = []*props.Color{
	{Red: 187, Green: 226, Blue: 178},
	{Red: 255, Green: 232, Blue: 140},
	{Red: 250, Green: 184, Blue: 110},
	{Red: 238, Green: 120, Blue: 120},
}

// levelColor is the colour of the level of index i in Method.Levels (a rank of the model).
func (r *renderer) levelColor(i int) *props.Color {
	m := r.s.Method
	if i < 0 || i >= len(m.Levels) {
		return nil
	}
	if len(m.Levels) == 1 {
		return levelColors[0]
	}
	return levelColors[i*(len(levelColors)-1)/(len(m.Levels)-1)]
}

func (r *renderer) heatMaps() {
	m := r.s.Method
	n, k := len(m.Likelihood), len(m.Impact)
	if n == 0 || k == 0 || len(r.s.Inherent) != n || len(r.s.Residual) != n {
		return
	}
	type heat struct {
		title string
		h     soa.HeatMap
	}
	maps := []heat{{"Inherent risk (before treatment)", r.s.Inherent}, {"Target residual risk (after treatment)", r.s.Residual}}
	if len(r.s.Current) == n {
		maps = []heat{maps[0], {"Current risk (today)", r.s.Current}, maps[1]}
	}
	// The grids side by side, each a label column and one column per impact level.
	const gap = 20
	part := (grid - gap*(len(maps)-1)) / len(maps)
	label := part * 110 / 490
	axisSize := 7.5
	if len(maps) > 2 { // narrower grids: a smaller axis keeps the level names whole
		label, axisSize = part*90/490, 6.5
	}
	cell := (part - label) / k
	rs := rowSpec{fontSize: axisSize, padTop: 1.6, padBottom: 1.6, padSide: 1, borderGrey: white}
	var titles []textCol
	for i, h := range maps {
		if i > 0 {
			titles = append(titles, textCol{size: gap})
		}
		titles = append(titles, textCol{size: part, lines: []line{{text: h.title, bold: true, color: navy}}})
	}
	// Keep the maps together on one page.
	r.d.keep(rowSpec{fontSize: 9}.height(1) + float64(n+3)*rs.height(2) + 8)
	r.d.entry(rowSpec{fontSize: 9, padBottom: 1.5}, titles, nil)
	labelW := r.d.root.Width * float64(label) / grid
	cellW := r.d.root.Width * float64(cell) / grid
	rest := func(cols []textCol) []textCol {
		if rest := part - label - cell*k; rest > 0 {
			cols = append(cols, textCol{size: rest})
		}
		return cols
	}
	one := func(h soa.HeatMap, l int) []textCol {
		cols := []textCol{{size: label, lines: r.d.wrap(m.Likelihood[l], style{size: axisSize, color: ink, align: align.Right}, labelW-2, false)}}
		for i := range k {
			c := textCol{size: cell, bg: r.levelColor(h[l][i].Rank), bd: border.Full}
			if v := h[l][i].Count; v > 0 {
				c.lines = []line{{text: strconv.Itoa(v), bold: true, color: ink, align: align.Center}}
			}
			cols = append(cols, c)
		}
		return rest(cols)
	}
	for l := n - 1; l >= 0; l-- {
		var cols []textCol
		for i, h := range maps {
			if i > 0 {
				cols = append(cols, textCol{size: gap})
			}
			cols = append(cols, one(h.h, l)...)
		}
		// An empty row would have no height: give it the label's.
		r.d.entry(rs, cols, nil)
	}
	axis := func() []textCol {
		cols := []textCol{{size: label, lines: r.d.wrap("Likelihood / Impact", style{size: axisSize, color: muted, align: align.Right}, labelW-2, false)}}
		for i := range k {
			cols = append(cols, textCol{size: cell, lines: r.d.wrap(m.Impact[i], style{size: axisSize, color: ink, align: align.Center}, cellW-2, false)})
		}
		return rest(cols)
	}
	var ax []textCol
	for i := range maps {
		if i > 0 {
			ax = append(ax, textCol{size: gap})
		}
		ax = append(ax, axis()...)
	}
	r.d.entry(rowSpec{fontSize: axisSize, padTop: 1, padBottom: 1, padSide: 1}, ax, nil)

	// Legend: the levels with their colours and the acceptance threshold.
	var legend []textCol
	for i, lv := range m.Ranges() {
		legend = append(legend,
			textCol{size: 25, bg: r.levelColor(i), bd: border.Full},
			textCol{size: 125, lines: []line{{text: fmt.Sprintf("%s (%d–%d)", lv.Name, lv.Min, lv.Max), color: ink}}})
	}
	used := 150 * len(legend) / 2
	if used < grid {
		legend = append(legend, textCol{size: grid - used})
	}
	if used <= grid {
		r.space(1)
		r.d.entry(rowSpec{fontSize: 7.5, padTop: 1, padBottom: 1, padSide: 1.5, borderGrey: white}, legend, nil)
	}
	closed := ""
	if n := r.s.ClosedRisks(); n > 0 {
		closed = fmt.Sprintf("; %s left out", soatext.Plural(n, "closed risk"))
	}
	today := ""
	if len(maps) == 3 {
		today = " The current map rates each risk as it stands today, while its treatment is open; the target residual map as it will stand once the treatment is done."
	}
	r.para(fmt.Sprintf("Score = likelihood × impact. Each cell counts the risks of the register (%d in all%s) rated at that likelihood and impact; "+
		"its colour is the level of its score. A residual score above %d needs the risk owner's acceptance.%s",
		len(r.s.Risks)-r.s.ClosedRisks(), closed, m.Acceptance, today), style{size: 7.5, color: muted}, grid)
}

func (r *renderer) table() {
	var heads []column
	if r.opt.SOC2 {
		heads = []column{{"ID", 14}, {"Control", 38}, {"Applicable", 17}, {"Reasons and related risks", 30},
			{"Justification", 56}, {"Status", 19}, {"Owner", 24}, {"Implementation and evidence", 57}, {"SOC 2 criteria", 18}}
	} else {
		heads = []column{{"ID", 14}, {"Control", 38}, {"Applicable", 17}, {"Reasons and related risks", 30},
			{"Justification", 64}, {"Status", 19}, {"Owner", 24}, {"Implementation and evidence", 67}}
	}
	for i, th := range annexa.Themes {
		heading := fmt.Sprintf("%s  %s", sectionNo(i), th.Title())
		if i == 0 {
			r.section(string(th), "3  Statement of Applicability")
			r.para("Every control of ISO/IEC 27001:2022 Annex A with the decision on it. Reasons for inclusion: legal, regulatory, contractual, business, "+
				"best practice, and risk — the control is selected by the treatment of the risks listed (see Appendix A). "+
				"Excluded controls are shaded.", style{size: 8, color: muted}, grid)
			r.heading(heading, 11)
		} else {
			r.section(string(th), heading)
		}
		c := r.s.Summary.ByTheme[th]
		r.para(fmt.Sprintf("%d controls: %d applicable, %d excluded.", c.Total, c.Applicable, c.Excluded), style{size: 8, color: muted}, grid)
		t := r.newTable(heads, heading+" (continued)")
		t.begin()
		n := 0
		for _, e := range r.s.Controls {
			if e.Control.Theme != th {
				continue
			}
			cells, bg := r.entryCells(t, e)
			t.addCells(n, cells, bg)
			n++
		}
		t.end()
	}
	if len(r.s.Additional) == 0 {
		return
	}
	heading := fmt.Sprintf("%s  %s", sectionNo(len(annexa.Themes)), soa.ThemeAdditional.Title())
	r.section(string(soa.ThemeAdditional), heading)
	c := r.s.Summary.Additional
	r.para(fmt.Sprintf("Controls beyond Annex A that the risk treatment or other requirements call for (clause 6.1.3 b, Note 1), each with its source. "+
		"%d controls: %d applicable, %d excluded.", c.Total, c.Applicable, c.Excluded), style{size: 8, color: muted}, grid)
	// Their own IDs are longer than A.5.1: the ID column takes room from the justification.
	heads = slices.Clone(heads)
	heads[0].weight += 10
	heads[4].weight -= 10
	t := r.newTable(heads, heading+" (continued)")
	t.begin()
	for i, e := range r.s.Additional {
		cells, bg := r.entryCells(t, e)
		t.addCells(i, cells, bg)
	}
	t.end()
}

// entryCells gives the SoA table's cells for one control.
func (r *renderer) entryCells(t *table, e soa.Entry) ([][]line, *props.Color) {
	var bg *props.Color
	applicable := "Yes"
	if e.ProvidedBy != "" {
		applicable = "Yes, inherited"
	}
	switch {
	case !e.Decided:
		applicable = "Not decided"
	case !e.Applicable:
		applicable, bg = "No", amber
	}
	plain := style{size: t.rs.fontSize, color: ink}
	boldS := style{size: t.rs.fontSize, bold: true, color: ink}
	mutedS := style{size: t.rs.fontSize, color: muted}
	var reasons []string
	for _, x := range e.Reasons {
		reasons = append(reasons, strings.ReplaceAll(x, "-", " "))
	}
	reasonText := soatext.Capitalise(strings.Join(reasons, ", "))
	title := t.wrap(1, e.Control.Title, boldS)
	if e.Control.New {
		title = append(title, t.wrap(1, "New in 2022", mutedS)...)
	}
	if e.Source != "" {
		title = append(title, t.wrap(1, "Source: "+e.Source, mutedS)...)
	}
	reasonLines := t.wrap(3, dash(reasonText), plain)
	if len(e.Risks) > 0 {
		reasonLines = append(reasonLines, t.wrap(3, "Risks: "+strings.Join(e.Risks, ", "), mutedS)...)
	}
	just := t.wrap(4, dash(e.Justification), plain)
	status := t.wrap(5, dash(label.Status(e.Status)), plain)
	if !e.Due.IsZero() {
		status = append(status, t.wrap(5, "Due "+label.Date(e.Due), mutedS)...)
	}
	var impl []line
	if e.ProvidedBy != "" {
		impl = t.wrap(7, "Provided by "+e.ProvidedBy, boldS)
	}
	if e.Implementation != "" {
		impl = append(impl, t.wrap(7, e.Implementation, plain)...)
	}
	if e.Assurance != "" {
		impl = append(impl, t.wrap(7, "Assurance: "+e.Assurance, mutedS)...)
	}
	for _, ev := range e.Evidence {
		impl = append(impl, t.wrap(7, "• "+ev, mutedS)...)
	}
	if len(impl) == 0 {
		impl = t.wrap(7, "—", plain)
	}
	cells := [][]line{
		t.wrap(0, e.ID(), boldS), title, t.wrap(2, applicable, boldS), reasonLines, just, status,
		t.wrap(6, dash(e.Owner), plain), impl,
	}
	if r.opt.SOC2 {
		cells = append(cells, t.wrap(8, dash(strings.Join(e.SOC2, ", ")), plain))
	}
	return cells, bg
}

func dash(s string) string {
	if strings.TrimSpace(s) == "" {
		return "—"
	}
	return s
}

func (r *renderer) appendix() {
	m := r.s.Method
	r.section("appendix", "Appendix A  Risk treatment plan")
	r.para(m.Describe(), style{size: 8, color: muted}, grid)
	r.scales()
	if len(r.s.Risks) == 0 {
		r.para("The risk register is empty.", style{}, grid)
		return
	}
	current := len(r.s.Current) > 0
	cols := []column{{"ID", 13}, {"Risk", 48}, {"Owner", 22}, {"Inherent", 19}, {"Current", 19}, {"Option", 15},
		{"Controls", 22}, {"Treatment plan", 47}, {"Due", 22}, {"Target residual", 19}, {"Acceptance", 27}}
	if !current {
		cols = append(cols[:4:4], cols[5:]...)
		cols[1].weight, cols[6].weight = 55, 59
	}
	at := map[string]int{}
	for i, c := range cols {
		at[c.title] = i
	}
	t := r.newTable(cols, "Appendix A  Risk treatment plan (continued)")
	t.begin()
	plain := style{size: t.rs.fontSize, color: ink}
	boldS := style{size: t.rs.fontSize, bold: true, color: ink}
	mutedS := style{size: t.rs.fontSize, color: muted}
	for i, rk := range r.s.Risks {
		riskLines := t.wrap(1, dash(rk.Title), boldS)
		if rk.Description != "" {
			riskLines = append(riskLines, t.wrap(1, rk.Description, mutedS)...)
		}
		for _, kv := range [][2]string{{"Asset", rk.Asset}, {"Threat", rk.Threat}, {"Vulnerability", rk.Vulnerability}} {
			if kv[1] != "" {
				riskLines = append(riskLines, t.wrap(1, kv[0]+": "+kv[1], mutedS)...)
			}
		}
		if rk.Closed {
			riskLines = append(riskLines, t.wrap(1, "Closed "+label.Date(rk.ClosedOn)+": "+rk.ClosedReason, boldS)...)
		}
		var ctrls []string
		for _, id := range rk.Treatment.Controls {
			ctrls = append(ctrls, id.String())
		}
		ctrls = append(ctrls, rk.Treatment.Additional...)
		due := dash(label.Date(rk.Treatment.Due))
		if rk.Treatment.Done() {
			due = "Done " + label.Date(rk.Treatment.DoneOn)
		}
		score := func(col int, rt risk.Rating, level string) []line {
			return append(t.wrap(col, fmt.Sprintf("%d × %d = %d", rt.Likelihood, rt.Impact, rt.Score()), plain), t.wrap(col, dash(level), boldS)...)
		}
		option := label.Option(string(rk.Treatment.Option))
		acceptLines := func(col int) []line {
			out := t.wrap(col, rk.Acceptance, plain)
			if !rk.Treatment.ApprovedOn.IsZero() {
				out = append(out, t.wrap(col, "Plan approved by "+rk.PlanApprover()+" on "+label.Date(rk.Treatment.ApprovedOn), mutedS)...)
			}
			return out
		}
		cells := [][]line{
			t.wrap(0, rk.ID, boldS), riskLines, t.wrap(2, dash(rk.Owner), plain),
			score(3, rk.Inherent, rk.InherentLevel),
		}
		bgs := map[int]*props.Color{3: r.levelColor(rk.InherentRank), at["Target residual"]: r.levelColor(rk.ResidualRank)}
		if current {
			if rk.CurrentGiven {
				cells = append(cells, score(4, rk.Current, rk.CurrentLevel))
				bgs[4] = r.levelColor(rk.CurrentRank)
			} else {
				cells = append(cells, t.wrap(4, "As target", mutedS))
			}
		}
		n := len(cells)
		cells = append(cells,
			t.wrap(n, dash(option), plain), t.wrap(n+1, dash(strings.Join(ctrls, ", ")), plain),
			t.wrap(n+2, dash(rk.Treatment.Plan), plain), t.wrap(n+3, due, plain),
			score(n+4, rk.Residual, rk.ResidualLevel),
			acceptLines(n+5),
		)
		t.addStyled(i, cells, nil, bgs)
	}
	t.end()
}

// scales lists what each level of the likelihood and impact scales means, when the method
// describes them.
func (r *renderer) scales() {
	lk, im := r.s.Method.Scales()
	if lk == nil {
		return
	}
	r.space(2)
	t := r.newTable([]column{{"Level", 11}, {"Likelihood", 28}, {"What it means", 98}, {"Impact", 28}, {"What it means", 108}}, "Risk scales (continued)")
	t.begin()
	for i := range max(len(lk), len(im)) {
		cells := []string{strconv.Itoa(i + 1), "", "", "", ""}
		if i < len(lk) {
			cells[1], cells[2] = lk[i].Name, dash(lk[i].Description)
		}
		if i < len(im) {
			cells[3], cells[4] = im[i].Name, dash(im[i].Description)
		}
		t.add(i, nil, cells...)
	}
	t.end()
	r.space(3)
}
