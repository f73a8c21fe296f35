package imagemeta

import (
	"bytes"
	"encoding/binary"
	"slices"
	"strings"
)

// Format is a file format, found from the file's content.
type Format string

// Formats whose metadata this package reads.
const (
	JPEG Format = "JPEG"
	PNG  Format = "PNG"
	WebP Format = "WebP"
	GIF  Format = "GIF"
	ICO  Format = "ICO"
	TIFF Format = "TIFF"
	DNG  Format = "DNG"
	CR2  Format = "CR2"
	NEF  Format = "NEF"
	ARW  Format = "ARW"
	PEF  Format = "PEF"
	HEIF Format = "HEIF"
	AVIF Format = "AVIF"
	MP4  Format = "MP4/QuickTime" // ISO base media files: MP4, MOV, 3GP, M4A
	XMP  Format = "XMP"           // a sidecar: an XMP packet on its own
)

// Media formats this package recognises but whose metadata it cannot read.
// Scan returns an error wrapping ErrUnsupported for them.
const (
	BMP      Format = "BMP"
	PSD      Format = "PSD"
	JPEG2000 Format = "JPEG 2000"
	JPEGXL   Format = "JPEG XL"
	JPEGXR   Format = "JPEG XR"
	CR3      Format = "CR3"
	CRW      Format = "CRW"
	ORF      Format = "ORF"
	RW2      Format = "RW2"
	RAF      Format = "RAF"
	X3F      Format = "X3F"
	Matroska Format = "Matroska/WebM"
	AVI      Format = "AVI"
	ASF      Format = "ASF/WMV"
	FLV      Format = "FLV"
	MPEGPS   Format = "MPEG program stream"
	MPEGTS   Format = "MPEG transport stream"
	WAV      Format = "WAV"
	AIFF     Format = "AIFF"
	MP3      Format = "MP3"
	FLAC     Format = "FLAC"
	Ogg      Format = "Ogg"
	AMR      Format = "AMR"
	CAF      Format = "CAF"
)

// Media says what a file holds: an image, a video, a sound, or metadata
// alone (an XMP sidecar). The zero Media is a file that is none of these.
type Media string

const (
	Image    Media = "image"
	Video    Media = "video"
	Audio    Media = "audio"
	Metadata Media = "metadata"
)

// SniffLen is how many bytes Sniff needs to tell every format apart.
const SniffLen = 4096

