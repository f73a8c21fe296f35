// Tests of the built example site as machines read it: structured data,
// link previews, feeds and sitemaps. The site is built once, by the dispatch
// command itself, from a copy of this repository with one article published
// an hour ago (and its Korean translation), so that the Google News sitemap,
// which lists the last two days, has something in it.
package dispatch_test

import (
	"bytes"
	"context"
	"encoding/json"
	"encoding/xml"
	"fmt"
	yaml "github.com/goccy/go-yaml"
	"io/fs"
	"os"
	"path/filepath"
	"regexp"
	"slices"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/dispatch-news/dispatch/internal/cli"
	"github.com/dispatch-news/dispatch/internal/sitecopy"
	"github.com/mmcdole/gofeed"
	"golang.org/x/net/html"
)

const (
	baseURL  = "https://dispatch.example/"
	hoeryong = "news/2024/hoeryong-phone-calls/"
	fresh    = "news/2026/fresh-report/"
)

// clock is "now" for the build of the example site, so that no test
// depends on the day it runs; the fresh report is an hour older.
var clock = time.Date(2026, 6, 1, 12, 0, 0, 0, time.FixedZone("KST", 9*3600))

var (
	builtOnce sync.Once
	builtDir  string
	builtErr  error
)

// built returns the public folder of the example site, built once.
func built(t *testing.T) string {
	t.Helper()
	builtOnce.Do(func() {
		dir, err := os.MkdirTemp("", "dispatch-site-")
		if err != nil {
			builtErr = err
			return
		}
		builtDir = filepath.Join(dir, "public")
		builtErr = buildExample(dir)
	})
	if builtErr != nil {
		t.Fatal(builtErr)
	}
	return builtDir
}

func buildExample(dir string) error {
	if err := sitecopy.Example(".", dir); err != nil {
		return err
	}
	date := clock.Add(-time.Hour).Format(time.RFC3339)
	article := func(title, desc string) string {
		return fmt.Sprintf("---\ntitle: %q\ndate: %s\nauthors: [\"Dispatch Staff\"]\ndescription: %q\n"+
			"tags: [\"markets\"]\nregions: [\"Hyesan\"]\ntranslationKey: \"fresh-report\"\n---\n\nA short report.\n", title, date, desc)
	}
	bundle := filepath.Join(dir, "content", filepath.FromSlash(fresh))
	if err := os.MkdirAll(bundle, 0o755); err != nil {
		return err
	}
	if err := os.WriteFile(filepath.Join(bundle, "index.md"), []byte(article("Rice prices rise in Hyesan", "Traders say a kilogram of rice costs more this week.")), 0o644); err != nil {
		return err
	}
	if err := os.WriteFile(filepath.Join(bundle, "index.ko.md"), []byte(article("혜산 쌀값 올라", "이번 주 쌀 1킬로그램 값이 올랐다고 상인들이 전했다.")), 0o644); err != nil {
		return err
	}
	var out, errs bytes.Buffer
	if code := cli.Run(context.Background(), []string{"build", "--source", dir, "--quiet", "--clock", clock.Format(time.RFC3339)}, &out, &errs); code != 0 {
		return fmt.Errorf("dispatch build: exit %d\n%s", code, errs.String())
	}
	return nil
}

func readPublic(t *testing.T, rel string) []byte {
	t.Helper()
	b, err := os.ReadFile(filepath.Join(built(t), filepath.FromSlash(rel)))
	if err != nil {
		t.Fatal(err)
	}
	return b
}

// head returns the meta and link elements of a page's head, and its JSON-LD
// blocks.
type head struct {
	meta   map[string][]string // property or name -> contents
	links  []map[string]string
	jsonld []string
}

func parseHead(t *testing.T, rel string) head {
	t.Helper()
	doc, err := html.Parse(bytes.NewReader(readPublic(t, rel)))
	if err != nil {
		t.Fatal(err)
	}
	h := head{meta: map[string][]string{}}
	var walk func(n *html.Node)
	walk = func(n *html.Node) {
		if n.Type == html.ElementNode {
			a := map[string]string{}
			for _, at := range n.Attr {
				a[at.Key] = at.Val
			}
			switch n.Data {
			case "meta":
				key := a["property"]
				if key == "" {
					key = a["name"]
				}
				h.meta[key] = append(h.meta[key], a["content"])
			case "link":
				h.links = append(h.links, a)
			case "script":
				if a["type"] == "application/ld+json" && n.FirstChild != nil {
					h.jsonld = append(h.jsonld, n.FirstChild.Data)
				}
			}
		}
		for c := n.FirstChild; c != nil; c = c.NextSibling {
			walk(c)
		}
	}
	walk(doc)
	return h
}

