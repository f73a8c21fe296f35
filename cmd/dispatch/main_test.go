package main

import (
	"archive/zip"
	"bytes"
	"compress/gzip"
	"context"
	"encoding/json"
	"fmt"
	"github.com/dispatch-news/dispatch/internal/imagemeta/imagetest"
	"github.com/dispatch-news/dispatch/internal/sitecopy"
	"io"
	"net"
	"net/http"
	"os"
	"path/filepath"
	"regexp"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/gohugoio/hugo/common/hugo"
	"github.com/rogpeppe/go-internal/testscript"

	"github.com/dispatch-news/dispatch/internal/cli"
	"github.com/dispatch-news/dispatch/internal/edition"
	"github.com/dispatch-news/dispatch/internal/search"
)

// TestMain lets the scripts run "dispatch" in-process, as Hugo's own
// main_test.go does for "hugo".
func TestMain(m *testing.M) {
	testscript.Main(m, map[string]func(){
		"dispatch": func() {
			os.Exit(cli.Run(context.Background(), os.Args[1:], os.Stdout, os.Stderr))
		},
	})
}

func TestScripts(t *testing.T) {
	testscript.Run(t, testscript.Params{
		Dir:                 "testdata/script",
		RequireExplicitExec: false,
		Setup:               setup,
		Cmds:                cmds,
		Condition: func(cond string) (bool, error) {
			if cond == "withdeploy" {
				return hugo.IsWithdeploy, nil
			}
			return false, fmt.Errorf("unknown condition %q", cond)
		},
	})
}

// repoRoot is the folder of the example site and the theme.
var repoRoot = func() string {
	wd, _ := os.Getwd()
	return filepath.Clean(filepath.Join(wd, "..", ".."))
}()

// pagefind is the Pagefind binary the scripts' builds run: the pinned one,
// from the user's cache (fetched into it the first time), found before
// the scripts move HOME.
var pagefind = sync.OnceValues(func() (string, error) {
	return search.Binary(context.Background(), search.OptionsFromEnv())
})

func setup(env *testscript.Env) error {
	bin, err := pagefind()
	if err != nil {
		return err
	}
	env.Setenv(search.EnvBinary, bin)
	env.Setenv("HUGO_TESTRUN", "true") // the server writes .ready and stops on /__stop
	env.Setenv("HUGO_CACHEDIR", filepath.Join(env.WorkDir, ".cache"))
	env.Setenv("REPO", repoRoot)
	env.Setenv("REPOBASE", filepath.Base(repoRoot))
	env.Setenv("HOME", filepath.Join(env.WorkDir, ".home"))
	return nil
}

