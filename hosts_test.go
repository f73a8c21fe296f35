// Tests of what the build writes for static hosts and servers: _headers and
// _redirects (Netlify, Cloudflare Pages) and the nginx server block, which is
// run by a real nginx when one is installed (CI installs it).
package dispatch_test

import (
	"bufio"
	"bytes"
	"context"
	"crypto/ecdsa"
	"crypto/elliptic"
	"crypto/rand"
	"crypto/tls"
	"crypto/x509"
	"crypto/x509/pkix"
	"encoding/json"
	"encoding/pem"
	"fmt"
	"io"
	"io/fs"
	"maps"
	"math/big"
	"net"
	"net/http"
	"os"
	"os/exec"
	"path/filepath"
	"regexp"
	"slices"
	"strings"
	"syscall"
	"testing"
	"time"

	"github.com/gohugoio/hugo/hugolib"
	"golang.org/x/net/html"
)

// securityHeaders are the headers every page must be served with.
var securityHeaders = []string{"Content-Security-Policy", "X-Content-Type-Options", "Referrer-Policy",
	"Permissions-Policy", "Strict-Transport-Security"}

// parseHeadersFile reads a _headers file: path lines, then indented
// "Name: value" lines, and "! Name" lines (Cloudflare's: drop the header
// an earlier rule set), kept as "!Name" with an empty value.
func parseHeadersFile(t *testing.T, b []byte) map[string]map[string]string {
	rules := map[string]map[string]string{}
	var path string
	sc := bufio.NewScanner(strings.NewReader(string(b)))
	for sc.Scan() {
		line := sc.Text()
		switch {
		case strings.TrimSpace(line) == "":
		case !strings.HasPrefix(line, " "):
			path = line
			rules[path] = map[string]string{}
		case strings.HasPrefix(strings.TrimSpace(line), "! ") && path != "":
			rules[path]["!"+strings.TrimSpace(strings.TrimSpace(line)[1:])] = ""
		default:
			name, value, ok := strings.Cut(strings.TrimSpace(line), ": ")
			if !ok || path == "" {
				t.Fatalf("_headers: bad line %q", line)
			}
			rules[path][name] = value
		}
	}
	return rules
}

