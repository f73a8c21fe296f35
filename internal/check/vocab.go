package check

import (
	"errors"
	"fmt"
	"io/fs"
	"os"
	"path/filepath"
	"regexp"
	"sort"
	"strconv"
	"strings"

	yaml "github.com/goccy/go-yaml"
	"golang.org/x/text/language"
	"golang.org/x/text/language/display"
)

// VocabularyFile is where a site keeps its tags, regions and authors,
// relative to the site's folder: each term, and its name in the site's
// other languages (the names its term pages show).
//
//	tags:
//	  markets: {ko: 장마당}
//	  surveillance: {ko: 감시}
//	regions:
//	  Hoeryong: {ko: 회령}
//
// A plain list of terms, without names, works too.
const VocabularyFile = "data/vocabulary.yaml"

// Vocabulary is, for each taxonomy ("tags", "regions", "authors"), its
// terms and their names by language.
type Vocabulary map[string]map[string]map[string]string

type vocabulary = Vocabulary

// Terms returns the terms of a taxonomy, sorted.
func (v Vocabulary) Terms(taxonomy string) []string {
	terms := make([]string, 0, len(v[taxonomy]))
	for t := range v[taxonomy] {
		terms = append(terms, t)
	}
	sort.Strings(terms)
	return terms
}

// Canonical returns the term whose name in some language is name, as
// written or in another case: "markets" for 장마당.
func (v Vocabulary) Canonical(taxonomy, name string) (string, bool) {
	for _, t := range v.Terms(taxonomy) {
		for _, n := range v[taxonomy][t] {
			if strings.EqualFold(n, name) {
				return t, true
			}
		}
	}
	return "", false
}

// LoadVocabulary reads the vocabulary of the site in root; a site without
// one has an empty vocabulary, and its terms are not checked.
func LoadVocabulary(root string) (Vocabulary, error) { return loadVocabulary(root) }

// AddTerms returns the vocabulary file src with terms added at the end of
// a taxonomy's block (a list, or terms with names), keeping its comments
// and layout; a taxonomy it lacks is added at the end.
func AddTerms(src []byte, taxonomy string, terms []string) ([]byte, error) {
	if len(terms) == 0 {
		return src, nil
	}
	lines := strings.SplitAfter(string(src), "\n")
	keyAt, last, indent, mapping := -1, -1, "  ", false
	for i, l := range lines {
		t := strings.TrimRight(l, "\r\n")
		if keyAt < 0 {
			if strings.HasPrefix(t, taxonomy+":") {
				if rest := strings.TrimSpace(strings.TrimPrefix(t, taxonomy+":")); rest != "" && !strings.HasPrefix(rest, "#") {
					return nil, fmt.Errorf("%s: %s is not a block; add the terms by hand: %s", VocabularyFile, taxonomy, strings.Join(terms, ", "))
				}
				keyAt = i
			}
			continue
		}
		trim := strings.TrimSpace(t)
		switch {
		case trim == "" || strings.HasPrefix(trim, "#"):
		case strings.HasPrefix(t, " "):
			last = i
			indent = t[:len(t)-len(strings.TrimLeft(t, " "))]
			mapping = !strings.HasPrefix(trim, "- ")
		default:
			goto found
		}
	}
found:
	var add strings.Builder
	for _, term := range terms {
		q := yamlScalar(term)
		if mapping {
			add.WriteString(indent + q + ": {}\n")
		} else {
			add.WriteString(indent + "- " + q + "\n")
		}
	}
	if keyAt < 0 {
		out := string(src)
		if out != "" && !strings.HasSuffix(out, "\n") {
			out += "\n"
		}
		return []byte(out + taxonomy + ":\n" + add.String()), nil
	}
	at := keyAt
	if last >= 0 {
		at = last
	}
	if !strings.HasSuffix(lines[at], "\n") {
		lines[at] += "\n"
	}
	return []byte(strings.Join(lines[:at+1], "") + add.String() + strings.Join(lines[at+1:], "")), nil
}

