package cli

import (
	"bytes"
	"compress/gzip"
	"context"
	"fmt"
	"io"
	"io/fs"
	"net/http"
	"net/http/httptest"
	"os"
	"path/filepath"
	"slices"
	"sort"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/dispatch-news/dispatch/internal/sitecopy"
	"github.com/gohugoio/hugo/common/hugo"
	"github.com/johannesboyne/gofakes3"
	"github.com/johannesboyne/gofakes3/backend/s3mem"
)

// s3Recorder is an S3-compatible server on 127.0.0.1 (gofakes3) that
// records the uploads and deletes it is asked for, and can be made to fail
// uploads, as a network would.
type s3Recorder struct {
	backend *s3mem.Backend
	server  *httptest.Server

	mu       sync.Mutex
	puts     map[string]http.Header // key -> request headers
	deletes  []string
	failFrom int // fail every upload after this many; 0: never
	n        int
}

const bucket = "site"

func newS3Recorder(t *testing.T) *s3Recorder {
	r := &s3Recorder{backend: s3mem.New(), puts: map[string]http.Header{}}
	faker := gofakes3.New(r.backend).Server()
	r.server = httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, req *http.Request) {
		key, isObject := strings.CutPrefix(req.URL.Path, "/"+bucket+"/")
		if isObject && req.Method == http.MethodPut {
			r.mu.Lock()
			r.n++
			fail := r.failFrom > 0 && r.n > r.failFrom
			if !fail {
				r.puts[key] = req.Header.Clone()
			}
			r.mu.Unlock()
			if fail {
				// An error the SDK does not retry, so the cut is quick.
				w.Header().Set("Content-Type", "application/xml")
				w.WriteHeader(http.StatusForbidden)
				fmt.Fprint(w, `<?xml version="1.0" encoding="UTF-8"?><Error><Code>AccessDenied</Code><Message>cut off</Message></Error>`)
				return
			}
		}
		if isObject && req.Method == http.MethodDelete {
			r.mu.Lock()
			r.deletes = append(r.deletes, key)
			r.mu.Unlock()
		}
		if req.Method == http.MethodPost && req.URL.Query().Has("delete") {
			body, _ := io.ReadAll(req.Body)
			req.Body = io.NopCloser(bytes.NewReader(body))
			r.mu.Lock()
			for _, part := range strings.Split(string(body), "<Key>")[1:] {
				r.deletes = append(r.deletes, part[:strings.Index(part, "</Key>")])
			}
			r.mu.Unlock()
		}
		faker.ServeHTTP(w, req)
	}))
	t.Cleanup(r.server.Close)
	if err := r.backend.CreateBucket(bucket); err != nil {
		t.Fatal(err)
	}
	return r
}

// reset forgets what was recorded.
func (r *s3Recorder) reset(failFrom int) {
	r.mu.Lock()
	defer r.mu.Unlock()
	r.puts, r.deletes, r.failFrom, r.n = map[string]http.Header{}, nil, failFrom, 0
}

func (r *s3Recorder) uploaded() []string {
	r.mu.Lock()
	defer r.mu.Unlock()
	var keys []string
	for k := range r.puts {
		keys = append(keys, k)
	}
	sort.Strings(keys)
	return keys
}

func (r *s3Recorder) keys(t *testing.T) []string {
	list, err := r.backend.ListBucket(bucket, nil, gofakes3.ListBucketPage{})
	if err != nil {
		t.Fatal(err)
	}
	var keys []string
	for _, c := range list.Contents {
		keys = append(keys, c.Key)
	}
	sort.Strings(keys)
	return keys
}

