package imagemeta

import (
	"bytes"
	"encoding/binary"
	"slices"
)

// VP8X flags that announce metadata chunks.
const (
	vp8xEXIF = 0x08
	vp8xXMP  = 0x04
)

// webpKept are the chunks Scrub keeps: the image, its alpha, animation and
// colour profile. It drops EXIF, XMP and chunks it does not know.
var webpKept = []string{"VP8 ", "VP8L", "VP8X", "ALPH", "ANIM", "ANMF", "ICCP"}

// webp reads the chunks of a RIFF WebP file, and what follows the size the
// RIFF header gives. With scrub set it returns the file without its EXIF
// and XMP chunks, with the VP8X flags and the RIFF size made to match.
func (s *scanner) webp(data []byte, scrub bool) ([]byte, error) {
	if len(data) < 12 {
		return nil, errTruncated
	}
	size := int64(binary.LittleEndian.Uint32(data[4:])) + 8
	if size > int64(len(data)) {
		return nil, errTruncated
	}
	riff := data[:size]
	var out []byte
	if scrub {
		out = append(make([]byte, 0, len(data)), data[:12]...)
	}
	vp8x := -1 // offset of the VP8X payload in out
	orientation := uint16(1)
	i := 12
	for i < len(riff) {
		if i+8 > len(riff) {
			return nil, errTruncated
		}
		typ := string(riff[i : i+4])
		n := int64(binary.LittleEndian.Uint32(riff[i+4:]))
		if n > int64(len(riff)-i-8) {
			return nil, errTruncated
		}
		end := min(i+8+int(n)+int(n%2), len(riff)) // a missing pad byte at the very end is tolerated
		payload := riff[i+8 : i+8+int(n)]
		switch typ {
		case "EXIF":
			orientation = s.exif("EXIF", bytes.TrimPrefix(payload, exifHeader))
		case "XMP ":
			s.xmp("XMP", payload)
		case "VP8X":
			vp8x = len(out) + 8
		}
		if scrub && slices.Contains(webpKept, typ) {
			out = append(out, riff[i:end]...)
		}
		i = end
	}
	s.trailer("WebP", data[size:])
	if !scrub {
		return nil, nil
	}
	if vp8x >= 0 && vp8x < len(out) {
		out[vp8x] &^= vp8xEXIF | vp8xXMP
		if orientation > 1 && orientation <= 8 {
			// Keep the photo upright: a new EXIF chunk with only that.
			t := minimalEXIF(orientation)
			out = append(out, "EXIF"...)
			out = binary.LittleEndian.AppendUint32(out, uint32(len(t)))
			out = append(out, t...)
			out[vp8x] |= vp8xEXIF
		}
	}
	binary.LittleEndian.PutUint32(out[4:], uint32(len(out)-8))
	return out, nil
}
