package check

import (
	"fmt"
	"strings"

	yast "github.com/goccy/go-yaml/ast"
)

// where is a place in a page that is found only when a diagnostic needs
// it: a line and a column, or the node at a path of the front matter.
// Reading the front matter's structure for positions costs as much as
// Hugo's reading of it; most pages have nothing to report.
type where struct {
	p    *page
	path []any // keys (string) and list indices (int) from the top
	key  bool  // the last key itself, not its value
	line int
	col  int
}

// at is a known line and column.
func at(line, col int) where { return where{line: line, col: col} }

// valueAt is the value at a path of p's front matter.
func (p *page) valueAt(path ...any) where { return where{p: p, path: path} }

// keyAt is the key at the end of a path of p's front matter.
func (p *page) keyAt(path ...any) where { return where{p: p, path: path, key: true} }

// in is the value at one more step of the path.
func (w where) in(step any) where {
	return where{p: w.p, path: append(append([]any(nil), w.path...), step)}
}

// keyIn is the key at one more step of the path.
func (w where) keyIn(step string) where {
	k := w.in(step)
	k.key = true
	return k
}

// resolve returns the line and column.
func (w where) resolve() (line, col int) {
	if w.p == nil {
		return w.line, w.col
	}
	p := w.p
	if p.ensureAST() != nil || len(w.path) == 0 {
		return max(p.fmLine-1, 1), 1
	}
	var n yast.Node = p.top
	var keyNode yast.Node
	for _, step := range w.path {
		n = unwrapNode(n)
		switch s := step.(type) {
		case string:
			var found *yast.MappingValueNode
			for _, mv := range mappingValues(n) {
				if k := mv.Key.String(); k == s {
					found = mv
					break
				} else if found == nil && strings.EqualFold(k, s) {
					found = mv
				}
			}
			if found == nil {
				return p.nodePos(n)
			}
			keyNode, n = found.Key, found.Value
		case int:
			seq, ok := n.(*yast.SequenceNode)
			if !ok || s >= len(seq.Values) {
				return p.nodePos(n)
			}
			keyNode, n = nil, seq.Values[s]
		default:
			panic(fmt.Sprintf("where: a path step of type %T", step))
		}
	}
	if w.key && keyNode != nil {
		return p.nodePos(keyNode)
	}
	return p.nodePos(unwrapNode(n))
}

// addAt adds a diagnostic at w.
func (c *checker) addAt(p *page, w where, sev Severity, id, format string, args ...any) {
	line, col := w.resolve()
	c.add(p, line, col, sev, id, format, args...)
}

// failRenderAt adds an error that makes Hugo fail when it renders the page.
func (c *checker) failRenderAt(p *page, w where, id, format string, args ...any) {
	line, col := w.resolve()
	c.failRender(p, line, col, id, format, args...)
}

// failAt adds an error that makes Hugo fail, drafts or not.
func (c *checker) failAt(p *page, w where, id, format string, args ...any) {
	line, col := w.resolve()
	c.fail(p, line, col, id, format, args...)
}
