package search

import (
	"archive/tar"
	"bytes"
	"compress/gzip"
	"context"
	"errors"
	"net/http"
	"net/http/httptest"
	"os"
	"path/filepath"
	"regexp"
	"strings"
	"sync/atomic"
	"testing"
)

// tarball returns a gzipped npm tarball holding files, by path.
func tarball(t *testing.T, files map[string]string) []byte {
	t.Helper()
	var buf bytes.Buffer
	zw := gzip.NewWriter(&buf)
	tw := tar.NewWriter(zw)
	for name, body := range files {
		if err := tw.WriteHeader(&tar.Header{Name: name, Mode: 0o755, Size: int64(len(body)), Typeflag: tar.TypeReg}); err != nil {
			t.Fatal(err)
		}
		if _, err := tw.Write([]byte(body)); err != nil {
			t.Fatal(err)
		}
	}
	if err := tw.Close(); err != nil {
		t.Fatal(err)
	}
	if err := zw.Close(); err != nil {
		t.Fatal(err)
	}
	return buf.Bytes()
}

// registry is a fake npm registry serving one tarball of a fake package.
type registry struct {
	*httptest.Server
	requests atomic.Int32
	plat     platform
}

const fakeBinary = "#!/bin/sh\necho pagefind\n"

func newRegistry(t *testing.T) *registry {
	t.Helper()
	tgz := tarball(t, map[string]string{
		"package/package.json":          `{"name":"@pagefind/test-x64"}`,
		"package/bin/pagefind_extended": fakeBinary,
	})
	r := &registry{plat: platform{
		pkg: "@pagefind/test-x64", bin: "package/bin/pagefind_extended",
		tarSHA256: sha256Hex(tgz), binSHA256: sha256Hex([]byte(fakeBinary)),
	}}
	r.Server = httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, req *http.Request) {
		r.requests.Add(1)
		if req.URL.Path != "/@pagefind/test-x64/-/test-x64-"+Version+".tgz" {
			http.NotFound(w, req)
			return
		}
		w.Write(tgz)
	}))
	t.Cleanup(r.Close)
	return r
}

func (r *registry) options(t *testing.T) Options {
	p := r.plat
	return Options{Registry: r.URL, CacheDir: t.TempDir(), Client: r.Client(), plat: &p}
}

func TestBinaryFetchesChecksAndCaches(t *testing.T) {
	t.Parallel()
	r := newRegistry(t)
	o := r.options(t)
	var log bytes.Buffer
	o.Log = &log
	bin, err := Binary(context.Background(), o)
	if err != nil {
		t.Fatal(err)
	}
	if want := filepath.Join(o.CacheDir, Version, "pagefind_extended"); bin != want {
		t.Errorf("binary at %s, want %s", bin, want)
	}
	b, err := os.ReadFile(bin)
	if err != nil || string(b) != fakeBinary {
		t.Fatalf("cached binary %q, %v", b, err)
	}
	if fi, _ := os.Stat(bin); fi.Mode()&0o111 == 0 {
		t.Errorf("cached binary is not executable: %v", fi.Mode())
	}
	if r.requests.Load() != 1 || !strings.Contains(log.String(), "fetching Pagefind "+Version) {
		t.Errorf("%d requests, log %q", r.requests.Load(), log.String())
	}
	if left, _ := filepath.Glob(filepath.Join(o.CacheDir, Version, ".pagefind-*")); len(left) > 0 {
		t.Errorf("temporary files left: %v", left)
	}

	// The second time, the cache serves, even with the registry gone.
	r.Close()
	log.Reset()
	again, err := Binary(context.Background(), o)
	if err != nil || again != bin {
		t.Fatalf("second Binary: %q, %v", again, err)
	}
	if r.requests.Load() != 1 || log.Len() > 0 {
		t.Errorf("the cache was not used: %d requests, log %q", r.requests.Load(), log.String())
	}
}

func TestBinaryRefetchesADamagedCache(t *testing.T) {
	t.Parallel()
	r := newRegistry(t)
	o := r.options(t)
	bin, err := Binary(context.Background(), o)
	if err != nil {
		t.Fatal(err)
	}
	if err := os.WriteFile(bin, []byte("#!/bin/sh\necho something else\n"), 0o755); err != nil {
		t.Fatal(err)
	}
	if _, err := Binary(context.Background(), o); err != nil {
		t.Fatal(err)
	}
	if b, _ := os.ReadFile(bin); string(b) != fakeBinary || r.requests.Load() != 2 {
		t.Errorf("after the cache was damaged: %q, %d requests", b, r.requests.Load())
	}
}

