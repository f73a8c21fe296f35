package cli

import (
	"cmp"
	"encoding/json"
	"fmt"
	"io"
	"path/filepath"
	"slices"
	"strings"
	"time"

	"github.com/spf13/cobra"

	"github.com/dispatch-news/dispatch/internal/check"
	"github.com/dispatch-news/dispatch/internal/fspath"
	"github.com/dispatch-news/dispatch/internal/site"
)

func (a *app) newStatusCommand() (*cobra.Command, error) {
	c := &cobra.Command{
		Use:   "status [flags]",
		Short: "what waits for an editor: drafts, scheduled articles, translations missing or behind, problems",
		Long: `What an editor asks every morning, from one reading of the content (the
same as dispatch check):

  - drafts, which no build publishes;
  - scheduled articles, with the time they go out;
  - articles without a translation in one of the site's languages;
  - translations older than their original (by lastmod): the original
    changed since;
  - files with errors or warnings, and how many.

Nothing is changed. --format json gives the same for tools; --clock
answers for another moment (scheduled is relative to it).`,
		Example: `  dispatch status
  dispatch status --format json`,
		Args: noArgs,
	}
	format, h, err := a.reportFlags(c)
	if err != nil {
		return nil, err
	}
	c.RunE = func(cmd *cobra.Command, args []string) error {
		if err := checkFormat("status", *format); err != nil {
			return err
		}
		s, err := a.loadSite(h, false)
		if err != nil {
			return err
		}
		r, err := a.runChecks(s, nil)
		if err != nil {
			return err
		}
		st := newStatus(s, r)
		if *format == "json" {
			enc := json.NewEncoder(a.e.stdout)
			enc.SetIndent("", "  ")
			return enc.Encode(st)
		}
		return st.writeText(a.e.stdout, s)
	}
	return c, nil
}

// statusPage is a page in the status report.
type statusPage struct {
	Path  string `json:"path"`
	Lang  string `json:"lang"`
	Title string `json:"title,omitempty"`
	URL   string `json:"url,omitempty"`
}

type scheduledPage struct {
	statusPage
	PublishDate time.Time `json:"publishDate"`
}

type untranslatedPage struct {
	statusPage
	Missing []string `json:"missing"` // the languages it has no page in
}

type outdatedPage struct {
	statusPage
	Lastmod         time.Time `json:"lastmod"`
	Original        string    `json:"original"`
	OriginalLastmod time.Time `json:"originalLastmod"`
}

type problemFile struct {
	Path        string             `json:"path"`
	Errors      int                `json:"errors"`
	Warnings    int                `json:"warnings"`
	Diagnostics []check.Diagnostic `json:"diagnostics"`
}

// status is what waits for an editor.
type status struct {
	Drafts       []statusPage       `json:"drafts"`
	Scheduled    []scheduledPage    `json:"scheduled"`
	Untranslated []untranslatedPage `json:"untranslated"`
	Outdated     []outdatedPage     `json:"outdatedTranslations"`
	Problems     []problemFile      `json:"problems"`
}

// newStatus reads the status of s from a report of the checks: its pages,
// as Hugo reads them, and its diagnostics.
func newStatus(s *site.Site, r *check.Report) *status {
	st := &status{Drafts: []statusPage{}, Scheduled: []scheduledPage{}, Untranslated: []untranslatedPage{},
		Outdated: []outdatedPage{}, Problems: []problemFile{}}
	groups := map[string][]check.Page{}
	var keys []string
	for _, p := range r.Pages {
		if p.Unread {
			continue
		}
		sp := statusPage{Path: p.Path, Lang: p.Lang, Title: p.Title, URL: p.URL}
		switch {
		case p.Draft:
			st.Drafts = append(st.Drafts, sp)
		case p.Future:
			st.Scheduled = append(st.Scheduled, scheduledPage{sp, p.PublishDate})
		}
		if isArticle(s, p.Path) {
			if _, ok := groups[p.TranslationKey]; !ok {
				keys = append(keys, p.TranslationKey)
			}
			groups[p.TranslationKey] = append(groups[p.TranslationKey], p)
		}
	}
	slices.Sort(keys)
	for _, k := range keys {
		g := groups[k]
		// The original is the page in the default language.
		orig := slices.IndexFunc(g, func(p check.Page) bool { return p.Lang == s.DefaultLanguage })
		first := g[max(orig, 0)]
		published := slices.ContainsFunc(g, func(p check.Page) bool { return !p.Draft })
		var missing []string
		for _, l := range s.Languages {
			if !slices.ContainsFunc(g, func(p check.Page) bool { return p.Lang == l }) {
				missing = append(missing, l)
			}
		}
		if published && len(missing) > 0 {
			st.Untranslated = append(st.Untranslated, untranslatedPage{
				statusPage{Path: first.Path, Lang: first.Lang, Title: first.Title, URL: first.URL}, missing})
		}
		if orig < 0 {
			continue
		}
		o := g[orig]
		for _, t := range g {
			if t.Lang != o.Lang && !t.Lastmod.IsZero() && t.Lastmod.Before(o.Lastmod) {
				st.Outdated = append(st.Outdated, outdatedPage{statusPage{Path: t.Path, Lang: t.Lang, Title: t.Title, URL: t.URL},
					t.Lastmod, o.Path, o.Lastmod})
			}
		}
	}
	byPath := map[string]int{}
	for _, d := range r.Diagnostics {
		i, ok := byPath[d.Path]
		if !ok {
			i = len(st.Problems)
			byPath[d.Path] = i
			st.Problems = append(st.Problems, problemFile{Path: d.Path})
		}
		if d.Severity == check.Error {
			st.Problems[i].Errors++
		} else {
			st.Problems[i].Warnings++
		}
		st.Problems[i].Diagnostics = append(st.Problems[i].Diagnostics, d)
	}
	byPathOrder := func(a, b statusPage) int { return cmp.Compare(a.Path, b.Path) }
	slices.SortFunc(st.Drafts, byPathOrder)
	slices.SortFunc(st.Scheduled, func(a, b scheduledPage) int {
		return cmp.Or(a.PublishDate.Compare(b.PublishDate), byPathOrder(a.statusPage, b.statusPage))
	})
	slices.SortFunc(st.Untranslated, func(a, b untranslatedPage) int { return byPathOrder(a.statusPage, b.statusPage) })
	slices.SortFunc(st.Outdated, func(a, b outdatedPage) int { return byPathOrder(a.statusPage, b.statusPage) })
	slices.SortFunc(st.Problems, func(a, b problemFile) int { return cmp.Compare(a.Path, b.Path) })
	return st
}

