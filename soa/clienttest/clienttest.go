// Package clienttest finds the real programs that tests check outputs with (LibreOffice,
// pdftotext, qpdf, pdffonts). A missing program skips the test, except under CI=true, where
// .ci/run has installed them and a missing one is a failure.
//
// LibreOffice runs with one user profile per test binary (a fresh profile costs about twice
// the time of a conversion), one conversion at a time; a package whose tests convert calls
// [Main] from its TestMain so that the profile is removed at the end.
package clienttest

import (
	"bytes"
	"encoding/csv"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"sync"
	"testing"
)

// Require returns the path of the first of names found on PATH, or skips (fails under
// CI=true) when none is. Under go test -short it always skips: the real clients are slow, and
// the short run (CI's race run) is about the program's own code.
func Require(t testing.TB, names ...string) string {
	t.Helper()
	if testing.Short() {
		t.Skipf("%v: skipped under -short", names)
	}
	for _, n := range names {
		if p, err := exec.LookPath(n); err == nil {
			return p
		}
	}
	if os.Getenv("CI") == "true" {
		t.Fatalf("%v not installed; .ci/run installs it under CI=true", names)
	}
	t.Skipf("%v not installed", names)
	return ""
}

// Run runs a program and fails the test with its output when it exits non-zero.
func Run(t testing.TB, name string, args ...string) []byte {
	t.Helper()
	var out, errb bytes.Buffer
	cmd := exec.Command(name, args...)
	cmd.Stdout, cmd.Stderr = &out, &errb
	if err := cmd.Run(); err != nil {
		t.Fatalf("%s %v: %v\n%s%s", name, args, err, out.String(), errb.String())
	}
	return out.Bytes()
}

// profile is the LibreOffice user profile of this test binary.
var profile struct {
	sync.Mutex
	dir string
}

// Main runs the tests and removes the LibreOffice profile they used; call it from TestMain.
func Main(m *testing.M) int {
	code := m.Run()
	profile.Lock()
	if profile.dir != "" {
		os.RemoveAll(profile.dir)
	}
	profile.Unlock()
	return code
}

// Convert runs LibreOffice headless to convert file into the format given by ext ("xlsx",
// "csv", "pdf") and returns the path of the converted file in a fresh temporary directory.
// filter, when not empty, is appended to ext as LibreOffice's filter options ("csv:...").
func Convert(t testing.TB, file, ext, filter string) string {
	t.Helper()
	return convert(t, file, ext, filter, "")
}

// ConvertWith is [Convert] with the import filter given (LibreOffice's --infilter, e.g.
// "CSV:44,34,,1": comma, double quote, the character set left to LibreOffice, from line 1).
func ConvertWith(t testing.TB, file, ext, infilter string) string {
	t.Helper()
	return convert(t, file, ext, "", infilter)
}

func convert(t testing.TB, file, ext, filter, infilter string) string {
	t.Helper()
	soffice := Require(t, "soffice", "libreoffice")
	dir := t.TempDir()
	target := ext
	if filter != "" {
		target += ":" + filter
	}
	// The binary's own profile, so that a user's running LibreOffice does not clash; one
	// conversion at a time, since a profile cannot be shared by two.
	profile.Lock()
	defer profile.Unlock()
	if profile.dir == "" {
		d, err := os.MkdirTemp("", "soa-libreoffice-")
		if err != nil {
			t.Fatal(err)
		}
		profile.dir = d
	}
	env := "-env:UserInstallation=file://" + filepath.ToSlash(profile.dir)
	args := []string{env, "--headless", "--norestore"}
	if infilter != "" {
		args = append(args, "--infilter="+infilter)
	}
	Run(t, soffice, append(args, "--convert-to", target, "--outdir", dir, file)...)
	base := filepath.Base(file)
	out := filepath.Join(dir, base[:len(base)-len(filepath.Ext(base))]+"."+ext)
	if _, err := os.Stat(out); err != nil {
		t.Fatalf("LibreOffice wrote no %s: %v", out, err)
	}
	return out
}

// FirstSheet converts a workbook's first sheet to CSV with LibreOffice (UTF-8, cells as shown)
// and returns its records, so that tests see the cells as a spreadsheet user does.
func FirstSheet(t testing.TB, xlsx string) [][]string {
	t.Helper()
	// 44 comma, 34 quote, 76 UTF-8, from line 1; "true" for formatted text as shown.
	out := Convert(t, xlsx, "csv", "Text - txt - csv (StarCalc):44,34,76,1,,0,false,true,true,false,false")
	b, err := os.ReadFile(out)
	if err != nil {
		t.Fatal(err)
	}
	r := csv.NewReader(bytes.NewReader(b))
	r.FieldsPerRecord = -1
	recs, err := r.ReadAll()
	if err != nil {
		t.Fatal(err)
	}
	return recs
}

// CheckPDF runs qpdf --check on a PDF and checks with pdffonts that it has fonts and that
// every one is embedded. It returns the number of fonts.
func CheckPDF(t testing.TB, path string) int {
	t.Helper()
	Run(t, Require(t, "qpdf"), "--check", path)
	out := string(Run(t, Require(t, "pdffonts"), path))
	lines := strings.Split(strings.TrimSpace(out), "\n")
	if len(lines) < 3 {
		t.Fatalf("pdffonts lists no fonts:\n%s", out)
	}
	for _, l := range lines[2:] {
		// name type [type] encoding emb sub uni object ID: emb is the fifth field from the end.
		if f := strings.Fields(l); len(f) < 7 || f[len(f)-5] != "yes" {
			t.Errorf("font not embedded: %s", l)
		}
	}
	return len(lines) - 2
}
