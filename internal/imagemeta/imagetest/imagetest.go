// Package imagetest makes small media files carrying chosen metadata, for
// tests of the metadata checks and of scrubbing: JPEG, PNG, WebP and GIF
// files that decode to a known picture, and TIFF, DNG, MP4 and XMP sidecar
// files whose metadata is real but that hold no picture.
package imagetest

import (
	"bytes"
	"encoding/base64"
	"encoding/binary"
	"fmt"
	"hash/crc32"
	"image"
	"image/color"
	"image/gif"
	"image/jpeg"
	"image/png"
	"path"
	"reflect"
	"strconv"
	"strings"
)

// Spec lists the metadata a test file carries. Each field's tag is its
// word in ParseSpec.
type Spec struct {
	GPS         bool   `word:"gps"`          // EXIF GPS latitude and longitude; MP4: a ©xyz atom
	Serial      bool   `word:"serial"`       // EXIF BodySerialNumber
	Artist      bool   `word:"artist"`       // EXIF Artist; MP4: a ©ART atom
	Owner       bool   `word:"owner"`        // EXIF CameraOwnerName
	Description bool   `word:"description"`  // EXIF ImageDescription naming a person and a place
	UserComment bool   `word:"user-comment"` // EXIF UserComment naming a person and a place
	XP          bool   `word:"xp"`           // EXIF XPComment and XPAuthor, as Windows writes them
	MakerNote   bool   `word:"maker-note"`   // EXIF MakerNote
	XMPCreator  bool   `word:"xmp-creator"`  // XMP dc:creator
	XMPGPS      bool   `word:"xmp-gps"`      // XMP exif:GPSLatitude and exif:GPSLongitude
	XMPOdd      bool   `word:"xmp-odd"`      // XMP GPS in the exif namespace under the prefix "e", with spaces around "="
	XMPFirst    bool   `word:"xmp-first"`    // JPEG: the XMP segment before the EXIF one
	DJI         bool   `word:"dji"`          // XMP drone-dji:GpsLatitude and GpsLongtitude, as DJI drones write them
	Person      bool   `word:"person"`       // XMP Iptc4xmpExt:PersonInImage
	FaceRegion  bool   `word:"face-region"`  // XMP MWG face region with a name
	MPRegion    bool   `word:"mp-region"`    // XMP Microsoft Photo region with a PersonDisplayName
	IPTCByline  bool   `word:"iptc-byline"`  // IPTC By-line (JPEG, TIFF)
	IPTCCity    bool   `word:"iptc-city"`    // IPTC City
	IPTCCountry bool   `word:"iptc-country"` // IPTC Country-PrimaryLocationName and code
	IPTCPlace   bool   `word:"iptc-place"`   // IPTC Sub-location
	IPTCWriter  bool   `word:"iptc-writer"`  // IPTC Writer-Editor
	IPTCCaption bool   `word:"iptc-caption"` // IPTC Caption-Abstract
	TextAuthor  bool   `word:"text-author"`  // PNG: a tEXt Author chunk
	Comment     bool   `word:"comment"`      // PNG: a tEXt Comment chunk; JPEG: a COM segment; GIF: a comment
	Trailer     bool   `word:"trailer"`      // JPEG: an MPF segment, and after the end a second JPEG with EXIF GPS and Artist
	TrailerData bool   `word:"trailer-data"` // JPEG: a Samsung-style trailer after the end
	QTLocation  bool   `word:"qt-location"`  // MP4: the key com.apple.quicktime.location.ISO6709
	MetaTrack   bool   `word:"meta-track"`   // MP4: a timed metadata track
	Software    bool   `word:"software"`     // EXIF Software: harmless
	Orientation uint16 // EXIF orientation, as orientation=N; 0 leaves it out
	As          string // the format, as as=jpg; "" takes it from the file's name
}

// Values planted in the files, which no scrubbed file may contain.
const (
	Name      = "Kim Min-jun"
	Place     = "Hoeryong"
	SerialNum = "0123456789"
	ISO6709   = "+42.4450+129.7517/"
)

