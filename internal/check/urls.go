package check

import (
	"regexp"
	"strings"
	"unicode"
	"unicode/utf8"
)

// safePathRe is the alphabet of aliases, url and slug: what can go into
// _redirects and nginx.conf without quoting, and means the same to every
// host: letters and digits of any script (Korean slugs stay readable, and
// nginx matches the decoded path), . _ ~ / - and %XX escapes. The theme's
// _funcs/redirects.html refuses the same.
var safePathRe = regexp.MustCompile(`^(?:[\p{L}\p{N}._~/-]|%[0-9A-Fa-f]{2})+$`)

// SafePath says whether s may be an alias, url or slug: only letters,
// digits, . _ ~ / - and %XX, no ".." segment and no "//".
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
func (c *checker) checkURLPath(p *page, name, s string, w where) {
	what := map[string]string{"aliases": "alias", "url": "url", "slug": "slug"}[name]
	switch {
	case strings.HasPrefix(s, "http://") || strings.HasPrefix(s, "https://"):
		c.failAt(p, w, "url.path", "the %s %q names a host: Hugo refuses it; write the path from the site's root", what, s)
	case !SafePath(s):
		c.addAt(p, w, Error, "url.path",
			"the %s %q has a character that is not a letter, a digit or . _ ~ / - (or is a .. or // path): such a value could write rules of its own into _redirects and nginx.conf; percent-encode anything else", what, s)
	case name == "slug" && strings.Contains(s, "/"):
		c.addAt(p, w, Error, "url.path", "the slug %q has a /: a slug is the last part of the page's path; use url for a whole path", s)
	}
}

// EscapePath makes a path safe: letters, digits, . _ ~ / - stay, anything
// else (spaces, quotes, punctuation, control characters) is
// percent-encoded.
func EscapePath(p string) string {
	const hex = "0123456789ABCDEF"
	var b strings.Builder
	for _, r := range p {
		if unicode.IsLetter(r) || unicode.IsDigit(r) || strings.ContainsRune("._~/-", r) {
			b.WriteRune(r)
			continue
		}
		var buf [utf8.UTFMax]byte
		for _, c := range buf[:utf8.EncodeRune(buf[:], r)] {
			b.WriteByte('%')
			b.WriteByte(hex[c>>4])
			b.WriteByte(hex[c&15])
		}
	}
	return b.String()
}
