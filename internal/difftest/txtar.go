package difftest

import (
	"bytes"
	"fmt"
	"path/filepath"
	"regexp"
	"slices"
	"strings"

	"github.com/dispatch-news/dispatch/internal/imagemeta/imagetest"
	"golang.org/x/tools/txtar"
)

// Txtar writes a result as a txtar archive: the report as its comment and
// the case's files under content/, as the check's golden cases have them
// (a photo as its imagetest recipe). Add a "want" file and it is a golden
// case of internal/check.
func (r *Result) Txtar() []byte {
	var comment strings.Builder
	full := r.Report()
	if i := strings.Index(full, "\n-- "); i >= 0 {
		full = full[:i+1]
	}
	comment.WriteString(full)
	ar := &txtar.Archive{}
	for _, f := range r.Case.Files {
		data := f.Data
		if f.Recipe != "" {
			data = []byte(f.Recipe + "\n")
		}
		ar.Files = append(ar.Files, txtar.File{Name: "content/" + f.Name, Data: data})
	}
	// txtar keeps bytes as they are, but ends each file with a newline and
	// reads a "-- name --" line as the start of a file.
	back := txtar.Parse(txtar.Format(&txtar.Archive{Files: ar.Files}))
	for i, f := range ar.Files {
		if i >= len(back.Files) || !bytes.Equal(back.Files[i].Data, f.Data) {
			fmt.Fprintf(&comment, "NOTE: %s is not kept exactly by txtar\n", f.Name)
		}
	}
	ar.Comment = []byte(comment.String())
	return txtar.Format(ar)
}

// LoadCase reads a case back from a txtar archive written by Txtar, or
// written by hand: files under content/ (a "want" file is ignored).
func LoadCase(file string) (Case, error) {
	ar, err := txtar.ParseFile(file)
	if err != nil {
		return Case{}, err
	}
	c := Case{Name: strings.TrimSuffix(filepath.Base(file), ".txtar")}
	for _, f := range ar.Files {
		name, ok := strings.CutPrefix(f.Name, "content/")
		if !ok {
			continue
		}
		cf := File{Name: name, Data: f.Data}
		if spec, ok := strings.CutPrefix(string(f.Data), "imagetest:"); ok {
			sp, err := imagetest.ParseSpec(spec)
			if err != nil {
				return c, fmt.Errorf("%s: %s: %w", file, f.Name, err)
			}
			if cf.Data, err = imagetest.File(name, sp); err != nil {
				return c, err
			}
			cf.Recipe = strings.TrimSpace(string(f.Data))
		} else if isPage(name) {
			c.Pages = append(c.Pages, name)
		}
		c.Files = append(c.Files, cf)
	}
	if len(c.Pages) == 0 {
		return c, fmt.Errorf("%s: no content file", file)
	}
	for i, f := range c.Files {
		for _, data := range foldVariantsText(f.Data) {
			files := slices.Clone(c.Files)
			files[i].Data = data
			c.Variants = append(c.Variants, files)
		}
	}
	return c, nil
}

var (
	yamlKeyRe = regexp.MustCompile(`^([A-Za-z_][A-Za-z0-9_-]*)\s*:`)
	tomlKeyRe = regexp.MustCompile(`^([A-Za-z_][A-Za-z0-9_-]*)\s*=`)
)

// foldVariantsText is foldVariants for a file written by hand: for a YAML
// or TOML front matter with top-level keys that differ only in case, each
// version that keeps one key of each such group (a key's indented lines go
// with it). JSON front matter is left alone.
func foldVariantsText(data []byte) [][]byte {
	lines := strings.SplitAfter(string(data), "\n")
	if len(lines) < 3 {
		return nil
	}
	delim := strings.TrimRight(lines[0], "\r\n")
	keyRe := yamlKeyRe
	switch delim {
	case "---":
	case "+++":
		keyRe = tomlKeyRe
	default:
		return nil
	}
	// The top-level keys: line ranges [start, end) and their names.
	type key struct {
		name       string
		start, end int
	}
	var keys []key
	for i := 1; i < len(lines); i++ {
		l := strings.TrimRight(lines[i], "\r\n")
		if l == delim {
			break
		}
		if m := keyRe.FindStringSubmatch(l); m != nil {
			keys = append(keys, key{m[1], i, i + 1})
		} else if len(keys) > 0 && keys[len(keys)-1].end == i && (strings.HasPrefix(l, " ") || strings.HasPrefix(l, "\t")) {
			keys[len(keys)-1].end = i + 1
		}
	}
	fields := make([]kv, len(keys))
	for i, k := range keys {
		fields[i] = kv{k: k.name, v: val{y: fmt.Sprint(i)}}
	}
	var out [][]byte
	for _, v := range foldVariants(fields) {
		drop := map[int]bool{}
		for i := range keys {
			drop[i] = true
		}
		for _, f := range v {
			n := 0
			fmt.Sscan(f.v.y, &n)
			delete(drop, n)
		}
		var b strings.Builder
		for i, l := range lines {
			dropped := false
			for k := range drop {
				if i >= keys[k].start && i < keys[k].end {
					dropped = true
				}
			}
			if !dropped {
				b.WriteString(l)
			}
		}
		out = append(out, []byte(b.String()))
	}
	return out
}

// isPage says whether a file under content/ may be a page, for Hugo or the
// check: any file but a photo.
func isPage(name string) bool {
	switch strings.ToLower(filepath.Ext(name)) {
	case ".jpg", ".jpeg", ".png", ".webp", ".gif":
		return false
	}
	return true
}
