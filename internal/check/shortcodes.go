package check

import (
	"bytes"
	"errors"
	"fmt"
	"io/fs"
	"os"
	"path"
	"path/filepath"
	"regexp"
	"slices"
	"strings"
	"text/template/parse"

	"github.com/gohugoio/hugo/parser/pageparser"
)

// shortcodeDef is what the checks know of a shortcode's template.
type shortcodeDef struct {
	// inner says whether the template uses .Inner, as Hugo decides it: then
	// the shortcode must be closed or self-closed.
	inner bool
	// params are the documented arguments, nil when the template documents
	// none; required lists those that are not optional.
	params     map[string]bool
	required   []string
	positional int  // how many positional arguments a built-in needs
	thirdParty bool // it embeds content from another host
	remoteSrc  bool // its src argument may name another host
	// needsText says the template fails without text between its tags
	// (an "@inner" header line without brackets).
	needsText bool
	// assets says a src may also name a file of assets/, not only of the
	// page's bundle (the template falls back to resources.Get).
	assets bool
	// dates are the arguments documented as {date}: Hugo's time function
	// must read them.
	dates []string
	// requiredWith are optional arguments that another one makes required:
	// credit with license.
	requiredWith map[string]string
}

// builtinShortcodes are Hugo's embedded shortcodes (tpl/tplimpl/embedded);
// TestBuiltinShortcodes holds inner in step with their templates.
var builtinShortcodes = map[string]*shortcodeDef{
	"comment":   {inner: true},
	"details":   {inner: true},
	"figure":    {params: setOf("src", "link", "target", "rel", "alt", "title", "caption", "class", "height", "width", "loading", "attr", "attrlink"), required: []string{"src"}, remoteSrc: true},
	"highlight": {inner: true},
	"param":     {positional: 1},
	"qr":        {inner: true},
	"ref":       {positional: 1},
	"relref":    {positional: 1},
	// They load scripts, frames or images from the platforms' hosts.
	"gist": {thirdParty: true}, "instagram": {thirdParty: true}, "instagram_simple": {thirdParty: true},
	"twitter": {thirdParty: true}, "twitter_simple": {thirdParty: true}, "vimeo": {thirdParty: true},
	"vimeo_simple": {thirdParty: true}, "x": {thirdParty: true}, "x_simple": {thirdParty: true},
	"youtube": {thirdParty: true},
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
var paramRe = regexp.MustCompile(`@param\s+\{([^}]*)\}\s+(\[?)([A-Za-z_][A-Za-z0-9_]*)[^\n]*`)

// requiredWithRe reads "Required with license." in an optional argument's
// line: it is required when that other argument is given.
var requiredWithRe = regexp.MustCompile(`Required with ([A-Za-z_][A-Za-z0-9_]*)`)

// innerRe reads the @inner line of a shortcode's header comment: the text
// between its tags. "@inner {markdown} The facts." is required,
// "@inner {markdown} [The facts.]" optional.
var innerRe = regexp.MustCompile(`@inner\s+\{[^}]*\}\s+(\[?)`)

// loadShortcodes reads the shortcode templates under the layouts folders;
// the first folder wins, as the project's layouts win over a theme's.
func loadShortcodes(layoutDirs []string) (map[string]*shortcodeDef, error) {
	defs := map[string]*shortcodeDef{}
	for name, d := range builtinShortcodes {
		defs[name] = d
	}
	seen := map[string]bool{}
	for _, dir := range layoutDirs {
		for _, sub := range []string{"_shortcodes", "shortcodes"} {
			root := filepath.Join(dir, sub)
			err := filepath.WalkDir(root, func(file string, d fs.DirEntry, err error) error {
				if err != nil {
					if errors.Is(err, fs.ErrNotExist) {
						return nil
					}
					return err
				}
				if d.IsDir() {
					return nil
				}
				rel, _ := filepath.Rel(root, file)
				// name.html, name.en.html, name.amp.html: the name is the first part.
				name := filepath.ToSlash(rel)
				base := path.Base(name)
				name = strings.TrimSuffix(name, base) + strings.SplitN(base, ".", 2)[0]
				b, err := os.ReadFile(file)
				if err != nil {
					return err
				}
				inner, err := usesInner(file, string(b))
				if err != nil {
					return err
				}
				if def := defs[name]; seen[name] {
					// Hugo asks any one of a name's templates whether it
					// needs .Inner; say yes if one does.
					def.inner = def.inner || inner
					return nil
				}
				seen[name] = true
				def := &shortcodeDef{inner: inner, assets: bytes.Contains(b, []byte("resources.Get"))}
				if m := innerRe.FindSubmatch(b); m != nil && len(m[1]) == 0 {
					def.needsText = true
				}
				for _, m := range paramRe.FindAllSubmatch(b, -1) {
					if def.params == nil {
						def.params = map[string]bool{}
					}
					name := string(m[3])
					def.params[name] = true
					if len(m[2]) == 0 {
						def.required = append(def.required, name)
					}
					if string(m[1]) == "date" {
						def.dates = append(def.dates, name)
					}
					if w := requiredWithRe.FindSubmatch(m[0]); w != nil {
						if def.requiredWith == nil {
							def.requiredWith = map[string]string{}
						}
						def.requiredWith[name] = string(w[1])
					}
				}
				defs[name] = def
				return nil
			})
			if err != nil {
				return nil, err
			}
		}
	}
	return defs, nil
}

// usesInner says whether a shortcode template uses .Inner or
// .InnerDeindent, found as Hugo finds it: a field or variable of that name
// among the arguments of a command, in any pipeline.
func usesInner(name, text string) (bool, error) {
	t := parse.New(name)
	t.Mode = parse.SkipFuncCheck
	trees := map[string]*parse.Tree{}
	if _, err := t.Parse(text, "", "", trees); err != nil {
		return false, err
	}
	found := false
	var walk func(n parse.Node)
	walk = func(n parse.Node) {
		switch x := n.(type) {
		case *parse.ListNode:
			if x != nil {
				for _, c := range x.Nodes {
					walk(c)
				}
			}
		case *parse.ActionNode:
			walk(x.Pipe)
		case *parse.IfNode:
			walk(x.Pipe)
			walk(x.List)
			walk(x.ElseList)
		case *parse.WithNode:
			walk(x.Pipe)
			walk(x.List)
			walk(x.ElseList)
		case *parse.RangeNode:
			walk(x.Pipe)
			walk(x.List)
			walk(x.ElseList)
		case *parse.PipeNode:
			if x != nil {
				for _, c := range x.Cmds {
					walk(c)
				}
			}
		case *parse.CommandNode:
			for _, a := range x.Args {
				var idents []string
				switch an := a.(type) {
				case *parse.FieldNode:
					idents = an.Ident
				case *parse.VariableNode:
					idents = an.Ident
				case *parse.PipeNode:
					walk(an)
				}
				if slices.Contains(idents, "Inner") || slices.Contains(idents, "InnerDeindent") {
					found = true
				}
			}
		}
	}
	for _, t := range trees {
		walk(t.Root)
	}
	return found, nil
}

// shortcodeCall is one use of a shortcode in a body.
type shortcodeCall struct {
	name       string
	named      []shortcodeArg
	positional []string
	off        int // of the opening {{
	inline     bool
	text       bool // it has text, or other shortcodes, between its tags
}

type shortcodeArg struct {
	key, value string
	off        int
}

// extractShortcodes reads the shortcodes of p from Hugo's page parser
// items, as hugolib's extractShortcode does, and reports what makes Hugo
// fail: an unknown name, an unclosed shortcode whose template uses .Inner,
// a closing tag for one that does not.
func (c *checker) extractShortcodes(p *page) []shortcodeCall {
	var calls []shortcodeCall
	it := pageparser.NewIterator(p.items)
	for {
		item := it.Next()
		switch {
		case item.IsEOF() || item.IsError() || item.Type == 0 && item.Err != nil:
			return calls
		case item.IsLeftShortcodeDelim():
			it.Backup()
			if err := c.extractShortcode(p, it, &calls); err != nil {
				// Hugo stops at the first; the rest is read on, from the
				// end of this shortcode's tag, to report more at once.
				line, col := p.offsetPos(item.Pos())
				c.fail(p, line, col, "body.shortcode", "%s", err)
				for cur := it.Current(); !cur.IsDone() && !cur.IsRightShortcodeDelim(); cur = it.Next() {
				}
				if it.Current().IsDone() {
					return calls
				}
			}
		}
	}
}

// extractShortcode reads one shortcode, and those nested in it, from it,
// which is just before its opening delimiter.
func (c *checker) extractShortcode(p *page, it *pageparser.Iterator, calls *[]shortcodeCall) error {
	src := p.src
	call := shortcodeCall{off: it.Peek().Pos()}
	var def *shortcodeDef
	needsInner := func() bool { return def != nil && def.inner }
	cnt, closed := 0, false
	add := func() {
		if call.name != "" {
			*calls = append(*calls, call)
		}
	}
	for {
		cur := it.Next()
		switch {
		case cur.IsLeftShortcodeDelim():
			next := it.Peek()
			if next.IsRightShortcodeDelim() {
				return errors.New("a shortcode has no name")
			}
			if next.IsShortcodeClose() {
				continue
			}
			if cnt > 0 {
				// A shortcode inside this one's inner content.
				call.text = true
				it.Backup()
				if err := c.extractShortcode(p, it, calls); err != nil {
					return err
				}
			}
			cnt++
		case cur.IsRightShortcodeDelim():
			if !call.inline && !needsInner() {
				add()
				return nil
			}
		case cur.IsShortcodeClose():
			closed = true
			next := it.Peek()
			if !call.inline && !needsInner() {
				if next.IsError() {
					continue
				}
				name := call.name
				if name == "" {
					name = next.ValStr(src)
				}
				return fmt.Errorf("shortcode %q takes no inner content, so it has no closing tag: remove {{< /%s >}}, or the / of a self-closing one", name, name)
			}
			if next.IsRightShortcodeDelim() {
				it.Consume(1) // self-closing
			} else {
				it.Consume(2) // {{< /name >}}
			}
			add()
			return nil
		case cur.IsText() && cnt > 0:
			if len(bytes.TrimSpace(cur.Val(src))) > 0 {
				call.text = true
			}
		case cur.IsShortcodeName():
			call.name = cur.ValStr(src)
			d, ok := c.r.shortcodes[call.name]
			if !ok {
				return c.unknownShortcode(call.name)
			}
			def = d
		case cur.IsInlineShortcodeName():
			call.name = cur.ValStr(src)
			call.inline = true
		case cur.IsShortcodeParam():
			if !it.IsValueNext() {
				continue
			}
			if it.Peek().IsShortcodeParamVal() {
				call.named = append(call.named, shortcodeArg{key: cur.ValStr(src), value: it.Next().ValStr(src), off: cur.Pos()})
			} else {
				call.positional = append(call.positional, cur.ValStr(src))
			}
		case cur.IsDone():
			if !cur.IsError() && !closed && needsInner() {
				return fmt.Errorf("shortcode %q is never closed: its template uses the text inside it, so end it with {{< /%s >}} (or self-close it: {{< %s />}})", call.name, call.name, call.name)
			}
			it.Backup()
			add()
			return nil
		}
	}
}

func (c *checker) unknownShortcode(name string) error {
	names := make([]string, 0, len(c.r.shortcodes))
	for n := range c.r.shortcodes {
		names = append(names, n)
	}
	slices.Sort(names)
	if s := Suggest(name, names); s != "" {
		return fmt.Errorf("unknown shortcode %q, and Hugo stops the build; did you mean %q?", name, s)
	}
	return fmt.Errorf("unknown shortcode %q: there is no template for it in layouts/_shortcodes, and Hugo stops the build", name)
}
