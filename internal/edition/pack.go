package edition

import (
	"bytes"
	"fmt"
	"net/url"
	"os"
	"path"
	"path/filepath"
	"slices"
	"strings"

	"golang.org/x/net/html"
)

// Options say how Pack reads a built site.
type Options struct {
	// BaseURL is the site's base URL, with which it was built: links to
	// its host are the site's own.
	BaseURL string
	// Entry is the page that becomes the edition's index.html, as a path
	// below the base URL: "" for the home page, "ko/" for the Korean one.
	Entry string
	// Roots are more pages to start from, such as the front pages of the
	// other languages, which nothing may link to.
	Roots []string
	// Langs are the languages of the pages to keep, as their <html lang>
	// says (compared without case); a page in another language is left out
	// and links to it become plain text. Empty: every language.
	Langs []string
}

// File is a file of the edition.
type File struct {
	Name string // slash-separated, relative to the edition's folder
	Data []byte
}

// Edition is a packed edition, ready to write.
type Edition struct {
	Files []File // sorted by name; SHA256SUMS is not among them
	// Pages are the names of the edition's pages, sorted.
	Pages []string
	// Unlinked counts the links to pages outside the edition that were
	// made plain text.
	Unlinked int
}

// packer is one run of Pack.
type packer struct {
	dir      string
	base     *url.URL
	basePath string // the base URL's path, ending in /
	entry    string // the built file that becomes index.html
	langs    []string

	pages  map[string]bool   // built HTML files in the edition
	out    map[string][]byte // zip name -> content
	assets map[string]bool   // built files other than pages in the edition
	// assetQueue are the assets not yet read.
	assetQueue []string
	queue      []string
	queued     map[string]bool
	stats      map[string]os.FileInfo
	// dropped counts links made plain text.
	dropped int
}

// Pack reads the site built into dir and returns its offline edition: the
// pages reached from Entry and Roots by links, in the languages of Langs,
// each rewritten to work from a folder (see rewrite), and every stylesheet
// and photo they load. A page that runs a script (a search page) is left
// out: the edition runs none, and from file:// a browser would refuse the
// script's integrity and its fetches.
func Pack(dir string, o Options) (*Edition, error) {
	base, err := url.Parse(o.BaseURL)
	if err != nil || base.Host == "" {
		return nil, fmt.Errorf("edition: base URL %q: not an absolute URL", o.BaseURL)
	}
	p := &packer{
		dir:      dir,
		base:     base,
		basePath: strings.TrimSuffix(base.Path, "/") + "/",
		pages:    map[string]bool{},
		out:      map[string][]byte{},
		assets:   map[string]bool{},
		queued:   map[string]bool{},
		stats:    map[string]os.FileInfo{},
	}
	for _, l := range o.Langs {
		p.langs = append(p.langs, strings.ToLower(l))
	}
	roots := append([]string{o.Entry}, o.Roots...)
	for i, r := range roots {
		t, ok := p.resolve(p.base, p.basePath+strings.TrimPrefix(r, "/"))
		if !ok.page() {
			return nil, fmt.Errorf("edition: no page at %s%s in %s", p.basePath, r, dir)
		}
		if i == 0 {
			p.entry = t.file
		}
		p.enqueue(t.file)
	}
	// Crawl: every page in the edition's languages that a link reaches.
	for len(p.queue) > 0 {
		file := p.queue[0]
		p.queue = p.queue[1:]
		if err := p.crawl(file); err != nil {
			return nil, err
		}
	}
	if !p.pages[p.entry] {
		return nil, fmt.Errorf("edition: the front page %s is not in the languages %s", p.entry, strings.Join(o.Langs, ", "))
	}
	if p.entry != "index.html" && p.pages["index.html"] {
		return nil, fmt.Errorf("edition: both %s and index.html would be the edition's index.html", p.entry)
	}
	// Rewrite the pages, which adds the files they load.
	var names []string
	for file := range p.pages {
		b, err := p.rewrite(file)
		if err != nil {
			return nil, fmt.Errorf("edition: %s: %w", file, err)
		}
		p.out[p.zipName(file)] = b
		names = append(names, p.zipName(file))
	}
	// The files the pages load, and those the stylesheets load.
	for len(p.assetQueue) > 0 {
		file := p.assetQueue[0]
		p.assetQueue = p.assetQueue[1:]
		b, err := os.ReadFile(p.abs(file))
		if err != nil {
			return nil, err
		}
		if path.Ext(file) == ".css" {
			if b, err = p.rewriteCSS(file, b); err != nil {
				return nil, fmt.Errorf("edition: %s: %w", file, err)
			}
		}
		p.out[p.zipName(file)] = b
	}
	e := &Edition{Unlinked: p.dropped}
	for name, b := range p.out {
		e.Files = append(e.Files, File{Name: name, Data: b})
	}
	slices.SortFunc(e.Files, func(a, b File) int { return strings.Compare(a.Name, b.Name) })
	slices.Sort(names)
	e.Pages = names
	return e, nil
}

func (p *packer) addAsset(file string) {
	if !p.assets[file] {
		p.assets[file] = true
		p.assetQueue = append(p.assetQueue, file)
	}
}

