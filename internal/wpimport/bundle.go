package wpimport

import (
	"crypto/sha256"
	"encoding/hex"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"io/fs"
	"os"
	"path"
	"path/filepath"
	"slices"
	"sort"
	"strconv"
	"strings"

	"github.com/dispatch-news/dispatch/internal/fspath"
)

// ManifestFile, at the site root, records every file the import wrote and
// its hash, so that a rerun knows which bundles an editor has changed since.
const ManifestFile = ".dispatch-import.json"

// stagingDir, at the site root, holds bundles while they are written; each
// is then renamed into the content folder whole.
const stagingDir = ".dispatch-import.tmp"

// bundle is one folder of the content: an article and its translations, a
// page, or an author's page.
type bundle struct {
	dir      string // in the content folder, slash-separated
	key      string // translationKey
	members  []*post
	pending  int // members of this run not converted yet
	docs     map[string][]byte
	docNames map[string]bool
	files    *bundleFiles
	stage    string
	ids      []int64
	worker   int // which worker of the second pass writes it
}

func (b *bundle) ensureStage(imp *importer) error {
	if b.stage != "" {
		return nil
	}
	n := imp.stageN.Add(1)
	b.stage = filepath.Join(imp.o.SiteRoot, stagingDir, strconv.FormatInt(n, 10))
	return os.MkdirAll(b.stage, 0o755)
}

// plan gives every post and page its bundle, file and new address, in the
// order of their ids so that the same export always gives the same folders.
func (imp *importer) plan() {
	x := imp.x
	groups := map[string][]*post{}
	for _, p := range x.posts {
		if p.skip == "" {
			groups[p.group] = append(groups[p.group], p)
		}
	}
	var list [][]*post
	for _, g := range groups {
		slices.SortFunc(g, func(a, b *post) int { return cmpID(a.id, b.id) })
		// One member per language; extras are bundles of their own.
		var keep []*post
		for _, p := range g {
			if slices.ContainsFunc(keep, func(k *post) bool { return k.lang == p.lang }) {
				list = append(list, []*post{p})
				imp.report.note(p, "translation", "a second "+p.lang+" post of the same translation group: imported on its own")
				continue
			}
			keep = append(keep, p)
		}
		list = append(list, keep)
	}
	sort.Slice(list, func(i, j int) bool { return list[i][0].id < list[j][0].id })

	// Pages with imported children become branch bundles (_index.md).
	parents := map[int64]bool{}
	for _, p := range x.posts {
		if p.skip == "" && p.typ == "page" && p.parent != 0 {
			parents[p.parent] = true
		}
	}
	used := map[string]bool{}
	for _, g := range list {
		orig := g[0]
		for _, p := range g {
			if p.lang == imp.o.DefaultLanguage {
				orig = p
				break
			}
		}
		base := imp.dirFor(orig)
		dir := base
		for i := 2; used[strings.ToLower(dir)]; i++ {
			dir = base + "-" + strconv.Itoa(i)
		}
		used[strings.ToLower(dir)] = true
		b := &bundle{dir: dir, key: "wp-" + strconv.FormatInt(orig.id, 10), members: g,
			docs: map[string][]byte{}, docNames: map[string]bool{}, worker: len(used)}
		b.files = newBundleFiles(imp, b)
		selected := false
		for _, p := range g {
			if imp.o.Since.IsZero() || !p.date.Before(imp.o.Since) || !p.modified.IsZero() && !p.modified.Before(imp.o.Since) {
				selected = true
			}
		}
		if !selected {
			x.skipped["before --since"] += len(g)
		}
		for _, p := range g {
			p.b = b
			name := "index"
			if p.typ == "page" && slices.ContainsFunc(g, func(m *post) bool { return parents[m.id] }) {
				name = "_index"
			}
			if p.lang != imp.o.DefaultLanguage {
				name += "." + p.lang
			}
			p.file = name + ".md"
			b.docNames[p.file] = true
			p.url = "/" + dir + "/"
			if p.lang != imp.o.DefaultLanguage {
				p.url = "/" + p.lang + p.url
			}
			p.selected = selected
			if selected {
				b.pending++
				b.ids = append(b.ids, p.id)
			}
		}
		if len(g) == 1 && g[0].lang != imp.o.DefaultLanguage && selected {
			imp.report.note(g[0], "translation", "a "+g[0].lang+" post with no "+imp.o.DefaultLanguage+" original: `dispatch check` reports it as translation.orphan until one is written or it is moved to the default language")
		}
	}
}

