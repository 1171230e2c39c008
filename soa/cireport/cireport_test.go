package cireport_test

import (
	"bytes"
	"encoding/json"
	"encoding/xml"
	"path/filepath"
	"strings"
	"testing"

	"github.com/soa-tool/soa/soa/cireport"
	"github.com/soa-tool/soa/soa/cireport/cireporttest"
	"github.com/soa-tool/soa/soa/finding"
	"github.com/soa-tool/soa/soa/golden"
)

var tool = cireport.Tool{Name: "soa", Version: "v1.2.3", URI: "https://github.com/soa-tool/soa"}

// findings covers each shape of position and text a report has to carry.
var findings = finding.List{
	{Pos: finding.Pos{File: "ws/controls.yaml", Line: 12, Col: 5}, Severity: finding.Error, Rule: "undecided", Message: "A.5.1 is not decided: set applicable"},
	{Pos: finding.Pos{File: "ws/isms.yaml", Line: 3}, Severity: finding.Warning, Rule: "review-due", Message: "next_review <2026-01-01> & \"soon\" ]]> — Zürich, 東京"},
	{Pos: finding.Pos{File: "my ws/risks.yaml"}, Severity: finding.Error, Rule: "file", Message: "risks.yaml is empty"},
	{Pos: finding.Pos{File: "/abs/ws/controls.yaml", Line: 1, Col: 1}, Severity: finding.Error, Rule: "undecided", Message: "second"},
}

func TestSARIFValidates(t *testing.T) {
	for _, tt := range []struct {
		name string
		list finding.List
	}{{"findings", findings}, {"none", nil}} {
		var b bytes.Buffer
		if err := cireport.WriteSARIF(&b, tool, tt.list); err != nil {
			t.Fatal(err)
		}
		cireporttest.CheckSARIF(t, b.Bytes())
		golden.Check(t, filepath.Join("testdata", tt.name+".sarif"), b.Bytes())
	}
}

func TestSARIFContent(t *testing.T) {
	var b bytes.Buffer
	if err := cireport.WriteSARIF(&b, tool, findings); err != nil {
		t.Fatal(err)
	}
	var log struct {
		Version string
		Runs    []struct {
			Tool struct {
				Driver struct {
					Name, Version string
					Rules         []struct{ ID string }
				}
			}
			Results []struct {
				RuleID    string
				RuleIndex int
				Level     string
				Message   struct{ Text string }
				Locations []struct {
					PhysicalLocation struct {
						ArtifactLocation struct{ URI string }
						Region           *struct{ StartLine, StartColumn int }
					}
				}
			}
		}
	}
	if err := json.Unmarshal(b.Bytes(), &log); err != nil {
		t.Fatal(err)
	}
	if log.Version != "2.1.0" || len(log.Runs) != 1 {
		t.Fatalf("version %q, %d runs", log.Version, len(log.Runs))
	}
	run := log.Runs[0]
	if d := run.Tool.Driver; d.Name != "soa" || d.Version != "v1.2.3" || len(d.Rules) != 3 {
		t.Errorf("driver %+v", d)
	}
	want := []struct {
		uri, level string
		line, col  int
	}{
		{"ws/controls.yaml", "error", 12, 5},
		{"ws/isms.yaml", "warning", 3, 0},
		{"my%20ws/risks.yaml", "error", 0, 0},
		{"file:///abs/ws/controls.yaml", "error", 1, 1},
	}
	if len(run.Results) != len(want) {
		t.Fatalf("%d results, want %d", len(run.Results), len(want))
	}
	for i, r := range run.Results {
		pl := r.Locations[0].PhysicalLocation
		line, col := 0, 0
		if pl.Region != nil {
			line, col = pl.Region.StartLine, pl.Region.StartColumn
		}
		if pl.ArtifactLocation.URI != want[i].uri || r.Level != want[i].level || line != want[i].line || col != want[i].col {
			t.Errorf("result %d: %s %s %d:%d, want %+v", i, pl.ArtifactLocation.URI, r.Level, line, col, want[i])
		}
		if run.Tool.Driver.Rules[r.RuleIndex].ID != r.RuleID || r.RuleID != findings[i].Rule || r.Message.Text != findings[i].Message {
			t.Errorf("result %d: rule %s (index %d), message %q", i, r.RuleID, r.RuleIndex, r.Message.Text)
		}
	}
}

