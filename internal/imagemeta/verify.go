package imagemeta

import (
	"bytes"
	"fmt"
	"io"
	"strings"

	bim "github.com/bep/imagemeta"
)

// verify reads what Scrub wrote, and fails if anything is left: a finding
// or an unreadable block for our reader, or for bep/imagemeta, reading
// each source with every tag handled, any EXIF tag but the orientation,
// any IPTC dataset, any XMP packet.
func verify(out []byte) error {
	f, _, s, err := process(out, false)
	if err != nil {
		return fmt.Errorf("%w: %w", ErrNotClean, err)
	}
	var left []string
	for _, x := range s.findings {
		left = append(left, x.String())
	}
	for _, p := range s.problems {
		left = append(left, p.Error())
	}
	for _, src := range []bim.Source{bim.EXIF, bim.IPTC, bim.XMP} {
		_, err := bim.Decode(bim.Options{
			R:               bytes.NewReader(out),
			ImageFormat:     bepFormats[f],
			Sources:         src,
			ShouldHandleTag: func(bim.TagInfo) bool { return true },
			HandleXMP: func(r io.Reader) error {
				_, err := io.Copy(io.Discard, r)
				left = append(left, "an XMP packet")
				return err
			},
			HandleTag: func(t bim.TagInfo) error {
				if t.Source != bim.EXIF || t.Tag != "Orientation" {
					left = append(left, sourceName(t.Source)+" "+t.Tag)
				}
				return nil
			},
		})
		if err != nil {
			left = append(left, err.Error())
		}
	}
	if len(left) > 0 {
		return fmt.Errorf("%w: %s", ErrNotClean, strings.Join(left, ", "))
	}
	return nil
}
