package cli

import (
	"bytes"
	"encoding/json"
	"fmt"
	"os"
	"path/filepath"
	"regexp"
	"sort"
	"strconv"
	"strings"
	"time"

	"github.com/gohugoio/hugo/parser/metadecoders"
	"github.com/gohugoio/hugo/parser/pageparser"
	"golang.org/x/text/language"
	"golang.org/x/text/language/display"

	"github.com/dispatch-news/dispatch/internal/check"
	"github.com/dispatch-news/dispatch/internal/fspath"
	"github.com/dispatch-news/dispatch/internal/site"
)

// newTranslation writes target, the translation into lang of the article
// orig, and gives orig a translationKey if it has none: both or neither.
func (a *app) newTranslation(s *site.Site, rel, orig, target, lang string) error {
	origRel := fspath.Rel(a.e.dir, orig)
	src, err := os.ReadFile(orig)
	if err != nil {
		return fmt.Errorf("dispatch: new: cannot read the original: %w", err)
	}
	fm, err := readFrontMatter(src)
	if err != nil {
		return fmt.Errorf("dispatch: new: %s: %v; fix the original first (dispatch check %s shows where); nothing was written", origRel, err, origRel)
	}
	vocab, err := check.LoadVocabulary(s.Dir)
	if err != nil {
		return fmt.Errorf("dispatch: new: %w", err)
	}
	key, _ := lookup(fm.values, "translationKey").(string)
	var updated []byte
	if strings.TrimSpace(key) == "" {
		// news/2024/my-story: 2024-my-story, as the archetype makes them.
		_, after, _ := strings.Cut(rel, "/")
		key = strings.ReplaceAll(after, "/", "-")
		if updated, err = fm.add(src, "translationKey", key); err != nil {
			return fmt.Errorf("dispatch: new: %s has no translationKey, and %v; add translationKey: %q to it by hand, then run this again", origRel, err, key)
		}
	}
	t := translation{
		lang: lang, langName: languageName(lang), orig: fm.values, vocab: vocab, key: key,
		origName: filepath.Base(orig), origPath: filepath.ToSlash(filepath.Join(rel, filepath.Base(orig))),
		now: s.Now.In(s.Location(lang)),
	}
	if err := createFile(target, t.text()); err != nil {
		return a.newFailed(target, err)
	}
	if updated != nil {
		if err := replaceFile(orig, updated); err != nil {
			os.Remove(target)
			return fmt.Errorf("dispatch: new: cannot add the translationKey to %s (%v); nothing was written", origRel, err)
		}
	}
	fmt.Fprintf(a.e.stdout, "created %s, the %s translation of %s, a draft: translate the fields marked TODO and the text\n",
		fspath.Rel(a.e.dir, target), t.langName, origRel)
	if updated != nil {
		fmt.Fprintf(a.e.stdout, "added translationKey: %q to %s, which links the two\n", key, origRel)
	}
	return nil
}

// frontMatter is a page's front matter as Hugo reads it, and where it is.
type frontMatter struct {
	values map[string]any
	format metadecoders.Format
	end    int // the offset just after its text, before the closing delimiter
}

// readFrontMatter reads a page's front matter with Hugo's own parser and
// decoder.
func readFrontMatter(src []byte) (*frontMatter, error) {
	items, err := pageparser.ParseBytes(src, pageparser.Config{})
	if err != nil {
		return nil, err
	}
	for _, it := range items {
		if it.Type == pageparser.TypeIgnore {
			continue
		}
		if it.IsError() {
			return nil, fmt.Errorf("Hugo cannot read its front matter: %v", it.Err)
		}
		if !it.IsFrontMatter() {
			break
		}
		text := it.Val(src)
		f := pageparser.FormatFromFrontMatterType(it.Type)
		m, err := metadecoders.Default.UnmarshalToMap(text, f)
		if err != nil {
			return nil, fmt.Errorf("Hugo cannot read its front matter: %v", err)
		}
		return &frontMatter{values: m, format: f, end: it.Pos() + len(text)}, nil
	}
	return nil, fmt.Errorf("it has no front matter")
}

