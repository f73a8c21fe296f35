package check

import (
	"fmt"
	"io"
	"os"
	"path/filepath"
	"strings"

	"github.com/dispatch-news/dispatch/internal/imagemeta"
)

type photoReport struct {
	files int
	diags []Diagnostic
}

// checkPhotos reports every photo under o.ImageDirs that carries GPS
// coordinates, a place name, a camera serial number or a person's name.
// With o.Paths, only photos under those paths, or beside a selected file,
// are checked.
func checkPhotos(r *rules, files []source, selected func(string) bool) (photoReport, error) {
	dirs := r.site.ImageDirs
	bundles := map[string]bool{}
	for _, f := range files {
		if selected(f.abs) {
			bundles[filepath.Dir(f.abs)] = true
		}
	}
	var photos []string
	seen := map[string]bool{}
	for _, d := range dirs {
		err := walkFiles(absIn(r.root, d), imagemeta.IsImageName, func(path string) {
			if !seen[path] && (selected(path) || bundles[filepath.Dir(path)]) {
				seen[path] = true
				photos = append(photos, path)
			}
		})
		if err != nil {
			return photoReport{}, err
		}
	}
	diags := make([][]Diagnostic, len(photos))
	forEach(len(photos), func(i int) { diags[i] = checkPhoto(r, photos[i]) })
	rep := photoReport{files: len(photos)}
	for _, d := range diags {
		rep.diags = append(rep.diags, d...)
	}
	return rep, nil
}

// metadataWindow is how much of a photo is read first: its metadata blocks
// come before the image data, and are rarely larger.
const metadataWindow = 1 << 20

func checkPhoto(r *rules, path string) []Diagnostic {
	rel := relIn(r.root, path)
	fail := func(id, format string, args ...any) []Diagnostic {
		// A photo has no lines: its findings are at 1:1, so that every
		// diagnostic has the same path:line:col form for editors and tools.
		return []Diagnostic{{Path: rel, Line: 1, Column: 1, Severity: Error, Message: fmt.Sprintf(format, args...), Check: id}}
	}
	data, err := readHead(path, metadataWindow)
	if err != nil {
		return fail("file.read", "cannot read the file: %v", unwrapPath(err))
	}
	found, err := imagemeta.Scan(data)
	if err != nil && len(data) == metadataWindow {
		if data, err = os.ReadFile(path); err == nil {
			found, err = imagemeta.Scan(data)
		}
	}
	if err != nil {
		return fail("photo.read", "cannot read the photo: %v", err)
	}
	if len(found) == 0 {
		return nil
	}
	kinds := map[imagemeta.Kind][]string{}
	for _, f := range found {
		kinds[f.Kind] = append(kinds[f.Kind], f.Block+" "+f.Field)
	}
	var parts []string
	for _, k := range []imagemeta.Kind{imagemeta.GPS, imagemeta.Location, imagemeta.Serial, imagemeta.Owner} {
		if fs := kinds[k]; fs != nil {
			parts = append(parts, fmt.Sprintf("%s (%s)", k, strings.Join(fs, ", ")))
		}
	}
	return fail("photo.metadata", "the photo carries %s, which can identify where it was taken or who took it: run dispatch scrub %s",
		strings.Join(parts, ", "), filepath.ToSlash(rel))
}

// FindPhotos returns path if it is a file, or the JPEG, PNG and WebP files
// under it if it is a folder, as the photo checks find them.
func FindPhotos(path string) ([]string, error) {
	fi, err := os.Stat(path)
	if err != nil {
		return nil, err
	}
	if !fi.IsDir() {
		return []string{path}, nil
	}
	var photos []string
	err = walkFiles(path, imagemeta.IsImageName, func(p string) { photos = append(photos, p) })
	return photos, err
}

func readHead(path string, n int) ([]byte, error) {
	f, err := os.Open(path)
	if err != nil {
		return nil, err
	}
	defer f.Close()
	b := make([]byte, n)
	m, err := io.ReadFull(f, b)
	if err == io.ErrUnexpectedEOF || err == io.EOF {
		err = nil
	}
	return b[:m], err
}
