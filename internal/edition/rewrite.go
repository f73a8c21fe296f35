package edition

import (
	"bytes"
	"errors"
	"fmt"
	"io"
	"os"
	"regexp"
	"slices"
	"strconv"
	"strings"

	"golang.org/x/net/html"
)

// rewrite returns a page of the edition: the built page, token for token,
// but for the tags that link to or load a file of the site.
//
//   - A link (<a>, <area>, <link rel=alternate> ...) to a page or file of
//     the edition becomes a relative link to that file: news/x/index.html,
//     never news/x/, which a browser reading files cannot open. A link to a
//     page of the site that is not in the edition loses its tag, and its
//     text stays; a <link> to one goes, as does a <link> to a feed. Links
//     to other hosts and rel=canonical, which names the page's address on
//     the web, stay.
//   - A photo (<img>) keeps one file: the smallest of its srcset, the
//     theme's 480-pixel JPEG, which every browser opens; the <source>
//     elements of its <picture> (WebP) and its srcset and sizes go.
//   - A stylesheet loses its integrity attribute: Chromium refuses to
//     check one on a file:// URL and then blocks the stylesheet.
//     SHA256SUMS covers the file instead.
func (p *packer) rewrite(file string) ([]byte, error) {
	b, err := os.ReadFile(p.abs(file))
	if err != nil {
		return nil, err
	}
	from := p.pageURL(file)
	name := p.zipName(file)
	link := func(t target) string {
		r := relURL(name, p.zipName(t.file))
		if t.fragment != "" {
			r += "#" + t.fragment
		}
		return r
	}
	z := html.NewTokenizer(bytes.NewReader(b))
	var out bytes.Buffer
	droppedA := false // the open <a> lost its tag, and its end tag goes too
	picture := 0      // depth of <picture> elements
	for {
		tt := z.Next()
		if tt == html.ErrorToken {
			if errors.Is(z.Err(), io.EOF) {
				return out.Bytes(), nil
			}
			return nil, z.Err()
		}
		raw := slices.Clone(z.Raw())
		switch tt {
		case html.EndTagToken:
			n, _ := z.TagName()
			switch string(n) {
			case "a":
				if droppedA {
					droppedA = false
					continue
				}
			case "picture":
				picture--
			}
			out.Write(raw)
			continue
		case html.StartTagToken, html.SelfClosingTagToken:
		default:
			out.Write(raw)
			continue
		}
		t := z.Token()
		keep, changed := true, false
		set := func(key, val string) {
			for i := range t.Attr {
				if t.Attr[i].Namespace == "" && t.Attr[i].Key == key {
					t.Attr[i].Val = val
					changed = true
				}
			}
		}
		del := func(keys ...string) {
			t.Attr = slices.DeleteFunc(t.Attr, func(a html.Attribute) bool {
				if a.Namespace == "" && slices.Contains(keys, a.Key) {
					changed = true
					return true
				}
				return false
			})
		}
		switch t.Data {
		case "picture":
			if tt == html.StartTagToken {
				picture++
			}
		case "a", "area":
			h, ok := attrOK(t, "href")
			if !ok {
				break
			}
			switch tg, k := p.resolve(from, h); {
			case k == page && p.pages[tg.file]:
				set("href", link(tg))
			case k == asset:
				p.addAsset(tg.file)
				set("href", link(tg))
			case k == page || k == missing:
				keep = false
				p.dropped++
				droppedA = t.Data == "a" && tt == html.StartTagToken
			}
		case "link":
			h, _ := attrOK(t, "href")
			rel := strings.Fields(strings.ToLower(attr(t, "rel")))
			tg, k := p.resolve(from, h)
			switch {
			case slices.Contains(rel, "canonical"):
			case loads(rel):
				if k != asset {
					return nil, fmt.Errorf("<link rel=%q href=%q>: no such file in the site", attr(t, "rel"), h)
				}
				p.addAsset(tg.file)
				set("href", link(tg))
				del("integrity", "crossorigin")
			case k == page && p.pages[tg.file]:
				set("href", link(tg))
			case k != other:
				// A feed (its links lead to the web), a translation
				// not in the edition.
				keep = false
			}
		case "img":
			src := smallest(attr(t, "srcset"))
			if src == "" {
				src = attr(t, "src")
			}
			tg, k := p.resolve(from, src)
			if k != asset {
				return nil, fmt.Errorf("<img src=%q>: no such file in the site", src)
			}
			p.addAsset(tg.file)
			set("src", link(tg))
			del("srcset", "sizes")
		case "source":
			if picture > 0 {
				keep = false // another format of the <img> that follows
				break
			}
			fallthrough
		case "script", "iframe", "embed", "video", "audio", "track", "input":
			for _, key := range []string{"src", "poster"} {
				v, ok := attrOK(t, key)
				if !ok {
					continue
				}
				switch tg, k := p.resolve(from, v); k {
				case asset:
					p.addAsset(tg.file)
					set(key, link(tg))
				case page, missing:
					return nil, fmt.Errorf("<%s %s=%q>: no such file in the site", t.Data, key, v)
				}
			}
		}
		switch {
		case !keep:
		case changed:
			out.Write(render(t))
		default:
			out.Write(raw)
		}
	}
}

