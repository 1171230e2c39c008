package annexa

import "strings"

// keywordsOf holds, per control, the words and short phrases that say what the control is
// about, embedded from keywords.csv. They are our own choice of words, written for matching
// the names and descriptions of a company's controls, not the standard's text.
var keywordsOf = map[ID][]string{}

func init() {
	for _, r := range readCSV("keywords.csv", 2) {
		id := mustControl(r[0], "keywords.csv")
		if len(keywordsOf[id]) > 0 {
			panic("annexa: keywords.csv: " + r[0] + " twice")
		}
		for k := range strings.SplitSeq(r[1], ";") {
			if k = strings.TrimSpace(k); k != "" {
				keywordsOf[id] = append(keywordsOf[id], k)
			}
		}
	}
	for _, c := range catalogue {
		if len(keywordsOf[c.ID]) == 0 {
			panic("annexa: keywords.csv: no keywords for " + c.ID.String())
		}
	}
}

// Keywords returns the words and phrases that describe the control's subject, lower case:
// a word may be a stem ("encrypt" for encryption, encrypted) and a phrase is several words
// ("access review"). Package soa/soc2 matches them against a program's control names to tell
// which controls implement an Annex A control. The slice is shared: do not modify it.
func Keywords(id ID) []string { return keywordsOf[id] }
