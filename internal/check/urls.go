package check

import (
	"regexp"
	"strings"
)

// safePathRe is the alphabet of aliases, url and slug: what can go into
// _redirects and nginx.conf without quoting, and means the same to every
// host. Anything else (Korean letters too) is percent-encoded.
var safePathRe = regexp.MustCompile(`^(?:[A-Za-z0-9._~/-]|%[0-9A-Fa-f]{2})+$`)

// SafePath says whether s may be an alias, url or slug: only
// A-Z a-z 0-9 . _ ~ / - and %XX, no ".." segment and no "//".
func SafePath(s string) bool {
	if !safePathRe.MatchString(s) || strings.Contains(s, "//") {
		return false
	}
	for _, seg := range strings.Split(s, "/") {
		if seg == ".." {
			return false
		}
	}
	return true
}

// checkURLPath checks an alias, url or slug: the host files that the build
// writes from them must not be able to carry rules of their own.
func (c *checker) checkURLPath(p *page, name, s string, line, col int) {
	what := map[string]string{"aliases": "alias", "url": "url", "slug": "slug"}[name]
	switch {
	case strings.HasPrefix(s, "http://") || strings.HasPrefix(s, "https://"):
		c.fail(p, line, col, "url.path", "the %s %q names a host: Hugo refuses it; write the path from the site's root", what, s)
	case !SafePath(s):
		c.add(p, line, col, Error, "url.path",
			"the %s %q has a character outside A-Z a-z 0-9 . _ ~ / - (or is a .. or // path): such a value could write rules of its own into _redirects and nginx.conf; percent-encode anything else", what, s)
	case name == "slug" && strings.Contains(s, "/"):
		c.add(p, line, col, Error, "url.path", "the slug %q has a /: a slug is the last part of the page's path; use url for a whole path", s)
	}
}
