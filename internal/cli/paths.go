package cli

import (
	"path/filepath"
	"strings"
)

// absJoin makes p absolute, relative to dir.
func absJoin(dir, p string) string {
	if filepath.IsAbs(p) {
		return filepath.Clean(p)
	}
	return filepath.Join(dir, p)
}

// relTo returns path relative to dir when it is inside it, slash-separated.
func relTo(dir, path string) string {
	if r, err := filepath.Rel(dir, path); err == nil && !strings.HasPrefix(r, "..") {
		return filepath.ToSlash(r)
	}
	return path
}
