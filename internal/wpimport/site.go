package wpimport

import (
	"fmt"
	"time"

	"github.com/dispatch-news/dispatch/internal/site"
)

// SiteOptions fills the options that come from the site's configuration:
// its folder, content folder, languages, time zone and sections.
func SiteOptions(s *site.Site) (Options, error) {
	o := Options{
		SiteRoot:        s.Dir,
		Languages:       s.Languages,
		DefaultLanguage: s.DefaultLanguage,
		ArticleSections: s.MainSections,
		TimeZone:        time.UTC,
	}
	if len(s.ContentDirs) > 0 {
		o.ContentDir = s.ContentDirs[0]
	}
	if s.TimeZone != "" {
		loc, err := time.LoadLocation(s.TimeZone)
		if err != nil {
			return o, fmt.Errorf("the site's timeZone %q: %w", s.TimeZone, err)
		}
		o.TimeZone = loc
	}
	return o, nil
}
