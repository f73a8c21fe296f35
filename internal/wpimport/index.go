package wpimport

import (
	"html"
	"net/url"
	"regexp"
	"slices"
	"strconv"
	"strings"
	"time"
)

// post is what the first pass keeps of a post or page: enough to plan every
// bundle and URL before any body is converted. Bodies are read again in the
// second pass, so memory stays small whatever the export's size.
type post struct {
	id        int64
	line      int // of its <item>
	typ       string
	status    string
	slug      string // decoded
	parent    int64
	date      time.Time // in the site's zone
	modified  time.Time
	link      string // old address
	guid      string
	lang      string // a site language, or "" when it is not one
	wpLang    string // the language as WordPress named it
	group     string
	cats      []string // slugs
	tags      []string
	sticky    bool
	password  bool
	selected  bool   // imported in this run
	skip      string // why it is not imported at all
	b         *bundle
	file      string // index.md, index.ko.md, _index.md ...
	url       string // new, from the site root
	titleSlug string // a slug made from the title, for drafts without one
}

type attachment struct {
	id        int64
	parent    int64
	menuOrder int
	file      string // path under wp-content/uploads
	alt       string
	caption   string // HTML
	credit    string // an editor's credit (Media Credit plugin)
}

type termKey struct{ tax, slug string }

type termInfo struct {
	id    int64
	name  string
	posts int
	// translations are the term ids of this term's translations (Polylang).
	translations []int64
}

// index is the result of the first pass.
type index struct {
	ch          channel
	loc         *time.Location
	posts       []*post // in file order
	byID        map[int64]*post
	attachments map[int64]*attachment
	attByFile   map[string]*attachment
	byPath      map[string]*post // old path, decoded, with a trailing slash
	terms       map[termKey]*termInfo
	termByID    map[int64]termKey
	hosts       map[string]bool // the old site's host names
	langOf      map[string]string
	skipped     map[string]int // reason -> count
	items       int
}

var (
	pllPairRe   = regexp.MustCompile(`s:\d+:"([^"]*)";i:(\d+);`)
	pllLocaleRe = regexp.MustCompile(`s:6:"locale";s:\d+:"([^"]*)"`)
)

func newIndex(loc *time.Location) *index {
	return &index{
		loc:         loc,
		byID:        map[int64]*post{},
		attachments: map[int64]*attachment{},
		attByFile:   map[string]*attachment{},
		byPath:      map[string]*post{},
		terms:       map[termKey]*termInfo{},
		termByID:    map[int64]termKey{},
		hosts:       map[string]bool{},
		langOf:      map[string]string{},
		skipped:     map[string]int{},
	}
}

// readIndex is the first pass over the export.
func readIndex(path string, o *Options) (*index, error) {
	r, err := openWXR(path)
	if err != nil {
		return nil, err
	}
	defer r.Close()
	x := newIndex(o.TimeZone)
	for {
		it, err := r.next()
		if err != nil {
			return nil, err
		}
		if it == nil {
			break
		}
		x.items++
		x.add(it, o)
	}
	x.ch = r.ch
	x.finish(o)
	return x, nil
}

// wpLanguage returns the language of an item as WordPress knows it:
// Polylang's language term or WPML's export meta.
func wpLanguage(it *item) (lang, group string) {
	for _, t := range it.Terms {
		switch t.Domain {
		case "language":
			lang = t.Nicename
		case "post_translations":
			group = "pll:" + t.Nicename
		}
	}
	if lang == "" {
		lang = it.Meta["_wpml_import_language_code"]
	}
	if group == "" {
		if g := it.Meta["_wpml_import_translation_group"]; g != "" {
			group = "wpml:" + g
		}
	}
	return lang, group
}

func (x *index) add(it *item, o *Options) {
	switch it.Type {
	case "attachment":
		a := &attachment{id: it.ID, parent: it.Parent, menuOrder: it.MenuOrder,
			alt:     strings.TrimSpace(it.Meta["_wp_attachment_image_alt"]),
			caption: strings.TrimSpace(it.Excerpt),
			credit:  strings.TrimSpace(it.Meta["_media_credit"])}
		a.file = it.Meta["_wp_attached_file"]
		if a.file == "" {
			a.file = uploadsPath(it.AttachmentURL)
		}
		x.attachments[it.ID] = a
		if a.file != "" {
			x.attByFile[a.file] = a
		}
		return
	case "post", "page":
	default:
		x.skipped["other post types ("+it.Type+")"]++
		return
	}
	p := &post{id: it.ID, line: it.Line, typ: it.Type, status: it.Status, parent: it.Parent,
		link: strings.TrimSpace(it.Link), guid: strings.TrimSpace(it.GUID), sticky: it.Sticky,
		password: it.Password != ""}
	switch it.Status {
	case "publish", "future", "draft", "pending", "private":
	case "":
		p.skip = "no status"
	default: // auto-draft, trash, inherit
		p.skip = "status " + it.Status
	}
	p.slug = decodeSlug(it.Slug)
	if p.slug == "" {
		p.titleSlug = slugify(plainText(it.Title))
	}
	p.date = parseWPDate(it.DateGMT, it.Date, x.loc)
	p.modified = parseWPDate(it.ModifiedGMT, it.Modified, x.loc)
	p.wpLang, p.group = wpLanguage(it)
	if p.group == "" {
		p.group = "id:" + strconv.FormatInt(it.ID, 10)
	}
	for _, t := range it.Terms {
		k := termKey{t.Domain, t.Nicename}
		switch t.Domain {
		case "category":
			p.cats = append(p.cats, t.Nicename)
		case "post_tag":
			p.tags = append(p.tags, t.Nicename)
		default:
			continue
		}
		ti := x.terms[k]
		if ti == nil {
			ti = &termInfo{}
			x.terms[k] = ti
		}
		if ti.name == "" {
			ti.name = plainText(t.Name)
		}
		if p.skip == "" && it.Type == "post" {
			ti.posts++
		}
	}
	x.posts = append(x.posts, p)
	x.byID[p.id] = p
	if u, err := url.Parse(p.link); err == nil && u.Host != "" {
		x.hosts[strings.ToLower(u.Hostname())] = true
	}
}

