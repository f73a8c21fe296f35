package imagemeta

import (
	"bytes"
	"encoding/binary"
)

// VP8X flags that announce metadata chunks.
const (
	vp8xEXIF = 0x08
	vp8xXMP  = 0x04
)

// webp reads the chunks of a RIFF WebP file. When scrub is set it returns the
// file without its EXIF and XMP chunks, with the VP8X flags and the RIFF
// size made to match.
func (s *scanner) webp(data []byte, scrub bool) ([]byte, error) {
	var out []byte
	if scrub {
		out = append(make([]byte, 0, len(data)), data[:12]...)
	}
	vp8x := -1 // offset of the VP8X payload in out
	orientation := uint16(1)
	i := 12
	for i < len(data) {
		if i+8 > len(data) {
			return nil, errTruncated
		}
		typ := string(data[i : i+4])
		n := int(binary.LittleEndian.Uint32(data[i+4:]))
		end := i + 8 + n + n%2
		if n < 0 || i+8+n > len(data) {
			return nil, errTruncated
		}
		if end > len(data) { // a missing pad byte at the very end
			end = len(data)
		}
		payload := data[i+8 : i+8+n]
		keep := true
		switch typ {
		case "EXIF":
			orientation = s.tiff(bytes.TrimPrefix(payload, exifHeader))
			keep = false
		case "XMP ":
			s.xmp(payload)
			keep = false
		case "VP8X":
			vp8x = len(out) + 8
		}
		if scrub && keep {
			out = append(out, data[i:end]...)
		}
		i = end
	}
	if scrub {
		if vp8x >= 0 && vp8x < len(out) {
			out[vp8x] &^= vp8xEXIF | vp8xXMP
			if orientation != 1 {
				// Keep the photo upright: a new EXIF chunk with only that.
				t := minimalEXIF(orientation)
				out = append(out, "EXIF"...)
				out = binary.LittleEndian.AppendUint32(out, uint32(len(t)))
				out = append(out, t...)
				out[vp8x] |= vp8xEXIF
			}
		}
		binary.LittleEndian.PutUint32(out[4:], uint32(len(out)-8))
	}
	return out, nil
}
