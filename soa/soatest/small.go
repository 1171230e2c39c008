package soatest

import (
	"fmt"
	"os"
	"path/filepath"
	"slices"
	"strings"
	"testing"
	"time"

	"github.com/soa-tool/soa/annexa"
	"github.com/soa-tool/soa/soa/workspace"
)

// SmallToday is the date the small valid workspace is judged against: its due dates are
// ahead and its approval behind.
var SmallToday = time.Date(2026, 6, 1, 0, 0, 0, 0, time.UTC)

// ValidISMS is the isms.yaml of a small valid workspace.
const ValidISMS = `organization: Test Org Ltd
scope: Development and operation of the Test platform.
document:
  id: ISMS-SOA-01
  version: "1.0"
  owner: Jane Doe, CISO
  approved_by: John Smith, CEO
  approved_on: 2026-01-10
  next_review: 2027-01-10
risk_method:
  likelihood: [Rare, Unlikely, Possible, Likely, Almost certain]
  impact: [Negligible, Minor, Moderate, Major, Severe]
  levels:
    - {name: Low, max: 4}
    - {name: Medium, max: 9}
    - {name: High, max: 15}
    - {name: Critical, max: 25}
  acceptance: 9
`

// ValidRisks is its risks.yaml: three risks.
const ValidRisks = `risks:
  - id: R-01
    title: Takeover of admin accounts
    owner: Head of Engineering
    likelihood: 4
    impact: 5
    treatment:
      option: modify
      controls: [A.5.17, A.8.5, A.8.2]
      plan: Phishing-resistant MFA for admin roles
      due: 2026-09-30
      approved_on: 2026-01-05
    residual: {likelihood: 1, impact: 5}
  - id: R-02
    title: Malware on laptops
    owner: IT Lead
    likelihood: Possible
    impact: Major
    treatment:
      option: modify
      controls: [8.7]
      approved_on: 2026-01-05
      done_on: 2026-03-01
    residual: {likelihood: 2, impact: 3}
  - id: R-03
    title: Flood at the office
    owner: COO
    likelihood: 1
    impact: 3
    treatment:
      option: retain
`

// riskSelected are the controls the valid register selects; they are decided by the risk
// alone (no applicable, no reasons, no justification).
var riskSelected = []string{"A.5.17", "A.8.5", "A.8.7"}

// excluded are the controls the valid workspace excludes.
var excluded = map[string]string{
	"A.7.5":  "The office is in a shared building whose physical threats the landlord manages.",
	"A.7.12": "The company has no premises and runs no information processing cabling of its own.",
}

// ValidControls is its controls.yaml: it decides all 93 controls: the risk-selected ones by the risk alone, two
// exclusions, one planned and one partial control with due dates, and the rest included for business.
func ValidControls() string {
	var b strings.Builder
	b.WriteString("controls:\n")
	for _, c := range annexa.All() {
		id := c.ID.String()
		fmt.Fprintf(&b, "  %s:\n", id)
		switch {
		case slices.Contains(riskSelected, id):
			fmt.Fprintf(&b, "    status: implemented\n    owner: CISO\n")
		case excluded[id] != "":
			fmt.Fprintf(&b, "    applicable: false\n    justification: %s\n", excluded[id])
		case id == "A.8.2":
			fmt.Fprintf(&b, "    applicable: true\n    reasons: [legal]\n    justification: The bank's outsourcing rules limit administrator access.\n    status: partial\n    owner: CTO\n    due: 2026-09-30\n")
		case id == "A.8.12":
			fmt.Fprintf(&b, "    applicable: true\n    reasons: [contractual]\n    justification: Customer contracts require it.\n    status: planned\n    owner: CTO\n    due: 2026-12-31\n")
		default:
			fmt.Fprintf(&b, "    applicable: true\n    reasons: [business]\n    justification: Needed to run %s safely.\n    status: implemented\n    owner: CISO\n", id)
		}
	}
	return b.String()
}

// ValidFiles returns the three files of a clean workspace.
func ValidFiles() map[string]string {
	return map[string]string{workspace.ISMSFile: ValidISMS, workspace.RisksFile: ValidRisks, workspace.ControlsFile: ValidControls()}
}

// Write writes files (file name to content; a file absent from the map is not written)
// to a fresh directory.
func Write(t testing.TB, files map[string]string) string {
	t.Helper()
	dir := t.TempDir()
	for name, content := range files {
		if err := os.WriteFile(filepath.Join(dir, name), []byte(content), 0o644); err != nil {
			t.Fatal(err)
		}
	}
	return dir
}