func TestHeadersAndRedirectsFiles(t *testing.T) {
	rules := parseHeadersFile(t, readPublic(t, "_headers"))
	all := rules["/*"]
	for _, h := range securityHeaders {
		if all[h] == "" {
			t.Errorf("_headers: /* has no %s", h)
		}
	}
	if all["Content-Security-Policy"] == "" || !strings.HasPrefix(all["Content-Security-Policy"], "default-src 'self'") {
		t.Errorf("CSP %q", all["Content-Security-Policy"])
	}
	if all["Referrer-Policy"] != "no-referrer" || all["X-Content-Type-Options"] != "nosniff" {
		t.Errorf("_headers: %v", all)
	}
	for _, p := range []string{"/css/*", "/js/*"} {
		if rules[p]["Cache-Control"] != "public, max-age=31536000, immutable" {
			t.Errorf("_headers: %s %v", p, rules[p])
		}
	}
	// The search pages alone get the policy with 'wasm-unsafe-eval', after
	// /* and dropping its policy first (Cloudflare Pages would join both,
	// and browsers enforce each); no other rule sets a policy.
	search := searchPolicy(all["Content-Security-Policy"])
	text := string(readPublic(t, "_headers"))
	for _, p := range []string{"/search/*", "/ko/search/*"} {
		want := map[string]string{"!Content-Security-Policy": "", "Content-Security-Policy": search}
		if !maps.Equal(rules[p], want) || strings.Index(text, "\n"+p+"\n") < strings.Index(text, "/*\n") {
			t.Errorf("_headers: %s %v, want %v after /*", p, rules[p], want)
		}
	}
	for p, r := range rules {
		if _, ok := r["Content-Security-Policy"]; ok && p != "/*" && !strings.HasSuffix(p, "/search/*") {
			t.Errorf("_headers: %s sets a policy too: %v", p, r)
		}
	}

	redirects := string(readPublic(t, "_redirects"))
	if want := "/news/2024/hyesan-market-limits/ /news/2024/hyesan-market-rules/ 301\n"; !strings.Contains(redirects, want) {
		t.Errorf("_redirects lacks %q:\n%s", want, redirects)
	}
	// Every alias page Hugo wrote is in _redirects.
	aliases := 0
	_ = filepath.WalkDir(built(t), func(path string, d os.DirEntry, err error) error {
		if err != nil || d.IsDir() || d.Name() != "index.html" {
			return err
		}
		b, _ := os.ReadFile(path)
		if m := regexp.MustCompile(`<meta http-equiv="refresh" content="0; url=([^"]+)"`).FindSubmatch(b); m != nil {
			rel, _ := filepath.Rel(built(t), filepath.Dir(path))
			from := "/" + filepath.ToSlash(rel) + "/"
			aliases++
			if !strings.Contains(redirects, from+" ") {
				t.Errorf("alias %s (to %s) is not in _redirects", from, m[1])
			}
		}
		return nil
	})
	if aliases == 0 {
		t.Errorf("no alias page found to compare with")
	}

	conf := string(readPublic(t, "nginx.conf"))
	for name, value := range all {
		if !strings.Contains(conf, fmt.Sprintf("add_header %s %q always;", name, value)) {
			t.Errorf("nginx.conf lacks the %s header of _headers", name)
		}
	}
	if !strings.Contains(conf, "location = /news/2024/hyesan-market-limits/ { return 301 /news/2024/hyesan-market-rules/; }") {
		t.Errorf("nginx.conf lacks the alias")
	}
	for _, p := range []string{"/search/", "/ko/search/"} {
		_, block, _ := strings.Cut(conf, "location ^~ "+p+" {")
		block, _, _ = strings.Cut(block, "}")
		if !strings.Contains(block, fmt.Sprintf("add_header Content-Security-Policy %q always;", search)) {
			t.Errorf("nginx.conf has no location for %s with the search policy:\n%s", p, block)
		}
	}
	if n := strings.Count(conf, "wasm-unsafe-eval"); n != 2 {
		t.Errorf("nginx.conf allows WebAssembly %d times, want twice (the two search pages)", n)
	}
}

// searchPolicy is the policy of the search pages, which run Pagefind's
// WebAssembly: the site's policy, which has no script-src, with one that
// allows it.
func searchPolicy(policy string) string {
	return policy + "; script-src 'self' 'wasm-unsafe-eval'"
}

// TestMetaCSPOnEveryPage: every HTML page of the example site, alias pages
// included, carries the policy of config.toml (and _headers) in a meta
// element, for hosts that send no headers: in its head, before anything that
// loads, and without frame-ancestors, which browsers ignore there.
func TestMetaCSPOnEveryPage(t *testing.T) {
	policy := parseHeadersFile(t, readPublic(t, "_headers"))["/*"]["Content-Security-Policy"]
	config, err := os.ReadFile("config.toml")
	if err != nil {
		t.Fatal(err)
	}
	if m := regexp.MustCompile(`(?m)^\s*contentSecurityPolicy = "([^"]+)"$`).FindSubmatch(config); m == nil || string(m[1]) != policy {
		t.Fatalf("_headers has the policy %q; config.toml: %q", policy, m)
	}
	var keep []string
	for _, d := range strings.Split(policy, ";") {
		if d = strings.TrimSpace(d); d != "" && !strings.HasPrefix(d, "frame-ancestors") {
			keep = append(keep, d)
		}
	}
	want := strings.Join(keep, "; ")
	if !strings.Contains(policy, "frame-ancestors 'none'") || !strings.HasPrefix(want, "default-src 'self'") {
		t.Fatalf("_headers policy %q: want one with frame-ancestors to leave out", policy)
	}
	pub := built(t)
	pages, searchPages := 0, 0
	err = filepath.WalkDir(pub, func(path string, d fs.DirEntry, err error) error {
		if err != nil || d.IsDir() || !strings.HasSuffix(path, ".html") {
			return err
		}
		rel, _ := filepath.Rel(pub, path)
		b, err := os.ReadFile(path)
		if err != nil {
			return err
		}
		doc, err := html.Parse(bytes.NewReader(b))
		if err != nil {
			return err
		}
		pages++
		var csp []string
		loads := "" // the first element that loads something
		for n := range doc.Descendants() {
			if n.Type != html.ElementNode {
				continue
			}
			switch n.Data {
			case "meta":
				if !strings.EqualFold(attr(n, "http-equiv"), "Content-Security-Policy") {
					continue
				}
				csp = append(csp, attr(n, "content"))
				if loads != "" || n.Parent.Data != "head" {
					t.Errorf("%s: the policy comes after a <%s>, or outside the head", rel, loads)
				}
			case "link", "script", "style", "img", "source":
				if loads == "" {
					loads = n.Data
				}
			}
		}
		want := want
		if dir := filepath.ToSlash(filepath.Dir(rel)); dir == "search" || dir == "ko/search" {
			// The search pages run Pagefind's WebAssembly.
			want = searchPolicy(want)
			searchPages++
		}
		if len(csp) != 1 || csp[0] != want {
			t.Errorf("%s: meta Content-Security-Policy %q, want %q", rel, csp, want)
		}
		return nil
	})
	if err != nil {
		t.Fatal(err)
	}
	if pages < 50 || searchPages != 2 {
		t.Errorf("%d pages, %d of them search pages", pages, searchPages)
	}
}

