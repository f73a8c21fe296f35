// Theme rendering tests of search: the search page, what articles give
// Pagefind to index, and the policy that lets the search page alone run
// WebAssembly.
package dispatch_test

import (
	"regexp"
	"strings"
	"testing"

	"github.com/gohugoio/hugo/hugolib"
)

const searchSite = `
-- content/search/_index.md --
---
title: "Search"
description: "Search the archive."
---
-- content/search/_index.ko.md --
---
title: "검색"
---
-- content/tags/_index.md --
---
title: "Tags"
---
-- content/regions/_index.md --
---
title: "Regions"
---
-- content/archive/_index.md --
---
title: "Archive"
---
-- content/news/_index.md --
---
title: "News"
---
-- content/news/2024/indexed/index.md --
---
title: "Indexed story"
date: 2024-10-21T09:00:00+09:00
authors: ["Dispatch Staff"]
description: "In search."
tags: ["surveillance"]
regions: ["Hoeryong"]
---
Findable text.
-- content/news/2024/unlisted/index.md --
---
title: "Unlisted story"
date: 2024-10-20T09:00:00+09:00
authors: ["Dispatch Staff"]
description: "Not in search."
tags: ["surveillance"]
search: false
---
Unfindable text.
-- content/news/2024/draft/index.md --
---
title: "Draft story"
date: 2024-10-19T09:00:00+09:00
authors: ["Dispatch Staff"]
description: "A draft."
tags: ["surveillance"]
draft: true
---
Draft text.
`

// strictPolicy and searchPolicy are config.toml's policy in a meta
// element (without frame-ancestors), and that of the search page.
const strictPolicy = "default-src &#39;self&#39;; base-uri &#39;self&#39;; form-action &#39;self&#39;; object-src &#39;none&#39;"

func TestSearchPage(t *testing.T) {
	t.Parallel()
	b := hugolib.Test(t, themeFiles(t)+searchSite)
	b.AssertFileContent("public/search/index.html",
		// Its own policy, first in the head, and its own stylesheet.
		`<meta charset="utf-8">
<meta http-equiv="Content-Security-Policy" content="`+strictPolicy+`; script-src &#39;self&#39; &#39;wasm-unsafe-eval&#39;">`,
		`<link rel="stylesheet" href="/css/search.min.`,
		// A plain GET form to the page itself, labelled, in main.
		`<form class="search-form" role="search" action="/search/" method="get" data-search`,
		`data-bundle="/pagefind/" data-base="/"`,
		`<label for="search-q">Words, names or places</label>`,
		`<input id="search-q" name="q" type="search"`,
		`<button type="submit">Search</button>`,
		// The filters, in the form, closed: they load when opened.
		"<details class=\"search-filters\" data-search-filters hidden>\n      <summary>Narrow the results</summary>",
		// A live region for the count, a list for the results.
		`<p class="search-status" role="status" data-search-status></p>`,
		`<ol class="search-results" data-search-results></ol>`,
		// Without JavaScript: a sentence and the links.
		`<p data-search-note>Search runs in your browser and needs JavaScript.`,
		`<li><a href="/tags/">Tags</a></li>`,
		`<li><a href="/regions/">Regions</a></li>`,
		`<li><a href="/archive/">Archive</a></li>`,
		// The link in the header, current here.
		`<li><a href="/search/" aria-current="page">Search</a></li>`,
		// Not indexed itself.
		`! data-pagefind-body`,
	)
	// The script: fingerprinted, with its hash, deferred, after main's content.
	html := b.FileContent("public/search/index.html")
	m := regexp.MustCompile(`<script src="(/js/search\.min\.[0-9a-f]{96}\.js)" integrity="sha384-[A-Za-z0-9+/=&#;]+" defer></script>\s*</main>`).FindStringSubmatch(html)
	if m == nil {
		t.Fatalf("no deferred search script with integrity at the end of main:\n%s", html)
	}
	b.AssertFileExists("public"+m[1], true)
	if n := strings.Count(html, "<script"); n != 2 { // the script and the JSON-LD
		t.Errorf("%d script elements on the search page", n)
	}
	b.AssertFileContent("public/ko/search/index.html",
		`<html lang="ko">`,
		`script-src &#39;self&#39; &#39;wasm-unsafe-eval&#39;`,
		`<label for="search-q">단어, 이름 또는 지명</label>`,
		`data-bundle="/pagefind/" data-base="/"`,
		`<li><a href="/ko/search/" aria-current="page">검색</a></li>`,
	)
	// No feed and no sitemap entry for the search page.
	b.AssertFileExists("public/search/index.xml", false)
	b.AssertFileContent("public/en/sitemap.xml", "! /search/")

	// Every other page: the strict policy, no script, the search link.
	for _, page := range []string{"public/index.html", "public/news/2024/indexed/index.html", "public/tags/index.html"} {
		b.AssertFileContent(page,
			`<meta http-equiv="Content-Security-Policy" content="`+strictPolicy+`">`,
			`<li><a href="/search/">Search</a></li>`,
			`! wasm-unsafe-eval`, `! search.min.`, `! <script src`,
		)
	}
}

func TestSearchIndexesArticles(t *testing.T) {
	t.Parallel()
	b := hugolib.Test(t, themeFiles(t)+searchSite)
	b.AssertFileContent("public/news/2024/indexed/index.html",
		`<article class="article wrap" data-pagefind-body>`,
		// Filters and what a result shows.
		`<a href="/news/" data-pagefind-filter="section" data-pagefind-meta="section">News</a>`,
		`data-pagefind-meta="date">October 21, 2024</time>`,
		`<a href="/tags/surveillance/" data-pagefind-filter="tag">Surveillance</a>`,
		`<a href="/regions/hoeryong/" data-pagefind-filter="region">Hoeryong</a>`,
		// Not indexed: the notes, terms, related articles and next links.
		"<div data-pagefind-ignore>\n  \n<aside class=\"note sourcenote\">",
	)
	b.AssertFileContent("public/news/2024/unlisted/index.html",
		`<article class="article wrap">`, `! data-pagefind-body`)
	// Plain pages and lists are not indexed.
	b.AssertFileContent("public/news/index.html", `! data-pagefind-body`)

	// A draft built with --buildDrafts is not indexed either.
	d := hugolib.Test(t, themeFiles(t)+searchSite, hugolib.TestOptWithConfig(func(c *hugolib.IntegrationTestConfig) {
		c.Environ = append(c.Environ, "HUGO_BUILDDRAFTS=true")
	}))
	d.AssertFileContent("public/news/2024/draft/index.html", "Draft text.", `! data-pagefind-body`)
}
