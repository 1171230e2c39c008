package templates

import (
	"bytes"
	"path/filepath"
	"strings"
	"testing"

	"github.com/soa-tool/soa/annexa"
	"github.com/soa-tool/soa/soa/golden"
	"gopkg.in/yaml.v3"
)

func TestControlsGolden(t *testing.T) {
	got := Controls()
	golden.Check(t, filepath.Join("testdata", "controls.yaml.golden"), got)
	if !bytes.Equal(Controls(), got) {
		t.Error("Controls() differs between two calls")
	}
}

// TestControlsList checks the template against the catalogue: every control once, in
// catalogue order, with its title as the key's comment, an empty decision, and a heading
// before the first control of each theme.
func TestControlsList(t *testing.T) {
	var doc yaml.Node
	if err := yaml.Unmarshal(Controls(), &doc); err != nil {
		t.Fatal(err)
	}
	top := doc.Content[0]
	if len(top.Content) != 2 || top.Content[0].Value != "controls" {
		t.Fatalf("want one key, controls")
	}
	m := top.Content[1]
	all := annexa.All()
	if len(m.Content) != 2*len(all) || len(all) != 93 {
		t.Fatalf("%d controls in the template, %d in the catalogue", len(m.Content)/2, len(all))
	}
	for i, c := range all {
		k, v := m.Content[2*i], m.Content[2*i+1]
		if k.Value != c.ID.String() {
			t.Errorf("control %d is %s, want %s", i+1, k.Value, c.ID)
		}
		if want := "# " + c.Title; k.LineComment != want && v.LineComment != want {
			t.Errorf("%s: comment %q%q, want %q", c.ID, k.LineComment, v.LineComment, want)
		}
		heading := i == 0 || all[i-1].Theme != c.Theme
		if got := strings.Contains(k.HeadComment, c.Theme.Title()); got != heading {
			t.Errorf("%s: theme heading %v, want %v (head comment %q)", c.ID, got, heading, k.HeadComment)
		}
		var d map[string]any
		if err := v.Decode(&d); err != nil {
			t.Fatal(err)
		}
		if len(d) != 5 || d["applicable"] != nil || d["status"] != nil || d["owner"] != nil || d["justification"] != "" {
			t.Errorf("%s: decision %v is not left empty", c.ID, d)
		}
	}
}

func TestModelines(t *testing.T) {
	for kind, b := range map[string][]byte{"isms": ISMS(), "risks": Risks(), "controls": Controls()} {
		first, _, _ := strings.Cut(string(b), "\n")
		if first != Modeline(kind) {
			t.Errorf("%s.yaml starts with %q, want %q", kind, first, Modeline(kind))
		}
		if want := "# yaml-language-server: $schema=.schema/" + kind + ".schema.json"; first != want {
			t.Errorf("%s.yaml modeline %q, want %q", kind, first, want)
		}
	}
}

// TestISMSMethod checks the starter method: 5x5, levels up to 25, acceptance 9.
func TestISMSMethod(t *testing.T) {
	var f struct {
		Organization, Scope *string
		Document            struct{ ID, Version, Owner string }
		RiskMethod          struct {
			Likelihood, Impact []string
			Levels             []struct {
				Name string
				Max  int
			}
			Acceptance int
		} `yaml:"risk_method"`
	}
	if err := yaml.Unmarshal(ISMS(), &f); err != nil {
		t.Fatal(err)
	}
	m := f.RiskMethod
	if f.Organization != nil || f.Scope != nil || f.Document.Owner != "" {
		t.Errorf("organization, scope and document owner must be left empty for the user")
	}
	if f.Document.ID != "ISMS-SOA-01" || f.Document.Version != "0.1" {
		t.Errorf("document %+v", f.Document)
	}
	if strings.Join(m.Likelihood, ",") != "Rare,Unlikely,Possible,Likely,Almost certain" ||
		strings.Join(m.Impact, ",") != "Negligible,Minor,Moderate,Major,Severe" ||
		len(m.Levels) != 4 || m.Levels[3].Max != 25 || m.Acceptance != 9 {
		t.Errorf("risk method %+v", m)
	}
}

func TestCopies(t *testing.T) {
	b := ISMS()
	b[0] = 'X'
	if ISMS()[0] == 'X' {
		t.Error("ISMS returns the embedded slice itself")
	}
}
