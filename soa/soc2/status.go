package soc2

import "strings"

// The statuses a program control can have once its export's status column is read; the empty
// status means the export gives none.
const (
	StatusImplemented = "implemented"
	StatusPartial     = "partial"
	StatusPlanned     = "planned"
	// StatusNotApplicable marks a control the export scopes out: it implements nothing.
	StatusNotApplicable = "not-applicable"
)

// statusWords maps the status vocabularies of common GRC tools, folded as by fold, to ours.
var statusWords = map[string]string{
	"implemented": StatusImplemented, "operating": StatusImplemented, "operatingeffectively": StatusImplemented,
	"effective": StatusImplemented, "operational": StatusImplemented, "inplace": StatusImplemented,
	"done": StatusImplemented, "complete": StatusImplemented, "completed": StatusImplemented,
	"compliant": StatusImplemented, "passing": StatusImplemented, "pass": StatusImplemented,
	"passed": StatusImplemented, "met": StatusImplemented, "ok": StatusImplemented, "ready": StatusImplemented,
	"fullyimplemented": StatusImplemented, "active": StatusImplemented, "live": StatusImplemented,
	"automated": StatusImplemented, "monitored": StatusImplemented, "healthy": StatusImplemented,

	"inprogress": StatusPartial, "partial": StatusPartial, "partially": StatusPartial,
	"partiallyimplemented": StatusPartial, "partiallymet": StatusPartial, "partiallycompliant": StatusPartial,
	"needsattention": StatusPartial, "needsreview": StatusPartial, "inreview": StatusPartial,
	"underreview": StatusPartial, "draft": StatusPartial, "ongoing": StatusPartial, "started": StatusPartial,
	"implementing": StatusPartial, "failing": StatusPartial, "deficient": StatusPartial, "exception": StatusPartial,

	"planned": StatusPlanned, "notstarted": StatusPlanned, "todo": StatusPlanned, "new": StatusPlanned,
	"notimplemented": StatusPlanned, "open": StatusPlanned, "backlog": StatusPlanned, "pending": StatusPlanned,
	"missing": StatusPlanned, "notmet": StatusPlanned, "noncompliant": StatusPlanned, "gap": StatusPlanned,

	"notapplicable": StatusNotApplicable, "na": StatusNotApplicable, "n/a": StatusNotApplicable,
	"outofscope": StatusNotApplicable, "excluded": StatusNotApplicable, "notinscope": StatusNotApplicable,
}

// ParseStatus maps an export's status ("Operating effectively", "In progress", "Not
// started", "N/A") to [StatusImplemented], [StatusPartial], [StatusPlanned] or
// [StatusNotApplicable]; ok is false for a word it does not know.
func ParseStatus(s string) (status string, ok bool) {
	f := strings.ReplaceAll(fold(s), ":", "")
	if f == "" {
		return "", true
	}
	status, ok = statusWords[f]
	return status, ok
}
