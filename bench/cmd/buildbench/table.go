package main

import (
	"fmt"
	"io"
	"math"
	"slices"
	"strings"
	"time"
)

// row is one line of the table: a measurement and its samples.
type row struct {
	what     string
	articles int
	samples  []sample
	// ratio, when set, is the median of this row's runs divided by the
	// paired runs (same round) of another row, and what that row is.
	ratio   []float64
	ratioOf string
	rssOf   []float64 // peak RSS divided by the paired run's
	target  string    // the target, as text, and whether it was met
	met     string
	// value replaces the time columns for measurements that are not a
	// process run (Go benchmarks): already formatted.
	value string
	note  string
}

func median[T int64 | float64 | time.Duration](xs []T) T {
	if len(xs) == 0 {
		return 0
	}
	s := slices.Clone(xs)
	slices.Sort(s)
	if len(s)%2 == 1 {
		return s[len(s)/2]
	}
	return (s[len(s)/2-1] + s[len(s)/2]) / 2
}

func (r *row) walls() []time.Duration {
	var d []time.Duration
	for _, s := range r.samples {
		d = append(d, s.wall)
	}
	return d
}

func (r *row) cpus() []time.Duration {
	var d []time.Duration
	for _, s := range r.samples {
		d = append(d, s.cpu)
	}
	return d
}

func (r *row) rsss() []int64 {
	var d []int64
	for _, s := range r.samples {
		d = append(d, s.rss)
	}
	return d
}

func (r *row) loads() (lo, hi float64) {
	lo, hi = math.Inf(1), math.Inf(-1)
	for _, s := range r.samples {
		for _, l := range s.load {
			lo, hi = min(lo, l), max(hi, l)
		}
	}
	return lo, hi
}

func secs(d time.Duration) string {
	if d < 10*time.Second {
		return fmt.Sprintf("%.2f s", d.Seconds())
	}
	return fmt.Sprintf("%.1f s", d.Seconds())
}

func mb(b int64) string { return fmt.Sprintf("%d MB", b/1e6) }

// writeTable writes the rows as one Markdown table.
func writeTable(w io.Writer, rows []*row, header string) {
	fmt.Fprintln(w, header)
	fmt.Fprintln(w)
	fmt.Fprintln(w, "| what | articles | runs | median | min–max | CPU (median) | peak RSS (median) | ratio (paired, median) | target | load 1 min |")
	fmt.Fprintln(w, "| --- | ---: | ---: | ---: | ---: | ---: | ---: | --- | --- | --- |")
	for _, r := range rows {
		n := "–"
		if r.articles > 0 {
			n = fmt.Sprintf("%d", r.articles)
		}
		if r.value != "" || len(r.samples) == 0 {
			fmt.Fprintf(w, "| %s | %s | %d | %s | | | | | %s | |\n", r.what, n, len(r.samples), r.value, strings.TrimSpace(r.target+" "+r.met))
			continue
		}
		walls := r.walls()
		ratio := ""
		if len(r.ratio) > 0 {
			ratio = fmt.Sprintf("%.2f× time", median(r.ratio))
			if len(r.rssOf) > 0 {
				ratio += fmt.Sprintf(", %.2f× RSS", median(r.rssOf))
			}
			ratio += " of " + r.ratioOf
		}
		lo, hi := r.loads()
		fmt.Fprintf(w, "| %s | %s | %d | %s | %s–%s | %s | %s | %s | %s | %.1f–%.1f |\n",
			r.what, n, len(r.samples), secs(median(walls)), secs(slices.Min(walls)), secs(slices.Max(walls)),
			secs(median(r.cpus())), mb(median(r.rsss())), ratio, strings.TrimSpace(r.target+" "+r.met), lo, hi)
	}
	for _, r := range rows {
		if r.note != "" {
			fmt.Fprintf(w, "\n%s: %s", r.what, r.note)
		}
	}
	fmt.Fprintln(w)
}

// pair sets r's ratios against base, run by run (the same round).
func (r *row) pair(base *row, targetTime, targetRSS float64) {
	r.ratioOf = base.what
	for i := range min(len(r.samples), len(base.samples)) {
		r.ratio = append(r.ratio, float64(r.samples[i].wall)/float64(base.samples[i].wall))
		if base.samples[i].rss > 0 {
			r.rssOf = append(r.rssOf, float64(r.samples[i].rss)/float64(base.samples[i].rss))
		}
	}
	if targetTime > 0 {
		r.target = fmt.Sprintf("≤ %.2g× time", targetTime)
		ok := median(r.ratio) <= targetTime
		if targetRSS > 0 {
			r.target += fmt.Sprintf(", ≤ %.2g× RSS", targetRSS)
			ok = ok && median(r.rssOf) <= targetRSS
		}
		r.met = map[bool]string{true: "met", false: "NOT met"}[ok]
	}
}
