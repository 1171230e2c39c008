package edit_test

import (
	"strings"
	"testing"

	"github.com/soa-tool/soa/annexa"
	"github.com/soa-tool/soa/soa/edit"
	"gopkg.in/yaml.v3"
)

const controls = `# Controls of Acme
controls:
  # Policies
  A.5.1:
    applicable: true # board decision
    reasons: [legal]
    justification: >-
      Customer contracts require
      a policy set.
    status: planned   # until the review
    owner: CISO

  A.5.2: # roles
    applicable:       # true | false
    reasons: []       # legal, regulatory, contractual, business, best-practice
    justification: ""
    status:           # implemented | partial | planned | not-implemented
    owner:

  5.3: {applicable: false, justification: Group does it}
  A.5.4:
  # the end
`

func str(s string) *yaml.Node { return &yaml.Node{Kind: yaml.ScalarNode, Tag: "!!str", Value: s} }

func id(s string) annexa.ID {
	i, err := annexa.Resolve(s)
	if err != nil {
		panic(err)
	}
	return i
}

func TestControls(t *testing.T) {
	for _, tc := range []struct {
		name    string
		changes []edit.Change
		want    string // the unified diff
	}{
		{"scalar keeps its comment", []edit.Change{{ID: id("5.1"), Key: "status", Value: str("implemented")}},
			"@@ -10 +10 @@\n-    status: planned   # until the review\n+    status: implemented   # until the review\n"},
		{"folded text replaced", []edit.Change{{ID: id("5.1"), Key: "justification", Value: str("Contracts.\nBoard mandate.")}},
			"@@ -7,3 +7,3 @@\n-    justification: >-\n-      Customer contracts require\n-      a policy set.\n+    justification: |-\n+      Contracts.\n+      Board mandate.\n"},
		{"key added in order", []edit.Change{{ID: id("5.1"), Key: "due", Value: &yaml.Node{Kind: yaml.ScalarNode, Tag: "!!timestamp", Value: "2027-01-31"}}},
			"@@ -11,0 +12 @@\n+    due: 2027-01-31\n"},
		{"key removed", []edit.Change{{ID: id("5.1"), Key: "owner", Value: nil}},
			"@@ -11 +10,0 @@\n-    owner: CISO\n"},
		{"empty template value filled, comment kept", []edit.Change{{ID: id("5.2"), Key: "applicable", Value: &yaml.Node{Kind: yaml.ScalarNode, Tag: "!!bool", Value: "true"}},
			{ID: id("5.2"), Key: "owner", Value: str("COO")}},
			"@@ -14 +14 @@\n-    applicable:       # true | false\n+    applicable: true # true | false\n@@ -18 +18 @@\n-    owner:\n+    owner: COO\n"},
		{"evidence list", []edit.Change{{ID: id("5.1"), Key: "evidence", Value: &yaml.Node{Kind: yaml.SequenceNode, Content: []*yaml.Node{str("POL-01"), str("yes")}}}},
			"@@ -11,0 +12,3 @@\n+    evidence:\n+      - POL-01\n+      - yes\n"},
		{"flow mapping rewritten as a block", []edit.Change{{ID: id("5.3"), Key: "owner", Value: str("CFO")}},
			"@@ -20 +20,4 @@\n-  5.3: {applicable: false, justification: Group does it}\n+  5.3:\n+    applicable: false\n+    justification: Group does it\n+    owner: CFO\n"},
		{"empty decision filled", []edit.Change{{ID: id("5.4"), Key: "status", Value: str("partial")}},
			"@@ -21 +21,2 @@\n-  A.5.4:\n+  A.5.4:\n+    status: partial\n"},
		{"control added", []edit.Change{{ID: id("8.8"), Key: "owner", Value: str("SecOps")}},
			"@@ -21,0 +22,2 @@\n+  A.8.8:\n+    owner: SecOps\n"},
	} {
		t.Run(tc.name, func(t *testing.T) {
			e, err := edit.Controls("controls.yaml", []byte(controls), tc.changes)
			if err != nil {
				t.Fatal(err)
			}
			got := strings.TrimPrefix(e.Unified("c"), "--- c\n+++ c\n")
			if got != tc.want {
				t.Errorf("diff:\n%s\nwant:\n%s", got, tc.want)
			}
			if !strings.Contains(string(e.Data), "# Controls of Acme\n") || !strings.Contains(string(e.Data), "  # the end\n") {
				t.Errorf("comments lost:\n%s", e.Data)
			}
			var n yaml.Node
			if err := yaml.Unmarshal(e.Data, &n); err != nil {
				t.Errorf("result does not parse: %v\n%s", err, e.Data)
			}
		})
	}
}

func TestControlsCRLF(t *testing.T) {
	in := strings.ReplaceAll(controls, "\n", "\r\n")
	e, err := edit.Controls("controls.yaml", []byte(in), []edit.Change{{ID: id("5.1"), Key: "owner", Value: str("CTO")}})
	if err != nil {
		t.Fatal(err)
	}
	if want := strings.Replace(in, "owner: CISO", "owner: CTO", 1); string(e.Data) != want {
		t.Errorf("CRLF file:\n%q\nwant\n%q", e.Data, want)
	}
}

func TestControlsRefused(t *testing.T) {
	for name, in := range map[string]string{
		"not yaml":      "controls: [",
		"flow controls": "controls: {A.5.1: {applicable: true}}\n",
		"no controls":   "other: 1\n",
	} {
		if _, err := edit.Controls("controls.yaml", []byte(in), []edit.Change{{ID: id("5.1"), Key: "owner", Value: str("x")}}); err == nil {
			t.Errorf("%s: no error", name)
		}
	}
}
