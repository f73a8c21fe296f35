package audit

import (
	"reflect"
	"strings"
	"testing"
)

func TestParseHugoList(t *testing.T) {
	t.Parallel()
	const head = "path,slug,title,date,expiryDate,publishDate,draft,permalink,kind,section\n"
	tests := []struct {
		name, csv, base string
		want            []Unpublished
	}{
		{"nothing", head, "https://dispatch.example/", nil},
		{"no output at all", "", "https://dispatch.example/", nil},
		{"a draft and its translation",
			head + "content/news/2024/x/index.md,,D,2024-10-01T09:00:00+09:00,0001-01-01T00:00:00Z,2024-10-01T09:00:00+09:00,true,https://dispatch.example/news/2024/x/,page,news\n" +
				"content/news/2024/x/index.ko.md,,\"D, \"\"quoted\"\"\",2024-10-01T09:00:00+09:00,0001-01-01T00:00:00Z,2024-10-01T09:00:00+09:00,true,https://dispatch.example/ko/news/2024/x/,page,news\n",
			"https://dispatch.example/",
			[]Unpublished{
				{Path: "/news/2024/x/", Why: "draft", Source: "content/news/2024/x/index.md"},
				{Path: "/ko/news/2024/x/", Why: "draft", Source: "content/news/2024/x/index.ko.md"},
			}},
		{"a site under a sub-path",
			head + "content/a.md,,A,,,,true,https://example.org/dispatch/news/a/,page,news\n",
			"https://example.org/dispatch/",
			[]Unpublished{{Path: "/news/a/", Why: "draft", Source: "content/a.md"}}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			t.Parallel()
			got, err := ParseHugoList(strings.NewReader(tt.csv), "draft", tt.base)
			if err != nil {
				t.Fatal(err)
			}
			if !reflect.DeepEqual(got, tt.want) {
				t.Errorf("got %+v, want %+v", got, tt.want)
			}
		})
	}
	if _, err := ParseHugoList(strings.NewReader("a,b\n1,2\n"), "draft", "https://dispatch.example/"); err == nil {
		t.Error("no error for a CSV without path and permalink columns")
	}
}
