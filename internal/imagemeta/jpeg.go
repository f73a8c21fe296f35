package imagemeta

import (
	"bytes"
	"encoding/binary"
)

var (
	exifHeader        = []byte("Exif\x00\x00")
	xmpHeader         = []byte("http://ns.adobe.com/xap/1.0/\x00")
	xmpExtendedHeader = []byte("http://ns.adobe.com/xmp/extension/\x00")
	photoshopHeader   = []byte("Photoshop 3.0\x00")
)

// jpeg reads the segments before the image data. When scrub is set it
// returns the file without any APPn segment but JFIF (APP0), the colour
// profile (APP2) and Adobe's colour transform (APP14), and without comments;
// an orientation other than upright is kept in a new, minimal EXIF block.
func (s *scanner) jpeg(data []byte, scrub bool) ([]byte, error) {
	var out []byte
	if scrub {
		out = append(make([]byte, 0, len(data)), 0xFF, 0xD8)
	}
	orientation := uint16(1)
	removed := false
	i := 2
	for {
		// Markers may be padded with 0xFF bytes.
		for i < len(data) && data[i] == 0xFF && i+1 < len(data) && data[i+1] == 0xFF {
			i++
		}
		if i+2 > len(data) || data[i] != 0xFF {
			return nil, errTruncated
		}
		marker := data[i+1]
		if marker == 0xD9 || marker == 0xDA { // end of image, start of scan: the rest is image data
			if scrub {
				if removed && orientation != 1 {
					out = appendEXIFSegment(out, orientation)
				}
				out = append(out, data[i:]...)
			}
			return out, nil
		}
		if marker >= 0xD0 && marker <= 0xD7 || marker == 0x01 { // no length
			if scrub {
				out = append(out, data[i:i+2]...)
			}
			i += 2
			continue
		}
		if i+4 > len(data) {
			return nil, errTruncated
		}
		n := int(binary.BigEndian.Uint16(data[i+2:]))
		end := i + 2 + n
		if n < 2 || end > len(data) {
			return nil, errTruncated
		}
		payload := data[i+4 : end]
		keep := true
		switch {
		case marker == 0xE1 && bytes.HasPrefix(payload, exifHeader):
			if o := s.tiff(payload[len(exifHeader):]); o != 1 {
				orientation = o
			}
			keep = false
		case marker == 0xE1 && bytes.HasPrefix(payload, xmpHeader):
			s.xmp(payload[len(xmpHeader):])
			keep = false
		case marker == 0xE1 && bytes.HasPrefix(payload, xmpExtendedHeader):
			s.xmp(payload)
			keep = false
		case marker == 0xED && bytes.HasPrefix(payload, photoshopHeader):
			s.photoshop(payload[len(photoshopHeader):])
			keep = false
		case marker == 0xFE: // comment
			keep = false
		case marker >= 0xE0 && marker <= 0xEF:
			keep = marker == 0xE0 || marker == 0xE2 || marker == 0xEE
		}
		if scrub {
			if keep {
				out = append(out, data[i:end]...)
			} else {
				removed = true
			}
		}
		i = end
	}
}

func appendEXIFSegment(out []byte, orientation uint16) []byte {
	tiff := minimalEXIF(orientation)
	out = append(out, 0xFF, 0xE1)
	out = binary.BigEndian.AppendUint16(out, uint16(2+len(exifHeader)+len(tiff)))
	out = append(out, exifHeader...)
	return append(out, tiff...)
}

// IPTC datasets (record 2) that identify a person or a place.
var iptcDatasets = map[byte]struct {
	name string
	kind Kind
}{
	80:  {"By-line", Owner},
	116: {"CopyrightNotice", Owner},
	118: {"Contact", Owner},
	90:  {"City", Location},
	92:  {"Sub-location", Location},
	95:  {"Province-State", Location},
}

// photoshop reads Photoshop's image resource blocks for IPTC data.
func (s *scanner) photoshop(b []byte) {
	for len(b) >= 12 && string(b[:4]) == "8BIM" {
		id := binary.BigEndian.Uint16(b[4:])
		nameLen := int(b[6])
		p := 7 + nameLen
		if p%2 == 1 { // the name is padded to an even length
			p++
		}
		if p+4 > len(b) {
			return
		}
		size := int(binary.BigEndian.Uint32(b[p:]))
		p += 4
		if p+size > len(b) {
			return
		}
		if id == 0x0404 {
			s.iptc(b[p : p+size])
		}
		p += size
		if p%2 == 1 {
			p++
		}
		if p > len(b) {
			return
		}
		b = b[p:]
	}
}

// iptc reads IPTC-IIM datasets.
func (s *scanner) iptc(b []byte) {
	for len(b) >= 5 && b[0] == 0x1C {
		record, dataset := b[1], b[2]
		size := int(binary.BigEndian.Uint16(b[3:]))
		if size&0x8000 != 0 || 5+size > len(b) { // extended datasets are not used for text
			return
		}
		if d, ok := iptcDatasets[dataset]; ok && record == 2 && len(bytes.TrimSpace(b[5:5+size])) > 0 {
			s.add(d.kind, "IPTC", d.name)
		}
		b = b[5+size:]
	}
}
