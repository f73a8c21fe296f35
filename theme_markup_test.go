// What Markdown can put on a page: attributes, code, tables and Hugo's own
// figure shortcode never bring a style attribute, a duplicate id or a
// request to another host.
package dispatch_test

import (
	"bytes"
	"os"
	"path/filepath"
	"regexp"
	"slices"
	"strings"
	"testing"

	"github.com/gohugoio/hugo/hugolib"
	"golang.org/x/net/html"
)

// checkElements fails on a style attribute, a duplicate id, a <style> or a
// source on another host anywhere in an HTML page.
func checkElements(t *testing.T, name string, content []byte) {
	doc, err := html.Parse(bytes.NewReader(content))
	if err != nil {
		t.Fatal(err)
	}
	ids := map[string]bool{}
	for n := range doc.Descendants() {
		if n.Type != html.ElementNode {
			continue
		}
		if n.Data == "style" {
			t.Errorf("%s: a <style> element", name)
		}
		for _, a := range n.Attr {
			switch a.Key {
			case "style":
				t.Errorf("%s: <%s style=%q>", name, n.Data, a.Val)
			case "id":
				if ids[a.Val] {
					t.Errorf("%s: the id %q twice", name, a.Val)
				}
				ids[a.Val] = true
			case "src", "srcset":
				if strings.Contains(a.Val, "//") {
					t.Errorf("%s: <%s %s=%q> loads from another host", name, n.Data, a.Key, a.Val)
				}
			}
		}
	}
	if !ids["main"] {
		t.Errorf("%s: no <main id=main>", name)
	}
}

// markupBody is an article body with every kind of block an editor can give
// attributes to, headings named like the theme's own parts, footnotes, code
// with the options that write style attributes elsewhere, and a table with
// aligned columns.
const markupBody = `Para.
{style="background:url(https://x.example/y.png)" id="main"}

> A quote.
{style="color:red" id="main"}

- item
{id="main" class="c"}

## Corrections

## Related

## Timeline {#timeline}

## 북한 소식

A note.[^1]

[^1]: The footnote.

` + "```go {linenos=table hl_lines=1 linenostart=3}\nfunc main() {}\n```\n\n```\nplain\n```\n" + `
{{< highlight go "linenos=table,hl_lines=1" >}}
x := 1
{{< /highlight >}}

| Market | Price |
|:--|--:|
| Hyesan | 5,000 |
{style="color:red"}

{{< figure src="photo.jpg" alt="Bundle alt" caption="A *caption*." attr="Jane Doe" >}}
`

// TestMarkdownNeverStylesThePage: whatever attributes an editor writes, no
// style attribute, no duplicate id and no other host reaches any page;
// headings keep their ids, code is highlighted with classes, tables are
// aligned with classes, and Hugo's figure shortcode renders a bundle photo
// as the photo shortcode does.
func TestMarkdownNeverStylesThePage(t *testing.T) {
	t.Parallel()
	files := themeFiles(t) + article +
		"-- content/news/x/photo.jpg --\nsourcefilename: " + photo + "\n" +
		page("content/news/x/index.md", "X", "corrections:\n  - date: 2024-10-22T09:00:00+09:00\n    text: \"Fixed.\"\n") + markupBody +
		"-- content/analysis/_index.md --\n---\ntitle: Analysis\n---\n## Main points {#main-points}\n" +
		page("content/analysis/y.md", "Y", "")
	b := hugolib.Test(t, files)
	for name, content := range publishedFiles(t, b) {
		if strings.HasSuffix(name, ".html") && !strings.Contains(string(content), `http-equiv="refresh"`) {
			checkElements(t, name, content)
		}
	}
	b.AssertFileContent("public/news/x/index.html",
		// The attribute lines stay text: nothing to hide, nothing applied.
		`{style=&ldquo;background:url(`,
		`<h2 id="corrections">Corrections <a class="anchor" href="#corrections"`,
		`<h2 id="timeline">Timeline`,
		`<h2 id="북한-소식">북한 소식`,
		`<aside class="corrections" aria-label="Corrections">`,
		`<aside class="related" aria-label="Related">`,
		`<div class="highlight"><div class="chroma">`,
		`<span class="line hl"><span class="cl"><span class="kd">func</span>`,
		`<span class="lnt">3`,
		`<pre tabindex="0"><code>plain</code></pre>`,
		`<span class="nx">x</span>`,
		`<th class="align-left">Market</th>`,
		`<td class="align-right">5,000</td>`,
		`<figure class="photo">`,
		`<source type="image/webp" srcset="/news/x/photo_hu_`,
		`alt="Bundle alt" loading="lazy"`,
		`A <em>caption</em>.`,
		`Photo: Jane Doe`,
	)
	b.AssertFileContent("public/analysis/index.html", `<h2 id="main-points">Main points`)
}

