// Theme rendering tests: the real layouts, assets, i18n and configuration
// of this repository, built by Hugo's own integration test harness with the
// content each test gives.
package dispatch_test

import (
	"io/fs"
	"path/filepath"
	"regexp"
	"strings"
	"testing"

	"github.com/gohugoio/hugo/hugolib"
)

// themeFiles returns txtar entries that read every theme file from the
// repository.
func themeFiles(t testing.TB) string {
	t.Helper()
	var b strings.Builder
	b.WriteString("-- config.toml --\nsourcefilename: config.toml\n")
	for _, dir := range []string{"layouts", "assets", "i18n", "archetypes"} {
		err := filepath.WalkDir(dir, func(path string, d fs.DirEntry, err error) error {
			if err != nil || d.IsDir() {
				return err
			}
			p := filepath.ToSlash(path)
			b.WriteString("-- " + p + " --\nsourcefilename: " + p + "\n")
			return nil
		})
		if err != nil {
			t.Fatal(err)
		}
	}
	return b.String()
}

const photo = "content/news/2024/hoeryong-phone-calls/tumen-river.jpg"

const article = `
-- content/news/_index.md --
---
title: "News"
---
-- content/about/sources/index.md --
---
title: "Sources policy"
---
-- content/news/2024/story/photo.jpg --
sourcefilename: ` + photo + `
-- content/news/2024/story/index.md --
---
title: "Story title"
date: 2024-10-21T09:00:00+09:00
lastmod: 2024-10-22T10:30:00+09:00
authors: ["Dispatch Staff", "Kim Reporter"]
description: "The standfirst."
tags: ["surveillance", "border regions"]
regions: ["Hoeryong"]
image:
  src: "photo.jpg"
  alt: "Hero alt text"
  caption: "Hero *caption*."
  credit: "Roman Harak, Flickr"
  license: "CC BY-SA 2.0"
  licenseURL: "https://creativecommons.org/licenses/by-sa/2.0/"
corrections:
  - date: 2024-10-23T08:00:00+09:00
    text: "An earlier version misstated the date."
translationKey: "story"
---
First paragraph.

## A subheading

{{< photo src="photo.jpg" alt="Inline alt" caption="Inline caption." credit="Dispatch" license="all rights reserved" >}}

See [elsewhere](https://example.org/page) and [policy](/about/sources/).
-- content/news/2024/story/index.ko.md --
---
title: "기사 제목"
date: 2024-10-21T10:00:00+09:00
authors: ["Dispatch Staff"]
description: "요약."
tags: ["surveillance"]
translationKey: "story"
---
본문.
`

