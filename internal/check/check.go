package check

import (
	"errors"
	"fmt"
	"io/fs"
	"os"
	"path"
	"path/filepath"
	"runtime"
	"runtime/debug"
	"strings"
	"sync"
)

// Options says what to check.
type Options struct {
	// Root is the site's folder; paths in diagnostics are relative to it.
	Root string
	// ContentDirs are the content folders (absolute, or relative to Root).
	ContentDirs []string
	// Paths limits the report to these files or folders; empty means all
	// content. Every content file is still read, as some checks compare
	// pages with each other.
	Paths []string
	// ArticleSections are the sections whose pages are articles, to which the
	// content model's required fields apply. Default: news, analysis,
	// features, opinion.
	ArticleSections []string
	// Drafts makes errors in drafts count. Otherwise they are reported as
	// warnings, so that work in progress does not stop a build.
	Drafts bool
	// LayoutDirs are the layouts folders whose shortcodes the content may
	// use, the project's first. Default: Root/layouts and every
	// Root/themes/*/layouts.
	LayoutDirs []string
	// ImageDirs are the folders whose photos are checked for identifying
	// metadata. Default: the content folders, Root/assets and Root/static.
	ImageDirs []string
	// Languages are the site's language codes and DefaultLanguage the one
	// whose pages have no prefix in their URL. Default: "en" only.
	Languages       []string
	DefaultLanguage string

	vocab      vocabulary
	shortcodes map[string]*shortcodeDef
}

// DefaultArticleSections are the sections of the content model.
var DefaultArticleSections = []string{"news", "analysis", "features", "opinion"}

// checker collects the diagnostics of one file.
type checker struct {
	o     *Options
	diags []Diagnostic
}

func (c *checker) add(p *page, line, col int, sev Severity, id, format string, args ...any) {
	c.diags = append(c.diags, Diagnostic{Path: p.path, Line: line, Column: col, Severity: sev,
		Message: fmt.Sprintf(format, args...), Check: id})
}

// abs makes a reported path absolute again.
func (c *checker) abs(path string) string {
	if filepath.IsAbs(path) {
		return path
	}
	return filepath.Join(c.o.Root, path)
}

// source is a content file to check.
type source struct {
	abs, rel   string // rel is the path as reported
	contentDir string // the content folder it is in, absolute; "" if none
	contentRel string // the path inside its content folder, slash-separated
}

// result is what checking one file found.
type result struct {
	diags []Diagnostic
	info  *pageInfo // nil when the file could not be read
}

// Run checks the content that o selects.
func Run(o Options) (*Report, error) {
	if o.Root == "" {
		return nil, fmt.Errorf("check: no root folder")
	}
	if len(o.ArticleSections) == 0 {
		o.ArticleSections = DefaultArticleSections
	}
	if o.DefaultLanguage == "" {
		o.DefaultLanguage = "en"
	}
	if len(o.LayoutDirs) == 0 {
		o.LayoutDirs = []string{filepath.Join(o.Root, "layouts")}
		themes, _ := filepath.Glob(filepath.Join(o.Root, "themes", "*", "layouts"))
		o.LayoutDirs = append(o.LayoutDirs, themes...)
	}
	var err error
	if o.vocab, err = loadVocabulary(o.Root); err != nil {
		return nil, err
	}
	o.shortcodes = loadShortcodes(o.LayoutDirs)
	// Collecting is much less work than a GC cycle per few files: let the
	// heap grow during a run.
	defer debug.SetGCPercent(debug.SetGCPercent(400))

	// Files are checked while the folders are still being walked.
	type job struct {
		i int
		f source
	}
	type done struct {
		i int
		r result
	}
	jobs := make(chan job, 256)
	dones := make(chan done, 256)
	var wg sync.WaitGroup
	for range runtime.GOMAXPROCS(0) {
		wg.Go(func() {
			for j := range jobs {
				dones <- done{j.i, checkFile(&o, j.f)}
			}
		})
	}
	var (
		files    []source
		selected func(string) bool
		err2     error
	)
	go func() {
		files, selected, err2 = collect(&o, func(i int, f source) { jobs <- job{i, f} })
		close(jobs)
		wg.Wait()
		close(dones)
	}()
	var results []result
	for d := range dones {
		for len(results) <= d.i {
			results = append(results, result{})
		}
		results[d.i] = d.r
	}
	if err2 != nil {
		return nil, err2
	}
	for len(results) < len(files) {
		results = append(results, result{})
	}
	crossCheck(&o, files, results)

	r := &Report{}
	for i, res := range results {
		if !selected(files[i].abs) {
			continue
		}
		r.Files++
		if !o.Drafts && res.info != nil && res.info.draft {
			for j := range res.diags {
				res.diags[j].Severity = Warning
			}
		}
		r.Diagnostics = append(r.Diagnostics, res.diags...)
	}
	photos, err := checkPhotos(&o, files, selected)
	if err != nil {
		return nil, err
	}
	r.Files += photos.files
	r.Diagnostics = append(r.Diagnostics, photos.diags...)
	r.Sort()
	return r, nil
}

