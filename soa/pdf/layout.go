package pdf

import (
	"errors"
	"fmt"
	"io"
	"strings"
	"unicode"

	"github.com/johnfercher/go-tree/node"
	"github.com/johnfercher/maroto/v2/pkg/components/col"
	"github.com/johnfercher/maroto/v2/pkg/components/image"
	"github.com/johnfercher/maroto/v2/pkg/components/page"
	"github.com/johnfercher/maroto/v2/pkg/components/row"
	"github.com/johnfercher/maroto/v2/pkg/components/text"
	"github.com/johnfercher/maroto/v2/pkg/consts/align"
	"github.com/johnfercher/maroto/v2/pkg/consts/border"
	"github.com/johnfercher/maroto/v2/pkg/consts/extension"
	"github.com/johnfercher/maroto/v2/pkg/consts/fontstyle"
	"github.com/johnfercher/maroto/v2/pkg/consts/linestyle"
	"github.com/johnfercher/maroto/v2/pkg/core"
	"github.com/johnfercher/maroto/v2/pkg/core/entity"
	"github.com/johnfercher/maroto/v2/pkg/props"
	"github.com/phpdave11/gofpdf"

	"github.com/soa-tool/soa/soa/workspace"
	"golang.org/x/image/font/sfnt"

	"github.com/soa-tool/soa/soa/internal/inputfile"
)

// The layout engine. Maroto breaks pages on its own, offers no hook when it does, and clips a
// row taller than a page. So the document does its own line breaking (one text component per
// line, measured with gofpdf on the same font bytes maroto embeds) and mirrors maroto's page
// accounting exactly: before each row it knows whether the row fits, can start the page
// itself, repeat a table's column header there, and split a long table entry between lines
// so that nothing is clipped. The number of times maroto itself inserted the page header is
// counted and compared with the mirror, so a drift is an error, not a silently broken PDF.

const (
	family = "soa" // the embedded font's family name; styles Normal and Bold are registered
	grid   = 1000  // maroto grid: column sizes are in thousandths of the usable width
	// ptToMM is maroto's font height: a font of size s pt is s/ptToMM mm high.
	ptToMM = 72.0 / 25.4
)

// line is one line of text, already broken to fit its column.
type line struct {
	text  string
	bold  bool
	color *props.Color
	align align.Type
	size  float64 // pt; 0 for the row's size
	// more: the next line continues this one's paragraph (doc.wrap broke it there), so
	// the two may be drawn as one text (doc.run).
	more bool
}

// style is the look of a run of text.
type style struct {
	size  float64 // pt
	bold  bool
	color *props.Color
	align align.Type
}

// doc wraps a maroto document with the page accounting.
type doc struct {
	m      core.Maroto
	cfg    *entity.Config
	meas   *gofpdf.Fpdf      // measures strings on the same fonts
	widths [2]map[string]int // width of words in glyph units (1/1000 em), regular and bold

	prov core.Provider // maroto's provider, captured from the first header GetHeight
	root *entity.Cell  // maroto's root cell: the usable area of a page

	cur     float64   // mirror of maroto's currentHeight
	top     float64   // cur when the current page was started
	headerH float64   // height of the page header
	headerR []float64 // heights of the page header's rows, summed as maroto sums them
	footerH float64
	pages   int
	calls   int // GetHeight calls on the first header row (2 at registration, 1 per page break)

	// repeat gives the rows that open a page inside a table (its column header), or nil.
	repeat func() []core.Row
}

// probe is the first row of the page header: maroto calls its GetHeight with its provider
// and root cell when the header is registered, and again each time it starts a page.
type probe struct {
	core.Row
	d *doc
}

func (p probe) GetHeight(prov core.Provider, cell *entity.Cell) float64 {
	if p.d.prov == nil {
		p.d.prov, p.d.root = prov, cell
	}
	p.d.calls++
	return p.Row.GetHeight(prov, cell)
}

