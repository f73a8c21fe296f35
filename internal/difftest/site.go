package difftest

import (
	"os"
	"path/filepath"

	"github.com/dispatch-news/dispatch/internal/sitecopy"
)

// ThemeParts are the parts of the repository that every case's site has:
// the configuration and the whole theme, without the example content.
var ThemeParts = []string{"config.toml", "layouts", "assets", "i18n", "archetypes", "data", "static"}

// newSiteDir copies the theme of the repository at repo into a fresh folder
// under parent, which cases then reuse: only content/ changes between them.
func newSiteDir(repo, parent string) (string, error) {
	dir, err := os.MkdirTemp(parent, "site-")
	if err != nil {
		return "", err
	}
	if err := sitecopy.Parts(repo, dir, ThemeParts...); err != nil {
		return "", err
	}
	return dir, nil
}

// writeContent replaces the content folder of dir with the files of c.
func writeContent(dir string, files []File) error {
	content := filepath.Join(dir, "content")
	if err := os.RemoveAll(content); err != nil {
		return err
	}
	if err := os.MkdirAll(content, 0o755); err != nil {
		return err
	}
	for _, f := range files {
		p := filepath.Join(content, filepath.FromSlash(f.Name))
		if err := os.MkdirAll(filepath.Dir(p), 0o755); err != nil {
			return err
		}
		if err := os.WriteFile(p, f.Data, 0o644); err != nil {
			return err
		}
	}
	return nil
}
