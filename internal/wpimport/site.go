package wpimport

import (
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
		TimeZone:        s.Location(s.DefaultLanguage),
	}
	if len(s.ContentDirs) > 0 {
		o.ContentDir = s.ContentDirs[0]
	}
	return o, nil
}
