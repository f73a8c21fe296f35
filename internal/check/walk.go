package check

import (
	"errors"
	"fmt"
	"github.com/dispatch-news/dispatch/internal/fspath"
	"io"
	"io/fs"
	"os"
	"path/filepath"
	"strings"
	"syscall"
	"time"
)

// MaxContentFile is the largest content file the checks read: a long
// article is a few tens of kilobytes.
const MaxContentFile = 2 << 20

// source is a content file to check.
type source struct {
	abs, rel   string // rel is the path as reported
	contentDir string // the content folder it is in, absolute; "" if none
	contentRel string // the path inside its content folder, slash-separated
	modTime    time.Time
	// problem is set when the file must not be read: not a regular file,
	// not Markdown, too large.
	problem *Diagnostic
}

// HugoIgnores says whether Hugo leaves a file or folder name out of the
// site: names that start with . or # and end with ~ (editors' backups).
func HugoIgnores(name string) bool {
	return name != "" && (name[0] == '.' || name[0] == '#' || name[len(name)-1] == '~')
}

// collect lists the content files of the site as Hugo finds them, in a
// stable order. A file Hugo would read but the checks will not (another
// content format, a device, a symbolic link, a huge file) is listed with
// its problem.
func collect(r *rules) ([]source, error) {
	var files []source
	types := r.site.Configs.Base.ContentTypes.Config
	ignore := r.site.Configs.Base.C.IgnoreFile
	for _, dir := range r.contentDirs {
		err := filepath.WalkDir(dir, func(path string, d fs.DirEntry, err error) error {
			if err != nil {
				if path == dir && errors.Is(err, fs.ErrNotExist) {
					return nil
				}
				if d != nil && d.IsDir() && path != dir {
					files = append(files, r.problemFile(dir, path, "file.read", "cannot read the folder: %v", fspath.Unwrap(err)))
					return fs.SkipDir
				}
				return err
			}
			if path != dir && (HugoIgnores(d.Name()) || ignore(path)) {
				if d.IsDir() {
					return fs.SkipDir
				}
				return nil
			}
			rel, _ := filepath.Rel(dir, path)
			rel = filepath.ToSlash(rel)
			switch t := d.Type(); {
			case t&fs.ModeSymlink != 0:
				files = append(files, r.problemFile(dir, path, "file.type",
					"a symbolic link: content must be the file itself, so that what is checked is what Hugo publishes"))
				return nil
			case d.IsDir():
				return nil
			case !t.IsRegular():
				files = append(files, r.problemFile(dir, path, "file.type", "not a regular file (%v): remove it from the content folder", t))
				return nil
			}
			ext := strings.TrimPrefix(filepath.Ext(path), ".")
			switch {
			case isMarkdownExt(r, ext):
			case types.IsContentSuffix(ext):
				files = append(files, r.problemFile(dir, path, "file.format",
					"Hugo publishes .%s files as pages, with what they hold (raw HTML and scripts too); write articles in Markdown (.md)", ext))
				return nil
			case types.IsContentSuffix(strings.ToLower(ext)):
				files = append(files, r.problemFile(dir, path, "file.format",
					"the extension .%s is not read as content by Hugo; name the file %s", ext,
					strings.TrimSuffix(filepath.Base(path), ext)+strings.ToLower(ext)))
				return nil
			default:
				return nil // a page resource, such as a photo
			}
			f := source{abs: path, rel: fspath.Rel(r.root, path), contentDir: dir, contentRel: rel}
			if fi, err := d.Info(); err == nil {
				f.modTime = fi.ModTime()
				if fi.Size() > MaxContentFile {
					files = append(files, r.problemFile(dir, path, "file.size",
						"the file is %d MB; the checks read content files up to %d MB: split it, or move what is not text out of it",
						fi.Size()>>20, MaxContentFile>>20))
					return nil
				}
			}
			files = append(files, f)
			return nil
		})
		if err != nil {
			return nil, err
		}
	}
	return files, nil
}

func (r *rules) problemFile(dir, path, id, format string, args ...any) source {
	rel, _ := filepath.Rel(dir, path)
	d := Diagnostic{Path: fspath.Rel(r.root, path), Line: 1, Column: 1, Severity: Error, Check: id,
		Message: fmt.Sprintf(format, args...), hugo: true}
	return source{abs: path, rel: d.Path, contentDir: dir, contentRel: filepath.ToSlash(rel), problem: &d}
}

// isMarkdownExt says whether Hugo reads files with this extension as
// Markdown (md, markdown, mdown ... as the site's content types say).
func isMarkdownExt(r *rules, ext string) bool {
	for _, s := range r.site.Configs.Base.ContentTypes.Config.Markdown.Suffixes() {
		if s == ext {
			return true
		}
	}
	return false
}

// readSource reads a content file, refusing anything but a regular file
// and anything larger than MaxContentFile, even if the file changed since
// it was listed.
func readSource(path string) ([]byte, error) {
	f, err := os.OpenFile(path, os.O_RDONLY|syscall.O_NONBLOCK|syscall.O_NOFOLLOW, 0)
	if err != nil {
		return nil, err
	}
	defer f.Close()
	fi, err := f.Stat()
	if err != nil {
		return nil, err
	}
	if !fi.Mode().IsRegular() {
		return nil, fmt.Errorf("not a regular file")
	}
	b, err := io.ReadAll(io.LimitReader(f, MaxContentFile+1))
	if err != nil {
		return nil, err
	}
	if len(b) > MaxContentFile {
		return nil, fmt.Errorf("larger than %d MB", MaxContentFile>>20)
	}
	return b, nil
}

// selector returns a function that says whether a file was selected by
// paths (all files when there are none).
func selector(root string, paths []string) (func(abs string) bool, error) {
	var roots []string
	for _, p := range paths {
		abs := fspath.Abs(root, p)
		if _, err := os.Stat(abs); err != nil {
			return nil, fmt.Errorf("check: %s: %v", p, fspath.Unwrap(err))
		}
		roots = append(roots, abs)
	}
	return func(abs string) bool {
		if len(roots) == 0 {
			return true
		}
		for _, r := range roots {
			if _, ok := fspath.Within(r, abs); ok {
				return true
			}
		}
		return false
	}, nil
}

// walkFiles calls add for each file under root whose name keep accepts, in
// lexical order, skipping the folders Hugo skips and node_modules. A
// missing root is no file; an unreadable entry is added, and reports that
// it cannot be read when it is.
func walkFiles(root string, keep func(name string) bool, add func(string)) error {
	return filepath.WalkDir(root, func(path string, d fs.DirEntry, err error) error {
		if err != nil {
			if path == root && errors.Is(err, fs.ErrNotExist) {
				return nil
			}
			add(path)
			if d != nil && d.IsDir() {
				return fs.SkipDir
			}
			return nil
		}
		name := d.Name()
		if d.IsDir() {
			if path != root && (HugoIgnores(name) || name == "node_modules") {
				return fs.SkipDir
			}
			return nil
		}
		if keep(name) {
			add(path)
		}
		return nil
	})
}
