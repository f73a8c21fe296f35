package check

import (
	"bytes"
	"errors"
	"fmt"
	"github.com/dispatch-news/dispatch/internal/fspath"
	"sort"
	"strings"
	"unicode/utf8"

	yaml "github.com/goccy/go-yaml"
	yast "github.com/goccy/go-yaml/ast"
	yparser "github.com/goccy/go-yaml/parser"
	"github.com/gohugoio/hugo/common/herrors"
	"github.com/gohugoio/hugo/common/hmaps"
	"github.com/gohugoio/hugo/parser/metadecoders"
	"github.com/gohugoio/hugo/parser/pageparser"
)

// page is a content file, read as Hugo reads it: split by Hugo's page
// parser, its front matter decoded by Hugo's decoder.
type page struct {
	path  string // as reported
	src   []byte
	lines []int // byte offset of the start of each line

	items pageparser.Items
	// format is the front matter's format; "" when there is none.
	format metadecoders.Format
	// fmOff and fmEnd bound the front matter's text, between its
	// delimiters; fmLine is the line its text starts on.
	fmOff, fmEnd, fmLine int
	// bodyOff is where the body starts.
	bodyOff int

	// parseErr is where Hugo's page parser stopped in the body, if it did.
	parseErr *Diagnostic

	// fm is the front matter as Hugo decodes it, keys as written; params
	// is a copy with every key lower-cased, as Hugo prepares it.
	fm     map[string]any
	params hmaps.Params

	// keys maps each top-level key to its node, for positions; order lists
	// the keys as written. Only for YAML front matter.
	keys  map[string]*yast.MappingValueNode
	order []string
}

// Limits on front matter, checked before any YAML parser sees it: nested
// or aliased YAML can take a parser minutes and gigabytes.
const (
	maxFrontMatter = 64 << 10
	maxYAMLDepth   = 16
	maxYAMLAliases = 16
)

// readPage reads a content file. It returns diagnostics instead of a page
// when the file cannot be read as a page at all.
func readPage(r *rules, f source) (*page, []Diagnostic) {
	src, err := readSource(f.abs)
	if err != nil {
		return nil, []Diagnostic{{Path: f.rel, Line: 1, Column: 1, Severity: Error, hugo: true,
			Message: fmt.Sprintf("cannot read the file: %v", fspath.Unwrap(err)), Check: "file.read"}}
	}
	p := &page{path: f.rel, src: src, lines: lineStarts(src), fmLine: 1}
	fail := func(off int, id, format string, args ...any) (*page, []Diagnostic) {
		line, col := p.offsetPos(off)
		return nil, []Diagnostic{{Path: f.rel, Line: line, Column: col, Severity: Error, hugo: true,
			Message: fmt.Sprintf(format, args...), Check: id}}
	}
	p.items, err = pageparser.ParseBytes(src, pageparser.Config{})
	if err != nil {
		return fail(0, "fm.syntax", "Hugo cannot read the page: %v", err)
	}
	var parseErr *Diagnostic
	for i, it := range p.items {
		if it.IsError() {
			// Hugo stops here, for drafts too; what comes before the error
			// is still checked.
			line, col := p.offsetPos(it.Pos())
			if strings.Contains(it.Err.Error(), "EOF looking for end") {
				line, col = 1, 1
			}
			parseErr = &Diagnostic{Path: f.rel, Line: line, Column: col, Severity: Error, hugo: true,
				Message: errorMessage(it.Err), Check: errorCheck(it)}
			p.items = p.items[:i+1]
			break
		}
	}
	if parseErr != nil && parseErr.Check == "fm.syntax" {
		return nil, []Diagnostic{*parseErr}
	}
	first := 0
	for first < len(p.items) && p.items[first].Type == pageparser.TypeIgnore {
		first++
	}
	if first < len(p.items) && p.items[first].IsFrontMatter() {
		it := p.items[first]
		p.format = pageparser.FormatFromFrontMatterType(it.Type)
		p.fmOff = it.Pos()
		p.fmEnd = it.Pos() + len(it.Val(src))
		p.fmLine, _ = p.offsetPos(p.fmOff)
		p.bodyOff = len(src)
		if first+1 < len(p.items) {
			p.bodyOff = p.items[first+1].Pos()
		}
		if p.format == metadecoders.ORG {
			p.fmLine = 1
		}
	}
	text := src[p.fmOff:p.fmEnd]
	if len(text) > maxFrontMatter {
		return fail(p.fmOff, "fm.limits", "the front matter is %d KB; at most %d KB is read", len(text)>>10, maxFrontMatter>>10)
	}
	if p.format == metadecoders.YAML {
		if off, msg := yamlLimits(text); msg != "" {
			return fail(p.fmOff+off, "fm.limits", "%s", msg)
		}
	}
	p.fm = map[string]any{}
	if p.format != "" {
		p.fm, err = metadecoders.Default.UnmarshalToMap(text, p.format)
	}
	if err != nil {
		line, col := p.decodeErrorPos(err)
		return nil, []Diagnostic{{Path: f.rel, Line: line, Column: col, Severity: Error, hugo: true,
			Message: fmt.Sprintf("Hugo cannot read the front matter: %s", decodeErrorMessage(err)), Check: "fm.syntax"}}
	}
	if p.format == metadecoders.YAML {
		if diags := p.parseYAML(); diags != nil {
			return nil, diags
		}
	} else {
		for k := range p.fm {
			p.order = append(p.order, k)
		}
		sort.Strings(p.order)
	}
	p.parseErr = parseErr
	p.params = prepared(p.fm)
	return p, nil
}

