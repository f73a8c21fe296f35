package bench

import (
	"bytes"
	"context"
	"fmt"
	"os"
	"path/filepath"
	"testing"
	"time"

	"github.com/dispatch-news/dispatch/internal/cli"
	"github.com/dispatch-news/dispatch/internal/sitecheck"
	"github.com/dispatch-news/dispatch/internal/sitecopy"
)

// BenchmarkThemeVsBare builds the gencorpus corpus with the Dispatch theme
// and with the bare title-and-content theme in bench/bare, one after the
// other in each iteration, with the image cache warm, and reports both times
// and their ratio (the target is at most 1.4), and the gzipped weight of a
// corpus article (the target is at most 8 KB).
//
//	go run ./bench/gencorpus -n 10000 -images 200 -out /tmp/corpus
//	DISPATCH_CORPUS=/tmp/corpus go test -tags withdeploy -run '^$' -bench ThemeVsBare -benchtime 3x -timeout 60m ./bench
func BenchmarkThemeVsBare(b *testing.B) {
	corpus := os.Getenv("DISPATCH_CORPUS")
	if corpus == "" {
		b.Skip("set DISPATCH_CORPUS to a folder made by gencorpus")
	}
	content, err := filepath.Abs(filepath.Join(corpus, "content"))
	if err != nil {
		b.Fatal(err)
	}
	work := b.TempDir()
	ours := filepath.Join(work, "dispatch")
	bare := filepath.Join(work, "bare")
	// The Dispatch site: this repository's configuration and theme folders.
	if err := sitecopy.Parts("..", ours, "config.toml", "layouts", "assets", "i18n", "archetypes"); err != nil {
		b.Fatal(err)
	}
	if err := sitecopy.Tree("bare", bare); err != nil {
		b.Fatal(err)
	}
	build := func(site string) time.Duration {
		var out, errs bytes.Buffer
		start := time.Now()
		code := cli.Run(context.Background(), []string{"hugo", "build", "--source", site, "--contentDir", content,
			"--destination", filepath.Join(site, "public"), "--quiet"}, &out, &errs)
		if code != 0 {
			b.Fatalf("building %s: exit %d\n%s", site, code, errs.String())
		}
		return time.Since(start)
	}
	// Warm the image cache (and the file cache of the corpus).
	build(ours)
	build(bare)

	var tOurs, tBare time.Duration
	for b.Loop() {
		tOurs += build(ours)
		tBare += build(bare)
	}
	b.ReportMetric(tOurs.Seconds()/float64(b.N), "dispatch-s/op")
	b.ReportMetric(tBare.Seconds()/float64(b.N), "bare-s/op")
	b.ReportMetric(float64(tOurs)/float64(tBare), "ratio")

	// The weight of the first news article of the corpus.
	pub := filepath.Join(ours, "public")
	matches, _ := filepath.Glob(filepath.Join(pub, "news", "*", "*", "index.html"))
	if len(matches) == 0 {
		b.Fatal("no news article was built")
	}
	s, err := sitecheck.Open(pub, "https://dispatch.example/")
	if err != nil {
		b.Fatal(err)
	}
	rel, _ := filepath.Rel(pub, matches[0])
	w, err := s.Weigh(filepath.ToSlash(rel))
	if err != nil {
		b.Fatal(err)
	}
	b.ReportMetric(float64(w.Total()), "article-gzip-B")
	if testing.Verbose() {
		fmt.Printf("article %s: HTML %d + CSS %d + JS %d = %d B gzip\n", w.Page, w.HTML, w.CSS, w.JS, w.Total())
	}
}
