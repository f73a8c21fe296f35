package check

import (
	"bytes"
	"net/url"
	"os"
	"path"
	"path/filepath"
	"regexp"
	"slices"
	"sort"
	"strings"

	"github.com/dispatch-news/dispatch/internal/site"

	"github.com/yuin/goldmark"
	"github.com/yuin/goldmark/ast"
	"github.com/yuin/goldmark/text"
)

// linkRef is a link to another page or file of the site, resolved once every
// page is known.
type linkRef struct {
	dest      string // as written
	target    string // path part, unescaped
	line, col int
	ref       bool // from a ref or relref shortcode: it must be a page
	absolute  bool // a path from the site's root (or a URL of the site)
}

var schemeRe = regexp.MustCompile(`^[A-Za-z][A-Za-z0-9+.\-]*:`)

// bodyReader reads the body as Markdown, for its links and images.
var bodyReader = goldmark.New()

// checkBody checks p's shortcodes, images and links, and returns the links
// to resolve against the other pages.
func (c *checker) checkBody(p *page) []linkRef {
	var links []linkRef
	for _, call := range c.extractShortcodes(p) {
		if ref := c.checkShortcode(p, call); ref != nil {
			links = append(links, *ref)
		}
	}
	c.checkAttributes(p)
	body := p.src[p.bodyOff:]
	c.checkPlaceholders(p, body)
	// A body without a bracket has no link or image to check.
	if bytes.IndexByte(body, '[') < 0 {
		return links
	}
	doc := bodyReader.Parser().Parse(text.NewReader(body))
	_ = ast.Walk(doc, func(n ast.Node, entering bool) (ast.WalkStatus, error) {
		if !entering {
			return ast.WalkContinue, nil
		}
		switch n := n.(type) {
		case *ast.Image:
			dest := string(n.Destination)
			line, col := p.inlinePos(n, body, dest)
			if len(bytes.TrimSpace(altText(n, body))) == 0 {
				c.add(p, line, col, Error, "body.image-alt", "image %q has no alt text: write what it shows between the brackets, ![like this](%s)", dest, dest)
			}
			if l, ok := c.localLink(dest, line, col); ok {
				links = append(links, l)
			} else if isRemote(dest) {
				c.failRender(p, line, col, "body.remote-image", "image %q is on another host; put the file in the article's folder", dest)
			}
			return ast.WalkSkipChildren, nil
		case *ast.Link:
			dest := string(n.Destination)
			line, col := p.inlinePos(n, body, dest)
			if l, ok := c.localLink(dest, line, col); ok {
				links = append(links, l)
			}
		}
		return ast.WalkContinue, nil
	})
	return links
}

// placeholderRe matches a line of the archetype's body that was not
// replaced: a paragraph or heading that starts with TODO.
var placeholderRe = regexp.MustCompile(`(?m)^[ \t]{0,3}(?:#{1,6}[ \t]+)?TODO\b`)

// checkPlaceholders reports the body's TODO lines.
func (c *checker) checkPlaceholders(p *page, body []byte) {
	if !bytes.Contains(body, []byte("TODO")) {
		return
	}
	for _, m := range placeholderRe.FindAllIndex(body, -1) {
		line, col := p.offsetPos(p.bodyOff + m[0])
		c.add(p, line, col, Error, "body.placeholder", "this line still holds the archetype's TODO placeholder: write it, or remove it")
	}
}

// isRemote says whether a destination names another host.
func isRemote(dest string) bool {
	return schemeRe.MatchString(dest) || strings.HasPrefix(dest, "//")
}

// localLink returns the link to check for a destination: relative to the
// page, from the site's root, or a URL on one of the site's own hosts.
// Anchors of the page itself, mailto: and other hosts are not checked.
func (c *checker) localLink(dest string, line, col int) (linkRef, bool) {
	dest = strings.TrimSpace(dest)
	if dest == "" || strings.HasPrefix(dest, "{{") || strings.HasPrefix(dest, "#") {
		return linkRef{}, false
	}
	l := linkRef{dest: dest, line: line, col: col}
	target := dest
	if isRemote(dest) {
		u, err := url.Parse(dest)
		if err != nil || !c.r.ownHost(u.Host) || u.Scheme != "" && u.Scheme != "http" && u.Scheme != "https" {
			return linkRef{}, false
		}
		target = u.EscapedPath()
		if target == "" {
			target = "/"
		}
	}
	if i := strings.IndexAny(target, "?#"); i >= 0 {
		target = target[:i]
	}
	if u, err := url.PathUnescape(target); err == nil {
		target = u
	}
	if target == "" {
		return linkRef{}, false
	}
	l.target, l.absolute = target, strings.HasPrefix(target, "/")
	return l, true
}

