package check

import (
	"os"
	"path/filepath"
	"strings"
	"time"
	"unicode/utf8"

	yast "github.com/goccy/go-yaml/ast"
)

type kind int

const (
	kAny kind = iota
	kString
	kDate
	kBool
	kStringList
	kImage
	kCorrections
)

func (k kind) String() string {
	return [...]string{"any value", "a string", "a date with a time and offset", "true or false",
		"a list of strings", "a block with src and alt", "a list of dated corrections"}[k]
}

type field struct {
	kind     kind
	required bool // in articles
	max      int  // characters, for strings
}

// fields is the content model (shared/content-model.md), plus the Hugo
// front matter keys an editor may legitimately use.
var fields = map[string]field{
	"title":          {kind: kString, required: true, max: 140}, // keep requiredFields in step
	"date":           {kind: kDate, required: true},
	"lastmod":        {kind: kDate},
	"authors":        {kind: kStringList, required: true},
	"description":    {kind: kString, required: true, max: 300},
	"tags":           {kind: kStringList, required: true},
	"regions":        {kind: kStringList},
	"image":          {kind: kImage},
	"sourceNote":     {kind: kBool},
	"corrections":    {kind: kCorrections},
	"translationKey": {kind: kString},
	"aliases":        {kind: kStringList},
	"draft":          {kind: kBool},
	// Hugo's own.
	"slug": {kind: kString}, "url": {kind: kString}, "linkTitle": {kind: kString},
	"summary": {kind: kString}, "keywords": {kind: kStringList},
	"publishDate": {kind: kDate}, "expiryDate": {kind: kDate},
	"weight": {}, "params": {}, "build": {}, "cascade": {}, "outputs": {},
	"type": {kind: kString}, "layout": {kind: kString}, "markup": {kind: kString},
	"headless": {kind: kBool}, "isCJKLanguage": {kind: kBool}, "sitemap": {},
	"resources": {}, "menus": {}, "menu": {},
	// Term pages (_index.md of an author, tag or region).
	"photo": {kind: kString}, "organization": {kind: kBool}, "jobTitle": {kind: kString},
}

// requiredFields are the fields every article needs, in the order of the model.
var requiredFields = []string{"title", "date", "authors", "description", "tags"}

var imageFields = map[string]bool{
	"src": true, "alt": true, "caption": true, "credit": true, "license": true, "licenseURL": true,
}

// lookupField finds a key of the model; front matter keys are not case
// sensitive in Hugo.
func lookupField(key string) (string, field, bool) {
	if f, ok := fields[key]; ok {
		return key, f, true
	}
	for name, f := range fields {
		if strings.EqualFold(name, key) {
			return name, f, true
		}
	}
	return "", field{}, false
}

// checkFrontMatter checks the keys and values of p's front matter. article
// says whether the content model's required fields apply.
func (c *checker) checkFrontMatter(p *page, article bool) {
	for _, key := range p.order {
		mv := p.keys[key]
		name, f, ok := lookupField(key)
		if !ok {
			c.unknownKey(p, mv.Key, key, fieldNames(), "")
			continue
		}
		c.checkValue(p, name, f, mv)
	}
	c.checkYAML11(p)
	if !article {
		return
	}
	for _, name := range requiredFields {
		if _, _, ok := p.lookupKey(name); !ok {
			line, col := p.fmStart, 1
			c.add(p, line, col, Error, "fm.required", "missing required field %q", name)
		}
	}
}

// lookupKey finds a top-level key case-insensitively.
func (p *page) lookupKey(name string) (string, *yast.MappingValueNode, bool) {
	if mv, ok := p.keys[name]; ok {
		return name, mv, true
	}
	for k, mv := range p.keys {
		if strings.EqualFold(k, name) {
			return k, mv, true
		}
	}
	return "", nil, false
}

func (c *checker) unknownKey(p *page, at yast.Node, key string, known []string, parent string) {
	line, col := p.nodePos(at)
	what := "unknown front matter key"
	if parent != "" {
		what = "unknown key in " + parent
	}
	if s := Suggest(key, known); s != "" {
		// A near miss is a typo that loses the value: an error.
		c.add(p, line, col, Error, "fm.unknown-key", "%s %q; did you mean %q?", what, key, s)
		return
	}
	c.add(p, line, col, Warning, "fm.unknown-key", "%s %q", what, key)
}

func fieldNames() []string {
	names := make([]string, 0, len(fields))
	for k := range fields {
		names = append(names, k)
	}
	return names
}

