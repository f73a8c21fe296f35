package check

import (
	"bytes"
	"errors"
	"fmt"
	"regexp"
	"sort"
	"strconv"
	"unicode/utf8"

	yaml "github.com/goccy/go-yaml"
	yast "github.com/goccy/go-yaml/ast"
	yparser "github.com/goccy/go-yaml/parser"
	"github.com/yuin/goldmark"
	meta "github.com/yuin/goldmark-meta"
	"github.com/yuin/goldmark/ast"
	"github.com/yuin/goldmark/parser"
	"github.com/yuin/goldmark/text"
)

// page is a content file, read.
type page struct {
	path  string // as reported
	src   []byte
	lines []int // byte offset of the start of each line

	fmStart int // the line of the opening ---, 1-based
	fmEnd   int // the line of the closing ---

	// meta is the front matter as goldmark-meta reads it (YAML 1.1).
	meta map[string]any
	// doc is the body as goldmark reads it.
	doc ast.Node

	// keys maps each top-level key to its node, as Hugo reads it (YAML 1.2),
	// for positions and raw text. They are read only when needed: see
	// parseYAML.
	keys map[string]*yast.MappingValueNode
	// order lists the top-level keys as written.
	order []string
}

var markdown = goldmark.New(goldmark.WithExtensions(meta.New()))

var yamlLineRe = regexp.MustCompile(`^yaml: line (\d+): (.*)$`)

// parsePage reads the front matter and body of a Markdown file with goldmark
// and goldmark-meta. It returns diagnostics for a file whose front matter
// cannot be read; then the page is nil.
func parsePage(path string, src []byte) (*page, []Diagnostic) {
	src = bytes.TrimPrefix(src, []byte("\xef\xbb\xbf"))
	p := &page{path: path, src: src, lines: lineStarts(src)}
	bad := func(line, col int, format string, args ...any) (*page, []Diagnostic) {
		return nil, []Diagnostic{{Path: path, Line: line, Column: col, Severity: Error,
			Message: fmt.Sprintf(format, args...), Check: "fm.syntax"}}
	}
	first := p.line(1)
	switch string(bytes.TrimRight(first, " \t\r")) {
	case "---":
	case "+++":
		return bad(1, 1, "front matter must be YAML between --- lines, not TOML")
	case "{":
		return bad(1, 1, "front matter must be YAML between --- lines, not JSON")
	default:
		return bad(1, 1, "the file does not start with front matter (a --- line)")
	}
	p.fmStart = 1
	for n := 2; n <= len(p.lines); n++ {
		if string(bytes.TrimRight(p.line(n), " \t\r")) == "---" {
			p.fmEnd = n
			break
		}
	}
	if p.fmEnd == 0 {
		return bad(1, 1, "the front matter is not closed: no second --- line")
	}

	// A body without a bracket has no link or image for the checks to
	// read: goldmark then reads only the front matter, which is most of the
	// time of a run saved on such a file.
	doc := src
	if bytes.IndexByte(src[p.lines[p.fmEnd-1]:], '[') < 0 {
		doc = src[:p.lines[p.fmEnd-1]+len(p.line(p.fmEnd))]
	}
	ctx := parser.NewContext()
	p.doc = markdown.Parser().Parse(text.NewReader(doc), parser.WithContext(ctx))
	m, err := meta.TryGet(ctx)
	if err != nil {
		// Hugo's reader gives a line and a column for most mistakes.
		if diags := p.parseYAML(); diags != nil {
			return nil, diags
		}
		// goccy accepted what yaml.v2 did not; yaml.v2 counts lines from the
		// first line after ---.
		if m := yamlLineRe.FindStringSubmatch(err.Error()); m != nil {
			n, _ := strconv.Atoi(m[1])
			return bad(n+p.fmStart, 1, "YAML: %s", m[2])
		}
		return bad(p.fmStart+1, 1, "YAML: %v", err)
	}
	p.meta = m
	return p, nil
}

