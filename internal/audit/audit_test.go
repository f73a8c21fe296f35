package audit

import (
	"context"
	"errors"
	"io/fs"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/dispatch-news/dispatch/internal/check"
)

// site writes files into a fresh folder and returns it.
func site(t *testing.T, files map[string]string) string {
	t.Helper()
	dir := t.TempDir()
	for name, data := range files {
		p := filepath.Join(dir, filepath.FromSlash(name))
		if err := os.MkdirAll(filepath.Dir(p), 0o755); err != nil {
			t.Fatal(err)
		}
		if err := os.WriteFile(p, []byte(data), 0o644); err != nil {
			t.Fatal(err)
		}
	}
	return dir
}

var minimal = map[string]string{
	"index.html": "<!DOCTYPE html><title>x</title>",
	"404.html":   "<!DOCTYPE html><title>Not found</title>",
}

func TestRunErrors(t *testing.T) {
	t.Parallel()
	dir := site(t, minimal)
	cancelled, cancel := context.WithCancel(context.Background())
	cancel()
	tests := []struct {
		name string
		ctx  context.Context
		dir  string
		o    Options
		is   error  // the error wraps this, if set
		has  string // or its text holds this
	}{
		{"no such folder", context.Background(), filepath.Join(dir, "nope"), Options{}, fs.ErrNotExist, ""},
		{"a file, not a folder", context.Background(), filepath.Join(dir, "index.html"), Options{}, nil, "not a folder"},
		{"base URL without a host", context.Background(), dir, Options{BaseURL: "/just/a/path"}, nil, "has no host"},
		{"mirror without a host", context.Background(), dir, Options{Mirrors: []string{"dispatch.example"}}, nil, "has no host"},
		{"Allow.Dir without a slash", context.Background(), dir, Options{Allow: []Allow{{Dir: "pagefind", Kinds: []Kind{JS}}}}, nil, "must end in /"},
		{"Allow without kinds", context.Background(), dir, Options{Allow: []Allow{{Dir: "pagefind/"}}}, nil, "names no kind"},
		{"absolute script folder", context.Background(), dir, Options{Scripts: []string{"/pagefind/"}}, nil, "must be relative"},
		{"cancelled", cancelled, dir, Options{}, context.Canceled, ""},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			t.Parallel()
			r, err := Run(tt.ctx, tt.dir, tt.o)
			if err == nil {
				t.Fatalf("no error; report %+v", r)
			}
			if tt.is != nil && !errors.Is(err, tt.is) {
				t.Errorf("error %v, want one that is %v", err, tt.is)
			}
			if tt.has != "" && !strings.Contains(err.Error(), tt.has) {
				t.Errorf("error %q, want one that says %q", err, tt.has)
			}
		})
	}
}

func TestReportCounts(t *testing.T) {
	t.Parallel()
	files := map[string]string{"news/a/index.html": "<!DOCTYPE html><title>a</title>", "robots.txt": "User-agent: *\n"}
	for k, v := range minimal {
		files[k] = v
	}
	r, err := Run(context.Background(), site(t, files), Options{})
	if err != nil {
		t.Fatal(err)
	}
	var bytes int64
	for _, v := range files {
		bytes += int64(len(v))
	}
	if r.Files != 4 || r.Pages != 3 || r.Bytes != bytes || len(r.Diagnostics) != 0 {
		t.Errorf("files %d, pages %d, bytes %d, diagnostics %v; want 4, 3, %d, none", r.Files, r.Pages, r.Bytes, r.Diagnostics, bytes)
	}
}

// A symbolic link in the output publishes whatever it points at.
func TestSymlink(t *testing.T) {
	t.Parallel()
	dir := site(t, minimal)
	if err := os.Symlink("/etc/passwd", filepath.Join(dir, "passwd.txt")); err != nil {
		t.Skip("no symbolic links here:", err)
	}
	r, err := Run(context.Background(), dir, Options{})
	if err != nil {
		t.Fatal(err)
	}
	want := check.Diagnostic{Path: "passwd.txt", Line: 1, Column: 1, Severity: check.Error, Check: idFileType}
	if len(r.Diagnostics) != 1 {
		t.Fatalf("diagnostics %v, want one like %v", r.Diagnostics, want)
	}
	got := r.Diagnostics[0]
	got.Message = ""
	if got != want {
		t.Errorf("got %v, want %v", r.Diagnostics[0], want)
	}
}

