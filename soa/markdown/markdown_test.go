package markdown_test

import (
	"bytes"
	"regexp"
	"strings"
	"testing"

	"github.com/soa-tool/soa/soa"
	"github.com/soa-tool/soa/soa/label"
	"github.com/soa-tool/soa/soa/markdown"
	"github.com/soa-tool/soa/soa/soatest"
	"github.com/soa-tool/soa/soa/workspace"
)

func render(t *testing.T, s *soa.SoA) string {
	t.Helper()
	var b bytes.Buffer
	if err := markdown.Write(&b, s, nil); err != nil {
		t.Fatal(err)
	}
	return b.String()
}

// TestSections checks the headings and tables: the same sections as the PDF, every table
// with a delimiter row and as many cells in each row as in its heading.
func TestSections(t *testing.T) {
	md := render(t, soatest.Valid(t, soatest.Example("acme-saas")))
	var heads []string
	for _, l := range strings.Split(md, "\n") {
		if strings.HasPrefix(l, "## ") {
			heads = append(heads, l)
		}
	}
	want := []string{"## 1  Document control", "## 2  Summary", "## 3  Statement of Applicability", "## Appendix A  Risk treatment plan"}
	if strings.Join(heads, "\n") != strings.Join(want, "\n") {
		t.Errorf("sections %q", heads)
	}
	for _, w := range []string{"### Sign-off", "| Approved by | Siobhán O'Connor | CEO | 2026-10-15 |  |", "### 3.4  Technological controls",
		"| A.8.34 | Protection of information systems during audit testing |",
		// The controls beyond Annex A, as in the PDF: their row in the summary and section 3.5.
		"| Additional controls | 3 | 3 | 0 |", "| All controls | 96 | 94 | 2 |", "### 3.5  Additional controls",
		"| CLD.12.4.5 | Monitoring of cloud services<br>Source: ISO/IEC 27017:2015 | Yes | Risk<br>Risks: R-13 |",
		// What issue 18 added to the PDF: the supplier of an inherited control and its
		// assurance, the current-risk heat map, the scales, the register's asset, threat and
		// vulnerability, current rating, completed treatments and plan approvals.
		"| A.7.4 | Physical security monitoring<br>New in 2022 | Yes, inherited |", "Provided by Amazon Web Services<br>",
		"<br>Assurance: AWS SOC 2 Type II report", "#### Current risk (today)",
		"| Level | Likelihood | What it means | Impact | What it means |", "| 1 | Rare | Less than once in 10 years | Negligible |",
		"| ID | Risk | Owner | Inherent | Current | Option | Controls | Treatment plan | Due | Target residual | Acceptance |",
		"<br>Asset: AWS production organisation; Okta tenant<br>Threat: Credential phishing", "| Done 2026-03-20 |",
		"<br>Plan approved by Head of Platform Engineering on 2025-10-08 |"} {
		if !strings.Contains(md, w) {
			t.Errorf("no %q", w)
		}
	}
	cells := func(l string) int { return len(regexp.MustCompile(`(^|[^\\])\|`).FindAllString(l, -1)) - 1 }
	lines := strings.Split(md, "\n")
	for i := 1; i+1 < len(lines); i++ {
		if !strings.HasPrefix(lines[i], "| --- |") {
			continue
		}
		n := cells(lines[i-1])
		for j := i + 1; j < len(lines) && strings.HasPrefix(lines[j], "|"); j++ {
			if cells(lines[j]) != n {
				t.Errorf("line %d has %d cells, its heading %d: %s", j+1, cells(lines[j]), n, lines[j])
			}
		}
	}
}

// TestEscaped checks that markup in the user's text stays text.
func TestEscaped(t *testing.T) {
	dir := soatest.Edited(t, "acme-saas", map[string][][2]string{workspace.ISMSFile: {
		{"organization: Acme Cloud Ltd", `organization: "Acme <script>x</script> *bold* | pipe"`}}})
	md := render(t, soatest.Valid(t, dir))
	if strings.Contains(md, "<script>") || strings.Contains(md, " *bold*") {
		t.Errorf("markup reached the Markdown:\n%s", md[:300])
	}
	if !strings.Contains(md, `Acme &lt;script&gt;x&lt;/script&gt; \*bold\* | pipe`) {
		t.Errorf("no escaped organization in:\n%s", md[:300])
	}
}

func TestLanguageAndDeterminism(t *testing.T) {
	s := soatest.Valid(t, soatest.Branded(t, "pl"))
	md := render(t, s)
	if md != render(t, s) {
		t.Error("two renders differ")
	}
	l := label.For("pl")
	for _, w := range []string{"# " + l.T(label.SoA), l.T(label.SecSignOff), l.ThemeTitle("people"), l.Status("partial"), "15.10.2026",
		// CLD.12.4.5 has no justification of its own: only R-13 selects it.
		"Wybrane do postępowania z ryzykiem: R-13 Logging gaps"} {
		if !strings.Contains(md, w) {
			t.Errorf("no %q", w)
		}
	}
	if strings.Contains(md, "Selected to treat") {
		t.Error("the justification of a control only risks select is in English")
	}
}
