package workspace_test

import (
	"crypto/sha256"
	"errors"
	"fmt"
	"os"
	"path/filepath"
	"slices"
	"strings"
	"testing"
	"time"

	"github.com/soa-tool/soa/annexa"
	"github.com/soa-tool/soa/risk"
	"github.com/soa-tool/soa/soa/soatest"
	"github.com/soa-tool/soa/soa/text"
	"github.com/soa-tool/soa/soa/workspace"
)

func TestLoadIOErrors(t *testing.T) {
	dir := t.TempDir()
	file := filepath.Join(dir, "file")
	if err := os.WriteFile(file, nil, 0o644); err != nil {
		t.Fatal(err)
	}
	asDir := soatest.Write(t, map[string]string{workspace.RisksFile: soatest.ValidRisks, workspace.ControlsFile: soatest.ValidControls()})
	if err := os.Mkdir(filepath.Join(asDir, workspace.ISMSFile), 0o755); err != nil {
		t.Fatal(err)
	}
	for _, tt := range []struct{ dir, msg string }{
		{filepath.Join(dir, "nope"), "cannot read workspace"},
		{file, "is not a directory; give the workspace directory"},
		{asDir, "isms.yaml is a directory, not a file"},
	} {
		_, err := workspace.Load(tt.dir)
		var ioe *workspace.IOError
		if !errors.As(err, &ioe) || !strings.Contains(err.Error(), tt.msg) {
			t.Errorf("workspace.Load(%s) = %v, want an workspace.IOError containing %q", tt.dir, err, tt.msg)
		}
	}
}

func TestLoadValues(t *testing.T) {
	files := soatest.ValidFiles()
	files[workspace.ISMSFile] = strings.Replace(files[workspace.ISMSFile], `version: "1.0"`, "version: 1.10", 1)
	files[workspace.RisksFile] = strings.Replace(files[workspace.RisksFile], "controls: [8.7]", `controls: "8.7, A.05.10"`, 1)
	// an unquoted 5.10 key must not become the number 5.1
	files[workspace.ControlsFile] = strings.Replace(files[workspace.ControlsFile], "  A.5.10:\n", "  5.10:\n", 1)
	dir := soatest.Write(t, files)
	ws, err := workspace.Load(dir)
	if err != nil {
		t.Fatal(err)
	}
	if len(ws.Findings) != 0 {
		t.Fatalf("findings:\n%s", ws.Findings.Err())
	}
	d := ws.Document
	if d.Version != "1.10" || d.Title != "Statement of Applicability" || d.Organization != "Test Org Ltd" ||
		!d.Approved() || d.ApprovedOn != time.Date(2026, 1, 10, 0, 0, 0, 0, time.UTC) {
		t.Errorf("document: %+v", d)
	}
	if p := d.Pos["document.version"]; p.Line != 5 || p.Col != 3 || filepath.Base(p.File) != workspace.ISMSFile {
		t.Errorf("document.version at %s", p)
	}
	if !slices.Equal(ws.Method.Likelihood, []string{"Rare", "Unlikely", "Possible", "Likely", "Almost certain"}) ||
		len(ws.Method.Levels) != 4 || ws.Method.Acceptance != 9 {
		t.Errorf("method: %+v", ws.Method)
	}
	if len(ws.Risks) != 3 {
		t.Fatalf("%d risks", len(ws.Risks))
	}
	r2 := ws.Risks[1]
	if r2.Inherent != (risk.Rating{Likelihood: 3, Impact: 4}) || r2.Residual != (risk.Rating{Likelihood: 2, Impact: 3}) || !r2.ResidualGiven {
		t.Errorf("R-02 ratings: %+v %+v", r2.Inherent, r2.Residual)
	}
	if got := fmt.Sprint(r2.Treatment.Controls); got != "[A.8.7 A.5.10]" {
		t.Errorf("R-02 controls %s", got)
	}
	if r3 := ws.Risks[2]; r3.Residual != r3.Inherent || r3.ResidualGiven || r3.Treatment.Option != risk.Retain {
		t.Errorf("R-03: %+v", r3)
	}
	if p := ws.Risks[0].At("treatment.due"); p.Line != 11 || p.Col != 7 {
		t.Errorf("R-01 treatment.due at %s", p)
	}
	dec := ws.Decisions[annexa.ID{Clause: 5, Num: 10}]
	if dec == nil || !dec.Decided || !dec.Applicable {
		t.Fatalf("5.10 key: %+v", dec)
	}
	if len(ws.Decisions) != 93 {
		t.Errorf("%d decisions", len(ws.Decisions))
	}
	if d := ws.Decisions[annexa.ID{Clause: 8, Num: 12}]; d.Status != "planned" || d.Due != time.Date(2026, 12, 31, 0, 0, 0, 0, time.UTC) || !slices.Equal(d.Reasons, []string{"contractual"}) {
		t.Errorf("A.8.12: %+v", d)
	}

	// The fingerprint is what "sha256sum isms.yaml risks.yaml controls.yaml | sha256sum" gives.
	var sums strings.Builder
	for _, f := range workspace.Files {
		b, _ := os.ReadFile(filepath.Join(dir, f))
		fmt.Fprintf(&sums, "%x  %s\n", sha256.Sum256(b), f)
	}
	if want := fmt.Sprintf("%x", sha256.Sum256([]byte(sums.String()))); ws.Fingerprint != want {
		t.Errorf("fingerprint %s, want %s", ws.Fingerprint, want)
	}
}

