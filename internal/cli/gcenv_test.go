package cli

import (
	"slices"
	"testing"
)

func TestBuildGC(t *testing.T) {
	t.Parallel()
	for _, tc := range []struct {
		name    string
		environ []string
		memory  int64
		want    []string
	}{
		{"chosen", []string{"HOME=/root"}, 8 << 30, []string{"GOGC=100", "GOMEMLIMIT=6144MiB"}},
		{"no memory known", nil, 0, []string{"GOGC=100"}},
		{"the user's GOGC", []string{"GOGC=400"}, 8 << 30, nil},
		{"the user's GOMEMLIMIT", []string{"GOMEMLIMIT=2GiB"}, 8 << 30, nil},
		{"GOGC off", []string{"GOGC=off"}, 8 << 30, nil},
	} {
		if got := buildGC(tc.environ, tc.memory); !slices.Equal(got, tc.want) {
			t.Errorf("%s: buildGC(%q, %d) = %q, want %q", tc.name, tc.environ, tc.memory, got, tc.want)
		}
	}
	if m := machineMemory(); m < 0 {
		t.Errorf("machineMemory() = %d", m)
	}
}