// forEach calls f(0) … f(n-1) on as many goroutines as there are cores.
func forEach(n int, f func(i int)) {
	var wg sync.WaitGroup
	next := make(chan int, 64)
	for range runtime.GOMAXPROCS(0) {
		wg.Go(func() {
			for i := range next {
				f(i)
			}
		})
	}
	for i := range n {
		next <- i
	}
	close(next)
	wg.Wait()
}

func checkFile(o *Options, f source) result {
	c := &checker{o: o}
	src, err := os.ReadFile(f.abs)
	if err != nil {
		return result{diags: []Diagnostic{{Path: f.rel, Line: 1, Column: 1, Severity: Error,
			Message: fmt.Sprintf("cannot read the file: %v", unwrapPath(err)), Check: "file.read"}}}
	}
	p, diags := parsePage(f.rel, src)
	if p == nil {
		return result{diags: diags}
	}
	c.checkEncoding(p)
	article := isArticle(o, f.contentRel)
	if !c.clean(p, article) {
		if diags := p.parseYAML(); diags != nil {
			return result{diags: diags}
		}
		c.checkFrontMatter(p, article)
	}
	info := newPageInfo(o, f, p)
	info.links = c.checkBody(p)
	return result{diags: c.diags, info: info}
}

// isArticle says whether a content file is an article of the content model:
// a page (not a list's _index) inside one of the article sections.
func isArticle(o *Options, contentRel string) bool {
	base := path.Base(contentRel)
	if strings.HasPrefix(base, "_index.") {
		return false
	}
	section, _, found := strings.Cut(contentRel, "/")
	if !found {
		return false
	}
	for _, s := range o.ArticleSections {
		if s == section {
			return true
		}
	}
	return false
}

// IsMarkdown says whether a file name is one of a Markdown content file.
func IsMarkdown(name string) bool {
	ext := filepath.Ext(name)
	return ext == ".md" || ext == ".markdown"
}

// collect lists the content files, in a stable order, and returns a
// function that says whether a file was selected by o.Paths.
func collect(o *Options, emit func(i int, f source)) ([]source, func(abs string) bool, error) {
	var files []source
	seen := map[string]bool{}
	var dirs []string
	for _, d := range o.ContentDirs {
		dirs = append(dirs, absIn(o.Root, d))
	}
	add := func(abs string) {
		if seen[abs] {
			return
		}
		seen[abs] = true
		s := source{abs: abs, rel: relIn(o.Root, abs)}
		for _, d := range dirs {
			if r, ok := within(d, abs); ok {
				s.contentDir, s.contentRel = d, filepath.ToSlash(r)
				break
			}
		}
		files = append(files, s)
		emit(len(files)-1, s)
	}
	for _, d := range dirs {
		if err := walkMarkdown(d, add); err != nil {
			return nil, nil, err
		}
	}
	var roots []string
	for _, p := range o.Paths {
		abs := absIn(o.Root, p)
		fi, err := os.Stat(abs)
		if err != nil {
			return nil, nil, fmt.Errorf("check: %s: %v", p, unwrapPath(err))
		}
		roots = append(roots, abs)
		if fi.IsDir() {
			if err := walkMarkdown(abs, add); err != nil {
				return nil, nil, err
			}
		} else if IsMarkdown(abs) {
			add(abs)
		}
	}
	selected := func(abs string) bool {
		if len(roots) == 0 {
			return true
		}
		for _, r := range roots {
			if _, ok := within(r, abs); ok {
				return true
			}
		}
		return false
	}
	return files, selected, nil
}

// walkMarkdown calls add for each Markdown file under root, in lexical
// order.
func walkMarkdown(root string, add func(string)) error {
	return walkFiles(root, IsMarkdown, add)
}

// walkFiles calls add for each file under root whose name keep accepts, in
// lexical order, skipping hidden folders and node_modules. A missing root is
// no file; an unreadable entry is added, and reports that it cannot be read
// when it is.
func walkFiles(root string, keep func(name string) bool, add func(string)) error {
	return filepath.WalkDir(root, func(path string, d fs.DirEntry, err error) error {
		if err != nil {
			if path == root && errors.Is(err, fs.ErrNotExist) {
				return nil
			}
			add(path)
			if d != nil && d.IsDir() {
				return fs.SkipDir
			}
			return nil
		}
		name := d.Name()
		if d.IsDir() {
			if path != root && (strings.HasPrefix(name, ".") || name == "node_modules") {
				return fs.SkipDir
			}
			return nil
		}
		if keep(name) {
			add(path)
		}
		return nil
	})
}

func absIn(root, p string) string {
	if !filepath.IsAbs(p) {
		p = filepath.Join(root, p)
	}
	return filepath.Clean(p)
}

// relIn returns abs relative to root when it is inside it.
func relIn(root, abs string) string {
	if r, ok := within(root, abs); ok {
		return r
	}
	return abs
}

// within returns the path of abs inside dir, if it is there (or is dir).
func within(dir, abs string) (string, bool) {
	r, err := filepath.Rel(dir, abs)
	if err != nil || r == ".." || strings.HasPrefix(r, ".."+string(filepath.Separator)) {
		return "", false
	}
	return r, true
}

// unwrapPath drops the path from a *fs.PathError: the diagnostic names the file.
func unwrapPath(err error) error {
	if pe, ok := err.(*fs.PathError); ok {
		return pe.Err
	}
	return err
}
