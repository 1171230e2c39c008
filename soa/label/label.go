// Package label words the SoA for people, in the document's language: every fixed label,
// heading and sentence of the outputs, dates, statuses, states, reasons, treatment options,
// themes, yes and no. Every renderer (workbook, PDF, CSV, HTML, Markdown) takes its wording
// from here, so that a value reads the same in every format. It knows the vocabulary of the
// workspace but none of its rules, and imports only annexa, risk and soa/text.
//
// Each language is one table of [Key] to text (words_*.go); English is the reference, and a
// test checks that every other table has every key and leaves none in English. The
// package-level functions ([Date], [Status], …) word in English, for the command line.
package label

import (
	"fmt"
	"strings"
	"time"

	"github.com/soa-tool/soa/annexa"
	"github.com/soa-tool/soa/risk"
	"github.com/soa-tool/soa/soa/text"
)

// Key names one label.
type Key string

// Lang is the wording of one language.
type Lang struct {
	// Code is the language's ISO 639-1 code ("de").
	Code string
	// DateLayout is the layout of dates (time.Format), DateFormat the same for spreadsheets.
	DateLayout, DateFormat string
	words                  map[Key]string
	// nouns is set where the reasons are nouns that keep their capital in a list (German).
	nouns bool
}

var langs = map[string]*Lang{
	"en": {Code: "en", DateLayout: time.DateOnly, DateFormat: "yyyy-mm-dd", words: en},
	"de": {Code: "de", DateLayout: "02.01.2006", DateFormat: "dd.mm.yyyy", words: de, nouns: true},
	"fr": {Code: "fr", DateLayout: "02/01/2006", DateFormat: "dd/mm/yyyy", words: fr},
	"es": {Code: "es", DateLayout: "02/01/2006", DateFormat: "dd/mm/yyyy", words: es},
	"it": {Code: "it", DateLayout: "02/01/2006", DateFormat: "dd/mm/yyyy", words: it},
	"nl": {Code: "nl", DateLayout: "02-01-2006", DateFormat: "dd-mm-yyyy", words: nl},
	"pl": {Code: "pl", DateLayout: "02.01.2006", DateFormat: "dd.mm.yyyy", words: pl},
	"pt": {Code: "pt", DateLayout: "02/01/2006", DateFormat: "dd/mm/yyyy", words: pt},
}

// English is the reference wording.
var English = langs["en"]

// For gives the wording of the language with the given code; English for "" or a code it
// does not know (the workspace loader refuses those).
func For(code string) *Lang {
	if l, ok := langs[code]; ok {
		return l
	}
	return English
}

// SelectedToTreat is the justification of a control that only risks select, naming them
// ("R-01 Takeover of admin accounts"); more than three are counted instead.
func (l *Lang) SelectedToTreat(risks []string) string {
	n := len(risks)
	switch {
	case n > 3:
		return l.F(SelectedToTreatN, n)
	case n > 1:
		return l.F(SelectedToTreat, strings.Join(risks[:n-1], ", ")+" "+l.T(And)+" "+risks[n-1])
	}
	return l.F(SelectedToTreat, strings.Join(risks, ""))
}

// DocTitle is the title the outputs give the document: title (document.title) as written,
// except that none or the English default ("Statement of Applicability") gives way to the
// language's own, so that a workspace switched to another language needs no new title.
func (l *Lang) DocTitle(title string) string {
	t := strings.TrimSpace(title)
	if t == "" || t == English.T(SoA) {
		return l.T(SoA)
	}
	return t
}

// T gives the label k; the English one when the language lacks it (a test forbids that).
func (l *Lang) T(k Key) string {
	if s, ok := l.words[k]; ok {
		return s
	}
	return en[k]
}

// F formats the label k, a fmt format, with a.
func (l *Lang) F(k Key, a ...any) string { return fmt.Sprintf(l.T(k), a...) }

// Date formats a date in the language's layout, or "" for the zero time.
func (l *Lang) Date(t time.Time) string {
	if t.IsZero() {
		return ""
	}
	return t.Format(l.DateLayout)
}

// Status gives a control's status as people read it: "not-implemented" → "Not implemented".
func (l *Lang) Status(s string) string { return l.word("status.", s) }

// State gives a control's state (applicable, excluded, undecided) as people read it.
func (l *Lang) State(s string) string { return l.word("state.", s) }

// Option gives a treatment option as people read it: "modify" → "Modify".
func (l *Lang) Option(s string) string { return l.word("option.", s) }

// Reason gives a reason for including a control: "best-practice" → "Best practice".
func (l *Lang) Reason(s string) string { return l.word("reason.", s) }

// Reasons gives reasons as one text, joined with ", ": "Contractual, business".
func (l *Lang) Reasons(rs []string) string {
	out := make([]string, len(rs))
	for i, r := range rs {
		out[i] = l.Reason(r)
		if i > 0 && !l.nouns {
			out[i] = lowerFirst(out[i])
		}
	}
	return strings.Join(out, ", ")
}

