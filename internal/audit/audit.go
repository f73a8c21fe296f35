// Package audit inspects a built site before it replaces public/ or leaves
// the machine: a second line of defence behind the content checks. It
// refuses files the site does not mean to publish (by their content, not
// their name), photos that carry identifying metadata, pages that load
// anything from another host or run inline script or style, broken feeds,
// pages Hugo was told to leave out, traces of a local preview, and an output
// that is empty or much smaller than what was published before.
//
// Findings are check.Diagnostics, printed as path:line:col: severity:
// message [id] like the content checks; paths are relative to the audited
// folder and slash-separated. A finding that concerns a whole file, or a
// file that is missing, is at 1:1.
package audit

import (
	"cmp"
	"context"
	"errors"
	"fmt"
	"io/fs"
	"net/url"
	"os"
	"path"
	"path/filepath"
	"runtime/debug"
	"strings"

	"github.com/dispatch-news/dispatch/internal/check"
	"github.com/dispatch-news/dispatch/internal/par"
)

// Options says what the site means to publish.
type Options struct {
	// BaseURL is the site's base URL; absolute URLs to its host are the
	// site's own. Empty: only relative URLs are.
	BaseURL string
	// Mirrors are the base URLs of other addresses that serve the same site
	// (a mirror, an onion service); loads from their hosts are allowed too.
	Mirrors []string
	// HostFiles are files for the web host that the site writes and that
	// must therefore be in the output, such as "_headers", "_redirects" and
	// "nginx.conf": without them the host serves pages without the
	// security headers.
	HostFiles []string
	// Unpublished are the pages Hugo must leave out (drafts, future and
	// expired pages); none of them may be in the output.
	Unpublished []Unpublished
	// Previous is the folder published last (the current public/). When it
	// holds a site, an output with fewer than half its HTML pages or HTML
	// bytes is refused. Empty, or a folder that does not exist: no
	// comparison.
	Previous string
	// Force accepts an output much smaller than Previous: the finding is
	// then a warning.
	Force bool
	// Allow adds kinds of files the site may publish beyond the defaults,
	// such as Pagefind's scripts and index under pagefind/.
	Allow []Allow
	// Scripts are folders of the output, slash-separated and ending in "/"
	// (such as "pagefind/"), whose scripts pages may load with
	// <script src>. An inline script other than JSON-LD is never allowed.
	Scripts []string
}

// Unpublished is a page that must not be in the output.
type Unpublished struct {
	// Path is where Hugo would write the page, relative to the output:
	// "news/2024/x/" (its index.html) or a file such as "news/x.html".
	Path string
	// Why is "draft", "future" or "expired"; Source is the content file.
	// Both are only for the message.
	Why, Source string
}

// Allow lets files under Dir (slash-separated, ending in "/"; "" for
// anywhere) whose names end in Ext (such as ".js"; "" for any name) be of
// the given kinds.
type Allow struct {
	Dir, Ext string
	Kinds    []Kind
}

// Report is what an audit found. Its Diagnostics are sorted; WriteText and
// WriteJSON print them as the content checks' are printed.
type Report struct {
	check.Report
	Pages int   // HTML files
	Bytes int64 // the size of every file
}

// The checks' ids.
const (
	idFileType      = "out.filetype"
	idRead          = "out.read"
	idPhotoMetadata = "out.photo-metadata"
	idPhotoRead     = "out.photo-read"
	idThirdParty    = "out.third-party"
	idScript        = "out.inline-script"
	idStyleAttr     = "out.style-attr"
	idStyleElement  = "out.style-element"
	idEventAttr     = "out.event-attr"
	idDuplicateID   = "out.duplicate-id"
	idJSURL         = "out.js-url"
	idJSONLD        = "out.json-ld"
	idXML           = "out.xml"
	idSVG           = "out.svg"
	idJSON          = "out.json"
	idPreview       = "out.preview"
	idUnpublished   = "out.unpublished"
	idHostFiles     = "out.host-files"
	idMissingHome   = "out.missing-home"
	idMissing404    = "out.missing-404"
	idEmpty         = "out.empty"
	idShrunk        = "out.shrunk"
)

