package dispatch_test

import (
	"os"
	"path/filepath"
	"testing"

	"github.com/dispatch-news/dispatch/internal/cli"
)

// TestMain lets this test binary stand in for dispatch when a build it
// runs starts Hugo in a child process.
func TestMain(m *testing.M) {
	cli.StandIn()
	code := m.Run()
	if builtDir != "" {
		os.RemoveAll(filepath.Dir(builtDir))
	}
	os.Exit(code)
}
