package audit

import (
	"bytes"
	"encoding/json"
	"errors"
	"strings"
	"unicode/utf8"

	"golang.org/x/net/html"
)

// htmlScan audits one page with x/net/html's tokenizer, which reads tags as
// browsers do (entities, case, odd quoting) without building a tree.
type htmlScan struct {
	a     *auditor
	s     *fileScan
	ids   map[string]int // id -> offset of its first element
	attrs []attr         // the current tag's; valid until the tokenizer moves on
	lower []byte         // room for a lower-cased tag name
}

type attr struct{ key, val []byte }

func (a *auditor) html(s *fileScan) {
	h := &htmlScan{a: a, s: s, ids: map[string]int{}}
	h.scan(s.data, 0)
}

// rawTags are the elements whose content the tokenizer reads as text.
var rawTags = map[string]string{
	"script": "script", "style": "style", "noscript": "noscript", "title": "title", "textarea": "textarea",
	"xmp": "xmp", "iframe": "iframe", "noembed": "noembed", "noframes": "noframes", "plaintext": "plaintext",
}

// scan audits HTML that starts at offset base of the file.
func (h *htmlScan) scan(data []byte, base int) {
	z := html.NewTokenizer(bytes.NewReader(data))
	off := 0
	foreign := 0 // depth of <svg> and <math>
	raw := ""    // the raw-text element whose text may come next
	jsonLD := -1 // the offset of a JSON-LD <script> whose body comes next
	for {
		tt := z.Next()
		start := base + off
		off += len(z.Raw())
		switch tt {
		case html.ErrorToken:
			// io.EOF, or a tokenizer error: it reads any input to its end.
			return
		case html.StartTagToken, html.SelfClosingTagToken:
			tag := rawTagName(z.Raw(), h.lower[:0])
			h.attrs = h.attrs[:0]
			for more := true; more; {
				var k, v []byte
				k, v, more = z.TagAttr()
				if k == nil {
					break
				}
				h.attrs = append(h.attrs, attr{k, v})
			}
			raw, jsonLD = "", -1
			if r, ok := rawTags[string(tag)]; ok {
				raw = r
			}
			if h.tag(tag, start) {
				jsonLD = start
			}
			if (string(tag) == "svg" || string(tag) == "math") && tt == html.StartTagToken {
				foreign++
			}
		case html.EndTagToken:
			switch string(rawTagName(z.Raw()[1:], h.lower[:0])) {
			case "svg", "math":
				foreign = max(foreign-1, 0)
			case "script":
				if jsonLD >= 0 {
					h.s.add(jsonLD, idJSONLD, "the JSON-LD block is empty: it must be valid JSON")
				}
			}
			raw, jsonLD = "", -1
		case html.TextToken:
			text := z.Raw()
			switch {
			case jsonLD >= 0:
				h.jsonLD(text, start)
			case raw == "noscript" || (raw != "" && foreign > 0):
				// A browser without script reads <noscript> as markup,
				// and so does one in SVG or MathML read what the
				// tokenizer takes for raw text: audit it as such.
				h.scan(bytes.Clone(text), start)
			}
			raw, jsonLD = "", -1
		default:
			raw, jsonLD = "", -1
		}
	}
}

// rawTagName returns the lower-cased name of the tag in raw, "<name ...>",
// without the copy that the tokenizer's TagName makes of every name. The
// name is in raw, or in buf when it had to be lower-cased.
func rawTagName(raw, buf []byte) []byte {
	if len(raw) < 2 {
		return nil
	}
	i := 1
	for i < len(raw) && !isSpace(raw[i]) && raw[i] != '/' && raw[i] != '>' {
		i++
	}
	name := raw[1:i]
	for _, c := range name {
		if 'A' <= c && c <= 'Z' || c == 0 {
			return bytes.ReplaceAll(append(buf, bytes.ToLower(name)...), []byte{0}, []byte("\uFFFD"))
		}
	}
	return name
}

// loadAttrs are the attributes whose URL a browser loads with the page, by
// element. <link> is apart: it loads by its rel.
var loadAttrs = map[string]map[string]bool{
	"img":     {"src": true, "srcset": true, "lowsrc": true, "dynsrc": true},
	"source":  {"src": true, "srcset": true},
	"video":   {"src": true, "poster": true},
	"audio":   {"src": true},
	"track":   {"src": true},
	"embed":   {"src": true},
	"iframe":  {"src": true},
	"frame":   {"src": true},
	"object":  {"data": true, "codebase": true},
	"input":   {"src": true, "formaction": true},
	"button":  {"formaction": true},
	"form":    {"action": true},
	"base":    {"href": true},
	"script":  {"src": true, "href": true, "xlink:href": true},
	"body":    {"background": true},
	"table":   {"background": true},
	"td":      {"background": true},
	"th":      {"background": true},
	"image":   {"src": true, "href": true, "xlink:href": true},
	"use":     {"href": true, "xlink:href": true},
	"feimage": {"href": true, "xlink:href": true},
	"html":    {"manifest": true},
	"a":       {"ping": true},
	"area":    {"ping": true},
}