// finish resolves what needed the whole file: terms from the header,
// languages, old paths.
func (x *index) finish(o *Options) {
	for _, t := range x.ch.Terms {
		switch t.Taxonomy {
		case "category", "post_tag":
			k := termKey{t.Taxonomy, t.Slug}
			ti := x.terms[k]
			if ti == nil {
				ti = &termInfo{}
				x.terms[k] = ti
			}
			ti.id = t.ID
			if n := plainText(t.Name); n != "" {
				ti.name = n
			}
			x.termByID[t.ID] = k
		case "language":
			x.langOf[t.Slug] = siteLanguage(t.Slug, pllLocaleRe.FindStringSubmatch(t.Description), o)
		}
	}
	// Term translations (Polylang): a serialized map of language to term id.
	for _, t := range x.ch.Terms {
		if t.Taxonomy != "term_translations" {
			continue
		}
		var ids []int64
		for _, m := range pllPairRe.FindAllStringSubmatch(t.Description, -1) {
			id, _ := strconv.ParseInt(m[2], 10, 64)
			ids = append(ids, id)
		}
		for _, id := range ids {
			if k, ok := x.termByID[id]; ok {
				for _, other := range ids {
					if other != id {
						x.terms[k].translations = append(x.terms[k].translations, other)
					}
				}
			}
		}
	}
	// Post translations: languages of posts that carry only the group.
	pllLangs := map[int64]string{}
	for _, t := range x.ch.Terms {
		if t.Taxonomy != "post_translations" {
			continue
		}
		for _, m := range pllPairRe.FindAllStringSubmatch(t.Description, -1) {
			id, _ := strconv.ParseInt(m[2], 10, 64)
			pllLangs[id] = m[1]
		}
	}
	channelLang := siteLanguage(strings.ToLower(x.ch.Language), nil, o)
	if u, err := url.Parse(strings.TrimSpace(x.ch.Link)); err == nil && u.Host != "" {
		x.hosts[strings.ToLower(u.Hostname())] = true
	}
	if u, err := url.Parse(strings.TrimSpace(x.ch.BaseURL)); err == nil && u.Host != "" {
		x.hosts[strings.ToLower(u.Hostname())] = true
	}
	for _, p := range x.posts {
		if p.wpLang == "" {
			p.wpLang = pllLangs[p.id]
		}
		switch {
		case p.wpLang == "":
			p.lang = channelLang
			if p.lang == "" {
				p.lang = o.DefaultLanguage
			}
		default:
			l, ok := x.langOf[p.wpLang]
			if !ok {
				l = siteLanguage(p.wpLang, nil, o)
			}
			p.lang = l
		}
		if p.lang == "" && p.skip == "" {
			p.skip = "language " + p.wpLang + " is not one of the site's"
		}
		if p.skip != "" {
			x.skipped[p.skip]++
		}
		if path, ok := oldPath(p.link, x.hosts); ok {
			x.byPath[path] = p
		}
	}
}

// siteLanguage maps a WordPress language (a slug such as "ko", "kr" or
// "en-us", or a locale such as ko_KR) to one of the site's languages, or "".
func siteLanguage(slug string, locale []string, o *Options) string {
	cands := []string{slug}
	if len(locale) > 1 {
		cands = append(cands, locale[1])
	}
	for _, c := range cands {
		c = strings.ToLower(strings.ReplaceAll(c, "_", "-"))
		if c == "" {
			continue
		}
		if slices.Contains(o.Languages, c) {
			return c
		}
		if i := strings.IndexByte(c, '-'); i > 0 && slices.Contains(o.Languages, c[:i]) {
			return c[:i]
		}
	}
	return ""
}

const wpTimeLayout = "2006-01-02 15:04:05"

// parseWPDate reads WordPress's GMT date, or the local one when the GMT date
// is empty (drafts have 0000-00-00), in loc.
func parseWPDate(gmt, local string, loc *time.Location) time.Time {
	gmt, local = strings.TrimSpace(gmt), strings.TrimSpace(local)
	if gmt != "" && !strings.HasPrefix(gmt, "0000") {
		if t, err := time.ParseInLocation(wpTimeLayout, gmt, time.UTC); err == nil {
			return t.In(loc)
		}
	}
	if local != "" && !strings.HasPrefix(local, "0000") {
		if t, err := time.ParseInLocation(wpTimeLayout, local, loc); err == nil {
			return t
		}
	}
	return time.Time{}
}

// plainText turns a WordPress title or name (HTML) into text: tags removed,
// entities decoded once, space collapsed.
func plainText(s string) string {
	if strings.ContainsRune(s, '<') {
		s = tagRe.ReplaceAllString(s, "")
	}
	return strings.Join(strings.Fields(html.UnescapeString(s)), " ")
}

var tagRe = regexp.MustCompile(`<[^>]*>`)