func attr(n *html.Node, key string) string {
	for _, a := range n.Attr {
		if a.Key == key {
			return a.Val
		}
	}
	return ""
}

// TestREADMECloudFrontPolicy: the CloudFront response-headers policy that
// README.md gives for S3 sends every header of _headers, with its value. Its
// fields are those of AWS's ResponseHeadersPolicyConfig; an unknown one fails.
func TestREADMECloudFrontPolicy(t *testing.T) {
	readme, err := os.ReadFile("README.md")
	if err != nil {
		t.Fatal(err)
	}
	_, block, _ := strings.Cut(string(readme), "`dispatch-headers.json`")
	_, block, _ = strings.Cut(block, "```json\n")
	block, _, _ = strings.Cut(block, "```")
	type override struct{ Override bool }
	var policy struct {
		Name, Comment         string
		SecurityHeadersConfig struct {
			ContentSecurityPolicy struct {
				ContentSecurityPolicy string
				Override              bool
			}
			ContentTypeOptions override
			ReferrerPolicy     struct {
				ReferrerPolicy string
				Override       bool
			}
			FrameOptions struct {
				FrameOption string
				Override    bool
			}
			StrictTransportSecurity struct {
				AccessControlMaxAgeSec               int
				IncludeSubdomains, Preload, Override bool
			}
		}
		CustomHeadersConfig struct {
			Quantity int
			Items    []struct {
				Header, Value string
				Override      bool
			}
		}
	}
	d := json.NewDecoder(strings.NewReader(block))
	d.DisallowUnknownFields()
	if err := d.Decode(&policy); err != nil {
		t.Fatalf("README's CloudFront policy: %v\n%s", err, block)
	}
	sh := policy.SecurityHeadersConfig
	hsts := fmt.Sprintf("max-age=%d", sh.StrictTransportSecurity.AccessControlMaxAgeSec)
	if sh.StrictTransportSecurity.IncludeSubdomains {
		hsts += "; includeSubDomains"
	}
	if sh.StrictTransportSecurity.Preload {
		hsts += "; preload"
	}
	got := map[string]string{
		"Content-Security-Policy":   sh.ContentSecurityPolicy.ContentSecurityPolicy,
		"Referrer-Policy":           sh.ReferrerPolicy.ReferrerPolicy,
		"X-Frame-Options":           sh.FrameOptions.FrameOption,
		"Strict-Transport-Security": hsts,
	}
	overrides := []bool{sh.ContentSecurityPolicy.Override, sh.ContentTypeOptions.Override, sh.ReferrerPolicy.Override,
		sh.FrameOptions.Override, sh.StrictTransportSecurity.Override}
	if sh.ContentTypeOptions.Override {
		got["X-Content-Type-Options"] = "nosniff"
	}
	for _, h := range policy.CustomHeadersConfig.Items {
		got[h.Header] = h.Value
		overrides = append(overrides, h.Override)
	}
	if policy.CustomHeadersConfig.Quantity != len(policy.CustomHeadersConfig.Items) || slices.Contains(overrides, false) {
		t.Errorf("README's CloudFront policy: Quantity %d for %d custom headers, overrides %v",
			policy.CustomHeadersConfig.Quantity, len(policy.CustomHeadersConfig.Items), overrides)
	}
	want := parseHeadersFile(t, readPublic(t, "_headers"))["/*"]
	if !maps.Equal(got, want) {
		t.Errorf("README's CloudFront policy sends\n%v\nbut _headers has\n%v", got, want)
	}
}

