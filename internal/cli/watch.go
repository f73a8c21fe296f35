package cli

import (
	"context"
	"io/fs"
	"os"
	"path/filepath"
	"sort"
	"time"

	"github.com/fsnotify/fsnotify"

	"github.com/dispatch-news/dispatch/internal/check"
	"github.com/dispatch-news/dispatch/internal/site"
)

// watchChecks calls recheck with the content files saved while the preview
// runs, once each burst of saves is over, and says whether new folders
// nest in each other (a new year with its first article): Hugo's server
// misses the pages in those until it rebuilds everything. It stops when
// ctx is done.
func (a *app) watchChecks(ctx context.Context, s *site.Site, recheck func(saved []string, nested bool) error) error {
	w, err := fsnotify.NewWatcher()
	if err != nil {
		return err
	}
	created := map[string]bool{}
	addTree := func(root string) {
		_ = filepath.WalkDir(root, func(path string, d fs.DirEntry, err error) error {
			if err == nil && d.IsDir() {
				if path != root && hugoIgnores(d.Name()) {
					return fs.SkipDir
				}
				_ = w.Add(path)
				if created != nil {
					created[path] = true
				}
			}
			return nil
		})
	}
	created = nil
	for _, dir := range s.ContentDirs {
		addTree(dir)
	}
	// The vocabulary and the shortcodes' templates are what the checks
	// check against.
	others := append([]string{filepath.Join(s.Dir, "data")}, s.LayoutDirs...)
	for _, dir := range others {
		addTree(dir)
	}
	watched := func(name string) bool {
		for _, d := range others {
			if r, err := filepath.Rel(d, name); err == nil && r != ".." && !filepath.IsAbs(r) && len(r) > 0 && r[0] != '.' {
				return true
			}
		}
		return false
	}
	types := s.Configs.Base.ContentTypes.Config
	created = map[string]bool{}
	go func() {
		defer w.Close()
		pending := map[string]bool{}
		var fire <-chan time.Time
		for {
			select {
			case <-ctx.Done():
				return
			case ev, ok := <-w.Events:
				if !ok {
					return
				}
				if ev.Has(fsnotify.Create) {
					if fi, err := os.Stat(ev.Name); err == nil && fi.IsDir() {
						addTree(ev.Name)
						fire = time.After(250 * time.Millisecond)
						continue
					}
				}
				if hugoIgnores(filepath.Base(ev.Name)) {
					continue
				}
				if types.IsContentFile(ev.Name) || watched(ev.Name) {
					if types.IsContentFile(ev.Name) {
						pending[ev.Name] = true
					}
					// Editors save in bursts; check once it is quiet.
					fire = time.After(250 * time.Millisecond)
				}
			case <-w.Errors:
			case <-fire:
				saved := make([]string, 0, len(pending))
				for p := range pending {
					saved = append(saved, p)
				}
				sort.Strings(saved)
				pending = map[string]bool{}
				nested := false
				for d := range created {
					nested = nested || created[filepath.Dir(d)]
				}
				created = map[string]bool{}
				if err := recheck(saved, nested); err != nil {
					a.e.stderr.Write([]byte("dispatch: " + err.Error() + "\n"))
				}
			}
		}
	}()
	return nil
}

// hugoIgnores says whether Hugo leaves a file or folder out of the site, as
// the checks do: names that start with . or # and end with ~.
func hugoIgnores(name string) bool { return check.HugoIgnores(name) }
