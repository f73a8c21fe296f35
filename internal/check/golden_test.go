package check

import (
	"flag"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/dispatch-news/dispatch/internal/imagemeta/imagetest"
	"github.com/dispatch-news/dispatch/internal/site"
	"github.com/gohugoio/hugo/config"
	"golang.org/x/tools/txtar"
)

var update = flag.Bool("update", false, "rewrite the want section of the golden cases")

// testConfig is the configuration of a case that has none: two languages
// and the content model's taxonomies.
const testConfig = `baseURL = "https://dispatch.example/"
defaultContentLanguage = "en"
[languages.en]
  weight = 1
[languages.ko]
  weight = 2
[taxonomies]
  tag = "tags"
  region = "regions"
  author = "authors"
`

// testClock is "now" for every case, so that no case depends on the day
// it runs.
const testClock = "2026-06-01T00:00:00Z"

// testSite loads the site in root as dispatch would, writing testConfig
// first if root has no configuration.
func testSite(t testing.TB, root string) *site.Site {
	t.Helper()
	if _, err := site.FindRoot(root); err != nil {
		if err := os.WriteFile(filepath.Join(root, "hugo.toml"), []byte(testConfig), 0o644); err != nil {
			t.Fatal(err)
		}
	}
	flags := config.New()
	flags.Set("internal.clock", testClock)
	s, err := site.Load(site.Options{Dir: root, Flags: flags})
	if err != nil {
		t.Fatal(err)
	}
	return s
}

// TestGolden runs every case in testdata/cases: a txtar archive of content
// files and a "want" file with the expected output, one diagnostic a line.
// A photo in a case is written as a recipe for imagetest ("imagetest: gps").
func TestGolden(t *testing.T) {
	cases, err := filepath.Glob("testdata/cases/*.txtar")
	if err != nil {
		t.Fatal(err)
	}
	if len(cases) == 0 {
		t.Fatal("no golden cases")
	}
	for _, file := range cases {
		t.Run(strings.TrimSuffix(filepath.Base(file), ".txtar"), func(t *testing.T) {
			t.Parallel()
			ar, err := txtar.ParseFile(file)
			if err != nil {
				t.Fatal(err)
			}
			root := t.TempDir()
			var want string
			for _, f := range ar.Files {
				if f.Name == "want" {
					want = string(f.Data)
					continue
				}
				path := filepath.Join(root, filepath.FromSlash(f.Name))
				if err := os.MkdirAll(filepath.Dir(path), 0o755); err != nil {
					t.Fatal(err)
				}
				data := f.Data
				// A photo is written as a recipe: "imagetest: gps serial".
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
			}
			r, err := Run(Options{Site: testSite(t, root)})
			if err != nil {
				t.Fatal(err)
			}
			var b strings.Builder
			if err := r.WriteText(&b); err != nil {
				t.Fatal(err)
			}
			got := b.String()
			if *update {
				for i := range ar.Files {
					if ar.Files[i].Name == "want" {
						ar.Files[i].Data = []byte(got)
					}
				}
				if err := os.WriteFile(file, txtar.Format(ar), 0o644); err != nil {
					t.Fatal(err)
				}
				return
			}
			if got != want {
				t.Errorf("diagnostics differ\n--- got\n%s--- want\n%s", got, want)
			}
		})
	}
}
