// Package bench holds the benchmarks behind the performance targets.
//
// BenchmarkCheckCorpus checks the gencorpus corpus; the target is under one
// second for 10,000 articles on a 2-core machine:
//
//	go run ./bench/gencorpus -n 10000 -images 200 -out /tmp/corpus
//	DISPATCH_CORPUS=/tmp/corpus go test -tags withdeploy -run '^$' -bench CheckCorpus ./bench
package bench

import (
	"fmt"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/dispatch-news/dispatch/internal/check"
	"github.com/dispatch-news/dispatch/internal/site"
)

func BenchmarkCheckCorpus(b *testing.B) {
	dir := os.Getenv("DISPATCH_CORPUS")
	if dir == "" {
		b.Skip("set DISPATCH_CORPUS to a folder made by gencorpus")
	}
	s, err := site.Load(site.Options{Dir: dir})
	if err != nil {
		b.Fatal(err)
	}
	var files int
	for b.Loop() {
		r, err := check.Run(check.Options{Site: s})
		if err != nil {
			b.Fatal(err)
		}
		if r.Errors() > 0 {
			b.Fatalf("the corpus has %d errors; first: %v", r.Errors(), r.Diagnostics[0])
		}
		files = r.Files
	}
	b.ReportMetric(float64(files), "files")
}

// BenchmarkCheckCorpusSaved is the check the preview runs after a save: a
// Run with the cache of the Run before it, one article changed since.
func BenchmarkCheckCorpusSaved(b *testing.B) {
	dir := os.Getenv("DISPATCH_CORPUS")
	if dir == "" {
		b.Skip("set DISPATCH_CORPUS to a folder made by gencorpus")
	}
	s, err := site.Load(site.Options{Dir: dir})
	if err != nil {
		b.Fatal(err)
	}
	articles, err := filepath.Glob(filepath.Join(dir, "content", "news", "*", "*", "index.md"))
	if err != nil || len(articles) == 0 {
		b.Fatalf("no news article in %s", dir)
	}
	saved := articles[len(articles)-1]
	original, err := os.ReadFile(saved)
	if err != nil {
		b.Fatal(err)
	}
	defer os.WriteFile(saved, original, 0o644)
	cache := &check.Cache{}
	if _, err := check.Run(check.Options{Site: s, Cache: cache}); err != nil {
		b.Fatal(err)
	}
	i := 0
	for b.Loop() {
		b.StopTimer()
		i++
		if err := os.WriteFile(saved, []byte(strings.Replace(string(original), "title: ", fmt.Sprintf("title: Saved %d ", i), 1)), 0o644); err != nil {
			b.Fatal(err)
		}
		b.StartTimer()
		r, err := check.Run(check.Options{Site: s, Cache: cache})
		if err != nil {
			b.Fatal(err)
		}
		if r.Errors() > 0 {
			b.Fatalf("%d errors; first: %v", r.Errors(), r.Diagnostics[0])
		}
	}
}
