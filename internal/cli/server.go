package cli

import (
	"context"

	"github.com/spf13/cobra"
)

func (a *app) newServerCommand() (*cobra.Command, error) {
	c := &cobra.Command{
		Use:   "server [flags]",
		Short: "preview the site with live reload on 127.0.0.1",
		Long: `Preview the site with Hugo's live-reloading server, on this machine only
(127.0.0.1) unless --bind says otherwise. Problems in the content are
printed as warnings, and every content file saved is checked again.`,
		Args: noArgs,
	}
	h, err := a.withHugoFlags(c, "server")
	if err != nil {
		return nil, err
	}
	c.RunE = func(cmd *cobra.Command, args []string) error {
		s, err := a.loadSite(h, true)
		if err != nil {
			return err
		}
		if _, err := a.preflight(s, false); err != nil {
			return err
		}
		ctx, cancel := context.WithCancel(cmd.Context())
		defer cancel()
		if err := a.watchChecks(ctx, s); err != nil {
			return err
		}
		hargs := append([]string{"server", "--source", s.Dir}, h.args("source")...)
		if !h.changed("bind") {
			// Only this machine, unless asked: a preview may hold unpublished stories.
			hargs = append(hargs, "--bind", "127.0.0.1")
		}
		return hugoRun{args: hargs, site: s.Dir, stdout: a.e.stdout, stderr: a.e.stderr}.run(ctx)
	}
	return c, nil
}
