package edition

import (
	"archive/zip"
	"bytes"
	"image"
	"image/color"
	"image/jpeg"
	"os"
	"os/exec"
	"path/filepath"
	"slices"
	"strings"
	"testing"
	"time"
)

// page writes a minimal built page, as the theme writes them: language,
// stylesheet with integrity, canonical and alternate links.
func builtPage(lang, head, body string) string {
	return `<!DOCTYPE html><html lang="` + lang + `"><head><meta charset="utf-8"><title>t</title>
<link rel="canonical" href="https://dispatch.example/x/">` + head + `
<link rel="stylesheet" href="/css/site.css" integrity="sha384-abc">
</head><body><a class="skip" href="#main">Skip</a><main id="main">` + body + `</main></body></html>`
}

func writeFiles(t *testing.T, dir string, files map[string]string) {
	t.Helper()
	for name, body := range files {
		p := filepath.Join(dir, filepath.FromSlash(name))
		if err := os.MkdirAll(filepath.Dir(p), 0o755); err != nil {
			t.Fatal(err)
		}
		if err := os.WriteFile(p, []byte(body), 0o644); err != nil {
			t.Fatal(err)
		}
	}
}

func jpegOf(t *testing.T, w, h int) string {
	t.Helper()
	img := image.NewRGBA(image.Rect(0, 0, w, h))
	for i := range img.Pix {
		img.Pix[i] = uint8(i)
	}
	img.Set(0, 0, color.White)
	var b bytes.Buffer
	if err := jpeg.Encode(&b, img, nil); err != nil {
		t.Fatal(err)
	}
	return b.String()
}

// testSite is a built site with what the edition must rewrite.
func testSite(t *testing.T) string {
	dir := t.TempDir()
	photo := `<figure><picture>
<source type="image/webp" srcset="/news/a/p_480.webp 480w, /news/a/p_800.webp 800w" sizes="100vw">
<img src="/news/a/p_800.jpg" srcset="/news/a/p_480.jpg 480w, /news/a/p_800.jpg 800w" sizes="100vw" width="800" height="400" alt="A river">
</picture></figure>`
	writeFiles(t, dir, map[string]string{
		"index.html": builtPage("en", `<link rel="alternate" type="application/rss+xml" href="/index.xml">`,
			`<a href="/news/a/">A</a> <a href="https://dispatch.example/tags/border-regions/#top">Tag</a>
<a href="/ko/">한국어</a> <a href="/about/">About</a> <a href="/search/">Search</a>`),
		"search/index.html": builtPage("en", "", `<form action="/search/"><input name="q"></form>
<script src="/js/search.js" integrity="sha384-x" defer></script>`),
		"js/search.js": "search()",
		"news/a/index.html": builtPage("en", `<link rel="alternate" hreflang="ko" href="https://dispatch.example/ko/news/a/">
<link rel="alternate" hreflang="fr" href="https://dispatch.example/fr/news/a/">`,
			photo+`<p>See <a href="../b/">an older story</a>, <a href="/news/2019/gone/" class="x">one not in the edition</a>,
<a href="https://creativecommons.org/licenses/by/4.0/">CC BY</a>, <a href="mailto:tips@dispatch.example">mail</a>,
<a href="/fr/news/a/">en français</a> and <a href="/ko/news/a/">한국어</a>.</p>`),
		"news/a/p_480.jpg":               jpegOf(t, 48, 24),
		"news/a/p_800.jpg":               jpegOf(t, 80, 40),
		"news/a/p_480.webp":              "webp",
		"news/b/index.html":              builtPage("en", "", `<a href="/news/a/#main">A</a> <a href="/tags/%ED%83%88%EB%B6%81/">탈북</a>`),
		"tags/border-regions/index.html": builtPage("en", "", `<a href="/news/a/">A</a>`),
		"tags/탈북/index.html":             builtPage("en", "", `<a href="/">Home</a>`),
		"about/index.html":               builtPage("en", "", `about`),
		"ko/index.html":                  builtPage("ko", "", `<a href="/ko/news/a/">가</a> <a href="/">English</a>`),
		"ko/news/a/index.html":           builtPage("ko", "", `<a href="/news/a/">English</a>`),
		"fr/news/a/index.html":           builtPage("fr", "", `français`),
		"css/site.css":                   `body{background:url(/img/bg.png)} .x{background:url("data:image/png;base64,AA==")}`,
		"img/bg.png":                     "png",
		"index.xml":                      "<rss/>",
	})
	return dir
}

func files(e *Edition) map[string]string {
	m := map[string]string{}
	for _, f := range e.Files {
		m[f.Name] = string(f.Data)
	}
	return m
}

