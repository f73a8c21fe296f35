package audit

import (
	"bytes"
	"encoding/binary"
	"errors"
	"fmt"
	"strings"

	"github.com/dispatch-news/dispatch/internal/imagemeta"
)

// media reports the metadata of an image, video or audio file that can
// identify where it was made or by whom. A file whose metadata cannot be
// read is refused when reportUnreadable (its kind is one the site
// publishes; otherwise it is refused for its kind already).
func (a *auditor) media(s *fileScan, k Kind, reportUnreadable bool) {
	found, err := inspect(k, s.data)
	if err != nil {
		if reportUnreadable {
			if errors.Is(err, imagemeta.ErrUnknownFormat) {
				err = fmt.Errorf("the metadata reader does not know %s files", k)
			}
			s.add(-1, idPhotoRead, "cannot read the metadata of this %s file (%v): the audit refuses what it cannot inspect; "+
				"export it as JPEG, PNG or WebP", k, err)
		}
		return
	}
	if len(found) == 0 {
		return
	}
	kinds := map[imagemeta.Kind][]string{}
	var order []imagemeta.Kind
	for _, f := range found {
		if kinds[f.Kind] == nil {
			order = append(order, f.Kind)
		}
		kinds[f.Kind] = append(kinds[f.Kind], strings.TrimSpace(f.Block+" "+f.Field))
	}
	var parts []string
	for _, k := range order {
		parts = append(parts, fmt.Sprintf("%s (%s)", k, strings.Join(kinds[k], ", ")))
	}
	s.add(-1, idPhotoMetadata, "the %s file carries %s, which can identify where it was taken or who took it: "+
		"run dispatch scrub on the original and build again", k, strings.Join(parts, ", "))
}

// inspect returns the identifying metadata of a media file. It is the one
// place the audit reads metadata: when imagemeta reads more formats, they
// drop in here.
func inspect(k Kind, data []byte) ([]imagemeta.Finding, error) {
	switch k {
	case ICO:
		return inspectICO(data)
	case GIF:
		return inspectGIF(data)
	}
	return imagemeta.Scan(data)
}

var errDamaged = errors.New("the file is truncated or damaged")

// inspectICO reads the images of an icon: PNG images through imagemeta;
// BMP images carry no metadata.
func inspectICO(data []byte) ([]imagemeta.Finding, error) {
	if len(data) < 6 {
		return nil, errDamaged
	}
	n := int(binary.LittleEndian.Uint16(data[4:]))
	if len(data) < 6+16*n {
		return nil, errDamaged
	}
	var found []imagemeta.Finding
	for i := range n {
		e := data[6+16*i:]
		size, off := binary.LittleEndian.Uint32(e[8:]), binary.LittleEndian.Uint32(e[12:])
		if uint64(off)+uint64(size) > uint64(len(data)) {
			return nil, errDamaged
		}
		img := data[off : off+size]
		if !bytes.HasPrefix(img, []byte("\x89PNG")) {
			continue
		}
		f, err := imagemeta.Scan(img)
		if err != nil {
			return nil, fmt.Errorf("image %d of the icon: %w", i+1, err)
		}
		found = append(found, f...)
	}
	return found, nil
}

// freeText is text a person wrote into a file, which can say anything.
const freeText imagemeta.Kind = "free text"

// inspectGIF walks a GIF's blocks: comments and XMP are reported (a GIF
// has no other place for metadata), and so is data after its end.
func inspectGIF(data []byte) ([]imagemeta.Finding, error) {
	if len(data) < 13 {
		return nil, errDamaged
	}
	i := 13
	if flags := data[10]; flags&0x80 != 0 {
		i += 3 << (flags&7 + 1)
	}
	// subBlocks skips a run of sub-blocks from j and returns where it ends.
	subBlocks := func(j int) (int, error) {
		for {
			if j >= len(data) {
				return 0, errDamaged
			}
			n := int(data[j])
			j++
			if n == 0 {
				return j, nil
			}
			j += n
		}
	}
	var found []imagemeta.Finding
	for {
		if i >= len(data) {
			return nil, errDamaged
		}
		switch data[i] {
		case 0x3B: // the trailer
			if len(bytes.TrimRight(data[i+1:], "\x00")) > 0 {
				found = append(found, imagemeta.Finding{Kind: freeText, Block: "GIF", Field: "data after the image's end"})
			}
			return found, nil
		case 0x21: // an extension
			if i+2 >= len(data) {
				return nil, errDamaged
			}
			label := data[i+1]
			switch label {
			case 0xFE:
				found = append(found, imagemeta.Finding{Kind: freeText, Block: "GIF", Field: "Comment"})
			case 0xFF:
				if n := int(data[i+2]); n == 11 && i+3+11 <= len(data) {
					switch app := string(data[i+3 : i+3+11]); app {
					case "NETSCAPE2.0", "ANIMEXTS1.0", "ICCRGBG1012":
					case "XMP DataXMP":
						found = append(found, imagemeta.Finding{Kind: freeText, Block: "GIF", Field: "XMP"})
					default:
						found = append(found, imagemeta.Finding{Kind: freeText, Block: "GIF", Field: fmt.Sprintf("application block %q", app)})
					}
				}
			}
			end, err := subBlocks(i + 2)
			if err != nil {
				return nil, err
			}
			i = end
		case 0x2C: // an image
			if i+10 > len(data) {
				return nil, errDamaged
			}
			flags := data[i+9]
			i += 10
			if flags&0x80 != 0 {
				i += 3 << (flags&7 + 1)
			}
			end, err := subBlocks(i + 1) // after the LZW code size
			if err != nil {
				return nil, err
			}
			i = end
		default:
			return nil, errDamaged
		}
	}
}
