package search

import (
	"bytes"
	"context"
	"fmt"
	"io/fs"
	"os"
	"os/exec"
	"path/filepath"
	"regexp"
	"strconv"
	"strings"
	"time"
)

// Dir is the folder of the built site that holds the index, and the path
// under which pages load it ("/pagefind/pagefind.js").
const Dir = "pagefind"

// Selector marks what is indexed: the theme sets data-pagefind-body on the
// text of each article that is published and not taken out of search
// (search: false). Pages without it are not indexed at all, and a site
// where no page has it gets no index (Pagefind would otherwise index every
// page whole, navigation and all).
const Selector = "[data-pagefind-body]"

// Result says what Index did.
type Result struct {
	Pages, Languages int // as Pagefind reports them; 0 when it does not
	// Indexed is false when no page was marked for search: the site then
	// has no index.
	Indexed bool
	Took    time.Duration
}

// kept are the files of Pagefind's output that the search page uses: its
// JavaScript API, the entry file, each language's metadata and
// WebAssembly, and the index, fragment and filter chunks. The rest (its
// ready-made interfaces with their stylesheets, the highlighting script,
// the web worker, which the theme does not use) is removed, so that only
// what the theme loads is published.
var kept = regexp.MustCompile(`^(pagefind\.js|pagefind-entry\.json|pagefind\.[^/]+\.pf_meta|wasm\.[^/]+\.pagefind|` +
	`index/[^/]+\.pf_index|fragment/[^/]+\.pf_fragment|filter/[^/]+\.pf_filter)$`)

var (
	noIndex     = regexp.MustCompile(`not able to build an index`)
	indexedRe   = regexp.MustCompile(`Indexed (\d+) (pages|languages)`)
	pagefindEnv = regexp.MustCompile(`^(?i)pagefind_`)
)

// Index runs the Pagefind binary bin on the built site in site, which
// must not have a pagefind folder yet. Pagefind writes an index for each
// language of the pages (their <html lang>); then Index removes what the
// theme does not load. Pagefind's output is returned in the error when it
// fails.
func Index(ctx context.Context, bin, site string) (Result, error) {
	start := time.Now()
	out := filepath.Join(site, Dir)
	if _, err := os.Lstat(out); err == nil {
		return Result{}, fmt.Errorf("search: the built site has a %s folder already (from static/?): "+
			"the index would mix with it; remove it from the site", Dir)
	}
	// Pagefind reads a configuration file in its working folder and
	// PAGEFIND_ variables: it runs in an empty folder of its own, without
	// them, so that only these flags decide what it does.
	work, err := os.MkdirTemp("", "dispatch-pagefind-")
	if err != nil {
		return Result{}, err
	}
	defer os.RemoveAll(work)
	abs, err := filepath.Abs(site)
	if err != nil {
		return Result{}, err
	}
	cmd := exec.CommandContext(ctx, bin, "--site", abs, "--output-subdir", Dir, "--root-selector", Selector)
	cmd.Dir = work
	for _, kv := range os.Environ() {
		if !pagefindEnv.MatchString(kv) {
			cmd.Env = append(cmd.Env, kv)
		}
	}
	var output bytes.Buffer
	cmd.Stdout = &output
	cmd.Stderr = &output
	cmd.WaitDelay = 10 * time.Second
	err = cmd.Run()
	r := Result{Took: time.Since(start)}
	if err != nil {
		if ctx.Err() != nil {
			return r, ctx.Err()
		}
		if noIndex.Match(output.Bytes()) {
			// No page has the selector: nothing to search.
			return r, os.RemoveAll(out)
		}
		return r, fmt.Errorf("search: Pagefind (%s) failed: %v\n%s", bin, err, strings.TrimSpace(output.String()))
	}
	for _, m := range indexedRe.FindAllSubmatch(output.Bytes(), -1) {
		n, _ := strconv.Atoi(string(m[1]))
		if string(m[2]) == "pages" {
			r.Pages = n
		} else {
			r.Languages = n
		}
	}
	if err := prune(out); err != nil {
		return r, fmt.Errorf("search: %w", err)
	}
	r.Indexed = true
	r.Took = time.Since(start)
	return r, nil
}

// prune removes the files under out that are not kept, and the folders
// it empties.
func prune(out string) error {
	var dirs []string
	err := filepath.WalkDir(out, func(p string, d fs.DirEntry, err error) error {
		if err != nil {
			return err
		}
		rel, err := filepath.Rel(out, p)
		if err != nil {
			return err
		}
		rel = filepath.ToSlash(rel)
		switch {
		case d.IsDir():
			if rel != "." {
				dirs = append(dirs, p)
			}
		case !d.Type().IsRegular() || !kept.MatchString(rel):
			return os.Remove(p)
		}
		return nil
	})
	if err != nil {
		return err
	}
	for i := len(dirs) - 1; i >= 0; i-- {
		entries, err := os.ReadDir(dirs[i])
		if err != nil {
			return err
		}
		if len(entries) == 0 {
			if err := os.Remove(dirs[i]); err != nil {
				return err
			}
		}
	}
	if _, err := os.Stat(filepath.Join(out, "pagefind.js")); err != nil {
		return fmt.Errorf("pagefind wrote no pagefind.js: %w", err)
	}
	return nil
}
