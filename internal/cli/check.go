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
		h := hugoArgs{source: *source}
		r, err := runChecks(e, h, fs.Args(), *drafts)
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

// runChecks checks the content of the site that h selects.
func runChecks(e *env, h hugoArgs, paths []string, drafts bool) (*check.Report, error) {
	s, err := loadSite(e, h)
	if err != nil {
		return nil, err
	}
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
	})
}

// preflight runs the checks before a build and prints what they found.
// With strict, errors stop the build.
func preflight(e *env, h hugoArgs, strict bool) error {
	r, err := runChecks(e, h, nil, h.buildDrafts)
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
