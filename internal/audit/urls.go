package audit

import (
	"bytes"
	"net"
	"net/url"
	"strings"
)

// cleanURL reads a URL as a browser does before it parses it: without
// leading and trailing spaces and control characters, without tabs and
// newlines anywhere, and with backslashes as slashes.
func cleanURL(raw string) string {
	s := strings.TrimFunc(raw, func(r rune) bool { return r <= ' ' })
	if strings.ContainsAny(s, "\t\n\r\\") {
		s = strings.NewReplacer("\t", "", "\n", "", "\r", "", "\\", "/").Replace(s)
	}
	return s
}

// scheme returns the lower-cased scheme of a cleaned URL, or "".
func scheme(s string) string {
	for i := 0; i < len(s); i++ {
		c := s[i]
		switch {
		case 'a' <= c && c <= 'z', 'A' <= c && c <= 'Z':
		case i > 0 && ('0' <= c && c <= '9' || c == '+' || c == '-' || c == '.'):
		case i > 0 && c == ':':
			return strings.ToLower(s[:i])
		default:
			return ""
		}
	}
	return ""
}

// scriptURL says whether a URL runs script when followed or loaded:
// javascript: and vbscript: URLs, and data: URLs of a page, an SVG image,
// XML or a script. It returns what the URL is, for the message.
func scriptURL(raw string) (string, bool) {
	s := cleanURL(raw)
	switch sc := scheme(s); sc {
	case "javascript", "vbscript", "livescript", "mocha":
		return "a " + sc + ": URL", true
	case "data":
		mt := strings.ToLower(strings.TrimSpace(s[len("data:"):]))
		if i := strings.IndexAny(mt, ";,"); i >= 0 {
			mt = mt[:i]
		}
		switch mt {
		case "text/html", "application/xhtml+xml", "image/svg+xml", "text/xml", "application/xml",
			"text/javascript", "application/javascript", "application/ecmascript", "text/ecmascript":
			return "a data: URL of " + mt, true
		}
	}
	return "", false
}

// host returns the host a URL points at, lower-cased, without a port,
// and whether it points at a host at all (a relative URL does not).
// Schemes that do not name a host (mailto:, data:) return "", false;
// other schemes that leave the site (file:, ftp: without a host) return
// the scheme, so that a load from them is refused.
func urlHost(raw string) (string, bool) {
	s := cleanURL(raw)
	var rest string
	switch sc := scheme(s); sc {
	case "":
		if !strings.HasPrefix(s, "//") {
			return "", false
		}
		rest = s[2:]
	case "http", "https", "ws", "wss", "ftp":
		// Browsers take any number of slashes, even none, after a
		// special scheme: https:/evil.example and https:evil.example
		// go to evil.example from a page on another scheme.
		rest = strings.TrimLeft(s[len(sc)+1:], "/")
	case "data", "javascript", "vbscript", "mailto", "tel", "sms", "about", "blob":
		return "", false
	default:
		return sc + ":", true
	}
	if i := strings.IndexAny(rest, "/?#"); i >= 0 {
		rest = rest[:i]
	}
	if i := strings.LastIndexByte(rest, '@'); i >= 0 {
		rest = rest[i+1:]
	}
	return normalHost(rest), true
}

// normalHost lower-cases a host, decodes its percent escapes (as browsers
// do) and drops its port and a trailing dot.
func normalHost(h string) string {
	if strings.Contains(h, "%") {
		if u, err := url.PathUnescape(h); err == nil {
			h = u
		}
	}
	if hh, _, err := net.SplitHostPort(h); err == nil {
		h = hh
	}
	h = strings.TrimSuffix(strings.TrimPrefix(strings.TrimSuffix(h, "]"), "["), "]")
	return strings.TrimSuffix(strings.ToLower(h), ".")
}

// isLocalHost says whether a host is this machine: a URL of a preview
// (Hugo's server) that leaked into the output.
func isLocalHost(h string) bool {
	if h == "localhost" || strings.HasSuffix(h, ".localhost") || h == "0.0.0.0" {
		return true
	}
	ip := net.ParseIP(h)
	return ip != nil && ip.IsLoopback()
}

// srcsetURLs returns the URLs of a srcset attribute's candidates with
// their offsets in it, as the HTML standard splits them: a URL runs to the
// next white space, and a comma ends a candidate outside parentheses.
func srcsetURLs(v string) (urls []string) {
	i := 0
	for i < len(v) {
		for i < len(v) && (isSpace(v[i]) || v[i] == ',') {
			i++
		}
		start := i
		for i < len(v) && !isSpace(v[i]) {
			i++
		}
		u := v[start:i]
		if u == "" {
			break
		}
		if strings.HasSuffix(u, ",") {
			urls = append(urls, strings.TrimRight(u, ","))
			continue
		}
		urls = append(urls, u)
		depth := 0
		for i < len(v) {
			c := v[i]
			if c == '(' {
				depth++
			} else if c == ')' && depth > 0 {
				depth--
			} else if c == ',' && depth == 0 {
				break
			}
			i++
		}
	}
	return urls
}

func isSpace(c byte) bool { return c == ' ' || c == '\t' || c == '\n' || c == '\r' || c == '\f' }

// refreshURL returns the URL of a <meta http-equiv=refresh> content, as
// "5; url=https://..." or "0;https://...".
func refreshURL(content string) string {
	s := strings.TrimLeft(content, " \t\n\r\f0123456789.")
	s = strings.TrimLeft(s, " \t\n\r\f")
	if s == "" || (s[0] != ';' && s[0] != ',') {
		return ""
	}
	s = strings.TrimLeft(s[1:], " \t\n\r\f")
	if len(s) >= 3 && strings.EqualFold(s[:3], "url") {
		if t := strings.TrimLeft(s[3:], " \t\n\r\f"); strings.HasPrefix(t, "=") {
			s = strings.TrimLeft(t[1:], " \t\n\r\f")
		}
	}
	if len(s) > 0 && (s[0] == '"' || s[0] == '\'') {
		if i := strings.IndexByte(s[1:], s[0]); i >= 0 {
			return s[1 : i+1]
		}
		return s[1:]
	}
	return s
}

// preview reports the first URL of this machine (localhost, 127.0.0.1)
// in text, at its offset plus base: the trace of a preview that leaked
// into the output. JSON's escaped slashes (http:\/\/localhost) count.
func (a *auditor) preview(s *fileScan, text []byte, base int) {
	for i := 0; i < len(text); {
		j := bytes.IndexByte(text[i:], '/')
		if j < 0 {
			return
		}
		at := i + j
		i = at + 1
		switch {
		case i < len(text) && text[i] == '/':
			i++
		case i+1 < len(text) && text[i] == '\\' && text[i+1] == '/':
			i += 2
		default:
			continue
		}
		end := i
		for end < len(text) && end-i < 300 && !endsHost(text[end]) {
			end++
		}
		if end == i {
			continue
		}
		h := string(text[i:end])
		if u := strings.LastIndexByte(h, '@'); u >= 0 {
			h = h[u+1:]
		}
		if h != "" && isLocalHost(normalHost(h)) {
			s.add(base+at, idPreview, "a URL of this machine (%s): the output of a local preview, not of a build", h)
			return
		}
	}
}

// endsHost says whether a byte ends the host of a URL in text.
func endsHost(c byte) bool {
	switch c {
	case '/', '\\', '?', '#', '"', '\'', '<', '>', ')', ' ', '\t', '\r', '\n', ',', ';', '&':
		return true
	}
	return false
}