// graph parses a page's JSON-LD and returns its nodes by @type.
func graph(t *testing.T, rel string) map[string]map[string]any {
	t.Helper()
	h := parseHead(t, rel)
	if len(h.jsonld) != 1 {
		t.Fatalf("%s: %d JSON-LD blocks, want 1", rel, len(h.jsonld))
	}
	var doc struct {
		Context string           `json:"@context"`
		Graph   []map[string]any `json:"@graph"`
	}
	if err := json.Unmarshal([]byte(h.jsonld[0]), &doc); err != nil {
		t.Fatalf("%s: JSON-LD does not parse: %v\n%s", rel, err, h.jsonld[0])
	}
	if doc.Context != "https://schema.org" {
		t.Errorf("%s: @context %q", rel, doc.Context)
	}
	nodes := map[string]map[string]any{}
	for _, n := range doc.Graph {
		nodes[n["@type"].(string)] = n
	}
	return nodes
}

// get follows a path of keys and list indexes through decoded JSON.
func get(v any, path ...any) any {
	for _, p := range path {
		switch k := p.(type) {
		case string:
			m, ok := v.(map[string]any)
			if !ok {
				return nil
			}
			v = m[k]
		case int:
			l, ok := v.([]any)
			if !ok || k >= len(l) {
				return nil
			}
			v = l[k]
		}
	}
	return v
}

func TestEveryJSONLDBlockParses(t *testing.T) {
	pub := built(t)
	pages := 0
	err := filepath.WalkDir(pub, func(path string, d fs.DirEntry, err error) error {
		if err != nil || d.IsDir() || !strings.HasSuffix(path, ".html") {
			return err
		}
		rel, _ := filepath.Rel(pub, path)
		h := parseHead(t, filepath.ToSlash(rel))
		for _, block := range h.jsonld {
			pages++
			if !json.Valid([]byte(block)) {
				t.Errorf("%s: JSON-LD does not parse:\n%s", rel, block)
			}
		}
		return nil
	})
	if err != nil {
		t.Fatal(err)
	}
	if pages < 30 {
		t.Errorf("only %d pages have JSON-LD", pages)
	}
}

