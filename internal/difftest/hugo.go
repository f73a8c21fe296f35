package difftest

import (
	"bytes"
	"fmt"
	"net/url"
	"path"
	"path/filepath"
	"runtime/debug"
	"slices"
	"strings"
	"sync"
	"time"

	"github.com/bep/clocks"
	"github.com/bep/logg"
	"github.com/gohugoio/hugo/common/htime"
	"github.com/gohugoio/hugo/common/loggers"
	"github.com/gohugoio/hugo/config"
	"github.com/gohugoio/hugo/config/allconfig"
	"github.com/gohugoio/hugo/deps"
	"github.com/gohugoio/hugo/hugofs"
	"github.com/gohugoio/hugo/hugolib"
	"github.com/spf13/afero"
)

// Outcome is what Hugo did with a page.
type Outcome int

const (
	Fails        Outcome = iota + 1 // the build failed or panicked
	NotPublished                    // the build succeeded; the page's HTML is not in the output
	Published                       // the page's HTML is in the output
)

func (o Outcome) String() string {
	switch o {
	case Fails:
		return "fails"
	case NotPublished:
		return "not published"
	case Published:
		return "published"
	}
	return "?"
}

var setClock sync.Once

// hugoGlobals is held by whatever uses Hugo's global logger: a build, or
// loading a configuration (which replaces that logger).
var hugoGlobals sync.Mutex

// SetClock fixes the "now" of the embedded Hugo, as its --clock flag does.
// Hugo keeps its clock in a global, so it is set once for the process; a
// check that reads Hugo's clock (htime.Now) sees the same time.
func SetClock(now time.Time) {
	setClock.Do(func() { htime.Clock = clocks.Fixed(now) })
}

// hugoResult is the outcome of one build.
type hugoResult struct {
	err error
	// pages maps each content file (slash path inside content/) that Hugo
	// made a page of to whether that page's HTML is in the output.
	pages map[string]bool
	took  time.Duration // the build, without waiting for its turn
}

// buildHugo builds the site in dir with the embedded Hugo, as `hugo build`
// would but into memory, and says which content files it published. A
// panic is an error.
//
// Builds take turns: Hugo counts the errors of a global logger (where
// deprecations go) with each build's own, resets it at the start of every
// build and replaces it on every configuration load, so two builds at once
// fail each other or hide each other's errors (TestParallelBuildsAgree).
// The checks of other cases go on meanwhile.
func buildHugo(dir string) (res hugoResult) {
	hugoGlobals.Lock()
	defer hugoGlobals.Unlock()
	start := time.Now()
	defer func() {
		if r := recover(); r != nil {
			res = hugoResult{err: fmt.Errorf("panic: %v\n%s", r, firstLines(string(debug.Stack()), 30))}
		}
		res.took = time.Since(start)
	}()
	logBuf := &syncBuffer{}
	logger := loggers.New(loggers.Options{Level: logg.LevelWarn, StdOut: logBuf, StdErr: logBuf, DistinctLevel: logg.LevelWarn})
	flags := config.New()
	flags.Set("workingDir", dir)
	configs, err := allconfig.LoadConfig(allconfig.ConfigSourceDescriptor{
		Flags:  flags,
		Fs:     hugofs.Os,
		Logger: logger,
	})
	if err != nil {
		return hugoResult{err: withLog(err, logBuf)}
	}
	// Render to memory, as `hugo server --renderToMemory` does: nothing the
	// build writes is needed on disk, only the list of files.
	flags.Set("publishDir", configs.Base.PublishDir)
	flags.Set("publishDirStatic", "/")
	flags.Set("publishDirDynamic", "/")
	dest := afero.NewMemMapFs()
	fs := hugofs.NewFromSourceAndDestination(hugofs.Os, dest, flags)
	// Hugo makes its logger as for `hugo build`, writing to logBuf.
	h, err := hugolib.NewHugoSites(deps.DepsCfg{Configs: configs, Fs: fs, LogLevel: logg.LevelWarn, StdOut: logBuf, StdErr: logBuf})
	if err != nil {
		return hugoResult{err: withLog(err, logBuf)}
	}
	defer h.Close()
	if err := h.Build(hugolib.BuildCfg{}); err != nil {
		return hugoResult{err: withLog(err, logBuf)}
	}
	res.pages = map[string]bool{}
	contentDir := filepath.Join(dir, "content") + string(filepath.Separator)
	for _, p := range h.Pages() {
		f := p.File()
		if f == nil {
			continue
		}
		rel, ok := strings.CutPrefix(f.Filename(), contentDir)
		if !ok {
			continue
		}
		rel = filepath.ToSlash(rel)
		published := res.pages[rel]
		if !published {
			if hf := p.OutputFormats().Get("html"); hf.Format.Name != "" {
				published = slices.ContainsFunc(htmlFiles(hf.RelPermalink()), func(f string) bool { return exists(dest, f) })
			}
		}
		res.pages[rel] = published
	}
	return res
}

// withLog adds what Hugo logged to its error: "logged 1 error(s)" says
// little by itself.
func withLog(err error, log *syncBuffer) error {
	if l := strings.TrimSpace(log.String()); l != "" {
		return fmt.Errorf("%w\n%s", err, l)
	}
	return err
}

// syncBuffer is a buffer that Hugo's goroutines may write to at once.
type syncBuffer struct {
	mu sync.Mutex
	b  bytes.Buffer
}

func (s *syncBuffer) Write(p []byte) (int, error) {
	s.mu.Lock()
	defer s.mu.Unlock()
	return s.b.Write(p)
}

func (s *syncBuffer) String() string {
	s.mu.Lock()
	defer s.mu.Unlock()
	return s.b.String()
}

// htmlFiles are the files a page's HTML output at relPermalink may be
// written to. Hugo writes most pages as index.html in a folder, but a URL
// that looks like a file name as is ("/index.xml", and "/x; } #" too), and
// it escapes some characters in RelPermalink and not in the path ("%0a"
// stays as written): the page is published if any of them exists.
func htmlFiles(relPermalink string) []string {
	var files []string
	for _, p := range []string{relPermalink, unescape(relPermalink)} {
		files = append(files, p, path.Join(p, "index.html"))
	}
	return files
}

func unescape(p string) string {
	if u, err := url.PathUnescape(p); err == nil {
		return u
	}
	return p
}

func exists(fs afero.Fs, name string) bool {
	fi, err := fs.Stat(filepath.FromSlash(name))
	return err == nil && !fi.IsDir()
}

func firstLines(s string, n int) string {
	lines := strings.SplitAfter(s, "\n")
	if len(lines) > n {
		lines = lines[:n]
	}
	return strings.Join(lines, "")
}
