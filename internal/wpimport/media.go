package wpimport

import (
	"crypto/sha256"
	"encoding/hex"
	"errors"
	"fmt"
	"io/fs"
	"os"
	"path"
	"path/filepath"
	"regexp"
	"slices"
	"strconv"
	"strings"
	"unicode"

	"github.com/dispatch-news/dispatch/internal/imagemeta"
)

// bundleFiles are the media files of one bundle: found in the uploads
// folder, scrubbed when they are photos, and staged beside its Markdown.
type bundleFiles struct {
	imp      *importer
	b        *bundle
	bySource map[string]string    // uploads path -> name in the bundle
	files    map[string]*mediaOut // name in the bundle -> file
}

type mediaOut struct {
	hash   string
	staged string // path of the staged copy; "" in a dry run
	source string // path under uploads
}

func newBundleFiles(imp *importer, b *bundle) *bundleFiles {
	return &bundleFiles{imp: imp, b: b, bySource: map[string]string{}, files: map[string]*mediaOut{}}
}

// sizeRe matches the size WordPress adds to the names of resized copies.
var sizeRe = regexp.MustCompile(`-\d+x\d+(\.[A-Za-z0-9]+)$`)

// unscrubbable are image formats the scrubber does not read: they could
// carry a name or a place, so they are not copied.
var unscrubbable = map[string]bool{
	".gif": true, ".tif": true, ".tiff": true, ".heic": true, ".heif": true, ".bmp": true,
	".svg": true, ".avif": true, ".jxl": true, ".psd": true, ".raw": true, ".dng": true,
}

// add copies the uploaded file rel into the bundle, once, and returns its
// name there; ok is false when the file is missing or cannot be made safe,
// which the report says.
func (f *bundleFiles) add(rel string, p *post) (name string, ok bool) {
	if name, ok := f.bySource[rel]; ok {
		return name, name != ""
	}
	f.bySource[rel] = ""
	src, found := f.imp.findUpload(rel)
	if !found {
		why := "not in the uploads folder"
		if f.imp.o.Uploads == "" {
			why = "no uploads folder given (--uploads)"
		}
		f.imp.report.missing(p, uploadsMarker+rel, why)
		f.imp.stat(func(s *Summary) { s.Missing++ })
		return "", false
	}
	if name, ok := f.bySource[src]; ok && name != "" {
		// Another size of a file the bundle has already.
		f.bySource[rel] = name
		return name, true
	}
	ext := strings.ToLower(path.Ext(src))
	if unscrubbable[ext] {
		f.imp.report.missing(p, uploadsMarker+rel, "a "+strings.TrimPrefix(ext, ".")+" file, which the scrubber cannot read: not copied, as it could carry a name or a place")
		f.imp.stat(func(s *Summary) { s.Missing++ })
		return "", false
	}
	data, err := os.ReadFile(filepath.Join(f.imp.o.Uploads, filepath.FromSlash(src)))
	if err != nil {
		f.imp.report.missing(p, uploadsMarker+rel, err.Error())
		f.imp.stat(func(s *Summary) { s.Missing++ })
		return "", false
	}
	isPhoto := imagemeta.IsImageName(src)
	var removed []imagemeta.Finding
	if isPhoto {
		data, removed, err = f.imp.scrub(data)
		if err != nil {
			f.imp.report.missing(p, uploadsMarker+rel, "could not be scrubbed ("+err.Error()+"): not copied")
			f.imp.stat(func(s *Summary) { s.Missing++ })
			return "", false
		}
	}
	name = f.uniqueName(path.Base(src))
	sum := sha256.Sum256(data)
	m := &mediaOut{hash: hex.EncodeToString(sum[:]), source: src}
	if !f.imp.o.DryRun {
		if err := f.b.ensureStage(f.imp); err != nil {
			f.imp.fail(err)
			return "", false
		}
		m.staged = filepath.Join(f.b.stage, name)
		if err := os.WriteFile(m.staged, data, 0o644); err != nil {
			f.imp.fail(err)
			return "", false
		}
	}
	f.files[name] = m
	f.bySource[rel] = name
	f.bySource[src] = name
	f.imp.stat(func(s *Summary) {
		if !isPhoto {
			s.Documents++
			return
		}
		s.Photos++
		if len(removed) > 0 {
			s.Scrubbed++
		}
		for _, r := range removed {
			s.Removed[string(r.Kind)]++
		}
	})
	if isPhoto {
		if len(removed) > 0 {
			var what []string
			for _, r := range removed {
				what = append(what, r.String())
			}
			f.imp.report.scrubbed(f.b.dir+"/"+name, strings.Join(what, ", "))
		}
	} else {
		f.imp.report.note(p, "not scrubbed", name+" is not a photo: copied as it is; check it for names before publishing")
	}
	return name, true
}

