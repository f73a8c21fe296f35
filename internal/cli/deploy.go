package cli

import (
	"slices"
	"strings"

	"github.com/spf13/cobra"
	"github.com/spf13/pflag"
)

func (a *app) newDeployCommand() (*cobra.Command, error) {
	c := &cobra.Command{
		Use:   "deploy [flags]",
		Short: "check, build into a fresh folder, then publish it to a target of [deployment]",
		Long: `Check the content, build the site into a fresh folder exactly as
"dispatch build" does, and only then publish it with Hugo's deploy to a
target of [deployment] in the configuration. A failed check or build
uploads nothing. Only changed files upload; files gone from the site are
deleted, at most --maxDeletes at once.`,
		Example: `  dispatch deploy --target s3
  dispatch deploy --target s3 --dry-run`,
		Args: noArgs,
	}
	h, err := a.withHugoFlags(c, "build", "watch")
	if err != nil {
		return nil, err
	}
	a.addSearchFlag(c)
	// Hugo's deploy flags that the build has not: --target, --dryRun ...
	d, err := addHugoFlags(c, a.hugo, "deploy")
	if err != nil {
		return nil, err
	}
	// Both show in the help as Hugo's flags.
	shown := &hugoFlags{set: pflag.NewFlagSet("deploy", pflag.ContinueOnError)}
	shown.set.AddFlagSet(h.set)
	shown.set.AddFlagSet(d.set)
	a.hugoFlags[c] = shown
	c.Flags().SetNormalizeFunc(alias("dry-run", "dryRun"))
	c.RunE = func(cmd *cobra.Command, args []string) error {
		s, err := a.loadSite(h, false)
		if err != nil {
			return err
		}
		var targets []string
		for _, t := range s.Configs.Base.Deployment.Targets {
			targets = append(targets, t.Name)
		}
		if len(targets) == 0 {
			return usagef("deploy: the configuration has no [[deployment.targets]]; see README.md, Publishing")
		}
		if t := d.string("target"); t != "" && !slices.Contains(targets, t) {
			return usagef("deploy: no target %q in [deployment]; the targets are %s", t, strings.Join(targets, ", "))
		}
		// --force uploads every file, and accepts a site much smaller than
		// the last one.
		dest, err := a.build(cmd.Context(), s, h, d.bool("force"))
		if err != nil {
			return err
		}
		// Deploy reads the same configuration as the build did.
		var sel []string
		for _, f := range h.args() {
			for _, name := range []string{"environment", "config", "configDir", "themesDir", "theme", "ignoreVendorPaths"} {
				if strings.HasPrefix(f, "--"+name+"=") {
					sel = append(sel, f)
				}
			}
		}
		hargs := append([]string{"deploy", "--source", s.Dir, "--destination", dest}, sel...)
		hargs = append(hargs, d.args()...)
		return hugoRun{args: hargs, site: s.Dir, stdout: a.e.stdout, stderr: a.e.stderr}.run(cmd.Context())
	}
	return c, nil
}
