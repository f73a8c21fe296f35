package audit

import (
	"bytes"
	"encoding/json"
	"encoding/xml"
	"errors"
	"io"
	"strings"
)

const (
	nsXHTML  = "http://www.w3.org/1999/xhtml"
	nsSVG    = "http://www.w3.org/2000/svg"
	nsMathML = "http://www.w3.org/1998/Math/MathML"
)

// markupNamespaces are those whose elements a browser renders, with their
// scripts and event handlers, in a document served as XML.
var markupNamespaces = map[string]string{nsXHTML: "XHTML", nsSVG: "SVG", nsMathML: "MathML"}

// svgMetadata are the namespaces of metadata that can name a person or a
// place, which editors such as Inkscape write into SVG files. Of Dublin
// Core, only the elements that name people.
var svgMetadata = map[string]string{
	"http://ns.adobe.com/exif/1.0/":                      "EXIF",
	"http://ns.adobe.com/exif/1.0/aux/":                  "EXIF aux",
	"http://cipa.jp/exif/1.0/":                           "EXIF",
	"http://ns.adobe.com/tiff/1.0/":                      "TIFF",
	"http://ns.adobe.com/photoshop/1.0/":                 "Photoshop",
	"http://iptc.org/std/Iptc4xmpCore/1.0/xmlns/":        "IPTC",
	"http://iptc.org/std/Iptc4xmpExt/2008-02-29/":        "IPTC",
	"http://ns.adobe.com/xap/1.0/rights/":                "XMP rights",
	"http://www.inkscape.org/namespaces/inkscape":        "Inkscape",
	"http://sodipodi.sourceforge.net/DTD/sodipodi-0.dtd": "Sodipodi",
}

const nsDC = "http://purl.org/dc/elements/1.1/"

var dcPeople = map[string]bool{"creator": true, "contributor": true, "publisher": true, "rights": true}

// inkscapeHarmless are Inkscape's and Sodipodi's attributes that name
// nothing but the drawing itself; the others (export-filename, docbase)
// can hold a path with the user's name.
var inkscapeHarmless = map[string]bool{
	"version": true, "label": true, "groupmode": true, "connector-curvature": true, "collect": true,
	"transform-center-x": true, "transform-center-y": true, "nodetypes": true, "type": true, "cx": true,
	"cy": true, "rx": true, "ry": true, "start": true, "end": true, "open": true, "arc-type": true,
	"role": true, "linespacing": true, "docname": true, "insensitive": true, "pagecheckerboard": true,
	"pageopacity": true, "pageshadow": true, "deskcolor": true, "zoom": true, "current-layer": true,
	"window-width": true, "window-height": true, "window-x": true, "window-y": true, "window-maximized": true,
	"document-units": true, "showgrid": true, "pagecolor": true, "bordercolor": true, "borderopacity": true,
	"original-d": true, "path-effect": true, "stockid": true, "isstock": true, "swatch": true,
}

// xml audits a feed, a sitemap or an SVG image: well-formed to its end,
// with no element a browser would render as markup and no script.
func (a *auditor) xml(s *fileScan, svg bool) {
	d := xml.NewDecoder(bytes.NewReader(s.data))
	d.Strict = true
	id := idXML
	if svg {
		id = idSVG
	}
	root := true
	var stack []string // local names, for <style> in SVG
	for {
		off := int(d.InputOffset())
		tok, err := d.Token()
		if err == io.EOF {
			if root {
				s.add(-1, id, "the file has no element")
			}
			break
		}
		if err != nil {
			msg := err.Error()
			var se *xml.SyntaxError
			if errors.As(err, &se) {
				msg = se.Msg
			}
			s.add(int(d.InputOffset()), id, "not well-formed XML: %s; readers and search engines reject the whole file", msg)
			return
		}
		switch t := tok.(type) {
		case xml.StartElement:
			if !root && len(stack) == 0 {
				// encoding/xml reads on; browsers and feed readers stop.
				s.add(off, id, "not well-formed XML: a second root element <%s>; readers and search engines reject the whole file", t.Name.Local)
				return
			}
			if root && svg && (t.Name.Space != nsSVG || t.Name.Local != "svg") {
				s.add(off, idSVG, "the root element is <%s>, not an SVG <svg>", t.Name.Local)
			}
			root = false
			a.xmlElement(s, t, off, svg)
			stack = append(stack, t.Name.Local)
		case xml.EndElement:
			if len(stack) > 0 {
				stack = stack[:len(stack)-1]
			}
		case xml.CharData:
			if rest := bytes.TrimLeft(t, " \t\r\n"); len(stack) == 0 && len(rest) > 0 {
				s.add(off+len(t)-len(rest), id, "not well-formed XML: text outside the root element; readers and search engines reject the whole file")
				return
			}
			if svg && len(stack) > 0 && stack[len(stack)-1] == "style" {
				a.css(s, t, off, "the SVG's style")
			}
		case xml.ProcInst:
			if t.Target == "xml-stylesheet" {
				if href := pseudoAttr(string(t.Inst), "href"); href != "" {
					if host, ok := urlHost(href); ok && !a.hosts[host] && !isLocalHost(host) {
						s.add(off, idThirdParty, "<?xml-stylesheet href=%q?> loads another host, %s, when a browser shows the file",
							short(href), host)
					}
				}
			}
		}
	}
	a.preview(s, s.data, 0)
}

