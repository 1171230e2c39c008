package html_test

import (
	"bytes"
	"os"
	"os/exec"
	"path/filepath"
	"regexp"
	"strings"
	"testing"

	"github.com/soa-tool/soa/soa"
	"github.com/soa-tool/soa/soa/clienttest"
	"github.com/soa-tool/soa/soa/html"
	"github.com/soa-tool/soa/soa/label"
	"github.com/soa-tool/soa/soa/soatest"
	"github.com/soa-tool/soa/soa/workspace"
)

func render(t *testing.T, s *soa.SoA) []byte {
	t.Helper()
	var b bytes.Buffer
	if err := html.Write(&b, s, nil); err != nil {
		t.Fatal(err)
	}
	return b.Bytes()
}

// hostile is the example with markup in the texts a user writes.
func hostile(t *testing.T) *soa.SoA {
	dir := soatest.Edited(t, "acme-saas", map[string][][2]string{workspace.ISMSFile: {
		{"organization: Acme Cloud Ltd", `organization: "Acme <script>alert(1)</script> & Co"`},
		{"  Out of scope:", "  <img src=x onerror=alert(2)> Out of scope:"},
	}})
	return soatest.Valid(t, dir)
}

// TestEscaped checks that the user's text is shown as text: no element of it reaches the
// page, and the page holds no script at all.
func TestEscaped(t *testing.T) {
	page := string(render(t, hostile(t)))
	for _, bad := range []string{"<script", "<img src=x"} {
		if strings.Contains(page, bad) {
			t.Errorf("the page holds %q", bad)
		}
	}
	for _, want := range []string{"Acme &lt;script&gt;alert(1)&lt;/script&gt; &amp; Co", "&lt;img src=x onerror=alert(2)&gt; Out of scope:"} {
		if !strings.Contains(page, want) {
			t.Errorf("the page lacks the escaped %q", want)
		}
	}
}

// TestSelfContained checks that the page refers to nothing outside itself: no URL in an
// attribute or style sheet but data: URLs and fragments, and the logo inline.
func TestSelfContained(t *testing.T) {
	page := string(render(t, soatest.Valid(t, soatest.Branded(t, "en"))))
	ref := regexp.MustCompile(`(?i)(?:src|href)\s*=\s*"([^"]*)"|url\(([^)]*)\)|@import`)
	for _, m := range ref.FindAllStringSubmatch(page, -1) {
		u := m[1] + m[2]
		if !strings.HasPrefix(u, "#") && !strings.HasPrefix(u, "data:image/png;base64,") {
			t.Errorf("the page refers to %q", m[0])
		}
	}
	if !strings.Contains(page, `<img class="logo" src="data:image/png;base64,`) {
		t.Error("the logo is not inline")
	}
	if !strings.Contains(page, "--accent: #5B2C83") || !strings.Contains(page, "@media print") {
		t.Error("no brand colour or print style sheet")
	}
}

func TestDeterministic(t *testing.T) {
	s := soatest.Valid(t, soatest.Branded(t, "fr"))
	if !bytes.Equal(render(t, s), render(t, s)) {
		t.Error("two renders differ")
	}
}

// TestLanguage checks the labels of a German page and the language it declares.
func TestLanguage(t *testing.T) {
	page := string(render(t, soatest.Valid(t, soatest.Branded(t, "de"))))
	l := label.For("de")
	for _, want := range []string{`<html lang="de">`, l.T(label.SoA), l.T(label.SecControl), l.T(label.SecSignOff),
		l.ThemeTitle("people"), l.Status("implemented"), l.T(label.ImplementationEvidence), "15.10.2026"} {
		if !strings.Contains(page, want) {
			t.Errorf("the German page lacks %q", want)
		}
	}
}

// TestAdditionalControls checks that the controls beyond Annex A have the page's section 3.5,
// an entry in the contents and a row in the summary, as in the PDF.
func TestAdditionalControls(t *testing.T) {
	page := string(render(t, soatest.Valid(t, soatest.Example("acme-saas"))))
	for _, want := range []string{`<a href="#additional">3.5  Additional controls</a>`, `<h3 id="additional">3.5  Additional controls</h3>`,
		`<td><strong>CLD.12.4.5</strong>`, `<span class="note">Source: ISO/IEC 27017:2015</span>`,
		`<td>Additional controls</td><td class="num">3</td>`, `<td>All controls</td><td class="num">96</td>`} {
		if !strings.Contains(page, want) {
			t.Errorf("the page lacks %q", want)
		}
	}
}

