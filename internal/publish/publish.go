// Package publish replaces a built site only when the new build is complete,
// so that a failed build never leaves a half-written site behind.
package publish

import (
	"errors"
	"fmt"
	"io/fs"
	"os"
	"path/filepath"
)

// Build runs build with a fresh, empty folder beside dest and, when build
// succeeds, puts that folder in the place of dest. If build fails, dest is
// left exactly as it was and the fresh folder is removed.
func Build(dest string, build func(dir string) error) (err error) {
	dest = filepath.Clean(dest)
	if fi, err := os.Stat(dest); err == nil && !fi.IsDir() {
		return fmt.Errorf("%s exists and is not a folder", dest)
	}
	parent := filepath.Dir(dest)
	if err := os.MkdirAll(parent, 0o755); err != nil {
		return err
	}
	tmp, err := os.MkdirTemp(parent, "."+filepath.Base(dest)+".new-")
	if err != nil {
		return err
	}
	defer func() {
		if err != nil {
			os.RemoveAll(tmp)
		}
	}()
	// MkdirTemp makes the folder private; a published site is not.
	if err := os.Chmod(tmp, 0o755); err != nil {
		return err
	}
	if err := build(tmp); err != nil {
		return err
	}
	return replace(tmp, dest)
}

// exchange swaps two paths in one step, where the system can.
var exchange = exchangeFiles

// replace puts the folder src in the place of dest and removes what was there.
func replace(src, dest string) error {
	if _, err := os.Lstat(dest); errors.Is(err, fs.ErrNotExist) {
		return os.Rename(src, dest)
	}
	// One atomic step where the system can: src and dest trade places.
	if err := exchange(src, dest); err == nil {
		return os.RemoveAll(src)
	}
	// Otherwise two renames, with dest missing for a moment between them.
	old := src + ".old"
	if err := os.Rename(dest, old); err != nil {
		return err
	}
	if err := os.Rename(src, dest); err != nil {
		// Put the previous site back.
		if rerr := os.Rename(old, dest); rerr != nil {
			return fmt.Errorf("%w (and restoring %s failed: %v; it is in %s)", err, dest, rerr, old)
		}
		return err
	}
	return os.RemoveAll(old)
}
