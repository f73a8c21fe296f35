// Command sitecheck checks a built site's files for make verify.
//
//	sitecheck links -base https://dispatch.example/ public
//	sitecheck weight -budget 8192 public index.html news/2024/x/index.html
//	sitecheck edition -base https://dispatch.example/ -budget 5000000 edition.zip DIR
//
// links: every internal link, anchor, image and stylesheet resolves; nothing
// loads from another host; no http:// link to the site itself.
// weight: HTML + CSS + JS of each page, gzipped, within the budget.
// edition: an offline edition (dispatch edition) as a receiver checks it:
// SHA256SUMS lists and matches every file, every link of every page is a
// file of the zip (edition.Verify), the zip within the budget in bytes;
// then it is unzipped into DIR for the browser.
// Each prints a line a problem (PAGE: DETAIL [RULE]) and exits 1 if any.
package main

import (
	"flag"
	"fmt"
	"os"

	"github.com/dispatch-news/dispatch/internal/sitecheck"
)

func main() {
	if len(os.Args) < 2 {
		usage()
	}
	fs := flag.NewFlagSet(os.Args[1], flag.ExitOnError)
	base := fs.String("base", "https://dispatch.example/", "the site's base URL")
	budget := fs.Int("budget", 8192, "weight: bytes of gzipped HTML+CSS+JS a page may weigh; edition: bytes of the zip")
	_ = fs.Parse(os.Args[2:])
	if fs.NArg() < 1 {
		usage()
	}
	if os.Args[1] == "edition" {
		if fs.NArg() != 2 {
			usage()
		}
		if err := checkEdition(fs.Arg(0), fs.Arg(1), *base, *budget); err != nil {
			fail(err)
		}
		return
	}
	s, err := sitecheck.Open(fs.Arg(0), *base)
	if err != nil {
		fail(err)
	}
	bad := 0
	switch os.Args[1] {
	case "links":
		files, err := s.HTMLFiles()
		if err != nil {
			fail(err)
		}
		problems := s.Links(files)
		for _, p := range problems {
			fmt.Println(p)
		}
		bad = len(problems)
		fmt.Fprintf(os.Stderr, "sitecheck: %d pages, %d link problems\n", len(files), bad)
	case "weight":
		for _, rel := range fs.Args()[1:] {
			w, err := s.Weigh(rel)
			if err != nil {
				fail(err)
			}
			verdict := "ok"
			if w.Total() > *budget {
				verdict = fmt.Sprintf("over the budget of %d B [page.weight]", *budget)
				bad++
			}
			fmt.Printf("%s: %d B (HTML %d + CSS %d + JS %d, gzip) %s\n", w.Page, w.Total(), w.HTML, w.CSS, w.JS, verdict)
		}
	default:
		usage()
	}
	if bad > 0 {
		os.Exit(1)
	}
}

func usage() {
	fmt.Fprintln(os.Stderr, "usage: sitecheck links [-base URL] DIR | sitecheck weight [-budget BYTES] DIR PAGE.html... | sitecheck edition [-base URL] [-budget BYTES] ZIP DIR")
	os.Exit(2)
}

func fail(err error) {
	fmt.Fprintln(os.Stderr, "sitecheck:", err)
	os.Exit(1)
}