// Sniff says what a file is from its first bytes (SniffLen are enough),
// never from its name. It returns "", "" for a file that is not an image,
// video, audio file or XMP sidecar that it knows.
func Sniff(head []byte) (Format, Media) {
	has := func(off int, s string) bool {
		return len(head) >= off+len(s) && string(head[off:off+len(s)]) == s
	}
	switch {
	case has(0, "\xFF\xD8\xFF"):
		return JPEG, Image
	case has(0, "\x89PNG\r\n\x1a\n"):
		return PNG, Image
	case has(0, "RIFF") && has(8, "WEBP"):
		return WebP, Image
	case has(0, "RIFF") && has(8, "AVI "):
		return AVI, Video
	case has(0, "RIFF") && has(8, "WAVE"), has(0, "RIFF") && has(8, "RMID"):
		return WAV, Audio
	case has(0, "GIF87a"), has(0, "GIF89a"):
		return GIF, Image
	case has(0, "\x00\x00\x01\x00") && len(head) >= 6 && head[4]|head[5] != 0:
		return ICO, Image
	case has(0, "BM") && len(head) >= 18 && binary.LittleEndian.Uint32(head[14:]) >= 12 && binary.LittleEndian.Uint32(head[14:]) <= 124:
		return BMP, Image
	case has(0, "8BPS"):
		return PSD, Image
	case has(0, "\x00\x00\x00\x0CjP  \r\n\x87\n"), has(0, "\xFF\x4F\xFF\x51"):
		return JPEG2000, Image
	case has(0, "\xFF\x0A"), has(0, "\x00\x00\x00\x0CJXL \r\n\x87\n"):
		return JPEGXL, Image
	case has(0, "II\xBC"):
		return JPEGXR, Image
	case has(0, "II*\x00"), has(0, "MM\x00*"):
		return tiffFormat(head), Image
	case has(0, "IIRO"), has(0, "IIRS"), has(0, "MMOR"):
		return ORF, Image
	case has(0, "IIU\x00"):
		return RW2, Image
	case has(0, "II\x1a\x00\x00\x00HEAPCCDR"):
		return CRW, Image
	case has(0, "FUJIFILMCCD-RAW"):
		return RAF, Image
	case has(0, "FOVb"):
		return X3F, Image
	case has(4, "ftyp") && boxSize(head) >= 8 && boxSize(head) < 4096:
		return bmffFormat(head)
	case len(head) >= 8 && slices.Contains([]string{"moov", "mdat", "wide", "free", "skip", "pnot"}, string(head[4:8])) && boxSize(head) < 0x20000000:
		return MP4, Video // QuickTime files need not start with ftyp
	case has(0, "\x1A\x45\xDF\xA3"):
		return Matroska, Video
	case has(0, "\x30\x26\xB2\x75\x8E\x66\xCF\x11"):
		return ASF, Video
	case has(0, "FLV\x01"):
		return FLV, Video
	case has(0, "\x00\x00\x01\xBA"):
		return MPEGPS, Video
	case len(head) >= 565 && head[0] == 0x47 && head[188] == 0x47 && head[376] == 0x47 && head[564] == 0x47 && bytes.IndexByte(head[:188], 0) >= 0:
		return MPEGTS, Video
	case has(0, "FORM") && (has(8, "AIFF") || has(8, "AIFC")):
		return AIFF, Audio
	case has(0, "ID3") && len(head) >= 5 && head[3] <= 4 && head[4] == 0, mpegAudioFrame(head):
		return MP3, Audio
	case has(0, "fLaC"):
		return FLAC, Audio
	case has(0, "OggS\x00"):
		return Ogg, Audio
	case has(0, "#!AMR"):
		return AMR, Audio
	case has(0, "caff"):
		return CAF, Audio
	case isXMPPacket(head):
		return XMP, Metadata
	}
	return "", ""
}

// mpegAudioFrame says whether head starts with the header of an MPEG audio
// frame (MP3, AAC): 11 bits set, then a version, a layer, a bit rate and a
// sampling rate that are not reserved. A UTF-16 byte order mark (FF FE)
// is not one.
func mpegAudioFrame(head []byte) bool {
	if len(head) < 3 || head[0] != 0xFF || head[1]&0xE0 != 0xE0 || head[1] == 0xFE || head[1] == 0xFF {
		return false
	}
	version, layer := head[1]>>3&3, head[1]>>1&3
	aac := version&2 == 0 && layer == 0 // ADTS
	return version != 1 && (layer != 0 || aac) && head[2]>>4 != 0xF && head[2]>>2&3 != 3
}

// boxSize is the size of the ISO base media box at the start of head. A
// text file's first four bytes give at least 0x20202020.
func boxSize(head []byte) uint32 {
	return binary.BigEndian.Uint32(head)
}

// bmffFormat tells the ISO base media formats apart by their brands.
func bmffFormat(head []byte) (Format, Media) {
	size := int(binary.BigEndian.Uint32(head))
	if size < 16 || size > len(head) {
		size = min(len(head), 64)
	}
	var brands []string
	for i := 8; i+4 <= size; i += 4 {
		if i != 12 { // minor version
			brands = append(brands, string(head[i:i+4]))
		}
	}
	major := ""
	if len(brands) > 0 {
		major = brands[0]
	}
	has := func(bs ...string) bool {
		for _, b := range bs {
			if slices.Contains(brands, b) {
				return true
			}
		}
		return false
	}
	switch {
	case major == "crx ":
		return CR3, Image
	case has("avif", "avis"):
		return AVIF, Image
	case has("heic", "heix", "hevc", "hevx", "heim", "heis", "mif1", "msf1", "mif2"):
		return HEIF, Image
	case major == "M4A " || major == "M4B " || major == "M4P ":
		return MP4, Audio
	}
	return MP4, Video
}

