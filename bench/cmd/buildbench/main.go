// Command buildbench measures Dispatch the way a newsroom runs it: every
// build, preview and check as its own process of the dispatch binary, on
// generated corpora of the same machine, the Dispatch theme and the bare
// title-and-content theme of bench/bare alternated in each round. It
// reports wall time, CPU time and peak RSS (from the rusage wait4 returns,
// which includes the Hugo child of dispatch build), their medians and
// spread, and the load average around each run, as one Markdown table.
//
//	go run ./bench/cmd/buildbench                     # everything: make bench
//	go run ./bench/cmd/buildbench -only build -n 10000 -rounds 3
//
// Phases (-only, comma-separated; all by default):
//
//	build    dispatch build of the theme, dispatch hugo build --quiet of the
//	         theme and of the bare theme, at each -n, image cache warm; at
//	         each -gc-n also dispatch build with each -gc-env
//	gobench  the check, audit and import Go benchmarks of bench/ (the
//	         corpus of the largest -n up to 10,000)
//	variants the cold cost and the size of each image variant the theme
//	         makes, on -variant-n photos
//	photos   cold builds (no image cache) of sites with a hero photo on
//	         every article, -photos of them
//	preview  dispatch server and dispatch hugo server of the bare theme at
//	         -preview-n: until the home page is served, and from saving an
//	         article to its new title being served
//
// A busy machine makes wall times noisy: compare the CPU column, and rerun
// on a quiet machine for the wall times; the table prints the load average.
package main

import (
	"context"
	"flag"
	"fmt"
	"io"
	"os"
	"os/exec"
	"os/signal"
	"path/filepath"
	"slices"
	"strconv"
	"strings"
	"time"
)

type bench struct {
	repo, work string
	dispatch   string // the dispatch binary
	rounds     int
	log        io.Writer
}

func (b *bench) logf(format string, args ...any) {
	fmt.Fprintf(b.log, "buildbench: "+format+"\n", args...)
}

