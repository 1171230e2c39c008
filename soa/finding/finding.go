// Package finding holds what the checks report: a position in a workspace file, a severity,
// the rule broken and a message that says what to do. It knows nothing of the rules.
package finding

import (
	"cmp"
	"fmt"
	"slices"
	"strings"

	"github.com/soa-tool/soa/soa/text"
)

// Pos is a place in a file; Line and Col count from 1, and 0 means unknown.
type Pos struct {
	File      string
	Line, Col int
}

func (p Pos) String() string {
	switch {
	case p.Line == 0:
		return p.File
	case p.Col == 0:
		return fmt.Sprintf("%s:%d", p.File, p.Line)
	}
	return fmt.Sprintf("%s:%d:%d", p.File, p.Line, p.Col)
}

// Severity tells whether a finding makes the SoA invalid (Error) or is something an auditor
// will ask about (Warning).
type Severity int

// The severities, most severe first.
const (
	Error Severity = iota
	Warning
)

func (s Severity) String() string {
	if s == Warning {
		return "warning"
	}
	return "error"
}

// Finding is one problem found in a workspace.
type Finding struct {
	Pos      Pos
	Severity Severity
	Rule     string // short stable name, e.g. "undecided"
	Message  string // what is wrong and what to do
}

// String gives the form "file:line:col: error: message [rule]".
func (f Finding) String() string {
	return fmt.Sprintf("%s: %s: %s [%s]", f.Pos, f.Severity, f.Message, f.Rule)
}

// List collects findings.
type List []Finding

// Add appends a finding.
func (l *List) Add(p Pos, sev Severity, rule, format string, a ...any) {
	// Messages quote values from the files: control characters in them are shown escaped,
	// never sent to the terminal.
	*l = append(*l, Finding{Pos: p, Severity: sev, Rule: rule, Message: text.Printable(fmt.Sprintf(format, a...))})
}

// Errorf appends an error.
func (l *List) Errorf(p Pos, rule, format string, a ...any) { l.Add(p, Error, rule, format, a...) }

// Warnf appends a warning.
func (l *List) Warnf(p Pos, rule, format string, a ...any) { l.Add(p, Warning, rule, format, a...) }

// Sort orders the list by file, line, column, then severity and message, and drops exact
// duplicates.
func (l *List) Sort() {
	slices.SortStableFunc(*l, func(a, b Finding) int {
		return cmp.Or(
			cmp.Compare(a.Pos.File, b.Pos.File),
			cmp.Compare(a.Pos.Line, b.Pos.Line),
			cmp.Compare(a.Pos.Col, b.Pos.Col),
			cmp.Compare(a.Severity, b.Severity),
			cmp.Compare(a.Rule, b.Rule),
			cmp.Compare(a.Message, b.Message),
		)
	})
	*l = slices.Compact(*l)
}

// Count returns the number of findings of the severity.
func (l List) Count(s Severity) int {
	n := 0
	for _, f := range l {
		if f.Severity == s {
			n++
		}
	}
	return n
}

// Err returns nil when the list holds no errors, else an error that prints every finding.
func (l List) Err() error {
	if l.Count(Error) == 0 {
		return nil
	}
	return ListError(l)
}

// ListError is a List used as an error.
type ListError List

func (e ListError) Error() string {
	var b strings.Builder
	for i, f := range e {
		if i > 0 {
			b.WriteByte('\n')
		}
		b.WriteString(f.String())
	}
	return b.String()
}
