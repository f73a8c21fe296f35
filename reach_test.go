// Tests of the builds for the site's other addresses ([params.mirrors]):
// the main build tells Tor Browser where each page is on the onion service
// (Onion-Location), and a build for a mirror uses the mirror's address in
// every absolute URL but canonical links, which stay the main site's.
package dispatch_test

import (
	"bytes"
	"context"
	"fmt"
	"io/fs"
	"net/url"
	"os"
	"path/filepath"
	"regexp"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/gohugoio/hugo/hugolib"
	"golang.org/x/net/html"

	"github.com/dispatch-news/dispatch/internal/cli"
)

const (
	mirrorURL = "https://dispatch-mirror.example/"
	onionURL  = "http://nptt4mamu43ggy25u5lvnlcl2mmnwc4uuxm3tsvbmz657cyubyu73zqd.onion/"
)

var (
	mirrorsOnce  sync.Once
	mirrorsBuilt = map[string]string{}
	mirrorsErr   error
)

// builtMirror returns the folder of the example site built for a mirror,
// from the same copy as built and with the same clock; TestMain removes
// it with that copy.
func builtMirror(t *testing.T, name string) string {
	t.Helper()
	pub := built(t)
	mirrorsOnce.Do(func() {
		for _, name := range []string{"mirror", "onion"} {
			var out, errs bytes.Buffer
			args := []string{"build", "--source", filepath.Dir(pub), "--mirror", name, "--quiet", "--clock", clock.Format(time.RFC3339)}
			if code := cli.Run(context.Background(), args, &out, &errs); code != 0 {
				mirrorsErr = fmt.Errorf("dispatch build --mirror %s: exit %d\n%s", name, code, errs.String())
				return
			}
			mirrorsBuilt[name] = pub + "-" + name
		}
	})
	if mirrorsErr != nil {
		t.Fatal(mirrorsErr)
	}
	return mirrorsBuilt[name]
}

// sitePages calls f with every HTML page of a built site, its path on the
// site (/news/x/ for news/x/index.html) and its parsed document. Alias
// pages (a meta refresh) are reported apart.
func sitePages(t *testing.T, dir string, f func(path string, doc *html.Node, alias bool)) {
	t.Helper()
	n := 0
	err := filepath.WalkDir(dir, func(p string, d fs.DirEntry, err error) error {
		if err != nil || d.IsDir() || !strings.HasSuffix(p, ".html") {
			return err
		}
		b, err := os.ReadFile(p)
		if err != nil {
			return err
		}
		doc, err := html.Parse(bytes.NewReader(b))
		if err != nil {
			return err
		}
		rel, _ := filepath.Rel(dir, p)
		path := "/" + strings.TrimSuffix(filepath.ToSlash(rel), "index.html")
		f(path, doc, bytes.Contains(b, []byte(`http-equiv="refresh"`)))
		n++
		return nil
	})
	if err != nil {
		t.Fatal(err)
	}
	if n < 50 {
		t.Fatalf("%s: only %d pages", dir, n)
	}
}

func elements(doc *html.Node, tag, key, val string) []*html.Node {
	var found []*html.Node
	for n := range doc.Descendants() {
		if n.Type == html.ElementNode && n.Data == tag && strings.EqualFold(attr(n, key), val) {
			found = append(found, n)
		}
	}
	return found
}

