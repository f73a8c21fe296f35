package wpimport

import (
	"html"
	"regexp"
	"strings"
)

// WordPress shortcodes ([caption], [gallery], [embed] ...) are expanded into
// HTML that the body converter understands, before the HTML is parsed, as
// WordPress itself does when it displays a post. Shortcodes of plugins the
// importer does not know disappear and keep their inner text; escaped
// shortcodes ([[name]]) are WordPress's way of writing one as text and stay
// text, without the outer brackets.

// knownShortcodes are removed even without arguments or a closing tag.
var knownShortcodes = map[string]bool{
	"caption": true, "wp_caption": true, "gallery": true, "embed": true, "video": true,
	"audio": true, "playlist": true, "youtube": true, "vimeo": true, "soundcloud": true,
	"tweet": true, "instagram": true, "googlemaps": true, "contact-form-7": true,
	"contact-form": true, "wpvideo": true, "dailymotion": true, "slideshare": true,
	"scribd": true, "polldaddy": true, "archives": true, "sitemap": true, "toc": true,
	"more": true, "pdf-embedder": true, "ted": true, "recipe": true, "code": true,
	"sourcecode": true,
}

// shortcodeCall is one shortcode found in a text.
type shortcodeCall struct {
	name    string
	attrs   map[string]string
	pos     []string // positional arguments
	inner   string
	closed  bool // has inner content and a closing tag
	escaped bool
}

var attrRe = regexp.MustCompile(`([\w-]+)\s*=\s*"([^"]*)"|([\w-]+)\s*=\s*'([^']*)'|([\w-]+)\s*=\s*([^\s'"]+)|"([^"]*)"|'([^']*)'|(\S+)`)

func parseShortcodeAttrs(s string) (map[string]string, []string) {
	attrs := map[string]string{}
	var pos []string
	// [youtube=https://...]: the value follows the name.
	s = strings.TrimPrefix(strings.TrimSpace(s), "=")
	for _, m := range attrRe.FindAllStringSubmatch(s, -1) {
		switch {
		case m[1] != "":
			attrs[strings.ToLower(m[1])] = m[2]
		case m[3] != "":
			attrs[strings.ToLower(m[3])] = m[4]
		case m[5] != "":
			attrs[strings.ToLower(m[5])] = m[6]
		case m[7] != "" || m[8] != "":
			pos = append(pos, m[7]+m[8])
		case m[9] != "" && m[9] != "/":
			pos = append(pos, m[9])
		}
	}
	return attrs, pos
}

// expandShortcodes replaces every shortcode of s with what f returns for it.
func expandShortcodes(s string, f func(c shortcodeCall) string) string {
	if !strings.Contains(s, "[") {
		return s
	}
	var b strings.Builder
	i := 0
	for {
		j := strings.IndexByte(s[i:], '[')
		if j < 0 {
			b.WriteString(s[i:])
			return b.String()
		}
		start := i + j
		b.WriteString(s[i:start])
		c, end, ok := scanShortcode(s, start)
		if !ok {
			b.WriteByte('[')
			i = start + 1
			continue
		}
		if c.escaped {
			b.WriteString(s[start+1 : end-1])
		} else {
			if c.closed {
				c.inner = expandShortcodes(c.inner, f)
			}
			b.WriteString(f(c))
		}
		i = end
	}
}

// scanShortcode reads a shortcode that starts at s[start] == '['. A bracket
// is a shortcode when its name is known, or it has arguments, or it closes
// itself, or a closing tag follows: "[sic]" and "[1]" stay text.
func scanShortcode(s string, start int) (shortcodeCall, int, bool) {
	var c shortcodeCall
	i := start + 1
	escaped := i < len(s) && s[i] == '['
	if escaped {
		i++
	}
	n := i
	for n < len(s) && (isNameByte(s[n]) || n > i && s[n] == '-') {
		n++
	}
	if n == i || !('a' <= s[i] && s[i] <= 'z' || 'A' <= s[i] && s[i] <= 'Z') {
		return c, 0, false
	}
	c.name = strings.ToLower(s[i:n])
	if n < len(s) && !(s[n] == ']' || s[n] == ' ' || s[n] == '/' || s[n] == '=' || s[n] == '\t' || s[n] == '\n') {
		return c, 0, false
	}
	close := indexTagEnd(s, n)
	if close < 0 {
		return c, 0, false
	}
	rawAttrs := s[n:close]
	selfClosing := strings.HasSuffix(strings.TrimSpace(rawAttrs), "/")
	rawAttrs = strings.TrimSuffix(strings.TrimSpace(rawAttrs), "/")
	end := close + 1
	closing := "[/" + c.name + "]"
	if !selfClosing {
		if k := indexFold(s[end:], closing); k >= 0 {
			c.inner = s[end : end+k]
			c.closed = true
			end += k + len(closing)
		}
	}
	if escaped {
		if end < len(s) && s[end] == ']' {
			c.escaped = true
			return c, end + 1, true
		}
		return c, 0, false
	}
	hasAttrs := strings.TrimSpace(rawAttrs) != ""
	if !knownShortcodes[c.name] && !hasAttrs && !selfClosing && !c.closed {
		return c, 0, false
	}
	if !knownShortcodes[c.name] && hasAttrs && !strings.Contains(rawAttrs, "=") && !selfClosing && !c.closed {
		// "[see below]": words in brackets, not a shortcode.
		return c, 0, false
	}
	c.attrs, c.pos = parseShortcodeAttrs(html.UnescapeString(rawAttrs))
	return c, end, true
}

