package wpimport

import (
	"strings"
	"testing"
)

// bodyImporter is an importer with one imported post, for conversions that
// need no media.
func bodyImporter() (*importer, *post) {
	x := newIndex(seoul)
	x.hosts["old.example.org"] = true
	target := &post{id: 7, typ: "post", lang: "en", url: "/news/2024/target/", b: &bundle{dir: "news/2024/target"}}
	x.byID[7] = target
	x.byPath["/2024/01/02/target/"] = target
	imp := &importer{o: Options{DefaultLanguage: "en", Languages: []string{"en", "ko"}}, x: x,
		conv: newMarkdownConverter(), uploadCache: map[string]string{}, summary: &Summary{Removed: map[string]int{}}}
	imp.report = &report{imp: imp}
	p := &post{id: 1, typ: "post", lang: "en", b: &bundle{dir: "news/2024/here", docNames: map[string]bool{}}}
	p.b.files = newBundleFiles(imp, p.b)
	return imp, p
}

func TestBody(t *testing.T) {
	t.Parallel()
	for _, c := range []struct{ name, in, want string }{
		{"entities once", `<p>Tom &amp;amp; Jerry &#8220;x&#8221; &lt;b&gt;</p>`, "Tom &amp; Jerry “x” &lt;b&gt;"},
		{"inline styles", `<p style="color:red"><span style="font-weight:bold">Bold</span> text</p>`, "Bold text"},
		{"classic paragraphs", "One\n\nTwo\nthree", "One\n\nTwo  \nthree"},
		{"block comments", "<!-- wp:paragraph -->\n<p>Text</p>\n<!-- /wp:paragraph -->\n<!-- wp:separator --><hr class=\"wp-block-separator\"/><!-- /wp:separator -->", "Text\n\n* * *"},
		{"more tag", "Intro\n\n<!--more-->\n\nRest", "Intro\n\nRest"},
		{"heading levels", "<h1>Top</h1><p>x</p><h2>Sub</h2>", "## Top\n\nx\n\n### Sub"},
		{"lists", "<ul><li>a<ul><li>b</li></ul></li></ul>", "- a\n  \n  - b"},
		{"table", "<table><tr><th>A</th></tr><tr><td>1</td></tr></table>", "| A |\n|---|\n| 1 |"},
		{"code", "<pre><code>if a &lt; b {}</code></pre>", "```\nif a < b {}\n```"},
		{"link to an imported post", `<p><a href="https://old.example.org/2024/01/02/target/#part">see</a></p>`, "[see](/news/2024/target/#part)"},
		{"link by id", `<p><a href="https://old.example.org/?p=7">see</a> <a href="/2024/01/02/target">root</a></p>`, "[see](/news/2024/target/) [root](/news/2024/target/)"},
		{"other links stay", `<p><a href="https://elsewhere.example/a">x</a> <a href="https://old.example.org/category/news/">cat</a></p>`, "[x](https://elsewhere.example/a) [cat](https://old.example.org/category/news/)"},
		{"javascript link", `<p><a href="javascript:alert(1)">x</a></p>`, "x"},
		{"iframe to a link", `<p>Watch <iframe src="https://www.youtube.com/embed/abc"></iframe></p>`, "Watch\n\n<https://www.youtube.com/watch?v=abc>"},
		{"video tag", `<video controls><source src="https://media.example/v.mp4"></video>`, "<https://media.example/v.mp4>"},
		{"embed block", `<figure class="wp-block-embed"><div class="wp-block-embed__wrapper">https://x.example/status/1</div></figure>`, "<https://x.example/status/1>"},
		{"tweet", `<blockquote class="twitter-tweet"><p>Hello</p>&mdash; A (@a) <a href="https://twitter.com/a/status/1">May 1</a></blockquote><script async src="https://platform.twitter.com/widgets.js"></script>`, "> Hello\n> \n> — A (@a) [May 1](https://twitter.com/a/status/1)"},
		{"pullquote", `<figure class="wp-block-pullquote"><blockquote><p>It is *so*.</p><cite>him</cite></blockquote></figure>`, `{{< pullquote cite="him" >}}It is \*so\*.{{< /pullquote >}}`},
		{"quote cite", `<blockquote class="wp-block-quote"><p>Q</p><cite>Who</cite></blockquote>`, "> Q\n> \n> — Who"},
		{"empty paragraphs", "<p>&nbsp;</p><p>Text</p><p> </p>", "Text"},
		{"forms and scripts", `<form><input name="q"><button>Go</button></form><script>x()</script><style>p{}</style><p>Kept</p>`, "Kept"},
		{"hugo delimiters", "<p>{{&lt; shortcode &gt;}} and {{% x %}}</p>", "{{&lt; shortcode &gt;}} and {{%/* x */%}}"},
		{"unknown shortcode", "[contact-form-7 id=\"3\" title=\"Contact\"]\n\nAfter", "After"},
		{"escaped shortcode", "Write [[gallery]] to show one.", `Write \[gallery] to show one.`},
		{"remote image", `<p><img src="https://cdn.example.net/a.jpg" alt="A cat"></p>`, "[A cat](https://cdn.example.net/a.jpg)"},
		{"data image dropped", `<p><img src="data:image/png;base64,AAAA">Text</p>`, "Text"},
	} {
		imp, p := bodyImporter()
		bc := &body{imp: imp, p: p, files: p.b.files}
		got, _, err := bc.convert(c.in)
		if err != nil {
			t.Errorf("%s: %v", c.name, err)
			continue
		}
		if got != c.want {
			t.Errorf("%s:\n%s\n got %q\nwant %q", c.name, c.in, got, c.want)
		}
		if strings.Contains(got, "style=") || strings.Contains(got, "<!--") && !strings.Contains(got, "THE END") {
			t.Errorf("%s: markup left: %q", c.name, got)
		}
	}
}
