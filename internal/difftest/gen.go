package difftest

import (
	"fmt"
	"math/rand/v2"
	"path"
	"slices"
	"strings"

	"github.com/dispatch-news/dispatch/internal/imagemeta/imagetest"
)

// Case is one generated site: the theme plus a few content files.
type Case struct {
	Name  string   // seed-index: the name of its report and txtar file
	Notes []string // the grammar's choices, for people
	Files []File   // under content/
	// Pages are the content files whose fate is compared: every file that
	// Hugo or the check may read as a page (not the photos).
	Pages []string
	// Variants are other sets of files that Hugo may read the case as, at
	// random: of two keys that differ only in case, Hugo keeps one in Go's
	// map order. Hugo's outcome is every outcome of Files and Variants.
	Variants [][]File
}

// File is one file under content/.
type File struct {
	Name   string // slash-separated path inside content/
	Data   []byte
	Recipe string // for a photo: the imagetest recipe that makes Data ("imagetest:")
}

// Generate returns the cases first … first+n-1 of a seed. Each case
// depends only on the seed and its index, so any one can be made again
// alone.
func Generate(seed uint64, first, n int) []Case {
	cases := make([]Case, n)
	for i := range n {
		cases[i] = NewCase(seed, first+i)
	}
	return cases
}

// NewCase makes case i of seed.
func NewCase(seed uint64, i int) Case {
	g := &gen{r: rand.New(rand.NewPCG(seed, uint64(i)))}
	g.c.Name = fmt.Sprintf("%d-%04d", seed, i)
	g.site()
	return g.c
}

type gen struct {
	r        *rand.Rand
	c        Case
	pages    []*pageSpec
	photoDir string // the bundle that has photo.jpg, if any
}

// chance is true with probability p.
func (g *gen) chance(p float64) bool { return g.r.Float64() < p }

func pick[T any](g *gen, xs ...T) T { return xs[g.r.IntN(len(xs))] }

// weighted picks a key of choices with probability proportional to its weight.
func weighted[T any](g *gen, choices []weight[T]) T {
	total := 0
	for _, c := range choices {
		total += c.w
	}
	n := g.r.IntN(total)
	for _, c := range choices {
		if n < c.w {
			return c.v
		}
		n -= c.w
	}
	panic("unreachable")
}

type weight[T any] struct {
	w int
	v T
}

func (g *gen) note(format string, args ...any) {
	g.c.Notes = append(g.c.Notes, fmt.Sprintf(format, args...))
}

// pageSpec is a content file being made.
type pageSpec struct {
	path   string
	format string // yaml, toml, json, org, none
	fields []kv
	body   []string // blocks, joined by blank lines
	markup string   // md, html, org, adoc, rst, pandoc: how the body is written

	bom, crlf, badByte, nul bool
	unclosed                bool   // the front matter has no closing delimiter
	leading                 string // text before the front matter
	delimSuffix             string // after the opening and closing delimiters
}

