package workspace_test

import (
	"encoding/binary"
	"hash/crc32"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"github.com/soa-tool/soa/annexa"
	"github.com/soa-tool/soa/soa/soatest"
	"github.com/soa-tool/soa/soa/workspace"
)

// TestDocumentKeys reads the sign-off, language, logo and colour, and reports each mistake
// with its position and what to do.
func TestDocumentKeys(t *testing.T) {
	day := func(d int) time.Time { return time.Date(2026, 1, d, 0, 0, 0, 0, time.UTC) }
	tests := []struct {
		name, doc string
		extra     map[string][]byte
		errs      []string // findings, as file:line:col: message fragments
		check     func(t *testing.T, d workspace.Document)
	}{
		{name: "one approval", doc: "  approved_by: John Smith, CEO\n  approved_on: 2026-01-10\n  prepared_by: Ana\n  reviewed_by: Bo\n",
			check: func(t *testing.T, d workspace.Document) {
				if len(d.Approvals) != 1 || d.Approvals[0] != (workspace.Approval{By: "John Smith, CEO", On: day(10), At: d.Approvals[0].At}) || d.Approvals[0].At.Line != 8 || d.PreparedBy != "Ana" || d.ReviewedBy != "Bo" {
					t.Errorf("%+v", d)
				}
			}},
		{name: "approvals", doc: "  approvals:\n    - {by: Jane Doe, role: CISO, on: 2026-01-09}\n    - by: John Smith\n      role: CEO\n      on: 2026-01-10\n",
			check: func(t *testing.T, d workspace.Document) {
				if len(d.Approvals) != 2 || d.Approvals[1] != (workspace.Approval{By: "John Smith", Role: "CEO", On: day(10), At: d.Approvals[1].At}) || d.Approvals[1].At.Line != 11 ||
					d.ApprovedBy != "Jane Doe; John Smith" || !d.ApprovedOn.Equal(day(10)) || !d.Approved() {
					t.Errorf("%+v", d)
				}
			}},
		{name: "both forms", doc: "  approved_by: John Smith, CEO\n  approved_on: 2026-01-10\n  approvals:\n    - {by: Jane Doe, on: 2026-01-09}\n",
			errs: []string{"isms.yaml:9:3: error: document has both approvals and approved_by/approved_on; keep one"}},
		{name: "approval without date", doc: "  approvals:\n    - {by: Jane Doe, role: CISO}\n",
			errs: []string{"isms.yaml:8:7: error: document.approvals[0].on is missing; give the date of the approval"},
			check: func(t *testing.T, d workspace.Document) {
				if d.Approved() {
					t.Error("approved without a date")
				}
			}},
		{name: "approvals not a list", doc: "  approvals: Jane\n", errs: []string{"isms.yaml:7:14: error: document.approvals must be a list of {by, role, on}"}},
		{name: "language", doc: "  language: DE\n", check: func(t *testing.T, d workspace.Document) {
			if d.Language != "de" {
				t.Errorf("language %q", d.Language)
			}
		}},
		{name: "unknown language", doc: "  language: jp\n", errs: []string{`isms.yaml:7:13: error: document.language "jp" is not a language soa has labels for; choose one of en, de, fr, es, it, nl, pl, pt`}},
		{name: "colour", doc: "  color: \"#17365d\"\n", check: func(t *testing.T, d workspace.Document) {
			if d.Color != "#17365D" {
				t.Errorf("color %q", d.Color)
			}
		}},
		{name: "bad colour", doc: "  color: navy\n", errs: []string{`isms.yaml:7:10: error: document.color "navy" is not a colour written #RRGGBB`}},
		{name: "logo", doc: "  logo: brand/logo.png\n", extra: map[string][]byte{"brand/logo.png": soatest.Logo},
			check: func(t *testing.T, d workspace.Document) {
				if d.LogoFormat != "png" || len(d.LogoData) != len(soatest.Logo) {
					t.Errorf("logo %q, %d bytes", d.LogoFormat, len(d.LogoData))
				}
			}},
		{name: "logo missing", doc: "  logo: logo.png\n", errs: []string{`isms.yaml:7:3: error: document.logo "logo.png": cannot read it`}},
		{name: "logo outside", doc: "  logo: ../logo.png\n", errs: []string{`document.logo "../logo.png": give a path inside the workspace`}},
		{name: "logo not a picture", doc: "  logo: logo.png\n", extra: map[string][]byte{"logo.png": []byte("GIF89a not really")},
			errs: []string{`document.logo "logo.png": is not a PNG or JPEG picture`}},
		{name: "logo interlaced", doc: "  logo: logo.png\n", extra: map[string][]byte{"logo.png": interlaced()},
			errs: []string{`document.logo "logo.png": is a 16-bit or interlaced PNG`}},
		{name: "logo too big", doc: "  logo: logo.png\n", extra: map[string][]byte{"logo.png": make([]byte, workspace.MaxLogoSize+1)},
			errs: []string{`document.logo "logo.png": is 1024 KiB, over the limit of 1024 KiB`}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			ws := loadDocIn(t, tt.doc, tt.extra)
			got := ws.Findings.Err()
			for _, want := range tt.errs {
				if got == nil || !strings.Contains(got.Error(), want) {
					t.Errorf("findings %v, want %q", got, want)
				}
			}
			if len(tt.errs) == 0 && got != nil {
				t.Errorf("findings: %v", got)
			}
			if tt.check != nil {
				tt.check(t, ws.Document)
			}
		})
	}
}

