// Package imagemeta finds and removes the metadata in an image, a video or
// a sound file that can tell where it was taken or who took it: GPS
// coordinates in any namespace, place names, persons shown and face
// regions, camera serial numbers (and maker notes, which hold them), author,
// owner and contact names, and free text such as captions and comments.
//
// Formats are told from the content, never from the name (see Sniff). The
// metadata is read twice, by two readers that must both come up empty for a
// file to pass: our own walk of each container (every JPEG segment, PNG
// chunk, WebP chunk, ISO BMFF box and TIFF directory, with XMP parsed as XML
// by namespace URI), and github.com/bep/imagemeta, which decodes the EXIF,
// IPTC and XMP of JPEG, PNG, WebP, TIFF, HEIF, AVIF and camera RAW files.
// Then the whole file is probed for what a container can hide: every other
// JPEG in it (MPF previews, trailers, thumbnails) has its segments read the
// same way, and every XMP packet and EXIF block found by its signature is
// read wherever it is. A file whose format or metadata cannot be read is an
// error, never a pass.
//
// Scrub removes whole metadata blocks from JPEG, PNG and WebP files and
// rewrites the container around the untouched image data; it never
// re-encodes. It refuses the formats it cannot rewrite safely, and fails
// rather than report success if its output still holds anything the two
// readers find.
package imagemeta

import (
	"errors"
	"fmt"
	"slices"
)

// Kind is a sort of identifying metadata.
type Kind string

const (
	GPS        Kind = "GPS coordinates"
	Location   Kind = "a place name"
	Person     Kind = "a person shown"
	Serial     Kind = "a camera serial number"
	Owner      Kind = "an author or owner name"
	Text       Kind = "free text"
	Embedded   Kind = "a second image or data after the image"
	Unreadable Kind = "metadata that could not be read"
)

// Kinds returns every Kind, the most dangerous first: where, who, what.
func Kinds() []Kind {
	return []Kind{GPS, Location, Person, Serial, Owner, Text, Embedded, Unreadable}
}

// Finding is one identifying field found in a file.
type Finding struct {
	Kind  Kind
	Block string // where: "EXIF", "XMP", "IPTC", "PNG text", "QuickTime", "embedded JPEG EXIF" ...
	Field string // the field's name in that block, such as "GPS" or "dc:creator"
}

func (f Finding) String() string {
	return fmt.Sprintf("%s (%s %s)", f.Kind, f.Block, f.Field)
}

var (
	// ErrUnknownFormat is returned for data that is not an image, video,
	// sound or XMP file that Sniff knows.
	ErrUnknownFormat = errors.New("not an image, video, audio or XMP file")
	// ErrUnsupported is returned for media whose metadata cannot be read.
	ErrUnsupported = errors.New("its metadata cannot be read, so it cannot be checked")
	// ErrDamaged is returned for a file whose structure is cut short or
	// broken, which also hides what follows the break.
	ErrDamaged = errors.New("the file is truncated or damaged")
	// ErrBadMetadata is returned by Scan for a metadata block that cannot
	// be decoded. Scrub removes such blocks.
	ErrBadMetadata = errors.New("it has metadata that cannot be decoded")
	// ErrCannotScrub is returned by Scrub for a format it does not rewrite.
	ErrCannotScrub = errors.New("cannot remove metadata from this format safely")
	// ErrNotClean is returned by Scrub when what it wrote still holds
	// identifying metadata; nothing is returned to write.
	ErrNotClean = errors.New("the scrubbed file still holds identifying metadata")
)

// Detect returns the format of data from its first bytes, or an error for
// data that is not media (ErrUnknownFormat) or media this package cannot
// read (ErrUnsupported).
func Detect(head []byte) (Format, error) {
	f, m := Sniff(head)
	switch {
	case m == "":
		return "", ErrUnknownFormat
	case !readable(f):
		return f, fmt.Errorf("%s: %w", f, ErrUnsupported)
	}
	return f, nil
}

func readable(f Format) bool {
	switch f {
	case JPEG, PNG, WebP, GIF, ICO, TIFF, DNG, CR2, NEF, ARW, PEF, HEIF, AVIF, MP4, XMP:
		return true
	}
	return false
}

