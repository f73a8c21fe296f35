package check

import (
	"strings"
	"unicode/utf8"
)

// Suggest returns the candidate nearest to s, if it is near enough to be a
// likely typo: a different case, a missing or extra plural s, or at most
// two edits for words longer than four letters.
func Suggest(s string, candidates []string) string {
	best, bestDist := "", 1<<30
	ls := strings.ToLower(s)
	for _, c := range candidates {
		lc := strings.ToLower(c)
		if lc == ls {
			return c
		}
		d := levenshtein(ls, lc)
		if d < bestDist || d == bestDist && c < best {
			best, bestDist = c, d
		}
	}
	limit := 1
	if utf8.RuneCountInString(s) > 4 {
		limit = 2
	}
	if bestDist <= limit {
		return best
	}
	return ""
}

// levenshtein is the edit distance between a and b, in runes.
func levenshtein(a, b string) int {
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
