package main

import (
	"os"
	"path/filepath"
	"testing"

	goldenfile "github.com/soa-tool/soa/soa/golden"
)

// TestExamplesGolden builds every shipped example as a user does (soa build, all formats) and
// compares each output in text form with testdata/examples: soa.json and soa.csv as written,
// the workbook sheet by sheet, the PDF as pdftotext reads it. A change to any output shows
// here as a diff to review; go test -update rewrites the goldens once it is intended.
func TestExamplesGolden(t *testing.T) {
	t.Setenv("SOURCE_DATE_EPOCH", "")
	for _, tt := range []struct {
		name string
		args []string
	}{
		{"acme-saas", []string{new2026}},
		{"acme-saas-2025", []string{old2025}},
		{"since", []string{new2026, "--since", old2025}},
	} {
		t.Run(tt.name, func(t *testing.T) {
			out := t.TempDir()
			if _, errs, code := runCLI(t, append(append([]string{"build"}, tt.args...), "-o", out)...); code != 0 {
				t.Fatalf("build: exit %d\n%s", code, errs)
			}
			read := func(name string) []byte {
				b, err := os.ReadFile(filepath.Join(out, name))
				if err != nil {
					t.Fatal(err)
				}
				return b
			}
			dir := filepath.Join("examples", tt.name)
			golden(t, filepath.Join(dir, "soa.json"), read("soa.json"))
			golden(t, filepath.Join(dir, "soa.csv"), read("soa.csv"))
			golden(t, filepath.Join(dir, "soa.xlsx.txt"), goldenfile.XLSXText(t, read("soa.xlsx")))
			golden(t, filepath.Join(dir, "soa.pdf.txt"), goldenfile.PDFText(t, filepath.Join(out, "soa.pdf")))
		})
	}
}
