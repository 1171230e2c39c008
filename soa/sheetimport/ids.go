package sheetimport

import (
	"regexp"
	"strconv"
	"strings"
	"time"

	"github.com/soa-tool/soa/annexa"
	"github.com/soa-tool/soa/soa/xlsx"
)

// cellID is what an ID cell holds: the numbers of a control ID (two for 2022, three for 2013
// and 2005), the text after it when ID and title share a cell, and how it was read.
type cellID struct {
	nums  []int
	rest  string
	dated bool // read back from a date Excel made of a 2013 ID
}

// idPattern matches an ID at the start of a cell: 5.1, A.5.1, A5.1.1, A.05.01, A 5.1,
// "Annex A 5.1", optionally followed by a title.
var idPattern = regexp.MustCompile(`^(?i:annex\s*)?(?:[Aa]\s?\.?\s?)?(\d{1,2})\.(\d{1,3})(?:\.(\d{1,3}))?\.?(?:[\s:–—-]+(.*))?$`)

// isoDate and localDate are dates as text, the forms a CSV export gives a date Excel made of
// an ID: 2011-02-05, 05.02.2011 (day first) or 2/5/2011 (month first).
var (
	isoDate   = regexp.MustCompile(`^(\d{4})-(\d{2})-(\d{2})(?:[ T]00:00(?::00)?)?$`)
	localDate = regexp.MustCompile(`^(\d{1,2})([./])(\d{1,2})[./](\d{4})$`)
)

// parseIDCell reads the ID in a cell, or reports that there is none.
func parseIDCell(c xlsx.Cell) (cellID, bool) {
	if c.IsDate {
		return datedID(c.Date)
	}
	s := strings.TrimSpace(strings.ReplaceAll(c.Text, "\u00a0", " "))
	if m := isoDate.FindStringSubmatch(s); m != nil {
		y, _ := strconv.Atoi(m[1])
		mo, _ := strconv.Atoi(m[2])
		d, _ := strconv.Atoi(m[3])
		return datedID(time.Date(y, time.Month(mo), d, 0, 0, 0, 0, time.UTC))
	}
	if m := localDate.FindStringSubmatch(s); m != nil {
		a, _ := strconv.Atoi(m[1])
		b, _ := strconv.Atoi(m[3])
		y, _ := strconv.Atoi(m[4])
		if m[2] == "/" {
			a, b = b, a
		}
		return datedID(time.Date(y, time.Month(b), a, 0, 0, 0, 0, time.UTC))
	}
	m := idPattern.FindStringSubmatch(strings.SplitN(s, "\n", 2)[0])
	if m == nil {
		return cellID{}, false
	}
	out := cellID{rest: strings.TrimSpace(m[4])}
	if i := strings.Index(s, "\n"); i >= 0 {
		out.rest = strings.TrimSpace(out.rest + " " + s[i+1:])
	}
	for _, p := range m[1:4] {
		if p == "" {
			break
		}
		n, _ := strconv.Atoi(p)
		if n == 0 {
			return cellID{}, false
		}
		out.nums = append(out.nums, n)
	}
	return out, true
}

// datedID undoes Excel's reading of a 2013 ID as a date: 11.2.5 typed in a cell becomes
// 2011-02-05 (year.month.day) in most locales, 11 February 2005 (day.month.year) in others.
// The reading that names a 2013 control wins; year.month.day when both or neither do.
func datedID(t time.Time) (cellID, bool) {
	y, m, d := t.Date()
	if y < 2000 || y > 2099 {
		return cellID{}, false
	}
	ymd := []int{y - 2000, int(m), d}
	dmy := []int{d, int(m), y - 2000}
	if !is2013(ymd) && is2013(dmy) {
		return cellID{nums: dmy, dated: true}, true
	}
	if ymd[0] == 0 {
		return cellID{}, false
	}
	return cellID{nums: ymd, dated: true}, true
}

func is2013(nums []int) bool {
	_, ok := annexa.Lookup2013(idString(nums))
	return ok && len(nums) == 3
}

// idString writes numbers as an ID: A.5.1 or A.9.2.1.
func idString(nums []int) string {
	parts := make([]string, len(nums))
	for i, n := range nums {
		parts[i] = strconv.Itoa(n)
	}
	return "A." + strings.Join(parts, ".")
}

// similarity of two titles: the share of their words in common (Dice coefficient over
// folded words, small words dropped, plurals as singulars), 1 for the same words.
func similarity(a, b string) float64 {
	wa, wb := titleWords(a), titleWords(b)
	if len(wa) == 0 || len(wb) == 0 {
		return 0
	}
	count := map[string]int{}
	for _, w := range wa {
		count[w]++
	}
	common := 0
	for _, w := range wb {
		if count[w] > 0 {
			count[w]--
			common++
		}
	}
	return 2 * float64(common) / float64(len(wa)+len(wb))
}

var smallWords = map[string]bool{"of": true, "for": true, "and": true, "the": true, "to": true, "in": true, "on": true, "with": true, "a": true, "or": true}

func titleWords(s string) []string {
	var out []string
	for _, w := range strings.Fields(fold(s)) {
		if smallWords[w] {
			continue
		}
		switch {
		case strings.HasSuffix(w, "ies"):
			w = strings.TrimSuffix(w, "ies") + "y"
		case strings.HasSuffix(w, "s") && !strings.HasSuffix(w, "ss") && len(w) > 3:
			w = strings.TrimSuffix(w, "s")
		}
		out = append(out, w)
	}
	return out
}
