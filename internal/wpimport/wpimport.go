// Package wpimport brings a WordPress site's archive into a Dispatch site:
// it reads a WordPress export (WXR, from Tools → Export) and writes one page
// bundle per post in the content model, with its Korean translation beside
// it, its photos copied from the uploads folder and scrubbed, and its old
// addresses kept as aliases.
//
// The export is read twice, as a stream: a first pass keeps a few hundred
// bytes per post (ids, slugs, dates, languages, terms), which is all that
// planning every folder and address needs; the second converts one post at
// a time. Memory does not grow with the size of the bodies or the photos.
//
// A rerun of the same export writes nothing ("0 new, N unchanged"): the
// import records what it wrote, with hashes, in .dispatch-import.json at the
// site root, and never overwrites a bundle an editor has changed since.
//
// Files at the site root (keep the first three in the repository):
//
//	import-map.yaml       categories and tags → sections, tags, regions; the editors' to edit
//	import-report.txt     missing media, what scrubbing removed, drafts, placeholders to fix
//	.dispatch-import.json what the import wrote, with hashes, for reruns
//	.dispatch-import.tmp/ bundles being written; removed at the end of a run
//
// Each post keeps its WordPress GUID as guid (and its id as
// wordpressID), for feeds that must not show the archive as new and
// for redirects of ?p=ID addresses, which no alias can express.
package wpimport

import (
	"context"
	"errors"
	"fmt"
	"io"
	"net/url"
	"os"
	"path/filepath"
	"sort"
	"strings"
	"sync"
	"sync/atomic"
	"time"
	_ "time/tzdata" // the site's time zone, also where the system has no zoneinfo

	"github.com/JohannesKaufmann/html-to-markdown/v2/converter"

	"github.com/dispatch-news/dispatch/internal/check"
)

// Options says what to import where.
type Options struct {
	// Export is the WXR file.
	Export string
	// Uploads is a copy of the site's wp-content/uploads folder; without it
	// every photo is reported missing.
	Uploads string
	// MapFile is the editors' import map to apply; empty: the import
	// suggests one and writes it to import-map.yaml at the site root.
	MapFile string
	// DryRun reads everything and reports what would be written, and
	// writes nothing.
	DryRun bool
	// Since limits the import to posts published or modified at or after
	// it; zero imports all.
	Since time.Time
	// SiteRoot is the site's folder; ContentDir its content folder
	// (default SiteRoot/content).
	SiteRoot   string
	ContentDir string
	// Languages are the site's language codes, DefaultLanguage first or
	// named; DefaultLanguage's files have no language suffix.
	Languages       []string
	DefaultLanguage string
	// TimeZone is the site's zone (config.toml timeZone): dates are
	// written with its offset. Default UTC.
	TimeZone *time.Location
	// ArticleSections are the sections an article may go to (default the
	// content model's: news, analysis, features, opinion).
	ArticleSections []string
	// Progress receives the progress bar (IsTerminal) or a line per
	// thousand posts; nil for silence.
	Progress   io.Writer
	IsTerminal bool
}

// Summary is what an import did.
type Summary struct {
	DryRun       bool
	Posts, Pages int
	Drafts       int
	Translations int // files in a language other than the default
	Photos       int // photos copied into bundles
	Scrubbed     int // photos that had identifying metadata removed
	Removed      map[string]int
	Documents    int // other files copied (not scrubbed)
	Missing      int // media that could not be copied
	Aliases      int

	// Bundles, by what happened to them.
	New, Updated, Unchanged, Kept, Moved int
	Authors                              int // author pages written
	VocabularyAdded                      []string
	Skipped                              map[string]int // items not imported, by reason
	ReportFile                           string         // "" in a dry run
	MapFile                              string         // the map written, or ""
	Report                               []ReportEntry
}

