package imagemeta_test

import (
	"bytes"
	"errors"
	"image"
	_ "image/gif"
	_ "image/jpeg"
	_ "image/png"
	"io"
	"slices"
	"strings"
	"testing"

	bim "github.com/bep/imagemeta"
	"github.com/dispatch-news/dispatch/internal/imagemeta"
	"github.com/dispatch-news/dispatch/internal/imagemeta/imagetest"
	_ "golang.org/x/image/webp"
)

func fields(fs []imagemeta.Finding) []string {
	var out []string
	for _, f := range fs {
		out = append(out, f.Block+" "+f.Field)
	}
	slices.Sort(out)
	return out
}

// TestAttacks: every way identifying metadata got past the old checks, in
// a file made for the test. Scan finds each; Scrub removes it, or refuses a
// format it does not rewrite.
func TestAttacks(t *testing.T) {
	for _, tc := range []struct {
		name string // the extension chooses the generator, never the reader
		spec string // imagetest.ParseSpec words
		want []string
	}{
		{"clean.jpg", "software orientation=1", nil},
		{"gps.jpg", "gps", []string{"EXIF GPS"}},
		{"all.jpg", "gps serial artist owner xmp-creator xmp-gps iptc-byline iptc-city",
			[]string{"EXIF Artist", "EXIF BodySerialNumber", "EXIF CameraOwnerName", "EXIF GPS", "IPTC By-line", "IPTC City", "XMP dc:creator", "XMP exif:GPSLatitude", "XMP exif:GPSLongitude"}},
		{"rotated.jpg", "serial orientation=6", []string{"EXIF BodySerialNumber"}},
		{"photo.jfif", "gps artist", []string{"EXIF Artist", "EXIF GPS"}},
		{"photo.jpe", "gps", []string{"EXIF GPS"}},
		{"xmp-prefix-and-spaces.jpg", "xmp-odd", []string{"XMP exif:GPSLatitude", "XMP exif:GPSLongitude"}},
		{"xmp-before-exif.jpg", "xmp-first gps artist xmp-creator", []string{"EXIF Artist", "EXIF GPS", "XMP dc:creator"}},
		{"dji.jpg", "dji", []string{"XMP drone-dji:AbsoluteAltitude", "XMP drone-dji:GpsLatitude", "XMP drone-dji:GpsLongtitude"}},
		{"person.jpg", "person", []string{"XMP Iptc4xmpExt:PersonInImage"}},
		{"faces.jpg", "face-region mp-region", []string{"XMP MPReg:PersonDisplayName", "XMP mwg-rs:Name"}},
		{"iptc.jpg", "iptc-country iptc-writer iptc-place iptc-caption",
			[]string{"IPTC Caption-Abstract", "IPTC Country-PrimaryLocationCode", "IPTC Country-PrimaryLocationName", "IPTC Sub-location", "IPTC Writer-Editor"}},
		{"text.jpg", "description user-comment xp comment",
			[]string{"EXIF ImageDescription", "EXIF UserComment", "EXIF XPAuthor", "EXIF XPComment", "JPEG COM"}},
		{"maker-note.jpg", "maker-note", []string{"EXIF MakerNote"}},
		{"mpf-trailer.jpg", "trailer", []string{"JPEG image after the end of the first", "embedded JPEG EXIF Artist", "embedded JPEG EXIF GPS"}},
		{"samsung-trailer.jpg", "trailer-data", []string{"JPEG data after the end of the image"}},
		{"clean.png", "", nil},
		{"all.png", "gps serial xmp-creator text-author", []string{"EXIF BodySerialNumber", "EXIF GPS", "PNG text Author", "XMP dc:creator"}},
		{"comment.png", "comment person", []string{"PNG text Comment", "XMP Iptc4xmpExt:PersonInImage"}},
		{"clean.webp", "", nil},
		{"all.webp", "gps artist xmp-gps", []string{"EXIF Artist", "EXIF GPS", "XMP exif:GPSLatitude", "XMP exif:GPSLongitude"}},
		{"dji.webp", "dji face-region", []string{"XMP drone-dji:AbsoluteAltitude", "XMP drone-dji:GpsLatitude", "XMP drone-dji:GpsLongtitude", "XMP mwg-rs:Name"}},
		// Formats Scrub refuses.
		{"photo.tif", "gps artist xmp-creator iptc-byline", []string{"EXIF Artist", "EXIF GPS", "IPTC By-line", "XMP dc:creator"}},
		{"raw.dng", "gps serial maker-note", []string{"EXIF BodySerialNumber", "EXIF GPS", "EXIF MakerNote"}},
		{"video.mp4", "gps artist qt-location xmp-gps",
			[]string{"QuickTime com.apple.quicktime.location.ISO6709", "QuickTime ©ART", "QuickTime ©xyz", "XMP exif:GPSLatitude", "XMP exif:GPSLongitude"}},
		{"sidecar.xmp", "dji person xmp-odd",
			[]string{"XMP Iptc4xmpExt:PersonInImage", "XMP drone-dji:AbsoluteAltitude", "XMP drone-dji:GpsLatitude", "XMP drone-dji:GpsLongtitude", "XMP exif:GPSLatitude", "XMP exif:GPSLongitude"}},
		{"anim.gif", "comment xmp-creator", []string{"GIF comment", "XMP dc:creator"}},
	} {
		t.Run(tc.name, func(t *testing.T) {
			t.Parallel()
			sp, err := imagetest.ParseSpec(tc.spec)
			if err != nil {
				t.Fatal(err)
			}
			data, err := imagetest.File(tc.name, sp)
			if err != nil {
				t.Fatal(err)
			}
			found, err := imagemeta.Scan(data)
			if err != nil {
				t.Fatal(err)
			}
			if got := fields(found); !slices.Equal(got, tc.want) {
				t.Fatalf("Scan = %q, want %q", got, tc.want)
			}
			format, _ := imagemeta.Sniff(data)
			out, removed, err := imagemeta.Scrub(data)
			if !imagemeta.CanScrub(format) {
				if !errors.Is(err, imagemeta.ErrCannotScrub) || !bytes.Equal(out, data) || removed != nil {
					t.Fatalf("Scrub of a %s: %d bytes, %q, %v; want it refused", format, len(out), fields(removed), err)
				}
				if !strings.Contains(err.Error(), "export") && !strings.Contains(err.Error(), "delete") {
					t.Errorf("the refusal does not say what to do: %v", err)
				}
				return
			}
			if err != nil {
				t.Fatal(err)
			}
			if got := fields(removed); !slices.Equal(got, tc.want) {
				t.Errorf("Scrub removed %q, want %q", got, tc.want)
			}
			if len(tc.want) == 0 {
				if !bytes.Equal(out, data) {
					t.Errorf("Scrub changed a clean file")
				}
				return
			}
			checkScrubbed(t, format, data, out, imagetest.Name, imagetest.Place, imagetest.SerialNum, "42,26.7N", "42.4450")
		})
	}
}