// site chooses the shape of the case and makes its files.
func (g *gen) site() {
	slug := pick(g, "hyesan-rice-prices", "hoeryong-phone-calls", "border-checkpoint", "market-rules", "x")
	year := pick(g, "2019", "2024", "2026")
	bundle := "news/" + year + "/" + slug
	shape := weighted(g, []weight[string]{
		{50, "single"}, {14, "translation"}, {10, "neighbour"}, {12, "section"}, {8, "odd"}, {6, "twins"},
	})
	g.note("shape: %s", shape)
	switch shape {
	case "single":
		if g.chance(0.15) {
			g.photoDir = bundle
		}
		g.article(bundle+"/index"+g.ext(), true)
	case "translation":
		if g.chance(0.1) {
			g.photoDir = bundle
		}
		p := g.article(bundle+"/index.md", true)
		name := weighted(g, []weight[string]{{8, "index.ko.md"}, {1, "index.KO.md"}, {1, "index.kr.md"}, {1, "index.ko.markdown"}})
		ko := g.article(bundle+"/"+name, g.chance(0.5))
		if g.chance(0.85) {
			ko.set("translationKey", p.get("translationKey"))
		}
		ko.set("title", str("혜산 쌀값 올라"))
		if g.chance(0.3) {
			ko.set("draft", word("true"))
			g.note("the translation is a draft (as after dispatch new --lang ko)")
		}
	case "neighbour":
		a := g.article(bundle+"/index"+g.ext(), true)
		n := g.cleanArticle("news/2023/neighbour/index.md")
		n.body = []string{"A neighbouring report that others link to."}
		// A link or ref to a page the build leaves out is missing: Hugo
		// fails on the ref, and the check must say so.
		left := weighted(g, []weight[string]{{6, ""}, {2, "draft"}, {1, "future"}, {1, "expired"}})
		if left != "" && a.markup == "md" && g.chance(0.7) {
			a.body = append(a.body, pick(g, `{{< ref "/news/2023/neighbour" >}}`, `See [it]({{< relref "neighbour" >}}).`,
				"See [the neighbour](/news/2023/neighbour/).", "See [the neighbour](../../2023/neighbour/)."))
		}
		switch left {
		case "draft":
			n.set("draft", word("true"))
			g.note("the page others link to is a draft")
		case "future":
			n.set("publishDate", word("2999-01-01T00:00:00Z"))
			g.note("the page others link to is scheduled")
		case "expired":
			n.set("expiryDate", word("2001-01-01T00:00:00Z"))
			g.note("the page others link to has expired")
		}
	case "section":
		section := pick(g, "news", "news/"+year, "analysis")
		idx := &pageSpec{path: section + "/_index.md", format: "yaml", markup: "md",
			fields: []kv{{"title", str("News")}, {"description", str("Reports from inside the country.")}}}
		g.pages = append(g.pages, idx)
		g.cascade(idx)
		if g.chance(0.3) {
			g.mutateFrontMatter(idx, 1)
		}
		g.article(section+"/"+slug+"/index"+g.ext(), true)
	case "odd":
		name := weighted(g, []weight[string]{
			{3, bundle + "/.hidden.md"}, {3, "news/" + year + "/_draft-notes.md"}, {3, "news/" + year + "/" + slug + ".md"},
			{2, bundle + "/index.unknownlang.md"}, {2, bundle + "/INDEX.md"}, {2, bundle + "/index.en.md"},
			{2, "news/" + year + "/" + slug + " copy.md"}, {2, "about/" + slug + ".md"}, {2, slug + ".md"},
			{2, bundle + "/index.KO.md"}, {1, ".drafts/" + slug + ".md"}, {1, "news/" + year + "/" + slug + ".en.md"},
		})
		g.article(name, true)
	case "twins":
		p := g.article(bundle+"/index.md", true)
		q := g.cleanArticle("news/2023/other-report/index.md")
		if g.chance(0.7) {
			q.set("translationKey", p.get("translationKey"))
			g.note("two articles share a translationKey")
		}
		if g.chance(0.3) {
			q.set("slug", word(slug))
			g.note("the second article takes the first one's slug")
		}
	}
	g.finish()
}

// ext is the extension of an article: mostly Markdown, then every other
// format Hugo renders.
func (g *gen) ext() string {
	return weighted(g, []weight[string]{
		{60, ".md"}, {4, ".markdown"}, {4, ".mdown"}, {3, ".MD"}, {4, ".html"}, {2, ".htm"}, {5, ".org"},
		{2, ".adoc"}, {1, ".asciidoc"}, {1, ".ad"}, {2, ".rst"}, {1, ".pdc"}, {1, ".pandoc"},
	})
}

func markupOf(name string) string {
	switch strings.ToLower(path.Ext(name)) {
	case ".html", ".htm":
		return "html"
	case ".org":
		return "org"
	case ".adoc", ".asciidoc", ".ad":
		return "adoc"
	case ".rst":
		return "rst"
	case ".pdc", ".pandoc":
		return "pandoc"
	}
	return "md"
}

// cleanArticle is an article that passes the check and that Hugo publishes.
func (g *gen) cleanArticle(name string) *pageSpec {
	p := &pageSpec{path: name, format: "yaml", markup: "md", fields: []kv{
		{"title", str("Checkpoint permits get harder to obtain")},
		{"date", word("2019-03-04T09:00:00+09:00")},
		{"authors", strs(false, "Dispatch Staff")},
		{"description", str("Residents say travel permits now take weeks.")},
		{"tags", strs(false, "travel permits")},
		{"regions", strs(false, "North Hamgyong")},
		{"translationKey", str(strings.ReplaceAll(path.Dir(name), "/", "-"))},
	}}
	g.pages = append(g.pages, p)
	return p
}