var cmds = map[string]func(ts *testscript.TestScript, neg bool, args []string){
	// copysite DIR copies the example site (configuration, content, theme)
	// into DIR, so that scripts can break it without touching the repository.
	"copysite": func(ts *testscript.TestScript, neg bool, args []string) {
		if len(args) != 1 {
			ts.Fatalf("usage: copysite DIR")
		}
		ts.Check(sitecopy.Example(repoRoot, ts.MkAbs(args[0])))
	},
	// mkphoto FILE [SPEC...] writes a small JPEG, PNG or WebP file carrying
	// the metadata the spec words name (see imagetest.ParseSpec).
	"mkphoto": func(ts *testscript.TestScript, neg bool, args []string) {
		if len(args) < 1 {
			ts.Fatalf("usage: mkphoto FILE [SPEC...]")
		}
		sp, err := imagetest.ParseSpec(strings.Join(args[1:], " "))
		ts.Check(err)
		data, err := imagetest.File(args[0], sp)
		ts.Check(err)
		path := ts.MkAbs(args[0])
		ts.Check(os.MkdirAll(filepath.Dir(path), 0o755))
		ts.Check(os.WriteFile(path, data, 0o644))
	},
	// zgrep PATTERN FILE is grep for a file that a deploy target may have
	// stored gzipped.
	"zgrep": func(ts *testscript.TestScript, neg bool, args []string) {
		if len(args) != 2 {
			ts.Fatalf("usage: zgrep PATTERN FILE")
		}
		b, err := os.ReadFile(ts.MkAbs(args[1]))
		ts.Check(err)
		if zr, err := gzip.NewReader(bytes.NewReader(b)); err == nil {
			b, err = io.ReadAll(zr)
			ts.Check(err)
		}
		re, err := regexp.Compile(args[0])
		ts.Check(err)
		if re.Match(b) == neg {
			ts.Fatalf("zgrep %q %s: match is %v", args[0], args[1], !neg)
		}
	},
	// unzip ZIP DIR extracts a zip, refusing a name that leaves DIR.
	"unzip": func(ts *testscript.TestScript, neg bool, args []string) {
		if len(args) != 2 {
			ts.Fatalf("usage: unzip ZIP DIR")
		}
		zr, err := zip.OpenReader(ts.MkAbs(args[0]))
		ts.Check(err)
		defer zr.Close()
		dir := ts.MkAbs(args[1])
		for _, f := range zr.File {
			p := filepath.Join(dir, filepath.FromSlash(f.Name))
			if !strings.HasPrefix(p, dir+string(filepath.Separator)) {
				ts.Fatalf("%s: %q leaves the folder", args[0], f.Name)
			}
			rc, err := f.Open()
			ts.Check(err)
			b, err := io.ReadAll(rc)
			rc.Close()
			ts.Check(err)
			ts.Check(os.MkdirAll(filepath.Dir(p), 0o755))
			ts.Check(os.WriteFile(p, b, 0o644))
		}
	},
	// verifyedition ZIP HOST checks an offline edition as a receiver does
	// (edition.Verify): SHA256SUMS lists and matches every file, and every
	// link and load of every page is a file of the zip; a link to HOST, the
	// site's, should have been one.
	"verifyedition": func(ts *testscript.TestScript, neg bool, args []string) {
		if len(args) != 2 {
			ts.Fatalf("usage: verifyedition ZIP HOST")
		}
		zr, err := zip.OpenReader(ts.MkAbs(args[0]))
		ts.Check(err)
		defer zr.Close()
		problems, err := edition.Verify(&zr.Reader, args[1])
		ts.Check(err)
		if (len(problems) > 0) != neg {
			ts.Fatalf("%s: %d problems (want them: %v):\n%s", args[0], len(problems), neg, strings.Join(problems, "\n"))
		}
		for _, p := range problems {
			ts.Logf("%s", p)
		}
	},
	// sleep SECONDS gives a background process time to react, as in Hugo's
	// own scripts.
	"sleep": func(ts *testscript.TestScript, neg bool, args []string) {
		d, err := time.ParseDuration(args[0] + "s")
		ts.Check(err)
		time.Sleep(d)
	},
	// freeport NAME sets $NAME to a free TCP port on 127.0.0.1.
	"freeport": func(ts *testscript.TestScript, neg bool, args []string) {
		l, err := net.Listen("tcp", "127.0.0.1:0")
		ts.Check(err)
		port := l.Addr().(*net.TCPAddr).Port
		l.Close()
		ts.Setenv(args[0], fmt.Sprint(port))
	},
	// appendline FILE WORDS... appends the words, joined by spaces, as a line.
	"appendline": func(ts *testscript.TestScript, neg bool, args []string) {
		if len(args) < 2 {
			ts.Fatalf("usage: appendline FILE WORDS...")
		}
		f, err := os.OpenFile(ts.MkAbs(args[0]), os.O_APPEND|os.O_WRONLY, 0o644)
		ts.Check(err)
		_, err = fmt.Fprintln(f, strings.Join(args[1:], " "))
		ts.Check(err)
		ts.Check(f.Close())
	},
	// replace FILE OLD NEW replaces text in a file.
	"replace": func(ts *testscript.TestScript, neg bool, args []string) {
		if len(args) != 3 {
			ts.Fatalf("usage: replace FILE OLD NEW")
		}
		f := ts.MkAbs(args[0])
		b, err := os.ReadFile(f)
		ts.Check(err)
		if !bytes.Contains(b, []byte(args[1])) {
			ts.Fatalf("%s does not contain %q", args[0], args[1])
		}
		ts.Check(os.WriteFile(f, bytes.ReplaceAll(b, []byte(args[1]), []byte(args[2])), 0o644))
	},
	// waitServer waits for the .ready file that Hugo's server writes in
	// $WORK when HUGO_TESTRUN is set, and sets $BASEURL.
	"waitServer": func(ts *testscript.TestScript, neg bool, args []string) {
		ready := filepath.Join(ts.Getenv("WORK"), ".ready")
		deadline := time.Now().Add(60 * time.Second)
		for {
			b, err := os.ReadFile(ready)
			if err == nil {
				var info struct{ BaseURLs []string }
				if json.Unmarshal(b, &info) == nil && len(info.BaseURLs) > 0 {
					ts.Setenv("BASEURL", strings.TrimSuffix(info.BaseURLs[0], "/"))
					return
				}
			}
			if time.Now().After(deadline) {
				ts.Fatalf("the server did not start within 60s")
			}
			time.Sleep(100 * time.Millisecond)
		}
	},
	// httpget URL REGEXP... waits up to 10s for URL to answer 200 with a body
	// that matches every REGEXP (with !, that matches none).
	"httpget": func(ts *testscript.TestScript, neg bool, args []string) {
		if len(args) < 2 {
			ts.Fatalf("usage: httpget URL REGEXP...")
		}
		var last string
		deadline := time.Now().Add(10 * time.Second)
		for time.Now().Before(deadline) {
			ok, why := httpMatches(args[0], args[1:], neg)
			if ok {
				return
			}
			last = why
			time.Sleep(200 * time.Millisecond)
		}
		ts.Fatalf("%s: %s", args[0], last)
	},
	// httpstatus URL CODE [HOST] waits up to 10s for URL to answer with the
	// status CODE, sent with the Host header HOST if given.
	"httpstatus": func(ts *testscript.TestScript, neg bool, args []string) {
		if len(args) < 2 || len(args) > 3 {
			ts.Fatalf("usage: httpstatus URL CODE [HOST]")
		}
		var last string
		deadline := time.Now().Add(10 * time.Second)
		for time.Now().Before(deadline) {
			req, err := http.NewRequest(http.MethodGet, args[0], nil)
			ts.Check(err)
			if len(args) == 3 {
				req.Host = args[2]
			}
			resp, err := http.DefaultClient.Do(req)
			if err == nil {
				resp.Body.Close()
				last = resp.Status
				if fmt.Sprint(resp.StatusCode) == args[1] {
					return
				}
			} else {
				last = err.Error()
			}
			time.Sleep(200 * time.Millisecond)
		}
		ts.Fatalf("%s: %s, want %s", args[0], last, args[1])
	},
	// stopServer asks the server at $BASEURL to stop.
	"stopServer": func(ts *testscript.TestScript, neg bool, args []string) {
		resp, err := http.Head(ts.Getenv("BASEURL") + "/__stop")
		ts.Check(err)
		resp.Body.Close()
	},
}

func httpMatches(url string, patterns []string, neg bool) (bool, string) {
	resp, err := http.Get(url)
	if err != nil {
		return false, err.Error()
	}
	defer resp.Body.Close()
	body, _ := io.ReadAll(resp.Body)
	if resp.StatusCode != http.StatusOK {
		return false, resp.Status
	}
	for _, p := range patterns {
		want := !neg
		if q, ok := strings.CutPrefix(p, "!"); ok {
			p, want = q, neg
		}
		if regexp.MustCompile(p).Match(body) != want {
			return false, fmt.Sprintf("body match %q = %v", p, !want)
		}
	}
	return true, ""
}