func TestArticlePage(t *testing.T) {
	t.Parallel()
	b := hugolib.Test(t, themeFiles(t)+article)

	b.AssertFileContent("public/news/2024/story/index.html",
		`<p class="kicker"><a href="/news/" data-pagefind-filter="section" data-pagefind-meta="section">News</a></p>`,
		`<h1>Story title</h1>`,
		`<p class="standfirst">The standfirst.</p>`,
		`<a href="/authors/dispatch-staff/" rel="author">Dispatch Staff</a> and <a href="/authors/kim-reporter/" rel="author">Kim Reporter</a>`,
		`Published <time datetime="2024-10-21T09:00:00&#43;09:00" data-pagefind-meta="date">October 21, 2024</time>`,
		`Updated <time datetime="2024-10-22T10:30:00&#43;09:00">October 22, 2024</time>`,
		// The hero: eager, with width and height, WebP and JPEG, credit and licence.
		`<figure class="photo hero">`,
		`<source type="image/webp" srcset="/news/2024/story/photo_hu_`,
		`alt="Hero alt text" decoding="async">`,
		`Hero <em>caption</em>.`,
		`Photo: Roman Harak, Flickr (<a href="https://creativecommons.org/licenses/by-sa/2.0/" rel="license noopener noreferrer">CC BY-SA 2.0</a>)`,
		// The inline photo is lazy; its licence has no URL.
		`alt="Inline alt" loading="lazy" decoding="async"`,
		`Photo: Dispatch (All rights reserved)`,
		// Render hooks.
		`<h2 id="a-subheading">A subheading <a class="anchor" href="#a-subheading"`,
		`<a href="https://example.org/page" class="ext" rel="external noopener noreferrer">elsewhere<span class="visually-hidden"> (external link)</span></a>`,
		`<a href="/about/sources/">policy</a>`,
		// End notes.
		`<time datetime="2024-10-23T08:00:00&#43;09:00">October 23, 2024</time>: An earlier version misstated the date.`,
		`<aside class="note sourcenote">Sources in this story are not named`,
		`<a href="/about/sources/">sources policy</a>`,
		`Write to us at <a href="mailto:tips@dispatch.example">tips@dispatch.example</a>`,
		`<a href="/ko/news/2024/story/" hreflang="ko">Read in Korean</a>`,
		`<a href="/tags/surveillance/" data-pagefind-filter="tag">Surveillance</a>`,
		`<a href="/regions/hoeryong/" data-pagefind-filter="region">Hoeryong</a>`,
		`<link rel="alternate" hreflang="ko" href="https://dispatch.example/ko/news/2024/story/">`,
	)
	// The hero's fallback for browsers without WebP is the 1200-px JPEG of
	// link previews, with its real height; WebP at 480, 800 and 1200 px.
	b.AssertFileContent("public/news/2024/story/index.html", `width="1200" height="750" alt="Hero alt text"`)

	// The Korean page speaks Korean and links back.
	b.AssertFileContent("public/ko/news/2024/story/index.html",
		`<html lang="ko">`,
		`<a href="/news/2024/story/" hreflang="en">영어로 읽기</a>`,
		`이 기사의 소식통은`,
	)

	// Originals, with whatever EXIF they carry, are never published.
	b.AssertFileExists("public/news/2024/story/photo.jpg", false)
	b.AssertFileExists("public/ko/news/2024/story/photo.jpg", false)

	// Term pages.
	b.AssertFileContent("public/tags/border-regions/index.html", `<a href="/news/2024/story/">Story title</a>`)
	b.AssertFileContent("public/authors/kim-reporter/index.html", `Story title`)
	b.AssertFileContent("public/tags/index.html", `<a href="/tags/surveillance/">Surveillance</a> <span class="count">1 article</span>`)
}

func TestNoThirdPartyRequestsOrInlineCode(t *testing.T) {
	t.Parallel()
	b := hugolib.Test(t, themeFiles(t)+article)
	for _, page := range []string{"public/index.html", "public/news/2024/story/index.html",
		"public/tags/surveillance/index.html", "public/ko/news/2024/story/index.html", "public/404.html"} {
		html := b.FileContent(page)
		// Structured data is a data block, never run; any other script is.
		if n, data := strings.Count(html, "<script"), strings.Count(html, `<script type="application/ld+json">`); n != data {
			t.Errorf("%s has %d scripts that are not JSON-LD", page, n-data)
		}
		for _, bad := range []string{`src="http`, `src="//`, ` style=`, `<style`, `@import`} {
			if strings.Contains(html, bad) {
				t.Errorf("%s contains %q", page, bad)
			}
		}
		for _, line := range strings.Split(html, "\n") {
			if strings.Contains(line, "<link") && strings.Contains(line, `href="http`) &&
				!strings.Contains(line, `rel="canonical"`) && !strings.Contains(line, `rel="alternate"`) {
				t.Errorf("%s loads from another host: %s", page, strings.TrimSpace(line))
			}
		}
	}
}