// body returns an object's content, gunzipped.
func (r *s3Recorder) body(t *testing.T, key string) string {
	t.Helper()
	obj, err := r.backend.GetObject(bucket, key, nil)
	if err != nil {
		t.Fatalf("%s: %v", key, err)
	}
	defer obj.Contents.Close()
	b, err := io.ReadAll(obj.Contents)
	if err != nil {
		t.Fatal(err)
	}
	// Gzipped by the deploy, not by its maker (Pagefind's index chunks
	// are gzip files, stored as they are).
	if obj.Metadata["Content-Encoding"] != "gzip" {
		return string(b)
	}
	zr, err := gzip.NewReader(bytes.NewReader(b))
	if err != nil {
		t.Fatal(err)
	}
	if b, err = io.ReadAll(zr); err != nil {
		t.Fatal(err)
	}
	return string(b)
}

// exampleSite copies the repository's example site into a new folder.
func exampleSite(t *testing.T) string {
	dir := t.TempDir()
	if err := sitecopy.Example(filepath.Join("..", ".."), dir); err != nil {
		t.Fatal(err)
	}
	return dir
}

func localFiles(t *testing.T, public string) []string {
	var files []string
	err := filepath.WalkDir(public, func(path string, d fs.DirEntry, err error) error {
		if err != nil || d.IsDir() {
			return err
		}
		rel, _ := filepath.Rel(public, path)
		rel = filepath.ToSlash(rel)
		if rel != "_headers" && rel != "_redirects" && rel != "nginx.conf" {
			files = append(files, rel)
		}
		return nil
	})
	if err != nil {
		t.Fatal(err)
	}
	sort.Strings(files)
	return files
}

