package difftest

import (
	"cmp"
	"fmt"
	"slices"
	"strings"
)

// Causes lists, for each kind of disagreement, the grammar's choices that
// most often lead to it: how many cases with the choice disagree that way,
// of how many cases that have it. It is a hint for people, who then find
// the cause in a minimal case.
func Causes(results []Result) string {
	all := map[string]int{}
	byKind := map[string]map[string]int{}
	for _, r := range results {
		fs := features(r.Case)
		for _, f := range fs {
			all[f]++
		}
		for _, k := range r.Kinds {
			if byKind[k] == nil {
				byKind[k] = map[string]int{}
			}
			for _, f := range fs {
				byKind[k][f]++
			}
		}
	}
	var b strings.Builder
	for _, k := range Kinds {
		m := byKind[k]
		if len(m) == 0 {
			continue
		}
		type row struct {
			f    string
			n, o int
		}
		var rows []row
		for f, n := range m {
			if n >= 2 && 2*n >= all[f] {
				rows = append(rows, row{f, n, all[f]})
			}
		}
		slices.SortFunc(rows, func(a, b row) int {
			return cmp.Or(cmp.Compare(b.n*1000/b.o, a.n*1000/a.o), cmp.Compare(b.n, a.n), cmp.Compare(a.f, b.f))
		})
		fmt.Fprintf(&b, "%s:\n", k)
		for i, r := range rows {
			if i == 15 {
				break
			}
			fmt.Fprintf(&b, "  %4d of %4d  %s\n", r.n, r.o, r.f)
		}
	}
	return b.String()
}

// features are the notes of a case without the file names, once each.
func features(c Case) []string {
	var fs []string
	for _, n := range c.Notes {
		if i := strings.Index(n, ": "); i >= 0 && !strings.HasPrefix(n, "shape") && strings.Contains(n[:i], ".") {
			n = n[i+2:]
		}
		if !slices.Contains(fs, n) {
			fs = append(fs, n)
		}
	}
	return fs
}
