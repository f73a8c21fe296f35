package wpimport

import (
	"fmt"
	"slices"
	"strconv"
	"strings"
	"time"
	"unicode"
	"unicode/utf8"
)

// Limits of the content model (docs/content-model.md).
const (
	maxTitle       = 140
	maxDescription = 300
)

// frontMatter writes YAML front matter in the order of the content model,
// with every string quoted, so that Hugo (YAML 1.2) and goldmark-meta (YAML
// 1.1) read the same values.
type frontMatter struct{ b strings.Builder }

func (f *frontMatter) str(key, val string) {
	if val != "" {
		fmt.Fprintf(&f.b, "%s: %s\n", key, strconv.Quote(val))
	}
}

func (f *frontMatter) list(key string, vals []string) {
	if len(vals) == 0 {
		return
	}
	q := make([]string, len(vals))
	for i, v := range vals {
		q[i] = strconv.Quote(v)
	}
	fmt.Fprintf(&f.b, "%s: [%s]\n", key, strings.Join(q, ", "))
}

func (f *frontMatter) date(key string, t time.Time) {
	if !t.IsZero() {
		fmt.Fprintf(&f.b, "%s: %s\n", key, t.Format(time.RFC3339))
	}
}

func (f *frontMatter) raw(s string) { f.b.WriteString(s) }

// cut shortens s to at most max characters, at a word boundary where there
// is one in the last third, with an ellipsis.
func cut(s string, max int) (string, bool) {
	s = strings.Join(strings.Fields(s), " ")
	if utf8.RuneCountInString(s) <= max {
		return s, false
	}
	all := []rune(s)
	r := all[:max-1]
	end := len(r)
	if !unicode.IsSpace(all[max-1]) { // not at a word's end already
		for i := len(r) - 1; i >= len(r)*2/3; i-- {
			if unicode.IsSpace(r[i]) {
				end = i
				break
			}
		}
	}
	out := strings.TrimRightFunc(string(r[:end]), func(c rune) bool {
		return unicode.IsSpace(c) || unicode.IsPunct(c) && c != ')' && c != '"' && c != '”'
	})
	return out + "…", true
}

// document is the text of one file of a bundle.
func (imp *importer) document(it *item, p *post, files *bundleFiles) ([]byte, error) {
	var f frontMatter
	title := plainText(it.Title)
	if title == "" {
		title = imp.untitled(p)
		imp.report.note(p, "title", "the post has no title: "+strconv.Quote(title)+" was written")
	}
	if t, cutOff := cut(title, maxTitle); cutOff {
		imp.report.note(p, "title", fmt.Sprintf("the title was %d characters long, over the limit of %d, and was shortened: %q", utf8.RuneCountInString(title), maxTitle, title))
		title = t
	}

	// The featured image, before the body, which drops a copy of it at
	// the top.
	var hero *photo
	if id, err := strconv.ParseInt(strings.TrimSpace(it.Meta["_thumbnail_id"]), 10, 64); err == nil && id > 0 {
		hero = imp.heroImage(p, id, files, title)
	}
	bc := &body{imp: imp, p: p, files: files}
	if hero != nil {
		bc.hero = hero.src
	}
	md, text, err := bc.convert(it.Content)
	if err != nil {
		return nil, fmt.Errorf("%s:%d: converting the content of post %d: %w", imp.o.Export, p.line, p.id, err)
	}

	desc := plainText(expandShortcodes(it.Excerpt, func(c shortcodeCall) string { return c.inner }))
	if desc == "" {
		desc = text
	}
	if desc == "" {
		desc = title
	}
	desc, _ = cut(desc, maxDescription)

	f.raw("---\n")
	f.str("title", title)
	date := p.date
	if date.IsZero() {
		date = p.modified
	}
	f.date("date", date)
	if p.modified.After(date) {
		f.date("lastmod", p.modified)
	}
	article := p.typ == "post"
	if article {
		author := imp.authorName(it.Creator)
		imp.mu.Lock()
		imp.authors[author] = true
		imp.mu.Unlock()
		f.list("authors", []string{author})
	}
	f.str("description", desc)
	if article {
		tags, regions := imp.terms(p)
		f.list("tags", tags)
		f.list("regions", regions)
	}
	if hero != nil {
		f.raw("image:\n")
		f.raw("  src: " + strconv.Quote(hero.src) + "\n")
		f.raw("  alt: " + strconv.Quote(hero.alt) + "\n")
		if hero.caption != "" {
			f.raw("  caption: " + strconv.Quote(hero.caption) + "\n")
		}
		f.raw("  credit: " + strconv.Quote(hero.credit) + "\n")
		f.raw("  license: " + strconv.Quote(DefaultLicense) + "\n")
	}
	if len(p.b.members) > 1 {
		f.str("translationKey", p.b.key)
	}
	if aliases := imp.aliases(p); len(aliases) > 0 {
		f.list("aliases", aliases)
	}
	if p.status == "future" {
		imp.report.note(p, "draft", "scheduled in WordPress for "+date.Format(time.RFC3339)+": Hugo publishes it with the first build after that date")
	}
	if why := draftReason(p); why != "" {
		f.raw("draft: true  # " + why + "\n")
		imp.report.draft(p, why)
	}
	if p.guid != "" {
		f.raw("guid: " + strconv.Quote(p.guid) + "\n")
	}
	f.raw("wordpressID: " + strconv.FormatInt(p.id, 10) + "\n")
	if p.sticky {
		f.raw("sticky: true\n")
	}
	f.raw("---\n")
	if md != "" {
		f.raw("\n" + md + "\n")
	}
	return []byte(f.b.String()), nil
}

