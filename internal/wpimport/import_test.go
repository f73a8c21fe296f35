package wpimport

import (
	"bytes"
	"context"
	"errors"
	"flag"
	"fmt"
	"io/fs"
	"os"
	"path/filepath"
	"regexp"
	"slices"
	"sort"
	"strings"
	"testing"
	"time"

	yaml "github.com/goccy/go-yaml"
	"golang.org/x/tools/txtar"

	"github.com/dispatch-news/dispatch/internal/check"
	"github.com/dispatch-news/dispatch/internal/imagemeta"
	"github.com/dispatch-news/dispatch/internal/imagemeta/imagetest"
	"github.com/dispatch-news/dispatch/internal/site"
)

var update = flag.Bool("update", false, "rewrite the want/ files of testdata/imports/*.txtar from the import's output")

// repoRoot is the repository, for the theme's layouts and vocabulary.
var repoRoot = filepath.Join("..", "..")

var seoul = func() *time.Location {
	loc, err := time.LoadLocation("Asia/Seoul")
	if err != nil {
		panic(err)
	}
	return loc
}()

// fixture is one testdata/imports/*.txtar: an export, uploads, options and
// what the import must write.
//
//	-- export.xml --        the WXR file (the text <INVALID-BYTE> becomes 0xFF)
//	-- uploads/PATH --      a media file; "imagetest jpeg gps serial" makes a
//	                        photo with that metadata (internal/imagemeta/imagetest)
//	-- site/PATH --         a file of the site before the import
//	-- options --           since: DATE, map: FILE, dry-run: true, no-uploads: true
//	-- want-error --        the error the import must fail with, and nothing written
//	-- want/PATH --         a file the import must write, byte for byte (-update)
//	-- want-check --        the diagnostics of dispatch check after the import
type fixture struct {
	name    string
	path    string
	ar      *txtar.Archive
	options map[string]string
	golden  bool // has want/ files; false for a bare .xml export
}

func loadFixtures(t *testing.T) []*fixture {
	t.Helper()
	paths, err := filepath.Glob("testdata/imports/*.txtar")
	if err != nil || len(paths) == 0 {
		t.Fatalf("no fixtures: %v", err)
	}
	// A bare export (such as WordPress's themeunittestdata.wordpress.xml)
	// is a fixture without golden files: the invariants, dispatch check
	// and the rerun must hold.
	raw, _ := filepath.Glob("testdata/imports/*.xml")
	paths = append(paths, raw...)
	var out []*fixture
	for _, p := range paths {
		var ar *txtar.Archive
		if strings.HasSuffix(p, ".xml") {
			data, err := os.ReadFile(p)
			if err != nil {
				t.Fatal(err)
			}
			ar = &txtar.Archive{Files: []txtar.File{{Name: "export.xml", Data: data}}}
		} else if ar, err = txtar.ParseFile(p); err != nil {
			t.Fatal(err)
		}
		f := &fixture{name: strings.TrimSuffix(filepath.Base(p), filepath.Ext(p)), path: p, ar: ar, options: map[string]string{},
			golden: strings.HasSuffix(p, ".txtar")}
		if b, ok := f.file("options"); ok {
			for _, line := range strings.Split(string(b), "\n") {
				if k, v, ok := strings.Cut(line, ":"); ok {
					f.options[strings.TrimSpace(k)] = strings.TrimSpace(v)
				}
			}
		}
		out = append(out, f)
	}
	return out
}

func (f *fixture) file(name string) ([]byte, bool) {
	for _, af := range f.ar.Files {
		if af.Name == name {
			return af.Data, true
		}
	}
	return nil, false
}

