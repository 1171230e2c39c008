package pdf

import (
	"fmt"
	"strings"
	"sync"
	"unicode"

	"golang.org/x/image/font/gofont/gobold"
	"golang.org/x/image/font/gofont/goregular"
	"golang.org/x/image/font/sfnt"

	"github.com/soa-tool/soa/soa"
	"github.com/soa-tool/soa/soa/version"
	"github.com/soa-tool/soa/soa/workspace"
)

// The glyph check. gofpdf draws a character its font lacks as an empty box, silently, and
// panics on any character beyond U+FFFF (its CID map has 65,536 entries). So every text is
// checked against the fonts before the PDF is rendered, and a character that cannot be drawn
// is refused with the field it is in.

// MissingGlyph is a character the PDF cannot draw, and the field that holds it, named as the
// user finds it: "controls.yaml A.5.1 owner", "isms.yaml document.approved_by".
type MissingGlyph struct {
	Field string
	Char  rune
}

// GlyphError lists the characters the PDF cannot draw; it is the error of [CheckGlyphs] and
// [CheckText].
type GlyphError struct {
	Missing []MissingGlyph
	// Custom is set when the fonts were given with --font.
	Custom bool
}

// maxListed is how many missing characters the message names; the rest are counted.
const maxListed = 20

func (e *GlyphError) Error() string {
	var b strings.Builder
	beyond := false
	for i, m := range e.Missing {
		if i == maxListed {
			fmt.Fprintf(&b, "  ... and %d more\n", len(e.Missing)-maxListed)
			break
		}
		if m.Char > 0xFFFF {
			beyond = true
			fmt.Fprintf(&b, "  %s: %q (%U) is beyond U+FFFF (an emoji or a rare CJK character), which no PDF font here can embed\n", m.Field, m.Char, m.Char)
		} else {
			fmt.Fprintf(&b, "  %s: the PDF font has no glyph for %q (%U)\n", m.Field, m.Char, m.Char)
		}
	}
	hint := "give a TrueType font that has these characters with --font (and --font-bold)"
	if e.Custom {
		hint = "the font given with --font lacks them: give one that has them"
	}
	if beyond {
		hint = "remove the characters beyond U+FFFF; for the others, " + hint
	}
	return fmt.Sprintf("the PDF cannot draw %d character(s):\n%s%s, or leave the PDF out with --format xlsx,json,csv",
		len(e.Missing), b.String(), hint)
}

// glyphs answers whether a font has a glyph for a character, remembering the answers.
type glyphs struct {
	fonts []*sfnt.Font
	buf   sfnt.Buffer
	known map[rune]bool
}

func newGlyphs(opt Options) (*glyphs, error) {
	regular, bold := goregular.TTF, gobold.TTF
	if opt.Regular != nil {
		regular, bold = opt.Regular, opt.Regular
		if opt.Bold != nil {
			bold = opt.Bold
		}
	}
	g := &glyphs{known: map[rune]bool{}}
	for _, b := range [][]byte{regular, bold} {
		f, err := parseFont(b)
		if err != nil {
			return nil, err
		}
		g.fonts = append(g.fonts, f)
	}
	return g, nil
}

var goFonts = sync.OnceValues(func() ([2]*sfnt.Font, error) {
	r, err := sfnt.Parse(goregular.TTF)
	if err != nil {
		return [2]*sfnt.Font{}, err
	}
	b, err := sfnt.Parse(gobold.TTF)
	return [2]*sfnt.Font{r, b}, err
})

// parseFont parses a font, reusing the parsed Go fonts.
func parseFont(b []byte) (*sfnt.Font, error) {
	if len(b) > 0 && (&b[0] == &goregular.TTF[0] || &b[0] == &gobold.TTF[0]) {
		f, err := goFonts()
		if &b[0] == &goregular.TTF[0] {
			return f[0], err
		}
		return f[1], err
	}
	f, err := sfnt.Parse(b)
	if err != nil {
		return nil, fmt.Errorf("the font cannot be read: %w", err)
	}
	return f, nil
}

// has reports whether every font draws r. Line breaks and tabs are layout, not glyphs, and
// format characters (zero-width space, direction marks) draw nothing in any font.
func (g *glyphs) has(r rune) bool {
	if r < 0x7f {
		return true
	}
	if r > 0xFFFF {
		return false
	}
	if unicode.Is(unicode.Cf, r) {
		return true
	}
	ok, seen := g.known[r]
	if !seen {
		ok = true
		for _, f := range g.fonts {
			if i, err := f.GlyphIndex(&g.buf, r); err != nil || i == 0 {
				ok = false
			}
		}
		g.known[r] = ok
	}
	return ok
}

// checker collects the missing characters, each once per field.
type checker struct {
	g       *glyphs
	missing []MissingGlyph
}