func (p probe) GetStructure() *node.Node[core.Structure] { return p.Row.GetStructure() }

// newMeasurer gives a gofpdf document with the fonts, for measuring text. gofpdf panics on
// some malformed fonts; that becomes an error naming the font.
func newMeasurer(regular, bold []byte) (f *gofpdf.Fpdf, err error) {
	for _, b := range [][]byte{regular, bold} {
		if err := checkTrueType(b); err != nil {
			return nil, err
		}
	}
	defer func() {
		if r := recover(); r != nil {
			err = fmt.Errorf("the font is not a TrueType font gofpdf can embed: %v", r)
		}
	}()
	f = gofpdf.New("L", "mm", "A4", "")
	f.AddUTF8FontFromBytes(family, "", regular)
	f.AddUTF8FontFromBytes(family, "B", bold)
	f.SetFont(family, "", 10)
	if err := f.Error(); err != nil {
		return nil, fmt.Errorf("the font is not a TrueType font gofpdf can embed: %w", err)
	}
	if f.GetStringWidth("Statement") <= 0 {
		return nil, errors.New("the font has no glyphs for Latin text")
	}
	f.SetFont(family, "B", 10)
	if err := f.Error(); err != nil {
		return nil, fmt.Errorf("the bold font is not a TrueType font gofpdf can embed: %w", err)
	}
	return f, nil
}

// MaxFontSize is the largest font file [ReadFont] reads; a TrueType font with every CJK
// character is about 20 MiB.
const MaxFontSize = 64 << 20

// ReadFont reads the font file at path for [Options] (soa build --font): a regular file no
// larger than [MaxFontSize] (a pipe or device is refused unopened) that [CheckFont] accepts.
func ReadFont(path string) ([]byte, error) {
	b, err := inputfile.Read(path, MaxFontSize, "a TrueType font file (.ttf)")
	if err != nil {
		return nil, err
	}
	if err := CheckFont(b); err != nil {
		return nil, fmt.Errorf("font %s: %w", path, err)
	}
	return b, nil
}

// CheckFont reports whether b is a font the PDF can embed: TrueType outlines only, since
// gofpdf cannot embed CFF-based OpenType (OTTO) or collections (ttcf), and prints to stdout
// when given one; a font that parses, and that gofpdf can load and embed in a small page.
// gofpdf panics on many damaged fonts: that becomes an error naming the font.
func CheckFont(b []byte) error {
	if err := checkTrueType(b); err != nil {
		return err
	}
	if _, err := sfnt.Parse(b); err != nil {
		return fmt.Errorf("the font is damaged: %w", err)
	}
	return trialEmbed(b)
}

// trialEmbed embeds b in a one-page document, as the PDF will, to find the damage gofpdf
// only meets when it subsets the font.
func trialEmbed(b []byte) (err error) {
	defer func() {
		if r := recover(); r != nil {
			err = fmt.Errorf("the font is damaged; gofpdf cannot embed it (%v)", r)
		}
	}()
	f := gofpdf.New("L", "mm", "A4", "")
	f.AddUTF8FontFromBytes(family, "", b)
	f.SetFont(family, "", 10)
	f.AddPage()
	f.Cell(100, 10, "Statement of Applicability — Größe, Œuvre 123")
	if err := f.Output(io.Discard); err != nil {
		return fmt.Errorf("the font cannot be embedded: %w", err)
	}
	return nil
}

func checkTrueType(b []byte) error {
	switch {
	case len(b) < 12:
		return errors.New("the font file is too short to be a TrueType font")
	case string(b[:4]) == "OTTO":
		return errors.New("the font has PostScript (CFF) outlines, which cannot be embedded; give a TrueType font (.ttf)")
	case string(b[:4]) == "ttcf":
		return errors.New("the font is a collection (.ttc); give a single TrueType font (.ttf)")
	case string(b[:4]) != "\x00\x01\x00\x00" && string(b[:4]) != "true":
		return errors.New("the file is not a TrueType font (.ttf)")
	}
	return nil
}