func (p *packer) enqueue(file string) {
	if p.queued[file] {
		return
	}
	p.queued[file] = true
	p.queue = append(p.queue, file)
}

// crawl reads a page: if it is in one of the edition's languages, it is in
// the edition, and so are the pages it links to.
func (p *packer) crawl(file string) error {
	b, err := os.ReadFile(p.abs(file))
	if err != nil {
		return err
	}
	lang, script, links := scan(b)
	if script || len(p.langs) > 0 && !slices.Contains(p.langs, strings.ToLower(lang)) {
		return nil
	}
	p.pages[file] = true
	from := p.pageURL(file)
	for _, l := range links {
		if t, ok := p.resolve(from, l); ok.page() {
			p.enqueue(t.file)
		}
	}
	return nil
}

// scan returns a page's language, whether it runs a script (any but a
// JSON-LD block), and the targets of its <a href> links.
func scan(b []byte) (lang string, script bool, links []string) {
	z := html.NewTokenizer(bytes.NewReader(b))
	for {
		switch z.Next() {
		case html.ErrorToken:
			return lang, script, links
		case html.StartTagToken, html.SelfClosingTagToken:
			t := z.Token()
			switch t.Data {
			case "html":
				lang = attr(t, "lang")
			case "script":
				script = script || attr(t, "type") != "application/ld+json"
			case "a":
				if h, ok := attrOK(t, "href"); ok {
					links = append(links, h)
				}
			}
		}
	}
}

// target is what a URL of the site points to.
type target struct {
	file     string // the built file, slash-separated
	fragment string
}

// kind says what resolve found.
type kind int

const (
	other   kind = iota // not the site's: another host, mailto:, a fragment of the page itself
	missing             // the site's, but no file is there
	page                // an HTML file of the site
	asset               // another file of the site
)

func (k kind) page() bool { return k == page }

// resolve finds the file that a URL in the page at from points to.
func (p *packer) resolve(from *url.URL, ref string) (target, kind) {
	ref = strings.TrimSpace(ref)
	if ref == "" || strings.HasPrefix(ref, "#") {
		return target{}, other
	}
	u, err := url.Parse(ref)
	if err != nil {
		return target{}, other
	}
	abs := from.ResolveReference(u)
	if (abs.Scheme != "http" && abs.Scheme != "https") || !strings.EqualFold(abs.Host, p.base.Host) {
		return target{}, other
	}
	rel, ok := strings.CutPrefix(abs.Path, p.basePath)
	if !ok {
		if abs.Path+"/" != p.basePath {
			return target{}, other
		}
		rel = ""
	}
	t := target{fragment: abs.Fragment}
	rel = path.Clean("/" + rel)[1:] // no way out of the folder
	if rel == "" || strings.HasSuffix(abs.Path, "/") {
		rel = path.Join(rel, "index.html")
	}
	fi := p.stat(rel)
	if fi != nil && fi.IsDir() {
		rel = path.Join(rel, "index.html")
		fi = p.stat(rel)
	}
	if fi == nil || !fi.Mode().IsRegular() {
		return t, missing
	}
	t.file = rel
	if path.Ext(rel) == ".html" {
		return t, page
	}
	return t, asset
}

func (p *packer) stat(rel string) os.FileInfo {
	if fi, ok := p.stats[rel]; ok {
		return fi
	}
	fi, err := os.Stat(p.abs(rel))
	if err != nil {
		fi = nil
	}
	p.stats[rel] = fi
	return fi
}

func (p *packer) abs(rel string) string {
	return filepath.Join(p.dir, filepath.FromSlash(rel))
}

// pageURL is the URL of a built file: news/x/index.html is at
// BASE/news/x/index.html, which resolves relative links as BASE/news/x/
// does.
func (p *packer) pageURL(file string) *url.URL {
	return p.base.ResolveReference(&url.URL{Path: p.basePath + file})
}

// zipName is where a built file goes in the edition: where it was, but the
// entry page, which is index.html.
func (p *packer) zipName(file string) string {
	if file == p.entry {
		return "index.html"
	}
	return file
}

// relURL is the link from the file from to the file to, both names in the
// zip, each segment percent-encoded.
func relURL(from, to string) string {
	fd := strings.Split(path.Dir(from), "/")
	if fd[0] == "." {
		fd = nil
	}
	ts := strings.Split(to, "/")
	i := 0
	for i < len(fd) && i < len(ts)-1 && fd[i] == ts[i] {
		i++
	}
	var parts []string
	for range fd[i:] {
		parts = append(parts, "..")
	}
	for _, s := range ts[i:] {
		parts = append(parts, url.PathEscape(s))
	}
	r := strings.Join(parts, "/")
	if first, _, _ := strings.Cut(r, "/"); strings.Contains(first, ":") {
		r = "./" + r // not a scheme
	}
	return r
}

func attr(t html.Token, key string) string {
	v, _ := attrOK(t, key)
	return v
}

func attrOK(t html.Token, key string) (string, bool) {
	for _, a := range t.Attr {
		if a.Namespace == "" && a.Key == key {
			return a.Val, true
		}
	}
	return "", false
}
