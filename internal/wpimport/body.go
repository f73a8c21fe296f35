package wpimport

import (
	"fmt"
	"net/url"
	"path"
	"regexp"
	"strconv"
	"strings"
	"unicode/utf8"

	"github.com/JohannesKaufmann/html-to-markdown/v2/converter"
	"github.com/JohannesKaufmann/html-to-markdown/v2/plugin/base"
	"github.com/JohannesKaufmann/html-to-markdown/v2/plugin/commonmark"
	"github.com/JohannesKaufmann/html-to-markdown/v2/plugin/strikethrough"
	"github.com/JohannesKaufmann/html-to-markdown/v2/plugin/table"
	"golang.org/x/net/html"
	"golang.org/x/net/html/atom"
)

// blockTag is the element that stands for a block the converter cannot
// write (a photo or a pullquote shortcode, a link for an embed): it renders
// as a marker, replaced by the block's Markdown after the conversion.
const blockTag = "dispatch-block"

// Markers use private-use characters, which no text of the export keeps.
const markOpen, markClose = "\uE000", "\uE001"

func newMarkdownConverter() *converter.Converter {
	conv := converter.NewConverter(converter.WithPlugins(
		base.NewBasePlugin(),
		commonmark.NewCommonmarkPlugin(commonmark.WithHeadingStyle("atx")),
		table.NewTablePlugin(),
		strikethrough.NewStrikethroughPlugin(),
	))
	conv.Register.RendererFor(blockTag, converter.TagTypeBlock,
		func(ctx converter.Context, w converter.Writer, n *html.Node) converter.RenderStatus {
			w.WriteString("\n\n" + markOpen + attr(n, "data-i") + markClose + "\n\n")
			return converter.RenderSuccess
		}, converter.PriorityEarly)
	return conv
}

// photo is one photo shortcode.
type photo struct {
	src, alt, caption, credit string
	altGuessed                bool
}

func (p photo) shortcode() string {
	var b strings.Builder
	b.WriteString(`{{< photo src=` + scArg(p.src) + ` alt=` + scArg(p.alt))
	if p.caption != "" {
		b.WriteString(` caption=` + scArg(p.caption))
	}
	if p.credit != "" {
		b.WriteString(` credit=` + scArg(p.credit))
	}
	b.WriteString(` >}}`)
	return b.String()
}

