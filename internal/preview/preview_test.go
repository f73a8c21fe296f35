package preview

import (
	"net/http"
	"net/http/httptest"
	"net/url"
	"os"
	"path/filepath"
	"strings"
	"testing"
)

func TestProxyAnswersOnlyItsNames(t *testing.T) {
	t.Parallel()
	hugo := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) { w.Write([]byte("page")) }))
	defer hugo.Close()
	u, _ := url.Parse(hugo.URL)
	p := NewProxy(u, append(LoopbackHosts, "192.168.1.5"))
	p.LeftOut = func(path string) (string, bool) {
		return "content/news/x/index.md:3:7: bad date", path == "/news/x/"
	}
	for _, tc := range []struct {
		host, path string
		code       int
	}{
		{"localhost:1313", "/", 200},
		{"LOCALHOST:1313", "/", 200},
		{"127.0.0.1:1313", "/", 200},
		{"[::1]:1313", "/", 200},
		{"192.168.1.5:1313", "/", 200},
		{"evil.example:1313", "/", 403},
		{"evil.example", "/", 403},
		{"localhost.evil.example", "/", 403},
		{"127.0.0.1.nip.io:1313", "/", 403},
		{"", "/", 403},
		{"localhost:1313", "/news/x/", 404},
	} {
		req := httptest.NewRequest("GET", "http://x"+tc.path, nil)
		req.Host = tc.host
		w := httptest.NewRecorder()
		p.ServeHTTP(w, req)
		if w.Code != tc.code {
			t.Errorf("Host %q %s: %d, want %d (%s)", tc.host, tc.path, w.Code, tc.code, w.Body)
		}
	}
}

func TestConfigWrite(t *testing.T) {
	t.Parallel()
	path := filepath.Join(t.TempDir(), "preview.toml")
	c := Config{IgnoreFiles: []string{`\.bak$`}, Leave: []string{"/site/content/a (1).md"},
		Broken: []Broken{{File: "content/a (1).md", Line: 3, Column: 7, Message: `"date" is "x"`}}}
	if err := c.Write(path); err != nil {
		t.Fatal(err)
	}
	b, _ := os.ReadFile(path)
	for _, want := range []string{`ignoreFiles = ['\.bak$', '^/site/content/a \(1\)\.md$']`, `message = '"date" is "x"'`, "line = 3"} {
		if !strings.Contains(string(b), want) {
			t.Errorf("%s lacks %q:\n%s", path, want, b)
		}
	}
	fi, _ := os.Stat(path)
	if err := c.Write(path); err != nil {
		t.Fatal(err)
	}
	if fi2, _ := os.Stat(path); !fi2.ModTime().Equal(fi.ModTime()) {
		t.Error("an unchanged configuration was written again: Hugo would rebuild for nothing")
	}
}
