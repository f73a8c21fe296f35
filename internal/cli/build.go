package cli

import (
	"cmp"
	"context"
	"errors"
	"fmt"
	"os"
	"path/filepath"
	"slices"
	"strings"
	"time"

	"github.com/spf13/cobra"

	"github.com/dispatch-news/dispatch/internal/audit"
	"github.com/dispatch-news/dispatch/internal/check"
	"github.com/dispatch-news/dispatch/internal/fspath"
	"github.com/dispatch-news/dispatch/internal/publish"
	"github.com/dispatch-news/dispatch/internal/search"
	"github.com/dispatch-news/dispatch/internal/site"
)

func (a *app) newBuildCommand() (*cobra.Command, error) {
	c := &cobra.Command{
		Use:   "build [flags]",
		Short: "check the content, build the site, and replace public/ only if all went well",
		Long: `Check the content, then build the site with Hugo into a fresh folder that
replaces public/ (or --destination) only when the checks and the whole build
succeeded. A failed check or build leaves public/ exactly as it was.

The checks read the site with the same flags as Hugo (--buildDrafts,
--themesDir, --theme, --environment ...). Errors in drafts count only when
drafts are built (-D).`,
		Example: `  dispatch build
  dispatch build --baseURL https://staging.example.org/ -D`,
		Args: noArgs,
	}
	force := c.Flags().Bool("force", false, "publish a site much smaller than the one it replaces (the audit refuses one otherwise)")
	a.addSearchFlag(c)
	mirror := c.Flags().String("mirror", "", "build for the mirror `NAME` of [params.mirrors], into public-NAME/ (see README.md, Mirrors)")
	h, err := a.withHugoFlags(c, "build", "watch")
	if err != nil {
		return nil, err
	}
	c.RunE = func(cmd *cobra.Command, args []string) error {
		s, err := a.loadSite(h, false)
		if err != nil {
			return err
		}
		spec, err := a.mirrorSpec(s, h, *mirror)
		if err != nil {
			return err
		}
		spec.force = *force
		_, err = a.build(cmd.Context(), s, h, spec)
		return err
	}
	return c, nil
}

// buildSpec says what a build makes when it is not the site as configured:
// the site for a mirror, or the pages of an offline edition.
type buildSpec struct {
	dest  string   // the folder the build replaces; "" is the site's publishDir
	args  []string // more flags for Hugo, after the user's
	skip  []string // the user's flags that args replace
	env   []string // more environment for Hugo (HUGO_PARAMS_...)
	force bool     // accept a site much smaller than the one it replaces
	// audit adjusts the options of the audit, if set.
	audit func(*audit.Options)
	// quiet leaves out the line that says where the site was published.
	quiet bool
	// noSearch builds without the search index, whatever --search says.
	noSearch bool
}

// ErrAuditFailed reports that the audit of a built site found errors; they
// have been printed.
var ErrAuditFailed = errors.New("the audit of the built site failed")

// build checks the content of s, builds it into a fresh folder, audits
// what was built, and only then puts it in the place of the publish
// folder (or spec.dest). It returns that folder.
func (a *app) build(ctx context.Context, s *site.Site, h *hugoFlags, spec buildSpec) (string, error) {
	if h.bool("renderToMemory") {
		return "", usagef("--renderToMemory builds nothing to publish; dispatch server previews from memory")
	}
	if err := checkDestination(s, h, cmp.Or(spec.dest, s.PublishDir)); err != nil {
		return "", err
	}
	checked, err := a.preflight(s, true)
	if err != nil {
		return "", err
	}
	return a.buildChecked(ctx, s, h, checked, spec)
}

// checkDestination refuses a folder that a build, which replaces its folder
// as a whole, would take the site itself with: the project's folder or one
// above it, or a folder Hugo reads the site from (content, layouts, static
// ...), or one inside such a folder.
func checkDestination(s *site.Site, h *hugoFlags, dest string) error {
	what := "publishDir " + dest
	if h.changed("destination") {
		what = "--destination " + h.string("destination")
	}
	dest = realPath(dest)
	if _, ok := fspath.Within(dest, realPath(s.Dir)); ok {
		return usagef("%s: the build would replace the project (its folder or one above it); nothing was built", what)
	}
	for _, dir := range sourceDirs(s) {
		_, in := fspath.Within(dir, dest)
		_, holds := fspath.Within(dest, dir)
		if in || holds {
			return usagef("%s: the build would replace or write into %s, which Hugo reads the site from; nothing was built", what, fspath.Rel(s.Dir, dir))
		}
	}
	return nil
}

