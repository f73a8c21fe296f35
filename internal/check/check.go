package check

import (
	"fmt"
	"io/fs"
	"os"
	"path/filepath"
	"runtime"
	"strings"
	"sync"

	yast "github.com/goccy/go-yaml/ast"
)

// Options says what to check.
type Options struct {
	// Root is the site's folder; paths in diagnostics are relative to it.
	Root string
	// ContentDirs are the content folders (absolute, or relative to Root).
	ContentDirs []string
	// Paths limits the run to these files or folders; empty means all content.
	Paths []string
	// ArticleSections are the sections whose pages are articles, to which the
	// content model's required fields apply. Default: news, analysis,
	// features, opinion.
	ArticleSections []string
	// Drafts makes errors in drafts count. Otherwise they are reported as
	// warnings, so that work in progress does not stop a build.
	Drafts bool
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
	contentRel string // the path inside its content folder, slash-separated
}

// Run checks the content that o selects.
func Run(o Options) (*Report, error) {
	if o.Root == "" {
		return nil, fmt.Errorf("check: no root folder")
	}
	if len(o.ArticleSections) == 0 {
		o.ArticleSections = DefaultArticleSections
	}
	files, err := collect(&o)
	if err != nil {
		return nil, err
	}
	results := make([][]Diagnostic, len(files))
	var wg sync.WaitGroup
	next := make(chan int)
	for range runtime.GOMAXPROCS(0) {
		wg.Go(func() {
			for i := range next {
				results[i] = checkFile(&o, files[i])
			}
		})
	}
	for i := range files {
		next <- i
	}
	close(next)
	wg.Wait()

	r := &Report{Files: len(files)}
	for _, ds := range results {
		r.Diagnostics = append(r.Diagnostics, ds...)
	}
	r.Sort()
	return r, nil
}

func checkFile(o *Options, f source) []Diagnostic {
	c := &checker{o: o}
	src, err := os.ReadFile(f.abs)
	if err != nil {
		return []Diagnostic{{Path: f.rel, Line: 1, Column: 1, Severity: Error,
			Message: fmt.Sprintf("cannot read the file: %v", unwrapPath(err)), Check: "file.read"}}
	}
	p, diags := parsePage(f.rel, src)
	if p == nil {
		return diags
	}
	c.checkFrontMatter(p, isArticle(o, f.contentRel))
	if !o.Drafts && isDraft(p) {
		for i := range c.diags {
			c.diags[i].Severity = Warning
		}
	}
	return c.diags
}

// isDraft says whether Hugo reads p as a draft.
func isDraft(p *page) bool {
	_, mv, ok := p.lookupKey("draft")
	if !ok {
		return false
	}
	b, ok := mv.Value.(*yast.BoolNode)
	return ok && b.Value
}

// isArticle says whether a content file is an article of the content model:
// a page (not a list's _index) inside one of the article sections.
func isArticle(o *Options, contentRel string) bool {
	base := pathBase(contentRel)
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

func pathBase(p string) string {
	if i := strings.LastIndexByte(p, '/'); i >= 0 {
		return p[i+1:]
	}
	return p
}

// IsMarkdown says whether a file name is one of a Markdown content file.
func IsMarkdown(name string) bool {
	ext := filepath.Ext(name)
	return ext == ".md" || ext == ".markdown"
}

// collect lists the Markdown files to check, in a stable order.
func collect(o *Options) ([]source, error) {
	var dirs []string
	for _, d := range o.ContentDirs {
		if !filepath.IsAbs(d) {
			d = filepath.Join(o.Root, d)
		}
		dirs = append(dirs, filepath.Clean(d))
	}
	rel := func(abs string) string {
		if r, err := filepath.Rel(o.Root, abs); err == nil && !strings.HasPrefix(r, "..") {
			return r
		}
		return abs
	}
	contentRel := func(abs string) string {
		for _, d := range dirs {
			if r, err := filepath.Rel(d, abs); err == nil && !strings.HasPrefix(r, "..") {
				return filepath.ToSlash(r)
			}
		}
		return ""
	}
	roots := o.Paths
	if len(roots) == 0 {
		roots = dirs
	}
	var files []source
	seen := map[string]bool{}
	for _, root := range roots {
		if !filepath.IsAbs(root) {
			root = filepath.Join(o.Root, root)
		}
		root = filepath.Clean(root)
		fi, err := os.Stat(root)
		if err != nil {
			return nil, fmt.Errorf("check: %s: %v", root, unwrapPath(err))
		}
		if !fi.IsDir() {
			if !seen[root] {
				seen[root] = true
				files = append(files, source{abs: root, rel: rel(root), contentRel: contentRel(root)})
			}
			continue
		}
		err = filepath.WalkDir(root, func(path string, d fs.DirEntry, err error) error {
			if err != nil {
				// An unreadable folder is reported as a file that cannot be read.
				files = append(files, source{abs: path, rel: rel(path), contentRel: contentRel(path)})
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
			if IsMarkdown(name) && !seen[path] {
				seen[path] = true
				files = append(files, source{abs: path, rel: rel(path), contentRel: contentRel(path)})
			}
			return nil
		})
		if err != nil {
			return nil, err
		}
	}
	return files, nil
}

// unwrapPath drops the path from a *fs.PathError: the diagnostic names the file.
func unwrapPath(err error) error {
	if pe, ok := err.(*fs.PathError); ok {
		return pe.Err
	}
	return err
}
