package check

import (
	"errors"
	"fmt"
	"github.com/dispatch-news/dispatch/internal/fspath"
	"io"
	"os"
	"path/filepath"
	"strings"

	"github.com/dispatch-news/dispatch/internal/imagemeta"
	"github.com/dispatch-news/dispatch/internal/par"
)

type photoReport struct {
	files int
	diags []Diagnostic
}

// checkPhotos reports every image, video, sound or XMP sidecar under
// the site's content, assets and static folders that carries GPS coordinates, a place name, a person's name,
// a camera serial number or free text, or that cannot be read. Files are
// told by their content, whatever their names: each file but the content
// pages is sniffed. With Options.Paths, only files under those paths, or beside a
// selected file, are checked.
func checkPhotos(r *rules, files []source, selected func(string) bool) (photoReport, error) {
	dirs := r.site.ImageDirs
	bundles := map[string]bool{}
	seen := map[string]bool{} // the content pages are read as pages, not sniffed
	for _, f := range files {
		seen[f.abs] = true
		if selected(f.abs) {
			bundles[filepath.Dir(f.abs)] = true
		}
	}
	var candidates []string
	for _, d := range dirs {
		err := walkFiles(fspath.Abs(r.root, d), func(string) bool { return true }, func(path string) {
			if !seen[path] && (selected(path) || bundles[filepath.Dir(path)]) {
				seen[path] = true
				candidates = append(candidates, path)
			}
		})
		if err != nil {
			return photoReport{}, err
		}
	}
	diags := make([][]Diagnostic, len(candidates))
	media := make([]bool, len(candidates))
	par.ForEach(len(candidates), func(i int) { diags[i], media[i] = r.cache.checkPhoto(r, candidates[i]) })
	var rep photoReport
	for i, d := range diags {
		if media[i] {
			rep.files++
		}
		rep.diags = append(rep.diags, d...)
	}
	return rep, nil
}

// metadataWindow is how much of a file is read first: metadata blocks
// come before the image data, and are rarely larger. The readers need the
// whole of what they read, so a larger file is read again in full.
const metadataWindow = 1 << 20

// checkPhoto checks one file if it is media, by content or by name, and
// says whether it was.
func checkPhoto(r *rules, path string) ([]Diagnostic, bool) {
	rel := fspath.Rel(r.root, path)
	fail := func(id, format string, args ...any) []Diagnostic {
		// A photo has no lines: its findings are at 1:1, so that every
		// diagnostic has the same path:line:col form for editors and tools.
		return []Diagnostic{{Path: rel, Line: 1, Column: 1, Severity: Error, Message: fmt.Sprintf(format, args...), Check: id}}
	}
	data, err := readHead(path, imagemeta.SniffLen, metadataWindow)
	if err != nil {
		return fail("file.read", "cannot read the file: %v", fspath.Unwrap(err)), true
	}
	format, media := imagemeta.Sniff(data)
	if media == "" && !imagemeta.IsMediaName(path) {
		return nil, false
	}
	noun := map[imagemeta.Media]string{imagemeta.Image: "photo", imagemeta.Video: "video", imagemeta.Audio: "audio file", imagemeta.Metadata: "XMP sidecar"}[media]
	if noun == "" {
		noun = "photo"
	}
	found, err := imagemeta.Scan(data)
	if err != nil && !errors.Is(err, imagemeta.ErrUnknownFormat) && len(data) == metadataWindow {
		if data, err = os.ReadFile(path); err == nil {
			found, err = imagemeta.Scan(data)
		}
	}
	if err != nil {
		return fail("photo.read", "cannot read the %s: %v", noun, fspath.Unwrap(err)), true
	}
	if len(found) == 0 {
		return nil, true
	}
	var parts []string
	for _, k := range imagemeta.Kinds() {
		var fs []string
		for _, f := range found {
			if f.Kind == k {
				fs = append(fs, f.Block+" "+f.Field)
			}
		}
		if fs != nil {
			parts = append(parts, fmt.Sprintf("%s (%s)", k, strings.Join(fs, ", ")))
		}
	}
	fix := "run dispatch scrub " + filepath.ToSlash(rel)
	if !imagemeta.CanScrub(format) {
		fix = imagemeta.Advice(format)
	}
	return fail("photo.metadata", "the %s carries %s, which can identify where it was taken or who took it: %s",
		noun, strings.Join(parts, ", "), fix), true
}

// FindPhotos returns path if it is a file, or the media files under it if
// it is a folder: those whose content is an image, a video, a sound or an
// XMP sidecar, or whose name says so, as the photo checks find them.
func FindPhotos(path string) ([]string, error) {
	fi, err := os.Stat(path)
	if err != nil {
		return nil, err
	}
	if !fi.IsDir() {
		return []string{path}, nil
	}
	var photos []string
	err = walkFiles(path, func(string) bool { return true }, func(p string) {
		// A file that cannot be read is kept, for scrub to report.
		head, err := readHead(p, imagemeta.SniffLen, imagemeta.SniffLen)
		if _, media := imagemeta.Sniff(head); err != nil || media != "" || imagemeta.IsMediaName(p) {
			photos = append(photos, p)
		}
	})
	return photos, err
}

// readHead reads the first n bytes of a file, or, when they are media or
// named as such, up to max.
func readHead(path string, n, max int) ([]byte, error) {
	f, err := os.Open(path)
	if err != nil {
		return nil, err
	}
	defer f.Close()
	b := make([]byte, n, max)
	m, err := io.ReadFull(f, b)
	b = b[:m]
	if err == io.ErrUnexpectedEOF || err == io.EOF {
		return b, nil
	}
	if err != nil || max == n {
		return b, err
	}
	if _, media := imagemeta.Sniff(b); media == "" && !imagemeta.IsMediaName(path) {
		return b, nil
	}
	m, err = io.ReadFull(f, b[n:max])
	b = b[:n+m]
	if err == io.ErrUnexpectedEOF || err == io.EOF {
		err = nil
	}
	return b, err
}
