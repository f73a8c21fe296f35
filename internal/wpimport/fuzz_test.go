package wpimport

import (
	"errors"
	"os"
	"path/filepath"
	"regexp"
	"strings"
	"testing"
)

var (
	rawTagRe   = regexp.MustCompile(`(?i)</?[a-z][^>\n]*>`)
	autolinkRe = regexp.MustCompile(`^<https?://[^\s<>]*>$`)
)

// FuzzBody converts arbitrary post content: it must never panic, and the
// Markdown must hold no raw iframe, script or inline style, and no Hugo
// shortcode that the content did not become through the importer.
func FuzzBody(f *testing.F) {
	for _, s := range []string{
		`[caption id="attachment_1"]<img src="/wp-content/uploads/a.jpg" alt="x"> Text[/caption]`,
		"<!-- wp:gallery --><figure class=\"wp-block-gallery\"><figure><img src=\"x.jpg\"></figure></figure><!-- /wp:gallery -->",
		`<p style="x">{{< evil >}} {{% evil %}}</p><iframe src="https://e.example"></iframe><script>x</script>`,
		"[gallery ids=\"1,2\"][[caption]][embed]https://x.example[/embed]",
		"<figure class=\"wp-block-pullquote\"><blockquote><p>q</p><cite>c</cite></blockquote></figure>",
		"<ul><li><img src=\"https://cdn.example/a.jpg\"></li></ul><table><tr><td><iframe src=//v.example></iframe></td></tr></table>",
	} {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, content string) {
		imp, p := bodyImporter()
		bc := &body{imp: imp, p: p, files: p.b.files}
		md, _, err := bc.convert(content)
		if err != nil {
			return
		}
		// No HTML element reaches the Markdown (text "<" is written &lt;),
		// but autolinks and code, where "<" is itself.
		if !strings.Contains(md, "`") {
			for _, m := range rawTagRe.FindAllString(md, -1) {
				if !autolinkRe.MatchString(m) {
					t.Fatalf("raw HTML %q in the Markdown of %q:\n%s", m, content, md)
				}
			}
		}
		// Every shortcode in the output is one the importer writes.
		for _, m := range hugoOpenRe.FindAllStringIndex(md, -1) {
			rest := md[m[1]:]
			if strings.HasPrefix(rest, "/*") {
				continue
			}
			if !strings.HasPrefix(rest, " photo ") && !strings.HasPrefix(rest, " pullquote") && !strings.HasPrefix(rest, " /pullquote") {
				t.Fatalf("shortcode %q in the Markdown of %q:\n%s", md[m[0]:min(len(md), m[1]+20)], content, md)
			}
		}
	})
}

// FuzzExport reads arbitrary files as exports: never a panic, and every
// failure an *InputError with a line.
func FuzzExport(f *testing.F) {
	f.Add([]byte(`<?xml version="1.0"?><rss xmlns:wp="http://wordpress.org/export/1.2/"><channel><wp:wxr_version>1.2</wp:wxr_version><item><wp:post_id>1</wp:post_id><wp:post_type>post</wp:post_type><wp:status>publish</wp:status></item></channel></rss>`))
	f.Add([]byte(`<rss><channel><item><title>x</title></item></channel></rss>`))
	f.Add([]byte("<rss><channel><wp:wxr_version xmlns:wp=\"http://wordpress.org/export/1.0/\">1.0</wp:wxr_version><item><title>\xff</title>"))
	f.Fuzz(func(t *testing.T, data []byte) {
		path := filepath.Join(t.TempDir(), "export.xml")
		if err := os.WriteFile(path, data, 0o644); err != nil {
			t.Fatal(err)
		}
		o := &Options{Languages: []string{"en", "ko"}, DefaultLanguage: "en", TimeZone: seoul}
		_, err := readIndex(path, o)
		if err == nil {
			return
		}
		var ie *InputError
		if !errors.As(err, &ie) || ie.Line < 1 || ie.Column < 1 || ie.Path != path {
			t.Fatalf("%q: error %T %v has no position", data, err, err)
		}
	})
}
