package imagemeta

import (
	"bytes"
	"compress/zlib"
	"encoding/binary"
	"encoding/hex"
	"hash/crc32"
	"io"
	"strings"
)

var pngSignature = []byte("\x89PNG\r\n\x1a\n")

// png reads the chunks of a PNG file. When scrub is set it returns the file
// without its eXIf chunk and text chunks (tEXt, zTXt, iTXt), which hold XMP,
// ImageMagick's raw EXIF and IPTC profiles and free-form author fields.
func (s *scanner) png(data []byte, scrub bool) ([]byte, error) {
	var out []byte
	if scrub {
		out = append(make([]byte, 0, len(data)), pngSignature...)
	}
	orientation := uint16(1)
	i := len(pngSignature)
	for i < len(data) {
		if i+12 > len(data) {
			return nil, errTruncated
		}
		n := int(binary.BigEndian.Uint32(data[i:]))
		typ := string(data[i+4 : i+8])
		end := i + 12 + n
		if n < 0 || end > len(data) {
			return nil, errTruncated
		}
		payload := data[i+8 : i+8+n]
		keep := true
		switch typ {
		case "eXIf":
			orientation = s.tiff(payload)
			keep = false
		case "IDAT":
			// The eXIf chunk must come before the image data.
			if scrub && orientation != 1 {
				out = appendChunk(out, "eXIf", minimalEXIF(orientation))
				orientation = 1
			}
		case "tEXt", "zTXt", "iTXt":
			s.pngText(typ, payload)
			keep = false
		}
		if scrub && keep {
			out = append(out, data[i:end]...)
		}
		i = end
		if typ == "IEND" {
			break
		}
	}
	return out, nil
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
		return
	}
	var text []byte
	switch typ {
	case "tEXt":
		text = rest
	case "zTXt":
		if len(rest) < 1 {
			return
		}
		text = inflate(rest[1:])
	case "iTXt":
		if len(rest) < 2 {
			return
		}
		compressed := rest[0] == 1
		rest = rest[2:]
		// language tag, NUL, translated keyword, NUL, text
		for range 2 {
			if _, r, ok := bytes.Cut(rest, []byte{0}); ok {
				rest = r
			} else {
				return
			}
		}
		text = rest
		if compressed {
			text = inflate(text)
		}
	}
	k := string(key)
	switch {
	case k == "XML:com.adobe.xmp":
		s.xmp(text)
	case strings.EqualFold(k, "Author"), strings.EqualFold(k, "Copyright"), strings.EqualFold(k, "Artist"):
		if len(bytes.TrimSpace(text)) > 0 {
			s.add(Owner, "PNG text", k)
		}
	case strings.EqualFold(k, "Location"):
		s.add(Location, "PNG text", k)
	case strings.HasPrefix(k, "Raw profile type "):
		profile := rawProfile(text)
		switch strings.TrimPrefix(k, "Raw profile type ") {
		case "exif", "APP1":
			s.tiff(bytes.TrimPrefix(profile, exifHeader))
		case "iptc":
			s.photoshop(profile)
			s.iptc(profile)
		case "xmp":
			s.xmp(profile)
		}
	}
}

// rawProfile decodes ImageMagick's "\nname\n  length\nhex…" text.
func rawProfile(text []byte) []byte {
	fields := bytes.Fields(text)
	if len(fields) < 3 {
		return nil
	}
	h := bytes.Join(fields[2:], nil)
	b := make([]byte, hex.DecodedLen(len(h)))
	n, _ := hex.Decode(b, h)
	return b[:n]
}

func inflate(b []byte) []byte {
	r, err := zlib.NewReader(bytes.NewReader(b))
	if err != nil {
		return nil
	}
	out, _ := io.ReadAll(io.LimitReader(r, 16<<20))
	return out
}
