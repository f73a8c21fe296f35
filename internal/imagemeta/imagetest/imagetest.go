// Package imagetest makes small JPEG, PNG and WebP files carrying chosen
// metadata, for tests of the metadata checks and of scrubbing.
package imagetest

import (
	"bytes"
	"encoding/base64"
	"encoding/binary"
	"fmt"
	"hash/crc32"
	"image"
	"image/color"
	"image/jpeg"
	"image/png"
	"path"
	"strconv"
	"strings"
)

// Spec lists the metadata a test file carries.
type Spec struct {
	GPS         bool   // EXIF GPS latitude and longitude
	Serial      bool   // EXIF BodySerialNumber
	Artist      bool   // EXIF Artist
	Owner       bool   // EXIF CameraOwnerName
	XMPCreator  bool   // XMP dc:creator
	XMPGPS      bool   // XMP exif:GPSLatitude
	IPTCByline  bool   // IPTC By-line (JPEG only)
	IPTCCity    bool   // IPTC City (JPEG only)
	TextAuthor  bool   // a PNG tEXt Author chunk (PNG only)
	Orientation uint16 // EXIF orientation; 0 leaves it out
	Software    bool   // EXIF Software: harmless
}

// ParseSpec reads a spec written as words: gps serial artist owner
// xmp-creator xmp-gps iptc-byline iptc-city text-author software
// orientation=N.
func ParseSpec(s string) (Spec, error) {
	var sp Spec
	for _, w := range strings.Fields(s) {
		switch {
		case w == "gps":
			sp.GPS = true
		case w == "serial":
			sp.Serial = true
		case w == "artist":
			sp.Artist = true
		case w == "owner":
			sp.Owner = true
		case w == "xmp-creator":
			sp.XMPCreator = true
		case w == "xmp-gps":
			sp.XMPGPS = true
		case w == "iptc-byline":
			sp.IPTCByline = true
		case w == "iptc-city":
			sp.IPTCCity = true
		case w == "text-author":
			sp.TextAuthor = true
		case w == "software":
			sp.Software = true
		case strings.HasPrefix(w, "orientation="):
			n, err := strconv.Atoi(strings.TrimPrefix(w, "orientation="))
			if err != nil {
				return sp, err
			}
			sp.Orientation = uint16(n)
		default:
			return sp, fmt.Errorf("imagetest: unknown spec word %q", w)
		}
	}
	return sp, nil
}

// File makes a file of the format its name's extension says.
func File(name string, sp Spec) ([]byte, error) {
	switch strings.ToLower(path.Ext(name)) {
	case ".jpg", ".jpeg":
		return JPEG(sp), nil
	case ".png":
		return PNG(sp), nil
	case ".webp":
		return WebP(sp), nil
	}
	return nil, fmt.Errorf("imagetest: no format for %q", name)
}

// Picture is the 16×16 picture of the JPEG and PNG files.
func Picture() image.Image {
	img := image.NewRGBA(image.Rect(0, 0, 16, 16))
	for y := range 16 {
		for x := range 16 {
			img.Set(x, y, color.RGBA{uint8(x * 16), uint8(y * 16), 128, 255})
		}
	}
	return img
}

// JPEG makes a JPEG file with sp's metadata after the SOI marker.
func JPEG(sp Spec) []byte {
	var enc bytes.Buffer
	if err := jpeg.Encode(&enc, Picture(), &jpeg.Options{Quality: 90}); err != nil {
		panic(err)
	}
	b := enc.Bytes()
	out := append([]byte{}, b[:2]...)
	if t := exif(sp); t != nil {
		out = segment(out, 0xE1, append([]byte("Exif\x00\x00"), t...))
	}
	if x := xmp(sp); x != nil {
		out = segment(out, 0xE1, append([]byte("http://ns.adobe.com/xap/1.0/\x00"), x...))
	}
	if sp.IPTCByline || sp.IPTCCity {
		var iptc []byte
		if sp.IPTCByline {
			iptc = dataset(iptc, 80, "Kim Min-jun")
		}
		if sp.IPTCCity {
			iptc = dataset(iptc, 90, "Hoeryong")
		}
		res := []byte("Photoshop 3.0\x008BIM\x04\x04\x00\x00")
		res = binary.BigEndian.AppendUint32(res, uint32(len(iptc)))
		res = append(res, iptc...)
		if len(iptc)%2 == 1 {
			res = append(res, 0)
		}
		out = segment(out, 0xED, res)
	}
	return append(out, b[2:]...)
}