func TestArticleJSONLD(t *testing.T) {
	g := graph(t, hoeryong+"index.html")
	a := g["NewsArticle"]
	if a == nil {
		t.Fatal("no NewsArticle")
	}
	url := baseURL + hoeryong
	for _, c := range []struct {
		path []any
		want any
	}{
		{[]any{"@id"}, url + "#article"},
		{[]any{"url"}, url},
		{[]any{"headline"}, "Hoeryong residents told overseas calls now mean a camp sentence, for lenders of phones too"},
		{[]any{"datePublished"}, "2024-10-21T09:00:00+09:00"},
		{[]any{"dateModified"}, "2024-10-22T10:30:00+09:00"},
		{[]any{"inLanguage"}, "en"},
		{[]any{"articleSection"}, "News"},
		{[]any{"keywords", 0}, "surveillance"},
		{[]any{"keywords", 1}, "border regions"},
		{[]any{"author", 0, "@type"}, "Organization"},
		{[]any{"author", 0, "name"}, "Dispatch Staff"},
		{[]any{"author", 0, "url"}, baseURL + "authors/dispatch-staff/"},
		{[]any{"publisher", "@type"}, "NewsMediaOrganization"},
		{[]any{"publisher", "name"}, "Dispatch"},
		{[]any{"publisher", "logo", "url"}, baseURL + "images/logo.png"},
		{[]any{"publisher", "logo", "width"}, 600.0},
		{[]any{"publisher", "publishingPrinciples"}, baseURL + "about/"},
		{[]any{"publisher", "correctionsPolicy"}, baseURL + "about/corrections/"},
		{[]any{"publisher", "unnamedSourcesPolicy"}, baseURL + "about/sources/"},
		{[]any{"publisher", "ethicsPolicy"}, baseURL + "about/ethics/"},
		{[]any{"image", "@type"}, "ImageObject"},
		{[]any{"image", "width"}, 1200.0},
		{[]any{"image", "creditText"}, "Dispatch (generated illustration)"},
		{[]any{"image", "copyrightNotice"}, "Dispatch (generated illustration)"},
		{[]any{"image", "license"}, "https://creativecommons.org/licenses/by/4.0/"},
		{[]any{"contentLocation", 0, "@type"}, "Place"},
		{[]any{"contentLocation", 0, "name"}, "Hoeryong"},
		{[]any{"contentLocation", 0, "url"}, baseURL + "regions/hoeryong/"},
		{[]any{"correction", 0, "@type"}, "CorrectionComment"},
		{[]any{"correction", 0, "datePublished"}, "2024-10-22T10:30:00+09:00"},
		{[]any{"workTranslation", 0, "@id"}, baseURL + "ko/" + hoeryong + "#article"},
		{[]any{"workTranslation", 0, "inLanguage"}, "ko"},
	} {
		if got := get(a, c.path...); got != c.want {
			t.Errorf("NewsArticle %v = %#v, want %#v", c.path, got, c.want)
		}
	}
	// The image the structured data names is published.
	img, _ := get(a, "image", "url").(string)
	if _, err := os.Stat(filepath.Join(built(t), strings.TrimPrefix(img, baseURL))); err != nil {
		t.Errorf("image %s is not published: %v", img, err)
	}
	if s, _ := get(a, "correction", 0, "text").(string); !strings.Contains(s, "October 12") {
		t.Errorf("correction text %q", s)
	}

	crumbs := g["BreadcrumbList"]
	var names []string
	for i := range 3 {
		names = append(names, fmt.Sprint(get(crumbs, "itemListElement", i, "name")))
		if pos := get(crumbs, "itemListElement", i, "position"); pos != float64(i+1) {
			t.Errorf("breadcrumb %d has position %v", i, pos)
		}
	}
	if want := []string{"Dispatch", "News", a["headline"].(string)}; !slices.Equal(names, want) {
		t.Errorf("breadcrumbs %q, want %q", names, want)
	}

	ko := graph(t, "ko/"+hoeryong+"index.html")["NewsArticle"]
	if got := get(ko, "translationOfWork", "@id"); got != url+"#article" {
		t.Errorf("Korean translationOfWork = %v", got)
	}
	if get(ko, "inLanguage") != "ko" || get(ko, "author", 0, "@type") != "Organization" {
		t.Errorf("Korean article: inLanguage %v, author %v", get(ko, "inLanguage"), get(ko, "author", 0))
	}
}

func TestHomeAndCollectionJSONLD(t *testing.T) {
	g := graph(t, "index.html")
	if get(g["WebSite"], "url") != baseURL || get(g["WebSite"], "publisher", "@id") != baseURL+"#organization" {
		t.Errorf("WebSite: %v", g["WebSite"])
	}
	if get(g["NewsMediaOrganization"], "unnamedSourcesPolicy") != baseURL+"about/sources/" {
		t.Errorf("NewsMediaOrganization: %v", g["NewsMediaOrganization"])
	}
	for _, rel := range []string{"news/", "tags/surveillance/", "regions/hoeryong/", "authors/dispatch-staff/", "tags/"} {
		c := graph(t, rel+"index.html")["CollectionPage"]
		if get(c, "url") != baseURL+rel {
			t.Errorf("%s: CollectionPage %v", rel, c)
		}
	}
}

