package sheetimport

import (
	"fmt"
	"slices"
	"strings"
)

// Field is what a column holds: a key of controls.yaml, the control's ID or title, or one
// inclusion reason ticked per row (a tick column).
type Field string

// The fields a column can hold.
const (
	ID             Field = "id"
	Title          Field = "title"
	Applicable     Field = "applicable"
	Justification  Field = "justification"
	Reasons        Field = "reasons"
	Status         Field = "status"
	Owner          Field = "owner"
	Implementation Field = "implementation"
	Evidence       Field = "evidence"
	Due            Field = "due"
	Review         Field = "review"
	// Tick columns: a mark in the row gives the control that reason.
	TickLegal        Field = "legal"
	TickRegulatory   Field = "regulatory"
	TickContractual  Field = "contractual"
	TickBusiness     Field = "business"
	TickBestPractice Field = "best-practice"
	TickRisk         Field = "risk"
)

// Fields lists every field in the order the report prints them.
var Fields = []Field{ID, Title, Applicable, Justification, Reasons, TickLegal, TickRegulatory, TickContractual,
	TickBusiness, TickBestPractice, TickRisk, Status, Owner, Implementation, Evidence, Due, Review}

// aliases are other names --column accepts for a field.
var aliases = map[string]Field{"target-date": Due, "target date": Due, "last-review": Review, "last review": Review,
	"control": Title, "justification-text": Justification, "best practice": TickBestPractice, "bestpractice": TickBestPractice}

// ParseField reads a field name as --column takes it (case-insensitive; "target-date" is
// due, "last-review" is review).
func ParseField(s string) (Field, error) {
	s = strings.ToLower(strings.TrimSpace(s))
	if f, ok := aliases[s]; ok {
		return f, nil
	}
	if slices.Contains(Fields, Field(s)) {
		return Field(s), nil
	}
	names := make([]string, len(Fields))
	for i, f := range Fields {
		names[i] = string(f)
	}
	return "", fmt.Errorf("unknown field %q; give one of %s", s, strings.Join(names, ", "))
}

// tickHeaders are the whole headers of tick columns, folded.
var tickHeaders = map[Field][]string{
	TickLegal:        {"lr", "legal", "legal requirement", "legal requirements", "legal and regulatory", "legal regulatory", "law", "gesetzlich", "legal obligations", "exigences legales", "requisitos legales", "wymagania prawne", "pravni pozadavky", "νομικες απαιτησεις", "requisitos legais"},
	TickRegulatory:   {"reg", "regulatory", "regulatory requirements", "regulation"},
	TickContractual:  {"co", "cr", "contractual", "contractual obligations", "contractual requirements", "contract", "vertraglich", "vertragliche verpflichtungen", "obligations contractuelles", "obligaciones contractuales", "zobowiazania umowne", "smluvni zavazky", "συμβατικες υποχρεωσεις", "obrigacoes contratuais"},
	TickBusiness:     {"br", "bn", "business", "business requirements", "business requirement", "business needs", "geschaftsanforderungen", "exigences metier", "requisitos de negocio", "wymagania biznesowe", "obchodni pozadavky", "επιχειρησιακες απαιτησεις", "requisitos de negocio"},
	TickBestPractice: {"bp", "best practice", "best practices", "good practice", "bewahrte praxis", "bonnes pratiques", "buenas practicas", "dobre praktyki", "osvedcene postupy", "βελτιστες πρακτικες", "boas praticas"},
	TickRisk:         {"rra", "ra", "rr", "risk", "risk assessment", "results of risk assessment", "result of risk assessment", "risk treatment", "risikobewertung", "appreciation des risques", "evaluacion de riesgos", "ocena ryzyka", "hodnoceni rizik", "αξιολογηση κινδυνων", "avaliacao de riscos"},
}

