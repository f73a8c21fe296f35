package cli

import (
	"archive/zip"
	"bytes"
	"context"
	"crypto/sha256"
	"encoding/hex"
	"fmt"
	"io"
	"math"
	"net/url"
	"os"
	"path"
	"path/filepath"
	"slices"
	"strconv"
	"strings"
	"time"

	"github.com/spf13/cobra"

	"github.com/dispatch-news/dispatch/internal/audit"
	"github.com/dispatch-news/dispatch/internal/check"
	"github.com/dispatch-news/dispatch/internal/edition"
	"github.com/dispatch-news/dispatch/internal/fspath"
	"github.com/dispatch-news/dispatch/internal/site"
)

func (a *app) newEditionCommand() (*cobra.Command, error) {
	c := &cobra.Command{
		Use:   "edition --out FILE.zip [flags]",
		Short: "write the offline edition: the newest articles in a zip that opens from a USB stick",
		Long: `Write the offline edition: the articles published in the last 30 days (or
--since), with their photos, tag, region and author pages, as a zip that a
reader unzips and opens with a double click on index.html, on a phone or a
computer, with no network. Every link points to a file in the zip, photos
are the theme's smallest (480 pixels wide, JPEG), and SHA256SUMS lists the
checksum of every other file, for "sha256sum -c SHA256SUMS".

The content is checked, and the edition built with Hugo and audited, as
"dispatch build" does; public/ is not touched. The same content, flags and
clock (--clock) give the same zip, byte for byte.`,
		Example: `  dispatch edition --out dispatch-2024-10.zip
  dispatch edition --out ko.zip --lang ko --since 14d
  dispatch edition --out test.zip --clock 2024-10-31T12:00:00+09:00`,
		Args: noArgs,
	}
	out := c.Flags().String("out", "", "the zip `FILE` to write (required)")
	since := c.Flags().String("since", "30d", "the articles published in the last `AGE`, in days (30d) or as a Go duration (36h)")
	lang := c.Flags().String("lang", "all", "the edition's `LANGUAGE`: a language code of the site, or all")
	h, err := a.withHugoFlags(c, "build", "watch", "destination", "renderToMemory")
	if err != nil {
		return nil, err
	}
	c.RunE = func(cmd *cobra.Command, args []string) error {
		if *out == "" {
			return usagef("edition needs --out FILE.zip (dispatch edition --help)")
		}
		age, err := parseAge(*since)
		if err != nil {
			return err
		}
		s, err := a.loadSite(h, false)
		if err != nil {
			return err
		}
		if err := checkOut(s, *out, fspath.Abs(a.e.dir, *out)); err != nil {
			return err
		}
		langs := s.Languages
		if *lang != "all" {
			if !slices.Contains(s.Languages, *lang) {
				return usagef("--lang %q: the site's languages are %s, or all", *lang, strings.Join(s.Languages, ", "))
			}
			langs = []string{*lang}
		}
		return a.edition(cmd.Context(), s, h, fspath.Abs(a.e.dir, *out), s.Now.Add(-age), langs)
	}
	return c, nil
}

// checkOut refuses an --out (flag, its path) that is a folder, in no
// folder, a file other than a zip (an earlier edition), or in a folder Hugo
// reads the site from, before anything is built.
func checkOut(s *site.Site, flag, out string) error {
	if fi, err := os.Stat(out); err == nil {
		if fi.IsDir() {
			return usagef("--out %s is a folder; name the zip file, such as %s", flag, filepath.Join(flag, "edition.zip"))
		}
		b := make([]byte, 4)
		if f, err := os.Open(out); err == nil {
			_, _ = io.ReadFull(f, b)
			f.Close()
		}
		if fi.Size() > 0 && string(b) != "PK\x03\x04" && string(b) != "PK\x05\x06" {
			return usagef("--out %s exists and is not a zip; the edition replaces only a zip", flag)
		}
	}
	if fi, err := os.Stat(filepath.Dir(out)); err != nil || !fi.IsDir() {
		return usagef("--out %s: there is no folder %s", flag, filepath.Dir(flag))
	}
	for _, dir := range sourceDirs(s) {
		if _, in := fspath.Within(dir, realPath(filepath.Dir(out))); in {
			return usagef("--out %s is in %s, which Hugo reads the site from; write the edition elsewhere", flag, fspath.Rel(s.Dir, dir))
		}
	}
	return nil
}

