package dispatch_test

import (
	"os"
	"testing"

	"github.com/dispatch-news/dispatch/internal/cli"
)

// TestMain lets this test binary stand in for dispatch when a build it
// runs starts Hugo in a child process.
func TestMain(m *testing.M) {
	cli.StandIn()
	os.Exit(m.Run())
}
