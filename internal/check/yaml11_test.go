package check

import (
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/gohugoio/hugo/parser/metadecoders"
	"golang.org/x/tools/txtar"
)

// TestYAML11Prefilter: whenever the two YAML readings of a front matter
// differ, mayDiffer11 says they may, so that skipping the YAML 1.1 reading
// of the others loses nothing. And it does skip the usual article.
func TestYAML11Prefilter(t *testing.T) {
	t.Parallel()
	var fms []string
	for _, v := range []string{"y", "Y", "yes", "Yes", "no", "NO", "on", "Off", "0755", "0o17", "0x1F", "0b101",
		"1_000", "+12", "1:20", "190:20:30.15", ".inf", "-.Inf", ".NaN", "1e3", "3.14", "012.5", "~", "null", "true", "True"} {
		fms = append(fms, "a: "+v+"\n", "l: ["+v+"]\n", "l:\n  - "+v+"\n", v+": x\n", "a: &x "+v+"\n", "a: !!str "+v+"\n",
			"m: {k: "+v+"}\n", "a: b\nc:\n  d: "+v+"  # note\n")
	}
	fms = append(fms, "a: &x [1]\nb:\n  <<: *x\n", "a: 09:00\n", "a: 2024-10-21\n", "a: 2024-10-21T09:00:00+09:00\n")
	cases, _ := filepath.Glob("testdata/cases/*.txtar")
	for _, file := range cases {
		ar, err := txtar.ParseFile(file)
		if err != nil {
			t.Fatal(err)
		}
		for _, f := range ar.Files {
			if parts := strings.SplitN(string(f.Data), "---\n", 3); len(parts) == 3 && parts[0] == "" {
				fms = append(fms, parts[1])
			}
		}
	}
	for _, fm := range fms {
		if readingsDiffer([]byte(fm)) && !mayDiffer11([]byte(fm)) {
			t.Errorf("the readings of %q differ, and mayDiffer11 says they may not", fm)
		}
	}
	article, err := os.ReadFile("../../content/news/2024/hoeryong-phone-calls/index.md")
	if err != nil {
		t.Fatal(err)
	}
	fm := strings.SplitN(string(article), "---\n", 3)[1]
	if mayDiffer11([]byte(fm)) {
		t.Errorf("mayDiffer11 is true for the Hoeryong article, which has nothing risky:\n%s", fm)
	}
}

// readingsDiffer says whether YAML 1.1 (goldmark-meta) and Hugo read a
// front matter that Hugo can read otherwise, as checkYAML11 compares them.
func readingsDiffer(fm []byte) bool {
	hugo, err := metadecoders.Default.UnmarshalToMap(fm, metadecoders.YAML)
	if err != nil {
		return false
	}
	p := &page{path: "x.md", src: fm, lines: lineStarts(fm), fmLine: 1, fmEnd: len(fm), fm: hugo}
	if p.parseYAML() != nil {
		return false
	}
	old, err := yaml11(fm)
	if err != nil {
		return true
	}
	c := &checker{r: &rules{}}
	for _, k := range p.order {
		ov, found := lookupAny(old, k)
		if !found {
			return true
		}
		c.compareYAML(p, p.keys[k].Value, p.fm[k], ov, k)
	}
	return len(c.diags) > 0
}

// FuzzYAML11Prefilter: no front matter whose two readings differ passes
// for one whose do not.
func FuzzYAML11Prefilter(f *testing.F) {
	for _, s := range []string{"a: yes\n", "a: [1, on]\n", "a: 0755\n", "k:\n  - x\n  - 1:20\n", "a: &x 1\nb: *x\n", "t: \"x\"\n"} {
		f.Add([]byte(s))
	}
	f.Fuzz(func(t *testing.T, fm []byte) {
		if len(fm) > 4096 {
			return
		}
		if _, msg := yamlLimits(fm); msg != "" {
			return
		}
		if readingsDiffer(fm) && !mayDiffer11(fm) {
			t.Errorf("the readings of %q differ, and mayDiffer11 says they may not", fm)
		}
	})
}