// urlAttrs are the attributes that hold URLs.
var urlAttrs = map[string]bool{
	"href": true, "src": true, "srcset": true, "imagesrcset": true, "action": true, "formaction": true,
	"poster": true, "data": true, "cite": true, "background": true, "longdesc": true, "lowsrc": true,
	"dynsrc": true, "manifest": true, "ping": true, "xlink:href": true, "codebase": true, "archive": true,
	"classid": true, "icon": true, "profile": true, "usemap": true, "itemid": true,
}

// linkRelsThatDoNotLoad are the <link rel> values a browser does not fetch
// with the page; every other rel (stylesheet, icon, preload,
// modulepreload, prefetch, preconnect, dns-prefetch, manifest ...) does,
// or may.
var linkRelsThatDoNotLoad = map[string]bool{
	"alternate": true, "canonical": true, "author": true, "bookmark": true, "external": true, "help": true,
	"license": true, "next": true, "prev": true, "previous": true, "tag": true, "me": true, "nofollow": true,
	"noopener": true, "noreferrer": true, "opener": true, "shortlink": true, "privacy-policy": true,
	"terms-of-service": true, "index": true, "up": true, "first": true, "last": true, "webmention": true,
	"pingback": true, "edit": true, "archives": true, "home": true,
}

// tag audits a start tag and its attributes in h.attrs. It returns whether
// it opens a JSON-LD block, whose body is audited next. Names stay bytes
// until a finding needs them.
func (h *htmlScan) tag(nameb []byte, start int) (jsonLD bool) {
	s := h.s
	loads := loadAttrs[string(nameb)]
	var typ, src, httpEquiv, content, rel []byte
	hasSrc := false
	name := func() string { return string(nameb) }
	for _, at := range h.attrs {
		k := at.key
		switch {
		case len(k) > 2 && k[0] == 'o' && k[1] == 'n':
			s.add(start, idEventAttr, "<%s %s=...>: an event handler is inline script, which the Content-Security-Policy blocks", name(), k)
		case string(k) == "style":
			s.add(start, idStyleAttr, "<%s style=%q>: inline style, which the Content-Security-Policy blocks; use a class "+
				"of the theme's stylesheet", name(), short(string(at.val)))
		case string(k) == "id":
			if len(at.val) > 0 {
				if first, ok := h.ids[string(at.val)]; ok {
					line, col := s.pos(first)
					s.add(start, idDuplicateID, "<%s id=%q>: the id is already used at %d:%d; ids must be unique in a page, "+
						"or links to #%s and the skip link go to the wrong place", name(), at.val, line, col, at.val)
				} else {
					h.ids[string(at.val)] = start
				}
			}
		case string(k) == "srcdoc":
			s.add(start, idScript, "<%s srcdoc>: a page written inside the page, with its own markup and script", name())
		case string(k) == "to" || string(k) == "from" || string(k) == "values":
			for _, v := range strings.Split(string(at.val), ";") {
				if what, bad := scriptURL(v); bad {
					s.add(start, idJSURL, "<%s %s=%q>: %s, which runs script when clicked", name(), k, short(v), what)
				}
			}
		case string(k) == "type":
			typ = at.val
		case string(k) == "http-equiv":
			httpEquiv = at.val
		case string(k) == "content":
			content = at.val
		case string(k) == "rel":
			rel = at.val
		}
		if !urlAttrs[string(k)] {
			continue
		}
		if string(k) == "src" {
			hasSrc, src = true, at.val
		}
		for _, u := range attrURLs(k, at.val) {
			h.checkURL(nameb, k, u, start, loads[string(k)])
		}
	}
	switch string(nameb) {
	case "link":
		if linkLoads(rel) {
			// rel may come after href: look now that it is known.
			for _, at := range h.attrs {
				if string(at.key) == "href" || string(at.key) == "imagesrcset" {
					for _, u := range attrURLs(at.key, at.val) {
						h.checkLoad(nameb, at.key, u, start)
					}
				}
			}
		}
	case "meta":
		if strings.EqualFold(strings.TrimSpace(string(httpEquiv)), "refresh") {
			if u := refreshURL(string(content)); u != "" {
				h.checkURL(nameb, []byte("http-equiv=refresh content"), u, start, true)
			}
		} else if bytes.Contains(content, []byte("//")) {
			h.checkURL(nameb, []byte("content"), string(content), start, false)
		}
	case "style":
		s.add(start, idStyleElement, "a <style> element: inline style, which the Content-Security-Policy blocks; "+
			"the theme's stylesheet must hold every rule (code highlighting with classes, not noClasses)")
	case "script":
		t := strings.ToLower(strings.TrimSpace(string(typ)))
		if t == "application/ld+json" && !hasSrc {
			return true
		}
		switch {
		case bytes.Contains(bytes.ToLower(src), []byte("livereload.js")):
			s.add(start, idPreview, "<script src=%q>: the live-reload script of a local preview", short(string(src)))
			s.add(start, idScript, "<script src=%q>: pages run no script", short(string(src)))
		case hasSrc && h.a.scriptAllowed(string(src)):
		case hasSrc:
			s.add(start, idScript, "<script src=%q>: pages run no script (only JSON-LD is allowed)", short(string(src)))
		default:
			s.add(start, idScript, "an inline <script>: pages run no script, and the Content-Security-Policy "+
				"blocks inline script (only type=\"application/ld+json\" is allowed)")
		}
	}
	return false
}

