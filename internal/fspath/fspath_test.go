package fspath

import (
	"errors"
	"fmt"
	"io/fs"
	"os"
	"testing"
)

func TestPaths(t *testing.T) {
	t.Parallel()
	for _, tc := range []struct{ dir, p, abs, rel string }{
		{"/site", "content/a.md", "/site/content/a.md", "content/a.md"},
		{"/site", "/site/content/../public", "/site/public", "public"},
		{"/site", "/elsewhere/x", "/elsewhere/x", "/elsewhere/x"},
		{"/site", "/site", "/site", "."},
		{"/site", "/site-other/x", "/site-other/x", "/site-other/x"},
	} {
		if got := Abs(tc.dir, tc.p); got != tc.abs {
			t.Errorf("Abs(%q, %q) = %q, want %q", tc.dir, tc.p, got, tc.abs)
		}
		if got := Rel(tc.dir, Abs(tc.dir, tc.p)); got != tc.rel {
			t.Errorf("Rel(%q, %q) = %q, want %q", tc.dir, tc.p, got, tc.rel)
		}
	}
	_, err := os.Open("/nonexistent/file")
	if got := Unwrap(err); !errors.Is(got, fs.ErrNotExist) || got.Error() != "no such file or directory" {
		t.Errorf("Unwrap(%v) = %v", err, got)
	}
	if e := fmt.Errorf("plain"); Unwrap(e) != e {
		t.Error("Unwrap changed an error that has no path")
	}
}
