package imagemeta

import (
	"bytes"
	"encoding/binary"
	"errors"
	"fmt"
)

var errNotTIFF = errors.New("not a TIFF structure")

// exif reads an EXIF block (a TIFF structure) with both readers: our walk
// of its directories, and bep/imagemeta. It returns the orientation of the
// image it describes (1 when unset). A block that cannot be read is a
// problem: the block is reported as unreadable, and Scrub drops it.
func (s *scanner) exif(block string, b []byte) uint16 {
	o, err := s.tiff(block, b, false)
	if err != nil {
		s.problem(block, err)
	}
	s.decodeTIFF(block, b)
	return o
}

// tiff walks a TIFF structure: an EXIF block, or a whole TIFF or camera
// RAW file. It reports the identifying tags of every directory (IFD0 and
// the ones after it, Exif, GPS, Interoperability and SubIFDs), reads the
// XMP, IPTC and Photoshop blocks TIFF files carry, and returns the
// orientation of the first image (1 when unset). Every directory and every
// identifying value must lie inside b: one beyond its end is an error, as
// it is in a file cut short.
func (s *scanner) tiff(block string, b []byte, whole bool) (uint16, error) {
	orientation := uint16(1)
	if len(b) < 8 {
		return orientation, errTruncated
	}
	var bo binary.ByteOrder
	switch string(b[:2]) {
	case "II":
		bo = binary.LittleEndian
	case "MM":
		bo = binary.BigEndian
	default:
		return orientation, errNotTIFF
	}
	if bo.Uint16(b[2:]) != 42 {
		return orientation, errNotTIFF
	}
	type dir struct {
		off  uint32
		name string
	}
	queue := []dir{{bo.Uint32(b[4:]), "IFD0"}}
	visited := map[uint32]bool{}
	chain := 0
	for len(queue) > 0 {
		d := queue[0]
		queue = queue[1:]
		if visited[d.off] {
			continue
		}
		visited[d.off] = true
		if len(visited) > 1000 {
			return orientation, fmt.Errorf("%w: more than 1000 directories", ErrDamaged)
		}
		off := int64(d.off)
		if off+2 > int64(len(b)) {
			return orientation, errTruncated
		}
		n := int64(bo.Uint16(b[off:]))
		if off+2+12*n > int64(len(b)) {
			return orientation, errTruncated
		}
		gps := false
		for i := range n {
			e := off + 2 + 12*i
			tag, typ, count := bo.Uint16(b[e:]), bo.Uint16(b[e+2:]), bo.Uint32(b[e+4:])
			size := uint64(count) * uint64(typeSize(typ))
			var v []byte
			if size <= 4 {
				v = b[e+8 : e+8+int64(size)]
			} else if p := uint64(bo.Uint32(b[e+8:])); p+size <= uint64(len(b)) {
				v = b[p : p+size]
			}
			r, identifying := exifTags[tag]
			if v == nil && (identifying || d.name == "GPS" || tag == tagXMP || tag == tagIPTC || tag == tagPhotoshop || tag == tagSubIFDs) {
				return orientation, errTruncated
			}
			switch {
			case d.name == "GPS":
				gps = true
			case tag == tagExifIFD:
				queue = append(queue, dir{bo.Uint32(b[e+8:]), "Exif"})
			case tag == tagGPSIFD:
				queue = append(queue, dir{bo.Uint32(b[e+8:]), "GPS"})
			case tag == tagInteropIFD:
				queue = append(queue, dir{bo.Uint32(b[e+8:]), "Interop"})
			case tag == tagSubIFDs && (typ == 4 || typ == 13):
				for j := 0; j+4 <= len(v); j += 4 {
					queue = append(queue, dir{bo.Uint32(v[j:]), "SubIFD"})
				}
			case tag == tagOrientation && d.name == "IFD0" && typ == 3 && count == 1:
				orientation = bo.Uint16(v)
			case tag == tagXMP:
				s.xmp("XMP", v)
			case tag == tagIPTC:
				s.iptc(v)
			case tag == tagPhotoshop:
				s.photoshop(v)
			case tag == 0x0201 && !whole && d.name == "IFD1": // JPEGInterchangeFormat: the thumbnail
				s.add(Embedded, block, "thumbnail")
			case identifying && !blankValue(tag, typ, v):
				s.add(r.kind, block, r.name)
			}
		}
		if gps {
			s.add(GPS, block, "GPS")
		}
		// IFD0 and the directories chained after it: the thumbnail's
		// (IFD1) in EXIF, more pages in TIFF.
		if next := off + 2 + 12*n; d.name[:3] == "IFD" && next+4 <= int64(len(b)) {
			if o := bo.Uint32(b[next:]); o != 0 {
				chain++
				queue = append(queue, dir{o, fmt.Sprintf("IFD%d", chain)})
			}
		}
	}
	return orientation, nil
}

// typeSize is the size of one value of a TIFF type.
func typeSize(typ uint16) uint32 {
	switch typ {
	case 1, 2, 6, 7: // BYTE, ASCII, SBYTE, UNDEFINED
		return 1
	case 3, 8: // SHORT, SSHORT
		return 2
	case 4, 9, 11, 13: // LONG, SLONG, FLOAT, IFD
		return 4
	case 5, 10, 12: // RATIONAL, SRATIONAL, DOUBLE
		return 8
	}
	return 0
}

// blankValue says whether a tag's value holds nothing: only spaces and
// NULs in text or bytes (as cameras write for an unset artist), or a
// UserComment with a character code and nothing after it.
func blankValue(tag, typ uint16, v []byte) bool {
	if tag == 0x9286 && len(v) >= 8 { // UserComment: an 8-byte character code, then the text
		code := string(bytes.TrimRight(v[:8], "\x00 "))
		if code == "" || code == "ASCII" || code == "UNICODE" || code == "JIS" {
			v = v[8:]
		}
	}
	switch typ {
	case 1, 2, 6, 7:
		return blank(v)
	}
	return false
}

// minimalEXIF returns a big-endian TIFF structure holding only an
// orientation, to keep a photo upright once its EXIF block is removed.
func minimalEXIF(orientation uint16) []byte {
	b := []byte{'M', 'M', 0, 42, 0, 0, 0, 8, 0, 1}
	b = binary.BigEndian.AppendUint16(b, tagOrientation)
	b = binary.BigEndian.AppendUint16(b, 3) // SHORT
	b = binary.BigEndian.AppendUint32(b, 1)
	b = binary.BigEndian.AppendUint16(b, orientation)
	b = append(b, 0, 0, 0, 0, 0, 0) // padding, then no next IFD
	return b
}
