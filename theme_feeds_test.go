// Feeds and sitemaps under hostile content: every text field an editor
// writes reaches them escaped, and comes back as the same text.
package dispatch_test

import (
	"bytes"
	"encoding/json"
	"encoding/xml"
	"errors"
	"io"
	"path"
	"regexp"
	"strconv"
	"strings"
	"testing"
	"time"

	"github.com/gohugoio/hugo/hugolib"
	"golang.org/x/net/html"
	"golang.org/x/net/html/atom"
)

// hostile breaks a feed that does not escape it, or smuggles an element into
// one: markup characters, a CDATA end, both quotes, a vertical tab (a line
// break pasted from a word processor, which XML forbids), and a tag split by
// another so that a tag stripper (plainify) joins it back together.
const hostile = `A & B < C > D ]]> "q" 'a'` + "\v" + `<<b>x:script xmlns:x="http://www.w3.org/1999/xhtml">alert(1)<</b>/x:script>`

// xmlHostile is the hostile text as XML can carry it: without the vertical tab.
var xmlHostile = strings.ReplaceAll(hostile, "\v", "")

// hostileName is a tag and author name as an editor could type it: the same
// characters, but no slash, which would nest its page in another folder.
const hostileName = `Tom & "Jerry" <b>x]]>`

// The namespaces of each kind of feed and sitemap, by root element.
const (
	nsAtom    = "http://www.w3.org/2005/Atom"
	nsDC      = "http://purl.org/dc/elements/1.1/"
	nsSitemap = "http://www.sitemaps.org/schemas/sitemap/0.9"
	nsXHTML   = "http://www.w3.org/1999/xhtml"
	nsNews    = "http://www.google.com/schemas/sitemap-news/0.9"
)

var vocabulary = map[xml.Name]map[string]bool{
	{Local: "rss"}:                            {"": true, nsAtom: true, nsDC: true},
	{Space: nsAtom, Local: "feed"}:            {nsAtom: true},
	{Space: nsSitemap, Local: "urlset"}:       {nsSitemap: true, nsXHTML: true, nsNews: true},
	{Space: nsSitemap, Local: "sitemapindex"}: {nsSitemap: true},
}

// hostileSite is content that puts the hostile text in every front matter
// field that reaches a feed, a sitemap or the structured data, and in the
// body; the articles are an hour old, so that the Google News sitemap lists
// them.
func hostileSite(t *testing.T) string {
	q := strconv.Quote(hostile)
	date := time.Now().Add(-time.Hour).Format(time.RFC3339)
	front := func(path, extra string) string {
		return "-- " + path + " --\n---\ntitle: " + q + "\ndate: " + date + "\n" + extra + "---\n"
	}
	return themeFiles(t) +
		front("content/tags/hostile/_index.md", "") + front("content/tags/hostile/_index.ko.md", "") +
		front("content/authors/hostile/_index.md", "") + front("content/authors/hostile/_index.ko.md", "") +
		front("content/regions/hostile/_index.md", "") + front("content/regions/hostile/_index.ko.md", "") +
		"-- content/news/a/photo.jpg --\nsourcefilename: " + photo + "\n" +
		front("content/news/a/index.md", `description: `+q+`
authors: ["hostile", `+strconv.Quote(hostileName)+`]
tags: ["hostile", `+strconv.Quote(hostileName)+`]
regions: ["hostile"]
image:
  src: photo.jpg
  alt: `+q+`
  caption: `+q+`
  credit: `+q+`
  license: "CC BY 4.0"
corrections:
  - date: `+date+`
    text: `+q+`
translationKey: "a"
`) + hostile + "\n\n" + "Text ]]> and `" + hostile + "`.\n" +
		front("content/news/a/index.ko.md", "description: "+q+"\nauthors: [\"hostile\"]\ntags: [\"hostile\"]\ntranslationKey: \"a\"\n") + hostile + "\n" +
		front("content/news/b/index.md", "summary: "+q+"\nauthors: [\"hostile\"]\ntags: [\"hostile\"]\n") + hostile + "\n" +
		front("content/news/c/index.md", "authors: [\"hostile\"]\ntags: [\"hostile\"]\n") + hostile + "\n"
}