// site makes a site folder with the repository's vocabulary and the
// fixture's site/ files, and writes the export and uploads beside it.
func (f *fixture) site(t *testing.T) (dir string, o Options) {
	t.Helper()
	dir = t.TempDir()
	site := filepath.Join(dir, "site")
	vocab, err := os.ReadFile(filepath.Join(repoRoot, "data", "vocabulary.yaml"))
	if err != nil {
		t.Fatal(err)
	}
	write(t, filepath.Join(site, "data", "vocabulary.yaml"), vocab)
	write(t, filepath.Join(site, "hugo.toml"), []byte(fixtureConfig(t)))
	if err := os.MkdirAll(filepath.Join(site, "content"), 0o755); err != nil {
		t.Fatal(err)
	}
	uploads := filepath.Join(dir, "uploads")
	for _, af := range f.ar.Files {
		switch {
		case af.Name == "export.xml":
			data := bytes.ReplaceAll(af.Data, []byte("<INVALID-BYTE>"), []byte{0xFF})
			write(t, filepath.Join(dir, "export.xml"), data)
		case strings.HasPrefix(af.Name, "uploads/"):
			data := af.Data
			if spec, ok := strings.CutPrefix(strings.TrimSpace(string(data)), "imagetest "); ok {
				_, words, _ := strings.Cut(spec, " ")
				sp, err := imagetest.ParseSpec(words)
				if err != nil {
					t.Fatal(err)
				}
				if data, err = imagetest.File(af.Name, sp); err != nil {
					t.Fatal(err)
				}
			}
			write(t, filepath.Join(dir, filepath.FromSlash(af.Name)), data)
		case strings.HasPrefix(af.Name, "site/"):
			write(t, filepath.Join(site, filepath.FromSlash(strings.TrimPrefix(af.Name, "site/"))), af.Data)
		}
	}
	o = Options{
		Export: filepath.Join(dir, "export.xml"), Uploads: uploads, SiteRoot: site,
		Languages: []string{"en", "ko"}, DefaultLanguage: "en", TimeZone: seoul,
	}
	if f.options["no-uploads"] == "true" {
		o.Uploads = ""
	} else if err := os.MkdirAll(uploads, 0o755); err != nil {
		t.Fatal(err)
	}
	if s := f.options["since"]; s != "" {
		if o.Since, err = ParseSince(s, seoul); err != nil {
			t.Fatal(err)
		}
	}
	if m := f.options["map"]; m != "" {
		o.MapFile = filepath.Join(site, filepath.FromSlash(m))
	}
	o.DryRun = f.options["dry-run"] == "true"
	return dir, o
}

func write(t *testing.T, path string, data []byte) {
	t.Helper()
	if err := os.MkdirAll(filepath.Dir(path), 0o755); err != nil {
		t.Fatal(err)
	}
	if err := os.WriteFile(path, data, 0o644); err != nil {
		t.Fatal(err)
	}
}

// snapshot returns every file under dir with its content.
func snapshot(t *testing.T, dir string) map[string][]byte {
	t.Helper()
	out := map[string][]byte{}
	err := filepath.WalkDir(dir, func(p string, d fs.DirEntry, err error) error {
		if err != nil || d.IsDir() {
			return err
		}
		b, err := os.ReadFile(p)
		if err != nil {
			return err
		}
		rel, _ := filepath.Rel(dir, p)
		out[filepath.ToSlash(rel)] = b
		return nil
	})
	if err != nil {
		t.Fatal(err)
	}
	return out
}

// TestImports runs each fixture of testdata/imports: the import must write
// exactly the want/ files (text) and pass the invariants that hold for every
// import: no WordPress markup left, only safe aliases, no identifying
// metadata in any photo, front matter YAML that parses, `dispatch check`
// clean but for want-check, and a second run that changes nothing.
func TestImports(t *testing.T) {
	for _, f := range loadFixtures(t) {
		t.Run(f.name, func(t *testing.T) {
			t.Parallel()
			_, o := f.site(t)
			before := snapshot(t, o.SiteRoot)
			sum, err := Run(context.Background(), o)
			if want, ok := f.file("want-error"); ok {
				wantErr(t, f, o, err, string(want))
				if after := snapshot(t, o.SiteRoot); !sameSnapshot(before, after) {
					t.Errorf("a failed import wrote files: %v", diffNames(before, after))
				}
				return
			}
			if err != nil {
				t.Fatal(err)
			}
			after := snapshot(t, o.SiteRoot)
			if o.DryRun {
				if !sameSnapshot(before, after) {
					t.Errorf("a dry run wrote files: %v", diffNames(before, after))
				}
				if sum.New == 0 {
					t.Errorf("a dry run of a new import should count new bundles: %s", sum)
				}
				return
			}
			got := map[string][]byte{}
			for name, b := range after {
				if old, ok := before[name]; ok && bytes.Equal(old, b) {
					continue
				}
				if !isText(name) || name == ManifestFile {
					continue
				}
				got[name] = b
			}
			if f.golden {
				compareWant(t, f, got)
			}
			invariants(t, o, after)
			compareCheck(t, f, o)

			// A second run of the same export writes nothing.
			again, err := Run(context.Background(), o)
			if err != nil {
				t.Fatal(err)
			}
			if again.New != 0 || again.Updated != 0 || again.Unchanged != sum.New+sum.Updated+sum.Unchanged {
				t.Errorf("second run: %d new, %d updated, %d unchanged; want 0 new, 0 updated, %d unchanged",
					again.New, again.Updated, again.Unchanged, sum.New+sum.Updated+sum.Unchanged)
			}
			if third := snapshot(t, o.SiteRoot); !sameSnapshot(after, withReport(third, after)) {
				t.Errorf("a second run changed files: %v", diffNames(after, third))
			}
		})
	}
}

func isText(name string) bool {
	switch filepath.Ext(name) {
	case ".md", ".yaml", ".txt":
		return true
	}
	return false
}

