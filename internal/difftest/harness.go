// Package difftest is the differential test of the content checks against
// the Hugo they guard: it generates sites from a grammar of realistic and
// hostile content, checks each with internal/check and builds it with the
// embedded Hugo, and reports every page that the check and Hugo read
// differently. What the check passes must be what Hugo publishes, and what
// the check treats as a draft must be a draft for Hugo.
package difftest

import (
	"fmt"
	"os"
	"path/filepath"
	"runtime"
	"slices"
	"strings"
	"sync"
	"time"

	"github.com/dispatch-news/dispatch/internal/check"
)

// Verdict is what the check says of a page.
type Verdict int

const (
	Error       Verdict = iota + 1 // an Error diagnostic on the page
	Draft                          // the check treats the page as not published: its errors are only warnings
	Publishable                    // no error, and not a draft
	Unread                         // the check did not read the file: not one diagnostic, even with the probe
)

func (v Verdict) String() string {
	switch v {
	case Error:
		return "error"
	case Draft:
		return "draft"
	case Publishable:
		return "publishable"
	case Unread:
		return "unread"
	}
	return "?"
}

// The kinds of disagreement, named "Hugo's outcome/the check's verdict".
const (
	KindFailsDraft       = "fails/draft"               // Hugo fails; the check found no error, and read a page as a draft
	KindFailsPublishable = "fails/publishable"         // Hugo fails; the check found no error
	KindFailsUnread      = "fails/unread"              // Hugo fails; the check found no error, and did not read a file
	KindPublishedDraft   = "published/draft"           // the check read a draft; Hugo published it
	KindPublishedUnread  = "published/unread"          // Hugo published a file the check did not read
	KindNotPublished     = "not published/publishable" // the check passed a page Hugo did not publish
	KindCheckFailed      = "check failed"              // the check returned an error, panicked or hung
	KindTimeout          = "hugo hung"                 // Hugo did not finish in time
)

// Kinds lists the kinds of disagreement in the order of the summary.
var Kinds = []string{KindFailsDraft, KindFailsUnread, KindFailsPublishable, KindPublishedDraft, KindPublishedUnread,
	KindNotPublished, KindCheckFailed, KindTimeout}

// Result is what happened to one case.
type Result struct {
	Case  Case
	Hugo  []hugoResult // Files first, then each of Variants
	Diags []check.Diagnostic
	// CheckErr is set when the check returned an error, panicked or hung.
	CheckErr error
	Verdicts map[string]Verdict   // by page
	Outcomes map[string][]Outcome // by page: every outcome Hugo may have
	Kinds    []string             // the disagreements; none when the two agree
	Stricter bool                 // the check said error where Hugo did not fail
	// Took is the whole case; HugoTook and CheckTook the two sides.
	Took, HugoTook, CheckTook time.Duration
}

// Agrees says whether the check and Hugo agree on every page.
func (r *Result) Agrees() bool { return len(r.Kinds) == 0 }

// Options says what to run.
type Options struct {
	Repo     string    // the repository, whose theme every case gets
	WorkDir  string    // where the workers' sites go
	Now      time.Time // "now" for Hugo and the check
	Parallel int       // workers; default GOMAXPROCS
	Timeout  time.Duration
	// Progress, if set, is called after each case.
	Progress func(done, total int)
}

// Run runs the cases and returns their results in order.
func Run(o Options, cases []Case) ([]Result, error) {
	if o.Parallel <= 0 {
		o.Parallel = runtime.GOMAXPROCS(0)
	}
	if o.Timeout <= 0 {
		o.Timeout = 60 * time.Second
	}
	SetClock(o.Now)
	results := make([]Result, len(cases))
	next := make(chan int)
	var (
		wg      sync.WaitGroup
		mu      sync.Mutex
		done    int
		firstEr error
	)
	for range min(o.Parallel, max(len(cases), 1)) {
		dir, err := newSiteDir(o.Repo, o.WorkDir)
		if err != nil {
			return nil, err
		}
		w := &worker{dir: dir, o: o}
		wg.Go(func() {
			for i := range next {
				r, err := w.run(cases[i])
				mu.Lock()
				if err != nil && firstEr == nil {
					firstEr = fmt.Errorf("case %s: %w", cases[i].Name, err)
				}
				results[i] = r
				done++
				if o.Progress != nil {
					o.Progress(done, len(cases))
				}
				mu.Unlock()
			}
		})
	}
	for i := range cases {
		next <- i
	}
	close(next)
	wg.Wait()
	return results, firstEr
}

// worker runs cases one after the other in its own copy of the site.
type worker struct {
	dir string
	o   Options
}