// article makes an article with a realistic front matter and body, then
// applies the grammar's mutations. With mutate false it stays as an editor
// would write it.
func (g *gen) article(name string, mutate bool) *pageSpec {
	p := &pageSpec{path: name, markup: markupOf(name)}
	g.pages = append(g.pages, p)
	p.format = weighted(g, []weight[string]{{84, "yaml"}, {7, "toml"}, {6, "json"}, {2, "none"}, {1, "org"}})
	if p.markup == "org" && g.chance(0.5) {
		p.format = "org"
	}
	if p.format != "yaml" {
		g.note("%s: %s front matter", name, p.format)
	}
	tkey := strings.ReplaceAll(strings.TrimPrefix(path.Dir(name), "news/"), "/", "-")
	p.fields = []kv{
		{"title", str(pick(g, "Rice prices rise in Hyesan", "Phone calls across the border get shorter", "New rules for market traders"))},
		{"date", g.date(false)},
		{"authors", g.terms("authors", 1+g.r.IntN(2), false)},
		{"description", str("Traders say a kilogram of rice costs more this week than at any time this year.")},
		{"tags", g.terms("tags", 1+g.r.IntN(2), false)},
		{"regions", g.terms("regions", g.r.IntN(2), false)},
		{"translationKey", str(tkey)},
	}
	if g.chance(0.3) {
		p.set("sourceNote", word(pick(g, "true", "false")))
	}
	if g.chance(0.1) {
		p.set("lastmod", g.date(false))
	}
	if g.chance(0.3) {
		// A draft as editors write it, in YAML's and Hugo's own spellings.
		p.set("draft", word(pick(g, "true", "false")))
	}
	if g.photoDir != "" && path.Dir(name) == g.photoDir && g.chance(0.5) {
		p.set("image", mapping(true, kv{"src", str("photo.jpg")}, kv{"alt", str("Traders at a market stall")},
			kv{"credit", str("Jane Doe")}, kv{"license", str("CC BY 4.0")}))
	}
	g.body(p)
	if mutate {
		g.mutateFrontMatter(p, weighted(g, []weight[int]{{25, 0}, {40, 1}, {25, 2}, {10, 3}}))
		g.encoding(p)
	}
	return p
}

func (p *pageSpec) get(key string) val {
	for _, f := range p.fields {
		if f.k == key {
			return f.v
		}
	}
	return val{}
}

// set replaces the value of key, or adds the key at the end.
func (p *pageSpec) set(key string, v val) {
	for i, f := range p.fields {
		if f.k == key {
			p.fields[i].v = v
			return
		}
	}
	p.fields = append(p.fields, kv{key, v})
}

func (p *pageSpec) del(key string) {
	p.fields = slices.DeleteFunc(p.fields, func(f kv) bool { return f.k == key })
}

// Terms: in the vocabulary, near misses and strangers.
var (
	goodTerms = map[string][]string{
		"tags":    {"markets", "border regions", "smuggling", "mobile phones", "women"},
		"regions": {"Hyesan", "Hoeryong", "North Hamgyong"},
		"authors": {"Dispatch Staff", "Han Ji-won", "Dispatch Editors"},
	}
	badTerms = map[string][]string{
		"tags":    {"market", "Border Regions", "border region", "Pyongyang politics", "TODO", "mobile-phones"},
		"regions": {"Pyongyang", "hyesan", "Hyesan City"},
		"authors": {"Dispatch Staf", "Han Jiwon", "Anonymous"},
	}
)

func (g *gen) terms(tax string, n int, bad bool) val {
	var ss []string
	for range n {
		pool := goodTerms[tax]
		if bad && (len(ss) == 0 || g.chance(0.5)) {
			pool = badTerms[tax]
		}
		ss = append(ss, pick(g, pool...))
	}
	if g.chance(0.5) {
		items := make([]val, len(ss))
		for i, s := range ss {
			items[i] = word(s) // written bare, as editors do
		}
		return list(g.chance(0.5), items...)
	}
	return strs(g.chance(0.4), ss...)
}