// TestOnionLocation: the main build tells Tor Browser where each page is
// on the onion service. nginx sends the Onion-Location header with the
// path of the request; _headers cannot (neither Netlify nor Cloudflare
// Pages puts the path in a header value), so every page carries it in a
// <meta http-equiv="onion-location">, which Tor Browser reads too, on any
// host.
func TestOnionLocation(t *testing.T) {
	pub := built(t)
	onion := strings.TrimSuffix(onionURL, "/")
	conf := string(readPublic(t, "nginx.conf"))
	line := fmt.Sprintf("add_header Onion-Location %q always;", onion+"$request_uri")
	// In the server block and in each of its locations that add headers.
	if got, want := strings.Count(conf, line), strings.Count(conf, "add_header X-Content-Type-Options"); got != want || got < 3 {
		t.Errorf("nginx.conf: %q %d times, want %d (with every set of headers)", line, got, want)
	}
	if strings.Contains(string(readPublic(t, "_headers")), "Onion-Location") {
		t.Errorf("_headers has an Onion-Location, which cannot have the path of the page there")
	}

	// A real nginx sends each page's own path.
	srv := startNginx(t, conf, pub)
	for _, path := range []string{"/", "/" + hoeryong, "/ko/" + hoeryong, "/tags/surveillance/?page=2"} {
		resp, _ := srv.get(path)
		if got := resp.Header.Get("Onion-Location"); got != onion+path {
			t.Errorf("nginx, %s: Onion-Location %q, want %q", path, got, onion+path)
		}
	}

	pages := 0
	sitePages(t, pub, func(path string, doc *html.Node, alias bool) {
		metas := elements(doc, "meta", "http-equiv", "onion-location")
		switch {
		case alias:
			if len(metas) > 0 {
				t.Errorf("%s: an alias page with Onion-Location", path)
			}
		case len(metas) != 1 || attr(metas[0], "content") != onion+path:
			var got []string
			for _, m := range metas {
				got = append(got, attr(m, "content"))
			}
			t.Errorf("%s: onion-location %q, want %q", path, got, onion+path)
		default:
			pages++
		}
	})
	t.Logf("%d pages with their onion-location", pages)
}

// siteURL finds the absolute URLs of the site's addresses.
var siteURL = regexp.MustCompile(`(https?)://(dispatch\.example|dispatch-mirror\.example|nptt4mamu43ggy25u5lvnlcl2mmnwc4uuxm3tsvbmz657cyubyu73zqd\.onion)\b`)

// Where a build may name another address of the site: canonical links (the
// main site), the list of addresses on /about/reach/, Onion-Location.
var otherAddresses = []*regexp.Regexp{
	regexp.MustCompile(`<link rel="canonical" href="[^"]*">`),
	regexp.MustCompile(`(?s)<ul class="addresses">.*?</ul>`),
	regexp.MustCompile(`<meta http-equiv="onion-location" content="[^"]*">`),
	regexp.MustCompile(`add_header Onion-Location "[^"]*" always;`),
}

// checkOwnURLs fails the test for an absolute URL of another of the site's
// addresses than base in any file of dir but where otherAddresses allow
// one, and returns how many URLs of base it found.
func checkOwnURLs(t *testing.T, dir, base string) int {
	t.Helper()
	own := 0
	err := filepath.WalkDir(dir, func(p string, d fs.DirEntry, err error) error {
		if err != nil || d.IsDir() {
			return err
		}
		switch filepath.Ext(p) {
		case ".html", ".xml", ".json", ".txt", ".conf", "":
		default:
			return nil
		}
		b, err := os.ReadFile(p)
		if err != nil {
			return err
		}
		for _, re := range otherAddresses {
			b = re.ReplaceAll(b, nil)
		}
		rel, _ := filepath.Rel(dir, p)
		for _, m := range siteURL.FindAllSubmatch(b, -1) {
			if u := string(m[0]) + "/"; u != base {
				t.Errorf("%s: %s, not %s", rel, m[0], base)
				continue
			}
			own++
		}
		return nil
	})
	if err != nil {
		t.Fatal(err)
	}
	return own
}

// TestMirrorBuilds: a build for a mirror uses the mirror's address in
// every absolute URL of every page, feed, sitemap, JSON-LD block and host
// file, but in canonical links, which name the page on the main site; the
// main build names no mirror but where it lists them and in Onion-Location.
func TestMirrorBuilds(t *testing.T) {
	for _, c := range []struct{ name, dir, base string }{
		{"main", built(t), baseURL},
		{"mirror", builtMirror(t, "mirror"), mirrorURL},
		{"onion", builtMirror(t, "onion"), onionURL},
	} {
		t.Run(c.name, func(t *testing.T) {
			if n := checkOwnURLs(t, c.dir, c.base); n < 1000 {
				t.Errorf("only %d URLs of %s", n, c.base)
			}
			sitePages(t, c.dir, func(path string, doc *html.Node, alias bool) {
				links := elements(doc, "link", "rel", "canonical")
				if len(links) != 1 {
					t.Errorf("%s: %d canonical links", path, len(links))
					return
				}
				href := attr(links[0], "href")
				want := strings.TrimSuffix(baseURL, "/") + path
				if alias {
					if u, err := url.Parse(href); err != nil || u.Host != "dispatch.example" {
						t.Errorf("alias %s: canonical %q, want one on %s", path, href, baseURL)
					}
				} else if path != "/404.html" && href != want {
					t.Errorf("%s: canonical %q, want %q", path, href, want)
				}
			})
		})
	}
	// The onion's server block: plain HTTP on 127.0.0.1, the site's
	// headers, no Onion-Location for itself.
	dir := builtMirror(t, "onion")
	conf, err := os.ReadFile(filepath.Join(dir, "nginx.conf"))
	if err != nil {
		t.Fatal(err)
	}
	srv := startNginx(t, string(conf), dir)
	resp, body := srv.get("/" + hoeryong)
	if resp.StatusCode != 200 || resp.Header.Get("Onion-Location") != "" ||
		!strings.HasPrefix(resp.Header.Get("Content-Security-Policy"), "default-src 'self'") ||
		!strings.Contains(body, `<meta property="og:url" content="`+onionURL+hoeryong+`">`) {
		t.Errorf("the onion's nginx: %d, %v", resp.StatusCode, resp.Header)
	}
}

