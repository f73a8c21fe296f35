package check

import (
	"fmt"
	"os"
	"path"
	"path/filepath"
	"regexp"
	"slices"
	"strings"

	yast "github.com/goccy/go-yaml/ast"
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
	draft       bool
	bundle      bool // an index.md: links are relative to its folder
	links       []linkRef
}

var langCodeRe = regexp.MustCompile(`^[a-z]{2,3}(-[A-Za-z0-9]+)?$`)

func newPageInfo(o *Options, f source, p *page) *pageInfo {
	info := &pageInfo{lang: o.DefaultLanguage}
	rel := f.contentRel
	if rel == "" {
		rel = filepath.ToSlash(f.rel)
	}
	dir, base := path.Split(rel)
	name := strings.TrimSuffix(base, path.Ext(base))
	if i := strings.LastIndexByte(name, '.'); i >= 0 {
		if l := name[i+1:]; langCodeRe.MatchString(l) && (len(o.Languages) == 0 || slices.Contains(o.Languages, l)) {
			info.lang, name = l, name[:i]
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

	m := p.meta
	info.draft, _ = m["draft"].(bool)
	if k, ok := m["translationKey"].(string); ok && k != "" {
		info.tkey, info.explicitKey = k, true
	} else {
		info.tkey = "path:" + info.key
	}
	headless, _ := m["headless"].(bool)
	if b, ok := m["build"].(map[any]any); ok && b["render"] == "never" || headless {
		return info
	}
	prefix := "/"
	if info.lang != o.DefaultLanguage {
		prefix = "/" + info.lang + "/"
	}
	if u, ok := m["url"].(string); ok && u != "" {
		info.url = normalURL(prefix, u)
	} else {
		p := info.key
		if s, ok := m["slug"].(string); ok && s != "" && name != "_index" {
			p = path.Join(path.Dir(p), s)
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

// crossCheck runs the checks that compare pages: duplicate URLs, aliases
// that collide, translations without an original, links to pages that do
// not exist.
func crossCheck(o *Options, files []source, results []result) {
	byURL := map[string][]int{}
	byAlias := map[string][]int{}
	byKey := map[string]bool{}
	byBase := map[string]bool{}
	langsOf := map[string][]string{}
	for i, r := range results {
		info := r.info
		if info == nil {
			continue
		}
		if info.url != "" {
			byURL[info.url] = append(byURL[info.url], i)
		}
		for _, a := range info.aliases {
			if !slices.Contains(byAlias[a], i) {
				byAlias[a] = append(byAlias[a], i)
			}
		}
		byKey[info.key] = true
		byBase[path.Base(info.key)] = true
		langsOf[info.tkey] = append(langsOf[info.tkey], info.lang)
	}
	add := func(i int, at position, id, format string, args ...any) {
		line, col := at.resolve(files[i])
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
	for i, r := range results {
		info := r.info
		if info == nil {
			continue
		}
		if group := byURL[info.url]; len(group) > 1 {
			add(i, position{keys: []string{"url", "slug"}}, "url.duplicate", "this page has the same URL (%s) as %s: one of them would never be seen", info.url, others(group, i))
		}
		for n, a := range info.aliases {
			at := position{keys: []string{"aliases"}, item: n}
			if owners := byURL[a]; len(owners) > 0 {
				add(i, at, "url.alias", "alias %s is the URL of %s: the redirect would replace that page", a, others(owners, -1))
			}
			if group := byAlias[a]; len(group) > 1 {
				add(i, at, "url.alias", "alias %s is also an alias of %s: only one redirect can be there", a, others(group, i))
			}
		}
		if info.lang != o.DefaultLanguage && !slices.ContainsFunc(langsOf[info.tkey], func(l string) bool { return l != info.lang }) {
			if info.explicitKey {
				add(i, position{keys: []string{"translationKey"}}, "translation.orphan",
					"this %q translation has no original: no page in another language has translationKey %q", info.lang, info.tkey)
			} else {
				add(i, position{}, "translation.orphan",
					"this %q translation has no original: there is no %s in the default language, and no translationKey links it to one", info.lang, info.key)
			}
		}
		for _, l := range info.links {
			if !resolves(files[i], info, l, byKey, byBase) {
				at := position{line: l.line, col: l.col}
				if l.ref {
					add(i, at, "link.missing", "ref %q: there is no such page", l.dest)
				} else {
					add(i, at, "link.missing", "link to %q: no page or file of the site is there", l.dest)
				}
			}
		}
	}
}

// resolves says whether a link of a page leads to a page or a file, as the
// theme's link render hook and Hugo's ref resolve them: relative to the
// page's folder, to its section, or to the content root.
func resolves(f source, info *pageInfo, l linkRef, byKey, byBase map[string]bool) bool {
	t := strings.TrimSuffix(l.target, "/")
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
		if byKey[k] {
			return true
		}
		if !l.ref && f.contentDir != "" {
			if fi, err := os.Stat(filepath.Join(f.contentDir, filepath.FromSlash(path.Join(b, t)))); err == nil && !fi.IsDir() {
				return true
			}
		}
	}
	return l.ref && !strings.Contains(t, "/") && byBase[strings.ToLower(pageKey)]
}

// position is a place in a file found after the fact: the first of keys
// that the front matter has (or an item of that list), or a line and column;
// the first line otherwise.
type position struct {
	keys      []string
	item      int
	line, col int
}

func (at position) resolve(f source) (line, col int) {
	if at.line > 0 {
		return at.line, at.col
	}
	if len(at.keys) == 0 {
		return 1, 1
	}
	src, err := os.ReadFile(f.abs)
	if err != nil {
		return 1, 1
	}
	p, _ := parsePage(f.rel, src)
	if p == nil || p.parseYAML() != nil {
		return 1, 1
	}
	for _, k := range at.keys {
		if _, mv, ok := p.lookupKey(k); ok {
			if seq, ok := mv.Value.(*yast.SequenceNode); ok && at.item < len(seq.Values) {
				return p.nodePos(seq.Values[at.item])
			}
			return p.nodePos(mv.Key)
		}
	}
	return 1, 1
}