// Scan returns the identifying metadata in a file's data.
func Scan(data []byte) ([]Finding, error) {
	f, _, s, err := process(data, false)
	if err != nil {
		return nil, err
	}
	if len(s.problems) > 0 {
		return nil, fmt.Errorf("%s: %w: %w", f, ErrBadMetadata, errors.Join(s.problems...))
	}
	return s.findings, nil
}

// Scrub returns data without its identifying metadata, and what it
// removed. When nothing identifying is found, out is data itself. Metadata
// blocks that cannot be decoded are removed and reported as Unreadable.
func Scrub(data []byte) (out []byte, removed []Finding, err error) {
	f, out, s, err := process(data, true)
	if err != nil {
		return data, nil, err
	}
	removed = append(s.findings, s.unreadable...)
	switch {
	case len(removed) == 0:
		return data, nil, nil
	case out == nil:
		return data, nil, fmt.Errorf("%s: %w: %s", f, ErrCannotScrub, Advice(f))
	}
	if err := verify(out); err != nil {
		return data, nil, fmt.Errorf("%s: %w", f, err)
	}
	return out, removed, nil
}

// CanScrub says whether Scrub rewrites files of a format.
func CanScrub(f Format) bool {
	return f == JPEG || f == PNG || f == WebP
}

// Advice says how to get a clean copy of a file whose format Scrub does
// not rewrite.
func Advice(f Format) string {
	switch f {
	case XMP:
		return "an XMP sidecar is metadata only: delete it"
	case MP4:
		return "export the video again without its metadata (for example ffmpeg -i IN -map 0:v -map 0:a? -map_metadata -1 -c copy OUT.mp4), then run dispatch check on the new file"
	case GIF, ICO:
		return "open it in an image editor and export it as PNG, then run dispatch scrub on the PNG"
	}
	return "open it in Photos, Preview or GIMP and export it as a JPEG without location or other metadata, then run dispatch scrub on the JPEG"
}

// process reads data; with scrub set it also returns the file without its
// metadata, or nil for a format it does not rewrite.
func process(data []byte, scrub bool) (Format, []byte, *scanner, error) {
	f, m := Sniff(data[:min(len(data), SniffLen)])
	if m == "" {
		return "", nil, nil, ErrUnknownFormat
	}
	if !readable(f) {
		return f, nil, nil, fmt.Errorf("%s: %w", f, ErrUnsupported)
	}
	s := &scanner{}
	var out []byte
	var err error
	switch f {
	case JPEG:
		out, err = s.jpeg(data, scrub)
	case PNG:
		out, err = s.png(data, scrub)
	case WebP:
		out, err = s.webp(data, scrub)
	case GIF:
		err = s.gif(data)
	case ICO:
		err = s.ico(data)
	case TIFF, DNG, CR2, NEF, ARW, PEF:
		_, err = s.tiff("EXIF", data, true)
	case HEIF, AVIF, MP4:
		err = s.bmff(data)
	case XMP:
		s.xmp("XMP", data)
	}
	if err != nil {
		return f, nil, nil, fmt.Errorf("%s: %w", f, err)
	}
	s.decodeFile(f, data)
	s.probe(data)
	// The most dangerous first: where, then who.
	slices.SortStableFunc(s.findings, func(a, b Finding) int {
		return slices.Index(Kinds(), a.Kind) - slices.Index(Kinds(), b.Kind)
	})
	return f, out, s, nil
}

// scanner collects findings, each field once, and the metadata blocks it
// could not decode.
type scanner struct {
	findings   []Finding
	seen       map[Finding]bool
	problems   []error
	unreadable []Finding
	prefix     string // "embedded JPEG " while probing an embedded image
	depth      int    // how deep in embedded images
}

func (s *scanner) add(k Kind, block, field string) {
	f := Finding{Kind: k, Block: s.prefix + block, Field: field}
	if s.seen == nil {
		s.seen = map[Finding]bool{}
	}
	if !s.seen[f] {
		s.seen[f] = true
		s.findings = append(s.findings, f)
	}
}

// problem records a metadata block that could not be decoded.
func (s *scanner) problem(block string, err error) {
	s.problems = append(s.problems, fmt.Errorf("%s%s: %w", s.prefix, block, err))
	f := Finding{Kind: Unreadable, Block: s.prefix + block, Field: "(cannot be decoded)"}
	if !slices.Contains(s.unreadable, f) {
		s.unreadable = append(s.unreadable, f)
	}
}

var errTruncated = ErrDamaged