// Theme names a theme without its last word: "Organizational".
func (l *Lang) Theme(t annexa.Theme) string { return l.word("theme.", string(t)) }

// ThemeTitle is a theme's heading: "Organizational controls".
func (l *Lang) ThemeTitle(t annexa.Theme) string { return l.word("themetitle.", string(t)) }

// RiskStatus gives a risk's status (open, closed) as people read it.
func (l *Lang) RiskStatus(s string) string { return l.word("riskstatus.", s) }

// ControlsLine is the count of controls as the summaries say it: "93 Annex A controls + 2
// additional", or "93 controls" when there are none beyond Annex A.
func (l *Lang) ControlsLine(annexA, additional int) string {
	if additional == 0 {
		return fmt.Sprintf("%d %s", annexA, strings.ToLower(l.T(Controls)))
	}
	return l.F(ControlsLineAdditional, annexA, additional)
}

// YesNo gives "Yes" or "No".
func (l *Lang) YesNo(b bool) string {
	if b {
		return l.T(Yes)
	}
	return l.T(No)
}

// word gives the label prefix+value, or the value itself when there is none (a value
// outside the vocabulary, which the checks report).
func (l *Lang) word(prefix, v string) string {
	if v == "" {
		return ""
	}
	if s, ok := l.words[Key(prefix+v)]; ok {
		return s
	}
	if s, ok := en[Key(prefix+v)]; ok {
		return s
	}
	return v
}

func lowerFirst(s string) string {
	for i, r := range s {
		if i == 0 {
			return strings.ToLower(string(r)) + s[len(string(r)):]
		}
	}
	return s
}

// Date formats a date as YYYY-MM-DD, or "" for the zero time.
func Date(t time.Time) string { return English.Date(t) }

// Status gives a control's status in English: "not-implemented" → "Not implemented".
func Status(s string) string { return text.Capitalise(strings.ReplaceAll(s, "-", " ")) }

// State gives a control's state in English.
func State(s string) string { return English.State(s) }

// Option gives a treatment option in English: "modify" → "Modify".
func Option(s string) string { return text.Capitalise(s) }

// Theme names a theme in English without its last word: "Organizational".
func Theme(t annexa.Theme) string { return English.Theme(t) }

// YesNo gives "Yes" or "No".
func YesNo(b bool) string { return English.YesNo(b) }

// Method describes the risk method in one paragraph: the scales, the levels and the
// acceptance threshold, with the names the workspace gives them.
func (l *Lang) Method(m risk.Method) string {
	var levels []string
	for _, r := range m.Ranges() {
		levels = append(levels, fmt.Sprintf("%s %d–%d", r.Name, r.Min, r.Max))
	}
	out := l.F(Method, len(m.Likelihood), strings.Join(m.Likelihood, ", "), len(m.Impact), strings.Join(m.Impact, ", "),
		strings.Join(levels, "; "), m.Acceptance)
	// Who may accept a residual risk at the levels that name it (accept_by).
	var by []string
	for _, lv := range m.Levels {
		if lv.AcceptBy != "" {
			by = append(by, l.F(AcceptByPart, lv.Name, lv.AcceptBy))
		}
	}
	if len(by) > 0 {
		out = strings.TrimSuffix(out, ".") + "; " + strings.Join(by, ", ") + "."
	}
	return out
}

// Approved words one approval: "Approved by Siobhán O'Connor (CEO) on 2026-10-15".
func (l *Lang) Approved(by, role string, on time.Time) string {
	if role != "" {
		by += " (" + role + ")"
	}
	return l.F(ApprovedByOn, by, l.Date(on))
}

// RiskAcceptance is what an acceptance cell says of a risk, for [Lang.Acceptance] to word.
type RiskAcceptance struct {
	By        string    // who accepted the residual risk, or ""
	On        time.Time // when
	Closed    bool      // the risk is closed: nothing to accept
	Needed    bool      // the score is above the threshold: the owner must accept the risk
	Authority string    // the role that must accept at the risk's level (accept_by), or ""
	Threshold int       // the method's acceptance threshold
	Interim   int       // a current score above the threshold while the treatment is open, or 0
}

// Acceptance words a risk's acceptance: "Accepted by X on D", "Within criteria (≤ 9)" (never
// "not required", which reads as if nobody looked), the closure, or the acceptance missing and
// who must give it; with the interim exposure of an open treatment.
func (l *Lang) Acceptance(a RiskAcceptance) string {
	var out string
	switch {
	case a.By != "" && !a.On.IsZero():
		out = l.F(AcceptedByOn, a.By, l.Date(a.On))
	case a.By != "":
		out = l.F(AcceptedBy, a.By)
	case a.Closed:
		return l.T(AcceptClosed)
	case a.Needed && a.Authority != "":
		out = l.F(AcceptRequiredFrom, a.Authority)
	case a.Needed:
		out = l.T(AcceptMissing)
	default:
		out = l.F(AcceptWithin, a.Threshold)
	}
	if a.Interim > 0 {
		out += l.F(InterimExposure, a.Interim, a.Threshold)
	}
	return out
}
