package cli

import (
	"errors"
	"io/fs"
	"os"
	"path/filepath"

	"github.com/dispatch-news/dispatch/internal/fspath"
)

// createFile writes data as a new file, atomically: the whole file or
// nothing, and never over a file that exists. It creates the folders it
// needs, and removes them again if it fails.
func createFile(target string, data []byte) (err error) {
	dir := filepath.Dir(target)
	var made []string
	for d := dir; ; d = filepath.Dir(d) {
		if _, err := os.Lstat(d); err == nil || filepath.Dir(d) == d {
			break
		}
		made = append(made, d)
	}
	defer func() {
		if err != nil {
			for _, d := range made { // the deepest first
				_ = os.Remove(d)
			}
		}
	}()
	if err := os.MkdirAll(dir, 0o755); err != nil {
		return err
	}
	tmp, err := fspath.Temp(target, data, 0o644, true)
	if err != nil {
		return err
	}
	defer os.Remove(tmp)
	// A hard link names the complete file and fails if the name is taken.
	if err := os.Link(tmp, target); err != nil {
		if errors.Is(err, fs.ErrExist) {
			return &fs.PathError{Op: "create", Path: target, Err: fs.ErrExist}
		}
		// A file system without hard links: create, exclusively.
		f, cerr := os.OpenFile(target, os.O_WRONLY|os.O_CREATE|os.O_EXCL, 0o644)
		if cerr != nil {
			return cerr
		}
		if _, werr := f.Write(data); werr != nil {
			f.Close()
			os.Remove(target)
			return werr
		}
		if cerr := f.Close(); cerr != nil {
			os.Remove(target)
			return cerr
		}
	}
	return nil
}

// replaceFile replaces the file at target with data, atomically, keeping
// its permissions.
func replaceFile(target string, data []byte) error {
	fi, err := os.Stat(target)
	if err != nil {
		return err
	}
	return fspath.Replace(target, data, fi.Mode().Perm(), true)
}
