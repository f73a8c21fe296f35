package wpimport

import (
	"strings"
	"testing"
	"time"
	"unicode/utf8"
)

func TestSafeAlias(t *testing.T) {
	t.Parallel()
	for _, c := range []struct {
		in, want string
		bad      bool
	}{
		{in: "/2024/10/21/rice-prices/", want: "/2024/10/21/rice-prices/"},
		{in: "/2024/10/21/혜산/", want: "/2024/10/21/혜산/"},
		{in: "/a b/\"q\"/", want: "/a%20b/%22q%22/"},
		{in: "/100%/", want: "/100%25/"},
		{in: "/x;rm -rf/{}/", want: "/x%3Brm%20-rf/%7B%7D/"},
		{in: "/line\nbreak/", want: "/line%0Abreak/"},
		{in: "/a/../b/", bad: true},
		{in: "/a//b/", bad: true},
		{in: "relative/", bad: true},
		{in: "/", bad: true},
	} {
		got, err := safeAlias(c.in)
		if c.bad {
			if err == nil {
				t.Errorf("safeAlias(%q) = %q; want an error", c.in, got)
			}
			continue
		}
		if err != nil || got != c.want {
			t.Errorf("safeAlias(%q) = %q, %v; want %q", c.in, got, err, c.want)
		}
		if !IsSafeAlias(got) {
			t.Errorf("IsSafeAlias(%q) = false for safeAlias's own output", got)
		}
	}
	for _, a := range []string{"/a b/", "/a/../b/", "//evil.example/", "/%zz/", "/x;y/", "relative"} {
		if IsSafeAlias(a) {
			t.Errorf("IsSafeAlias(%q) = true", a)
		}
	}
}

func TestCut(t *testing.T) {
	t.Parallel()
	long := strings.Repeat("word ", 100)
	korean := strings.Repeat("혜산 장마당의 쌀값이 ", 30)
	noSpace := strings.Repeat("가", 400)
	for _, c := range []struct {
		in, want string
		max      int
	}{
		{in: "Short  text\n here", max: 300, want: "Short text here"},
		{in: long, max: 20, want: "word word word word…"},
		{in: "A sentence, then more words here", max: 20, want: "A sentence, then…"},
	} {
		if got, _ := cut(c.in, c.max); got != c.want {
			t.Errorf("cut(%q, %d) = %q; want %q", c.in, c.max, got, c.want)
		}
	}
	for _, s := range []string{long, korean, noSpace} {
		got, cutOff := cut(s, maxDescription)
		if !cutOff || utf8.RuneCountInString(got) > maxDescription || !strings.HasSuffix(got, "…") {
			t.Errorf("cut to %d: %d characters, %v: %q", maxDescription, utf8.RuneCountInString(got), cutOff, got)
		}
		if s != noSpace && strings.Contains(got, " …") {
			t.Errorf("cut left a space before the ellipsis: %q", got)
		}
	}
	if got, _ := cut(korean, maxDescription); !strings.HasPrefix(korean, strings.TrimSuffix(got, "…")+" ") {
		t.Errorf("Korean text is cut inside a word: %q", got)
	}
}

func TestAutop(t *testing.T) {
	t.Parallel()
	for _, c := range []struct{ in, want string }{
		{"One\n\nTwo", "<p>One</p>\n<p>Two</p>\n"},
		{"Line one\nline two", "<p>Line one<br />\nline two</p>\n"},
		{"Text\n<ul>\n<li>a</li>\n</ul>\nAfter", "<p>Text</p>\n<ul>\n<li>a</li>\n</ul>\n<p>After</p>\n"},
		{"<pre>a\n\nb</pre>", "<pre>a\n\nb</pre>\n"},
		{"<h2>Title</h2>\nBody", "<h2>Title</h2>\n<p>Body</p>\n"},
		{"  \n\n ", ""},
	} {
		if got := autop(c.in); got != c.want {
			t.Errorf("autop(%q) = %q; want %q", c.in, got, c.want)
		}
	}
}

func TestShortcodes(t *testing.T) {
	t.Parallel()
	show := func(c shortcodeCall) string {
		var b strings.Builder
		b.WriteString("<" + c.name)
		for _, k := range []string{"id", "ids", "src", "url"} {
			if v, ok := c.attrs[k]; ok {
				b.WriteString(" " + k + "=" + v)
			}
		}
		for _, p := range c.pos {
			b.WriteString(" pos=" + p)
		}
		if c.closed {
			b.WriteString(">" + c.inner + "</" + c.name)
		}
		b.WriteString(">")
		return b.String()
	}
	for _, c := range []struct{ in, want string }{
		{`[caption id="attachment_5" align="alignnone"]<img src="a.jpg"> Text[/caption]`, `<caption id=attachment_5><img src="a.jpg"> Text</caption>`},
		{`[gallery ids="1,2,3"]`, `<gallery ids=1,2,3>`},
		{`[gallery]`, `<gallery>`},
		{`[embed]https://x.example/v[/embed]`, `<embed>https://x.example/v</embed>`},
		{`[youtube=https://youtu.be/abc]`, `<youtube pos=https://youtu.be/abc>`},
		{`[video src='v.mp4' /]`, `<video src=v.mp4>`},
		{`[su_box title="x"]Inner [b]bold[/b][/su_box]`, `<su_box>Inner <b>bold</b></su_box>`},
		{`[[caption]] is text`, `[caption] is text`},
		{`Words [sic] and [1] and [see below] stay`, `Words [sic] and [1] and [see below] stay`},
		{`An unclosed [ bracket`, `An unclosed [ bracket`},
		{`[CAPTION id="attachment_1"]x[/caption]`, `<caption id=attachment_1>x</caption>`},
	} {
		if got := expandShortcodes(c.in, show); got != c.want {
			t.Errorf("expandShortcodes(%q) = %q; want %q", c.in, got, c.want)
		}
	}
}