// loadDocIn is loadDoc that creates the directories of the extra files.
func loadDocIn(t *testing.T, doc string, extra map[string][]byte) *workspace.Workspace {
	t.Helper()
	files := soatest.ValidFiles()
	files[workspace.ISMSFile] = strings.Replace(files[workspace.ISMSFile], "  approved_by: John Smith, CEO\n  approved_on: 2026-01-10\n", doc, 1)
	dir := soatest.Write(t, files)
	for name, b := range extra {
		p := filepath.Join(dir, name)
		if err := os.MkdirAll(filepath.Dir(p), 0o755); err != nil {
			t.Fatal(err)
		}
		if err := os.WriteFile(p, b, 0o644); err != nil {
			t.Fatal(err)
		}
	}
	ws, err := workspace.Load(dir)
	if err != nil {
		t.Fatal(err)
	}
	return ws
}

// TestTitles reads titles.yaml: the organisation's titles by control, and its mistakes.
func TestTitles(t *testing.T) {
	ws := loadDocIn(t, "", map[string][]byte{workspace.TitlesFile: []byte("A.5.1: Informationssicherheitsrichtlinien\n5.2: Rollen\n")})
	if ws.Findings.Err() != nil || ws.Titles[annexa.ID{Clause: 5, Num: 1}] != "Informationssicherheitsrichtlinien" || ws.Titles[annexa.ID{Clause: 5, Num: 2}] != "Rollen" {
		t.Errorf("titles %v, findings %v", ws.Titles, ws.Findings.Err())
	}
	ws = loadDocIn(t, "", map[string][]byte{workspace.TitlesFile: []byte("A.5.99: Nope\nA.5.3: [a, b]\n")})
	err := ws.Findings.Err()
	if err == nil || !strings.Contains(err.Error(), "titles.yaml:1:1: error:") || !strings.Contains(err.Error(), "titles.yaml:2:8: error: the title of A.5.3 must be text") {
		t.Errorf("findings %v", err)
	}
}

// interlaced is the test logo marked as interlaced (Adam7) in its header; the pixel data
// is then wrong for that method, but the mark alone must be refused.
func interlaced() []byte {
	b := append([]byte(nil), soatest.Logo...)
	b[28] = 1
	// The header's CRC covers the changed byte.
	crc := crc32.ChecksumIEEE(b[12:29])
	binary.BigEndian.PutUint32(b[29:33], crc)
	return b
}
