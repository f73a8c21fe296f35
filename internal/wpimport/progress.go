package wpimport

import (
	"fmt"
	"io"
	"strings"
	"time"
)

// progress shows how far the import is: a bar redrawn in place on a
// terminal, one line per thousand posts otherwise (logs, CI).
type progress struct {
	w      io.Writer
	term   bool
	total  int
	done   int
	start  time.Time
	drawn  time.Time
	now    func() time.Time
	logged int
}

const progressEvery = 1000

func newProgress(w io.Writer, term bool, total int) *progress {
	p := &progress{w: w, term: term, total: total, now: time.Now}
	p.start = p.now()
	return p
}

func (p *progress) rate() float64 {
	s := p.now().Sub(p.start).Seconds()
	if s <= 0 {
		return 0
	}
	return float64(p.done) / s
}

func (p *progress) step() {
	if p == nil || p.w == nil {
		return
	}
	p.done++
	if p.term {
		if now := p.now(); now.Sub(p.drawn) >= 100*time.Millisecond || p.done == p.total {
			p.drawn = now
			p.draw()
		}
		return
	}
	if p.done%progressEvery == 0 {
		p.logged = p.done
		fmt.Fprintf(p.w, "dispatch: imported %d of %d posts (%.0f posts/s)\n", p.done, p.total, p.rate())
	}
}

func (p *progress) draw() {
	const width = 30
	filled := width
	if p.total > 0 {
		filled = min(width, p.done*width/p.total)
	}
	bar := strings.Repeat("=", filled) + strings.Repeat(" ", width-filled)
	fmt.Fprintf(p.w, "\r\033[Kimporting [%s] %d/%d posts, %.0f posts/s", bar, p.done, p.total, p.rate())
}

func (p *progress) finish() {
	if p == nil || p.w == nil {
		return
	}
	if p.term {
		p.draw()
		fmt.Fprintln(p.w)
	} else if p.done != p.logged && p.done >= progressEvery {
		fmt.Fprintf(p.w, "dispatch: imported %d of %d posts (%.0f posts/s)\n", p.done, p.total, p.rate())
	}
}
