package check

import (
	"os"
	"path/filepath"
	"sort"
	"strings"
	"time"
	"unicode/utf8"

	"github.com/gohugoio/hugo/parser/metadecoders"
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

// fields is the content model (docs/content-model.md), plus the Hugo front
// matter keys an editor may use that change nothing but the page itself.
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
	"search":         {kind: kBool},
	// From an import: the WordPress GUID, which feeds keep as the item's
	// id, the WordPress id, and whether the post was pinned.
	"guid": {kind: kString}, "wordpressID": {}, "sticky": {kind: kBool},
	// Hugo's own.
	"slug": {kind: kString}, "url": {kind: kString}, "linkTitle": {kind: kString},
	"summary": {kind: kString}, "keywords": {kind: kStringList},
	"publishDate": {kind: kDate}, "expiryDate": {kind: kDate},
	"weight": {}, "isCJKLanguage": {kind: kBool},
	// Term pages (_index.md of an author, tag or region).
	"photo": {kind: kString}, "organization": {kind: kBool}, "jobTitle": {kind: kString},
}

// structural are the front matter keys that change what Hugo publishes, or
// how, beyond the page's own text: an article must not switch off the
// theme's safety (publishResources), drop the host files (outputs), or
// choose another renderer. A site allows one with
// [params.dispatch] allowFrontMatter = ["layout"].
var structural = map[string]string{
	"build":         "it can publish the original photos, with their GPS",
	"_build":        "it can publish the original photos, with their GPS",
	"cascade":       "it changes every page below this one",
	"outputs":       "it can drop the feeds and host files, or add outputs",
	"markup":        "it chooses another renderer than Markdown",
	"layout":        "it chooses another template",
	"type":          "it chooses another template",
	"headless":      "it stops the page being published",
	"sites":         "it publishes the page in other languages or versions",
	"sitemap":       "it changes the sitemap",
	"resources":     "it renames or re-titles the bundle's files",
	"params":        "it can override the page's fields",
	"menus":         "it adds the page to the site's menus",
	"menu":          "it adds the page to the site's menus",
	"lang":          "it moves the page to another language",
	"kind":          "it changes what kind of page this is",
	"path":          "it moves the page",
	"pubdate":       `it is Hugo's other name for the publication date: write "publishDate"`,
	"published":     `it is Hugo's other name for the publication date, or for "draft": write "publishDate" or "draft"`,
	"unpublishdate": `it is Hugo's other name for the expiry date: write "expiryDate"`,
	"modified":      `it is Hugo's other name for the last modification: write "lastmod"`,
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

// checkFrontMatter checks the front matter of p: as Hugo reads it, as
// YAML 1.1 tools read it, and against the content model. article says
// whether the model's required fields apply.
func (c *checker) checkFrontMatter(p *page, article bool) {
	switch p.format {
	case metadecoders.YAML:
	case "":
		c.add(p, 1, 1, Error, "fm.syntax", "the file does not start with front matter (a --- line)")
		return
	default:
		c.add(p, 1, 1, Error, "fm.syntax", "front matter must be YAML between --- lines, not %s", strings.ToUpper(string(p.format)))
		c.checkKeyCase(p, p.fm, nil)
		for _, key := range p.order {
			c.checkStructural(p, key)
		}
		return
	}
	c.checkKeyCase(p, p.fm, nil)
	c.checkYAML11(p)
	for _, key := range p.order {
		if c.checkStructural(p, key) {
			continue
		}
		name, f, ok := lookupField(key)
		if !ok {
			c.unknownKey(p, p.keyAt(key), key, fieldNames(), "")
			continue
		}
		c.checkValue(p, name, f, p.valueAt(key), p.keyAt(key), p.fm[key])
	}
	if !article {
		return
	}
	for _, name := range requiredFields {
		if !p.hasKey(name) {
			c.add(p, max(p.fmLine-1, 1), 1, Error, "fm.required", "missing required field %q", name)
		}
	}
}

// checkStructural reports a key that changes what Hugo publishes, unless
// the site allows it, and says whether it did.
func (c *checker) checkStructural(p *page, key string) bool {
	why, ok := structural[strings.ToLower(key)]
	if !ok || c.r.allowed[strings.ToLower(key)] {
		return false
	}
	c.failAt(p, p.keyAt(key), "fm.structural", "%q is not allowed in an article's front matter: %s (a site can allow it in config: [params.dispatch] allowFrontMatter)", key, why)
	return true
}

func (c *checker) unknownKey(p *page, w where, key string, known []string, parent string) {
	what := "unknown front matter key"
	if parent != "" {
		what = "unknown key in " + parent
	}
	if s := Suggest(key, known); s != "" {
		// A near miss is a typo that loses the value: an error.
		c.addAt(p, w, Error, "fm.unknown-key", "%s %q; did you mean %q?", what, key, s)
		return
	}
	c.addAt(p, w, Warning, "fm.unknown-key", "%s %q", what, key)
}

func fieldNames() []string {
	names := make([]string, 0, len(fields))
	for k := range fields {
		names = append(names, k)
	}
	sort.Strings(names)
	return names
}

// checkValue checks the value v (as Hugo read it) of a field, found at w
// (its key at kw).
func (c *checker) checkValue(p *page, name string, f field, w, kw where, v any) {
	if v == nil {
		if f.required {
			c.addAt(p, w, Error, "fm.required", "%q is empty", name)
		}
		return
	}
	wrongType := func() {
		c.addAt(p, w, Error, "fm.type", "%q must be %s", name, f.kind)
	}
	switch f.kind {
	case kString:
		s, ok := v.(string)
		if !ok {
			wrongType()
			return
		}
		c.checkString(p, name, f, s, w)
	case kDate:
		c.checkDate(p, name, v, w)
	case kBool:
		if _, ok := v.(bool); !ok {
			wrongType()
		}
	case kStringList:
		list, ok := v.([]any)
		if !ok {
			wrongType()
			return
		}
		if len(list) == 0 && f.required {
			c.addAt(p, w, Error, "fm.required", "%q needs at least one entry", name)
		}
		for i, item := range list {
			s, ok := item.(string)
			iw := w.in(i)
			switch {
			case !ok || strings.TrimSpace(s) == "":
				c.addAt(p, iw, Error, "fm.type", "each entry of %q must be a non-empty string", name)
			case strings.Contains(s, "TODO"):
				c.addAt(p, iw, Error, "fm.placeholder", "%q still holds the archetype's TODO placeholder", name)
			case name == "aliases":
				c.checkURLPath(p, name, s, iw)
			default:
				c.checkTerm(p, name, s, iw)
			}
		}
	case kImage:
		c.checkImage(p, w, kw, v)
	case kCorrections:
		c.checkCorrections(p, w, v)
	}
	if name == "url" || name == "slug" {
		if s, ok := v.(string); ok {
			c.checkURLPath(p, name, s, w)
		}
	}
}

func (c *checker) checkString(p *page, name string, f field, s string, w where) {
	if strings.TrimSpace(s) == "" && f.required {
		c.addAt(p, w, Error, "fm.required", "%q is empty", name)
		return
	}
	if f.max > 0 && utf8.RuneCountInString(s) > f.max {
		c.addAt(p, w, Error, "fm.length", "%q is %d characters long; the limit is %d",
			name, utf8.RuneCountInString(s), f.max)
	}
	if strings.Contains(s, "TODO") {
		c.addAt(p, w, Error, "fm.placeholder", "%q still holds the archetype's TODO placeholder", name)
	}
}

func (c *checker) checkCorrections(p *page, w where, v any) {
	list, ok := v.([]any)
	if !ok {
		c.addAt(p, w, Error, "fm.type", "%q must be %s", "corrections", kCorrections)
		return
	}
	for i, item := range list {
		iw := w.in(i)
		m, ok := item.(map[string]any)
		if !ok {
			c.addAt(p, iw, Error, "fm.type", "each correction needs a date and a text")
			continue
		}
		if d, ok := m["date"]; ok {
			c.checkDate(p, "corrections.date", d, iw.in("date"))
		} else {
			c.addAt(p, iw, Error, "fm.required", "a correction is missing its %q", "date")
		}
		if t, ok := m["text"]; !ok {
			c.addAt(p, iw, Error, "fm.required", "a correction is missing its %q", "text")
		} else if s, _ := t.(string); strings.TrimSpace(s) == "" {
			c.addAt(p, iw.in("text"), Error, "fm.required", "a correction's %q is empty", "text")
		}
		for _, k := range sortedKeys(m) {
			if k != "date" && k != "text" {
				c.unknownKey(p, iw.keyIn(k), k, []string{"date", "text"}, "corrections")
			}
		}
	}
}

// dateLayouts are the forms of a date with a time and an offset.
var dateLayouts = []string{time.RFC3339Nano, "2006-01-02 15:04:05Z07:00", "2006-01-02 15:04:05 -07:00"}

// checkDate checks that a date has a time and an offset. One that Hugo
// cannot parse at all is reported by readPublication.
func (c *checker) checkDate(p *page, name string, v any, w where) {
	s, ok := v.(string)
	if !ok {
		if _, isTime := v.(time.Time); !isTime {
			c.addAt(p, w, Error, "fm.type", "%q must be a date such as 2024-10-21T09:00:00+09:00", name)
		}
		return
	}
	for _, layout := range dateLayouts {
		if _, err := time.Parse(layout, s); err == nil {
			return
		}
	}
	t, err := hugoTime(s, time.UTC)
	if err != nil {
		if strings.Contains(name, ".") {
			// Not a date Hugo reads itself (corrections are ours).
			c.addAt(p, w, Error, "fm.type", "%q is not a date: %q (write 2024-10-21T09:00:00+09:00)", name, s)
		}
		return
	}
	if t.Hour() == 0 && t.Minute() == 0 && len(s) <= len("2006-01-02") {
		t = t.Add(9 * time.Hour) // an example time of day
	}
	c.addAt(p, w, Error, "fm.date-offset",
		"%q has no time zone offset: write it as %s+09:00 (Seoul) or with the offset where it happened",
		name, t.Format("2006-01-02T15:04:05"))
}

// checkImage checks the hero image's block at w (its key at kw, where
// missing fields are reported).
func (c *checker) checkImage(p *page, w, kw where, v any) {
	m, ok := v.(map[string]any)
	if !ok {
		c.addAt(p, kw, Error, "fm.type", "%q must be a block with src and alt", "image")
		return
	}
	for _, k := range sortedKeys(m) {
		if !imageFields[k] {
			known := make([]string, 0, len(imageFields))
			for f := range imageFields {
				known = append(known, f)
			}
			sort.Strings(known)
			c.unknownKey(p, w.keyIn(k), k, known, "image")
		}
	}
	get := func(k string) string {
		s, _ := m[k].(string)
		return strings.TrimSpace(s)
	}
	src := get("src")
	switch {
	case src == "":
		c.failRenderAt(p, kw, "image.src", "the image needs a %q: the file name in the article's folder", "src")
	case strings.Contains(src, "://") || strings.HasPrefix(src, "//"):
		c.failRenderAt(p, w.in("src"), "image.src", "image %q is on another host; put the file in the article's folder", src)
	case !c.bundleHas(p, src):
		c.failRenderAt(p, w.in("src"), "image.src", "image %q is not in the article's folder", src)
	}
	if get("alt") == "" {
		c.failRenderAt(p, kw, "image.alt", "the image needs %q text that describes it for readers who cannot see it", "alt")
	}
	for _, k := range []string{"alt", "caption", "credit"} {
		if strings.Contains(get(k), "TODO") {
			c.addAt(p, w.in(k), Error, "fm.placeholder", "image.%s still holds the archetype's TODO placeholder", k)
		}
	}
	credit, license := get("credit"), get("license")
	if credit == "" {
		c.addAt(p, kw, Error, "image.credit", "the image needs a %q: who made it", "credit")
	}
	if license == "" {
		c.addAt(p, kw, Error, "image.license", "the image needs a %q: a Creative Commons id, %q or %q", "license", "all rights reserved", "public domain")
	} else if !validLicense(license) {
		c.addAt(p, w.in("license"), Error, "image.license", "unknown licence %q: use a Creative Commons id such as %q, %q or %q", license, "CC BY-SA 2.0", "all rights reserved", "public domain")
	}
}

// sortedKeys returns a map's keys, sorted.
func sortedKeys(m map[string]any) []string {
	keys := make([]string, 0, len(m))
	for k := range m {
		keys = append(keys, k)
	}
	sort.Strings(keys)
	return keys
}

// bundleHas says whether the folder of p holds the file name.
func (c *checker) bundleHas(p *page, name string) bool {
	if strings.Contains(name, "..") {
		return false
	}
	fi, err := os.Lstat(filepath.Join(c.r.root, filepath.Dir(p.path), filepath.FromSlash(name)))
	return err == nil && fi.Mode().IsRegular()
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