// tiffFormat tells TIFF and the camera RAW formats built on it apart: DNG
// and CR2 by their marks, the others by their maker when the first
// directory is a preview (NewSubfileType 1) or its data is compressed as
// only the maker's RAW is. A TIFF exported from a camera's photo is TIFF.
func tiffFormat(head []byte) Format {
	if len(head) >= 11 && string(head[8:11]) == "CR\x02" {
		return CR2
	}
	if len(head) < 8 {
		return TIFF
	}
	var bo binary.ByteOrder = binary.LittleEndian
	if head[0] == 'M' {
		bo = binary.BigEndian
	}
	off := int(bo.Uint32(head[4:]))
	if off < 8 || off+2 > len(head) {
		return TIFF
	}
	maker, raw := "", false
	for i := range int(bo.Uint16(head[off:])) {
		e := off + 2 + 12*i
		if e+12 > len(head) {
			break
		}
		switch v := bo.Uint16(head[e+8:]); bo.Uint16(head[e:]) {
		case 0xC612: // DNGVersion
			return DNG
		case 0x00FE: // NewSubfileType
			raw = raw || bo.Uint32(head[e+8:]) == 1
		case 0x0103: // Compression
			raw = raw || slices.Contains([]uint16{32767, 32769, 32770, 34713, 65535}, v)
		case 0x010F: // Make
			if n, p := int(bo.Uint32(head[e+4:])), int(bo.Uint32(head[e+8:])); n > 4 && p+n <= len(head) {
				maker = strings.ToUpper(string(head[p : p+n]))
			}
		}
	}
	switch {
	case !raw:
	case strings.HasPrefix(maker, "NIKON"):
		return NEF
	case strings.HasPrefix(maker, "SONY"):
		return ARW
	case strings.HasPrefix(maker, "PENTAX"), strings.HasPrefix(maker, "RICOH"):
		return PEF
	}
	return TIFF
}

// isXMPPacket says whether head is XML whose first element is an XMP
// packet (x:xmpmeta) or an RDF document, as XMP sidecar files are.
func isXMPPacket(head []byte) bool {
	b := bytes.TrimPrefix(head, []byte("\xEF\xBB\xBF"))
	for {
		b = bytes.TrimLeft(b, " \t\r\n")
		switch {
		case bytes.HasPrefix(b, []byte("<?")):
			i := bytes.Index(b, []byte("?>"))
			if i < 0 {
				return false
			}
			b = b[i+2:]
		case bytes.HasPrefix(b, []byte("<!--")):
			i := bytes.Index(b, []byte("-->"))
			if i < 0 {
				return false
			}
			b = b[i+3:]
		case bytes.HasPrefix(b, []byte("<")):
			name, _, _ := bytes.Cut(b[1:], []byte(" "))
			_, local, _ := bytes.Cut(name, []byte(":"))
			if len(local) == 0 {
				local = name
			}
			l := string(bytes.TrimRight(local, ">\r\n\t/"))
			return l == "xmpmeta" || l == "xapmeta" || l == "RDF"
		default:
			return false
		}
	}
}

// IsImageName says whether a file name has the extension of an image
// format. It is a hint for messages only: Sniff decides what a file is.
func IsImageName(name string) bool {
	switch ext(name) {
	case "jpg", "jpeg", "jpe", "jfif", "jif", "png", "apng", "webp", "gif", "ico", "bmp",
		"tif", "tiff", "heic", "heif", "hif", "avif", "jxl", "jp2", "jpx", "psd",
		"dng", "cr2", "cr3", "crw", "nef", "nrw", "arw", "srf", "sr2", "pef", "orf", "rw2", "raf", "x3f", "srw", "raw":
		return true
	}
	return false
}

// IsMediaName says whether a file name has the extension of an image, a
// video, a sound or an XMP sidecar. Like IsImageName it is only a hint.
func IsMediaName(name string) bool {
	switch ext(name) {
	case "xmp", "mp4", "m4v", "mov", "qt", "3gp", "3g2", "mkv", "webm", "avi", "wmv", "asf", "flv", "mpg", "mpeg", "ts", "mts", "m2ts",
		"m4a", "m4b", "mp3", "wav", "aif", "aiff", "flac", "ogg", "oga", "opus", "amr", "caf", "wma", "aac":
		return true
	}
	return IsImageName(name)
}

func ext(name string) string {
	i := strings.LastIndexByte(name, '.')
	if i < 0 || strings.ContainsAny(name[i:], `/\`) {
		return ""
	}
	return strings.ToLower(name[i+1:])
}
