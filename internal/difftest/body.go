package difftest

import "path"

// body writes p's body in its markup, with the grammar's shortcodes, links,
// images and raw HTML.
func (g *gen) body(p *pageSpec) {
	first := map[string]string{
		"md":     "Traders in Hyesan said on Monday that a kilogram of rice costs more than at any time this year.",
		"html":   "<p>Traders in Hyesan said on Monday that a kilogram of rice costs more this year.</p>",
		"org":    "* Prices\n\nTraders in Hyesan said on Monday that a kilogram of rice costs more this year.",
		"adoc":   "== Prices\n\nTraders in Hyesan said on Monday that a kilogram of rice costs more this year.",
		"rst":    "Prices\n======\n\nTraders in Hyesan said on Monday that a kilogram of rice costs more this year.",
		"pandoc": "# Prices\n\nTraders in Hyesan said on Monday that a kilogram of rice costs more this year.",
	}[p.markup]
	p.body = []string{first}
	n := weighted(g, []weight[int]{{20, 0}, {35, 1}, {25, 2}, {12, 3}, {8, 4}})
	for range n {
		var block, note string
		switch p.markup {
		case "md", "pandoc":
			block, note = weighted(g, mdElements)(g)
		case "org":
			block, note = weighted(g, orgElements)(g)
		case "html":
			block, note = weighted(g, htmlElements)(g)
		default:
			block, note = weighted(g, plainElements)(g)
		}
		p.body = append(p.body, block)
		if note != "" {
			g.note("%s body: %s", path.Base(p.path), note)
		}
	}
}

type element func(g *gen) (block, note string)

// pickSC picks one of the calls.
func pickSC(calls ...string) element {
	return func(g *gen) (string, string) {
		s := pick(g, calls...)
		return s, firstLine(s)
	}
}

// Shortcodes of the theme, as documented, and in the other forms Hugo reads.
var themeShortcodes = pickSC(
	`{{< pullquote cite="a trader in Hyesan" >}}Prices doubled in a week.{{< /pullquote >}}`,
	`{{< pullquote >}}Everyone knows someone who was caught.{{< /pullquote >}}`,
	`{{% pullquote cite="a trader" %}}Prices *doubled*.{{% /pullquote %}}`,
	`{{<pullquote cite="x">}}No spaces.{{</pullquote>}}`,
	"{{< factbox title=\"Hyesan\" >}}\nA city on the Yalu river.\n{{< /factbox >}}",
	`{{< factbox title="Hoeryong" >}}A city on the Tumen river.{{< /factbox >}}`,
	`{{< update date="2024-10-22T10:30:00+09:00" >}}The ministry has since denied the report.{{< /update >}}`,
	`{{< sourcenote >}}`,
	`{{< contact >}}`,
	`{{< sourcenote />}}`,
	`{{< readin lang="ko" >}}`,
	`{{< readin lang="ko" url="https://example.org/ko/" >}}`,
	`{{< photo src="photo.jpg" alt="Traders at a market stall" >}}`,
	`{{< photo src="photo.jpg" alt="A market" caption="Hyesan." credit="Jane Doe" license="CC BY 4.0" >}}`,
	`{{< factbox title="Nested" >}}Before. {{< pullquote >}}Inside.{{< /pullquote >}} After.{{< /factbox >}}`,
)

// Shortcodes written wrong: unclosed, malformed, unknown, missing or
// unknown arguments.
var badShortcodes = pickSC(
	`{{< factbox title="Hyesan" >}}A city with no end to its box.`,
	`{{< pullquote cite="x" }}Missing the angle bracket.{{< /pullquote >}}`,
	`{{< pullquote cite="x" >}}Missing the close.`,
	`{{< /pullquote >}}`,
	`{{< pullquote >}}Closed by another.{{< /factbox >}}`,
	`{{< factbox >}}No title.{{< /factbox >}}`,
	`{{< factbox title="x" >}}{{< /factbox >}}`,
	`{{< update >}}No date.{{< /update >}}`,
	`{{< update date="yesterday" >}}A date Hugo cannot read.{{< /update >}}`,
	`{{< photo src="photo.jpg" >}}`,
	`{{< photo alt="no source" >}}`,
	`{{< photo src="missing.jpg" alt="A photo that is not there" >}}`,
	`{{< photo src="photo.jpg" alt="x" license="CC BY 4.0" >}}`,
	`{{< pullquote cte="typo" >}}An unknown argument.{{< /pullquote >}}`,
	`{{< pulquote >}}A misspelled name.{{< /pulquote >}}`,
	`{{< notreal >}}`,
	`{{< factbox title="x >}}An unterminated quote.{{< /factbox >}}`,
	`{{< factbox "Positional" >}}A positional argument.{{< /factbox >}}`,
	`{{< pullquote />}}`,
	`{{< readin >}}`,
	`{{< contact extra="x" >}}`,
	`{{< pullquote cite="x" >}}Unclosed inside {{< factbox title="y" >}}a box.{{< /pullquote >}}`,
	`{{< factbox title="a" title="b" >}}Twice.{{< /factbox >}}`,
	`{{< pullquote cite=x >}}A bare value.{{< /pullquote >}}`,
	`{{<`,
	`{{< >}}`,
	`{{% sourcenote`,
)

