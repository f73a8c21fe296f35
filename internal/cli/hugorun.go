package cli

import (
	"bytes"
	"context"
	"errors"
	"fmt"
	"io"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"sync"
	"syscall"
	"time"

	"github.com/gohugoio/hugo/commands"
)

// execHugo runs the embedded Hugo with args in this process, as the hugo
// binary would.
func execHugo(args []string) error {
	return commands.Execute(args)
}

// ErrHugoFailed reports that Hugo failed; what it said is printed already.
var ErrHugoFailed = errors.New("hugo failed")

// hugoRun is a run of the embedded Hugo in a child process: a crash in
// Hugo (a panic in any of its goroutines) ends the child, never dispatch,
// which then says so in one line and keeps public/ as it was.
type hugoRun struct {
	args []string // Hugo's command line
	env  []string // added to the environment
	site string   // the site's folder, for messages
	exe  string   // the program to run; "" for this one
	// stdout and stderr receive Hugo's output; Go's crash report is kept
	// out of them.
	stdout, stderr io.Writer
}

// run runs Hugo and waits for it. ctx ends it.
func (r hugoRun) run(ctx context.Context) error {
	exe := r.exe
	if exe == "" {
		var err error
		if exe, err = os.Executable(); err != nil {
			return err
		}
	}
	// Named dispatch, so that a test binary standing in for dispatch
	// (testscript's convention) runs the command and not its tests.
	cmd := exec.CommandContext(ctx, exe)
	cmd.Args = append([]string{"dispatch", "hugo"}, r.args...)
	cmd.Env = append(os.Environ(), r.env...)
	cmd.Stdout = r.stdout
	crash := &crashFilter{w: r.stderr}
	cmd.Stderr = crash
	cmd.Cancel = func() error { return cmd.Process.Signal(os.Interrupt) }
	cmd.WaitDelay = 10 * time.Second
	dieWithParent(cmd)
	err := cmd.Run()
	crash.Flush()
	if report := crash.report(); report != nil {
		return r.crashed(report)
	}
	var ee *exec.ExitError
	if errors.As(err, &ee) {
		if ws, ok := ee.Sys().(syscall.WaitStatus); ok && ws.Signaled() {
			return fmt.Errorf("hugo was stopped by signal %v while building %s; nothing was published", ws.Signal(), r.site)
		}
		return ErrHugoFailed
	}
	return err
}

// crashed writes Go's crash report to a file and returns the one-line error.
func (r hugoRun) crashed(report []byte) error {
	first, _, _ := strings.Cut(strings.TrimSpace(string(report)), "\n")
	f, err := os.CreateTemp("", "dispatch-hugo-crash-*.txt")
	where := ""
	if err == nil {
		fmt.Fprintf(f, "dispatch hugo %s\nsite: %s\n\n%s", strings.Join(r.args, " "), r.site, report)
		f.Close()
		where = "; the full report is in " + filepath.ToSlash(f.Name())
	}
	return fmt.Errorf("hugo crashed while building %s (%s), a bug in Hugo, not in the content; nothing was published%s",
		r.site, first, where)
}

// crashFilter passes Hugo's error output through, line by line, until Go
// starts a crash report ("panic: ...", "fatal error: ..."), which it keeps.
type crashFilter struct {
	w       io.Writer
	mu      sync.Mutex
	partial []byte
	crash   *bytes.Buffer
}

func (c *crashFilter) Write(p []byte) (int, error) {
	c.mu.Lock()
	defer c.mu.Unlock()
	c.partial = append(c.partial, p...)
	for {
		i := bytes.IndexByte(c.partial, '\n')
		if i < 0 {
			break
		}
		c.line(c.partial[:i+1])
		c.partial = c.partial[i+1:]
	}
	return len(p), nil
}

func (c *crashFilter) line(l []byte) {
	if c.crash == nil && (bytes.HasPrefix(l, []byte("panic: ")) || bytes.HasPrefix(l, []byte("fatal error: "))) {
		c.crash = &bytes.Buffer{}
	}
	if c.crash != nil {
		c.crash.Write(l)
		return
	}
	_, _ = c.w.Write(l)
}

// Flush writes out a last line without a newline.
func (c *crashFilter) Flush() {
	c.mu.Lock()
	defer c.mu.Unlock()
	if len(c.partial) > 0 {
		c.line(c.partial)
		c.partial = nil
	}
}

func (c *crashFilter) report() []byte {
	if c.crash == nil {
		return nil
	}
	return c.crash.Bytes()
}

// StandIn lets a test binary stand in for dispatch when a command it tests
// runs Hugo in a child process: called first in TestMain, it runs the child
// and exits if this process is one.
func StandIn() {
	if filepath.Base(os.Args[0]) == "dispatch" {
		os.Exit(Run(context.Background(), os.Args[1:], os.Stdout, os.Stderr))
	}
}