// checkScrubbed asserts what must hold of a scrubbed file: our reader
// finds nothing; an independent reader finds nothing either; no planted
// value is left in its bytes; and its pixels are those of the original.
func checkScrubbed(t *testing.T, format imagemeta.Format, before, after []byte, planted ...string) {
	t.Helper()
	if again, err := imagemeta.Scan(after); err != nil || len(again) > 0 {
		t.Errorf("after Scrub, Scan finds %q, %v", fields(again), err)
	}
	for _, left := range independentReader(t, format, after) {
		t.Errorf("after Scrub, the independent reader finds %s", left)
	}
	for _, p := range planted {
		if bytes.Contains(after, []byte(p)) {
			t.Errorf("after Scrub, the file still holds %q", p)
		}
	}
	a, _, err := image.Decode(bytes.NewReader(before))
	if err != nil {
		t.Fatalf("decoding the original: %v", err)
	}
	b, f, err := image.Decode(bytes.NewReader(after))
	if err != nil {
		t.Fatalf("decoding the scrubbed %s: %v", f, err)
	}
	if !samePixels(a, b) {
		t.Errorf("Scrub changed the pixels")
	}
}

var bepFormats = map[imagemeta.Format]bim.ImageFormat{imagemeta.JPEG: bim.JPEG, imagemeta.PNG: bim.PNG, imagemeta.WebP: bim.WebP}

