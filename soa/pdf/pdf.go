// Package pdf renders the SoA as an auditor-ready A4 PDF with maroto: a cover, document
// control, a summary with the heat maps and the exclusions, the SoA table grouped by theme,
// and the risk treatment plan as an appendix. When the build carries the changes since a
// previous version (soa build --since), a one-page digest "Changes in this version" follows
// document control and the full list is Appendix B, after the risk treatment plan. It is the
// only package that imports maroto. Like soa/xlsx, it formats what package
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

	"github.com/google/uuid"
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
	"github.com/johnfercher/maroto/v2/pkg/core"
	"github.com/johnfercher/maroto/v2/pkg/core/entity"
	"github.com/johnfercher/maroto/v2/pkg/props"
	"github.com/phpdave11/gofpdf"
	"golang.org/x/image/font/gofont/gobold"
	"golang.org/x/image/font/gofont/goregular"

	"github.com/soa-tool/soa/annexa"
	"github.com/soa-tool/soa/risk"
	"github.com/soa-tool/soa/soa"
	"github.com/soa-tool/soa/soa/label"
	"github.com/soa-tool/soa/soa/sheet"
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
	pageWidth    = 297
	pageHeight   = 210
	usableWidth  = pageWidth - 2*marginSide
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

// gofpdf's defaults for the creation and modification dates and the catalogue order, and
// the source of the UUIDs maroto names images with, are package globals: one PDF is made
// at a time.
var gofpdfDefaults sync.Mutex

// zeros reads as an endless run of zero bytes.
type zeros struct{}

func (zeros) Read(p []byte) (int, error) {
	clear(p)
	return len(p), nil
}

var timeZero time.Time

// Write renders the PDF for s to w, with a section "Changes in this version" when changes is
// not nil (soa build --since). The same SoA, changes and options give the same bytes. A
// character the fonts cannot draw is refused before anything is rendered (see [CheckGlyphs]).
func Write(w io.Writer, s *soa.SoA, changes *version.Changes, opt Options) (err error) {
	if err := CheckGlyphs(s, changes, opt); err != nil {
		return err
	}
	// gofpdf and maroto panic on input they cannot handle; whatever the checks above missed
	// is an error, never a crash.
	defer func() {
		if r := recover(); r != nil {
			err = fmt.Errorf("cannot render the PDF: internal error in the PDF library (%v); please report it with the workspace that causes it", r)
		}
	}()
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
	l := label.For(s.Document.Language)
	d.cfg = newConfig(s, l, regular, bold)

	gofpdfDefaults.Lock()
	defer gofpdfDefaults.Unlock()
	gofpdf.SetDefaultModificationDate(s.Date)
	gofpdf.SetDefaultCreationDate(s.Date)
	gofpdf.SetDefaultCatalogSort(true)
	d.m = maroto.New(d.cfg)
	gofpdf.SetDefaultModificationDate(timeZero)
	gofpdf.SetDefaultCreationDate(timeZero)
	gofpdf.SetDefaultCatalogSort(false)
	// Maroto names every image it draws with a random UUID, so the logo drawn on each page
	// would be embedded once per page, in random order. The logo is the document's only
	// picture: with a constant UUID it is embedded once, and the bytes stay the same.
	uuid.SetRand(zeros{})
	defer uuid.SetRand(nil)

	r := &renderer{d: d, s: s, since: changes, opt: opt, l: l, accent: accentColor(s.Document.Color)}
	if err := r.frame(); err != nil {
		return err
	}
	r.cover()
	r.control()
	r.signOff()
	r.changes()
	r.summary()
	r.table()
	r.appendix()
	r.changesFull()
	if breaks := d.calls - 2; breaks != d.pages-1 {
		return fmt.Errorf("pdf layout: maroto broke %d pages where %d were planned", breaks, d.pages-1)
	}
	// Small documents are compressed after generation (compress.go); large ones by
	// gofpdf, which holds them compressed rather than three times uncompressed.
	packAfter := !gofpdfCompresses && d.pages <= packAfterPages
	d.prov.SetCompression(!packAfter)
	out, err := d.m.Generate()
	if err != nil {
		return fmt.Errorf("cannot render the PDF: %w", err)
	}
	b := out.GetBytes()
	if packAfter {
		if b, err = compressStreams(b); err != nil {
			return fmt.Errorf("cannot compress the PDF: %w", err)
		}
	}
	b, err = addNavigation(b, r.navigation())
	if err != nil {
		return fmt.Errorf("cannot add the outline to the PDF: %w", err)
	}
	_, err = io.Copy(w, bytes.NewReader(b))
	return err
}