// public/ can be a symbolic link to a web root: the published site is
// measured where the link points, and a link to the new output is
// audited as that folder.
func TestSymlinkedFolders(t *testing.T) {
	t.Parallel()
	prev := map[string]string{}
	for _, p := range []string{"a", "b", "c", "d"} {
		prev["news/"+p+"/index.html"] = "<!DOCTYPE html><title>" + p + "</title>"
	}
	for k, v := range minimal {
		prev[k] = v
	}
	webRoot, out := site(t, prev), site(t, minimal)
	links := t.TempDir()
	public, outLink := filepath.Join(links, "public"), filepath.Join(links, "out")
	if err := os.Symlink(webRoot, public); err != nil {
		t.Skip("no symbolic links here:", err)
	}
	if err := os.Symlink(out, outLink); err != nil {
		t.Fatal(err)
	}
	r, err := Run(context.Background(), outLink, Options{Previous: public})
	if err != nil {
		t.Fatal(err)
	}
	if len(r.Diagnostics) != 1 || r.Diagnostics[0].Check != idShrunk || r.Files != 2 {
		t.Errorf("files %d, diagnostics %v; want 2 files and one %s finding", r.Files, r.Diagnostics, idShrunk)
	}
}

// The previous site is compared only when it exists: the first build has
// none.
func TestNoPreviousSite(t *testing.T) {
	t.Parallel()
	dir := site(t, minimal)
	r, err := Run(context.Background(), dir, Options{Previous: filepath.Join(dir, "..", "never-published")})
	if err != nil {
		t.Fatal(err)
	}
	if len(r.Diagnostics) != 0 {
		t.Errorf("diagnostics %v, want none", r.Diagnostics)
	}
}

func TestSniff(t *testing.T) {
	t.Parallel()
	tests := []struct {
		data string
		want Kind
	}{
		{"<!DOCTYPE html>", Text},
		{"\uFEFF{\"a\":1}", Text},
		{"héllo, 안녕", Text},
		{"\xFF\xD8\xFF\xE0\x00\x10JFIF", JPEG},
		{"\x89PNG\r\n\x1A\n\x00\x00", PNG},
		{"GIF89a\x01\x00", GIF},
		{"RIFF\x10\x00\x00\x00WEBPVP8 ", WebP},
		{"\x00\x00\x00\x18ftypavif\x00\x00\x00\x00avifmif1", AVIF},
		{"\x00\x00\x00\x18ftypheic\x00\x00\x00\x00mif1heic", HEIF},
		{"\x00\x00\x00\x18ftypmif1\x00\x00\x00\x00mif1avif", AVIF},
		{"\x00\x00\x00\x18ftypisom\x00\x00\x02\x00isommp41", ISOMP4},
		{"\x00\x00\x00\x14ftypqt  \x00\x00\x00\x00qt  ", ISOMP4},
		{"\x00\x00\x01\x00\x01\x00", ICO},
		{"II*\x00\x08\x00\x00\x00", TIFF},
		{"MM\x00*\x00\x00\x00\x08", TIFF},
		{"\x1A\x45\xDF\xA3\x01", WebM},
		{"ID3\x04\x00", MP3},
		{"%PDF-1.7\n%\xE2\xE3\xCF\xD3", PDF},
		{"PK\x03\x04\x14\x00", Zip},
		{"\x1F\x8B\x08\x00", Gzip},
		{"\x7FELF\x02\x01\x01\x00", ELF},
		{"MZ\x90\x00\x03\x00", PE},
		{"\xCF\xFA\xED\xFE\x07\x00", MachO},
		{"\x00asm\x01\x00\x00\x00", Wasm},
		{"wOF2\x00\x01", Font},
		{"abc\x00def", Binary},
		{"caf\xE9", Binary},
	}
	for _, tt := range tests {
		if got := sniff([]byte(tt.data)); got != tt.want {
			t.Errorf("sniff(%q) = %s, want %s", tt.data, got, tt.want)
		}
	}
}

func TestURLHost(t *testing.T) {
	t.Parallel()
	tests := []struct {
		url  string
		host string
		ok   bool
	}{
		{"/news/", "", false},
		{"photo.jpg", "", false},
		{"#main", "", false},
		{"?q=1", "", false},
		{"mailto:tips@dispatch.example", "", false},
		{"data:image/png;base64,AAAA", "", false},
		{"https://dispatch.example/x", "dispatch.example", true},
		{"//cdn.example/x.css", "cdn.example", true},
		{`\\cdn.example\x.css`, "cdn.example", true},
		{" \t//cdn.example", "cdn.example", true},
		{"/\t/cdn.example", "cdn.example", true},
		{"HTTPS://CDN.Example.:443/x", "cdn.example", true},
		{"https:cdn.example/x", "cdn.example", true},
		{"https:///cdn.example/x", "cdn.example", true},
		{"https://user:pw@cdn.example/x", "cdn.example", true},
		{"https://dispatch.example@cdn.example", "cdn.example", true},
		{"https://%63dn.example/", "cdn.example", true},
		{"https://[::1]:1313/", "::1", true},
		{"ftp://files.example/x", "files.example", true},
		{"file:///etc/passwd", "file:", true},
	}
	for _, tt := range tests {
		host, ok := urlHost(tt.url)
		if host != tt.host || ok != tt.ok {
			t.Errorf("urlHost(%q) = %q, %v; want %q, %v", tt.url, host, ok, tt.host, tt.ok)
		}
	}
}

