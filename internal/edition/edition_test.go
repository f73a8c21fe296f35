package edition

import (
	"os"
	"path/filepath"
	"slices"
	"testing"
	"time"
)

var day = 24 * time.Hour

func TestSelect(t *testing.T) {
	t.Parallel()
	now := time.Date(2024, 10, 31, 12, 0, 0, 0, time.UTC)
	since := now.Add(-30 * day)
	pages := []Page{
		{File: "news/2024/new/index.md", Lang: "en", Key: "new", Date: now.Add(-2 * day), Article: true, Published: true},
		{File: "news/2024/new/index.ko.md", Lang: "ko", Key: "new", Date: now.Add(-60 * day), Article: true, Published: true},
		{File: "news/2024/old/index.md", Lang: "en", Key: "old", Date: now.Add(-40 * day), Article: true, Published: true},
		{File: "news/2024/old/index.ko.md", Lang: "ko", Key: "old", Date: now.Add(-40 * day), Article: true, Published: true},
		{File: "news/2024/edge/index.md", Lang: "en", Key: "edge", Date: since, Article: true, Published: true},
		{File: "news/2024/draft/index.md", Lang: "en", Key: "draft", Date: now.Add(-day), Article: true},
		{File: "news/2024/ko-only/index.ko.md", Lang: "ko", Key: "ko-only", Date: now.Add(-day), Article: true, Published: true},
		{File: "news/_index.md", Lang: "en", Key: "news", Date: now.Add(-400 * day), Published: true},
		{File: "about/index.md", Lang: "en", Key: "about", Date: now.Add(-400 * day), Published: true},
	}
	for _, c := range []struct {
		name      string
		langs     []string
		articles  []string
		leave     []string
		newestAgo time.Duration
	}{
		{
			name:      "all languages",
			articles:  []string{"news/2024/ko-only/index.ko.md", "news/2024/new/index.md", "news/2024/edge/index.md"},
			leave:     []string{"news/2024/draft/index.md", "news/2024/old/index.ko.md", "news/2024/old/index.md"},
			newestAgo: day,
		},
		{
			// The Korean translation of an English article in the window
			// stays for the Hugo build (a readin shortcode needs it); Pack
			// leaves the Korean pages out.
			name:      "English",
			langs:     []string{"en"},
			articles:  []string{"news/2024/new/index.md", "news/2024/edge/index.md"},
			leave:     []string{"news/2024/draft/index.md", "news/2024/ko-only/index.ko.md", "news/2024/old/index.ko.md", "news/2024/old/index.md"},
			newestAgo: 2 * day,
		},
		{
			name:      "Korean",
			langs:     []string{"ko"},
			articles:  []string{"news/2024/ko-only/index.ko.md"},
			leave:     []string{"news/2024/draft/index.md", "news/2024/edge/index.md", "news/2024/new/index.ko.md", "news/2024/new/index.md", "news/2024/old/index.ko.md", "news/2024/old/index.md"},
			newestAgo: day,
		},
	} {
		t.Run(c.name, func(t *testing.T) {
			sel := Select(pages, since, c.langs)
			var got []string
			for _, p := range sel.Articles {
				got = append(got, p.File)
			}
			if !slices.Equal(got, c.articles) {
				t.Errorf("articles %q, want %q (newest first)", got, c.articles)
			}
			var leave []string
			for f := range sel.Leave {
				leave = append(leave, f)
			}
			slices.Sort(leave)
			if !slices.Equal(leave, c.leave) {
				t.Errorf("leave %q, want %q", leave, c.leave)
			}
			if !sel.Newest.Equal(now.Add(-c.newestAgo)) {
				t.Errorf("newest %v, want %v", sel.Newest, now.Add(-c.newestAgo))
			}
		})
	}
}

func TestContent(t *testing.T) {
	t.Parallel()
	src, dst := t.TempDir(), filepath.Join(t.TempDir(), "content")
	files := map[string]string{
		"news/_index.md":                  "section",
		"news/2024/in/index.md":           "in",
		"news/2024/in/photo.jpg":          "photo in",
		"news/2024/out/index.md":          "out",
		"news/2024/out/index.ko.md":       "out ko",
		"news/2024/out/photo.jpg":         "photo out",
		"news/2024/half/index.md":         "half",
		"news/2024/half/index.ko.md":      "half ko, left out",
		"news/2024/half/photo.jpg":        "photo half",
		"news/2024/plain.md":              "a page that is not a bundle, left out",
		"tags/surveillance/_index.md":     "term",
		"authors/han-ji-won/portrait.jpg": "portrait",
	}
	for name, body := range files {
		p := filepath.Join(src, filepath.FromSlash(name))
		if err := os.MkdirAll(filepath.Dir(p), 0o755); err != nil {
			t.Fatal(err)
		}
		if err := os.WriteFile(p, []byte(body), 0o644); err != nil {
			t.Fatal(err)
		}
	}
	pages := []Page{
		{File: "news/_index.md"}, {File: "news/2024/in/index.md", Article: true},
		{File: "news/2024/out/index.md", Article: true}, {File: "news/2024/out/index.ko.md", Article: true},
		{File: "news/2024/half/index.md", Article: true}, {File: "news/2024/half/index.ko.md", Article: true},
		{File: "news/2024/plain.md", Article: true}, {File: "tags/surveillance/_index.md"},
	}
	leave := map[string]bool{"news/2024/out/index.md": true, "news/2024/out/index.ko.md": true,
		"news/2024/half/index.ko.md": true, "news/2024/plain.md": true}
	if err := Content(src, dst, pages, leave); err != nil {
		t.Fatal(err)
	}
	for name, body := range files {
		b, err := os.ReadFile(filepath.Join(dst, filepath.FromSlash(name)))
		want := !leave[name] && filepath.Dir(name) != "news/2024/out"
		switch {
		case want && (err != nil || string(b) != body):
			t.Errorf("%s: %q, %v; want %q", name, b, err, body)
		case !want && err == nil:
			t.Errorf("%s is in the copy", name)
		}
	}
	if _, err := os.Stat(filepath.Join(dst, "news", "2024", "out")); err == nil {
		t.Errorf("the folder of a bundle left out is in the copy")
	}
}