// independentReader reads a scrubbed file with bep/imagemeta, EXIF, IPTC
// and XMP separately, every tag handled, and probes every JPEG embedded in
// it. It returns what is left but the orientation; nothing should be.
func independentReader(t *testing.T, format imagemeta.Format, data []byte) []string {
	t.Helper()
	var left []string
	for _, src := range []bim.Source{bim.EXIF, bim.IPTC, bim.XMP} {
		_, err := bim.Decode(bim.Options{
			R:               bytes.NewReader(data),
			ImageFormat:     bepFormats[format],
			Sources:         src,
			ShouldHandleTag: func(bim.TagInfo) bool { return true },
			HandleXMP: func(r io.Reader) error {
				left = append(left, "an XMP packet")
				_, err := io.Copy(io.Discard, r)
				return err
			},
			HandleTag: func(ti bim.TagInfo) error {
				if ti.Tag != "Orientation" {
					left = append(left, ti.Namespace+" "+ti.Tag)
				}
				return nil
			},
		})
		if err != nil {
			t.Errorf("bep/imagemeta: %v", err)
		}
	}
	for i := 1; ; i++ {
		k := bytes.Index(data[i:], []byte("\xFF\xD8\xFF"))
		if k < 0 {
			break
		}
		i += k
		left = append(left, "an embedded JPEG")
	}
	return left
}

func samePixels(a, b image.Image) bool {
	if a.Bounds() != b.Bounds() {
		return false
	}
	for y := a.Bounds().Min.Y; y < a.Bounds().Max.Y; y++ {
		for x := a.Bounds().Min.X; x < a.Bounds().Max.X; x++ {
			r1, g1, b1, a1 := a.At(x, y).RGBA()
			r2, g2, b2, a2 := b.At(x, y).RGBA()
			if r1 != r2 || g1 != g2 || b1 != b2 || a1 != a2 {
				return false
			}
		}
	}
	return true
}

// TestUnreadable: what cannot be read is an error, never a pass.
func TestUnreadable(t *testing.T) {
	jpg := imagetest.JPEG(imagetest.Spec{GPS: true})
	png := imagetest.PNG(imagetest.Spec{GPS: true})
	webp := imagetest.WebP(imagetest.Spec{GPS: true})
	mp4 := imagetest.MP4(imagetest.Spec{GPS: true})
	tif := imagetest.TIFF(imagetest.Spec{GPS: true})
	for _, tc := range []struct {
		name string
		data []byte
		want error
	}{
		{"text", []byte("not a photo at all"), imagemeta.ErrUnknownFormat},
		{"GIF87 header only", []byte("GIF87a"), imagemeta.ErrDamaged},
		{"Matroska", []byte("\x1A\x45\xDF\xA3\x01\x00\x00\x00"), imagemeta.ErrUnsupported},
		{"WAV", []byte("RIFF\x24\x00\x00\x00WAVEfmt "), imagemeta.ErrUnsupported},
		{"CR3", []byte("\x00\x00\x00\x18ftypcrx \x00\x00\x00\x01crx isom"), imagemeta.ErrUnsupported},
		{"JPEG XL", []byte("\xFF\x0A\xFA\x7F"), imagemeta.ErrUnsupported},
		{"timed metadata track", imagetest.MP4(imagetest.Spec{MetaTrack: true}), imagemeta.ErrUnsupported},
		{"JPEG cut in its metadata", jpg[:30], imagemeta.ErrDamaged},
		{"JPEG cut in its image data", jpg[:len(jpg)-10], imagemeta.ErrDamaged},
		{"PNG cut", png[:len(png)-20], imagemeta.ErrDamaged},
		{"WebP cut", webp[:len(webp)-8], imagemeta.ErrDamaged},
		{"MP4 cut", mp4[:len(mp4)-20], imagemeta.ErrDamaged},
		{"TIFF cut before its GPS", tif[:60], imagemeta.ErrDamaged},
		{"XMP that is not XML", xmpJPEG("<x:xmpmeta><rdf:RDF></x:xmpmeta>"), imagemeta.ErrBadMetadata},
		{"XMP in UTF-16", xmpJPEG("<?xml version='1.0' encoding='UTF-16'?><x:xmpmeta/>"), imagemeta.ErrBadMetadata},
	} {
		t.Run(tc.name, func(t *testing.T) {
			found, err := imagemeta.Scan(tc.data)
			if !errors.Is(err, tc.want) {
				t.Errorf("Scan = %q, %v; want %v", fields(found), err, tc.want)
			}
		})
	}
}

