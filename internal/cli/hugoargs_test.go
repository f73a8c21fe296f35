package cli

import (
	"errors"
	"slices"
	"testing"
)

func TestParseHugoArgs(t *testing.T) {
	t.Parallel()
	for _, tc := range []struct {
		name string
		args []string
		want hugoArgs
	}{
		{"empty", nil, hugoArgs{}},
		{"long with space", []string{"--destination", "out", "--minify"},
			hugoArgs{destination: "out", rest: []string{"--minify"}}},
		{"long with equals", []string{"--destination=out", "--source=site"},
			hugoArgs{destination: "out", source: "site", rest: []string{"--source", "site"}}},
		{"short", []string{"-d", "out", "-s", "site", "-e", "staging"},
			hugoArgs{destination: "out", source: "site", environment: "staging",
				rest: []string{"--source", "site", "--environment", "staging"}}},
		{"short joined", []string{"-dout", "-D"},
			hugoArgs{destination: "out", buildDrafts: true, rest: []string{"-D"}}},
		{"config and contentDir", []string{"--config", "a.toml", "-c", "articles"},
			hugoArgs{configFile: "a.toml", contentDir: "articles",
				rest: []string{"--config", "a.toml", "--contentDir", "articles"}}},
		{"unknown flags pass through", []string{"--baseURL", "https://x.example/", "--buildDrafts"},
			hugoArgs{buildDrafts: true, rest: []string{"--baseURL", "https://x.example/", "--buildDrafts"}}},
		{"after --", []string{"--", "-d", "x"}, hugoArgs{rest: []string{"--", "-d", "x"}}},
	} {
		t.Run(tc.name, func(t *testing.T) {
			t.Parallel()
			got, err := parseHugoArgs(tc.args)
			if err != nil {
				t.Fatal(err)
			}
			if !slices.Equal(got.rest, tc.want.rest) {
				t.Errorf("rest = %q, want %q", got.rest, tc.want.rest)
			}
			got.rest, tc.want.rest = nil, nil
			if got.destination != tc.want.destination || got.source != tc.want.source ||
				got.environment != tc.want.environment || got.configFile != tc.want.configFile ||
				got.contentDir != tc.want.contentDir || got.buildDrafts != tc.want.buildDrafts {
				t.Errorf("got %+v, want %+v", got, tc.want)
			}
		})
	}
}

func TestParseHugoArgsMissingValue(t *testing.T) {
	t.Parallel()
	_, err := parseHugoArgs([]string{"--minify", "-d"})
	var ue *UsageError
	if !errors.As(err, &ue) {
		t.Fatalf("err = %v, want a usage error", err)
	}
}

func TestSourceDir(t *testing.T) {
	t.Parallel()
	for _, tc := range []struct{ source, dir, want string }{
		{"", "/work", "/work"},
		{"site", "/work", "/work/site"},
		{"/abs/site/", "/work", "/abs/site"},
	} {
		if got := (hugoArgs{source: tc.source}).sourceDir(tc.dir); got != tc.want {
			t.Errorf("sourceDir(%q, %q) = %q, want %q", tc.source, tc.dir, got, tc.want)
		}
	}
}

func TestExitCodes(t *testing.T) {
	t.Parallel()
	var errOut sliceWriter
	for _, tc := range []struct {
		err  error
		want int
	}{
		{nil, ExitOK},
		{usagef("bad"), ExitUsage},
		{ErrCheckFailed, ExitFailure},
		{errors.New("build failed"), ExitFailure},
	} {
		if got := report(&errOut, tc.err); got != tc.want {
			t.Errorf("report(%v) = %d, want %d", tc.err, got, tc.want)
		}
	}
}

func TestReportPrintsEachErrorOnce(t *testing.T) {
	t.Parallel()
	var w sliceWriter
	e := errors.New("content/a.md:3:1: broken")
	report(&w, errors.Join(e, e, errors.New("other")))
	if got, want := string(w.b), "content/a.md:3:1: broken\nother\n"; got != want {
		t.Errorf("printed %q, want %q", got, want)
	}
}

type sliceWriter struct{ b []byte }

func (w *sliceWriter) Write(p []byte) (int, error) { w.b = append(w.b, p...); return len(p), nil }