// withReport is snap with the report of prev: the report counts what each
// run did, so it differs between a first and a second run.
func withReport(snap, prev map[string][]byte) map[string][]byte {
	out := map[string][]byte{}
	for k, v := range snap {
		out[k] = v
	}
	out[ReportFile] = prev[ReportFile]
	return out
}

func sameSnapshot(a, b map[string][]byte) bool {
	if len(a) != len(b) {
		return false
	}
	for k, v := range a {
		if w, ok := b[k]; !ok || !bytes.Equal(v, w) {
			return false
		}
	}
	return true
}

func diffNames(a, b map[string][]byte) []string {
	var out []string
	for k, v := range b {
		if w, ok := a[k]; !ok || !bytes.Equal(v, w) {
			out = append(out, k)
		}
	}
	for k := range a {
		if _, ok := b[k]; !ok {
			out = append(out, k+" (removed)")
		}
	}
	sort.Strings(out)
	return out
}

// wantErr checks an error against "want-error": its message, with the
// export's path replaced by export.xml, and the Err* it wraps.
func wantErr(t *testing.T, f *fixture, o Options, err error, want string) {
	t.Helper()
	if err == nil {
		t.Fatalf("the import succeeded; want an error %q", want)
	}
	msg := strings.ReplaceAll(err.Error(), o.SiteRoot+string(filepath.Separator), "")
	msg = strings.ReplaceAll(msg, filepath.Dir(o.Export)+string(filepath.Separator), "")
	lines := strings.Split(strings.TrimSpace(want), "\n")
	if msg != lines[0] {
		t.Errorf("error:\n got %s\nwant %s", msg, lines[0])
	}
	kinds := map[string]error{"ErrNotWXR": ErrNotWXR, "ErrWXRVersion": ErrWXRVersion, "ErrTruncated": ErrTruncated,
		"ErrEncoding": ErrEncoding, "ErrMalformed": ErrMalformed}
	for _, l := range lines[1:] {
		if k, ok := strings.CutPrefix(l, "is: "); ok {
			if !errors.Is(err, kinds[k]) {
				t.Errorf("errors.Is(err, %s) = false for %v", k, err)
			}
		}
		if k, ok := strings.CutPrefix(l, "as: "); ok && k == "MapError" {
			var me *MapError
			if !errors.As(err, &me) {
				t.Errorf("err is not a *MapError: %T %v", err, err)
			}
		}
	}
}

// compareWant compares the text files the import wrote with want/, or
// rewrites want/ with -update.
func compareWant(t *testing.T, f *fixture, got map[string][]byte) {
	t.Helper()
	if *update {
		var files []txtar.File
		for _, af := range f.ar.Files {
			if !strings.HasPrefix(af.Name, "want/") {
				files = append(files, af)
			}
		}
		names := make([]string, 0, len(got))
		for n := range got {
			names = append(names, n)
		}
		sort.Strings(names)
		for _, n := range names {
			data := got[n]
			if n == ReportFile {
				data = normalizeReport(data)
			}
			files = append(files, txtar.File{Name: "want/" + n, Data: data})
		}
		f.ar.Files = files
		if err := os.WriteFile(f.path, txtar.Format(f.ar), 0o644); err != nil {
			t.Fatal(err)
		}
		return
	}
	want := map[string][]byte{}
	for _, af := range f.ar.Files {
		if n, ok := strings.CutPrefix(af.Name, "want/"); ok {
			want[n] = af.Data
		}
	}
	for n, w := range want {
		g, ok := got[n]
		if !ok {
			t.Errorf("%s was not written", n)
			continue
		}
		if n == ReportFile {
			g = normalizeReport(g)
		}
		if !bytes.Equal(g, w) {
			t.Errorf("%s differs from want/%s (go test -update rewrites it; review the diff):\n%s", n, n, lineDiff(string(w), string(g)))
		}
	}
	for n := range got {
		if _, ok := want[n]; !ok {
			t.Errorf("%s was written but is not in want/", n)
		}
	}
}

var tmpPathRe = regexp.MustCompile(`/[^\s:]*?/export\.xml`)

func normalizeReport(b []byte) []byte { return tmpPathRe.ReplaceAll(b, []byte("export.xml")) }

// lineDiff shows the first lines where want and got differ.
func lineDiff(want, got string) string {
	w, g := strings.Split(want, "\n"), strings.Split(got, "\n")
	var b strings.Builder
	shown := 0
	for i := 0; i < max(len(w), len(g)) && shown < 8; i++ {
		var wl, gl string
		if i < len(w) {
			wl = w[i]
		}
		if i < len(g) {
			gl = g[i]
		}
		if wl != gl {
			fmt.Fprintf(&b, "line %d:\n  want %q\n   got %q\n", i+1, wl, gl)
			shown++
		}
	}
	return b.String()
}