// nginxServer is a server block written by the build, run by a real nginx
// on 127.0.0.1.
type nginxServer struct {
	t      *testing.T
	client *http.Client
	// https is the base URL of the pages (http:// for an onion service),
	// http that of the plain HTTP server that redirects to https.
	https, http string
}

// startNginx adapts a server block written by the build to the test (ports
// on 127.0.0.1, a self-signed certificate, the web root) and runs it once
// nginx -t accepts it. It skips the test when nginx is not installed.
func startNginx(t *testing.T, conf, root string) *nginxServer {
	t.Helper()
	nginx, err := exec.LookPath("nginx")
	if err != nil {
		t.Skip("nginx is not installed (apt-get install nginx-light)")
	}
	mimeTypes := "/etc/nginx/mime.types"
	if _, err := os.Stat(mimeTypes); err != nil {
		t.Skip("no /etc/nginx/mime.types")
	}
	dir := t.TempDir()
	cert, key := selfSigned(t, dir)
	httpPort, httpsPort := freePort(t), freePort(t)
	adapt := map[string]string{
		"listen 80;":                       fmt.Sprintf("listen 127.0.0.1:%d;", httpPort),
		"listen [::]:80;":                  "",
		"listen 443 ssl http2;":            fmt.Sprintf("listen 127.0.0.1:%d ssl http2;", httpsPort),
		"listen [::]:443 ssl http2;":       "",
		"root /srv/dispatch/public;":       "root " + root + ";",
		"# ssl_certificate     /etc/":      "ssl_certificate " + cert + "; # /etc/",
		"# ssl_certificate_key /etc/":      "ssl_certificate_key " + key + "; # /etc/",
		"return 301 https://$host$request": "return 301 https://$host$request",
	}
	pages := fmt.Sprintf("https://127.0.0.1:%d", httpsPort)
	if !strings.Contains(conf, "listen 443") {
		// An onion service's block: plain HTTP on 127.0.0.1 alone.
		adapt = map[string]string{
			"listen 127.0.0.1:80;":       fmt.Sprintf("listen 127.0.0.1:%d;", httpPort),
			"root /srv/dispatch/public;": "root " + root + ";",
		}
		pages = fmt.Sprintf("http://127.0.0.1:%d", httpPort)
	}
	for old, new := range adapt {
		if !strings.Contains(conf, old) {
			t.Fatalf("nginx.conf has no %q to adapt for the test", old)
		}
		conf = strings.Replace(conf, old, new, 1)
	}
	server := filepath.Join(dir, "server.conf")
	if err := os.WriteFile(server, []byte(conf), 0o644); err != nil {
		t.Fatal(err)
	}
	main := filepath.Join(dir, "nginx.conf")
	user := ""
	if os.Geteuid() == 0 {
		user = "user root;" // the workers must read the test's private folders
	}
	err = os.WriteFile(main, fmt.Appendf(nil, `daemon off;
%[4]s
pid %[1]s/nginx.pid;
error_log stderr;
events {}
http {
    include %[2]s;
    access_log off;
    client_body_temp_path %[1]s/body;
    proxy_temp_path %[1]s/proxy;
    fastcgi_temp_path %[1]s/fastcgi;
    uwsgi_temp_path %[1]s/uwsgi;
    scgi_temp_path %[1]s/scgi;
    include %[3]s;
}
`, dir, mimeTypes, server, user), 0o644)
	if err != nil {
		t.Fatal(err)
	}
	if out, err := exec.Command(nginx, "-t", "-p", dir, "-c", main).CombinedOutput(); err != nil {
		t.Fatalf("nginx -t: %v\n%s", err, out)
	}
	ctx, cancel := context.WithCancel(context.Background())
	cmd := exec.CommandContext(ctx, nginx, "-p", dir, "-c", main)
	cmd.Stderr = os.Stderr
	// A quick shutdown of the master and its workers.
	cmd.Cancel = func() error { return cmd.Process.Signal(syscall.SIGTERM) }
	cmd.WaitDelay = 5 * time.Second
	if err := cmd.Start(); err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { cancel(); _ = cmd.Wait() })
	return &nginxServer{
		t: t,
		client: &http.Client{
			Timeout:       5 * time.Second,
			Transport:     &http.Transport{TLSClientConfig: &tls.Config{InsecureSkipVerify: true}},
			CheckRedirect: func(*http.Request, []*http.Request) error { return http.ErrUseLastResponse },
		},
		https: pages,
		http:  fmt.Sprintf("http://127.0.0.1:%d", httpPort),
	}
}

