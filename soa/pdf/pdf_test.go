package pdf_test

import (
	"bytes"
	"fmt"
	"os"
	"path/filepath"
	"regexp"
	"strconv"
	"strings"
	"testing"

	"golang.org/x/image/font/gofont/gomono"

	"github.com/soa-tool/soa/annexa"
	"github.com/soa-tool/soa/soa"
	"github.com/soa-tool/soa/soa/clienttest"
	"github.com/soa-tool/soa/soa/pdf"
	"github.com/soa-tool/soa/soa/soatest"
	"github.com/soa-tool/soa/soa/version"
	"github.com/soa-tool/soa/soa/workspace"
)

const unicodeText = "Zażółć gęślą jaźń — Größe — Ελληνικά — Привет"

// derive loads and derives the workspace in dir, failing on errors.
func derive(t testing.TB, dir string) *soa.SoA {
	t.Helper()
	return soatest.Valid(t, dir)
}

// render writes the PDF of s into a temporary file and returns its path and bytes.
func render(t testing.TB, s *soa.SoA, opt pdf.Options) (string, []byte) {
	t.Helper()
	return renderWith(t, s, nil, opt)
}

// renderWith is render with the changes ch (nil for none).
func renderWith(t testing.TB, s *soa.SoA, ch *version.Changes, opt pdf.Options) (string, []byte) {
	t.Helper()
	var buf bytes.Buffer
	if err := pdf.Write(&buf, s, ch, opt); err != nil {
		t.Fatal(err)
	}
	path := filepath.Join(t.TempDir(), "soa.pdf")
	if err := os.WriteFile(path, buf.Bytes(), 0o644); err != nil {
		t.Fatal(err)
	}
	return path, buf.Bytes()
}

// pages extracts the text of each page with pdftotext; mode is "-layout" or "-raw".
func pages(t testing.TB, path, mode string) []string {
	t.Helper()
	bin := clienttest.Require(t, "pdftotext")
	out := clienttest.Run(t, bin, "-enc", "UTF-8", mode, path, "-")
	p := strings.Split(string(out), "\f")
	if len(p) > 0 && strings.TrimSpace(p[len(p)-1]) == "" {
		p = p[:len(p)-1]
	}
	return p
}

func pageCount(t testing.TB, path string) int {
	t.Helper()
	bin := clienttest.Require(t, "pdfinfo")
	m := regexp.MustCompile(`(?m)^Pages:\s+(\d+)`).FindSubmatch(clienttest.Run(t, bin, path))
	if m == nil {
		t.Fatal("pdfinfo gave no page count")
	}
	n, _ := strconv.Atoi(string(m[1]))
	return n
}

var space = regexp.MustCompile(`\s+`)

func norm(s string) string { return strings.TrimSpace(space.ReplaceAllString(s, " ")) }

// inOrder reports the first word of want that is not found, in order, among the words of
// got (other words may come between: page headers and footers, other columns).
func inOrder(got, want string) (string, bool) {
	words := strings.Fields(got)
	i := 0
	for _, w := range strings.Fields(want) {
		for i < len(words) && words[i] != w {
			i++
		}
		if i == len(words) {
			return w, false
		}
		i++
	}
	return "", true
}

// numbered extracts the PDF's pages with pdftotext -layout, checks that they are as many as
// pdfinfo counts and that page i says "Page i of N", and returns them.
func numbered(t *testing.T, path string) []string {
	t.Helper()
	layout := pages(t, path, "-layout")
	n := pageCount(t, path)
	if len(layout) != n {
		t.Fatalf("pdftotext gave %d pages, pdfinfo %d", len(layout), n)
	}
	for i, p := range layout {
		if want := fmt.Sprintf("Page %d of %d", i+1, n); !strings.Contains(p, want) {
			t.Errorf("page %d lacks %q", i+1, want)
		}
	}
	return layout
}