// headerWords are parts of headers that name a field, folded, tried in this order: status
// before implementation ("Implementation status"), justification before reasons
// ("Begründung"), owner before title ("Control owner").
var headerWords = []struct {
	field Field
	words []string
}{
	{Justification, []string{"justification", "justif", "rationale", "begrundung", "ausschluss", "exclusion", "inclusion exclusion", "justificacion", "justificativa", "giustificazione", "uzasadnienie", "zduvodneni", "oduvodneni", "αιτιολογηση", "motivation", "onderbouwing", "perustelu", "indoklas", "motivering"}},
	{Status, []string{"status", "statut", "estado", "stav", "stan", "κατασταση", "umsetzungsstand", "progress", "stato", "tila", "allapot", "etat"}},
	{Reasons, []string{"reason", "reasons", "grund", "grunde", "raison", "raisons", "motivo", "motivos", "razon", "powod", "powody", "duvod", "λογος", "λογοι", "basis", "selection", "auswahl", "selection criteria"}},
	{Applicable, []string{"applicab", "applicable", "applies", "anwendbar", "anwendbarkeit", "zutreffend", "applicabilite", "aplicable", "aplicabilidad", "aplicavel", "aplicabilidade", "applicabile", "applicabilita", "stosowanie", "stosowane", "dotyczy", "uplatneno", "uplatnitelnost", "pouzitelnost", "pouzitelne", "εφαρμοσιμ", "εφαρμογη", "εφαρμοζεται", "included", "selected", "in scope", "toepasbaar", "toepasselijk", "sovellettav", "alkalmazhato", "tillamplig", "y/n", "yes/no"}},
	{Owner, []string{"owner", "responsible", "responsibility", "accountable", "verantwortlich", "verantwortung", "eigentumer", "responsable", "proprietaire", "propietario", "responsavel", "responsabile", "proprietario", "wlasciciel", "odpowiedzialny", "odpowiedzialnosc", "vlastnik", "odpovedna osoba", "odpovednost", "υπευθυνος", "ιδιοκτητης", "eigenaar", "verantwoordelijke", "omistaja", "felelos", "agare"}},
	{Implementation, []string{"implementation", "implemented", "how", "umsetzung", "implementierung", "mise en oeuvre", "implementacion", "implementacao", "attuazione", "implementazione", "wdrozenie", "sposob wdrozenia", "implementace", "zavedeni", "υλοποιηση", "comment", "comments", "remarks", "notes", "note", "measures", "existing controls", "current controls", "bemerkung", "bemerkungen", "kommentar", "commentaire", "commentaires", "comentario", "comentarios", "uwagi", "poznamka", "poznamky", "σχολια", "toelichting", "kuvaus", "megjegyzes"}},
	{Evidence, []string{"evidence", "nachweis", "nachweise", "preuve", "preuves", "evidencia", "evidencias", "evidenza", "dowod", "dowody", "dukaz", "dukazy", "doklad", "τεκμηρια", "τεκμηριωση", "documents", "document", "documentation", "dokumentation", "reference", "references", "records", "policy", "policies", "bewijs", "todisteet", "bizonyitek"}},
	{Due, []string{"target date", "target", "due", "deadline", "zieldatum", "termin", "frist", "date cible", "echeance", "fecha objetivo", "fecha limite", "plazo", "termin realizacji", "προθεσμια", "data prevista", "prazo", "scadenza", "completion date", "planned date", "planned completion", "streefdatum", "maaraaika", "hatarido"}},
	{Review, []string{"review", "reviewed", "last review", "uberprufung", "uberpruft", "revision", "revue", "revisao", "revisione", "przeglad", "prezkum", "revize", "ανασκοπηση", "herziening", "katselmointi", "felulvizsgalat"}},
	{Title, []string{"control", "controls", "title", "name", "titel", "titre", "intitule", "nombre", "titulo", "controlo", "controle", "mesure", "massnahme", "kontrola", "kontrolle", "nazwa", "zabezpieczenie", "nazev", "opatreni", "τιτλος", "ελεγχος", "μετρο", "maatregel", "hallintakeino", "kontroll", "measure"}},
}

// recognise names the field of a header, or "" when it names none. A tick header must be the
// whole header; other fields match a word or phrase within it.
func recognise(header string) Field {
	h := fold(header)
	if h == "" {
		return ""
	}
	for _, f := range Fields {
		if slices.Contains(tickHeaders[f], h) {
			return f
		}
	}
	padded := " " + h + " "
	for _, hw := range headerWords {
		for _, w := range hw.words {
			w = fold(w)
			if strings.Contains(padded, " "+w+" ") || (len(w) >= 6 && strings.Contains(h, w)) {
				return hw.field
			}
		}
	}
	return ""
}
