package difftest

import (
	"sync"
	"time"

	"github.com/dispatch-news/dispatch/internal/check"
	"github.com/dispatch-news/dispatch/internal/site"
)

// checkSite runs the content checks on the site in dir as `dispatch check`
// (drafts false) or `dispatch check --drafts` (drafts true) does, with the
// options the command line fills from the site's configuration, and returns
// the diagnostics.
//
// It is the one place where this package calls the check: when the check's
// API changes, only this function changes. now is the time the check must
// take as "now", the one Hugo gets (see SetClock); today's check does not
// look at dates against the clock, so it has nowhere to go yet. A check
// that reads Hugo's clock (htime.Now) gets it without being told.
func checkSite(dir string, now time.Time, drafts bool) ([]check.Diagnostic, error) {
	_ = now
	s, err := loadSite(dir)
	if err != nil {
		return nil, err
	}
	r, err := check.Run(check.Options{
		Root:            s.Dir,
		ContentDirs:     s.ContentDirs,
		ArticleSections: s.MainSections,
		Drafts:          drafts,
		LayoutDirs:      s.LayoutDirs,
		ImageDirs:       s.ImageDirs,
		Languages:       s.Languages,
		DefaultLanguage: s.DefaultLanguage,
	})
	if err != nil {
		return nil, err
	}
	return r.Diagnostics, nil
}

// sites caches the configuration of each worker's site: cases change only
// content/, never the configuration.
var sites sync.Map // dir -> *site.Site

func loadSite(dir string) (*site.Site, error) {
	if s, ok := sites.Load(dir); ok {
		return s.(*site.Site), nil
	}
	hugoGlobals.Lock()
	defer hugoGlobals.Unlock()
	s, err := site.Load(site.Options{Dir: dir})
	if err != nil {
		return nil, err
	}
	sites.Store(dir, s)
	return s, nil
}
