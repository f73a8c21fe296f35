package check

import (
	"fmt"
	"net/url"
	"os"
	"path"
	"path/filepath"
	"regexp"
	"slices"
	"strings"

	"github.com/dispatch-news/dispatch/internal/site"
)

// pageInfo is what the checks across pages need to know of one page.
type pageInfo struct {
	lang    string
	key     string // content path without language and extension: news/2024/slug
	url     string // lower case, with the language prefix; "" if not rendered
	aliases []string
	// tkey is the translation key: translationKey, or else the path, as
	// Hugo links translations.
	tkey        string
	explicitKey bool
	pub         publication
	draft       bool // a draft: its editorial errors are warnings
	bundle      bool // an index.md: links are relative to its folder
	title       string
	terms       map[string][]string // taxonomy -> terms
	links       []linkRef
	readins     []readinRef
	cascade     bool // an _index whose front matter has a cascade
	sites       bool // its front matter has sites, which moves it to other languages
	// badLang is a language code in the file name that the site has not.
	badLang string
	// at are the places of the keys the checks across pages report,
	// lower case; aliasAt that of each alias. Found only if a check
	// reports there.
	at      map[string]where
	aliasAt func(n int) where
}

var langCodeRe = regexp.MustCompile(`^[a-z]{2,3}(-[A-Za-z0-9]+)?$`)

// pathInfo is what a page's path says of it: its language, its key and,
// unless its front matter says otherwise, its URL.
func pathInfo(r *rules, f source) (info *pageInfo, name string) {
	info = &pageInfo{lang: r.defaultLang, terms: map[string][]string{}}
	dir, base := path.Split(f.contentRel)
	name = strings.TrimSuffix(base, path.Ext(base))
	if i := strings.LastIndexByte(name, '.'); i >= 0 {
		if l := name[i+1:]; langCodeRe.MatchString(strings.ToLower(l)) {
			if slices.Contains(r.languages, l) {
				info.lang, name = l, name[:i]
			} else {
				info.badLang = l
			}
		}
	}
	dir = strings.TrimSuffix(dir, "/")
	switch name {
	case "index", "_index":
		info.key = dir
		info.bundle = name == "index"
	default:
		info.key = path.Join(dir, name)
	}
	info.key = strings.ToLower(info.key)
	info.url = normalURL(r.langPrefix(info.lang), "/"+info.key)
	return info, name
}

func (c *checker) newPageInfo(f source, p *page) *pageInfo {
	r := c.r
	info, name := pathInfo(r, f)
	info.url = ""
	var slim *page
	for _, k := range []string{"url", "slug", "translationKey", "aliases"} {
		if !p.hasKey(k) {
			continue
		}
		if slim == nil {
			slim = p.frontMatterOnly()
			info.at = map[string]where{}
		}
		key := p.actualKey(k)
		info.at[strings.ToLower(k)] = slim.keyAt(key)
		if k == "aliases" {
			info.aliasAt = func(n int) where { return slim.valueAt(key, n) }
		}
	}
	info.pub = c.readPublication(p, f, info.lang)
	_, info.cascade = p.params["cascade"]
	info.cascade = info.cascade && name == "_index"
	_, info.sites = p.params["sites"]
	if info.badLang != "" {
		c.fail(p, 1, 1, "file.language", "%q in the file name reads as a language to Hugo, and the site has no language %q, so this file is not published: name it index.md, or index.LANG.md for one of %s",
			info.badLang, info.badLang, strings.Join(r.languages, ", "))
	}
	info.draft = info.pub.draft
	m := p.params
	info.title, _ = m["title"].(string)
	if k, ok := m["translationkey"].(string); ok && k != "" {
		info.tkey, info.explicitKey = k, true
	} else {
		info.tkey = "path:" + info.key
	}
	for _, tax := range r.site.Taxonomies {
		if list, ok := m[strings.ToLower(tax)].([]any); ok {
			for _, t := range list {
				if s, ok := t.(string); ok {
					info.terms[tax] = append(info.terms[tax], s)
				}
			}
		}
	}
	if !info.pub.render {
		return info
	}
	prefix := r.langPrefix(info.lang)
	if u, ok := m["url"].(string); ok && u != "" {
		info.url = normalURL(prefix, u)
	} else {
		p := info.key
		if s, ok := m["slug"].(string); ok && s != "" && name != "_index" {
			p = path.Join(path.Dir(p), strings.Trim(s, "-"))
		}
		info.url = normalURL(prefix, "/"+p)
	}
	if list, ok := m["aliases"].([]any); ok {
		for _, a := range list {
			s, _ := a.(string)
			if s == "" {
				continue
			}
			if !strings.HasPrefix(s, "/") {
				s = path.Join(path.Dir(strings.TrimSuffix(info.url, "/")), s)
			}
			info.aliases = append(info.aliases, normalURL(prefix, s))
		}
	}
	return info
}