func TestPack(t *testing.T) {
	t.Parallel()
	dir := testSite(t)
	e, err := Pack(dir, Options{BaseURL: "https://dispatch.example/", Roots: []string{"ko/"}, Langs: []string{"en", "KO"}})
	if err != nil {
		t.Fatal(err)
	}
	got := files(e)
	var names []string
	for n := range got {
		names = append(names, n)
	}
	slices.Sort(names)
	want := []string{"about/index.html", "css/site.css", "img/bg.png", "index.html", "ko/index.html", "ko/news/a/index.html",
		"news/a/index.html", "news/a/p_480.jpg", "news/b/index.html", "tags/border-regions/index.html", "tags/탈북/index.html"}
	if !slices.Equal(names, want) {
		t.Fatalf("files\n%q\nwant\n%q", names, want)
	}
	if !slices.Equal(e.Pages, []string{"about/index.html", "index.html", "ko/index.html", "ko/news/a/index.html",
		"news/a/index.html", "news/b/index.html", "tags/border-regions/index.html", "tags/탈북/index.html"}) {
		t.Errorf("pages %q", e.Pages)
	}
	a := got["news/a/index.html"]
	for _, c := range []struct{ want, not string }{
		{want: `<link rel="stylesheet" href="../../css/site.css">`, not: "integrity"},
		{want: `<link rel="canonical" href="https://dispatch.example/x/">`},
		{want: `<link rel="alternate" hreflang="ko" href="../../ko/news/a/index.html">`, not: `hreflang="fr"`},
		{want: `<img src="p_480.jpg" width="800" height="400" alt="A river">`, not: "<source"},
		{not: "webp"},
		{not: "srcset"},
		{want: `See <a href="../b/index.html">an older story</a>`},
		{want: `, one not in the edition,`, not: "gone"},
		{want: `<a href="https://creativecommons.org/licenses/by/4.0/">CC BY</a>`},
		{want: `<a href="mailto:tips@dispatch.example">mail</a>`},
		{want: `en français and <a href="../../ko/news/a/index.html">한국어</a>`},
		{want: `<a class="skip" href="#main">Skip</a>`},
	} {
		if c.want != "" && !strings.Contains(a, c.want) {
			t.Errorf("news/a/index.html lacks %s:\n%s", c.want, a)
		}
		if c.not != "" && strings.Contains(a, c.not) {
			t.Errorf("news/a/index.html has %s:\n%s", c.not, a)
		}
	}
	for name, want := range map[string]string{
		"index.html":        `<a href="news/a/index.html">A</a> <a href="tags/border-regions/index.html#top">Tag</a>`,
		"news/b/index.html": `<a href="../a/index.html#main">A</a> <a href="../../tags/%ED%83%88%EB%B6%81/index.html">탈북</a>`,
		"ko/index.html":     `<a href="news/a/index.html">가</a> <a href="../index.html">English</a>`,
		"css/site.css":      `body{background:url(../img/bg.png)} .x{background:url("data:image/png;base64,AA==")}`,
	} {
		if !strings.Contains(got[name], want) {
			t.Errorf("%s lacks %s:\n%s", name, want, got[name])
		}
	}
	if strings.Contains(got["index.html"], "index.xml") {
		t.Errorf("index.html still links to the feed, which is not in the edition")
	}
	// The search page, which runs a script, is left out, and its link is
	// text.
	if !strings.Contains(got["index.html"], `<a href="about/index.html">About</a> Search</main>`) {
		t.Errorf("index.html: the link to the search page stays:\n%s", got["index.html"])
	}
	// The story not in the edition, the French page and the search page;
	// the <link>s to the feed and the French page go without a count.
	if e.Unlinked != 3 {
		t.Errorf("%d links made plain text, want 3", e.Unlinked)
	}
}

func TestPackKoreanAlone(t *testing.T) {
	t.Parallel()
	e, err := Pack(testSite(t), Options{BaseURL: "https://dispatch.example/", Entry: "ko/", Langs: []string{"ko"}})
	if err != nil {
		t.Fatal(err)
	}
	got := files(e)
	if !slices.Equal(e.Pages, []string{"index.html", "ko/news/a/index.html"}) {
		t.Errorf("pages %q", e.Pages)
	}
	// The Korean front page is index.html; its links start from there.
	for name, want := range map[string]string{
		"index.html":           `<a href="ko/news/a/index.html">가</a> English</main>`,
		"ko/news/a/index.html": `<main id="main">English</main>`,
	} {
		if !strings.Contains(got[name], want) {
			t.Errorf("%s lacks %s:\n%s", name, want, got[name])
		}
	}
}