func main() {
	var (
		repo       = flag.String("repo", ".", "the repository: its theme, config.toml and bench/bare are measured")
		work       = flag.String("work", filepath.Join(os.TempDir(), "dispatch-bench"), "folder for corpora, sites and outputs (kept between runs)")
		dispatch   = flag.String("dispatch", "", "the dispatch binary (default: built from -repo with -tags withdeploy)")
		sizes      = flag.String("n", "1000,10000,30000", "corpus sizes (articles)")
		images     = flag.Int("images", 200, "articles with a photo in each corpus")
		rounds     = flag.Int("rounds", 5, "rounds; each runs every build once, in a rotating order")
		only       = flag.String("only", "build,gobench,variants,photos,preview", "phases to run")
		gcSizes    = flag.String("gc-n", "10000,30000", "sizes at which dispatch build also runs with each -gc-env")
		gcEnvs     = flag.String("gc-env", "GOGC=100 GOMEMLIMIT=off", "semicolon-separated environments of dispatch build to compare with its own GC choice (Go's default here)")
		photos     = flag.String("photos", "1000", "photo counts of the cold image builds")
		photoRound = flag.Int("photo-rounds", 2, "rounds of the cold image builds")
		variantN   = flag.Int("variant-n", 100, "photos of the cold cost measurement of each variant")
		previewN   = flag.Int("preview-n", 10000, "corpus size of the preview measurements")
		edits      = flag.Int("edits", 3, "saves of an article per preview run")
		out        = flag.String("out", "", "also write the table to this file")
	)
	flag.Parse()
	ctx, stop := signal.NotifyContext(context.Background(), os.Interrupt)
	defer stop()

	b := &bench{rounds: *rounds, log: os.Stderr}
	var err error
	if b.repo, err = filepath.Abs(*repo); err != nil {
		fail(err)
	}
	if b.work, err = filepath.Abs(*work); err != nil {
		fail(err)
	}
	if err := os.MkdirAll(b.work, 0o755); err != nil {
		fail(err)
	}
	if b.dispatch, err = filepath.Abs(*dispatch); err != nil || *dispatch == "" {
		b.dispatch = filepath.Join(b.work, "dispatch")
		b.logf("building %s", b.dispatch)
		cmd := exec.Command("go", "build", "-tags", "withdeploy", "-o", b.dispatch, "./cmd/dispatch")
		cmd.Dir = b.repo
		if o, err := cmd.CombinedOutput(); err != nil {
			fail(fmt.Errorf("building dispatch: %v\n%s", err, o))
		}
	}
	phases := strings.Split(*only, ",")
	var rows []*row
	ns := ints(*sizes)
	gcN := ints(*gcSizes)
	var envs [][]string
	for _, e := range strings.Split(*gcEnvs, ";") {
		if e = strings.TrimSpace(e); e != "" {
			envs = append(envs, strings.Fields(e))
		}
	}
	// A phase that fails is reported and the others still run: the table
	// keeps what was measured, and the exit status says that one failed.
	var failed []string
	run := func(name string, f func() ([]*row, error)) {
		r, err := f()
		if err != nil {
			b.logf("%s failed: %v", name, err)
			failed = append(failed, name)
		}
		rows = append(rows, r...)
	}
	builds := map[int]*buildRows{}
	if slices.Contains(phases, "build") {
		for _, n := range ns {
			var variants [][]string
			if slices.Contains(gcN, n) {
				variants = envs
			}
			run(fmt.Sprintf("build (%d articles)", n), func() ([]*row, error) {
				br, err := b.builds(ctx, n, *images, variants)
				if err != nil {
					return nil, err
				}
				builds[n] = br
				return br.rows(), nil
			})
		}
		rows = append(rows, growth(ns, builds)...)
	}
	if slices.Contains(phases, "gobench") {
		n := 0
		for _, x := range ns {
			if x <= 10000 {
				n = max(n, x)
			}
		}
		var buildTime time.Duration
		if br := builds[n]; br != nil {
			buildTime = median(br.hugo.walls())
		}
		run("gobench", func() ([]*row, error) { return b.goBenchmarks(ctx, n, *images, buildTime) })
	}
	if slices.Contains(phases, "variants") {
		run("variants", func() ([]*row, error) { return b.photoVariants(ctx, *variantN, *photoRound) })
	}
	if slices.Contains(phases, "photos") {
		for _, n := range ints(*photos) {
			run(fmt.Sprintf("photos (%d)", n), func() ([]*row, error) { return b.photoBuilds(ctx, n, *photoRound) })
		}
	}
	if slices.Contains(phases, "preview") {
		run("preview", func() ([]*row, error) { return b.previews(ctx, *previewN, *images, *edits) })
	}

	host, _ := os.Hostname()
	header := fmt.Sprintf("Dispatch benchmarks, %s, %s, %d CPUs (buildbench -n %s -rounds %d -only %s)",
		time.Now().Format("2006-01-02 15:04"), host, numCPU(), *sizes, *rounds, *only)
	writeTable(os.Stdout, rows, header)
	if *out != "" {
		f, err := os.Create(*out)
		if err != nil {
			fail(err)
		}
		writeTable(f, rows, header)
		if err := f.Close(); err != nil {
			fail(err)
		}
	}
	if len(failed) > 0 {
		fail(fmt.Errorf("these phases failed, and are missing from the table or partly there: %s", strings.Join(failed, ", ")))
	}
}

func ints(s string) []int {
	var out []int
	for _, f := range strings.Split(s, ",") {
		if f = strings.TrimSpace(f); f == "" {
			continue
		}
		n, err := strconv.Atoi(f)
		if err != nil {
			fail(fmt.Errorf("not a number: %q", f))
		}
		out = append(out, n)
	}
	return out
}

func numCPU() int {
	b, err := os.ReadFile("/proc/cpuinfo")
	if err != nil {
		return 0
	}
	return strings.Count(string(b), "\nprocessor") + 1
}

func fail(err error) {
	fmt.Fprintln(os.Stderr, "buildbench:", err)
	os.Exit(1)
}