// uniqueName makes a safe file name, unique in the bundle.
func (f *bundleFiles) uniqueName(base string) string {
	ext := path.Ext(base)
	stem := strings.TrimSuffix(base, ext)
	var b strings.Builder
	for _, r := range stem {
		if unicode.IsLetter(r) || unicode.IsDigit(r) || r == '-' || r == '_' || r == '.' {
			b.WriteRune(r)
		} else {
			b.WriteByte('-')
		}
	}
	stem = strings.Trim(b.String(), "-.")
	if stem == "" || stem == "index" || strings.HasPrefix(stem, "_index") {
		stem = "file-" + stem
	}
	ext = strings.ToLower(ext)
	name := stem + ext
	for i := 2; f.files[name] != nil || f.b.docNames[name]; i++ {
		name = stem + "-" + strconv.Itoa(i) + ext
	}
	return name
}

// findUpload finds the file for an uploads path: the original rather than
// a resized copy (the theme makes its own sizes), WordPress's "-scaled"
// copy before a huge original.
func (imp *importer) findUpload(rel string) (string, bool) {
	if imp.o.Uploads == "" {
		return "", false
	}
	imp.mu.Lock()
	v, ok := imp.uploadCache[rel]
	imp.mu.Unlock()
	if ok {
		return v, v != ""
	}
	var cands []string
	if m := sizeRe.FindStringSubmatchIndex(rel); m != nil {
		orig := rel[:m[0]] + rel[m[2]:m[3]]
		ext := path.Ext(orig)
		cands = append(cands, strings.TrimSuffix(orig, ext)+"-scaled"+ext, orig)
	}
	cands = append(cands, rel)
	found := ""
	for _, c := range cands {
		fi, err := os.Stat(filepath.Join(imp.o.Uploads, filepath.FromSlash(c)))
		if err == nil && fi.Mode().IsRegular() {
			found = c
			break
		}
		if err != nil && !errors.Is(err, fs.ErrNotExist) {
			break
		}
	}
	imp.mu.Lock()
	imp.uploadCache[rel] = found
	imp.mu.Unlock()
	return found, found != ""
}

// scrub is the one place where the import removes identifying metadata.
func (imp *importer) scrub(data []byte) ([]byte, []imagemeta.Finding, error) {
	out, removed, err := imagemeta.Scrub(data)
	if err != nil {
		return nil, nil, fmt.Errorf("%w", err)
	}
	return out, removed, nil
}

// attachmentFor finds the attachment of an image: by the id its block or
// [caption] gives, by its wp-image-N class, or by its file.
func (x *index) attachmentFor(rel string, ids ...string) *attachment {
	for _, s := range ids {
		if id, err := strconv.ParseInt(strings.TrimSpace(s), 10, 64); err == nil {
			if a := x.attachments[id]; a != nil {
				return a
			}
		}
	}
	if a := x.attByFile[rel]; a != nil {
		return a
	}
	if m := sizeRe.FindStringSubmatchIndex(rel); m != nil {
		if a := x.attByFile[rel[:m[0]]+rel[m[2]:m[3]]]; a != nil {
			return a
		}
	}
	return nil
}

// galleryOf returns the attachments of a post, as [gallery] without ids
// shows them: by menu order, then id.
func (x *index) galleryOf(postID int64) []int64 {
	type att struct {
		id    int64
		order int
	}
	var list []att
	for id, a := range x.attachments {
		if a.parent == postID && imagemeta.IsImageName(a.file) {
			list = append(list, att{id, a.menuOrder})
		}
	}
	slices.SortFunc(list, func(a, b att) int {
		if a.order != b.order {
			return a.order - b.order
		}
		return int(a.id - b.id)
	})
	ids := make([]int64, len(list))
	for i, a := range list {
		ids[i] = a.id
	}
	return ids
}
