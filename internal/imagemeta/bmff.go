package imagemeta

import (
	"encoding/binary"
	"fmt"
	"slices"
)

// xmpUUID is the type of the uuid box that holds XMP in MP4 files.
const xmpUUID = "\xBE\x7A\xCF\xCB\x97\xA9\x42\xE8\x9C\x71\x99\x94\x91\xE3\xAF\xAC"

// trackHandlers are the kinds of track whose samples hold nothing but
// pictures, sound or time codes. Any other track (timed metadata, text,
// subtitles) can hold a position for every frame, as drones and action
// cameras write, and we cannot read it.
var trackHandlers = []string{"vide", "soun", "tmcd"}

// threeGPP are the 3GPP user data boxes: version and flags, a language,
// then the value.
var threeGPP = []string{"auth", "dscp", "titl", "perf", "cprt", "kywd", "loci"}

// bmff reads an ISO base media file (MP4, MOV, 3GP, HEIF, AVIF): the user
// data of the movie and its tracks (©xyz locations, 3GPP boxes), QuickTime
// metadata keys (com.apple.quicktime.location.ISO6709 ...), iTunes-style
// items, and XMP boxes. Every box must lie inside the data.
func (s *scanner) bmff(data []byte) error {
	return s.boxes(data, "", 0)
}

func (s *scanner) boxes(b []byte, parent string, depth int) error {
	if depth > 32 {
		return fmt.Errorf("%w: boxes nested too deep", ErrDamaged)
	}
	var keys []string // QuickTime metadata keys, which ilst items refer to by number
	for len(b) > 0 {
		if len(b) < 8 {
			if blank(b) {
				return nil
			}
			return errTruncated
		}
		size, head := uint64(binary.BigEndian.Uint32(b)), uint64(8)
		typ := string(b[4:8])
		switch size {
		case 0: // to the end
			size = uint64(len(b))
		case 1:
			if len(b) < 16 {
				return errTruncated
			}
			size, head = binary.BigEndian.Uint64(b[8:]), 16
		}
		if size < head || size > uint64(len(b)) {
			return errTruncated
		}
		payload := b[head:size]
		var err error
		switch typ {
		case "moov", "trak", "mdia", "minf", "udta", "moof", "traf":
			err = s.boxes(payload, typ, depth+1)
		case "meta":
			// QuickTime's meta holds boxes; ISO's has a version and flags first.
			if !(len(payload) >= 8 && string(payload[4:8]) == "hdlr") && len(payload) >= 4 {
				payload = payload[4:]
			}
			err = s.boxes(payload, typ, depth+1)
		case "keys":
			keys = quickTimeKeys(payload)
		case "ilst":
			err = s.items(payload, keys)
		case "hdlr":
			if h := handler(payload); parent == "mdia" && !slices.Contains(trackHandlers, h) {
				err = fmt.Errorf("%w: a track of kind %q (timed metadata or text, which can hold a position for every frame)", ErrUnsupported, h)
			}
		case "cmov":
			err = fmt.Errorf("%w: a compressed movie header", ErrUnsupported)
		case "uuid":
			if len(payload) >= 16 && string(payload[:16]) == xmpUUID {
				s.xmp("XMP", payload[16:])
			}
		case "XMP_":
			s.xmp("XMP", payload)
		default:
			if k, ok := atoms[typ]; ok && parent == "udta" && !blank(atomValue(typ, payload)) {
				s.add(k, "QuickTime", atomName(typ))
			}
		}
		if err != nil {
			return err
		}
		b = b[size:]
	}
	return nil
}

func handler(hdlr []byte) string {
	if len(hdlr) < 12 {
		return ""
	}
	return string(hdlr[8:12])
}

// quickTimeKeys reads a keys box: version and flags, a count, then each
// key as a size, a namespace ("mdta") and the name.
func quickTimeKeys(b []byte) []string {
	var keys []string
	if len(b) < 8 {
		return nil
	}
	b = b[8:]
	for len(b) >= 8 {
		n := int(binary.BigEndian.Uint32(b))
		if n < 8 || n > len(b) {
			break
		}
		keys = append(keys, string(b[8:n]))
		b = b[n:]
	}
	return keys
}

// items reads an ilst box: each item is a box whose type is a 1-based index
// into keys, or an iTunes atom such as ©nam, holding a data box.
func (s *scanner) items(b []byte, keys []string) error {
	for len(b) >= 8 {
		n := uint64(binary.BigEndian.Uint32(b))
		if n < 8 || n > uint64(len(b)) {
			return errTruncated
		}
		typ, value := string(b[4:8]), atomValue("", b[8:n])
		if !blank(value) {
			if i := int(binary.BigEndian.Uint32(b[4:])); i >= 1 && i <= len(keys) {
				if k, ok := keyRule(keys[i-1]); ok {
					s.add(k, "QuickTime", keys[i-1])
				}
			} else if k, ok := atoms[typ]; ok {
				s.add(k, "QuickTime", atomName(typ))
			}
		}
		b = b[n:]
	}
	return nil
}

// atomValue returns the value of a metadata atom: what its data box holds,
// the text of a QuickTime ©-atom (a length and a language first) or of a
// 3GPP box (a version, flags and a language first).
func atomValue(typ string, p []byte) []byte {
	switch {
	case len(p) >= 16 && string(p[4:8]) == "data":
		n := min(int(binary.BigEndian.Uint32(p)), len(p))
		return p[min(16, n):n]
	case slices.Contains(threeGPP, typ) && len(p) >= 6:
		return p[6:]
	case len(p) >= 4:
		return p[4:]
	}
	return nil
}
