package wpimport

import (
	"fmt"
	"path/filepath"
	"slices"
	"sort"
	"strconv"
	"strings"

	"github.com/gohugoio/hugo/common/paths"

	"github.com/dispatch-news/dispatch/internal/check"
)

// writeAuthors writes a page for each author of the imported posts that
// the site has no page for.
func (imp *importer) writeAuthors() error {
	names := make([]string, 0, len(imp.authors))
	for n := range imp.authors {
		names = append(names, n)
	}
	sort.Strings(names)
	for _, name := range names {
		slug := strings.ToLower(paths.Sanitize(name))
		if slug == "" || strings.ContainsAny(slug, `/\`) || strings.HasPrefix(slug, ".") {
			imp.report.add(nil, "not written", fmt.Sprintf("author %q: no page written, the name makes no safe folder name", name))
			continue
		}
		dir := "authors/" + slug
		target := filepath.Join(imp.o.ContentDir, "authors", slug)
		if _, ours := imp.man.Bundles[dir]; !ours {
			if have, _ := topFiles(target); len(have) > 0 {
				continue // the site has a page for this author already
			}
		}
		b := &bundle{dir: dir, docs: map[string][]byte{
			"_index.md": []byte("---\ntitle: " + strconv.Quote(name) + "\n---\n"),
		}, docNames: map[string]bool{"_index.md": true}}
		b.files = newBundleFiles(imp, b)
		out, err := imp.commit(b)
		if err != nil {
			return err
		}
		if out == outNew || out == outUpdated {
			imp.summary.Authors++
		}
	}
	return nil
}

// updateVocabulary adds the tags, regions and authors (where the
// vocabulary lists authors) the import wrote that the vocabulary lacks, so
// that `dispatch check` accepts them.
func (imp *importer) updateVocabulary() error {
	if imp.vocab.path == "" {
		return nil
	}
	src := imp.vocab.src
	for _, tax := range []string{"tags", "regions", "authors"} {
		used := imp.used[tax]
		if tax == "authors" {
			if imp.vocab.terms["authors"] == nil {
				continue
			}
			used = map[string]bool{}
			for n := range imp.authors {
				used[n] = true
			}
		}
		var add []string
		for t := range used {
			if !imp.vocab.has(tax, t) {
				add = append(add, t)
			}
		}
		sort.Strings(add)
		if len(add) == 0 {
			continue
		}
		var err error
		if src, err = check.AddTerms(src, tax, add); err != nil {
			return err
		}
		imp.man.Vocabulary[tax] = append(imp.man.Vocabulary[tax], add...)
		slices.Sort(imp.man.Vocabulary[tax])
		for _, t := range add {
			imp.summary.VocabularyAdded = append(imp.summary.VocabularyAdded, tax+": "+t)
			imp.report.add(nil, "vocabulary", fmt.Sprintf("%s %q added to %s", strings.TrimSuffix(tax, "s"), t, check.VocabularyFile))
		}
	}
	if imp.o.DryRun || string(src) == string(imp.vocab.src) {
		return nil
	}
	return writeFileAtomic(imp.vocab.path, src)
}

// writeMap writes the map of suggestions on a run without --map, unless
// the editors have changed the one there.
func (imp *importer) writeMap() error {
	if imp.o.MapFile != "" {
		return nil
	}
	path := filepath.Join(imp.o.SiteRoot, MapFileName)
	data := imp.tm.render(imp.x, filepath.Base(imp.o.Export))
	want := hashBytes(data)
	if have, err := hashFile(path); err == nil {
		switch {
		case have == want:
			imp.summary.MapFile = path
			imp.man.Files[MapFileName] = want
			return nil
		case have != imp.man.Files[MapFileName]:
			imp.report.add(nil, "map", MapFileName+" has changes of the editors: not overwritten; import with --map "+MapFileName+" to apply them")
			return nil
		}
	}
	if imp.o.DryRun {
		return nil
	}
	if err := writeFileAtomic(path, data); err != nil {
		return err
	}
	imp.man.Files[MapFileName] = want
	imp.summary.MapFile = path
	return nil
}
