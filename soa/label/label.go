// Package label words the SoA's values for people: dates, statuses, states, treatment
// options, themes, yes and no. Every renderer (workbook, PDF, CSV, change lists) takes its
// wording from here, so that a value reads the same in every format. It knows the vocabulary
// of the workspace but none of its rules, and imports only annexa and soa/text.
package label

import (
	"strings"
	"time"

	"github.com/soa-tool/soa/annexa"
	"github.com/soa-tool/soa/soa/text"
)

// Date formats a date as YYYY-MM-DD, or "" for the zero time.
func Date(t time.Time) string {
	if t.IsZero() {
		return ""
	}
	return t.Format(time.DateOnly)
}

// Status gives a control's status as people read it: "not-implemented" → "Not implemented".
func Status(s string) string {
	return text.Capitalise(strings.ReplaceAll(s, "-", " "))
}

// State gives a control's state (applicable, excluded, undecided) as people read it.
func State(s string) string {
	switch s {
	case "applicable":
		return "Applicable"
	case "excluded":
		return "Excluded"
	case "undecided":
		return "Not decided"
	}
	return s
}

// Option gives a treatment option as people read it: "modify" → "Modify".
func Option(s string) string { return text.Capitalise(s) }

// Theme names a theme without its last word: "Organizational".
func Theme(t annexa.Theme) string { return strings.TrimSuffix(t.Title(), " controls") }

// YesNo gives "Yes" or "No".
func YesNo(b bool) string {
	if b {
		return "Yes"
	}
	return "No"
}
