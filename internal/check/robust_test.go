package check

import (
	"os"
	"path/filepath"
	"strings"
	"testing"
)

// TestUnreadableFiles: a file that cannot be read is a diagnostic, never a
// crash or an aborted run.
func TestUnreadableFiles(t *testing.T) {
	root := t.TempDir()
	dir := filepath.Join(root, "content", "pages")
	if err := os.MkdirAll(filepath.Join(dir, "folder.md"), 0o755); err != nil {
		t.Fatal(err)
	}
	if err := os.Symlink(filepath.Join(root, "nowhere.md"), filepath.Join(dir, "dangling.md")); err != nil {
		t.Fatal(err)
	}
	if err := os.WriteFile(filepath.Join(dir, "binary.md"), []byte("\x00\xff\xfe---\n\x00"), 0o644); err != nil {
		t.Fatal(err)
	}
	if err := os.WriteFile(filepath.Join(dir, "ok.md"), []byte("---\ntitle: ok\n---\n"), 0o644); err != nil {
		t.Fatal(err)
	}
	r, err := Run(Options{Site: testSite(t, root)})
	if err != nil {
		t.Fatal(err)
	}
	var b strings.Builder
	_ = r.WriteText(&b)
	got := b.String()
	for _, want := range []string{
		"content/pages/dangling.md:1:1: error: a symbolic link: content must be the file itself, so that what is checked is what Hugo publishes [file.type]",
		"content/pages/binary.md:1:1: error: the file does not start with front matter (a --- line) [fm.syntax]",
	} {
		if !strings.Contains(got, want) {
			t.Errorf("missing %q in\n%s", want, got)
		}
	}
	if strings.Contains(got, "ok.md") {
		t.Errorf("ok.md reported:\n%s", got)
	}
}

// FuzzReadPage: no input makes the page reader or the checks of one page
// panic.
func FuzzReadPage(f *testing.F) {
	cases, _ := filepath.Glob("testdata/cases/*.txtar")
	for _, c := range cases {
		b, _ := os.ReadFile(c)
		for _, part := range strings.Split(string(b), "\n-- ") {
			f.Add([]byte(part[strings.Index(part, "\n")+1:]))
		}
	}
	root := f.TempDir()
	dir := filepath.Join(root, "content", "news", "x")
	if err := os.MkdirAll(dir, 0o755); err != nil {
		f.Fatal(err)
	}
	r, err := newRules(testSite(f, root))
	if err != nil {
		f.Fatal(err)
	}
	f.Fuzz(func(t *testing.T, src []byte) {
		path := filepath.Join(dir, "index.md")
		if err := os.WriteFile(path, src, 0o644); err != nil {
			t.Fatal(err)
		}
		checkFile(r, source{abs: path, rel: "content/news/x/index.md", contentDir: filepath.Join(root, "content"), contentRel: "news/x/index.md"})
	})
}