func TestOpenGraphAndAlternates(t *testing.T) {
	h := parseHead(t, hoeryong+"index.html")
	for key, want := range map[string]string{
		"og:type":                "article",
		"og:url":                 baseURL + hoeryong,
		"og:locale":              "en_US",
		"og:locale:alternate":    "ko_KR",
		"article:published_time": "2024-10-21T09:00:00+09:00",
		"article:modified_time":  "2024-10-22T10:30:00+09:00",
		"article:section":        "News",
		"og:image:width":         "1200",
		"og:image:height":        "750",
		"og:image:alt":           "Drawing of a row of low houses on the far bank of a river, with hills behind them at dusk",
		"twitter:card":           "summary_large_image",
	} {
		if got := h.meta[key]; len(got) != 1 || got[0] != want {
			t.Errorf("%s = %q, want %q", key, got, want)
		}
	}
	if tags := h.meta["article:tag"]; !slices.Equal(tags, []string{"surveillance", "border regions", "mobile phones"}) {
		t.Errorf("article:tag = %q", tags)
	}
	if img := h.meta["og:image"]; len(img) != 1 || !strings.HasPrefix(img[0], baseURL+hoeryong) || h.meta["twitter:image"][0] != img[0] {
		t.Errorf("og:image %q, twitter:image %q", img, h.meta["twitter:image"])
	}
	alternates := map[string]string{}
	var canonical string
	for _, l := range h.links {
		switch l["rel"] {
		case "alternate":
			if l["hreflang"] != "" {
				alternates[l["hreflang"]] = l["href"]
			}
		case "canonical":
			canonical = l["href"]
		}
	}
	if canonical != baseURL+hoeryong {
		t.Errorf("canonical %q", canonical)
	}
	want := map[string]string{"en": baseURL + hoeryong, "ko": baseURL + "ko/" + hoeryong, "x-default": baseURL + hoeryong}
	if fmt.Sprint(alternates) != fmt.Sprint(want) {
		t.Errorf("hreflang alternates %v, want %v", alternates, want)
	}

	// Feeds are announced on the home page.
	types := map[string]string{}
	for _, l := range parseHead(t, "index.html").links {
		if l["rel"] == "alternate" && l["type"] != "" {
			types[l["type"]] = l["href"]
		}
	}
	for typ, href := range map[string]string{"application/rss+xml": baseURL + "index.xml",
		"application/atom+xml": baseURL + "atom.xml", "application/feed+json": baseURL + "feed.json"} {
		if types[typ] != href {
			t.Errorf("home: no autodiscovery link %s %s (have %v)", typ, href, types)
		}
	}
	if h := parseHead(t, "index.html"); h.meta["og:type"][0] != "website" || h.meta["twitter:card"][0] != "summary" {
		t.Errorf("home: og:type %q, twitter:card %q", h.meta["og:type"], h.meta["twitter:card"])
	}
}

func TestFeeds(t *testing.T) {
	parse := func(rel string) *gofeed.Feed {
		t.Helper()
		f, err := gofeed.NewParser().ParseString(string(readPublic(t, rel)))
		if err != nil {
			t.Fatalf("%s: %v", rel, err)
		}
		return f
	}
	for _, c := range []struct {
		rel, feedType string
		want          []string // some item links, newest first
	}{
		{"index.xml", "rss", []string{fresh, "opinion/2024/surveillance-and-silence/"}},
		{"atom.xml", "atom", []string{fresh, "opinion/2024/surveillance-and-silence/"}},
		{"feed.json", "json", []string{fresh, "opinion/2024/surveillance-and-silence/"}},
		{"ko/index.xml", "rss", []string{"ko/" + fresh, "ko/" + hoeryong}},
		{"news/index.xml", "rss", []string{fresh, hoeryong, "news/2024/hyesan-market-rules/"}},
		{"tags/surveillance/index.xml", "rss", []string{"opinion/2024/surveillance-and-silence/"}},
		{"regions/hoeryong/index.xml", "rss", []string{hoeryong}},
		{"authors/dispatch-staff/index.xml", "rss", []string{fresh}},
	} {
		f := parse(c.rel)
		if f.FeedType != c.feedType {
			t.Errorf("%s: a %s feed, want %s", c.rel, f.FeedType, c.feedType)
		}
		var links []string
		for _, it := range f.Items {
			links = append(links, strings.TrimPrefix(it.Link, baseURL))
			if it.Title == "" || it.PublishedParsed == nil || (it.Description == "" && it.Content == "") {
				t.Errorf("%s: item %q lacks a title, date or text", c.rel, it.Link)
			}
		}
		last := -1
		for _, w := range c.want {
			i := slices.Index(links, w)
			if i < 0 || i < last {
				t.Errorf("%s: %s missing or out of order in %q", c.rel, w, links)
			}
			last = i
		}
		for i := 1; i < len(f.Items); i++ {
			if f.Items[i].PublishedParsed.After(*f.Items[i-1].PublishedParsed) {
				t.Errorf("%s: items not newest first at %d", c.rel, i)
			}
		}
	}
	// Fields a reader shows.
	rss := parse("index.xml")
	var hoer *gofeed.Item
	for _, it := range rss.Items {
		if it.Link == baseURL+hoeryong {
			hoer = it
		}
	}
	if hoer == nil || hoer.Authors[0].Name != "Dispatch Staff" || !slices.Contains(hoer.Categories, "Surveillance") ||
		!strings.HasPrefix(hoer.Description, "State security agents told") {
		t.Errorf("RSS item for the Hoeryong article: %+v", hoer)
	}
	if rss.Language != "en" || rss.Title != "Dispatch" {
		t.Errorf("RSS channel: language %q, title %q", rss.Language, rss.Title)
	}
	json := parse("feed.json")
	if json.FeedVersion != "https://jsonfeed.org/version/1.1" || json.FeedLink != baseURL+"feed.json" {
		t.Errorf("JSON Feed version %q, feed_url %q", json.FeedVersion, json.FeedLink)
	}
	atom := parse("atom.xml")
	if atom.Items[0].Authors[0].Name != "Dispatch Staff" || atom.Updated == "" {
		t.Errorf("Atom: first author %v, updated %q", atom.Items[0].Authors, atom.Updated)
	}
}

