// Package sitecheck checks a built site as files: that every internal link,
// anchor, image and stylesheet resolves, that nothing is loaded from another
// host, and that pages stay within a weight budget.
package sitecheck

import (
	"bytes"
	"compress/gzip"
	"fmt"
	"io/fs"
	"net/url"
	"os"
	"path"
	"path/filepath"
	"slices"
	"sort"
	"strings"
	"sync"

	"github.com/dispatch-news/dispatch/internal/par"
	"golang.org/x/net/html"
)

// Problem is one broken rule on one page.
type Problem struct {
	Page   string // the page's path in the site, such as /news/x/
	Rule   string // a stable id, such as "link.missing"
	Detail string
}

func (p Problem) String() string { return fmt.Sprintf("%s: %s [%s]", p.Page, p.Detail, p.Rule) }

// doc is a parsed HTML file.
type doc struct {
	refs []ref
	ids  map[string]bool
}

type ref struct {
	attr, value string
	load        bool // the browser loads it (img, script, stylesheet), not a link to follow
}

// Site is a built site's folder.
type Site struct {
	Dir  string
	Base *url.URL // the site's base URL: links to its host are internal

	mu   sync.Mutex
	docs map[string]*doc // by file path relative to Dir
}

// Open reads nothing yet; pages are parsed as they are needed.
func Open(dir, baseURL string) (*Site, error) {
	u, err := url.Parse(baseURL)
	if err != nil {
		return nil, err
	}
	return &Site{Dir: dir, Base: u, docs: map[string]*doc{}}, nil
}

// HTMLFiles lists the site's HTML files, relative and slash-separated.
func (s *Site) HTMLFiles() ([]string, error) {
	var files []string
	err := filepath.WalkDir(s.Dir, func(p string, d fs.DirEntry, err error) error {
		if err != nil {
			return err
		}
		if !d.IsDir() && strings.HasSuffix(p, ".html") {
			rel, _ := filepath.Rel(s.Dir, p)
			files = append(files, filepath.ToSlash(rel))
		}
		return nil
	})
	sort.Strings(files)
	return files, err
}

func (s *Site) parse(rel string) (*doc, error) {
	s.mu.Lock()
	d, ok := s.docs[rel]
	s.mu.Unlock()
	if ok {
		return d, nil
	}
	b, err := os.ReadFile(filepath.Join(s.Dir, filepath.FromSlash(rel)))
	if err != nil {
		return nil, err
	}
	root, err := html.Parse(bytes.NewReader(b))
	if err != nil {
		return nil, err
	}
	d = &doc{ids: map[string]bool{}}
	var walk func(n *html.Node)
	walk = func(n *html.Node) {
		if n.Type == html.ElementNode {
			attrs := map[string]string{}
			for _, a := range n.Attr {
				attrs[a.Key] = a.Val
				if a.Key == "id" || (a.Key == "name" && n.Data == "a") {
					d.ids[a.Val] = true
				}
			}
			switch n.Data {
			case "a":
				if v, ok := attrs["href"]; ok {
					d.refs = append(d.refs, ref{"a href", v, false})
				}
			case "link":
				if v, ok := attrs["href"]; ok {
					load := strings.Contains(" "+attrs["rel"]+" ", " stylesheet ") || strings.Contains(attrs["rel"], "icon") ||
						strings.Contains(attrs["rel"], "preload")
					d.refs = append(d.refs, ref{"link " + attrs["rel"], v, load})
				}
			case "img", "source", "script", "iframe", "video", "audio":
				if v, ok := attrs["src"]; ok {
					d.refs = append(d.refs, ref{n.Data + " src", v, true})
				}
				if v, ok := attrs["srcset"]; ok {
					for _, cand := range strings.Split(v, ",") {
						if f := strings.Fields(cand); len(f) > 0 {
							d.refs = append(d.refs, ref{n.Data + " srcset", f[0], true})
						}
					}
				}
			}
		}
		for c := n.FirstChild; c != nil; c = c.NextSibling {
			walk(c)
		}
	}
	walk(root)
	s.mu.Lock()
	s.docs[rel] = d
	s.mu.Unlock()
	return d, nil
}

// pagePath is the site path of an HTML file: news/x/index.html is /news/x/.
func pagePath(rel string) string {
	if rel == "index.html" {
		return "/"
	}
	if strings.HasSuffix(rel, "/index.html") {
		return "/" + strings.TrimSuffix(rel, "index.html")
	}
	return "/" + rel
}