// date is a date value: valid with an offset, or (when odd) in every other
// form editors write, far in the past or far in the future.
func (g *gen) date(odd bool) val {
	past := pick(g, "2019-03-04", "2001-02-03", "2024-10-21")
	future := pick(g, "2999-12-31", "2100-01-01", "2026-11-26")
	day := past
	if odd && g.chance(0.35) {
		day = future
	}
	s := day + "T09:00:00+09:00"
	if odd {
		s = weighted(g, []weight[string]{
			{4, day + "T09:00:00+09:00"}, {3, day + "T00:00:00Z"}, {3, day + "T09:00:00"}, {4, day + " 14:00"},
			{3, day}, {2, day + " 14:00:00"}, {2, day + "T09:00:00.123+09:00"}, {1, day + " 14:00:00 +09:00"},
			{1, day + "T09:00"}, {2, "yesterday"}, {1, "2024-13-45T00:00:00Z"}, {1, "21/10/2024"},
			{1, "2019-03-04T25:00:00+09:00"}, {1, "0000-00-00"}, {1, ""},
		})
	}
	if s == "" {
		return raw("", `""`, `""`)
	}
	if g.chance(0.3) {
		return str(s)
	}
	return word(s)
}

// Values of draft: YAML 1.2's and 1.1's booleans, strings, numbers.
var draftSpellings = []string{"true", "false", "yes", "no", "y", "n", "on", "off", "True", "TRUE", "False",
	"FALSE", "1", "0", `"true"`, `"false"`, `"yes"`, `'no'`, `"t"`, `"1"`, "~", "", "[true]"}

func (g *gen) draftValue() val {
	s := pick(g, draftSpellings...)
	switch {
	case s == "~" || s == "":
		return raw(s, `""`, "null")
	case s == "[true]":
		return list(false, word("true"))
	case strings.HasPrefix(s, `"`) || strings.HasPrefix(s, `'`):
		return str(s[1 : len(s)-1])
	}
	return word(s)
}

// hostile is a path an attacker, or a careless paste, might use in url,
// slug or aliases.
func (g *gen) pathValue(safe []string) string {
	if g.chance(0.4) {
		return pick(g, safe...)
	}
	return pick(g, "/a b/", "/x\n/y/", "/x; } location / { return 301 https://evil.example/; } #", "../../etc/passwd",
		"http://evil.example/", "https://dispatch.example/news/", "//evil.example/x/", "/news/../../../x/", "/x/%0a/",
		"/x\"y/", "/x'y/", "/x{y}/", "/news/2023/neighbour/", "/", "", "/x\\y/", "/x\ty/", "/ümlaut/", "/index.xml",
		"/_redirects", "/nginx.conf")
}

// mutateFrontMatter applies n mutations of the grammar to p's front matter.
func (g *gen) mutateFrontMatter(p *pageSpec, n int) {
	for range n {
		m := weighted(g, fmMutations)
		if note := m(g, p); note != "" {
			g.note("%s: %s", path.Base(p.path), note)
		}
	}
}

type fmMutation func(g *gen, p *pageSpec) string

