package pdf_test

import (
	"bytes"
	"encoding/json"
	"regexp"
	"slices"
	"strings"
	"testing"

	"github.com/soa-tool/soa/soa/clienttest"
	"github.com/soa-tool/soa/soa/label"
	"github.com/soa-tool/soa/soa/pdf"
	"github.com/soa-tool/soa/soa/soatest"
	"github.com/soa-tool/soa/soa/workspace"
)

// qpdfJSON reads the PDF as qpdf --json describes it.
type qpdfJSON struct {
	Outlines []outline `json:"outlines"`
	Pages    []struct {
		Object string `json:"object"`
	} `json:"pages"`
	QPDF []map[string]any `json:"qpdf"`
}

type outline struct {
	Title string    `json:"title"`
	Page  int       `json:"destpageposfrom1"`
	Kids  []outline `json:"kids"`
}

func readQPDF(t *testing.T, path string) qpdfJSON {
	t.Helper()
	out := clienttest.Run(t, clienttest.Require(t, "qpdf"), "--json", "--json-key=outlines", "--json-key=pages", "--json-key=qpdf", path)
	var j qpdfJSON
	if err := json.Unmarshal(out, &j); err != nil {
		t.Fatal(err)
	}
	return j
}

// object returns the dictionary of object "n 0 R" from qpdf's JSON.
func (j qpdfJSON) object(ref string) map[string]any {
	for _, m := range j.QPDF {
		if o, ok := m["obj:"+ref].(map[string]any); ok {
			if v, ok := o["value"].(map[string]any); ok {
				return v
			}
		}
	}
	return nil
}

// TestOutlineAndLinks reads the outline, the links of the contents and the catalogue with qpdf:
// every section and theme is a bookmark to the page it starts on, each line of the contents
// links to that page, the document names its language, and qpdf finds no error.
func TestOutlineAndLinks(t *testing.T) {
	s := derive(t, soatest.Example("acme-saas"))
	path, _ := render(t, s, pdf.Options{})
	clienttest.CheckPDF(t, path)
	j := readQPDF(t, path)

	var flat []string
	var walk func([]outline, string)
	walk = func(os []outline, indent string) {
		for _, o := range os {
			flat = append(flat, indent+o.Title)
			if o.Page < 1 || o.Page > len(j.Pages) {
				t.Errorf("bookmark %q points at page %d of %d", o.Title, o.Page, len(j.Pages))
			}
			walk(o.Kids, indent+"  ")
		}
	}
	walk(j.Outlines, "")
	want := []string{"Statement of Applicability", "1  Document control", "  Sign-off",
		"2  Summary: applicability, implementation status and risk", "  Excluded controls and their justification",
		"3  Statement of Applicability", "  3.1  Organizational controls", "  3.2  People controls", "  3.3  Physical controls",
		"  3.4  Technological controls", "  3.5  Additional controls", "Appendix A  Risk treatment plan"}
	if !slices.Equal(flat, want) {
		t.Errorf("outline:\n%s\nwant:\n%s", strings.Join(flat, "\n"), strings.Join(want, "\n"))
	}

	// The bookmarks and the contents agree with where pdftotext finds the headings.
	text := pages(t, path, "-raw")
	first := slices.IndexFunc(text, func(p string) bool { return strings.Contains(p, "\nContents\n") })
	if first < 1 {
		t.Fatal("no page has the contents")
	}
	pageOf := func(heading string) int {
		for i, p := range text {
			if i > first && strings.Contains(p, heading) { // past the cover and the contents
				return i + 1
			}
		}
		return 0
	}
	for _, o := range j.Outlines {
		if o.Title == "3  Statement of Applicability" {
			if got := pageOf("3.1 Organizational controls"); got != o.Page {
				t.Errorf("section 3 bookmarked at page %d, its first theme is on page %d", o.Page, got)
			}
		}
	}

	// The contents page: one link per line of the contents, each to a page of the document.
	contents := -1
	for i, p := range text {
		if strings.Contains(p, "Contents") && strings.Contains(p, "3 Statement of Applicability") {
			contents = i
		}
	}
	if contents < 0 {
		t.Fatal("no contents page listing section 3")
	}
	page := j.object(j.Pages[contents].Object)
	annots, _ := page["/Annots"].([]any)
	if len(annots) != len(want)-1 {
		t.Errorf("the contents page has %d links, want %d (one per section but the cover)", len(annots), len(want)-1)
	}
	targets := map[string]bool{}
	for _, p := range j.Pages {
		targets[p.Object] = true
	}
	for _, a := range annots {
		ann := j.object(a.(string))
		dest, _ := ann["/Dest"].([]any)
		if ann["/Subtype"] != "/Link" || len(dest) == 0 || !targets[dest[0].(string)] {
			t.Errorf("link %v: %v", a, ann)
		}
	}

	// The catalogue: the language, and the outline shown when the file opens.
	var root map[string]any
	for _, m := range j.QPDF {
		if tr, ok := m["trailer"].(map[string]any); ok {
			v := tr["value"].(map[string]any)
			root = j.object(v["/Root"].(string))
		}
	}
	if root["/Lang"] != "u:en" || root["/PageMode"] != "/UseOutlines" {
		t.Errorf("catalogue %v", root)
	}
	info := string(clienttest.Run(t, clienttest.Require(t, "pdfinfo"), path))
	for _, want := range []string{"Title:           Statement of Applicability — Acme Cloud Ltd", "Keywords:        ISO/IEC 27001:2022; Annex A",
		"Author:          Zoë Łukasiewicz, CISO", "Subject:         ISO/IEC 27001:2022 Statement of Applicability, ISMS-SOA-01, Version 2.0"} {
		if !strings.Contains(info, want) {
			t.Errorf("pdfinfo lacks %q:\n%s", want, info)
		}
	}
}