func fontStyle(bold bool) fontstyle.Type {
	if bold {
		return fontstyle.Bold
	}
	return fontstyle.Normal
}

// width is gofpdf's GetStringWidth, with the glyph widths of words cached: setting the font
// for every word costs more than measuring it.
func (d *doc) width(s string, size float64, bold bool) float64 {
	return float64(d.units(s, bold)) * (size / ptToMM) / 1000
}

// units is the width of s in glyph units (1/1000 em), as gofpdf sums it; cached by word.
func (d *doc) units(s string, bold bool) int {
	b := 0
	if bold {
		b = 1
	}
	if d.widths[b] == nil {
		d.widths[b] = map[string]int{}
	}
	w, ok := d.widths[b][s]
	if !ok {
		d.meas.SetFont(family, string(fontStyle(bold)), 10)
		w = d.meas.GetStringSymbolWidth(s)
		d.widths[b][s] = w
	}
	return w
}

// fontHeight is maroto's height of a line of text of the given size, computed as maroto does.
func fontHeight(size float64) float64 { return size / ptToMM }

// leading is the distance between the baselines of two lines.
func leading(size float64) float64 { return fontHeight(size) * 1.3 }

// wrapSlack is how much narrower than its column doc.wrap breaks a text, in mm.
const wrapSlack = 0.4

// wrap breaks s into lines no wider than width. Each line break in s starts a new line; a
// blank line ends a paragraph, and gap puts one empty line between paragraphs (never more,
// however many blank lines the author left). Words wider than the column are broken between
// characters, so no text runs into the next column.
func (d *doc) wrap(s string, st style, width float64, gap bool) []line {
	// Keep clear of maroto's own line breaking, which measures word by word.
	width -= wrapSlack
	mk := func(t string) line { return line{text: t, bold: st.bold, color: st.color, align: st.align} }
	var out []line
	s = strings.ReplaceAll(s, "\r\n", "\n")
	blank := false
	for _, para := range strings.Split(s, "\n") {
		words := strings.FieldsFunc(para, func(r rune) bool { return unicode.IsSpace(r) || unicode.IsControl(r) })
		if len(words) == 0 {
			blank = true
			continue
		}
		if blank && gap && len(out) > 0 {
			out = append(out, line{})
		}
		blank = false
		start := len(out)
		space := d.width(" ", st.size, st.bold)
		var cur strings.Builder
		curW := 0.0
		flush := func() {
			if cur.Len() > 0 {
				out = append(out, mk(cur.String()))
				cur.Reset()
				curW = 0
			}
		}
		for _, w := range words {
			ww := d.width(w, st.size, st.bold)
			if cur.Len() > 0 && curW+space+ww <= width {
				cur.WriteByte(' ')
				cur.WriteString(w)
				curW += space + ww
				continue
			}
			flush()
			for ww > width { // a token longer than the column: break it between characters
				cut, cw := 0, 0.0
				for j, r := range w {
					rw := d.width(string(r), st.size, st.bold)
					if cw+rw > width && j > 0 {
						break
					}
					cut, cw = j+len(string(r)), cw+rw
				}
				out = append(out, mk(w[:cut]))
				// Widths add up (gofpdf does not kern): measuring what is left again
				// would make a long token quadratic, and fill the cache with its tails.
				w, ww = w[cut:], ww-cw
			}
			cur.WriteString(w)
			curW = ww
		}
		flush()
		// Every line of the paragraph but its last continues into the next.
		for i := start; i < len(out)-1; i++ {
			out[i].more = true
		}
	}
	return out
}

// textCol is one column of a row: its lines and look.
type textCol struct {
	size  int // in grid units
	lines []line
	bg    *props.Color
	bd    border.Type
	// image, when set, is a PNG or JPEG ("png", "jpeg") drawn in the column, fitted to the
	// row's height.
	image       []byte
	imageFormat string
}