// loads says whether a <link> with these rel values makes the browser load
// its href.
func loads(rel []string) bool {
	for _, r := range rel {
		switch r {
		case "stylesheet", "icon", "apple-touch-icon", "preload", "modulepreload", "prefetch", "manifest":
			return true
		}
	}
	return false
}

// smallest returns the URL of the smallest candidate of a srcset: the
// least width (480w), or the least density (1x); "" for an empty srcset.
func smallest(srcset string) string {
	best, bestSize := "", 0.0
	for _, c := range strings.Split(srcset, ",") {
		f := strings.Fields(c)
		if len(f) == 0 {
			continue
		}
		size := 1.0
		if len(f) > 1 {
			d := f[1]
			if v, err := strconv.ParseFloat(d[:len(d)-1], 64); err == nil && (strings.HasSuffix(d, "w") || strings.HasSuffix(d, "x")) {
				size = v
			}
		}
		if best == "" || size < bestSize {
			best, bestSize = f[0], size
		}
	}
	return best
}

// render writes a start tag with its attributes, escaped.
func render(t html.Token) []byte {
	var b bytes.Buffer
	b.WriteByte('<')
	b.WriteString(t.Data)
	for _, a := range t.Attr {
		b.WriteByte(' ')
		if a.Namespace != "" {
			b.WriteString(a.Namespace + ":")
		}
		b.WriteString(a.Key)
		b.WriteString(`="`)
		b.WriteString(html.EscapeString(a.Val))
		b.WriteByte('"')
	}
	b.WriteByte('>')
	return b.Bytes()
}

// cssURL finds url() and @import references in a stylesheet.
var cssURL = regexp.MustCompile(`url\(\s*(?:"([^"]*)"|'([^']*)'|([^'"()\s]*))\s*\)|@import\s+(?:"([^"]*)"|'([^']*)')`)

// rewriteCSS makes the references of a stylesheet to files of the site
// relative, and adds those files to the edition.
func (p *packer) rewriteCSS(file string, b []byte) ([]byte, error) {
	from := p.pageURL(file)
	var err error
	out := cssURL.ReplaceAllFunc(b, func(m []byte) []byte {
		sub := cssURL.FindSubmatch(m)
		var ref []byte
		for _, s := range sub[1:] {
			if s != nil {
				ref = s
				break
			}
		}
		r := string(ref)
		if r == "" || strings.HasPrefix(r, "data:") || strings.HasPrefix(r, "#") {
			return m
		}
		tg, k := p.resolve(from, r)
		switch k {
		case other:
			return m
		case asset:
			p.addAsset(tg.file)
			rel := relURL(p.zipName(file), p.zipName(tg.file))
			return bytes.Replace(m, ref, []byte(rel), 1)
		}
		err = fmt.Errorf("%q: no such file in the site", r)
		return m
	})
	return out, err
}
