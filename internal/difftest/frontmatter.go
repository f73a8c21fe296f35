package difftest

import (
	"encoding/json"
	"regexp"
	"slices"
	"strconv"
	"strings"
)

// val is a front matter value as a person would write it in each of Hugo's
// front matter formats. A scalar carries its text per format, so that one
// case can say "draft: yes" in YAML and draft = "yes" in TOML (where a bare
// yes is no value at all).
type val struct {
	y, t, j string // a scalar's text in YAML, TOML and JSON
	list    []val  // a list, when isList
	m       []kv   // a map, when isMap
	isList  bool
	isMap   bool
	block   bool // in YAML, written as indented lines instead of [..] or {..}
}

// kv is one key of a map, in the order written.
type kv struct {
	k string
	v val
}

// str is a string, quoted in every format.
func str(s string) val {
	j := jsonQuote(s)
	return val{y: strconv.Quote(s), t: j, j: j}
}

// jsonQuote quotes s for JSON, whose escapes TOML's basic strings share.
func jsonQuote(s string) string {
	b, _ := json.Marshal(s)
	return string(b)
}

// word is text written bare in YAML, as editors do ("draft: yes"), and
// quoted in TOML and JSON, unless it is a literal there too.
func word(s string) val {
	v := val{y: s, t: jsonQuote(s), j: jsonQuote(s)}
	switch {
	case s == "true" || s == "false" || intRe.MatchString(s):
		v.t, v.j = s, s
	case tomlDateRe.MatchString(s):
		v.t = s // a TOML date-time, or a mistake a TOML reader must report
	}
	return v
}

// raw is a value with its own text in each format.
func raw(y, t, j string) val { return val{y: y, t: t, j: j} }

func list(block bool, items ...val) val { return val{list: items, isList: true, block: block} }

func mapping(block bool, fields ...kv) val { return val{m: fields, isMap: true, block: block} }

func strs(block bool, ss ...string) val {
	items := make([]val, len(ss))
	for i, s := range ss {
		items[i] = str(s)
	}
	return list(block, items...)
}

var (
	intRe      = regexp.MustCompile(`^-?[0-9]+$`)
	tomlDateRe = regexp.MustCompile(`^[0-9]{4}-[0-9]{2}-[0-9]{2}([T ][0-9:.]+(Z|[+-][0-9]{2}:[0-9]{2})?)?$`)
	bareKeyRe  = regexp.MustCompile(`^[A-Za-z0-9_-]+$`)
)

// yamlDoc writes fields as the lines of a YAML front matter.
func yamlDoc(fields []kv) string {
	var b strings.Builder
	for _, f := range fields {
		if f.k == "" { // a line written as is
			b.WriteString(f.v.y + "\n")
			continue
		}
		b.WriteString(f.k)
		b.WriteString(":")
		b.WriteString(f.v.yaml(0))
		b.WriteString("\n")
	}
	return b.String()
}

// yaml writes v after "key:" at the given indent: a space and the value,
// or the block's lines.
func (v val) yaml(indent int) string {
	if !v.block || (!v.isList && !v.isMap) || (v.isList && len(v.list) == 0) || (v.isMap && len(v.m) == 0) {
		if !v.isList && !v.isMap && v.y == "" {
			return "" // "key:" with no value
		}
		return " " + v.flowYAML()
	}
	pad := strings.Repeat(" ", indent+2)
	var b strings.Builder
	if v.isList {
		for _, item := range v.list {
			b.WriteString("\n" + pad + "-")
			if item.isMap && item.block && len(item.m) > 0 {
				// - first: value
				//   second: value
				for i, f := range item.m {
					if i == 0 {
						b.WriteString(" ")
					} else {
						b.WriteString("\n" + pad + "  ")
					}
					b.WriteString(f.k + ":" + f.v.yaml(indent+4))
				}
				continue
			}
			b.WriteString(item.yaml(indent + 2))
		}
		return b.String()
	}
	for _, f := range v.m {
		b.WriteString("\n" + pad + f.k + ":" + f.v.yaml(indent+2))
	}
	return b.String()
}

func (v val) flowYAML() string {
	switch {
	case v.isList:
		parts := make([]string, len(v.list))
		for i, item := range v.list {
			parts[i] = item.flowYAML()
		}
		return "[" + strings.Join(parts, ", ") + "]"
	case v.isMap:
		parts := make([]string, len(v.m))
		for i, f := range v.m {
			parts[i] = f.k + ": " + f.v.flowYAML()
		}
		return "{" + strings.Join(parts, ", ") + "}"
	}
	if v.y == "" {
		return "null"
	}
	return v.y
}

// tomlDoc writes fields as the lines of a TOML front matter, maps as inline
// tables so that the order of the keys stays as written.
func tomlDoc(fields []kv) string {
	var b strings.Builder
	for _, f := range fields {
		if f.k == "" {
			continue
		}
		b.WriteString(tomlKey(f.k) + " = " + f.v.toml() + "\n")
	}
	return b.String()
}

func (v val) toml() string {
	switch {
	case v.isList:
		parts := make([]string, len(v.list))
		for i, item := range v.list {
			parts[i] = item.toml()
		}
		return "[" + strings.Join(parts, ", ") + "]"
	case v.isMap:
		parts := make([]string, len(v.m))
		for i, f := range v.m {
			parts[i] = tomlKey(f.k) + " = " + f.v.toml()
		}
		return "{ " + strings.Join(parts, ", ") + " }"
	}
	if v.t == "" {
		return `""`
	}
	return v.t
}

func tomlKey(k string) string {
	if bareKeyRe.MatchString(k) {
		return k
	}
	return jsonQuote(k)
}

// jsonDoc writes fields as a JSON front matter object.
func jsonDoc(fields []kv) string {
	fields = slices.DeleteFunc(slices.Clone(fields), func(f kv) bool { return f.k == "" })
	var b strings.Builder
	b.WriteString("{\n")
	for i, f := range fields {
		b.WriteString("  " + jsonQuote(f.k) + ": " + f.v.json())
		if i < len(fields)-1 {
			b.WriteString(",")
		}
		b.WriteString("\n")
	}
	b.WriteString("}\n")
	return b.String()
}

func (v val) json() string {
	switch {
	case v.isList:
		parts := make([]string, len(v.list))
		for i, item := range v.list {
			parts[i] = item.json()
		}
		return "[" + strings.Join(parts, ", ") + "]"
	case v.isMap:
		parts := make([]string, len(v.m))
		for i, f := range v.m {
			parts[i] = jsonQuote(f.k) + ": " + f.v.json()
		}
		return "{" + strings.Join(parts, ", ") + "}"
	}
	if v.j == "" {
		return "null"
	}
	return v.j
}

// orgDoc writes fields as Org mode keywords (#+title: ...), which Hugo reads
// as front matter in any content file that starts with them.
func orgDoc(fields []kv) string {
	var b strings.Builder
	for _, f := range fields {
		if f.k == "" {
			continue
		}
		b.WriteString("#+" + f.k + ": " + f.v.org() + "\n")
	}
	return b.String()
}

func (v val) org() string {
	switch {
	case v.isList:
		parts := make([]string, len(v.list))
		for i, item := range v.list {
			parts[i] = item.org()
		}
		return strings.Join(parts, " ")
	case v.isMap:
		return v.flowYAML()
	}
	if s, err := strconv.Unquote(v.y); err == nil {
		return s
	}
	return v.y
}
