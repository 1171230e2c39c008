package annexa

import (
	"cmp"
	"fmt"
	"slices"
	"strconv"
	"strings"
)

// This file holds the SOC 2 lens: the AICPA Trust Services Criteria (2017, with the 2022 revised
// points of focus) and the crosswalk from Annex A controls to the criteria that cover them,
// embedded from tsc.csv, soc2.csv, soc2-none.csv and domains.csv (see SOURCES-soc2.md). Criterion
// names are our own short labels, never the AICPA wording.
//
// Each pair of the crosswalk has a fit ([Link]): full where the criterion, with its points of
// focus, asks for essentially what the control does, so that meeting the criterion is strong
// evidence the control is implemented; partial where the criterion only touches the control's
// subject, as the domain-level links of the seed article's table do (CC6.4 and CC6.5 with most
// physical controls).

// Category is one of the five Trust Services Categories.
type Category string

// The five categories, in the order of the criteria. Security holds the common criteria
// (CC1.1 to CC9.2) that every SOC 2 report covers.
const (
	Security            Category = "security"
	Availability        Category = "availability"
	Confidentiality     Category = "confidentiality"
	ProcessingIntegrity Category = "processing_integrity"
	Privacy             Category = "privacy"
)

// Categories lists the five Trust Services Categories in criteria order.
var Categories = []Category{Security, Availability, Confidentiality, ProcessingIntegrity, Privacy}

// Title is the category's name as the TSC write it ("Processing integrity").
func (c Category) Title() string {
	if c == "" {
		return ""
	}
	s := strings.ReplaceAll(string(c), "_", " ")
	return strings.ToUpper(s[:1]) + s[1:]
}

// Criterion is one Trust Services Criterion.
type Criterion struct {
	ID       string // canonical form: CC6.1, A1.2, PI1.5, P4.3
	Category Category
	Name     string // a short label of the topic, not the criterion's text
}

// Domain is one row of the seed article's table of security domains: the criteria on the
// SOC 2 side and the Annex A controls on the ISO side. ISO is empty where the article cites
// only clauses of the standard (governance: clauses 4 to 10).
type Domain struct {
	Name string
	TSC  []string
	ISO  []ID
}

// Link is one pair of the crosswalk seen from the Annex A control: a criterion and how well it
// fits the control.
type Link struct {
	TSC string // canonical criterion ID
	// Full is true where the criterion asks for essentially what the control does, false where
	// it only touches the control's subject (a partial fit).
	Full bool
}

// Fit is the link's fit as the data and the outputs write it: "full" or "partial".
func (l Link) Fit() string {
	if l.Full {
		return FitFull
	}
	return FitPartial
}

// The two fits of a crosswalk pair, as written in soc2.csv and in the outputs.
const (
	FitFull    = "full"
	FitPartial = "partial"
)

var (
	criteria    []Criterion
	criterionAt = map[string]int{}
	soc2Of      = map[ID][]string{}
	linksOf     = map[ID][]Link{}
	controlsOf  = map[string][]ID{}
	noSOC2      = map[ID]string{}
	domains     []Domain
)