// rowSpec describes a row of text columns, all with the same font size and padding.
type rowSpec struct {
	fontSize   float64
	padTop     float64
	padBottom  float64
	padSide    float64
	borderGrey *props.Color
	// d, when set, lets the rows draw runs of lines as one text component (doc.run).
	d *doc
}

// height is the height maroto gives a row whose longest column has n lines.
func (rs rowSpec) height(n int) float64 {
	if n == 0 {
		return 0
	}
	// Text.GetHeight: fontHeight + Top + Bottom, Top = padTop + (n-1)×leading.
	return fontHeight(rs.fontSize) + (rs.padTop + float64(n-1)*leading(rs.fontSize)) + rs.padBottom
}

// build makes the maroto row for lines [from, to) of each column.
func (rs rowSpec) build(cols []textCol, from, to int) core.Row {
	// The row's height is given, not computed by maroto from its content: it is the same
	// number (see height) and saves measuring every line twice.
	n := 0
	for _, c := range cols {
		for i := min(to, len(c.lines)) - 1; i >= from; i-- {
			if c.lines[i].text != "" {
				n = max(n, i-from+1)
				break
			}
		}
	}
	r := row.New(rs.height(n))
	// A row whose columns share their border draws it, and the background of the first
	// column, once across the row; a column of another colour (a risk level) is painted over
	// it as a band. The same picture, and each cell drawn costs as much as a line of text.
	// (Not with a full border: drawn once, it would lose the lines between the cells.)
	uniform := len(cols) > 1
	for _, c := range cols[min(1, len(cols)):] {
		uniform = uniform && c.bd == cols[0].bd && (c.bg == cols[0].bg || (c.bg != nil && c.bd != border.Full))
	}
	if uniform && (cols[0].bg != nil || cols[0].bd != border.None) {
		r.WithStyle(&props.Cell{BackgroundColor: cols[0].bg, BorderType: cols[0].bd, BorderColor: rs.borderGrey, BorderThickness: 0.2})
	}
	for _, c := range cols {
		mc := col.New(c.size)
		if uniform && c.bg != cols[0].bg {
			mc.Add(&band{color: c.bg})
		}
		if lines := c.lines[min(from, len(c.lines)):min(to, len(c.lines))]; len(lines) > 0 {
			mc.Add(&textLines{lines: lines, rs: rs})
		}
		if c.image != nil {
			ext := extension.Png
			if c.imageFormat == "jpeg" {
				ext = extension.Jpeg
			}
			mc.Add(image.NewFromBytes(c.image, ext, props.Rect{Percent: 100}))
		}
		if !uniform && (c.bg != nil || c.bd != border.None) {
			mc.WithStyle(&props.Cell{BackgroundColor: c.bg, BorderType: c.bd, BorderColor: rs.borderGrey, BorderThickness: 0.2})
		}
		r.Add(mc)
	}
	return r
}

// maxLines is the number of lines of the longest column.
func maxLines(cols []textCol) int {
	n := 0
	for _, c := range cols {
		// Trailing empty lines add no height.
		k := len(c.lines)
		for k > 0 && c.lines[k-1].text == "" {
			k--
		}
		n = max(n, k)
	}
	return n
}

// rowHeight is the height maroto computes for r.
func (d *doc) rowHeight(r core.Row) float64 {
	r.SetConfig(d.cfg)
	return r.GetHeight(d.prov, d.root)
}

// remaining is the height left on the current page.
func (d *doc) remaining() float64 { return d.root.Height - d.cur - d.footerH }

// fits mirrors maroto's test in addRow.
func (d *doc) fits(h float64) bool { return h+d.cur+d.footerH <= d.root.Height }

// atTop reports whether nothing but the page header (and the repeated table header) is on
// the page.
func (d *doc) atTop() bool { return d.cur == d.top }

