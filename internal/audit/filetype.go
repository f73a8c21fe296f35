package audit

import (
	"bytes"
	"path"
	"strings"
	"unicode/utf8"
)

// Kind is a kind of file, told by its content.
type Kind string

// Kinds of text: UTF-8 without control characters, and of the shape the
// kind needs.
const (
	HTML Kind = "HTML"
	CSS  Kind = "CSS"
	XML  Kind = "XML"
	JSON Kind = "JSON"
	Text Kind = "plain text"
	SVG  Kind = "SVG"
	JS   Kind = "JavaScript"
)

// Kinds of binary files, told by their first bytes. Only the images are
// published by default; the others are named in messages, and can be
// allowed with Options.Allow.
const (
	JPEG   Kind = "JPEG"
	PNG    Kind = "PNG"
	GIF    Kind = "GIF"
	WebP   Kind = "WebP"
	AVIF   Kind = "AVIF"
	ICO    Kind = "ICO"
	HEIF   Kind = "HEIF/HEIC"
	TIFF   Kind = "TIFF or camera RAW"
	BMP    Kind = "BMP"
	ISOMP4 Kind = "MP4/QuickTime video or audio"
	WebM   Kind = "WebM/Matroska video"
	Ogg    Kind = "Ogg audio or video"
	MP3    Kind = "MP3 audio"
	WAV    Kind = "WAV audio"
	AVI    Kind = "AVI video"
	FLAC   Kind = "FLAC audio"
	PDF    Kind = "PDF"
	Zip    Kind = "a zip archive"
	Gzip   Kind = "gzip data"
	ELF    Kind = "an ELF executable"
	PE     Kind = "a Windows executable"
	MachO  Kind = "a Mach-O executable"
	Wasm   Kind = "WebAssembly"
	Font   Kind = "a font"
	Binary Kind = "binary data of unknown kind"
)

// isText says whether a kind is one of text.
func (k Kind) isText() bool {
	switch k {
	case HTML, CSS, XML, JSON, Text, SVG, JS:
		return true
	}
	return false
}

// isMedia says whether files of the kind can carry metadata about where
// they were made and by whom. SVG is audited as XML.
func (k Kind) isMedia() bool {
	switch k {
	case JPEG, PNG, GIF, WebP, AVIF, ICO, HEIF, TIFF, BMP, ISOMP4, WebM, Ogg, MP3, WAV, AVI, FLAC:
		return true
	}
	return false
}

// allowed are the kinds the site publishes, by extension.
var allowed = map[string][]Kind{
	".html": {HTML}, ".htm": {HTML},
	".css":  {CSS},
	".xml":  {XML},
	".json": {JSON},
	".txt":  {Text},
	".jpg":  {JPEG}, ".jpeg": {JPEG}, ".jpe": {JPEG}, ".jfif": {JPEG},
	".png":  {PNG},
	".webp": {WebP},
	".avif": {AVIF},
	".gif":  {GIF},
	".ico":  {ICO, PNG},
	".svg":  {SVG},
}

// hostFileNames are the files for web hosts, at the root of the output.
var hostFileNames = map[string]bool{"_headers": true, "_redirects": true, "nginx.conf": true}

// allowedKinds returns the kinds a file may be, from its path.
func (a *auditor) allowedKinds(rel string) []Kind {
	ext := strings.ToLower(path.Ext(rel))
	kinds := allowed[ext]
	if hostFileNames[rel] {
		kinds = []Kind{Text}
	}
	for _, al := range a.allow {
		if strings.HasPrefix(rel, al.Dir) && strings.HasSuffix(strings.ToLower(rel), al.Ext) {
			kinds = append(kinds, al.Kinds...)
		}
	}
	return kinds
}

// sniff tells the kind of a file from its content: a binary kind from its
// first bytes, or Text for UTF-8 text. A text file's exact kind is then a
// matter of its name and its shape (see textShape).
func sniff(b []byte) Kind {
	if _, ok := textProblem(b); ok {
		return Text
	}
	has := func(off int, sig string) bool {
		return len(b) >= off+len(sig) && string(b[off:off+len(sig)]) == sig
	}
	switch {
	case has(0, "\xFF\xD8\xFF"):
		return JPEG
	case has(0, "\x89PNG\r\n\x1A\n"):
		return PNG
	case has(0, "GIF87a"), has(0, "GIF89a"):
		return GIF
	case has(0, "RIFF") && has(8, "WEBP"):
		return WebP
	case has(0, "RIFF") && has(8, "WAVE"):
		return WAV
	case has(0, "RIFF") && has(8, "AVI "):
		return AVI
	case has(4, "ftyp"):
		return isoKind(b)
	case has(0, "\x00\x00\x01\x00"):
		return ICO
	case has(0, "II*\x00"), has(0, "MM\x00*"), has(0, "IIRO"), has(0, "IIU\x00"), has(0, "FUJIFILMCCD-RAW"):
		return TIFF
	case has(0, "BM") && has(6, "\x00\x00\x00\x00"):
		return BMP
	case has(0, "\x1A\x45\xDF\xA3"):
		return WebM
	case has(0, "OggS"):
		return Ogg
	case has(0, "fLaC"):
		return FLAC
	case has(0, "ID3"), len(b) >= 2 && b[0] == 0xFF && b[1]&0xE0 == 0xE0:
		return MP3
	case has(0, "%PDF-"):
		return PDF
	case has(0, "PK\x03\x04"), has(0, "PK\x05\x06"), has(0, "PK\x07\x08"):
		return Zip
	case has(0, "\x1F\x8B"):
		return Gzip
	case has(0, "\x7FELF"):
		return ELF
	case has(0, "MZ"):
		return PE
	case has(0, "\xFE\xED\xFA\xCE"), has(0, "\xFE\xED\xFA\xCF"), has(0, "\xCE\xFA\xED\xFE"), has(0, "\xCF\xFA\xED\xFE"),
		has(0, "\xCA\xFE\xBA\xBE"):
		return MachO
	case has(0, "\x00asm"):
		return Wasm
	case has(0, "wOFF"), has(0, "wOF2"), has(0, "OTTO"), has(0, "\x00\x01\x00\x00"):
		return Font
	}
	return Binary
}

