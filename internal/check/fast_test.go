package check

import (
	"os"
	"path/filepath"
	"strings"
	"testing"

	"golang.org/x/tools/txtar"
)

// TestCleanAgreesWithChecks holds the fast path in step with the full
// checks: no file of the golden cases that clean passes may have a front
// matter finding, and clean must pass the cases' valid files.
func TestCleanAgreesWithChecks(t *testing.T) {
	cases, _ := filepath.Glob("testdata/cases/*.txtar")
	passed := 0
	for _, file := range cases {
		ar, err := txtar.ParseFile(file)
		if err != nil {
			t.Fatal(err)
		}
		root := t.TempDir()
		for _, f := range ar.Files {
			path := filepath.Join(root, filepath.FromSlash(f.Name))
			if err := os.MkdirAll(filepath.Dir(path), 0o755); err != nil {
				t.Fatal(err)
			}
			if err := os.WriteFile(path, f.Data, 0o644); err != nil {
				t.Fatal(err)
			}
		}
		o := &Options{Root: root, ArticleSections: DefaultArticleSections}
		if o.vocab, err = loadVocabulary(root); err != nil {
			t.Fatal(err)
		}
		for _, f := range ar.Files {
			rel, ok := strings.CutPrefix(f.Name, "content/")
			if !ok || !IsMarkdown(f.Name) {
				continue
			}
			p, diags := parsePage(f.Name, f.Data)
			if p == nil {
				continue
			}
			c := &checker{o: o}
			fast := c.clean(p, isArticle(o, rel))
			if d := p.parseYAML(); d != nil {
				diags = d
			} else {
				c.checkFrontMatter(p, isArticle(o, rel))
				diags = c.diags
			}
			if fast {
				passed++
				for _, d := range diags {
					t.Errorf("%s: clean passed a file with a finding: %v", filepath.Base(file), d)
				}
			} else if len(diags) == 0 && strings.HasSuffix(file, "valid.txtar") {
				t.Errorf("%s: clean failed a valid file", f.Name)
			}
		}
	}
	if passed == 0 {
		t.Fatal("clean passed no file at all")
	}
}