// parseYAML reads the front matter as Hugo does (YAML 1.2), with positions,
// into p.keys. It is slower than goldmark-meta's reading, so it runs only for
// a file that has something to report (see clean).
func (p *page) parseYAML() []Diagnostic {
	if p.keys != nil {
		return nil
	}
	bad := func(line, col int, format string, args ...any) []Diagnostic {
		return []Diagnostic{{Path: p.path, Line: line, Column: col, Severity: Error,
			Message: fmt.Sprintf(format, args...), Check: "fm.syntax"}}
	}
	file, err := yparser.ParseBytes(p.src[p.lines[1]:p.lines[p.fmEnd-1]], 0)
	if err != nil {
		var ye yaml.Error
		if errors.As(err, &ye) && ye.GetToken() != nil && ye.GetToken().Position != nil {
			pos := ye.GetToken().Position
			return bad(pos.Line+p.fmStart, pos.Column, "YAML: %s", ye.GetMessage())
		}
		return bad(p.fmStart+1, 1, "YAML: %v", err)
	}
	p.keys = map[string]*yast.MappingValueNode{}
	if len(file.Docs) > 0 && file.Docs[0].Body != nil {
		m, ok := file.Docs[0].Body.(*yast.MappingNode)
		if !ok {
			if mv, ok2 := file.Docs[0].Body.(*yast.MappingValueNode); ok2 {
				m = &yast.MappingNode{Values: []*yast.MappingValueNode{mv}}
				ok = true
			}
		}
		if !ok {
			line, col := p.nodePos(file.Docs[0].Body)
			return bad(line, col, "the front matter must be a set of key: value lines")
		}
		for _, mv := range m.Values {
			k := mv.Key.String()
			p.keys[k] = mv
			p.order = append(p.order, k)
		}
	}
	return nil
}

// offsetPos returns the line and column (in characters, 1-based) of a byte
// offset.
func (p *page) offsetPos(off int) (line, col int) {
	i := sort.Search(len(p.lines), func(i int) bool { return p.lines[i] > off })
	return i, utf8.RuneCount(p.src[p.lines[i-1]:off]) + 1
}

// line returns line n (1-based) without its newline.
func (p *page) line(n int) []byte {
	if n < 1 || n > len(p.lines) {
		return nil
	}
	start := p.lines[n-1]
	end := len(p.src)
	if n < len(p.lines) {
		end = p.lines[n]
	}
	return bytes.TrimRight(p.src[start:end], "\n")
}

// nodePos returns the file position of a YAML node of the front matter.
func (p *page) nodePos(n yast.Node) (line, col int) {
	// A key: value pair, or a block of them, is where its first key is.
	switch m := n.(type) {
	case *yast.MappingValueNode:
		return p.nodePos(m.Key)
	case *yast.MappingNode:
		if len(m.Values) > 0 && !m.IsFlowStyle {
			return p.nodePos(m.Values[0].Key)
		}
	}
	if n == nil || n.GetToken() == nil || n.GetToken().Position == nil {
		return p.fmStart, 1
	}
	pos := n.GetToken().Position
	return pos.Line + p.fmStart, pos.Column
}

func lineStarts(src []byte) []int {
	starts := []int{0}
	for i, b := range src {
		if b == '\n' && i+1 < len(src) {
			starts = append(starts, i+1)
		}
	}
	return starts
}

// checkEncoding reports the first byte that is not UTF-8: Hugo would
// publish it as is, and browsers show it as a replacement character.
func (c *checker) checkEncoding(p *page) {
	if utf8.Valid(p.src) {
		return
	}
	for off := 0; off < len(p.src); {
		r, size := utf8.DecodeRune(p.src[off:])
		if r == utf8.RuneError && size == 1 {
			line, col := p.offsetPos(off)
			c.add(p, line, col, Error, "file.encoding", "byte 0x%02x is not UTF-8: save the file as UTF-8 (a character was cut in half or the file uses another encoding)", p.src[off])
			return
		}
		off += size
	}
}
