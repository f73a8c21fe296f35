package check

import (
	"bytes"
	"io/fs"
	"os"
	"path"
	"path/filepath"
	"regexp"
	"strings"
)

// shortcodeDef is what a check knows of a shortcode.
type shortcodeDef struct {
	// params are the documented arguments, nil when the template documents
	// none; required lists those that are not optional.
	params     map[string]bool
	required   []string
	positional int  // how many positional arguments a built-in needs
	thirdParty bool // it embeds content from another host
}

// builtinShortcodes are Hugo's embedded shortcodes.
var builtinShortcodes = map[string]*shortcodeDef{
	"comment":   {},
	"details":   {},
	"figure":    {params: setOf("src", "link", "target", "rel", "alt", "title", "caption", "class", "height", "width", "loading", "attr", "attrlink"), required: []string{"src"}},
	"highlight": {},
	"param":     {positional: 1},
	"qr":        {},
	"ref":       {positional: 1},
	"relref":    {positional: 1},
	// They load scripts, frames or images from the platforms' hosts.
	"gist": {thirdParty: true}, "instagram": {thirdParty: true}, "twitter": {thirdParty: true},
	"tweet": {thirdParty: true}, "vimeo": {thirdParty: true}, "vimeo_simple": {thirdParty: true},
	"x": {thirdParty: true}, "youtube": {thirdParty: true},
}

func setOf(names ...string) map[string]bool {
	m := make(map[string]bool, len(names))
	for _, n := range names {
		m[n] = true
	}
	return m
}

// paramRe reads the @param lines of a shortcode's header comment:
// "@param {string} src" is required, "@param {string} [caption]" optional.
var paramRe = regexp.MustCompile(`@param\s+\{[^}]*\}\s+(\[?)([A-Za-z_][A-Za-z0-9_]*)`)

// loadShortcodes reads the shortcode templates under the layouts folders;
// the first folder wins, as the project's layouts win over a theme's.
func loadShortcodes(layoutDirs []string) map[string]*shortcodeDef {
	defs := map[string]*shortcodeDef{}
	for name, d := range builtinShortcodes {
		defs[name] = d
	}
	seen := map[string]bool{}
	for _, dir := range layoutDirs {
		for _, sub := range []string{"_shortcodes", "shortcodes"} {
			root := filepath.Join(dir, sub)
			_ = filepath.WalkDir(root, func(file string, d fs.DirEntry, err error) error {
				if err != nil || d.IsDir() {
					return nil
				}
				rel, _ := filepath.Rel(root, file)
				// name.html, name.en.html, name.amp.html: the name is the first part.
				name := filepath.ToSlash(rel)
				base := path.Base(name)
				name = strings.TrimSuffix(name, base) + strings.SplitN(base, ".", 2)[0]
				if seen[name] {
					return nil
				}
				seen[name] = true
				b, err := os.ReadFile(file)
				if err != nil {
					return nil
				}
				def := &shortcodeDef{}
				for _, m := range paramRe.FindAllSubmatch(b, -1) {
					if def.params == nil {
						def.params = map[string]bool{}
					}
					def.params[string(m[2])] = true
					if len(m[1]) == 0 {
						def.required = append(def.required, string(m[2]))
					}
				}
				defs[name] = def
				return nil
			})
		}
	}
	return defs
}

// shortcodeCall is one use of a shortcode in a body.
type shortcodeCall struct {
	name       string
	named      []shortcodeArg
	positional []string
	off        int // of the opening {{
	closing    bool
}

type shortcodeArg struct {
	key, value string
	off        int
}

// scanShortcodes finds the shortcodes of a body that starts at byte from.
// Escaped shortcodes ({{</* name */>}}) are skipped. It returns the offset of
// a shortcode that is never closed, or -1.
func scanShortcodes(src []byte, from int) (calls []shortcodeCall, unclosed int) {
	i := from
	for {
		j := bytes.Index(src[i:], []byte("{{"))
		if j < 0 {
			return calls, -1
		}
		start := i + j
		k := start + 2
		for k < len(src) && src[k] == ' ' {
			k++
		}
		if k >= len(src) || src[k] != '<' && src[k] != '%' {
			i = start + 2
			continue
		}
		closeTok := []byte("%}}")
		if src[k] == '<' {
			closeTok = []byte(">}}")
		}
		k++
		end := bytes.Index(src[k:], closeTok)
		if end < 0 {
			return calls, start
		}
		inner := bytes.TrimSpace(src[k : k+end])
		i = k + end + 3
		if bytes.HasPrefix(inner, []byte("/*")) { // escaped: shown as text
			continue
		}
		call := shortcodeCall{off: start}
		if bytes.HasPrefix(inner, []byte("/")) {
			call.closing = true
			inner = bytes.TrimSpace(inner[1:])
		}
		inner = bytes.TrimSuffix(inner, []byte("/")) // self-closing
		innerOff := k + bytes.Index(src[k:k+end], inner)
		name, rest := splitToken(inner)
		call.name = string(name)
		call.named, call.positional = parseArgs(rest, innerOff+len(inner)-len(rest))
		calls = append(calls, call)
	}
}

func splitToken(b []byte) (tok, rest []byte) {
	b = bytes.TrimLeft(b, " \t\r\n")
	n := bytes.IndexAny(b, " \t\r\n")
	if n < 0 {
		return b, nil
	}
	return b[:n], b[n:]
}

// parseArgs reads shortcode arguments: "quoted", `raw`, bare, or key=value
// with any of those as the value. off is the offset of b in the file.
func parseArgs(b []byte, off int) (named []shortcodeArg, positional []string) {
	i := 0
	value := func() string {
		if i >= len(b) {
			return ""
		}
		switch q := b[i]; q {
		case '"', '`':
			j := i + 1
			var s strings.Builder
			for j < len(b) && b[j] != q {
				if q == '"' && b[j] == '\\' && j+1 < len(b) {
					j++
				}
				s.WriteByte(b[j])
				j++
			}
			i = j + 1
			return s.String()
		}
		j := i
		for j < len(b) && !isSpace(b[j]) {
			j++
		}
		v := string(b[i:j])
		i = j
		return v
	}
	for {
		for i < len(b) && isSpace(b[i]) {
			i++
		}
		if i >= len(b) {
			return named, positional
		}
		if b[i] == '"' || b[i] == '`' {
			positional = append(positional, value())
			continue
		}
		j := i
		for j < len(b) && !isSpace(b[j]) && b[j] != '=' {
			j++
		}
		if j < len(b) && b[j] == '=' {
			arg := shortcodeArg{key: string(b[i:j]), off: off + i}
			i = j + 1
			arg.value = value()
			named = append(named, arg)
			continue
		}
		positional = append(positional, value())
	}
}

func isSpace(c byte) bool { return c == ' ' || c == '\t' || c == '\r' || c == '\n' }