func TestScriptURL(t *testing.T) {
	t.Parallel()
	tests := []struct {
		url  string
		want bool
	}{
		{"javascript:alert(1)", true},
		{" JaVaScRiPt:alert(1)", true},
		{"\x01\x02javascript:alert(1)", true},
		{"java\tscr\nipt:alert(1)", true},
		{"vbscript:x", true},
		{"data:text/html,<script>x</script>", true},
		{"DATA:Text/HTML;base64,AAAA", true},
		{"data:image/svg+xml;utf8,<svg onload=x>", true},
		{"data:image/png;base64,AAAA", false},
		{"/javascript:x", false},
		{"./javascript:x", false},
		{"https://example.org/javascript:x", false},
		{"javascript-guide/", false},
		{"", false},
	}
	for _, tt := range tests {
		if _, got := scriptURL(tt.url); got != tt.want {
			t.Errorf("scriptURL(%q) = %v, want %v", tt.url, got, tt.want)
		}
	}
}

func TestSrcsetURLs(t *testing.T) {
	t.Parallel()
	tests := []struct {
		srcset string
		want   []string
	}{
		{"a.jpg", []string{"a.jpg"}},
		{"a.jpg 1x, b.jpg 2x", []string{"a.jpg", "b.jpg"}},
		{" a.jpg 480w ,b.jpg 960w", []string{"a.jpg", "b.jpg"}},
		{"a.jpg,b.jpg 2x", []string{"a.jpg,b.jpg"}}, // one URL: it runs to white space
		{"https://x.example/a,b.jpg 1x, c.jpg 2x", []string{"https://x.example/a,b.jpg", "c.jpg"}},
		{"a.jpg (foo, bar) 1x, b.jpg", []string{"a.jpg", "b.jpg"}},
		{"", nil},
	}
	for _, tt := range tests {
		got := srcsetURLs(tt.srcset)
		if strings.Join(got, "|") != strings.Join(tt.want, "|") {
			t.Errorf("srcsetURLs(%q) = %q, want %q", tt.srcset, got, tt.want)
		}
	}
}

func TestRefreshURL(t *testing.T) {
	t.Parallel()
	tests := []struct{ content, want string }{
		{"0; url=https://dispatch.example/news/", "https://dispatch.example/news/"},
		{"5;URL='https://x.example/'", "https://x.example/"},
		{"0, https://x.example/", "https://x.example/"},
		{"  3 ; url = \"/a/\"", "/a/"},
		{"30", ""},
	}
	for _, tt := range tests {
		if got := refreshURL(tt.content); got != tt.want {
			t.Errorf("refreshURL(%q) = %q, want %q", tt.content, got, tt.want)
		}
	}
}

// FuzzHTML feeds the page audit any bytes: it must not panic, and every
// finding must be at a position inside the file.
func FuzzHTML(f *testing.F) {
	for _, seed := range []string{
		"<!DOCTYPE html><p style=x id=a id=a>",
		"<script type=application/ld+json>{\"a\":1}</script><noscript><img src=//x></noscript>",
		"<svg><title><img src=https://x></title><style>x</style></svg>",
		"<a href=\"jav&#x09;ascript:x\" srcset=\",,, ,\">",
		"<meta http-equiv=refresh content=\"0;url=\">",
	} {
		f.Add([]byte(seed))
	}
	a, err := newAuditor(&Options{BaseURL: "https://dispatch.example/"})
	if err != nil {
		f.Fatal(err)
	}
	f.Fuzz(func(t *testing.T, data []byte) {
		s := &fileScan{rel: "x.html", data: data}
		a.html(s)
		lines := strings.Count(string(data), "\n") + 1
		for _, d := range s.diags {
			if d.Line < 1 || d.Line > lines || d.Column < 1 {
				t.Errorf("finding at %d:%d in a file of %d lines: %v", d.Line, d.Column, lines, d)
			}
		}
	})
}