// String is the summary's one paragraph.
func (s *Summary) String() string {
	var b strings.Builder
	verb := ""
	if s.DryRun {
		verb = "(dry run: nothing written) "
	}
	fmt.Fprintf(&b, "%s%d posts, %d pages, %d drafts, %d translations; %d photos, %d scrubbed",
		verb, s.Posts, s.Pages, s.Drafts, s.Translations, s.Photos, s.Scrubbed)
	if len(s.Removed) > 0 {
		var kinds []string
		for k, n := range s.Removed {
			kinds = append(kinds, fmt.Sprintf("%d× %s", n, k))
		}
		sort.Strings(kinds)
		fmt.Fprintf(&b, " (removed %s)", strings.Join(kinds, ", "))
	}
	fmt.Fprintf(&b, ", %d missing", s.Missing)
	if s.Documents > 0 {
		fmt.Fprintf(&b, ", %d other files", s.Documents)
	}
	fmt.Fprintf(&b, "; %d aliases.\nBundles: %d new, %d updated, %d unchanged, %d not overwritten",
		s.Aliases, s.New, s.Updated, s.Unchanged, s.Kept)
	if s.Moved > 0 {
		fmt.Fprintf(&b, ", %d moved", s.Moved)
	}
	fmt.Fprintf(&b, "; %d author pages; %d terms added to the vocabulary.", s.Authors, len(s.VocabularyAdded))
	if n := s.skippedTotal(); n > 0 {
		var why []string
		for k, v := range s.Skipped {
			why = append(why, fmt.Sprintf("%d %s", v, k))
		}
		sort.Strings(why)
		fmt.Fprintf(&b, "\nNot imported: %s.", strings.Join(why, ", "))
	}
	return b.String()
}

func (s *Summary) skippedTotal() int {
	n := 0
	for _, v := range s.Skipped {
		n += v
	}
	return n
}

// importer is one run.
type importer struct {
	o           Options
	x           *index
	tm          *termMap
	vocab       *vocabulary
	man         *manifest
	conv        *converter.Converter
	report      *report
	summary     *Summary
	uploadCache map[string]string
	used        map[string]map[string]bool // taxonomy -> terms written
	authors     map[string]bool
	stageN      atomic.Int64
	// mu guards what the workers of the second pass share: the summary,
	// the manifest, the sets above, the uploads cache and err.
	mu  sync.Mutex
	err error
}

func (imp *importer) fail(err error) {
	imp.mu.Lock()
	if imp.err == nil {
		imp.err = err
	}
	imp.mu.Unlock()
}

// Run imports o.Export into the site. Errors in the export come back as
// *InputError (with errors.Is for ErrNotWXR, ErrWXRVersion, ErrTruncated,
// ErrEncoding, ErrMalformed), before anything is written; mistakes in the
// map file as *MapError.
func Run(ctx context.Context, o Options) (*Summary, error) {
	if err := o.defaults(); err != nil {
		return nil, err
	}
	imp := &importer{o: o, conv: newMarkdownConverter(), uploadCache: map[string]string{},
		used:    map[string]map[string]bool{"tags": {}, "regions": {}},
		authors: map[string]bool{},
		summary: &Summary{DryRun: o.DryRun, Removed: map[string]int{}, Skipped: map[string]int{}}}
	imp.report = &report{imp: imp}
	staging := filepath.Join(o.SiteRoot, stagingDir)
	if !o.DryRun {
		// What an interrupted run left half-staged.
		if err := os.RemoveAll(staging); err != nil {
			return nil, err
		}
		defer os.RemoveAll(staging)
	}

	// Pass 1: every post's place, before anything is written.
	x, err := readIndex(o.Export, &o)
	if err != nil {
		return nil, err
	}
	imp.x = x
	if imp.vocab, err = loadVocabulary(o.SiteRoot); err != nil {
		return nil, err
	}
	if imp.man, err = loadManifest(filepath.Join(o.SiteRoot, ManifestFile)); err != nil {
		return nil, err
	}
	imp.tm = suggest(x, imp.vocab.without(imp.man.Vocabulary), o.ArticleSections)
	if o.MapFile != "" {
		unlisted, err := imp.tm.applyMapFile(o.MapFile, o.ArticleSections)
		if err != nil {
			return nil, err
		}
		if unlisted > 0 {
			imp.report.add(nil, "map", fmt.Sprintf("%d categories and tags of the export are not in %s: they got the suggestion", unlisted, o.MapFile))
		}
	}
	imp.plan()

	// Pass 2: convert and write, a bundle as soon as all its posts are in.
	total := 0
	for _, p := range x.posts {
		if p.selected {
			total++
		}
	}
	prog := newProgress(o.Progress, o.IsTerminal, total)
	written := map[int64]string{}
	if err := imp.convertAll(ctx, prog, written); err != nil {
		imp.saveManifest()
		return nil, err
	}
	prog.finish()
	if err := imp.removeMoved(written); err != nil {
		return nil, err
	}
	if err := imp.writeAuthors(); err != nil {
		return nil, err
	}
	if err := imp.updateVocabulary(); err != nil {
		return nil, err
	}
	if err := imp.writeMap(); err != nil {
		return nil, err
	}
	for reason, n := range x.skipped {
		imp.summary.Skipped[reason] += n
	}
	if err := imp.saveManifest(); err != nil {
		return nil, err
	}
	imp.report.sort()
	imp.summary.Report = imp.report.entries
	if !o.DryRun {
		f, err := os.Create(filepath.Join(o.SiteRoot, ReportFile))
		if err != nil {
			return nil, err
		}
		err = imp.report.write(f, imp.summary, filepath.Base(o.Export))
		if cerr := f.Close(); err == nil {
			err = cerr
		}
		if err != nil {
			return nil, err
		}
		imp.summary.ReportFile = filepath.Join(o.SiteRoot, ReportFile)
	}
	return imp.summary, nil
}

