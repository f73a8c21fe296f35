package difftest

import (
	"sync"
	"time"

	"github.com/dispatch-news/dispatch/internal/check"
	"github.com/dispatch-news/dispatch/internal/site"
	"github.com/gohugoio/hugo/config"
)

// checkSite runs the content checks on the site in dir as `dispatch check`
// does, with the site's configuration and now as the build's clock (the
// one Hugo gets, see SetClock), and returns the diagnostics and what the
// check makes of each page: whether a build publishes it.
//
// It is the one place where this package calls the check.
func checkSite(dir string, now time.Time) ([]check.Diagnostic, []check.Page, error) {
	s, err := loadSite(dir, now)
	if err != nil {
		return nil, nil, err
	}
	r, err := check.Run(check.Options{Site: s})
	if err != nil {
		return nil, nil, err
	}
	return r.Diagnostics, r.Pages, nil
}

// sites caches the configuration of each worker's site: cases change only
// content/, never the configuration.
var sites sync.Map // dir -> *site.Site

func loadSite(dir string, now time.Time) (*site.Site, error) {
	if s, ok := sites.Load(dir); ok {
		return s.(*site.Site), nil
	}
	hugoGlobals.Lock()
	defer hugoGlobals.Unlock()
	flags := config.New()
	flags.Set("internal.clock", now.Format(time.RFC3339))
	s, err := site.Load(site.Options{Dir: dir, Flags: flags})
	if err != nil {
		return nil, err
	}
	sites.Store(dir, s)
	return s, nil
}