func init() {
	for _, r := range readCSV("tsc.csv", 3) {
		id, err := ParseCriterion(r[0])
		if err != nil || id != r[0] {
			panic("annexa: tsc.csv: bad criterion ID " + r[0])
		}
		cat := Category(r[1])
		if !slices.Contains(Categories, cat) {
			panic("annexa: tsc.csv: bad category for " + r[0])
		}
		criterionAt[id] = len(criteria)
		criteria = append(criteria, Criterion{ID: id, Category: cat, Name: r[2]})
	}
	for _, r := range readCSV("soc2.csv", 3) {
		id, tsc := mustControl(r[0], "soc2.csv"), mustCriterion(r[1], "soc2.csv")
		if slices.Contains(soc2Of[id], tsc) {
			panic("annexa: soc2.csv: duplicate pair " + r[0] + " " + r[1])
		}
		if r[2] != FitFull && r[2] != FitPartial {
			panic("annexa: soc2.csv: fit of " + r[0] + " " + r[1] + " is neither full nor partial: " + r[2])
		}
		soc2Of[id] = append(soc2Of[id], tsc)
		linksOf[id] = append(linksOf[id], Link{TSC: tsc, Full: r[2] == FitFull})
		controlsOf[tsc] = append(controlsOf[tsc], id)
	}
	for _, v := range soc2Of {
		slices.SortFunc(v, compareCriteria)
	}
	for _, v := range linksOf {
		slices.SortFunc(v, func(a, b Link) int { return compareCriteria(a.TSC, b.TSC) })
	}
	for _, v := range controlsOf {
		slices.SortFunc(v, ID.Compare)
	}
	for _, r := range readCSV("soc2-none.csv", 2) {
		id := mustControl(r[0], "soc2-none.csv")
		if len(soc2Of[id]) > 0 || r[1] == "" {
			panic("annexa: soc2-none.csv: " + r[0] + " is crosswalked or has no reason")
		}
		noSOC2[id] = r[1]
	}
	for _, r := range readCSV("domains.csv", 3) {
		d := Domain{Name: r[0]}
		for s := range strings.FieldsSeq(r[1]) {
			d.TSC = append(d.TSC, mustCriterion(s, "domains.csv"))
		}
		for s := range strings.FieldsSeq(r[2]) {
			d.ISO = append(d.ISO, mustControl(s, "domains.csv"))
		}
		domains = append(domains, d)
	}
}

func mustControl(s, file string) ID {
	id, err := ParseID(s)
	if _, ok := byID[id]; err != nil || !ok {
		panic("annexa: " + file + ": not a control: " + s)
	}
	return id
}

func mustCriterion(s, file string) string {
	id, err := ParseCriterion(s)
	if _, ok := criterionAt[id]; err != nil || !ok {
		panic("annexa: " + file + ": not a criterion: " + s)
	}
	return id
}

// Criteria returns the 61 Trust Services Criteria in TSC order (CC, A, C, PI, P). The slice
// is shared: do not modify it.
func Criteria() []Criterion { return criteria }

// LookupCriterion returns the criterion with the given ID, written in any form
// [ParseCriterion] accepts.
func LookupCriterion(s string) (Criterion, bool) {
	id, err := ParseCriterion(s)
	if err != nil {
		return Criterion{}, false
	}
	i, ok := criterionAt[id]
	if !ok {
		return Criterion{}, false
	}
	return criteria[i], true
}

// SOC2 returns the criteria that cover the control, in TSC order, or nil for a control with
// no SOC 2 counterpart (see [NoSOC2]). A criterion covers a control when it asks for some of
// what the control does; the two are not equivalent, and [SOC2Fit] says how close each one
// comes. The slice is shared: do not modify it.
func SOC2(id ID) []string { return soc2Of[id] }

// SOC2Fit returns the same criteria as [SOC2], in the same order, each with its fit. A control
// whose links are all partial is one the TSC address only in general: meeting its criteria does
// not show the control is implemented. The slice is shared: do not modify it.
func SOC2Fit(id ID) []Link { return linksOf[id] }

// FitOf returns the link between the control and the criterion (written in any form
// [ParseCriterion] accepts); ok is false when the crosswalk does not pair them.
func FitOf(id ID, tsc string) (l Link, ok bool) {
	t, err := ParseCriterion(tsc)
	if err != nil {
		return Link{}, false
	}
	for _, l := range linksOf[id] {
		if l.TSC == t {
			return l, true
		}
	}
	return Link{}, false
}

// ControlsFor returns the Annex A controls the criterion covers, in catalogue order; tsc may
// be written in any form [ParseCriterion] accepts. It is nil for an unknown criterion and for
// the criteria with no Annex A counterpart. The slice is shared: do not modify it.
func ControlsFor(tsc string) []ID {
	id, err := ParseCriterion(tsc)
	if err != nil {
		return nil
	}
	return controlsOf[id]
}

// NoSOC2 returns why the control has no counterpart in the Trust Services Criteria; ok is
// false for the controls that have one.
func NoSOC2(id ID) (reason string, ok bool) {
	reason, ok = noSOC2[id]
	return reason, ok
}

// Domains returns the ten security domains of the seed article's table, in its order. The
// slice is shared: do not modify it.
func Domains() []Domain { return domains }

// CriterionForms says how a criterion ID may be written; error messages end with it.
const CriterionForms = "write it as CC6.1, A1.2, C1.1, PI1.3 or P4.2"

