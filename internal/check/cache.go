package check

import (
	"fmt"
	"os"
	"path/filepath"
	"slices"
	"sort"
	"strings"
	"sync"
	"time"
)

// Cache keeps what Run found in each file, for a preview that checks the
// site again every time a file is saved: a file whose size and time of
// change are as they were, in a folder whose time of change is as it was
// (a photo added to or removed from a bundle changes it), is not read or
// checked again; the checks across pages still run on every page. A change
// of the vocabulary or of the shortcodes' templates empties the cache. The
// zero value is ready to use; a Cache may be used by one Run at a time.
type Cache struct {
	mu     sync.Mutex
	rules  string
	pages  map[string]cached[result]
	photos map[string]cached[photoResult]
}

type cached[T any] struct {
	stamp fileStamp
	value T
}

type photoResult struct {
	diags []Diagnostic
	media bool
}

// fileStamp is what tells that a file, or the folder it is in, changed:
// besides sizes and times of change, which a program can set back (cp -p,
// rsync -t), the inode and its change time, which it cannot.
type fileStamp struct {
	size          int64
	mod, dirMod   time.Time
	ino, dirIno   uint64
	ctime, dirCtm int64
	statFailed    bool
	dirStatFailed bool
}

func stampOf(path string) fileStamp {
	var s fileStamp
	if fi, err := os.Stat(path); err == nil {
		s.size, s.mod = fi.Size(), fi.ModTime()
		s.ino, s.ctime = changed(fi)
	} else {
		s.statFailed = true
	}
	if fi, err := os.Stat(filepath.Dir(path)); err == nil {
		s.dirMod = fi.ModTime()
		s.dirIno, s.dirCtm = changed(fi)
	} else {
		s.dirStatFailed = true
	}
	return s
}

// reset empties the cache if the rules it was filled with are not r's.
func (c *Cache) reset(r *rules) {
	key := r.fingerprint()
	c.mu.Lock()
	defer c.mu.Unlock()
	if c.rules != key || c.pages == nil {
		c.rules = key
		c.pages = map[string]cached[result]{}
		c.photos = map[string]cached[photoResult]{}
	}
}

// checkFile is checkFile, from the cache when the file has not changed.
func (c *Cache) checkFile(r *rules, f source) result {
	if c == nil || f.problem != nil {
		return checkFile(r, f)
	}
	stamp := stampOf(f.abs)
	c.mu.Lock()
	hit, ok := c.pages[f.abs]
	c.mu.Unlock()
	if ok && hit.stamp == stamp && !stamp.statFailed {
		res := hit.value
		// crossCheck appends to the diagnostics, Run changes their
		// severity: each run gets its own.
		res.diags = slices.Clone(res.diags)
		return res
	}
	res := checkFile(r, f)
	keep := res
	keep.diags = slices.Clone(res.diags)
	c.mu.Lock()
	c.pages[f.abs] = cached[result]{stamp, keep}
	c.mu.Unlock()
	return res
}

// checkPhoto is checkPhoto, from the cache when the file has not changed.
func (c *Cache) checkPhoto(r *rules, path string) ([]Diagnostic, bool) {
	if c == nil {
		return checkPhoto(r, path)
	}
	stamp := stampOf(path)
	c.mu.Lock()
	hit, ok := c.photos[path]
	c.mu.Unlock()
	if ok && hit.stamp == stamp && !stamp.statFailed {
		return slices.Clone(hit.value.diags), hit.value.media
	}
	diags, media := checkPhoto(r, path)
	c.mu.Lock()
	c.photos[path] = cached[photoResult]{stamp, photoResult{slices.Clone(diags), media}}
	c.mu.Unlock()
	return diags, media
}

// fingerprint is what the results of the checks depend on besides the
// files: the vocabulary and the shortcodes' documented arguments.
func (r *rules) fingerprint() string {
	var b strings.Builder
	fmt.Fprintf(&b, "%v\n", r.vocab)
	names := make([]string, 0, len(r.shortcodes))
	for n := range r.shortcodes {
		names = append(names, n)
	}
	sort.Strings(names)
	for _, n := range names {
		if d := r.shortcodes[n]; d != nil {
			fmt.Fprintf(&b, "%s %+v\n", n, *d)
		}
	}
	return b.String()
}
