package cli

import (
	"bytes"
	"errors"
	"fmt"
	"io/fs"
	"os"
	"path"
	"path/filepath"
	"regexp"
	"slices"
	"strings"

	"github.com/spf13/cobra"

	"github.com/dispatch-news/dispatch/internal/check"
	"github.com/dispatch-news/dispatch/internal/fspath"
	"github.com/dispatch-news/dispatch/internal/site"
)

var slugRe = regexp.MustCompile(`^[a-z0-9]+(-[a-z0-9]+)*$`)

func (a *app) newNewCommand() (*cobra.Command, error) {
	c := &cobra.Command{
		Use:   "new [--lang LANG] SECTION/YEAR/SLUG",
		Short: "start an article bundle from the archetype, or the translation of one (dispatch new news/2024/my-story)",
		Long: `Start an article: a page bundle content/SECTION/YEAR/SLUG/index.md with every
field of the content model, from the archetype, as a draft.

With --lang, the translation index.LANG.md of the article in the same
bundle (in an empty bundle, an article in that language only, from the
archetype). It keeps what does not depend on the language from the original
(date, authors, tags, regions, the photo with its credit and licence,
translationKey, sourceNote) and shows the names the translated pages give
tags, regions and authors in comments; title, description, photo captions
and alt text, and the text are left for the translator, marked TODO. An
original without a translationKey gets one, made from its path.

The path is inside content/, or, from a folder of content/, relative to it:
in content/news/2025, "dispatch new my-story" starts news/2025/my-story.
Nothing is written when anything fails, and an existing file is never
replaced. Other articles, broken or not, do not matter.`,
		Example: `  dispatch new news/2024/my-story
  dispatch new --lang ko news/2024/my-story
  cd content/news/2025 && dispatch new my-story`,
		Args: needArgs(1, 1, "one article path, such as news/2024/my-story"),
	}
	lang := c.Flags().String("lang", "", "the language of the new file: a translation is index.LANG.md in the same bundle")
	h, err := a.withHugoFlags(c, "new content", "kind", "editor", "force", "edit")
	if err != nil {
		return nil, err
	}
	c.RunE = func(cmd *cobra.Command, args []string) error {
		s, err := a.loadSite(h, false)
		if err != nil {
			return err
		}
		contentDir, rel, err := a.articlePath(s, args[0])
		if err != nil {
			return err
		}
		l := s.DefaultLanguage
		if *lang != "" {
			if !slices.Contains(s.Languages, *lang) {
				return usagef("new: the site has no language %q (it has %s)", *lang, strings.Join(s.Languages, ", "))
			}
			l = *lang
		}
		bundle := filepath.Join(contentDir, filepath.FromSlash(rel))
		target := filepath.Join(bundle, indexName(s, l))
		if err := a.refuseExisting(contentDir, rel, target); err != nil {
			return err
		}
		if orig := findOriginal(s, bundle, l); orig != "" {
			return a.newTranslation(s, rel, orig, target, l)
		}
		data, err := a.renderArchetype(cmd, s, h, contentDir, rel, indexName(s, l))
		if err != nil {
			return err
		}
		if l != s.DefaultLanguage {
			data = withoutKey(data)
		}
		if err := createFile(target, data); err != nil {
			return a.newFailed(target, err)
		}
		fmt.Fprintf(a.e.stdout, "created %s, a draft: fill in the fields marked TODO, then run dispatch check\n", fspath.Rel(a.e.dir, target))
		if l != s.DefaultLanguage {
			// The check warns of a page without an original.
			fmt.Fprintf(a.e.stdout, "there is no original in another language: this is a %s-only article; dispatch new %s makes the %s version from it\n",
				languageName(l), args[0], languageName(s.DefaultLanguage))
		}
		return nil
	}
	return c, nil
}

// keyLineRe is the archetype's translationKey line.
var keyLineRe = regexp.MustCompile(`(?m)^translationKey:.*$`)

// withoutKey comments out the translationKey of a page in another language
// than the default with no original: a key that matches no other page is an
// error to the checks, a story in one language is not. dispatch new gives
// it a key again when it makes its translation.
func withoutKey(page []byte) []byte {
	return keyLineRe.ReplaceAllFunc(page, func(line []byte) []byte {
		return []byte("# " + string(line) + "  (set by dispatch new when the story is translated)")
	})
}

// indexName is the file name of a bundle's page in lang.
func indexName(s *site.Site, lang string) string {
	if lang == s.DefaultLanguage {
		return "index.md"
	}
	return "index." + lang + ".md"
}

// articlePath returns the content folder an article path given on the
// command line is in, and the path inside it (news/2024/my-story). From a
// folder of content/, the path is relative to that folder, as any path
// given there; from anywhere else it is relative to content/, unless it
// leads into content/ (content/news/2024/my-story at the site's root).
func (a *app) articlePath(s *site.Site, arg string) (contentDir, rel string, err error) {
	within := func(dir, p string) (string, bool) {
		r, ok := fspath.Within(dir, p)
		return filepath.ToSlash(r), ok
	}
	abs := fspath.Abs(a.e.dir, arg)
	for _, dir := range s.ContentDirs {
		if _, ok := within(dir, a.e.dir); ok {
			if rel, ok = within(dir, abs); !ok {
				return "", "", usagef("new: %q is outside the content folder %s/", arg, fspath.Rel(s.Dir, dir))
			}
			contentDir = dir
			break
		}
	}
	for _, dir := range s.ContentDirs {
		if r, ok := within(dir, abs); ok && contentDir == "" {
			contentDir, rel = dir, r
		}
	}
	if contentDir == "" {
		if filepath.IsAbs(arg) {
			return "", "", usagef("new: %q is outside the content folder", arg)
		}
		contentDir = s.ContentDirs[0]
		var ok bool
		if rel, ok = within(contentDir, filepath.Join(contentDir, arg)); !ok {
			return "", "", usagef("new: %q is outside the content folder", arg)
		}
	}
	rel = strings.Trim(rel, "/")
	sections := s.MainSections
	if len(sections) == 0 {
		sections = check.DefaultArticleSections
	}
	parts := strings.Split(rel, "/")
	if len(parts) < 2 || !slices.Contains(sections, parts[0]) {
		return "", "", usagef("new: %q must start with a section (%s), such as news/2024/my-story", arg, strings.Join(sections, ", "))
	}
	if slug := parts[len(parts)-1]; !slugRe.MatchString(slug) {
		return "", "", usagef("new: %q is not a good slug: use lowercase letters, digits and hyphens, such as hoeryong-phone-calls", slug)
	}
	return contentDir, rel, nil
}

