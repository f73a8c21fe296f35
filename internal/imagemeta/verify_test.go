package imagemeta

import (
	"errors"
	"testing"

	"github.com/dispatch-news/dispatch/internal/imagemeta/imagetest"
)

// TestVerify: the last check of Scrub fails for anything that identifies,
// by either reader, so that Scrub never reports success with it left.
func TestVerify(t *testing.T) {
	for _, tc := range []struct {
		name string
		data []byte
		ok   bool
	}{
		{"clean", imagetest.JPEG(imagetest.Spec{}), true},
		{"orientation only", imagetest.JPEG(imagetest.Spec{Orientation: 6}), true},
		{"EXIF GPS", imagetest.JPEG(imagetest.Spec{GPS: true}), false},
		// Harmless to our rules, but not what Scrub leaves: bep/imagemeta
		// sees a tag other than the orientation.
		{"EXIF Software", imagetest.JPEG(imagetest.Spec{Software: true}), false},
		{"an XMP packet", imagetest.PNG(imagetest.Spec{XMPCreator: true}), false},
		{"a trailer", imagetest.JPEG(imagetest.Spec{Trailer: true}), false},
	} {
		t.Run(tc.name, func(t *testing.T) {
			err := verify(tc.data)
			if tc.ok != (err == nil) || err != nil && !errors.Is(err, ErrNotClean) {
				t.Errorf("verify = %v", err)
			}
		})
	}
}
