package sheetimport

import (
	"strings"
	"unicode"

	"github.com/soa-tool/soa/soa/workspace"
)

// fold makes text comparable across spellings: lower case, accents removed, punctuation as
// spaces, runs of space as one. "Begründung (Ausschluss)" becomes "begrundung ausschluss".
func fold(s string) string {
	var b strings.Builder
	space := true
	for _, r := range strings.ToLower(s) {
		if m, ok := plain[r]; ok {
			b.WriteString(m)
			space = false
			continue
		}
		switch {
		case unicode.IsLetter(r) || unicode.IsDigit(r) || strings.ContainsRune("/✓✔☑√✗✘×", r):
			b.WriteRune(r)
			space = false
		case !space:
			b.WriteByte(' ')
			space = true
		}
	}
	return strings.TrimSpace(b.String())
}

// plain maps accented letters to their base letters, for the European languages whose SoAs
// soa reads (Greek tonos included).
var plain = map[rune]string{}

func init() {
	for base, accented := range map[string]string{
		"a": "áàâäãåąă", "c": "çćč", "d": "ďđ", "e": "éèêëęěė", "i": "íìîïı", "l": "łľĺ", "n": "ñńň",
		"o": "óòôöõőø", "r": "řŕ", "s": "śšşș", "t": "ťţț", "u": "úùûüůű", "y": "ýÿ", "z": "źżž",
		"ss": "ß", "oe": "œ", "ae": "æ",
		"α": "ά", "ε": "έ", "η": "ή", "ι": "ίϊΐ", "ο": "ό", "υ": "ύϋΰ", "ω": "ώ", "σ": "ς",
	} {
		for _, r := range accented {
			plain[r] = base
		}
	}
}

// yesWords and noWords are applicability answers, folded, in the languages of Europe.
var (
	yesWords = words(`yes|y|x|✓|✔|☑|√|true|1|applicable|applicable inherited|inherited|included|include|selected|in scope|applies|
ja|j|wahr|anwendbar|zutreffend|oui|o|vrai|si|s|sim|aplicable|aplicavel|applicabile|tak|t|dotyczy|stosowane|ano|a|uplatneno|pouzitelne|
ναι|ν|εφαρμοζεται|εφαρμοσιμο|igen|kylla|k|da|taip|ja|jah|да|так|toepasbaar|van toepassing|relevant`)
	noWords = words(`no|n|-|false|0|not applicable|n/a|na|n a|excluded|exclude|not selected|out of scope|not included|
nein|falsch|nicht anwendbar|nicht zutreffend|non|faux|non applicable|no aplicable|no aplica|nao|nao aplicavel|non applicabile|nie|nie dotyczy|nie stosowane|
ne|neuplatneno|nepouzitelne|οχι|ο|δεν εφαρμοζεται|nem|ei|nu|nej|nee|niet van toepassing|ні|нет|не|✗|✘|×`)
)

func words(list string) map[string]bool {
	m := map[string]bool{}
	for w := range strings.SplitSeq(list, "|") {
		if w = strings.TrimSpace(w); w != "" {
			m[fold(w)] = true
		}
	}
	return m
}

// applicability maps an Applicable cell to true or false. ok is false for an empty cell or a
// value it does not know.
func applicability(s string) (applicable, ok bool) {
	t := strings.TrimSpace(s)
	if t == "-" || t == "–" || t == "—" {
		return false, true
	}
	f := fold(t)
	if f == "" {
		return false, false
	}
	switch {
	case noWords[f]:
		return false, true
	case yesWords[f]:
		return true, true
	}
	// "Yes - inherited from the group", "Not applicable (no premises)": the leading words.
	for _, n := range []int{3, 2, 1} {
		ws := strings.Fields(f)
		if len(ws) <= n {
			continue
		}
		head := strings.Join(ws[:n], " ")
		if noWords[head] {
			return false, true
		}
		if yesWords[head] {
			return true, true
		}
	}
	return false, false
}

// statusWords maps statuses, folded, to the vocabulary of controls.yaml; "" means the source
// marks the control not applicable.
var statusWords = map[string][]string{
	"implemented": {"implemented", "fully implemented", "done", "complete", "completed", "in place", "operational", "effective", "yes",
		"implementiert", "umgesetzt", "vollstandig umgesetzt", "eingefuhrt", "mis en oeuvre", "implemente", "en place",
		"implementado", "implantado", "completado", "wdrozone", "wdrozony", "zavedeno", "implementovano", "υλοποιημενο",
		"υλοποιηθηκε", "attuato", "implementato", "geimplementeerd", "genomford", "infort", "toteutettu", "megvalositva"},
	"partial": {"partial", "partially implemented", "partly implemented", "in progress", "ongoing", "in implementation",
		"being implemented", "wip", "teilweise", "teilweise umgesetzt", "in arbeit", "in bearbeitung", "in umsetzung", "partiel",
		"partiellement", "partiellement mis en oeuvre", "en cours", "parcial", "parcialmente", "parcialmente implementado", "en progreso", "en curso",
		"em andamento", "em curso", "czesciowo", "czesciowo wdrozone", "w trakcie", "w realizacji", "castecne", "castecne zavedeno", "probiha",
		"v realizaci", "μερικως", "μερικως υλοποιημενο", "σε εξελιξη", "parziale", "parzialmente", "in corso", "gedeeltelijk", "delvis", "osittain"},
	"planned": {"planned", "to do", "todo", "scheduled", "geplant", "prevu", "planifie", "planificado", "previsto", "planejado",
		"planeado", "planowane", "zaplanowane", "planovano", "προγραμματισμενο", "σχεδιασμενο", "pianificato", "gepland", "planerad", "suunniteltu"},
	"not-implemented": {"not implemented", "not started", "missing", "not in place", "open", "gap", "no", "none",
		"nicht umgesetzt", "nicht implementiert", "offen", "non implemente", "non mis en oeuvre", "no implementado",
		"nao implementado", "niewdrozone", "nie wdrozone", "nezavedeno", "neimplementovano", "δεν υλοποιηθηκε", "μη υλοποιημενο",
		"non attuato", "non implementato", "niet geimplementeerd", "ej infort"},
	"": {"n/a", "na", "n a", "not applicable", "excluded", "nicht anwendbar", "entfallt", "non applicable", "no aplica", "no aplicable",
		"nao aplicavel", "nie dotyczy", "neaplikovatelne", "δεν εφαρμοζεται", "non applicabile", "niet van toepassing"},
}

