package imagemeta

import (
	"bytes"
	"compress/zlib"
	"encoding/binary"
	"encoding/hex"
	"errors"
	"hash/crc32"
	"io"
	"slices"
	"strings"
)

var pngSignature = []byte("\x89PNG\r\n\x1a\n")

// pngKept are the ancillary chunks Scrub keeps: colour, transparency,
// resolution and animation. It drops every other one: eXIf, text (tEXt,
// zTXt, iTXt: XMP, ImageMagick's EXIF and IPTC profiles, comments), C2PA
// manifests (caBX) and chunks it does not know.
var pngKept = []string{"cHRM", "gAMA", "iCCP", "sBIT", "sRGB", "cICP", "mDCv", "cLLi", "bKGD", "hIST", "tRNS", "pHYs", "sPLT", "acTL", "fcTL", "fdAT"}

// png reads the chunks of a PNG file up to IEND, and what follows it.
func (s *scanner) png(data []byte, scrub bool) ([]byte, error) {
	var out []byte
	if scrub {
		out = append(make([]byte, 0, len(data)), pngSignature...)
	}
	orientation := uint16(1)
	i := len(pngSignature)
	for {
		if i+12 > len(data) {
			return nil, errTruncated
		}
		n := int64(binary.BigEndian.Uint32(data[i:]))
		typ := string(data[i+4 : i+8])
		if n > int64(len(data)-i-12) {
			return nil, errTruncated
		}
		end := i + 12 + int(n)
		payload := data[i+8 : i+8+int(n)]
		keep := typ[0] >= 'A' && typ[0] <= 'Z' || slices.Contains(pngKept, typ) // critical chunks, and the harmless
		switch typ {
		case "eXIf":
			orientation = s.exif("EXIF", payload)
		case "tEXt", "zTXt", "iTXt":
			s.pngText(typ, payload)
		case "caBX":
			s.add(Owner, "C2PA", "manifest")
		case "IDAT":
			// An eXIf chunk must come before the image data.
			if scrub && orientation > 1 && orientation <= 8 {
				out = appendChunk(out, "eXIf", minimalEXIF(orientation))
			}
			orientation = 1
		}
		if scrub && keep {
			out = append(out, data[i:end]...)
		}
		i = end
		if typ == "IEND" {
			s.trailer("PNG", data[i:])
			return out, nil
		}
	}
}

func appendChunk(out []byte, typ string, payload []byte) []byte {
	out = binary.BigEndian.AppendUint32(out, uint32(len(payload)))
	start := len(out)
	out = append(out, typ...)
	out = append(out, payload...)
	return binary.BigEndian.AppendUint32(out, crc32.ChecksumIEEE(out[start:]))
}

// pngText reads a text chunk: keyword, NUL, then the text, compressed for
// zTXt and for iTXt when its flag says so.
func (s *scanner) pngText(typ string, b []byte) {
	key, rest, ok := bytes.Cut(b, []byte{0})
	if !ok {
		s.problem("PNG text", errors.New("a text chunk has no keyword"))
		return
	}
	k := string(key)
	text, err := rest, error(nil)
	switch typ {
	case "zTXt":
		if len(rest) < 1 {
			text = nil
			break
		}
		text, err = inflate(rest[1:])
	case "iTXt":
		// compression flag, method, language tag, NUL, translated keyword, NUL, text
		if len(rest) < 2 {
			err = errTruncated
			break
		}
		compressed := rest[0] == 1
		parts := bytes.SplitN(rest[2:], []byte{0}, 3)
		if len(parts) < 3 {
			err = errTruncated
			break
		}
		text = parts[2]
		if compressed {
			text, err = inflate(text)
		}
	}
	if err != nil {
		s.problem("PNG text "+k, err)
		return
	}
	switch {
	case k == "XML:com.adobe.xmp":
		s.xmp("XMP", text)
	case strings.HasPrefix(k, "Raw profile type "):
		profile, err := rawProfile(text)
		if err != nil {
			s.problem("PNG text "+k, err)
			return
		}
		switch name := strings.TrimPrefix(k, "Raw profile type "); name {
		case "exif", "APP1":
			s.exif("EXIF", bytes.TrimPrefix(profile, exifHeader))
		case "iptc", "8bim":
			if bytes.HasPrefix(profile, []byte("8BIM")) {
				s.photoshop(profile)
			} else {
				s.iptc(profile)
			}
		case "xmp":
			s.xmp("XMP", profile)
		case "icc", "icm":
		default:
			s.add(Text, "PNG text", k)
		}
	case !blank(text):
		if kind, ok := textRule(k); ok {
			if strings.HasPrefix(k, "exif:GPS") { // ImageMagick writes one for each tag
				k = "exif:GPS*"
			}
			s.add(kind, "PNG text", k)
		}
	}
}

// rawProfile decodes ImageMagick's profile text: a newline, the profile's
// name, a newline, its length in bytes, a newline, then hex digits over
// many lines.
func rawProfile(text []byte) ([]byte, error) {
	_, rest, _ := bytes.Cut(bytes.TrimLeft(text, "\n"), []byte("\n")) // the name
	_, h, _ := bytes.Cut(bytes.TrimLeft(rest, " "), []byte("\n"))     // the length
	h = bytes.Join(bytes.Fields(h), nil)
	b := make([]byte, hex.DecodedLen(len(h)))
	n, err := hex.Decode(b, h)
	return b[:n], err
}

func inflate(b []byte) ([]byte, error) {
	r, err := zlib.NewReader(bytes.NewReader(b))
	if err != nil {
		return nil, err
	}
	out, err := io.ReadAll(io.LimitReader(r, 64<<20))
	if err == nil && len(out) == 64<<20 {
		err = errors.New("more than 64 MB of text")
	}
	return out, err
}
