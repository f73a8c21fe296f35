package audit

import (
	"context"
	"encoding/binary"
	"encoding/hex"
	"flag"
	"fmt"
	"os"
	"path"
	"path/filepath"
	"strings"
	"testing"

	"github.com/dispatch-news/dispatch/internal/imagemeta/imagetest"
	"golang.org/x/tools/txtar"
)

var update = flag.Bool("update", false, "rewrite the want section of the golden cases")

// TestGolden runs every case in testdata/cases: a txtar archive of the
// built site under public/ (and of the site published before under
// previous/), an "options" file and a "want" file with the expected
// report, one finding a line. Binary files are written as recipes:
//
//	imagetest: gps serial    a JPEG, PNG or WebP from internal/imagemeta/imagetest,
//	                         of the format its extension names (.jfif and .jpe are JPEG)
//	ico: text-author         an icon holding one such PNG
//	hex: 7f454c46 ...        these bytes
//
// Options, one a line: "base URL", "mirror URL", "hostfiles NAME...",
// "unpublished PATH WHY SOURCE", "previous" (Options.Previous is the
// case's previous/ folder), "force", "allow DIR EXT KIND...", "scripts DIR...".
func TestGolden(t *testing.T) {
	cases, err := filepath.Glob("testdata/cases/*.txtar")
	if err != nil {
		t.Fatal(err)
	}
	if len(cases) == 0 {
		t.Fatal("no golden cases")
	}
	for _, file := range cases {
		t.Run(strings.TrimSuffix(filepath.Base(file), ".txtar"), func(t *testing.T) {
			t.Parallel()
			ar, err := txtar.ParseFile(file)
			if err != nil {
				t.Fatal(err)
			}
			root := t.TempDir()
			if err := os.Mkdir(filepath.Join(root, "public"), 0o755); err != nil {
				t.Fatal(err)
			}
			var want, options string
			for _, f := range ar.Files {
				switch f.Name {
				case "want":
					want = string(f.Data)
					continue
				case "options":
					options = string(f.Data)
					continue
				}
				data, err := recipe(f.Name, f.Data)
				if err != nil {
					t.Fatalf("%s: %v", f.Name, err)
				}
				p := filepath.Join(root, filepath.FromSlash(f.Name))
				if err := os.MkdirAll(filepath.Dir(p), 0o755); err != nil {
					t.Fatal(err)
				}
				if err := os.WriteFile(p, data, 0o644); err != nil {
					t.Fatal(err)
				}
			}
			o, err := parseOptions(options, root)
			if err != nil {
				t.Fatal(err)
			}
			r, err := Run(context.Background(), filepath.Join(root, "public"), o)
			if err != nil {
				t.Fatal(err)
			}
			var b strings.Builder
			if err := r.WriteText(&b); err != nil {
				t.Fatal(err)
			}
			got := b.String()
			if *update {
				for i := range ar.Files {
					if ar.Files[i].Name == "want" {
						ar.Files[i].Data = []byte(got)
					}
				}
				if err := os.WriteFile(file, txtar.Format(ar), 0o644); err != nil {
					t.Fatal(err)
				}
				return
			}
			if got != want {
				t.Errorf("findings differ\n--- got\n%s--- want\n%s", got, want)
			}
		})
	}
}

// recipe makes a file of a case from its text in the archive.
func recipe(name string, data []byte) ([]byte, error) {
	text := string(data)
	if spec, ok := strings.CutPrefix(text, "imagetest:"); ok {
		sp, err := imagetest.ParseSpec(spec)
		if err != nil {
			return nil, err
		}
		switch strings.ToLower(path.Ext(name)) {
		case ".jfif", ".jpe":
			return imagetest.JPEG(sp), nil
		}
		return imagetest.File(name, sp)
	}
	if spec, ok := strings.CutPrefix(text, "ico:"); ok {
		sp, err := imagetest.ParseSpec(spec)
		if err != nil {
			return nil, err
		}
		return icon(imagetest.PNG(sp)), nil
	}
	if h, ok := strings.CutPrefix(text, "hex:"); ok {
		return hex.DecodeString(strings.Join(strings.Fields(h), ""))
	}
	return data, nil
}

// icon wraps a PNG in an ICO container.
func icon(png []byte) []byte {
	b := []byte{0, 0, 1, 0, 1, 0}            // reserved, type 1 (icon), one image
	b = append(b, 16, 16, 0, 0, 1, 0, 32, 0) // 16×16, planes, bits per pixel
	b = binary.LittleEndian.AppendUint32(b, uint32(len(png)))
	b = binary.LittleEndian.AppendUint32(b, 6+16)
	return append(b, png...)
}

func parseOptions(text, root string) (Options, error) {
	var o Options
	for _, line := range strings.Split(text, "\n") {
		f := strings.Fields(line)
		if len(f) == 0 {
			continue
		}
		switch args := f[1:]; f[0] {
		case "base":
			o.BaseURL = args[0]
		case "mirror":
			o.Mirrors = append(o.Mirrors, args...)
		case "hostfiles":
			o.HostFiles = append(o.HostFiles, args...)
		case "unpublished":
			u := Unpublished{Path: args[0]}
			if len(args) > 1 {
				u.Why = args[1]
			}
			if len(args) > 2 {
				u.Source = args[2]
			}
			o.Unpublished = append(o.Unpublished, u)
		case "previous":
			o.Previous = filepath.Join(root, "previous")
		case "force":
			o.Force = true
		case "allow":
			al := Allow{Dir: args[0], Ext: args[1]}
			for _, k := range args[2:] {
				kind, ok := kindNames[k]
				if !ok {
					return o, fmt.Errorf("unknown kind %q", k)
				}
				al.Kinds = append(al.Kinds, kind)
			}
			o.Allow = append(o.Allow, al)
		case "scripts":
			o.Scripts = append(o.Scripts, args...)
		default:
			return o, fmt.Errorf("unknown option %q", line)
		}
	}
	return o, nil
}

// kindNames are the kinds "allow" names in options.
var kindNames = map[string]Kind{"js": JS, "wasm": Wasm, "gzip": Gzip, "text": Text, "json": JSON, "mp4": ISOMP4}
