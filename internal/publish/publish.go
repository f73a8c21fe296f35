// Package publish replaces a built site only when the new build is complete,
// so that a failed build never leaves a half-written site behind.
//
// A build works in a fresh folder beside the site, .NAME.new-*, and swaps it
// in when done. It holds a lock, .NAME.lock beside the site, for all that
// time: a second build of the same site fails at once with ErrBusy, and a
// build that starts removes the .NAME.new-* folders that builds killed on
// the way (kill -9, a power cut) left behind, which no running build can
// own while the lock is held.
//
// When the site's folder is a symbolic link (public -> /srv/www/public, a web
// root), the link stays as it is: the build works beside the folder it
// points to and swaps that, so the link, and whatever serves the web root,
// see the new site.
package publish

import (
	"errors"
	"fmt"
	"io/fs"
	"os"
	"path/filepath"
	"strings"
)

// ErrBusy is returned when another build is publishing to the same folder.
var ErrBusy = errors.New("another build is publishing to this folder")

// Build runs build with a fresh, empty folder beside dest and, when build
// succeeds, puts that folder in the place of dest (of the folder dest links
// to, if dest is a symbolic link). If build fails, dest is left exactly as it
// was and the fresh folder is removed.
func Build(dest string, build func(dir string) error) (err error) {
	target, err := folder(filepath.Clean(dest))
	if err != nil {
		return err
	}
	parent, name := filepath.Dir(target), filepath.Base(target)
	if err := os.MkdirAll(parent, 0o755); err != nil {
		return err
	}
	unlock, err := lock(filepath.Join(parent, "."+name+".lock"))
	switch {
	case errors.Is(err, errors.ErrUnsupported):
		// No lock on this system, so no way to tell a killed build's
		// folder from a running one's: leftovers stay.
	case err != nil:
		return err
	default:
		defer unlock()
		if err := removeLeftovers(parent, name); err != nil {
			return err
		}
	}
	tmp, err := os.MkdirTemp(parent, "."+name+".new-")
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
	return replace(tmp, target)
}

// folder returns the folder that a build of dest replaces: dest itself, or
// the folder it leads to if it is a symbolic link.
func folder(dest string) (string, error) {
	fi, err := os.Lstat(dest)
	if errors.Is(err, fs.ErrNotExist) {
		return dest, nil
	}
	if err != nil {
		return "", err
	}
	target := dest
	if fi.Mode()&fs.ModeSymlink != 0 {
		if target, err = filepath.EvalSymlinks(dest); err != nil {
			return "", fmt.Errorf("%s is a symbolic link that leads nowhere: %w", dest, err)
		}
		if fi, err = os.Stat(target); err != nil {
			return "", err
		}
	}
	if !fi.IsDir() {
		return "", fmt.Errorf("%s exists and is not a folder", target)
	}
	return target, nil
}

// removeLeftovers removes the fresh folders, .NAME.new-*, that builds left
// in parent when they were killed; the caller holds the lock.
func removeLeftovers(parent, name string) error {
	entries, err := os.ReadDir(parent)
	if err != nil {
		return err
	}
	for _, e := range entries {
		if strings.HasPrefix(e.Name(), "."+name+".new-") {
			if err := os.RemoveAll(filepath.Join(parent, e.Name())); err != nil {
				return fmt.Errorf("removing what a killed build left: %w", err)
			}
		}
	}
	return nil
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
