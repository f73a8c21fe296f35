package main

import (
	"context"
	"fmt"
	"os"
	"path/filepath"
)

// photoBuilds measures the first build of a site with a hero photo on each
// of its n articles, with no image cache (resources/_gen removed), against
// a build of the same site with the cache warm: their difference over n is
// the cold cost of one photo's variants.
func (b *bench) photoBuilds(ctx context.Context, n, rounds int) ([]*row, error) {
	site, err := b.corpusSite(n, n)
	if err != nil {
		return nil, err
	}
	out := filepath.Join(b.work, "out-photos")
	build := func(cold bool) job {
		return job{name: "photos", before: func() error {
			if cold {
				if err := os.RemoveAll(filepath.Join(site, "resources", "_gen")); err != nil {
					return err
				}
			}
			return os.RemoveAll(out)
		}, args: []string{b.dispatch, "hugo", "build", "--source", site, "--destination", out, "--quiet"}}
	}
	cold := &row{what: fmt.Sprintf("hugo build, Dispatch theme, %d photos, image cache cold", n), articles: n}
	warm := &row{what: fmt.Sprintf("hugo build, Dispatch theme, %d photos, image cache warm", n), articles: n}
	for round := range rounds {
		for _, r := range []*row{cold, warm} {
			s, err := build(r == cold).run(ctx)
			if err != nil {
				return nil, err
			}
			r.samples = append(r.samples, s)
			b.logf("photos %d, round %d: %-50s %6.1f s wall %6.1f s CPU %5d MB", n, round+1, r.what, s.wall.Seconds(), s.cpu.Seconds(), s.rss/1e6)
		}
	}
	per := &row{what: fmt.Sprintf("cold cost of one photo's variants (%d photos)", n), articles: n,
		value: fmt.Sprintf("%.0f ms wall, %.0f ms CPU",
			float64((median(cold.walls())-median(warm.walls())).Milliseconds())/float64(n),
			float64((median(cold.cpus())-median(warm.cpus())).Milliseconds())/float64(n))}
	var files, bytes int64
	_ = filepath.Walk(filepath.Join(site, "resources", "_gen", "images"), func(_ string, fi os.FileInfo, err error) error {
		if err == nil && !fi.IsDir() {
			files++
			bytes += fi.Size()
		}
		return nil
	})
	per.note = fmt.Sprintf("%d variant files, %d MB in resources/_gen/images (%.1f and %.0f kB a photo)",
		files, bytes/1e6, float64(files)/float64(n), float64(bytes)/1e3/float64(n))
	return []*row{cold, warm, per}, nil
}