func (c *checker) checkValue(p *page, name string, f field, mv *yast.MappingValueNode) {
	v := mv.Value
	line, col := p.nodePos(v)
	if v == nil || v.Type() == yast.NullType {
		if f.required {
			c.add(p, line, col, Error, "fm.required", "%q is empty", name)
		}
		return
	}
	wrongType := func() {
		c.add(p, line, col, Error, "fm.type", "%q must be %s", name, f.kind)
	}
	switch f.kind {
	case kString:
		s, ok := scalarString(v)
		if !ok {
			wrongType()
			return
		}
		if strings.TrimSpace(s) == "" && f.required {
			c.add(p, line, col, Error, "fm.required", "%q is empty", name)
			return
		}
		if f.max > 0 && utf8.RuneCountInString(s) > f.max {
			c.add(p, line, col, Error, "fm.length", "%q is %d characters long; the limit is %d",
				name, utf8.RuneCountInString(s), f.max)
		}
		if strings.Contains(s, "TODO") {
			c.add(p, line, col, Error, "fm.placeholder", "%q still holds the archetype's TODO placeholder", name)
		}
	case kDate:
		c.checkDate(p, name, v)
	case kBool:
		if v.Type() != yast.BoolType {
			wrongType()
		}
	case kStringList:
		seq, ok := v.(*yast.SequenceNode)
		if !ok {
			wrongType()
			return
		}
		if len(seq.Values) == 0 && f.required {
			c.add(p, line, col, Error, "fm.required", "%q needs at least one entry", name)
		}
		for _, item := range seq.Values {
			s, ok := scalarString(item)
			il, ic := p.nodePos(item)
			if !ok || strings.TrimSpace(s) == "" {
				c.add(p, il, ic, Error, "fm.type", "each entry of %q must be a non-empty string", name)
			} else if strings.Contains(s, "TODO") {
				c.add(p, il, ic, Error, "fm.placeholder", "%q still holds the archetype's TODO placeholder", name)
			} else {
				c.checkTerm(p, name, s, il, ic)
			}
		}
	case kImage:
		c.checkImage(p, mv)
	case kCorrections:
		seq, ok := v.(*yast.SequenceNode)
		if !ok {
			wrongType()
			return
		}
		for _, item := range seq.Values {
			m := mapping(item)
			il, ic := p.nodePos(item)
			if m == nil {
				c.add(p, il, ic, Error, "fm.type", "each correction needs a date and a text")
				continue
			}
			if d, ok := m["date"]; ok {
				c.checkDate(p, "corrections.date", d.Value)
			} else {
				c.add(p, il, ic, Error, "fm.required", "a correction is missing its %q", "date")
			}
			if t, ok := m["text"]; !ok {
				c.add(p, il, ic, Error, "fm.required", "a correction is missing its %q", "text")
			} else if s, _ := scalarString(t.Value); strings.TrimSpace(s) == "" {
				tl, tc := p.nodePos(t.Value)
				c.add(p, tl, tc, Error, "fm.required", "a correction's %q is empty", "text")
			}
			for k, kv := range m {
				if k != "date" && k != "text" {
					c.unknownKey(p, kv.Key, k, []string{"date", "text"}, "corrections")
				}
			}
		}
	}
}

var dateLayouts = []string{time.RFC3339Nano, "2006-01-02T15:04:05Z07:00", "2006-01-02 15:04:05Z07:00", "2006-01-02 15:04:05 -07:00"}

func (c *checker) checkDate(p *page, name string, v yast.Node) {
	line, col := p.nodePos(v)
	s, ok := scalarString(v)
	if !ok {
		c.add(p, line, col, Error, "fm.type", "%q must be a date such as 2024-10-21T09:00:00+09:00", name)
		return
	}
	for _, layout := range dateLayouts {
		if _, err := time.Parse(layout, s); err == nil {
			return
		}
	}
	for _, layout := range []string{"2006-01-02", "2006-01-02T15:04:05", "2006-01-02T15:04", "2006-01-02 15:04:05", "2006-01-02 15:04"} {
		if t, err := time.Parse(layout, s); err == nil {
			if layout == "2006-01-02" {
				t = t.Add(9 * time.Hour) // an example time of day
			}
			c.add(p, line, col, Error, "fm.date-offset",
				"%q has no time zone offset: write it as %s+09:00 (Seoul) or with the offset where it happened",
				name, t.Format("2006-01-02T15:04:05"))
			return
		}
	}
	c.add(p, line, col, Error, "fm.type", "%q is not a date: %q (write 2024-10-21T09:00:00+09:00)", name, s)
}

