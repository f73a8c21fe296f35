// Package cli implements the dispatch command: editorial checks, photo
// safety and safe publishing around an embedded Hugo.
package cli

import (
	"context"
	"errors"
	"fmt"
	"io"
	"os"

	"github.com/gohugoio/hugo/common/herrors"
)

// Exit codes of the dispatch command.
const (
	ExitOK      = 0 // success
	ExitFailure = 1 // a content or build error
	ExitUsage   = 2 // the command line was wrong
)

// ErrCheckFailed reports that the content checks found errors. The
// diagnostics have been printed already.
var ErrCheckFailed = errors.New("content checks failed")

// UsageError is a mistake in the command line.
type UsageError struct{ Msg string }

func (e *UsageError) Error() string { return e.Msg }

func usagef(format string, args ...any) error {
	return &UsageError{Msg: fmt.Sprintf(format, args...)}
}

// env is what a command runs with.
type env struct {
	ctx            context.Context
	stdout, stderr io.Writer
	// dir is the working directory, where relative paths on the command
	// line start.
	dir string
}

// Run runs dispatch with args (without the program name) and returns the
// exit code. Errors are printed to stderr, each once.
func Run(ctx context.Context, args []string, stdout, stderr io.Writer) (code int) {
	defer func() {
		// A bug of ours must still end in one line, not a stack trace.
		if r := recover(); r != nil {
			fmt.Fprintf(stderr, "dispatch: internal error: %v\n", r)
			code = ExitFailure
		}
	}()
	dir, err := os.Getwd()
	if err != nil {
		fmt.Fprintln(stderr, "dispatch:", err)
		return ExitFailure
	}
	e := &env{ctx: ctx, stdout: stdout, stderr: stderr, dir: dir}
	root, err := newRootCommand(e)
	if err == nil {
		root.SetArgs(args)
		err = root.ExecuteContext(ctx)
	}
	return report(stderr, err)
}

// report prints err and returns the exit code it calls for.
func report(stderr io.Writer, err error) int {
	var ue *UsageError
	switch {
	case err == nil:
		return ExitOK
	case errors.As(err, &ue):
		fmt.Fprintln(stderr, "dispatch:", ue.Msg)
		return ExitUsage
	case errors.Is(err, ErrCheckFailed):
		fmt.Fprintln(stderr, "dispatch:", err)
		return ExitFailure
	}
	seen := map[string]bool{}
	for _, e := range herrors.Errors(err) {
		msg := e.Error()
		if seen[msg] {
			continue
		}
		seen[msg] = true
		fmt.Fprintln(stderr, msg)
	}
	return ExitFailure
}

// plural returns "1 error", "2 errors".
func plural(n int, one, other string) string {
	if n == 1 {
		return fmt.Sprintf("%d %s", n, one)
	}
	return fmt.Sprintf("%d %s", n, other)
}
