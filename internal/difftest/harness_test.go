package difftest

import (
	"fmt"
	"slices"
	"testing"
)

// TestClassify: the table of the issue, page by page.
func TestClassify(t *testing.T) {
	const a, b = "a.md", "b.md"
	tests := []struct {
		verdicts map[string]Verdict
		outcomes map[string][]Outcome
		kinds    []string
		stricter bool
	}{
		{map[string]Verdict{a: Publishable}, map[string][]Outcome{a: {Published}}, nil, false},
		{map[string]Verdict{a: Draft}, map[string][]Outcome{a: {NotPublished}}, nil, false},
		{map[string]Verdict{a: Error}, map[string][]Outcome{a: {Fails}}, nil, false},
		{map[string]Verdict{a: Error}, map[string][]Outcome{a: {Published}}, nil, true},
		{map[string]Verdict{a: Error}, map[string][]Outcome{a: {NotPublished}}, nil, true},
		{map[string]Verdict{a: Unread}, map[string][]Outcome{a: {NotPublished}}, nil, false},
		// The gate stops the build on an error in any file.
		{map[string]Verdict{a: Error, b: Publishable}, map[string][]Outcome{a: {Fails}, b: {Fails}}, nil, false},
		{map[string]Verdict{a: Publishable}, map[string][]Outcome{a: {Fails}}, []string{KindFailsPublishable}, false},
		{map[string]Verdict{a: Draft, b: Publishable}, map[string][]Outcome{a: {Fails}, b: {Fails}}, []string{KindFailsDraft}, false},
		{map[string]Verdict{a: Unread}, map[string][]Outcome{a: {Fails}}, []string{KindFailsUnread}, false},
		{map[string]Verdict{a: Draft}, map[string][]Outcome{a: {Published}}, []string{KindPublishedDraft}, false},
		{map[string]Verdict{a: Unread}, map[string][]Outcome{a: {Published}}, []string{KindPublishedUnread}, false},
		{map[string]Verdict{a: Publishable}, map[string][]Outcome{a: {NotPublished}}, []string{KindNotPublished}, false},
		// Keys that differ only in case: every outcome Hugo may have counts.
		{map[string]Verdict{a: Draft}, map[string][]Outcome{a: {NotPublished, Published}}, []string{KindPublishedDraft}, false},
		{map[string]Verdict{a: Publishable, b: Draft}, map[string][]Outcome{a: {NotPublished}, b: {Published}},
			[]string{KindNotPublished, KindPublishedDraft}, false},
	}
	for i, tt := range tests {
		r := Result{Case: Case{Pages: []string{a, b}}, Verdicts: tt.verdicts, Outcomes: tt.outcomes}
		for _, os := range tt.outcomes {
			if slices.Contains(os, Fails) {
				r.Hugo = []hugoResult{{err: fmt.Errorf("failed")}}
			}
		}
		r.classify()
		want := slices.Sorted(slices.Values(tt.kinds))
		if !slices.Equal(r.Kinds, want) || r.Stricter != tt.stricter {
			t.Errorf("%d: %v and %v: kinds %q stricter %v, want %q %v", i, tt.verdicts, tt.outcomes, r.Kinds, r.Stricter, want, tt.stricter)
		}
	}
}

// TestPublishedAtHostilePaths: a page with a url or slug that Hugo writes
// to an odd place is found there, so it counts as published.
func TestPublishedAtHostilePaths(t *testing.T) {
	const page = "news/2019/x/index.md"
	var cases []Case
	for _, fm := range []string{
		`url: "/x; } location / { return 301 https://evil.example/; } #"`, `url: "/a b/"`, `url: "/x%0a/"`,
		`url: "/ümlaut/"`, `url: "/x\"y/"`, `url: "//evil.example/x/"`, `url: "/news/../../../x/"`,
		`slug: "a b"`, `slug: "x\ny"`, `slug: "한글-제목"`, `slug: "x#y"`, `slug: "x?y"`, `slug: "x%20y"`,
	} {
		src := "---\ntitle: T\ndate: 2019-01-01T00:00:00Z\n" + fm + "\n---\n\nBody.\n"
		cases = append(cases, Case{Name: fm, Files: []File{{Name: page, Data: []byte(src)}}, Pages: []string{page}})
	}
	results, err := Run(options(t), cases)
	if err != nil {
		t.Fatal(err)
	}
	for _, r := range results {
		if got := r.Outcomes[page]; !slices.Equal(got, []Outcome{Published}) {
			t.Errorf("%s: Hugo's outcome is %v, want published\n%s", r.Case.Name, got, r.Report())
		}
	}
}
