package wpimport

import (
	"fmt"
	"github.com/dispatch-news/dispatch/internal/check"
	"net/url"
	"path"
	"strconv"
	"strings"
	"unicode"
)

const uploadsMarker = "/wp-content/uploads/"

// uploadsPath returns the path of a media address after
// /wp-content/uploads/, decoded, or "" when it is not an upload.
func uploadsPath(addr string) string {
	i := strings.Index(addr, uploadsMarker)
	if i < 0 {
		return ""
	}
	p := addr[i+len(uploadsMarker):]
	if j := strings.IndexAny(p, "?#"); j >= 0 {
		p = p[:j]
	}
	if d, err := url.PathUnescape(p); err == nil {
		p = d
	}
	for _, seg := range strings.Split(p, "/") {
		if seg == ".." {
			return "" // never outside the uploads folder
		}
	}
	p = path.Clean("/" + p)[1:]
	if p == "" {
		return ""
	}
	return p
}

// decodeSlug reads a WordPress slug (post_name), which is percent-encoded
// when it holds other than ASCII letters, and makes it a folder name.
func decodeSlug(s string) string {
	if d, err := url.PathUnescape(strings.TrimSpace(s)); err == nil {
		s = d
	}
	return slugify(s)
}

// slugify makes a folder name from s: lower case letters (of any script),
// digits, hyphens and underscores; anything else becomes one hyphen.
func slugify(s string) string {
	var b strings.Builder
	hyphen := false
	for _, r := range strings.ToLower(s) {
		switch {
		case unicode.IsLetter(r) || unicode.IsDigit(r) || unicode.IsMark(r) || r == '_':
			if hyphen && b.Len() > 0 {
				b.WriteByte('-')
			}
			hyphen = false
			b.WriteRune(r)
		default:
			hyphen = true
		}
	}
	out := b.String()
	// Folder names stay short enough for every file system.
	if r := []rune(out); len(r) > 80 {
		out = strings.TrimRight(string(r[:80]), "-")
	}
	return out
}

// oldPath returns the path of an address of the old site, decoded, with a
// trailing slash unless it names a file; ok is false for other hosts and for
// addresses without a path (?p=123).
func oldPath(addr string, hosts map[string]bool) (string, bool) {
	u, err := url.Parse(strings.TrimSpace(addr))
	if err != nil {
		return "", false
	}
	if u.Host != "" && !hosts[strings.ToLower(u.Hostname())] {
		return "", false
	}
	if u.Scheme != "" && u.Scheme != "http" && u.Scheme != "https" {
		return "", false
	}
	p := u.Path
	if p == "" || p == "/" || !strings.HasPrefix(p, "/") {
		return "", false
	}
	if path.Ext(p) == "" && !strings.HasSuffix(p, "/") {
		p += "/"
	}
	return p, true
}

// queryID returns the post id of ?p=ID, ?page_id=ID and ?attachment_id=ID
// addresses of the old site.
func queryID(addr string, hosts map[string]bool) (int64, bool) {
	u, err := url.Parse(strings.TrimSpace(addr))
	if err != nil || u.Host != "" && !hosts[strings.ToLower(u.Hostname())] {
		return 0, false
	}
	q := u.Query()
	for _, k := range []string{"p", "page_id"} {
		if v := q.Get(k); v != "" {
			id, err := strconv.ParseInt(v, 10, 64)
			return id, err == nil
		}
	}
	return 0, false
}

// safeAlias makes an alias of a decoded old path, as the checks accept
// one: letters, digits, . _ ~ / - as they are, anything else
// percent-encoded, so that no alias can break _redirects or the nginx block
// it is written into. It refuses paths that are not absolute or that hold
// empty or dot segments.
func safeAlias(p string) (string, error) {
	if !strings.HasPrefix(p, "/") || p == "/" {
		return "", fmt.Errorf("%q is not a path below the site root", p)
	}
	for _, seg := range strings.Split(strings.Trim(p, "/"), "/") {
		if seg == "" || seg == "." || seg == ".." {
			return "", fmt.Errorf("%q has an empty, . or .. segment", p)
		}
	}
	return check.EscapePath(p), nil
}

// IsSafeAlias says whether the checks accept an alias: the tests hold every
// alias the import writes to it.
func IsSafeAlias(a string) bool {
	return strings.HasPrefix(a, "/") && check.SafePath(a)
}

// escapePath percent-encodes each segment of a site path for a Markdown link.
func escapePath(p string) string {
	segs := strings.Split(p, "/")
	for i, s := range segs {
		segs[i] = url.PathEscape(s)
	}
	return strings.Join(segs, "/")
}
