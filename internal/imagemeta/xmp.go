package imagemeta

import (
	"bytes"
	"encoding/xml"
	"errors"
	"io"
)

const (
	rdfNS = "http://www.w3.org/1999/02/22-rdf-syntax-ns#"
	xNS   = "adobe:ns:meta/"
	xmlNS = "http://www.w3.org/XML/1998/namespace"
)

// xmpPrefixes are the usual prefixes of namespaces, to report a property
// the same way whatever prefix a packet gives it.
var xmpPrefixes = map[string]string{
	"http://ns.adobe.com/exif/1.0/":                        "exif",
	"http://cipa.jp/exif/1.0/":                             "exifEX",
	"http://ns.adobe.com/exif/1.0/aux/":                    "aux",
	"http://ns.adobe.com/tiff/1.0/":                        "tiff",
	"http://purl.org/dc/elements/1.1/":                     "dc",
	"http://ns.adobe.com/photoshop/1.0/":                   "photoshop",
	"http://iptc.org/std/Iptc4xmpCore/1.0/xmlns/":          "Iptc4xmpCore",
	"http://iptc.org/std/Iptc4xmpExt/2008-02-29/":          "Iptc4xmpExt",
	"http://ns.adobe.com/xap/1.0/":                         "xmp",
	"http://ns.adobe.com/xap/1.0/rights/":                  "xmpRights",
	"http://www.metadataworkinggroup.com/schemas/regions/": "mwg-rs",
	"http://ns.microsoft.com/photo/1.2/":                   "MP",
	"http://ns.microsoft.com/photo/1.2/t/RegionInfo#":      "MPRI",
	"http://ns.microsoft.com/photo/1.2/t/Region#":          "MPReg",
	"http://ns.microsoft.com/photo/1.0/":                   "MicrosoftPhoto",
	"http://www.dji.com/drone-dji/1.0/":                    "drone-dji",
	"http://ns.useplus.org/ldf/xmp/1.0/":                   "plus",
	"http://ns.adobe.com/lightroom/1.0/":                   "lr",
	"http://ns.adobe.com/xmp/1.0/DynamicMedia/":            "xmpDM",
	"http://ns.apple.com/faceinfo/1.0/":                    "apple-fi",
	"http://www.w3.org/2003/01/geo/wgs84_pos#":             "geo",
}

// xmp reads an XMP packet, recording it as a problem if it is not XML.
func (s *scanner) xmp(block string, packet []byte) {
	if _, err := s.readXMP(block, packet); err != nil {
		s.problem(block, err)
	}
}

// readXMP reads an XMP packet as XML, and reports each property that
// identifies a place or a person, by its namespace URI and local name
// whatever prefix the packet uses, whether written as an element or as an
// attribute, at any depth (struct fields, regions, location structures).
// A property counts only with a value that is not blank. It reads up to
// the end of the first element, ignoring padding or bytes after it, and
// returns how many bytes that was.
func (s *scanner) readXMP(block string, packet []byte) (int64, error) {
	packet = bytes.TrimLeft(bytes.TrimPrefix(packet, []byte("\xEF\xBB\xBF")), "\x00 \t\r\n")
	d := xml.NewDecoder(bytes.NewReader(packet))
	prefixes := map[string]string{} // namespace URI → the packet's own prefix
	field := func(n xml.Name) string {
		switch p := xmpPrefixes[n.Space]; {
		case p != "":
			return p + ":" + n.Local
		case prefixes[n.Space] != "":
			return prefixes[n.Space] + ":" + n.Local
		case n.Space != "":
			return n.Space + ":" + n.Local // an undeclared prefix
		}
		return n.Local
	}
	type property struct {
		field   string
		kind    Kind // "" when it identifies nothing by itself
		content bool
	}
	var stack []property
	// hasValue marks every open property as having a value.
	hasValue := func() {
		for i := range stack {
			stack[i].content = true
		}
	}
	// report adds a finding, unless a property it is part of reports the
	// same kind.
	report := func(k Kind, f string) {
		for _, p := range stack {
			if p.kind == k {
				return
			}
		}
		s.add(k, block, f)
	}
	for {
		tok, err := d.Token()
		if err == io.EOF {
			return 0, errors.New("the XMP packet ends before its last element")
		}
		if err != nil {
			return 0, err
		}
		switch t := tok.(type) {
		case xml.StartElement:
			for _, a := range t.Attr {
				if a.Name.Space == "xmlns" {
					prefixes[a.Value] = a.Name.Local
				}
			}
			var p property
			if !structural(t.Name.Space) {
				p.field = field(t.Name)
				p.kind, _ = wordRule(t.Name.Space, t.Name.Local)
			}
			stack = append(stack, p)
			for _, a := range t.Attr {
				switch a.Name.Space {
				case "xmlns", "xml", xmlNS, xNS, "x", "":
				case rdfNS, "rdf":
					if (a.Name.Local == "resource" || a.Name.Local == "value") && !blank([]byte(a.Value)) {
						hasValue()
					}
				default: // a property written as an attribute
					if blank([]byte(a.Value)) {
						continue
					}
					hasValue()
					if k, ok := wordRule(a.Name.Space, a.Name.Local); ok {
						report(k, field(a.Name))
					}
				}
			}
		case xml.CharData:
			if !blank(t) {
				hasValue()
			}
		case xml.EndElement:
			p := stack[len(stack)-1]
			stack = stack[:len(stack)-1]
			if p.kind != "" && p.content {
				report(p.kind, p.field)
			}
			if len(stack) == 0 {
				return d.InputOffset(), nil
			}
		}
	}
}

// structural says whether elements of a namespace are XMP's frame rather
// than properties: RDF and x:xmpmeta, declared or not (a packet read from
// its rdf:RDF element may have left the declarations behind).
func structural(space string) bool {
	return space == rdfNS || space == xNS || space == "rdf" || space == "x"
}