// isoKind tells the kind of an ISO base media file (MP4, QuickTime, HEIF,
// AVIF) from the brands of its ftyp box.
func isoKind(b []byte) Kind {
	size := int(b[0])<<24 | int(b[1])<<16 | int(b[2])<<8 | int(b[3])
	if size < 16 || size > len(b) {
		size = min(len(b), 64)
	}
	var brands []string
	for off := 8; off+4 <= size; off += 4 {
		if off == 12 {
			continue // the minor version
		}
		brands = append(brands, string(b[off:off+4]))
	}
	for _, br := range brands {
		switch br {
		case "avif", "avis":
			return AVIF
		}
	}
	for _, br := range brands {
		switch br {
		case "heic", "heix", "heim", "heis", "hevc", "hevx", "mif1", "msf1", "crx ":
			return HEIF
		}
	}
	return ISOMP4
}

// textProblem returns the offset of the first byte that makes b not text
// (invalid UTF-8, or a control character other than tab, line feed, form
// feed and carriage return), and whether there is none.
func textProblem(b []byte) (int, bool) {
	for i, c := range b {
		if notText[c] {
			return i, false
		}
	}
	if utf8.Valid(b) {
		return 0, true
	}
	for i := 0; i < len(b); {
		r, n := utf8.DecodeRune(b[i:])
		if r == utf8.RuneError && n == 1 {
			return i, false
		}
		i += n
	}
	return 0, true
}

// notText are the control characters that text does not hold.
var notText = func() (t [256]bool) {
	for c := range 0x20 {
		t[c] = c != '\t' && c != '\n' && c != '\r' && c != '\f'
	}
	return t
}()

// firstByte returns the first byte of b after a byte order mark and
// white space, or 0.
func firstByte(b []byte) byte {
	b = bytes.TrimPrefix(b, []byte("\uFEFF"))
	b = bytes.TrimLeft(b, " \t\r\n\f")
	if len(b) == 0 {
		return 0
	}
	return b[0]
}

// textShape says whether text has the shape of a text kind, and what it
// looks like instead.
func textShape(k Kind, b []byte) (ok bool, looks string) {
	c := firstByte(b)
	switch k {
	case HTML, XML, SVG:
		if c == '<' {
			return true, ""
		}
		return false, "text that does not start with a tag"
	case CSS, Text, JS:
		if c != '<' {
			return true, ""
		}
		return false, "markup"
	}
	return true, "" // JSON: parsed later
}

// checkType reports a file whose content is not of a kind its name allows,
// and returns the kind it is.
func (a *auditor) checkType(s *fileScan, data []byte) Kind {
	kinds := a.allowedKinds(s.rel)
	got := sniff(data)
	if len(kinds) == 0 {
		what := string(got)
		if got == Text {
			what = looksLike(data)
		}
		s.add(-1, idFileType, "%s is not a kind of file this site publishes (its content is %s): "+
			"only pages, stylesheets, feeds, sitemaps, images and the host's files are", describeName(s.rel), what)
		return got
	}
	if got == Text {
		var textKinds []Kind
		for _, k := range kinds {
			if k.isText() {
				textKinds = append(textKinds, k)
			}
		}
		if len(textKinds) == 0 {
			s.add(-1, idFileType, "the file is %s, not %s as its name says", looksLike(data), kindList(kinds))
			return Text
		}
		for _, k := range textKinds {
			if ok, _ := textShape(k, data); ok {
				return k
			}
		}
		_, looks := textShape(textKinds[0], data)
		s.add(-1, idFileType, "the file is %s, not %s as its name says", looks, kindList(textKinds))
		return Text
	}
	for _, k := range kinds {
		if k == got {
			return got
		}
	}
	hasText := false
	for _, k := range kinds {
		hasText = hasText || k.isText()
	}
	if off, ok := textProblem(data); hasText && !ok && got == Binary {
		s.add(off, idFileType, "byte 0x%02x is not text: %s files are UTF-8 text without control characters", data[off], kindList(kinds))
		return Binary
	}
	s.add(-1, idFileType, "the file is %s, not %s as its name says", got, kindList(kinds))
	return got
}

// looksLike says what a text file looks like, for messages.
func looksLike(data []byte) string {
	b := bytes.TrimLeft(bytes.TrimPrefix(data, []byte("\uFEFF")), " \t\r\n\f")
	head := strings.ToLower(string(b[:min(len(b), 14)]))
	switch {
	case strings.HasPrefix(head, "<!doctype html"), strings.HasPrefix(head, "<html"):
		return "an HTML page"
	case strings.HasPrefix(head, "<?xml"):
		return "XML"
	case strings.HasPrefix(head, "<"):
		return "markup"
	}
	return "text"
}

func describeName(rel string) string {
	if ext := path.Ext(rel); ext != "" {
		return "a " + strings.ToLower(ext) + " file"
	}
	return "a file without an extension"
}

func kindList(ks []Kind) string {
	var s []string
	for _, k := range ks {
		s = append(s, string(k))
	}
	return strings.Join(s, " or ")
}