func TestPackErrors(t *testing.T) {
	t.Parallel()
	dir := testSite(t)
	if _, err := Pack(dir, Options{BaseURL: "https://dispatch.example/", Entry: "nothing/"}); err == nil {
		t.Errorf("no error for a missing entry page")
	}
	if _, err := Pack(dir, Options{BaseURL: "https://dispatch.example/", Langs: []string{"ko"}}); err == nil {
		t.Errorf("no error for an entry page in another language")
	}
	if err := os.Remove(filepath.Join(dir, "news/a/p_480.jpg")); err != nil {
		t.Fatal(err)
	}
	if _, err := Pack(dir, Options{BaseURL: "https://dispatch.example/"}); err == nil || !strings.Contains(err.Error(), "p_480.jpg") {
		t.Errorf("a missing photo: %v", err)
	}
}

func TestRelURL(t *testing.T) {
	t.Parallel()
	for _, c := range []struct{ from, to, want string }{
		{"index.html", "news/a/index.html", "news/a/index.html"},
		{"news/a/index.html", "index.html", "../../index.html"},
		{"news/a/index.html", "news/a/index.html", "index.html"},
		{"news/a/index.html", "news/b/index.html", "../b/index.html"},
		{"news/a/index.html", "news/a/p.jpg", "p.jpg"},
		{"index.html", "tags/a b/index.html", "tags/a%20b/index.html"},
		{"index.html", "c:d/index.html", "./c:d/index.html"},
		{"a/index.html", "a/b/c/index.html", "b/c/index.html"},
	} {
		if got := relURL(c.from, c.to); got != c.want {
			t.Errorf("relURL(%q, %q) = %q, want %q", c.from, c.to, got, c.want)
		}
	}
}

func TestWriteAndVerify(t *testing.T) {
	t.Parallel()
	e, err := Pack(testSite(t), Options{BaseURL: "https://dispatch.example/", Roots: []string{"ko/"}})
	if err != nil {
		t.Fatal(err)
	}
	mod := time.Date(2024, 10, 31, 12, 0, 0, 0, time.FixedZone("KST", 9*3600))
	var one, two bytes.Buffer
	if err := Write(&one, e, mod); err != nil {
		t.Fatal(err)
	}
	if err := Write(&two, e, mod); err != nil {
		t.Fatal(err)
	}
	if !bytes.Equal(one.Bytes(), two.Bytes()) {
		t.Fatalf("two writes of one edition differ")
	}
	zr, err := zip.NewReader(bytes.NewReader(one.Bytes()), int64(one.Len()))
	if err != nil {
		t.Fatal(err)
	}
	var names []string
	for _, f := range zr.File {
		names = append(names, f.Name)
		if !f.Modified.Equal(mod.Truncate(time.Second)) || f.Mode().Perm() != 0o644 {
			t.Errorf("%s: modified %v, mode %v", f.Name, f.Modified, f.Mode())
		}
		if f.Name == "news/a/p_480.jpg" && f.Method != zip.Store {
			t.Errorf("%s is compressed again", f.Name)
		}
	}
	if !slices.IsSorted(names) || !slices.Contains(names, SumsName) {
		t.Errorf("names %q: want them sorted, with %s", names, SumsName)
	}
	problems, err := Verify(zr, "dispatch.example")
	if err != nil || len(problems) > 0 {
		t.Fatalf("Verify: %v %q", err, problems)
	}

	// sha256sum itself agrees, when it is installed.
	if sha, err := exec.LookPath("sha256sum"); err == nil {
		dir := t.TempDir()
		for _, f := range zr.File {
			rc, _ := f.Open()
			var b bytes.Buffer
			b.ReadFrom(rc)
			rc.Close()
			writeFiles(t, dir, map[string]string{f.Name: b.String()})
		}
		cmd := exec.Command(sha, "-c", "--strict", SumsName)
		cmd.Dir = dir
		if out, err := cmd.CombinedOutput(); err != nil {
			t.Errorf("sha256sum -c: %v\n%s", err, out)
		}
	}
}

// rezip writes the files of r again, changed by edit.
func rezip(t *testing.T, r *zip.Reader, edit func(name string, b []byte) (string, []byte)) *zip.Reader {
	var buf bytes.Buffer
	zw := zip.NewWriter(&buf)
	for _, f := range r.File {
		rc, _ := f.Open()
		var b bytes.Buffer
		b.ReadFrom(rc)
		rc.Close()
		name, data := edit(f.Name, b.Bytes())
		if name == "" {
			continue
		}
		w, _ := zw.Create(name)
		w.Write(data)
	}
	zw.Close()
	zr, err := zip.NewReader(bytes.NewReader(buf.Bytes()), int64(buf.Len()))
	if err != nil {
		t.Fatal(err)
	}
	return zr
}