func cmpID(a, b int64) int {
	switch {
	case a < b:
		return -1
	case a > b:
		return 1
	}
	return 0
}

// reservedTop are the first folders of the content that pages may not take.
func (imp *importer) reservedTop(s string) bool {
	switch s {
	case "tags", "regions", "authors", "categories", "archive", "search":
		return true
	}
	return slices.Contains(imp.o.ArticleSections, s) || slices.Contains(imp.o.Languages, s)
}

// dirFor is a post's folder: <section>/<year>/<slug>; or a page's, from its
// parents' slugs.
func (imp *importer) dirFor(p *post) string {
	slug := p.slug
	if slug == "" {
		slug = p.titleSlug
	}
	if slug == "" {
		slug = p.typ + "-" + strconv.FormatInt(p.id, 10)
	}
	if p.typ == "page" {
		segs := []string{slug}
		for q, depth := imp.x.byID[p.parent], 0; q != nil && depth < 16; q, depth = imp.x.byID[q.parent], depth+1 {
			s := q.slug
			if s == "" {
				s = "page-" + strconv.FormatInt(q.id, 10)
			}
			segs = append([]string{s}, segs...)
		}
		if imp.reservedTop(segs[0]) {
			segs = append([]string{"pages"}, segs...)
		}
		return strings.Join(segs, "/")
	}
	date := p.date
	if date.IsZero() {
		date = p.modified
	}
	year := "undated"
	if !date.IsZero() {
		year = strconv.Itoa(date.Year())
	}
	return imp.section(p) + "/" + year + "/" + slug
}

// section is the section of a post's folder: from the first category the
// map sends to a section; news (or the first section) otherwise.
func (imp *importer) section(p *post) string {
	for _, c := range p.cats {
		if d := imp.tm.decisions[termKey{"category", c}]; d.kind == "section" {
			return d.value
		}
	}
	if slices.Contains(imp.o.ArticleSections, "news") {
		return "news"
	}
	return imp.o.ArticleSections[0]
}

// manifest is what the import has written, with hashes.
type manifest struct {
	Version int                        `json:"version"`
	Bundles map[string]*manifestBundle `json:"bundles"`
	Files   map[string]string          `json:"files,omitempty"`
	// Vocabulary lists the terms the import added to the vocabulary, by
	// taxonomy: suggestions ignore them, so that a rerun suggests what
	// the first run did.
	Vocabulary map[string][]string `json:"vocabulary,omitempty"`
}

type manifestBundle struct {
	IDs   []int64           `json:"ids,omitempty"`
	Files map[string]string `json:"files"`
}

func loadManifest(path string) (*manifest, error) {
	m := &manifest{Version: 1, Bundles: map[string]*manifestBundle{}, Files: map[string]string{}, Vocabulary: map[string][]string{}}
	b, err := os.ReadFile(path)
	if errors.Is(err, fs.ErrNotExist) {
		return m, nil
	}
	if err != nil {
		return nil, err
	}
	if err := json.Unmarshal(b, m); err != nil {
		return nil, fmt.Errorf("%s: %w (delete it to start afresh: the import will then not overwrite any bundle that exists)", path, err)
	}
	if m.Bundles == nil {
		m.Bundles = map[string]*manifestBundle{}
	}
	if m.Files == nil {
		m.Files = map[string]string{}
	}
	if m.Vocabulary == nil {
		m.Vocabulary = map[string][]string{}
	}
	return m, nil
}