// get asks the server for a path over HTTPS, retrying while it starts.
func (s *nginxServer) get(path string) (*http.Response, string) {
	s.t.Helper()
	var resp *http.Response
	var err error
	for deadline := time.Now().Add(5 * time.Second); time.Now().Before(deadline); time.Sleep(50 * time.Millisecond) {
		if resp, err = s.client.Get(s.https + path); err == nil {
			break
		}
	}
	if err != nil {
		s.t.Fatal(err)
	}
	defer resp.Body.Close()
	b, _ := io.ReadAll(resp.Body)
	return resp, string(b)
}

// TestNginxServesTheSite runs the generated server block in a real nginx on
// 127.0.0.1 and asks it for pages.
func TestNginxServesTheSite(t *testing.T) {
	srv := startNginx(t, string(readPublic(t, "nginx.conf")), built(t))
	get := srv.get
	want := parseHeadersFile(t, readPublic(t, "_headers"))["/*"]
	for _, c := range []struct {
		path   string
		status int
		cache  string
		body   string
	}{
		{"/", 200, "public, max-age=300, must-revalidate", "<title>Dispatch"},
		{"/" + hoeryong, 200, "public, max-age=300, must-revalidate", "Hoeryong"},
		{"/ko/" + hoeryong, 200, "public, max-age=300, must-revalidate", "회령"},
		{"/no/such/page/", 404, "public, max-age=300, must-revalidate", "404"},
		{"/_headers", 404, "public, max-age=300, must-revalidate", ""},
		{"/search/?q=Hoeryong", 200, "public, max-age=300, must-revalidate", "<form"},
		{"/ko/search/", 200, "public, max-age=300, must-revalidate", "<form"},
		{"/pagefind/pagefind.js", 200, "public, max-age=300, must-revalidate", "pagefind"},
	} {
		resp, body := get(c.path)
		if resp.StatusCode != c.status || resp.Header.Get("Cache-Control") != c.cache || !strings.Contains(body, c.body) {
			t.Errorf("%s: %d, Cache-Control %q; want %d, %q and %q in the body", c.path, resp.StatusCode,
				resp.Header.Get("Cache-Control"), c.status, c.cache, c.body)
		}
		want := maps.Clone(want)
		if strings.Contains(c.path, "search/") {
			want["Content-Security-Policy"] = searchPolicy(want["Content-Security-Policy"])
		}
		for name, value := range want {
			if got := resp.Header.Get(name); got != value {
				t.Errorf("%s: %s %q, want %q", c.path, name, got, value)
			}
		}
	}
	css := regexp.MustCompile(`href="(/css/[^"]+\.css)"`).FindStringSubmatch(string(readPublic(t, "index.html")))
	if css == nil {
		t.Fatal("no stylesheet on the home page")
	}
	resp, _ := get(css[1])
	if resp.StatusCode != 200 || resp.Header.Get("Cache-Control") != "public, max-age=31536000, immutable" ||
		!strings.HasPrefix(resp.Header.Get("Content-Type"), "text/css") || resp.Header.Get("Content-Security-Policy") != want["Content-Security-Policy"] {
		t.Errorf("%s: %d %v", css[1], resp.StatusCode, resp.Header)
	}
	resp, _ = get("/news/2024/hyesan-market-limits/")
	if resp.StatusCode != 301 || !strings.HasSuffix(resp.Header.Get("Location"), "/news/2024/hyesan-market-rules/") {
		t.Errorf("alias: %d, Location %q", resp.StatusCode, resp.Header.Get("Location"))
	}
	plain, err := srv.client.Get(srv.http + "/news/")
	if err != nil {
		t.Fatal(err)
	}
	plain.Body.Close()
	if plain.StatusCode != 301 || !strings.HasPrefix(plain.Header.Get("Location"), "https://") {
		t.Errorf("plain HTTP: %d, Location %q", plain.StatusCode, plain.Header.Get("Location"))
	}
}

