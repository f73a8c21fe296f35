package bench

import (
	"context"
	"os"
	"strings"
	"testing"

	"github.com/dispatch-news/dispatch/internal/audit"
)

// BenchmarkAuditSite audits a built site, such as the public/ folder of a
// gencorpus site built with this theme; the target is under 15% of the
// time of its build (dispatch build prints that time):
//
//	go run ./bench/gencorpus -n 10000 -images 200 -out /tmp/corpus
//	(make it a site as verify/run.sh's corpus_site does, then)
//	dispatch build --source /tmp/corpus
//	DISPATCH_SITE=/tmp/corpus/public go test -tags withdeploy -run '^$' -bench AuditSite ./bench
//
// The site is audited as the example's configuration publishes it: the
// base URL https://dispatch.example/ and the three host files.
func BenchmarkAuditSite(b *testing.B) {
	dir := os.Getenv("DISPATCH_SITE")
	if dir == "" {
		b.Skip("set DISPATCH_SITE to a built site's folder")
	}
	o := audit.Options{
		BaseURL:   "https://dispatch.example/",
		HostFiles: []string{"_headers", "_redirects", "nginx.conf"},
	}
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
}