// TestFavicon: every page names the theme's favicon, published beside it,
// so that no browser asks for /favicon.ico, which would be a 404 (an error
// in the console, and a point off Lighthouse's best practices).
func TestFavicon(t *testing.T) {
	t.Parallel()
	b := hugolib.Test(t, themeFiles(t)+article)
	for _, page := range []string{"public/index.html", "public/news/2024/story/index.html",
		"public/ko/news/2024/story/index.html", "public/tags/surveillance/index.html", "public/404.html"} {
		html := b.FileContent(page)
		m := regexp.MustCompile(`<link rel="icon" type="image/png" sizes="32x32" href="(/images/favicon\.png)">`).FindStringSubmatch(html)
		if m == nil {
			t.Errorf("%s names no favicon", page)
			continue
		}
		b.AssertFileExists("public"+m[1], true)
	}
}

// TestMetaCSP: the meta policy leaves out the directives browsers ignore in
// a meta element, and is left out when the site sets no policy.
func TestMetaCSP(t *testing.T) {
	t.Parallel()
	for _, c := range []struct{ policy, want string }{
		{"default-src 'self';  frame-ancestors 'none'; report-uri /csp;sandbox; img-src 'self' ;", `<meta http-equiv="Content-Security-Policy" content="default-src &#39;self&#39;; img-src &#39;self&#39;">`},
		{"", `! http-equiv="Content-Security-Policy"`},
	} {
		b := hugolib.Test(t, themeFiles(t)+article, hugolib.TestOptWithConfig(func(cfg *hugolib.IntegrationTestConfig) {
			cfg.Environ = []string{"HUGO_PARAMS_SECURITY_CONTENTSECURITYPOLICY=" + c.policy}
		}))
		for _, page := range []string{"public/index.html", "public/news/2024/story/index.html", "public/404.html", "public/tags/index.html"} {
			b.AssertFileContent(page, c.want)
		}
	}
}

// page returns a txtar entry for a minimal article, with extra front matter.
func page(path, title, extra string) string {
	return "-- " + path + " --\n---\ntitle: \"" + title + "\"\ndate: 2024-10-21T09:00:00+09:00\n" +
		"authors: [\"Staff\"]\ntags: [\"t\"]\n" + extra + "---\n"
}

func TestSourceNoteDefaults(t *testing.T) {
	t.Parallel()
	files := themeFiles(t) +
		page("content/news/a.md", "News default", "") +
		page("content/news/b.md", "News off", "sourceNote: false\n") +
		page("content/analysis/c.md", "Analysis default", "") +
		page("content/analysis/d.md", "Analysis on", "sourceNote: true\n")
	b := hugolib.Test(t, files)
	b.AssertFileContent("public/news/a/index.html", `class="note sourcenote"`)
	b.AssertFileContent("public/news/b/index.html", `! class="note sourcenote"`, `class="note contact"`)
	b.AssertFileContent("public/analysis/c/index.html", `! class="note sourcenote"`)
	b.AssertFileContent("public/analysis/d/index.html", `class="note sourcenote"`)
}

