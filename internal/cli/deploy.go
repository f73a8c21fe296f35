package cli

import (
	"fmt"
	"os"
	"slices"
	"strings"

	"github.com/spf13/cobra"
	"github.com/spf13/pflag"

	"github.com/dispatch-news/dispatch/internal/fspath"
)

func (a *app) newDeployCommand() (*cobra.Command, error) {
	c := &cobra.Command{
		Use:   "deploy [flags]",
		Short: "check, build into a fresh folder, then publish it to a target of [deployment]",
		Long: `Check the content, build the site into a fresh folder exactly as
"dispatch build" does, and only then publish it with Hugo's deploy to a
target of [deployment] in the configuration. A failed check or build
uploads nothing. Only changed files upload; files gone from the site are
deleted, at most --maxDeletes at once.

Before anything is built, the credentials the target needs are looked for
where its cloud's SDK finds them (see README.md, Publishing); a folder
target (file:///srv/dispatch-staging) needs none, and its folder is created.`,
		Example: `  dispatch deploy --target s3
  dispatch deploy --target s3 --dry-run
  dispatch deploy --target staging`,
		Args: noArgs,
	}
	mirror := c.Flags().String("mirror", "", "build for the mirror `NAME` of [params.mirrors] and publish that build to the target named NAME (or --target)")
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
		if *mirror != "" && !d.changed("target") {
			// A mirror's build goes to the target of its name, never to
			// the first target, which is the main site's.
			if !slices.Contains(targets, *mirror) {
				return usagef("deploy: --mirror %s needs --target, or a target named %q in [deployment]", *mirror, *mirror)
			}
			if err := d.set.Set("target", *mirror); err != nil {
				return err
			}
		}
		name := d.string("target")
		if name != "" && !slices.Contains(targets, name) {
			return usagef("deploy: no target %q in [deployment]; the targets are %s", name, strings.Join(targets, ", "))
		}
		spec, err := a.mirrorSpec(s, h, *mirror)
		if err != nil {
			return err
		}
		if err := checkMirrorTarget(s, *mirror, d); err != nil {
			return err
		}
		// Hugo deploys to the first target when none is named.
		target := s.Configs.Base.Deployment.Targets[max(slices.Index(targets, name), 0)]
		if err := checkCredentials(target.Name, target.URL, osCredentialEnv()); err != nil {
			return err
		}
		// --force uploads every file, and accepts a site much smaller than
		// the last one.
		spec.force = d.bool("force")
		dest, err := a.build(cmd.Context(), s, h, spec)
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
		if dir := folderTarget(target.URL); dir != "" {
			if err := os.MkdirAll(dir, 0o755); err != nil {
				return fmt.Errorf("dispatch: deploy: cannot create the folder of target %q: %w; %s is built, nothing was published to it", target.Name, err, fspath.Rel(a.e.dir, dest))
			}
		}
		hargs := append([]string{"deploy", "--source", s.Dir, "--destination", dest}, sel...)
		hargs = append(hargs, d.args()...)
		return hugoRun{args: hargs, site: s.Dir, stdout: a.e.stdout, stderr: a.e.stderr}.run(cmd.Context())
	}
	return c, nil
}
