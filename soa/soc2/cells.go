package soc2

import (
	"fmt"
	"regexp"
	"slices"
	"strconv"
	"strings"

	"github.com/soa-tool/soa/annexa"
	"github.com/soa-tool/soa/soa/finding"
	"github.com/soa-tool/soa/soa/text"
)

// This file reads the cells that name requirements: a criteria column, an ISO/IEC 27001
// column, or a "mapped requirements" column that mixes frameworks, as GRC tools export them
// ("SOC 2: CC6.1, CC6.6; ISO 27001: A.9.4.2; NIST CSF: PR.AC-1").

// framework is the standard a part of a cell refers to.
type framework int

const (
	fwAuto  framework = iota // unlabelled: criteria, and Annex A IDs written with their "A."
	fwSOC2                   // Trust Services Criteria only
	fwISO                    // ISO/IEC 27001 Annex A, 2022 or 2013 IDs
	fwOther                  // another framework: ignored
)

// refs are the requirements one cell names.
type refs struct {
	criteria []string    // canonical criterion IDs, in TSC order
	focus    []string    // the points of focus as written (CC6.1.3), rolled up into criteria
	iso      []annexa.ID // Annex A 2022 controls, 2013 IDs translated
}

// label is a framework name ending in a colon at the start of a part: "SOC 2:",
// "ISO/IEC 27001:2022:", "NIST CSF:".
var label = regexp.MustCompile(`^\s*([A-Za-z][^:]*?(?::\s?\d{4})?)\s*:\s*`)

// criterionToken finds criterion IDs in free text: CC6.1, cc 6.1, CC6.1.3 (a point of focus),
// CC5 (a family), C6.5 (a typo answered later).
var criterionToken = regexp.MustCompile(`(?i)\b(CC|PI|A|C|P) ?(\d{1,2})(?:\.(\d{1,3}))?(?:\.(\d{1,3}))?\b`)

// isoToken finds Annex A IDs: A.5.15, 5.15, A.9.4.2 (2013), A 8.1.
var isoToken = regexp.MustCompile(`(?i)(?:\b(A)[ .]?)?\b(\d{1,2})\.(\d{1,2})(?:\.(\d{1,2}))?\b`)

func frameworkOf(name string) framework {
	n := strings.ToLower(name)
	switch {
	case criterionToken.MatchString(name) && !strings.Contains(n, "soc") && !strings.Contains(n, "27001"):
		return fwAuto // "CC6.1: logical access" is not a label
	case strings.Contains(n, "soc") || strings.Contains(n, "tsc") || strings.Contains(n, "trust") || strings.Contains(n, "aicpa"):
		return fwSOC2
	case strings.Contains(n, "iso") || strings.Contains(n, "27001") || strings.Contains(n, "annex"):
		return fwISO
	}
	return fwOther
}

// parseRefs reads a cell of column f. Parts are separated by ";", "|" or line breaks; a part
// that starts with a framework label switches the framework for it and the parts after it.
// Problems are reported at pos for the control ctl.
func (p *Program) parseRefs(cell string, f field, pos finding.Pos, ctl string, l *finding.List) refs {
	var r refs
	fw := fwAuto
	switch f {
	case fCriteria:
		fw = fwSOC2
	case fISO:
		fw = fwISO
	}
	for part := range strings.FieldsFuncSeq(cell, func(c rune) bool { return c == ';' || c == '|' || c == '\n' || c == '\r' }) {
		if m := label.FindStringSubmatch(part); m != nil {
			if lf := frameworkOf(m[1]); lf != fwAuto {
				fw, part = lf, part[len(m[0]):]
			}
		}
		switch fw {
		case fwOther:
			continue
		case fwISO:
			p.isoRefs(part, &r, pos, ctl, l)
		case fwSOC2:
			if !p.criterionRefs(part, &r, pos, ctl, l) && strings.TrimSpace(part) != "" {
				p.notCriterion(part, pos, ctl, l)
			}
		default:
			found := p.criterionRefs(part, &r, pos, ctl, l)
			if annexRef.MatchString(part) {
				p.isoRefs(part, &r, pos, ctl, l)
				found = true
			}
			if !found && strings.TrimSpace(part) != "" && f == fCriteria {
				p.notCriterion(part, pos, ctl, l)
			}
		}
	}
	sortCriteria(r.criteria)
	slices.SortFunc(r.iso, annexa.ID.Compare)
	r.iso = slices.Compact(r.iso)
	return r
}

// annexRef is an Annex A ID written with its "A." in an unlabelled part.
var annexRef = regexp.MustCompile(`(?i)\bA\.\d{1,2}\.\d{1,2}`)

func (p *Program) notCriterion(part string, pos finding.Pos, ctl string, l *finding.List) {
	l.Errorf(pos, "unknown-criterion", "control %s: %q is not a Trust Services Criterion ID: %s", ctl, strings.TrimSpace(part), annexa.CriterionForms)
}

