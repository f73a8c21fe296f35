// Package sitecopy copies the example site, or any folder, for tests and
// benchmarks that change or build a site without touching the repository.
package sitecopy

import (
	"errors"
	"io/fs"
	"os"
	"path/filepath"
)

// ExampleParts are the files and folders of the example site: its
// configuration, content, theme and data.
var ExampleParts = []string{"config.toml", "content", "layouts", "assets", "i18n", "archetypes", "data", "static"}

// Example copies the parts of the example site in repo that exist into dst.
func Example(repo, dst string) error {
	return Parts(repo, dst, ExampleParts...)
}

// Parts copies the named files or folders of src that exist into dst.
func Parts(src, dst string, names ...string) error {
	for _, name := range names {
		err := Tree(filepath.Join(src, name), filepath.Join(dst, name))
		if err != nil && !errors.Is(err, fs.ErrNotExist) {
			return err
		}
	}
	return nil
}

// Tree copies a file, or a folder and everything in it, to dst.
func Tree(src, dst string) error {
	return filepath.WalkDir(src, func(path string, d fs.DirEntry, err error) error {
		if err != nil {
			return err
		}
		rel, err := filepath.Rel(src, path)
		if err != nil {
			return err
		}
		target := filepath.Join(dst, rel)
		if d.IsDir() {
			return os.MkdirAll(target, 0o755)
		}
		b, err := os.ReadFile(path)
		if err != nil {
			return err
		}
		if err := os.MkdirAll(filepath.Dir(target), 0o755); err != nil {
			return err
		}
		return os.WriteFile(target, b, 0o644)
	})
}