// ErrExists reports that the file new would write is there already.
var ErrExists = errors.New("already exists")

// refuseExisting fails when the new page's file, or another page at its
// URL, is there already.
func (a *app) refuseExisting(contentDir, rel, target string) error {
	if _, err := os.Lstat(target); err == nil {
		return a.newFailed(target, fs.ErrExist)
	}
	leaf := filepath.Join(contentDir, filepath.FromSlash(rel)+".md")
	if _, err := os.Lstat(leaf); err == nil {
		return fmt.Errorf("dispatch: new: %s %w at the same address; nothing was changed", fspath.Rel(a.e.dir, leaf), ErrExists)
	}
	if fi, err := os.Stat(filepath.Dir(target)); err == nil && !fi.IsDir() {
		return fmt.Errorf("dispatch: new: %s %w and is not a folder; nothing was changed", fspath.Rel(a.e.dir, filepath.Dir(target)), ErrExists)
	}
	return nil
}

// newFailed is the error of a new that could not write target: "already
// exists" when another file took the name.
func (a *app) newFailed(target string, err error) error {
	if errors.Is(err, fs.ErrExist) {
		return fmt.Errorf("dispatch: new: %s %w; nothing was changed (edit it, or choose another path)", fspath.Rel(a.e.dir, target), ErrExists)
	}
	return fmt.Errorf("dispatch: new: cannot write %s: %w; nothing was written", fspath.Rel(a.e.dir, target), err)
}

// findOriginal returns the page of another language in bundle, the one the
// new page in lang translates: the default language's first, then the
// others in the site's order. "" when there is none.
func findOriginal(s *site.Site, bundle, lang string) string {
	for _, l := range s.Languages {
		if l == lang {
			continue
		}
		names := []string{"index." + l + ".md"}
		if l == s.DefaultLanguage {
			names = []string{"index.md", "index." + l + ".md"}
		}
		for _, n := range names {
			if fi, err := os.Stat(filepath.Join(bundle, n)); err == nil && fi.Mode().IsRegular() {
				return filepath.Join(bundle, n)
			}
		}
	}
	return ""
}

// renderArchetype runs Hugo's "new content" for the page, on an empty
// content folder of its own: no other article is read, so none, broken or
// not, can stop it, and what Hugo writes on the way (a placeholder page)
// never reaches the site. It returns the page Hugo wrote.
//
// A site whose configuration sets its content folders itself (module
// mounts, a language's contentDir) ignores --contentDir, and Hugo would
// write into them: dispatch new reads the configuration as Hugo will, and
// refuses such a site before it runs Hugo.
func (a *app) renderArchetype(cmd *cobra.Command, s *site.Site, h *hugoFlags, contentDir, rel, name string) ([]byte, error) {
	tmp, err := os.MkdirTemp("", "dispatch-new-")
	if err != nil {
		return nil, err
	}
	defer os.RemoveAll(tmp)
	empty := filepath.Join(tmp, "content")
	if err := os.Mkdir(empty, 0o755); err != nil {
		return nil, err
	}
	// The site as Hugo will read it with --contentDir: its content must be
	// the empty folder and nothing else.
	if err := h.set.Set("contentDir", empty); err != nil {
		return nil, err
	}
	probe, err := a.loadSite(h, false)
	if err != nil {
		return nil, err
	}
	if len(probe.ContentDirs) != 1 || probe.ContentDirs[0] != empty {
		return nil, fmt.Errorf("dispatch: new: this site sets its content folders in its configuration (module mounts, or a language's contentDir), which dispatch new cannot set aside to read no other article; nothing was written. Hugo's own command does it on the site as it is: dispatch hugo new content %s",
			path.Join(rel, name))
	}
	file := path.Join(rel, name)
	section, _, _ := strings.Cut(rel, "/")
	args := []string{"new", "content", file, "--kind", section, "--source", s.Dir, "--contentDir", empty}
	args = append(args, h.args("source", "contentDir")...)
	var env []string
	if tz := s.Configs.Base.TimeZone; tz != "" {
		// The archetype's {{ .Date }} in the newsroom's time zone.
		env = append(env, "TZ="+tz)
	}
	var out bytes.Buffer
	err = hugoRun{args: args, env: env, site: s.Dir, stdout: &out, stderr: a.e.stderr}.run(cmd.Context())
	if errors.Is(err, ErrHugoFailed) {
		return nil, fmt.Errorf("dispatch: new: Hugo could not make the page from the archetype (its errors are above); nothing was written")
	}
	if err != nil {
		return nil, err
	}
	data, err := os.ReadFile(filepath.Join(empty, filepath.FromSlash(file)))
	if errors.Is(err, fs.ErrNotExist) {
		return nil, fmt.Errorf("dispatch: new: Hugo wrote the page elsewhere (%s): does the configuration mount content folders itself? Nothing was written by dispatch", strings.TrimSpace(out.String()))
	}
	return data, err
}
