package wpimport

import (
	"slices"
	"strings"

	"golang.org/x/net/html"
)

// Helpers for the parsed HTML of a post.

func attr(n *html.Node, key string) string {
	for _, a := range n.Attr {
		if a.Key == key {
			return a.Val
		}
	}
	return ""
}

func setAttr(n *html.Node, key, val string) {
	for i, a := range n.Attr {
		if a.Key == key {
			n.Attr[i].Val = val
			return
		}
	}
	n.Attr = append(n.Attr, html.Attribute{Key: key, Val: val})
}

func hasClass(n *html.Node, class string) bool {
	return slices.Contains(strings.Fields(attr(n, "class")), class)
}

// imgSrc is an image's address, also behind lazy-loading plugins.
func imgSrc(img *html.Node) string {
	for _, k := range []string{"data-orig-file", "data-lazy-src", "data-src", "src"} {
		if v := strings.TrimSpace(attr(img, k)); v != "" && !strings.HasPrefix(v, "data:") {
			return v
		}
	}
	return ""
}

func find(n *html.Node, name string) *html.Node { return findAny(n, name) }

func findAny(n *html.Node, names ...string) *html.Node {
	for ch := n.FirstChild; ch != nil; ch = ch.NextSibling {
		if ch.Type == html.ElementNode && slices.Contains(names, ch.Data) {
			return ch
		}
		if f := findAny(ch, names...); f != nil {
			return f
		}
	}
	return nil
}

func findClass(n *html.Node, class string) *html.Node {
	for ch := n.FirstChild; ch != nil; ch = ch.NextSibling {
		if ch.Type == html.ElementNode && hasClass(ch, class) {
			return ch
		}
		if f := findClass(ch, class); f != nil {
			return f
		}
	}
	return nil
}

func count(n *html.Node, name string) int {
	k := 0
	for ch := n.FirstChild; ch != nil; ch = ch.NextSibling {
		if ch.Type == html.ElementNode && ch.Data == name {
			k++
		}
		k += count(ch, name)
	}
	return k
}

// ancestorWithin returns the outermost ancestor of n below top, or n.
func ancestorWithin(n, top *html.Node) *html.Node {
	a := n
	for a.Parent != nil && a.Parent != top {
		a = a.Parent
	}
	if a.Parent != top {
		return nil
	}
	return a
}

func textOf(n *html.Node) string {
	var b strings.Builder
	var walk func(*html.Node)
	walk = func(x *html.Node) {
		if x.Type == html.TextNode {
			b.WriteString(x.Data)
		}
		if x.Type == html.ElementNode && (x.Data == "br" || x.Data == "p") {
			b.WriteByte(' ')
		}
		for ch := x.FirstChild; ch != nil; ch = ch.NextSibling {
			walk(ch)
		}
	}
	walk(n)
	return b.String()
}

// isEmpty says whether n holds no text but space and no block or image.
func isEmpty(n *html.Node) bool {
	switch n.Type {
	case html.TextNode:
		return strings.TrimSpace(strings.ReplaceAll(n.Data, "\u00a0", " ")) == ""
	case html.CommentNode:
		return true
	case html.ElementNode:
		switch n.Data {
		case "br":
			return true
		case "img", "iframe", "video", "audio", "hr", "table", blockTag:
			return false
		}
		for ch := n.FirstChild; ch != nil; ch = ch.NextSibling {
			if !isEmpty(ch) {
				return false
			}
		}
		return true
	}
	return true
}

func remove(n *html.Node) {
	if n.Parent != nil {
		n.Parent.RemoveChild(n)
	}
}

func detach(n *html.Node) *html.Node {
	remove(n)
	return n
}

// unwrap replaces n by its children.
func unwrap(n *html.Node) {
	if n.Parent == nil {
		return
	}
	for ch := n.FirstChild; ch != nil; {
		next := ch.NextSibling
		n.RemoveChild(ch)
		n.Parent.InsertBefore(ch, n)
		ch = next
	}
	remove(n)
}

func cloneNode(n *html.Node) *html.Node {
	c := &html.Node{Type: n.Type, Data: n.Data, DataAtom: n.DataAtom, Namespace: n.Namespace,
		Attr: slices.Clone(n.Attr)}
	for ch := n.FirstChild; ch != nil; ch = ch.NextSibling {
		c.AppendChild(cloneNode(ch))
	}
	return c
}
