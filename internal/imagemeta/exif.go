package imagemeta

import (
	"encoding/binary"
)

// EXIF tags that identify a person, a camera or a place.
var exifTags = map[uint16]struct {
	name string
	kind Kind
}{
	0x013B: {"Artist", Owner},
	0x8298: {"Copyright", Owner},
	0x9C9D: {"XPAuthor", Owner},
	0xA430: {"CameraOwnerName", Owner},
	0xA431: {"BodySerialNumber", Serial},
	0xA435: {"LensSerialNumber", Serial},
	// Camera makers keep the serial number in their own block.
	0x927C: {"MakerNote", Serial},
}

const (
	tagExifIFD     = 0x8769
	tagGPSIFD      = 0x8825
	tagOrientation = 0x0112
)

// tiff reads an EXIF block (a TIFF structure) and returns the image's
// orientation (1 when unset).
func (s *scanner) tiff(b []byte) (orientation uint16) {
	orientation = 1
	if len(b) < 8 {
		return
	}
	var bo binary.ByteOrder
	switch string(b[:2]) {
	case "II":
		bo = binary.LittleEndian
	case "MM":
		bo = binary.BigEndian
	default:
		return
	}
	visited := map[uint32]bool{}
	var walk func(off uint32, ifd string)
	walk = func(off uint32, ifd string) {
		if visited[off] || int(off)+2 > len(b) {
			return
		}
		visited[off] = true
		n := int(bo.Uint16(b[off:]))
		for i := range n {
			e := int(off) + 2 + 12*i
			if e+12 > len(b) {
				return
			}
			tag := bo.Uint16(b[e:])
			count := bo.Uint32(b[e+4:])
			value := bo.Uint32(b[e+8:])
			switch {
			case ifd == "GPS":
				// Any GPS field (latitude, longitude, altitude, time…).
				if tag != 0 || count > 0 {
					s.add(GPS, "EXIF", "GPS")
				}
			case tag == tagExifIFD:
				walk(value, "Exif")
			case tag == tagGPSIFD:
				walk(value, "GPS")
			case tag == tagOrientation && ifd == "IFD0":
				orientation = bo.Uint16(b[e+8:])
			default:
				if t, ok := exifTags[tag]; ok && count > 0 && !blank(b, bo, b[e+2:e+4], count, b[e+8:e+12]) {
					s.add(t.kind, "EXIF", t.name)
				}
			}
		}
		if ifd == "IFD0" {
			if next := int(off) + 2 + 12*n; next+4 <= len(b) {
				// IFD1 describes the thumbnail; it rarely holds more, but may.
				if o := bo.Uint32(b[next:]); o != 0 {
					walk(o, "IFD1")
				}
			}
		}
	}
	walk(bo.Uint32(b[4:]), "IFD0")
	return orientation
}

// blank says whether an ASCII value holds only spaces and NULs, as cameras
// write for an unset artist or copyright.
func blank(b []byte, bo binary.ByteOrder, typ []byte, count uint32, value []byte) bool {
	if bo.Uint16(typ) != 2 { // not ASCII
		return false
	}
	var v []byte
	if count <= 4 {
		v = value[:count]
	} else {
		off := bo.Uint32(value)
		if uint64(off)+uint64(count) > uint64(len(b)) {
			return false
		}
		v = b[off : off+count]
	}
	for _, c := range v {
		if c != 0 && c != ' ' {
			return false
		}
	}
	return true
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
