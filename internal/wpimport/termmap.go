package wpimport

import (
	"bytes"
	"errors"
	"fmt"
	"io/fs"
	"os"
	"path/filepath"
	"regexp"
	"slices"
	"sort"
	"strconv"
	"strings"

	yaml "github.com/goccy/go-yaml"

	"github.com/dispatch-news/dispatch/internal/check"
)

// MapFileName is where the first run writes its suggestions, at the site root.
const MapFileName = "import-map.yaml"

// DefaultUntaggedTag is given to articles that end up without a tag, which
// the content model requires.
const DefaultUntaggedTag = "archive"

// decision says what a WordPress category or tag becomes.
type decision struct {
	kind  string // section, tag, region or skip
	value string
}

func (d decision) String() string {
	if d.kind == "skip" {
		return "skip"
	}
	return d.kind + ": " + d.value
}

var decisionKinds = []string{"section", "tag", "region", "skip"}

func parseDecision(s string) (decision, error) {
	s = strings.TrimSpace(s)
	if s == "skip" {
		return decision{kind: "skip"}, nil
	}
	kind, value, ok := strings.Cut(s, ":")
	kind, value = strings.TrimSpace(kind), strings.TrimSpace(value)
	if !ok || value == "" || !slices.Contains(decisionKinds[:3], kind) {
		msg := fmt.Sprintf(`%q is not "section: NAME", "tag: TERM", "region: TERM" or "skip"`, s)
		if sug := check.Suggest(kind, decisionKinds); sug != "" && sug != kind {
			msg += fmt.Sprintf("; did you mean %q?", sug)
		}
		return decision{}, errors.New(msg)
	}
	return decision{kind: kind, value: value}, nil
}

// vocabulary is the site's data/vocabulary.yaml, as the checks read it:
// terms of tags and regions, and their names in other languages.
type vocabulary struct {
	path  string // "" when the site has none
	src   []byte
	terms map[string][]string
	check.Vocabulary
}

func loadVocabulary(root string) (*vocabulary, error) {
	cv, err := check.LoadVocabulary(root)
	if err != nil {
		return nil, err
	}
	v := &vocabulary{terms: map[string][]string{}, Vocabulary: cv}
	path := filepath.Join(root, filepath.FromSlash(check.VocabularyFile))
	b, err := os.ReadFile(path)
	if errors.Is(err, fs.ErrNotExist) {
		return v, nil
	}
	if err != nil {
		return nil, err
	}
	v.path, v.src = path, b
	for tax := range cv {
		v.terms[tax] = cv.Terms(tax)
	}
	return v, nil
}

func (v *vocabulary) has(tax, term string) bool { return slices.Contains(v.terms[tax], term) }

// without returns the vocabulary without the terms of drop.
func (v *vocabulary) without(drop map[string][]string) *vocabulary {
	out := &vocabulary{path: v.path, src: v.src, terms: map[string][]string{}, Vocabulary: v.Vocabulary}
	for tax, terms := range v.terms {
		for _, t := range terms {
			if !slices.Contains(drop[tax], t) {
				out.terms[tax] = append(out.terms[tax], t)
			}
		}
	}
	return out
}

// termMap holds the decisions for every term of the export.
type termMap struct {
	decisions  map[termKey]decision
	suggested  map[termKey]string
	untagged   string
	fromEditor map[termKey]bool // the decision came from the map file
}