func (w *worker) run(c Case) (Result, error) {
	start := time.Now()
	r := Result{Case: c, Verdicts: map[string]Verdict{}, Outcomes: map[string][]Outcome{}}
	var err error
	for _, files := range append(slices.Clip(c.Variants), c.Files) {
		if err = writeContent(w.dir, files); err != nil {
			return r, err
		}
		dir := w.dir
		h, ok := within(w.o.Timeout, func() hugoResult { return buildHugo(dir) })
		r.HugoTook += h.took
		if !ok {
			// The build goes on in the background: leave it the folder.
			r.Kinds = []string{KindTimeout}
			r.Took = time.Since(start)
			w.dir, err = newSiteDir(w.o.Repo, w.o.WorkDir)
			return r, err
		}
		r.Hugo = append(r.Hugo, h)
	}
	// The case itself first in the report.
	slices.Reverse(r.Hugo)
	for _, p := range c.Pages {
		for _, h := range r.Hugo {
			o := Fails
			if h.err == nil {
				o = NotPublished
				if h.pages[p] {
					o = Published
				}
			}
			if !slices.Contains(r.Outcomes[p], o) {
				r.Outcomes[p] = append(r.Outcomes[p], o)
			}
		}
		slices.Sort(r.Outcomes[p])
	}

	// The check, on the files as they are (they are on disk now).
	diags, pages, err := w.check(&r)
	r.Diags = diags
	if err != nil {
		r.CheckErr = err
		r.Kinds = []string{KindCheckFailed}
		r.Took = time.Since(start)
		return r, nil
	}
	for _, p := range c.Pages {
		i := slices.IndexFunc(pages, func(cp check.Page) bool { return filepath.ToSlash(cp.Path) == "content/"+p })
		switch {
		case errorsOn(diags, p) > 0:
			r.Verdicts[p] = Error
		case i < 0 || pages[i].Unread:
			r.Verdicts[p] = Unread
		case !pages[i].Rendered || pages[i].Draft || pages[i].Future || pages[i].Expired:
			r.Verdicts[p] = Draft
		default:
			r.Verdicts[p] = Publishable
		}
	}
	r.classify()
	r.Took = time.Since(start)
	return r, nil
}

// check runs the check on the worker's site, turning a panic or a hang
// into an error.
func (w *worker) check(r *Result) ([]check.Diagnostic, []check.Page, error) {
	defer func(t0 time.Time) { r.CheckTook += time.Since(t0) }(time.Now())
	type out struct {
		d     []check.Diagnostic
		pages []check.Page
		err   error
	}
	res, ok := within(w.o.Timeout, func() (o out) {
		defer func() {
			if p := recover(); p != nil {
				o = out{err: fmt.Errorf("panic: %v", p)}
			}
		}()
		d, pages, err := checkSite(w.dir, w.o.Now)
		return out{d, pages, err}
	})
	if !ok {
		// The check goes on in the background: leave it the folder.
		if dir, err := newSiteDir(w.o.Repo, w.o.WorkDir); err == nil {
			w.dir = dir
		}
		return nil, nil, fmt.Errorf("the check did not finish in %v", w.o.Timeout)
	}
	return res.d, res.pages, res.err
}

// within runs f and waits for it at most d. A late f is left running.
func within[T any](d time.Duration, f func() T) (T, bool) {
	ch := make(chan T, 1)
	go func() { ch <- f() }()
	select {
	case v := <-ch:
		return v, true
	case <-time.After(d):
		var zero T
		return zero, false
	}
}

// errorsOn counts the Error diagnostics of a content file.
func errorsOn(diags []check.Diagnostic, page string) int {
	n := 0
	for _, d := range diags {
		if d.Severity == check.Error && filepath.ToSlash(d.Path) == "content/"+page {
			n++
		}
	}
	return n
}

// diagsOn counts the diagnostics of a content file.
func diagsOn(diags []check.Diagnostic, page string) int {
	n := 0
	for _, d := range diags {
		if filepath.ToSlash(d.Path) == "content/"+page {
			n++
		}
	}
	return n
}

// classify compares the verdicts with Hugo's outcomes.
func (r *Result) classify() {
	anyError, anyDraft, anyUnread := false, false, false
	for _, v := range r.Verdicts {
		anyError = anyError || v == Error
		anyDraft = anyDraft || v == Draft
		anyUnread = anyUnread || v == Unread
	}
	add := func(k string) {
		if !slices.Contains(r.Kinds, k) {
			r.Kinds = append(r.Kinds, k)
		}
	}
	for _, p := range r.Case.Pages {
		v := r.Verdicts[p]
		for _, o := range r.Outcomes[p] {
			switch {
			case o == Fails && anyError:
			case o == Fails && anyDraft:
				add(KindFailsDraft)
			case o == Fails && anyUnread:
				add(KindFailsUnread)
			case o == Fails:
				add(KindFailsPublishable)
			case v == Error:
				r.Stricter = true
			case o == Published && v == Draft:
				add(KindPublishedDraft)
			case o == Published && v == Unread:
				add(KindPublishedUnread)
			case o == NotPublished && v == Publishable:
				add(KindNotPublished)
			}
		}
	}
	if anyError && !slices.ContainsFunc(r.Hugo, func(h hugoResult) bool { return h.err != nil }) {
		r.Stricter = true
	}
	slices.Sort(r.Kinds)
}

