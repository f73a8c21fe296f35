// Package site reads a Hugo project's configuration the way Hugo does, with
// Hugo's own loader and the same command-line flags, for the parts dispatch
// needs: where content lives, which languages there are, what a build
// publishes, and where it goes.
package site

import (
	"errors"
	"fmt"
	"os"
	"path/filepath"
	"sort"
	"strings"
	"time"

	"github.com/gohugoio/hugo/common/hmaps"
	"github.com/gohugoio/hugo/common/hugo"
	"github.com/gohugoio/hugo/config"
	"github.com/gohugoio/hugo/config/allconfig"
	"github.com/gohugoio/hugo/hugofs"
)

// Options selects a configuration as Hugo's command line does.
type Options struct {
	Dir string // the project root (Hugo's --source); required
	// Flags are Hugo's command-line flags as configuration keys, as Hugo
	// turns them into configuration (buildDrafts, themesDir, theme,
	// contentDir, baseURL, clock ...). Nil means none.
	Flags       config.Provider
	ConfigFile  string // --config
	ConfigDir   string // --configDir
	Environment string // --environment; "" resolves as Hugo does
	Server      bool   // for the preview server: the default environment is development
}

// Site is what dispatch knows of a project's configuration.
type Site struct {
	Dir         string   // the project root
	PublishDir  string   // absolute
	ContentDirs []string // absolute, the project's own content mounts
	Languages   []string // language codes, the default first
	// DefaultLanguage is the language of files without a language suffix.
	DefaultLanguage string
	Environment     string
	BaseURL         string
	Taxonomies      map[string]string // singular -> plural
	MainSections    []string
	Params          map[string]any
	// LayoutDirs are the layouts folders of the project and its themes, the
	// project's first.
	LayoutDirs []string
	// ImageDirs are the project's folders that may hold published photos:
	// its content, assets and static mounts.
	ImageDirs []string
	// BuildDrafts, BuildFuture and BuildExpired say what a build publishes
	// besides what is due (--buildDrafts, --buildFuture, --buildExpired).
	BuildDrafts, BuildFuture, BuildExpired bool
	// Now is the build's clock: the present, or --clock.
	Now time.Time
	// Configs is the whole configuration, as Hugo loaded it.
	Configs *allconfig.Configs
}

// ErrNoSite is returned when no Hugo configuration is found.
var ErrNoSite = errors.New("no Hugo site here: no hugo.toml, config.toml (or .yaml, .json) in this folder or any folder above it")

// configNames are the configuration files Hugo looks for in a project root.
var configNames = []string{"hugo.toml", "hugo.yaml", "hugo.yml", "hugo.json",
	"config.toml", "config.yaml", "config.yml", "config.json"}

// ConfigFile returns the configuration file Hugo reads in a project
// folder, "" if there is none.
func ConfigFile(dir string) string {
	for _, n := range configNames {
		if fi, err := os.Stat(filepath.Join(dir, n)); err == nil && fi.Mode().IsRegular() {
			return filepath.Join(dir, n)
		}
	}
	return ""
}

// FindRoot returns the project root that holds dir: dir or the nearest
// folder above it with a Hugo configuration file, as git finds a repository.
func FindRoot(dir string) (string, error) {
	for d := filepath.Clean(dir); ; {
		if ConfigFile(d) != "" {
			return d, nil
		}
		parent := filepath.Dir(d)
		if parent == d {
			return "", ErrNoSite
		}
		d = parent
	}
}

// Load reads the configuration of the project in o.Dir.
func Load(o Options) (*Site, error) {
	flags := config.New()
	if o.Flags != nil {
		for _, k := range o.Flags.Keys() {
			flags.Set(k, o.Flags.Get(k))
		}
	}
	flags.Set("workingDir", o.Dir)
	env := ResolveEnvironment(o.Environment, o.Server)
	configs, err := allconfig.LoadConfig(allconfig.ConfigSourceDescriptor{
		Flags:       flags,
		Fs:          hugofs.Os,
		Filename:    o.ConfigFile,
		ConfigDir:   o.ConfigDir,
		Environment: env,
	})
	if err != nil {
		return nil, fmt.Errorf("loading the configuration of %s: %w", o.Dir, err)
	}
	base := configs.Base
	s := &Site{
		Dir:             o.Dir,
		PublishDir:      abs(o.Dir, base.PublishDir),
		DefaultLanguage: base.DefaultContentLanguage,
		Environment:     env,
		BaseURL:         base.BaseURL,
		Taxonomies:      base.Taxonomies,
		MainSections:    base.MainSections,
		Params:          base.Params,
		BuildDrafts:     base.BuildDrafts,
		BuildFuture:     base.BuildFuture,
		BuildExpired:    base.BuildExpired,
		Now:             time.Now(),
		Configs:         configs,
	}
	if !base.C.Clock.IsZero() {
		s.Now = base.C.Clock
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

// ResolveEnvironment returns the build environment as Hugo resolves it: the
// flag, then HUGO_ENVIRONMENT or HUGO_ENV, then development for the
// preview server and production for everything else.
func ResolveEnvironment(flag string, server bool) string {
	switch {
	case flag != "":
		return flag
	case os.Getenv("HUGO_ENVIRONMENT") != "":
		return os.Getenv("HUGO_ENVIRONMENT")
	case os.Getenv("HUGO_ENV") != "":
		return os.Getenv("HUGO_ENV")
	case server:
		return hugo.EnvironmentDevelopment
	}
	return hugo.EnvironmentProduction
}

// Param returns the site parameter at the path of keys (matched without
// regard to case, as Hugo stores them lower-cased), nil if there is none.
func (s *Site) Param(keys ...string) any {
	var v any = map[string]any(s.Params)
	for _, k := range keys {
		switch m := v.(type) {
		case map[string]any:
			v = m[strings.ToLower(k)]
		case hmaps.Params:
			v = m[strings.ToLower(k)]
		default:
			return nil
		}
	}
	return v
}

// Mirrors returns the site's other addresses, [params.mirrors] (name to
// base URL), such as a mirror domain and an onion service.
func (s *Site) Mirrors() map[string]string {
	out := map[string]string{}
	switch m := s.Param("mirrors").(type) {
	case map[string]any:
		for k, v := range m {
			if u, ok := v.(string); ok {
				out[k] = u
			}
		}
	case hmaps.Params:
		for k, v := range m {
			if u, ok := v.(string); ok {
				out[k] = u
			}
		}
	}
	return out
}

// Location returns the time zone in which Hugo reads a language's dates
// without an offset: the language's timeZone, or the site's (UTC if none).
func (s *Site) Location(lang string) *time.Location {
	tz := ""
	if s.Configs != nil {
		tz = s.Configs.Base.TimeZone
		if c, ok := s.Configs.LanguageConfigMap[lang]; ok {
			tz = c.TimeZone
		}
	}
	if loc, err := time.LoadLocation(tz); err == nil {
		return loc
	}
	return time.UTC
}

func abs(dir, p string) string {
	if filepath.IsAbs(p) {
		return filepath.Clean(p)
	}
	return filepath.Join(dir, p)
}