// langPrefix is the path prefix of a language's pages.
func (r *rules) langPrefix(lang string) string {
	if lang == r.defaultLang && !r.site.Configs.Base.DefaultContentLanguageInSubdir {
		return "/"
	}
	return "/" + lang + "/"
}

// normalURL makes a site path comparable: lower case, with the language
// prefix, and a trailing slash unless it names a file.
func normalURL(prefix, u string) string {
	u = strings.ToLower(path.Clean("/" + strings.TrimSpace(u)))
	if !strings.HasPrefix(u+"/", prefix) {
		u = path.Join(prefix, u)
	}
	if path.Ext(u) == "" && !strings.HasSuffix(u, "/") {
		u += "/"
	}
	return u
}

// siteHosts are the host names of the site's own addresses: the base URL
// and the mirrors of [params.mirrors].
func siteHosts(s *site.Site) []string {
	var hosts []string
	add := func(raw string) {
		if u, err := url.Parse(raw); err == nil && u.Host != "" {
			hosts = append(hosts, strings.ToLower(u.Hostname()))
		}
	}
	add(s.BaseURL)
	for _, u := range s.Mirrors() {
		add(u)
	}
	return hosts
}

// ownHost says whether a URL's host is one of the site's own.
func (r *rules) ownHost(host string) bool {
	h := strings.ToLower(host)
	if i := strings.LastIndexByte(h, ':'); i >= 0 && !strings.Contains(h[i:], "]") {
		h = h[:i]
	}
	return slices.Contains(r.hosts, h)
}

// pagesOf is what the report says of each page read.
func pagesOf(files []source, results []result) []Page {
	var pages []Page
	for i, res := range results {
		info := res.info
		if info == nil {
			// Not read as a page: where Hugo would publish it, if it could.
			pages = append(pages, Page{Path: files[i].rel, URL: res.url, Rendered: true, Unread: true})
			continue
		}
		pages = append(pages, Page{Path: files[i].rel, Lang: info.lang, URL: info.url, Title: info.title,
			TranslationKey: info.tkey, Draft: info.pub.draft, Future: info.pub.future, Expired: info.pub.expired,
			Rendered: info.pub.render, PublishDate: info.pub.dates.PublishDate, Lastmod: info.pub.dates.Lastmod})
	}
	return pages
}

