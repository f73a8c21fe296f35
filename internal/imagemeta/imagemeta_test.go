package imagemeta_test

import (
	"bytes"
	"image"
	_ "image/jpeg"
	_ "image/png"
	"slices"
	"testing"

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

func TestScanAndScrub(t *testing.T) {
	for _, tc := range []struct {
		name string
		spec imagetest.Spec
		want []string
	}{
		{"clean.jpg", imagetest.Spec{Software: true, Orientation: 1}, nil},
		{"gps.jpg", imagetest.Spec{GPS: true}, []string{"EXIF GPS"}},
		{"all.jpg", imagetest.Spec{GPS: true, Serial: true, Artist: true, Owner: true, XMPCreator: true, XMPGPS: true, IPTCByline: true, IPTCCity: true},
			[]string{"EXIF Artist", "EXIF BodySerialNumber", "EXIF CameraOwnerName", "EXIF GPS", "IPTC By-line", "IPTC City", "XMP dc:creator", "XMP exif:GPSLatitude", "XMP exif:GPSLongitude"}},
		{"rotated.jpg", imagetest.Spec{Serial: true, Orientation: 6}, []string{"EXIF BodySerialNumber"}},
		{"clean.png", imagetest.Spec{}, nil},
		{"all.png", imagetest.Spec{GPS: true, Serial: true, XMPCreator: true, TextAuthor: true},
			[]string{"EXIF BodySerialNumber", "EXIF GPS", "PNG text Author", "XMP dc:creator"}},
		{"clean.webp", imagetest.Spec{}, nil},
		{"all.webp", imagetest.Spec{GPS: true, Artist: true, XMPGPS: true},
			[]string{"EXIF Artist", "EXIF GPS", "XMP exif:GPSLatitude", "XMP exif:GPSLongitude"}},
	} {
		t.Run(tc.name, func(t *testing.T) {
			data, err := imagetest.File(tc.name, tc.spec)
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
			out, removed, err := imagemeta.Scrub(data)
			if err != nil {
				t.Fatal(err)
			}
			if got := fields(removed); !slices.Equal(got, tc.want) {
				t.Errorf("Scrub removed %q, want %q", got, tc.want)
			}
			if len(tc.want) == 0 && !bytes.Equal(out, data) {
				t.Errorf("Scrub changed a clean file")
			}
			if again, _ := imagemeta.Scan(out); len(again) > 0 {
				t.Errorf("after Scrub, Scan still finds %q", fields(again))
			}
			// The pixels are the same, decoded before and after.
			before, _, err := image.Decode(bytes.NewReader(data))
			if err != nil {
				t.Fatalf("decoding the original: %v", err)
			}
			after, format, err := image.Decode(bytes.NewReader(out))
			if err != nil {
				t.Fatalf("decoding the scrubbed %s: %v", format, err)
			}
			if !samePixels(before, after) {
				t.Errorf("Scrub changed the pixels")
			}
		})
	}
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

func TestBadInput(t *testing.T) {
	if _, err := imagemeta.Scan([]byte("GIF89a")); err == nil {
		t.Error("a GIF was read")
	}
	data := imagetest.JPEG(imagetest.Spec{GPS: true})
	if _, err := imagemeta.Scan(data[:30]); err == nil {
		t.Error("a truncated JPEG gave no error")
	}
	p := imagetest.PNG(imagetest.Spec{GPS: true})
	if _, err := imagemeta.Scan(p[:40]); err == nil {
		t.Error("a truncated PNG gave no error")
	}
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

// FuzzScrub: no input makes the readers panic, and what Scrub returns has
// nothing left to find.
func FuzzScrub(f *testing.F) {
	all := imagetest.Spec{GPS: true, Serial: true, Artist: true, XMPCreator: true, IPTCCity: true, TextAuthor: true, Orientation: 6}
	for _, name := range []string{"a.jpg", "a.png", "a.webp"} {
		data, _ := imagetest.File(name, all)
		f.Add(data)
	}
	f.Fuzz(func(t *testing.T, data []byte) {
		if _, err := imagemeta.Scan(data); err != nil {
			return
		}
		out, _, err := imagemeta.Scrub(data)
		if err != nil {
			t.Fatalf("Scan read it, Scrub did not: %v", err)
		}
		if left, err := imagemeta.Scan(out); err != nil || len(left) > 0 {
			t.Fatalf("after Scrub: %v, %v", fields(left), err)
		}
	})
}