// suggest proposes a decision for each term: a section for categories that
// name one, the vocabulary's term for near misses (check.Suggest), the
// decision of a translation (Polylang) for terms with none, otherwise a new
// tag with the term's name.
func suggest(x *index, v *vocabulary, sections []string) *termMap {
	m := &termMap{decisions: map[termKey]decision{}, suggested: map[termKey]string{},
		untagged: DefaultUntaggedTag, fromEditor: map[termKey]bool{}}
	keys := sortedTermKeys(x)
	matched := map[termKey]bool{}
	for _, k := range keys {
		t := x.terms[k]
		name := t.name
		if name == "" {
			name = k.slug
		}
		var d decision
		switch {
		case k.tax == "category" && (k.slug == "uncategorized" || strings.EqualFold(name, "uncategorized")):
			d = decision{kind: "skip"}
		case k.tax == "category" && suggestOf(name, k.slug, sections) != "":
			d = decision{"section", suggestOf(name, k.slug, sections)}
		case canonical(v, "regions", name) != "":
			d = decision{"region", canonical(v, "regions", name)}
		case canonical(v, "tags", name) != "":
			d = decision{"tag", canonical(v, "tags", name)}
		case suggestOf(name, "", v.terms["regions"]) != "":
			d = decision{"region", suggestOf(name, "", v.terms["regions"])}
		case suggestOf(name, "", v.terms["tags"]) != "":
			d = decision{"tag", suggestOf(name, "", v.terms["tags"])}
		default:
			d = decision{"tag", name}
			m.decisions[k] = d
			continue
		}
		m.decisions[k] = d
		if d.kind != "skip" {
			m.suggested[k] = d.value
			matched[k] = true
		}
	}
	// A term without a match takes the match of its translation, so that a
	// Korean tag lands on the English term of the vocabulary.
	for _, k := range keys {
		if matched[k] {
			continue
		}
		for _, id := range x.terms[k].translations {
			if tk, ok := x.termByID[id]; ok && matched[tk] {
				m.decisions[k] = m.decisions[tk]
				m.suggested[k] = m.decisions[tk].value
				break
			}
		}
	}
	return m
}

// suggestOf returns the candidate that name (or slug) nearly matches.
func suggestOf(name, slug string, candidates []string) string {
	if len(candidates) == 0 {
		return ""
	}
	if s := check.Suggest(name, candidates); s != "" {
		return s
	}
	if slug != "" {
		return check.Suggest(strings.ReplaceAll(slug, "-", " "), candidates)
	}
	return ""
}

func sortedTermKeys(x *index) []termKey {
	keys := make([]termKey, 0, len(x.terms))
	for k := range x.terms {
		keys = append(keys, k)
	}
	sort.Slice(keys, func(i, j int) bool {
		a, b := keys[i], keys[j]
		if a.tax != b.tax {
			return a.tax < b.tax
		}
		if x.terms[a].posts != x.terms[b].posts {
			return x.terms[a].posts > x.terms[b].posts
		}
		return a.slug < b.slug
	})
	return keys
}

// writeMap renders the map file: every category and tag with its post count,
// the vocabulary's nearest term, and the decision to edit.
func (m *termMap) render(x *index, exportName string) []byte {
	var b bytes.Buffer
	fmt.Fprintf(&b, `# How the WordPress categories and tags of %s become this
# site's sections, tags and regions. Written by "dispatch import wordpress";
# edit any "to:" line, then import again with --map %s.
#
#   to: "section: analysis"  (categories only) the section of the article's folder
#   to: "tag: markets"       a tag; a term that data/vocabulary.yaml lacks is added to it
#   to: "region: Hyesan"     a region, likewise
#   to: "skip"               the term is dropped
#
# "suggested" is the nearest term of the vocabulary (or section), if one is
# near; "posts" counts the posts that use the term. Articles left without a
# tag get untaggedTag, as the content model requires at least one.
untaggedTag: %s
`, exportName, MapFileName, strconv.Quote(m.untagged))
	for _, tax := range []struct{ key, name string }{{"category", "categories"}, {"post_tag", "tags"}} {
		fmt.Fprintf(&b, "%s:\n", tax.name)
		n := 0
		for _, k := range sortedTermKeys(x) {
			if k.tax != tax.key {
				continue
			}
			n++
			t := x.terms[k]
			fmt.Fprintf(&b, "  - slug: %s\n    name: %s\n    posts: %d\n    suggested: %s\n    to: %s\n",
				strconv.Quote(k.slug), strconv.Quote(t.name), t.posts, strconv.Quote(m.suggested[k]),
				strconv.Quote(m.decisions[k].String()))
		}
		if n == 0 {
			b.Truncate(b.Len() - 1)
			b.WriteString(" []\n")
		}
	}
	return b.Bytes()
}

