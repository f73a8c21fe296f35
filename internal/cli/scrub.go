package cli

import (
	"context"
	"errors"
	"flag"
	"fmt"
	"io"
	"io/fs"
	"os"
	"path/filepath"
	"strings"

	"github.com/dispatch-news/dispatch/internal/check"
	"github.com/dispatch-news/dispatch/internal/imagemeta"
)

func newScrubCommand() *command {
	c := &command{
		name:  "scrub",
		args:  "[--dry-run] PATH...",
		short: "remove GPS, serial numbers and names from photos, without re-encoding them",
	}
	c.run = func(ctx context.Context, e *env, args []string) error {
		fs := flag.NewFlagSet("scrub", flag.ContinueOnError)
		fs.SetOutput(io.Discard)
		dryRun := fs.Bool("dry-run", false, "say what would be removed; change nothing")
		help := func(w io.Writer) { fs.SetOutput(w); fs.PrintDefaults(); fs.SetOutput(io.Discard) }
		if commandHelp(e, c, args, help) {
			return nil
		}
		if err := fs.Parse(args); err != nil {
			return usagef("scrub: %v", err)
		}
		if fs.NArg() == 0 {
			return usagef("scrub: name the photos or folders to scrub")
		}
		var photos []string
		for _, p := range fs.Args() {
			found, err := check.FindPhotos(absJoin(e.dir, p))
			if err != nil {
				return fmt.Errorf("scrub: %s: %w", p, unwrapPathErr(err))
			}
			photos = append(photos, found...)
		}
		var failed []error
		scrubbed := 0
		for _, path := range photos {
			rel := relTo(e.dir, path)
			removed, err := scrubFile(path, *dryRun)
			if err != nil {
				failed = append(failed, fmt.Errorf("%s: %w", rel, err))
				continue
			}
			if len(removed) == 0 {
				continue
			}
			scrubbed++
			verb := "removed"
			if *dryRun {
				verb = "would remove"
			}
			var what []string
			for _, f := range removed {
				what = append(what, f.String())
			}
			fmt.Fprintf(e.stdout, "%s: %s %s\n", rel, verb, strings.Join(what, ", "))
		}
		verb := "scrubbed"
		if *dryRun {
			verb = "would scrub"
		}
		fmt.Fprintf(e.stderr, "dispatch: %s %d of %d photos; the pixels are untouched\n", verb, scrubbed, len(photos))
		return errors.Join(failed...)
	}
	return c
}

// scrubFile removes identifying metadata from one photo, replacing the file
// atomically: it is either the old file or the scrubbed one, never half.
func scrubFile(path string, dryRun bool) ([]imagemeta.Finding, error) {
	data, err := os.ReadFile(path)
	if err != nil {
		return nil, unwrapPathErr(err)
	}
	out, removed, err := imagemeta.Scrub(data)
	if err != nil || len(removed) == 0 || dryRun {
		return removed, err
	}
	fi, err := os.Stat(path)
	if err != nil {
		return nil, unwrapPathErr(err)
	}
	tmp, err := os.CreateTemp(filepath.Dir(path), ".scrub-*")
	if err != nil {
		return nil, err
	}
	defer os.Remove(tmp.Name())
	if _, err := tmp.Write(out); err != nil {
		tmp.Close()
		return nil, err
	}
	if err := tmp.Chmod(fi.Mode().Perm()); err != nil {
		tmp.Close()
		return nil, err
	}
	if err := tmp.Sync(); err != nil {
		tmp.Close()
		return nil, err
	}
	if err := tmp.Close(); err != nil {
		return nil, err
	}
	return removed, os.Rename(tmp.Name(), path)
}

func unwrapPathErr(err error) error {
	var pe *fs.PathError
	if errors.As(err, &pe) {
		return pe.Err
	}
	return err
}