func isNameByte(b byte) bool {
	return 'a' <= b && b <= 'z' || 'A' <= b && b <= 'Z' || '0' <= b && b <= '9' || b == '_'
}

// indexTagEnd finds the ] that ends a shortcode's opening tag, skipping
// quoted attribute values.
func indexTagEnd(s string, from int) int {
	var quote byte
	for i := from; i < len(s); i++ {
		switch c := s[i]; {
		case quote != 0:
			if c == quote {
				quote = 0
			}
		case c == '"' || c == '\'':
			quote = c
		case c == ']':
			return i
		case c == '[' || c == '\n' && i-from > 2000:
			return -1
		}
	}
	return -1
}

// indexFold is strings.Index ignoring ASCII case; unlike a search in
// strings.ToLower(s), its index is one of s, whatever s holds.
func indexFold(s, sub string) int {
	if k := strings.Index(s, sub); k >= 0 {
		return k
	}
	lower := func(c byte) byte {
		if 'A' <= c && c <= 'Z' {
			return c + 'a' - 'A'
		}
		return c
	}
outer:
	for i := 0; i+len(sub) <= len(s); i++ {
		for j := 0; j < len(sub); j++ {
			if lower(s[i+j]) != lower(sub[j]) {
				continue outer
			}
		}
		return i
	}
	return -1
}

// autop is WordPress's wpautop, which turns the blank lines of classic
// editor posts into paragraphs and single line breaks into <br>. Block
// editor posts (with <!-- wp: comments) have their paragraphs already.
func autop(s string) string {
	s = strings.ReplaceAll(s, "\r\n", "\n")
	s = strings.ReplaceAll(s, "\r", "\n")
	if strings.TrimSpace(s) == "" {
		return ""
	}
	// <pre> keeps its line breaks.
	var pres []string
	s = preRe.ReplaceAllStringFunc(s, func(m string) string {
		pres = append(pres, m)
		return "\n\n<wp-pre></wp-pre>\n\n"
	})
	s = blockOpenRe.ReplaceAllString(s, "\n\n$0")
	s = blockCloseRe.ReplaceAllString(s, "$0\n\n")
	var b strings.Builder
	for _, para := range blankLineRe.Split(s, -1) {
		t := strings.TrimSpace(para)
		if t == "" {
			continue
		}
		if blockStartRe.MatchString(t) || t == "<wp-pre></wp-pre>" {
			b.WriteString(t)
			b.WriteString("\n")
			continue
		}
		t = lineBreakRe.ReplaceAllString(t, "<br />\n")
		b.WriteString("<p>")
		b.WriteString(t)
		b.WriteString("</p>\n")
	}
	out := b.String()
	for _, p := range pres {
		out = strings.Replace(out, "<wp-pre></wp-pre>", p, 1)
	}
	return out
}

const autopBlocks = `table|thead|tfoot|caption|col|colgroup|tbody|tr|td|th|div|dl|dd|dt|ul|ol|li|pre|form|map|area|blockquote|address|math|style|script|p|h[1-6]|hr|fieldset|legend|section|article|aside|hgroup|header|footer|nav|figure|figcaption|details|menu|summary|iframe|object|video|audio|wp-pre`

var (
	preRe        = regexp.MustCompile(`(?is)<pre[\s>].*?</pre>`)
	blockOpenRe  = regexp.MustCompile(`(?i)<(?:` + autopBlocks + `)[\s/>]`)
	blockCloseRe = regexp.MustCompile(`(?i)</(?:` + autopBlocks + `)>`)
	blockStartRe = regexp.MustCompile(`(?i)^</?(?:` + autopBlocks + `)[\s/>]`)
	blankLineRe  = regexp.MustCompile(`\n\s*\n`)
	lineBreakRe  = regexp.MustCompile(`[ \t]*\n[ \t]*`)
)