// newPage starts a page unless the current one is still empty, then adds the rows the
// current table repeats.
func (d *doc) newPage() {
	if d.cur != d.headerH {
		d.m.AddPages(page.New())
		d.cur = 0
		for _, h := range d.headerR {
			d.cur += h
		}
		d.pages++
	}
	if d.repeat != nil {
		for _, r := range d.repeat() {
			d.put(r)
		}
	}
	d.top = d.cur
}

// put adds a row, starting a page first when it does not fit. The row must fit on a page.
func (d *doc) put(r core.Row) {
	h := d.rowHeight(r)
	if !d.fits(h) {
		d.newPage()
	}
	d.m.AddRows(r)
	d.cur += h
}

// keep starts a page unless h more fits on this one.
func (d *doc) keep(h float64) {
	if !d.fits(h) {
		d.newPage()
	}
}

// entry adds the lines of a table entry as one row if it fits, else on a new page if it
// fits there, else split between lines over as many pages as it needs. cont gives the
// columns of a continuation row (the entry's ID marked as continued), used after a split.
func (d *doc) entry(rs rowSpec, cols []textCol, cont func(textCol) textCol) {
	d.lay(rs, cols, cont, true)
}

// flow adds the lines of a table entry from where the page is, split where pages end: the
// continuation of the entry before it, which stays next to it.
func (d *doc) flow(rs rowSpec, cols []textCol) { d.lay(rs, cols, nil, false) }

func (d *doc) lay(rs rowSpec, cols []textCol, cont func(textCol) textCol, move bool) {
	rs.d = d
	n := maxLines(cols)
	if n == 0 {
		return
	}
	full := rs.height(n)
	if move && !d.fits(full) && !d.atTop() {
		// Move the whole entry to the next page when it fits there (page header, table
		// header and the entry); it is otherwise split where the page ends.
		fresh := d.root.Height - d.headerH - d.footerH - d.repeatHeight()
		if full <= fresh || d.remaining() < rs.height(4) {
			d.newPage()
		}
	}
	var contLines []line // the first column of a continuation, made once
	for from := 0; from < n; {
		k := d.fitLines(rs, n-from)
		if k == 0 || (k < 3 && k < n-from) {
			if d.atTop() {
				k = max(k, 1) // a page with nothing on it: take what fits
			} else {
				d.newPage()
				continue
			}
		}
		// Each part is its own columns, cut from the entry's lines: building a part costs
		// its own lines only, so a cell of any length is laid out in linear time.
		part := make([]textCol, len(cols))
		for j, c := range cols {
			c.lines = c.lines[min(from, len(c.lines)):min(from+k, len(c.lines))]
			if from+k < n {
				// Only the last part of the entry carries its bottom border.
				c.bd = border.None
			}
			part[j] = c
		}
		if from > 0 && cont != nil {
			if contLines == nil {
				contLines = cont(cols[0]).lines
			}
			part[0].lines = contLines[:min(k, len(contLines))]
		}
		d.put(rs.build(part, 0, k))
		from += k
	}
}

// fitLines is the most lines, up to n, of a row of rs that fit on the current page. The
// height of k lines is linear in k, so the count is computed, then checked with fits, the
// test maroto makes.
func (d *doc) fitLines(rs rowSpec, n int) int {
	base := fontHeight(rs.fontSize) + rs.padTop + rs.padBottom
	k := int((d.remaining()-base)/leading(rs.fontSize)) + 1
	k = max(0, min(k, n))
	for k < n && d.fits(rs.height(k+1)) {
		k++
	}
	for k > 0 && !d.fits(rs.height(k)) {
		k--
	}
	return k
}

// repeatHeight is the height of the rows the current table repeats on a new page.
func (d *doc) repeatHeight() float64 {
	if d.repeat == nil {
		return 0
	}
	h := 0.0
	for _, r := range d.repeat() {
		h += d.rowHeight(r)
	}
	return h
}

