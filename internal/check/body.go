package check

import (
	"bytes"
	"net/url"
	"regexp"
	"sort"
	"strings"

	"github.com/yuin/goldmark/ast"
)

// linkRef is a link to another page or file of the site, resolved once every
// page is known.
type linkRef struct {
	dest      string // as written
	target    string // path part, unescaped
	line, col int
	ref       bool // from a ref or relref shortcode: it must be a page
}

var schemeRe = regexp.MustCompile(`^[A-Za-z][A-Za-z0-9+.\-]*:`)

// checkBody checks p's shortcodes, images and links, and returns the links
// to resolve against the other pages.
func (c *checker) checkBody(p *page) []linkRef {
	var links []linkRef
	bodyStart := p.lines[p.fmEnd-1] + len(p.line(p.fmEnd))
	calls, unclosed := scanShortcodes(p.src, bodyStart)
	if unclosed >= 0 {
		line, col := p.offsetPos(unclosed)
		c.add(p, line, col, Error, "body.shortcode", "this shortcode is never closed with >}} or %%}}")
	}
	for _, call := range calls {
		if ref := c.checkShortcode(p, call); ref != nil {
			links = append(links, *ref)
		}
	}

	_ = ast.Walk(p.doc, func(n ast.Node, entering bool) (ast.WalkStatus, error) {
		if !entering {
			return ast.WalkContinue, nil
		}
		switch n := n.(type) {
		case *ast.Image:
			dest := string(n.Destination)
			line, col := p.inlinePos(n, dest)
			if len(bytes.TrimSpace(altText(n, p.src))) == 0 {
				c.add(p, line, col, Error, "body.image-alt", "image %q has no alt text: write what it shows between the brackets, ![like this](%s)", dest, dest)
			}
			if schemeRe.MatchString(dest) || strings.HasPrefix(dest, "//") {
				c.add(p, line, col, Error, "body.remote-image", "image %q is on another host; put the file in the article's folder", dest)
			} else if l, ok := localLink(dest, line, col); ok {
				links = append(links, l)
			}
			return ast.WalkSkipChildren, nil
		case *ast.Link:
			dest := string(n.Destination)
			line, col := p.inlinePos(n, dest)
			if l, ok := localLink(dest, line, col); ok {
				links = append(links, l)
			}
		}
		return ast.WalkContinue, nil
	})
	return links
}

// localLink returns the link to check for a destination relative to the
// page: not to another host, not to a path from the site's root (which may
// be any output, such as a feed) and not an anchor of the page itself.
func localLink(dest string, line, col int) (linkRef, bool) {
	if dest == "" || strings.HasPrefix(dest, "{{") || schemeRe.MatchString(dest) || strings.HasPrefix(dest, "/") || strings.HasPrefix(dest, "#") {
		return linkRef{}, false
	}
	target := dest
	if i := strings.IndexAny(target, "?#"); i >= 0 {
		target = target[:i]
	}
	if u, err := url.PathUnescape(target); err == nil {
		target = u
	}
	if target == "" {
		return linkRef{}, false
	}
	return linkRef{dest: dest, target: target, line: line, col: col}, true
}

func (c *checker) checkShortcode(p *page, call shortcodeCall) *linkRef {
	line, col := p.offsetPos(call.off)
	def, ok := c.o.shortcodes[call.name]
	if !ok {
		names := make([]string, 0, len(c.o.shortcodes))
		for n := range c.o.shortcodes {
			names = append(names, n)
		}
		sort.Strings(names)
		if s := Suggest(call.name, names); s != "" {
			c.add(p, line, col, Error, "body.shortcode", "unknown shortcode %q; did you mean %q?", call.name, s)
		} else {
			c.add(p, line, col, Error, "body.shortcode", "unknown shortcode %q: there is no template for it in layouts/_shortcodes", call.name)
		}
		return nil
	}
	if call.closing {
		return nil
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
	if def.params != nil {
		have := map[string]bool{}
		for _, a := range call.named {
			have[a.key] = true
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
		for _, r := range def.required {
			if !have[r] {
				c.add(p, line, col, Error, "body.shortcode-arg", "shortcode %q is missing its required %q argument", call.name, r)
			}
		}
	}
	if (call.name == "ref" || call.name == "relref") && len(call.positional) > 0 {
		l, ok := localLink(call.positional[0], line, col)
		if strings.HasPrefix(call.positional[0], "/") {
			target, _, _ := strings.Cut(call.positional[0], "#")
			l, ok = linkRef{dest: call.positional[0], target: target, line: line, col: col}, true
		}
		if ok {
			l.ref = true
			return &l
		}
	}
	return nil
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
func (p *page) inlinePos(n ast.Node, dest string) (line, col int) {
	var block ast.Node
	for b := n.Parent(); b != nil; b = b.Parent() {
		if b.Type() == ast.TypeBlock && b.Lines().Len() > 0 {
			block = b
			break
		}
	}
	if block == nil {
		return p.fmEnd + 1, 1
	}
	lines := block.Lines()
	start, stop := lines.At(0).Start, lines.At(lines.Len()-1).Stop
	if i := bytes.Index(p.src[start:stop], []byte("]("+dest)); i >= 0 {
		// The position of the opening bracket of ![alt](dest) or [text](dest).
		j := bytes.LastIndexByte(p.src[start:start+i], '[')
		if j >= 0 && j > 0 && p.src[start+j-1] == '!' {
			j--
		}
		if j >= 0 {
			return p.offsetPos(start + j)
		}
		return p.offsetPos(start + i + 2)
	}
	return p.offsetPos(start)
}
