package edition

import (
	"archive/zip"
	"bufio"
	"bytes"
	"compress/flate"
	"crypto/sha256"
	"encoding/hex"
	"fmt"
	"io"
	"net/url"
	"path"
	"slices"
	"strings"
	"time"

	"golang.org/x/net/html"
	"golang.org/x/text/cases"
	"golang.org/x/text/unicode/norm"
)

// SumsName is the manifest of an edition: a line "SHA256  NAME" for every
// other file, as sha256sum writes it and sha256sum -c reads it.
const SumsName = "SHA256SUMS"

// Sums returns the manifest of files.
func Sums(files []File) ([]byte, error) {
	var b bytes.Buffer
	for _, f := range files {
		if strings.ContainsAny(f.Name, "\\\n\r") {
			// sha256sum escapes these; no site path has them.
			return nil, fmt.Errorf("edition: %q: a file name with a backslash or a line break", f.Name)
		}
		sum := sha256.Sum256(f.Data)
		fmt.Fprintf(&b, "%s  %s\n", hex.EncodeToString(sum[:]), f.Name)
	}
	return b.Bytes(), nil
}

// Write writes the edition as a zip, with its SHA256SUMS: the files in the
// order of their names, each dated modified, text compressed and photos
// stored as they are, so that the same edition gives the same bytes.
func Write(w io.Writer, e *Edition, modified time.Time) error {
	sums, err := Sums(e.Files)
	if err != nil {
		return err
	}
	files := append(slices.Clone(e.Files), File{Name: SumsName, Data: sums})
	slices.SortFunc(files, func(a, b File) int { return strings.Compare(a.Name, b.Name) })
	zw := zip.NewWriter(w)
	zw.RegisterCompressor(zip.Deflate, func(out io.Writer) (io.WriteCloser, error) {
		return flate.NewWriter(out, flate.BestCompression)
	})
	for _, f := range files {
		h := &zip.FileHeader{Name: f.Name, Method: zip.Deflate, Modified: modified.UTC().Truncate(time.Second)}
		switch path.Ext(f.Name) {
		case ".jpg", ".jpeg", ".png", ".webp", ".gif", ".avif":
			h.Method = zip.Store // compressed already
		}
		h.SetMode(0o644)
		fw, err := zw.CreateHeader(h)
		if err != nil {
			return err
		}
		if _, err := fw.Write(f.Data); err != nil {
			return err
		}
	}
	return zw.Close()
}

// Verify checks an edition as a receiver would: that SHA256SUMS lists
// every other file of the zip and that each matches its checksum
// (sha256sum -c), and that every link and load of every page points to a
// file of the zip, by a relative URL; a link to one of ownHosts (the site's)
// is a link that should have been. It returns what is wrong, one line a
// problem; none when the edition is whole.
func Verify(r *zip.Reader, ownHosts ...string) ([]string, error) {
	files := map[string][]byte{}
	for _, f := range r.File {
		if strings.HasSuffix(f.Name, "/") {
			continue
		}
		rc, err := f.Open()
		if err != nil {
			return nil, err
		}
		b, err := io.ReadAll(rc)
		rc.Close()
		if err != nil {
			return nil, fmt.Errorf("%s: %w", f.Name, err)
		}
		files[f.Name] = b
	}
	var problems []string
	bad := func(format string, args ...any) { problems = append(problems, fmt.Sprintf(format, args...)) }
	sums, ok := files[SumsName]
	if !ok {
		return []string{SumsName + ": missing"}, nil
	}
	listed := map[string]bool{}
	sc := bufio.NewScanner(bytes.NewReader(sums))
	for n := 1; sc.Scan(); n++ {
		// sha256sum -c: the checksum, a space, a space (text) or *
		// (binary), the name.
		line := sc.Text()
		if len(line) < 66 || (line[64:66] != "  " && line[64:66] != " *") {
			bad("%s:%d: not a sha256sum line: %q", SumsName, n, line)
			continue
		}
		name := line[66:]
		listed[name] = true
		b, ok := files[name]
		if !ok {
			bad("%s:%d: %s is not in the edition", SumsName, n, name)
			continue
		}
		sum := sha256.Sum256(b)
		if hex.EncodeToString(sum[:]) != strings.ToLower(line[:64]) {
			bad("%s:%d: %s: FAILED (its checksum differs)", SumsName, n, name)
		}
	}
	var names []string
	for name := range files {
		names = append(names, name)
	}
	slices.Sort(names)
	for _, name := range names {
		if name != SumsName && !listed[name] {
			bad("%s: not listed in %s", name, SumsName)
		}
	}
	// macOS and Windows take names that differ only by case, and macOS
	// names that differ only by Unicode normalisation, for one file:
	// unzipped there, one would replace the other.
	seen := map[string]string{}
	for _, name := range names {
		key := norm.NFC.String(cases.Fold().String(norm.NFD.String(name)))
		if first, ok := seen[key]; ok {
			bad("%s and %s are one file where case and Unicode normalisation do not count (macOS, Windows): unzipped there, one would replace the other", first, name)
			continue
		}
		seen[key] = name
	}
	if _, ok := files["index.html"]; !ok {
		bad("index.html: missing")
	}
	for _, name := range names {
		if path.Ext(name) == ".html" {
			for _, p := range links(name, files[name], files, ownHosts) {
				bad("%s: %s", name, p)
			}
		}
	}
	return problems, nil
}

