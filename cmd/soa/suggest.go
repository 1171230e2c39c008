package main

import (
	"strings"
	"unicode/utf8"

	"github.com/soa-tool/soa/soa/text"
	"github.com/urfave/cli/v2"
)

// suggestCommand returns the command name typed probably meant, or "" when none is close:
// the only command starting with typed (two letters or more), or the nearest by edit distance
// when at most one edit per four letters away, and at least one (contrls → controls, aprove →
// approve, chéck → check; neither man → gap nor lint → init). Letters are counted as runes:
// a typed accent is one edit, as [text.Distance] counts it.
func suggestCommand(cmds []*cli.Command, typed string) string {
	typed = strings.ToLower(typed)
	n := utf8.RuneCountInString(typed)
	var prefixed []string
	best, bestDist := "", max(1, n/4)
	for _, c := range cmds {
		if c.Hidden {
			continue
		}
		if n >= 2 && strings.HasPrefix(c.Name, typed) {
			prefixed = append(prefixed, c.Name)
		}
		if d := text.Distance(typed, c.Name); d <= bestDist && (best == "" || d < bestDist) {
			best, bestDist = c.Name, d
		}
	}
	if len(prefixed) == 1 {
		return prefixed[0]
	}
	return best
}