type urlset struct {
	URLs []struct {
		Loc       string `xml:"loc"`
		Lastmod   string `xml:"lastmod"`
		Alternate []struct {
			Hreflang string `xml:"hreflang,attr"`
			Href     string `xml:"href,attr"`
		} `xml:"http://www.w3.org/1999/xhtml link"`
		News *struct {
			Name     string `xml:"publication>name"`
			Language string `xml:"publication>language"`
			Date     string `xml:"publication_date"`
			Title    string `xml:"title"`
		} `xml:"http://www.google.com/schemas/sitemap-news/0.9 news"`
	} `xml:"url"`
}

func TestSitemaps(t *testing.T) {
	var index struct {
		Sitemaps []string `xml:"sitemap>loc"`
	}
	if err := xml.Unmarshal(readPublic(t, "sitemap.xml"), &index); err != nil {
		t.Fatal(err)
	}
	want := []string{baseURL + "en/sitemap.xml", baseURL + "news-sitemap.xml", baseURL + "ko/sitemap.xml", baseURL + "ko/news-sitemap.xml"}
	if !slices.Equal(index.Sitemaps, want) {
		t.Fatalf("sitemap index %q, want %q", index.Sitemaps, want)
	}
	sitemaps := map[string]urlset{}
	for _, loc := range index.Sitemaps {
		var s urlset
		if err := xml.Unmarshal(readPublic(t, strings.TrimPrefix(loc, baseURL)), &s); err != nil {
			t.Fatalf("%s: %v", loc, err)
		}
		sitemaps[loc] = s
	}

	en := sitemaps[baseURL+"en/sitemap.xml"]
	found := false
	for _, u := range en.URLs {
		if u.Loc != baseURL+hoeryong {
			continue
		}
		found = true
		alt := map[string]string{}
		for _, a := range u.Alternate {
			alt[a.Hreflang] = a.Href
		}
		if alt["en"] != baseURL+hoeryong || alt["ko"] != baseURL+"ko/"+hoeryong || alt["x-default"] != baseURL+hoeryong {
			t.Errorf("sitemap alternates of the Hoeryong article: %v", alt)
		}
		if u.Lastmod != "2024-10-22T10:30:00+09:00" {
			t.Errorf("lastmod %q", u.Lastmod)
		}
	}
	if !found {
		t.Errorf("the Hoeryong article is not in the English sitemap")
	}

	// Google News: only the last two days, to Google's format.
	for loc, lang := range map[string]string{baseURL + "news-sitemap.xml": "en", baseURL + "ko/news-sitemap.xml": "ko"} {
		s := sitemaps[loc]
		if len(s.URLs) != 1 {
			t.Fatalf("%s: %d entries, want only the fresh article", loc, len(s.URLs))
		}
		u := s.URLs[0]
		prefix := ""
		if lang == "ko" {
			prefix = "ko/"
		}
		if u.Loc != baseURL+prefix+fresh || u.News == nil || u.News.Name != "Dispatch" || u.News.Language != lang || u.News.Title == "" {
			t.Errorf("%s: %+v %+v", loc, u, u.News)
		}
		if d, err := time.Parse(time.RFC3339, u.News.Date); err != nil || clock.Sub(d) > 2*time.Hour {
			t.Errorf("%s: publication_date %q (%v)", loc, u.News.Date, err)
		}
	}

	robots := string(readPublic(t, "robots.txt"))
	for _, line := range []string{"Sitemap: " + baseURL + "sitemap.xml", "Sitemap: " + baseURL + "news-sitemap.xml", "Sitemap: " + baseURL + "ko/news-sitemap.xml"} {
		if !strings.Contains(robots, line+"\n") {
			t.Errorf("robots.txt lacks %q:\n%s", line, robots)
		}
	}
}