func TestExample(t *testing.T) {
	s := derive(t, soatest.Example("acme-saas"))
	path, _ := render(t, s, pdf.Options{})
	layout := numbered(t, path)
	for i, p := range layout {
		for _, want := range []string{"Acme Cloud Ltd", "Statement of Applicability", "ISMS-SOA-01", "Version 2.0", "Confidential"} {
			if !strings.Contains(p, want) {
				t.Errorf("page %d lacks %q in its header or footer", i+1, want)
			}
		}
	}
	all := strings.Join(layout, "\n")
	if strings.Contains(all, "DRAFT") {
		t.Error("the approved example is marked DRAFT")
	}
	for _, want := range []string{"Approved by Siobhán O'Connor (CEO) on 2026-10-15", "Approved by Zoë Łukasiewicz (CISO) on 2026-10-12", s.Fingerprint,
		"sha256sum isms.yaml risks.yaml controls.yaml | sha256sum", "Zoë Łukasiewicz"} {
		if !strings.Contains(all, want) {
			t.Errorf("missing %q", want)
		}
	}
	// Every control opens a row of the SoA table: its ID first on the line.
	for _, c := range annexa.All() {
		re := regexp.MustCompile(`(?m)^\s*` + regexp.QuoteMeta(c.ID.String()) + `\s`)
		if !re.MatchString(all) {
			t.Errorf("control %s has no row", c.ID)
		}
	}
	raw := norm(strings.Join(pages(t, path, "-raw"), "\n"))
	ex := s.Excluded()
	if len(ex) == 0 {
		t.Fatal("the example excludes no control")
	}
	for _, e := range ex {
		// Once in the summary's list of exclusions, once in the SoA table.
		if got := strings.Count(raw, norm(e.Justification)); got != 2 {
			t.Errorf("the justification of %s appears %d times, want 2", e.Control.ID, got)
		}
	}
	for _, r := range s.Risks {
		if !strings.Contains(raw, norm(r.Treatment.Plan)) {
			t.Errorf("the plan of risk %s is missing", r.ID)
		}
	}
	// The additional controls: a line in the summary, a section after the 93, each with its
	// source; the contents list the section.
	if len(s.Additional) != 3 {
		t.Fatalf("%d additional controls in the example", len(s.Additional))
	}
	for _, want := range []string{"93 Annex A controls + 3 additional: 94 applicable, 2 excluded.", "3.5 Additional controls",
		"Prepared by Zoë Łukasiewicz, CISO", "Reviewed by Niamh Byrne, Head of Compliance",
		"Risk assessment RA-2026-01 Information security risk assessment report, 2026-09-30",
		"Closed 2026-05-04: Jenkins decommissioned", "Done 2026-03-20", "Plan approved by Siobhán O'Connor, CEO on 2026-10-06",
		"(22 in all)", "Closed risks left out: 1."} {
		if !strings.Contains(raw, want) {
			t.Errorf("missing %q", want)
		}
	}
	section := raw[strings.LastIndex(raw, "3.5 Additional controls"):]
	for _, e := range s.Additional {
		if !strings.Contains(section, e.ID()+" "+norm(e.Control.Title)) || !strings.Contains(section, "Source: "+e.Source) {
			t.Errorf("the section lacks %s %s with its source", e.ID(), e.Control.Title)
		}
	}
	if strings.Index(raw, "A.8.34 ") > strings.LastIndex(raw, "CLD.6.3.1 ") {
		t.Error("the additional controls do not follow A.8.34")
	}
	// What the register records reaches the PDF: the exclusions' review dates, the supplier
	// that provides an inherited control and what assures it, the risks' asset, threat and
	// vulnerability, the current rating and its heat map, the acceptance against the criteria
	// and the scales' descriptions.
	for _, want := range []string{
		"A.8.30 Outsourced development All software is developed by Acme employees",
		"re-assessment of this control. 2027-10-01",
		"A.7.4 Physical security monitoring New in 2022 Yes, inherited",
		"Provided by Amazon Web Services Inherited: AWS monitors its data centres",
		"Assurance: AWS SOC 2 Type II report, period to 2026-09-30; complementary user entity controls reviewed in SUP-03",
		"Asset: AWS production organisation; Okta tenant",
		"Threat: Credential phishing, session token theft, MFA fatigue attacks",
		"Vulnerability: Standing administrator privileges; push-based MFA",
		"Inherent risk (before treatment) Current risk (today) Target residual risk (after treatment)",
		"Within criteria (≤ 9); interim exposure: current score 10 is above 9 until the treatment is done",
		"Accepted by Zoë Łukasiewicz, CISO on 2026-10-06",
		"at High by the CISO, at Critical by the CEO",
		"1 Rare Less than once in 10 years Negligible No customer impact; fixed within a working day",
	} {
		if !strings.Contains(raw, norm(want)) {
			t.Errorf("the PDF lacks %q", want)
		}
	}
	if strings.Contains(raw, "Not required") {
		t.Error(`the register says "Not required" for an acceptance`)
	}
	checkNoOverlap(t, path)
}