func (c *checker) checkShortcode(p *page, call shortcodeCall) *linkRef {
	line, col := p.offsetPos(call.off)
	def, ok := c.r.shortcodes[call.name]
	if !ok {
		return nil // inline, or reported when it was read
	}
	if def.thirdParty {
		c.add(p, line, col, Error, "body.third-party",
			"shortcode %q loads content from another host, which tells that host who reads the page; link to it instead", call.name)
		return nil
	}
	if len(call.positional) < def.positional {
		c.add(p, line, col, Error, "body.shortcode-arg", "shortcode %q needs a path or name as its first argument", call.name)
		return nil
	}
	if def.needsText && !call.text {
		c.failRender(p, line, col, "body.shortcode-arg", "shortcode %q needs text between its tags: {{< %s >}}text{{< /%s >}}", call.name, call.name, call.name)
	}
	for _, a := range call.named {
		if slices.Contains(def.dates, a.key) && strings.TrimSpace(a.value) != "" {
			al, ac := p.offsetPos(a.off)
			if _, err := hugoTime(a.value, c.r.site.Location(c.lang)); err != nil {
				c.failRender(p, al, ac, "body.shortcode-arg", "shortcode %q: Hugo cannot read %s=%q as a date: write it as 2024-10-22T10:30:00+09:00", call.name, a.key, a.value)
			} else {
				c.checkDate(p, call.name+"."+a.key, a.value, at(al, ac))
			}
		}
		if a.key != "src" || strings.TrimSpace(a.value) == "" {
			continue
		}
		al, ac := p.offsetPos(a.off)
		switch {
		case isRemote(a.value):
			c.failRender(p, al, ac, "body.remote-src", "shortcode %q would load %q from another host; put the file in the article's folder", call.name, a.value)
		case def.params != nil && !c.pageResource(p, a.value) && !(def.assets && c.assetFile(a.value)):
			c.failRender(p, al, ac, "body.shortcode-arg", "shortcode %q: %q is not a file of the article's folder (its page bundle)", call.name, a.value)
		}
	}
	if call.name == "param" && len(call.positional) > 0 && !c.hasParam(p, call.positional[0]) {
		c.failRender(p, line, col, "body.shortcode-arg", "shortcode %q: the page and the site have no parameter %q (or it is empty)", call.name, call.positional[0])
	}
	if call.name == "readin" && !slices.ContainsFunc(call.named, func(a shortcodeArg) bool { return a.key == "url" && a.value != "" }) {
		for _, a := range call.named {
			if a.key == "lang" && a.value != "" {
				c.readins = append(c.readins, readinRef{lang: a.value, line: line, col: col})
			}
		}
	}
	if def.params != nil {
		have := map[string]bool{}
		for _, a := range call.named {
			// An empty value is none, for the template's "if not".
			have[a.key] = strings.TrimSpace(a.value) != ""
			if !def.params[a.key] {
				al, ac := p.offsetPos(a.off)
				known := make([]string, 0, len(def.params))
				for k := range def.params {
					known = append(known, k)
				}
				sort.Strings(known)
				if s := Suggest(a.key, known); s != "" {
					c.add(p, al, ac, Error, "body.shortcode-arg", "shortcode %q has no argument %q; did you mean %q?", call.name, a.key, s)
				} else {
					c.add(p, al, ac, Error, "body.shortcode-arg", "shortcode %q has no argument %q; it takes %s", call.name, a.key, strings.Join(known, ", "))
				}
			}
		}
		for arg, with := range def.requiredWith {
			if have[with] && !have[arg] {
				c.failRender(p, line, col, "body.shortcode-arg", "shortcode %q needs its %q argument when %q is given", call.name, arg, with)
			}
		}
		for _, r := range def.required {
			if !have[r] {
				c.failRender(p, line, col, "body.shortcode-arg", "shortcode %q is missing its required %q argument", call.name, r)
			}
		}
	}
	if (call.name == "ref" || call.name == "relref") && len(call.positional) > 0 {
		target, _, _ := strings.Cut(call.positional[0], "#")
		if target == "" {
			return nil
		}
		return &linkRef{dest: call.positional[0], target: target, line: line, col: col, ref: true,
			absolute: strings.HasPrefix(target, "/")}
	}
	return nil
}

