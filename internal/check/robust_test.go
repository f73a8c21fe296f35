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
	r, err := Run(Options{Root: root, ContentDirs: []string{"content"}})
	if err != nil {
		t.Fatal(err)
	}
	var b strings.Builder
	_ = r.WriteText(&b)
	got := b.String()
	for _, want := range []string{
		"content/pages/dangling.md:1:1: error: cannot read the file: no such file or directory [file.read]",
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

// FuzzParsePage: no input makes the reader panic, and a page it returns
// has its front matter's bounds.
func FuzzParsePage(f *testing.F) {
	cases, _ := filepath.Glob("testdata/cases/*.txtar")
	for _, c := range cases {
		b, _ := os.ReadFile(c)
		for _, part := range strings.Split(string(b), "\n-- ") {
			f.Add([]byte(part[strings.Index(part, "\n")+1:]))
		}
	}
	f.Fuzz(func(t *testing.T, src []byte) {
		p, diags := parsePage("x.md", src)
		if p == nil {
			if len(diags) == 0 {
				t.Fatal("no page and no diagnostic")
			}
			return
		}
		if p.fmEnd <= p.fmStart {
			t.Fatalf("front matter bounds %d..%d", p.fmStart, p.fmEnd)
		}
		p.parseYAML()
		c := &checker{o: &Options{Root: t.TempDir()}}
		c.clean(p, true)
		c.checkBody(p)
	})
}
