package imagemeta

import (
	"bytes"
	"encoding/binary"
	"errors"
	"fmt"
	"slices"
)

var (
	exifHeader        = []byte("Exif\x00\x00")
	xmpHeader         = []byte("http://ns.adobe.com/xap/1.0/\x00")
	xmpExtendedHeader = []byte("http://ns.adobe.com/xmp/extension/\x00")
)

// jpeg reads a JPEG file: the segments of its first image, the scans up to
// its end (EOI), and whatever follows. With scrub set it returns the first
// image with no APPn segment but JFIF (APP0, without a thumbnail), the
// colour profile (APP2 ICC_PROFILE) and Adobe's colour transform (APP14),
// no comment, and nothing after its end; an orientation other than upright
// is kept in a new, minimal EXIF block. The image data is copied as is.
func (s *scanner) jpeg(data []byte, scrub bool) ([]byte, error) {
	j := jpegReader{s: s, scrub: scrub}
	end, err := j.read(data, false)
	if err != nil {
		return nil, err
	}
	j.extendedXMP()
	s.trailer("JPEG", data[end:])
	if !scrub {
		return nil, nil
	}
	if j.orientation > 1 && j.orientation <= 8 {
		seg := []byte{0xFF, 0xE1, 0, 0}
		seg = append(append(seg, exifHeader...), minimalEXIF(j.orientation)...)
		binary.BigEndian.PutUint16(seg[2:], uint16(len(seg)-2))
		j.out = slices.Insert(j.out, j.exifAt, seg...)
	}
	return j.out, nil
}

// jpegHeader reads the metadata segments of a JPEG found inside another
// file, up to its first scan. It is a probe: what is not a JPEG after all
// stops it quietly.
func (s *scanner) jpegHeader(data []byte) {
	j := jpegReader{s: s}
	j.read(data, true)
	j.extendedXMP()
}

type jpegReader struct {
	s           *scanner
	scrub       bool
	out         []byte
	exifAt      int    // where a minimal EXIF segment goes in out
	orientation uint16 // of the first EXIF block; 0 before one is read
	extended    map[string][][]byte
}

// read walks the segments from the SOI marker at data[0] and returns the
// offset just past the EOI marker, or stops at the first scan with
// headerOnly.
func (j *jpegReader) read(data []byte, headerOnly bool) (int, error) {
	if j.scrub {
		j.out = append(make([]byte, 0, len(data)), 0xFF, 0xD8)
		j.exifAt = 2
	}
	i := 2
	for {
		// Bytes before a marker are an error that decoders let pass
		// (libjpeg's "extraneous bytes"): skip them, and Scrub drops them.
		if i < len(data) && data[i] != 0xFF {
			k := bytes.IndexByte(data[i:], 0xFF)
			if k < 0 {
				return 0, errTruncated
			}
			i += k
		}
		// Markers may be padded with 0xFF bytes.
		for i+1 < len(data) && data[i] == 0xFF && data[i+1] == 0xFF {
			i++
		}
		if i+2 > len(data) || data[i] != 0xFF {
			return 0, errTruncated
		}
		marker := data[i+1]
		if marker == 0xD9 { // EOI
			j.copy(data[i : i+2])
			return i + 2, nil
		}
		if marker >= 0xD0 && marker <= 0xD7 || marker == 0x01 { // no length
			j.copy(data[i : i+2])
			i += 2
			continue
		}
		if i+4 > len(data) {
			return 0, errTruncated
		}
		end := i + 2 + int(binary.BigEndian.Uint16(data[i+2:]))
		if end < i+4 || end > len(data) {
			return 0, errTruncated
		}
		seg, payload := data[i:end], data[i+4:end]
		switch {
		case marker == 0xDA: // start of scan: the entropy-coded data runs to the next marker
			if headerOnly {
				return end, nil
			}
			next := scanEnd(data, end)
			if next < 0 {
				return 0, errTruncated
			}
			j.copy(data[i:next])
			i = next
			continue
		case marker >= 0xE0 && marker <= 0xEF:
			seg = j.app(marker, seg, payload, i == 2)
		case marker == 0xFE:
			if !blank(payload) {
				j.s.add(Text, "JPEG", "COM")
			}
			seg = nil
		case marker < 0xC0:
			return 0, fmt.Errorf("%w: unknown JPEG marker 0x%02X", ErrDamaged, marker)
		}
		j.copy(seg)
		i = end
	}
}

func (j *jpegReader) copy(b []byte) {
	if j.scrub {
		j.out = append(j.out, b...)
	}
}