type mapFile struct {
	UntaggedTag string     `yaml:"untaggedTag"`
	Categories  []mapEntry `yaml:"categories"`
	Tags        []mapEntry `yaml:"tags"`
}

type mapEntry struct {
	Slug string `yaml:"slug"`
	To   string `yaml:"to"`
	// Written for the editors, not read back.
	Name      string `yaml:"name"`
	Posts     int    `yaml:"posts"`
	Suggested string `yaml:"suggested"`
}

// MapError is a mistake in the editors' map file, with its position.
type MapError struct {
	Path         string
	Line, Column int
	Msg          string
}

func (e *MapError) Error() string {
	return fmt.Sprintf("%s:%d:%d: %s", e.Path, e.Line, e.Column, e.Msg)
}

// applyMapFile replaces suggestions with the editors' decisions. Terms the
// file does not list keep their suggestion and are reported.
func (m *termMap) applyMapFile(path string, sections []string) (unlisted int, err error) {
	b, err := os.ReadFile(path)
	if err != nil {
		return 0, err
	}
	var f mapFile
	if err := yaml.UnmarshalWithOptions(b, &f, yaml.Strict()); err != nil {
		line, col := 1, 1
		var se yaml.Error
		if errors.As(err, &se) && se.GetToken() != nil {
			line, col = se.GetToken().Position.Line, se.GetToken().Position.Column
		}
		msg := yamlPosRe.ReplaceAllString(yaml.FormatError(err, false, false), "")
		return 0, &MapError{Path: path, Line: line, Column: col, Msg: msg}
	}
	at := func(yamlPath string) (int, int) {
		p, err := yaml.PathString(yamlPath)
		if err != nil {
			return 1, 1
		}
		n, err := p.ReadNode(bytes.NewReader(b))
		if err != nil || n == nil || n.GetToken() == nil {
			return 1, 1
		}
		return n.GetToken().Position.Line, n.GetToken().Position.Column
	}
	if f.UntaggedTag != "" {
		m.untagged = f.UntaggedTag
	}
	seen := map[termKey]bool{}
	for _, list := range []struct {
		tax, key string
		entries  []mapEntry
	}{{"category", "categories", f.Categories}, {"post_tag", "tags", f.Tags}} {
		for i, e := range list.entries {
			k := termKey{list.tax, e.Slug}
			where := fmt.Sprintf("$.%s[%d].to", list.key, i)
			d, err := parseDecision(e.To)
			if err == nil && d.kind == "section" && list.tax != "category" {
				err = fmt.Errorf("only categories can choose a section; a tag can be %q, %q or %q", "tag: TERM", "region: TERM", "skip")
			}
			if err == nil && d.kind == "section" && !slices.Contains(sections, d.value) {
				msg := fmt.Sprintf("%q is not a section of the site (%s)", d.value, strings.Join(sections, ", "))
				if s := check.Suggest(d.value, sections); s != "" {
					msg += fmt.Sprintf("; did you mean %q?", s)
				}
				err = errors.New(msg)
			}
			if err != nil {
				l, c := at(where)
				return 0, &MapError{Path: path, Line: l, Column: c, Msg: err.Error()}
			}
			if _, ok := m.decisions[k]; !ok {
				continue // a term this export does not have
			}
			m.decisions[k] = d
			m.fromEditor[k] = true
			seen[k] = true
		}
	}
	for k := range m.decisions {
		if !seen[k] {
			unlisted++
		}
	}
	return unlisted, nil
}

// yamlPosRe is the position goccy/go-yaml puts before its messages.
var yamlPosRe = regexp.MustCompile(`^\[\d+:\d+\] `)

// canonical is the vocabulary's term whose name in a language is name
// (장마당 is markets), "" if none.
func canonical(v *vocabulary, tax, name string) string {
	t, _ := v.Canonical(tax, name)
	return t
}