var fmMutations = []weight[fmMutation]{
	{24, func(g *gen, p *pageSpec) string { // draft, every spelling and key case
		key := weighted(g, []weight[string]{{8, "draft"}, {2, "Draft"}, {1, "DRAFT"}})
		v := g.draftValue()
		p.del("draft")
		p.set(key, v)
		return fmt.Sprintf("%s: %s", key, v.flowYAML())
	}},
	{8, func(g *gen, p *pageSpec) string { // two keys that differ only in case
		a, b := g.draftValue(), g.draftValue()
		k2 := pick(g, "Draft", "DRAFT")
		p.del("draft")
		if g.chance(0.5) {
			p.fields = append(p.fields, kv{"draft", a}, kv{k2, b})
			return fmt.Sprintf("draft: %s then %s: %s", a.flowYAML(), k2, b.flowYAML())
		}
		p.fields = append(p.fields, kv{k2, b}, kv{"draft", a})
		return fmt.Sprintf("%s: %s then draft: %s", k2, b.flowYAML(), a.flowYAML())
	}},
	{3, func(g *gen, p *pageSpec) string { // other keys that differ only in case
		k := pick(g, "title", "tags", "date", "slug", "headless", "url")
		v := map[string]val{"title": str("Another title"), "tags": strs(false, "Pyongyang politics"),
			"date": word("2999-01-01T00:00:00Z"), "slug": word("other"), "headless": word("true"), "url": str("/elsewhere/")}[k]
		K := strings.ToUpper(k[:1]) + k[1:]
		p.fields = append(p.fields, kv{K, v})
		return fmt.Sprintf("%s and %s: %s", k, K, v.flowYAML())
	}},
	{4, func(g *gen, p *pageSpec) string { // published, Hugo's other draft key
		v := pick(g, word("true"), word("false"), word("yes"), str("false"), word("0"), word("2999-01-01T00:00:00Z"))
		p.set(pick(g, "published", "Published"), v)
		return "published: " + v.flowYAML()
	}},
	{18, func(g *gen, p *pageSpec) string { // dates, in every form and key
		key := weighted(g, []weight[string]{
			{6, "date"}, {3, "publishDate"}, {2, "pubDate"}, {1, "pubdate"}, {1, "published"}, {3, "expiryDate"},
			{2, "unpublishdate"}, {2, "lastmod"}, {1, "modified"}, {1, "Date"}, {1, "expirydate"}, {1, "publishdate"},
		})
		v := g.date(true)
		p.set(key, v)
		return fmt.Sprintf("%s: %s", key, v.flowYAML())
	}},
	{5, func(g *gen, p *pageSpec) string { // a key written twice
		k := pick(g, "tags", "title", "draft", "date", "authors")
		v := map[string]val{"tags": strs(false, "smuggling"), "title": str("A second title"), "draft": word("false"),
			"date": word("2999-01-01T00:00:00Z"), "authors": strs(false, "Han Ji-won")}[k]
		p.fields = append(p.fields, kv{k, v})
		return k + " twice"
	}},
	{5, func(g *gen, p *pageSpec) string { // build options
		v := pick(g,
			mapping(g.chance(0.5), kv{"render", word("never")}),
			mapping(g.chance(0.5), kv{"render", word("link")}),
			mapping(g.chance(0.5), kv{"list", word("never")}),
			mapping(g.chance(0.5), kv{"render", word("always")}, kv{"list", word("local")}),
			mapping(g.chance(0.5), kv{"publishResources", word("true")}),
			mapping(g.chance(0.5), kv{"render", word("false")}),
			mapping(g.chance(0.5), kv{"render", word("sometimes")}),
			word("never"),
		)
		p.set(pick(g, "build", "build", "_build", "Build"), v)
		return "build: " + v.flowYAML()
	}},
	{3, func(g *gen, p *pageSpec) string { // cascade from a page
		g.cascade(p)
		return ""
	}},
	{4, func(g *gen, p *pageSpec) string { // outputs
		v := pick(g, strs(false, "HTML", "RSS"), strs(false, "RSS"), list(false), strs(false, "json"),
			strs(false, "nonexistent"), str("html"), strs(false, "html", "Headers"))
		p.set("outputs", v)
		return "outputs: " + v.flowYAML()
	}},
	{4, func(g *gen, p *pageSpec) string { // markup, layout, type
		k := pick(g, "markup", "layout", "type")
		v := map[string][]string{
			"markup": {"html", "goldmark", "markdown", "org", "asciidocext", "pandoc", "rst", "nonexistent", "md"},
			"layout": {"nonexistent", "list", "baseof", "home", "single"},
			"type":   {"nonexistent", "page", "authors", "tags", "news"},
		}[k]
		s := pick(g, v...)
		p.set(k, str(s))
		return fmt.Sprintf("%s: %q", k, s)
	}},
	{3, func(g *gen, p *pageSpec) string { // headless
		v := pick(g, word("true"), word("false"), word("yes"), str("true"))
		p.set("headless", v)
		return "headless: " + v.flowYAML()
	}},
	{3, func(g *gen, p *pageSpec) string { // sites: the page's languages and versions
		v := pick(g,
			mapping(true, kv{"matrix", mapping(true, kv{"languages", strs(false, "ko")})}),
			mapping(true, kv{"matrix", mapping(true, kv{"languages", strs(false, "**")})}),
			mapping(true, kv{"matrix", mapping(true, kv{"languages", strs(false, "xx")})}),
			mapping(false, kv{"complements", mapping(false, kv{"languages", strs(false, "ko")})}),
			str("ko"),
		)
		p.set("sites", v)
		return "sites: " + v.flowYAML()
	}},
	{6, func(g *gen, p *pageSpec) string { // url, slug
		if g.chance(0.5) {
			s := g.pathValue([]string{"/custom/", "/news/2024/elsewhere/", "/ko/somewhere/"})
			p.set("url", str(s))
			return fmt.Sprintf("url: %q", s)
		}
		s := g.pathValue([]string{"other-slug", "한글-제목", "-trimmed-"})
		s = strings.Trim(s, "/")
		p.set("slug", str(s))
		return fmt.Sprintf("slug: %q", s)
	}},
	{6, func(g *gen, p *pageSpec) string { // aliases
		n := 1 + g.r.IntN(2)
		var ss []string
		for range n {
			ss = append(ss, g.pathValue([]string{"/old/", "old-name", "/news/2020/old-story/", "/ko/old/", "/혜산/옛-기사/"}))
		}
		if g.chance(0.15) {
			p.set("aliases", str(ss[0]))
			return fmt.Sprintf("aliases: %q (not a list)", ss[0])
		}
		p.set("aliases", strs(g.chance(0.5), ss...))
		return fmt.Sprintf("aliases: %q", ss)
	}},
	{8, func(g *gen, p *pageSpec) string { // taxonomies out of the vocabulary
		tax := pick(g, "tags", "regions", "authors")
		v := g.terms(tax, 1+g.r.IntN(2), true)
		if g.chance(0.15) {
			v = str(pick(g, badTerms[tax]...))
		}
		p.set(tax, v)
		return fmt.Sprintf("%s: %s", tax, v.flowYAML())
	}},
	{3, func(g *gen, p *pageSpec) string { // deeply nested YAML
		depth := 5 + g.r.IntN(60)
		v := word("x")
		for range depth {
			if g.chance(0.5) {
				v = list(g.chance(0.3), v)
			} else {
				v = mapping(g.chance(0.3), kv{"a", v})
			}
		}
		p.set("params", mapping(true, kv{"nested", v}))
		return fmt.Sprintf("params nested %d deep", depth)
	}},
	{5, func(g *gen, p *pageSpec) string { // unknown keys and typos
		k := pick(g, "tag", "titel", "Tags", "foo", "description ", "region", "aliasses", "author", "DESCRIPTION")
		p.fields = append(p.fields, kv{k, strs(false, "markets")})
		return fmt.Sprintf("unknown key %q", k)
	}},
	{3, func(g *gen, p *pageSpec) string { // missing required fields
		k := pick(g, "title", "date", "authors", "description", "tags")
		p.del(k)
		return "no " + k
	}},
	{4, func(g *gen, p *pageSpec) string { // odd values of common keys
		k := pick(g, "title", "description", "weight", "sourceNote", "isCJKLanguage", "keywords", "summary", "translationKey")
		v := pick(g, word("yes"), word("123"), strs(false, "a", "b"), raw("", `""`, "null"), str("TODO: headline"),
			str(strings.Repeat("long ", 70)), mapping(false, kv{"a", word("b")}), word("2024-01-01"))
		p.set(k, v)
		return fmt.Sprintf("%s: %s", k, firstLine(v.flowYAML()))
	}},
	{3, func(g *gen, p *pageSpec) string { // the hero image
		v := pick(g,
			mapping(true, kv{"src", str("photo.jpg")}, kv{"alt", str("A market")}, kv{"credit", str("Jane Doe")}, kv{"license", str("CC BY 4.0")}),
			mapping(true, kv{"src", str("missing.jpg")}, kv{"alt", str("A market")}, kv{"credit", str("Jane Doe")}, kv{"license", str("CC BY 4.0")}),
			mapping(true, kv{"src", str("https://example.org/a.jpg")}, kv{"alt", str("A market")}, kv{"credit", str("Jane Doe")}, kv{"license", str("CC BY 4.0")}),
			mapping(true, kv{"src", str("photo.jpg")}),
			str("photo.jpg"),
		)
		p.set("image", v)
		return "image: " + v.flowYAML()
	}},
	{2, func(g *gen, p *pageSpec) string { // YAML merge keys and anchors
		if g.chance(0.5) {
			p.fields = append(p.fields, kv{"<<", mapping(false, kv{"draft", word("true")})})
			return "<<: {draft: true}"
		}
		p.fields = append(p.fields, kv{"defaults", raw("&d {draft: true}", `{ draft = true }`, `{"draft": true}`)},
			kv{"<<", raw("*d", `"*d"`, `"*d"`)})
		return "an anchor merged with <<"
	}},
	{2, func(g *gen, p *pageSpec) string { // resources, menus, sitemap
		k := pick(g, "resources", "menus", "sitemap", "cascade")
		v := map[string]val{
			"resources": list(true, mapping(true, kv{"src", str("photo.jpg")}, kv{"name", str("hero")})),
			"menus":     str("main"),
			"sitemap":   mapping(false, kv{"disable", word("true")}),
			"cascade":   str("x"),
		}[k]
		p.set(k, v)
		return fmt.Sprintf("%s: %s", k, v.flowYAML())
	}},
	{2, func(g *gen, p *pageSpec) string { // a YAML syntax mistake
		s := pick(g, "title: \"unterminated", "tags: [markets", "\tdraft: true", "title: a: b", "- a list item",
			"key with no colon", "draft: true\n  indented: wrong")
		p.fields = append(p.fields, kv{"", raw(s, "", "")}) // written as is, YAML only
		return fmt.Sprintf("a broken line %q", s)
	}},
}