// xmlElement audits one element of an XML file or an SVG image.
func (a *auditor) xmlElement(s *fileScan, t xml.StartElement, off int, svg bool) {
	name := t.Name.Local
	if svg {
		switch {
		case strings.EqualFold(name, "script"):
			s.add(off, idScript, "the SVG holds a <script>: images run no script")
		case t.Name.Space == nsXHTML || strings.EqualFold(name, "foreignObject"):
			s.add(off, idSVG, "the SVG holds HTML (<%s>), with its own markup and loads", name)
		case t.Name.Space == nsDC && dcPeople[name]:
			s.add(off, idPhotoMetadata, "the SVG names a person in its metadata (dc:%s): remove it in the editor, or "+
				"export a plain SVG", name)
		}
		if ns, ok := svgMetadata[t.Name.Space]; ok && ns != "Inkscape" && ns != "Sodipodi" {
			s.add(off, idPhotoMetadata, "the SVG carries %s metadata (<%s>), which can identify where it was made or by whom", ns, name)
		}
	} else {
		if strings.EqualFold(name, "script") {
			s.add(off, idXML, "a <%s> element: a browser that shows the file as XML runs it", name)
		} else if ns, ok := markupNamespaces[t.Name.Space]; ok && !hreflangLink(t) {
			s.add(off, idXML, "an element of the %s namespace (<%s>): a browser that shows the file as XML renders it, "+
				"with its scripts; escape markup in feeds", ns, name)
		}
	}
	for _, at := range t.Attr {
		k := strings.ToLower(at.Name.Local)
		switch {
		case strings.HasPrefix(k, "on"):
			if svg {
				s.add(off, idEventAttr, "<%s %s=...>: an event handler is script", name, at.Name.Local)
			} else {
				s.add(off, idXML, "<%s %s=...>: an event handler, which a browser that shows the file as XML runs", name, at.Name.Local)
			}
		case k == "href" || k == "src":
			if what, bad := scriptURL(at.Value); bad {
				if svg {
					s.add(off, idJSURL, "<%s %s=%q>: %s, which runs script", name, at.Name.Local, short(at.Value), what)
				} else {
					s.add(off, idXML, "<%s %s=%q>: %s, which runs script", name, at.Name.Local, short(at.Value), what)
				}
			} else if svg && name != "a" {
				if host, ok := urlHost(at.Value); ok && !a.hosts[host] && !isLocalHost(host) {
					s.add(off, idThirdParty, "<%s %s=%q> loads another host, %s", name, at.Name.Local, short(at.Value), host)
				}
			}
		case svg && k == "style":
			a.css(s, []byte(at.Value), off, "<"+name+" style>")
		}
		if !svg {
			continue
		}
		if ns, ok := svgMetadata[at.Name.Space]; ok {
			if (ns == "Inkscape" || ns == "Sodipodi") && inkscapeHarmless[at.Name.Local] {
				continue
			}
			s.add(off, idPhotoMetadata, "the SVG carries %s metadata (%s=%q), which can identify where it was made or by whom",
				ns, at.Name.Local, short(at.Value))
		}
	}
}

// hreflangLink says whether an element is the one element of the XHTML
// namespace that sitemaps use, as Google defines them: a link to a
// translation, <xhtml:link rel="alternate" hreflang="ko" href="...">,
// with no other attribute.
func hreflangLink(t xml.StartElement) bool {
	if t.Name.Space != nsXHTML || t.Name.Local != "link" {
		return false
	}
	for _, at := range t.Attr {
		switch {
		case at.Name.Space == "xmlns" || (at.Name.Space == "" && at.Name.Local == "xmlns"):
		case at.Name.Space != "":
			return false
		case at.Name.Local == "rel" && at.Value == "alternate", at.Name.Local == "hreflang", at.Name.Local == "href":
		default:
			return false
		}
	}
	return true
}

// pseudoAttr returns a pseudo-attribute of a processing instruction, such
// as href in <?xml-stylesheet type="text/xsl" href="x.xsl"?>.
func pseudoAttr(inst, name string) string {
	for rest := inst; ; {
		i := strings.Index(rest, name)
		if i < 0 {
			return ""
		}
		rest = rest[i+len(name):]
		if i > 0 && !isSpace(inst[len(inst)-len(rest)-len(name)-1]) {
			continue
		}
		t := strings.TrimLeft(rest, " \t\r\n")
		if !strings.HasPrefix(t, "=") {
			continue
		}
		t = strings.TrimLeft(t[1:], " \t\r\n")
		if t == "" || (t[0] != '"' && t[0] != '\'') {
			return ""
		}
		if j := strings.IndexByte(t[1:], t[0]); j >= 0 {
			return t[1 : j+1]
		}
		return ""
	}
}

// json audits a JSON file (a JSON Feed): it must parse.
func (a *auditor) json(s *fileScan) {
	if !json.Valid(s.data) {
		var v any
		err := json.Unmarshal(s.data, &v)
		at := -1
		var se *json.SyntaxError
		if errors.As(err, &se) {
			at = int(se.Offset)
		}
		s.add(at, idJSON, "not valid JSON (%v): feed readers reject the whole file", err)
	}
	a.preview(s, s.data, 0)
}