// TestFeedsEscapeEveryField builds the hostile site, summaries and whole
// articles, and reads every feed and sitemap as a strict parser does: each
// is well-formed XML (or JSON), has no element outside its own vocabulary,
// and gives the hostile text back as text.
func TestFeedsEscapeEveryField(t *testing.T) {
	t.Parallel()
	for _, full := range []bool{false, true} {
		t.Run("fullText="+strconv.FormatBool(full), func(t *testing.T) {
			t.Parallel()
			b := hugolib.Test(t, hostileSite(t), hugolib.TestOptWithConfig(func(c *hugolib.IntegrationTestConfig) {
				c.Environ = []string{"HUGO_PARAMS_FEEDS_FULLTEXT=" + strconv.FormatBool(full)}
			}))
			seen := map[string]int{}
			for p, content := range publishedFiles(t, b) {
				switch path.Ext(p) {
				case ".xml":
					seen[checkXMLFeed(t, p, content)]++
				case ".json":
					checkJSONFeed(t, p, content)
					seen["json"]++
				case ".html":
					checkHTMLPage(t, p, content)
				}
			}
			// RSS: site, section, tags, regions, authors, in two languages.
			if seen["rss"] < 10 || seen["feed"] != 2 || seen["json"] != 2 || seen["urlset"] != 4 || seen["sitemapindex"] != 1 {
				t.Errorf("feeds and sitemaps checked: %v", seen)
			}
		})
	}
}

// checkXMLFeed parses an XML file strictly, checks each element's namespace
// against the vocabulary of its root element, and checks the text of the
// elements that carry editors' words. It returns the root element's name.
func checkXMLFeed(t *testing.T, name string, content []byte) string {
	t.Helper()
	d := xml.NewDecoder(bytes.NewReader(content))
	d.Strict = true
	var root xml.Name
	var stack []xml.Name
	var text strings.Builder
	link := "" // of the item, entry or url being read
	for {
		tok, err := d.Token()
		if errors.Is(err, io.EOF) {
			break
		}
		if err != nil {
			t.Errorf("%s is not well-formed XML: %v\n%s", name, err, content)
			return ""
		}
		switch tok := tok.(type) {
		case xml.StartElement:
			if root.Local == "" {
				root = tok.Name
			}
			if !vocabulary[root][tok.Name.Space] || strings.EqualFold(tok.Name.Local, "script") {
				t.Errorf("%s: element %v is not part of a %s", name, tok.Name, root.Local)
			}
			for _, a := range tok.Attr {
				switch {
				case tok.Name == xml.Name{Space: nsAtom, Local: "link"} && a.Name.Local == "href":
					link = a.Value
				case tok.Name == xml.Name{Space: nsAtom, Local: "category"} && a.Name.Local == "term":
					checkText(t, name, "Atom category", "", a.Value, xmlHostile)
				}
			}
			stack = append(stack, tok.Name)
			text.Reset()
		case xml.CharData:
			text.Write(tok)
		case xml.EndElement:
			el, s := stack[len(stack)-1], text.String()
			parent := ""
			if len(stack) > 1 {
				parent = stack[len(stack)-2].Local
			}
			switch {
			case el.Local == "link" && el.Space == "", el.Local == "loc":
				link = s
			case el.Local == "title" && (parent == "item" || parent == "entry"), el == xml.Name{Space: nsNews, Local: "title"}:
				checkText(t, name, "title", "", s, xmlHostile)
			case el.Local == "name" && parent == "author" && stack[len(stack)-3].Local == "entry", el.Space == nsDC && el.Local == "creator":
				checkText(t, name, "author", "", s, xmlHostile)
			case el.Local == "category" && el.Space == "":
				checkText(t, name, "category", "", s, xmlHostile)
			case el == xml.Name{Space: nsAtom, Local: "summary"}:
				checkText(t, name, "summary", link, s, xmlHostile)
			case el.Local == "description" && parent == "item" && strings.HasPrefix(s, "<p>"),
				el == xml.Name{Space: nsAtom, Local: "content"}:
				checkHTMLFragment(t, name, s)
			case el.Local == "description" && parent == "item":
				// RSS descriptions are HTML: text in them is escaped once more.
				checkText(t, name, "description", link, html.UnescapeString(s), xmlHostile)
			}
			stack = stack[:len(stack)-1]
			text.Reset()
		}
	}
	if vocabulary[root] == nil {
		t.Errorf("%s: unknown root element %v", name, root)
	}
	return root.Local
}

// entity is a character reference left in what should be plain text.
var entity = regexp.MustCompile(`&[#a-zA-Z0-9]+;`)

// checkText checks a field's text as a reader gets it. Titles, names and
// the description of the article at /news/a/ are the hostile text exactly
// (the other tag and author, and the site as author, are left alone).
// Summaries of other pages come from their Markdown, which the typographer
// changes: they only have to be plain text, with no character reference left.
func checkText(t *testing.T, name, field, link, s, want string) {
	t.Helper()
	switch {
	case strings.Contains(s, "Jerry") || s == "Dispatch":
	case link == "" || strings.HasSuffix(link, "/news/a/"):
		if s != want {
			t.Errorf("%s: %s %q, want %q", name, field, s, want)
		}
	case entity.MatchString(s) || !strings.Contains(s, "x:script"):
		t.Errorf("%s: %s %q, want plain text", name, field, s)
	}
}