func (imp *importer) saveManifest() error {
	if imp.o.DryRun {
		return nil
	}
	imp.mu.Lock()
	b, err := json.MarshalIndent(imp.man, "", "  ")
	imp.mu.Unlock()
	if err != nil {
		return err
	}
	return writeFileAtomic(filepath.Join(imp.o.SiteRoot, ManifestFile), append(b, '\n'))
}

// writeFileAtomic writes a file through a temporary one and a rename.
func writeFileAtomic(path string, data []byte) error {
	return fspath.Replace(path, data, 0o644, false)
}

func hashBytes(b []byte) string {
	s := sha256.Sum256(b)
	return hex.EncodeToString(s[:])
}

func hashFile(path string) (string, error) {
	f, err := os.Open(path)
	if err != nil {
		return "", err
	}
	defer f.Close()
	h := sha256.New()
	if _, err := io.Copy(h, f); err != nil {
		return "", err
	}
	return hex.EncodeToString(h.Sum(nil)), nil
}

// topFiles returns the hashes of the regular files directly in dir.
func topFiles(dir string) (map[string]string, error) {
	entries, err := os.ReadDir(dir)
	if errors.Is(err, fs.ErrNotExist) {
		return nil, nil
	}
	if err != nil {
		return nil, err
	}
	out := map[string]string{}
	for _, e := range entries {
		if !e.Type().IsRegular() {
			continue
		}
		h, err := hashFile(filepath.Join(dir, e.Name()))
		if err != nil {
			return nil, err
		}
		out[e.Name()] = h
	}
	return out, nil
}

// Outcome of writing a bundle.
type outcome int

const (
	outNew outcome = iota
	outUpdated
	outUnchanged
	outKept // changed by an editor, or not written by the import: left alone
)

// commit writes a bundle into the content folder: whole, by renaming its
// staged folder, when it is new; file by file, each through a rename, when
// the import wrote it before and nobody has changed it since. A bundle that
// an editor changed, or that the import did not write, is left alone.
func (imp *importer) commit(b *bundle) (outcome, error) {
	want := map[string]string{}
	for name, data := range b.docs {
		want[name] = hashBytes(data)
	}
	for name, m := range b.files.files {
		want[name] = m.hash
	}
	target := filepath.Join(imp.o.ContentDir, filepath.FromSlash(b.dir))
	have, err := topFiles(target)
	if err != nil {
		return 0, err
	}
	imp.mu.Lock()
	prev := imp.man.Bundles[b.dir]
	imp.mu.Unlock()
	record := func() {
		imp.mu.Lock()
		imp.man.Bundles[b.dir] = &manifestBundle{IDs: b.ids, Files: want}
		imp.mu.Unlock()
	}
	switch {
	case len(have) == 0:
		if !imp.o.DryRun {
			if err := imp.writeNew(b, target); err != nil {
				return 0, err
			}
		}
		record()
		return outNew, nil
	case sameFiles(have, want):
		imp.discardStage(b)
		record()
		return outUnchanged, nil
	case prev == nil:
		imp.discardStage(b)
		imp.report.bundle(imp.contentPath(b.dir), "exists and was not written by the import: left as it is")
		return outKept, nil
	}
	// Every file there must be the import's: as written before, or as it
	// would write it now (a rerun after an interrupted update).
	for name, h := range have {
		if prev.Files[name] != h && want[name] != h {
			imp.discardStage(b)
			imp.report.bundle(imp.contentPath(b.dir), "changed by an editor since the import ("+name+"): not overwritten")
			return outKept, nil
		}
	}
	if !imp.o.DryRun {
		if err := imp.writeOver(b, target, have, prev); err != nil {
			return 0, err
		}
	}
	record()
	return outUpdated, nil
}

func sameFiles(a, b map[string]string) bool {
	if len(a) != len(b) {
		return false
	}
	for k, v := range a {
		if b[k] != v {
			return false
		}
	}
	return true
}

