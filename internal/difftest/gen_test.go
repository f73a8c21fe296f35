package difftest

import (
	"bytes"
	"maps"
	"path"
	"slices"
	"strings"
	"testing"
)

// TestGenerateIsDeterministic: a case depends only on its seed and index,
// so a reported case can be made again alone.
func TestGenerateIsDeterministic(t *testing.T) {
	a := Generate(3, 0, 300)
	b := Generate(3, 0, 300)
	for i := range a {
		if c := NewCase(3, i); a[i].Name != c.Name || !sameFiles(a[i].Files, c.Files) || !sameFiles(a[i].Files, b[i].Files) {
			t.Fatalf("case %d differs between runs", i)
		}
	}
	if sameFiles(a[0].Files, Generate(4, 0, 1)[0].Files) && sameFiles(a[1].Files, Generate(4, 1, 1)[0].Files) {
		t.Error("seeds 3 and 4 make the same cases")
	}
}

func sameFiles(a, b []File) bool {
	if len(a) != len(b) {
		return false
	}
	for i := range a {
		if a[i].Name != b[i].Name || !bytes.Equal(a[i].Data, b[i].Data) {
			return false
		}
	}
	return true
}

// TestGrammarCoverage: the full set reaches every dimension of the grammar
// the issue lists.
func TestGrammarCoverage(t *testing.T) {
	cases := Generate(1, 0, 2000)
	exts := map[string]int{}
	seen := map[string]int{}
	variants := 0
	want := map[string]string{
		"draft: yes":          "draft: yes\n",
		"draft: y":            "draft: y\n",
		"draft: on":           "draft: on\n",
		"draft: TRUE":         "draft: TRUE\n",
		"quoted draft":        "draft: \"true\"\n",
		"draft: 1":            "draft: 1\n",
		"Draft key":           "\nDraft: ",
		"DRAFT key":           "\nDRAFT: ",
		"published":           "published: ",
		"date with a space":   " 14:00\n",
		"far future":          "2999-",
		"expiryDate":          "expiryDate: ",
		"unpublishdate":       "unpublishdate: ",
		"pubDate":             "pubDate: ",
		"build":               "build:",
		"cascade":             "cascade:",
		"outputs":             "outputs:",
		"markup":              "markup:",
		"layout":              "layout:",
		"type":                "type:",
		"headless":            "headless:",
		"sites":               "sites:",
		"url":                 "url:",
		"slug":                "slug:",
		"aliases":             "aliases:",
		"hostile alias":       "; } location",
		"TOML":                "+++\n",
		"JSON":                "{\n  \"title\"",
		"Org keywords":        "#+title: ",
		"Org export":          "#+BEGIN_EXPORT html",
		"BOM":                 "\ufeff",
		"CRLF":                "\r\n",
		"unclosed shortcode":  "A city with no end to its box.",
		"malformed shortcode": `{{< pullquote cite="x" }}`,
		"unknown shortcode":   "{{< notreal >}}",
		"inline shortcode":    ".inline",
		"percent shortcode":   "{{% ",
		"self-closed":         "/>}}",
		"nested shortcodes":   "Before. {{< pullquote >}}",
		"figure remote":       `figure src="https://`,
		"youtube":             "{{< youtube",
		"ref to a page":       `ref "/news/2023/neighbour"`,
		"ref missing":         "missing-report",
		"site-absolute link":  "](/news/",
		"remote image":        "![A remote photo](https://",
		"raw HTML":            "<script>",
		"out of vocabulary":   "Pyongyang",
		"misspelled author":   "Dispatch Staf\n",
	}
	for _, c := range cases {
		if len(c.Variants) > 0 {
			variants++
		}
		for _, f := range c.Files {
			if f.Recipe != "" {
				continue
			}
			exts[path.Ext(f.Name)]++
			if !bytes.HasSuffix(f.Data, []byte("\n")) {
				t.Errorf("case %s: %s does not end with a newline: txtar would change it", c.Name, f.Name)
			}
			for name, s := range want {
				if bytes.Contains(f.Data, []byte(s)) {
					seen[name]++
				}
			}
			base := path.Base(f.Name)
			switch {
			case strings.HasPrefix(base, "."):
				seen["hidden file"]++
			case strings.HasPrefix(base, "_") && base != "_index.md":
				seen["_file"]++
			case strings.Contains(base, ".unknownlang."):
				seen["unknown language"]++
			case base == "index.KO.md":
				seen["index.KO.md"]++
			case base == "index.ko.md":
				seen["translation"]++
			case base == "_index.md":
				seen["section"]++
			}
		}
	}
	for _, e := range []string{".md", ".markdown", ".mdown", ".MD", ".html", ".htm", ".org", ".adoc", ".asciidoc", ".ad", ".rst", ".pdc", ".pandoc"} {
		if exts[e] == 0 {
			t.Errorf("no %s file in 2000 cases", e)
		}
	}
	for _, name := range append(slices.Collect(maps.Keys(want)), "hidden file", "_file", "unknown language", "index.KO.md", "translation", "section") {
		if seen[name] == 0 {
			t.Errorf("no %s in 2000 cases", name)
		}
	}
	if variants == 0 {
		t.Error("no case with keys that differ only in case")
	}
}