// auditor holds what every file's audit needs.
type auditor struct {
	o       *Options
	hosts   map[string]bool // the site's own host names
	allow   []Allow
	scripts []string
}

// file is a file of the output.
type file struct {
	abs, rel string
	mode     fs.FileMode // its type bits only
	size     int64       // once read
}

// Run audits the built site in dir. It returns an error only when the audit
// itself cannot be done (no such folder, bad options, ctx done); everything
// wrong with the site is a finding in the report.
func Run(ctx context.Context, dir string, o Options) (*Report, error) {
	a, err := newAuditor(&o)
	if err != nil {
		return nil, err
	}
	// Walking does not enter a root that is a symbolic link (public/ can
	// be one, to a web root): start from where it points.
	dir, err = filepath.EvalSymlinks(dir)
	if err != nil {
		return nil, fmt.Errorf("audit: %w", err)
	}
	fi, err := os.Stat(dir)
	if err != nil {
		return nil, fmt.Errorf("audit: %w", err)
	}
	if !fi.IsDir() {
		return nil, fmt.Errorf("audit: %s is not a folder", dir)
	}
	var prev siteSize
	prevDone := make(chan error, 1)
	go func() {
		var err error
		prev, err = measure(o.Previous)
		prevDone <- err
	}()
	files, err := walk(dir)
	if err != nil {
		<-prevDone
		return nil, err
	}
	// A run allocates much and keeps little: let the heap grow rather
	// than collect it every few pages.
	defer debug.SetGCPercent(debug.SetGCPercent(400))
	r := &Report{}
	r.Files = len(files)
	diags := make([][]check.Diagnostic, len(files))
	par.ForEach(len(files), func(i int) {
		if ctx.Err() == nil {
			diags[i], files[i].size = a.file(files[i])
		}
	})
	if err := <-prevDone; err != nil {
		return nil, err
	}
	if err := ctx.Err(); err != nil {
		return nil, err
	}
	var cur siteSize
	have := make(map[string]bool, len(files))
	for i, f := range files {
		r.Diagnostics = append(r.Diagnostics, diags[i]...)
		r.Bytes += f.size
		have[f.rel] = true
		if isHTMLName(f.rel) {
			cur.pages++
			cur.htmlBytes += f.size
		}
	}
	r.Pages = cur.pages
	r.Diagnostics = append(r.Diagnostics, a.folder(have, cur, prev)...)
	r.Sort()
	return r, nil
}

func newAuditor(o *Options) (*auditor, error) {
	a := &auditor{o: o, hosts: map[string]bool{}}
	for _, u := range append([]string{o.BaseURL}, o.Mirrors...) {
		if u == "" {
			continue
		}
		p, err := url.Parse(u)
		if err != nil || p.Host == "" {
			return nil, fmt.Errorf("audit: the base URL %q has no host", u)
		}
		a.hosts[normalHost(p.Host)] = true
	}
	for _, al := range o.Allow {
		if al.Dir != "" && !strings.HasSuffix(al.Dir, "/") {
			return nil, fmt.Errorf("audit: Allow.Dir %q must end in /", al.Dir)
		}
		if len(al.Kinds) == 0 {
			return nil, fmt.Errorf("audit: Allow for %q%q names no kind", al.Dir, al.Ext)
		}
		al.Ext = strings.ToLower(al.Ext)
		a.allow = append(a.allow, al)
	}
	for _, s := range o.Scripts {
		if !strings.HasSuffix(s, "/") || strings.HasPrefix(s, "/") {
			return nil, fmt.Errorf("audit: script folder %q must be relative and end in /", s)
		}
		a.scripts = append(a.scripts, s)
	}
	return a, nil
}

// walk lists every entry under dir that is not a folder, in lexical order.
func walk(dir string) ([]file, error) {
	var files []file
	err := filepath.WalkDir(dir, func(p string, d fs.DirEntry, err error) error {
		if err != nil {
			return fmt.Errorf("audit: %w", err)
		}
		if d.IsDir() {
			return nil
		}
		rel, err := filepath.Rel(dir, p)
		if err != nil {
			return err
		}
		// No stat: every file is read, and its size is what was read.
		files = append(files, file{abs: p, rel: filepath.ToSlash(rel), mode: d.Type()})
		return nil
	})
	return files, err
}