// isArticle says whether the content file at path (as the checks report
// it, from the site's folder) is an article: a page, not a list, in one of
// the site's main sections.
func isArticle(s *site.Site, path string) bool {
	abs := filepath.Join(s.Dir, filepath.FromSlash(path))
	sections := s.MainSections
	if len(sections) == 0 {
		sections = check.DefaultArticleSections
	}
	for _, dir := range s.ContentDirs {
		rel, ok := fspath.Within(dir, abs)
		if !ok {
			continue
		}
		parts := strings.Split(filepath.ToSlash(rel), "/")
		return len(parts) > 1 && slices.Contains(sections, parts[0]) && !strings.HasPrefix(parts[len(parts)-1], "_index.")
	}
	return false
}

// writeText writes the status in short groups, each with its count.
func (st *status) writeText(w io.Writer, s *site.Site) error {
	ew := &errWriter{w: w}
	when := func(t time.Time, lang string) string {
		return t.In(s.Location(lang)).Format("2006-01-02 15:04 MST")
	}
	title := func(p statusPage) string {
		if p.Title == "" {
			return ""
		}
		return "  " + p.Title
	}
	group := func(name string, n int) bool {
		if n == 0 {
			ew.printf("%s: none\n", name)
			return false
		}
		ew.printf("%s (%d)\n", name, n)
		return true
	}
	if group("Drafts", len(st.Drafts)) {
		for _, p := range st.Drafts {
			ew.printf("  %s%s\n", p.Path, title(p))
		}
	}
	if group("Scheduled", len(st.Scheduled)) {
		for _, p := range st.Scheduled {
			ew.printf("  %s  %s%s\n", when(p.PublishDate, p.Lang), p.Path, title(p.statusPage))
		}
	}
	if group("Without a translation", len(st.Untranslated)) {
		for _, p := range st.Untranslated {
			ew.printf("  %s  no %s\n", p.Path, strings.Join(p.Missing, ", "))
		}
	}
	if group("Translations older than their original", len(st.Outdated)) {
		for _, p := range st.Outdated {
			ew.printf("  %s  changed %s, the original %s\n", p.Path, when(p.Lastmod, p.Lang), when(p.OriginalLastmod, p.Lang))
		}
	}
	if group("With errors or warnings", len(st.Problems)) {
		for _, p := range st.Problems {
			var n []string
			if p.Errors > 0 {
				n = append(n, plural(p.Errors, "error", "errors"))
			}
			if p.Warnings > 0 {
				n = append(n, plural(p.Warnings, "warning", "warnings"))
			}
			ew.printf("  %s  %s: %s\n", p.Path, strings.Join(n, ", "), p.Diagnostics[0].Message)
		}
		ew.printf("(dispatch check PATH lists them all, with their lines)\n")
	}
	return ew.err
}

// errWriter keeps the first error of a series of writes.
type errWriter struct {
	w   io.Writer
	err error
}

func (e *errWriter) printf(format string, args ...any) {
	if e.err == nil {
		_, e.err = fmt.Fprintf(e.w, format, args...)
	}
}