// xmpJPEG makes a JPEG whose XMP segment holds packet.
func xmpJPEG(packet string) []byte {
	j := imagetest.JPEG(imagetest.Spec{})
	seg := []byte{0xFF, 0xE1, 0, 0}
	seg = append(append(seg, "http://ns.adobe.com/xap/1.0/\x00"...), packet...)
	seg[2], seg[3] = byte((len(seg)-2)>>8), byte(len(seg)-2)
	return slices.Insert(j, 2, seg...)
}

// TestScrubRemovesUnreadable: a block Scan cannot decode stops the check,
// and Scrub removes it.
func TestScrubRemovesUnreadable(t *testing.T) {
	data := xmpJPEG(`<x:xmpmeta xmlns:x="adobe:ns:meta/"><dc:creator>` + imagetest.Name + `</x:xmpmeta>`)
	if _, err := imagemeta.Scan(data); !errors.Is(err, imagemeta.ErrBadMetadata) {
		t.Fatalf("Scan: %v, want ErrBadMetadata", err)
	}
	out, removed, err := imagemeta.Scrub(data)
	if err != nil {
		t.Fatal(err)
	}
	if got := fields(removed); !slices.Equal(got, []string{"XMP (cannot be decoded)"}) || removed[0].Kind != imagemeta.Unreadable {
		t.Errorf("Scrub removed %q", got)
	}
	checkScrubbed(t, imagemeta.JPEG, data, out, imagetest.Name)
}

func TestScrubKeepsOrientation(t *testing.T) {
	data := imagetest.JPEG(imagetest.Spec{GPS: true, Orientation: 6})
	out, _, err := imagemeta.Scrub(data)
	if err != nil {
		t.Fatal(err)
	}
	// The minimal EXIF block written back holds orientation 6 (big endian).
	if !bytes.Contains(out, []byte("Exif\x00\x00MM\x00\x2a")) || !bytes.Contains(out, []byte{0x01, 0x12, 0x00, 0x03, 0, 0, 0, 1, 0, 6}) {
		t.Errorf("the orientation was not kept")
	}
	upright, _, _ := imagemeta.Scrub(imagetest.JPEG(imagetest.Spec{GPS: true, Orientation: 1}))
	if bytes.Contains(upright, []byte("Exif\x00\x00")) {
		t.Errorf("an upright photo kept an EXIF block")
	}
}

func TestScrubKeepsOrientationInPNGAndWebP(t *testing.T) {
	for _, name := range []string{"r.png", "r.webp"} {
		data, _ := imagetest.File(name, imagetest.Spec{GPS: true, Orientation: 8})
		out, _, err := imagemeta.Scrub(data)
		if err != nil {
			t.Fatal(err)
		}
		if !bytes.Contains(out, []byte{0x01, 0x12, 0x00, 0x03, 0, 0, 0, 1, 0, 8}) {
			t.Errorf("%s: the orientation was not kept", name)
		}
		if _, _, err := image.Decode(bytes.NewReader(out)); err != nil {
			t.Errorf("%s: %v", name, err)
		}
	}
}

func TestWebPFlagsAndSize(t *testing.T) {
	out, _, err := imagemeta.Scrub(imagetest.WebP(imagetest.Spec{GPS: true, XMPCreator: true}))
	if err != nil {
		t.Fatal(err)
	}
	if got := int(out[4]) | int(out[5])<<8 | int(out[6])<<16 | int(out[7])<<24; got != len(out)-8 {
		t.Errorf("RIFF size %d, want %d", got, len(out)-8)
	}
	if flags := out[20]; flags&0x0C != 0 {
		t.Errorf("VP8X flags %#x still announce EXIF or XMP", flags)
	}
}