// app reads an application segment and returns what of it Scrub keeps.
func (j *jpegReader) app(marker byte, seg, payload []byte, first bool) []byte {
	s := j.s
	is := func(m byte, prefix string) bool { return marker == m && bytes.HasPrefix(payload, []byte(prefix)) }
	switch {
	case is(0xE0, "JFIF\x00") && len(payload) >= 14:
		if first {
			j.exifAt = 2 + len(seg) // EXIF goes after JFIF
		}
		if payload[12] != 0 && payload[13] != 0 {
			s.add(Embedded, "JFIF", "thumbnail")
			seg = slices.Clone(seg[:18])
			seg[16], seg[17] = 0, 0
			binary.BigEndian.PutUint16(seg[2:], 16)
			if first {
				j.exifAt = 2 + len(seg)
			}
		}
		return seg
	case is(0xE0, "JFXX\x00"):
		s.add(Embedded, "JFXX", "thumbnail")
	case is(0xE1, string(exifHeader)):
		if o := s.exif("EXIF", payload[len(exifHeader):]); j.orientation == 0 {
			j.orientation = o
		}
	case is(0xE1, string(xmpHeader)):
		s.xmp("XMP", payload[len(xmpHeader):])
	case is(0xE1, string(xmpExtendedHeader)):
		j.addExtended(payload[len(xmpExtendedHeader):])
	case is(0xE2, "ICC_PROFILE\x00"), is(0xEE, "Adobe"):
		return seg
	case is(0xEB, "JP"):
		s.add(Owner, "C2PA", "manifest") // content credentials name the creator and the signer
	case is(0xEC, "Ducky"):
		j.ducky(payload[5:])
	case is(0xED, string(photoshopHeader)):
		s.photoshop(payload[len(photoshopHeader):])
	}
	return nil
}

// ducky reads the comment and copyright of Photoshop's "Save for Web".
func (j *jpegReader) ducky(b []byte) {
	for len(b) >= 4 {
		tag, n := binary.BigEndian.Uint16(b), int(binary.BigEndian.Uint16(b[2:]))
		if tag == 0 || 4+n > len(b) {
			return
		}
		if v := b[4 : 4+n]; len(v) > 4 && !blank(v[4:]) { // a 4-byte length, then UTF-16
			switch tag {
			case 2:
				j.s.add(Text, "Ducky", "Comment")
			case 3:
				j.s.add(Owner, "Ducky", "Copyright")
			}
		}
		b = b[4+n:]
	}
}

// addExtended keeps a chunk of extended XMP: a GUID, the full length, the
// chunk's offset, then the chunk.
func (j *jpegReader) addExtended(b []byte) {
	if len(b) < 40 {
		j.s.problem("extended XMP", errTruncated)
		return
	}
	if j.extended == nil {
		j.extended = map[string][][]byte{}
	}
	guid := string(b[:32])
	j.extended[guid] = append(j.extended[guid], b[32:])
}

// extendedXMP puts the chunks of each extended XMP packet together, in the
// order of their offsets, and reads the packet.
func (j *jpegReader) extendedXMP() {
	for _, chunks := range j.extended {
		slices.SortFunc(chunks, func(a, b []byte) int {
			return int(binary.BigEndian.Uint32(a[4:])) - int(binary.BigEndian.Uint32(b[4:]))
		})
		total := int(binary.BigEndian.Uint32(chunks[0]))
		var packet []byte
		for _, c := range chunks {
			if int(binary.BigEndian.Uint32(c[4:])) == len(packet) {
				packet = append(packet, c[8:]...)
			}
		}
		if len(packet) != total {
			j.s.problem("extended XMP", errors.New("chunks are missing"))
			continue
		}
		j.s.xmp("extended XMP", packet)
	}
	j.extended = nil
}

// scanEnd returns the offset of the marker that ends the entropy-coded
// data from i, or -1 at the end of data. In that data 0xFF is followed by
// 0x00 (a stuffed byte) or a restart marker.
func scanEnd(data []byte, i int) int {
	for {
		k := bytes.IndexByte(data[i:], 0xFF)
		if k < 0 || i+k+1 >= len(data) {
			return -1
		}
		i += k
		if m := data[i+1]; m != 0x00 && (m < 0xD0 || m > 0xD7) {
			return i
		}
		i += 2
	}
}

// trailer reports what follows the end of an image, unless it is padding.
func (s *scanner) trailer(block string, rest []byte) {
	if len(bytes.Trim(rest, "\x00\xFF")) == 0 {
		return
	}
	if bytes.Contains(rest, []byte("\xFF\xD8\xFF")) {
		s.add(Embedded, block, "image after the end of the first")
	} else {
		s.add(Embedded, block, "data after the end of the image")
	}
}