// target returns the file a site path is served from, if it exists.
func (s *Site) target(p string) (string, bool) {
	p = strings.TrimPrefix(path.Clean(p), "/")
	if strings.HasSuffix(p, "/") || p == "" || p == "." {
		p = path.Join(p, "index.html")
	}
	full := filepath.Join(s.Dir, filepath.FromSlash(p))
	fi, err := os.Stat(full)
	if err == nil && fi.IsDir() {
		p = path.Join(p, "index.html")
		_, err = os.Stat(filepath.Join(s.Dir, filepath.FromSlash(p)))
	}
	return p, err == nil
}

// Links checks the links, anchors and loaded files of the given HTML files.
func (s *Site) Links(files []string) []Problem {
	found := make([][]Problem, len(files))
	par.ForEach(len(files), func(i int) { found[i] = s.links(files[i]) })
	problems := slices.Concat(found...)
	sort.Slice(problems, func(i, j int) bool {
		if problems[i].Page != problems[j].Page {
			return problems[i].Page < problems[j].Page
		}
		return problems[i].Detail < problems[j].Detail
	})
	return problems
}

func (s *Site) links(rel string) []Problem {
	page := pagePath(rel)
	var out []Problem
	bad := func(rule, format string, args ...any) {
		out = append(out, Problem{Page: page, Rule: rule, Detail: fmt.Sprintf(format, args...)})
	}
	d, err := s.parse(rel)
	if err != nil {
		bad("html.read", "cannot read: %v", err)
		return out
	}
	pageURL := s.Base.ResolveReference(&url.URL{Path: page})
	seen := map[string]bool{}
	for _, r := range d.refs {
		if seen[r.attr+r.value] {
			continue
		}
		seen[r.attr+r.value] = true
		u, err := url.Parse(strings.TrimSpace(r.value))
		if err != nil {
			bad("link.invalid", "%s %q does not parse", r.attr, r.value)
			continue
		}
		if u.Scheme == "mailto" || u.Scheme == "tel" {
			continue
		}
		abs := pageURL.ResolveReference(u)
		if abs.Host != s.Base.Host {
			if r.load {
				bad("host.third-party", "%s %q loads from another host", r.attr, r.value)
			}
			continue
		}
		if abs.Scheme == "http" && s.Base.Scheme == "https" {
			bad("link.http", "%s %q uses http:// to the site itself", r.attr, r.value)
		}
		file, ok := s.target(abs.Path)
		if !ok {
			bad("link.missing", "%s %q: nothing at %s", r.attr, r.value, abs.Path)
			continue
		}
		if abs.Fragment == "" || !strings.HasSuffix(file, ".html") {
			continue
		}
		td, err := s.parse(file)
		if err != nil {
			bad("html.read", "cannot read %s: %v", file, err)
			continue
		}
		if !td.ids[abs.Fragment] && abs.Fragment != "top" {
			bad("link.anchor", "%s %q: no element with id %q on %s", r.attr, r.value, abs.Fragment, pagePath(file))
		}
	}
	return out
}

// Weight is what a page costs to load, gzipped: its HTML and the
// stylesheets and scripts it loads (images are counted apart, as they load
// lazily and in the size the screen asks for).
type Weight struct {
	Page          string
	HTML, CSS, JS int
}

// Total is the sum of HTML, CSS and JS.
func (w Weight) Total() int { return w.HTML + w.CSS + w.JS }

// Weigh measures a page given by its HTML file.
func (s *Site) Weigh(rel string) (Weight, error) {
	w := Weight{Page: pagePath(rel)}
	b, err := os.ReadFile(filepath.Join(s.Dir, filepath.FromSlash(rel)))
	if err != nil {
		return w, err
	}
	w.HTML = gzipSize(b)
	d, err := s.parse(rel)
	if err != nil {
		return w, err
	}
	pageURL := s.Base.ResolveReference(&url.URL{Path: w.Page})
	for _, r := range d.refs {
		isCSS := strings.HasPrefix(r.attr, "link") && strings.Contains(r.attr, "stylesheet")
		isJS := r.attr == "script src"
		if !isCSS && !isJS {
			continue
		}
		u, err := url.Parse(r.value)
		if err != nil {
			continue
		}
		file, ok := s.target(pageURL.ResolveReference(u).Path)
		if !ok {
			return w, fmt.Errorf("%s: %s is missing", w.Page, r.value)
		}
		b, err := os.ReadFile(filepath.Join(s.Dir, filepath.FromSlash(file)))
		if err != nil {
			return w, err
		}
		if isCSS {
			w.CSS += gzipSize(b)
		} else {
			w.JS += gzipSize(b)
		}
	}
	return w, nil
}

func gzipSize(b []byte) int {
	var buf bytes.Buffer
	zw, _ := gzip.NewWriterLevel(&buf, gzip.BestCompression)
	zw.Write(b)
	zw.Close()
	return buf.Len()
}
