package cli

import (
	"fmt"
	"runtime"
	"runtime/debug"

	"github.com/gohugoio/hugo/common/hugo"
	"github.com/spf13/cobra"
)

// Version is dispatch's own version, set at link time with
// -ldflags "-X github.com/dispatch-news/dispatch/internal/cli.Version=v1.2.3";
// otherwise it comes from the build information.
var Version = ""

func (a *app) newVersionCommand() (*cobra.Command, error) {
	return &cobra.Command{
		Use:   "version",
		Short: "print the versions of dispatch and of the Hugo inside it",
		Args:  noArgs,
		RunE: func(cmd *cobra.Command, args []string) error {
			fmt.Fprintln(a.e.stdout, versionString())
			return nil
		},
	}, nil
}

// versionString says which dispatch this is: its module version, the commit
// it was built from (when the build recorded it), and the Hugo and Go
// inside it.
func versionString() string {
	v, commit, modified := Version, "", false
	if bi, ok := debug.ReadBuildInfo(); ok {
		if v == "" {
			v = bi.Main.Version
		}
		for _, s := range bi.Settings {
			switch s.Key {
			case "vcs.revision":
				commit = s.Value
			case "vcs.modified":
				modified = s.Value == "true"
			}
		}
	}
	if v == "" {
		v = "(devel)"
	}
	if len(commit) > 12 {
		commit = commit[:12]
	}
	switch {
	case commit != "" && modified:
		v += " commit " + commit + " with uncommitted changes"
	case commit != "":
		v += " commit " + commit
	}
	return fmt.Sprintf("dispatch %s (Hugo %s, %s %s/%s)", v, hugo.CurrentVersion.String(),
		runtime.Version(), runtime.GOOS, runtime.GOARCH)
}
