package check

import (
	"fmt"
	"math"
	"strconv"
	"strings"
	"time"

	yast "github.com/goccy/go-yaml/ast"
	"github.com/yuin/goldmark"
	meta "github.com/yuin/goldmark-meta"
	"github.com/yuin/goldmark/parser"
	"github.com/yuin/goldmark/text"
)

// metaReader reads front matter as goldmark-meta does: YAML 1.1, as many
// tools that read Markdown front matter do.
var metaReader = goldmark.New(goldmark.WithExtensions(meta.New()))

// yaml11 reads YAML front matter as YAML 1.1 tools do.
func yaml11(fm []byte) (map[string]any, error) {
	src := make([]byte, 0, len(fm)+8)
	src = append(append(append(src, "---\n"...), fm...), "\n---\n"...)
	ctx := parser.NewContext()
	metaReader.Parser().Parse(text.NewReader(src), parser.WithContext(ctx))
	return meta.TryGet(ctx)
}

// checkYAML11 reports the values that YAML 1.1 tools read otherwise than
// Hugo (YAML 1.2) does: yes, no, on, off and the like. Such a value is an
// error wherever it is, and never a reason to treat a page as a draft.
func (c *checker) checkYAML11(p *page) {
	old, err := yaml11(p.src[p.fmOff:p.fmEnd])
	if err != nil {
		line, col := p.fmLine, 1
		c.fail(p, line, col, "fm.yaml11", "YAML 1.1 tools cannot read this front matter (%v), though Hugo can: write it so that both can", firstLine(err.Error()))
		return
	}
	for _, k := range p.order {
		ov, found := lookupAny(old, k)
		if !found {
			line, col := p.nodePos(p.keys[k].Key)
			c.fail(p, line, col, "fm.yaml11", "the key %s is read otherwise by YAML 1.1 tools: quote it", k)
			continue
		}
		c.compareYAML(p, p.keys[k].Value, p.fm[k], ov, k)
	}
}

// compareYAML reports where a value Hugo read (hv) and the one YAML 1.1
// read (ov) differ; n is the value's node, for its position.
func (c *checker) compareYAML(p *page, n yast.Node, hv, ov any, where string) {
	n = unwrapNode(n)
	switch h := hv.(type) {
	case map[string]any:
		om := toAnyMap(ov)
		if om == nil {
			c.yaml11Diff(p, n, hv, ov, where)
			return
		}
		for _, mv := range mappingValues(n) {
			k := mv.Key.String()
			o, found := lookupAny(om, k)
			if !found {
				line, col := p.nodePos(mv.Key)
				c.fail(p, line, col, "fm.yaml11", "the key %s is read otherwise by YAML 1.1 tools: quote it", k)
				continue
			}
			c.compareYAML(p, mv.Value, h[k], o, where+"."+k)
		}
	case []any:
		ol, ok := ov.([]any)
		seq, _ := n.(*yast.SequenceNode)
		if !ok || len(ol) != len(h) || seq == nil || len(seq.Values) != len(h) {
			c.yaml11Diff(p, n, hv, ov, where)
			return
		}
		for i := range h {
			c.compareYAML(p, seq.Values[i], h[i], ol[i], fmt.Sprintf("%s[%d]", where, i))
		}
	default:
		if !sameScalar(hv, ov) {
			c.yaml11Diff(p, n, hv, ov, where)
		}
	}
}

func (c *checker) yaml11Diff(p *page, n yast.Node, hv, ov any, where string) {
	line, col := p.nodePos(n)
	if tok := n.GetToken(); tok != nil && isScalar(n) {
		where = tok.Value
	}
	hs, os := describe(hv), describe(ov)
	if b, ok := ov.(bool); ok {
		c.fail(p, line, col, "fm.yaml11", "%s is read as %t by YAML 1.1 tools and as the text %s by Hugo: write %t, or quote it",
			where, b, hs, b)
		return
	}
	c.fail(p, line, col, "fm.yaml11", "%s is read as %s by YAML 1.1 tools and as %s by Hugo: quote it, or write it so both agree", where, os, hs)
}

func isScalar(n yast.Node) bool {
	switch n.(type) {
	case *yast.StringNode, *yast.IntegerNode, *yast.FloatNode, *yast.BoolNode, *yast.NullNode, *yast.InfinityNode, *yast.NanNode:
		return true
	}
	return false
}

// sameScalar says whether two scalars mean the same: numbers of any type
// by value, and a date that YAML 1.1 read as a time and Hugo as the text
// it then parses as a date.
func sameScalar(h, o any) bool {
	if hf, ok := number(h); ok {
		of, ok := number(o)
		return ok && (hf == of || math.IsNaN(hf) && math.IsNaN(of))
	}
	switch ov := o.(type) {
	case time.Time:
		s, ok := h.(string)
		if !ok {
			return false
		}
		t, err := hugoTime(s, time.UTC)
		return err == nil && t.Equal(ov)
	case nil:
		return h == nil
	}
	return fmt.Sprint(h) == fmt.Sprint(o) && sameKind(h, o)
}

func sameKind(a, b any) bool {
	_, as := a.(string)
	_, bs := b.(string)
	_, ab := a.(bool)
	_, bb := b.(bool)
	return as == bs && ab == bb
}

func number(v any) (float64, bool) {
	switch n := v.(type) {
	case int:
		return float64(n), true
	case int64:
		return float64(n), true
	case uint64:
		return float64(n), true
	case float64:
		return n, true
	}
	return 0, false
}

func describe(v any) string {
	switch x := v.(type) {
	case string:
		return strconv.Quote(x)
	case nil:
		return "nothing"
	case map[string]any, map[any]any:
		return "a mapping"
	case []any:
		return "a list"
	case time.Time:
		return "the time " + x.Format(time.RFC3339)
	}
	return fmt.Sprint(v)
}

func toAnyMap(v any) map[any]any {
	switch m := v.(type) {
	case map[any]any:
		return m
	case map[string]any:
		out := make(map[any]any, len(m))
		for k, v := range m {
			out[k] = v
		}
		return out
	}
	return nil
}

// lookupAny finds the value of a key as YAML 1.1 read it: the key itself
// may have become a boolean or a number.
func lookupAny[M ~map[K]any, K comparable](m M, key string) (any, bool) {
	for k, v := range m {
		if s, ok := any(k).(string); ok && s == key {
			return v, true
		}
	}
	return nil, false
}

func mappingValues(n yast.Node) []*yast.MappingValueNode {
	switch m := n.(type) {
	case *yast.MappingNode:
		return m.Values
	case *yast.MappingValueNode:
		return []*yast.MappingValueNode{m}
	}
	return nil
}

// unwrapNode skips tags and anchors to the value.
func unwrapNode(n yast.Node) yast.Node {
	for {
		switch m := n.(type) {
		case *yast.TagNode:
			n = m.Value
		case *yast.AnchorNode:
			n = m.Value
		default:
			return n
		}
	}
}

func firstLine(s string) string {
	s, _, _ = strings.Cut(strings.TrimSpace(s), "\n")
	return s
}
