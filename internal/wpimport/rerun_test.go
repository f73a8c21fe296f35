package wpimport

import (
	"bytes"
	"context"
	"errors"
	"os"
	"path/filepath"
	"strings"
	"sync/atomic"
	"testing"
)

// fixtureOptions sets up the named fixture of testdata/imports.
func fixtureOptions(t *testing.T, name string) Options {
	t.Helper()
	for _, f := range loadFixtures(t) {
		if f.name == name {
			_, o := f.site(t)
			return o
		}
	}
	t.Fatalf("no fixture %q", name)
	return Options{}
}

func mustRun(t *testing.T, o Options) *Summary {
	t.Helper()
	s, err := Run(context.Background(), o)
	if err != nil {
		t.Fatal(err)
	}
	return s
}

func readFile(t *testing.T, path string) []byte {
	t.Helper()
	b, err := os.ReadFile(path)
	if err != nil {
		t.Fatal(err)
	}
	return b
}

// content is the site's content and vocabulary, without the report, which
// counts what each run did.
func content(t *testing.T, o Options) map[string][]byte {
	t.Helper()
	s := snapshot(t, o.SiteRoot)
	delete(s, ReportFile)
	return s
}

func TestRerunLeavesEditedBundle(t *testing.T) {
	t.Parallel()
	o := fixtureOptions(t, "edgecases")
	first := mustRun(t, o)
	index := filepath.Join(o.SiteRoot, "content", "news", "2024", "rice-prices-hyesan", "index.md")
	edited := append(readFile(t, index), []byte("\nAn editor's addition.\n")...)
	write(t, index, edited)

	again := mustRun(t, o)
	if again.Kept != 1 || again.New != 0 || again.Updated != 0 || again.Unchanged != first.New-1 {
		t.Errorf("after an edit: %d new, %d updated, %d unchanged, %d kept; want 0, 0, %d, 1",
			again.New, again.Updated, again.Unchanged, again.Kept, first.New-1)
	}
	if got := readFile(t, index); !bytes.Equal(got, edited) {
		t.Errorf("the edited index.md was overwritten")
	}
	report := string(readFile(t, filepath.Join(o.SiteRoot, ReportFile)))
	if !strings.Contains(report, "content/news/2024/rice-prices-hyesan: changed by an editor since the import (index.md): not overwritten") {
		t.Errorf("the report does not name the edited bundle:\n%s", report)
	}
}

func TestRerunUpdatesUntouchedBundle(t *testing.T) {
	t.Parallel()
	o := fixtureOptions(t, "edgecases")
	mustRun(t, o)
	// The newsroom corrected a title in WordPress and exported again.
	export := readFile(t, o.Export)
	write(t, o.Export, bytes.Replace(export, []byte("Phone crackdown reaches borrowers"), []byte("Phone crackdown now reaches borrowers"), 1))

	again := mustRun(t, o)
	if again.Updated != 1 || again.New != 0 || again.Kept != 0 {
		t.Errorf("after a changed export: %d new, %d updated, %d kept; want 0, 1, 0", again.New, again.Updated, again.Kept)
	}
	got := string(readFile(t, filepath.Join(o.SiteRoot, "content", "analysis", "2024", "phone-crackdown", "index.md")))
	if !strings.Contains(got, `title: "Phone crackdown now reaches borrowers"`) {
		t.Errorf("the untouched bundle was not updated:\n%s", got)
	}
}

func TestExistingContentIsNotOverwritten(t *testing.T) {
	t.Parallel()
	o := fixtureOptions(t, "edgecases")
	// The site has an article of its own where the import would write one.
	own := []byte("---\ntitle: \"Our own\"\n---\n")
	path := filepath.Join(o.SiteRoot, "content", "analysis", "2024", "phone-crackdown", "index.md")
	write(t, path, own)
	s := mustRun(t, o)
	if s.Kept != 1 {
		t.Errorf("%d bundles kept; want 1", s.Kept)
	}
	if !bytes.Equal(readFile(t, path), own) {
		t.Errorf("the site's own article was overwritten")
	}
	if _, err := os.Stat(filepath.Join(filepath.Dir(path), "market.jpg")); err == nil {
		t.Errorf("a photo was added to a bundle the import does not own")
	}
}

func TestMapMovesBundles(t *testing.T) {
	t.Parallel()
	o := fixtureOptions(t, "wpml")
	mustRun(t, o)
	old := filepath.Join(o.SiteRoot, "content", "opinion", "2023", "women-markets")
	if _, err := os.Stat(filepath.Join(old, "index.md")); err != nil {
		t.Fatal(err)
	}
	// The editors send Opinion to features and rerun with their map.
	mapPath := filepath.Join(o.SiteRoot, MapFileName)
	m := readFile(t, mapPath)
	m = bytes.Replace(m, []byte(`to: "section: opinion"`), []byte(`to: "section: features"`), 1)
	write(t, mapPath, m)
	o.MapFile = mapPath
	s := mustRun(t, o)
	if s.Moved != 1 || s.New != 1 {
		t.Errorf("%d moved, %d new; want 1, 1", s.Moved, s.New)
	}
	if _, err := os.Stat(old); !os.IsNotExist(err) {
		t.Errorf("the old bundle is still there: %v", err)
	}
	moved := filepath.Join(o.SiteRoot, "content", "features", "2023", "women-markets")
	for _, name := range []string{"index.md", "index.ko.md"} {
		if _, err := os.Stat(filepath.Join(moved, name)); err != nil {
			t.Error(err)
		}
	}
	// The map is the editors': never rewritten.
	if !bytes.Equal(readFile(t, mapPath), m) {
		t.Errorf("the editors' map was rewritten")
	}
}

