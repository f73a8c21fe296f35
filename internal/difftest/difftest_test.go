package difftest

import (
	"cmp"
	"flag"
	"fmt"
	"maps"
	"os"
	"path/filepath"
	"runtime"
	"slices"
	"strconv"
	"strings"
	"testing"
	"time"
)

// The small set runs in `go test ./...`; the full set with
// -difftest.n 2000 (or DISPATCH_DIFFTEST_N=2000).
const (
	smallSeed = 1
	smallN    = 150
)

var (
	flagN    = flag.Int("difftest.n", envInt("DISPATCH_DIFFTEST_N", smallN), "how many cases to generate (env DISPATCH_DIFFTEST_N)")
	flagSeed = flag.Uint64("difftest.seed", uint64(envInt("DISPATCH_DIFFTEST_SEED", smallSeed)), "the generator's seed (env DISPATCH_DIFFTEST_SEED)")
	flagOut  = flag.String("difftest.out", os.Getenv("DISPATCH_DIFFTEST_OUT"), "where to save the disagreeing cases as txtar (default: a folder in TMPDIR)")
	flagCase = flag.String("difftest.case", "", "run only these txtar cases (a glob), such as saved disagreements")
	flagPar  = flag.Int("difftest.parallel", 0, "workers (default GOMAXPROCS)")
)

func envInt(name string, def int) int {
	if n, err := strconv.Atoi(os.Getenv(name)); err == nil {
		return n
	}
	return def
}

// now is the clock of every run, for Hugo and for the check.
var now = time.Date(2026, 1, 1, 0, 0, 0, 0, time.UTC)

func TestMain(m *testing.M) {
	// Hugo renders AsciiDoc, reStructuredText and Pandoc with external
	// programs; whether a machine has them must not change the outcome.
	// Without them, Hugo fails on those formats everywhere.
	os.Setenv("PATH", "")
	os.Exit(m.Run())
}

func options(t *testing.T) Options {
	return Options{Repo: "../..", WorkDir: t.TempDir(), Now: now, Parallel: *flagPar}
}

// TestDifferential generates the cases, checks and builds each, and fails
// on any disagreement, which it reports and saves as a txtar case.
func TestDifferential(t *testing.T) {
	var cases []Case
	if *flagCase != "" {
		files, err := filepath.Glob(*flagCase)
		if err != nil || len(files) == 0 {
			t.Fatalf("no case matches %q", *flagCase)
		}
		for _, f := range files {
			c, err := LoadCase(f)
			if err != nil {
				t.Fatal(err)
			}
			cases = append(cases, c)
		}
	} else {
		cases = Generate(*flagSeed, 0, *flagN)
		causes, err := loadCauses()
		if err != nil {
			t.Fatal(err)
		}
		cases = append(cases, causes...)
	}
	start := time.Now()
	o := options(t)
	if *flagN > smallN {
		o.Progress = func(done, total int) {
			if done%100 == 0 || done == total {
				fmt.Fprintf(os.Stderr, "difftest: %d/%d cases, %v\n", done, total, time.Since(start).Round(time.Second))
			}
		}
	}
	results, err := Run(o, cases)
	if err != nil {
		t.Fatal(err)
	}
	wall := time.Since(start)
	s := Summarize(results)
	t.Logf("seed %d, %d cases in %v (%v of work on %d workers)\n%s", *flagSeed, len(cases),
		wall.Round(time.Millisecond), s.Took.Round(time.Millisecond), cmp.Or(*flagPar, runtime.GOMAXPROCS(0)), s)
	for i := range results {
		if r := &results[i]; !r.Agrees() {
			t.Logf("\n%s", r.Report())
		}
	}
	t.Logf("causes suggested by the grammar's notes:\n%s", Causes(results))
	out := *flagOut
	if out == "" {
		out = filepath.Join(os.TempDir(), "dispatch-difftest", fmt.Sprintf("seed-%d", *flagSeed))
	}
	if s.Disagreements() > 0 {
		_ = os.RemoveAll(out)
		n, err := save(out, results)
		if err != nil {
			t.Fatal(err)
		}
		t.Logf("%d disagreeing cases saved as txtar in %s", n, out)
	}

	if s.Disagreements() > 0 {
		t.Errorf("%d of %d cases disagree", s.Disagreements(), s.Cases)
	}
}

// causesGlob are the minimal cases of each cause of disagreement found,
// run with every set: one line of why, then the files.
const causesGlob = "testdata/causes/*.txtar"

func loadCauses() ([]Case, error) {
	files, err := filepath.Glob(causesGlob)
	if err != nil {
		return nil, err
	}
	var cases []Case
	for _, f := range files {
		c, err := LoadCase(f)
		if err != nil {
			return nil, err
		}
		c.Name = "causes/" + c.Name
		cases = append(cases, c)
	}
	return cases, nil
}