// attrURLs returns the URLs in an attribute's value.
func attrURLs(key, v []byte) []string {
	switch string(key) {
	case "srcset", "imagesrcset":
		return srcsetURLs(string(v))
	case "ping", "archive":
		return strings.Fields(string(v))
	}
	return []string{string(v)}
}

// linkLoads says whether a <link> with this rel loads its href.
func linkLoads(rel []byte) bool {
	for _, r := range strings.Fields(strings.ToLower(string(rel))) {
		if !linkRelsThatDoNotLoad[r] {
			return true
		}
	}
	return false
}

// checkURL audits one URL of an attribute: script URLs anywhere, the
// preview's hosts anywhere, and other hosts where the browser loads it
// (for <link>, the caller checks loads once rel is known).
func (h *htmlScan) checkURL(name, key []byte, u string, start int, load bool) {
	if what, bad := scriptURL(u); bad {
		h.s.add(start, idJSURL, "<%s %s=%q>: %s, which runs script", name, key, short(u), what)
		return
	}
	host, ok := urlHost(u)
	if ok && isLocalHost(host) {
		h.s.add(start, idPreview, "<%s %s=%q>: a URL of this machine, from a local preview", name, key, short(u))
		return
	}
	if load {
		h.checkLoad(name, key, u, start)
	}
}

// checkLoad reports a URL the browser loads from another host.
func (h *htmlScan) checkLoad(name, key []byte, u string, start int) {
	host, ok := urlHost(u)
	if !ok || h.a.hosts[host] || isLocalHost(host) {
		return
	}
	verb := "loads from"
	if string(key) == "action" || string(key) == "formaction" {
		verb = "sends the form to"
	}
	h.s.add(start, idThirdParty, "<%s %s=%q> %s another host, %s: every reader's browser would contact it",
		name, key, short(u), verb, host)
}

// scriptAllowed says whether <script src> points into a folder of
// Options.Scripts on the site's own host.
func (a *auditor) scriptAllowed(src string) bool {
	u := cleanURL(src)
	if host, ok := urlHost(u); ok {
		if !a.hosts[host] {
			return false
		}
		u = strings.TrimLeft(u[strings.Index(u, "//")+2:], "/")
		if i := strings.IndexByte(u, '/'); i >= 0 {
			u = u[i:]
		}
	}
	if !strings.HasPrefix(u, "/") || strings.Contains(u, "..") {
		return false
	}
	for _, d := range a.scripts {
		if strings.HasPrefix(u[1:], d) {
			return true
		}
	}
	return false
}

// jsonLD audits the body of a JSON-LD block at offset start.
func (h *htmlScan) jsonLD(body []byte, start int) {
	for i := 0; ; {
		j := bytes.IndexByte(body[i:], '<')
		if j < 0 {
			break
		}
		i += j + 1
		rest := body[i:]
		for _, trick := range []string{"/script", "script", "!--"} {
			if len(rest) >= len(trick) && strings.EqualFold(string(rest[:len(trick)]), trick) {
				h.s.add(start+i-1, idJSONLD, "the JSON-LD holds %q, which can end the script element early or hide "+
					"markup from the audit: escape < as \\u003c", "<"+trick)
				break
			}
		}
	}
	if !json.Valid(body) {
		var v any
		err := json.Unmarshal(body, &v)
		var se *json.SyntaxError
		at := start
		if errors.As(err, &se) {
			at = start + int(se.Offset)
		}
		h.s.add(at, idJSONLD, "the JSON-LD is not valid JSON (%v): search engines ignore it", err)
	}
	h.a.preview(h.s, body, start)
}

// short cuts a long value for a message.
func short(s string) string {
	if len(s) <= 80 {
		return s
	}
	i := 77
	for i > 0 && !utf8.RuneStart(s[i]) {
		i--
	}
	return s[:i] + "..."
}