func (c *checker) text(field, s string) {
	var seen []rune
	for _, r := range s {
		if r < 0x7f || c.g.has(r) || containsRune(seen, r) {
			continue
		}
		seen = append(seen, r)
		c.missing = append(c.missing, MissingGlyph{Field: field, Char: r})
	}
}

func containsRune(rs []rune, r rune) bool {
	for _, x := range rs {
		if x == r {
			return true
		}
	}
	return false
}

func (c *checker) err(opt Options) error {
	if len(c.missing) == 0 {
		return nil
	}
	return &GlyphError{Missing: c.missing, Custom: opt.Regular != nil}
}

// CheckText reports, as a [*GlyphError], the characters of s that the PDF built with opt
// cannot draw; field names s in the message. soa approve checks --by with it.
func CheckText(field, s string, opt Options) error {
	g, err := newGlyphs(opt)
	if err != nil {
		return err
	}
	c := &checker{g: g}
	c.text(field, s)
	return c.err(opt)
}

// CheckGlyphs reports, as a [*GlyphError], every character of the texts of s (and of changes,
// when not nil) that the PDF built with opt cannot draw, naming the field of each. soa build
// calls it before writing anything; [Write] calls it too, so that it never renders a PDF
// with boxes or crashes on a character beyond U+FFFF.
func CheckGlyphs(s *soa.SoA, changes *version.Changes, opt Options) error {
	g, err := newGlyphs(opt)
	if err != nil {
		return err
	}
	c := &checker{g: g}
	d := s.Document
	isms := func(key string) string { return workspace.ISMSFile + " " + key }
	for _, f := range []struct{ key, val string }{
		{"organization", d.Organization}, {"scope", d.Scope}, {"document.id", d.ID},
		{"document.title", d.Title}, {"document.version", d.Version},
		{"document.classification", d.Classification}, {"document.owner", d.Owner},
		{"document.approved_by", d.ApprovedBy},
	} {
		c.text(isms(f.key), f.val)
	}
	for i, h := range d.History {
		p := fmt.Sprintf("document.history[%d].", i)
		c.text(isms(p+"version"), h.Version)
		c.text(isms(p+"author"), h.Author)
		c.text(isms(p+"changes"), h.Changes)
	}
	for _, l := range s.Method.Levels {
		c.text(isms("risk_method.levels"), l.Name)
	}
	for _, n := range append(append([]string{}, s.Method.Likelihood...), s.Method.Impact...) {
		c.text(isms("risk_method"), n)
	}
	for _, e := range s.Controls {
		p := workspace.ControlsFile + " " + e.Control.ID.String() + " "
		c.text(p+"owner", e.Owner)
		c.text(p+"implementation", e.Implementation)
		c.text(p+"justification", e.Justification)
		for _, ev := range e.Evidence {
			c.text(p+"evidence", ev)
		}
		for _, r := range e.Reasons {
			c.text(p+"reasons", r)
		}
	}
	for _, r := range s.Risks {
		p := workspace.RisksFile + " risk " + r.ID + " "
		c.text(workspace.RisksFile+" id", r.ID)
		for _, f := range []struct{ key, val string }{
			{"title", r.Title}, {"description", r.Description}, {"asset", r.Asset},
			{"threat", r.Threat}, {"vulnerability", r.Vulnerability}, {"owner", r.Owner},
			{"treatment.plan", r.Treatment.Plan}, {"accepted_by", r.AcceptedBy},
		} {
			c.text(p+f.key, f.val)
		}
	}
	if changes != nil {
		checkChanges(c, changes)
	}
	return c.err(opt)
}

// checkChanges checks the texts of the section "Changes in this version", which come from
// the earlier version as well.
func checkChanges(c *checker, ch *version.Changes) {
	p := "the changes since " + ch.Old.Source + ": "
	c.text(p+"source", ch.Old.Source+ch.Old.Version+ch.New.Source+ch.New.Version)
	fields := func(where string, fs []version.FieldChange) {
		for _, f := range fs {
			c.text(p+where+f.Field, f.Old+f.New+strings.Join(f.Added, "")+strings.Join(f.Removed, ""))
		}
	}
	fields("document ", ch.Document)
	for _, cc := range ch.Controls {
		fields(cc.ID+" ", cc.Fields)
	}
	for _, r := range ch.Risks {
		c.text(p+"risk id", r.ID)
		c.text(p+"risk "+r.ID+" title", r.Title)
		fields("risk "+r.ID+" ", r.Fields)
		if r.Risk != nil {
			c.text(p+"risk "+r.ID, r.Risk.Title+r.Risk.Owner+r.Risk.Treatment.Plan)
		}
	}
	for _, id := range append(append([]string{}, ch.Counts.RisksAdded...), ch.Counts.RisksRemoved...) {
		c.text(p+"risk id", id)
	}
}