// forbidden may never reach an imported file's body.
// Escaped shortcodes ([[caption]] in WordPress) are text, written \[caption]:
// only a [ without a backslash is a leftover. The e-mail addresses, the
// password and the photographer's name are in the export and must never be
// copied.
var forbidden = []*regexp.Regexp{
	regexp.MustCompile(`<!-- ?wp:`), regexp.MustCompile(`(^|[^\\])\[/?(caption|gallery|embed|video|audio|su_note)`),
	regexp.MustCompile(`style=`), regexp.MustCompile(`&amp;(amp;|#)`), regexp.MustCompile(`<(iframe|script|span|div)`),
	regexp.MustCompile(`secret@|reader\.secret|hunter2|Pak Chol-su|Comment text`),
}

// codeRe matches code blocks and spans, where markup is text to show.
var codeRe = regexp.MustCompile("(?s)```.*?```|`[^`\n]*`")

var frontMatterRe = regexp.MustCompile(`(?s)\A---\n(.*?)\n---\n`)

func invariants(t *testing.T, o Options, files map[string][]byte) {
	t.Helper()
	for name, b := range files {
		switch {
		case strings.HasPrefix(name, "content/") && strings.HasSuffix(name, ".md"):
			s := codeRe.ReplaceAllString(string(b), "")
			for _, bad := range forbidden {
				if m := bad.FindString(s); m != "" {
					t.Errorf("%s contains %q", name, m)
				}
			}
			m := frontMatterRe.FindStringSubmatch(s)
			if m == nil {
				t.Errorf("%s has no front matter", name)
				continue
			}
			var fm map[string]any
			if err := yaml.Unmarshal([]byte(m[1]), &fm); err != nil {
				t.Errorf("%s: front matter: %v", name, err)
				continue
			}
			if list, ok := fm["aliases"].([]any); ok {
				for _, a := range list {
					if s, _ := a.(string); !IsSafeAlias(s) {
						t.Errorf("%s: unsafe alias %q", name, s)
					}
				}
			}
			if d, ok := fm["description"].(string); ok && len([]rune(d)) > maxDescription {
				t.Errorf("%s: description of %d characters", name, len([]rune(d)))
			}
		case strings.HasPrefix(name, "content/") && imagemeta.IsImageName(name):
			findings, err := imagemeta.Scan(b)
			if err != nil {
				t.Errorf("%s: %v", name, err)
			}
			if len(findings) > 0 {
				t.Errorf("%s still carries %v", name, findings)
			}
		}
	}
}

// fixtureConfig is the configuration of a fixture's site: two languages,
// the model's taxonomies, and the theme's layouts, for its shortcodes.
func fixtureConfig(t *testing.T) string {
	layouts, err := filepath.Abs(filepath.Join(repoRoot, "layouts"))
	if err != nil {
		t.Fatal(err)
	}
	return "baseURL = \"https://dispatch.example/\"\ndefaultContentLanguage = \"en\"\ntimeZone = \"Asia/Seoul\"\n" +
		"[languages.en]\nweight = 1\n[languages.ko]\nweight = 2\n" +
		"[taxonomies]\ntag = \"tags\"\nregion = \"regions\"\nauthor = \"authors\"\n" +
		fmt.Sprintf("[[module.mounts]]\nsource = %q\ntarget = \"layouts\"\n", layouts) +
		"[[module.mounts]]\nsource = \"content\"\ntarget = \"content\"\n"
}

// runChecks runs the content checks as the dispatch command does; the one
// place that calls check.Run, should its options change.
func runChecks(t *testing.T, root string, layouts []string) *check.Report {
	t.Helper()
	s, err := site.Load(site.Options{Dir: root})
	if err != nil {
		t.Fatal(err)
	}
	r, err := check.Run(check.Options{Site: s})
	if err != nil {
		t.Fatal(err)
	}
	r.Sort()
	return r
}

// compareCheck runs `dispatch check` on the imported site: only the
// diagnostics of want-check may appear.
func compareCheck(t *testing.T, f *fixture, o Options) {
	t.Helper()
	abs, err := filepath.Abs(filepath.Join(repoRoot, "layouts"))
	if err != nil {
		t.Fatal(err)
	}
	r := runChecks(t, o.SiteRoot, []string{abs})
	var got []string
	for _, d := range r.Diagnostics {
		got = append(got, d.String())
	}
	want, _ := f.file("want-check")
	var wantLines []string
	for _, l := range strings.Split(strings.TrimSpace(string(want)), "\n") {
		if l != "" {
			wantLines = append(wantLines, l)
		}
	}
	if !slices.Equal(got, wantLines) {
		t.Errorf("dispatch check after the import:\n got %s\nwant %s", strings.Join(got, "\n     "), strings.Join(wantLines, "\n     "))
	}
}
