package imagemeta

import (
	"bytes"
	"io"

	bim "github.com/bep/imagemeta"
)

// bepFormats are the formats bep/imagemeta reads.
var bepFormats = map[Format]bim.ImageFormat{
	JPEG: bim.JPEG, PNG: bim.PNG, WebP: bim.WebP, TIFF: bim.TIFF,
	DNG: bim.DNG, CR2: bim.CR2, NEF: bim.NEF, ARW: bim.ARW, PEF: bim.PEF,
	HEIF: bim.HEIF, AVIF: bim.AVIF,
}

// decodeFile reads a whole file with bep/imagemeta, if it reads the format.
func (s *scanner) decodeFile(f Format, data []byte) {
	if bf, ok := bepFormats[f]; ok {
		for _, src := range []bim.Source{bim.EXIF, bim.IPTC, bim.XMP} {
			s.decode(sourceName(src), data, bf, src)
		}
	}
}

// decodeTIFF reads an EXIF block with bep/imagemeta. Its RAW reader reads
// any TIFF structure, the thumbnail's directory (IFD1) included.
func (s *scanner) decodeTIFF(block string, b []byte) {
	for _, src := range []bim.Source{bim.EXIF, bim.IPTC, bim.XMP} {
		s.decode(block, b, bim.DNG, src)
	}
}

func sourceName(src bim.Source) string {
	switch src {
	case bim.IPTC:
		return "IPTC"
	case bim.XMP:
		return "XMP"
	}
	return "EXIF"
}

// decode reads one source of metadata with bep/imagemeta, every tag
// handled, and reports the identifying ones. One source at a time: asked
// for several, it can skip one (in a JPEG whose XMP segment comes before
// its EXIF, asking for EXIF and XMP together skips the XMP). XMP packets
// are handed to our own reader, which reads every property by namespace.
func (s *scanner) decode(block string, data []byte, f bim.ImageFormat, src bim.Source) {
	_, err := bim.Decode(bim.Options{
		R:               bytes.NewReader(data),
		ImageFormat:     f,
		Sources:         src,
		ShouldHandleTag: func(bim.TagInfo) bool { return true },
		// Its limits stay: values over 10000 bytes are skipped and
		// decoding stops after 5000 tags, without notice, which keeps a
		// hostile file from making it read gigabytes. Our own readers have
		// no such limits: they report those tags.
		HandleXMP: func(r io.Reader) error {
			b, err := io.ReadAll(r)
			if err == nil {
				s.xmp(block, b)
			}
			return err
		},
		HandleTag: func(t bim.TagInfo) error {
			s.tag(block, t)
			return nil
		},
	})
	if err != nil {
		s.problem(block, err)
	}
}

// tag reports a tag that bep/imagemeta decoded, if it identifies.
func (s *scanner) tag(block string, t bim.TagInfo) {
	var (
		name string
		k    Kind
		ok   bool
	)
	switch t.Source {
	case bim.EXIF:
		name, k, ok = exifRule(t.Tag, t.Namespace)
	case bim.IPTC:
		var r rule
		r, ok = iptcByName[t.Tag]
		name, k = r.name, r.kind
	case bim.XMP: // only with the default XMP handler, which we replace
		name = t.Tag
		k, ok = wordRule(t.Namespace, t.Tag)
	}
	if ok && (k == GPS || !emptyValue(t.Value)) {
		s.add(k, block, name)
	}
}

// emptyValue says whether a decoded value holds nothing but spaces.
func emptyValue(v any) bool {
	switch v := v.(type) {
	case nil:
		return true
	case string:
		return blank([]byte(v))
	case []byte:
		return blank(v)
	case []string:
		for _, e := range v {
			if !blank([]byte(e)) {
				return false
			}
		}
		return true
	case []any:
		for _, e := range v {
			if !emptyValue(e) {
				return false
			}
		}
		return true
	}
	return false
}