// links checks that every link and load of a page is a relative URL of a
// file in files. Links to other hosts, mailto: and fragments are fine;
// rel=canonical names the page on the web.
func links(name string, b []byte, files map[string][]byte, ownHosts []string) []string {
	var problems []string
	doc, err := html.Parse(bytes.NewReader(b))
	if err != nil {
		return []string{err.Error()}
	}
	page := &url.URL{Scheme: "file", Path: "/" + name}
	check := func(tag, key, ref string) {
		u, err := url.Parse(strings.TrimSpace(ref))
		if err != nil {
			problems = append(problems, fmt.Sprintf("<%s %s=%q>: %v", tag, key, ref, err))
			return
		}
		if u.Scheme != "" || u.Host != "" {
			switch {
			case key != "href" || tag == "link":
				problems = append(problems, fmt.Sprintf("<%s %s=%q> loads from the network", tag, key, ref))
			case slices.Contains(ownHosts, u.Host):
				problems = append(problems, fmt.Sprintf("<%s %s=%q> links to the site on the web, not to the edition", tag, key, ref))
			}
			return
		}
		if u.Path == "" {
			return // a fragment of the page
		}
		if strings.HasPrefix(u.Path, "/") {
			problems = append(problems, fmt.Sprintf("<%s %s=%q>: a path from the root of the disk, not of the edition", tag, key, ref))
			return
		}
		target := strings.TrimPrefix(page.ResolveReference(u).Path, "/")
		if _, ok := files[target]; !ok {
			problems = append(problems, fmt.Sprintf("<%s %s=%q>: no file %s in the edition", tag, key, ref, target))
		}
	}
	for n := range doc.Descendants() {
		if n.Type != html.ElementNode {
			continue
		}
		for _, a := range n.Attr {
			switch {
			case a.Key == "href" && n.Data == "link" && strings.Contains(" "+strings.ToLower(attrOf(n, "rel"))+" ", " canonical "):
			case a.Key == "href" && (n.Data == "a" || n.Data == "area" || n.Data == "link"),
				a.Key == "src", a.Key == "poster", a.Key == "data" && n.Data == "object":
				if a.Key == "href" && (strings.HasPrefix(a.Val, "mailto:") || strings.HasPrefix(a.Val, "tel:")) {
					continue
				}
				check(n.Data, a.Key, a.Val)
			case a.Key == "srcset":
				for _, c := range strings.Split(a.Val, ",") {
					if f := strings.Fields(c); len(f) > 0 {
						check(n.Data, a.Key, f[0])
					}
				}
			}
		}
	}
	return problems
}

func attrOf(n *html.Node, key string) string {
	for _, a := range n.Attr {
		if a.Key == key {
			return a.Val
		}
	}
	return ""
}