// cascade gives a section (or a page) a cascade block.
func (g *gen) cascade(p *pageSpec) {
	inner := pick(g,
		[]kv{{"draft", word("true")}},
		[]kv{{"draft", word("yes")}},
		[]kv{{"build", mapping(false, kv{"render", word("never")}, kv{"list", word("never")})}},
		[]kv{{"build", mapping(false, kv{"publishResources", word("true")})}},
		[]kv{{"params", mapping(false, kv{"sourceNote", word("false")})}},
		[]kv{{"date", word("2999-01-01T00:00:00Z")}},
		[]kv{{"expiryDate", word("2001-01-01T00:00:00Z")}},
		[]kv{{"outputs", strs(false, "html")}},
		[]kv{{"headless", word("true")}},
		[]kv{{"type", str("nonexistent")}},
		[]kv{{"layout", str("nonexistent")}},
		[]kv{{"target", mapping(false, kv{"path", str("/news/**")})}, {"draft", word("true")}},
		[]kv{{"_target", mapping(false, kv{"path", str("{/news/**}")})}, {"build", mapping(false, kv{"render", word("never")})}},
		[]kv{{"target", mapping(false, kv{"kind", str("page")})}, {"expiryDate", word("2001-01-01T00:00:00Z")}},
	)
	v := mapping(g.chance(0.6), inner...)
	if g.chance(0.3) {
		v = list(true, v)
	}
	p.set("cascade", v)
	g.note("%s: cascade: %s", path.Base(p.path), v.flowYAML())
}