// Summary counts results.
type Summary struct {
	Cases, Agree, Stricter int
	ByKind                 map[string]int
	// Took is the work of all cases, HugoTook and CheckTook its two sides.
	Took, HugoTook, CheckTook time.Duration
}

// Summarize counts the results.
func Summarize(results []Result) Summary {
	s := Summary{Cases: len(results), ByKind: map[string]int{}}
	for _, r := range results {
		s.Took += r.Took
		s.HugoTook += r.HugoTook
		s.CheckTook += r.CheckTook
		if r.Agrees() {
			s.Agree++
			if r.Stricter {
				s.Stricter++
			}
		}
		for _, k := range r.Kinds {
			s.ByKind[k]++
		}
	}
	return s
}

// Disagreements counts the cases that disagree.
func (s Summary) Disagreements() int { return s.Cases - s.Agree }

func (s Summary) String() string {
	var b strings.Builder
	fmt.Fprintf(&b, "%-34s %6d\n", "cases", s.Cases)
	fmt.Fprintf(&b, "%-34s %6d\n", "agree", s.Agree)
	fmt.Fprintf(&b, "%-34s %6d\n", "  of which the check is stricter", s.Stricter)
	fmt.Fprintf(&b, "%-34s %6d\n", "disagree", s.Disagreements())
	for _, k := range Kinds {
		fmt.Fprintf(&b, "  %-32s %6d\n", k, s.ByKind[k])
	}
	fmt.Fprintf(&b, "work: %v, of which Hugo %v and the check %v\n", s.Took.Round(time.Millisecond),
		s.HugoTook.Round(time.Millisecond), s.CheckTook.Round(time.Millisecond))
	return b.String()
}

// Report writes one result in full: the case's files, the check's
// diagnostics and Hugo's outcome.
func (r *Result) Report() string {
	var b strings.Builder
	fmt.Fprintf(&b, "case %s: %s\n", r.Case.Name, strings.Join(r.Kinds, ", "))
	for _, n := range r.Case.Notes {
		fmt.Fprintf(&b, "  grammar: %s\n", n)
	}
	for _, p := range r.Case.Pages {
		var os []string
		for _, o := range r.Outcomes[p] {
			os = append(os, o.String())
		}
		fmt.Fprintf(&b, "  %s: check %s, Hugo %s\n", p, r.Verdicts[p], strings.Join(os, " or "))
	}
	if r.CheckErr != nil {
		fmt.Fprintf(&b, "  the check failed: %v\n", r.CheckErr)
	}
	b.WriteString("check diagnostics:\n")
	if len(r.Diags) == 0 {
		b.WriteString("  (none)\n")
	}
	for _, d := range r.Diags {
		fmt.Fprintf(&b, "  %s\n", d)
	}
	for i, h := range r.Hugo {
		what := "Hugo"
		if i > 0 {
			what = fmt.Sprintf("Hugo, variant %d", i)
		}
		if h.err != nil {
			fmt.Fprintf(&b, "%s: build failed:\n%s\n", what, indent(h.err.Error()))
		} else {
			fmt.Fprintf(&b, "%s: built; pages: %v\n", what, h.pages)
		}
	}
	for _, f := range r.Case.Files {
		if f.Recipe != "" {
			fmt.Fprintf(&b, "-- content/%s --\n%s\n", f.Name, f.Recipe)
			continue
		}
		fmt.Fprintf(&b, "-- content/%s --\n%s", f.Name, f.Data)
	}
	return b.String()
}

func indent(s string) string {
	return "  " + strings.ReplaceAll(strings.TrimRight(s, "\n"), "\n", "\n  ")
}

// save writes the disagreeing results as txtar files in dir, and returns
// how many.
func save(dir string, results []Result) (int, error) {
	if err := os.MkdirAll(dir, 0o755); err != nil {
		return 0, err
	}
	n := 0
	for i := range results {
		r := &results[i]
		if r.Agrees() {
			continue
		}
		name := strings.ReplaceAll(r.Case.Name, "/", "-") + ".txtar"
		if err := os.WriteFile(filepath.Join(dir, name), r.Txtar(), 0o644); err != nil {
			return n, err
		}
		n++
	}
	return n, nil
}