// TestMarkupErrors: what the theme refuses fails the build with the file and
// line.
func TestMarkupErrors(t *testing.T) {
	t.Parallel()
	for _, tc := range []struct {
		name, body, want string
	}{
		{"heading named like the main element", "## Main", `The heading "Main" has the id "main", which the theme gives one of its own elements`},
		{"heading with the main id", "## Intro {#main}", `The heading "Intro" has the id "main"`},
		{"heading with a style", `## Intro {style="background:url(https://x.example/y.png)"}`, `The heading "Intro" has the attribute style; a heading takes only an id`},
		{"heading with a class", "## Intro {.lead}", `has the attribute class`},
		{"heading with a namespaced id", "## Intro {#fn:1}", `The heading "Intro" has the id "fn:1"; an id takes only letters, digits, - and _`},
		{"code with inline styles", "```go {noClasses=true}\nx := 1\n```", `Code takes only the options linenos, hl_lines, linenostart, not noClasses`},
		{"code with a style", "```go {style=monokai}\nx := 1\n```", `not style`},
		{"code with line anchors", "```go {linenos=table anchorlinenos=true lineanchors=main}\nx := 1\n```", `not anchorlinenos, lineanchors`},
		{"code with an id", "```go {id=\"main\"}\nx := 1\n```", `not id`},
		{"highlight with inline styles", "{{< highlight go \"noClasses=true\" >}}\nx := 1\n{{< /highlight >}}", `not noClasses`},
		{"figure on another host", `{{< figure src="https://example.org/x.jpg" alt="a" >}}`, `The "figure" shortcode's src "https://example.org/x.jpg" is a URL`},
		{"figure on a host without scheme", `{{< figure src="//example.org/x.jpg" alt="a" >}}`, `src "//example.org/x.jpg" is a URL`},
		{"figure without alt", `{{< figure src="photo.jpg" >}}`, `The "figure" shortcode requires a "alt" argument`},
		{"figure with a link", `{{< figure src="photo.jpg" alt="a" link="https://example.org/" >}}`, `The "figure" shortcode does not take link`},
		{"figure not in the bundle", `{{< figure src="nope.jpg" alt="a" >}}`, `could not find "nope.jpg" in the page bundle`},
	} {
		t.Run(tc.name, func(t *testing.T) {
			t.Parallel()
			files := themeFiles(t) +
				"-- content/news/x/photo.jpg --\nsourcefilename: " + photo + "\n" +
				page("content/news/x/index.md", "X", "") + tc.body + "\n"
			b, err := hugolib.TestE(t, files)
			if err == nil {
				t.Fatalf("no error; page:\n%s", b.FileContent("public/news/x/index.html"))
			}
			b.AssertLogContains(tc.want, `/content/news/x/index.md:7:1`)
		})
	}
}

// TestThemeIDs: every id the layouts give their own elements on pages with
// a body is one the heading render hook refuses, so that no heading can
// take it; the archive's year ids, and the search page's ids, are on pages
// without a body.
func TestThemeIDs(t *testing.T) {
	t.Parallel()
	hook, err := os.ReadFile("layouts/_markup/render-heading.html")
	if err != nil {
		t.Fatal(err)
	}
	m := regexp.MustCompile(`\$themeIDs := slice ((?:"[^"]*" ?)+)`).FindSubmatch(hook)
	if m == nil {
		t.Fatal("render-heading.html has no $themeIDs")
	}
	reserved := strings.Fields(strings.ReplaceAll(string(m[1]), `"`, ""))
	err = filepath.WalkDir("layouts", func(path string, d os.DirEntry, err error) error {
		if err != nil || d.IsDir() || path == filepath.Join("layouts", "_markup", "render-heading.html") {
			return err
		}
		b, err := os.ReadFile(path)
		if err != nil {
			return err
		}
		for _, id := range regexp.MustCompile(`\bid="([^"]*)"`).FindAllSubmatch(b, -1) {
			switch {
			case path == filepath.Join("layouts", "archive", "section.html") && strings.HasPrefix(string(id[1]), "y{{"):
			case path == filepath.Join("layouts", "search", "section.html") && !bytes.Contains(b, []byte(".Content")):
			case !slices.Contains(reserved, string(id[1])):
				t.Errorf("%s gives an element the id %q, which headings may take: add it to $themeIDs in render-heading.html", path, id[1])
			}
		}
		return nil
	})
	if err != nil {
		t.Fatal(err)
	}
}