// readinRef is a link to a translation that must exist.
type readinRef struct {
	lang      string
	line, col int
}

// pageResource says whether a page has a file of this name in its bundle,
// as Hugo's .Resources.Get finds it: a leaf bundle (index.md) has the
// files below its folder, a branch bundle (_index.md) those beside it, and
// a page that is not a bundle has none.
func (c *checker) pageResource(p *page, name string) bool {
	name = strings.TrimPrefix(path.Clean("/"+name), "/")
	dir, base := filepath.Split(p.path)
	stem := strings.SplitN(base, ".", 2)[0]
	switch {
	case stem == "index":
	case stem == "_index" && !strings.Contains(name, "/"):
	default:
		return false
	}
	fi, err := os.Lstat(filepath.Join(c.r.root, dir, filepath.FromSlash(name)))
	return err == nil && fi.Mode().IsRegular() && !c.r.site.Configs.Base.ContentTypes.Config.IsContentFile(name)
}

// assetFile says whether assets/ has a file of this name.
func (c *checker) assetFile(name string) bool {
	for _, d := range c.r.site.ImageDirs {
		if filepath.Base(d) == "assets" {
			if fi, err := os.Lstat(filepath.Join(d, filepath.FromSlash(path.Clean("/"+name)))); err == nil && fi.Mode().IsRegular() {
				return true
			}
		}
	}
	return false
}

// hasParam says whether a page's front matter or the site's params have
// a value for key (dotted for nested keys) that Hugo's param shortcode
// prints: not empty, false or zero.
func (c *checker) hasParam(p *page, key string) bool {
	keys := strings.Split(strings.ToLower(key), ".")
	page := &site.Site{Params: p.params}
	for _, v := range []any{page.Param(keys...), c.r.site.Param(keys...)} {
		switch x := v.(type) {
		case nil:
		case string:
			if x != "" {
				return true
			}
		case bool:
			if x {
				return true
			}
		case []any:
			if len(x) > 0 {
				return true
			}
		default:
			if f, ok := number(x); !ok || f != 0 {
				return true
			}
		}
	}
	return false
}

// attributeRe finds Markdown attribute blocks, {#id .class key=value}, on
// their own line or after a heading.
var attributeRe = regexp.MustCompile(`\{[^{}\n]*\b(style|on[a-z]+)\s*=[^{}\n]*\}`)

// checkAttributes reports Markdown attributes that would put an inline
// style or a script handler on the page.
func (c *checker) checkAttributes(p *page) {
	body := p.src[p.bodyOff:]
	for _, m := range attributeRe.FindAllSubmatchIndex(body, -1) {
		line, col := p.offsetPos(p.bodyOff + m[0])
		c.add(p, line, col, Error, "body.attribute",
			"a Markdown attribute %q would put an inline %s on the page, which the site's security policy forbids: remove it",
			string(body[m[2]:m[3]]), map[bool]string{true: "style", false: "script"}[string(body[m[2]:m[3]]) == "style"])
	}
}

// altText returns the text inside an image's brackets.
func altText(n ast.Node, src []byte) []byte {
	var b bytes.Buffer
	for c := n.FirstChild(); c != nil; c = c.NextSibling() {
		if t, ok := c.(*ast.Text); ok {
			b.Write(t.Segment.Value(src))
		} else {
			b.Write(altText(c, src))
		}
	}
	return b.Bytes()
}

// inlinePos finds an inline node in the file: goldmark keeps positions for
// blocks only, so it is looked for by its destination inside its block.
func (p *page) inlinePos(n ast.Node, body []byte, dest string) (line, col int) {
	var block ast.Node
	for b := n.Parent(); b != nil; b = b.Parent() {
		if b.Type() == ast.TypeBlock && b.Lines().Len() > 0 {
			block = b
			break
		}
	}
	if block == nil {
		return p.offsetPos(p.bodyOff)
	}
	lines := block.Lines()
	start, stop := lines.At(0).Start, lines.At(lines.Len()-1).Stop
	if i := bytes.Index(body[start:stop], []byte("]("+dest)); i >= 0 {
		// The position of the opening bracket of ![alt](dest) or [text](dest).
		j := bytes.LastIndexByte(body[start:start+i], '[')
		if j > 0 && body[start+j-1] == '!' {
			j--
		}
		if j >= 0 {
			return p.offsetPos(p.bodyOff + start + j)
		}
		return p.offsetPos(p.bodyOff + start + i + 2)
	}
	return p.offsetPos(p.bodyOff + start)
}
