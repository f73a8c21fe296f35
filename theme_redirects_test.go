// _redirects and nginx.conf take aliases and URLs as they are: the theme
// refuses any that is not a safe path, naming the page.
package dispatch_test

import (
	"strings"
	"testing"

	"github.com/gohugoio/hugo/hugolib"
)

// TestRedirectsRefuseUnsafePaths: an alias, url, slug or term name that
// would write its own rules into nginx.conf or _redirects, or make nginx
// refuse the file, fails the build with the page and the value. (Hugo
// cleans aliases itself: /../../etc/passwd is the site's /etc/passwd/.)
func TestRedirectsRefuseUnsafePaths(t *testing.T) {
	t.Parallel()
	const url = "its URL (from its url, slug, title or file name)"
	for _, tc := range []struct {
		name, front, want string
	}{
		{"alias with a newline", "aliases: [\"/x/ { return 301 https://evil.example/; }\\nlocation / { return 301 https://evil.example/; }\"]", `its alias "/x/ { return 301 https://evil.example/; }\nlocation / {`},
		{"alias that closes the location", `aliases: ["/x; } location ~ /etc { alias /etc; } location = /y"]`, `its alias "/x; } location ~ /etc`},
		{"alias with a space", `aliases: ["/a b/"]`, `its alias "/a b/" gives the redirect path "/a b/"`},
		{"alias with a tab", `aliases: ["/a\tb/"]`, `its alias "/a\tb/"`},
		{"alias with a quote", `aliases: ["/a'b/"]`, `its alias "/a'b/"`},
		{"alias with a double quote", `aliases: ["/a\"b/"]`, `its alias "/a\"b/"`},
		{"alias with a backslash", `aliases: ["/a\\b/"]`, `its alias "/a\\b/"`},
		{"alias with a variable", `aliases: ["/$host/"]`, `its alias "/$host/"`},
		{"alias with braces", `aliases: ["/a{b}/"]`, `its alias "/a{b}/"`},
		{"alias with a splat", `aliases: ["/a/*"]`, `its alias "/a/*"`},
		{"alias with a placeholder", `aliases: ["/a/:id/"]`, `its alias "/a/:id/"`},
		{"alias with a query", `aliases: ["/a?b=1"]`, `its alias "/a?b=1"`},
		{"alias with a bad escape", `aliases: ["/a%zz/"]`, `its alias "/a%zz/"`},
		{"url with a semicolon", "url: \"/a;b/\"\naliases: [\"/old/\"]", url + ` gives the redirect path "/a;b/"`},
		{"url with a variable", "url: \"/$host/\"\naliases: [\"/old/\"]", url + ` gives the redirect path "/$host/"`},
		{"url with a query", "url: \"/a?b=1/\"\naliases: [\"/old/\"]", url + ` gives the redirect path "/a?b=1/"`},
		{"url with a dot segment", "url: \"/./x/\"\naliases: [\"/old/\"]", url + ` gives the redirect path "/./x/"`},
		{"slug out of its section", "slug: \"../../x\"\naliases: [\"/old/\"]", url + ` gives the redirect path "/news/../../x/"`},
		{"slug with a double slash", "slug: \"a//b\"\naliases: [\"/old/\"]", url + ` gives the redirect path "/news/a//b/"`},
		{"slug with a plus", "slug: \"a+b\"\naliases: [\"/old/\"]", url + ` gives the redirect path "/news/a+b/"`},
	} {
		t.Run(tc.name, func(t *testing.T) {
			t.Parallel()
			b, err := hugolib.TestE(t, themeFiles(t)+page("content/news/x/index.md", "X", tc.front+"\n"))
			if err == nil {
				t.Fatalf("no error; _redirects:\n%s", b.FileContent("public/_redirects"))
			}
			b.AssertLogContains("/content/news/x/index.md: "+tc.want, "which _redirects and nginx.conf cannot take safely")
		})
	}
	// A tag's page takes its URL from the tag's name: the error names it.
	b, err := hugolib.TestE(t, themeFiles(t)+page("content/news/x/index.md", "X", `regions: ["/etc/"]`+"\n"))
	if err == nil {
		t.Fatalf("no error; _redirects:\n%s", b.FileContent("public/_redirects"))
	}
	b.AssertLogContains(`the term page /regions//etc/: ` + url + ` gives the redirect path "/regions//etc/page/1/"`)
}

// legitimateAliases are aliases a newsroom writes when it moves articles:
// old paths with file names, dates, capitals, tildes and underscores,
// relative ones, Korean pages, and a Korean URL, which Hugo percent-encodes.
var legitimateAliases = map[string]string{
	"content/news/2024/story/index.md": `aliases: ["/2023/10/old-story.html", "/A~b_c.d-e/", "/news/2024/story-old", "renamed-story"]`,
	"content/news/2024/story/index.ko.md": `aliases: ["/news/2024/story-old/"]
translationKey: "story"`,
	"content/news/2024/seoul/index.ko.md": `url: "/ko/뉴스/서울/"
aliases: ["/news/seoul-old/", "/혜산/장마당-2024/"]`,
}

func legitimateSite(t *testing.T) string {
	files := themeFiles(t)
	for path, front := range legitimateAliases {
		files += page(path, "Story", front+"\n")
	}
	return files
}

// TestRedirectsKeepSafePaths: legitimate aliases reach _redirects and
// nginx.conf as they are.
func TestRedirectsKeepSafePaths(t *testing.T) {
	t.Parallel()
	b := hugolib.Test(t, legitimateSite(t))
	for from, to := range map[string]string{
		"/2023/10/old-story.html":   "/news/2024/story/",
		"/A~b_c.d-e/":               "/news/2024/story/",
		"/news/2024/story-old/":     "/news/2024/story/",
		"/news/2024/renamed-story/": "/news/2024/story/",
		"/ko/news/2024/story-old/":  "/ko/news/2024/story/",
		"/ko/news/seoul-old/":       "/ko/%EB%89%B4%EC%8A%A4/%EC%84%9C%EC%9A%B8/",
		// Korean letters stay as they are: nginx matches the decoded path.
		"/ko/혜산/장마당-2024/": "/ko/%EB%89%B4%EC%8A%A4/%EC%84%9C%EC%9A%B8/",
		"/tags/t/page/1/":  "/tags/t/",
	} {
		b.AssertFileContent("public/_redirects", from+" "+to+" 301\n")
		b.AssertFileContent("public/nginx.conf", "location = "+from+" { return 301 "+to+"; }")
	}
	for _, line := range strings.Split(strings.TrimSpace(b.FileContent("public/_redirects")), "\n") {
		if f := strings.Fields(line); len(f) != 3 || f[2] != "301" {
			t.Errorf("_redirects: %q is not one redirect", line)
		}
	}
}
