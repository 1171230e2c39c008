// Package soatest builds workspaces for tests and benchmarks: copies of the shipped examples,
// a small valid workspace to mutate, generated registers of any size and git histories of
// releases. Only tests import it; golden files live in soa/golden and the real clients in
// soa/clienttest.
package soatest

import (
	"bytes"
	"fmt"
	"os"
	"path/filepath"
	"runtime"
	"strings"
	"testing"
	"time"

	"github.com/soa-tool/soa/soa"
	"github.com/soa-tool/soa/soa/version"
	"github.com/soa-tool/soa/soa/workspace"
)

// Today is the date tests judge workspaces against.
var Today = time.Date(2026, 11, 27, 0, 0, 0, 0, time.UTC)

// Example returns the path of a shipped example workspace, e.g. "acme-saas".
func Example(name string) string {
	_, file, _, _ := runtime.Caller(0)
	return filepath.Join(filepath.Dir(file), "..", "..", "examples", name)
}

// Copy copies the example workspace into a temporary directory and returns its path.
func Copy(tb testing.TB, example string) string {
	tb.Helper()
	return Edited(tb, example, nil)
}

// Edited copies the example workspace into a temporary directory, applying edits (file name
// → old, new replacements, each of which must apply), and returns its path.
func Edited(tb testing.TB, example string, edits map[string][][2]string) string {
	tb.Helper()
	dir := tb.TempDir()
	for _, f := range workspace.Files {
		b, err := os.ReadFile(filepath.Join(Example(example), f))
		if err != nil {
			tb.Fatal(err)
		}
		for _, e := range edits[f] {
			if !bytes.Contains(b, []byte(e[0])) {
				tb.Fatalf("%s does not contain %q", f, e[0])
			}
			b = bytes.Replace(b, []byte(e[0]), []byte(e[1]), 1)
		}
		if err := os.WriteFile(filepath.Join(dir, f), b, 0o644); err != nil {
			tb.Fatal(err)
		}
	}
	return dir
}

// Generated writes a workspace with the acme-saas metadata and decisions and a register of n
// generated risks, each treated by three of the example's applicable controls.
func Generated(tb testing.TB, n int) string {
	tb.Helper()
	dir := Copy(tb, "acme-saas")
	ws, err := workspace.Load(dir)
	if err != nil {
		tb.Fatal(err)
	}
	var applicable []string
	for id, d := range ws.Decisions {
		if d.Applicable {
			applicable = append(applicable, id.String())
		}
	}
	// Additional controls decided only by a risk of the example are selected by the first
	// generated risk.
	var byRisk []string
	for _, d := range ws.Additional {
		if !d.Decided {
			byRisk = append(byRisk, ", "+d.Key)
		}
	}
	var b strings.Builder
	b.WriteString("risks:\n")
	for i := range n {
		l, im := 1+i%5, 1+(i/5)%5
		fmt.Fprintf(&b, "  - id: G-%05d\n    title: Generated risk %d to asset group %d\n", i+1, i+1, i%97)
		fmt.Fprintf(&b, "    owner: Owner %d\n    likelihood: %d\n    impact: %d\n", i%13, l, im)
		extra := ""
		if i == 0 {
			extra = strings.Join(byRisk, "")
		}
		fmt.Fprintf(&b, "    treatment:\n      option: modify\n      controls: [%s, %s, %s%s]\n      approved_on: 2026-10-01\n",
			applicable[i%len(applicable)], applicable[(i*7+3)%len(applicable)], applicable[(i*13+5)%len(applicable)], extra)
		fmt.Fprintf(&b, "      plan: Reduce the likelihood of generated risk %d with the listed controls.\n", i+1)
		fmt.Fprintf(&b, "    residual: {likelihood: 1, impact: %d}\n", im)
	}
	if err := os.WriteFile(filepath.Join(dir, workspace.RisksFile), []byte(b.String()), 0o644); err != nil {
		tb.Fatal(err)
	}
	return dir
}

// Valid is [Derive] for a workspace that must have no error findings.
func Valid(tb testing.TB, dir string) *soa.SoA {
	tb.Helper()
	s := Derive(tb, dir)
	if err := s.Findings.Err(); err != nil {
		tb.Fatalf("the workspace has errors: %v", err)
	}
	return s
}

// Derive loads and derives the workspace in dir as of [Today], failing on load errors.
func Derive(tb testing.TB, dir string) *soa.SoA {
	tb.Helper()
	ws, err := workspace.Load(dir)
	if err != nil {
		tb.Fatal(err)
	}
	return soa.Derive(ws, soa.Options{Today: Today})
}

// Since is the 2026 example with the changes since the 2025 one, as
// "soa build examples/acme-saas --since examples/acme-saas-2025" makes them.
func Since(tb testing.TB) (*soa.SoA, *version.Changes) {
	tb.Helper()
	s := Valid(tb, Example("acme-saas"))
	old := Derive(tb, Example("acme-saas-2025"))
	return s, version.CompareSides(&version.Side{JSON: version.FromSoA(old, nil), Ref: version.VersionRef{Source: "examples/acme-saas-2025"}},
		&version.Side{JSON: version.FromSoA(s, nil), Ref: version.VersionRef{Source: "examples/acme-saas"}})
}