func segment(out []byte, marker byte, payload []byte) []byte {
	out = append(out, 0xFF, marker)
	out = binary.BigEndian.AppendUint16(out, uint16(len(payload)+2))
	return append(out, payload...)
}

func dataset(b []byte, id byte, v string) []byte {
	b = append(b, 0x1C, 2, id)
	b = binary.BigEndian.AppendUint16(b, uint16(len(v)))
	return append(b, v...)
}

// PNG makes a PNG file with sp's metadata after the IHDR chunk.
func PNG(sp Spec) []byte {
	var enc bytes.Buffer
	if err := png.Encode(&enc, Picture()); err != nil {
		panic(err)
	}
	b := enc.Bytes()
	ihdrEnd := 8 + 12 + 13
	out := append([]byte{}, b[:ihdrEnd]...)
	if t := exif(sp); t != nil {
		out = chunk(out, "eXIf", t)
	}
	if x := xmp(sp); x != nil {
		out = chunk(out, "iTXt", append([]byte("XML:com.adobe.xmp\x00\x00\x00\x00\x00"), x...))
	}
	if sp.TextAuthor {
		out = chunk(out, "tEXt", []byte("Author\x00Kim Min-jun"))
	}
	out = chunk(out, "tEXt", []byte("Software\x00imagetest"))
	return append(out, b[ihdrEnd:]...)
}

func chunk(out []byte, typ string, payload []byte) []byte {
	out = binary.BigEndian.AppendUint32(out, uint32(len(payload)))
	start := len(out)
	out = append(out, typ...)
	out = append(out, payload...)
	return binary.BigEndian.AppendUint32(out, crc32.ChecksumIEEE(out[start:]))
}

// webpPixels is a 4×4 lossless VP8L bitstream made with cwebp.
const webpPixels = "UklGRoQAAABXRUJQVlA4THgAAAAvA8AAAH+gJpKtpvvfQCInCdhAFqJwgAJqVNDiQ2kkW838DvL/WBqgDfr3+GRxaUZJbFvRzFer/jF+hw2HpR6BsGg6EGH+Q3Hv6xj7+vm79VkJeHV4GP1hx9RKmODSNNDU6cv7CEQCEAd0L0Q3rHLCFz8j+h8pZew="

// WebP makes an extended WebP file (VP8X) with sp's EXIF and XMP chunks.
func WebP(sp Spec) []byte {
	simple, err := base64.StdEncoding.DecodeString(webpPixels)
	if err != nil {
		panic(err)
	}
	vp8l := simple[12:] // the VP8L chunk
	t, x := exif(sp), xmp(sp)
	if t == nil && x == nil {
		return simple
	}
	var flags byte
	if t != nil {
		flags |= 0x08
	}
	if x != nil {
		flags |= 0x04
	}
	body := []byte("WEBP")
	body = riff(body, "VP8X", []byte{flags, 0, 0, 0, 3, 0, 0, 3, 0, 0})
	body = append(body, vp8l...)
	if t != nil {
		body = riff(body, "EXIF", t)
	}
	if x != nil {
		body = riff(body, "XMP ", x)
	}
	out := []byte("RIFF")
	out = binary.LittleEndian.AppendUint32(out, uint32(len(body)))
	return append(out, body...)
}

func riff(out []byte, typ string, payload []byte) []byte {
	out = append(out, typ...)
	out = binary.LittleEndian.AppendUint32(out, uint32(len(payload)))
	out = append(out, payload...)
	if len(payload)%2 == 1 {
		out = append(out, 0)
	}
	return out
}

func xmp(sp Spec) []byte {
	if !sp.XMPCreator && !sp.XMPGPS {
		return nil
	}
	var props strings.Builder
	if sp.XMPGPS {
		props.WriteString(` exif:GPSLatitude="42,26.7N" exif:GPSLongitude="129,45.1E"`)
	}
	var creator string
	if sp.XMPCreator {
		creator = `<dc:creator><rdf:Seq><rdf:li>Kim Min-jun</rdf:li></rdf:Seq></dc:creator>`
	}
	return fmt.Appendf(nil, `<x:xmpmeta xmlns:x="adobe:ns:meta/"><rdf:RDF xmlns:rdf="http://www.w3.org/1999/02/22-rdf-syntax-ns#">`+
		`<rdf:Description xmlns:dc="http://purl.org/dc/elements/1.1/" xmlns:exif="http://ns.adobe.com/exif/1.0/"%s>%s</rdf:Description>`+
		`</rdf:RDF></x:xmpmeta>`, props.String(), creator)
}

