package main

import (
	"fmt"
	"os"
	"os/exec"
	"path/filepath"

	"github.com/dispatch-news/dispatch/internal/sitecopy"
)

// themeParts are the folders and files of the theme and the example's
// configuration that a corpus site gets from the repository.
var themeParts = []string{"config.toml", "layouts", "assets", "i18n", "archetypes"}

// corpusSite returns a site of n gencorpus articles, images of them with a
// hero photo, set up as verify/run.sh's corpus_site does: this
// repository's configuration and theme, the example's about pages and the
// corpus's vocabulary (which gencorpus writes). The corpus is generated
// once and kept in work; the theme is copied again on every call, so that
// it is the one in repo.
func (b *bench) corpusSite(n, images int) (string, error) {
	dir := filepath.Join(b.work, fmt.Sprintf("site-%d-img%d", n, images))
	stamp := filepath.Join(dir, ".gencorpus")
	want := fmt.Sprintf("-n %d -images %d", n, images)
	if got, err := os.ReadFile(stamp); err != nil || string(got) != want {
		b.logf("generating %d articles (%d photos) in %s", n, images, dir)
		if err := os.RemoveAll(dir); err != nil {
			return "", err
		}
		gen, err := b.gencorpus()
		if err != nil {
			return "", err
		}
		cmd := exec.Command(gen, "-n", fmt.Sprint(n), "-images", fmt.Sprint(images), "-out", dir)
		if out, err := cmd.CombinedOutput(); err != nil {
			return "", fmt.Errorf("gencorpus: %v\n%s", err, out)
		}
		if err := sitecopy.Tree(filepath.Join(b.repo, "content", "about"), filepath.Join(dir, "content", "about")); err != nil {
			return "", err
		}
		if err := os.WriteFile(stamp, []byte(want), 0o644); err != nil {
			return "", err
		}
	}
	for _, p := range themeParts {
		if err := os.RemoveAll(filepath.Join(dir, p)); err != nil {
			return "", err
		}
	}
	if err := sitecopy.Parts(b.repo, dir, themeParts...); err != nil {
		return "", err
	}
	return dir, nil
}

// bareSite returns a fresh copy of bench/bare, the title-and-content theme.
func (b *bench) bareSite() (string, error) {
	dir := filepath.Join(b.work, "bare")
	if err := os.RemoveAll(dir); err != nil {
		return "", err
	}
	return dir, sitecopy.Tree(filepath.Join(b.repo, "bench", "bare"), dir)
}

// gencorpus builds the corpus generator once.
func (b *bench) gencorpus() (string, error) {
	exe := filepath.Join(b.work, "gencorpus")
	if _, err := os.Stat(exe); err == nil {
		return exe, nil
	}
	cmd := exec.Command("go", "build", "-o", exe, "./bench/gencorpus")
	cmd.Dir = b.repo
	if out, err := cmd.CombinedOutput(); err != nil {
		return "", fmt.Errorf("building gencorpus: %v\n%s", err, out)
	}
	return exe, nil
}