func TestEscapeHugo(t *testing.T) {
	t.Parallel()
	for _, c := range []struct{ in, want string }{
		{"`{{< x >}}`", "`{{</* x */>}}`"},
		{"{{% y %}}", "{{%/* y */%}}"},
		{"{{ < spaced >}}", "{{ </* spaced */>}}"},
		{"{{< unclosed", "{ {< unclosed"},
		{"{{ .Title }} stays", "{{ .Title }} stays"},
	} {
		if got := escapeHugo(c.in); got != c.want {
			t.Errorf("escapeHugo(%q) = %q; want %q", c.in, got, c.want)
		}
	}
}

func TestSlugsAndPaths(t *testing.T) {
	t.Parallel()
	for _, c := range []struct{ in, want string }{
		{"rice-prices-hyesan", "rice-prices-hyesan"},
		{"%ed%98%9c%ec%82%b0-%ec%8c%80%ea%b0%92", "혜산-쌀값"},
		{"Hello, World!", "hello-world"},
		{"../../etc", "etc"},
		{"", ""},
	} {
		if got := decodeSlug(c.in); got != c.want {
			t.Errorf("decodeSlug(%q) = %q; want %q", c.in, got, c.want)
		}
	}
	for _, c := range []struct{ in, want string }{
		{"https://old.example.org/wp-content/uploads/2024/10/a-300x200.jpg?resize=1", "2024/10/a-300x200.jpg"},
		{"https://i0.wp.com/old.example.org/wp-content/uploads/2024/10/%ED%98%9C.jpg", "2024/10/혜.jpg"},
		{"/wp-content/uploads/../../wp-config.php", ""},
		{"https://old.example.org/about/", ""},
	} {
		if got := uploadsPath(c.in); got != c.want {
			t.Errorf("uploadsPath(%q) = %q; want %q", c.in, got, c.want)
		}
	}
	hosts := map[string]bool{"old.example.org": true}
	for _, c := range []struct {
		in, want string
		ok       bool
	}{
		{"https://old.example.org/2024/10/21/x/", "/2024/10/21/x/", true},
		{"https://old.example.org/2024/10/21/x", "/2024/10/21/x/", true},
		{"/ko/2024/%ed%98%9c/", "/ko/2024/혜/", true},
		{"https://old.example.org/?p=5", "", false},
		{"https://other.example/2024/x/", "", false},
		{"mailto:a@old.example.org", "", false},
	} {
		got, ok := oldPath(c.in, hosts)
		if got != c.want || ok != c.ok {
			t.Errorf("oldPath(%q) = %q, %v; want %q, %v", c.in, got, ok, c.want, c.ok)
		}
	}
	if id, ok := queryID("https://old.example.org/?page_id=12", hosts); !ok || id != 12 {
		t.Errorf("queryID(?page_id=12) = %d, %v", id, ok)
	}
	for in, want := range map[string]string{
		"https://www.youtube.com/embed/abc": "https://www.youtube.com/watch?v=abc",
		"https://player.vimeo.com/video/42": "https://vimeo.com/42",
		"//example.com/x":                   "https://example.com/x",
	} {
		if got := watchURL(in); got != want {
			t.Errorf("watchURL(%q) = %q; want %q", in, got, want)
		}
	}
}

func TestSiteLanguage(t *testing.T) {
	t.Parallel()
	o := &Options{Languages: []string{"en", "ko"}}
	for _, c := range []struct {
		slug   string
		locale []string
		want   string
	}{
		{"en", nil, "en"}, {"ko", nil, "ko"}, {"kr", []string{"", "ko_KR"}, "ko"},
		{"en-us", nil, "en"}, {"fr", nil, ""}, {"", nil, ""},
	} {
		if got := siteLanguage(c.slug, c.locale, o); got != c.want {
			t.Errorf("siteLanguage(%q, %v) = %q; want %q", c.slug, c.locale, got, c.want)
		}
	}
}

func TestParseSince(t *testing.T) {
	t.Parallel()
	got, err := ParseSince("2024-10-25", seoul)
	if err != nil || !got.Equal(time.Date(2024, 10, 24, 15, 0, 0, 0, time.UTC)) {
		t.Errorf("ParseSince(2024-10-25) = %v, %v; want midnight in Seoul", got, err)
	}
	if _, err := ParseSince("2024-10-25T09:00:00+09:00", seoul); err != nil {
		t.Error(err)
	}
	if _, err := ParseSince("yesterday", seoul); err == nil {
		t.Error("ParseSince(yesterday) succeeded")
	}
}

func TestParseDecision(t *testing.T) {
	t.Parallel()
	for in, want := range map[string]string{
		"section: news": "section: news", "tag:  markets ": "tag: markets", "region: Hyesan": "region: Hyesan", " skip ": "skip",
	} {
		d, err := parseDecision(in)
		if err != nil || d.String() != want {
			t.Errorf("parseDecision(%q) = %v, %v; want %q", in, d, err, want)
		}
	}
	for _, in := range []string{"tag:", "markets", "tags: x", "drop"} {
		if d, err := parseDecision(in); err == nil {
			t.Errorf("parseDecision(%q) = %v; want an error", in, d)
		}
	}
}
