package cli

import (
	"context"
	"flag"
	"fmt"
	"io"

	"github.com/dispatch-news/dispatch/internal/check"
	"github.com/dispatch-news/dispatch/internal/site"
)

func newCheckCommand() *command {
	c := &command{
		name:  "check",
		args:  "[--format text|json] [--drafts] [--source DIR] [PATH...]",
		short: "check articles for editorial mistakes (exit 1 on errors)",
	}
	c.run = func(ctx context.Context, e *env, args []string) error {
		fs := flag.NewFlagSet("check", flag.ContinueOnError)
		fs.SetOutput(io.Discard)
		format := fs.String("format", "text", "output format: text or json")
		drafts := fs.Bool("drafts", false, "count errors in drafts (otherwise they are warnings)")
		source := fs.String("source", "", "the site's folder (default: the current folder)")
		help := func(w io.Writer) { fs.SetOutput(w); fs.PrintDefaults(); fs.SetOutput(io.Discard) }
		if commandHelp(e, c, args, help) {
			return nil
		}
		if err := fs.Parse(args); err != nil {
			return usagef("check: %v", err)
		}
		if *format != "text" && *format != "json" {
			return usagef("check: --format must be text or json, not %q", *format)
		}
		s, err := loadSite(e, hugoArgs{source: *source})
		if err != nil {
			return err
		}
		r, err := runChecks(e, s, fs.Args(), *drafts)
		if err != nil {
			return err
		}
		if *format == "json" {
			if err := r.WriteJSON(e.stdout); err != nil {
				return err
			}
		} else if err := r.WriteText(e.stdout); err != nil {
			return err
		}
		if r.Errors() > 0 {
			return fmt.Errorf("%w: %s", ErrCheckFailed, summary(r))
		}
		if *format == "text" {
			fmt.Fprintf(e.stderr, "dispatch: checked %s\n", summary(r))
		}
		return nil
	}
	return c
}

// loadSite reads the configuration of the site that h selects.
func loadSite(e *env, h hugoArgs) (*site.Site, error) {
	return site.Load(site.Options{Dir: h.sourceDir(e.dir), ConfigFile: h.configFile,
		Environment: h.environment, ContentDir: h.contentDir})
}

// runChecks checks the content of s, or the paths given.
func runChecks(e *env, s *site.Site, paths []string, drafts bool) (*check.Report, error) {
	// Paths on the command line are relative to where dispatch runs.
	abs := make([]string, len(paths))
	for i, p := range paths {
		abs[i] = absJoin(e.dir, p)
	}
	return check.Run(check.Options{
		Root:            s.Dir,
		ContentDirs:     s.ContentDirs,
		Paths:           abs,
		ArticleSections: s.MainSections,
		Drafts:          drafts,
		LayoutDirs:      s.LayoutDirs,
		ImageDirs:       s.ImageDirs,
		Languages:       s.Languages,
		DefaultLanguage: s.DefaultLanguage,
	})
}

// preflight runs the checks before a build and prints what they found.
// With strict, errors stop the build.
func preflight(e *env, s *site.Site, drafts, strict bool) error {
	r, err := runChecks(e, s, nil, drafts)
	if err != nil {
		return err
	}
	if !strict {
		for i := range r.Diagnostics {
			r.Diagnostics[i].Severity = check.Warning
		}
	}
	if err := r.WriteText(e.stderr); err != nil {
		return err
	}
	if strict && r.Errors() > 0 {
		return fmt.Errorf("%w: %s; nothing was built", ErrCheckFailed, summary(r))
	}
	return nil
}

func summary(r *check.Report) string {
	return fmt.Sprintf("%d files, %d errors, %d warnings", r.Files, r.Errors(), len(r.Diagnostics)-r.Errors())
}