// crossCheck runs the checks that compare pages: duplicate URLs, aliases
// that collide, translations without an original or with a twin, links to
// pages that do not exist.
func crossCheck(r *rules, files []source, results []result) {
	idx := newSiteIndex(r, results, false)
	var every *siteIndex // every page, published or not: made when a link is missing
	add := func(i int, w where, id, format string, args ...any) {
		line, col := w.resolve()
		if line == 0 {
			line, col = 1, 1
		}
		results[i].diags = append(results[i].diags, Diagnostic{Path: files[i].rel, Line: line, Column: col,
			Severity: Error, Message: fmt.Sprintf(format, args...), Check: id})
	}
	others := func(group []int, self int) string {
		var names []string
		for _, j := range group {
			if j != self {
				names = append(names, filepath.ToSlash(files[j].rel))
			}
		}
		return strings.Join(names, ", ")
	}
	for i, res := range results {
		info := res.info
		if info == nil {
			continue
		}
		if group := idx.byURL[info.url]; info.url != "" && len(group) > 1 {
			at, ok := info.at["url"]
			if !ok {
				at = info.at["slug"]
			}
			add(i, at, "url.duplicate", "this page has the same URL (%s) as %s: one of them would never be seen", info.url, others(group, i))
		}
		for n, a := range info.aliases {
			var at where
			if info.aliasAt != nil {
				at = info.aliasAt(n)
			}
			if owners := idx.byURL[a]; len(owners) > 0 {
				add(i, at, "url.alias", "alias %s is the URL of %s: the redirect would replace that page", a, others(owners, -1))
			}
			if group := idx.byAlias[a]; len(group) > 1 {
				add(i, at, "url.alias", "alias %s is also an alias of %s: only one redirect can be there", a, others(group, i))
			}
		}
		langs := idx.langsOf[info.tkey]
		if info.lang != r.defaultLang && !slices.ContainsFunc(langs, func(j int) bool { return results[j].info.lang != info.lang }) {
			if info.explicitKey {
				add(i, info.at["translationkey"], "translation.orphan",
					"this %q translation has no original: no page in another language has translationKey %q", info.lang, info.tkey)
			} else {
				// A story in one language only, or a translation whose
				// original moved: a warning, for an editor to tell.
				results[i].diags = append(results[i].diags, Diagnostic{Path: files[i].rel, Line: 1, Column: 1, Severity: Warning, Check: "translation.orphan",
					Message: fmt.Sprintf("this %q page has no original: there is no %s in the default language, and no translationKey links it to one; it is published in %q only", info.lang, info.key, info.lang)})
			}
		}
		if info.explicitKey {
			for _, j := range langs {
				if j != i && results[j].info.lang == info.lang {
					add(i, info.at["translationkey"], "translation.duplicate",
						"translationKey %q is also the key of %s, in the same language: Hugo would link only one of them to the translation", info.tkey, files[j].rel)
					break
				}
			}
		}
		for _, rd := range info.readins {
			if !slices.ContainsFunc(langs, func(j int) bool {
				o := results[j].info
				return o.lang == rd.lang && o.pub.published(r)
			}) {
				results[i].diags = append(results[i].diags, Diagnostic{Path: files[i].rel, Line: rd.line, Column: rd.col, Severity: Error, render: true,
					Check: "translation.missing", Message: fmt.Sprintf("readin links to the %q translation, and there is none that a build publishes (same translationKey, or index.%s.md in the bundle)", rd.lang, rd.lang)})
			}
		}
		if !r.allowed["sites"] {
			for _, j := range idx.byPath[info.key] {
				if j != i && results[j].info.sites {
					add(i, where{}, "fm.structural", "the sites of %s can put that page in this one's place: remove sites", files[j].rel)
					break
				}
			}
		}
		if !r.allowed["cascade"] {
			for dir := path.Dir(info.key); ; dir = path.Dir(dir) {
				if j, ok := idx.sections[dir]; ok && j != i && results[j].info.cascade {
					add(i, where{}, "fm.structural", "the cascade of %s applies to this page, and the checks cannot vouch for what it changes: remove the cascade", files[j].rel)
					break
				}
				if dir == "." || dir == "/" || dir == "" {
					break
				}
			}
		}
		for _, l := range info.links {
			if idx.resolves(files[i], info, l) {
				continue
			}
			if every == nil {
				every = newSiteIndex(r, results, true)
			}
			w := at(l.line, l.col)
			switch {
			case every.resolves(files[i], info, l):
				what := "link to"
				if l.ref {
					what = "ref"
				}
				add(i, w, "link.missing", "%s %q: that page is a draft, scheduled or expired, and the build leaves it out", what, l.dest)
			case l.ref:
				add(i, w, "link.missing", "ref %q: there is no such page", l.dest)
			default:
				add(i, w, "link.missing", "link to %q: no page or file of the site is there", l.dest)
			}
		}
	}
}

// siteIndex is every page's addresses, for the checks across pages.
type siteIndex struct {
	r       *rules
	byURL   map[string][]int
	byAlias map[string][]int
	byKey   map[string]bool
	byBase  map[string]bool
	langsOf map[string][]int // translation key -> pages
	// sections are the _index files with a cascade, by their key.
	sections map[string]int
	// byPath are the pages of one content path, in every language.
	byPath map[string][]int
	// urls are the addresses that a link may name: pages, aliases, list
	// and term pages, feeds.
	urls map[string]bool
	// bundles are the leaf bundles, by key: whether one of their pages is
	// published, and with it their files.
	bundles map[string]bool
}

// bundlePublished says whether a file of the content, at rel (from the
// content folder), is published: not when it is in a leaf bundle whose
// pages the build leaves out, since Hugo publishes a bundle's files only
// with its page.
func (idx *siteIndex) bundlePublished(rel string) bool {
	for d := path.Dir(strings.ToLower(rel)); d != "." && d != "/" && d != ""; d = path.Dir(d) {
		if published, ok := idx.bundles[strings.TrimPrefix(d, "/")]; ok {
			return published
		}
	}
	return true
}