// WriteReport prints the full report of an import (what import-report.txt
// holds), for a dry run.
func (s *Summary) WriteReport(w io.Writer, export string) error {
	r := &report{entries: s.Report}
	return r.write(w, s, filepath.Base(export))
}

func (o *Options) defaults() error {
	if o.Export == "" {
		return errors.New("wpimport: no export file")
	}
	if o.SiteRoot == "" {
		return errors.New("wpimport: no site folder")
	}
	if o.ContentDir == "" {
		o.ContentDir = filepath.Join(o.SiteRoot, "content")
	}
	if len(o.Languages) == 0 {
		o.Languages = []string{"en"}
	}
	if o.DefaultLanguage == "" {
		o.DefaultLanguage = o.Languages[0]
	}
	if o.TimeZone == nil {
		o.TimeZone = time.UTC
	}
	if len(o.ArticleSections) == 0 {
		o.ArticleSections = check.DefaultArticleSections
	}
	if fi, err := os.Stat(o.Export); err != nil {
		return err
	} else if fi.IsDir() {
		return fmt.Errorf("%s is a folder, not a WordPress export", o.Export)
	}
	if o.Uploads != "" {
		if fi, err := os.Stat(o.Uploads); err != nil {
			return fmt.Errorf("--uploads: %w", err)
		} else if !fi.IsDir() {
			return fmt.Errorf("--uploads: %s is not a folder (give a copy of wp-content/uploads)", o.Uploads)
		}
	}
	return nil
}

// ParseSince reads --since: a date (2024-01-31, midnight in loc) or a date
// and time with an offset (RFC 3339).
func ParseSince(s string, loc *time.Location) (time.Time, error) {
	if t, err := time.ParseInLocation("2006-01-02", s, loc); err == nil {
		return t, nil
	}
	if t, err := time.Parse(time.RFC3339, s); err == nil {
		return t, nil
	}
	return time.Time{}, fmt.Errorf("%q is not a date such as 2024-01-31 or 2024-01-31T09:00:00+09:00", s)
}

// newURL returns the new address of a link of from to an imported post or
// page of the old site, or false. A post the import makes a draft, or that
// WordPress had scheduled, has no page a reader can open: its address is ""
// (the caller keeps the link's text alone), and the report says so.
func (imp *importer) newURL(from *post, href string) (string, bool) {
	href = strings.TrimSpace(href)
	if href == "" || strings.HasPrefix(href, "#") {
		return "", false
	}
	u, err := url.Parse(href)
	if err != nil {
		return "", false
	}
	if u.Host == "" && !strings.HasPrefix(u.Path, "/") && u.RawQuery == "" {
		return "", false // relative to the old page: nothing to map
	}
	if u.Host != "" && !imp.x.hosts[strings.ToLower(u.Hostname())] {
		return "", false
	}
	var p *post
	if id, ok := queryID(href, imp.x.hosts); ok {
		p = imp.x.byID[id]
	} else if op, ok := oldPath(href, imp.x.hosts); ok {
		p = imp.x.byPath[op]
	}
	if p == nil || p.b == nil {
		return "", false
	}
	why := draftReason(p)
	if why == "" && p.status == "future" {
		why = "scheduled in WordPress"
	}
	if why != "" {
		imp.report.note(from, "link", fmt.Sprintf("the link to %s was removed and its text kept: that post is not published (%s); link to it again once it is", p.url, why))
		return "", true
	}
	out := escapePath(p.url)
	if u.Fragment != "" {
		out += "#" + url.PathEscape(u.Fragment)
	}
	return out, true
}
