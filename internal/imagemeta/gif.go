package imagemeta

import (
	"bytes"
	"encoding/binary"
	"fmt"
)

// gif reads the blocks of a GIF file: comments, application extensions
// (XMP is one, and the probe reads its packet) and what follows the
// trailer. Scrub does not rewrite GIF files.
func (s *scanner) gif(data []byte) error {
	if len(data) < 13 {
		return errTruncated
	}
	i := 13
	if f := data[10]; f&0x80 != 0 { // a global colour table
		i += 3 << (f&7 + 1)
	}
	for {
		if i >= len(data) {
			return errTruncated
		}
		var (
			body []byte
			err  error
		)
		switch data[i] {
		case 0x3B: // trailer
			s.trailer("GIF", data[i+1:])
			return nil
		case 0x2C: // an image: descriptor, local colour table, LZW code size, data
			if i+11 > len(data) {
				return errTruncated
			}
			f := data[i+9]
			i += 11
			if f&0x80 != 0 {
				i += 3 << (f&7 + 1)
			}
			i, _, err = subBlocks(data, i)
		case 0x21: // an extension
			if i+2 > len(data) {
				return errTruncated
			}
			label := data[i+1]
			i, body, err = subBlocks(data, i+2)
			if label == 0xFE && !blank(body) {
				s.add(Text, "GIF", "comment")
			}
		default:
			return fmt.Errorf("%w: unknown GIF block 0x%02X", ErrDamaged, data[i])
		}
		if err != nil {
			return err
		}
	}
}

// subBlocks reads a chain of sub-blocks, each a length then as many bytes,
// ended by an empty one, and returns the offset after it and their bytes.
func subBlocks(data []byte, i int) (int, []byte, error) {
	var body bytes.Buffer
	for {
		if i >= len(data) {
			return 0, nil, errTruncated
		}
		n := int(data[i])
		if n == 0 {
			return i + 1, body.Bytes(), nil
		}
		if i+1+n > len(data) {
			return 0, nil, errTruncated
		}
		body.Write(data[i+1 : i+1+n])
		i += 1 + n
	}
}

// ico reads an icon file: a directory of images, each a PNG, read as such,
// or a bitmap, which carries no metadata.
func (s *scanner) ico(data []byte) error {
	if len(data) < 6 {
		return errTruncated
	}
	n := int(binary.LittleEndian.Uint16(data[4:]))
	if 6+16*n > len(data) {
		return errTruncated
	}
	for e := 6; e < 6+16*n; e += 16 {
		size, off := int64(binary.LittleEndian.Uint32(data[e+8:])), int64(binary.LittleEndian.Uint32(data[e+12:]))
		if off+size > int64(len(data)) {
			return errTruncated
		}
		if img := data[off : off+size]; bytes.HasPrefix(img, pngSignature) {
			if _, err := s.png(img, false); err != nil {
				return err
			}
		}
	}
	return nil
}