// accentColor is the colour of headings and table headers: document.color, else navy.
func accentColor(hex string) *props.Color {
	if len(hex) != 7 {
		return navy
	}
	var c [3]int
	for i := range c {
		fmt.Sscanf(hex[1+2*i:3+2*i], "%02x", &c[i])
	}
	return &props.Color{Red: c[0], Green: c[1], Blue: c[2]}
}

// gofpdfCompresses leaves the compression of page contents to gofpdf whatever the size of
// the document (a test compares the two ways).
var gofpdfCompresses = false

// packAfterPages is the most pages compressStreams compresses after generation, which saves
// gofpdf's per-page writer (time) but holds the document uncompressed three times over
// (memory: about 150 KB a page); a larger document is compressed by gofpdf.
const packAfterPages = 300

func newConfig(s *soa.SoA, l *label.Lang, regular, bold []byte) *entity.Config {
	doc := s.Document
	title := docTitle(s)
	subject := l.T(label.SubjectLine)
	if doc.ID != "" {
		subject += ", " + doc.ID
	}
	if doc.Version != "" {
		subject += ", " + l.F(label.VersionN, doc.Version)
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
		WithCompression(false). // set before generation, see Write
		WithCustomFonts([]*entity.CustomFont{
			{Family: family, Style: fontstyle.Normal, Bytes: regular},
			{Family: family, Style: fontstyle.Bold, Bytes: bold},
		}).
		WithDefaultFont(&props.Font{Family: family, Style: fontstyle.Normal, Size: 8, Color: ink}).
		WithPageNumber(props.PageNumber{Pattern: l.F(label.PageOf, "{current}", "{total}"), Place: props.RightBottom,
			Family: family, Style: fontstyle.Normal, Size: 7.5, Color: muted}).
		WithTitle(strings.TrimSpace(title+" — "+doc.Organization), true).
		WithAuthor(author, true).
		WithSubject(subject, true).
		WithKeywords(l.T(label.Keywords), true).
		WithCreator("soa", true).
		WithCreationDate(s.Date).
		Build()
}

// docTitle is the document's title in its language ([label.Lang.DocTitle]).
func docTitle(s *soa.SoA) string {
	return label.For(s.Document.Language).DocTitle(s.Document.Title)
}

// renderer writes the sections of the document.
type renderer struct {
	d     *doc
	s     *soa.SoA
	since *version.Changes
	opt   Options
	l     *label.Lang
	// accent colours headings and table headers.
	accent *props.Color
	// pageOf records the first page of each section, for the contents and the outline.
	pageOf map[string]int
	// links are the places of the contents' lines, made clickable after rendering.
	links []link
}

// frame registers the page header (organization, title, and DRAFT or the classification)
// and the footer (document ID, version, classification; maroto adds the page number).
func (r *renderer) frame() error {
	d, doc := r.d, r.s.Document
	l := r.l
	left := doc.Organization
	if left != "" {
		left += "  ·  "
	}
	left += docTitle(r.s)
	hs := rowSpec{fontSize: 8, padTop: 0, padBottom: 1.6, borderGrey: rule}
	// One line each, never wrapped: a long classification or title ends with an ellipsis
	// here and is given whole on the cover.
	const logoSize = 40
	var cols []textCol
	leftSize := 700
	if doc.LogoData != nil {
		leftSize -= logoSize
		cols = append(cols, textCol{size: logoSize, image: doc.LogoData, imageFormat: doc.LogoFormat, bd: border.Bottom})
	}
	rightText, rightColor := strings.ToUpper(doc.Classification), muted
	if !doc.Approved() {
		rightText, rightColor = l.T(label.DraftBanner), red
	}
	cols = append(cols,
		textCol{size: leftSize, lines: []line{{text: d.ellipsis(left, 8, false, usableWidth*float64(leftSize)/grid-1), color: muted}}, bd: border.Bottom},
		textCol{size: 300, lines: []line{{text: d.ellipsis(rightText, 8, true, usableWidth*300/grid-1), bold: true, color: rightColor, align: align.Right}}, bd: border.Bottom})
	head := hs.build(cols, 0, 1)
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
		ident = append(ident, l.F(label.VersionN, doc.Version))
	}
	if doc.Classification != "" {
		ident = append(ident, doc.Classification)
	}
	if !doc.Approved() {
		ident = append(ident, l.T(label.Draft))
	}
	// The footer is 2 mm of the usable area with a rule on top; its text sits below the
	// usable area, on the baseline maroto gives the page number.
	foot := row.New(2).Add(
		text.NewCol(700, d.ellipsis(strings.Join(ident, "  ·  "), 7.5, false, usableWidth*700/grid-1), props.Text{Family: family, Size: 7.5, Color: muted, Top: 2}).
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
	st := style{size: size, bold: true, color: r.accent}
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
	// The label column takes the longest single word of a label (Dokumentkennung,
	// Documentkenmerk) without breaking it, and lines up with keyValues' 130.
	const label, value = 130, 250
	lw := r.d.root.Width*label/grid - 2*rs.padSide
	vw := r.d.root.Width*value/grid - 2*rs.padSide
	for i := 0; i < len(kv); i += 2 {
		var cols []textCol
		for _, p := range kv[i:min(i+2, len(kv))] {
			cols = append(cols,
				textCol{size: label, lines: r.d.wrap(p[0], style{size: size, bold: true, color: muted}, lw, false), bd: border.Bottom},
				textCol{size: value, lines: r.d.wrap(soatext.OrDash(p[1]), style{size: size, color: ink}, vw, false), bd: border.Bottom})
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
	doc, l := r.s.Document, r.l
	r.pageOf["cover"] = 1
	if doc.LogoData != nil {
		// The logo, up to 22 mm high and a quarter of the width, above the title.
		r.d.put(logoRow(doc, 22, 250))
		r.space(4)
	} else {
		r.space(14)
	}
	r.para(l.T(label.SoA), style{size: 30, bold: true, color: r.accent}, grid)
	r.para(l.T(label.StandardLine), style{size: 12, color: muted}, grid)
	r.space(4)
	if doc.Organization != "" {
		r.para(doc.Organization, style{size: 20, bold: true, color: ink}, grid)
	}
	if t := docTitle(r.s); t != l.T(label.SoA) {
		r.para(t, style{size: 12, color: ink}, grid)
	}
	r.space(6)
	if !doc.Approved() {
		r.banner(l.T(label.DraftBanner), l.T(label.DraftBody), red, redTint)
	} else {
		var lines []string
		for _, a := range doc.Approvals {
			lines = append(lines, l.Approved(a.By, a.Role, a.On))
		}
		r.banner(strings.Join(lines, "\n"), "", green, greenBox)
	}
	r.space(6)
	r.para(l.T(label.ScopeHeading), style{size: 9, bold: true, color: r.accent}, 720)
	r.para(doc.Scope, style{size: 9.5}, 720)
	r.space(4)
	kv := [][2]string{
		{l.T(label.DocID), doc.ID},
		{l.T(label.Version), doc.Version},
		{l.T(label.Classification), doc.Classification},
		{l.T(label.DocOwner), doc.Owner},
	}
	if doc.PreparedBy != "" {
		kv = append(kv, [2]string{l.T(label.PreparedBy), doc.PreparedBy})
	}
	if doc.ReviewedBy != "" {
		kv = append(kv, [2]string{l.T(label.ReviewedBy), doc.ReviewedBy})
	}
	kv = append(kv, [2]string{l.T(label.DateCol), l.Date(r.s.Date)}, [2]string{l.T(label.NextReview), l.Date(doc.NextReview)})
	r.keyValues(kv, 170, 520, 9)
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
	doc, l := r.s.Document, r.l
	r.section("control", "1  "+l.T(label.SecControl))
	status := l.T(label.Approved)
	if !doc.Approved() {
		status = l.T(label.DraftStatus)
	}
	kv := [][2]string{
		{l.T(label.DocID), doc.ID}, {l.T(label.Classification), doc.Classification},
		{l.T(label.Version), doc.Version}, {l.T(label.StatusCol), status},
		{l.T(label.Owner), doc.Owner}, {l.T(label.NextReview), l.Date(doc.NextReview)},
		{l.T(label.ApprovedBy), doc.ApprovedBy}, {l.T(label.ApprovedOn), l.Date(doc.ApprovedOn)},
	}
	if doc.PreparedBy != "" || doc.ReviewedBy != "" {
		kv = append(kv, [2]string{l.T(label.PreparedBy), doc.PreparedBy}, [2]string{l.T(label.ReviewedBy), doc.ReviewedBy})
	}
	r.keyValues2(kv, 8.5)
	if doc.RiskAssessment != "" {
		r.keyValues([][2]string{{l.T(label.RiskAssessment), doc.RiskAssessment}}, 130, 870, 8.5)
	}

	r.space(5)
	r.heading(l.T(label.RevisionHistory), 10)
	t := r.newTable([]column{{l.T(label.Version), 18}, {l.T(label.DateCol), 24}, {l.T(label.Author), 50}, {l.T(label.Changes), 181}},
		l.F(label.Continued, l.T(label.RevisionHistory)))
	t.begin()
	for i, h := range doc.History {
		t.add(i, nil, h.Version, l.Date(h.Date), h.Author, h.Changes)
	}
	if len(doc.History) == 0 {
		t.add(0, nil, "—", "", "", l.T(label.NoRevisions))
	}
	t.end()

	r.space(5)
	r.heading(l.T(label.Fingerprint), 10)
	r.para(l.T(label.FingerprintIntro), style{}, grid)
	r.para(r.s.Fingerprint, style{size: 9, bold: true}, grid)
	r.para(l.T(label.FingerprintCheck), style{color: muted}, grid)

	r.space(5)
	// The contents stay on one page: when they do not fit below the fingerprint, they start
	// the next one.
	secs := r.sections()
	var lines []core.Row
	var total float64
	for _, e := range secs {
		key := e.key
		p := props.Text{Family: family, Size: 8.5, Color: ink, Top: 0.8, Bottom: 0.8}
		pn := p
		pn.Align = align.Right
		title := e.title
		if e.level > 0 {
			title = "    " + title
		}
		line := row.New().Add(
			text.NewCol(450, title, p),
			col.New(60).Add(&lazyText{value: func() string { return strconv.Itoa(r.pageOf[key]) }, prop: pn}),
			col.New(490),
		)
		lines = append(lines, line)
		total += r.d.rowHeight(line)
	}
	r.d.keep(total + rowSpec{fontSize: 10, padTop: 10 * 0.25, padBottom: 10 * 0.18}.height(1)) // with the heading
	r.heading(l.T(label.Contents), 10)
	for i, e := range secs {
		key, line := e.key, lines[i]
		h := r.d.rowHeight(line)
		if !r.d.fits(h) {
			r.d.newPage()
		}
		r.links = append(r.links, link{page: r.d.pages, top: marginTop + r.d.cur, height: h,
			width: usableWidth * 510 / grid, key: key})
		r.d.put(line)
	}
}

// tocEntry is a section of the document as the contents and the outline list it.
type tocEntry struct {
	key, title string
	level      int
}

// sections lists the document's sections in order, with their numbers.
func (r *renderer) sections() []tocEntry {
	l := r.l
	out := []tocEntry{
		{"control", "1  " + l.T(label.SecControl), 0},
		{"signoff", l.T(label.SecSignOff), 1},
	}
	if r.since != nil {
		out = append(out, tocEntry{"changes", l.T(label.ChangesHeading), 1})
	}
	out = append(out,
		tocEntry{"summary", "2  " + l.T(label.SecSummaryLong), 0},
		tocEntry{"excluded", l.T(label.SecExcluded), 1},
		tocEntry{"soa", "3  " + l.T(label.SoA), 0})
	for i, th := range annexa.Themes {
		out = append(out, tocEntry{string(th), fmt.Sprintf("%s  %s", sectionNo(i), l.ThemeTitle(th)), 1})
	}
	if len(r.s.Additional) > 0 {
		th := soa.ThemeAdditional
		out = append(out, tocEntry{string(th), fmt.Sprintf("%s  %s", sectionNo(len(annexa.Themes)), l.ThemeTitle(th)), 1})
	}
	out = append(out, tocEntry{"appendix", l.T(label.Appendix) + "  " + l.T(label.SecAppendix), 0})
	if r.since != nil {
		out = append(out, tocEntry{"changesFull", l.T(label.ChangesFullHeading), 0})
	}
	return out
}

// sectionNo numbers the SoA's theme sections 3.1 to 3.4.
func sectionNo(i int) string { return fmt.Sprintf("3.%d", i+1) }

func (r *renderer) summary() {
	l := r.l
	r.section("summary", "2  "+l.T(label.SecSummary))
	sum := r.s.Summary
	r.heading(l.T(label.ByTheme), 10)
	counts := sheet.Counts(l, r.s)
	cols := []column{{counts[0][0], 60}}
	for _, h := range counts[0][1:] {
		cols = append(cols, column{h, 22})
	}
	t := r.newTable(cols, "")
	for i := 1; i < len(cols); i++ {
		t.aligns[i] = align.Right
	}
	t.begin()
	rows, all := counts[1:len(counts)-1], counts[len(counts)-1]
	for i, row := range rows {
		t.add(i, nil, row...)
	}
	t.bold = true
	t.add(0, zebra, all...)
	t.end()
	if sum.Additional.Total > 0 {
		all := sum.Combined()
		r.para(l.F(label.ControlsLineCounts, l.ControlsLine(sum.Total, sum.Additional.Total), all.Applicable, all.Excluded), style{size: 8, color: muted}, grid)
	}

	r.space(3)
	r.heatMaps()

	r.space(3)
	r.d.repeat = nil
	r.pageOf["excluded"] = r.d.pages
	ex := r.s.Excluded()
	r.heading(l.F(label.ExcludedN, len(ex)), 10)
	if len(ex) == 0 {
		r.para(l.T(label.NoneExcluded), style{}, grid)
		return
	}
	t = r.newTable([]column{{l.T(label.ID), 14}, {l.T(label.Control), 60}, {l.T(label.ExclusionJustification), 175}, {l.T(label.NextReview), 24}},
		l.F(label.Continued, l.F(label.ExcludedN, len(ex))))
	t.begin()
	for i, e := range ex {
		cells := [][]line{t.wrap(0, e.ID(), style{size: t.rs.fontSize, bold: true, color: ink}),
			t.wrap(1, e.Control.Title, style{size: t.rs.fontSize, color: ink}), t.text(2, e.JustificationIn(l), style{size: t.rs.fontSize, color: ink}),
			t.wrap(3, soatext.OrDash(l.Date(e.Review)), style{size: t.rs.fontSize, color: ink})}
		t.addCells(i, cells, nil)
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
	maps := []heat{{r.l.T(label.InherentTitle), r.s.Inherent}, {r.l.T(label.ResidualTitle), r.s.Residual}}
	if len(r.s.Current) == n {
		maps = []heat{maps[0], {r.l.T(label.CurrentTitle), r.s.Current}, maps[1]}
	}
	// The grids side by side, each a label column and one column per impact level.
	const gap = 20
	part := (grid - gap*(len(maps)-1)) / len(maps)
	labelW0 := part * 110 / 490
	axisSize := 7.5
	if len(maps) > 2 { // narrower grids: a smaller axis keeps the level names whole
		labelW0, axisSize = part*100/490, 6.5
	}
	cell := (part - labelW0) / k
	rs := rowSpec{fontSize: axisSize, padTop: 1.6, padBottom: 1.6, padSide: 1, borderGrey: white}
	var titles []textCol
	for i, h := range maps {
		if i > 0 {
			titles = append(titles, textCol{size: gap})
		}
		titles = append(titles, textCol{size: part, lines: []line{{text: h.title, bold: true, color: r.accent}}})
	}
	// Keep the maps together on one page.
	r.d.keep(rowSpec{fontSize: 9}.height(1) + float64(n+3)*rs.height(2) + 8)
	r.d.entry(rowSpec{fontSize: 9, padBottom: 1.5}, titles, nil)
	labelW := r.d.root.Width * float64(labelW0) / grid
	cellW := r.d.root.Width * float64(cell) / grid
	rest := func(cols []textCol) []textCol {
		if rest := part - labelW0 - cell*k; rest > 0 {
			cols = append(cols, textCol{size: rest})
		}
		return cols
	}
	one := func(h soa.HeatMap, l int) []textCol {
		cols := []textCol{{size: labelW0, lines: r.d.wrap(m.Likelihood[l], style{size: axisSize, color: ink, align: align.Right}, labelW-2, false)}}
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
		// The corner label's longest word fits its column: "Wahrscheinlichkeit" at the axis
		// size broke inside the word, so it takes a smaller size.
		corner, size := r.l.T(label.LikelihoodImpact), axisSize
		for _, w := range strings.Fields(corner) {
			for size > 4.5 && r.d.width(w, size, false) > labelW-2.4 {
				size -= 0.25
			}
		}
		lines := r.d.wrap(corner, style{size: size, color: muted, align: align.Right}, labelW-2, false)
		for i := range lines {
			lines[i].size = size
		}
		cols := []textCol{{size: labelW0, lines: lines}}
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
	r.para(r.l.F(label.HeatNote, r.s.RatedRisks(), m.Acceptance), style{size: 7.5, color: muted}, grid)
	if n := r.s.ClosedRisks(); n > 0 {
		r.para(r.l.F(label.HeatClosed, n), style{size: 7.5, color: muted}, grid)
	}
	if len(maps) == 3 {
		r.para(r.l.T(label.HeatToday), style{size: 7.5, color: muted}, grid)
	}
}

func (r *renderer) table() {
	l := r.l
	heads := []column{{l.T(label.ID), 14}, {l.T(label.Control), 38}, {l.T(label.Applicable), 21}, {l.T(label.ReasonsAndRisks), 30},
		{l.T(label.Justification), 62}, {l.T(label.StatusCol), 21}, {l.T(label.Owner), 24}, {l.T(label.ImplementationEvidence), 63}}
	if r.opt.SOC2 {
		heads[4].weight, heads[7].weight = 53, 54
		heads = append(heads, column{l.T(label.SOC2Criteria), 18})
	}
	reasons := append(slices.Clone(workspace.Reasons), workspace.ReasonRisk)
	for i, th := range annexa.Themes {
		heading := fmt.Sprintf("%s  %s", sectionNo(i), l.ThemeTitle(th))
		if i == 0 {
			r.section("soa", "3  "+l.T(label.SoA))
			r.pageOf[string(th)] = r.d.pages
			r.para(l.F(label.SoAIntro, l.Reasons(reasons)), style{size: 8, color: muted}, grid)
			r.heading(heading, 11)
		} else {
			r.section(string(th), heading)
		}
		c := r.s.Summary.ByTheme[th]
		r.para(l.F(label.ThemeCounts, c.Total, c.Applicable, c.Excluded), style{size: 8, color: muted}, grid)
		t := r.newTable(heads, l.F(label.Continued, heading))
		t.begin()
		var entries [][][]line
		var bgs []*props.Color
		var wides [][]line
		for _, e := range r.s.Controls {
			if e.Control.Theme != th {
				continue
			}
			cells, bg, wide := r.entryCells(t, e)
			entries, bgs, wides = append(entries, cells), append(bgs, bg), append(wides, wide)
		}
		for n := range entries {
			if n == len(entries)-2 {
				t.keepTogether(entries[n:])
			}
			t.addWithWide(n, entries[n], bgs[n], wides[n])
		}
		t.end()
	}
	if len(r.s.Additional) == 0 {
		return
	}
	heading := fmt.Sprintf("%s  %s", sectionNo(len(annexa.Themes)), l.ThemeTitle(soa.ThemeAdditional))
	r.section(string(soa.ThemeAdditional), heading)
	c := r.s.Summary.Additional
	r.para(l.T(label.AdditionalIntro)+" "+l.F(label.ControlsLineCounts, l.ControlsLine(c.Total, 0), c.Applicable, c.Excluded),
		style{size: 8, color: muted}, grid)
	// Their own IDs are longer than A.5.1: the ID column takes room from the justification.
	heads = slices.Clone(heads)
	heads[0].weight += 10
	heads[4].weight -= 10
	t := r.newTable(heads, l.F(label.Continued, heading))
	t.begin()
	for i, e := range r.s.Additional {
		cells, bg, wide := r.entryCells(t, e)
		t.addWithWide(i, cells, bg, wide)
	}
	t.end()
}

// inlineRisks is the most risks the SoA table lists in a control's narrow reasons column;
// a control that treats more lists them across the table under its entry.
const inlineRisks = 12

// entryCells gives the SoA table's cells for one control, and the lines across the table
// under them (its risks, when it treats more than inlineRisks).
func (r *renderer) entryCells(t *table, e soa.Entry) ([][]line, *props.Color, []line) {
	var bg *props.Color
	l := r.l
	applicable := sheet.Applicable(l, e)
	if e.Decided && !e.Applicable {
		bg = amber
	}
	plain := style{size: t.rs.fontSize, color: ink}
	boldS := style{size: t.rs.fontSize, bold: true, color: ink}
	mutedS := style{size: t.rs.fontSize, color: muted}
	reasonText := l.Reasons(e.Reasons)
	title := t.wrap(1, e.Control.Title, boldS)
	if e.Control.New {
		title = append(title, t.wrap(1, l.T(label.NewIn2022), mutedS)...)
	}
	if e.Source != "" {
		title = append(title, t.wrap(1, l.T(label.SourceCol)+": "+e.Source, mutedS)...)
	}
	reasonLines := t.wrap(3, soatext.OrDash(reasonText), plain)
	var wide []line
	switch {
	case len(e.Risks) > inlineRisks:
		reasonLines = append(reasonLines, t.wrap(3, l.F(label.RisksBelow, len(e.Risks)), mutedS)...)
		wide = r.d.wrap(l.F(label.RisksOfControl, e.ID(), len(e.Risks), strings.Join(e.Risks, ", ")), mutedS,
			r.d.root.Width-2*t.rs.padSide, false)
	case len(e.Risks) > 0:
		reasonLines = append(reasonLines, t.wrap(3, l.F(label.RisksPrefix, strings.Join(e.Risks, ", ")), mutedS)...)
	}
	just := t.text(4, soatext.OrDash(e.JustificationIn(l)), plain)
	status := t.wrap(5, soatext.OrDash(l.Status(e.Status)), plain)
	if !e.Due.IsZero() {
		status = append(status, t.wrap(5, l.F(label.DuePrefix, l.Date(e.Due)), mutedS)...)
	}
	var impl []line
	if e.ProvidedBy != "" {
		impl = t.wrap(7, l.F(label.ProvidedByText, e.ProvidedBy), boldS)
	}
	if e.Implementation != "" {
		impl = append(impl, t.text(7, e.Implementation, plain)...)
	}
	if e.Assurance != "" {
		impl = append(impl, t.wrap(7, l.F(label.AssurancePrefix, e.Assurance), mutedS)...)
	}
	for _, ev := range e.Evidence {
		impl = append(impl, t.wrap(7, "• "+ev, mutedS)...)
	}
	if len(impl) == 0 {
		impl = t.wrap(7, "—", plain)
	}
	cells := [][]line{
		t.wrap(0, e.ID(), boldS), title, t.wrap(2, applicable, boldS), reasonLines, just, status,
		t.wrap(6, soatext.OrDash(e.Owner), plain), impl,
	}
	if r.opt.SOC2 {
		cells = append(cells, t.wrap(8, soatext.OrDash(strings.Join(e.SOC2, ", ")), plain))
	}
	return cells, bg, wide
}

func (r *renderer) appendix() {
	m, l := r.s.Method, r.l
	heading := l.T(label.Appendix) + "  " + l.T(label.SecAppendix)
	r.section("appendix", heading)
	r.para(l.Method(m), style{size: 8, color: muted}, grid)
	r.scales()
	if len(r.s.Risks) == 0 {
		r.para(l.T(label.RegisterEmpty), style{}, grid)
		return
	}
	current := len(r.s.Current) > 0
	// Option is wide enough for the longest option word of every language (Beibehalten,
	// Modyfikacja, Condividere), which the column would otherwise break inside.
	cols := []column{{l.T(label.ID), 13}, {l.T(label.Risk), 46}, {l.T(label.Owner), 22}, {l.T(label.Inherent), 19}, {l.T(label.CurrentCol), 19},
		{l.T(label.OptionCol), 21}, {l.T(label.Controls), 22}, {l.T(label.TreatmentPlan), 43}, {l.T(label.Due), 22}, {l.T(label.TargetResidual), 19}, {l.T(label.Acceptance), 27}}
	if !current {
		cols = append(cols[:4:4], cols[5:]...)
		cols[1].weight, cols[6].weight = 53, 55
	}
	var ids []string
	for _, rk := range r.s.Risks {
		ids = append(ids, rk.ID)
	}
	residualCol := len(cols) - 2
	t := r.newTableKeep(cols, l.F(label.Continued, heading), map[int][]string{0: ids})
	t.begin()
	plain := style{size: t.rs.fontSize, color: ink}
	boldS := style{size: t.rs.fontSize, bold: true, color: ink}
	mutedS := style{size: t.rs.fontSize, color: muted}
	for i, rk := range r.s.Risks {
		riskLines := t.wrap(1, soatext.OrDash(rk.Title), boldS)
		if rk.Description != "" {
			riskLines = append(riskLines, t.wrap(1, rk.Description, mutedS)...)
		}
		for _, kv := range []struct {
			k label.Key
			v string
		}{{label.AssetText, rk.Asset}, {label.ThreatText, rk.Threat}, {label.VulnerabilityText, rk.Vulnerability}} {
			if kv.v != "" {
				riskLines = append(riskLines, t.wrap(1, l.F(kv.k, kv.v), mutedS)...)
			}
		}
		if rk.Closed {
			riskLines = append(riskLines, t.wrap(1, l.F(label.ClosedOnText, l.Date(rk.ClosedOn), rk.ClosedReason), boldS)...)
		}
		ctrls, due := sheet.RiskControls(rk), sheet.RiskDue(l, rk)
		score := func(col int, rt risk.Rating, level string) []line {
			return append(t.wrap(col, fmt.Sprintf("%d × %d = %d", rt.Likelihood, rt.Impact, rt.Score()), plain), t.wrap(col, soatext.OrDash(level), boldS)...)
		}
		option := l.Option(string(rk.Treatment.Option))
		acceptLines := func(col int) []line {
			out := t.wrap(col, l.Acceptance(r.s.AcceptanceOf(rk)), plain)
			if !rk.Treatment.ApprovedOn.IsZero() {
				out = append(out, t.wrap(col, l.F(label.PlanApprovedText, rk.PlanApprover(), l.Date(rk.Treatment.ApprovedOn)), mutedS)...)
			}
			return out
		}
		cells := [][]line{
			t.wrap(0, rk.ID, boldS), riskLines, t.wrap(2, soatext.OrDash(rk.Owner), plain),
			score(3, rk.Inherent, rk.InherentLevel),
		}
		bgs := map[int]*props.Color{3: r.levelColor(rk.InherentRank), residualCol: r.levelColor(rk.ResidualRank)}
		if current {
			if rk.CurrentGiven {
				cells = append(cells, score(4, rk.Current, rk.CurrentLevel))
				bgs[4] = r.levelColor(rk.CurrentRank)
			} else {
				cells = append(cells, t.wrap(4, l.T(label.AsTarget), mutedS))
			}
		}
		n := len(cells)
		cells = append(cells,
			t.wrap(n, soatext.OrDash(option), plain), t.wrap(n+1, soatext.OrDash(strings.Join(ctrls, ", ")), plain),
			t.wrap(n+2, soatext.OrDash(rk.Treatment.Plan), plain), t.wrap(n+3, due, plain),
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
	rows := sheet.Scales(r.l, r.s)
	if rows == nil {
		return
	}
	r.space(2)
	l := r.l
	var cols []column
	for i, w := range []float64{11, 28, 98, 28, 108} {
		cols = append(cols, column{rows[0][i], w})
	}
	t := r.newTable(cols, l.F(label.Continued, l.T(label.RiskScales)))
	t.begin()
	for i, cells := range rows[1:] {
		t.add(i, nil, cells...)
	}
	t.end()
	r.space(3)
}
