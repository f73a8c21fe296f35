package check

import (
	"fmt"
	"math"
	"regexp"
	"strconv"
	"strings"
	"time"
	"unicode/utf8"

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
	text := p.src[p.fmOff:p.fmEnd]
	if !mayDiffer11(text) {
		return
	}
	old, err := yaml11(text)
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

// simpleValue is a value both YAML readings take alike: a quoted string, a
// date, true or false, a plain number, or plain words that are none of YAML
// 1.1's booleans; or a flow list of those.
const simpleScalar = `(?:"(?:[^"\\\x00-\x1f]|\\["\\])*"|'(?:[^'\x00-\x1f]|'')*'|` +
	`[0-9]{4}-[0-9]{2}-[0-9]{2}(?:[T ][0-9]{2}:[0-9]{2}:[0-9]{2}(?:\.[0-9]+)?(?:Z|[+-][0-9]{2}:[0-9]{2})?)?|` +
	`true|false|-?(?:0|[1-9][0-9]*)(?:\.[0-9]+)?|` +
	`[\p{L}][\p{L}\p{N} .'()/_-]*[\p{L}\p{N}.)]|[\p{L}][\p{L}\p{N}]?)`

// simpleLine matches a line of front matter in the part of YAML that both
// readings take alike: a comment, "key:", "key: value", "- value", "- key:
// value", with plain keys.
var simpleLine = regexp.MustCompile(`^( *)(?:#.*|(- +)?` +
	`(?:([\p{L}_][\p{L}\p{N}_-]*):(?: +(` + simpleScalar + `|\[ *(?:` + simpleScalar + `(?: *, *` + simpleScalar + `)*)? *\]))?|` +
	`(` + simpleScalar + `))` +
	`(?: +#.*)?)? *$`)

// words11 are YAML 1.1's booleans, which YAML 1.2 reads as text.
var words11 = regexp.MustCompile(`(?:^|[\s\[,'"])(?:[yYnN]|[Yy]es|YES|[Nn]o|NO|[Oo]n|ON|[Oo]ff|OFF)(?:$|[\s\],'"])`)

// quotedRe matches a quoted string of simpleScalar.
var quotedRe = regexp.MustCompile(`"(?:[^"\\]|\\.)*"|'(?:[^']|'')*'`)

// keys11 are the keys YAML 1.1 reads as null or booleans, not as text.
var keys11 = regexp.MustCompile(`^(?:null|Null|NULL|true|True|TRUE|false|False|FALSE|[yYnN]|[Yy]es|YES|[Nn]o|NO|[Oo]n|ON|[Oo]ff|OFF)$`)

// mayDiffer11 says whether YAML 1.1 and YAML 1.2 could read the front
// matter otherwise. It is true unless every line is in the simple part of
// YAML that both take alike (simpleLine), with indentation that opens only
// under "key:", and no plain word of YAML 1.1's booleans. Most front
// matter is simple, and its YAML 1.1 reading, which costs as much as
// Hugo's, is then not needed. TestYAML11Prefilter and FuzzYAML11Prefilter
// hold it to never saying no where the readings differ.
func mayDiffer11(fm []byte) bool {
	if !utf8.Valid(fm) {
		return true
	}
	for _, b := range fm {
		if b < 0x20 && b != '\n' && b != '\r' || b == 0x7f {
			return true // control characters and tabs, which readers take otherwise
		}
	}
	indents := []int{0}
	opens := false // the line before was "key:" with no value
	for _, line := range strings.Split(strings.TrimSuffix(string(fm), "\n"), "\n") {
		line = strings.TrimSuffix(line, "\r")
		if strings.TrimSpace(line) == "" {
			continue
		}
		m := simpleLine.FindStringSubmatch(line)
		if m == nil {
			return true
		}
		if strings.HasPrefix(strings.TrimSpace(line), "#") {
			continue
		}
		indent, dash, key, value, lone := len(m[1]), m[2], m[3], m[4], m[5]
		if dash == "" && key == "" {
			return true // a lone value continues a multi-line one
		}
		switch top := indents[len(indents)-1]; {
		case indent > top:
			if !opens {
				return true
			}
			indents = append(indents, indent)
		case indent < top:
			for len(indents) > 1 && indents[len(indents)-1] > indent {
				indents = indents[:len(indents)-1]
			}
			if indents[len(indents)-1] != indent {
				return true
			}
		}
		if dash != "" && key != "" {
			// "- key: value": the item's other keys align with this one.
			indents = append(indents, indent+len(dash))
		}
		opens = key != "" && value == ""
		if keys11.MatchString(key) {
			return true
		}
		for _, v := range []string{value, lone} {
			// Words inside quotes are text for both.
			if words11.MatchString(quotedRe.ReplaceAllString(v, `""`)) {
				return true
			}
		}
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
