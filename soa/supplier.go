package soa

import (
	"strings"
	"unicode"
)

// supplierCues are words that say a supplier is responsible for a control: cloud providers
// by name, and phrases for "provided by", "the responsibility of", "assured by its SOC 2
// report" in English, German, French, Spanish, Italian, Dutch, Portuguese and Polish, with
// Japanese and Chinese. Names are matched as whole words, phrases anywhere, after folding case.
var supplierCues = []string{
	// Providers and the reports that assure them.
	"aws", "amazon web services", "azure", "microsoft azure", "gcp", "google cloud", "soc 2", "soc2",
	"soc 1", "iso 27017", "c5 attestation", "c5-testat",
	// English.
	"provided by", "delivered by", "responsibility of", "'s responsibility", "’s responsibility",
	"responsibility of the provider", "managed by the provider", "hosting provider", "cloud provider",
	"inherited from",
	// German.
	"verantwortung des", "verantwortung der", "liegt beim anbieter", "bereitgestellt von",
	"erbracht von", "cloud-anbieter", "rechenzentrumsbetreiber", "dienstleister verantwortet",
	// French.
	"responsabilité du", "responsabilité de", "fourni par", "fournie par", "assuré par le fournisseur",
	"hébergeur", "fournisseur cloud", "fournisseur de cloud",
	// Spanish.
	"responsabilidad del", "responsabilidad de", "proporcionado por", "prestado por", "proveedor de nube",
	// Italian.
	"responsabilità del", "responsabilità di", "fornito da", "fornita da", "fornitore cloud",
	// Dutch.
	"verantwoordelijkheid van", "geleverd door", "cloudleverancier", "cloudprovider",
	// Portuguese.
	"responsabilidade do", "responsabilidade da", "fornecido por", "provedor de nuvem",
	// Polish.
	"odpowiedzialność dostawcy", "zapewnia dostawca", "dostarczane przez",
	// Japanese and Chinese.
	"委託先の責任", "クラウド事業者", "事業者が提供", "供应商负责", "由供应商提供", "云服务商",
}

// SupplierCue returns the first word or phrase of a justification that says a supplier is
// responsible for the control ("AWS", "provided by", "SOC 2", "responsabilité du"), or "".
func SupplierCue(justification string) string {
	low := strings.ToLower(justification)
	best, at := "", len(low)+1
	for _, cue := range supplierCues {
		for from := 0; from < len(low); {
			i := strings.Index(low[from:], cue)
			if i < 0 {
				break
			}
			i += from
			if wholeWord(low, i, i+len(cue)) && i < at {
				best, at = low[i:i+len(cue)], i
				if len(low) == len(justification) { // as written, when folding kept the bytes in place
					best = justification[i : i+len(cue)]
				}
			}
			from = i + len(cue)
		}
	}
	return best
}

// wholeWord reports whether s[i:j] is not part of a longer word of letters or digits: "aws"
// in "laws" is not a cue. Scripts written without spaces have no word boundaries to check.
func wholeWord(s string, i, j int) bool {
	before := []rune(s[:i])
	after := []rune(s[j:])
	inWord := func(r rune) bool {
		return (unicode.IsLetter(r) || unicode.IsDigit(r)) && r < 0x3000
	}
	first := []rune(s[i:j])
	if len(first) > 0 && !inWord(first[0]) {
		return true
	}
	return (len(before) == 0 || !inWord(before[len(before)-1])) && (len(after) == 0 || !inWord(after[0]))
}