// parseAge reads --since: a number of days (30d) or a Go duration.
func parseAge(v string) (time.Duration, error) {
	var d time.Duration
	if n, ok := strings.CutSuffix(v, "d"); ok {
		days, err := strconv.Atoi(n)
		if err != nil {
			return 0, usagef("--since %q: write days as 30d, or a duration as 36h", v)
		}
		// More would wrap around to another window.
		if most := int(math.MaxInt64 / int64(24*time.Hour)); days > most {
			return 0, usagef("--since %q: at most %d days", v, most)
		}
		d = time.Duration(days) * 24 * time.Hour
	} else {
		var err error
		if d, err = time.ParseDuration(v); err != nil {
			return 0, usagef("--since %q: write days as 30d, or a duration as 36h", v)
		}
	}
	if d <= 0 {
		return 0, usagef("--since %q: the edition's window must be longer than nothing", v)
	}
	return d, nil
}

// edition checks the site, builds the edition's articles with Hugo into a
// temporary folder, audits them, packs them and writes the zip to out.
func (a *app) edition(ctx context.Context, s *site.Site, h *hugoFlags, out string, since time.Time, langs []string) error {
	if len(s.ContentDirs) != 1 {
		return fmt.Errorf("dispatch edition: the site's content is in %d folders (%s); the edition reads one content folder",
			len(s.ContentDirs), strings.Join(s.ContentDirs, ", "))
	}
	contentDir := s.ContentDirs[0]
	checked, err := a.preflight(s, true)
	if err != nil {
		return err
	}
	pages := editionPages(s, checked, contentDir)
	sel := edition.Select(pages, since, langs)
	if len(sel.Articles) == 0 {
		return fmt.Errorf("dispatch edition: %w: no article in %s was published from %s to %s",
			edition.ErrEmpty, strings.Join(langs, ", "), since.Format(time.RFC3339), s.Now.Format(time.RFC3339))
	}

	tmp, err := os.MkdirTemp("", "dispatch-edition-")
	if err != nil {
		return err
	}
	defer os.RemoveAll(tmp)
	content := filepath.Join(tmp, "content")
	if err := edition.Content(contentDir, content, pages, sel.Leave); err != nil {
		return err
	}
	overlay := filepath.Join(tmp, "edition.toml")
	if err := os.WriteFile(overlay, editionConfig(s, since), 0o644); err != nil {
		return err
	}
	configs := h.string("config")
	if configs == "" {
		configs = site.ConfigFile(s.Dir)
	}
	if configs == "" {
		return fmt.Errorf("dispatch edition: %s has no configuration file (hugo.toml, config.toml ...) to add the edition's to", s.Dir)
	}
	dir, err := a.buildChecked(ctx, s, h, checked, buildSpec{
		dest:  filepath.Join(tmp, "site"),
		args:  []string{"--contentDir", content, "--config", configs + "," + overlay},
		skip:  []string{"config", "contentDir"},
		quiet: true,
		// Pagefind's search runs a script, which the edition leaves out.
		noSearch: true,
		audit: func(o *audit.Options) {
			// The edition is a part of the site, and writes no files for
			// the hosts.
			o.Previous, o.HostFiles = "", nil
		},
	})
	if err != nil {
		return err
	}

	home := func(lang string) string {
		if lang == s.DefaultLanguage && !s.Configs.Base.DefaultContentLanguageInSubdir {
			return ""
		}
		return lang + "/"
	}
	o := edition.Options{BaseURL: s.BaseURL, Entry: home(langs[0])}
	for _, l := range langs {
		if l != langs[0] {
			o.Roots = append(o.Roots, home(l))
		}
		o.Langs = append(o.Langs, locale(s, l))
	}
	e, err := edition.Pack(dir, o)
	if err != nil {
		return err
	}
	var zipped bytes.Buffer
	if err := edition.Write(&zipped, e, sel.Newest); err != nil {
		return err
	}
	// What a receiver checks, checked before anyone receives it.
	zr, err := zip.NewReader(bytes.NewReader(zipped.Bytes()), int64(zipped.Len()))
	if err != nil {
		return err
	}
	var host string
	if u, err := url.Parse(s.BaseURL); err == nil {
		host = u.Host
	}
	problems, err := edition.Verify(zr, host)
	if err != nil {
		return err
	}
	if len(problems) > 0 {
		return fmt.Errorf("dispatch edition: the edition is not whole, nothing was written:\n  %s", strings.Join(problems, "\n  "))
	}
	// A reader never sees half a zip.
	if err := fspath.Replace(out, zipped.Bytes(), 0o644, false); err != nil {
		return err
	}
	sums, _ := edition.Sums(e.Files)
	sum := sha256.Sum256(sums)
	count := map[string]int{}
	for _, p := range sel.Articles {
		count[p.Lang]++
	}
	var per []string
	for _, l := range langs {
		per = append(per, fmt.Sprintf("%d in %s", count[l], l))
	}
	fmt.Fprintf(a.e.stderr, "dispatch: wrote %s: %s (%s) published from %s to %s; %d pages, %d files, %s\n",
		fspath.Rel(a.e.dir, out), plural(len(sel.Articles), "article", "articles"), strings.Join(per, ", "),
		since.Format("2006-01-02"), s.Now.Format("2006-01-02"), len(e.Pages), len(e.Files)+1, megabytes(zipped.Len()))
	fmt.Fprintf(a.e.stderr, "dispatch: SHA-256 of its SHA256SUMS: %s (publish it, so that readers can tell the edition is yours)\n",
		hex.EncodeToString(sum[:]))
	return nil
}

