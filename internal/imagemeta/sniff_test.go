package imagemeta_test

import (
	"errors"
	"testing"

	"github.com/dispatch-news/dispatch/internal/imagemeta"
	"github.com/dispatch-news/dispatch/internal/imagemeta/imagetest"
)

// TestSniff: formats by content, whatever the file is called.
func TestSniff(t *testing.T) {
	for _, tc := range []struct {
		name   string
		head   []byte
		format imagemeta.Format
		media  imagemeta.Media
	}{
		{"JPEG", imagetest.JPEG(imagetest.Spec{}), imagemeta.JPEG, imagemeta.Image},
		{"PNG", imagetest.PNG(imagetest.Spec{}), imagemeta.PNG, imagemeta.Image},
		{"WebP", imagetest.WebP(imagetest.Spec{}), imagemeta.WebP, imagemeta.Image},
		{"GIF", imagetest.GIF(imagetest.Spec{}), imagemeta.GIF, imagemeta.Image},
		{"TIFF", imagetest.TIFF(imagetest.Spec{}), imagemeta.TIFF, imagemeta.Image},
		{"DNG", imagetest.DNG(imagetest.Spec{}), imagemeta.DNG, imagemeta.Image},
		{"HEIC", []byte("\x00\x00\x00\x18ftypheic\x00\x00\x00\x00mif1heic"), imagemeta.HEIF, imagemeta.Image},
		{"HEIF by a compatible brand", []byte("\x00\x00\x00\x14ftypmif1\x00\x00\x00\x00heic"), imagemeta.HEIF, imagemeta.Image},
		{"AVIF", []byte("\x00\x00\x00\x1cftypavif\x00\x00\x00\x00avifmif1miaf"), imagemeta.AVIF, imagemeta.Image},
		{"CR3", []byte("\x00\x00\x00\x18ftypcrx \x00\x00\x00\x01crx isom"), imagemeta.CR3, imagemeta.Image},
		{"MP4", imagetest.MP4(imagetest.Spec{}), imagemeta.MP4, imagemeta.Video},
		{"MOV", []byte("\x00\x00\x00\x14ftypqt  \x00\x00\x02\x00qt  "), imagemeta.MP4, imagemeta.Video},
		{"MOV without ftyp", []byte("\x00\x00\x00\x08wide\x00\x00\x10\x00mdat"), imagemeta.MP4, imagemeta.Video},
		{"3GP", []byte("\x00\x00\x00\x14ftyp3gp4\x00\x00\x02\x003gp4"), imagemeta.MP4, imagemeta.Video},
		{"M4A", []byte("\x00\x00\x00\x18ftypM4A \x00\x00\x02\x00M4A isom"), imagemeta.MP4, imagemeta.Audio},
		{"WebM", []byte("\x1A\x45\xDF\xA3\x9F\x42\x86\x81"), imagemeta.Matroska, imagemeta.Video},
		{"AVI", []byte("RIFF\x00\x00\x00\x00AVI LIST"), imagemeta.AVI, imagemeta.Video},
		{"WAV", []byte("RIFF\x00\x00\x00\x00WAVEfmt "), imagemeta.WAV, imagemeta.Audio},
		{"MP3", []byte("ID3\x04\x00\x00\x00\x00\x00\x00"), imagemeta.MP3, imagemeta.Audio},
		{"MP3 without ID3", []byte("\xFF\xFB\x90\x64\x00"), imagemeta.MP3, imagemeta.Audio},
		{"UTF-16 text", []byte("\xFF\xFEh\x00i\x00"), "", ""},
		{"FLAC", []byte("fLaC\x00\x00\x00\x22"), imagemeta.FLAC, imagemeta.Audio},
		{"Ogg", []byte("OggS\x00\x02"), imagemeta.Ogg, imagemeta.Audio},
		{"XMP sidecar", []byte("\xEF\xBB\xBF<?xpacket begin='' id='W5M0MpCehiHzreSzNTczkc9d'?>\n<x:xmpmeta xmlns:x='adobe:ns:meta/'>"), imagemeta.XMP, imagemeta.Metadata},
		{"XMP sidecar without a packet", []byte("<?xml version='1.0'?>\n<!-- by hand -->\n<rdf:RDF xmlns:rdf='http://www.w3.org/1999/02/22-rdf-syntax-ns#'>"), imagemeta.XMP, imagemeta.Metadata},
		{"SVG", []byte("<?xml version='1.0'?><svg xmlns='http://www.w3.org/2000/svg'>"), "", ""},
		{"HTML", []byte("<!doctype html><html>"), "", ""},
		{"Markdown", []byte("---\ntitle: x\n---\n"), "", ""},
		{"empty", nil, "", ""},
	} {
		t.Run(tc.name, func(t *testing.T) {
			f, m := imagemeta.Sniff(tc.head)
			if f != tc.format || m != tc.media {
				t.Errorf("Sniff = %q, %q; want %q, %q", f, m, tc.format, tc.media)
			}
		})
	}
}

func TestDetect(t *testing.T) {
	if f, err := imagemeta.Detect(imagetest.JPEG(imagetest.Spec{})); f != imagemeta.JPEG || err != nil {
		t.Errorf("Detect(JPEG) = %q, %v", f, err)
	}
	if _, err := imagemeta.Detect([]byte("GIF89a")); err != nil {
		t.Errorf("Detect(GIF) = %v", err)
	}
	if _, err := imagemeta.Detect([]byte("fLaC")); !errors.Is(err, imagemeta.ErrUnsupported) {
		t.Errorf("Detect(FLAC) = %v, want ErrUnsupported", err)
	}
	if _, err := imagemeta.Detect([]byte("hello")); !errors.Is(err, imagemeta.ErrUnknownFormat) {
		t.Errorf("Detect(text) = %v, want ErrUnknownFormat", err)
	}
}
