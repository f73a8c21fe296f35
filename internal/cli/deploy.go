package cli

import (
	"context"
)

func newDeployCommand() *command {
	c := &command{
		name: "deploy",
		args: "[--target NAME] [--dry-run] [--force] [HUGO FLAGS...]",
		short: "check, build into a fresh folder, then publish it with Hugo's\n" +
			"           deploy to a target of [deployment] in the configuration",
	}
	c.run = func(ctx context.Context, e *env, args []string) error {
		if commandHelp(e, c, args, hugoHelp("deploy")) {
			return nil
		}
		var deployArgs, buildArgs []string
		for i := 0; i < len(args); i++ {
			switch a := args[i]; a {
			case "--dry-run", "--dryRun":
				deployArgs = append(deployArgs, "--dryRun")
			case "--force", "--confirm", "--invalidateCDN":
				deployArgs = append(deployArgs, a)
			case "--target", "--maxDeletes", "--workers":
				if i+1 >= len(args) {
					return usagef("deploy: flag %s needs a value", a)
				}
				deployArgs = append(deployArgs, a, args[i+1])
				i++
			default:
				buildArgs = append(buildArgs, a)
			}
		}
		h, err := parseHugoArgs(buildArgs)
		if err != nil {
			return err
		}
		dest, err := buildSite(e, h)
		if err != nil {
			return err
		}
		hargs := append([]string{"deploy", "--source", h.sourceDir(e.dir), "--destination", dest}, deployArgs...)
		if h.environment != "" {
			hargs = append(hargs, "--environment", h.environment)
		}
		if h.configFile != "" {
			hargs = append(hargs, "--config", h.configFile)
		}
		return execHugo(hargs)
	}
	return c
}
