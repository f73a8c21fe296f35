package cli

import (
	"context"
	"fmt"
	"io"
	"time"

	"github.com/dispatch-news/dispatch/internal/publish"
)

func newBuildCommand() *command {
	c := &command{
		name: "build",
		args: "[HUGO BUILD FLAGS...]",
		short: "check the content, then build the site; public/ is replaced only\n" +
			"           when the whole build succeeded",
	}
	c.run = func(ctx context.Context, e *env, args []string) error {
		if commandHelp(e, c, args, hugoHelp("build")) {
			return nil
		}
		h, err := parseHugoArgs(args)
		if err != nil {
			return err
		}
		_, err = buildSite(e, h)
		return err
	}
	return c
}

// buildSite checks the content and builds the site into a fresh folder that
// then replaces the publish folder. It returns that folder.
func buildSite(e *env, h hugoArgs) (string, error) {
	s, err := loadSite(e, h)
	if err != nil {
		return "", err
	}
	if err := preflight(e, s, h.buildDrafts, true); err != nil {
		return "", err
	}
	dest := s.PublishDir
	if h.destination != "" {
		// Hugo reads --destination relative to the site's folder.
		dest = absJoin(s.Dir, h.destination)
	}
	start := time.Now()
	err = publish.Build(dest, func(dir string) error {
		args := append([]string{"build"}, h.rest...)
		return execHugo(append(args, "--destination", dir))
	})
	if err != nil {
		return "", err
	}
	fmt.Fprintf(e.stderr, "dispatch: published %s in %v\n", dest, time.Since(start).Round(time.Millisecond))
	return dest, nil
}

// hugoHelp prints the help of a Hugo command, whose flags pass through.
func hugoHelp(name string) func(io.Writer) {
	return func(w io.Writer) {
		fmt.Fprintf(w, "Hugo's flags pass through; here is \"hugo %s --help\":\n\n", name)
		_ = execHugo([]string{name, "--help"})
	}
}
