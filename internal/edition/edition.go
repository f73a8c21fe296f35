// Package edition makes the offline edition of a site: the newest articles
// as a zip that a reader opens from a USB stick with a double click on
// index.html, with no network. Every link of it points to a file in the zip
// (never to a folder, which a browser opening file:// cannot show), the
// stylesheet and the photos load by relative paths, and SHA256SUMS lists a
// checksum of every other file.
//
// The site is built by Hugo from a copy of its content that holds only the
// edition's articles (Content), so that its lists, tag and region pages name
// only them. Pack then reads the built pages from the edition's front page,
// follows their links and rewrites each: links to files, a link to a page
// outside the edition made plain text, one small JPEG for each photo. Write
// makes the zip, the same bytes for the same pages.
package edition

import (
	"errors"
	"io"
	"io/fs"
	"os"
	"path"
	"path/filepath"
	"slices"
	"strings"
	"time"
)

// Page is a content page as the edition sees it.
type Page struct {
	// File is the content file, slash-separated, relative to its content
	// folder: "news/2024/x/index.md".
	File string
	Lang string
	// Key groups a page with its translations (Hugo's translation key).
	Key string
	// Date is the page's publish date.
	Date time.Time
	// Article is set for a regular page of a main section; other pages
	// (sections, tags, about pages) are always in the edition.
	Article bool
	// Published is set when a build with the site's flags publishes the
	// page (not a draft, not in the future, not expired).
	Published bool
}

// Selection is the outcome of Select.
type Selection struct {
	// Articles are the published articles of the edition: dated in its
	// window and in one of its languages.
	Articles []Page
	// Leave are the content files of the articles left out, and of the
	// translations of nothing in the edition.
	Leave map[string]bool
	// Newest is the newest date of the edition's articles.
	Newest time.Time
}

// Select chooses the articles of an edition: those published since the
// given time in one of langs (all languages when langs is empty). A chosen
// article's translations stay in the site that Hugo builds, so that links
// between them hold; Pack leaves out the pages in other languages.
func Select(pages []Page, since time.Time, langs []string) Selection {
	in := func(p Page) bool {
		return p.Article && p.Published && !p.Date.Before(since) && (len(langs) == 0 || slices.Contains(langs, p.Lang))
	}
	keys := map[string]bool{}
	sel := Selection{Leave: map[string]bool{}}
	for _, p := range pages {
		if in(p) {
			keys[p.Key] = true
			sel.Articles = append(sel.Articles, p)
			if p.Date.After(sel.Newest) {
				sel.Newest = p.Date
			}
		}
	}
	for _, p := range pages {
		if p.Article && !keys[p.Key] {
			sel.Leave[p.File] = true
		}
	}
	slices.SortFunc(sel.Articles, func(a, b Page) int {
		if c := b.Date.Compare(a.Date); c != 0 {
			return c
		}
		return strings.Compare(a.File, b.File)
	})
	return sel
}

// Content copies the content folder src to dst, without the files in
// leave (slash-separated, relative to src) and without the page bundles
// whose every page is left out, photos included. pages are all the content
// pages, to tell bundles by.
func Content(src, dst string, pages []Page, leave map[string]bool) error {
	// A leaf bundle is the folder of an index file; it goes when none of
	// its pages stays.
	stays := map[string]bool{}
	bundles := map[string]bool{}
	for _, p := range pages {
		dir, base := path.Split(p.File)
		if !strings.HasPrefix(base, "index.") {
			continue
		}
		dir = strings.TrimSuffix(dir, "/")
		bundles[dir] = true
		if !leave[p.File] {
			stays[dir] = true
		}
	}
	return filepath.WalkDir(src, func(p string, d fs.DirEntry, err error) error {
		if err != nil {
			return err
		}
		rel, err := filepath.Rel(src, p)
		if err != nil {
			return err
		}
		rel = filepath.ToSlash(rel)
		target := filepath.Join(dst, filepath.FromSlash(rel))
		if d.IsDir() {
			if rel != "." && bundles[rel] && !stays[rel] {
				return filepath.SkipDir
			}
			return os.MkdirAll(target, 0o755)
		}
		if leave[rel] || !d.Type().IsRegular() {
			return nil
		}
		return copyFile(p, target)
	})
}

// copyFile links src to dst, or copies it where a link cannot be made (on
// another file system). Hugo only reads the content.
func copyFile(src, dst string) error {
	if err := os.Link(src, dst); err == nil {
		return nil
	}
	in, err := os.Open(src)
	if err != nil {
		return err
	}
	defer in.Close()
	out, err := os.Create(dst)
	if err != nil {
		return err
	}
	if _, err := io.Copy(out, in); err != nil {
		out.Close()
		return err
	}
	return out.Close()
}

// ErrEmpty is returned when an edition would have no article.
var ErrEmpty = errors.New("no article in the edition")