// TestHarnessReadsBothSides pins what the harness reads from each side on
// cases whose fate nobody disputes, so that a broken probe or page lookup
// cannot pass for agreement. A verdict of 0 is not pinned: today's check
// and the rewritten one may differ there.
func TestHarnessReadsBothSides(t *testing.T) {
	const page = "news/2019/rice/index.md"
	tests := []struct {
		name    string
		set     map[string]string // front matter lines to replace or add, by key
		verdict Verdict
		outcome Outcome
	}{
		{"clean", nil, Publishable, Published},
		{"draft", map[string]string{"draft": "true"}, Draft, NotPublished},
		{"unknown tag", map[string]string{"tags": `["Pyongyang politics"]`}, Error, Published},
		{"draft with an unknown tag", map[string]string{"draft": "true", "tags": `["Pyongyang politics"]`}, Draft, NotPublished},
		{"future", map[string]string{"date": "2999-01-01T00:00:00+09:00"}, 0, NotPublished},
		{"expired", map[string]string{"expiryDate": "2001-01-01T00:00:00+09:00"}, 0, NotPublished},
		{"a date Hugo cannot read", map[string]string{"date": "2019-03-04 14:00"}, Error, Fails},
	}
	var cases []Case
	for _, tt := range tests {
		fields := [][2]string{{"title", `"Rice prices rise"`}, {"date", "2019-03-04T09:00:00+09:00"},
			{"authors", `["Dispatch Staff"]`}, {"description", `"Traders say rice costs more."`},
			{"tags", `["markets"]`}, {"regions", `["Hyesan"]`}}
		var b strings.Builder
		b.WriteString("---\n")
		for _, f := range fields {
			v, ok := tt.set[f[0]]
			if !ok {
				v = f[1]
			}
			fmt.Fprintf(&b, "%s: %s\n", f[0], v)
		}
		for _, k := range slices.Sorted(maps.Keys(tt.set)) {
			if !slices.ContainsFunc(fields, func(f [2]string) bool { return f[0] == k }) {
				fmt.Fprintf(&b, "%s: %s\n", k, tt.set[k])
			}
		}
		b.WriteString("---\n\nA report.\n")
		cases = append(cases, Case{Name: tt.name, Files: []File{{Name: page, Data: []byte(b.String())}}, Pages: []string{page}})
	}
	results, err := Run(options(t), cases)
	if err != nil {
		t.Fatal(err)
	}
	for i, tt := range tests {
		r := results[i]
		if got := r.Verdicts[page]; tt.verdict != 0 && got != tt.verdict {
			t.Errorf("%s: the check's verdict is %s, want %s\n%s", tt.name, got, tt.verdict, r.Report())
		}
		if got := r.Outcomes[page]; !slices.Equal(got, []Outcome{tt.outcome}) {
			t.Errorf("%s: Hugo's outcome is %v, want %s\n%s", tt.name, got, tt.outcome, r.Report())
		}
	}
}

// TestParallelBuildsAgree runs cases on two workers. Hugo keeps state in
// globals: a build counts the errors of the global logger (deprecations log
// there), which every build resets and every configuration load replaces.
// Two builds at once fail each other, or hide each other's errors; the
// outcome of a case must not depend on what runs beside it.
func TestParallelBuildsAgree(t *testing.T) {
	page := func(extra string) []byte {
		return []byte("---\ntitle: \"Rice\"\ndate: 2019-03-04T09:00:00+09:00\nauthors: [\"Dispatch Staff\"]\n" +
			"description: \"Rice costs more.\"\ntags: [\"markets\"]\n" + extra + "---\n\nA report.\n")
	}
	const name = "news/2019/rice/index.md"
	var cases []Case
	for i := range 12 {
		// _build was removed in Hugo 0.145: a deprecation error, in the
		// global logger.
		extra, want := "", Published
		if i%2 == 1 {
			extra, want = "_build:\n  list: always\n", Fails
		}
		cases = append(cases, Case{Name: fmt.Sprint(want), Files: []File{{Name: name, Data: page(extra)}}, Pages: []string{name}})
	}
	o := options(t)
	o.Parallel = 2
	results, err := Run(o, cases)
	if err != nil {
		t.Fatal(err)
	}
	for i, r := range results {
		if got := fmt.Sprint(r.Outcomes[name]); got != "["+cases[i].Name+"]" {
			t.Errorf("case %d: Hugo's outcome is %s, want %s\n%s", i, got, cases[i].Name, r.Report())
		}
	}
}