// TestScrubKeepsColourProfile: the ICC profile stays, the MPF index and
// what follows the image's end go.
func TestScrubKeepsColourProfile(t *testing.T) {
	icc := []byte{0xFF, 0xE2, 0, 2 + 21}
	icc = append(icc, "ICC_PROFILE\x00\x01\x01profile"...)
	data := slices.Insert(imagetest.JPEG(imagetest.Spec{Trailer: true}), 2, icc...)
	out, _, err := imagemeta.Scrub(data)
	if err != nil {
		t.Fatal(err)
	}
	if !bytes.Contains(out, icc) {
		t.Errorf("the colour profile was removed")
	}
	if bytes.Contains(out, []byte("MPF\x00")) {
		t.Errorf("the MPF index was kept")
	}
	if !bytes.HasSuffix(out, []byte{0xFF, 0xD9}) || bytes.Count(out, []byte{0xFF, 0xD8}) != 1 {
		t.Errorf("the scrubbed file does not end with its only image")
	}
}

// TestExtraneousBytes: bytes between two segments, which decoders skip,
// neither stop the reader nor stay in a scrubbed file.
func TestExtraneousBytes(t *testing.T) {
	data := imagetest.JPEG(imagetest.Spec{GPS: true})
	i := 4 + (int(data[4])<<8 | int(data[5])) // after the EXIF segment
	data = slices.Insert(data, i, []byte("\x00\x00junk")...)
	if found, err := imagemeta.Scan(data); err != nil || !slices.Equal(fields(found), []string{"EXIF GPS"}) {
		t.Fatalf("Scan = %q, %v", fields(found), err)
	}
	out, _, err := imagemeta.Scrub(data)
	if err != nil {
		t.Fatal(err)
	}
	if bytes.Contains(out, []byte("junk")) {
		t.Errorf("the extraneous bytes were kept")
	}
	checkScrubbed(t, imagemeta.JPEG, data, out, "junk")
}

// FuzzScrub: no input makes the readers panic; Scrub succeeds on whatever
// Scan reads in a format it rewrites, and what it returns has nothing
// left to find.
func FuzzScrub(f *testing.F) {
	all := imagetest.Spec{GPS: true, Serial: true, Artist: true, XMPCreator: true, IPTCCity: true, TextAuthor: true,
		Orientation: 6, Trailer: true, Person: true, FaceRegion: true, Comment: true, UserComment: true, QTLocation: true}
	for _, name := range []string{"a.jpg", "a.png", "a.webp", "a.tif", "a.gif", "a.mp4", "a.xmp"} {
		data, _ := imagetest.File(name, all)
		f.Add(data)
	}
	f.Fuzz(func(t *testing.T, data []byte) {
		_, err := imagemeta.Scan(data)
		out, _, serr := imagemeta.Scrub(data)
		if format, _ := imagemeta.Sniff(data); serr != nil {
			if err == nil && imagemeta.CanScrub(format) {
				t.Fatalf("Scan read it, Scrub did not: %v", serr)
			}
			return
		}
		if left, err := imagemeta.Scan(out); err != nil || len(left) > 0 {
			t.Fatalf("after Scrub: %v, %v", fields(left), err)
		}
	})
}

// FuzzScan: no input makes Sniff or Scan panic.
func FuzzScan(f *testing.F) {
	all := imagetest.Spec{GPS: true, Artist: true, XMPOdd: true, DJI: true, MPRegion: true, IPTCCaption: true, MakerNote: true, XP: true, MetaTrack: true}
	for _, name := range []string{"a.jpg", "a.png", "a.webp", "a.tif", "a.dng", "a.gif", "a.mp4", "a.xmp"} {
		data, _ := imagetest.File(name, all)
		f.Add(data)
	}
	f.Fuzz(func(t *testing.T, data []byte) {
		imagemeta.Sniff(data)
		imagemeta.Scan(data)
	})
}