// TestNginxRedirectsLegitimateAliases: the aliases a newsroom writes when it
// moves articles (file names, capitals, tildes, relative ones, Korean pages
// and a Korean URL) pass nginx -t, and every redirect of _redirects answers
// a 301 to its page.
func TestNginxRedirectsLegitimateAliases(t *testing.T) {
	b := hugolib.Test(t, legitimateSite(t))
	srv := startNginx(t, b.FileContent("public/nginx.conf"), t.TempDir())
	lines := strings.Split(strings.TrimSpace(b.FileContent("public/_redirects")), "\n")
	for _, line := range lines {
		f := strings.Fields(line)
		resp, _ := srv.get(f[0])
		if resp.StatusCode != 301 || !strings.HasSuffix(resp.Header.Get("Location"), "://"+resp.Request.URL.Host+f[1]) {
			t.Errorf("%s: %d, Location %q; want 301 to %s", f[0], resp.StatusCode, resp.Header.Get("Location"), f[1])
		}
	}
	if len(lines) < 20 {
		t.Errorf("only %d redirects", len(lines))
	}
}

func freePort(t *testing.T) int {
	l, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		t.Fatal(err)
	}
	defer l.Close()
	return l.Addr().(*net.TCPAddr).Port
}

// selfSigned writes a certificate and key for 127.0.0.1.
func selfSigned(t *testing.T, dir string) (certFile, keyFile string) {
	key, err := ecdsa.GenerateKey(elliptic.P256(), rand.Reader)
	if err != nil {
		t.Fatal(err)
	}
	tmpl := &x509.Certificate{
		SerialNumber: big.NewInt(1),
		Subject:      pkix.Name{CommonName: "dispatch.example"},
		DNSNames:     []string{"dispatch.example"},
		IPAddresses:  []net.IP{net.IPv4(127, 0, 0, 1)},
		NotBefore:    time.Now().Add(-time.Hour),
		NotAfter:     time.Now().Add(time.Hour),
	}
	der, err := x509.CreateCertificate(rand.Reader, tmpl, tmpl, &key.PublicKey, key)
	if err != nil {
		t.Fatal(err)
	}
	kb, err := x509.MarshalECPrivateKey(key)
	if err != nil {
		t.Fatal(err)
	}
	certFile, keyFile = filepath.Join(dir, "cert.pem"), filepath.Join(dir, "key.pem")
	if err := os.WriteFile(certFile, pem.EncodeToMemory(&pem.Block{Type: "CERTIFICATE", Bytes: der}), 0o600); err != nil {
		t.Fatal(err)
	}
	if err := os.WriteFile(keyFile, pem.EncodeToMemory(&pem.Block{Type: "EC PRIVATE KEY", Bytes: kb}), 0o600); err != nil {
		t.Fatal(err)
	}
	return certFile, keyFile
}
