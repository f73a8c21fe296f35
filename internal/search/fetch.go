package search

import (
	"archive/tar"
	"bytes"
	"cmp"
	"compress/gzip"
	"context"
	"crypto/sha256"
	"encoding/hex"
	"errors"
	"fmt"
	"io"
	"net/http"
	"os"
	"path"
	"path/filepath"
	"strings"
	"time"

	"github.com/dispatch-news/dispatch/internal/fspath"
)

// The environment variables that Options reads.
const (
	// EnvBinary names a Pagefind binary to run instead of the pinned one,
	// as it is: for a machine that cannot reach the registry, or a
	// platform Pagefind publishes no npm package for.
	EnvBinary = "DISPATCH_PAGEFIND"
	// EnvRegistry is the npm registry to fetch from, such as a mirror;
	// what it serves is checked against the same sums.
	EnvRegistry = "DISPATCH_NPM_REGISTRY"
)

// DefaultRegistry is npm's public registry.
const DefaultRegistry = "https://registry.npmjs.org"

// Limits on what a fetch reads: the tarballs are about 7.5 MB, the
// binaries 14 MB.
const (
	maxTarball = 64 << 20
	maxBinary  = 128 << 20
)

var (
	// ErrUnavailable reports that no Pagefind binary could be found or
	// fetched; the message says what to do.
	ErrUnavailable = errors.New("pagefind is not available")
	// ErrChecksum reports a tarball or binary whose SHA-256 is not the
	// one kept in this package: it is never run.
	ErrChecksum = errors.New("pagefind checksum mismatch")
)

// Options say where Binary looks for Pagefind.
type Options struct {
	// Override is a binary to run as it is, unchecked (DISPATCH_PAGEFIND).
	Override string
	// Registry is the npm registry's base URL; "" is DefaultRegistry.
	Registry string
	// CacheDir holds the fetched binaries, one folder a version; "" is
	// dispatch/pagefind in the user's cache folder (os.UserCacheDir).
	CacheDir string
	// Client fetches; nil is a client with a ten-minute timeout that
	// honours the proxy variables (HTTPS_PROXY ...).
	Client *http.Client
	// Log receives one line when the binary is fetched; nil is none.
	Log io.Writer

	// plat replaces the package of this platform, for tests.
	plat *platform
}

// OptionsFromEnv returns the options that the environment sets.
func OptionsFromEnv() Options {
	return Options{Override: os.Getenv(EnvBinary), Registry: os.Getenv(EnvRegistry)}
}

// Binary returns the path of a Pagefind binary to run: o.Override when
// set, else the pinned version for this platform from the cache, fetched
// from the registry and checked first when it is not there (or the cached
// copy's sum is wrong). Errors wrap ErrUnavailable or ErrChecksum.
func Binary(ctx context.Context, o Options) (string, error) {
	if o.Override != "" {
		fi, err := os.Stat(o.Override)
		if err != nil {
			return "", fmt.Errorf("%w: %s=%s: %v", ErrUnavailable, EnvBinary, o.Override, err)
		}
		if !fi.Mode().IsRegular() {
			return "", fmt.Errorf("%w: %s=%s is not a file", ErrUnavailable, EnvBinary, o.Override)
		}
		return filepath.Abs(o.Override)
	}
	p, err := o.platform()
	if err != nil {
		return "", err
	}
	dir := o.CacheDir
	if dir == "" {
		user, err := os.UserCacheDir()
		if err != nil {
			return "", fmt.Errorf("%w: no cache folder to keep it in (%v); set %s to a Pagefind %s binary, "+
				"or build without search (--search=false)", ErrUnavailable, err, EnvBinary, Version)
		}
		dir = filepath.Join(user, "dispatch", "pagefind")
	}
	dir = filepath.Join(dir, Version)
	bin := filepath.Join(dir, path.Base(p.bin))
	if sum, err := fileSHA256(bin); err == nil && sum == p.binSHA256 {
		return bin, nil
	} else if err == nil {
		o.logf("dispatch: the cached Pagefind %s (%s) is not the one published (SHA-256 %s); fetching it again\n", Version, bin, sum)
	}
	data, err := o.fetch(ctx, p)
	if err != nil {
		return "", err
	}
	if err := install(dir, bin, data); err != nil {
		return "", fmt.Errorf("%w: keeping Pagefind in %s: %v", ErrUnavailable, dir, err)
	}
	return bin, nil
}

