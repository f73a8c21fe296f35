// Package fspath holds the few path helpers the commands and the checks
// share: making a path absolute, naming one relative to a folder, and an
// error without the path the message already names.
package fspath

import (
	"errors"
	"io/fs"
	"path/filepath"
	"strings"
)

// Abs makes p absolute, relative to dir, and clean.
func Abs(dir, p string) string {
	if filepath.IsAbs(p) {
		return filepath.Clean(p)
	}
	return filepath.Join(dir, p)
}

// Within returns the path of p inside dir, if it is there (or is dir).
func Within(dir, p string) (string, bool) {
	r, err := filepath.Rel(dir, p)
	if err != nil || r == ".." || strings.HasPrefix(r, ".."+string(filepath.Separator)) {
		return "", false
	}
	return r, true
}

// Rel returns p relative to dir, slash-separated, when it is inside it;
// p itself otherwise.
func Rel(dir, p string) string {
	if r, ok := Within(dir, p); ok {
		return filepath.ToSlash(r)
	}
	return p
}

// Unwrap drops the path and the operation from a *fs.PathError, for a
// message that names the file already.
func Unwrap(err error) error {
	var pe *fs.PathError
	if errors.As(err, &pe) {
		return pe.Err
	}
	return err
}
