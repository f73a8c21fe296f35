package main

import (
	"archive/zip"
	"errors"
	"fmt"
	"net/url"
	"os"
	"path/filepath"
	"strings"

	"github.com/dispatch-news/dispatch/internal/edition"
)

// checkEdition verifies the offline edition in file as a receiver would,
// prints its size against the budget, and unzips it into dir.
func checkEdition(file, dir, base string, budget int) error {
	zr, err := zip.OpenReader(file)
	if err != nil {
		return err
	}
	defer zr.Close()
	u, err := url.Parse(base)
	if err != nil {
		return err
	}
	problems, err := edition.Verify(&zr.Reader, u.Host)
	if err != nil {
		return err
	}
	for _, p := range problems {
		fmt.Printf("%s: %s [edition.verify]\n", file, p)
	}
	fi, err := os.Stat(file)
	if err != nil {
		return err
	}
	pages, photos := 0, 0
	for _, f := range zr.File {
		switch strings.ToLower(filepath.Ext(f.Name)) {
		case ".html":
			pages++
		case ".jpg", ".jpeg", ".png", ".webp":
			photos++
		}
	}
	verdict := "ok"
	if fi.Size() > int64(budget) {
		verdict = fmt.Sprintf("over the budget of %d B [edition.size]", budget)
	}
	fmt.Printf("%s: %d B (%.2f MB), %d files: %d pages, %d photos; SHA256SUMS verified and every link a file of the zip: %v; %s\n",
		filepath.Base(file), fi.Size(), float64(fi.Size())/1e6, len(zr.File), pages, photos, len(problems) == 0, verdict)
	for _, f := range zr.File {
		p := filepath.Join(dir, filepath.FromSlash(f.Name))
		if !strings.HasPrefix(p, filepath.Clean(dir)+string(filepath.Separator)) {
			return fmt.Errorf("%s: %q leaves the folder", file, f.Name)
		}
		if err := os.MkdirAll(filepath.Dir(p), 0o755); err != nil {
			return err
		}
		rc, err := f.Open()
		if err != nil {
			return err
		}
		out, err := os.Create(p)
		if err == nil {
			_, err = out.ReadFrom(rc)
			if cerr := out.Close(); err == nil {
				err = cerr
			}
		}
		rc.Close()
		if err != nil {
			return err
		}
	}
	if len(problems) > 0 || fi.Size() > int64(budget) {
		return errors.New("the edition failed its checks")
	}
	return nil
}
