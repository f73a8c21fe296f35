package check

import (
	"errors"
	"fmt"
	"io/fs"
	"os"
	"path/filepath"
	"strings"

	yaml "github.com/goccy/go-yaml"
)

// VocabularyFile is where a site keeps its tags and regions, relative to the
// site's folder: one list a taxonomy.
//
//	tags:
//	  - surveillance
//	  - border regions
//	regions:
//	  - Hoeryong
const VocabularyFile = "data/vocabulary.yaml"

// vocabulary is the set of terms of each taxonomy ("tags", "regions").
type vocabulary map[string]map[string]bool

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
	var lists map[string][]string
	if err := yaml.Unmarshal(b, &lists); err != nil {
		return nil, fmt.Errorf("%s: %s", VocabularyFile, yaml.FormatError(err, false, false))
	}
	v := vocabulary{}
	for taxonomy, terms := range lists {
		if _, ok := fields[taxonomy]; !ok || fields[taxonomy].kind != kStringList {
			return nil, fmt.Errorf("%s: %q is not a front matter list such as tags or regions", VocabularyFile, taxonomy)
		}
		set := make(map[string]bool, len(terms))
		for _, t := range terms {
			set[t] = true
		}
		v[taxonomy] = set
	}
	return v, nil
}

// checkTerm reports a term that is not in the vocabulary of its taxonomy.
func (c *checker) checkTerm(p *page, taxonomy, term string, line, col int) {
	set := c.r.vocab[taxonomy]
	if set == nil || set[term] {
		return
	}
	what := strings.TrimSuffix(taxonomy, "s")
	terms := make([]string, 0, len(set))
	for t := range set {
		terms = append(terms, t)
	}
	switch s := Suggest(term, terms); {
	case s != "" && strings.EqualFold(s, term):
		c.add(p, line, col, Error, "tax.vocabulary", "%s %q is written %q in the vocabulary", what, term, s)
	case s != "":
		c.add(p, line, col, Error, "tax.vocabulary", "%s %q is not in the vocabulary; did you mean %q?", what, term, s)
	default:
		c.add(p, line, col, Error, "tax.vocabulary",
			"%s %q is not in the vocabulary: use one of its %s, or add it to %s so that each topic has one page",
			what, term, taxonomy, VocabularyFile)
	}
}
