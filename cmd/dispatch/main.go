// Command dispatch checks, builds, previews and publishes a Dispatch site.
// It embeds Hugo, so that Go is all a newcomer needs.
package main

import (
	"context"
	"os"
	"os/signal"
	"syscall"

	"github.com/dispatch-news/dispatch/internal/cli"
)

func main() {
	ctx, stop := signal.NotifyContext(context.Background(), os.Interrupt, syscall.SIGTERM)
	code := cli.Run(ctx, os.Args[1:], os.Stdout, os.Stderr)
	stop()
	os.Exit(code)
}
