package cli

import "path/filepath"

// absJoin makes p absolute, relative to dir.
func absJoin(dir, p string) string {
	if filepath.IsAbs(p) {
		return filepath.Clean(p)
	}
	return filepath.Join(dir, p)
}