// criterionRefs adds the criteria named in text to r and reports whether it found any.
func (p *Program) criterionRefs(text string, r *refs, pos finding.Pos, ctl string, l *finding.List) bool {
	found := false
	for _, m := range criterionToken.FindAllStringSubmatch(text, -1) {
		found = true
		series := strings.ToUpper(m[1])
		if m[3] == "" { // a family: CC5, A1
			fam := p.family(series + m[2])
			if len(fam) == 0 {
				l.Errorf(pos, "unknown-criterion", "control %s: %q is not a Trust Services Criterion; %s", ctl, m[0], annexa.CriterionForms)
				continue
			}
			l.Warnf(pos, "family", "control %s: %s is a family of criteria, read as %s; list the criteria the control meets", ctl, m[0], strings.Join(fam, ", "))
			for _, id := range fam {
				r.criteria = appendNew(r.criteria, id)
			}
			continue
		}
		id := fmt.Sprintf("%s%s.%s", series, trimZeros(m[2]), trimZeros(m[3]))
		c, ok := annexa.LookupCriterion(id)
		if !ok {
			l.Errorf(pos, "unknown-criterion", "control %s: %s", ctl, unknownCriterion(m[0], id))
			continue
		}
		r.criteria = appendNew(r.criteria, c.ID)
		if m[4] != "" {
			r.focus = appendNew(r.focus, fmt.Sprintf("%s.%s", c.ID, trimZeros(m[4])))
		}
	}
	return found
}

func trimZeros(s string) string {
	n, _ := strconv.Atoi(s)
	return strconv.Itoa(n)
}

// family returns the criteria whose ID starts with fam and a dot: CC5 gives CC5.1 to CC5.3.
func (p *Program) family(fam string) []string {
	var out []string
	for _, c := range annexa.Criteria() {
		if strings.HasPrefix(c.ID, fam+".") {
			out = append(out, c.ID)
		}
	}
	return out
}

// unknownCriterion says that written (read as id) names no criterion, with the criteria
// nearest to it by edit distance on the ID: C6.5 gives CC6.5.
func unknownCriterion(written, id string) string {
	near := nearestCriteria(id)
	if len(near) == 0 {
		return fmt.Sprintf("%q is not a Trust Services Criterion; %s", written, annexa.CriterionForms)
	}
	var names []string
	for _, n := range near {
		c, _ := annexa.LookupCriterion(n)
		names = append(names, c.ID+" "+c.Name)
	}
	return fmt.Sprintf("%q is not a Trust Services Criterion; did you mean %s?", written, strings.Join(names, " or "))
}

// nearestCriteria returns the criteria closest to id, at most two: those fewest edits away on
// the ID itself (at most two), preferring the same number and a series sharing a letter, then
// the nearest numbers. C6.5 gives CC6.5; CC6.9 gives CC6.7 and CC6.8.
func nearestCriteria(id string) []string {
	id = strings.ToUpper(id)
	series := strings.TrimRight(id, "0123456789.")
	number := id[len(series):]
	type cand struct {
		id  string
		key [3]int
	}
	var best []cand
	for _, c := range annexa.Criteria() {
		cs := strings.TrimRight(c.ID, "0123456789.")
		k := [3]int{text.Distance(id, c.ID), 1, 1}
		if c.ID[len(cs):] == number {
			k[1] = 0
		}
		if strings.ContainsAny(cs, series) {
			k[2] = 0
		}
		switch {
		case k[0] > 2:
		case len(best) == 0 || slices.Compare(k[:], best[0].key[:]) < 0:
			best = []cand{{c.ID, k}}
		case k == best[0].key:
			best = append(best, cand{c.ID, k})
		}
	}
	var ids []string
	for _, c := range best {
		ids = append(ids, c.id)
	}
	if len(ids) > 2 { // the nearest numbers
		slices.SortStableFunc(ids, func(a, b string) int { return numberGap(id, a) - numberGap(id, b) })
		ids = ids[:2]
	}
	sortCriteria(ids)
	return ids
}

// numberGap is how far apart the numbers of two criterion IDs are: 1000 per major, 1 per minor.
func numberGap(a, b string) int {
	var am, an, bm, bn int
	fmt.Sscanf(strings.TrimLeft(a, "ABCIP"), "%d.%d", &am, &an)
	fmt.Sscanf(strings.TrimLeft(b, "ABCIP"), "%d.%d", &bm, &bn)
	return 1000*max(am-bm, bm-am) + max(an-bn, bn-an)
}

// isoRefs adds the Annex A controls named in text to r: 2022 IDs (A.5.15, 5.15) as they are,
// 2013 IDs (A.9.4.2) through their 2022 replacements. Clause numbers (6.1.3, 9.2) are skipped.
func (p *Program) isoRefs(text string, r *refs, pos finding.Pos, ctl string, l *finding.List) {
	for _, m := range isoToken.FindAllStringSubmatch(text, -1) {
		if m[4] != "" { // three numbers: a 2013 control, or a clause of the standard
			old, ok := annexa.Lookup2013("A." + trimZeros(m[2]) + "." + trimZeros(m[3]) + "." + trimZeros(m[4]))
			if !ok || m[1] == "" {
				continue
			}
			r.iso = append(r.iso, old.Now...)
			continue
		}
		id, err := annexa.ParseID(trimZeros(m[2]) + "." + trimZeros(m[3]))
		if _, ok := annexa.Lookup(id); err != nil || !ok {
			if m[1] != "" {
				l.Warnf(pos, "unknown-control", "control %s: %s is not an ISO/IEC 27001:2022 Annex A control and is ignored", ctl, strings.TrimSpace(m[0]))
			}
			continue
		}
		r.iso = append(r.iso, id)
	}
}