// siteSize is what the shrink check compares.
type siteSize struct {
	pages     int
	htmlBytes int64
}

// measure counts the HTML pages of a published site; a missing folder is
// no site.
func measure(dir string) (siteSize, error) {
	var s siteSize
	if dir == "" {
		return s, nil
	}
	dir, err := filepath.EvalSymlinks(dir)
	if errors.Is(err, fs.ErrNotExist) {
		return s, nil
	}
	if err != nil {
		return s, fmt.Errorf("audit: the previous site: %w", err)
	}
	err = filepath.WalkDir(dir, func(p string, d fs.DirEntry, err error) error {
		if err != nil {
			if p == dir && errors.Is(err, fs.ErrNotExist) {
				return fs.SkipAll
			}
			return fmt.Errorf("audit: the previous site: %w", err)
		}
		if d.Type().IsRegular() && isHTMLName(p) {
			fi, err := d.Info()
			if err != nil {
				return fmt.Errorf("audit: the previous site: %w", err)
			}
			s.pages++
			s.htmlBytes += fi.Size()
		}
		return nil
	})
	return s, err
}

func isHTMLName(name string) bool {
	ext := strings.ToLower(path.Ext(name))
	return ext == ".html" || ext == ".htm"
}

// folder checks the output as a whole.
func (a *auditor) folder(have map[string]bool, cur, prev siteSize) []check.Diagnostic {
	var out []check.Diagnostic
	add := func(rel string, sev check.Severity, id, format string, args ...any) {
		out = append(out, check.Diagnostic{Path: rel, Line: 1, Column: 1, Severity: sev,
			Message: fmt.Sprintf(format, args...), Check: id})
	}
	if len(have) == 0 {
		add(".", check.Error, idEmpty, "the output folder is empty: nothing was built (a flag such as --renderToMemory keeps "+
			"the site in memory); publishing it would delete the site")
		return out
	}
	if !have["index.html"] {
		add("index.html", check.Error, idMissingHome, "the home page index.html is missing: the site would have no front page")
	}
	if !have["404.html"] {
		add("404.html", check.Error, idMissing404, "404.html is missing: readers would get the host's error page")
	}
	for _, h := range a.o.HostFiles {
		h = strings.TrimPrefix(h, "/")
		if !have[h] {
			add(h, check.Error, idHostFiles, "%s is missing: the site writes it for the web host, which without it would serve "+
				"pages without their security headers or redirects", h)
		}
	}
	for _, u := range a.o.Unpublished {
		p := strings.TrimPrefix(u.Path, "/")
		candidates := []string{p}
		if p == "" || strings.HasSuffix(p, "/") {
			candidates = []string{p + "index.html"}
		} else if path.Ext(p) == "" {
			candidates = append(candidates, p+"/index.html")
		}
		for _, c := range candidates {
			if !have[c] {
				continue
			}
			from := ""
			if u.Source != "" {
				from = " (from " + u.Source + ")"
			}
			add(c, check.Error, idUnpublished, "this page%s is %s, and must not be published: Hugo was to leave it out",
				from, cmp.Or(whyPhrase[u.Why], u.Why, "marked not to be published"))
		}
	}
	if prev.pages > 0 && (cur.pages*2 < prev.pages || cur.htmlBytes*2 < prev.htmlBytes) {
		sev, advice := check.Error, "if that is intended, run again with --force"
		if a.o.Force {
			sev, advice = check.Warning, "accepted with --force"
		}
		add(".", sev, idShrunk, "the new site has %d HTML pages (%s) where the published one has %d (%s): less than half; %s",
			cur.pages, byteSize(cur.htmlBytes), prev.pages, byteSize(prev.htmlBytes), advice)
	}
	return out
}

// whyPhrase says why a page is unpublished, in a sentence.
var whyPhrase = map[string]string{"draft": "a draft", "future": "dated in the future", "expired": "expired"}

func byteSize(n int64) string {
	switch {
	case n >= 1<<20:
		return fmt.Sprintf("%.1f MB", float64(n)/(1<<20))
	case n >= 1<<10:
		return fmt.Sprintf("%.1f KB", float64(n)/(1<<10))
	}
	return fmt.Sprintf("%d B", n)
}