// ParseSpec reads a spec written as words, the word tags of Spec's fields,
// orientation=N and as=EXT.
func ParseSpec(s string) (Spec, error) {
	var sp Spec
	v := reflect.ValueOf(&sp).Elem()
words:
	for _, w := range strings.Fields(s) {
		if n, ok := strings.CutPrefix(w, "orientation="); ok {
			o, err := strconv.ParseUint(n, 10, 16)
			if err != nil {
				return sp, err
			}
			sp.Orientation = uint16(o)
			continue
		}
		if ext, ok := strings.CutPrefix(w, "as="); ok {
			sp.As = ext
			continue
		}
		for i := range v.NumField() {
			if v.Type().Field(i).Tag.Get("word") == w {
				v.Field(i).SetBool(true)
				continue words
			}
		}
		return sp, fmt.Errorf("imagetest: unknown spec word %q", w)
	}
	return sp, nil
}

// File makes a file of the format sp.As or its name's extension says.
func File(name string, sp Spec) ([]byte, error) {
	ext := path.Ext(name)
	if sp.As != "" {
		ext = "." + sp.As
	}
	switch strings.ToLower(ext) {
	case ".jpg", ".jpeg", ".jpe", ".jfif":
		return JPEG(sp), nil
	case ".png":
		return PNG(sp), nil
	case ".webp":
		return WebP(sp), nil
	case ".tif", ".tiff":
		return TIFF(sp), nil
	case ".dng":
		return DNG(sp), nil
	case ".gif":
		return GIF(sp), nil
	case ".mp4", ".mov":
		return MP4(sp), nil
	case ".xmp":
		return xmp(sp), nil
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
	t, x := exif(sp), xmp(sp)
	if x != nil && sp.XMPFirst {
		out = segment(out, 0xE1, append([]byte("http://ns.adobe.com/xap/1.0/\x00"), x...))
	}
	if t != nil {
		out = segment(out, 0xE1, append([]byte("Exif\x00\x00"), t...))
	}
	if x != nil && !sp.XMPFirst {
		out = segment(out, 0xE1, append([]byte("http://ns.adobe.com/xap/1.0/\x00"), x...))
	}
	if sp.Trailer {
		// An MPF index: a TIFF header and an empty directory.
		out = segment(out, 0xE2, []byte("MPF\x00MM\x00\x2a\x00\x00\x00\x08\x00\x00\x00\x00\x00\x00"))
	}
	if iptc := iptc(sp); iptc != nil {
		res := []byte("Photoshop 3.0\x008BIM\x04\x04\x00\x00")
		res = binary.BigEndian.AppendUint32(res, uint32(len(iptc)))
		res = append(res, iptc...)
		if len(iptc)%2 == 1 {
			res = append(res, 0)
		}
		out = segment(out, 0xED, res)
	}
	if sp.Comment {
		out = segment(out, 0xFE, []byte("met "+Name+" in "+Place))
	}
	out = append(out, b[2:]...)
	if sp.Trailer {
		out = append(out, JPEG(Spec{GPS: true, Artist: true})...)
	}
	if sp.TrailerData {
		out = append(out, "\x00\x00\x00\x00MCC_Data310SEFHj\x00\x00\x00SEFT"...)
	}
	return out
}

func segment(out []byte, marker byte, payload []byte) []byte {
	out = append(out, 0xFF, marker)
	out = binary.BigEndian.AppendUint16(out, uint16(len(payload)+2))
	return append(out, payload...)
}

// iptc returns sp's IPTC-IIM datasets, or nil.
func iptc(sp Spec) []byte {
	var b []byte
	set := func(on bool, id byte, v string) {
		if on {
			b = append(b, 0x1C, 2, id)
			b = binary.BigEndian.AppendUint16(b, uint16(len(v)))
			b = append(b, v...)
		}
	}
	set(sp.IPTCByline, 80, Name)
	set(sp.IPTCCity, 90, Place)
	set(sp.IPTCPlace, 92, Place+" market")
	set(sp.IPTCCountry, 100, "PRK")
	set(sp.IPTCCountry, 101, "North Korea")
	set(sp.IPTCCaption, 120, Name+" at the market in "+Place)
	set(sp.IPTCWriter, 122, Name)
	return b
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
		out = chunk(out, "tEXt", []byte("Author\x00"+Name))
	}
	if sp.Comment {
		out = chunk(out, "tEXt", []byte("Comment\x00met "+Name+" in "+Place))
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

// TIFF makes a TIFF file: sp's EXIF, with its XMP and IPTC in the first
// directory as TIFF files carry them.
func TIFF(sp Spec) []byte {
	sp.Software = true // a first directory, whatever else sp asks for
	return tiff(sp, true, false)
}

// DNG makes a TIFF file marked as a DNG (Adobe's RAW format).
func DNG(sp Spec) []byte {
	sp.Software = true
	return tiff(sp, true, true)
}

// GIF makes a GIF file with sp's comment and XMP as extensions.
func GIF(sp Spec) []byte {
	var enc bytes.Buffer
	if err := gif.Encode(&enc, Picture(), nil); err != nil {
		panic(err)
	}
	b := enc.Bytes()
	head := 13
	if f := b[10]; f&0x80 != 0 {
		head += 3 << (f&7 + 1)
	}
	out := append([]byte{}, b[:head]...)
	if sp.Comment {
		text := "met " + Name + " in " + Place
		out = append(out, 0x21, 0xFE, byte(len(text)))
		out = append(append(out, text...), 0)
	}
	if x := xmp(sp); x != nil {
		// The XMP application extension: the packet as is, then a "magic
		// trailer" that makes any reader of sub-blocks skip it.
		out = append(out, 0x21, 0xFF, 11)
		out = append(out, "XMP DataXMP"...)
		out = append(out, x...)
		out = append(out, 1)
		for i := 255; i >= 0; i-- {
			out = append(out, byte(i))
		}
		out = append(out, 0)
	}
	return append(out, b[head:]...)
}

// MP4 makes the boxes of an MP4 file that carry metadata, around an empty
// media data box: a ©xyz location and a ©ART artist in the movie's user
// data, QuickTime metadata keys, an XMP box, a timed metadata track.
func MP4(sp Spec) []byte {
	var udta, moov []byte
	text := func(typ, v string) []byte { // a QuickTime text atom: length, language, text
		p := binary.BigEndian.AppendUint16(nil, uint16(len(v)))
		p = append(p, 0x15, 0xC7)
		return box(typ, append(p, v...))
	}
	if sp.GPS {
		udta = append(udta, text("\xA9xyz", ISO6709)...)
	}
	if sp.Artist {
		udta = append(udta, text("\xA9ART", Name)...)
	}
	moov = append(moov, box("mvhd", make([]byte, 100))...)
	if udta != nil {
		moov = append(moov, box("udta", udta)...)
	}
	if sp.QTLocation {
		key := "com.apple.quicktime.location.ISO6709"
		keys := binary.BigEndian.AppendUint32(make([]byte, 4), 1)
		keys = append(keys, box("mdta", []byte(key))...)
		data := box("data", append([]byte{0, 0, 0, 1, 0, 0, 0, 0}, ISO6709...))
		item := append(binary.BigEndian.AppendUint32(nil, uint32(8+len(data))), 0, 0, 0, 1)
		item = append(item, data...)
		hdlr := box("hdlr", append(make([]byte, 8), "mdta"+strings.Repeat("\x00", 13)...))
		moov = append(moov, box("meta", concat(hdlr, box("keys", keys), box("ilst", item)))...)
	}
	if sp.MetaTrack {
		hdlr := box("hdlr", append(make([]byte, 8), "meta"+strings.Repeat("\x00", 13)...))
		moov = append(moov, box("trak", box("mdia", hdlr))...)
	}
	out := box("ftyp", []byte("isom\x00\x00\x02\x00isomiso2mp41"))
	out = append(out, box("moov", moov)...)
	if x := xmp(sp); x != nil {
		out = append(out, box("uuid", append([]byte("\xBE\x7A\xCF\xCB\x97\xA9\x42\xE8\x9C\x71\x99\x94\x91\xE3\xAF\xAC"), x...))...)
	}
	return append(out, box("mdat", nil)...)
}

func box(typ string, payload []byte) []byte {
	b := binary.BigEndian.AppendUint32(nil, uint32(8+len(payload)))
	return append(append(b, typ...), payload...)
}

func concat(bs ...[]byte) []byte {
	return bytes.Join(bs, nil)
}

// xmp returns sp's XMP packet, or nil when sp asks for no XMP property.
func xmp(sp Spec) []byte {
	var ns, attrs, elems strings.Builder
	if sp.XMPGPS {
		attrs.WriteString(` exif:GPSLatitude="42,26.7N" exif:GPSLongitude="129,45.1E"`)
	}
	if sp.XMPOdd {
		ns.WriteString(` xmlns:e="http://ns.adobe.com/exif/1.0/"`)
		attrs.WriteString("\n  e:GPSLatitude = \"42,26.7N\"\n  e:GPSLongitude\t=\t'129,45.1E'")
	}
	if sp.DJI {
		ns.WriteString(` xmlns:drone-dji="http://www.dji.com/drone-dji/1.0/"`)
		attrs.WriteString(` drone-dji:GpsLatitude="42.4450" drone-dji:GpsLongtitude="129.7517" drone-dji:AbsoluteAltitude="+120.50"`)
	}
	if sp.XMPCreator {
		elems.WriteString(`<dc:creator><rdf:Seq><rdf:li>` + Name + `</rdf:li></rdf:Seq></dc:creator>`)
	}
	if sp.Person {
		ns.WriteString(` xmlns:Iptc4xmpExt="http://iptc.org/std/Iptc4xmpExt/2008-02-29/"`)
		elems.WriteString(`<Iptc4xmpExt:PersonInImage><rdf:Bag><rdf:li>` + Name + `</rdf:li></rdf:Bag></Iptc4xmpExt:PersonInImage>`)
	}
	if sp.FaceRegion {
		ns.WriteString(` xmlns:mwg-rs="http://www.metadataworkinggroup.com/schemas/regions/" xmlns:stArea="http://ns.adobe.com/xmp/sType/Area#"`)
		elems.WriteString(`<mwg-rs:Regions rdf:parseType="Resource"><mwg-rs:RegionList><rdf:Bag><rdf:li rdf:parseType="Resource">` +
			`<mwg-rs:Area stArea:x="0.5" stArea:y="0.5" stArea:w="0.2" stArea:h="0.2" stArea:unit="normalized"/>` +
			`<mwg-rs:Name>` + Name + `</mwg-rs:Name><mwg-rs:Type>Face</mwg-rs:Type></rdf:li></rdf:Bag></mwg-rs:RegionList></mwg-rs:Regions>`)
	}
	if sp.MPRegion {
		ns.WriteString(` xmlns:MP="http://ns.microsoft.com/photo/1.2/" xmlns:MPRI="http://ns.microsoft.com/photo/1.2/t/RegionInfo#" xmlns:MPReg="http://ns.microsoft.com/photo/1.2/t/Region#"`)
		elems.WriteString(`<MP:RegionInfo rdf:parseType="Resource"><MPRI:Regions><rdf:Bag><rdf:li MPReg:Rectangle="0.1, 0.1, 0.2, 0.2" MPReg:PersonDisplayName="` +
			Name + `"/></rdf:Bag></MPRI:Regions></MP:RegionInfo>`)
	}
	if attrs.Len() == 0 && elems.Len() == 0 {
		return nil
	}
	return fmt.Appendf(nil, `<?xpacket begin="`+"\uFEFF"+`" id="W5M0MpCehiHzreSzNTczkc9d"?>`+"\n"+
		`<x:xmpmeta xmlns:x="adobe:ns:meta/"><rdf:RDF xmlns:rdf="http://www.w3.org/1999/02/22-rdf-syntax-ns#">`+
		`<rdf:Description rdf:about="" xmlns:dc="http://purl.org/dc/elements/1.1/" xmlns:exif="http://ns.adobe.com/exif/1.0/"%s%s>%s</rdf:Description>`+
		`</rdf:RDF></x:xmpmeta>`+"\n"+`<?xpacket end="w"?>`, ns.String(), attrs.String(), elems.String())
}

// exif builds a little-endian TIFF structure with IFD0, an Exif IFD and a
// GPS IFD as sp asks, or returns nil when sp asks for no EXIF field.
func exif(sp Spec) []byte {
	return tiff(sp, false, false)
}

// tiff builds the TIFF structure of exif; with whole set, it is a TIFF
// file, which carries sp's XMP and IPTC as tags of its first directory, and
// with dng, a DNG file.
func tiff(sp Spec, whole, dng bool) []byte {
	type entry struct {
		tag, typ uint16
		ascii    string // ASCII value
		short    uint16 // SHORT value
		rational []uint32
		raw      []byte // UNDEFINED or BYTE value
		ifd      int    // index of the IFD it points to, or -1
	}
	ascii := func(tag uint16, s string) entry { return entry{tag: tag, typ: 2, ascii: s + "\x00", ifd: -1} }
	raw := func(tag, typ uint16, b []byte) entry { return entry{tag: tag, typ: typ, raw: b, ifd: -1} }
	ucs2 := func(s string) []byte {
		var b []byte
		for _, r := range s + "\x00" {
			b = binary.LittleEndian.AppendUint16(b, uint16(r))
		}
		return b
	}
	ifds := [][]entry{{}, {}, {}} // IFD0, Exif, GPS
	if sp.Description {
		ifds[0] = append(ifds[0], ascii(0x010E, Name+" near "+Place+", 42.445N 129.752E"))
	}
	if sp.Orientation != 0 {
		ifds[0] = append(ifds[0], entry{tag: 0x0112, typ: 3, short: sp.Orientation, ifd: -1})
	}
	if sp.Software {
		ifds[0] = append(ifds[0], ascii(0x0131, "imagetest"))
	}
	if sp.Artist {
		ifds[0] = append(ifds[0], ascii(0x013B, Name))
	}
	if whole {
		if x := xmp(sp); x != nil {
			ifds[0] = append(ifds[0], raw(0x02BC, 1, x))
		}
		if b := iptc(sp); b != nil {
			ifds[0] = append(ifds[0], raw(0x83BB, 7, b))
		}
	}
	if dng {
		ifds[0] = append(ifds[0], raw(0xC612, 1, []byte{1, 4, 0, 0})) // DNGVersion
	}
	if sp.XP {
		ifds[0] = append(ifds[0], raw(0x9C9C, 1, ucs2("met "+Name)), raw(0x9C9D, 1, ucs2(Name)))
	}
	if sp.MakerNote {
		ifds[1] = append(ifds[1], raw(0x927C, 7, []byte("Apple iOS\x00\x00\x01MM"+SerialNum)))
	}
	if sp.UserComment {
		ifds[1] = append(ifds[1], raw(0x9286, 7, []byte("ASCII\x00\x00\x00met "+Name+" in "+Place)))
	}
	if sp.Owner {
		ifds[1] = append(ifds[1], ascii(0xA430, Name))
	}
	if sp.Serial {
		ifds[1] = append(ifds[1], ascii(0xA431, SerialNum))
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
	value := func(v []byte) {
		b = le.AppendUint32(b, uint32(len(v)))
		if len(v) <= 4 {
			b = append(b, (string(v) + "\x00\x00\x00\x00")[:4]...)
			return
		}
		b = le.AppendUint32(b, off+uint32(len(data)))
		data = append(data, v...)
		if len(data)%2 == 1 {
			data = append(data, 0)
		}
	}
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
			case e.typ == 2:
				value([]byte(e.ascii))
			case e.typ == 5:
				b = le.AppendUint32(b, uint32(len(e.rational)/2))
				b = le.AppendUint32(b, off+uint32(len(data)))
				for _, v := range e.rational {
					data = le.AppendUint32(data, v)
				}
			default:
				value(e.raw)
			}
		}
		b = le.AppendUint32(b, 0)
	}
	return append(b, data...)
}
