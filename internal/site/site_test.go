package site

import (
	"os"
	"path/filepath"
	"testing"
	"time"

	"github.com/gohugoio/hugo/config"
)

const testConfig = `baseURL = "https://dispatch.example/"
defaultContentLanguage = "en"
timeZone = "Asia/Seoul"
[languages.en]
  weight = 1
[languages.ko]
  weight = 2
  timeZone = "UTC"
[params]
  [params.dispatch]
    allowFrontMatter = ["layout"]
  [params.mirrors]
    onion = "http://example2345678.onion/"
`

func testSite(t *testing.T) string {
	t.Helper()
	dir := t.TempDir()
	if err := os.WriteFile(filepath.Join(dir, "hugo.toml"), []byte(testConfig), 0o644); err != nil {
		t.Fatal(err)
	}
	if err := os.MkdirAll(filepath.Join(dir, "content", "news", "2024"), 0o755); err != nil {
		t.Fatal(err)
	}
	return dir
}

func TestFindRoot(t *testing.T) {
	t.Parallel()
	dir := testSite(t)
	for _, from := range []string{dir, filepath.Join(dir, "content"), filepath.Join(dir, "content", "news", "2024")} {
		if got, err := FindRoot(from); err != nil || got != dir {
			t.Errorf("FindRoot(%s) = %q, %v; want %q", from, got, err, dir)
		}
	}
	if _, err := FindRoot(t.TempDir()); err != ErrNoSite {
		t.Errorf("FindRoot of a folder outside any site: %v, want ErrNoSite", err)
	}
}

func TestLoadReadsFlagsAsHugo(t *testing.T) {
	t.Parallel()
	dir := testSite(t)
	flags := config.New()
	flags.Set("buildDrafts", true)
	flags.Set("internal.clock", "2026-01-02T03:04:05Z")
	flags.Set("publishDir", "out")
	s, err := Load(Options{Dir: dir, Flags: flags})
	if err != nil {
		t.Fatal(err)
	}
	if !s.BuildDrafts || s.BuildFuture {
		t.Errorf("BuildDrafts %v, BuildFuture %v", s.BuildDrafts, s.BuildFuture)
	}
	if want := time.Date(2026, 1, 2, 3, 4, 5, 0, time.UTC); !s.Now.Equal(want) {
		t.Errorf("Now %v, want the clock %v", s.Now, want)
	}
	if s.PublishDir != filepath.Join(dir, "out") {
		t.Errorf("PublishDir %q", s.PublishDir)
	}
	if len(s.Languages) != 2 || s.Languages[0] != "en" || s.Environment != "production" {
		t.Errorf("Languages %q, Environment %q", s.Languages, s.Environment)
	}
	if got := s.Location("en").String(); got != "Asia/Seoul" {
		t.Errorf("Location(en) = %s", got)
	}
	if got := s.Location("ko").String(); got != "UTC" {
		t.Errorf("Location(ko) = %s", got)
	}
	if l, ok := s.Param("Dispatch", "allowFrontMatter").([]any); !ok || len(l) != 1 || l[0] != "layout" {
		t.Errorf("Param(Dispatch, allowFrontMatter) = %v", s.Param("Dispatch", "allowFrontMatter"))
	}
	if s.Param("dispatch", "nothing", "deeper") != nil {
		t.Error("Param of a missing path is not nil")
	}
	if m := s.Mirrors(); len(m) != 1 || m["onion"] != "http://example2345678.onion/" {
		t.Errorf("Mirrors() = %v", m)
	}
	server, err := Load(Options{Dir: dir, Server: true})
	if err != nil {
		t.Fatal(err)
	}
	if server.Environment != "development" || server.BuildDrafts {
		t.Errorf("the preview's site: environment %q, BuildDrafts %v", server.Environment, server.BuildDrafts)
	}
}
