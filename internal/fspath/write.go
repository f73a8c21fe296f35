package fspath

import (
	"io/fs"
	"os"
	"path/filepath"
)

// Temp writes data to a new hidden file beside path (in its folder, so
// that a rename or a link to path stays on one file system), with perm,
// flushed to the disk first when sync is set, and closed. The caller moves
// it into place and removes the name if anything fails; Temp leaves
// nothing behind when it fails itself.
func Temp(path string, data []byte, perm fs.FileMode, sync bool) (name string, err error) {
	f, err := os.CreateTemp(filepath.Dir(path), "."+filepath.Base(path)+".tmp-*")
	if err != nil {
		return "", err
	}
	defer func() {
		if err != nil {
			f.Close()
			os.Remove(f.Name())
		}
	}()
	if _, err = f.Write(data); err != nil {
		return "", err
	}
	if err = f.Chmod(perm); err != nil {
		return "", err
	}
	if sync {
		if err = f.Sync(); err != nil {
			return "", err
		}
	}
	if err = f.Close(); err != nil {
		return "", err
	}
	return f.Name(), nil
}

// Replace writes data to path through Temp and a rename: a reader sees
// the file as it was or the whole new one, never a part.
func Replace(path string, data []byte, perm fs.FileMode, sync bool) error {
	tmp, err := Temp(path, data, perm, sync)
	if err != nil {
		return err
	}
	if err := os.Rename(tmp, path); err != nil {
		os.Remove(tmp)
		return err
	}
	return nil
}