// band paints its column's cell in a colour over the row's background, short of the
// row's border: a thick line, which gofpdf draws with square ends (butt caps), so a
// rectangle.
type band struct {
	color *props.Color
	cfg   *entity.Config
}

func (b *band) SetConfig(cfg *entity.Config) { b.cfg = cfg }

func (b *band) GetStructure() *node.Node[core.Structure] {
	return node.New(core.Structure{Type: "band"})
}

func (b *band) GetHeight(core.Provider, *entity.Cell) float64 { return 0 }

func (b *band) Render(p core.Provider, c *entity.Cell) {
	// From the top of the cell to the top of the row's bottom border (0.2 mm, centred on
	// the cell's edge).
	h := max(c.Height-0.1, 0.1)
	p.AddLine(c, &props.Line{Color: b.color, Style: linestyle.Solid, Thickness: h, OffsetPercent: h / 2 / c.Height * 100, SizePercent: 100})
}

// textLines is the text of one column of a row: its lines, drawn one under the other, each as
// maroto's text component draws it. One component per column, not one per line: maroto keeps
// every component of the document until it renders, and a large register has hundreds of
// thousands of lines.
type textLines struct {
	lines []line
	rs    rowSpec
	cfg   *entity.Config
}

func (t *textLines) SetConfig(cfg *entity.Config) { t.cfg = cfg }

func (t *textLines) GetStructure() *node.Node[core.Structure] {
	return node.New(core.Structure{Type: "textlines"})
}

// GetHeight is not asked (rows are given their height) but answers as maroto would.
func (t *textLines) GetHeight(core.Provider, *entity.Cell) float64 { return t.rs.height(len(t.lines)) }

func (t *textLines) Render(p core.Provider, c *entity.Cell) {
	for i := 0; i < len(t.lines); {
		l := t.lines[i]
		if l.text == "" {
			i++
			continue
		}
		size := t.rs.fontSize
		if l.size > 0 {
			size = l.size
		}
		prop := props.Text{Family: family, Style: fontStyle(l.bold), Size: size, Color: l.color,
			Align: l.align, Left: t.rs.padSide, Right: t.rs.padSide,
			Top: t.rs.padTop + float64(i)*leading(t.rs.fontSize)}
		n := 1
		if t.rs.d != nil && drawRuns && (l.align == "" || l.align == align.Left) {
			// The lines were broken 0.4 mm short of the column (doc.wrap); a run is
			// given the same width, so that maroto breaks it where they were broken.
			run := prop
			run.Right += wrapSlack
			// maroto spaces a run's lines by the font's height plus VerticalPadding, which
			// must not be negative (a line larger than the row's leading stands alone).
			pad := leading(t.rs.fontSize) - fontHeight(size)
			if n = t.rs.d.run(t.lines[i:], c.Width-run.Left-run.Right, size); n > 1 && pad >= 0 {
				prop = run
				prop.VerticalPadding = pad
			} else {
				n = 1
			}
		}
		if i+n == len(t.lines) {
			prop.Bottom = t.rs.padBottom
		}
		prop.MakeValid(t.cfg.DefaultFont)
		p.AddText(joinLines(t.lines[i:i+n]), c, &prop)
		i += n
	}
}

// drawRuns lets textLines draw runs of lines as one text component; a test turns it off to
// compare the two.
var drawRuns = true

