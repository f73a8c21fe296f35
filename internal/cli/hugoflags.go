package cli

import (
	"context"
	"encoding/csv"
	"fmt"
	"slices"
	"strings"
	_ "unsafe" // for go:linkname

	"github.com/bep/simplecobra"
	"github.com/gohugoio/hugo/commands"
	"github.com/gohugoio/hugo/config"
	"github.com/spf13/cobra"
	"github.com/spf13/pflag"
)

// Dispatch reads Hugo's command line with Hugo's own flag definitions and
// turns the flags into configuration with Hugo's own function, so that the
// checks see exactly the site that Hugo then builds (--themesDir, --theme,
// -DF, --clock ...). Hugo keeps its command tree unexported; these two links
// borrow it. TestHugoFlags fails if a Hugo upgrade changes either.

//go:linkname hugoNewExec github.com/gohugoio/hugo/commands.newExec
func hugoNewExec() (*simplecobra.Exec, error)

//go:linkname hugoFlagsToCfg github.com/gohugoio/hugo/commands.flagsToCfg
func hugoFlagsToCfg(cd *simplecobra.Commandeer, cfg config.Provider) config.Provider

// The package is imported for the links above.
var _ = commands.Execute

// hugoTree is one instance of Hugo's command tree. Its flags are bound to
// that instance, so every run of dispatch makes its own.
type hugoTree struct {
	x *simplecobra.Exec
}

func newHugoTree() (*hugoTree, error) {
	x, err := hugoNewExec()
	if err != nil {
		return nil, fmt.Errorf("reading Hugo's command line: %w", err)
	}
	return &hugoTree{x: x}, nil
}

// command returns Hugo's command at path, such as "build" or "new content".
func (t *hugoTree) command(path string) (*cobra.Command, error) {
	// An unknown flag stops cobra before it runs anything, and it still
	// says which command it found.
	args := append(strings.Fields(path), "--dispatch-probe")
	cd, _ := t.x.Execute(context.Background(), args)
	if cd == nil || cd.CobraCommand.CommandPath() != "hugo "+path {
		return nil, fmt.Errorf("the embedded Hugo has no %q command", path)
	}
	return cd.CobraCommand, nil
}

// hugoFlags are the flags of one of Hugo's commands, added to a dispatch
// command: parsed once, by cobra, as Hugo would parse them.
type hugoFlags struct {
	set *pflag.FlagSet
}

// addHugoFlags adds the flags of Hugo's command at path to cmd, all but
// those named in skip.
func addHugoFlags(cmd *cobra.Command, t *hugoTree, path string, skip ...string) (*hugoFlags, error) {
	hc, err := t.command(path)
	if err != nil {
		return nil, err
	}
	h := &hugoFlags{set: pflag.NewFlagSet(path, pflag.ContinueOnError)}
	add := func(f *pflag.Flag) {
		if slices.Contains(skip, f.Name) || h.set.Lookup(f.Name) != nil || cmd.Flags().Lookup(f.Name) != nil {
			return
		}
		if f.Shorthand != "" && cmd.Flags().ShorthandLookup(f.Shorthand) != nil {
			f.Shorthand = ""
		}
		h.set.AddFlag(f)
	}
	hc.LocalFlags().VisitAll(add)
	hc.InheritedFlags().VisitAll(add)
	cmd.Flags().AddFlagSet(h.set)
	return h, nil
}

// string returns the value of a string flag, "" if there is none.
func (h *hugoFlags) string(name string) string {
	if f := h.set.Lookup(name); f != nil {
		return f.Value.String()
	}
	return ""
}

// bool returns the value of a boolean flag.
func (h *hugoFlags) bool(name string) bool {
	v, _ := h.set.GetBool(name)
	return v
}

// without returns the flags given but the one named.
func (h *hugoFlags) without(name string) *hugoFlags {
	w := &hugoFlags{set: pflag.NewFlagSet(h.set.Name(), pflag.ContinueOnError)}
	h.set.VisitAll(func(f *pflag.Flag) {
		if f.Name != name {
			w.set.AddFlag(f)
		}
	})
	return w
}

// changed says whether a flag was given.
func (h *hugoFlags) changed(name string) bool {
	return h.set.Changed(name)
}

// config returns the flags given, as the configuration keys Hugo makes of
// them.
func (h *hugoFlags) config() config.Provider {
	c := &cobra.Command{}
	c.Flags().AddFlagSet(h.set)
	return hugoFlagsToCfg(&simplecobra.Commandeer{CobraCommand: c}, nil)
}

// args returns the flags given, in one canonical form per flag, for Hugo's
// own command line; flags named in skip are left out.
func (h *hugoFlags) args(skip ...string) []string {
	var args []string
	h.set.VisitAll(func(f *pflag.Flag) {
		if !f.Changed || slices.Contains(skip, f.Name) {
			return
		}
		v := f.Value.String()
		if sv, ok := f.Value.(pflag.SliceValue); ok {
			// Hugo reads a list as one comma-separated, CSV-quoted value.
			var b strings.Builder
			w := csv.NewWriter(&b)
			_ = w.Write(sv.GetSlice())
			w.Flush()
			v = strings.TrimSuffix(b.String(), "\n")
		}
		args = append(args, "--"+f.Name+"="+v)
	})
	return args
}