// criterionSeries are the ID prefixes of the criteria, longest first for parsing.
var criterionSeries = []string{"CC", "PI", "A", "C", "P"}

// ParseCriterion reads a criterion ID in any case and with spaces anywhere (cc6.1, CC 6.1,
// CC6 .1) and returns its canonical form, CC6.1. Leading zeros are dropped (CC06.01). It
// checks the form only; [ResolveCriterion] also checks that the criterion exists.
func ParseCriterion(s string) (string, error) {
	series, major, minor, ok := splitCriterion(s)
	if !ok {
		return "", &CriterionError{Input: s}
	}
	return fmt.Sprintf("%s%d.%d", series, major, minor), nil
}

func splitCriterion(s string) (series string, major, minor int, ok bool) {
	t := strings.ToUpper(strings.Join(strings.Fields(s), ""))
	for _, p := range criterionSeries {
		if rest, found := strings.CutPrefix(t, p); found {
			a, b, dot := strings.Cut(rest, ".")
			if !dot || !isNumber(a) || !isNumber(b) {
				return "", 0, 0, false
			}
			major, _ = strconv.Atoi(a)
			minor, _ = strconv.Atoi(b)
			return p, major, minor, major > 0 && minor > 0
		}
	}
	return "", 0, 0, false
}

func isNumber(s string) bool {
	return s != "" && len(s) <= 3 && strings.Trim(s, "0123456789") == ""
}

// ResolveCriterion parses s and checks that it names a Trust Services Criterion. An unknown
// but well-formed ID gives a [CriterionError] naming the nearest real criteria.
func ResolveCriterion(s string) (Criterion, error) {
	id, err := ParseCriterion(s)
	if err != nil {
		return Criterion{}, err
	}
	i, ok := criterionAt[id]
	if !ok {
		return Criterion{}, &CriterionError{Input: s, Nearest: NearestCriteria(id, 2)}
	}
	return criteria[i], nil
}

// CriterionError reports a string that is not a Trust Services Criterion ID. Nearest is empty
// when the string is not written as one at all.
type CriterionError struct {
	Input   string
	Nearest []string
}

func (e *CriterionError) Error() string {
	in := strings.TrimSpace(e.Input)
	if len(e.Nearest) == 0 {
		return fmt.Sprintf("%q is not a Trust Services Criterion ID: %s", in, CriterionForms)
	}
	var names []string
	for _, id := range e.Nearest {
		c, _ := LookupCriterion(id)
		names = append(names, c.ID+" "+c.Name)
	}
	return fmt.Sprintf("%q is not a Trust Services Criterion; did you mean %s?", in, strings.Join(names, " or "))
}

// NearestCriteria returns up to n real criteria closest to the ID s: the same series first
// (CC7 for CC7.9), then the closest numbers. It returns nil when s is not a criterion ID.
func NearestCriteria(s string, n int) []string {
	series, major, minor, ok := splitCriterion(s)
	if !ok {
		return nil
	}
	dist := func(c Criterion) int {
		cs, cmaj, cmin, _ := splitCriterion(c.ID)
		d := 0
		if cs != series {
			d = 1_000_000
		}
		return d + 1000*abs(cmaj-major) + abs(cmin-minor)
	}
	list := slices.Clone(criteria)
	slices.SortStableFunc(list, func(a, b Criterion) int { return cmp.Compare(dist(a), dist(b)) })
	var out []string
	for _, c := range list[:min(n, len(list))] {
		out = append(out, c.ID)
	}
	slices.SortFunc(out, compareCriteria)
	return out
}

func abs(x int) int { return max(x, -x) }

// CompareCriteria orders criterion IDs as the TSC do: CC before A, C, PI and P, and numbers
// numerically (CC6.2 before CC6.10). Unknown IDs sort last, by text.
func CompareCriteria(a, b string) int { return compareCriteria(a, b) }

func compareCriteria(a, b string) int {
	ia, oka := criterionAt[a]
	ib, okb := criterionAt[b]
	switch {
	case oka && okb:
		return cmp.Compare(ia, ib)
	case oka:
		return -1
	case okb:
		return 1
	}
	return strings.Compare(a, b)
}
