package wpimport

import (
	"bytes"
	"strings"
	"testing"
	"time"
)

func TestProgressLog(t *testing.T) {
	t.Parallel()
	var buf bytes.Buffer
	now := time.Date(2024, 1, 1, 0, 0, 0, 0, time.UTC)
	p := newProgress(&buf, false, 2500)
	p.now = func() time.Time { return now }
	p.start = now
	for range 2500 {
		now = now.Add(2 * time.Millisecond)
		p.step()
	}
	p.finish()
	want := "dispatch: imported 1000 of 2500 posts (500 posts/s)\n" +
		"dispatch: imported 2000 of 2500 posts (500 posts/s)\n" +
		"dispatch: imported 2500 of 2500 posts (500 posts/s)\n"
	if buf.String() != want {
		t.Errorf("progress without a terminal:\n%s\nwant\n%s", buf.String(), want)
	}
}

func TestProgressBar(t *testing.T) {
	t.Parallel()
	var buf bytes.Buffer
	now := time.Date(2024, 1, 1, 0, 0, 0, 0, time.UTC)
	p := newProgress(&buf, true, 10)
	p.now = func() time.Time { return now }
	p.start = now
	for range 10 {
		now = now.Add(30 * time.Millisecond)
		p.step()
	}
	p.finish()
	out := buf.String()
	// Redrawn in place at most every 100 ms (steps 1, 5 and 9), at the end
	// and when finished, with the count and the rate, then a newline.
	if n := strings.Count(out, "\r\033[K"); n != 5 {
		t.Errorf("%d redraws; want 5:\n%q", n, out)
	}
	last := out[strings.LastIndex(out, "\r\033[K"):]
	if want := "\r\033[Kimporting [==============================] 10/10 posts, 33 posts/s\n"; last != want {
		t.Errorf("last frame %q; want %q", last, want)
	}
}

func TestProgressSilent(t *testing.T) {
	t.Parallel()
	var p *progress = newProgress(nil, false, 5)
	p.step()
	p.finish() // no writer: nothing, no panic
}