// The validator must be able to fail: logs broken in ways a hand-made writer might break them.
func TestSARIFSchemaRejects(t *testing.T) {
	var b bytes.Buffer
	if err := cireport.WriteSARIF(&b, tool, findings); err != nil {
		t.Fatal(err)
	}
	for _, tt := range []struct{ old, new string }{
		{`"level": "warning"`, `"level": "notice"`},
		{`"startLine": 12`, `"startLine": 0`},
		{`"version": "2.1.0"`, `"version": "2.0"`},
		{`"text": "second"`, `"txt": "second"`},
	} {
		bad := strings.Replace(b.String(), tt.old, tt.new, 1)
		if bad == b.String() {
			t.Fatalf("%s is not in the log", tt.old)
		}
		if cireporttest.SARIFErr(t, []byte(bad)) == nil {
			t.Errorf("a log with %s validates", tt.new)
		}
	}
}

// junitReport is what a JUnit reader takes from a report, declared apart from the writer's
// types so the test reads the XML as a CI system would.
type junitReport struct {
	XMLName  xml.Name `xml:"testsuites"`
	Tests    int      `xml:"tests,attr"`
	Failures int      `xml:"failures,attr"`
	Suites   []struct {
		Name     string `xml:"name,attr"`
		Tests    int    `xml:"tests,attr"`
		Failures int    `xml:"failures,attr"`
		Cases    []struct {
			Name      string `xml:"name,attr"`
			Classname string `xml:"classname,attr"`
			Failure   *struct {
				Message string `xml:"message,attr"`
				Type    string `xml:"type,attr"`
				Text    string `xml:",chardata"`
			} `xml:"failure"`
			SystemOut string `xml:"system-out"`
		} `xml:"testcase"`
	} `xml:"testsuite"`
}

func readJUnit(t *testing.T, b []byte) junitReport {
	t.Helper()
	var r junitReport
	dec := xml.NewDecoder(bytes.NewReader(b))
	dec.Strict = true
	if err := dec.Decode(&r); err != nil {
		t.Fatalf("the JUnit report is not well-formed XML: %v\n%s", err, b)
	}
	return r
}

func TestJUnit(t *testing.T) {
	for _, tt := range []struct {
		name             string
		list             finding.List
		strict           bool
		tests, failures  int
		firstName        string
		warningAsFailure bool
	}{
		{"findings", findings, false, 4, 3, "ws/controls.yaml:12:5 [undecided]", false},
		{"strict", findings, true, 4, 4, "ws/controls.yaml:12:5 [undecided]", true},
		{"none", nil, false, 1, 0, "no findings", false},
	} {
		var b bytes.Buffer
		if err := cireport.WriteJUnit(&b, "soa check ws", tt.list, tt.strict); err != nil {
			t.Fatal(err)
		}
		golden.Check(t, filepath.Join("testdata", tt.name+".junit.xml"), b.Bytes())
		r := readJUnit(t, b.Bytes())
		if r.Tests != tt.tests || r.Failures != tt.failures || len(r.Suites) != 1 {
			t.Fatalf("%s: %d tests, %d failures, %d suites; want %d, %d, 1", tt.name, r.Tests, r.Failures, len(r.Suites), tt.tests, tt.failures)
		}
		s := r.Suites[0]
		if s.Name != "soa check ws" || s.Tests != tt.tests || s.Failures != tt.failures || len(s.Cases) != tt.tests {
			t.Errorf("%s: suite %q: %d tests, %d failures, %d cases", tt.name, s.Name, s.Tests, s.Failures, len(s.Cases))
		}
		if s.Cases[0].Name != tt.firstName {
			t.Errorf("%s: first case %q, want %q", tt.name, s.Cases[0].Name, tt.firstName)
		}
		if tt.list == nil {
			continue
		}
		if f := s.Cases[0].Failure; f == nil || f.Type != "error" || f.Message != findings[0].Message || f.Text != findings[0].String() {
			t.Errorf("%s: first failure %+v", tt.name, f)
		}
		warn := s.Cases[1] // the warning, with characters XML must escape
		if got := warn.Failure != nil; got != tt.warningAsFailure {
			t.Errorf("%s: warning fails: %v, want %v", tt.name, got, tt.warningAsFailure)
		}
		text := warn.SystemOut
		if warn.Failure != nil {
			text = warn.Failure.Text
		}
		if text != findings[1].String() {
			t.Errorf("%s: warning read back as %q, want %q", tt.name, text, findings[1].String())
		}
	}
}
