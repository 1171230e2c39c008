package label

import (
	"slices"
	"strings"
	"testing"
	"time"

	"github.com/soa-tool/soa/annexa"
	"github.com/soa-tool/soa/risk"
	"github.com/soa-tool/soa/soa/workspace"
)

// same lists, per language, the labels that are rightly written as in English: words the
// language shares with English, and names (SOC 2).
var same = map[string][]Key{
	"de": {Version, VersionN, StatusCol, Name, OptionCol, Plan, SOC2, Document},
	"fr": {Version, VersionN, Classification, DateCol, Signature, "state.applicable", Applicable, Impact, Justification, SOC2, OptionCol, Plan, Score, Document, ScoresRange},
	"es": {ContShort, No, Control, "reason.legal", "reason.contractual", Residual, SOC2, Plan},
	"it": {No, SOC2},
	"nl": {StatusCol, Inherent, SOC2, Plan, Score, Document, ScoresRange},
	"pl": {StatusCol, Author, SOC2, Plan},
	"pt": {ContShort, "reason.legal", Residual, SOC2},
}

// TestEveryLanguageComplete checks that each language has every label of the English table,
// none empty, none left in English unless listed in same, with the same fmt verbs.
func TestEveryLanguageComplete(t *testing.T) {
	if got := slices.Sorted(mapKeys(langs)); !slices.Equal(got, slices.Sorted(slices.Values(workspace.Languages))) {
		t.Fatalf("tables for %v, workspace accepts %v", got, workspace.Languages)
	}
	for _, code := range workspace.Languages[1:] {
		t.Run(code, func(t *testing.T) {
			words := langs[code].words
			for k, e := range en {
				v, ok := words[k]
				switch {
				case !ok:
					t.Errorf("%s: %q missing (English %q)", code, k, e)
				case strings.TrimSpace(v) == "":
					t.Errorf("%s: %q empty", code, k)
				case v == e && !slices.Contains(same[code], k):
					t.Errorf("%s: %q left in English: %q", code, k, v)
				case verbs(v) != verbs(e):
					t.Errorf("%s: %q has verbs %q, English %q", code, k, verbs(v), verbs(e))
				}
			}
			for k := range words {
				if _, ok := en[k]; !ok {
					t.Errorf("%s: %q is not an English label", code, k)
				}
			}
		})
	}
}

func mapKeys[M ~map[string]V, V any](m M) func(func(string) bool) {
	return func(yield func(string) bool) {
		for k := range m {
			if !yield(k) {
				return
			}
		}
	}
}

// verbs lists the fmt verbs of s in order.
func verbs(s string) string {
	var b strings.Builder
	for i := 0; i+1 < len(s); i++ {
		if s[i] == '%' {
			b.WriteString(s[i : i+2])
			i++
		}
	}
	return b.String()
}

// TestVocabulary checks that every value of the workspace's vocabularies has a label, so no
// status, reason, option or theme reaches a reader as a raw code.
func TestVocabulary(t *testing.T) {
	for _, code := range workspace.Languages {
		l := For(code)
		for _, s := range workspace.Statuses {
			if _, ok := l.words[Key("status."+s)]; !ok {
				t.Errorf("%s: no label for status %s", code, s)
			}
		}
		for _, r := range append(slices.Clone(workspace.Reasons), workspace.ReasonRisk) {
			if _, ok := l.words[Key("reason."+r)]; !ok {
				t.Errorf("%s: no label for reason %s", code, r)
			}
		}
		for _, o := range risk.Options {
			if _, ok := l.words[Key("option."+string(o))]; !ok {
				t.Errorf("%s: no label for option %s", code, o)
			}
		}
		for _, th := range annexa.Themes {
			if l.Theme(th) == string(th) || l.ThemeTitle(th) == string(th) {
				t.Errorf("%s: no label for theme %s", code, th)
			}
		}
	}
}

func TestWording(t *testing.T) {
	d := time.Date(2026, 10, 15, 0, 0, 0, 0, time.UTC)
	for _, c := range []struct{ code, date, reasons, status string }{
		{"en", "2026-10-15", "Contractual, business, risk", "Not implemented"},
		{"de", "15.10.2026", "Vertrag, Geschäftsanforderung, Risiko", "Nicht umgesetzt"},
		{"fr", "15/10/2026", "Contractuelle, métier, risque", "Non mise en œuvre"},
		{"pl", "15.10.2026", "Umowne, biznesowe, ryzyko", "Niewdrożone"},
	} {
		l := For(c.code)
		if got := l.Date(d); got != c.date {
			t.Errorf("%s: Date = %q, want %q", c.code, got, c.date)
		}
		if got := l.Reasons([]string{"contractual", "business", "risk"}); got != c.reasons {
			t.Errorf("%s: Reasons = %q, want %q", c.code, got, c.reasons)
		}
		if got := l.Status("not-implemented"); got != c.status {
			t.Errorf("%s: Status = %q, want %q", c.code, got, c.status)
		}
	}
	if For("xx") != English || For("") != English {
		t.Error("an unknown code must give English")
	}
	if got := English.Status("odd"); got != "odd" {
		t.Errorf("a value outside the vocabulary must stay as written, got %q", got)
	}
}

// TestDocTitle checks that the English default title, or none, gives way to the language's
// and that a title of the organisation's own stays as written.
func TestDocTitle(t *testing.T) {
	for _, c := range []struct{ lang, title, want string }{
		{"de", "Statement of Applicability", "Erklärung zur Anwendbarkeit"},
		{"de", "", "Erklärung zur Anwendbarkeit"},
		{"fr", " Statement of Applicability ", "Déclaration d'applicabilité"},
		{"en", "", "Statement of Applicability"},
		{"de", "Erklärung zur Anwendbarkeit (ISMS Berlin)", "Erklärung zur Anwendbarkeit (ISMS Berlin)"},
	} {
		if got := For(c.lang).DocTitle(c.title); got != c.want {
			t.Errorf("%s %q: %q, want %q", c.lang, c.title, got, c.want)
		}
	}
}

// TestSelectedToTreat checks the justification of a control only risks select: one, two and
// three risks named, more counted, in the language.
func TestSelectedToTreat(t *testing.T) {
	r := []string{"R-01 Stolen laptop", "R-02 Malware", "R-03 Outage", "R-04 Fraud"}
	for _, c := range []struct {
		lang string
		n    int
		want string
	}{
		{"en", 1, "Selected to treat R-01 Stolen laptop."},
		{"en", 3, "Selected to treat R-01 Stolen laptop, R-02 Malware and R-03 Outage."},
		{"en", 4, "Selected to treat 4 risks (see related risks)."},
		{"de", 2, "Ausgewählt zur Behandlung von R-01 Stolen laptop und R-02 Malware."},
		{"fr", 4, "Retenue pour traiter 4 risques (voir les risques associés)."},
	} {
		if got := For(c.lang).SelectedToTreat(r[:c.n]); got != c.want {
			t.Errorf("%s %d: %q, want %q", c.lang, c.n, got, c.want)
		}
	}
}
