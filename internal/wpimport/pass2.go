package wpimport

import (
	"context"
	"fmt"
	"runtime"
	"sync"
)

// convertAll is the second pass. The file is read in one goroutine; posts
// are converted and their bundles written by workers, which overlap the
// many small writes. All posts of a bundle go to the same worker, in the
// file's order, so that a bundle is never shared and its files are the same
// whatever the timing.
func (imp *importer) convertAll(ctx context.Context, prog *progress, written map[int64]string) error {
	r, err := openWXR(imp.o.Export)
	if err != nil {
		return err
	}
	defer r.Close()
	type job struct {
		it *item
		p  *post
	}
	workers := 2 * runtime.GOMAXPROCS(0)
	queues := make([]chan job, workers)
	var wg sync.WaitGroup
	for w := range queues {
		queues[w] = make(chan job, 8)
		wg.Go(func() {
			for j := range queues[w] {
				if imp.failed() {
					continue // drain
				}
				if err := imp.convertOne(j.it, j.p, prog, written); err != nil {
					imp.fail(err)
				}
			}
		})
	}
	stop := func(err error) error {
		for _, q := range queues {
			close(q)
		}
		wg.Wait()
		if err == nil {
			imp.mu.Lock()
			err = imp.err
			imp.mu.Unlock()
		}
		return err
	}
	sinceSave := 0
	for {
		if err := ctx.Err(); err != nil {
			return stop(err)
		}
		if imp.failed() {
			return stop(nil)
		}
		it, err := r.next()
		if err != nil {
			return stop(err)
		}
		if it == nil {
			return stop(nil)
		}
		p := imp.x.byID[it.ID]
		if p == nil || !p.selected || it.Type != p.typ {
			continue
		}
		queues[p.b.worker%workers] <- job{it, p}
		if sinceSave++; sinceSave >= 1000 {
			sinceSave = 0
			if err := imp.saveManifest(); err != nil {
				return stop(err)
			}
		}
	}
}

// convertOne converts one post into its bundle, and writes the bundle when
// it has all its posts.
func (imp *importer) convertOne(it *item, p *post, prog *progress, written map[int64]string) error {
	b := p.b
	if _, done := b.docs[p.file]; done || b.docs == nil {
		return nil // the same id twice: the first one counts
	}
	doc, err := imp.document(it, p, b.files)
	if err != nil {
		return err
	}
	if imp.failed() { // a file of the bundle could not be staged
		return nil
	}
	b.docs[p.file] = doc
	imp.count(p)
	imp.mu.Lock()
	prog.step()
	imp.mu.Unlock()
	if b.pending--; b.pending > 0 {
		return nil
	}
	out, err := imp.commit(b)
	if err != nil {
		return fmt.Errorf("writing %s: %w", imp.contentPath(b.dir), err)
	}
	imp.tally(out)
	imp.mu.Lock()
	for _, id := range b.ids {
		written[id] = b.dir
	}
	imp.mu.Unlock()
	// The bundle's text is on disk now; only its address stays.
	b.docs, b.files = nil, nil
	return nil
}

// stat updates the summary, from any worker.
func (imp *importer) stat(f func(s *Summary)) {
	imp.mu.Lock()
	f(imp.summary)
	imp.mu.Unlock()
}

func (imp *importer) failed() bool {
	imp.mu.Lock()
	defer imp.mu.Unlock()
	return imp.err != nil
}

func (imp *importer) count(p *post) {
	imp.mu.Lock()
	defer imp.mu.Unlock()
	s := imp.summary
	if p.typ == "page" {
		s.Pages++
	} else {
		s.Posts++
	}
	if draftReason(p) != "" {
		s.Drafts++
	}
	if p.lang != imp.o.DefaultLanguage {
		s.Translations++
	}
}

func (imp *importer) tally(o outcome) {
	imp.mu.Lock()
	defer imp.mu.Unlock()
	switch o {
	case outNew:
		imp.summary.New++
	case outUpdated:
		imp.summary.Updated++
	case outUnchanged:
		imp.summary.Unchanged++
	case outKept:
		imp.summary.Kept++
	}
}
