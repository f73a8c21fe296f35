// Package bench holds the benchmarks behind the performance targets.
//
// BenchmarkCheckCorpus checks the gencorpus corpus; the target is under one
// second for 10,000 articles on a 2-core machine:
//
//	go run ../shared/bench/gencorpus/main.go -n 10000 -images 200 -out /tmp/corpus
//	DISPATCH_CORPUS=/tmp/corpus go test -tags withdeploy -run '^$' -bench CheckCorpus ./bench
package bench

import (
	"os"
	"testing"

	"github.com/dispatch-news/dispatch/internal/check"
)

func BenchmarkCheckCorpus(b *testing.B) {
	dir := os.Getenv("DISPATCH_CORPUS")
	if dir == "" {
		b.Skip("set DISPATCH_CORPUS to a folder made by gencorpus")
	}
	var files int
	for b.Loop() {
		r, err := check.Run(check.Options{Root: dir, ContentDirs: []string{"content"}})
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
