package cli

import (
	"context"
	"io/fs"
	"os"
	"path/filepath"
	"sort"
	"strings"
	"time"

	"github.com/fsnotify/fsnotify"

	"github.com/dispatch-news/dispatch/internal/check"
	"github.com/dispatch-news/dispatch/internal/site"
)

// watchChecks re-checks every content file saved while the preview server
// runs, and prints what it finds as warnings. It stops when ctx is done.
func (a *app) watchChecks(ctx context.Context, s *site.Site) error {
	w, err := fsnotify.NewWatcher()
	if err != nil {
		return err
	}
	addTree := func(root string) {
		_ = filepath.WalkDir(root, func(path string, d fs.DirEntry, err error) error {
			if err == nil && d.IsDir() {
				if path != root && strings.HasPrefix(d.Name(), ".") {
					return fs.SkipDir
				}
				_ = w.Add(path)
			}
			return nil
		})
	}
	for _, dir := range s.ContentDirs {
		addTree(dir)
	}
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
						continue
					}
				}
				if s.Configs.Base.ContentTypes.Config.IsContentFile(ev.Name) && ev.Has(fsnotify.Write|fsnotify.Create) {
					pending[ev.Name] = true
					// Editors save in bursts; check once it is quiet.
					fire = time.After(250 * time.Millisecond)
				}
			case <-w.Errors:
			case <-fire:
				var paths []string
				for p := range pending {
					if _, err := os.Stat(p); err == nil {
						paths = append(paths, p)
					}
				}
				sort.Strings(paths)
				pending = map[string]bool{}
				r, err := check.Run(a.checkOptions(s, paths))
				if err != nil || len(r.Diagnostics) == 0 {
					continue
				}
				for i := range r.Diagnostics {
					r.Diagnostics[i].Severity = check.Warning
				}
				_ = r.WriteText(a.e.stderr)
			}
		}
	}()
	return nil
}
