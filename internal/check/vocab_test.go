package check

import (
	"os"
	"path/filepath"
	"strings"
	"testing"
)

func TestAddTerms(t *testing.T) {
	t.Parallel()
	src := "# Vocabulary.\ntags:\n  - markets\n  - women\n\n# Places.\nregions:\n  - Hyesan\n"
	got, err := AddTerms([]byte(src), "tags", []string{"archive", "yes", "Rice & grain"})
	if err != nil {
		t.Fatal(err)
	}
	want := "# Vocabulary.\ntags:\n  - markets\n  - women\n  - archive\n  - \"yes\"\n  - \"Rice & grain\"\n\n# Places.\nregions:\n  - Hyesan\n"
	if string(got) != want {
		t.Errorf("addTerms:\n%s\nwant\n%s", got, want)
	}
	got, err = AddTerms([]byte(src), "regions", []string{"Musan"})
	if err != nil || !strings.HasSuffix(string(got), "  - Hyesan\n  - Musan\n") {
		t.Errorf("addTerms to the last list: %q, %v", got, err)
	}
	got, err = AddTerms([]byte("tags:\n  - a\n"), "regions", []string{"Musan"})
	if err != nil || string(got) != "tags:\n  - a\nregions:\n  - Musan\n" {
		t.Errorf("addTerms to a missing list: %q, %v", got, err)
	}
	if _, err := AddTerms([]byte("tags: [a, b]\n"), "tags", []string{"c"}); err == nil {
		t.Error("addTerms to a flow list succeeded")
	}
	// Terms with their names: a new term has none yet.
	named := "tags:\n  markets: {ko: 장마당}\nregions:\n  Hyesan: {ko: 혜산}\n"
	got, err = AddTerms([]byte(named), "tags", []string{"rice", "no"})
	if want := "tags:\n  markets: {ko: 장마당}\n  rice: {}\n  \"no\": {}\nregions:\n  Hyesan: {ko: 혜산}\n"; err != nil || string(got) != want {
		t.Errorf("AddTerms to terms with names:\n%s\nwant\n%s (%v)", got, want, err)
	}
	root := t.TempDir()
	if err := os.MkdirAll(filepath.Join(root, "data"), 0o755); err != nil {
		t.Fatal(err)
	}
	if err := os.WriteFile(filepath.Join(root, filepath.FromSlash(VocabularyFile)), got, 0o644); err != nil {
		t.Fatal(err)
	}
	v, err := LoadVocabulary(root)
	if err != nil {
		t.Fatal(err)
	}
	if terms := v.Terms("tags"); strings.Join(terms, ",") != "markets,no,rice" {
		t.Errorf("the vocabulary read back has tags %q", terms)
	}
	if term, ok := v.Canonical("regions", "혜산"); !ok || term != "Hyesan" {
		t.Errorf("Canonical(regions, 혜산) = %q, %v", term, ok)
	}
}
