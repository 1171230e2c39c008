package main

import (
	"strings"

	"github.com/urfave/cli/v2"
)

// suggestCommand returns the command name typed probably meant, or "" when none is close:
// the only command starting with typed (two letters or more), or the nearest by edit distance
// when at most one edit per four letters away, and at least one (contrls → controls, aprove →
// approve; neither man → gap nor lint → init).
func suggestCommand(cmds []*cli.Command, typed string) string {
	typed = strings.ToLower(typed)
	var prefixed []string
	best, bestDist := "", max(1, len(typed)/4)
	for _, c := range cmds {
		if c.Hidden {
			continue
		}
		if len(typed) >= 2 && strings.HasPrefix(c.Name, typed) {
			prefixed = append(prefixed, c.Name)
		}
		if d := editDistance(typed, c.Name); d <= bestDist && (best == "" || d < bestDist) {
			best, bestDist = c.Name, d
		}
	}
	if len(prefixed) == 1 {
		return prefixed[0]
	}
	return best
}

// editDistance is the Levenshtein distance between a and b, counted in bytes (command
// names are ASCII).
func editDistance(a, b string) int {
	prev := make([]int, len(b)+1)
	cur := make([]int, len(b)+1)
	for j := range prev {
		prev[j] = j
	}
	for i := 1; i <= len(a); i++ {
		cur[0] = i
		for j := 1; j <= len(b); j++ {
			cost := 1
			if a[i-1] == b[j-1] {
				cost = 0
			}
			cur[j] = min(prev[j]+1, cur[j-1]+1, prev[j-1]+cost)
		}
		prev, cur = cur, prev
	}
	return prev[len(b)]
}
