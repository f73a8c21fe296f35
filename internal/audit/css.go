package audit

import (
	"bytes"
	"strings"
)

// cssFile audits a stylesheet.
func (a *auditor) cssFile(s *fileScan) {
	a.css(s, s.data, 0, "the stylesheet")
}

// css reports the URLs that CSS at offset base of a file loads from
// another host: url() and src(), @import "...", and the strings of
// image-set(). It reads CSS as its tokenizer does, closely enough for
// this: comments and strings are skipped, escapes in names and URLs are
// decoded (u\72l( is url().
func (a *auditor) css(s *fileScan, css []byte, base int, where string) {
	var (
		importing   bool // after @import, before ; or {
		depth       int  // of parentheses
		imageSetEnd = -1 // the depth below which image-set() ends
	)
	check := func(u string, at int) {
		host, ok := urlHost(u)
		// URLs of this machine are the preview check's.
		if ok && !a.hosts[host] && !isLocalHost(host) {
			s.add(base+at, idThirdParty, "%s loads %q from another host, %s: every reader's browser would contact it",
				where, short(u), host)
		}
	}
	for i := 0; i < len(css); {
		c := css[i]
		switch {
		case c == '/' && i+1 < len(css) && css[i+1] == '*':
			end := bytes.Index(css[i+2:], []byte("*/"))
			if end < 0 {
				return
			}
			i += 2 + end + 2
		case c == '"' || c == '\'':
			str, end := cssString(css, i)
			if importing || imageSetEnd >= 0 {
				check(str, i)
			}
			importing = false
			i = end
		case c == '@':
			name, end := cssName(css, i+1)
			importing = strings.EqualFold(name, "import")
			i = end
		case isNameStart(c):
			name, end := cssName(css, i)
			if end < len(css) && css[end] == '(' {
				switch fn := strings.ToLower(name); {
				case fn == "url" || fn == "src":
					u, uend := cssURL(css, end+1)
					check(u, i)
					importing = false
					i = uend
					continue
				case strings.HasSuffix(fn, "image-set"):
					imageSetEnd = depth
				}
			}
			i = end
		case c == '(':
			depth++
			i++
		case c == ')':
			depth--
			if depth <= imageSetEnd {
				imageSetEnd = -1
			}
			i++
		case c == ';' || c == '{' || c == '}':
			importing = false
			i++
		default:
			i++
		}
	}
}

func isNameStart(c byte) bool {
	return c == '-' || c == '_' || c == '\\' || c >= 0x80 || 'a' <= c && c <= 'z' || 'A' <= c && c <= 'Z'
}

func isNameByte(c byte) bool { return isNameStart(c) || '0' <= c && c <= '9' }

// cssName reads a name from i, with its escapes decoded, and returns it
// and where it ends.
func cssName(css []byte, i int) (string, int) {
	var b strings.Builder
	for i < len(css) && isNameByte(css[i]) {
		if css[i] == '\\' {
			r, end := cssEscape(css, i)
			b.WriteString(r)
			i = end
			continue
		}
		b.WriteByte(css[i])
		i++
	}
	return b.String(), i
}

// cssEscape decodes the escape at css[i] == '\\': up to six hex digits and
// one white space, or one character.
func cssEscape(css []byte, i int) (string, int) {
	j := i + 1
	if j >= len(css) {
		return "", j
	}
	n, v := 0, rune(0)
	for j < len(css) && n < 6 && isHex(css[j]) {
		v = v*16 + rune(hexVal(css[j]))
		j++
		n++
	}
	if n == 0 {
		return string(css[j]), j + 1
	}
	if j < len(css) && isSpace(css[j]) {
		j++
	}
	if v == 0 || v > 0x10FFFF {
		v = '\uFFFD'
	}
	return string(v), j
}

func isHex(c byte) bool { return '0' <= c && c <= '9' || 'a' <= c && c <= 'f' || 'A' <= c && c <= 'F' }

func hexVal(c byte) int {
	switch {
	case c <= '9':
		return int(c - '0')
	case c <= 'F':
		return int(c-'A') + 10
	}
	return int(c-'a') + 10
}

// cssString reads the string that opens at css[i] and returns its value
// and where it ends.
func cssString(css []byte, i int) (string, int) {
	q := css[i]
	var b strings.Builder
	for i++; i < len(css); {
		switch c := css[i]; c {
		case q:
			return b.String(), i + 1
		case '\n':
			return b.String(), i // a bad string ends at the line's end
		case '\\':
			if i+1 < len(css) && css[i+1] == '\n' {
				i += 2
				continue
			}
			r, end := cssEscape(css, i)
			b.WriteString(r)
			i = end
		default:
			b.WriteByte(c)
			i++
		}
	}
	return b.String(), i
}

// cssURL reads the argument of url( from i: a string, or the bare URL up
// to the closing parenthesis. It returns the URL and where the function
// ends.
func cssURL(css []byte, i int) (string, int) {
	for i < len(css) && isSpace(css[i]) {
		i++
	}
	var u string
	if i < len(css) && (css[i] == '"' || css[i] == '\'') {
		u, i = cssString(css, i)
	} else {
		var b strings.Builder
		for i < len(css) && css[i] != ')' {
			if css[i] == '\\' {
				r, end := cssEscape(css, i)
				b.WriteString(r)
				i = end
				continue
			}
			b.WriteByte(css[i])
			i++
		}
		u = strings.TrimSpace(b.String())
	}
	for i < len(css) && css[i] != ')' {
		i++
	}
	return u, min(i+1, len(css))
}