// editionPages are the content pages as the edition sees them.
func editionPages(s *site.Site, r *check.Report, contentDir string) []edition.Page {
	sections := s.MainSections
	if len(sections) == 0 {
		sections = check.DefaultArticleSections
	}
	var pages []edition.Page
	for _, p := range r.Pages {
		if p.Unread {
			continue
		}
		rel, ok := fspath.Within(contentDir, fspath.Abs(s.Dir, p.Path))
		if !ok {
			continue
		}
		rel = filepath.ToSlash(rel)
		section, _, nested := strings.Cut(rel, "/")
		pages = append(pages, edition.Page{
			File:    rel,
			Lang:    p.Lang,
			Key:     p.TranslationKey,
			Date:    p.PublishDate,
			Article: nested && slices.Contains(sections, section) && !strings.HasPrefix(path.Base(rel), "_index."),
			Published: p.Rendered && p.URL != "" && (!p.Draft || s.BuildDrafts) && (!p.Future || s.BuildFuture) &&
				(!p.Expired || s.BuildExpired),
		})
	}
	return pages
}

// editionConfig is the configuration that Hugo reads after the site's for
// an edition: the home page in the edition's layout (home.edition.html) as
// its only output, every other page as HTML alone, no feeds, sitemaps,
// robots.txt or alias pages, and the window in params.edition.
func editionConfig(s *site.Site, since time.Time) []byte {
	var b bytes.Buffer
	kinds := append(slices.Clone(s.Configs.Base.DisableKinds), "rss", "sitemap", "robotstxt")
	fmt.Fprintf(&b, "# The offline edition (dispatch edition), read after the site's configuration.\n")
	fmt.Fprintf(&b, "disableAliases = true\nenableRobotsTXT = false\ndisableKinds = %s\n", tomlList(kinds))
	fmt.Fprintf(&b, "[outputFormats.Edition]\n  mediaType = \"text/html\"\n  baseName = \"index\"\n  isHTML = true\n  permalinkable = true\n")
	fmt.Fprintf(&b, "[outputs]\n  home = [\"Edition\"]\n  page = [\"HTML\"]\n  section = [\"HTML\"]\n  taxonomy = [\"HTML\"]\n  term = [\"HTML\"]\n")
	for _, l := range s.Languages {
		fmt.Fprintf(&b, "[languages.%s.outputs]\n  home = [\"Edition\"]\n", strconv.Quote(l))
	}
	fmt.Fprintf(&b, "[params.edition]\n  since = %q\n  until = %q\n", since.Format(time.RFC3339), s.Now.Format(time.RFC3339))
	return b.Bytes()
}

func tomlList(xs []string) string {
	q := make([]string, len(xs))
	for i, x := range xs {
		q[i] = strconv.Quote(x)
	}
	return "[" + strings.Join(q, ", ") + "]"
}

// locale is what a language's pages say in <html lang>, as the theme
// writes it: the language's locale, or its code.
func locale(s *site.Site, lang string) string {
	if l, ok := s.Configs.Base.Languages.Config.LanguageConfigs[lang]; ok && l.Locale != "" {
		return l.Locale
	}
	return lang
}

// megabytes writes a size as "3.2 MB".
func megabytes(n int) string {
	return fmt.Sprintf("%.1f MB", float64(n)/1e6)
}