// TestMirrorAddresses: the theme refuses a mirror's base URL that
// nginx.conf (server_name, the Onion-Location header) cannot take as it is,
// or that shows a reader another address than the mirror's, naming the key;
// the base URLs a newsroom writes (a port, a folder, an international name
// in its xn-- form) pass, and nginx -t takes the main build's server block.
func TestMirrorAddresses(t *testing.T) {
	t.Parallel()
	onion := strings.TrimSuffix(onionURL, "/")
	for _, c := range []struct{ key, url, want string }{
		{"mirror", "https://dispatch.example@dispatch-mirror.example/", `params.mirrors.mirror: "https://dispatch.example@dispatch-mirror.example/" has a user name`},
		{"onion", "http://user@" + onionURL[len("http://"):], `params.mirrors.onion: "http://user@nptt`},
		{"mirror", "https://dispatch-mirror.example;/", `params.mirrors.mirror: "https://dispatch-mirror.example;/": the host "dispatch-mirror.example;" is not a host name`},
		{"mirror", `https://dispatch"mirror.example/`, `the host "dispatch\"mirror.example" is not a host name`},
		{"mirror", "https://Dispatch-Mirror.example/", `the host "Dispatch-Mirror.example" is not a host name`},
		{"mirror", "https://디스패치.example/", `is not a host name`},
		{"onion", onion + "/$host/", `params.mirrors.onion: "` + onion + `/$host/": the path "/$host/" is not one nginx.conf can take`},
		{"onion", onion + "/a//b/", `the path "/a//b/" is not one nginx.conf can take`},
		{"mirror", "https://dispatch-mirror.example/../", `the path "/../" is not one nginx.conf can take`},
		{"mirror", "https://dispatch-mirror.example:443x/", `is not the base URL of a mirror`},
	} {
		t.Run(c.url, func(t *testing.T) {
			t.Parallel()
			b, err := hugolib.TestE(t, themeFiles(t)+article, hugolib.TestOptWithConfig(func(cfg *hugolib.IntegrationTestConfig) {
				cfg.Environ = []string{"HUGO_PARAMS_MIRRORS_" + strings.ToUpper(c.key) + "=" + c.url}
			}))
			if err == nil {
				t.Fatalf("no error; nginx.conf:\n%s", b.FileContent("public/nginx.conf"))
			}
			// errorf logs the error; the build then fails.
			b.AssertLogContains(c.want)
		})
	}
	for _, c := range []struct{ mirror, onion string }{
		{"https://dispatch-mirror.example:8443/news-mirror/", onion + "/site/"},
		{"https://xn--9t4b11yi5a.example/", onionURL},
	} {
		b := hugolib.Test(t, themeFiles(t)+article, hugolib.TestOptWithConfig(func(cfg *hugolib.IntegrationTestConfig) {
			cfg.Environ = []string{"HUGO_PARAMS_MIRRORS_MIRROR=" + c.mirror, "HUGO_PARAMS_MIRRORS_ONION=" + c.onion}
		}))
		conf := b.FileContent("public/nginx.conf")
		if want := fmt.Sprintf("add_header Onion-Location %q always;", strings.TrimSuffix(c.onion, "/")+"$request_uri"); !strings.Contains(conf, want) {
			t.Errorf("nginx.conf has no %s", want)
		}
		startNginx(t, conf, t.TempDir())
	}
}