// chromium runs headless Chromium on a page, with a net log of every request it makes; it
// returns the URLs the page requested (Chromium's own update and account checks left out).
func chromium(t *testing.T, page string, args ...string) []string {
	t.Helper()
	bin := clienttest.Require(t, "chromium")
	dir := t.TempDir()
	netlog := filepath.Join(dir, "net.json")
	cmd := exec.Command(bin, append([]string{"--headless", "--no-sandbox", "--disable-gpu", "--disable-background-networking",
		"--disable-component-update", "--disable-sync", "--no-first-run", "--disable-default-apps",
		"--user-data-dir=" + filepath.Join(dir, "profile"), "--log-net-log=" + netlog}, append(args, "file://"+page)...)...)
	if out, err := cmd.CombinedOutput(); err != nil {
		t.Fatalf("chromium: %v\n%s", err, out)
	}
	b, err := os.ReadFile(netlog)
	if err != nil {
		t.Fatal(err)
	}
	var urls []string
	own := regexp.MustCompile(`^https?://[a-z0-9.-]*(google\.com|googleapis\.com|gstatic\.com|gvt1\.com)/`)
	for _, m := range regexp.MustCompile(`"url":"([^"]+)"`).FindAllSubmatch(b, -1) {
		u := string(m[1])
		if strings.HasPrefix(u, "file://") || strings.HasPrefix(u, "data:") || own.MatchString(u) {
			continue
		}
		urls = append(urls, u)
	}
	return urls
}

// TestChromium renders the page in headless Chromium to a screenshot and to PDF, reads the
// PDF back, and checks from Chromium's net log that the page made no request. A page with
// one external picture shows that the net log would catch one.
func TestChromium(t *testing.T) {
	dir := t.TempDir()
	page := filepath.Join(dir, "soa.html")
	if err := os.WriteFile(page, render(t, soatest.Valid(t, soatest.Branded(t, "de"))), 0o644); err != nil {
		t.Fatal(err)
	}
	shot, pdf := filepath.Join(dir, "soa.png"), filepath.Join(dir, "soa.pdf")
	if got := chromium(t, page, "--screenshot="+shot, "--window-size=1400,1000"); len(got) > 0 {
		t.Errorf("the page requested %q", got)
	}
	if st, err := os.Stat(shot); err != nil || st.Size() < 10000 {
		t.Errorf("no screenshot: %v", err)
	}
	if got := chromium(t, page, "--print-to-pdf="+pdf, "--no-pdf-header-footer"); len(got) > 0 {
		t.Errorf("the page requested %q", got)
	}
	text := string(clienttest.Run(t, clienttest.Require(t, "pdftotext"), "-enc", "UTF-8", pdf, "-"))
	for _, want := range []string{"Erklärung zur Anwendbarkeit", "Dokumentenlenkung", "Freigabe", "A.8.34", "Risikobehandlungsplan"} {
		if !strings.Contains(text, want) {
			t.Errorf("Chromium's PDF lacks %q", want)
		}
	}
	if keep := os.Getenv("SOA_HTML_KEEP"); keep != "" {
		for _, f := range []string{shot, pdf} {
			b, _ := os.ReadFile(f)
			os.WriteFile(filepath.Join(keep, filepath.Base(f)), b, 0o644)
		}
	}

	leaky := filepath.Join(dir, "leaky.html")
	os.WriteFile(leaky, []byte(`<!DOCTYPE html><img src="http://soa-test.invalid/x.png">`), 0o644)
	if got := chromium(t, leaky, "--screenshot="+filepath.Join(dir, "leaky.png")); len(got) == 0 {
		t.Error("the net log did not show the request of a page with an external picture")
	}
}

// TestMain removes the LibreOffice profile, if a test made one.
// TestSupplierCurrentScales: what issue 18 added to the PDF is in the page too: the supplier
// of an inherited control and its assurance, the current-risk heat map, the scales, and the
// register's asset, threat, vulnerability, current rating and completed treatments.
func TestSupplierCurrentScales(t *testing.T) {
	page := string(render(t, soatest.Valid(t, soatest.Example("acme-saas"))))
	for _, w := range []string{">Yes, inherited<", ">Provided by Amazon Web Services<", ">Assurance: AWS SOC 2 Type II report",
		"<strong>Current risk (today)</strong>", "<th>What it means</th>", "<td>Less than once in 10 years</td>",
		"<th>Current</th>", "<th>Target residual</th>", `<span class="note">Asset: AWS production organisation; Okta tenant</span>`,
		">Done 2026-03-20<", `<span class="note">Plan approved by Head of Platform Engineering on 2025-10-08</span>`} {
		if !strings.Contains(page, w) {
			t.Errorf("no %q", w)
		}
	}
}

func TestMain(m *testing.M) { os.Exit(clienttest.Main(m)) }
