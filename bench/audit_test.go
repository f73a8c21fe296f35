package bench

import (
	"bytes"
	"context"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"github.com/dispatch-news/dispatch/internal/audit"
	"github.com/dispatch-news/dispatch/internal/cli"
	"github.com/dispatch-news/dispatch/internal/search"
	"github.com/dispatch-news/dispatch/internal/site"
	"github.com/dispatch-news/dispatch/internal/sitecopy"
)

// BenchmarkAuditSite audits a built site; the target is under 15% of the
// time of its build. With DISPATCH_CORPUS (a gencorpus folder) it builds
// that corpus with this theme first (in this process), times
// a second, warm build, and reports the audit's time, the build's and
// their ratio; with DISPATCH_SITE it audits that built folder alone:
//
//	go run ./bench/gencorpus -n 10000 -images 200 -out /tmp/corpus
//	DISPATCH_CORPUS=/tmp/corpus go test -tags withdeploy -run '^$' -bench AuditSite -benchtime 5x -timeout 30m ./bench
//	DISPATCH_SITE=/tmp/site/public go test -tags withdeploy -run '^$' -bench AuditSite ./bench
//
// The site is audited as dispatch build audits the example's: its base URL
// and mirrors, the three host files, and the search index if there is one.
func BenchmarkAuditSite(b *testing.B) {
	dir := os.Getenv("DISPATCH_SITE")
	var buildTime time.Duration
	if dir == "" {
		corpus := os.Getenv("DISPATCH_CORPUS")
		if corpus == "" {
			b.Skip("set DISPATCH_CORPUS to a folder made by gencorpus, or DISPATCH_SITE to a built site")
		}
		dir, buildTime = buildCorpus(b, corpus)
	}
	// As dispatch build audits it: the example's base URL and mirrors,
	// and the search index when the build made one.
	s, err := site.Load(site.Options{Dir: ".."})
	if err != nil {
		b.Fatal(err)
	}
	o := audit.Options{BaseURL: s.BaseURL, HostFiles: []string{"_headers", "_redirects", "nginx.conf"}}
	for _, u := range s.Mirrors() {
		o.Mirrors = append(o.Mirrors, u)
	}
	_, err = os.Stat(filepath.Join(dir, search.Dir))
	o = search.AuditOptions(o, err == nil)
	var r *audit.Report
	for b.Loop() {
		var err error
		if r, err = audit.Run(context.Background(), dir, o); err != nil {
			b.Fatal(err)
		}
	}
	if n := r.Errors(); n > 0 {
		var s strings.Builder
		r.WriteText(&s)
		b.Fatalf("the site has %d audit errors:\n%s", n, s.String())
	}
	b.ReportMetric(float64(r.Files), "files")
	b.ReportMetric(float64(r.Bytes)/(1<<20), "MB")
	if buildTime > 0 {
		perOp := b.Elapsed() / time.Duration(b.N)
		b.ReportMetric(buildTime.Seconds(), "build-s")
		b.ReportMetric(float64(perOp)/float64(buildTime), "audit/build")
	}
}

// buildCorpus builds a gencorpus corpus with this repository's theme and
// configuration into a temporary folder, twice (the first warms the image
// cache), and returns the output and the time of the second build.
func buildCorpus(b *testing.B, corpus string) (string, time.Duration) {
	content, err := filepath.Abs(filepath.Join(corpus, "content"))
	if err != nil {
		b.Fatal(err)
	}
	site := filepath.Join(b.TempDir(), "site")
	if err := sitecopy.Parts("..", site, "config.toml", "layouts", "assets", "i18n", "archetypes"); err != nil {
		b.Fatal(err)
	}
	public := filepath.Join(site, "public")
	var took time.Duration
	for range 2 {
		if err := os.RemoveAll(public); err != nil {
			b.Fatal(err)
		}
		var out, errs bytes.Buffer
		start := time.Now()
		code := cli.Run(context.Background(), []string{"hugo", "build", "--source", site, "--contentDir", content,
			"--destination", public, "--quiet"}, &out, &errs)
		if code != 0 {
			b.Fatalf("building the corpus: exit %d\n%s", code, errs.String())
		}
		took = time.Since(start)
	}
	return public, took
}
