// Package cli implements the dispatch command: editorial checks and safe
// publishing around an embedded Hugo.
package cli

import (
	"context"
	"errors"
	"flag"
	"fmt"
	"io"
	"os"
	"strings"

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
	stdout, stderr io.Writer
	// dir is the working directory: the site's root unless --source says otherwise.
	dir string
}

// command is one subcommand of dispatch.
type command struct {
	name  string
	args  string // the synopsis after the name
	short string
	run   func(ctx context.Context, e *env, args []string) error
}

func allCommands() []*command {
	return []*command{
		newBuildCommand(),
		newServerCommand(),
		newCheckCommand(),
		newScrubCommand(),
		newNewCommand(),
		newDeployCommand(),
		newHugoCommand(),
		newVersionCommand(),
	}
}

// Run runs dispatch with args (without the program name) and returns the
// exit code. Errors are printed to stderr, each once.
func Run(ctx context.Context, args []string, stdout, stderr io.Writer) int {
	dir, err := os.Getwd()
	if err != nil {
		fmt.Fprintln(stderr, "dispatch:", err)
		return ExitFailure
	}
	e := &env{stdout: stdout, stderr: stderr, dir: dir}
	err = run(ctx, e, args)
	return report(stderr, err)
}

func run(ctx context.Context, e *env, args []string) error {
	if len(args) == 0 {
		printUsage(e.stderr)
		return usagef("no command given")
	}
	name := args[0]
	switch name {
	case "-h", "--help", "help":
		printUsage(e.stdout)
		return nil
	case "-v", "--version":
		name = "version"
	}
	for _, c := range allCommands() {
		if c.name == name {
			return c.run(ctx, e, args[1:])
		}
	}
	printUsage(e.stderr)
	return usagef("unknown command %q", name)
}

// report prints err and returns the exit code it calls for.
func report(stderr io.Writer, err error) int {
	var ue *UsageError
	switch {
	case err == nil:
		return ExitOK
	case errors.Is(err, flag.ErrHelp):
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

func printUsage(w io.Writer) {
	fmt.Fprintln(w, "Usage: dispatch COMMAND [ARGS]")
	fmt.Fprintln(w)
	fmt.Fprintln(w, "Commands:")
	for _, c := range allCommands() {
		fmt.Fprintf(w, "  %-8s %s\n", c.name, c.short)
	}
	fmt.Fprintln(w)
	fmt.Fprintln(w, `Run "dispatch COMMAND -h" for the flags of a command. Flags that
dispatch does not know pass through to Hugo.`)
}

// commandHelp prints the help of c when args ask for it, and says so.
func commandHelp(e *env, c *command, args []string, flagHelp func(io.Writer)) bool {
	for _, a := range args {
		if a == "--" {
			break
		}
		if a == "-h" || a == "--help" {
			fmt.Fprintf(e.stdout, "Usage: dispatch %s %s\n\n%s\n", c.name, c.args, strings.TrimSpace(c.short))
			if flagHelp != nil {
				fmt.Fprintln(e.stdout)
				flagHelp(e.stdout)
			}
			return true
		}
	}
	return false
}
