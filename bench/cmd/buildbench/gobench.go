package main

import (
	"context"
	"fmt"
	"os"
	"os/exec"
	"path/filepath"
	"regexp"
	"strconv"
	"time"
)

// goBenchmarks runs the Go benchmarks of bench/ that have targets of their
// own, compiled once, each in its own process: the content check of the
// n-article corpus, the output audit of its build, and the WordPress
// import of a genwxr export (10,000 posts, 2,000 photos).
func (b *bench) goBenchmarks(ctx context.Context, n, images int, build time.Duration) ([]*row, error) {
	site, err := b.corpusSite(n, images)
	if err != nil {
		return nil, err
	}
	test := filepath.Join(b.work, "bench.test")
	cmd := exec.CommandContext(ctx, "go", "test", "-c", "-tags", "withdeploy", "-o", test, "./bench")
	cmd.Dir = b.repo
	if o, err := cmd.CombinedOutput(); err != nil {
		return nil, fmt.Errorf("compiling the benchmarks: %v\n%s", err, o)
	}
	public := filepath.Join(site, "public")
	if _, err := os.Stat(filepath.Join(public, "index.html")); err != nil || build == 0 {
		b.logf("building %s for the audit", site)
		s, err := job{name: "dispatch build", args: []string{b.dispatch, "build", "--source", site, "--quiet"}}.run(ctx)
		if err != nil {
			return nil, err
		}
		build = s.wall
	}
	var rows []*row

	// The check: its own target, under a second for 10,000 articles.
	r, err := b.goBench(ctx, test, "CheckCorpus", "5x", []string{"DISPATCH_CORPUS=" + site}, `(\d+) ns/op`)
	if err != nil {
		return nil, err
	}
	ns, _ := strconv.ParseFloat(r[0], 64)
	check := time.Duration(ns)
	rows = append(rows, &row{what: "check.Run (Go benchmark, in-process)", articles: n,
		value: secs(check), target: "< 1 s", met: metIf(check < time.Second)})
	r, err = b.goBench(ctx, test, "CheckCorpusSaved", "5x", []string{"DISPATCH_CORPUS=" + site}, `(\d+) ns/op`)
	if err != nil {
		return nil, err
	}
	ns, _ = strconv.ParseFloat(r[0], 64)
	rows = append(rows, &row{what: "check.Run after a save, cache warm (the preview's re-check)", articles: n, value: secs(time.Duration(ns))})

	// The audit: under 15% of the build's time.
	r, err = b.goBench(ctx, test, "AuditSite", "5x", []string{"DISPATCH_SITE=" + public}, `(\d+) ns/op`)
	if err != nil {
		return nil, err
	}
	ns, _ = strconv.ParseFloat(r[0], 64)
	audit := time.Duration(ns)
	rows = append(rows, &row{what: "audit.Run of the built site (Go benchmark)", articles: n,
		value:  fmt.Sprintf("%s, %.0f%% of the theme's hugo build (%s)", secs(audit), 100*audit.Seconds()/build.Seconds(), secs(build)),
		target: "< 15% of the build", met: metIf(audit.Seconds() < 0.15*build.Seconds())})

	// The import, as a process of its own for its peak RSS.
	wxr := filepath.Join(b.work, "wxr-10000")
	if _, err := os.Stat(filepath.Join(wxr, "export.xml")); err != nil {
		b.logf("generating the WordPress export in %s", wxr)
		gen := exec.CommandContext(ctx, "go", "run", "./bench/genwxr", "-n", "10000", "-ko", "0.2", "-photos", "2000", "-out", wxr)
		gen.Dir = b.repo
		if o, err := gen.CombinedOutput(); err != nil {
			return nil, fmt.Errorf("genwxr: %v\n%s", err, o)
		}
	}
	imp := job{name: "import", dir: filepath.Join(b.repo, "bench"), env: []string{"DISPATCH_WXR=" + wxr},
		args: []string{test, "-test.run", "^$", "-test.bench", "ImportWordPress/first$", "-test.benchtime", "1x"}}
	is, err := imp.run(ctx)
	if err != nil {
		return nil, err
	}
	rows = append(rows, &row{what: "WordPress import, 10,000 posts, 2,000 photos (whole test process)", articles: 10000,
		samples: []sample{is}, target: "< 60 s, < 300 MB", met: metIf(is.wall < time.Minute && is.rss < 300e6)})
	return rows, nil
}

// goBench runs one benchmark of the compiled test binary and returns the
// submatches of re in its output.
func (b *bench) goBench(ctx context.Context, test, name, benchtime string, env []string, re string) ([]string, error) {
	b.logf("go benchmark %s", name)
	cmd := exec.CommandContext(ctx, test, "-test.run", "^$", "-test.bench", "^Benchmark"+name+"$", "-test.benchtime", benchtime, "-test.timeout", "60m")
	cmd.Dir = filepath.Join(b.repo, "bench")
	cmd.Env = append(os.Environ(), env...)
	out, err := cmd.CombinedOutput()
	if err != nil {
		return nil, fmt.Errorf("benchmark %s: %v\n%s", name, err, tail(string(out), 30))
	}
	m := regexp.MustCompile(`Benchmark` + name + `\S*\s+\d+\s+.*?` + re).FindStringSubmatch(string(out))
	if m == nil {
		return nil, fmt.Errorf("benchmark %s: no result in\n%s", name, tail(string(out), 30))
	}
	return m[1:], nil
}

func metIf(ok bool) string {
	if ok {
		return "met"
	}
	return "NOT met"
}