func (c *checker) checkImage(p *page, mv *yast.MappingValueNode) {
	// Missing fields are reported at the image: key.
	line, col := p.nodePos(mv.Key)
	m := mapping(mv.Value)
	if m == nil {
		c.add(p, line, col, Error, "fm.type", "%q must be a block with src and alt", "image")
		return
	}
	for k, kv := range m {
		if !imageFields[k] {
			known := make([]string, 0, len(imageFields))
			for f := range imageFields {
				known = append(known, f)
			}
			c.unknownKey(p, kv.Key, k, known, "image")
		}
	}
	get := func(k string) (string, *yast.MappingValueNode) {
		kv, ok := m[k]
		if !ok {
			return "", nil
		}
		s, _ := scalarString(kv.Value)
		return strings.TrimSpace(s), kv
	}
	src, srcNode := get("src")
	if src == "" {
		c.add(p, line, col, Error, "image.src", "the image needs a %q: the file name in the article's folder", "src")
	} else if !strings.Contains(src, "://") {
		if !c.bundleHas(p, src) {
			l, cl := p.nodePos(srcNode.Value)
			c.add(p, l, cl, Error, "image.src", "image %q is not in the article's folder", src)
		}
	} else {
		l, cl := p.nodePos(srcNode.Value)
		c.add(p, l, cl, Error, "image.src", "image %q is on another host; put the file in the article's folder", src)
	}
	if alt, _ := get("alt"); alt == "" {
		c.add(p, line, col, Error, "image.alt", "the image needs %q text that describes it for readers who cannot see it", "alt")
	}
	credit, _ := get("credit")
	license, licNode := get("license")
	if credit == "" {
		c.add(p, line, col, Error, "image.credit", "the image needs a %q: who made it", "credit")
	}
	if license == "" {
		c.add(p, line, col, Error, "image.license", "the image needs a %q: a Creative Commons id, %q or %q", "license", "all rights reserved", "public domain")
	} else if !validLicense(license) {
		l, cl := p.nodePos(licNode.Value)
		c.add(p, l, cl, Error, "image.license", "unknown licence %q: use a Creative Commons id such as %q, %q or %q", license, "CC BY-SA 2.0", "all rights reserved", "public domain")
	}
}

// bundleHas says whether the folder of p holds the file name.
func (c *checker) bundleHas(p *page, name string) bool {
	fi, err := os.Stat(c.abs(filepath.Join(filepath.Dir(p.path), filepath.FromSlash(name))))
	return err == nil && !fi.IsDir()
}

func validLicense(s string) bool {
	l := strings.ToLower(s)
	if l == "all rights reserved" || l == "public domain" || l == "cc0" || strings.HasPrefix(l, "cc0 ") {
		return true
	}
	if !strings.HasPrefix(l, "cc ") {
		return false
	}
	parts := strings.Fields(l)
	if len(parts) < 2 {
		return false
	}
	switch parts[1] {
	case "by", "by-sa", "by-nd", "by-nc", "by-nc-sa", "by-nc-nd", "pdm":
		return true
	}
	return false
}

// mapping returns the keys of a YAML mapping node, or nil.
func mapping(n yast.Node) map[string]*yast.MappingValueNode {
	var values []*yast.MappingValueNode
	switch m := n.(type) {
	case *yast.MappingNode:
		values = m.Values
	case *yast.MappingValueNode:
		values = []*yast.MappingValueNode{m}
	default:
		return nil
	}
	out := make(map[string]*yast.MappingValueNode, len(values))
	for _, mv := range values {
		out[mv.Key.String()] = mv
	}
	return out
}

// scalarString returns the text of a scalar node.
func scalarString(n yast.Node) (string, bool) {
	switch v := n.(type) {
	case *yast.StringNode:
		return v.Value, true
	case *yast.LiteralNode:
		return v.Value.Value, true
	case *yast.IntegerNode, *yast.FloatNode, *yast.BoolNode, *yast.InfinityNode, *yast.NanNode:
		return n.GetToken().Value, true
	case *yast.TagNode:
		return scalarString(v.Value)
	}
	return "", false
}

// yaml11Bools are the words that YAML 1.1 (goldmark-meta) reads as true or
// false and YAML 1.2 (Hugo) reads as strings.
var yaml11Bools = map[string]bool{
	"y": true, "Y": true, "yes": true, "Yes": true, "YES": true, "on": true, "On": true, "ON": true,
	"n": false, "N": false, "no": false, "No": false, "NO": false, "off": false, "Off": false, "OFF": false,
}

// checkYAML11 reports unquoted values that YAML 1.1 and YAML 1.2 read
// differently, anywhere in the front matter.
func (c *checker) checkYAML11(p *page) {
	for _, k := range p.order {
		yast.Walk(yaml11Visitor{c: c, p: p}, p.keys[k].Value)
	}
}

type yaml11Visitor struct {
	c *checker
	p *page
}

func (v yaml11Visitor) Visit(n yast.Node) yast.Visitor {
	s, ok := n.(*yast.StringNode)
	if !ok || s.Token == nil {
		return v
	}
	if b, found := yaml11Bools[s.Value]; found && !quoted(s) {
		line, col := v.p.nodePos(n)
		v.c.add(v.p, line, col, Error, "fm.yaml11-bool",
			"%s is read as %t by YAML 1.1 tools and as the text %q by Hugo: write %t, or quote it",
			s.Value, b, s.Value, b)
	}
	return v
}

func quoted(s *yast.StringNode) bool {
	o := strings.TrimSpace(s.Token.Origin)
	return strings.HasPrefix(o, `"`) || strings.HasPrefix(o, `'`)
}