// TestLanguages renders the example in every language and reads it back with pdftotext: the
// labels, headings, statuses and page numbers are the language's, and the English ones are
// gone; the outline is in the language too.
func TestLanguages(t *testing.T) {
	for _, code := range workspace.Languages {
		t.Run(code, func(t *testing.T) {
			l := label.For(code)
			s := derive(t, soatest.Branded(t, code))
			path, _ := render(t, s, pdf.Options{})
			clienttest.CheckPDF(t, path)
			all := norm(strings.Join(pages(t, path, "-raw"), "\n"))
			for _, k := range []label.Key{label.SoA, label.SecControl, label.SecSignOff, label.RevisionHistory, label.ByTheme,
				label.ReasonsAndRisks, label.ImplementationEvidence, label.SecAppendix, label.Contents, label.PreparedBy, label.LikelihoodImpact} {
				if w := norm(l.T(k)); !strings.Contains(all, w) {
					t.Errorf("%s: no %q", code, w)
				}
			}
			for _, w := range []string{l.Status("implemented"), l.ThemeTitle("technological"), l.F(label.PageOf, "1", pageCount2(t, path)),
				l.Date(s.Date), l.Reasons([]string{"contractual", "business"})} {
				if !strings.Contains(all, norm(w)) {
					t.Errorf("%s: no %q", code, w)
				}
			}
			// Document control (page 2) keeps every word of its labels whole: a label column
			// too narrow for "Dokumentkennung" breaks it inside the word.
			control := strings.Fields(norm(pages(t, path, "-raw")[1]))
			for _, k := range []label.Key{label.DocID, label.Classification, label.StatusCol, label.Owner, label.NextReview,
				label.ApprovedBy, label.ApprovedOn, label.PreparedBy, label.ReviewedBy, label.RiskAssessment} {
				for _, w := range strings.Fields(l.T(k)) {
					if !slices.Contains(control, w) {
						t.Errorf("%s: document control breaks %q of %q", code, w, l.T(k))
					}
				}
			}
			// The risk treatment plan keeps each treatment option whole (the example uses all
			// four): "Beibehalten" broke into "Beibehalte" and "n".
			words := strings.Fields(all)
			for _, o := range []string{"modify", "retain", "avoid", "share"} {
				if !slices.Contains(words, l.Option(o)) {
					t.Errorf("%s: the treatment option %q is broken or missing", code, l.Option(o))
				}
			}
			// The SoA table keeps each status whole on every row ("Implementado" broke into
			// "Implementad" and "o"), and "Yes, inherited" in every language.
			for _, st := range []string{"implemented", "partial", "planned"} {
				n := 0
				for _, e := range s.Controls {
					if e.Status == st {
						n++
					}
				}
				w := strings.Fields(l.Status(st))
				got := 0
				for i := range words {
					if i+len(w) <= len(words) && slices.Equal(words[i:i+len(w)], w) {
						got++
					}
				}
				if got < n {
					t.Errorf("%s: %q whole %d times, want at least %d (one per control)", code, l.Status(st), got, n)
				}
			}
			for _, w := range strings.Fields(l.T(label.YesInherited)) {
				if !slices.Contains(words, w) {
					t.Errorf("%s: %q of %q is broken", code, w, l.T(label.YesInherited))
				}
			}
			if code != "en" {
				for _, english := range []string{"Document control", "Revision history", "Implementation and evidence", "Page 1 of", "Selected to treat"} {
					if strings.Contains(all, english) {
						t.Errorf("%s: %q left in English", code, english)
					}
				}
			}
			// The document's metadata is worded in the language too ("version" was English).
			info := string(clienttest.Run(t, clienttest.Require(t, "pdfinfo"), path))
			if want := "Subject:         " + l.T(label.SubjectLine) + ", ISMS-SOA-01, " + l.F(label.VersionN, "2.0"); !strings.Contains(info, want) {
				t.Errorf("%s: pdfinfo lacks %q:\n%s", code, want, info)
			}
			if o := readQPDF(t, path).Outlines; len(o) == 0 || o[0].Title != l.T(label.SoA) {
				t.Errorf("%s: outline %v", code, o)
			}
			// The logo: on the cover and in the header of every page (pdfimages lists them).
			imgs := strings.Count(string(clienttest.Run(t, clienttest.Require(t, "pdfimages"), "-list", path)), " image ")
			if n := pageCount(t, path); imgs < n+1 {
				t.Errorf("%s: %d images on %d pages: the logo is not on the cover and every header", code, imgs, n)
			}
		})
	}
}