func TestShortcodeErrors(t *testing.T) {
	t.Parallel()
	for _, tc := range []struct {
		name, shortcode, want string
	}{
		{"photo without alt", `{{< photo src="photo.jpg" >}}`, `The "photo" shortcode requires a "alt" argument. See "/content/news/x/index.md:7:1"`},
		{"photo not in bundle", `{{< photo src="nope.jpg" alt="a" >}}`, `could not find "nope.jpg" in the page bundle. See "/content/news/x/index.md:7:1"`},
		{"photo licence without credit", `{{< photo src="photo.jpg" alt="a" license="CC BY 4.0" >}}`, `requires a "credit" argument when "license" is set`},
		{"factbox without title", `{{< factbox >}}Text{{< /factbox >}}`, `The "factbox" shortcode requires a "title" argument. See "/content/news/x/index.md:7:1"`},
		{"update without date", `{{< update >}}Text{{< /update >}}`, `The "update" shortcode requires a "date" argument`},
		{"readin without lang", `{{< readin >}}`, `The "readin" shortcode requires a "lang" argument`},
		{"readin without translation", `{{< readin lang="ko" >}}`, `found no "ko" translation of this page`},
		{"pullquote empty", `{{< pullquote cite="a trader" >}}{{< /pullquote >}}`, `needs the quotation between its tags`},
		{"remote image", `![alt](https://example.org/x.jpg)`, `image "https://example.org/x.jpg" is on another host`},
	} {
		t.Run(tc.name, func(t *testing.T) {
			t.Parallel()
			files := themeFiles(t) +
				"-- content/news/x/photo.jpg --\nsourcefilename: " + photo + "\n" +
				page("content/news/x/index.md", "X", "") + tc.shortcode + "\n"
			b, err := hugolib.TestE(t, files)
			if err == nil {
				t.Fatalf("no error; page:\n%s", b.FileContent("public/news/x/index.html"))
			}
			// errorf logs the error with its position; the build then fails.
			b.AssertLogContains(tc.want)
		})
	}
}

func TestShortcodesRender(t *testing.T) {
	t.Parallel()
	files := themeFiles(t) + page("content/news/x/index.md", "X", `translationKey: "x"
`) + `{{< pullquote cite="a trader in Hyesan" >}}The goods are *still* here.{{< /pullquote >}}

{{< factbox title="Hoeryong" >}}A city on the **Tumen**.{{< /factbox >}}

{{< update date="2024-10-22T10:30:00+09:00" >}}The ministry denied it.{{< /update >}}

{{< readin lang="ko" >}}

{{< readin lang="ko" url="https://ko.example.org/x" >}}

{{< sourcenote >}}

{{< contact >}}
` + page("content/news/x/index.ko.md", "엑스", `translationKey: "x"
`)
	b := hugolib.Test(t, files)
	b.AssertFileContent("public/news/x/index.html",
		`<blockquote class="pullquote">`, `The goods are <em>still</em> here.`, `<footer>— a trader in Hyesan</footer>`,
		`<aside class="factbox" aria-label="Hoeryong">`, `<h2>Hoeryong</h2>`, `A city on the <strong>Tumen</strong>.`,
		`<strong>Update, <time datetime="2024-10-22T10:30:00&#43;09:00">October 22, 2024</time>:</strong>`,
		`<a href="/ko/news/x/" hreflang="ko">Read in Korean</a>`,
		`<a href="https://ko.example.org/x" hreflang="ko">Read in Korean</a>`,
	)
}

// TestFeedsFullText: params.feeds.fullText puts whole articles in the
// feeds, escaped; by default they carry the description only.
func TestFeedsFullText(t *testing.T) {
	t.Parallel()
	files := themeFiles(t) + page("content/news/a.md", "A", "description: \"The summary.\"\n") + "\nThe **whole** article.\n"
	b := hugolib.Test(t, files)
	b.AssertFileContent("public/index.xml", "<description>The summary.</description>", "! whole")
	b.AssertFileContent("public/atom.xml", "! <content")
	b.AssertFileContent("public/feed.json", `"content_text": "The summary."`, "! content_html")

	full := hugolib.Test(t, files, hugolib.TestOptWithConfig(func(c *hugolib.IntegrationTestConfig) {
		c.Environ = []string{"HUGO_PARAMS_FEEDS_FULLTEXT=true"}
	}))
	full.AssertFileContent("public/index.xml", "<description>&lt;p&gt;The &lt;strong&gt;whole&lt;/strong&gt; article.&lt;/p&gt;")
	full.AssertFileContent("public/atom.xml", `<content type="html">&lt;p&gt;The &lt;strong&gt;whole&lt;/strong&gt;`)
	full.AssertFileContent("public/feed.json", `"content_html": "\u003cp\u003eThe \u003cstrong\u003ewhole\u003c/strong\u003e article.\u003c/p\u003e`)
}