// add returns src with key: value added at the end of its front matter.
func (fm *frontMatter) add(src []byte, key, value string) ([]byte, error) {
	var line string
	switch fm.format {
	case metadecoders.YAML:
		line = key + ": " + quote(value) + "\n"
	case metadecoders.TOML:
		line = key + " = " + quote(value) + "\n"
	default:
		return nil, fmt.Errorf("its front matter is %s, not YAML", strings.ToUpper(string(fm.format)))
	}
	var b bytes.Buffer
	b.Write(src[:fm.end])
	if fm.end > 0 && src[fm.end-1] != '\n' {
		b.WriteByte('\n')
	}
	b.WriteString(line)
	b.Write(src[fm.end:])
	return b.Bytes(), nil
}

// lookup returns the value of a front matter key, in any case, as Hugo
// reads keys.
func lookup(m map[string]any, key string) any {
	if v, ok := m[key]; ok {
		return v
	}
	keys := make([]string, 0, len(m))
	for k := range m {
		keys = append(keys, k)
	}
	sort.Strings(keys)
	for _, k := range keys {
		if strings.EqualFold(k, key) {
			return m[k]
		}
	}
	return nil
}

// translation is the new page: what it keeps of the original, and the
// placeholders for what is translated.
type translation struct {
	lang, langName     string
	origName, origPath string
	orig               map[string]any
	vocab              check.Vocabulary
	key                string
	now                time.Time
}

func (t translation) text() []byte {
	var b strings.Builder
	comment := func(format string, args ...any) {
		fmt.Fprintf(&b, "# %s\n", oneLine(fmt.Sprintf(format, args...)))
	}
	field := func(indent, key string, v any, note string) {
		s, ok := yamlValue(v)
		if !ok {
			return
		}
		fmt.Fprintf(&b, "%s%s: %s", indent, key, s)
		if note != "" {
			fmt.Fprintf(&b, "  # %s", oneLine(note))
		}
		b.WriteByte('\n')
	}
	origString := func(m map[string]any, key string) string {
		s, _ := lookup(m, key).(string)
		return s
	}

	b.WriteString("---\n")
	comment("The %s translation of %s (dispatch new --lang %s).", t.langName, t.origPath, t.lang)
	comment("Translate the fields marked TODO and the text below the front matter;")
	comment("`dispatch check` reports any TODO left. The other fields are the original's:")
	comment("change them in both files or in neither.")
	if s := origString(t.orig, "title"); s != "" {
		comment("The original's title: %s", s)
	}
	field("", "title", fmt.Sprintf("TODO: the title in %s, at most 140 characters", t.langName), "")
	for _, k := range []string{"date", "publishDate", "expiryDate"} {
		field("", k, lookup(t.orig, k), "")
	}
	comment("When this translation last followed the original: `dispatch status` lists")
	comment("translations older than their original. Change it with the text.")
	field("", "lastmod", t.now.Format(time.RFC3339), "")
	field("", "authors", lookup(t.orig, "authors"), t.names("authors", lookup(t.orig, "authors")))
	if s := origString(t.orig, "description"); s != "" {
		comment("The original's description: %s", s)
	}
	field("", "description", fmt.Sprintf("TODO: one or two sentences in %s, at most 300 characters", t.langName), "")
	tags, regions := lookup(t.orig, "tags"), lookup(t.orig, "regions")
	if t.names("tags", tags)+t.names("regions", regions) != "" {
		comment("Tags, regions and authors stay as the original writes them; pages in %s", t.langName)
		comment("show them by the names after the #.")
	}
	field("", "tags", tags, t.names("tags", tags))
	field("", "regions", regions, t.names("regions", regions))
	if img, ok := lookup(t.orig, "image").(map[string]any); ok {
		b.WriteString("image:\n")
		field("  ", "src", lookup(img, "src"), "")
		if s := origString(img, "alt"); s != "" {
			fmt.Fprintf(&b, "  # The original's alt text: %s\n", oneLine(s))
		}
		field("  ", "alt", fmt.Sprintf("TODO: what the photo shows, in %s, for readers who cannot see it", t.langName), "")
		if s := origString(img, "caption"); s != "" {
			fmt.Fprintf(&b, "  # The original's caption: %s\n", oneLine(s))
			field("  ", "caption", fmt.Sprintf("TODO: the caption in %s", t.langName), "")
		}
		for _, k := range []string{"credit", "license", "licenseURL"} {
			field("  ", k, lookup(img, k), "")
		}
	}
	field("", "sourceNote", lookup(t.orig, "sourceNote"), "")
	if c, ok := lookup(t.orig, "corrections").([]any); ok && len(c) > 0 {
		comment("The original's %s came before this translation, which translates the", plural(len(c), "correction", "corrections"))
		comment("corrected text: add corrections here only when this translation changes.")
	}
	field("", "translationKey", t.key, "")
	b.WriteString("draft: true\n---\n\n")
	fmt.Fprintf(&b, "TODO: the text in %s, translated from %s.\n", t.langName, t.origName)
	return []byte(b.String())
}