func TestEditedMapIsNotOverwritten(t *testing.T) {
	t.Parallel()
	o := fixtureOptions(t, "wpml")
	mustRun(t, o)
	mapPath := filepath.Join(o.SiteRoot, MapFileName)
	m := bytes.Replace(readFile(t, mapPath), []byte(`to: "tag: women"`), []byte(`to: "tag: markets"`), 1)
	write(t, mapPath, m)
	mustRun(t, o) // without --map
	if !bytes.Equal(readFile(t, mapPath), m) {
		t.Errorf("a run without --map overwrote the editors' changes to %s", MapFileName)
	}
	report := string(readFile(t, filepath.Join(o.SiteRoot, ReportFile)))
	if !strings.Contains(report, "import with --map import-map.yaml to apply them") {
		t.Errorf("the report does not say how to apply the edited map:\n%s", report)
	}
}

// stopAfter is a context that is cancelled after n checks: an import
// interrupted half way (Ctrl-C).
type stopAfter struct {
	context.Context
	n *int32
}

func (c stopAfter) Err() error {
	if atomic.AddInt32(c.n, -1) < 0 {
		return context.Canceled
	}
	return nil
}

func TestInterruptedRunResumes(t *testing.T) {
	t.Parallel()
	clean := fixtureOptions(t, "edgecases")
	mustRun(t, clean)
	want := content(t, clean)

	o := fixtureOptions(t, "edgecases")
	n := int32(6)
	_, err := Run(stopAfter{context.Background(), &n}, o)
	if !errors.Is(err, context.Canceled) {
		t.Fatalf("interrupted run: %v; want context.Canceled", err)
	}
	if _, err := os.Stat(filepath.Join(o.SiteRoot, stagingDir)); !os.IsNotExist(err) {
		t.Errorf("the interrupted run left its staging folder: %v", err)
	}
	// Every bundle written so far is whole.
	for name, b := range snapshot(t, o.SiteRoot) {
		if strings.HasSuffix(name, ".md") && strings.HasPrefix(name, "content/") && !bytes.Equal(b, want[name]) {
			t.Errorf("%s is not what a whole run writes", name)
		}
	}
	s := mustRun(t, o)
	if s.Unchanged == 0 || s.New == 0 || s.Kept != 0 {
		t.Errorf("resumed run: %d new, %d unchanged, %d kept; want some new, some unchanged, none kept", s.New, s.Unchanged, s.Kept)
	}
	got := content(t, o)
	if !sameSnapshot(got, want) {
		t.Errorf("an interrupted and resumed import differs from a whole one: %v", diffNames(want, got))
	}
}

func TestDryRunWritesNothing(t *testing.T) {
	t.Parallel()
	o := fixtureOptions(t, "edgecases")
	o.DryRun = true
	before := snapshot(t, o.SiteRoot)
	dry := mustRun(t, o)
	if after := snapshot(t, o.SiteRoot); !sameSnapshot(before, after) {
		t.Fatalf("a dry run wrote %v", diffNames(before, after))
	}
	o.DryRun = false
	real := mustRun(t, o)
	if dry.Posts != real.Posts || dry.New != real.New || dry.Photos != real.Photos || dry.Scrubbed != real.Scrubbed || dry.Missing != real.Missing {
		t.Errorf("the dry run's summary\n%s\ndiffers from the import's\n%s", dry, real)
	}
	var buf bytes.Buffer
	if err := dry.WriteReport(&buf, o.Export); err != nil || !strings.Contains(buf.String(), "## missing") {
		t.Errorf("dry run report (%v):\n%s", err, buf.String())
	}
}

func TestSince(t *testing.T) {
	t.Parallel()
	o := fixtureOptions(t, "edgecases")
	// A later post links to one before --since.
	export := readFile(t, o.Export)
	write(t, o.Export, bytes.Replace(export, []byte("Security agents now punish"),
		[]byte(`After <a href="https://old.example.org/2024/10/21/rice-prices-hyesan/">rice prices rose</a>, security agents now punish`), 1))
	var err error
	if o.Since, err = ParseSince("2024-10-25", seoul); err != nil {
		t.Fatal(err)
	}
	s := mustRun(t, o)
	if s.Posts != 5 || s.Pages != 0 {
		t.Errorf("--since 2024-10-25: %d posts, %d pages; want 5 posts (103, 105-108), 0 pages", s.Posts, s.Pages)
	}
	if _, err := os.Stat(filepath.Join(o.SiteRoot, "content", "news", "2024", "rice-prices-hyesan")); !os.IsNotExist(err) {
		t.Errorf("a post of October 21 was imported: %v", err)
	}
	// Links to posts before --since still point to their new address.
	got := string(readFile(t, filepath.Join(o.SiteRoot, "content", "analysis", "2024", "phone-crackdown", "index.md")))
	if !strings.Contains(got, "[rice prices rose](/news/2024/rice-prices-hyesan/)") {
		t.Errorf("the link to an earlier post does not point to its new address:\n%s", got)
	}
}
