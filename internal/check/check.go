package check

import (
	"fmt"
	"io"
	"path/filepath"
	"strings"
	"time"

	"github.com/gohugoio/hugo/common/loggers"
	"github.com/gohugoio/hugo/resources/page/pagemeta"

	"github.com/dispatch-news/dispatch/internal/par"
	"github.com/dispatch-news/dispatch/internal/site"
)

// Options says what to check.
type Options struct {
	// Site is the site as Hugo's configuration and command-line flags make
	// it: its folders, languages, clock and what a build publishes.
	Site *site.Site
	// Paths limits the report to these files or folders (absolute, or
	// relative to the site's folder); empty means all. Every content file
	// is still read, as some checks compare pages with each other.
	Paths []string
	// Cache, if set, keeps what each file was found to have from one Run
	// to the next: only the files that changed are read again.
	Cache *Cache
}

// DefaultArticleSections are the sections of the content model.
var DefaultArticleSections = []string{"news", "analysis", "features", "opinion"}

// rules is what a run knows of the site, read once.
type rules struct {
	site            *site.Site
	root            string
	contentDirs     []string
	articleSections []string
	defaultLang     string
	languages       []string
	vocab           vocabulary
	shortcodes      map[string]*shortcodeDef
	dates           pagemeta.FrontMatterHandler
	// allowed are the structural front matter keys the site allows.
	allowed map[string]bool
	// hosts are the site's own host names, whose links are checked as the
	// site's own.
	hosts []string
	now   time.Time
	cache *Cache // nil: every file is checked
}

// checker collects the diagnostics of one file.
type checker struct {
	r       *rules
	lang    string // the page's language
	diags   []Diagnostic
	readins []readinRef // links to translations, checked across pages
}

func (c *checker) add(p *page, line, col int, sev Severity, id, format string, args ...any) {
	c.diags = append(c.diags, Diagnostic{Path: p.path, Line: line, Column: col, Severity: sev,
		Message: fmt.Sprintf(format, args...), Check: id})
}

// fail adds an error that makes Hugo fail, drafts or not.
func (c *checker) fail(p *page, line, col int, id, format string, args ...any) {
	c.add(p, line, col, Error, id, format, args...)
	c.diags[len(c.diags)-1].hugo = true
}

// failRender adds an error that makes Hugo fail when it renders the page.
func (c *checker) failRender(p *page, line, col int, id, format string, args ...any) {
	c.add(p, line, col, Error, id, format, args...)
	c.diags[len(c.diags)-1].render = true
}

// result is what checking one file found.
type result struct {
	diags []Diagnostic
	info  *pageInfo // nil when the file could not be read as a page
	// url is, for a file not read as a page, where its path would publish it.
	url string
}

func newRules(s *site.Site) (*rules, error) {
	r := &rules{site: s, root: s.Dir, contentDirs: s.ContentDirs, articleSections: s.MainSections,
		defaultLang: s.DefaultLanguage, languages: s.Languages, now: s.Now}
	if len(r.articleSections) == 0 {
		r.articleSections = DefaultArticleSections
	}
	var err error
	if r.vocab, err = loadVocabulary(s.Dir); err != nil {
		return nil, err
	}
	if r.shortcodes, err = loadShortcodes(s.LayoutDirs); err != nil {
		return nil, err
	}
	if r.dates, err = pagemeta.NewFrontmatterHandler(quietLogger, s.Configs.Base.Frontmatter); err != nil {
		return nil, err
	}
	r.allowed = map[string]bool{}
	if list, ok := s.Param("dispatch", "allowFrontMatter").([]any); ok {
		for _, k := range list {
			if ks, ok := k.(string); ok {
				r.allowed[strings.ToLower(ks)] = true
			}
		}
	}
	r.hosts = siteHosts(s)
	return r, nil
}

// quietLogger takes what Hugo's date handler logs: the checks report it
// themselves, with positions.
var quietLogger = loggers.New(loggers.Options{StdOut: io.Discard, StdErr: io.Discard})

// Run checks the content that o selects.
func Run(o Options) (*Report, error) {
	if o.Site == nil {
		return nil, fmt.Errorf("check: no site")
	}
	r, err := newRules(o.Site)
	if err != nil {
		return nil, err
	}
	if o.Cache != nil {
		o.Cache.reset(r)
		r.cache = o.Cache
	}
	files, err := collect(r)
	if err != nil {
		return nil, err
	}
	results := make([]result, len(files))
	par.ForEach(len(files), func(i int) { results[i] = r.cache.checkFile(r, files[i]) })
	crossCheck(r, files, results)

	selected, err := selector(r.root, o.Paths)
	if err != nil {
		return nil, err
	}
	rep := &Report{}
	for i, res := range results {
		if !selected(files[i].abs) {
			continue
		}
		rep.Files++
		// Work in progress does not stop a build that leaves it out.
		if !o.Site.BuildDrafts && res.info != nil && res.info.draft {
			for j := range res.diags {
				if !res.diags[j].hugo {
					res.diags[j].Severity = Warning
				}
			}
		}
		rep.Diagnostics = append(rep.Diagnostics, res.diags...)
	}
	photos, err := checkPhotos(r, files, selected)
	if err != nil {
		return nil, err
	}
	rep.Files += photos.files
	rep.Diagnostics = append(rep.Diagnostics, photos.diags...)
	rep.Pages = pagesOf(files, results)
	rep.Sort()
	return rep, nil
}

func checkFile(r *rules, f source) result {
	c := &checker{r: r}
	guess, _ := pathInfo(r, f)
	if f.problem != nil {
		return result{diags: []Diagnostic{*f.problem}, url: guess.url}
	}
	p, diags := readPage(r, f)
	if p == nil {
		return result{diags: diags, url: guess.url}
	}
	if p.parseErr != nil {
		c.diags = append(c.diags, *p.parseErr)
	}
	c.checkEncoding(p)
	c.checkFrontMatter(p, isArticle(r, f.contentRel))
	info := c.newPageInfo(f, p)
	c.lang = info.lang
	info.links = c.checkBody(p)
	info.readins = c.readins
	return result{diags: c.diags, info: info}
}

// isArticle says whether a content file is an article of the content model:
// a page (not a list's _index) inside one of the article sections.
func isArticle(r *rules, contentRel string) bool {
	if strings.HasPrefix(filepath.Base(contentRel), "_index.") {
		return false
	}
	section, _, found := strings.Cut(contentRel, "/")
	if !found {
		return false
	}
	for _, s := range r.articleSections {
		if s == section {
			return true
		}
	}
	return false
}