func (imp *importer) writeNew(b *bundle, target string) error {
	if err := b.ensureStage(imp); err != nil {
		return err
	}
	for name, data := range b.docs {
		if err := os.WriteFile(filepath.Join(b.stage, name), data, 0o644); err != nil {
			return err
		}
	}
	if err := os.MkdirAll(filepath.Dir(target), 0o755); err != nil {
		return err
	}
	if _, err := os.Stat(target); err == nil {
		// The folder is there, without files of its own (child pages):
		// move the files in one by one.
		for _, name := range sortedKeys(b.docs, b.files.files) {
			if err := os.Rename(filepath.Join(b.stage, name), filepath.Join(target, name)); err != nil {
				return err
			}
		}
		return os.Remove(b.stage)
	}
	return os.Rename(b.stage, target)
}

func (imp *importer) writeOver(b *bundle, target string, have map[string]string, prev *manifestBundle) error {
	for name, data := range b.docs {
		if have[name] == hashBytes(data) {
			continue
		}
		if err := writeFileAtomic(filepath.Join(target, name), data); err != nil {
			return err
		}
	}
	for name, m := range b.files.files {
		if have[name] == m.hash {
			continue
		}
		if err := os.Rename(m.staged, filepath.Join(target, name)); err != nil {
			return err
		}
	}
	for name := range have {
		_, isDoc := b.docs[name]
		if !isDoc && b.files.files[name] == nil && prev.Files[name] == have[name] {
			if err := os.Remove(filepath.Join(target, name)); err != nil {
				return err
			}
		}
	}
	imp.discardStage(b)
	return nil
}

func (imp *importer) discardStage(b *bundle) {
	if b.stage != "" {
		os.RemoveAll(b.stage)
		b.stage = ""
	}
}

// removeMoved removes the bundles that the import wrote before at another
// folder (an editor sent their category to another section), when nobody
// has changed them since.
func (imp *importer) removeMoved(written map[int64]string) error {
	dirs := make([]string, 0, len(imp.man.Bundles))
	for d := range imp.man.Bundles {
		dirs = append(dirs, d)
	}
	sort.Strings(dirs)
	for _, dir := range dirs {
		mb := imp.man.Bundles[dir]
		if len(mb.IDs) == 0 {
			continue
		}
		moved := true
		for _, id := range mb.IDs {
			if nd, ok := written[id]; !ok || nd == dir {
				moved = false
				break
			}
		}
		if !moved {
			continue
		}
		target := filepath.Join(imp.o.ContentDir, filepath.FromSlash(dir))
		have, err := topFiles(target)
		if err != nil {
			return err
		}
		if !sameFiles(have, mb.Files) {
			imp.report.bundle(imp.contentPath(dir), "its posts moved to "+imp.contentPath(written[mb.IDs[0]])+", but it was changed by an editor: not removed (remove it or its aliases, which now appear twice)")
			continue
		}
		if !imp.o.DryRun {
			for name := range have {
				if err := os.Remove(filepath.Join(target, name)); err != nil {
					return err
				}
			}
			removeEmptyDirs(target, imp.o.ContentDir)
		}
		delete(imp.man.Bundles, dir)
		imp.summary.Moved++
	}
	return nil
}

// removeEmptyDirs removes dir and its parents while they are empty, up to
// (not including) stop.
func removeEmptyDirs(dir, stop string) {
	for dir != stop && strings.HasPrefix(dir, stop) {
		if err := os.Remove(dir); err != nil {
			return
		}
		dir = filepath.Dir(dir)
	}
}

func sortedKeys(docs map[string][]byte, files map[string]*mediaOut) []string {
	var keys []string
	for k := range docs {
		keys = append(keys, k)
	}
	for k := range files {
		keys = append(keys, k)
	}
	sort.Strings(keys)
	return keys
}

// contentPath is a content folder as the site root sees it.
func (imp *importer) contentPath(dir string) string {
	rel, err := filepath.Rel(imp.o.SiteRoot, imp.o.ContentDir)
	if err != nil || strings.HasPrefix(rel, "..") {
		return path.Join(filepath.ToSlash(imp.o.ContentDir), dir)
	}
	return path.Join(filepath.ToSlash(rel), dir)
}
