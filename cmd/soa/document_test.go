package main

import (
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/soa-tool/soa/soa/clienttest"
	soagolden "github.com/soa-tool/soa/soa/golden"
	"github.com/soa-tool/soa/soa/soatest"
)

// TestApproveRole records approvals with roles: the single approval moves into
// document.approvals, the same person and role gets a new date, and a --final build needs
// every approval to be for the current version.
func TestApproveRole(t *testing.T) {
	t.Setenv("SOURCE_DATE_EPOCH", epoch26Nov27)
	dir := soatest.Edited(t, "acme-saas", map[string][][2]string{"isms.yaml": {{soatest.ExampleApprovals,
		"  approved_by: Siobhán O'Connor, CEO\n  approved_on: 2026-10-15\n"}}})
	path := filepath.Join(dir, "isms.yaml")
	_, errs, code := runCLI(t, "approve", dir, "--by", "Zoë Łukasiewicz", "--role", "CISO", "--on", "2026-10-05")
	want := "@@ -19,0 +20,3 @@\n+  approvals:\n+    - {by: 'Siobhán O''Connor, CEO', on: 2026-10-15}\n+    - {by: Zoë Łukasiewicz, role: CISO, on: 2026-10-12}\n"
	if code != 2 || !strings.Contains(errs, "2026-10-05 is before the newest history entry") {
		t.Errorf("an approval before the version: exit %d, %s", code, errs)
	}
	out, errs, code := runCLI(t, "approve", dir, "--by", "Zoë Łukasiewicz", "--role", "CISO", "--on", "2026-10-12")
	if code != 0 || !strings.Contains(out, want) || !strings.Contains(out, "approval of version 2.0 recorded: Zoë Łukasiewicz (CISO), 2026-10-12") {
		t.Errorf("exit %d, %s\n%s\nwant %s", code, errs, out, want)
	}
	b, _ := os.ReadFile(path)
	if strings.Contains(string(b), "approved_by") {
		t.Errorf("approved_by left beside approvals:\n%s", b)
	}
	out, _, code = runCLI(t, "approve", dir, "--by", "Zoë Łukasiewicz", "--role", "CISO", "--on", "2026-10-20")
	if code != 0 || !strings.Contains(out, "-    - {by: Zoë Łukasiewicz, role: CISO, on: 2026-10-12}\n+    - {by: Zoë Łukasiewicz, role: CISO, on: 2026-10-20}\n") {
		t.Errorf("renewed approval: exit %d\n%s", code, out)
	}
	if _, errs, code := runCLI(t, "build", dir, "--final", "-o", t.TempDir(), "-f", "json"); code != 0 {
		t.Errorf("final build: exit %d, %s", code, errs)
	}
	// A new version makes both approvals stale; renewing one is not enough.
	if _, errs, code := runCLI(t, "release", dir, "--version", "2.1", "--changes", "Review"); code != 0 {
		t.Fatal(errs)
	}
	runCLI(t, "approve", dir, "--by", "Zoë Łukasiewicz", "--role", "CISO")
	runCLI(t, "approve", dir, "--by", "Siobhán O'Connor", "--role", "CEO")
	if _, errs, code := runCLI(t, "build", dir, "--final", "-o", t.TempDir(), "-f", "json"); code != 0 {
		t.Errorf("final build after two approvals of 2.1: exit %d, %s", code, errs)
	}
	b, _ = os.ReadFile(path)
	os.WriteFile(path, []byte(strings.Replace(string(b), "role: CEO, on: 2026-11-27", "role: CEO, on: 2026-10-15", 1)), 0o644)
	_, errs, code = runCLI(t, "build", dir, "--final", "-o", t.TempDir(), "-f", "json")
	if code != 1 || !strings.Contains(errs, `the approval by Siobhán O'Connor (CEO) (2026-10-15) is older than the newest history entry (version 2.1 of 2026-11-27)`) {
		t.Errorf("stale CEO approval: exit %d\n%s", code, errs)
	}
}

// TestBuildGerman builds a German copy of the example with a logo in every format and
// reads each back: the labels are German in the PDF (pdftotext), the workbook, the CSV, the
// HTML and the Markdown.
func TestBuildGerman(t *testing.T) {
	t.Setenv("SOURCE_DATE_EPOCH", epoch26Nov27)
	dir := soatest.Branded(t, "de")
	out := t.TempDir()
	if _, errs, code := runCLI(t, "build", dir, "-o", out, "--format", "xlsx,pdf,json,csv,html,md", "--csv-delimiter", ";"); code != 0 {
		t.Fatalf("exit %d: %s", code, errs)
	}
	read := func(name string) string {
		b, err := os.ReadFile(filepath.Join(out, name))
		if err != nil {
			t.Fatal(err)
		}
		return string(b)
	}
	pdfText := string(soagolden.PDFText(t, filepath.Join(out, "soa.pdf")))
	clienttest.CheckPDF(t, filepath.Join(out, "soa.pdf"))
	checks := map[string][]string{
		"soa.pdf":  {"Erklärung zur Anwendbarkeit", "Dokumentenlenkung", "Freigabe", "Erstellt von", "Umsetzung und Nachweise", "Seite 1 von"},
		"soa.xlsx": {"## Erklärung zur Anwendbarkeit", "Nr.,Maßnahme,Anwendbar,Gründe,Begründung,Status", "## Dokumentenlenkung"},
		"soa.csv":  {"\ufeffNr.;Maßnahme;Anwendbar;Gründe;Begründung;Status;Umsetzung;Verantwortlich;Nachweise", ";Umgesetzt;"},
		"soa.html": {`<html lang="de">`, "Erklärung zur Anwendbarkeit", "Risikobehandlungsplan"},
		"soa.md":   {"# Erklärung zur Anwendbarkeit — Acme Cloud Ltd", "## 1  Dokumentenlenkung", "| Nr. | Maßnahme | Anwendbar |"},
		"soa.json": {`"language": "de"`},
	}
	texts := map[string]string{"soa.pdf": pdfText, "soa.xlsx": string(soagolden.XLSXText(t, []byte(read("soa.xlsx")))),
		"soa.csv": read("soa.csv"), "soa.html": read("soa.html"), "soa.md": read("soa.md"), "soa.json": read("soa.json")}
	for f, wants := range checks {
		for _, w := range wants {
			if !strings.Contains(texts[f], w) {
				t.Errorf("%s lacks %q", f, w)
			}
		}
		for _, english := range []string{"Document control", "Implementation and evidence", "Revision history"} {
			if f != "soa.json" && strings.Contains(texts[f], english) {
				t.Errorf("%s still says %q", f, english)
			}
		}
	}
	if _, errs, code := runCLI(t, "build", dir, "-o", out, "--csv-delimiter", "|"); code != 2 || !strings.Contains(errs, `--csv-delimiter "|": give , or ;`) {
		t.Errorf("bad delimiter: exit %d, %s", code, errs)
	}
}