// exif builds a little-endian TIFF structure with IFD0, an Exif IFD and a
// GPS IFD as sp asks, or returns nil when sp asks for no EXIF field.
func exif(sp Spec) []byte {
	type entry struct {
		tag, typ uint16
		ascii    string // ASCII value
		short    uint16 // SHORT value
		rational []uint32
		ifd      int // index of the IFD it points to, or -1
	}
	ascii := func(tag uint16, s string) entry { return entry{tag: tag, typ: 2, ascii: s + "\x00", ifd: -1} }
	ifds := [][]entry{{}, {}, {}} // IFD0, Exif, GPS
	if sp.Orientation != 0 {
		ifds[0] = append(ifds[0], entry{tag: 0x0112, typ: 3, short: sp.Orientation, ifd: -1})
	}
	if sp.Software {
		ifds[0] = append(ifds[0], ascii(0x0131, "imagetest"))
	}
	if sp.Artist {
		ifds[0] = append(ifds[0], ascii(0x013B, "Kim Min-jun"))
	}
	if sp.Serial {
		ifds[1] = append(ifds[1], ascii(0xA431, "0123456789"))
	}
	if sp.Owner {
		ifds[1] = append(ifds[1], ascii(0xA430, "Kim Min-jun"))
	}
	if sp.GPS {
		ifds[2] = append(ifds[2], ascii(0x0001, "N"),
			entry{tag: 0x0002, typ: 5, rational: []uint32{42, 1, 26, 1, 4020, 100}, ifd: -1},
			ascii(0x0003, "E"),
			entry{tag: 0x0004, typ: 5, rational: []uint32{129, 1, 45, 1, 660, 100}, ifd: -1})
	}
	if len(ifds[0])+len(ifds[1])+len(ifds[2]) == 0 {
		return nil
	}
	if len(ifds[1]) > 0 {
		ifds[0] = append(ifds[0], entry{tag: 0x8769, typ: 4, ifd: 1})
	}
	if len(ifds[2]) > 0 {
		ifds[0] = append(ifds[0], entry{tag: 0x8825, typ: 4, ifd: 2})
	}
	// Offsets: header, then each IFD, then the values that do not fit.
	offsets := make([]uint32, 3)
	off := uint32(8)
	for i, ifd := range ifds {
		if len(ifd) == 0 && i > 0 {
			continue
		}
		offsets[i] = off
		off += 2 + 12*uint32(len(ifd)) + 4
	}
	le := binary.LittleEndian
	b := []byte{'I', 'I', 42, 0}
	b = le.AppendUint32(b, 8)
	var data []byte
	for i, ifd := range ifds {
		if len(ifd) == 0 && i > 0 {
			continue
		}
		b = le.AppendUint16(b, uint16(len(ifd)))
		for _, e := range ifd {
			b = le.AppendUint16(b, e.tag)
			b = le.AppendUint16(b, e.typ)
			switch {
			case e.ifd >= 0:
				b = le.AppendUint32(b, 1)
				b = le.AppendUint32(b, offsets[e.ifd])
			case e.typ == 3:
				b = le.AppendUint32(b, 1)
				b = le.AppendUint16(b, e.short)
				b = append(b, 0, 0)
			case e.typ == 2 && len(e.ascii) <= 4:
				b = le.AppendUint32(b, uint32(len(e.ascii)))
				b = append(b, (e.ascii + "\x00\x00\x00")[:4]...)
			case e.typ == 2:
				b = le.AppendUint32(b, uint32(len(e.ascii)))
				b = le.AppendUint32(b, off+uint32(len(data)))
				data = append(data, e.ascii...)
			case e.typ == 5:
				b = le.AppendUint32(b, uint32(len(e.rational)/2))
				b = le.AppendUint32(b, off+uint32(len(data)))
				for _, v := range e.rational {
					data = le.AppendUint32(data, v)
				}
			}
		}
		b = le.AppendUint32(b, 0)
	}
	return append(b, data...)
}