func TestDraft(t *testing.T) {
	dir := soatest.Copy(t, "acme-saas")
	file := filepath.Join(dir, workspace.ISMSFile)
	b, err := os.ReadFile(file)
	if err != nil {
		t.Fatal(err)
	}
	b = bytes.Replace(b, []byte(soatest.ExampleApprovals), nil, 1)
	if err := os.WriteFile(file, b, 0o644); err != nil {
		t.Fatal(err)
	}
	s := derive(t, dir)
	if s.Document.Approved() {
		t.Fatal("the document is still approved")
	}
	path, _ := render(t, s, pdf.Options{})
	layout := pages(t, path, "-layout")
	for i, p := range layout {
		if !strings.Contains(p, "DRAFT") {
			t.Errorf("page %d is not marked DRAFT", i+1)
		}
	}
	if !strings.Contains(layout[0], "DRAFT — NOT APPROVED") {
		t.Error("the cover has no DRAFT banner")
	}
	if strings.Contains(strings.Join(layout, "\n"), "Approved by Siobhán") {
		t.Error("a draft says it is approved")
	}
}

// TestText checks text that is hard to render: other scripts, and a justification longer
// than a page, which must come back whole, in order, and without lines overlapping.
func TestText(t *testing.T) {
	s := derive(t, soatest.Example("acme-saas"))
	var long strings.Builder
	for p := range 12 {
		if p > 0 {
			long.WriteString("\n")
		}
		for w := range 60 {
			fmt.Fprintf(&long, "para%02dword%02d ", p, w)
		}
		fmt.Fprintf(&long, "https://example.com/a/very/long/unbroken/path/that/is/wider/than/the/column/%02d", p)
	}
	long.WriteString(" the very last words")
	var ex, in int = -1, -1
	for i, e := range s.Controls {
		switch {
		case ex < 0 && e.Decided && !e.Applicable:
			ex = i
			s.Controls[i].Justification = unicodeText
		case in < 0 && e.Applicable && e.Control.Theme == annexa.Technological:
			in = i
			s.Controls[i].Justification = long.String()
		}
	}
	path, _ := render(t, s, pdf.Options{SOC2: true})
	raw := strings.Join(pages(t, path, "-raw"), "\n")
	if got := strings.Count(norm(raw), unicodeText); got != 2 {
		t.Errorf("%q appears %d times, want 2 (summary and table)", unicodeText, got)
	}
	// Words longer than the column are broken between characters: compare without the
	// line breaks.
	flat := strings.ReplaceAll(strings.ReplaceAll(raw, "\n", " "), " ", " ")
	want := long.String()
	for _, l := range strings.Split(want, "\n") {
		if w, ok := inOrder(flat, strings.Split(l, " https://")[0]); !ok {
			t.Fatalf("the long justification is cut: %q is missing", w)
		}
	}
	if !strings.Contains(norm(raw), "the very last words") {
		t.Error("the long justification's last words are missing")
	}
	if !strings.Contains(raw, s.Controls[in].Control.ID.String()+"\n(cont.)") {
		t.Error("the long entry's continuation is not marked")
	}
	numbered(t, path)
	checkNoOverlap(t, path)
}

// checkNoOverlap fails when two words on a page overlap, as they do when a row is drawn
// over the previous one.
func checkNoOverlap(t *testing.T, path string) {
	t.Helper()
	bin := clienttest.Require(t, "pdftotext")
	out := string(clienttest.Run(t, bin, "-bbox", path, "-"))
	type box struct {
		x0, y0, x1, y1 float64
		w              string
	}
	word := regexp.MustCompile(`<word xMin="([\d.]+)" yMin="([\d.]+)" xMax="([\d.]+)" yMax="([\d.]+)">([^<]*)</word>`)
	for pi, pg := range strings.Split(out, "<page ")[1:] {
		var boxes []box
		for _, m := range word.FindAllStringSubmatch(pg, -1) {
			f := func(s string) float64 { v, _ := strconv.ParseFloat(s, 64); return v }
			boxes = append(boxes, box{f(m[1]), f(m[2]), f(m[3]), f(m[4]), m[5]})
		}
		for i, a := range boxes {
			for _, b := range boxes[i+1:] {
				w := min(a.x1, b.x1) - max(a.x0, b.x0)
				h := min(a.y1, b.y1) - max(a.y0, b.y0)
				if w > 0.5 && h > 0.3*min(a.y1-a.y0, b.y1-b.y0) {
					t.Errorf("page %d: %q and %q overlap", pi+1, a.w, b.w)
				}
			}
		}
	}
}

func TestPDFTools(t *testing.T) {
	s := derive(t, soatest.Example("acme-saas"))
	path, _ := render(t, s, pdf.Options{})
	if n := clienttest.CheckPDF(t, path); n < 2 {
		t.Errorf("pdffonts lists %d fonts, want the regular and the bold face", n)
	}
	info := string(clienttest.Run(t, clienttest.Require(t, "pdfinfo"), path))
	for _, want := range []string{"Title:           Statement of Applicability — Acme Cloud Ltd",
		"Author:          Zoë Łukasiewicz, CISO", "Subject:         ISO/IEC 27001:2022 Statement of Applicability, ISMS-SOA-01, Version 2.0"} {
		if !strings.Contains(info, want) {
			t.Errorf("pdfinfo lacks %q:\n%s", want, info)
		}
	}
}

