package search

import (
	"context"
	"os"
	"path/filepath"
	"runtime"
	"slices"
	"strings"
	"testing"
)

// fakePagefind writes a shell script that stands in for Pagefind: it logs
// its arguments, working folder and PAGEFIND_ variables to log, then runs
// body with the site folder in $site.
func fakePagefind(t *testing.T, body string) (bin, log string) {
	t.Helper()
	if runtime.GOOS == "windows" {
		t.Skip("the fake Pagefind is a shell script")
	}
	dir := t.TempDir()
	bin, log = filepath.Join(dir, "pagefind"), filepath.Join(dir, "log")
	script := "#!/bin/sh\n" +
		"{ echo \"args: $*\"; echo \"cwd: $(pwd)\"; env | grep -i '^pagefind_' ; ls -A; } > '" + log + "'\n" +
		"site=$2\n" + body
	if err := os.WriteFile(bin, []byte(script), 0o755); err != nil {
		t.Fatal(err)
	}
	return bin, log
}

const writeIndex = `
mkdir -p "$site/pagefind/index" "$site/pagefind/fragment" "$site/pagefind/filter" "$site/pagefind/playground"
for f in pagefind.js pagefind-entry.json pagefind.en_12ab.pf_meta pagefind.ko_34cd.pf_meta wasm.en.pagefind wasm.unknown.pagefind \
  pagefind-ui.js pagefind-ui.css pagefind-modular-ui.js pagefind-modular-ui.css pagefind-component-ui.js \
  pagefind-component-ui.css pagefind-highlight.js pagefind-worker.js \
  index/en_1.pf_index fragment/ko_2.pf_fragment filter/en_3.pf_filter playground/index.html; do
  echo x > "$site/pagefind/$f"
done
echo "Indexed 2 languages"
echo "Indexed 63 pages"
`

func TestIndexKeepsWhatTheThemeLoads(t *testing.T) {
	bin, log := fakePagefind(t, writeIndex)
	site := t.TempDir()
	t.Setenv("PAGEFIND_OUTPUT_PATH", "/tmp/elsewhere")
	r, err := Index(context.Background(), bin, site)
	if err != nil {
		t.Fatal(err)
	}
	if !r.Indexed || r.Pages != 63 || r.Languages != 2 {
		t.Errorf("Result %+v", r)
	}
	var got []string
	filepath.WalkDir(filepath.Join(site, Dir), func(p string, d os.DirEntry, err error) error {
		rel, _ := filepath.Rel(filepath.Join(site, Dir), p)
		got = append(got, filepath.ToSlash(rel))
		return err
	})
	want := []string{".", "filter", "filter/en_3.pf_filter", "fragment", "fragment/ko_2.pf_fragment", "index", "index/en_1.pf_index",
		"pagefind-entry.json", "pagefind.en_12ab.pf_meta", "pagefind.js", "pagefind.ko_34cd.pf_meta", "wasm.en.pagefind", "wasm.unknown.pagefind"}
	if !slices.Equal(got, want) {
		t.Errorf("kept\n%q\nwant\n%q", got, want)
	}
	b, err := os.ReadFile(log)
	if err != nil {
		t.Fatal(err)
	}
	logged := string(b)
	abs, _ := filepath.Abs(site)
	if !strings.Contains(logged, "args: --site "+abs+" --output-subdir pagefind --root-selector "+Selector+"\n") {
		t.Errorf("Pagefind's arguments:\n%s", logged)
	}
	if strings.Contains(logged, "PAGEFIND_OUTPUT_PATH") || strings.Contains(logged, "cwd: "+abs+"\n") {
		t.Errorf("Pagefind ran with PAGEFIND_ variables or in the site:\n%s", logged)
	}
	if _, rest, _ := strings.Cut(logged, "cwd: "); strings.Count(rest, "\n") != 1 {
		t.Errorf("Pagefind's working folder is not empty:\n%s", logged)
	}
}

func TestIndexWithoutMarkedPages(t *testing.T) {
	bin, _ := fakePagefind(t, `echo "Error: Pagefind was not able to build an index. " >&2; exit 1`)
	site := t.TempDir()
	r, err := Index(context.Background(), bin, site)
	if err != nil || r.Indexed {
		t.Fatalf("Index = %+v, %v; want no index and no error", r, err)
	}
	if _, err := os.Stat(filepath.Join(site, Dir)); !os.IsNotExist(err) {
		t.Errorf("a %s folder: %v", Dir, err)
	}
}

func TestIndexFails(t *testing.T) {
	bin, _ := fakePagefind(t, `echo "Error: something broke" >&2; exit 3`)
	_, err := Index(context.Background(), bin, t.TempDir())
	if err == nil || !strings.Contains(err.Error(), "something broke") {
		t.Errorf("err = %v, want Pagefind's output", err)
	}

	bin, _ = fakePagefind(t, writeIndex)
	site := t.TempDir()
	if err := os.MkdirAll(filepath.Join(site, Dir), 0o755); err != nil {
		t.Fatal(err)
	}
	if _, err := Index(context.Background(), bin, site); err == nil || !strings.Contains(err.Error(), "static/") {
		t.Errorf("a site with a pagefind folder: %v", err)
	}
}
