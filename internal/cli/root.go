package cli

import (
	"fmt"
	"io"
	"strings"

	"github.com/spf13/cobra"
	"github.com/spf13/pflag"

	"github.com/dispatch-news/dispatch/internal/check"
)

// app is one run of dispatch: the command tree and Hugo's, whose flags
// the site commands borrow.
type app struct {
	e    *env
	hugo *hugoTree
	// hugoFlags are the Hugo flags of each command that has them, shown
	// apart in its help.
	hugoFlags map[*cobra.Command]*hugoFlags
	// search is --search of build and deploy: index the built site.
	search bool
}

func newRootCommand(e *env) (*cobra.Command, error) {
	_, root, err := newApp(e)
	return root, err
}

// newApp makes the command tree of one run.
func newApp(e *env) (*app, *cobra.Command, error) {
	t, err := newHugoTree()
	if err != nil {
		return nil, nil, err
	}
	a := &app{e: e, hugo: t, hugoFlags: map[*cobra.Command]*hugoFlags{}}
	root := &cobra.Command{
		Use:   "dispatch",
		Short: "Check, preview, build and publish a newsroom's Hugo site",
		Long: `dispatch checks, previews, builds and publishes a newsroom's Hugo site.
It embeds Hugo, and adds what a newsroom that protects its sources needs:
editorial checks that read every page as Hugo does, photos without GPS or
names, and a build that is audited before it replaces public/ or leaves the
machine.`,
		Args:              cobra.ArbitraryArgs,
		SilenceErrors:     true,
		SilenceUsage:      true,
		CompletionOptions: cobra.CompletionOptions{DisableDefaultCmd: true},
		Version:           versionString(),
		RunE: func(cmd *cobra.Command, args []string) error {
			if len(args) == 0 {
				a.help(cmd, e.stderr)
				return usagef("no command given")
			}
			msg := fmt.Sprintf("unknown command %q", args[0])
			if s := cmd.SuggestionsFor(args[0]); len(s) > 0 {
				msg += fmt.Sprintf("; did you mean %q?", s[0])
			}
			return usagef("%s (dispatch --help lists the commands)", msg)
		},
	}
	root.SuggestionsMinimumDistance = 2
	root.SetOut(e.stdout)
	root.SetErr(e.stderr)
	root.SetVersionTemplate("{{.Version}}\n")
	root.SetFlagErrorFunc(func(c *cobra.Command, err error) error {
		return flagError(c, err)
	})
	root.SetHelpFunc(func(c *cobra.Command, _ []string) { a.help(c, c.OutOrStdout()) })
	cmds := []func() (*cobra.Command, error){
		a.newBuildCommand, a.newServerCommand, a.newCheckCommand, a.newStatusCommand, a.newNewCommand,
		a.newScrubCommand, a.newDeployCommand, a.newEditionCommand, a.newImportCommand, a.newHugoCommand, a.newVersionCommand,
	}
	for _, newCmd := range cmds {
		c, err := newCmd()
		if err != nil {
			return nil, nil, err
		}
		root.AddCommand(c)
	}
	return a, root, nil
}

// flagError turns a flag parsing error into a usage error, with the
// nearest flag the command has when the name looks like a typo.
func flagError(c *cobra.Command, err error) error {
	msg := err.Error()
	if name, ok := strings.CutPrefix(msg, "unknown flag: --"); ok {
		var names []string
		c.Flags().VisitAll(func(f *pflag.Flag) {
			if !f.Hidden {
				names = append(names, f.Name)
			}
		})
		if s := check.Suggest(name, names); s != "" {
			msg += fmt.Sprintf("; did you mean --%s?", s)
		}
	}
	return usagef("%s: %s (dispatch %s --help lists its flags)", c.Name(), msg, c.Name())
}

// help prints what a command does, its own flags, then the Hugo flags it
// reads and passes on.
func (a *app) help(c *cobra.Command, w io.Writer) {
	long := c.Long
	if long == "" {
		long = c.Short
	}
	use := c.UseLine()
	if c.HasAvailableSubCommands() {
		use = c.CommandPath() + " COMMAND [flags]"
	}
	fmt.Fprintf(w, "%s\n\nUsage:\n  %s\n", strings.TrimSpace(long), use)
	if c.HasAvailableSubCommands() {
		fmt.Fprintln(w, "\nCommands:")
		for _, sc := range c.Commands() {
			if sc.IsAvailableCommand() {
				fmt.Fprintf(w, "  %-9s %s\n", sc.Name(), sc.Short)
			}
		}
		fmt.Fprintf(w, "\nRun \"%s COMMAND --help\" for what a command does and its flags.\n", c.CommandPath())
		return
	}
	if c.Example != "" {
		fmt.Fprintf(w, "\nExamples:\n%s\n", c.Example)
	}
	own := pflag.NewFlagSet("", pflag.ContinueOnError)
	hf := a.hugoFlags[c]
	c.LocalFlags().VisitAll(func(f *pflag.Flag) {
		if hf == nil || hf.set.Lookup(f.Name) == nil {
			own.AddFlag(f)
		}
	})
	if own.HasAvailableFlags() {
		fmt.Fprintf(w, "\nFlags:\n%s", own.FlagUsages())
	}
	if hf != nil && hf.set.HasAvailableFlags() {
		fmt.Fprintf(w, "\nHugo's flags, read as Hugo reads them and passed on to it:\n%s", hf.set.FlagUsages())
	}
}

// withHugoFlags adds the flags of Hugo's command at path to c.
func (a *app) withHugoFlags(c *cobra.Command, path string, skip ...string) (*hugoFlags, error) {
	h, err := addHugoFlags(c, a.hugo, path, skip...)
	if err != nil {
		return nil, err
	}
	a.hugoFlags[c] = h
	return h, nil
}

// alias makes a flag name another name of a flag.
func alias(name, of string) func(*pflag.FlagSet, string) pflag.NormalizedName {
	return func(_ *pflag.FlagSet, n string) pflag.NormalizedName {
		if n == name {
			n = of
		}
		return pflag.NormalizedName(n)
	}
}

// noArgs refuses arguments, as a usage error.
func noArgs(c *cobra.Command, args []string) error {
	if len(args) > 0 {
		return usagef("%s takes no arguments, but was given %q (dispatch %s --help)", c.Name(), args[0], c.Name())
	}
	return nil
}

// needArgs wants at least min and at most max arguments (max < 0: any),
// described by what.
func needArgs(min, max int, what string) cobra.PositionalArgs {
	return func(c *cobra.Command, args []string) error {
		if len(args) < min || max >= 0 && len(args) > max {
			return usagef("%s needs %s (dispatch %s --help)", c.Name(), what, c.Name())
		}
		return nil
	}
}
