package edit_test

import (
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"github.com/soa-tool/soa/soa/edit"
	"github.com/soa-tool/soa/soa/golden"
	"github.com/soa-tool/soa/soa/workspace"
)

var (
	day1 = time.Date(2026, 11, 27, 0, 0, 0, 0, time.UTC)
	day2 = time.Date(2026, 11, 30, 0, 0, 0, 0, time.UTC)
	rev  = workspace.Revision{Version: "2.0", Date: day1, Author: "Ana Ñúñez, CISO",
		Changes: "Version 1.9 → 2.0: 1 control newly applicable (A.5.7), 0 excluded; risks: R-05 re-scored."}
)

// TestReleaseApproveGolden releases and then approves a hand-written isms.yaml with comments
// in odd places, flow mappings and a block history list: only the edited lines may change.
func TestReleaseApproveGolden(t *testing.T) {
	in, err := os.ReadFile("testdata/release/odd-isms.yaml")
	if err != nil {
		t.Fatal(err)
	}
	rel, err := edit.ReleaseISMS("isms.yaml", in, rev)
	if err != nil {
		t.Fatal(err)
	}
	golden.Check(t, "testdata/release/odd-isms.released.yaml", rel.Data)
	golden.Check(t, "testdata/release/odd-isms.released.diff", []byte(rel.Unified("isms.yaml")))
	app, err := edit.ApproveISMS("isms.yaml", rel.Data, "Carol Díaz, CEO", day2)
	if err != nil {
		t.Fatal(err)
	}
	golden.Check(t, "testdata/release/odd-isms.approved.yaml", app.Data)
	golden.Check(t, "testdata/release/odd-isms.approved.diff", []byte(app.Unified("isms.yaml")))

	// Every comment of the original survives.
	for _, l := range strings.Split(string(in), "\n") {
		if i := strings.Index(l, "#"); i >= 0 && !strings.Contains(l, "approved_") {
			if !strings.Contains(string(app.Data), l[i:]) {
				t.Errorf("comment %q lost", l[i:])
			}
		}
	}
	// The result reads back as intended.
	ws := loadISMSOnly(t, app.Data)
	d := ws.Document
	if d.Version != "2.0" || d.ApprovedBy != "Carol Díaz, CEO" || !d.ApprovedOn.Equal(day2) || len(d.History) != 3 ||
		d.History[2] != rev || d.Scope != "Everything we run,\n\nand nothing else." {
		t.Errorf("document read back as %+v", d)
	}
}

// loadISMSOnly reads isms.yaml content through the workspace loader.
func loadISMSOnly(t *testing.T, b []byte) *workspace.Workspace {
	t.Helper()
	dir := t.TempDir()
	if err := os.WriteFile(filepath.Join(dir, workspace.ISMSFile), b, 0o644); err != nil {
		t.Fatal(err)
	}
	ws, err := workspace.Load(dir)
	if err != nil {
		t.Fatal(err)
	}
	for _, f := range ws.Findings {
		if f.Pos.File == filepath.Join(dir, workspace.ISMSFile) {
			t.Errorf("finding in the edited file: %v", f)
		}
	}
	return ws
}

const ismsHead = "organization: X\nscope: Y\ndocument:\n  id: D\n  version: \"1.0\"\n  owner: O\n"
const ismsTail = "risk_method: {likelihood: [L1, L2], impact: [I1, I2], levels: [{name: Low, max: 4}], acceptance: 2}\n"

// TestReleaseLayouts covers the shapes document.history and the approval take.
func TestReleaseLayouts(t *testing.T) {
	tests := []struct {
		name, doc string
		want      string // in the released file
	}{
		{"no history", "", "  owner: O\n  history:\n    - {version: \"2.0\", date: 2026-11-27,"},
		{"empty history", "  history:\n", "  history:\n    - {version: \"2.0\""},
		{"flow list", "  history: []   # none yet\n", "  history: [{version: \"2.0\", date: 2026-11-27, author: 'Ana Ñúñez, CISO', changes: 'Version 1.9"},
		{"flow list with entry", "  history: [{version: \"1.0\", date: 2025-01-01, author: A, changes: First}]\n", "[{version: \"1.0\", date: 2025-01-01, author: A, changes: First}, {version: \"2.0\""},
		{"unindented list", "  history:\n  - {version: \"1.0\", date: 2025-01-01, author: A, changes: First}\n", "changes: First}\n  - {version: \"2.0\""},
		{"approval after history", "  history:\n    - {version: \"1.0\", date: 2025-01-01, author: A, changes: First}\n  approved_by: B\n  approved_on: 2025-01-02\n", "changes: First}\n    - {version: \"2.0\""},
		{"empty approval", "  approved_by:\n  approved_on:\n", "  owner: O\n  history:\n"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			in := []byte(ismsHead + tt.doc + ismsTail)
			e, err := edit.ReleaseISMS("isms.yaml", in, rev)
			if err != nil {
				t.Fatal(err)
			}
			got := string(e.Data)
			if !strings.Contains(got, tt.want) || strings.Contains(got, "approved_") || !strings.Contains(got, `version: "2.0"`) {
				t.Errorf("released:\n%s", got)
			}
			loadISMSOnly(t, e.Data)
			a, err := edit.ApproveISMS("isms.yaml", e.Data, "B", day2)
			if err != nil {
				t.Fatal(err)
			}
			if !strings.Contains(string(a.Data), "  approved_by: B\n  approved_on: 2026-11-30\n") {
				t.Errorf("approved:\n%s", a.Data)
			}
			if d := loadISMSOnly(t, a.Data).Document; d.ApprovedBy != "B" || len(d.History) == 0 {
				t.Errorf("read back %+v", d)
			}
		})
	}
}

