package difftest

import (
	"bytes"
	"os"
	"path/filepath"
	"slices"
	"testing"
)

// TestFoldVariantsText: a case written by hand gets the variants of its
// keys that differ only in case, as a generated one does.
func TestFoldVariantsText(t *testing.T) {
	in := "---\ntitle: T\ndraft: true\nDraft:\n  - false\ntags: [a]\n---\nBody.\n"
	got := foldVariantsText([]byte(in))
	want := []string{
		"---\ntitle: T\ndraft: true\ntags: [a]\n---\nBody.\n",
		"---\ntitle: T\nDraft:\n  - false\ntags: [a]\n---\nBody.\n",
	}
	if len(got) != len(want) {
		t.Fatalf("got %d variants, want %d: %q", len(got), len(want), got)
	}
	for i := range want {
		if string(got[i]) != want[i] {
			t.Errorf("variant %d:\n%q\nwant\n%q", i, got[i], want[i])
		}
	}
	if v := foldVariantsText([]byte("---\ntitle: T\ndraft: true\n---\n")); v != nil {
		t.Errorf("variants of a file without folded keys: %q", v)
	}
}

// TestTxtarRoundTrip: a saved case loads back with the same files, and a
// photo comes back from its recipe.
func TestTxtarRoundTrip(t *testing.T) {
	for _, c := range Generate(5, 0, 60) {
		r := Result{Case: c}
		file := filepath.Join(t.TempDir(), c.Name+".txtar")
		if err := os.WriteFile(file, r.Txtar(), 0o644); err != nil {
			t.Fatal(err)
		}
		back, err := LoadCase(file)
		if err != nil {
			t.Fatal(err)
		}
		if !sameFiles(back.Files, c.Files) {
			t.Errorf("case %s: the files differ after txtar", c.Name)
		}
		if !slices.Equal(back.Pages, sortedPages(c)) {
			t.Errorf("case %s: pages %q, want %q", c.Name, back.Pages, sortedPages(c))
		}
		json := slices.ContainsFunc(c.Files, func(f File) bool { return bytes.Contains(f.Data, []byte("{\n  \"")) })
		if len(back.Variants) != len(c.Variants) && !json {
			t.Errorf("case %s: %d variants, want %d", c.Name, len(back.Variants), len(c.Variants))
		}
	}
}

func sortedPages(c Case) []string {
	var ps []string
	for _, f := range c.Files {
		if slices.Contains(c.Pages, f.Name) {
			ps = append(ps, f.Name)
		}
	}
	return ps
}
