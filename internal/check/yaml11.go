package check

import (
	"bytes"
	"fmt"
	"math"
	"strconv"
	"strings"
	"time"
	"unicode"
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
	c.compare11(p, old)
}

// compare11 reports each top-level value that YAML 1.1 (old) reads
// otherwise than Hugo did.
func (c *checker) compare11(p *page, old map[string]any) {
	if err := p.ensureAST(); err != nil {
		c.fail(p, p.fmLine, 1, "fm.yaml11", "the front matter's structure cannot be read (%v), though Hugo can read it: write it in plain YAML", firstLine(err.Error()))
		return
	}
	for _, k := range p.order {
		ov, found := lookupAny(old, k)
		mv := p.keys[k]
		if !found {
			line, col := p.keyAt(k).resolve()
			c.fail(p, line, col, "fm.yaml11", "the key %s is read otherwise by YAML 1.1 tools: quote it", k)
			continue
		}
		var n yast.Node
		if mv != nil {
			n = mv.Value
		}
		c.compareYAML(p, n, p.fm[k], ov, k)
	}
}

// compareYAML reports where a value Hugo read (hv) and the one YAML 1.1
// read (ov) differ; n is the value's node, for its position.
func (c *checker) compareYAML(p *page, n yast.Node, hv, ov any, keyPath string) {
	n = unwrapNode(n)
	switch h := hv.(type) {
	case map[string]any:
		om := toAnyMap(ov)
		if om == nil {
			c.yaml11Diff(p, n, hv, ov, keyPath)
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
			c.compareYAML(p, mv.Value, h[k], o, keyPath+"."+k)
		}
	case []any:
		ol, ok := ov.([]any)
		seq, _ := n.(*yast.SequenceNode)
		if !ok || len(ol) != len(h) || seq == nil || len(seq.Values) != len(h) {
			c.yaml11Diff(p, n, hv, ov, keyPath)
			return
		}
		for i := range h {
			c.compareYAML(p, seq.Values[i], h[i], ol[i], fmt.Sprintf("%s[%d]", keyPath, i))
		}
	default:
		if !sameScalar(hv, ov) {
			c.yaml11Diff(p, n, hv, ov, keyPath)
		}
	}
}

func (c *checker) yaml11Diff(p *page, n yast.Node, hv, ov any, keyPath string) {
	line, col := p.nodePos(n)
	if n != nil {
		if tok := n.GetToken(); tok != nil && isScalar(n) {
			keyPath = tok.Value
		}
	}
	hs, os := describe(hv), describe(ov)
	if b, ok := ov.(bool); ok {
		c.fail(p, line, col, "fm.yaml11", "%s is read as %t by YAML 1.1 tools and as the text %s by Hugo: write %t, or quote it",
			keyPath, b, hs, b)
		return
	}
	c.fail(p, line, col, "fm.yaml11", "%s is read as %s by YAML 1.1 tools and as %s by Hugo: quote it, or write it so both agree", keyPath, os, hs)
}

func isScalar(n yast.Node) bool {
	switch n.(type) {
	case *yast.StringNode, *yast.IntegerNode, *yast.FloatNode, *yast.BoolNode, *yast.NullNode, *yast.InfinityNode, *yast.NanNode:
		return true
	}
	return false
}

// words11 are the words YAML 1.1 reads as booleans (and, as keys, null and
// the booleans of both), which YAML 1.2 reads as text.
var words11 = map[string]bool{
	"y": true, "Y": true, "yes": true, "Yes": true, "YES": true, "n": true, "N": true, "no": true, "No": true, "NO": true,
	"on": true, "On": true, "ON": true, "off": true, "Off": true, "OFF": true,
}

var keys11 = map[string]bool{
	"null": true, "Null": true, "NULL": true, "true": true, "True": true, "TRUE": true, "false": true, "False": true, "FALSE": true,
}