func TestApproveReplaces(t *testing.T) {
	for _, doc := range []string{
		"  approved_by: 'Old Name'  # who\n  approved_on: 2025-01-01 # when\n",
		"  approved_on: 2025-01-01\n",
		"  approved_by: \"Old Name\"\n",
	} {
		e, err := edit.ApproveISMS("isms.yaml", []byte(ismsHead+doc+ismsTail), "New: Name", day2)
		if err != nil {
			t.Fatal(err)
		}
		got := string(e.Data)
		if strings.Contains(got, "Old Name") || strings.Contains(got, "2025-01-01") || strings.Index(got, "approved_by") > strings.Index(got, "approved_on") {
			t.Errorf("approve of\n%s\ngave\n%s", doc, got)
		}
		if strings.Contains(doc, "# who") && (!strings.Contains(got, "'New: Name'  # who") || !strings.Contains(got, "2026-11-30 # when")) {
			t.Errorf("line comments lost:\n%s", got)
		}
		if d := loadISMSOnly(t, e.Data).Document; d.ApprovedBy != "New: Name" || !d.ApprovedOn.Equal(day2) {
			t.Errorf("read back %+v", d)
		}
	}
}

func TestReleaseKeepsCRLFAndBOM(t *testing.T) {
	in := "\ufeff" + strings.ReplaceAll(ismsHead+"  approved_by: B\n  approved_on: 2025-01-02\n"+ismsTail, "\n", "\r\n")
	e, err := edit.ReleaseISMS("isms.yaml", []byte(in), rev)
	if err != nil {
		t.Fatal(err)
	}
	got := string(e.Data)
	if !strings.HasPrefix(got, "\ufeff") || strings.Count(got, "\n") != strings.Count(got, "\r\n") || strings.Contains(got, "approved") {
		t.Errorf("got %q", got)
	}
}

func TestReleaseRefuses(t *testing.T) {
	for _, in := range []string{
		"organization: X\ndocument: {id: D, version: \"1.0\", owner: O}\n",
		ismsHead + "  history: [\n    {version: \"1.0\"}]\n",
		ismsHead + "  history: first issue\n",
		"organization: X\n",
		"document: [\n",
	} {
		if e, err := edit.ReleaseISMS("isms.yaml", []byte(in), rev); err == nil {
			t.Errorf("no error for\n%s\ngot\n%s", in, e.Data)
		}
	}
}

// FuzzReleaseISMS: whatever the file, the edit either fails cleanly or gives a file that
// reads back with the new version and the approval gone.
func FuzzReleaseISMS(f *testing.F) {
	if b, err := os.ReadFile("testdata/release/odd-isms.yaml"); err == nil {
		f.Add(string(b))
	}
	f.Add(ismsHead + "  history: []\n" + ismsTail)
	f.Add(ismsHead + "  approved_by: B\n  history:\n  - {version: \"1.0\"}\n")
	f.Fuzz(func(t *testing.T, in string) {
		e, err := edit.ReleaseISMS("isms.yaml", []byte(in), rev)
		if err != nil {
			return
		}
		if _, err := edit.ApproveISMS("isms.yaml", e.Data, "B", day2); err != nil && !strings.Contains(err.Error(), "isms.yaml") {
			t.Errorf("approve: %v", err)
		}
	})
}

// TestEditRespectsFieldLimits: issue 17 — approve and release refuse a value soa check would
// reject in the edited file (over the field limit, control characters), instead of writing a
// file that check, release and approve then refuse.
func TestEditRespectsFieldLimits(t *testing.T) {
	in := []byte(ismsHead + ismsTail)
	long := strings.Repeat("x", 70<<10)
	for _, tt := range []struct {
		name string
		run  func() error
		msg  string
	}{
		{"approve --by 70 KB", func() error { _, err := edit.ApproveISMS("isms.yaml", in, long, day2); return err }, "document.approved_by would be 71680 bytes long, over the limit of 64 KiB"},
		{"approve --by escape", func() error { _, err := edit.ApproveISMS("isms.yaml", in, "CISO\x1b[2J", day2); return err }, "control character U+001B"},
		{"release --changes 70 KB", func() error {
			r := rev
			r.Changes = long
			_, err := edit.ReleaseISMS("isms.yaml", in, r)
			return err
		}, "history changes would be 71680 bytes long"},
		{"release --author C1", func() error {
			r := rev
			r.Author = "A\u009bB"
			_, err := edit.ReleaseISMS("isms.yaml", in, r)
			return err
		}, "control character U+009B"},
	} {
		if err := tt.run(); err == nil || !strings.Contains(err.Error(), tt.msg) || !strings.Contains(err.Error(), "the file was not changed") {
			t.Errorf("%s: err = %v, want %q", tt.name, err, tt.msg)
		}
	}
}
