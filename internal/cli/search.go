package cli

import (
	"context"
	"fmt"
	"time"

	"github.com/spf13/cobra"

	"github.com/dispatch-news/dispatch/internal/search"
)

// addSearchFlag adds --search to a command that builds the site.
func (a *app) addSearchFlag(c *cobra.Command) {
	c.Flags().BoolVar(&a.search, "search", true, "index the built site with Pagefind for its search pages; "+
		"--search=false builds without an index (the search pages then only link to the tags, regions and archive)")
}

// indexSearch runs Pagefind on the fresh build in dir, unless --search=false.
// It fetches Pagefind the first time (see internal/search). It says
// whether there is an index, and how long it took to make.
func (a *app) indexSearch(ctx context.Context, dir string) (search.Result, error) {
	if !a.search {
		return search.Result{}, nil
	}
	o := search.OptionsFromEnv()
	o.Log = a.e.stderr
	bin, err := search.Binary(ctx, o)
	if err != nil {
		return search.Result{}, fmt.Errorf("search: %w", err)
	}
	r, err := search.Index(ctx, bin, dir)
	if err == nil && !r.Indexed {
		fmt.Fprintln(a.e.stderr, "dispatch: warning: no page is marked for search (data-pagefind-body), so the site has no search index")
	}
	return r, err
}

// searchNote says, for the build's last line, what the index took.
func searchNote(r search.Result) string {
	if !r.Indexed {
		return ""
	}
	return fmt.Sprintf("the search index of %s took %v, ", plural(r.Pages, "page", "pages"), r.Took.Round(time.Millisecond))
}