// run is how many of lines, from the first, one maroto text component draws as they are:
// lines of the same look, joined by spaces, that maroto's own line breaking (greedy, by
// words, measured as gofpdf measures) breaks at the same places in a column width mm wide.
// A run costs maroto one font and colour change instead of one per line, which for a large
// register is much of the PDF's time. Where maroto would break otherwise, the run ends.
func (d *doc) run(lines []line, width, size float64) int {
	n := 1
	for n < len(lines) && lines[n-1].more && lines[n].text != "" && lines[n].bold == lines[0].bold && lines[n].color == lines[0].color &&
		lines[n].align == lines[0].align && lines[n].size == lines[0].size {
		n++
	}
	if n == 1 {
		return 1
	}
	bold := lines[0].bold
	// gofpdf's GetStringWidth: glyph units summed, times the font size in mm, over 1000.
	mm := func(units int) float64 { return float64(units) * (size / ptToMM) / 1000 }
	space := d.units(" ", bold)
	var words []string
	total := 0
	for _, l := range lines[:n] {
		for _, word := range strings.Split(l.text, " ") {
			if word == "" {
				return 1 // spacing maroto would not keep
			}
			if len(words) > 0 {
				total += space
			}
			total += d.units(word, bold)
			words = append(words, word)
		}
	}
	if mm(total) <= width {
		return 1 // maroto would draw them as one line
	}
	// maroto's getLinesBreakingLineFromSpace, compared line by line with ours.
	matched, at := 0, 0 // lines of ours matched; length of maroto's current line
	cur := 0.0
	next := 0 // index in words of the next word
	for i, l := range lines[:n] {
		count := strings.Count(l.text, " ") + 1
		for k := range count {
			word := words[next]
			next++
			if at > 0 && cur+mm(space+d.units(word, bold)) <= width {
				if k == 0 {
					return max(1, matched) // maroto would carry our line's first word up
				}
				cur += mm(space + d.units(word, bold))
				at++
				continue
			}
			if at == 0 && next == 1 && mm(d.units(word, bold)) <= width {
				cur, at = mm(d.units(word, bold)), 1
				continue
			}
			if k > 0 {
				return max(1, matched) // maroto would break inside our line
			}
			cur, at = mm(d.units(word, bold)), 1
		}
		matched = i + 1
	}
	return n
}

// joinLines joins the texts of lines with spaces.
func joinLines(lines []line) string {
	if len(lines) == 1 {
		return lines[0].text
	}
	var b strings.Builder
	for i, l := range lines {
		if i > 0 {
			b.WriteByte(' ')
		}
		b.WriteString(l.text)
	}
	return b.String()
}

// lazyText is a text component whose value is known only when the document is rendered:
// the page numbers of the contents.
type lazyText struct {
	value func() string
	prop  props.Text
	cfg   *entity.Config
}

func (l *lazyText) SetConfig(cfg *entity.Config) { l.cfg = cfg }

func (l *lazyText) GetStructure() *node.Node[core.Structure] {
	return node.New(core.Structure{Type: "lazytext"})
}

func (l *lazyText) inner(v string) core.Component {
	t := text.New(v, l.prop)
	t.SetConfig(l.cfg)
	return t
}

func (l *lazyText) GetHeight(p core.Provider, c *entity.Cell) float64 {
	return l.inner("0").GetHeight(p, c)
}

func (l *lazyText) Render(p core.Provider, c *entity.Cell) { l.inner(l.value()).Render(p, c) }

// ellipsis shortens s to fit width mm on one line, ending it with "…" when cut.
func (d *doc) ellipsis(s string, size float64, bold bool, width float64) string {
	s = strings.Join(strings.Fields(s), " ")
	if d.width(s, size, bold) <= width {
		return s
	}
	r := []rune(s)
	for n := len(r) - 1; n > 0; n-- {
		t := strings.TrimRight(string(r[:n]), " ,;·—-") + "…"
		if d.width(t, size, bold) <= width {
			return t
		}
	}
	return "…"
}

// logoRow is a row height mm high with the document's logo in its first size thousandths,
// fitted to the row and kept in proportion.
func logoRow(doc workspace.Document, height float64, size int) core.Row {
	ext := extension.Png
	if doc.LogoFormat == "jpeg" {
		ext = extension.Jpeg
	}
	return row.New(height).Add(col.New(size).Add(image.NewFromBytes(doc.LogoData, ext, props.Rect{Percent: 100})), col.New(grid-size))
}
