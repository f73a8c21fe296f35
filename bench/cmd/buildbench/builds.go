package main

import (
	"context"
	"fmt"
	"os"
	"path/filepath"
	"strings"
)

// buildRows are the build measurements at one corpus size.
type buildRows struct {
	n        int
	bare     *row // dispatch hugo build --quiet, bench/bare
	hugo     *row // dispatch hugo build --quiet, the theme
	dispatch *row // dispatch build, the theme
	check    *row // dispatch check, the content check alone
	variants []*row
}

func (br *buildRows) rows() []*row {
	return append([]*row{br.dispatch, br.hugo, br.bare, br.check}, br.variants...)
}

// builds measures the builds of an n-article corpus: each build is a
// process of its own, every kind once a round, in an order that rotates
// from round to round, after one untimed build of each that warms the
// image cache and the file cache.
func (b *bench) builds(ctx context.Context, n, images int, variants [][]string) (*buildRows, error) {
	site, err := b.corpusSite(n, images)
	if err != nil {
		return nil, err
	}
	bare, err := b.bareSite()
	if err != nil {
		return nil, err
	}
	outTheme := filepath.Join(b.work, "out-theme")
	outBare := filepath.Join(b.work, "out-bare")
	rm := func(dir string) func() error { return func() error { return os.RemoveAll(dir) } }
	dispatchBuild := func(env []string) job {
		return job{name: "dispatch build", env: env,
			args: []string{b.dispatch, "build", "--source", site, "--destination", filepath.Join(site, "public"), "--quiet"}}
	}
	jobs := []job{
		{name: "bare", before: rm(outBare),
			args: []string{b.dispatch, "hugo", "build", "--source", bare, "--contentDir", filepath.Join(site, "content"),
				"--destination", outBare, "--quiet"}},
		dispatchBuild(nil),
		{name: "theme", before: rm(outTheme),
			args: []string{b.dispatch, "hugo", "build", "--source", site, "--destination", outTheme, "--quiet"}},
		{name: "dispatch check", args: []string{b.dispatch, "check", "--source", site}},
	}
	br := &buildRows{n: n,
		bare:     &row{what: "hugo build, bare theme", articles: n},
		dispatch: &row{what: "dispatch build (check, Hugo, audit, swap)", articles: n},
		hugo:     &row{what: "hugo build, Dispatch theme", articles: n},
		check:    &row{what: "dispatch check", articles: n},
	}
	all := []*row{br.bare, br.dispatch, br.hugo, br.check}
	for _, env := range variants {
		jobs = append(jobs, dispatchBuild(env))
		r := &row{what: "dispatch build, " + strings.Join(env, " "), articles: n}
		br.variants = append(br.variants, r)
		all = append(all, r)
	}
	// One untimed build of the theme makes the image cache of the site
	// (shared by dispatch build) and brings the corpus into the file cache.
	b.logf("%d articles: warming up", n)
	if _, err := jobs[2].run(ctx); err != nil {
		return nil, err
	}
	for round := range b.rounds {
		for k := range jobs {
			i := (k + round) % len(jobs)
			s, err := jobs[i].run(ctx)
			if err != nil {
				return nil, err
			}
			all[i].samples = append(all[i].samples, s)
			b.logf("%d articles, round %d: %-28s %6.1f s wall %6.1f s CPU %5d MB load %.1f→%.1f",
				n, round+1, all[i].what, s.wall.Seconds(), s.cpu.Seconds(), s.rss/1e6, s.load[0], s.load[1])
		}
	}
	br.dispatch.pair(br.bare, 1.3, 1.1)
	br.hugo.pair(br.bare, 1.3, 1.1)
	// The check is the gate before every build: at most a tenth of a bare
	// build of the same content.
	br.check.pair(br.bare, 0.1, 0)
	for _, r := range br.variants {
		r.pair(br.bare, 0, 0)
		r.note = fmt.Sprintf("against dispatch build's own choice: %.2f× time, %.2f× RSS",
			ratioOfMedians(r, br.dispatch, false), ratioOfMedians(r, br.dispatch, true))
	}
	return br, nil
}

func ratioOfMedians(a, b *row, rss bool) float64 {
	if rss {
		return float64(median(a.rsss())) / float64(median(b.rsss()))
	}
	return float64(median(a.walls())) / float64(median(b.walls()))
}

// growth says how build time and peak RSS grow with the corpus: the slope
// between consecutive sizes, per 1,000 articles.
func growth(ns []int, builds map[int]*buildRows) []*row {
	var rows []*row
	for i := 1; i < len(ns); i++ {
		lo, hi := builds[ns[i-1]], builds[ns[i]]
		if lo == nil || hi == nil {
			continue
		}
		k := float64(ns[i]-ns[i-1]) / 1000
		for _, pick := range []func(*buildRows) *row{
			func(br *buildRows) *row { return br.dispatch },
			func(br *buildRows) *row { return br.hugo },
			func(br *buildRows) *row { return br.bare },
		} {
			a, z := pick(lo), pick(hi)
			dt := (median(z.walls()) - median(a.walls())).Seconds() / k
			dc := (median(z.cpus()) - median(a.cpus())).Seconds() / k
			dm := float64(median(z.rsss())-median(a.rsss())) / 1e6 / k
			rows = append(rows, &row{what: fmt.Sprintf("slope %d→%d: %s", ns[i-1], ns[i], z.what),
				value: fmt.Sprintf("%.2f s wall, %.2f s CPU, %.0f MB per 1,000 articles", dt, dc, dm)})
		}
	}
	return rows
}
