package audit

import (
	"fmt"
	"io/fs"
	"os"
	"sort"
	"unicode/utf8"

	"github.com/dispatch-news/dispatch/internal/check"
)

// maxPerCheck is how many findings of one check a file reports; a theme
// that breaks a rule on every page says so in every page, not a thousand
// times in each.
const maxPerCheck = 10

// fileScan collects the findings of one file.
type fileScan struct {
	rel   string
	data  []byte
	lines []int // offsets of line starts, made on the first finding
	diags []check.Diagnostic
	count map[string]int
}

// pos returns the line and column (in characters, 1-based) of a byte
// offset; a negative offset is the whole file, at 1:1.
func (s *fileScan) pos(off int) (line, col int) {
	if off < 0 {
		return 1, 1
	}
	off = min(off, len(s.data))
	if s.lines == nil {
		s.lines = []int{0}
		for i, c := range s.data {
			if c == '\n' {
				s.lines = append(s.lines, i+1)
			}
		}
	}
	i := sort.Search(len(s.lines), func(i int) bool { return s.lines[i] > off })
	return i, utf8.RuneCount(s.data[s.lines[i-1]:off]) + 1
}

// add reports an error at a byte offset.
func (s *fileScan) add(off int, id, format string, args ...any) {
	if s.count == nil {
		s.count = map[string]int{}
	}
	s.count[id]++
	switch n := s.count[id]; {
	case n == maxPerCheck+1:
		line, col := s.pos(off)
		s.diags = append(s.diags, check.Diagnostic{Path: s.rel, Line: line, Column: col, Severity: check.Error,
			Message: fmt.Sprintf("more of the same from here on; the first %d are reported", maxPerCheck), Check: id})
		return
	case n > maxPerCheck:
		return
	}
	line, col := s.pos(off)
	s.diags = append(s.diags, check.Diagnostic{Path: s.rel, Line: line, Column: col, Severity: check.Error,
		Message: fmt.Sprintf(format, args...), Check: id})
}

// file audits one file of the output, and returns what it found and the
// file's size.
func (a *auditor) file(f file) ([]check.Diagnostic, int64) {
	s := &fileScan{rel: f.rel}
	if !f.mode.IsRegular() {
		what := "not a regular file"
		if f.mode&fs.ModeSymlink != 0 {
			what = "a symbolic link"
		}
		s.add(-1, idFileType, "the output holds %s here: a host would publish whatever it points at, or fail", what)
		return s.diags, 0
	}
	data, err := os.ReadFile(f.abs)
	if err != nil {
		if pe, ok := err.(*fs.PathError); ok {
			err = pe.Err
		}
		s.add(-1, idRead, "cannot read the file: %v", err)
		return s.diags, 0
	}
	s.data = data
	kind := a.checkType(s, data)
	switch kind {
	case HTML:
		a.html(s)
	case CSS:
		a.cssFile(s)
		a.preview(s, data, 0)
	case XML, SVG:
		a.xml(s, kind == SVG)
	case JSON:
		a.json(s)
	case Text, JS:
		a.preview(s, data, 0)
	}
	if kind.isMedia() {
		a.media(s, kind, len(a.allowedKinds(f.rel)) > 0 && len(s.diags) == 0)
	}
	return s.diags, int64(len(data))
}
