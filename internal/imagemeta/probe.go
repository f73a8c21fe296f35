package imagemeta

import (
	"bytes"
	"slices"
)

// probe looks through all of data for what containers hide from a reader
// that knows only their structure: other JPEG images (MPF previews,
// trailers, thumbnails, the previews inside RAW files), XMP packets and
// EXIF blocks, wherever they are, and reads each one it finds. A JPEG's
// findings are reported as those of an "embedded JPEG"; a packet or block
// adds only what no other reader found.
func (s *scanner) probe(data []byte) {
	for i := 1; ; i++ {
		k := bytes.Index(data[i:], []byte("\xFF\xD8\xFF"))
		if k < 0 {
			break
		}
		i += k
		prefix := s.prefix
		s.prefix = "embedded JPEG "
		s.jpegHeader(data[i:])
		s.prefix = prefix
	}
	p := &scanner{prefix: s.prefix}
	for _, sig := range []string{"<x:xmpmeta", "<x:xapmeta", "<rdf:RDF"} {
		for i := 0; ; {
			k := bytes.Index(data[i:], []byte(sig))
			if k < 0 {
				break
			}
			i += k
			n, err := p.readXMP("XMP", data[i:])
			if err != nil {
				p.problem("XMP", err)
			}
			i += max(int(n), 1)
		}
	}
	for _, sig := range []string{"Exif\x00\x00II*\x00", "Exif\x00\x00MM\x00*", "II*\x00\x08\x00\x00\x00", "MM\x00*\x00\x00\x00\x08"} {
		for i := 1; ; i++ {
			k := bytes.Index(data[i:], []byte(sig))
			if k < 0 {
				break
			}
			i += k
			b := data[i:]
			if sig[0] == 'E' {
				b = b[len(exifHeader):]
			}
			if _, err := p.tiff("EXIF", b, false); err != nil {
				p.problem("EXIF", err)
			}
		}
	}
	for _, f := range p.findings {
		if !slices.ContainsFunc(s.findings, func(g Finding) bool { return g.Kind == f.Kind && g.Field == f.Field }) {
			s.findings = append(s.findings, f)
		}
	}
	s.problems = append(s.problems, p.problems...)
	for _, f := range p.unreadable {
		if !slices.Contains(s.unreadable, f) {
			s.unreadable = append(s.unreadable, f)
		}
	}
}