// errorCheck is the check id of a page parser error: the front matter's
// or a shortcode's.
func errorCheck(it pageparser.Item) string {
	if msg := it.Err.Error(); strings.Contains(msg, "front matter") || strings.Contains(msg, "delimiter") {
		return "fm.syntax"
	}
	return "body.shortcode"
}

func errorMessage(err error) string {
	msg := err.Error()
	if strings.Contains(msg, "EOF looking for end") {
		return "the front matter is not closed: no second --- line"
	}
	return "Hugo cannot read this: " + msg
}

// decodeErrorPos returns where in the file a front matter decoding error is.
func (p *page) decodeErrorPos(err error) (line, col int) {
	var ye yaml.Error
	if errors.As(err, &ye) && ye.GetToken() != nil && ye.GetToken().Position != nil {
		pos := ye.GetToken().Position
		return pos.Line + p.fmLine - 1, pos.Column
	}
	if fe := herrors.UnwrapFileError(err); fe != nil && fe.Position().LineNumber > 0 {
		pos := fe.Position()
		return pos.LineNumber + p.fmLine - 1, max(pos.ColumnNumber, 1)
	}
	return p.fmLine, 1
}

func decodeErrorMessage(err error) string {
	var ye yaml.Error
	if errors.As(err, &ye) {
		return ye.GetMessage()
	}
	msg := err.Error()
	if fe := herrors.UnwrapFileError(err); fe != nil {
		if u := errors.Unwrap(fe); u != nil {
			msg = u.Error()
		}
	}
	msg, _, _ = strings.Cut(msg, "\n")
	return msg
}

// yamlLimits finds front matter nested deeper than maxYAMLDepth, or with
// more than maxYAMLAliases aliases, before a parser sees it. It returns the
// offset of the problem and a message, or "".
func yamlLimits(b []byte) (int, string) {
	aliases := 0
	var indents []int
	flow := 0
	for off := 0; off < len(b); {
		end := bytes.IndexByte(b[off:], '\n')
		if end < 0 {
			end = len(b) - off
		}
		line := b[off : off+end]
		if t := bytes.TrimLeft(line, " "); len(t) > 0 && t[0] != '#' && flow == 0 {
			indent := len(line) - len(t)
			for len(indents) > 0 && indents[len(indents)-1] >= indent {
				indents = indents[:len(indents)-1]
			}
			indents = append(indents, indent)
			// "- - - x" nests one level per dash.
			for t = bytes.TrimPrefix(t, []byte("- ")); bytes.HasPrefix(t, []byte("- ")); t = t[2:] {
				indents = append(indents, indent)
			}
			if len(indents) > maxYAMLDepth {
				return off, fmt.Sprintf("the front matter nests deeper than %d levels", maxYAMLDepth)
			}
		}
		quote := byte(0)
		for i, c := range line {
			switch {
			case quote != 0:
				if c == quote {
					quote = 0
				}
			case c == '"' || c == '\'':
				quote = c
			case c == '#' && (i == 0 || line[i-1] == ' '):
				goto nextLine
			case c == '[' || c == '{':
				flow++
				if len(indents)+flow > maxYAMLDepth {
					return off + i, fmt.Sprintf("the front matter nests deeper than %d levels", maxYAMLDepth)
				}
			case c == ']' || c == '}':
				flow = max(flow-1, 0)
			case c == '*' && valueStart(line[:i]):
				aliases++
				if aliases > maxYAMLAliases {
					return off + i, fmt.Sprintf("the front matter has more than %d YAML aliases (*name)", maxYAMLAliases)
				}
			}
		}
	nextLine:
		off += end + 1
	}
	return 0, ""
}

