package cli

import (
	"errors"
	"fmt"
	"github.com/dispatch-news/dispatch/internal/fspath"
	"os"

	"github.com/mattn/go-isatty"
	"github.com/spf13/cobra"

	"github.com/dispatch-news/dispatch/internal/wpimport"
)

func (a *app) newImportCommand() (*cobra.Command, error) {
	c := &cobra.Command{
		Use:   "import SOURCE",
		Short: "bring an archive from another publishing system into the site",
		Args:  noArgs,
	}
	wp, err := a.newImportWordPressCommand()
	if err != nil {
		return nil, err
	}
	c.AddCommand(wp)
	return c, nil
}

func (a *app) newImportWordPressCommand() (*cobra.Command, error) {
	c := &cobra.Command{
		Use:   "wordpress EXPORT.xml",
		Short: "import a WordPress export (WXR) as page bundles",
		Long: `Import a WordPress export (Tools → Export → All content) into the site:
one bundle per post at content/<section>/<year>/<slug>/index.md, its Korean
translation (Polylang or WPML) beside it as index.ko.md, pages as pages, an
author page per byline. Photos are copied from --uploads and scrubbed of GPS
coordinates, place names, serial numbers and names; missing ones are listed
in import-report.txt and never stop the import. Old addresses become aliases
(_redirects, nginx.conf), links between posts point to the new pages (a
link to a post that is not published, such as a private one, keeps its
text alone, and the report lists it), and each post keeps its WordPress
GUID (guid) so that feed readers do not show the archive as new.

The first run writes import-map.yaml: every category and tag with its post
count and a suggested term of data/vocabulary.yaml. Edit its "to:" lines and
import again with --map import-map.yaml. Terms the vocabulary lacks are added
to it.

Running it again is safe: unchanged posts are not rewritten ("0 new, N
unchanged"), an interrupted run is completed, and a bundle an editor has
changed since the import is never overwritten (.dispatch-import.json records
what was written). A bad export (truncated, not WXR, not UTF-8) stops with
its line before anything is written.`,
		Example: `  dispatch import wordpress export.xml --uploads ~/backup/wp-content/uploads
  dispatch import wordpress export.xml --uploads uploads --map import-map.yaml
  dispatch import wordpress export.xml --since 2024-01-01 --dry-run`,
		Args: needArgs(1, 1, "the WordPress export file (Tools → Export in WordPress)"),
	}
	f := c.Flags()
	uploads := f.String("uploads", "", "a copy of the site's wp-content/uploads `folder`; photos are copied from it and scrubbed")
	mapFile := f.String("map", "", "apply the editors' import map `file` (written as import-map.yaml by a first run)")
	dryRun := f.Bool("dry-run", false, "read everything and report what would be written; write nothing")
	since := f.String("since", "", "import only posts published or modified on or after `DATE` (2024-01-31, or with a time and offset)")
	h, err := a.withHugoFlags(c, "new content", "kind", "editor", "force", "edit")
	if err != nil {
		return nil, err
	}
	c.RunE = func(cmd *cobra.Command, args []string) error {
		s, err := a.loadSite(h, false)
		if err != nil {
			return err
		}
		o, err := wpimport.SiteOptions(s)
		if err != nil {
			return err
		}
		abs := func(p string) string {
			if p == "" {
				return ""
			}
			return fspath.Abs(a.e.dir, p)
		}
		o.Export, o.Uploads, o.MapFile, o.DryRun = abs(args[0]), abs(*uploads), abs(*mapFile), *dryRun
		if *since != "" {
			if o.Since, err = wpimport.ParseSince(*since, o.TimeZone); err != nil {
				return usagef("import wordpress: --since: %v", err)
			}
		}
		o.Progress = a.e.stderr
		if f, ok := a.e.stderr.(*os.File); ok {
			o.IsTerminal = isatty.IsTerminal(f.Fd()) || isatty.IsCygwinTerminal(f.Fd())
		}
		sum, err := wpimport.Run(cmd.Context(), o)
		var ie *wpimport.InputError
		if errors.As(err, &ie) {
			return fmt.Errorf("%v\ndispatch: nothing was written", err)
		}
		if err != nil {
			return err
		}
		fmt.Fprintln(a.e.stdout, sum)
		if *dryRun {
			return sum.WriteReport(a.e.stdout, o.Export)
		}
		fmt.Fprintf(a.e.stderr, "dispatch: the import report is in %s; run dispatch check next\n", fspath.Rel(a.e.dir, sum.ReportFile))
		return nil
	}
	return c, nil
}
