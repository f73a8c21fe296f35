package check

import (
	"bytes"
	"os"
	"path/filepath"
	"strings"
	"syscall"
	"testing"
	"time"
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

// TestHostileFiles: files that once made the check hang or exhaust memory
// (a FIFO, a symlink to /dev/zero, 200 KB of nested YAML, a huge file) are
// errors, and the run ends. The limit here only catches a hang; how fast
// it ends is measured by BenchmarkHostileFiles.
func TestHostileFiles(t *testing.T) {
	root := hostileSite(t)
	done := make(chan *Report, 1)
	go func() {
		r, err := Run(Options{Site: testSite(t, root)})
		if err != nil {
			t.Error(err)
		}
		done <- r
	}()
	var r *Report
	select {
	case r = <-done:
	case <-time.After(60 * time.Second):
		t.Fatal("the check did not end")
	}
	var b strings.Builder
	_ = r.WriteText(&b)
	got := b.String()
	for _, want := range []string{
		"content/pages/fifo.md:1:1: error: not a regular file",
		"content/pages/zero.md:1:1: error: a symbolic link",
		"content/pages/huge.md:1:1: error: the file is 3 MB",
		"content/pages/nested-flow.md:2:",
		"content/pages/nested-block.md:",
	} {
		if !strings.Contains(got, want) {
			t.Errorf("missing %q in\n%s", want, got)
		}
	}
	if n := strings.Count(got, "[fm.limits]"); n != 2 {
		t.Errorf("%d fm.limits errors, want 2:\n%s", n, got)
	}
}

func BenchmarkHostileFiles(b *testing.B) {
	root := hostileSite(b)
	s := testSite(b, root)
	for b.Loop() {
		if _, err := Run(Options{Site: s}); err != nil {
			b.Fatal(err)
		}
	}
}

// hostileSite writes the hostile files into a new site.
func hostileSite(t testing.TB) string {
	root := t.TempDir()
	dir := filepath.Join(root, "content", "pages")
	if err := os.MkdirAll(dir, 0o755); err != nil {
		t.Fatal(err)
	}
	if err := syscall.Mkfifo(filepath.Join(dir, "fifo.md"), 0o644); err != nil {
		t.Fatal(err)
	}
	if err := os.Symlink("/dev/zero", filepath.Join(dir, "zero.md")); err != nil {
		t.Fatal(err)
	}
	huge := append([]byte("---\ntitle: huge\n---\n"), bytes.Repeat([]byte("word "), 3<<20/5)...)
	write := func(name string, b []byte) {
		if err := os.WriteFile(filepath.Join(dir, name), b, 0o644); err != nil {
			t.Fatal(err)
		}
	}
	write("huge.md", huge)
	n := 100 << 10
	write("nested-flow.md", []byte("---\na: "+strings.Repeat("[", n)+strings.Repeat("]", n)+"\n---\n"))
	var block strings.Builder
	block.WriteString("---\n")
	for i := 0; block.Len() < 200<<10; i++ {
		block.WriteString(strings.Repeat(" ", i%2000) + "k:\n")
	}
	block.WriteString("---\n")
	write("nested-block.md", []byte(block.String()))
	return root
}
