package edit_test

import (
	"testing"

	"github.com/soa-tool/soa/soa/edit"
	"github.com/soa-tool/soa/templates"
	"gopkg.in/yaml.v3"
)

// FuzzControls edits any controls.yaml: it must never panic, and an edit it makes must parse
// and hold the new value (Controls checks the whole tree itself).
func FuzzControls(f *testing.F) {
	f.Add(controls, "status", "partial")
	f.Add(string(templates.Controls()), "justification", "line one\nline two")
	f.Add("controls:\n  5.1: {applicable: true}\n  A.5.1: x\n", "owner", "")
	f.Add("controls:\n  A.5.1:\n    status: |\n      a\n    owner: 'b' # c\n", "status", "#x: 'y'")
	f.Fuzz(func(t *testing.T, text, key, value string) {
		var v *yaml.Node
		if value != "" {
			v = str(value)
		}
		e, err := edit.Controls("controls.yaml", []byte(text), []edit.Change{{ID: id("5.1"), Key: key, Value: v}, {ID: id("8.8"), Key: "owner", Value: str("x")}})
		if err != nil {
			return
		}
		var n yaml.Node
		if err := yaml.Unmarshal(e.Data, &n); err != nil {
			t.Fatalf("the edit does not parse: %v\n%s", err, e.Data)
		}
	})
}
