// Tests of the output audit on real Hugo output: the example site passes
// it, and the attacks of issue 12 that the content checks let through
// are caught in what this theme actually renders.
package dispatch_test

import (
	"bytes"
	"context"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/dispatch-news/dispatch/internal/audit"
	"github.com/dispatch-news/dispatch/internal/cli"
	"github.com/dispatch-news/dispatch/internal/search"
	"github.com/dispatch-news/dispatch/internal/sitecopy"
)

// exampleAudit is what build and deploy audit the example site with.
var exampleAudit = search.AuditOptions(audit.Options{
	BaseURL:   baseURL,
	HostFiles: []string{"_headers", "_redirects", "nginx.conf"},
}, true)

func TestExampleSitePassesAudit(t *testing.T) {
	r, err := audit.Run(context.Background(), built(t), exampleAudit)
	if err != nil {
		t.Fatal(err)
	}
	if len(r.Diagnostics) > 0 {
		var b strings.Builder
		r.WriteText(&b)
		t.Errorf("the example site has %d audit findings:\n%s", len(r.Diagnostics), b.String())
	}
	// The audit read the site: its pages, feeds and photos.
	if r.Pages < 50 || r.Files < r.Pages+20 {
		t.Errorf("audited %d files, %d of them pages: too few for the example site", r.Files, r.Pages)
	}
}

// TestAuditCatchesWhatMarkdownLetsThrough builds the example site with
// plain "hugo build" (no content checks) and an article that uses
// Markdown attributes, noClasses highlighting and a remote figure, as in
// issue 12. The theme refuses each of them (theme_markup_test.go); here its
// guards are taken out, as a site that overrides them would, and the audit
// still finds each in the rendered page.
func TestAuditCatchesWhatMarkdownLetsThrough(t *testing.T) {
	t.Parallel()
	dir := t.TempDir()
	if err := sitecopy.Example(".", dir); err != nil {
		t.Fatal(err)
	}
	for _, guard := range []string{"_markup/render-heading.html", "_markup/render-codeblock.html", "_shortcodes/figure.html"} {
		if err := os.Remove(filepath.Join(dir, "layouts", filepath.FromSlash(guard))); err != nil {
			t.Fatal(err)
		}
	}
	cfg := filepath.Join(dir, "config.toml")
	b, err := os.ReadFile(cfg)
	if err != nil {
		t.Fatal(err)
	}
	b = bytes.Replace(b, []byte("    block = false"), []byte("    block = true"), 1)
	if err := os.WriteFile(cfg, b, 0o644); err != nil {
		t.Fatal(err)
	}
	bundle := filepath.Join(dir, "content", "news", "2024", "attack")
	if err := os.MkdirAll(bundle, 0o755); err != nil {
		t.Fatal(err)
	}
	article := "---\ntitle: \"Attack\"\ndate: 2024-10-01T09:00:00+09:00\nauthors: [\"Dispatch Staff\"]\n" +
		"description: \"x\"\ntags: [\"markets\"]\n---\n\n" +
		"A paragraph.\n{style=\"background:url(https://evil.example/t.png)\"}\n\n" +
		"## Main points {#main}\n\n" +
		"```go {noClasses=true}\nfunc main() {}\n```\n\n" +
		"{{< figure src=\"https://images.example.com/photo.jpg\" alt=\"x\" >}}\n"
	if err := os.WriteFile(filepath.Join(bundle, "index.md"), []byte(article), 0o644); err != nil {
		t.Fatal(err)
	}
	var out, errs bytes.Buffer
	if code := cli.Run(context.Background(), []string{"hugo", "build", "--source", dir, "--quiet"}, &out, &errs); code != 0 {
		t.Fatalf("hugo build: exit %d\n%s", code, errs.String())
	}
	r, err := audit.Run(context.Background(), filepath.Join(dir, "public"), exampleAudit)
	if err != nil {
		t.Fatal(err)
	}
	const page = "news/2024/attack/index.html"
	found := map[string]bool{}
	for _, d := range r.Diagnostics {
		if d.Path != page {
			t.Errorf("a finding outside the attack's page: %v", d)
			continue
		}
		found[d.Check] = true
	}
	for _, id := range []string{"out.style-attr", "out.duplicate-id", "out.third-party"} {
		if !found[id] {
			var b strings.Builder
			r.WriteText(&b)
			t.Errorf("no %s finding on %s; the audit found:\n%s", id, page, b.String())
		}
	}
}