// sourceDirs are the folders Hugo reads the site from: the mounts of the
// project and of its themes (content, layouts, static ...), through
// symbolic links.
func sourceDirs(s *site.Site) []string {
	var dirs []string
	for _, mod := range s.Configs.Modules {
		for _, m := range mod.Mounts() {
			dirs = append(dirs, realPath(fspath.Abs(mod.Dir(), m.Source)))
		}
	}
	return dirs
}

// realPath is p through its symbolic links, if it exists; p cleaned if not.
func realPath(p string) string {
	if r, err := filepath.EvalSymlinks(p); err == nil {
		return r
	}
	return filepath.Clean(p)
}

// buildChecked is build after the checks: Hugo in a child process, the
// audit, the swap.
func (a *app) buildChecked(ctx context.Context, s *site.Site, h *hugoFlags, checked *check.Report, spec buildSpec) (string, error) {
	dest := cmp.Or(spec.dest, s.PublishDir)
	force := spec.force
	start := time.Now()
	var audited time.Duration
	var indexed search.Result
	err := publish.Build(dest, func(dir string) error {
		args := append([]string{"build", "--source", s.Dir}, h.args(append([]string{"source", "destination"}, spec.skip...)...)...)
		args = append(append(args, spec.args...), "--destination", dir)
		// The GC is set for the build on purpose (gcenv.go), never
		// inherited from what the checks did in this process.
		env := append(buildGC(os.Environ(), machineMemory()), spec.env...)
		if err := (hugoRun{args: args, env: env, site: s.Dir, stdout: a.e.stdout, stderr: a.e.stderr}).run(ctx); err != nil {
			return err
		}
		var err error
		if !spec.noSearch {
			if indexed, err = a.indexSearch(ctx, dir); err != nil {
				return err
			}
		}
		t0 := time.Now()
		o := search.AuditOptions(auditOptions(s, checked, dest, force), indexed.Indexed)
		if spec.audit != nil {
			spec.audit(&o)
		}
		r, err := audit.Run(ctx, dir, o)
		audited = time.Since(t0)
		if err != nil {
			return err
		}
		for i := range r.Diagnostics {
			// The findings are in the folder about to be published.
			r.Diagnostics[i].Path = filepath.ToSlash(filepath.Join(fspath.Rel(a.e.dir, dest), r.Diagnostics[i].Path))
		}
		if err := r.WriteText(a.e.stderr); err != nil {
			return err
		}
		if r.Errors() > 0 {
			return fmt.Errorf("%w: %s in %s, %s; nothing was published", ErrAuditFailed,
				plural(r.Errors(), "error", "errors"), plural(r.Files, "file", "files"), fspath.Rel(a.e.dir, dest)+" is as it was")
		}
		return nil
	})
	if errors.Is(err, ErrHugoFailed) {
		return "", fmt.Errorf("dispatch: Hugo could not build the site (its errors are above); %s is as it was", fspath.Rel(a.e.dir, dest))
	}
	if err != nil {
		return "", err
	}
	if !spec.quiet {
		fmt.Fprintf(a.e.stderr, "dispatch: published %s in %v (%sthe audit took %v)\n", fspath.Rel(a.e.dir, dest),
			time.Since(start).Round(time.Millisecond), searchNote(indexed), audited.Round(time.Millisecond))
	}
	return dest, nil
}

// auditOptions are what the audit of a build of s needs: the site's own
// hosts, the files its home page writes, the pages the checks found a
// build leaves out, and the site it replaces.
func auditOptions(s *site.Site, checked *check.Report, previous string, force bool) audit.Options {
	o := audit.Options{BaseURL: s.BaseURL, Previous: previous, Force: force}
	for _, u := range s.Mirrors() {
		o.Mirrors = append(o.Mirrors, u)
	}
	slices.Sort(o.Mirrors)
	formats := s.Configs.Base.OutputFormats.Config
	for _, name := range s.Configs.Base.Outputs["home"] {
		if f, ok := formats.GetByName(name); ok && f.Name != "html" && !(f.Name == "rss" && s.Configs.Base.C.DisabledKinds["rss"]) {
			o.HostFiles = append(o.HostFiles, f.BaseFilename())
		}
	}
	for _, p := range checked.Pages {
		if p.URL == "" || p.Unread {
			continue
		}
		why := ""
		switch {
		case p.Draft && !s.BuildDrafts:
			why = "draft"
		case p.Future && !s.BuildFuture:
			why = "future"
		case p.Expired && !s.BuildExpired:
			why = "expired"
		default:
			continue
		}
		o.Unpublished = append(o.Unpublished, audit.Unpublished{Path: strings.TrimPrefix(p.URL, "/"), Why: why, Source: p.Path})
	}
	return o
}