// scArg quotes a shortcode argument: one line, quotes escaped, and no {{ or
// }} that could end the shortcode early.
func scArg(s string) string {
	s = strings.Join(strings.Fields(s), " ")
	s = strings.ReplaceAll(s, `\`, `\\`)
	s = strings.ReplaceAll(s, `"`, `\"`)
	s = strings.ReplaceAll(s, "{{", "{ {")
	s = strings.ReplaceAll(s, "}}", "} }")
	return `"` + s + `"`
}

// body converts one post's content to Markdown.
type body struct {
	imp    *importer
	p      *post
	files  *bundleFiles
	hero   string // the bundle file of the featured image
	blocks []string
	// lastBlock remembers, for each top-level node, the last block placed
	// after it, so that several keep their order.
	lastBlock map[*html.Node]*html.Node
	root      *html.Node
	text      strings.Builder // plain text, for a description
}

var bodyContext = &html.Node{Type: html.ElementNode, Data: "body", DataAtom: atom.Body}

// convert returns the Markdown of content and its plain text.
func (c *body) convert(content string) (string, string, error) {
	gutenberg := strings.Contains(content, "<!-- wp:")
	s := expandShortcodes(content, c.shortcode)
	if !gutenberg {
		s = autop(s)
	}
	nodes, err := html.ParseFragment(strings.NewReader(s), bodyContext)
	if err != nil {
		return "", "", err
	}
	c.root = &html.Node{Type: html.ElementNode, Data: "body", DataAtom: atom.Body}
	for _, n := range nodes {
		c.root.AppendChild(n)
	}
	c.lastBlock = map[*html.Node]*html.Node{}
	c.transform()
	c.collectText(c.root)
	md, err := c.imp.conv.ConvertNode(c.root)
	if err != nil {
		return "", "", err
	}
	out := escapeHugo(string(md))
	for i, b := range c.blocks {
		out = strings.Replace(out, markOpen+strconv.Itoa(i)+markClose, b, 1)
	}
	out = strings.ReplaceAll(out, markOpen, "")
	out = strings.ReplaceAll(out, markClose, "")
	out = strings.TrimSpace(multiBlankRe.ReplaceAllString(out, "\n\n"))
	return out, strings.Join(strings.Fields(c.text.String()), " "), nil
}

var (
	multiBlankRe = regexp.MustCompile(`\n{3,}`)
	hostRe       = regexp.MustCompile(`^[A-Za-z0-9.-]+(:[0-9]+)?$`)
)

// shortcode expands one WordPress shortcode into HTML.
func (c *body) shortcode(sc shortcodeCall) string {
	switch sc.name {
	case "caption", "wp_caption":
		id := strings.TrimPrefix(sc.attrs["id"], "attachment_")
		inner := sc.inner
		if capt := sc.attrs["caption"]; capt != "" {
			inner += "<figcaption>" + capt + "</figcaption>"
		}
		return `<figure class="wp-caption" data-attachment="` + html.EscapeString(id) + `">` + inner + `</figure>`
	case "gallery":
		var ids []string
		for _, key := range []string{"ids", "include"} {
			if v := sc.attrs[key]; v != "" {
				ids = strings.Split(v, ",")
				break
			}
		}
		if len(ids) == 0 {
			for _, a := range c.imp.x.galleryOf(c.p.id) {
				ids = append(ids, strconv.FormatInt(a, 10))
			}
		}
		return `<div class="wp-shortcode-gallery" data-ids="` + html.EscapeString(strings.Join(ids, ",")) + `"></div>`
	case "embed", "youtube", "vimeo", "soundcloud", "tweet", "instagram", "dailymotion", "slideshare", "ted", "wpvideo", "googlemaps":
		u := strings.TrimSpace(sc.inner)
		if u == "" {
			u = sc.attrs["url"]
		}
		if u == "" && sc.attrs["src"] != "" {
			u = sc.attrs["src"]
		}
		if u == "" && len(sc.pos) > 0 {
			u = sc.pos[0]
		}
		return embedHTML(u)
	case "video", "audio":
		for _, k := range []string{"src", "mp4", "m4v", "webm", "ogv", "mp3", "ogg", "m4a", "wav", "flv", "wmv"} {
			if u := sc.attrs[k]; u != "" {
				return embedHTML(u)
			}
		}
		return sc.inner
	case "code", "sourcecode":
		return "<pre><code>" + html.EscapeString(sc.inner) + "</code></pre>"
	}
	if sc.closed {
		return sc.inner // an unknown enclosing shortcode keeps its text
	}
	return ""
}

func embedHTML(u string) string {
	u = strings.TrimSpace(html.UnescapeString(u))
	if u == "" {
		return ""
	}
	return `<iframe src="` + html.EscapeString(u) + `"></iframe>`
}

// transform rewrites the parsed body: photos, galleries, embeds and
// pullquotes become blocks; links to the old site point to the new pages;
// scripts, forms and empty paragraphs go.
func (c *body) transform() {
	var all []*html.Node
	var walk func(n *html.Node)
	minHeading := 7
	walk = func(n *html.Node) {
		if n.Type == html.ElementNode {
			all = append(all, n)
			if lvl := headingLevel(n); lvl > 0 && lvl < minHeading {
				minHeading = lvl
			}
		}
		for ch := n.FirstChild; ch != nil; ch = ch.NextSibling {
			walk(ch)
		}
	}
	walk(c.root)
	for _, n := range all {
		if !c.attached(n) {
			continue
		}
		switch n.Data {
		case "script", "style", "noscript", "form", "input", "button", "select", "textarea",
			"template", "svg", "canvas", "map", "link", "meta", "head", "title":
			remove(n)
		case "figure":
			c.figure(n)
		case "div", "ul":
			switch {
			case hasClass(n, "wp-shortcode-gallery"):
				c.galleryIDs(n, strings.Split(attr(n, "data-ids"), ","))
			case hasClass(n, "gallery"), hasClass(n, "blocks-gallery-grid"), hasClass(n, "tiled-gallery"):
				c.gallery(n)
			}
		case "iframe", "embed", "object", "video", "audio":
			c.embed(n, "")
		case "img":
			c.image(n, nil)
		case "a":
			c.link(n)
		case "cite":
			// The source of a quotation, on a line of its own.
			if n.Parent != nil && n.Parent.Data == "blockquote" {
				n.Data = "p"
				n.InsertBefore(&html.Node{Type: html.TextNode, Data: "— "}, n.FirstChild)
			} else if n.Parent != nil && n.Parent.Data == "p" && n.Parent.Parent != nil && n.Parent.Parent.Data == "blockquote" && n.PrevSibling == nil {
				n.InsertBefore(&html.Node{Type: html.TextNode, Data: "— "}, n.FirstChild)
			}
		}
		if lvl := headingLevel(n); lvl > 0 && minHeading == 1 {
			n.Data = "h" + strconv.Itoa(min(lvl+1, 6))
			n.DataAtom = atom.Lookup([]byte(n.Data))
		}
	}
	// Paragraphs that held only a photo, or a &nbsp;, are empty now.
	for _, n := range all {
		if c.attached(n) && (n.Data == "p" || n.Data == "a" || n.Data == "span" || n.Data == "div") && isEmpty(n) {
			remove(n)
		}
	}
}

func headingLevel(n *html.Node) int {
	if len(n.Data) == 2 && n.Data[0] == 'h' && '1' <= n.Data[1] && n.Data[1] <= '6' {
		return int(n.Data[1] - '0')
	}
	return 0
}

func (c *body) attached(n *html.Node) bool {
	for ; n != nil; n = n.Parent {
		if n == c.root {
			return true
		}
	}
	return false
}

// figure handles <figure>: Gutenberg's image, gallery, embed, pullquote and
// table blocks, and the figures that [caption] became.
func (c *body) figure(n *html.Node) {
	switch {
	case hasClass(n, "wp-block-gallery") || hasClass(n, "gallery") || count(n, "img") > 1:
		c.gallery(n)
	case hasClass(n, "wp-block-embed") || hasClass(n, "wp-block-video") || hasClass(n, "wp-block-audio") ||
		find(n, "iframe") != nil || find(n, "video") != nil || find(n, "audio") != nil || find(n, "object") != nil:
		caption := ""
		if fc := find(n, "figcaption"); fc != nil {
			caption = c.inlineMarkdown(fc)
			remove(fc)
		}
		u := ""
		if w := findClass(n, "wp-block-embed__wrapper"); w != nil {
			u = strings.TrimSpace(textOf(w))
		}
		if u != "" {
			c.placeLink(n, u, caption)
			return
		}
		if e := findAny(n, "iframe", "video", "audio", "object", "embed"); e != nil {
			c.embed(e, caption)
		}
		if isEmpty(n) {
			remove(n)
		}
	case hasClass(n, "wp-block-pullquote"):
		var cite string
		if ce := find(n, "cite"); ce != nil {
			cite = strings.Join(strings.Fields(textOf(ce)), " ")
			remove(ce)
		}
		quote := n
		if bq := find(n, "blockquote"); bq != nil {
			quote = bq
		}
		text := c.inlineMarkdown(quote)
		if text == "" {
			remove(n)
			return
		}
		sc := "{{< pullquote"
		if cite != "" {
			sc += " cite=" + scArg(cite)
		}
		c.place(n, sc+" >}}"+escapeHugo(text)+"{{< /pullquote >}}")
	case find(n, "img") != nil:
		img := find(n, "img")
		var capNode *html.Node
		if fc := find(n, "figcaption"); fc != nil {
			capNode = fc
		} else {
			// [caption]: the text beside the image is the caption.
			if a := ancestorWithin(img, n); a != nil && a != img {
				remove(a)
			} else {
				remove(img)
			}
			capNode = n
			n = &html.Node{Type: html.ElementNode, Data: "div"}
			capNode.Parent.InsertBefore(n, capNode)
			remove(capNode)
			n.AppendChild(detach(img))
		}
		caption := c.inlineMarkdown(capNode)
		id := attr(n, "data-attachment")
		if id == "" && capNode != nil {
			id = attr(capNode, "data-attachment")
		}
		c.image(img, &figureInfo{caption: caption, attachment: id, at: n})
	default:
		unwrap(n)
	}
}

type figureInfo struct {
	caption    string
	attachment string
	at         *html.Node // the node the photo replaces
}

// image turns an <img> into a photo of the bundle, or a link when the file
// is on another host, or nothing (and a report) when it is missing.
func (c *body) image(img *html.Node, fig *figureInfo) {
	at := img
	if fig != nil && fig.at != nil {
		at = fig.at
	}
	src := imgSrc(img)
	rel := uploadsPath(src)
	if rel == "" {
		if src == "" || strings.HasPrefix(src, "data:") {
			remove(at)
			return
		}
		u, err := url.Parse(src)
		if err == nil && (u.Host == "" || c.imp.x.hosts[strings.ToLower(u.Hostname())]) {
			c.imp.report.missing(c.p, src, "not under /wp-content/uploads/")
			remove(at)
			return
		}
		// On another host: never loaded by readers' browsers; a link.
		text := strings.TrimSpace(attr(img, "alt"))
		if fig != nil && fig.caption != "" {
			text = fig.caption
		}
		c.imp.report.note(c.p, "remote image", src+" is on another host: written as a link")
		c.placeLink(at, src, text)
		return
	}
	var ids []string
	if fig != nil {
		ids = append(ids, fig.attachment)
	}
	for _, cl := range strings.Fields(attr(img, "class")) {
		if id, ok := strings.CutPrefix(cl, "wp-image-"); ok {
			ids = append(ids, id)
		}
	}
	ids = append(ids, attr(img, "data-id"))
	a := c.imp.x.attachmentFor(rel, ids...)
	name, ok := c.files.add(rel, c.p)
	if !ok {
		remove(at)
		return
	}
	if name == c.hero && c.leading(at) {
		remove(at) // the featured image is shown above the text already
		return
	}
	ph := photo{src: name, alt: strings.TrimSpace(attr(img, "alt"))}
	if fig != nil {
		ph.caption = fig.caption
	}
	if a != nil {
		if ph.alt == "" {
			ph.alt = a.alt
		}
		ph.credit = a.credit
		if ph.caption == "" && fig != nil {
			ph.caption = c.captionOf(a)
		}
	}
	if ph.alt == "" {
		ph.alt = plainMarkdown(ph.caption)
	}
	if ph.alt == "" {
		ph.alt = c.imp.altPlaceholder(c.p)
		c.imp.report.note(c.p, "alt text", fmt.Sprintf("%s has no alt text: a placeholder was written; describe the photo", name))
	}
	c.place(at, ph.shortcode())
}

// captionOf is an attachment's own caption, as Markdown.
func (c *body) captionOf(a *attachment) string {
	if a == nil || a.caption == "" {
		return ""
	}
	return c.fragmentMarkdown(a.caption)
}

func (c *body) fragmentMarkdown(h string) string {
	nodes, err := html.ParseFragment(strings.NewReader(h), bodyContext)
	if err != nil {
		return ""
	}
	div := &html.Node{Type: html.ElementNode, Data: "div"}
	for _, n := range nodes {
		div.AppendChild(n)
	}
	return c.inlineMarkdown(div)
}

// gallery turns every image of n into a photo, in order.
func (c *body) gallery(n *html.Node) {
	var imgs []*html.Node
	var walk func(*html.Node)
	walk = func(x *html.Node) {
		if x.Type == html.ElementNode && x.Data == "img" {
			imgs = append(imgs, x)
		}
		for ch := x.FirstChild; ch != nil; ch = ch.NextSibling {
			walk(ch)
		}
	}
	walk(n)
	var galleryCaption string
	for ch := n.FirstChild; ch != nil; ch = ch.NextSibling {
		if ch.Type == html.ElementNode && (ch.Data == "figcaption" || hasClass(ch, "blocks-gallery-caption")) {
			galleryCaption = c.inlineMarkdown(ch)
		}
	}
	anchor := &html.Node{Type: html.ElementNode, Data: "div"}
	n.Parent.InsertBefore(anchor, n)
	for _, img := range imgs {
		// Each image's own caption: the figcaption of its item.
		var caption string
		item := img.Parent
		for item != nil && item != n && item.Data != "figure" && item.Data != "li" && !hasClass(item, "gallery-item") {
			item = item.Parent
		}
		if item != nil && item != n {
			if fc := findAny(item, "figcaption", "dd"); fc != nil {
				caption = c.inlineMarkdown(fc)
			}
		}
		stand := &html.Node{Type: html.ElementNode, Data: "div"}
		anchor.Parent.InsertBefore(stand, anchor)
		stand.AppendChild(detach(img))
		c.image(img, &figureInfo{caption: caption, at: stand})
	}
	remove(n)
	if galleryCaption != "" {
		p := &html.Node{Type: html.ElementNode, Data: "p", DataAtom: atom.P}
		p.AppendChild(&html.Node{Type: html.TextNode, Data: plainMarkdown(galleryCaption)})
		anchor.Parent.InsertBefore(p, anchor)
	}
	remove(anchor)
}

// galleryIDs is [gallery ids="..."]: photos of the attachments, in order.
func (c *body) galleryIDs(n *html.Node, ids []string) {
	anchor := n
	for _, s := range ids {
		id, err := strconv.ParseInt(strings.TrimSpace(s), 10, 64)
		if err != nil {
			continue
		}
		a := c.imp.x.attachments[id]
		if a == nil || a.file == "" {
			c.imp.report.missing(c.p, "attachment "+s, "not in the export")
			continue
		}
		img := &html.Node{Type: html.ElementNode, Data: "img",
			Attr: []html.Attribute{{Key: "src", Val: uploadsMarker + a.file}, {Key: "alt", Val: a.alt}}}
		stand := &html.Node{Type: html.ElementNode, Data: "div"}
		anchor.Parent.InsertBefore(stand, n)
		stand.AppendChild(img)
		c.image(img, &figureInfo{caption: c.captionOf(a), attachment: s, at: stand})
	}
	remove(n)
}

// embed turns an iframe, video, audio or object into a plain link: readers'
// browsers never load anything from another host.
func (c *body) embed(n *html.Node, caption string) {
	src := attr(n, "src")
	if src == "" {
		src = attr(n, "data")
	}
	if src == "" {
		if s := find(n, "source"); s != nil {
			src = attr(s, "src")
		}
	}
	src = strings.TrimSpace(src)
	if src == "" || strings.HasPrefix(src, "data:") || strings.HasPrefix(strings.ToLower(src), "javascript:") {
		remove(n)
		return
	}
	c.placeLink(n, src, caption)
}

// placeLink puts a paragraph with a link to u where n was.
func (c *body) placeLink(n *html.Node, u, text string) {
	u = watchURL(strings.TrimSpace(u))
	if rel := uploadsPath(u); rel != "" {
		if name, ok := c.files.add(rel, c.p); ok {
			u = name
		} else {
			remove(n)
			return
		}
	} else if nu, ok := c.imp.newURL(c.p, u); ok {
		if nu == "" {
			if text != "" {
				c.place(n, escapeMarkdownText(text))
			} else {
				remove(n)
			}
			return
		}
		u = nu
	}
	pu, err := url.Parse(u)
	if err != nil || pu.Scheme != "" && pu.Scheme != "http" && pu.Scheme != "https" || pu.Scheme != "" && !hostRe.MatchString(pu.Host) {
		remove(n)
		return
	}
	dest := pu.String()
	if text == "" {
		if pu.Scheme != "" {
			c.place(n, "<"+dest+">")
			return
		}
		text = escapeMarkdownText(path.Base(pu.Path))
	}
	c.place(n, "["+text+"]("+markdownDest(dest)+")")
}

// watchURL turns the embed addresses of video sites into the pages readers
// know.
func watchURL(u string) string {
	pu, err := url.Parse(u)
	if err != nil {
		return u
	}
	host := strings.TrimPrefix(strings.ToLower(pu.Host), "www.")
	switch {
	case (host == "youtube.com" || host == "youtube-nocookie.com") && strings.HasPrefix(pu.Path, "/embed/"):
		return "https://www.youtube.com/watch?v=" + url.QueryEscape(strings.TrimPrefix(pu.Path, "/embed/"))
	case host == "player.vimeo.com" && strings.HasPrefix(pu.Path, "/video/"):
		return "https://vimeo.com/" + strings.TrimPrefix(pu.Path, "/video/")
	}
	if strings.HasPrefix(u, "//") {
		return "https:" + u
	}
	return u
}

// link rewrites a link: to the new page of an imported post, to the bundle's
// copy of an uploaded file, or unchanged.
func (c *body) link(n *html.Node) {
	href := strings.TrimSpace(attr(n, "href"))
	if href == "" || strings.HasPrefix(strings.ToLower(href), "javascript:") {
		unwrap(n)
		return
	}
	if rel := uploadsPath(href); rel != "" {
		if find(n, "img") != nil {
			return // the image inside becomes a photo; the link goes with it
		}
		if name, ok := c.files.add(rel, c.p); ok {
			setAttr(n, "href", name)
		}
		return
	}
	if nu, ok := c.imp.newURL(c.p, href); ok {
		if nu == "" {
			unwrap(n)
			return
		}
		setAttr(n, "href", nu)
	}
}

// place puts a block where n was: in its place when n is at the top level,
// otherwise after n's top-level ancestor, since photos and shortcodes cannot
// sit inside a paragraph.
func (c *body) place(n *html.Node, markdown string) {
	i := len(c.blocks)
	c.blocks = append(c.blocks, markdown)
	blk := &html.Node{Type: html.ElementNode, Data: blockTag, Attr: []html.Attribute{{Key: "data-i", Val: strconv.Itoa(i)}}}
	top := n
	for top.Parent != nil && top.Parent != c.root {
		top = top.Parent
	}
	if top == n {
		n.Parent.InsertBefore(blk, n)
		remove(n)
		return
	}
	after := top
	if l := c.lastBlock[top]; l != nil && l.Parent == c.root {
		after = l
	}
	c.root.InsertBefore(blk, after.NextSibling)
	c.lastBlock[top] = blk
	remove(n)
}

// leading says whether nothing but space comes before n in the body.
func (c *body) leading(n *html.Node) bool {
	top := n
	for top.Parent != nil && top.Parent != c.root {
		top = top.Parent
	}
	for s := top.PrevSibling; s != nil; s = s.PrevSibling {
		if !isEmpty(s) {
			return false
		}
	}
	return true
}

// inlineMarkdown converts the content of n to one line of Markdown.
func (c *body) inlineMarkdown(n *html.Node) string {
	if n == nil {
		return ""
	}
	div := &html.Node{Type: html.ElementNode, Data: "div"}
	for ch := n.FirstChild; ch != nil; ch = ch.NextSibling {
		div.AppendChild(cloneNode(ch))
	}
	// Links in captions point to the new pages too.
	var walk func(*html.Node)
	walk = func(x *html.Node) {
		unlink := false
		if x.Type == html.ElementNode && x.Data == "a" {
			if nu, ok := c.imp.newURL(c.p, attr(x, "href")); ok {
				setAttr(x, "href", nu)
				unlink = nu == ""
			}
		}
		if x.Type == html.ElementNode && (x.Data == "img" || x.Data == "script" || x.Data == "style") {
			remove(x)
			return
		}
		for ch := x.FirstChild; ch != nil; {
			next := ch.NextSibling
			walk(ch)
			ch = next
		}
		if unlink {
			unwrap(x)
		}
	}
	walk(div)
	md, err := c.imp.conv.ConvertNode(div)
	if err != nil {
		return ""
	}
	return strings.Join(strings.Fields(string(md)), " ")
}

// collectText gathers the text of the body's paragraphs, for a description.
func (c *body) collectText(n *html.Node) {
	for ch := n.FirstChild; ch != nil; ch = ch.NextSibling {
		if utf8.RuneCountInString(c.text.String()) > 2*maxDescription {
			return
		}
		if ch.Type != html.ElementNode {
			continue
		}
		switch ch.Data {
		case "p", "li", "blockquote", "dd":
			c.text.WriteString(textOf(ch))
			c.text.WriteString(" ")
		case "div", "section", "article", "ul", "ol", "dl":
			c.collectText(ch)
		}
	}
}
