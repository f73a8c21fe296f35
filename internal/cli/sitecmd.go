package cli

import (
	"fmt"
	"github.com/dispatch-news/dispatch/internal/fspath"
	"os"
	"runtime/debug"

	"github.com/dispatch-news/dispatch/internal/check"
	"github.com/dispatch-news/dispatch/internal/site"
)

// loadSite reads the configuration of the site that h selects: --source,
// or the folder of --config, or else the nearest folder at or above the
// working directory that has a Hugo configuration, as git finds a
// repository.
func (a *app) loadSite(h *hugoFlags, server bool) (*site.Site, error) {
	dir := a.e.dir
	if src := h.string("source"); src != "" {
		dir = fspath.Abs(a.e.dir, src)
	} else if h.string("config") == "" {
		root, err := site.FindRoot(a.e.dir)
		if err != nil {
			return nil, err
		}
		dir = root
	}
	return site.Load(site.Options{
		Dir:         dir,
		Flags:       h.config(),
		ConfigFile:  h.string("config"),
		ConfigDir:   h.string("configDir"),
		Environment: h.string("environment"),
		Server:      server,
	})
}

// checkOptions are the content checks' options for s: the one place where
// check, build, deploy, server and the server's re-check on save get them.
// paths, relative to the working directory, limit the report.
func (a *app) checkOptions(s *site.Site, paths []string) check.Options {
	abs := make([]string, len(paths))
	for i, p := range paths {
		abs[i] = fspath.Abs(a.e.dir, p)
	}
	return check.Options{Site: s, Paths: abs}
}

// runChecks runs the content checks on s (or the paths given) for a
// command. The checks allocate much and live briefly: unless GOGC says
// otherwise, this process lets its heap grow four times between
// collections while they run (Hugo runs in a child of its own, untouched).
func (a *app) runChecks(s *site.Site, paths []string) (*check.Report, error) {
	return runCheck(a.checkOptions(s, paths))
}

// runCheck is check.Run with the garbage collector set as runChecks says.
func runCheck(o check.Options) (*check.Report, error) {
	if os.Getenv("GOGC") == "" {
		defer debug.SetGCPercent(debug.SetGCPercent(400))
	}
	return check.Run(o)
}

// preflight runs the checks before a build and prints what they found.
// With strict, errors stop the build; otherwise they print as warnings.
func (a *app) preflight(s *site.Site, strict bool) (*check.Report, error) {
	r, err := a.runChecks(s, nil)
	if err != nil {
		return nil, err
	}
	if !strict {
		for i := range r.Diagnostics {
			r.Diagnostics[i].Severity = check.Warning
		}
	}
	if err := r.WriteText(a.e.stderr); err != nil {
		return nil, err
	}
	if strict && r.Errors() > 0 {
		return nil, fmt.Errorf("%w: %s; nothing was built", ErrCheckFailed, summary(r))
	}
	return r, nil
}

func summary(r *check.Report) string {
	return fmt.Sprintf("%s, %s, %s", plural(r.Files, "file", "files"), plural(r.Errors(), "error", "errors"),
		plural(len(r.Diagnostics)-r.Errors(), "warning", "warnings"))
}
