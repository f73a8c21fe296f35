package imagemeta_test

import (
	"errors"
	"os"
	"os/exec"
	"path/filepath"
	"slices"
	"strings"
	"testing"

	"github.com/dispatch-news/dispatch/internal/imagemeta"
)

// bepImages returns the folder of real photos in bep/imagemeta's test data,
// in the module cache: those too large, or without a licence to copy,
// for our testdata.
func bepImages(t *testing.T) string {
	t.Helper()
	out, err := exec.Command("go", "list", "-m", "-f", "{{.Dir}}", "github.com/bep/imagemeta").Output()
	if err != nil {
		t.Fatalf("finding bep/imagemeta in the module cache: %v", err)
	}
	return filepath.Join(strings.TrimSpace(string(out)), "testdata", "images")
}

// TestRealFiles: photos from cameras, phones and editors (see
// testdata/README.md). Scan finds at least what ExifTool shows of their
// location and people; Scrub leaves nothing of it in the formats it
// rewrites, and refuses the others.
func TestRealFiles(t *testing.T) {
	bep := bepImages(t)
	for _, tc := range []struct {
		path    string
		format  imagemeta.Format
		want    []string // among what Scan finds
		planted []string // values no scrubbed copy may hold
	}{
		{"testdata/sunrise.jpg", imagemeta.JPEG, []string{"EXIF GPS", "EXIF Artist", "IPTC City", "IPTC By-line", "XMP dc:creator", "XMP photoshop:City"}, []string{"Pedersen", "Benalm", "Andaluc"}},
		{"testdata/sunrise.webp", imagemeta.WebP, []string{"EXIF GPS", "EXIF Artist", "XMP dc:creator", "XMP photoshop:City"}, []string{"Pedersen", "Benalm"}},
		{"testdata/windowsXpFields.jpg", imagemeta.JPEG, []string{"EXIF XPAuthor", "EXIF XPComment", "EXIF XPTitle", "EXIF XPKeywords", "EXIF XPSubject", "EXIF UserComment"}, []string{"Testing", "I am a comment"}},
		{"testdata/withIptcExifGps.jpg", imagemeta.JPEG, []string{"EXIF GPS", "EXIF Artist", "EXIF ImageDescription", "IPTC Caption-Abstract", "IPTC By-line"}, []string{"Ian Britton", "FreeFoto"}},
		{"IPTC-PhotometadataRef-Std2021.1.jpg", imagemeta.JPEG, []string{"EXIF Artist", "IPTC Sub-location", "IPTC Country-PrimaryLocationName", "IPTC Writer-Editor",
			"XMP Iptc4xmpExt:PersonInImage", "XMP Iptc4xmpExt:LocationShown", "XMP exif:GPSLatitude", "JPEG COM"}, []string{"Creator1", "Sublocation", "Description Writer"}},
		{"metadata_demo_iim_and_xmp_only.jpg", imagemeta.JPEG, []string{"IPTC By-line", "IPTC Sub-location", "XMP Iptc4xmpExt:PersonInImage", "XMP Iptc4xmpCore:CreatorContactInfo"}, []string{"Seibert", "123 Main"}},
		{"metadata-extractor/withXmp.jpg", imagemeta.JPEG, []string{"IPTC By-line", "IPTC City", "XMP photoshop:City", "XMP dc:creator"}, []string{"STACHE", "KITZBUEHEL"}},
		{"metadata-extractor/withPanasonicFaces.jpg", imagemeta.JPEG, []string{"EXIF MakerNote"}, []string{"Face"}},
		{"hugo-issue-12669.jpg", imagemeta.JPEG, []string{"EXIF GPS", "JPEG data after the end of the image"}, []string{"SEFH"}},
		{"bep/sunrise.png", imagemeta.PNG, []string{"EXIF GPS", "EXIF Artist", "IPTC City", "PNG text exif:GPS*", "PNG text exif:Artist"}, []string{"Pedersen"}},
		{"utf8-in-ztxt.png", imagemeta.PNG, []string{"XMP aux:SerialNumber", "XMP aux:LensSerialNumber"}, []string{"044051002852"}},
		// Formats Scrub refuses.
		{"iphone.heic", imagemeta.HEIF, []string{"EXIF GPS", "EXIF MakerNote"}, nil},
		{"sony.heif", imagemeta.HEIF, []string{"EXIF MakerNote"}, nil},
		{"testdata/sunrise.avif", imagemeta.AVIF, []string{"EXIF GPS", "EXIF Artist", "XMP dc:creator", "XMP photoshop:City"}, nil},
		{"bep/sunrise.tif", imagemeta.TIFF, []string{"EXIF GPS", "EXIF Artist", "IPTC City", "XMP photoshop:Country"}, nil},
		{"testdata/jolstravatnet.pef", imagemeta.PEF, []string{"EXIF GPS", "EXIF Artist", "EXIF MakerNote"}, nil},
		{"testdata/sample.cr2", imagemeta.CR2, []string{"EXIF MakerNote"}, nil},
		{"testdata/sample.nef", imagemeta.NEF, []string{"EXIF MakerNote", "EXIF Copyright"}, nil},
		{"testdata/sample.arw", imagemeta.ARW, []string{"EXIF MakerNote"}, nil},
	} {
		t.Run(filepath.Base(tc.path), func(t *testing.T) {
			t.Parallel()
			path := tc.path
			if !strings.HasPrefix(path, "testdata/") {
				path = filepath.Join(bep, path)
			}
			data, err := os.ReadFile(path)
			if err != nil {
				t.Fatal(err)
			}
			if f, _ := imagemeta.Sniff(data); f != tc.format {
				t.Errorf("Sniff = %q, want %q", f, tc.format)
			}
			found, err := imagemeta.Scan(data)
			if err != nil {
				t.Fatal(err)
			}
			got := fields(found)
			for _, w := range tc.want {
				if !slices.Contains(got, w) {
					t.Errorf("Scan did not find %s; it found %q", w, got)
				}
			}
			out, removed, err := imagemeta.Scrub(data)
			if !imagemeta.CanScrub(tc.format) {
				if !errors.Is(err, imagemeta.ErrCannotScrub) {
					t.Errorf("Scrub of a %s: %v, want it refused", tc.format, err)
				}
				return
			}
			if err != nil {
				t.Fatal(err)
			}
			if !slices.Equal(fields(removed), got) {
				t.Errorf("Scrub removed %q, Scan found %q", fields(removed), got)
			}
			checkScrubbed(t, tc.format, data, out, tc.planted...)
		})
	}
}

// TestCleanRealFiles: files without identifying metadata pass, whatever
// their format, and Scrub leaves them alone.
func TestCleanRealFiles(t *testing.T) {
	bep := bepImages(t)
	for _, path := range []string{"testdata/sample.dng", "bep/sunrise_lossy.webp", "metadata-extractor/withTypicalHuffman.jpg", "multi-xmp.heic"} {
		t.Run(filepath.Base(path), func(t *testing.T) {
			if !strings.HasPrefix(path, "testdata/") {
				path = filepath.Join(bep, path)
			}
			data, err := os.ReadFile(path)
			if err != nil {
				t.Fatal(err)
			}
			if found, err := imagemeta.Scan(data); err != nil || len(found) > 0 {
				t.Errorf("Scan = %q, %v", fields(found), err)
			}
			if out, removed, err := imagemeta.Scrub(data); err != nil || removed != nil || &out[0] != &data[0] {
				t.Errorf("Scrub changed a clean file: %q, %v", fields(removed), err)
			}
		})
	}
}
