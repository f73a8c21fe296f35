package bench

import (
	"context"
	"os"
	"path/filepath"
	"testing"

	"github.com/dispatch-news/dispatch/internal/check"
	"github.com/dispatch-news/dispatch/internal/site"
	"github.com/dispatch-news/dispatch/internal/sitecopy"
	"github.com/dispatch-news/dispatch/internal/wpimport"
)

// BenchmarkImportWordPress imports a genwxr export into a fresh copy of the
// example site; the target is under 60 seconds and 300 MB for 10,000 posts
// (20% translated, 2,000 photos) on a 2-core machine. It reports the time
// per post (the site copy is not timed). Peak memory of the import alone:
// run the compiled benchmark's first sub-benchmark under /usr/bin/time -v:
//
//	go run ./bench/genwxr -n 10000 -ko 0.2 -photos 2000 -out /tmp/wxr
//	go test -tags withdeploy -c -o /tmp/bench.test ./bench
//	DISPATCH_WXR=/tmp/wxr /usr/bin/time -v /tmp/bench.test -test.run '^$' -test.bench 'ImportWordPress/first$' -test.benchtime 1x
//
// "rerun" imports the same export into the same site again, which must
// write nothing; "check" runs the content checks on the imported site,
// which must find no error.
func BenchmarkImportWordPress(b *testing.B) {
	dir := os.Getenv("DISPATCH_WXR")
	if dir == "" {
		b.Skip("set DISPATCH_WXR to a folder made by genwxr")
	}
	parent := b
	setup := func(b *testing.B) wpimport.Options {
		b.Helper()
		root := parent.TempDir() // kept for the sub-benchmarks after "first"
		if err := sitecopy.Example("..", root); err != nil {
			b.Fatal(err)
		}
		s, err := site.Load(site.Options{Dir: root})
		if err != nil {
			b.Fatal(err)
		}
		o, err := wpimport.SiteOptions(s)
		if err != nil {
			b.Fatal(err)
		}
		o.Export = filepath.Join(dir, "export.xml")
		o.Uploads = filepath.Join(dir, "uploads")
		return o
	}
	run := func(b *testing.B, o wpimport.Options) *wpimport.Summary {
		sum, err := wpimport.Run(context.Background(), o)
		if err != nil {
			b.Fatal(err)
		}
		return sum
	}
	report := func(b *testing.B, sum *wpimport.Summary) {
		posts := float64(sum.Posts + sum.Pages)
		b.ReportMetric(posts, "posts")
		b.ReportMetric(float64(sum.Photos), "photos")
		b.ReportMetric(float64(b.Elapsed().Microseconds())/1000/float64(b.N)/posts, "ms/post")
	}
	// The site of the last import, for the sub-benchmarks after it.
	var imported wpimport.Options
	b.Run("first", func(b *testing.B) {
		var sum *wpimport.Summary
		for i := 0; i < b.N; i++ {
			b.StopTimer()
			imported = setup(b)
			b.StartTimer()
			sum = run(b, imported)
		}
		b.StopTimer()
		report(b, sum)
		b.Logf("%s", sum)
	})
	b.Run("rerun", func(b *testing.B) {
		if imported.SiteRoot == "" {
			b.Skip("run with the first sub-benchmark")
		}
		var sum *wpimport.Summary
		for i := 0; i < b.N; i++ {
			sum = run(b, imported)
			if sum.New != 0 || sum.Updated != 0 {
				b.Fatalf("a rerun wrote bundles: %s", sum)
			}
		}
		report(b, sum)
	})
	// The imported site passes the content checks (not the import's time
	// or memory: measure those with -test.bench 'ImportWordPress/first$').
	b.Run("check", func(b *testing.B) {
		if imported.SiteRoot == "" {
			b.Skip("run with the first sub-benchmark")
		}
		s, err := site.Load(site.Options{Dir: imported.SiteRoot})
		if err != nil {
			b.Fatal(err)
		}
		for i := 0; i < b.N; i++ {
			r, err := check.Run(check.Options{Site: s})
			if err != nil {
				b.Fatal(err)
			}
			if r.Errors() > 0 {
				r.Sort()
				b.Fatalf("dispatch check after the import: %d errors; first: %v", r.Errors(), r.Diagnostics[0])
			}
		}
	})
}
