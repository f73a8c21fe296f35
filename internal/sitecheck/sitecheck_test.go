package sitecheck

import (
	"os"
	"path/filepath"
	"strings"
	"testing"
)

func write(t *testing.T, dir, rel, content string) {
	p := filepath.Join(dir, filepath.FromSlash(rel))
	if err := os.MkdirAll(filepath.Dir(p), 0o755); err != nil {
		t.Fatal(err)
	}
	if err := os.WriteFile(p, []byte(content), 0o644); err != nil {
		t.Fatal(err)
	}
}

func TestLinks(t *testing.T) {
	dir := t.TempDir()
	write(t, dir, "index.html", `<!DOCTYPE html><html><head>
<link rel="stylesheet" href="/css/a.css"><link rel="canonical" href="https://x.example/">
<link rel="stylesheet" href="https://cdn.example/b.css"></head><body>
<a href="/news/a/">ok</a> <a href="news/a/#part">ok anchor</a> <a href="/news/a/#nope">bad anchor</a>
<a href="/news/missing/">missing</a> <a href="http://x.example/news/a/">http</a>
<a href="https://elsewhere.example/">external link: fine</a> <a href="mailto:tips@x.example">mail</a>
<img src="/img/a.jpg" srcset="/img/a.jpg 480w, /img/b.jpg 800w" alt="">
<img src="https://tracker.example/p.gif" alt=""><a href="#main">skip</a><main id="main"></main>
</body></html>`)
	write(t, dir, "news/a/index.html", `<html><body><h2 id="part">Part</h2><a href="../../">home</a><a href="../b/">b</a></body></html>`)
	write(t, dir, "css/a.css", "body{}")
	write(t, dir, "img/a.jpg", "x")
	s, err := Open(dir, "https://x.example/")
	if err != nil {
		t.Fatal(err)
	}
	files, _ := s.HTMLFiles()
	var got []string
	for _, p := range s.Links(files) {
		got = append(got, p.String())
	}
	want := []string{
		`/: a href "/news/a/#nope": no element with id "nope" on /news/a/ [link.anchor]`,
		`/: a href "/news/missing/": nothing at /news/missing/ [link.missing]`,
		`/: a href "http://x.example/news/a/" uses http:// to the site itself [link.http]`,
		`/: img src "https://tracker.example/p.gif" loads from another host [host.third-party]`,
		`/: img srcset "/img/b.jpg": nothing at /img/b.jpg [link.missing]`,
		`/: link stylesheet "https://cdn.example/b.css" loads from another host [host.third-party]`,
		`/news/a/: a href "../b/": nothing at /news/b/ [link.missing]`,
	}
	if strings.Join(got, "\n") != strings.Join(want, "\n") {
		t.Errorf("got\n%s\nwant\n%s", strings.Join(got, "\n"), strings.Join(want, "\n"))
	}
}

func TestWeigh(t *testing.T) {
	dir := t.TempDir()
	write(t, dir, "a/index.html", `<html><head><link rel="stylesheet" href="/s.css"><script src="/j.js"></script></head><body>`+strings.Repeat("word ", 100)+`</body></html>`)
	write(t, dir, "s.css", strings.Repeat("p{color:red}", 50))
	write(t, dir, "j.js", "console.log(1)")
	s, _ := Open(dir, "https://x.example/")
	w, err := s.Weigh("a/index.html")
	if err != nil {
		t.Fatal(err)
	}
	if w.Page != "/a/" || w.HTML < 50 || w.HTML > 200 || w.CSS < 20 || w.CSS > 100 || w.JS < 20 || w.Total() != w.HTML+w.CSS+w.JS {
		t.Errorf("weight %+v", w)
	}
	write(t, dir, "b/index.html", `<link rel="stylesheet" href="/gone.css">`)
	if _, err := s.Weigh("b/index.html"); err == nil {
		t.Error("a missing stylesheet weighed nothing")
	}
}