func TestLoadFingerprintNeedsAllFiles(t *testing.T) {
	files := soatest.ValidFiles()
	delete(files, workspace.RisksFile)
	ws, err := workspace.Load(soatest.Write(t, files))
	if err != nil {
		t.Fatal(err)
	}
	if ws.Fingerprint != "" {
		t.Errorf("fingerprint %q with a file missing", ws.Fingerprint)
	}
}

// TestLoadBOMAndCRLF checks that a BOM and CRLF line ends change neither the values nor the
// positions.
func TestLoadBOMAndCRLF(t *testing.T) {
	plain, err := workspace.Load(soatest.Write(t, soatest.ValidFiles()))
	if err != nil {
		t.Fatal(err)
	}
	files := soatest.ValidFiles()
	for k, v := range files {
		files[k] = "\xef\xbb\xbf" + strings.ReplaceAll(v, "\n", "\r\n")
	}
	crlf, err := workspace.Load(soatest.Write(t, files))
	if err != nil {
		t.Fatal(err)
	}
	if len(crlf.Findings) != 0 {
		t.Fatalf("findings:\n%s", crlf.Findings.Err())
	}
	if crlf.Document.Scope != plain.Document.Scope || crlf.Document.Version != plain.Document.Version {
		t.Errorf("values differ: %+v / %+v", crlf.Document, plain.Document)
	}
	for _, k := range []string{"document.version", "document.next_review"} {
		if a, b := crlf.Document.Pos[k], plain.Document.Pos[k]; a.Line != b.Line || a.Col != b.Col {
			t.Errorf("%s at %d:%d with CRLF, %d:%d without", k, a.Line, a.Col, b.Line, b.Col)
		}
	}
	id := annexa.ID{Clause: 8, Num: 12}
	if a, b := crlf.Decisions[id].Pos["due"], plain.Decisions[id].Pos["due"]; a.Line != b.Line || a.Col != b.Col {
		t.Errorf("A.8.12 due at %d:%d with CRLF, %d:%d without", a.Line, a.Col, b.Line, b.Col)
	}
}