// Hugo's embedded shortcodes.
var builtinShortcodes = pickSC(
	`{{< figure src="https://example.org/photo.jpg" alt="A remote photo" >}}`,
	`{{< figure src="photo.jpg" alt="A bundle photo" >}}`,
	`{{< figure alt="no source" >}}`,
	`{{< youtube dQw4w9WgXcQ >}}`,
	`{{< vimeo 146022717 >}}`,
	`{{< x user="SanDiegoZoo" id="1453110110599868418" >}}`,
	`{{< gist spf13 7896402 >}}`,
	`{{< instagram CxOWiQNP2MO >}}`,
	`{{< ref "/news/2023/neighbour" >}}`,
	`See [the other report]({{< relref "/news/2023/neighbour" >}}).`,
	`See [a missing report]({{< relref "/news/2023/missing-report" >}}).`,
	`{{< ref "missing.md" >}}`,
	`{{< relref "neighbour" >}}`,
	`{{< ref "/news/2023/neighbour#anchor" >}}`,
	`{{< ref >}}`,
	`{{< param title >}}`,
	`{{< param "nonexistent" >}}`,
	"{{< highlight go >}}\nfunc main() {}\n{{< /highlight >}}",
	`{{< details summary="More" >}}Hidden text.{{< /details >}}`,
	`{{< qr text="https://dispatch.example/" />}}`,
	`{{< comment >}}A note for editors.{{< /comment >}}`,
)

var mdElements = []weight[element]{
	{16, themeShortcodes},
	{12, badShortcodes},
	{8, builtinShortcodes},
	{10, pickSC( // links
		"See [the neighbour](../../2023/neighbour/).",
		"See [the neighbour](/news/2023/neighbour/).",
		"See [a missing page](/news/2023/missing-report/).",
		"See [a missing page](../missing-report/).",
		"See [a file](missing.pdf).",
		"See [our site](https://dispatch.example/news/2023/missing-report/).",
		"See [another site](https://example.org/).",
		"See [below](#prices).",
		"Write to [us](mailto:tips@dispatch.example).",
		"A [script](javascript:alert(1)).",
		"A [space](<../a b/>).",
		"A [protocol-relative link](//example.org/x).",
		"A [translation](index.ko.md).",
		"A [page link](../../2023/neighbour/index.md).",
		"An autolink <https://example.org/>.",
	)},
	{8, pickSC( // images
		"![Traders at a market stall](photo.jpg)",
		"![](photo.jpg)",
		"![A remote photo](https://example.org/photo.jpg)",
		"![A photo that is not there](missing.jpg)",
		"![The logo](/images/logo.png)",
		"![A protocol-relative photo](//example.org/x.png)",
		"![A photo](photo.jpg \"With a caption\")",
		"![An image from the neighbour](../../2023/neighbour/photo.jpg)",
	)},
	{5, pickSC( // raw HTML
		"<script>alert(1)</script>",
		`<iframe src="https://example.org/"></iframe>`,
		`<img src="https://example.org/pixel.gif" alt="">`,
		`<div class="note">Raw <b>HTML</b>.</div>`,
		`<p onclick="alert(1)">Click.</p>`,
		"<!-- an HTML comment with a {{< notreal >}} shortcode -->",
	)},
	{3, pickSC( // shortcodes where they may not be expected
		"```\n{{< notreal >}}\n```",
		"```go\n{{< factbox title=\"x\" >}}Inside a fence.{{< /factbox >}}\n```",
		"    {{< pullquote >}}Indented code.{{< /pullquote >}}",
		"`{{< notreal >}}` in code.",
		"{{</* notreal */>}} is how to show a shortcode.",
		"{{%/* pullquote */%}} escaped.",
	)},
	{3, pickSC( // inline shortcodes
		"{{< now.inline >}}{{ now }}{{< /now.inline >}}",
		"{{< echo.inline \"x\" />}}",
		"{{< site.inline >}}{{ site.Title }}{{< /site.inline >}}",
	)},
	{4, pickSC( // plain Markdown
		"## Prices",
		"## Prices {#prices}",
		"<!--more-->",
		"| a | b |\n|---|---|\n| 1 | 2 |",
		"> A quotation.",
		"Go template text {{ .Title }} in a paragraph.",
		"A footnote.[^1]\n\n[^1]: The note.",
		"TODO: the first paragraph says what happened.",
		"## TODO: a subheading",
	)},
}

var orgElements = []weight[element]{
	{6, pickSC(
		"#+BEGIN_EXPORT html\n<script>alert(1)</script>\n#+END_EXPORT",
		"#+BEGIN_EXPORT html\n<iframe src=\"https://example.org/\"></iframe>\n#+END_EXPORT",
		"#+BEGIN_EXPORT html\n<p>Raw HTML.</p>\n#+END_EXPORT",
		"#+HTML: <script>alert(1)</script>",
		"[[https://example.org/][another site]]",
		"[[file:missing.org][a missing file]]",
		"[[./photo.jpg]]",
		"** A subheading",
		"#+BEGIN_SRC go\nfunc main() {}\n#+END_SRC",
	)},
	{4, themeShortcodes},
	{3, badShortcodes},
	{2, builtinShortcodes},
}

var htmlElements = []weight[element]{
	{6, pickSC(
		"<script>alert(1)</script>",
		`<iframe src="https://example.org/"></iframe>`,
		`<p><a href="/news/2023/missing-report/">A missing page</a></p>`,
		`<img src="https://example.org/pixel.gif" alt="">`,
		"<h2>Prices</h2>",
	)},
	{4, themeShortcodes},
	{3, badShortcodes},
	{2, builtinShortcodes},
}

var plainElements = []weight[element]{
	{4, pickSC("More text.", "Another paragraph.")},
	{3, themeShortcodes},
	{3, badShortcodes},
	{1, builtinShortcodes},
}