func TestVerifyFindsTampering(t *testing.T) {
	t.Parallel()
	e, err := Pack(testSite(t), Options{BaseURL: "https://dispatch.example/"})
	if err != nil {
		t.Fatal(err)
	}
	var buf bytes.Buffer
	if err := Write(&buf, e, time.Unix(0, 0)); err != nil {
		t.Fatal(err)
	}
	zr, _ := zip.NewReader(bytes.NewReader(buf.Bytes()), int64(buf.Len()))
	for _, c := range []struct {
		name string
		edit func(string, []byte) (string, []byte)
		want string
	}{
		{"a changed page", func(n string, b []byte) (string, []byte) {
			if n == "news/a/index.html" {
				b = bytes.Replace(b, []byte("older story"), []byte("forged story"), 1)
			}
			return n, b
		}, "news/a/index.html: FAILED"},
		{"an added file", func(n string, b []byte) (string, []byte) {
			if n == "about/index.html" {
				return "about/evil.html", b
			}
			return n, b
		}, "about/evil.html: not listed in SHA256SUMS"},
		{"a link to a folder", func(n string, b []byte) (string, []byte) {
			if n == "news/b/index.html" {
				b = bytes.Replace(b, []byte(`href="../a/index.html#main"`), []byte(`href="../a/"`), 1)
			}
			if n == SumsName {
				b = nil // checksums checked apart above
			}
			return n, b
		}, `news/b/index.html: <a href="../a/">: no file news/a/ in the edition`},
		{"a photo from the web", func(n string, b []byte) (string, []byte) {
			if n == "news/a/index.html" {
				b = bytes.Replace(b, []byte(`src="p_480.jpg"`), []byte(`src="https://dispatch.example/p.jpg"`), 1)
			}
			return n, b
		}, `news/a/index.html: <img src="https://dispatch.example/p.jpg"> loads from the network`},
		{"a link to the site on the web", func(n string, b []byte) (string, []byte) {
			if n == "news/b/index.html" {
				b = bytes.Replace(b, []byte(`href="../a/index.html#main"`), []byte(`href="https://dispatch.example/news/a/"`), 1)
			}
			return n, b
		}, `<a href="https://dispatch.example/news/a/"> links to the site on the web`},
		{"no manifest", func(n string, b []byte) (string, []byte) {
			if n == SumsName {
				return "", nil
			}
			return n, b
		}, "SHA256SUMS: missing"},
	} {
		problems, err := Verify(rezip(t, zr, c.edit), "dispatch.example")
		if err != nil {
			t.Fatal(err)
		}
		if !slices.ContainsFunc(problems, func(p string) bool { return strings.Contains(p, c.want) }) {
			t.Errorf("%s: problems %q, want one with %q", c.name, problems, c.want)
		}
	}
}

// TestVerifyFindsCollisions: names that differ only by case or Unicode
// normalisation are one file once unzipped on macOS or Windows, where one
// would replace the other.
func TestVerifyFindsCollisions(t *testing.T) {
	t.Parallel()
	nfc, nfd := "news/\ud55c\uad6d/index.html", "news/\u1112\u1161\u11ab\u1100\u116e\u11a8/index.html"
	page := []byte(`<html lang="en"><a href="index.html">x</a></html>`)
	for _, c := range []struct{ a, b string }{
		{nfc, nfd},
		{"news/story/index.html", "news/Story/index.html"},
	} {
		e := &Edition{Files: []File{{Name: "index.html", Data: page}, {Name: c.a, Data: page}, {Name: c.b, Data: []byte("other")}}}
		slices.SortFunc(e.Files, func(x, y File) int { return strings.Compare(x.Name, y.Name) })
		var buf bytes.Buffer
		if err := Write(&buf, e, time.Unix(0, 0)); err != nil {
			t.Fatal(err)
		}
		zr, _ := zip.NewReader(bytes.NewReader(buf.Bytes()), int64(buf.Len()))
		problems, err := Verify(zr, "dispatch.example")
		if err != nil {
			t.Fatal(err)
		}
		want := "are one file where case and Unicode normalisation do not count"
		if !slices.ContainsFunc(problems, func(p string) bool { return strings.Contains(p, want) }) {
			t.Errorf("%q and %q: problems %q, want one with %q", c.a, c.b, problems, want)
		}
	}
}
