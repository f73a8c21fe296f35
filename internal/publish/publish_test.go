package publish

import (
	"bufio"
	"errors"
	"fmt"
	"io/fs"
	"maps"
	"os"
	"os/exec"
	"path/filepath"
	"runtime"
	"slices"
	"strings"
	"syscall"
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

// snapshot records every path under root: its kind, mode, and content or
// link target, so that a test can tell that nothing changed.
func snapshot(t *testing.T, root string) map[string]string {
	t.Helper()
	s := map[string]string{}
	err := filepath.WalkDir(root, func(path string, d fs.DirEntry, err error) error {
		if err != nil {
			return err
		}
		rel, _ := filepath.Rel(root, path)
		fi, err := d.Info()
		if err != nil {
			return err
		}
		switch {
		case d.Type()&fs.ModeSymlink != 0:
			target, err := os.Readlink(path)
			if err != nil {
				return err
			}
			s[rel] = "link " + target
		case d.IsDir():
			s[rel] = fmt.Sprintf("dir %v", fi.Mode().Perm())
		default:
			b, err := os.ReadFile(path)
			if err != nil {
				return err
			}
			s[rel] = fmt.Sprintf("file %v %q", fi.Mode().Perm(), b)
		}
		return nil
	})
	if err != nil {
		t.Fatal(err)
	}
	return s
}

// TestBuildRemovesLeftoversOfKilledBuilds: the folders that killed builds
// left beside the site, and their stale lock, go with the next build; other
// files stay.
func TestBuildRemovesLeftoversOfKilledBuilds(t *testing.T) {
	t.Parallel()
	root := t.TempDir()
	dest := filepath.Join(root, "public")
	write(t, filepath.Join(dest, "index.html"), "old")
	write(t, filepath.Join(root, ".public.new-123", "big.jpg"), "half a build")
	write(t, filepath.Join(root, ".public.new-456.old", "index.html"), "a site being removed")
	write(t, filepath.Join(root, ".public.lock"), "99999\n")
	write(t, filepath.Join(root, ".public2.new-789", "x"), "another site's build")
	write(t, filepath.Join(root, "notes.txt"), "mine")

	if err := Build(dest, func(dir string) error {
		write(t, filepath.Join(dir, "index.html"), "new")
		return nil
	}); err != nil {
		t.Fatal(err)
	}
	if got := entries(t, root); !slices.Equal(got, []string{".public2.new-789", "notes.txt", "public"}) {
		t.Errorf("left in the parent folder: %v", got)
	}
	if got := read(t, filepath.Join(dest, "index.html")); got != "new" {
		t.Errorf("index.html = %q", got)
	}
}

// TestBuildKeepsTheFolderOfARunningBuild: a build that starts while another
// publishes to the same folder fails at once, runs nothing, and leaves the
// running build's folder alone; the running build then completes.
func TestBuildKeepsTheFolderOfARunningBuild(t *testing.T) {
	t.Parallel()
	root := t.TempDir()
	dest := filepath.Join(root, "public")
	write(t, filepath.Join(dest, "index.html"), "old")
	err := Build(dest, func(dir string) error {
		write(t, filepath.Join(dir, "index.html"), "first")
		called := false
		err := Build(dest, func(string) error { called = true; return nil })
		if !errors.Is(err, ErrBusy) || called || !strings.Contains(err.Error(), fmt.Sprintf("process %d holds", os.Getpid())) {
			t.Errorf("second build: err = %v, build called = %v; want ErrBusy naming this process", err, called)
		}
		if got := read(t, filepath.Join(dir, "index.html")); got != "first" {
			t.Errorf("the running build's folder: index.html = %q", got)
		}
		return nil
	})
	if err != nil {
		t.Fatal(err)
	}
	if got := read(t, filepath.Join(dest, "index.html")); got != "first" {
		t.Errorf("index.html = %q, want the running build's", got)
	}
	if got := entries(t, root); len(got) != 1 {
		t.Errorf("left in the parent folder: %v", got)
	}
}

// TestBuildThroughSymlink: a public folder that is a symbolic link to a web
// root (through another link here) stays a link, unchanged, and the web root
// it leads to holds the new site; nothing is left beside either.
func TestBuildThroughSymlink(t *testing.T) {
	t.Parallel()
	root := t.TempDir()
	webroot := filepath.Join(root, "srv", "www", "public")
	write(t, filepath.Join(webroot, "index.html"), "old")
	write(t, filepath.Join(webroot, "gone.html"), "stale")
	if err := os.Symlink("www/public", filepath.Join(root, "srv", "current")); err != nil {
		t.Fatal(err)
	}
	if err := os.MkdirAll(filepath.Join(root, "site"), 0o755); err != nil {
		t.Fatal(err)
	}
	dest := filepath.Join(root, "site", "public")
	if err := os.Symlink("../srv/current", dest); err != nil {
		t.Fatal(err)
	}

	if err := Build(dest, func(dir string) error {
		if filepath.Dir(dir) != filepath.Dir(webroot) {
			t.Errorf("built in %s, not beside the web root", dir)
		}
		write(t, filepath.Join(dir, "index.html"), "new")
		return nil
	}); err != nil {
		t.Fatal(err)
	}
	if target, err := os.Readlink(dest); err != nil || target != "../srv/current" {
		t.Errorf("public is now %q (%v), want the link to ../srv/current", target, err)
	}
	if got := read(t, filepath.Join(dest, "index.html")); got != "new" {
		t.Errorf("public/index.html = %q, want new", got)
	}
	if _, err := os.Stat(filepath.Join(webroot, "gone.html")); !errors.Is(err, fs.ErrNotExist) {
		t.Errorf("a file of the previous build survived: %v", err)
	}
	for dir, want := range map[string][]string{
		filepath.Join(root, "site"):       {"public"},
		filepath.Join(root, "srv"):        {"current", "www"},
		filepath.Join(root, "srv", "www"): {"public"},
	} {
		if got := entries(t, dir); !slices.Equal(got, want) {
			t.Errorf("%s holds %v, want %v", dir, got, want)
		}
	}
}

// TestBuildFailuresLeaveEverythingAsItWas: a build that fails, a build that
// finds the folder busy, and a destination that is no folder leave every
// file, folder and link byte-identical.
func TestBuildFailuresLeaveEverythingAsItWas(t *testing.T) {
	t.Parallel()
	boom := errors.New("boom")
	for _, tc := range []struct {
		name  string
		setup func(t *testing.T, root string) (dest string)
		want  error // or nil for any error
	}{
		{"build fails", func(t *testing.T, root string) string {
			write(t, filepath.Join(root, "public", "index.html"), "old")
			return filepath.Join(root, "public")
		}, boom},
		{"build through a symbolic link fails", func(t *testing.T, root string) string {
			write(t, filepath.Join(root, "www", "index.html"), "old")
			if err := os.Symlink("www", filepath.Join(root, "public")); err != nil {
				t.Fatal(err)
			}
			return filepath.Join(root, "public")
		}, boom},
		{"another build holds the lock", func(t *testing.T, root string) string {
			write(t, filepath.Join(root, "public", "index.html"), "old")
			unlock, err := lock(filepath.Join(root, ".public.lock"))
			if err != nil {
				t.Fatal(err)
			}
			t.Cleanup(unlock)
			return filepath.Join(root, "public")
		}, ErrBusy},
		{"a file", func(t *testing.T, root string) string {
			write(t, filepath.Join(root, "public"), "a file")
			return filepath.Join(root, "public")
		}, nil},
		{"a link to a file", func(t *testing.T, root string) string {
			write(t, filepath.Join(root, "file"), "a file")
			if err := os.Symlink("file", filepath.Join(root, "public")); err != nil {
				t.Fatal(err)
			}
			return filepath.Join(root, "public")
		}, nil},
		{"a link that leads nowhere", func(t *testing.T, root string) string {
			if err := os.Symlink("nowhere", filepath.Join(root, "public")); err != nil {
				t.Fatal(err)
			}
			return filepath.Join(root, "public")
		}, nil},
	} {
		t.Run(tc.name, func(t *testing.T) {
			t.Parallel()
			root := t.TempDir()
			dest := tc.setup(t, root)
			before := snapshot(t, root)
			err := Build(dest, func(dir string) error {
				write(t, filepath.Join(dir, "index.html"), "half")
				return boom
			})
			if err == nil || (tc.want != nil && !errors.Is(err, tc.want)) {
				t.Errorf("err = %v, want %v", err, tc.want)
			}
			if after := snapshot(t, root); !maps.Equal(before, after) {
				t.Errorf("changed:\nbefore %v\nafter  %v", before, after)
			}
		})
	}
}

// TestBuildAfterSIGKILL kills a build in another process with SIGKILL while
// it writes its folder: while it runs, a second build finds it busy and
// leaves its folder; once it is dead, the next build removes what it left.
func TestBuildAfterSIGKILL(t *testing.T) {
	t.Parallel()
	if runtime.GOOS == "windows" {
		t.Skip("no SIGKILL and no flock")
	}
	root := t.TempDir()
	dest := filepath.Join(root, "public")
	write(t, filepath.Join(dest, "index.html"), "old")

	cmd := exec.Command(os.Args[0], "-test.run=^TestHelperBuild$")
	cmd.Env = append(os.Environ(), "PUBLISH_HELPER_DEST="+dest)
	cmd.Stderr = os.Stderr
	out, err := cmd.StdoutPipe()
	if err != nil {
		t.Fatal(err)
	}
	if err := cmd.Start(); err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { _ = cmd.Process.Kill(); _ = cmd.Wait() })
	line, err := bufio.NewReader(out).ReadString('\n')
	if err != nil {
		t.Fatalf("the helper build never got going: %v", err)
	}
	dir, ok := strings.CutPrefix(strings.TrimSpace(line), "building in ")
	if !ok {
		t.Fatalf("helper: %q", line)
	}

	if err := Build(dest, func(string) error { return nil }); !errors.Is(err, ErrBusy) {
		t.Errorf("a build beside a running one: err = %v, want ErrBusy", err)
	}
	if _, err := os.Stat(filepath.Join(dir, "photo.jpg")); err != nil {
		t.Errorf("the running build's folder: %v", err)
	}

	if err := cmd.Process.Signal(syscall.SIGKILL); err != nil {
		t.Fatal(err)
	}
	_ = cmd.Wait()
	if got := entries(t, root); !slices.Contains(got, filepath.Base(dir)) || !slices.Contains(got, ".public.lock") {
		t.Fatalf("after SIGKILL the parent folder holds %v, want the killed build's folder and lock", got)
	}

	if err := Build(dest, func(dir string) error {
		write(t, filepath.Join(dir, "index.html"), "new")
		return nil
	}); err != nil {
		t.Fatal(err)
	}
	if got := entries(t, root); !slices.Equal(got, []string{"public"}) {
		t.Errorf("after the next build the parent folder holds %v", got)
	}
	if got := read(t, filepath.Join(dest, "index.html")); got != "new" {
		t.Errorf("index.html = %q", got)
	}
}

// TestHelperBuild is the build that TestBuildAfterSIGKILL kills: it writes
// a megabyte in its fresh folder, says where, and waits to be killed.
func TestHelperBuild(t *testing.T) {
	dest := os.Getenv("PUBLISH_HELPER_DEST")
	if dest == "" {
		t.Skip("run by TestBuildAfterSIGKILL")
	}
	_ = Build(dest, func(dir string) error {
		if err := os.WriteFile(filepath.Join(dir, "photo.jpg"), make([]byte, 1<<20), 0o644); err != nil {
			return err
		}
		fmt.Printf("building in %s\n", dir)
		select {}
	})
}