// valueStart says whether what comes before a character on its line ends
// where a YAML value may start: after "key:", "-", "[", "{" or ",".
func valueStart(before []byte) bool {
	t := bytes.TrimRight(before, " \t")
	return len(t) == 0 || strings.IndexByte(":-[{,", t[len(t)-1]) >= 0
}

// parseYAML reads the YAML front matter's structure, for positions.
func (p *page) parseYAML() []Diagnostic {
	bad := func(line, col int, format string, args ...any) []Diagnostic {
		return []Diagnostic{{Path: p.path, Line: line, Column: col, Severity: Error, hugo: true,
			Message: fmt.Sprintf(format, args...), Check: "fm.syntax"}}
	}
	file, err := yparser.ParseBytes(p.src[p.fmOff:p.fmEnd], 0)
	if err != nil {
		line, col := p.decodeErrorPos(err)
		return bad(line, col, "YAML: %s", decodeErrorMessage(err))
	}
	p.keys = map[string]*yast.MappingValueNode{}
	if len(file.Docs) == 0 || file.Docs[0].Body == nil {
		return nil
	}
	var values []*yast.MappingValueNode
	switch m := file.Docs[0].Body.(type) {
	case *yast.MappingNode:
		values = m.Values
	case *yast.MappingValueNode:
		values = []*yast.MappingValueNode{m}
	default:
		line, col := p.nodePos(file.Docs[0].Body)
		return bad(line, col, "the front matter must be a set of key: value lines")
	}
	for _, mv := range values {
		k := mv.Key.String()
		p.keys[k] = mv
		p.order = append(p.order, k)
	}
	return nil
}

// offsetPos returns the line and column (in characters, 1-based) of a byte
// offset.
func (p *page) offsetPos(off int) (line, col int) {
	off = min(max(off, 0), len(p.src))
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
		return p.fmLine, 1
	}
	pos := n.GetToken().Position
	return pos.Line + p.fmLine - 1, pos.Column
}

// keyPos returns the position of a top-level key, matched without regard
// to case as Hugo matches keys; the front matter's first line if absent.
func (p *page) keyPos(name string) (line, col int) {
	if _, mv, ok := p.lookupKey(name); ok {
		return p.nodePos(mv.Key)
	}
	return max(p.fmLine-1, 1), 1
}

// lookupKey finds a top-level key of YAML front matter case-insensitively.
func (p *page) lookupKey(name string) (string, *yast.MappingValueNode, bool) {
	if mv, ok := p.keys[name]; ok {
		return name, mv, true
	}
	for _, k := range p.order {
		if mv := p.keys[k]; mv != nil && strings.EqualFold(k, name) {
			return k, mv, true
		}
	}
	return "", nil, false
}

// valuePos returns the position of a top-level key's value; for front
// matter other than YAML, the front matter's first line.
func (p *page) valuePos(key string) (line, col int) {
	if mv := p.keys[key]; mv != nil {
		return p.nodePos(mv.Value)
	}
	return max(p.fmLine, 1), 1
}

// keyNodePos returns the position of a top-level key; for front matter
// other than YAML, the front matter's first line.
func (p *page) keyNodePos(key string) (line, col int) {
	if mv := p.keys[key]; mv != nil {
		return p.nodePos(mv.Key)
	}
	return max(p.fmLine, 1), 1
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
