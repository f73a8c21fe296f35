package cli

import (
	"errors"
	"fmt"
	"github.com/dispatch-news/dispatch/internal/fspath"
	"os"
	"strings"

	"github.com/spf13/cobra"

	"github.com/dispatch-news/dispatch/internal/check"
	"github.com/dispatch-news/dispatch/internal/imagemeta"
)

func (a *app) newScrubCommand() (*cobra.Command, error) {
	c := &cobra.Command{
		Use:   "scrub [--dry-run] PATH...",
		Short: "remove GPS, serial numbers and names from photos, without re-encoding them",
		Long: `Remove what can tell where a photo was taken or who took it: GPS
coordinates, place names, camera serial numbers, names of the photographer,
the owner or the people shown, and free text, from the photos given or found
in the folders given. The pixels are not re-encoded, the colour profile and
the orientation are kept, and each file is replaced atomically. Formats that
cannot be rewritten safely are refused with a way to export a clean copy.`,
		Example: "  dispatch scrub content/news/2024/my-story/photo.jpg\n  dispatch scrub --dry-run content/",
		Args:    needArgs(1, -1, "the photos or folders to scrub"),
	}
	dryRun := c.Flags().Bool("dry-run", false, "say what would be removed; change nothing")
	c.RunE = func(cmd *cobra.Command, args []string) error {
		e := a.e
		var photos []string
		for _, p := range args {
			found, err := check.FindPhotos(fspath.Abs(e.dir, p))
			if err != nil {
				return fmt.Errorf("scrub: %s: %w", p, fspath.Unwrap(err))
			}
			photos = append(photos, found...)
		}
		var failed []error
		scrubbed, refused := 0, 0
		for _, path := range photos {
			rel := fspath.Rel(e.dir, path)
			removed, err := scrubFile(path, *dryRun)
			if errors.Is(err, imagemeta.ErrCannotScrub) {
				// Say what such a file holds, and how to get a clean copy.
				refused++
				what := "nothing identifying that could be read"
				if data, rerr := os.ReadFile(path); rerr == nil {
					if found, serr := imagemeta.Scan(data); serr == nil && len(found) > 0 {
						var parts []string
						for _, f := range found {
							parts = append(parts, f.String())
						}
						what = strings.Join(parts, ", ")
					}
				}
				failed = append(failed, fmt.Errorf("%s: holds %s; %w", rel, what, err))
				continue
			}
			if err != nil {
				failed = append(failed, fmt.Errorf("%s: %w", rel, err))
				continue
			}
			if len(removed) == 0 {
				continue
			}
			scrubbed++
			verb := "removed"
			if *dryRun {
				verb = "would remove"
			}
			var what []string
			for _, f := range removed {
				what = append(what, f.String())
			}
			fmt.Fprintf(e.stdout, "%s: %s %s\n", rel, verb, strings.Join(what, ", "))
		}
		verb := "scrubbed"
		if *dryRun {
			verb = "would scrub"
		}
		fmt.Fprintf(e.stderr, "dispatch: %s %d of %s; the pixels are untouched\n", verb, scrubbed, plural(len(photos), "file", "files"))
		if refused > 0 {
			fmt.Fprintf(e.stderr, "dispatch: %s that cannot be rewritten safely: export a clean copy as the message says\n", plural(refused, "file", "files"))
		}
		return errors.Join(failed...)
	}
	return c, nil
}

// scrubFile removes identifying metadata from one photo, replacing the file
// atomically: it is either the old file or the scrubbed one, never half.
func scrubFile(path string, dryRun bool) ([]imagemeta.Finding, error) {
	data, err := os.ReadFile(path)
	if err != nil {
		return nil, fspath.Unwrap(err)
	}
	out, removed, err := imagemeta.Scrub(data)
	if err != nil || len(removed) == 0 || dryRun {
		return removed, err
	}
	fi, err := os.Stat(path)
	if err != nil {
		return nil, fspath.Unwrap(err)
	}
	return removed, fspath.Replace(path, out, fi.Mode().Perm(), true)
}
