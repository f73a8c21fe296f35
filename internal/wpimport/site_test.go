package wpimport

import (
	"bytes"
	"context"
	"io/fs"
	"os"
	"path/filepath"
	"regexp"
	"strings"
	"testing"

	"github.com/gohugoio/hugo/commands"

	"github.com/dispatch-news/dispatch/internal/site"
	"github.com/dispatch-news/dispatch/internal/sitecopy"
)

// buildSite builds the site in dir into dir/public with the embedded Hugo,
// as dispatch build does after its checks; the one place the tests call it.
func buildSite(t *testing.T, dir string) string {
	t.Helper()
	pub := filepath.Join(dir, "public")
	t.Setenv("HUGO_CACHEDIR", filepath.Join(dir, ".cache"))
	if err := commands.Execute([]string{"build", "--source", dir, "--destination", pub, "--quiet"}); err != nil {
		t.Fatalf("hugo build: %v", err)
	}
	return pub
}

// TestImportIntoExampleSite imports the edge-case fixture into a copy of
// the example site with the options the command takes from its
// configuration, then: dispatch check finds no error, Hugo builds the site,
// every published post's old address is in _redirects, and no built page
// holds WordPress markup.
func TestImportIntoExampleSite(t *testing.T) {
	if testing.Short() {
		t.Skip("builds the example site")
	}
	fixture := fixtureOptions(t, "edgecases")
	dir := t.TempDir()
	if err := sitecopy.Example(repoRoot, dir); err != nil {
		t.Fatal(err)
	}
	s, err := site.Load(site.Options{Dir: dir})
	if err != nil {
		t.Fatal(err)
	}
	o, err := SiteOptions(s)
	if err != nil {
		t.Fatal(err)
	}
	if o.TimeZone.String() != "Asia/Seoul" || o.DefaultLanguage != "en" || len(o.Languages) != 2 {
		t.Fatalf("options from the site: %s, %s, %v", o.TimeZone, o.DefaultLanguage, o.Languages)
	}
	o.Export, o.Uploads = fixture.Export, fixture.Uploads
	// WordPress's escaped shortcodes ([[caption]]) are text a reader sees,
	// which the page test below cannot tell from a leftover: this one has
	// its own test (TestBody).
	export := readFile(t, o.Export)
	export = bytes.ReplaceAll(export, []byte("[[caption]] is how WordPress writes a shortcode as text."), []byte("The end."))
	write(t, o.Export, export)

	sum, err := Run(context.Background(), o)
	if err != nil {
		t.Fatal(err)
	}
	if sum.New == 0 || sum.Kept != 0 {
		t.Fatalf("import: %s", sum)
	}

	layouts := s.LayoutDirs
	r := runChecks(t, dir, layouts)
	if r.Errors() > 0 {
		var b strings.Builder
		r.WriteText(&b)
		t.Fatalf("dispatch check after the import:\n%s", b.String())
	}

	pub := buildSite(t, dir)
	redirects := string(readFile(t, filepath.Join(pub, "_redirects")))
	wantOld := publishedOldPaths(t, o)
	if len(wantOld) < 3 {
		t.Fatalf("only %d published posts with an old path: %v", len(wantOld), wantOld)
	}
	for _, old := range wantOld {
		if !regexp.MustCompile(`(?m)^` + regexp.QuoteMeta(old) + ` /`).MatchString(redirects) {
			t.Errorf("_redirects has no line for the old address %s", old)
		}
	}
	pages := 0
	err = filepath.WalkDir(pub, func(p string, d fs.DirEntry, err error) error {
		if err != nil || d.IsDir() || !strings.HasSuffix(p, ".html") {
			return err
		}
		pages++
		b, err := os.ReadFile(p)
		if err != nil {
			return err
		}
		for _, bad := range []string{"[caption", "<!-- wp:", "[gallery", "style="} {
			if bytes.Contains(b, []byte(bad)) {
				t.Errorf("%s contains %q", p, bad)
			}
		}
		return nil
	})
	if err != nil {
		t.Fatal(err)
	}
	// The imported articles are there, with their photos processed.
	for _, page := range []string{"news/2024/rice-prices-hyesan/index.html", "ko/news/2024/rice-prices-hyesan/index.html",
		"analysis/2024/phone-crackdown/index.html", "about-us/team/index.html", "authors/kim-min-ji/index.html"} {
		b := readFile(t, filepath.Join(pub, filepath.FromSlash(page)))
		if page == "news/2024/rice-prices-hyesan/index.html" && !bytes.Contains(b, []byte("<figure")) {
			t.Errorf("%s has no photo", page)
		}
	}
	t.Logf("%d pages built; %s", pages, sum)
}

// publishedOldPaths are the old paths of the export's published posts, as
// _redirects writes them (percent-encoded, upper-case hex).
func publishedOldPaths(t *testing.T, o Options) []string {
	t.Helper()
	r, err := openWXR(o.Export)
	if err != nil {
		t.Fatal(err)
	}
	defer r.Close()
	hosts := map[string]bool{"old.example.org": true}
	var out []string
	for {
		it, err := r.next()
		if err != nil {
			t.Fatal(err)
		}
		if it == nil {
			return out
		}
		if it.Type != "post" || it.Status != "publish" || it.Password != "" {
			continue
		}
		if p, ok := oldPath(it.Link, hosts); ok {
			a, err := safeAlias(p)
			if err != nil {
				t.Fatal(err)
			}
			out = append(out, a)
		}
	}
}
