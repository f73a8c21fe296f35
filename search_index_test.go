// What dispatch build's search index holds: the text of published
// articles, and nothing of drafts, of articles that say search: false, or
// of the navigation, notes and related lists around an article.
package dispatch_test

import (
	"bytes"
	"compress/gzip"
	"context"
	"fmt"
	"io"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/dispatch-news/dispatch/internal/cli"
	"github.com/dispatch-news/dispatch/internal/sitecopy"
)

// indexText returns the content of every file of a Pagefind index,
// gunzipped: its words, fragments, filters and metadata, by file.
func indexText(t *testing.T, dir string) map[string]string {
	t.Helper()
	files := map[string]string{}
	err := filepath.WalkDir(dir, func(path string, d os.DirEntry, err error) error {
		if err != nil || d.IsDir() {
			return err
		}
		b, err := os.ReadFile(path)
		if err != nil {
			return err
		}
		if zr, err := gzip.NewReader(bytes.NewReader(b)); err == nil {
			if b, err = io.ReadAll(zr); err != nil {
				return fmt.Errorf("%s: %w", path, err)
			}
		}
		rel, _ := filepath.Rel(dir, path)
		files[filepath.ToSlash(rel)] = string(b)
		return nil
	})
	if err != nil {
		t.Fatal(err)
	}
	return files
}

func TestSearchIndexLeavesOut(t *testing.T) {
	t.Parallel()
	dir := t.TempDir()
	if err := sitecopy.Example(".", dir); err != nil {
		t.Fatal(err)
	}
	// Three articles, one tag, so that each is in the others' related
	// lists: each has a word of its own in its title and its text.
	article := func(path, title, body, extra string) {
		t.Helper()
		b := filepath.Join(dir, "content", filepath.FromSlash(path))
		if err := os.MkdirAll(b, 0o755); err != nil {
			t.Fatal(err)
		}
		md := fmt.Sprintf("---\ntitle: %q\ndate: 2024-06-01T09:00:00+09:00\nauthors: [\"Dispatch Staff\"]\n"+
			"description: \"A test.\"\ntags: [\"markets\"]\nregions: [\"Hyesan\"]\n%s---\n\n%s\n", title, extra, body)
		if err := os.WriteFile(filepath.Join(b, "index.md"), []byte(md), 0o644); err != nil {
			t.Fatal(err)
		}
	}
	article("news/2024/published", "Zephyrquartz traders return", "The zephyrquartz market reopened.", "")
	article("news/2024/unlisted", "Quokkaflare notice", "The quokkaflare notice stays out of search.", "search: false\n")
	article("news/2024/draft", "Marblewhisk draft", "The marblewhisk text is not finished.", "draft: true\n")

	var out, errs bytes.Buffer
	if code := cli.Run(context.Background(), []string{"build", "--source", dir, "--quiet"}, &out, &errs); code != 0 {
		t.Fatalf("dispatch build: exit %d\n%s", code, errs.String())
	}
	pub := filepath.Join(dir, "public")
	index := indexText(t, filepath.Join(pub, "pagefind"))
	found := func(word string) []string {
		var in []string
		for name, text := range index {
			if strings.Contains(strings.ToLower(text), word) {
				in = append(in, name)
			}
		}
		return in
	}
	// The published article is in the index, words and fragment; the
	// page of the unlisted one is published, and lists the other two.
	if in := found("zephyrquartz"); len(in) < 2 {
		t.Fatalf("the published article's word is in %q, want an index chunk and its fragment", in)
	}
	page, err := os.ReadFile(filepath.Join(pub, "news", "2024", "unlisted", "index.html"))
	if err != nil || !bytes.Contains(page, []byte("quokkaflare notice stays")) {
		t.Fatalf("the unlisted article was not published: %v", err)
	}
	if !bytes.Contains(page, []byte("Zephyrquartz traders return")) {
		t.Errorf("the unlisted article does not list the published one; the test needs a related list")
	}
	// Neither the draft nor the article that says search: false, not even
	// through the related lists of the published one.
	for _, word := range []string{"marblewhisk", "quokkaflare"} {
		if in := found(word); len(in) > 0 {
			t.Errorf("%q is in the search index: %q", word, in)
		}
	}
	// Nor what surrounds articles: the contact line, the source note, the
	// site's tagline.
	for _, words := range []string{"tips@dispatch.example", "would face punishment", "independent reporting"} {
		if in := found(words); len(in) > 0 {
			t.Errorf("%q is in the search index: %q", words, in)
		}
	}
}
