package cli

import (
	"context"
	"slices"
)

func newServerCommand() *command {
	c := &command{
		name: "server",
		args: "[HUGO SERVER FLAGS...]",
		short: "preview the site with live reload on 127.0.0.1; problems in the\n" +
			"           content are printed as warnings",
	}
	c.run = func(ctx context.Context, e *env, args []string) error {
		if commandHelp(e, c, args, hugoHelp("server")) {
			return nil
		}
		h, err := parseHugoArgs(args)
		if err != nil {
			return err
		}
		s, err := loadSite(e, h)
		if err != nil {
			return err
		}
		if err := preflight(e, s, h.buildDrafts, false); err != nil {
			return err
		}
		ctx, cancel := context.WithCancel(ctx)
		defer cancel()
		if err := watchChecks(ctx, e, s); err != nil {
			return err
		}
		hugoArgs := append([]string{"server"}, args...)
		if !slices.ContainsFunc(args, func(a string) bool { return a == "--bind" || len(a) > 7 && a[:7] == "--bind=" }) {
			// Only this machine, unless asked: a preview may hold unpublished stories.
			hugoArgs = append(hugoArgs, "--bind", "127.0.0.1")
		}
		return execHugo(hugoArgs)
	}
	return c
}
