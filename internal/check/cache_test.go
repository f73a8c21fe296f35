package check

import (
	"os"
	"path/filepath"
	"reflect"
	"strings"
	"testing"
	"time"

	"github.com/dispatch-news/dispatch/internal/imagemeta/imagetest"
	"golang.org/x/tools/txtar"
)

// A cached Run reports what a Run from scratch reports, on every golden
// case, the first time and again when nothing changed; and after a file is
// saved, what a Run from scratch reports then.
func TestCacheAgreesWithRun(t *testing.T) {
	cases, err := filepath.Glob("testdata/cases/*.txtar")
	if err != nil || len(cases) == 0 {
		t.Fatalf("no golden cases: %v", err)
	}
	for _, file := range cases {
		t.Run(strings.TrimSuffix(filepath.Base(file), ".txtar"), func(t *testing.T) {
			t.Parallel()
			ar, err := txtar.ParseFile(file)
			if err != nil {
				t.Fatal(err)
			}
			root := t.TempDir()
			var pages []string
			for _, f := range ar.Files {
				if f.Name == "want" {
					continue
				}
				path := filepath.Join(root, filepath.FromSlash(f.Name))
				if err := os.MkdirAll(filepath.Dir(path), 0o755); err != nil {
					t.Fatal(err)
				}
				data := f.Data
				if spec, ok := strings.CutPrefix(string(data), "imagetest:"); ok {
					sp, err := imagetest.ParseSpec(spec)
					if err != nil {
						t.Fatal(err)
					}
					if data, err = imagetest.File(f.Name, sp); err != nil {
						t.Fatal(err)
					}
				}
				if err := os.WriteFile(path, data, 0o644); err != nil {
					t.Fatal(err)
				}
				if strings.HasSuffix(f.Name, ".md") {
					pages = append(pages, path)
				}
			}
			s := testSite(t, root)
			cache := &Cache{}
			same := func(when string) {
				t.Helper()
				want, err := Run(Options{Site: s})
				if err != nil {
					t.Fatal(err)
				}
				got, err := Run(Options{Site: s, Cache: cache})
				if err != nil {
					t.Fatal(err)
				}
				if !reflect.DeepEqual(got, want) {
					t.Errorf("%s: the cached run reports\n%v\nthe run from scratch\n%v", when, got.Diagnostics, want.Diagnostics)
				}
			}
			same("cold")
			same("warm")
			if len(pages) == 0 {
				return
			}
			// A save that breaks the first page's front matter.
			later := time.Now().Add(time.Second)
			if err := os.WriteFile(pages[0], []byte("---\ntitle: [\n---\n"), 0o644); err != nil {
				t.Fatal(err)
			}
			if err := os.Chtimes(pages[0], later, later); err != nil {
				t.Fatal(err)
			}
			same("after a save")
		})
	}
}

// A file replaced by one of the same size with its time of change put
// back (cp -p, rsync -t, an editor that keeps times) is read again: the
// cache must not pass the new text on the old one's findings.
func TestCacheSeesSameSizeSameTime(t *testing.T) {
	root := t.TempDir()
	page := filepath.Join(root, "content", "pages", "a", "index.md")
	if err := os.MkdirAll(filepath.Dir(page), 0o755); err != nil {
		t.Fatal(err)
	}
	clean := "---\ntitle: \"A page\"\n---\nText.\n"
	broken := "---\ntitle: [\"A pag\n---\nText.\n\n"
	if len(clean) != len(broken) {
		t.Fatalf("the two texts differ in size: %d, %d", len(clean), len(broken))
	}
	if err := os.WriteFile(page, []byte(clean), 0o644); err != nil {
		t.Fatal(err)
	}
	s := testSite(t, root)
	cache := &Cache{}
	r, err := Run(Options{Site: s, Cache: cache})
	if err != nil || r.Errors() != 0 {
		t.Fatalf("the clean page: %v, %v", r.Diagnostics, err)
	}
	fi, err := os.Stat(page)
	if err != nil {
		t.Fatal(err)
	}
	dir, err := os.Stat(filepath.Dir(page))
	if err != nil {
		t.Fatal(err)
	}
	// The kernel stamps change times at its clock's tick (up to 10 ms):
	// the rewrite comes a tick later, as an editor's would.
	time.Sleep(25 * time.Millisecond)
	// Written in place (same folder entry), then both times put back.
	if err := os.WriteFile(page, []byte(broken), 0o644); err != nil {
		t.Fatal(err)
	}
	if err := os.Chtimes(page, fi.ModTime(), fi.ModTime()); err != nil {
		t.Fatal(err)
	}
	if err := os.Chtimes(filepath.Dir(page), dir.ModTime(), dir.ModTime()); err != nil {
		t.Fatal(err)
	}
	r, err = Run(Options{Site: s, Cache: cache})
	if err != nil {
		t.Fatal(err)
	}
	if r.Errors() == 0 {
		t.Fatal("the cached run passed a page whose front matter no longer parses")
	}
}