// newSiteIndex indexes the pages of results: those a build publishes, or
// with unpublished every page.
func newSiteIndex(r *rules, results []result, unpublished bool) *siteIndex {
	idx := &siteIndex{r: r, byURL: map[string][]int{}, byAlias: map[string][]int{}, byKey: map[string]bool{},
		byBase: map[string]bool{}, langsOf: map[string][]int{}, urls: map[string]bool{}, sections: map[string]int{}, byPath: map[string][]int{}, bundles: map[string]bool{}}
	for _, lang := range r.languages {
		prefix := r.langPrefix(lang)
		idx.urls[prefix] = true
		for _, f := range []string{"index.xml", "atom.xml", "feed.json", "sitemap.xml", "news-sitemap.xml", "404.html", "robots.txt"} {
			idx.urls[prefix+f] = true
		}
		for _, plural := range r.site.Taxonomies {
			idx.urls[prefix+strings.ToLower(plural)+"/"] = true
		}
	}
	for i, res := range results {
		info := res.info
		if info == nil {
			continue
		}
		// A link may name only what the build publishes: not a draft, a
		// scheduled or an expired page (unless the flags build them), nor
		// its aliases or terms; with unpublished, it may name any page.
		// Addresses that clash count for every page.
		published := unpublished || info.pub.published(r)
		if info.url != "" {
			idx.byURL[info.url] = append(idx.byURL[info.url], i)
			idx.urls[info.url] = idx.urls[info.url] || published
			// Every folder above a page is a section or list page.
			for d := path.Dir(strings.TrimSuffix(info.url, "/")); d != "/" && d != "."; d = path.Dir(d) {
				idx.urls[d+"/"] = true
			}
		}
		for _, a := range info.aliases {
			if !slices.Contains(idx.byAlias[a], i) {
				idx.byAlias[a] = append(idx.byAlias[a], i)
			}
			idx.urls[a] = idx.urls[a] || published
		}
		if published {
			for tax, terms := range info.terms {
				for _, t := range terms {
					idx.urls[r.langPrefix(info.lang)+strings.ToLower(tax)+"/"+urlize(t)+"/"] = true
				}
			}
		}
		idx.byKey[info.key] = idx.byKey[info.key] || published
		if info.bundle {
			idx.bundles[info.key] = idx.bundles[info.key] || published
		}
		idx.byPath[info.key] = append(idx.byPath[info.key], i)
		if info.cascade {
			k := info.key
			if k == "" {
				k = "."
			}
			idx.sections[k] = i
		}
		idx.byBase[path.Base(info.key)] = idx.byBase[path.Base(info.key)] || published
		idx.langsOf[info.tkey] = append(idx.langsOf[info.tkey], i)
	}
	return idx
}

// urlize makes a term's path as Hugo does for plain words: lower case,
// spaces as hyphens.
func urlize(term string) string {
	return strings.ToLower(strings.Join(strings.Fields(term), "-"))
}

// resolves says whether a link of a page leads to a page or a file, as the
// theme's link render hook and Hugo's ref resolve them: relative to the
// page's folder, to its section, or to the content root; a path from the
// site's root to a page, a list, a feed or a static file.
func (idx *siteIndex) resolves(f source, info *pageInfo, l linkRef) bool {
	t := strings.TrimSuffix(l.target, "/")
	if l.absolute && !l.ref {
		return idx.resolvesURL(l.target)
	}
	dir := path.Dir(filepath.ToSlash(f.contentRel))
	bases := []string{dir, path.Dir(dir), ""}
	if strings.HasPrefix(t, "/") {
		bases = []string{""}
	}
	pageKey := strings.ToLower(t)
	pageKey = strings.TrimSuffix(pageKey, path.Ext(pageKey))
	if b := path.Base(pageKey); b == "index" || b == "_index" || langCodeRe.MatchString(strings.TrimPrefix(path.Ext(pageKey), ".")) {
		pageKey = path.Dir(pageKey)
	}
	for _, b := range bases {
		k := strings.TrimPrefix(path.Join(b, pageKey), "/")
		if k == "." {
			k = ""
		}
		if idx.byKey[k] {
			return true
		}
		if !l.ref && f.contentDir != "" {
			rel := path.Join(b, t)
			if fi, err := os.Stat(filepath.Join(f.contentDir, filepath.FromSlash(rel))); err == nil && !fi.IsDir() {
				return idx.bundlePublished(rel)
			}
		}
	}
	return l.ref && !strings.Contains(t, "/") && idx.byBase[strings.ToLower(pageKey)]
}

// resolvesURL says whether a path from the site's root is a page, a list,
// a feed or alias of the site, or a file of its static folders.
func (idx *siteIndex) resolvesURL(target string) bool {
	u := normalURL("/", target)
	if idx.urls[u] {
		return true
	}
	// /news/page/2/ is a page of a list.
	if i := strings.Index(u, "/page/"); i >= 0 && idx.urls[u[:i+1]] {
		return true
	}
	// A list's feed.
	if strings.HasSuffix(u, "/index.xml") && idx.urls[strings.TrimSuffix(u, "index.xml")] {
		return true
	}
	for _, d := range idx.r.site.Configs.Base.StaticDir {
		if fi, err := os.Stat(filepath.Join(idx.r.root, d, filepath.FromSlash(target))); err == nil && !fi.IsDir() {
			return true
		}
	}
	return false
}
