package cli

import (
	"bytes"
	"context"
	"errors"
	"os"
	"slices"
	"strings"
	"testing"
)

// TestMain lets this test binary stand in for dispatch when a command runs
// Hugo in a child process named dispatch.
func TestMain(m *testing.M) {
	StandIn()
	os.Exit(m.Run())
}

func run(t *testing.T, args ...string) (code int, stdout, stderr string) {
	t.Helper()
	var out, errs bytes.Buffer
	code = Run(context.Background(), args, &out, &errs)
	return code, out.String(), errs.String()
}

func TestExitCodes(t *testing.T) {
	t.Parallel()
	var errOut bytes.Buffer
	for _, tc := range []struct {
		err  error
		want int
	}{
		{nil, ExitOK},
		{usagef("bad"), ExitUsage},
		{ErrCheckFailed, ExitFailure},
		{errors.New("build failed"), ExitFailure},
	} {
		if got := report(&errOut, tc.err); got != tc.want {
			t.Errorf("report(%v) = %d, want %d", tc.err, got, tc.want)
		}
	}
}

func TestReportPrintsEachErrorOnce(t *testing.T) {
	t.Parallel()
	var w bytes.Buffer
	e := errors.New("content/a.md:3:1: broken")
	report(&w, errors.Join(e, e, errors.New("other")))
	if got, want := w.String(), "content/a.md:3:1: broken\nother\n"; got != want {
		t.Errorf("printed %q, want %q", got, want)
	}
}

// TestHugoFlags holds the links to Hugo's command tree: the flags dispatch
// borrows are Hugo's, parsed as Hugo parses them, and turned into the
// configuration keys Hugo makes of them.
func TestHugoFlags(t *testing.T) {
	tree, err := newHugoTree()
	if err != nil {
		t.Fatal(err)
	}
	for _, path := range []string{"build", "server", "deploy", "new content"} {
		if _, err := tree.command(path); err != nil {
			t.Errorf("hugo %s: %v", path, err)
		}
	}
	a, root, err := newApp(&env{ctx: context.Background(), stdout: &bytes.Buffer{}, stderr: &bytes.Buffer{}, dir: t.TempDir()})
	if err != nil {
		t.Fatal(err)
	}
	build, _, err := root.Find([]string{"build"})
	if err != nil {
		t.Fatal(err)
	}
	// Combined short flags, a list, and the forms Hugo accepts.
	if err := build.ParseFlags([]string{"-DF", "--themesDir", "..", "-t", "a,b", "--baseURL=https://x.example/", "--clock", "2026-01-02T03:04:05Z"}); err != nil {
		t.Fatal(err)
	}
	h := a.hugoFlags[build]
	if h == nil {
		t.Fatal("build has no Hugo flags")
	}
	conf := h.config()
	for key, want := range map[string]any{"buildDrafts": true, "buildFuture": true, "themesDir": "..",
		"baseURL": "https://x.example/", "internal.clock": "2026-01-02T03:04:05Z"} {
		if got := conf.Get(key); got != want {
			t.Errorf("config %s = %v, want %v", key, got, want)
		}
	}
	if got := conf.GetStringSlice("theme"); !slices.Equal(got, []string{"a", "b"}) {
		t.Errorf("config theme = %q", got)
	}
	args := h.args()
	for _, want := range []string{"--buildDrafts=true", "--buildFuture=true", "--themesDir=..", "--theme=a,b", "--baseURL=https://x.example/"} {
		if !slices.Contains(args, want) {
			t.Errorf("args %q lack %q", args, want)
		}
	}
}

func TestUsage(t *testing.T) {
	for _, tc := range []struct {
		args []string
		code int
		want string // in stdout or stderr
	}{
		{[]string{"biuld"}, ExitUsage, `unknown command "biuld"; did you mean "build"?`},
		{[]string{"build", "--bildDrafts"}, ExitUsage, "did you mean --buildDrafts?"},
		{[]string{}, ExitUsage, "no command given"},
		{[]string{"check", "--format", "yaml"}, ExitUsage, "--format must be text or json"},
		{[]string{"version", "extra"}, ExitUsage, "takes no arguments"},
		{[]string{"new"}, ExitUsage, "needs one article path"},
		{[]string{"build", "--help"}, ExitOK, "Hugo's flags, read as Hugo reads them"},
		{[]string{"help"}, ExitOK, "Commands:"},
	} {
		code, out, errs := run(t, tc.args...)
		if code != tc.code || !strings.Contains(out+errs, tc.want) {
			t.Errorf("dispatch %q: exit %d, want %d with %q\nstdout: %s\nstderr: %s", tc.args, code, tc.code, tc.want, out, errs)
		}
	}
}
