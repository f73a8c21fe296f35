// Package site reads a Hugo project's configuration the way Hugo does, for
// the parts dispatch needs: where content lives and where the site is built.
package site

import (
	"fmt"
	"path/filepath"
	"sort"

	"github.com/gohugoio/hugo/config"
	"github.com/gohugoio/hugo/config/allconfig"
	"github.com/gohugoio/hugo/hugofs"
)

// Options selects a configuration like Hugo's command-line flags do.
type Options struct {
	Dir         string // the project root (Hugo's --source); required
	ConfigFile  string // --config
	Environment string // --environment
	ContentDir  string // --contentDir
}

// Site is what dispatch knows of a project's configuration.
type Site struct {
	Dir         string   // the project root
	PublishDir  string   // absolute
	ContentDirs []string // absolute, the project's own content mounts
	Languages   []string // language codes, the default first
	// DefaultLanguage is the language of files without a language suffix.
	DefaultLanguage string
	Taxonomies      map[string]string // singular -> plural
	MainSections    []string
	Params          map[string]any
	// LayoutDirs are the layouts folders of the project and its themes, the
	// project's first.
	LayoutDirs []string
	// ImageDirs are the project's folders that may hold published photos:
	// its content, assets and static mounts.
	ImageDirs []string
	// TimeZone is the configuration's timeZone (an IANA name such as
	// Asia/Seoul), or "" when it sets none.
	TimeZone string
}

// Load reads the configuration of the project in o.Dir.
func Load(o Options) (*Site, error) {
	flags := config.New()
	flags.Set("workingDir", o.Dir)
	if o.ContentDir != "" {
		flags.Set("contentDir", o.ContentDir)
	}
	configs, err := allconfig.LoadConfig(allconfig.ConfigSourceDescriptor{
		Flags:       flags,
		Fs:          hugofs.Os,
		Filename:    o.ConfigFile,
		Environment: o.Environment,
	})
	if err != nil {
		return nil, fmt.Errorf("loading the configuration of %s: %w", o.Dir, err)
	}
	base := configs.Base
	s := &Site{
		Dir:             o.Dir,
		PublishDir:      abs(o.Dir, base.PublishDir),
		DefaultLanguage: base.DefaultContentLanguage,
		Taxonomies:      base.Taxonomies,
		MainSections:    base.MainSections,
		Params:          base.Params,
		TimeZone:        base.TimeZone,
	}
	if len(s.MainSections) == 0 {
		if ms, ok := base.Params["mainsections"].([]any); ok {
			for _, v := range ms {
				s.MainSections = append(s.MainSections, fmt.Sprint(v))
			}
		}
	}
	for lang := range configs.LanguageConfigMap {
		if lang != s.DefaultLanguage {
			s.Languages = append(s.Languages, lang)
		}
	}
	sort.Strings(s.Languages)
	s.Languages = append([]string{s.DefaultLanguage}, s.Languages...)
	for i, mod := range configs.Modules {
		for _, m := range mod.Mounts() {
			dir := abs(mod.Dir(), m.Source)
			switch c := m.Component(); {
			case c == "layouts":
				s.LayoutDirs = append(s.LayoutDirs, dir)
			case i > 0:
			case c == "content":
				s.ContentDirs = append(s.ContentDirs, dir)
				s.ImageDirs = append(s.ImageDirs, dir)
			case c == "assets" || c == "static":
				s.ImageDirs = append(s.ImageDirs, dir)
			}
		}
	}
	if len(s.ContentDirs) == 0 {
		s.ContentDirs = []string{abs(o.Dir, base.ContentDir)}
	}
	return s, nil
}

func abs(dir, p string) string {
	if filepath.IsAbs(p) {
		return filepath.Clean(p)
	}
	return filepath.Join(dir, p)
}