var statusByWord = map[string]string{}

func init() {
	for st, ws := range statusWords {
		for _, w := range ws {
			statusByWord[fold(w)] = st
		}
	}
	for _, st := range workspace.Statuses {
		statusByWord[fold(st)] = st
	}
}

// status maps a status cell to the vocabulary. na is true when it says the control is not
// applicable; ok is false for a value it does not know.
func status(s string) (st string, na, ok bool) {
	f := fold(s)
	if f == "" {
		return "", false, false
	}
	if v, hit := statusByWord[f]; hit {
		return v, v == "", true
	}
	return "", false, false
}

// reasonWords maps inclusion reasons, folded, to the vocabulary; workspace.ReasonRisk is never
// written to controls.yaml (soa adds it from the register) but is recognised so that it can
// be noted.
var reasonWords = map[string][]string{
	"legal": {"legal", "law", "laws", "statutory", "legal requirement", "legal requirements", "lr", "l", "legislation",
		"gesetzlich", "gesetz", "legale", "legal obligation", "prawne", "prawny", "zakonne", "zakon", "νομικη", "νομικες", "νομος", "legislacao", "legge"},
	"regulatory": {"regulatory", "regulation", "regulations", "regulatory requirement", "reg", "regulatorisch", "reglementaire",
		"regulatorio", "regulacyjne", "regulatorni", "κανονιστικη", "regolamentare"},
	"contractual": {"contractual", "contract", "contracts", "contractual obligation", "contractual obligations", "contractual requirements", "co", "cr", "c",
		"vertraglich", "vertrag", "contractuel", "contractuelle", "contractual", "contratual", "contrattuale", "umowne", "umowa", "smluvni", "συμβατικη", "συμβατικες"},
	"business": {"business", "business requirement", "business requirements", "business need", "br", "b", "geschaftlich", "geschaftsanforderung",
		"metier", "besoin metier", "negocio", "biznesowe", "obchodni", "επιχειρησιακη", "επιχειρησιακες", "aziendale", "negocios"},
	"best-practice": {"best practice", "best practices", "good practice", "bp", "industry practice", "bewahrte praxis", "best practice",
		"bonnes pratiques", "bonne pratique", "buenas practicas", "boas praticas", "dobre praktyki", "osvedcene postupy", "βελτιστες πρακτικες", "buone pratiche"},
	workspace.ReasonRisk: {"risk", "risks", "risk assessment", "results of risk assessment", "risk assessment results", "risk treatment", "ra", "rra", "rr", "r",
		"risiko", "risikobewertung", "risque", "analyse de risque", "riesgo", "risco", "rischio", "ryzyko", "riziko", "κινδυνος", "αξιολογηση κινδυνου"},
}

var reasonByWord = map[string]string{}

func init() {
	for r, ws := range reasonWords {
		for _, w := range ws {
			reasonByWord[fold(w)] = r
		}
	}
}

// reasons maps a free-text reasons cell ("Legal, contractual / BP") to the vocabulary, in
// vocabulary order; unknown lists the parts it could not map.
func reasons(s string) (out []string, risk bool, unknown []string) {
	seen := map[string]bool{}
	for part := range strings.FieldsFuncSeq(s, func(r rune) bool { return strings.ContainsRune(",;/+&\n|", r) }) {
		f := fold(part)
		f = strings.TrimPrefix(strings.TrimSuffix(f, " and"), "and ")
		if f == "" {
			continue
		}
		r, ok := reasonByWord[f]
		if !ok {
			unknown = append(unknown, strings.TrimSpace(part))
			continue
		}
		seen[r] = true
	}
	for _, r := range workspace.Reasons {
		if seen[r] {
			out = append(out, r)
		}
	}
	return out, seen[workspace.ReasonRisk], unknown
}

// ticked reports whether a tick-column cell marks its reason: any mark but an empty cell or
// a "no".
func ticked(s string) bool {
	t := strings.TrimSpace(s)
	if t == "" {
		return false
	}
	a, ok := applicability(t)
	return !ok || a
}
