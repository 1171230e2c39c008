// Package soatest builds workspaces for tests and benchmarks: copies of the shipped examples,
// a small valid workspace to mutate, generated registers of any size and git histories of
// releases. Only tests import it; golden files live in soa/golden and the real clients in
// soa/clienttest.
package soatest

import (
	"bytes"
	_ "embed"
	"fmt"
	"os"
	"path/filepath"
	"runtime"
	"strings"
	"testing"
	"time"

	"github.com/soa-tool/soa/annexa"
	"github.com/soa-tool/soa/soa"
	"github.com/soa-tool/soa/soa/internal/yamlpos"
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
// generated risks, each treated by three to eight of the example's applicable controls (5.5
// on average), as a real register is.
func Generated(tb testing.TB, n int) string {
	tb.Helper()
	dir := Copy(tb, "acme-saas")
	applicable := applicableIDs(tb, dir)
	// Additional controls decided only by a risk of the example are selected by the first
	// generated risk.
	byRisk := decidedByRisk(tb, dir)
	var b strings.Builder
	b.WriteString("risks:\n")
	for i := range n {
		l, im := 1+i%5, 1+(i/5)%5
		fmt.Fprintf(&b, "  - id: G-%05d\n    title: Generated risk %d to asset group %d\n", i+1, i+1, i%97)
		fmt.Fprintf(&b, "    owner: Owner %d\n    likelihood: %d\n    impact: %d\n", i%13, l, im)
		ids := make([]string, 3+i%6)
		for k := range ids {
			ids[k] = applicable[(i*(2*k+7)+k*k*3+k)%len(applicable)]
		}
		if i == 0 {
			ids = append(ids, byRisk...)
		}
		fmt.Fprintf(&b, "    treatment:\n      option: modify\n      controls: [%s]\n      approved_on: 2026-10-01\n", strings.Join(ids, ", "))
		fmt.Fprintf(&b, "      plan: Reduce the likelihood of generated risk %d with the listed controls.\n", i+1)
		fmt.Fprintf(&b, "    residual: {likelihood: 1, impact: %d}\n", im)
	}
	if err := os.WriteFile(filepath.Join(dir, workspace.RisksFile), []byte(b.String()), 0o644); err != nil {
		tb.Fatal(err)
	}
	return dir
}

// decidedByRisk gives the keys of the additional controls of the workspace in dir that
// controls.yaml leaves undecided: a risk must select them.
func decidedByRisk(tb testing.TB, dir string) []string {
	tb.Helper()
	ws, err := workspace.Load(dir)
	if err != nil {
		tb.Fatal(err)
	}
	var keys []string
	for _, d := range ws.Additional {
		if !d.Decided {
			keys = append(keys, d.Key)
		}
	}
	return keys
}

// applicableIDs gives the IDs of the controls applicable in the workspace in dir, in
// catalogue order.
func applicableIDs(tb testing.TB, dir string) []string {
	tb.Helper()
	ws, err := workspace.Load(dir)
	if err != nil {
		tb.Fatal(err)
	}
	var applicable []string
	for _, c := range annexa.All() {
		if d := ws.Decisions[c.ID]; d != nil && d.Applicable {
			applicable = append(applicable, c.ID.String())
		}
	}
	return applicable
}

// WorstCase writes the most costly workspace the limits allow, as far as they bound the
// cost of a build: acme-saas with each evidence list of controls.yaml at
// [workspace.MaxEvidence] items of 120 characters or as many as the file size limit allows,
// and a register of 30,000 risks with [workspace.MaxSelections] links to controls (eight
// each).
func WorstCase(tb testing.TB) string {
	tb.Helper()
	dir := Generated(tb, 0)
	applicable := applicableIDs(tb, dir)
	cb, err := os.ReadFile(filepath.Join(dir, workspace.ControlsFile))
	if err != nil {
		tb.Fatal(err)
	}
	// Each evidence list of controls.yaml gives way to MaxEvidence items (or as many as keep
	// the file under the size limit).
	lists := strings.Count(string(cb), "\n    evidence:\n")
	item := strings.Repeat("Evidence record kept in the document register ", 3)[:110]
	per := min(workspace.MaxEvidence, (yamlpos.MaxFileSize-len(cb))/lists/(len(item)+20))
	var b strings.Builder
	skip := false
	for _, line := range strings.SplitAfter(string(cb), "\n") {
		if skip && strings.HasPrefix(line, "      - ") {
			continue
		}
		skip = false
		b.WriteString(line)
		if line == "    evidence:\n" {
			for k := range per {
				fmt.Fprintf(&b, "      - %s %04d\n", item, k)
			}
			skip = true
		}
	}
	if err := os.WriteFile(filepath.Join(dir, workspace.ControlsFile), []byte(b.String()), 0o644); err != nil {
		tb.Fatal(err)
	}
	const risks = workspace.MaxSelections / 8
	// The additional controls the example decides by a risk take the place of Annex A
	// controls in the first risk, so that the workspace is valid at the selection limit.
	byRisk := decidedByRisk(tb, dir)
	var r strings.Builder
	r.WriteString("risks:\n")
	for i := range risks {
		ids := make([]string, 8)
		for k := range ids {
			ids[k] = applicable[(i+k*11)%len(applicable)]
		}
		if i == 0 {
			copy(ids, byRisk)
		}
		fmt.Fprintf(&r, "  - id: W-%05d\n    title: Worst-case risk %d to the information of asset group %d\n", i+1, i+1, i%97)
		fmt.Fprintf(&r, "    description: Unauthorised access to the records of asset group %d through a weakness.\n", i%97)
		fmt.Fprintf(&r, "    owner: Owner %d\n    likelihood: %d\n    impact: %d\n", i%13, 1+i%5, 1+(i/5)%5)
		fmt.Fprintf(&r, "    treatment:\n      option: modify\n      controls: [%s]\n", strings.Join(ids, ", "))
		fmt.Fprintf(&r, "      plan: Reduce the likelihood of risk %d with the listed controls.\n", i+1)
		fmt.Fprintf(&r, "    residual: {likelihood: 1, impact: %d}\n", 1+(i/5)%5)
	}
	if err := os.WriteFile(filepath.Join(dir, workspace.RisksFile), []byte(r.String()), 0o644); err != nil {
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

// ExampleApprovals is the approvals block of examples/acme-saas/isms.yaml: a test makes a
// draft of the example by removing it.
const ExampleApprovals = "  approvals:\n" +
	"    - {by: Zoë Łukasiewicz, role: CISO, on: 2026-10-12}\n" +
	"    - {by: Siobhán O'Connor, role: CEO, on: 2026-10-15}\n"

// Logo is a small PNG picture (120×40 pixels) for tests of document.logo.
//
//go:embed logo.png
var Logo []byte

// Branded copies acme-saas with document.language set to lang, the test logo as logo.png
// and a brand colour; extra holds further replacements in isms.yaml.
func Branded(tb testing.TB, lang string, extra ...[2]string) string {
	tb.Helper()
	edits := append([][2]string{{"  owner: Zoë Łukasiewicz, CISO\n",
		"  owner: Zoë Łukasiewicz, CISO\n  language: " + lang + "\n  logo: logo.png\n  color: \"#5B2C83\"\n"}}, extra...)
	dir := Edited(tb, "acme-saas", map[string][][2]string{workspace.ISMSFile: edits})
	if err := os.WriteFile(filepath.Join(dir, "logo.png"), Logo, 0o644); err != nil {
		tb.Fatal(err)
	}
	return dir
}