// DefaultLicense is written for featured images, whose licence WordPress
// does not record: the newsroom's own, not to be reused.
const DefaultLicense = "all rights reserved"

// draftReason says why a post becomes a draft, or "".
func draftReason(p *post) string {
	switch {
	case p.password:
		return "password-protected in WordPress; the password was not imported"
	case p.status == "private":
		return "private in WordPress: only its editors could read it"
	case p.status == "draft":
		return "a draft in WordPress"
	case p.status == "pending":
		return "pending review in WordPress"
	}
	return ""
}

// heroImage is the featured image of a post, copied into its bundle.
func (imp *importer) heroImage(p *post, id int64, files *bundleFiles, title string) *photo {
	a := imp.x.attachments[id]
	if a == nil || a.file == "" {
		imp.report.missing(p, fmt.Sprintf("featured image (attachment %d)", id), "not in the export")
		return nil
	}
	name, ok := files.add(a.file, p)
	if !ok {
		return nil
	}
	bc := &body{imp: imp, p: p, files: files}
	h := &photo{src: name, alt: a.alt, caption: bc.captionOf(a), credit: a.credit}
	if h.alt == "" {
		h.alt = plainMarkdown(h.caption)
	}
	if h.alt == "" {
		h.alt = imp.altPlaceholder(p)
		imp.report.note(p, "alt text", fmt.Sprintf("the featured image %s has no alt text: a placeholder was written; describe the photo", name))
	}
	if h.credit == "" {
		h.credit = imp.defaultCredit()
		imp.report.note(p, "credit", fmt.Sprintf("the featured image %s has no credit in WordPress: %q and %q were written; check them", name, h.credit, DefaultLicense))
	}
	return h
}

func (imp *importer) defaultCredit() string {
	if t := plainText(imp.x.ch.Title); t != "" {
		return t
	}
	return "Archive"
}

// altPlaceholder is written when a photo has no alt text, caption or
// description; the report lists every one for an editor.
func (imp *importer) altPlaceholder(p *post) string {
	if p.lang == "ko" {
		return "기사 사진 (설명 필요)"
	}
	return "Photo for this article (description needed)"
}

func (imp *importer) untitled(p *post) string {
	return "Untitled (WordPress " + p.typ + " " + strconv.FormatInt(p.id, 10) + ")"
}

// authorName is the display name of a WordPress login.
func (imp *importer) authorName(login string) string {
	login = strings.TrimSpace(login)
	if a, ok := imp.x.ch.Authors[login]; ok {
		if n := plainText(a.DisplayName); n != "" {
			return n
		}
	}
	if login == "" {
		return imp.defaultCredit()
	}
	return login
}

// terms are the tags and regions of a post, through the map.
func (imp *importer) terms(p *post) (tags, regions []string) {
	add := func(list *[]string, v string) {
		if !slices.Contains(*list, v) {
			*list = append(*list, v)
		}
	}
	for _, k := range imp.termKeys(p) {
		switch d := imp.tm.decisions[k]; d.kind {
		case "tag":
			add(&tags, d.value)
		case "region":
			add(&regions, d.value)
		}
	}
	if len(tags) == 0 {
		tags = []string{imp.tm.untagged}
	}
	imp.mu.Lock()
	for _, t := range tags {
		imp.used["tags"][t] = true
	}
	for _, r := range regions {
		imp.used["regions"][r] = true
	}
	imp.mu.Unlock()
	return tags, regions
}

func (imp *importer) termKeys(p *post) []termKey {
	keys := make([]termKey, 0, len(p.cats)+len(p.tags))
	for _, c := range p.cats {
		keys = append(keys, termKey{"category", c})
	}
	for _, t := range p.tags {
		keys = append(keys, termKey{"post_tag", t})
	}
	return keys
}

// aliases are the post's old address, as a path of the new site: Hugo puts
// the aliases of a translation under its language's prefix, so the old
// Korean address loses its /ko.
func (imp *importer) aliases(p *post) []string {
	old, ok := oldPath(p.link, imp.x.hosts)
	if !ok {
		if p.link != "" {
			imp.report.note(p, "alias", fmt.Sprintf("the old address %s has no path; it cannot be redirected by an alias (see wordpressID)", p.link))
		}
		return nil
	}
	if p.lang != imp.o.DefaultLanguage {
		prefix := "/" + p.lang + "/"
		if !strings.HasPrefix(old, prefix) {
			imp.report.note(p, "alias", fmt.Sprintf("the old address %s is not under %s: Hugo would publish its alias under %s, so it is not written", p.link, prefix, prefix))
			return nil
		}
		old = old[len(prefix)-1:]
	}
	a, err := safeAlias(old)
	if err != nil {
		imp.report.note(p, "alias", "the old address "+p.link+" is not redirected: "+err.Error())
		return nil
	}
	newPath := strings.TrimPrefix(p.url, "/"+p.lang)
	if p.lang == imp.o.DefaultLanguage {
		newPath = p.url
	}
	if strings.EqualFold(strings.TrimSuffix(a, "/"), strings.TrimSuffix(escapePath(newPath), "/")) {
		return nil // the page kept its address
	}
	imp.mu.Lock()
	imp.summary.Aliases++
	imp.mu.Unlock()
	return []string{a}
}
