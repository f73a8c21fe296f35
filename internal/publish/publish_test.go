package publish

import (
	"errors"
	"os"
	"path/filepath"
	"testing"
)

func write(t *testing.T, path, s string) {
	t.Helper()
	if err := os.MkdirAll(filepath.Dir(path), 0o755); err != nil {
		t.Fatal(err)
	}
	if err := os.WriteFile(path, []byte(s), 0o644); err != nil {
		t.Fatal(err)
	}
}

func read(t *testing.T, path string) string {
	t.Helper()
	b, err := os.ReadFile(path)
	if err != nil {
		t.Fatal(err)
	}
	return string(b)
}

func entries(t *testing.T, dir string) []string {
	t.Helper()
	des, err := os.ReadDir(dir)
	if err != nil {
		t.Fatal(err)
	}
	var names []string
	for _, de := range des {
		names = append(names, de.Name())
	}
	return names
}

func TestBuildReplacesOnSuccess(t *testing.T) {
	t.Parallel()
	root := t.TempDir()
	dest := filepath.Join(root, "public")
	write(t, filepath.Join(dest, "index.html"), "old")
	write(t, filepath.Join(dest, "gone.html"), "stale")

	err := Build(dest, func(dir string) error {
		write(t, filepath.Join(dir, "index.html"), "new")
		return nil
	})
	if err != nil {
		t.Fatal(err)
	}
	if got := read(t, filepath.Join(dest, "index.html")); got != "new" {
		t.Errorf("index.html = %q, want new", got)
	}
	if _, err := os.Stat(filepath.Join(dest, "gone.html")); !errors.Is(err, os.ErrNotExist) {
		t.Errorf("a file of the previous build survived: %v", err)
	}
	if got := entries(t, root); len(got) != 1 || got[0] != "public" {
		t.Errorf("left behind in the parent folder: %v", got)
	}
	fi, err := os.Stat(dest)
	if err != nil {
		t.Fatal(err)
	}
	if fi.Mode().Perm() != 0o755 {
		t.Errorf("mode = %v, want 0755", fi.Mode().Perm())
	}
}

func TestBuildKeepsPreviousOnFailure(t *testing.T) {
	t.Parallel()
	root := t.TempDir()
	dest := filepath.Join(root, "public")
	write(t, filepath.Join(dest, "index.html"), "old")
	boom := errors.New("boom")

	err := Build(dest, func(dir string) error {
		write(t, filepath.Join(dir, "index.html"), "half")
		return boom
	})
	if !errors.Is(err, boom) {
		t.Fatalf("err = %v, want the build's error", err)
	}
	if got := read(t, filepath.Join(dest, "index.html")); got != "old" {
		t.Errorf("index.html = %q, want old", got)
	}
	if got := entries(t, root); len(got) != 1 {
		t.Errorf("left behind in the parent folder: %v", got)
	}
}

func TestBuildCreatesMissingDest(t *testing.T) {
	t.Parallel()
	dest := filepath.Join(t.TempDir(), "a", "public")
	if err := Build(dest, func(dir string) error {
		write(t, filepath.Join(dir, "index.html"), "first")
		return nil
	}); err != nil {
		t.Fatal(err)
	}
	if got := read(t, filepath.Join(dest, "index.html")); got != "first" {
		t.Errorf("index.html = %q", got)
	}
}

func TestBuildRefusesFileDest(t *testing.T) {
	t.Parallel()
	dest := filepath.Join(t.TempDir(), "public")
	write(t, dest, "a file")
	called := false
	err := Build(dest, func(string) error { called = true; return nil })
	if err == nil || called {
		t.Fatalf("err = %v, build called = %v; want an error before building", err, called)
	}
}

// TestReplaceWithoutExchange covers systems without an atomic exchange,
// where replace falls back to two renames. Not parallel: it swaps exchange.
func TestReplaceWithoutExchange(t *testing.T) {
	saved := exchange
	exchange = func(a, b string) error { return errors.ErrUnsupported }
	t.Cleanup(func() { exchange = saved })

	root := t.TempDir()
	src, dest := filepath.Join(root, "new"), filepath.Join(root, "public")
	write(t, filepath.Join(src, "f"), "new")
	write(t, filepath.Join(dest, "f"), "old")
	if err := replace(src, dest); err != nil {
		t.Fatal(err)
	}
	if got := read(t, filepath.Join(dest, "f")); got != "new" {
		t.Errorf("f = %q, want new", got)
	}
	if got := entries(t, root); len(got) != 1 || got[0] != "public" {
		t.Errorf("left behind: %v", got)
	}
}
