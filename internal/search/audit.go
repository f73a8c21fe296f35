package search

import "github.com/dispatch-news/dispatch/internal/audit"

// AuditOptions adds to o what the search page needs the audit to pass:
// the theme's search script under js/, which the search page loads with
// <script src>, and, when the site was indexed, Pagefind's files under
// pagefind/: its JavaScript API (which the search script imports) and its
// gzipped WebAssembly and index chunks (the entry file is JSON, which the
// audit passes anyway). Nothing else: no other script, no other kind of
// file, and pagefind/ is not a folder pages may load scripts from.
func AuditOptions(o audit.Options, indexed bool) audit.Options {
	o.Allow = append(o.Allow, audit.Allow{Dir: "js/", Ext: ".js", Kinds: []audit.Kind{audit.JS}})
	o.Scripts = append(o.Scripts, "js/")
	if indexed {
		dir := Dir + "/"
		o.Allow = append(o.Allow, audit.Allow{Dir: dir, Ext: ".js", Kinds: []audit.Kind{audit.JS}})
		for _, ext := range []string{".pf_meta", ".pf_index", ".pf_fragment", ".pf_filter", ".pagefind"} {
			o.Allow = append(o.Allow, audit.Allow{Dir: dir, Ext: ext, Kinds: []audit.Kind{audit.Gzip}})
		}
	}
	return o
}
