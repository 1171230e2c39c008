package main

import (
	"bytes"
	"os"
	"path/filepath"
	"strconv"
	"strings"
	"syscall"
	"testing"
	"time"

	"github.com/soa-tool/soa/soa/soatest"
	"github.com/soa-tool/soa/soa/workspace"
)

// Issue 17: reproductions of the reliability defects that are not a broken workspace (those
// are in hostile_test.go).

// TestApproveRefuses: approve --by with a character no PDF can embed, or over the field
// limit, is refused; a read-only isms.yaml or one with other hard links is not replaced.
func TestApproveRefuses(t *testing.T) {
	t.Setenv("SOURCE_DATE_EPOCH", epoch26Nov27)
	for _, tt := range []struct {
		name  string
		setup func(t *testing.T, isms string)
		by    string
		msg   string
	}{
		{"emoji", nil, "CISO 🙂", "--by: '🙂' (U+1F642) is beyond U+FFFF"},
		{"70 KB", nil, strings.Repeat("x", 70<<10), "by would be 71680 bytes long, over the limit of 64 KiB"},
		{"escape", nil, "CISO\x1b[2J", "control character U+001B"},
		{"read-only isms.yaml", func(t *testing.T, isms string) { os.Chmod(isms, 0o444) }, "Board", "is read-only (mode -r--r--r--); the file was not changed"},
		{"hard link", func(t *testing.T, isms string) {
			if err := os.Link(isms, filepath.Join(t.TempDir(), "copy.yaml")); err != nil {
				t.Skip(err)
			}
		}, "Board", "has 2 hard links"},
	} {
		t.Run(tt.name, func(t *testing.T) {
			dir := soatest.Copy(t, "acme-saas")
			isms := filepath.Join(dir, workspace.ISMSFile)
			if tt.setup != nil {
				tt.setup(t, isms)
			}
			before, _ := os.ReadFile(isms)
			_, errs, code := runCLI(t, "approve", dir, "--by", tt.by)
			if code == 0 || !strings.Contains(errs, tt.msg) {
				t.Errorf("exit %d, %.300q, want %q", code, errs, tt.msg)
			}
			if after, _ := os.ReadFile(isms); !bytes.Equal(before, after) {
				t.Error("isms.yaml changed")
			}
			if _, errs, code := runCLI(t, "check", dir); code != 0 {
				t.Errorf("check after a refused approve: exit %d\n%s", code, errs)
			}
		})
	}
	// A character the built-in font lacks is only a note: the build may use --font.
	dir := soatest.Copy(t, "acme-saas")
	if _, errs, code := runCLI(t, "approve", dir, "--by", "山田太郎"); code != 0 || !strings.Contains(errs, "build the PDF with --font") {
		t.Errorf("exit %d, %q", code, errs)
	}
}

// TestEpochIsADay: SOURCE_DATE_EPOCH at 00:00 and at 20:00 of a day give the same findings
// and outputs (next_review on that day warned at both or neither).
func TestEpochIsADay(t *testing.T) {
	dir := soatest.Edited(t, "acme-saas", map[string][][2]string{workspace.ISMSFile: {{"next_review: 2027-10-01", "next_review: 2026-11-27"}}})
	day := time.Date(2026, 11, 27, 0, 0, 0, 0, time.UTC)
	var outs []string
	for _, at := range []time.Time{day, day.Add(20 * time.Hour), day.Add(24*time.Hour - time.Second)} {
		t.Setenv("SOURCE_DATE_EPOCH", strconv.FormatInt(at.Unix(), 10))
		out, _, _ := runCLI(t, "check", dir)
		o := t.TempDir()
		if _, errs, code := runCLI(t, "build", dir, "-o", o, "-f", "json,csv"); code != 0 {
			t.Fatal(errs)
		}
		b, _ := os.ReadFile(filepath.Join(o, "soa.json"))
		outs = append(outs, out+string(b))
	}
	if outs[0] != outs[1] || outs[0] != outs[2] {
		t.Errorf("the time of day changes the result:\n%.600s\n---\n%.600s", outs[0], outs[1])
	}
}

// TestSpecialFilesRefused: a FIFO as a diff side or as gap --soc2 is refused at once, not
// waited on.
func TestSpecialFilesRefused(t *testing.T) {
	fifo := filepath.Join(t.TempDir(), "soa.json")
	if err := syscall.Mkfifo(fifo, 0o644); err != nil {
		t.Skip(err)
	}
	for _, args := range [][]string{
		{"diff", fifo, soatest.Example("acme-saas")},
		{"build", soatest.Example("acme-saas"), "--since", fifo, "-o", t.TempDir()},
		{"gap", "--soc2", fifo},
	} {
		done := make(chan struct{})
		go func() {
			defer close(done)
			_, errs, code := runCLI(t, args...)
			if code != 2 || !strings.Contains(errs, "is not a regular file (a device, pipe or socket)") {
				t.Errorf("%v: exit %d, %q", args, code, errs)
			}
		}()
		select {
		case <-done:
		case <-time.After(20 * time.Second):
			t.Fatalf("%v: still waiting on the FIFO", args)
		}
	}
}

// TestDiffIncompleteSide: a side whose register is over a limit, or whose controls.yaml is
// of the wrong type, is not compared as if it were empty.
func TestDiffIncompleteSide(t *testing.T) {
	for _, tt := range []struct{ name, file, content, msg string }{
		{"register over the risk limit", workspace.RisksFile, "risks:\n" + strings.Repeat("- {}\n", workspace.MaxRisks+1), "over the limit of 30000"},
		{"controls is a list", workspace.ControlsFile, "controls: [A.5.1]\n", "controls must be a mapping"},
		{"isms.yaml is text", workspace.ISMSFile, "just text\n", "must be a mapping"},
		{"a risk is a list", workspace.RisksFile, "risks:\n  - [R-01, t]\n", "must be a mapping of keys to values"},
	} {
		t.Run(tt.name, func(t *testing.T) {
			dir := soatest.Copy(t, "acme-saas")
			os.WriteFile(filepath.Join(dir, tt.file), []byte(tt.content), 0o644)
			out, errs, code := runCLI(t, "diff", soatest.Example("acme-saas"), dir)
			if code != 1 || !strings.Contains(errs, tt.msg) || !strings.Contains(errs, "cannot be compared") {
				t.Errorf("exit %d, stdout %.200q, stderr %.400q", code, out, errs)
			}
		})
	}
}

// TestLargeSoAJSONReadsBack: a soa.json that soa build wrote is read back by diff and
// --since, however large the workspace (24,000 risks once gave 16.3 MB and "unexpected EOF").
func TestLargeSoAJSONReadsBack(t *testing.T) {
	if testing.Short() {
		t.Skip("builds a workspace of 24,000 risks")
	}
	dir := soatest.Generated(t, 24_000)
	out := t.TempDir()
	if _, errs, code := runCLI(t, "build", dir, "-o", out, "-f", "json"); code != 0 {
		t.Fatal(errs)
	}
	json := filepath.Join(out, "soa.json")
	if st, err := os.Stat(json); err != nil || st.Size() <= 16<<20 {
		t.Fatalf("soa.json: %v, %v; want over 16 MiB to reproduce", st.Size(), err)
	}
	if stdout, errs, code := runCLI(t, "diff", json, dir); code != 0 || !strings.Contains(stdout, "no differences") {
		t.Errorf("diff of a build's soa.json with its workspace: exit %d\n%.300s\n%.300s", code, stdout, errs)
	}
}