func (o *Options) platform() (platform, error) {
	if o.plat != nil {
		return *o.plat, nil
	}
	return current()
}

func (o *Options) logf(format string, args ...any) {
	if o.Log != nil {
		fmt.Fprintf(o.Log, format, args...)
	}
}

// fetch downloads the tarball of p, checks it, and returns the binary in
// it, checked too.
func (o *Options) fetch(ctx context.Context, p platform) ([]byte, error) {
	registry := strings.TrimRight(cmp.Or(o.Registry, DefaultRegistry), "/")
	url := registry + "/" + p.pkg + "/-/" + tarballName(p.pkg, Version)
	unavailable := func(err error) error {
		return fmt.Errorf("%w: Pagefind %s is not in the cache and could not be fetched from %s: %v; "+
			"connect once to fetch it, set %s to a Pagefind %s binary (the npm package %s@%s holds one), "+
			"or build without search (--search=false)", ErrUnavailable, Version, url, err, EnvBinary, Version, p.pkg, Version)
	}
	client := o.Client
	if client == nil {
		client = &http.Client{Timeout: 10 * time.Minute}
	}
	req, err := http.NewRequestWithContext(ctx, http.MethodGet, url, nil)
	if err != nil {
		return nil, unavailable(err)
	}
	o.logf("dispatch: fetching Pagefind %s (%s) from %s, once\n", Version, p.pkg, registry)
	resp, err := client.Do(req)
	if err != nil {
		return nil, unavailable(err)
	}
	defer resp.Body.Close()
	if resp.StatusCode != http.StatusOK {
		return nil, unavailable(fmt.Errorf("%s", resp.Status))
	}
	tgz, err := io.ReadAll(io.LimitReader(resp.Body, maxTarball+1))
	if err != nil {
		return nil, unavailable(err)
	}
	if len(tgz) > maxTarball {
		return nil, unavailable(fmt.Errorf("the tarball is larger than %d MB", maxTarball>>20))
	}
	if sum := sha256Hex(tgz); sum != p.tarSHA256 {
		return nil, fmt.Errorf("%w: %s has SHA-256 %s, not %s as kept in dispatch: it was not used", ErrChecksum, url, sum, p.tarSHA256)
	}
	bin, err := untar(tgz, p.bin)
	if err != nil {
		return nil, fmt.Errorf("%w: %s: %v", ErrUnavailable, url, err)
	}
	if sum := sha256Hex(bin); sum != p.binSHA256 {
		return nil, fmt.Errorf("%w: %s in %s has SHA-256 %s, not %s as kept in dispatch: it was not used",
			ErrChecksum, p.bin, url, sum, p.binSHA256)
	}
	return bin, nil
}

// untar returns the regular file name of a gzipped tarball.
func untar(tgz []byte, name string) ([]byte, error) {
	zr, err := gzip.NewReader(bytes.NewReader(tgz))
	if err != nil {
		return nil, err
	}
	tr := tar.NewReader(zr)
	for {
		h, err := tr.Next()
		if err == io.EOF {
			return nil, fmt.Errorf("no %s in the tarball", name)
		}
		if err != nil {
			return nil, err
		}
		if h.Name != name || h.Typeflag != tar.TypeReg {
			continue
		}
		b, err := io.ReadAll(io.LimitReader(tr, maxBinary+1))
		if err != nil {
			return nil, err
		}
		if len(b) > maxBinary {
			return nil, fmt.Errorf("%s is larger than %d MB", name, maxBinary>>20)
		}
		return b, nil
	}
}

// install writes data to bin, executable, through a temporary file in the
// same folder: a build running at the same time sees the whole binary or
// none.
func install(dir, bin string, data []byte) error {
	if err := os.MkdirAll(dir, 0o755); err != nil {
		return err
	}
	return fspath.Replace(bin, data, 0o755, false)
}

func fileSHA256(name string) (string, error) {
	f, err := os.Open(name)
	if err != nil {
		return "", err
	}
	defer f.Close()
	h := sha256.New()
	if _, err := io.Copy(h, f); err != nil {
		return "", err
	}
	return hex.EncodeToString(h.Sum(nil)), nil
}

func sha256Hex(b []byte) string {
	s := sha256.Sum256(b)
	return hex.EncodeToString(s[:])
}
