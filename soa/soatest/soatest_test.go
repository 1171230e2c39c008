package soatest

import (
	"testing"

	"github.com/soa-tool/soa/soa/finding"
)

// TestGeneratedWorkspacesAreValid checks that the generated workspaces the benchmarks build
// have no error: a benchmark stops at the first one, so an invalid workspace measures
// nothing.
func TestGeneratedWorkspacesAreValid(t *testing.T) {
	if testing.Short() {
		t.Skip("derives 30,000 risks")
	}
	for name, dir := range map[string]func(testing.TB) string{
		"risks-100":  func(tb testing.TB) string { return Generated(tb, 100) },
		"worst-case": WorstCase,
	} {
		s := Derive(t, dir(t))
		for _, f := range s.Findings {
			if f.Severity == finding.Error {
				t.Errorf("%s: %v", name, f)
			}
		}
	}
}