// encoding applies byte-level hostility: BOM, CRLF, bad bytes, front matter
// delimiters that are not quite right.
func (g *gen) encoding(p *pageSpec) {
	if g.chance(0.05) {
		p.bom = true
		g.note("%s: BOM", path.Base(p.path))
	}
	if g.chance(0.07) {
		p.crlf = true
		g.note("%s: CRLF line endings", path.Base(p.path))
	}
	if g.chance(0.02) {
		p.badByte = true
		g.note("%s: a byte that is not UTF-8", path.Base(p.path))
	}
	if g.chance(0.01) {
		p.nul = true
		g.note("%s: a NUL byte", path.Base(p.path))
	}
	if g.chance(0.03) {
		p.unclosed = true
		g.note("%s: the front matter is not closed", path.Base(p.path))
	}
	if g.chance(0.02) {
		p.leading = pick(g, "\n", " \n", "\n\n")
		g.note("%s: blank lines before the front matter", path.Base(p.path))
	}
	if g.chance(0.02) {
		p.delimSuffix = pick(g, " ", "\t", "-", " # comment")
		g.note("%s: %q after the delimiters", path.Base(p.path), p.delimSuffix)
	}
}

// finish renders every page, and the photo.
func (g *gen) finish() {
	for _, p := range g.pages {
		g.c.Files = append(g.c.Files, File{Name: p.path, Data: p.render(p.fields)})
		g.c.Pages = append(g.c.Pages, p.path)
	}
	if dir := g.photoDir; dir != "" {
		data, err := imagetest.File("photo.jpg", imagetest.Spec{})
		if err != nil {
			panic(err)
		}
		g.c.Files = append(g.c.Files, File{Name: dir + "/photo.jpg", Data: data, Recipe: "imagetest:"})
		g.note("photo.jpg in the bundle")
	}
	// Keys that differ only in case: Hugo keeps one of them, at random.
	for _, p := range g.pages {
		for _, fields := range foldVariants(p.fields) {
			files := slices.Clone(g.c.Files)
			for i := range files {
				if files[i].Name == p.path {
					files[i] = File{Name: p.path, Data: p.render(fields)}
				}
			}
			g.c.Variants = append(g.c.Variants, files)
		}
	}
	slices.SortFunc(g.c.Files, func(a, b File) int { return strings.Compare(a.Name, b.Name) })
}

