package main

import (
	"context"
	"fmt"
	"os"
	"path/filepath"
	"strings"
	"time"
)

// photoSpecs are the image variants the theme makes or has made: Hugo
// resize specs, one a cold build.
var photoSpecs = []string{
	"480x webp q70", "800x webp q70", "1200x webp q70",
	"480x jpg q75", "800x jpg q75", "1200x jpg q75",
}

// variantLayout makes one variant of each article's photo, the one
// params.variant names, or none (only the photo's size is read) when it
// is empty.
const variantLayout = `{{ $v := site.Params.variant -}}
{{ with .Params.image }}{{ with $.Resources.Get .src }}{{ if $v }}{{ with .Resize $v }}{{ .RelPermalink }} {{ .Width }}{{ end }}{{ else }}{{ .Width }}{{ end }}{{ end }}{{ end }}
`

// photoVariants measures the cold cost and the size of each variant in
// photoSpecs on n photos (1600×1067 JPEGs from gencorpus): a build that
// makes that variant of every photo with no image cache, less a build that
// only reads their sizes, over n; each build a process of its own. The
// size is the mean of the files made, and the time to fetch it at
// 1.6 Mbit/s, the "slow 4G" of Lighthouse's mobile throttling.
func (b *bench) photoVariants(ctx context.Context, n, rounds int) ([]*row, error) {
	corpus, err := b.corpusSite(n, n)
	if err != nil {
		return nil, err
	}
	site := filepath.Join(b.work, "variants")
	if err := os.RemoveAll(site); err != nil {
		return nil, err
	}
	if err := os.MkdirAll(filepath.Join(site, "layouts", "_shortcodes"), 0o755); err != nil {
		return nil, err
	}
	config := "baseURL = \"https://variants.example/\"\ndisableKinds = [\"taxonomy\", \"term\", \"rss\", \"sitemap\", \"robotsTXT\", \"404\"]\n" +
		"[[cascade]]\n  [cascade.build]\n    publishResources = false\n"
	if err := os.WriteFile(filepath.Join(site, "hugo.toml"), []byte(config), 0o644); err != nil {
		return nil, err
	}
	// The example's about pages, which corpus sites copy, call mirrors.
	for name, text := range map[string]string{"single.html": variantLayout, "list.html": "{{ .Title }}\n", "_shortcodes/mirrors.html": ""} {
		if err := os.WriteFile(filepath.Join(site, "layouts", name), []byte(text), 0o644); err != nil {
			return nil, err
		}
	}
	out := filepath.Join(b.work, "out-variants")
	build := func(spec string) job {
		return job{name: "variant " + spec, env: []string{"HUGO_PARAMS_VARIANT=" + spec},
			before: func() error {
				if err := os.RemoveAll(filepath.Join(site, "resources")); err != nil {
					return err
				}
				return os.RemoveAll(out)
			},
			args: []string{b.dispatch, "hugo", "build", "--source", site, "--contentDir", filepath.Join(corpus, "content"),
				"--destination", out, "--quiet"}}
	}
	specs := append([]string{""}, photoSpecs...)
	rows := make([]*row, len(specs))
	for i, spec := range specs {
		what := "variant " + spec
		if spec == "" {
			what = "no variant (the photos' sizes read)"
		}
		rows[i] = &row{what: what, articles: n}
	}
	for round := range rounds {
		for k := range specs {
			i := (k + round) % len(specs)
			s, err := build(specs[i]).run(ctx)
			if err != nil {
				return nil, err
			}
			rows[i].samples = append(rows[i].samples, s)
			b.logf("variants, round %d: %-40s %6.1f s wall %6.1f s CPU", round+1, rows[i].what, s.wall.Seconds(), s.cpu.Seconds())
		}
	}
	var result []*row
	base := rows[0]
	for i, spec := range specs[1:] {
		r := rows[i+1]
		perWall := (median(r.walls()) - median(base.walls())) / time.Duration(n)
		perCPU := (median(r.cpus()) - median(base.cpus())) / time.Duration(n)
		r.value = fmt.Sprintf("%.0f ms wall, %.0f ms CPU a photo", float64(perWall.Microseconds())/1000, float64(perCPU.Microseconds())/1000)
		// Its size: one more build, its files measured.
		if _, err := build(spec).run(ctx); err != nil {
			return nil, err
		}
		if files, bytes := variantFiles(filepath.Join(site, "resources", "_gen", "images")); files > 0 {
			mean := float64(bytes) / float64(files)
			r.value += fmt.Sprintf("; %.1f kB, %.2f s at 1.6 Mbit/s", mean/1e3, mean*8/1.6e6)
		}
		r.what = "cold cost of the variant " + spec
		result = append(result, r)
	}
	return result, nil
}

// variantFiles counts the image files under dir and their bytes.
func variantFiles(dir string) (files, bytes int64) {
	_ = filepath.Walk(dir, func(path string, fi os.FileInfo, err error) error {
		if err == nil && !fi.IsDir() && !strings.HasSuffix(path, ".json") {
			files++
			bytes += fi.Size()
		}
		return nil
	})
	return files, bytes
}