// checkHTMLFragment: an article's HTML in a feed has the hostile text as
// text, never as an element.
func checkHTMLFragment(t *testing.T, name, s string) {
	nodes, err := html.ParseFragment(strings.NewReader(s), &html.Node{Type: html.ElementNode, Data: "div", DataAtom: atom.Div})
	if err != nil {
		t.Errorf("%s: %v", name, err)
		return
	}
	var text strings.Builder
	for _, n := range nodes {
		for d := range n.Descendants() {
			switch {
			case d.Type == html.ElementNode && (strings.Contains(d.Data, "script") || strings.Contains(d.Data, ":")):
				t.Errorf("%s: the article's HTML has a <%s> element: %s", name, d.Data, s)
			case d.Type == html.TextNode:
				text.WriteString(d.Data)
			}
		}
	}
	if !strings.Contains(text.String(), "x:script") {
		t.Errorf("%s: the hostile text is not in the article's HTML as text: %s", name, s)
	}
}

// checkJSONFeed: JSON Feed parses, and its text fields are the hostile text.
func checkJSONFeed(t *testing.T, name string, content []byte) {
	var f struct {
		Items []struct {
			URL         string   `json:"url"`
			Title       string   `json:"title"`
			Summary     string   `json:"summary"`
			ContentText *string  `json:"content_text"`
			ContentHTML *string  `json:"content_html"`
			Tags        []string `json:"tags"`
			Authors     []struct {
				Name string `json:"name"`
			} `json:"authors"`
		} `json:"items"`
	}
	if err := json.Unmarshal(content, &f); err != nil {
		t.Errorf("%s: %v", name, err)
		return
	}
	if len(f.Items) != 3 && len(f.Items) != 1 {
		t.Errorf("%s: %d items", name, len(f.Items))
	}
	for _, it := range f.Items {
		checkText(t, name, "title", "", it.Title, hostile)
		checkText(t, name, "summary", it.URL, it.Summary, hostile)
		for _, a := range it.Authors {
			checkText(t, name, "author", "", a.Name, hostile)
		}
		if it.Tags[0] != "hostile" || (len(it.Tags) > 1 && it.Tags[1] != hostileName) {
			t.Errorf("%s: tags %q", name, it.Tags)
		}
		if it.ContentText != nil {
			checkText(t, name, "content_text", it.URL, *it.ContentText, hostile)
		}
		if it.ContentHTML != nil {
			checkHTMLFragment(t, name, *it.ContentHTML)
		}
	}
}

// checkHTMLPage: a page has no element the hostile text could smuggle in,
// and its structured data parses and names the hostile text exactly.
func checkHTMLPage(t *testing.T, name string, content []byte) {
	doc, err := html.Parse(bytes.NewReader(content))
	if err != nil {
		t.Errorf("%s: %v", name, err)
		return
	}
	for n := range doc.Descendants() {
		if n.Type != html.ElementNode {
			continue
		}
		if strings.Contains(n.Data, ":") || (n.Data == "script" && !hasAttr(n, "type", "application/ld+json")) {
			t.Errorf("%s: a <%s> element", name, n.Data)
		}
		if n.Data == "script" && n.FirstChild != nil {
			var ld struct {
				Graph []map[string]any `json:"@graph"`
			}
			if err := json.Unmarshal([]byte(n.FirstChild.Data), &ld); err != nil {
				t.Errorf("%s: JSON-LD: %v", name, err)
			}
			for _, node := range ld.Graph {
				if node["@type"] == "NewsArticle" && node["headline"] != hostile {
					t.Errorf("%s: JSON-LD headline %q", name, node["headline"])
				}
			}
		}
	}
}

func hasAttr(n *html.Node, key, val string) bool {
	for _, a := range n.Attr {
		if a.Key == key && a.Val == val {
			return true
		}
	}
	return false
}

// publishedFiles returns every file a test build published, by its path
// from the publish folder.
func publishedFiles(t *testing.T, b *hugolib.IntegrationTestBuilder) map[string][]byte {
	t.Helper()
	pub := b.H.Fs.PublishDir
	files := map[string][]byte{}
	var walk func(dir string)
	walk = func(dir string) {
		f, err := pub.Open(dir)
		if err != nil {
			t.Fatal(err)
		}
		fis, err := f.Readdir(-1)
		f.Close()
		if err != nil {
			t.Fatal(err)
		}
		for _, fi := range fis {
			p := path.Join(dir, fi.Name())
			if fi.IsDir() {
				walk(p)
				continue
			}
			r, err := pub.Open(p)
			if err != nil {
				t.Fatal(err)
			}
			b, err := io.ReadAll(r)
			r.Close()
			if err != nil {
				t.Fatal(err)
			}
			files[strings.TrimPrefix(p, "/")] = b
		}
	}
	walk("/")
	return files
}
