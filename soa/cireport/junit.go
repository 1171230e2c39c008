package cireport

import (
	"encoding/xml"
	"fmt"
	"io"

	"github.com/soa-tool/soa/soa/finding"
)

// The JUnit XML elements the common readers (GitLab, Jenkins, Azure DevOps) agree on.
type (
	junitSuites struct {
		XMLName  xml.Name     `xml:"testsuites"`
		Name     string       `xml:"name,attr"`
		Tests    int          `xml:"tests,attr"`
		Failures int          `xml:"failures,attr"`
		Suites   []junitSuite `xml:"testsuite"`
	}
	junitSuite struct {
		Name     string      `xml:"name,attr"`
		Tests    int         `xml:"tests,attr"`
		Failures int         `xml:"failures,attr"`
		Errors   int         `xml:"errors,attr"`
		Skipped  int         `xml:"skipped,attr"`
		Cases    []junitCase `xml:"testcase"`
	}
	junitCase struct {
		Name      string        `xml:"name,attr"`
		Classname string        `xml:"classname,attr"`
		File      string        `xml:"file,attr,omitempty"`
		Line      int           `xml:"line,attr,omitempty"`
		Failure   *junitFailure `xml:"failure"`
		SystemOut string        `xml:"system-out,omitempty"`
	}
	junitFailure struct {
		Message string `xml:"message,attr"`
		Type    string `xml:"type,attr"`
		Text    string `xml:",chardata"`
	}
)

// WriteJUnit writes findings as a JUnit XML report of one test suite named suite (e.g.
// "soa check examples/acme-saas"). Each finding is a test case named after its position and
// rule; errors fail, and so do warnings when strict is set, so the report fails exactly when
// soa check does. Other warnings pass with the warning as their output. With no findings the
// suite holds one passing case, so readers show a run rather than an empty report.
func WriteJUnit(w io.Writer, suite string, findings finding.List, strict bool) error {
	s := junitSuite{Name: suite}
	for _, f := range findings {
		c := junitCase{
			Name:      fmt.Sprintf("%s [%s]", f.Pos, f.Rule),
			Classname: f.Pos.File,
			File:      f.Pos.File,
			Line:      f.Pos.Line,
		}
		if f.Severity == finding.Error || strict {
			c.Failure = &junitFailure{Message: f.Message, Type: f.Severity.String(), Text: f.String()}
			s.Failures++
		} else {
			c.SystemOut = f.String()
		}
		s.Cases = append(s.Cases, c)
	}
	if len(s.Cases) == 0 {
		s.Cases = append(s.Cases, junitCase{Name: "no findings", Classname: suite})
	}
	s.Tests = len(s.Cases)
	doc := junitSuites{Name: suite, Tests: s.Tests, Failures: s.Failures, Suites: []junitSuite{s}}
	if _, err := io.WriteString(w, xml.Header); err != nil {
		return err
	}
	enc := xml.NewEncoder(w)
	enc.Indent("", "  ")
	if err := enc.Encode(doc); err != nil {
		return err
	}
	_, err := io.WriteString(w, "\n")
	return err
}