// foldVariants returns, for fields with top-level keys that differ only in
// case, each set of fields that keeps one key of each such group.
func foldVariants(fields []kv) [][]kv {
	groups := map[string][]int{}
	var order []string
	for i, f := range fields {
		l := strings.ToLower(f.k)
		if l == "" {
			continue
		}
		if _, ok := groups[l]; !ok {
			order = append(order, l)
		}
		groups[l] = append(groups[l], i)
	}
	variants := [][]kv{fields}
	folded := false
	for _, l := range order {
		idx := groups[l]
		spellings := map[string]bool{}
		for _, i := range idx {
			spellings[fields[i].k] = true
		}
		if len(spellings) < 2 {
			continue
		}
		folded = true
		var next [][]kv
		for _, v := range variants {
			for _, keep := range idx {
				var out []kv
				for i, f := range v {
					if strings.ToLower(f.k) == l && fields[keep].k != f.k {
						continue
					}
					_ = i
					out = append(out, f)
				}
				next = append(next, out)
			}
		}
		variants = next
	}
	if !folded {
		return nil
	}
	return variants
}

// render writes the page's bytes.
func (p *pageSpec) render(fields []kv) []byte {
	var b strings.Builder
	b.WriteString(p.leading)
	open, closing := "", ""
	var fm string
	switch p.format {
	case "yaml":
		open, closing = "---", "---"
		fm = yamlDoc(fields)
	case "toml":
		open, closing = "+++", "+++"
		fm = tomlDoc(fields)
	case "json":
		fm = jsonDoc(fields)
	case "org":
		fm = orgDoc(fields)
	}
	if open != "" {
		b.WriteString(open + p.delimSuffix + "\n")
	}
	if p.unclosed && p.format == "json" {
		fm = strings.TrimSuffix(fm, "}\n")
	}
	b.WriteString(fm)
	if closing != "" && !p.unclosed {
		b.WriteString(closing + p.delimSuffix + "\n")
	}
	b.WriteString("\n")
	b.WriteString(strings.Join(p.body, "\n\n"))
	b.WriteString("\n")
	s := b.String()
	if p.crlf {
		s = strings.ReplaceAll(s, "\n", "\r\n")
	}
	if p.badByte {
		s = strings.Replace(s, "costs", "co\xedsts", 1)
		if !strings.Contains(s, "\xed") {
			s += "Bad \xed byte.\n"
		}
	}
	if p.nul {
		s += "A NUL \x00 byte.\n"
	}
	if p.bom {
		s = "\ufeff" + s
	}
	return []byte(s)
}

func firstLine(s string) string {
	s, _, _ = strings.Cut(s, "\n")
	if len(s) > 60 {
		s = s[:60] + "…"
	}
	return s
}