// mayDiffer11 says whether YAML 1.1 and YAML 1.2 could read the front
// matter otherwise. It is false only when every line is in the simple part
// of YAML that both take alike — comments, "key:", "key: value", "- value"
// and "- key: value", with plain keys, and values that are quoted strings,
// dates, true or false, plain numbers without a leading zero, plain words
// that are none of YAML 1.1's booleans, or flow lists of those — with
// indentation that opens only under "key:". Most front matter is simple,
// and its YAML 1.1 reading, which costs as much as Hugo's, is then not
// needed. TestYAML11Prefilter and FuzzYAML11Prefilter hold it to never
// saying no where the readings differ.
func mayDiffer11(fm []byte) bool {
	if !utf8.Valid(fm) {
		return true
	}
	indents := []int{0}
	opens := false // the line before was "key:" with no value
	for len(fm) > 0 {
		var line []byte
		if i := bytes.IndexByte(fm, '\n'); i >= 0 {
			line, fm = fm[:i], fm[i+1:]
		} else {
			line, fm = fm, nil
		}
		line = bytes.TrimSuffix(line, []byte("\r"))
		for _, b := range line {
			if b < 0x20 || b == 0x7f {
				return true // control characters and tabs, which readers take otherwise
			}
		}
		rest := bytes.TrimLeft(line, " ")
		indent := len(line) - len(rest)
		rest = bytes.TrimRight(rest, " ")
		if len(rest) == 0 || rest[0] == '#' {
			continue
		}
		dash := 0
		if bytes.HasPrefix(rest, []byte("- ")) {
			after := bytes.TrimLeft(rest[2:], " ")
			dash, rest = len(rest)-len(after), after
			if len(rest) == 0 || rest[0] == '-' {
				return true
			}
		}
		key, value, isKey := splitKey(rest)
		if !isKey && dash == 0 {
			return true // a lone value continues a multi-line one
		}
		if !isKey {
			value = rest
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
		if dash > 0 && isKey {
			// "- key: value": the item's other keys align with this one.
			indents = append(indents, indent+dash)
		}
		if isKey && (words11[string(key)] || keys11[string(key)]) {
			return true
		}
		opens = isKey && len(value) == 0
		if len(value) > 0 && !simpleValue(value) {
			return true
		}
	}
	return false
}

// splitKey splits "key: value" (or "key:") with a plain key of letters,
// digits, _ and -, starting with a letter or _; the value keeps no
// trailing comment.
func splitKey(s []byte) (key, value []byte, ok bool) {
	i := 0
	for i < len(s) {
		r, size := utf8.DecodeRune(s[i:])
		if !(unicode.IsLetter(r) || r == '_' || i > 0 && (unicode.IsDigit(r) || r == '-')) {
			break
		}
		i += size
	}
	if i == 0 || i >= len(s) || s[i] != ':' || i+1 < len(s) && s[i+1] != ' ' {
		return nil, nil, false
	}
	value = bytes.TrimSpace(s[i+1:])
	if j := bytes.Index(value, []byte(" #")); j >= 0 && !bytes.ContainsAny(value[:j], `"'`) {
		value = bytes.TrimSpace(value[:j])
	}
	if len(value) > 0 && value[0] == '#' {
		value = nil
	}
	return s[:i], value, true
}

// simpleValue says whether a value is one both readings take alike: a
// quoted string, a flow list of simple scalars, or a simple plain scalar.
func simpleValue(v []byte) bool {
	if v[0] == '[' {
		if v[len(v)-1] != ']' {
			return false
		}
		inner := bytes.TrimSpace(v[1 : len(v)-1])
		if len(inner) == 0 {
			return true
		}
		for len(inner) > 0 {
			n := scalarLen(inner)
			if n == 0 {
				return false
			}
			inner = bytes.TrimLeft(inner[n:], " ")
			if len(inner) > 0 {
				if inner[0] != ',' {
					return false
				}
				inner = bytes.TrimLeft(inner[1:], " ")
				if len(inner) == 0 {
					return false
				}
			}
		}
		return true
	}
	return scalarLen(v) == len(v)
}

// scalarLen returns the length of the simple scalar at the start of s, in a
// flow list (where a plain one ends at a comma) or alone, or 0 if there is
// none: a quoted string, or plain words that start with a letter (none of
// YAML 1.1's booleans), a plain number without a leading zero, a date.
func scalarLen(s []byte) int {
	switch s[0] {
	case '"':
		for i := 1; i < len(s); i++ {
			switch s[i] {
			case '\\':
				if i+1 >= len(s) || s[i+1] != '"' && s[i+1] != '\\' {
					return 0
				}
				i++
			case '"':
				return i + 1
			}
		}
		return 0
	case '\'':
		for i := 1; i < len(s); i++ {
			if s[i] == '\'' {
				if i+1 < len(s) && s[i+1] == '\'' {
					i++
					continue
				}
				return i + 1
			}
		}
		return 0
	}
	n := 0
	for n < len(s) && s[n] != ',' && s[n] != ']' {
		n++
	}
	word := bytes.TrimRight(s[:n], " ")
	if len(word) == 0 || words11[string(word)] || keys11[string(word)] && word[0] != 't' && word[0] != 'f' {
		return 0
	}
	if plainWords(word) || plainNumber(word) || plainDate(word) {
		return len(word)
	}
	return 0
}

// plainWords: a letter first, then letters, digits, spaces and . ' ( ) / _
// -, not ending in a space.
func plainWords(w []byte) bool {
	for i := 0; i < len(w); {
		r, size := utf8.DecodeRune(w[i:])
		switch {
		case unicode.IsLetter(r):
		case i > 0 && (unicode.IsDigit(r) || strings.ContainsRune(" .'()/_-", r)):
		default:
			return false
		}
		i += size
	}
	return true
}

// plainNumber: an integer or a decimal without a leading zero or a sign
// but minus.
func plainNumber(w []byte) bool {
	w = bytes.TrimPrefix(w, []byte("-"))
	intPart, frac, hasFrac := bytes.Cut(w, []byte("."))
	if len(intPart) == 0 || len(intPart) > 1 && intPart[0] == '0' || hasFrac && len(frac) == 0 {
		return false
	}
	for _, part := range [][]byte{intPart, frac} {
		for _, b := range part {
			if b < '0' || b > '9' {
				return false
			}
		}
	}
	return true
}

// plainDate: 2024-10-21, or with a time, seconds and an offset or Z.
func plainDate(w []byte) bool {
	const date = "dddd-dd-dd"
	if len(w) < len(date) {
		return false
	}
	shape := func(s []byte, pattern string) bool {
		if len(s) != len(pattern) {
			return false
		}
		for i := range pattern {
			if pattern[i] == 'd' && (s[i] < '0' || s[i] > '9') || pattern[i] != 'd' && s[i] != pattern[i] {
				return false
			}
		}
		return true
	}
	if !shape(w[:10], date) {
		return false
	}
	rest := w[10:]
	if len(rest) == 0 {
		return true
	}
	if rest[0] != 'T' && rest[0] != ' ' || len(rest) < 9 || !shape(rest[1:9], "dd:dd:dd") {
		return false
	}
	rest = rest[9:]
	if len(rest) > 0 && rest[0] == '.' {
		i := 1
		for i < len(rest) && rest[i] >= '0' && rest[i] <= '9' {
			i++
		}
		if i == 1 {
			return false
		}
		rest = rest[i:]
	}
	return len(rest) == 0 || string(rest) == "Z" || len(rest) == 6 && (rest[0] == '+' || rest[0] == '-') && shape(rest[1:], "dd:dd")
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