// TestSyntaxErrorLine: yaml.v3 names the line where the enclosing mapping began (line 3 here,
// "controls:"); the finding points at the line that breaks the file.
func TestSyntaxErrorLine(t *testing.T) {
	dir := t.TempDir()
	for _, f := range workspace.Files {
		b, _ := os.ReadFile(filepath.Join(soatest.Example("acme-saas"), f))
		os.WriteFile(filepath.Join(dir, f), b, 0o644)
	}
	path := filepath.Join(dir, workspace.ControlsFile)
	b, _ := os.ReadFile(path)
	lines := strings.Split(string(b), "\n")
	bad := 0
	for i, l := range lines {
		if i > 400 && strings.HasPrefix(l, "    owner: ") {
			lines[i] = "   " + strings.TrimSpace(l) // three spaces instead of four
			bad = i + 1
			break
		}
	}
	os.WriteFile(path, []byte(strings.Join(lines, "\n")), 0o644)
	ws, err := workspace.Load(dir)
	if err != nil {
		t.Fatal(err)
	}
	var got []string
	for _, f := range ws.Findings {
		got = append(got, f.String())
	}
	want := fmt.Sprintf("%s:%d:4: error: YAML syntax: did not find expected key", path, bad)
	if len(got) != 1 || !strings.HasPrefix(got[0], want) {
		t.Errorf("findings %q, want one starting %q", got, want)
	}
}

// TestControlCharacters: issue 17 — control characters in any text field (C0 but tab and
// line feed, DEL, C1) are an encoding error at the value, so no output carries them; a risk
// ID is one line.
func TestControlCharacters(t *testing.T) {
	for _, tt := range []struct {
		name, file, old, new string
		line                 int
		msg                  string // "" for no finding
	}{
		{"nul before a formula", workspace.RisksFile, "title: Malware on laptops", `title: "\0=1+1"`, 15, "U+0000"},
		{"terminal escapes in an ID", workspace.RisksFile, "id: R-02", `id: "R-02\e]0;x\a\e[2J"`, 14, "U+001B"},
		{"line break in an ID", workspace.RisksFile, "id: R-02", `id: "R-02\nfake.yaml:1:1: error: injected"`, 14, "one line"},
		{"C1 next line", workspace.ISMSFile, "owner: Jane Doe, CISO", `owner: "Jane\u0085Doe"`, 6, "U+0085"},
		{"DEL", workspace.ISMSFile, "owner: Jane Doe, CISO", `owner: "Jane\x7fDoe"`, 6, "U+007F"},
		{"lone carriage return", workspace.ISMSFile, "owner: Jane Doe, CISO", `owner: "Jane\rDoe"`, 6, "U+000D"},
		{"in a key", workspace.ISMSFile, "owner: Jane Doe, CISO", "owner: Jane Doe, CISO\n  \"x\\ey\": 1", 7, "U+001B"},
		{"tab and newline are text", workspace.ISMSFile, "owner: Jane Doe, CISO", `owner: "Jane\tDoe\nCISO"`, 0, ""},
	} {
		t.Run(tt.name, func(t *testing.T) {
			files := soatest.ValidFiles()
			if !strings.Contains(files[tt.file], tt.old) {
				t.Fatalf("%s has no %q", tt.file, tt.old)
			}
			files[tt.file] = strings.Replace(files[tt.file], tt.old, tt.new, 1)
			ws, err := workspace.Load(soatest.Write(t, files))
			if err != nil {
				t.Fatal(err)
			}
			var got []string
			for _, f := range ws.Findings {
				if f.Rule == "encoding" {
					got = append(got, f.String())
					if !strings.HasSuffix(f.Pos.File, tt.file) || f.Pos.Line != tt.line || f.Pos.Col == 0 || !strings.Contains(f.Message, tt.msg) {
						t.Errorf("finding %s, want %s:%d:col naming %q", f, tt.file, tt.line, tt.msg)
					}
					if _, _, bad := text.ControlChar(f.String()); bad {
						t.Errorf("the finding carries a control character: %q", f.String())
					}
				}
			}
			if (len(got) > 0) != (tt.msg != "") {
				t.Errorf("encoding findings %q, want one: %v", got, tt.msg != "")
			}
		})
	}
}