// loadVocabulary reads root's vocabulary file; a site without one has no
// vocabulary and its terms are not checked.
func loadVocabulary(root string) (vocabulary, error) {
	path := filepath.Join(root, filepath.FromSlash(VocabularyFile))
	b, err := os.ReadFile(path)
	if errors.Is(err, fs.ErrNotExist) {
		return nil, nil
	}
	if err != nil {
		return nil, err
	}
	var raw map[string]any
	if err := yaml.UnmarshalWithOptions(b, &raw, yaml.Strict()); err != nil {
		return nil, fmt.Errorf("%s: %s", VocabularyFile, yaml.FormatError(err, false, true))
	}
	v := vocabulary{}
	for taxonomy, terms := range raw {
		if f, ok := fields[taxonomy]; !ok || f.kind != kStringList || taxonomy == "aliases" || taxonomy == "keywords" {
			return nil, fmt.Errorf("%s: %q is not a front matter list such as tags, regions or authors", VocabularyFile, taxonomy)
		}
		set := map[string]map[string]string{}
		switch t := terms.(type) {
		case []any:
			for _, term := range t {
				s, ok := term.(string)
				if !ok {
					return nil, fmt.Errorf("%s: %s: %v is not a term", VocabularyFile, taxonomy, term)
				}
				set[s] = nil
			}
		case map[string]any:
			for term, names := range t {
				set[term] = map[string]string{}
				m, ok := names.(map[string]any)
				if names != nil && !ok {
					return nil, fmt.Errorf("%s: %s: %q: write its names as {ko: name}", VocabularyFile, taxonomy, term)
				}
				for lang, name := range m {
					s, ok := name.(string)
					if !ok {
						return nil, fmt.Errorf("%s: %s: %q: its %s name is not text", VocabularyFile, taxonomy, term, lang)
					}
					set[term][lang] = s
				}
			}
		case nil:
		default:
			return nil, fmt.Errorf("%s: %s must be a list of terms, or terms with their names", VocabularyFile, taxonomy)
		}
		v[taxonomy] = set
	}
	return v, nil
}

// checkTerm reports a term that is not in the vocabulary of its taxonomy,
// with the term it most likely means.
func (c *checker) checkTerm(p *page, taxonomy, term string, w where) {
	set := c.r.vocab[taxonomy]
	if set == nil {
		return
	}
	if _, ok := set[term]; ok {
		return
	}
	what := strings.TrimSuffix(taxonomy, "s")
	terms := make([]string, 0, len(set))
	for t, names := range set {
		terms = append(terms, t)
		for lang, name := range names {
			if name == term || strings.EqualFold(name, term) {
				c.addAt(p, w, Error, "tax.vocabulary",
					"%s %q is the %s name of %q: write %q (pages in %s show it as %s), so that it keeps one page",
					what, term, languageName(lang), t, t, languageName(lang), name)
				return
			}
		}
	}
	sort.Strings(terms)
	switch s := Suggest(term, terms); {
	case s != "" && strings.EqualFold(s, term):
		c.addAt(p, w, Error, "tax.vocabulary", "%s %q is written %q in the vocabulary", what, term, s)
	case s != "":
		c.addAt(p, w, Error, "tax.vocabulary", "%s %q is not in the vocabulary; did you mean %q?", what, term, s)
	default:
		c.addAt(p, w, Error, "tax.vocabulary",
			"%s %q is not in the vocabulary: use one of its %s, or add it to %s so that each topic has one page",
			what, term, taxonomy, VocabularyFile)
	}
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

// plainYAMLRe matches terms that YAML reads as text without quotes.
var plainYAMLRe = regexp.MustCompile(`^[\p{L}\p{N}][\p{L}\p{N} ._'-]*$`)

// yamlScalar writes a term as YAML text, quoted unless it is plain words
// that no YAML version reads as anything else.
func yamlScalar(s string) string {
	switch strings.ToLower(s) {
	case "y", "n", "yes", "no", "on", "off", "true", "false", "null", "~":
		return strconv.Quote(s)
	}
	if plainYAMLRe.MatchString(s) && !strings.HasSuffix(s, " ") {
		return s
	}
	return strconv.Quote(s)
}