func TestDeployToS3(t *testing.T) {
	if !hugo.IsWithdeploy {
		t.Skip("built without the withdeploy tag")
	}
	s3 := newS3Recorder(t)
	t.Setenv("AWS_ACCESS_KEY_ID", "test")
	t.Setenv("AWS_SECRET_ACCESS_KEY", "test")
	t.Setenv("AWS_EC2_METADATA_DISABLED", "true")
	t.Setenv("AWS_CONFIG_FILE", filepath.Join(t.TempDir(), "none"))
	t.Setenv("AWS_SHARED_CREDENTIALS_FILE", filepath.Join(t.TempDir(), "none"))

	site := exampleSite(t)
	f, err := os.OpenFile(filepath.Join(site, "config.toml"), os.O_APPEND|os.O_WRONLY, 0)
	if err != nil {
		t.Fatal(err)
	}
	fmt.Fprintf(f, "\n[[deployment.targets]]\nname = \"test\"\nURL = \"s3://%s?endpoint=%s&use_path_style=true&region=us-east-1\"\nexclude = \"{_headers,_redirects,nginx.conf}\"\n",
		bucket, s3.server.URL)
	f.Close()

	deploy := func() (int, string) {
		var out, errs bytes.Buffer
		start := time.Now()
		code := Run(context.Background(), []string{"deploy", "--source", site, "--target", "test"}, &out, &errs)
		t.Logf("deploy: exit %d in %v", code, time.Since(start))
		return code, out.String() + errs.String()
	}
	edit := func(rel, old, new string) {
		path := filepath.Join(site, "content", filepath.FromSlash(rel))
		b, err := os.ReadFile(path)
		if err != nil {
			t.Fatal(err)
		}
		if !bytes.Contains(b, []byte(old)) {
			t.Fatalf("%s has no %q", rel, old)
		}
		if err := os.WriteFile(path, bytes.Replace(b, []byte(old), []byte(new), 1), 0o644); err != nil {
			t.Fatal(err)
		}
	}

	// An upload cut off halfway fails, and the next deploy completes it.
	s3.reset(10)
	if code, out := deploy(); code == 0 {
		t.Fatalf("deploy succeeded with a failing server:\n%s", out)
	}
	if n := len(s3.keys(t)); n < 5 || n > 12 {
		t.Fatalf("%d files in the bucket after the cut; the test needs a partial upload", n)
	}
	s3.reset(0)
	if code, out := deploy(); code != 0 {
		t.Fatalf("deploy: exit %d\n%s", code, out)
	}
	local := localFiles(t, filepath.Join(site, "public"))
	if got := s3.keys(t); !slices.Equal(got, local) {
		t.Fatalf("bucket and public/ differ:\nbucket %q\nlocal  %q", got, local)
	}
	if len(s3.uploaded()) >= len(local) || len(s3.uploaded()) < len(local)-12 {
		t.Errorf("the second deploy uploaded %d of %d files; want only what the first did not", len(s3.uploaded()), len(local))
	}
	for _, rel := range local {
		want, _ := os.ReadFile(filepath.Join(site, "public", filepath.FromSlash(rel)))
		if s3.body(t, rel) != string(want) {
			t.Errorf("%s differs in the bucket", rel)
		}
	}

	// Headers, checked on a fresh upload of everything.
	s3.reset(0)
	if err := s3.backend.ForceDeleteBucket(bucket); err != nil {
		t.Fatal(err)
	}
	if err := s3.backend.CreateBucket(bucket); err != nil {
		t.Fatal(err)
	}
	if code, out := deploy(); code != 0 {
		t.Fatalf("deploy: exit %d\n%s", code, out)
	}
	if got := s3.uploaded(); !slices.Equal(got, local) {
		t.Fatalf("the first deploy uploaded %d files, want all %d", len(got), len(local))
	}
	css := local[slices.IndexFunc(local, func(k string) bool { return strings.HasPrefix(k, "css/") })]
	webp := local[slices.IndexFunc(local, func(k string) bool { return strings.HasSuffix(k, ".webp") })]
	js := local[slices.IndexFunc(local, func(k string) bool { return strings.HasPrefix(k, "js/") })]
	chunk := local[slices.IndexFunc(local, func(k string) bool { return strings.HasPrefix(k, "pagefind/index/") })]
	const short, year = "public, max-age=300, must-revalidate", "public, max-age=31536000, immutable"
	for _, c := range []struct{ key, cache, typ, enc string }{
		{"index.html", short, "text/html; charset=utf-8", "gzip"},
		{"news/2024/hoeryong-phone-calls/index.html", short, "text/html; charset=utf-8", "gzip"},
		{"ko/index.html", short, "text/html; charset=utf-8", "gzip"},
		{css, year, "text/css; charset=utf-8", "gzip"},
		{webp, year, "image/webp", ""},
		{"images/logo.png", "public, max-age=86400", "image/png", ""},
		{"index.xml", short, "application/rss+xml; charset=utf-8", "gzip"},
		{"atom.xml", short, "application/atom+xml; charset=utf-8", "gzip"},
		{"feed.json", short, "application/feed+json; charset=utf-8", "gzip"},
		{"sitemap.xml", short, "application/xml; charset=utf-8", "gzip"},
		{"news-sitemap.xml", short, "application/xml; charset=utf-8", "gzip"},
		{"robots.txt", short, "text/plain; charset=utf-8", "gzip"},
		{js, year, "text/javascript; charset=utf-8", "gzip"},
		{"pagefind/pagefind.js", short, "text/javascript; charset=utf-8", "gzip"},
		{"pagefind/pagefind-entry.json", short, "application/json; charset=utf-8", "gzip"},
		{chunk, short, "application/octet-stream", ""}, // gzipped by Pagefind
	} {
		h := s3.puts[c.key]
		if h == nil {
			t.Errorf("%s was not uploaded", c.key)
			continue
		}
		if h.Get("Cache-Control") != c.cache || h.Get("Content-Type") != c.typ || h.Get("Content-Encoding") != c.enc {
			t.Errorf("%s: Cache-Control %q, Content-Type %q, Content-Encoding %q; want %q, %q, %q", c.key,
				h.Get("Cache-Control"), h.Get("Content-Type"), h.Get("Content-Encoding"), c.cache, c.typ, c.enc)
		}
	}

	// Nothing changed, nothing uploads.
	s3.reset(0)
	if code, out := deploy(); code != 0 || len(s3.uploaded()) != 0 || len(s3.deletes) != 0 {
		t.Fatalf("a second deploy: exit %d, uploaded %q, deleted %q\n%s", code, s3.uploaded(), s3.deletes, out)
	}

	// One article edited: only the pages that show it upload.
	s3.reset(0)
	const newTitle = "Hoeryong residents warned again about phone calls"
	edit("news/2024/hoeryong-phone-calls/index.md",
		"title: \"Hoeryong residents told overseas calls now mean a camp sentence, for lenders of phones too\"",
		"title: \""+newTitle+"\"")
	if code, out := deploy(); code != 0 {
		t.Fatalf("deploy: exit %d\n%s", code, out)
	}
	up := s3.uploaded()
	for _, want := range []string{"news/2024/hoeryong-phone-calls/index.html", "index.html", "news/index.html",
		"tags/surveillance/index.html", "regions/hoeryong/index.html", "index.xml", "atom.xml", "feed.json"} {
		if !slices.Contains(up, want) {
			t.Errorf("%s shows the article but was not uploaded", want)
		}
	}
	for _, key := range up {
		if strings.HasPrefix(key, "pagefind/") {
			continue // the search index: its chunks hold the article's words, gzipped
		}
		if !strings.Contains(s3.body(t, key), newTitle) {
			t.Errorf("%s was uploaded but does not show the article", key)
		}
	}
	if !slices.ContainsFunc(up, func(k string) bool { return strings.HasPrefix(k, "pagefind/fragment/") }) {
		t.Errorf("the search index of the edited article was not uploaded: %q", up)
	}
	if len(up) > len(local)/2 {
		t.Errorf("one edit uploaded %d of %d files", len(up), len(local))
	}

	// A deleted article disappears.
	s3.reset(0)
	if err := os.RemoveAll(filepath.Join(site, "content", "news", "2024", "hoeryong-phone-calls")); err != nil {
		t.Fatal(err)
	}
	// Its links go with it: a link to a page that is gone fails the checks.
	if code, out := deploy(); code != ExitFailure || !strings.Contains(out, `link to "/news/2024/hoeryong-phone-calls/"`) {
		t.Fatalf("deploy with a link to a deleted article: exit %d\n%s", code, out)
	}
	edit("analysis/2024/why-border-phones-matter/index.md", "[Dispatch](/news/2024/hoeryong-phone-calls/)", "Dispatch")
	if code, out := deploy(); code != 0 {
		t.Fatalf("deploy: exit %d\n%s", code, out)
	}
	if !slices.Contains(s3.deletes, "news/2024/hoeryong-phone-calls/index.html") ||
		!slices.Contains(s3.deletes, "ko/news/2024/hoeryong-phone-calls/index.html") {
		t.Errorf("the deleted article's pages were not deleted: %q", s3.deletes)
	}
	if slices.Contains(s3.keys(t), "news/2024/hoeryong-phone-calls/index.html") {
		t.Errorf("the deleted article is still in the bucket")
	}
	if got, want := s3.keys(t), localFiles(t, filepath.Join(site, "public")); !slices.Equal(got, want) {
		t.Errorf("bucket and public/ differ after a delete:\nbucket %q\nlocal  %q", got, want)
	}

	// An article with a content error publishes nothing at all.
	s3.reset(0)
	before := s3.keys(t)
	edit("news/2024/hyesan-market-rules/index.md", "date: 2024-09-03T08:30:00+09:00", "date: 2024-09-03")
	code, out := deploy()
	if code != ExitFailure || !strings.Contains(out, "has no time zone offset") {
		t.Errorf("deploy of a broken article: exit %d\n%s", code, out)
	}
	if len(s3.uploaded()) != 0 || len(s3.deletes) != 0 || !slices.Equal(s3.keys(t), before) {
		t.Errorf("a failed check still changed the bucket: uploaded %q, deleted %q", s3.uploaded(), s3.deletes)
	}
}
