package imagemeta

import (
	"encoding/binary"
	"errors"
)

var photoshopHeader = []byte("Photoshop 3.0\x00")

// photoshop reads Photoshop's image resource blocks (JPEG APP13, the TIFF
// Photoshop tag): IPTC data, EXIF and XMP copies, and thumbnails.
func (s *scanner) photoshop(b []byte) {
	for len(b) > 0 && !blank(b) {
		if len(b) < 12 || string(b[:4]) != "8BIM" && string(b[:4]) != "8B64" {
			s.problem("Photoshop", errors.New("an image resource block is damaged"))
			return
		}
		id := binary.BigEndian.Uint16(b[4:])
		p := 7 + int(b[6]) // a Pascal name, padded to an even length
		if p%2 == 1 {
			p++
		}
		if p+4 > len(b) {
			s.problem("Photoshop", errTruncated)
			return
		}
		size := int(binary.BigEndian.Uint32(b[p:]))
		p += 4
		if size < 0 || p+size > len(b) {
			s.problem("Photoshop", errTruncated)
			return
		}
		data := b[p : p+size]
		switch id {
		case 0x0404:
			s.iptc(data)
		case 0x0409, 0x040C:
			s.add(Embedded, "Photoshop", "thumbnail")
		case 0x0422:
			s.exif("Photoshop EXIF", data)
		case 0x0424:
			s.xmp("Photoshop XMP", data)
		}
		p += size + size%2
		if p > len(b) {
			p = len(b)
		}
		b = b[p:]
	}
}

// iptc reads IPTC-IIM datasets: 0x1C, record, dataset, then a 2-byte
// length, or for an extended dataset a length of that many bytes.
func (s *scanner) iptc(b []byte) {
	for len(b) > 0 {
		if b[0] == 0 && blank(b) { // padding
			return
		}
		if len(b) < 5 || b[0] != 0x1C {
			s.problem("IPTC", errors.New("a dataset is damaged"))
			return
		}
		record, dataset := b[1], b[2]
		size, head := int(binary.BigEndian.Uint16(b[3:])), 5
		if size&0x8000 != 0 { // extended: the next size&0x7FFF bytes hold the length
			n := size & 0x7FFF
			if n > 4 || 5+n > len(b) {
				s.problem("IPTC", errTruncated)
				return
			}
			size = 0
			for _, c := range b[5 : 5+n] {
				size = size<<8 | int(c)
			}
			head += n
		}
		if head+size > len(b) {
			s.problem("IPTC", errTruncated)
			return
		}
		if d, ok := iptcDatasets[dataset]; ok && record == 2 && !blank(b[head:head+size]) {
			s.add(d.kind, "IPTC", d.name)
		}
		b = b[head+size:]
	}
}