func TestBinaryRefusesAWrongChecksum(t *testing.T) {
	t.Parallel()
	for _, c := range []struct {
		name  string
		spoil func(p *platform)
		what  string
	}{
		{"tarball", func(p *platform) { p.tarSHA256 = strings.Repeat("0", 64) }, "test-x64-" + Version + ".tgz has SHA-256"},
		{"binary", func(p *platform) { p.binSHA256 = strings.Repeat("0", 64) }, "package/bin/pagefind_extended in"},
	} {
		t.Run(c.name, func(t *testing.T) {
			t.Parallel()
			r := newRegistry(t)
			o := r.options(t)
			c.spoil(o.plat)
			bin, err := Binary(context.Background(), o)
			if !errors.Is(err, ErrChecksum) || !strings.Contains(err.Error(), c.what) {
				t.Fatalf("Binary = %q, %v; want ErrChecksum naming %q", bin, err, c.what)
			}
			if entries, _ := os.ReadDir(filepath.Join(o.CacheDir, Version)); len(entries) > 0 {
				t.Errorf("something was cached: %v", entries)
			}
		})
	}
}

func TestBinaryHonoursTheOverride(t *testing.T) {
	t.Parallel()
	r := newRegistry(t)
	o := r.options(t)
	own := filepath.Join(t.TempDir(), "my-pagefind")
	if err := os.WriteFile(own, []byte("#!/bin/sh\n"), 0o755); err != nil {
		t.Fatal(err)
	}
	o.Override = own
	bin, err := Binary(context.Background(), o)
	if err != nil || bin != own {
		t.Fatalf("Binary = %q, %v; want %s", bin, err, own)
	}
	if r.requests.Load() != 0 {
		t.Errorf("%d requests to the registry with an override", r.requests.Load())
	}
	o.Override = filepath.Join(t.TempDir(), "missing")
	if _, err := Binary(context.Background(), o); !errors.Is(err, ErrUnavailable) || !strings.Contains(err.Error(), EnvBinary) {
		t.Errorf("a missing override: %v", err)
	}
}

func TestOptionsFromEnv(t *testing.T) {
	t.Setenv(EnvBinary, "/opt/pagefind")
	t.Setenv(EnvRegistry, "https://mirror.example/npm/")
	if o := OptionsFromEnv(); o.Override != "/opt/pagefind" || o.Registry != "https://mirror.example/npm/" {
		t.Errorf("OptionsFromEnv = %+v", o)
	}
}

func TestBinaryOfflineWithoutCache(t *testing.T) {
	t.Parallel()
	r := newRegistry(t)
	for _, c := range []struct {
		name     string
		registry string
	}{
		{"unreachable", "http://127.0.0.1:1"},
		{"not found", r.URL + "/missing"},
	} {
		t.Run(c.name, func(t *testing.T) {
			o := r.options(t)
			o.Registry = c.registry
			_, err := Binary(context.Background(), o)
			if !errors.Is(err, ErrUnavailable) {
				t.Fatalf("err = %v, want ErrUnavailable", err)
			}
			for _, advice := range []string{"--search=false", EnvBinary, "@pagefind/test-x64@" + Version} {
				if !strings.Contains(err.Error(), advice) {
					t.Errorf("the error does not say %q: %v", advice, err)
				}
			}
		})
	}
}

func TestPlatforms(t *testing.T) {
	t.Parallel()
	hex := regexp.MustCompile(`^[0-9a-f]{64}$`)
	npm := map[string]string{"linux": "linux", "darwin": "darwin", "windows": "windows", "freebsd": "freebsd", "amd64": "x64", "arm64": "arm64"}
	for key, p := range platforms {
		goos, goarch, _ := strings.Cut(key, "/")
		if want := "@pagefind/" + npm[goos] + "-" + npm[goarch]; p.pkg != want {
			t.Errorf("%s: package %s, want %s", key, p.pkg, want)
		}
		exe := "package/bin/pagefind_extended"
		if goos == "windows" {
			exe += ".exe"
		}
		if p.bin != exe || !hex.MatchString(p.tarSHA256) || !hex.MatchString(p.binSHA256) {
			t.Errorf("%s: %+v", key, p)
		}
	}
	for _, need := range []string{"linux/amd64", "linux/arm64", "darwin/amd64", "darwin/arm64", "windows/amd64"} {
		goos, goarch, _ := strings.Cut(need, "/")
		if _, err := platformFor(goos, goarch); err != nil {
			t.Errorf("%s: %v", need, err)
		}
	}
	if _, err := platformFor("plan9", "386"); !errors.Is(err, ErrUnavailable) || !strings.Contains(err.Error(), EnvBinary) {
		t.Errorf("an unknown platform: %v", err)
	}
	if got := tarballName("@pagefind/linux-x64", "1.6.0"); got != "linux-x64-1.6.0.tgz" {
		t.Errorf("tarballName = %s", got)
	}
}
