package cli

import (
	"context"
	"errors"
	"fmt"
	"time"

	"github.com/spf13/cobra"

	"github.com/dispatch-news/dispatch/internal/publish"
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
	h, err := a.withHugoFlags(c, "build", "watch")
	if err != nil {
		return nil, err
	}
	c.RunE = func(cmd *cobra.Command, args []string) error {
		s, err := a.loadSite(h, false)
		if err != nil {
			return err
		}
		_, err = a.build(cmd.Context(), s, h)
		return err
	}
	return c, nil
}

// build checks the content of s and builds it into a fresh folder that then
// replaces the publish folder. It returns that folder.
func (a *app) build(ctx context.Context, s *site.Site, h *hugoFlags) (string, error) {
	if h.bool("renderToMemory") {
		return "", usagef("--renderToMemory builds nothing to publish; dispatch server previews from memory")
	}
	if _, err := a.preflight(s, true); err != nil {
		return "", err
	}
	dest := s.PublishDir
	start := time.Now()
	err := publish.Build(dest, func(dir string) error {
		args := append([]string{"build", "--source", s.Dir}, h.args("source", "destination")...)
		args = append(args, "--destination", dir)
		return hugoRun{args: args, site: s.Dir, stdout: a.e.stdout, stderr: a.e.stderr}.run(ctx)
	})
	if errors.Is(err, ErrHugoFailed) {
		return "", fmt.Errorf("dispatch: Hugo could not build the site (its errors are above); %s is as it was", relTo(a.e.dir, dest))
	}
	if err != nil {
		return "", err
	}
	fmt.Fprintf(a.e.stderr, "dispatch: published %s in %v\n", relTo(a.e.dir, dest), time.Since(start).Round(time.Millisecond))
	return dest, nil
}
