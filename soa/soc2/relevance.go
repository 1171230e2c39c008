package soc2

import (
	"math"
	"slices"
	"strings"
	"unicode"

	"github.com/soa-tool/soa/annexa"
)

// MaxAttached is the most program controls attached to one Annex A control by relevance; the
// other candidates are named as related only.
const MaxAttached = 5

// Match is a program control judged against one Annex A control.
type Match struct {
	Control *Control
	// Via are the criteria the two share through the crosswalk, in TSC order; empty when
	// the export's own ISO mapping ties them, or the program control's name alone (see
	// [Attach]).
	Via []string
	// Words are the control's keywords ([annexa.Keywords]) found in the program control's
	// name and description.
	Words []string
	Score float64
}

// words splits text into lower-case words of letters and digits.
func words(text string) []string {
	return strings.FieldsFunc(strings.ToLower(text), func(r rune) bool { return !unicode.IsLetter(r) && !unicode.IsDigit(r) })
}

// wordMatches reports whether the word w of a control's text matches the keyword word k: the
// same word, its plural, or for a stem of four letters or more any word it starts.
func wordMatches(k, w string) bool {
	return w == k || w == k+"s" || w == k+"es" || (len(k) >= 4 && strings.HasPrefix(w, k))
}

// keywordsIn returns the keywords found in text, in the order given, and how many of the
// text's words they match.
func keywordsIn(keywords []string, text []string) ([]string, int) {
	var out []string
	hit := map[int]bool{}
	for _, k := range keywords {
		kw := words(k)
		if len(kw) == 0 {
			continue
		}
	search:
		for i := 0; i+len(kw) <= len(text); i++ {
			for j, w := range kw {
				if !wordMatches(w, text[i+j]) {
					continue search
				}
			}
			out = append(out, k)
			for j := range kw {
				hit[i+j] = true
			}
			break
		}
	}
	return out, len(hit)
}

// names reports whether the program control's name plainly says the Annex A control's
// subject: it uses two of the control's keywords, on two different words.
func names(pc *Control, id annexa.ID) bool {
	kw, n := keywordsIn(annexa.Keywords(id), words(pc.Name))
	return len(kw) >= 2 && n >= 2
}

// counts reports whether the program control counts for coverage: not scoped out and not
// merely planned.
func (c *Control) counts() bool {
	return c.Status != StatusNotApplicable && c.Status != StatusPlanned
}

// Attach returns the program controls that implement the Annex A control id, best first, and
// the others that share a criterion with it (related), in file order.
//
// When the export maps its controls to ISO/IEC 27001 ([Program.ISOMapped]), the controls it
// maps to id are attached (first, without limit), and a control it maps elsewhere is never
// a candidate. Every other program control — all of them in an export without ISO mapping,
// the rows without one in an export that maps only some — that lists one of the control's
// criteria ([annexa.SOC2Fit]) is a candidate, scored by the strength of the links (a full fit
// counts 1, a partial one 0.4, divided by the square root of the number of criteria the
// program control spreads over) and, above all, by how many of the control's keywords its
// name and description use. A candidate is relevant only when it uses at least one keyword:
// shared criteria alone, however many, make a program control related, never attached, so a
// program that lists the criteria without a control about the subject does not cover it.
// A program control whose name plainly says the subject (two keywords on two different
// words, as "Network segmentation" for A.8.22) is a candidate too when it shares no
// criterion with a control that has SOC 2 counterparts; it meets none of the control's
// criteria, so on its own it makes the control at most partly covered ([Cover]). The best
// relevant candidates are attached, at most [MaxAttached]. Controls marked not applicable are
// never candidates. The README gives the precision and recall of this choice against a
// published mapping.
func Attach(p *Program, id annexa.ID) (attached, related []Match) {
	for i := range p.Controls {
		pc := &p.Controls[i]
		if pc.Status != StatusNotApplicable && slices.Contains(pc.ISO, id) {
			kw, _ := keywordsIn(annexa.Keywords(id), words(pc.Name+" "+pc.Description))
			attached = append(attached, Match{Control: pc, Words: kw})
		}
	}
	byISO := len(attached)
	links := annexa.SOC2Fit(id)
	var cands []Match
	for i := range p.Controls {
		pc := &p.Controls[i]
		if pc.Status == StatusNotApplicable || len(pc.ISO) > 0 {
			continue
		}
		m := Match{Control: pc}
		link := 0.0
		for _, l := range links {
			if slices.Contains(pc.Criteria, l.TSC) {
				m.Via = append(m.Via, l.TSC)
				if l.Full {
					link++
				} else {
					link += 0.4
				}
			}
		}
		if len(m.Via) == 0 && (len(links) == 0 || !names(pc, id)) {
			continue
		}
		m.Words, _ = keywordsIn(annexa.Keywords(id), words(pc.Name+" "+pc.Description))
		m.Score = 2*float64(len(m.Words)) + link/math.Sqrt(float64(max(len(pc.Criteria), 1)))
		if len(m.Words) == 0 {
			m.Score = -1 // not about the control's subject: related only
		}
		cands = append(cands, m)
	}
	order := slices.Clone(cands)
	slices.SortStableFunc(order, func(a, b Match) int {
		switch {
		case a.Score > b.Score:
			return -1
		case a.Score < b.Score:
			return 1
		}
		return 0
	})
	take := map[*Control]bool{}
	for _, m := range order {
		if m.Score < 0 || len(attached)-byISO == MaxAttached {
			break
		}
		attached = append(attached, m)
		take[m.Control] = true
	}
	for _, m := range cands {
		if !take[m.Control] && len(m.Via) > 0 {
			related = append(related, m)
		}
	}
	return attached, related
}
