package cli

import (
	"context"
	"fmt"
	"runtime"
	"runtime/debug"

	"github.com/gohugoio/hugo/common/hugo"
)

// Version is dispatch's own version, set at link time with
// -ldflags "-X github.com/dispatch-news/dispatch/internal/cli.Version=v1.2.3".
var Version = ""

func newVersionCommand() *command {
	return &command{
		name:  "version",
		short: "print the versions of dispatch and of the Hugo inside it",
		run: func(ctx context.Context, e *env, args []string) error {
			if len(args) > 0 {
				return usagef("version takes no arguments")
			}
			fmt.Fprintf(e.stdout, "dispatch %s (Hugo %s, %s %s/%s)\n",
				version(), hugo.CurrentVersion.String(), runtime.Version(), runtime.GOOS, runtime.GOARCH)
			return nil
		},
	}
}

func version() string {
	if Version != "" {
		return Version
	}
	if bi, ok := debug.ReadBuildInfo(); ok && bi.Main.Version != "" && bi.Main.Version != "(devel)" {
		return bi.Main.Version
	}
	return "devel"
}