func pageCount2(t *testing.T, path string) string {
	return strings.TrimSpace(regexp.MustCompile(`Pages:\s+(\d+)`).FindStringSubmatch(
		string(clienttest.Run(t, clienttest.Require(t, "pdfinfo"), path)))[1])
}

// TestSignOff reads the sign-off page: who prepared, reviewed and approved, with roles and
// dates; a draft shows the approval as pending.
func TestSignOff(t *testing.T) {
	path, _ := render(t, derive(t, soatest.Example("acme-saas")), pdf.Options{})
	page := signOffPage(t, path)
	for _, want := range []string{"Prepared by Zoë Łukasiewicz, CISO", "Reviewed by Niamh Byrne, Head of Compliance",
		"Approved by Zoë Łukasiewicz CISO 2026-10-12", "Approved by Siobhán O'Connor CEO 2026-10-15", "Signature"} {
		if !strings.Contains(page, want) {
			t.Errorf("sign-off page lacks %q:\n%s", want, page)
		}
	}
	draft := soatest.Edited(t, "acme-saas", map[string][][2]string{workspace.ISMSFile: {
		{soatest.ExampleApprovals, ""}, {"  prepared_by: Zoë Łukasiewicz, CISO\n", ""}}})
	path, _ = render(t, derive(t, draft), pdf.Options{})
	page = signOffPage(t, path)
	for _, want := range []string{"Prepared by pending", "Reviewed by Niamh Byrne, Head of Compliance", "Approved by pending"} {
		if !strings.Contains(page, want) {
			t.Errorf("draft sign-off page lacks %q:\n%s", want, page)
		}
	}
}

func signOffPage(t *testing.T, path string) string {
	for _, p := range pages(t, path, "-raw") {
		if strings.Contains(p, "By signing, the persons below confirm") {
			return norm(p)
		}
	}
	t.Fatal("no sign-off page")
	return ""
}

// TestHeaderNeverWraps gives the document a long classification and title: the page header
// keeps one line, shortened with an ellipsis, and the cover shows them whole.
func TestHeaderNeverWraps(t *testing.T) {
	long := "Confidential — for the certification body, the board and named auditors only, not for onward distribution"
	dir := soatest.Edited(t, "acme-saas", map[string][][2]string{workspace.ISMSFile: {
		{"classification: Confidential", "classification: " + long},
		{"title: Statement of Applicability", "title: Statement of Applicability of the Acme Payables platform, its people, processes and suppliers"}}})
	path, _ := render(t, derive(t, dir), pdf.Options{})
	p := pages(t, path, "-layout")
	if !strings.Contains(norm(p[0]), norm(long)) {
		t.Error("the cover lacks the whole classification")
	}
	for i, pg := range p {
		lines := strings.Split(pg, "\n")
		if !strings.Contains(lines[0], "…") {
			t.Errorf("page %d: header %q not shortened", i+1, lines[0])
		}
		if len(lines) > 1 && strings.TrimSpace(lines[1]) != "" {
			t.Errorf("page %d: header wraps onto %q", i+1, lines[1])
		}
	}
}

// TestNoLoneLastRow checks every theme of the SoA table: its last control never stands alone
// on a page (the A.6.8 and A.8.34 of the example did).
func TestNoLoneLastRow(t *testing.T) {
	path, _ := render(t, derive(t, soatest.Example("acme-saas")), pdf.Options{})
	id := regexp.MustCompile(`(?m)^\s*(A\.[5-8]\.\d+)\s`)
	for i, p := range pages(t, path, "-layout") {
		if !regexp.MustCompile(`3\.\d +\S.*\(continued\)`).MatchString(p) {
			continue // not a continued page of the SoA table
		}
		ids := id.FindAllStringSubmatch(p, -1)
		if len(ids) != 1 {
			continue
		}
		t.Errorf("page %d holds one control alone (%s), continued from the page before", i+1, ids[0][1])
	}
}

// TestDeterministicWithLogo renders a German document with a logo twice: the same bytes,
// and the logo embedded once however many pages show it.
func TestDeterministicWithLogo(t *testing.T) {
	s := derive(t, soatest.Branded(t, "de"))
	path, first := render(t, s, pdf.Options{})
	if _, again := render(t, s, pdf.Options{}); !bytes.Equal(first, again) {
		t.Error("two renders differ")
	}
	if n := bytes.Count(first, []byte("/Subtype /Image")); n != 1 {
		t.Errorf("the logo is embedded %d times", n)
	}
	clienttest.CheckPDF(t, path)
}
