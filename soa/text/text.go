// Package text holds the small string helpers that soa's packages and the command share:
// counting words, listing, capitalising, wrapping, escaping Markdown and measuring edit
// distance. It imports nothing of soa's and knows nothing of controls or risks.
package text

import (
	"fmt"
	"strings"
	"unicode"
	"unicode/utf8"
)

// Plural gives "1 error", "2 errors".
func Plural(n int, word string) string {
	if n == 1 {
		return "1 " + word
	}
	return fmt.Sprintf("%d %ss", n, word)
}

// JoinAnd lists items as "a, b and c".
func JoinAnd(items []string) string {
	if len(items) < 2 {
		return strings.Join(items, "")
	}
	return strings.Join(items[:len(items)-1], ", ") + " and " + items[len(items)-1]
}

// Capitalise puts the first letter of s in upper case: "not implemented" → "Not implemented".
func Capitalise(s string) string {
	r, n := utf8.DecodeRuneInString(s)
	if n == 0 || r == utf8.RuneError {
		return s
	}
	return string(unicode.ToUpper(r)) + s[n:]
}

// Wrap breaks s into lines of at most width runes at spaces; a longer word stands alone. An
// empty s gives one empty line.
func Wrap(s string, width int) []string {
	words := strings.Fields(s)
	if len(words) == 0 {
		return []string{""}
	}
	var lines []string
	line := words[0]
	for _, wd := range words[1:] {
		if utf8.RuneCountInString(line)+1+utf8.RuneCountInString(wd) > width {
			lines = append(lines, line)
			line = wd
			continue
		}
		line += " " + wd
	}
	return append(lines, line)
}

// OneLine folds line breaks, tabs and runs of spaces into single spaces.
func OneLine(s string) string { return strings.Join(strings.Fields(s), " ") }

var mdEscaper = strings.NewReplacer(`\`, `\\`, "*", `\*`, "_", `\_`, "`", "\\`", "<", "&lt;", ">", "&gt;", "[", `\[`, "]", `\]`)

// Markdown escapes the characters Markdown would read as formatting or HTML, so that user text
// is shown as written.
func Markdown(s string) string { return mdEscaper.Replace(s) }

// MarkdownCell escapes s for a cell of a Markdown table: as [Markdown], and the pipe too.
func MarkdownCell(s string) string { return strings.ReplaceAll(Markdown(s), "|", `\|`) }

// Distance is the Levenshtein distance between a and b, counted in runes.
func Distance(a, b string) int {
	ra, rb := []rune(a), []rune(b)
	prev := make([]int, len(rb)+1)
	cur := make([]int, len(rb)+1)
	for j := range prev {
		prev[j] = j
	}
	for i := 1; i <= len(ra); i++ {
		cur[0] = i
		for j := 1; j <= len(rb); j++ {
			cost := 1
			if ra[i-1] == rb[j-1] {
				cost = 0
			}
			cur[j] = min(prev[j]+1, cur[j-1]+1, prev[j-1]+cost)
		}
		prev, cur = cur, prev
	}
	return prev[len(rb)]
}

// Suggest returns the candidate closest to s when it is close enough to be a likely typo
// (distance below 3, or s a prefix of at least three letters), ignoring case; "" otherwise.
func Suggest(s string, candidates []string) string {
	best, bestD := "", 3
	ls := strings.ToLower(s)
	for _, c := range candidates {
		d := Distance(ls, strings.ToLower(c))
		if d < bestD || (strings.HasPrefix(strings.ToLower(c), ls) && len(ls) >= 3 && bestD > 1) {
			best, bestD = c, min(d, bestD)
		}
	}
	return best
}
