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
// per post (the site copy is not timed). Peak memory: run the compiled
// benchmark under /usr/bin/time -v:
//
//	go run ./bench/genwxr -n 10000 -ko 0.2 -photos 2000 -out /tmp/wxr
//	go test -tags withdeploy -c -o /tmp/bench.test ./bench
//	DISPATCH_WXR=/tmp/wxr /usr/bin/time -v /tmp/bench.test -test.run '^$' -test.bench ImportWordPress -test.benchtime 1x
//
// The "rerun" sub-benchmark imports the same export a second time into the
// same site, which must write nothing.
func BenchmarkImportWordPress(b *testing.B) {
	dir := os.Getenv("DISPATCH_WXR")
	if dir == "" {
		b.Skip("set DISPATCH_WXR to a folder made by genwxr")
	}
	setup := func(b *testing.B) wpimport.Options {
		b.Helper()
		root := b.TempDir()
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
	b.Run("first", func(b *testing.B) {
		var sum *wpimport.Summary
		var o wpimport.Options
		for i := 0; i < b.N; i++ {
			b.StopTimer()
			o = setup(b)
			b.StartTimer()
			sum = run(b, o)
		}
		b.StopTimer()
		report(b, sum)
		b.Logf("%s", sum)
		// The imported site passes the content checks.
		s, err := site.Load(site.Options{Dir: o.SiteRoot})
		if err != nil {
			b.Fatal(err)
		}
		r, err := check.Run(check.Options{Root: s.Dir, ContentDirs: s.ContentDirs, ArticleSections: s.MainSections,
			LayoutDirs: s.LayoutDirs, ImageDirs: s.ImageDirs, Languages: s.Languages, DefaultLanguage: s.DefaultLanguage})
		if err != nil {
			b.Fatal(err)
		}
		if r.Errors() > 0 {
			r.Sort()
			b.Fatalf("dispatch check after the import: %d errors; first: %v", r.Errors(), r.Diagnostics[0])
		}
	})
	b.Run("rerun", func(b *testing.B) {
		o := setup(b)
		run(b, o)
		b.ResetTimer()
		var sum *wpimport.Summary
		for i := 0; i < b.N; i++ {
			sum = run(b, o)
			if sum.New != 0 || sum.Updated != 0 {
				b.Fatalf("a rerun wrote bundles: %s", sum)
			}
		}
		report(b, sum)
	})
}