// names returns the names pages in the translation's language show for
// the terms of a taxonomy, "" when the vocabulary has none other than the
// terms themselves.
func (t translation) names(taxonomy string, v any) string {
	list, ok := v.([]any)
	if !ok || t.vocab[taxonomy] == nil {
		return ""
	}
	var names []string
	other := false
	for _, item := range list {
		term, _ := item.(string)
		name := t.vocab[taxonomy][term][t.lang]
		if name == "" {
			if c, ok := t.vocab.Canonical(taxonomy, term); ok {
				name = t.vocab[taxonomy][c][t.lang]
			}
		}
		if name == "" {
			name = term
		}
		other = other || name != term
		names = append(names, name)
	}
	if !other {
		return ""
	}
	return strings.Join(names, ", ")
}

// dateRe matches the dates YAML and Hugo read without quotes.
var dateRe = regexp.MustCompile(`^\d{4}-\d{2}-\d{2}([Tt ]\d{2}:\d{2}(:\d{2}(\.\d+)?)?(Z|[+-]\d{2}:?\d{2})?)?$`)

// yamlValue writes a front matter value as YAML: text quoted (but dates),
// lists in brackets. ok is false for nil and for what new does not copy.
func yamlValue(v any) (string, bool) {
	switch v := v.(type) {
	case string:
		if dateRe.MatchString(v) {
			return v, true
		}
		return quote(v), true
	case bool:
		return strconv.FormatBool(v), true
	case int, int64, uint64, float64:
		return fmt.Sprint(v), true
	case time.Time:
		return v.Format(time.RFC3339Nano), true
	case []any:
		items := make([]string, 0, len(v))
		for _, item := range v {
			s, ok := yamlValue(item)
			if text, isText := item.(string); isText {
				s = quote(text) // a tag that looks like a date is still text
			} else if !ok {
				return "", false
			}
			items = append(items, s)
		}
		return "[" + strings.Join(items, ", ") + "]", true
	}
	return "", false
}

// quote writes text as a double-quoted scalar, which YAML and TOML read as
// JSON writes it.
func quote(s string) string {
	var b bytes.Buffer
	enc := json.NewEncoder(&b)
	enc.SetEscapeHTML(false)
	_ = enc.Encode(s)
	return strings.TrimSuffix(b.String(), "\n")
}

// oneLine makes text fit a comment line.
func oneLine(s string) string {
	return strings.Join(strings.Fields(s), " ")
}

// languageName is a language's English name: "Korean" for ko.
func languageName(code string) string {
	tag, err := language.Parse(code)
	if err != nil {
		return code
	}
	if n := display.English.Languages().Name(tag); n != "" {
		return n
	}
	return code
}