func TestDeterministic(t *testing.T) {
	s := derive(t, soatest.Example("acme-saas"))
	var a, b bytes.Buffer
	if err := pdf.Write(&a, s, nil, pdf.Options{}); err != nil {
		t.Fatal(err)
	}
	if err := pdf.Write(&b, derive(t, soatest.Example("acme-saas")), nil, pdf.Options{}); err != nil {
		t.Fatal(err)
	}
	if !bytes.Equal(a.Bytes(), b.Bytes()) {
		t.Fatal("two renderings of the same SoA differ")
	}
	if !bytes.Contains(a.Bytes(), []byte("/CreationDate (D:20261015000000)")) || !bytes.Contains(a.Bytes(), []byte("/ModDate (D:20261015000000)")) {
		t.Error("the PDF's dates are not the document's date")
	}
}

func TestFont(t *testing.T) {
	// As soa build --font reads it: a TrueType file.
	file := filepath.Join(t.TempDir(), "gomono.ttf")
	if err := os.WriteFile(file, gomono.TTF, 0o644); err != nil {
		t.Fatal(err)
	}
	ttf, err := os.ReadFile(file)
	if err != nil {
		t.Fatal(err)
	}
	s := derive(t, soatest.Example("acme-saas"))
	path, b := render(t, s, pdf.Options{Regular: ttf})
	_, def := render(t, s, pdf.Options{})
	if bytes.Equal(b, def) {
		t.Fatal("--font changed nothing")
	}
	// Uncompress the streams and look for the font's name in the embedded font program.
	qdf := filepath.Join(t.TempDir(), "qdf.pdf")
	clienttest.Run(t, clienttest.Require(t, "qpdf"), "--qdf", "--object-streams=disable", path, qdf)
	raw, err := os.ReadFile(qdf)
	if err != nil {
		t.Fatal(err)
	}
	utf16 := []byte("\x00G\x00o\x00 \x00M\x00o\x00n\x00o")
	if !bytes.Contains(raw, []byte("Go Mono")) && !bytes.Contains(raw, utf16) {
		t.Error("the embedded font is not Go Mono")
	}
	text := strings.Join(pages(t, path, "-raw"), "")
	if !strings.Contains(text, "A.8.34") {
		t.Error("text is missing with --font")
	}
	// Go Mono is wider than Go Regular: the columns of headings and statuses widen so that
	// no word breaks inside ("Implemente" / "d").
	for _, broken := range []string{"Implemente\n", "Applicabl\n"} {
		if strings.Contains(text, broken) {
			t.Errorf("with a wider font a word breaks: %q", broken)
		}
	}

	if err := pdf.Write(&bytes.Buffer{}, s, nil, pdf.Options{Regular: []byte("not a font")}); err == nil {
		t.Error("a file that is not a font was accepted")
	}
}

// TestManyRisks: a control that treats more risks than its narrow column holds lists them
// across the table under its entry, every one; no risk ID is broken over two lines.
func TestManyRisks(t *testing.T) {
	s := derive(t, soatest.Generated(t, 300))
	path, _ := render(t, s, pdf.Options{})
	text := strings.Join(pages(t, path, "-layout"), "\n")
	var many *soa.Entry
	for i, e := range s.Controls {
		if len(e.Risks) > 12 {
			many = &s.Controls[i]
			break
		}
	}
	if many == nil {
		t.Fatal("no control treats more than 12 of the generated risks")
	}
	if want := fmt.Sprintf("Risks: %d, listed below", len(many.Risks)); !strings.Contains(text, want) {
		t.Errorf("the entry of %s lacks %q", many.ID(), want)
	}
	wide := fmt.Sprintf("Risks treated by %s (%d): %s", many.ID(), len(many.Risks), strings.Join(many.Risks, ", "))
	if _, ok := inOrder(norm(text), wide); !ok {
		t.Errorf("the PDF lacks the list %.120s…", wide)
	}
	// Every risk ID is whole in the appendix (the ID column is as wide as the widest ID).
	var appendix strings.Builder
	for _, p := range pages(t, path, "-layout") {
		if strings.Contains(p, "Risk treatment plan") {
			appendix.WriteString(p)
		}
	}
	for _, rk := range s.Risks {
		if !strings.Contains(appendix.String(), " "+rk.ID+" ") {
			t.Errorf("the appendix lacks %s whole", rk.ID)
			break
		}
	}
}