// TestArchiveAndAuthorPages: the archive by year and month, and an author
// page with a bio, a job title and a processed portrait.
func TestArchiveAndAuthorPages(t *testing.T) {
	archive := string(readPublic(t, "archive/index.html"))
	for _, want := range []string{`<a href="/archive/#y2024">2024</a>`, `<a href="/archive/#y2023">2023</a>`,
		`<h2 id="y2024">2024</h2>`, `<h3>October 2024</h3>`, `<a href="/` + hoeryong + `">`} {
		if !strings.Contains(archive, want) {
			t.Errorf("archive lacks %q", want)
		}
	}
	if i, j := strings.Index(archive, `id="y2026"`), strings.Index(archive, `id="y2023"`); i < 0 || j < i {
		t.Errorf("archive: years not newest first")
	}
	if ko := string(readPublic(t, "ko/archive/index.html")); !strings.Contains(ko, "<h3>2024년 10월</h3>") {
		t.Errorf("Korean archive has no Korean month heading")
	}
	author := string(readPublic(t, "authors/han-ji-won/index.html"))
	for _, want := range []string{`<h1>Han Ji-won</h1>`, `<p class="job">Economy analyst</p>`, `<figure class="photo portrait">`,
		`width="480" height="480" alt="Han Ji-won"`, "tracked food prices", `Why a smuggled phone`} {
		if !strings.Contains(author, want) {
			t.Errorf("author page lacks %q", want)
		}
	}
	if _, err := os.Stat(filepath.Join(built(t), "authors/han-ji-won/portrait.jpg")); err == nil {
		t.Errorf("the original portrait was published")
	}
}

// TestRelatedAndPrevNext: an article lists related articles (Hugo's related
// content on tags and regions) and the previous and next in its section.
func TestRelatedAndPrevNext(t *testing.T) {
	page := string(readPublic(t, hoeryong+"index.html"))
	related := page[strings.Index(page, `<aside class="related"`)+1:]
	related = related[:strings.Index(related, "</aside>")]
	if n := strings.Count(related, `<li class="card">`); n < 1 || n > 3 {
		t.Errorf("%d related articles, want 1 to 3", n)
	}
	if strings.Contains(related, `href="/`+hoeryong+`"`) {
		t.Errorf("the article is related to itself")
	}
	for _, want := range []string{`rel="prev"`, `rel="next"`} {
		if !strings.Contains(page, want) {
			t.Errorf("no %s link", want)
		}
	}
}

// TestTermPages: tag and region pages show the description of the term's
// _index.md in their language; the tag index lists every tag with a count.
func TestTermPages(t *testing.T) {
	for rel, want := range map[string]string{
		"tags/surveillance/index.html":    "How the North Korean state watches its citizens",
		"ko/tags/surveillance/index.html": "북한 당국이 주민을 감시하는 방식",
		"regions/hoeryong/index.html":     "A city in North Hamgyong on the Tumen River",
		"ko/regions/hoeryong/index.html":  "두만강을 사이에 두고",
	} {
		if page := string(readPublic(t, rel)); !strings.Contains(page, want) {
			t.Errorf("%s lacks its description %q", rel, want)
		}
	}
	index := string(readPublic(t, "tags/index.html"))
	b, err := os.ReadFile(filepath.Join("data", "vocabulary.yaml"))
	if err != nil {
		t.Fatal(err)
	}
	var vocab struct{ Tags map[string]any }
	if err := yaml.Unmarshal(b, &vocab); err != nil {
		t.Fatal(err)
	}
	if len(vocab.Tags) == 0 {
		t.Fatal("no tags in the vocabulary")
	}
	for tag := range vocab.Tags {
		slug := strings.ReplaceAll(tag, " ", "-")
		if !regexp.MustCompile(`<a href="/tags/` + slug + `/">[^<]+</a> <span class="count">\d+ articles?</span>`).MatchString(index) {
			t.Errorf("the tag index has no entry with a count for %q", tag)
		}
	}
}
