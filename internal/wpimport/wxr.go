package wpimport

import (
	"bufio"
	"encoding/xml"
	"errors"
	"fmt"
	"io"
	"os"
	"strconv"
	"strings"
	"unicode/utf8"
)

// Errors of a bad export, wrapped in an *InputError that says where.
var (
	ErrNotWXR         = errors.New("not a WordPress export (WXR)")
	ErrWXRVersion     = errors.New("unknown WXR version")
	ErrTruncated      = errors.New("the export ends too early: the file is truncated")
	ErrEncoding       = errors.New("not UTF-8")
	ErrMalformed      = errors.New("malformed XML")
	supportedVersions = []string{"1.0", "1.1", "1.2"}
)

// InputError is a problem in the export file, with its position.
type InputError struct {
	Path         string
	Line, Column int
	Err          error  // one of the Err* values above
	Detail       string // what exactly, for people
}

func (e *InputError) Error() string {
	msg := e.Err.Error()
	if e.Detail != "" {
		msg += ": " + e.Detail
	}
	return fmt.Sprintf("%s:%d:%d: %s", e.Path, e.Line, e.Column, msg)
}

func (e *InputError) Unwrap() error { return e.Err }

// channel is what a WXR file says about the site before its items.
type channel struct {
	Title    string
	Link     string // the site's address
	BaseURL  string // wp:base_site_url
	Language string // e.g. en-US
	Version  string // wp:wxr_version
	Authors  map[string]wxrAuthor
	Terms    []wxrTerm // categories, tags and other taxonomies' terms
}

type wxrAuthor struct {
	Login, DisplayName string
	// The e-mail address is never read: it must not reach the site.
}

type wxrTerm struct {
	ID          int64
	Taxonomy    string // category, post_tag, language, post_translations, term_translations ...
	Slug, Name  string
	Description string
}

// item is one <item> of the export: a post, page, attachment or any other
// post type. Comments are skipped.
type item struct {
	Line          int // of <item>
	Title         string
	Link          string
	Creator       string
	GUID          string
	Content       string
	Excerpt       string
	ID            int64
	Date          string // wp:post_date, the site's local time
	DateGMT       string
	Modified      string
	ModifiedGMT   string
	Slug          string
	Status        string
	Parent        int64
	MenuOrder     int
	Type          string
	Password      string
	Sticky        bool
	AttachmentURL string
	Terms         []itemTerm
	Meta          map[string]string
}

type itemTerm struct {
	Domain, Nicename, Name string
}

// wxrReader streams an export: the channel's header, then one item at a
// time, with positions for every error.
type wxrReader struct {
	path string
	f    *os.File
	dec  *xml.Decoder
	ch   channel
	// pending is the first item, read while looking for the header's end.
	pending *xml.StartElement
	done    bool
	// itemLine is the line of the item being read, for errors.
	itemLine int
}

func openWXR(path string) (*wxrReader, error) {
	f, err := os.Open(path)
	if err != nil {
		return nil, err
	}
	r := &wxrReader{path: path, f: f}
	r.dec = xml.NewDecoder(bufio.NewReaderSize(f, 1<<16))
	r.dec.Entity = xml.HTMLEntity // titles sometimes carry &nbsp; and friends
	r.dec.Strict = true
	if err := r.readHeader(); err != nil {
		f.Close()
		return nil, err
	}
	return r, nil
}

func (r *wxrReader) Close() error { return r.f.Close() }

// fail turns a decoder error into an *InputError at the decoder's position.
func (r *wxrReader) fail(err error) error {
	line, col := r.dec.InputPos()
	col = max(col, 1)
	var se *xml.SyntaxError
	switch {
	case errors.As(err, &se) && strings.HasPrefix(se.Msg, "unexpected EOF"), errors.Is(err, io.ErrUnexpectedEOF):
		e := &InputError{Path: r.path, Line: line, Column: col, Err: ErrTruncated}
		if r.itemLine > 0 {
			e.Detail = fmt.Sprintf("it ends inside the <item> of line %d", r.itemLine)
		}
		return e
	case errors.As(err, &se) && se.Msg == "invalid UTF-8":
		if l, c, ok := firstInvalidUTF8(r.path); ok {
			line, col = l, c
		}
		return &InputError{Path: r.path, Line: line, Column: col, Err: ErrEncoding, Detail: "invalid UTF-8 byte"}
	case errors.As(err, &se):
		if se.Line != line {
			col = 1 // the decoder has read on to the next line
		}
		return &InputError{Path: r.path, Line: se.Line, Column: max(col, 1), Err: ErrMalformed, Detail: se.Msg}
	case strings.Contains(err.Error(), "CharsetReader"):
		return &InputError{Path: r.path, Line: line, Column: col, Err: ErrEncoding,
			Detail: strings.TrimPrefix(err.Error(), "xml: ") + "; WordPress exports are UTF-8"}
	case errors.Is(err, io.EOF):
		return &InputError{Path: r.path, Line: line, Column: col, Err: ErrTruncated}
	}
	return &InputError{Path: r.path, Line: line, Column: col, Err: ErrMalformed, Detail: err.Error()}
}

// firstInvalidUTF8 finds the line and column (in bytes, from 1) of the first
// byte of path that is not UTF-8.
func firstInvalidUTF8(path string) (line, col int, ok bool) {
	f, err := os.Open(path)
	if err != nil {
		return 0, 0, false
	}
	defer f.Close()
	br := bufio.NewReader(f)
	line = 1
	for {
		b, err := br.ReadSlice('\n')
		if len(b) > 0 {
			for i := 0; i < len(b); {
				r, n := utf8.DecodeRune(b[i:])
				if r == utf8.RuneError && n <= 1 && !(i+n == len(b) && errors.Is(err, bufio.ErrBufferFull)) {
					return line, i + 1, true
				}
				i += n
			}
		}
		switch {
		case errors.Is(err, bufio.ErrBufferFull):
			// A very long line: only its first buffer is searched, which
			// is enough for a position that helps.
			return line, 1, true
		case err != nil:
			return 0, 0, false
		}
		line++
	}
}

// pos is the decoder's position, the column at least 1.
func (r *wxrReader) pos() (int, int) {
	l, c := r.dec.InputPos()
	return l, max(c, 1)
}

// token returns the next token, as an *InputError when it fails.
func (r *wxrReader) token() (xml.Token, error) {
	t, err := r.dec.Token()
	if err != nil {
		return nil, r.fail(err)
	}
	return t, nil
}

func isWP(n xml.Name) bool { return strings.Contains(n.Space, "wordpress.org/export/") }

// readHeader reads up to the first item (or the end), checking that this is
// a WXR file of a version we know.
func (r *wxrReader) readHeader() error {
	r.ch.Authors = map[string]wxrAuthor{}
	pos := r.pos
	// The root element.
	for {
		t, err := r.dec.Token()
		if err != nil {
			if errors.Is(err, io.EOF) {
				l, c := pos()
				return &InputError{Path: r.path, Line: l, Column: c, Err: ErrNotWXR, Detail: "the file is empty"}
			}
			return r.fail(err)
		}
		if se, ok := t.(xml.StartElement); ok {
			if se.Name.Local != "rss" {
				l, c := pos()
				return &InputError{Path: r.path, Line: l, Column: c, Err: ErrNotWXR,
					Detail: fmt.Sprintf("the root element is <%s>, not <rss>", se.Name.Local)}
			}
			break
		}
	}
	inChannel := false
	for {
		t, err := r.token()
		if err != nil {
			return err
		}
		switch t := t.(type) {
		case xml.EndElement:
			if !inChannel { // </rss> without a channel
				l, c := pos()
				return &InputError{Path: r.path, Line: l, Column: c, Err: ErrNotWXR, Detail: "no <channel>"}
			}
			// </channel>: an export without items.
			if r.ch.Version == "" {
				l, c := pos()
				return &InputError{Path: r.path, Line: l, Column: c, Err: ErrNotWXR, Detail: "no <wp:wxr_version>"}
			}
			r.done = true
			return r.expectEnd()
		case xml.StartElement:
			if !inChannel {
				if t.Name.Local != "channel" {
					l, c := pos()
					return &InputError{Path: r.path, Line: l, Column: c, Err: ErrNotWXR,
						Detail: fmt.Sprintf("<%s> where <channel> should be", t.Name.Local)}
				}
				inChannel = true
				continue
			}
			if t.Name.Local == "item" {
				if r.ch.Version == "" {
					l, c := pos()
					return &InputError{Path: r.path, Line: l, Column: c, Err: ErrNotWXR,
						Detail: "an <item> before <wp:wxr_version>: an RSS feed, not an export"}
				}
				r.pending = &t
				return nil
			}
			if err := r.headerElement(t); err != nil {
				return err
			}
		}
	}
}

func (r *wxrReader) headerElement(t xml.StartElement) error {
	l, c := r.pos()
	if !isWP(t.Name) {
		switch t.Name.Local {
		case "title":
			return r.text(&r.ch.Title, t)
		case "link":
			if t.Name.Space == "" {
				return r.text(&r.ch.Link, t)
			}
		case "language":
			return r.text(&r.ch.Language, t)
		}
		return r.skip()
	}
	switch t.Name.Local {
	case "wxr_version":
		if err := r.text(&r.ch.Version, t); err != nil {
			return err
		}
		v := strings.TrimSpace(r.ch.Version)
		for _, ok := range supportedVersions {
			if v == ok {
				return nil
			}
		}
		return &InputError{Path: r.path, Line: l, Column: c, Err: ErrWXRVersion,
			Detail: fmt.Sprintf("%q; this importer reads versions %s", v, strings.Join(supportedVersions, ", "))}
	case "base_site_url":
		return r.text(&r.ch.BaseURL, t)
	case "author":
		var a wxrAuthor
		err := r.children(func(se xml.StartElement) error {
			switch se.Name.Local {
			case "author_login":
				return r.text(&a.Login, se)
			case "author_display_name":
				return r.text(&a.DisplayName, se)
			}
			return r.skip()
		})
		if err != nil {
			return err
		}
		if a.Login != "" {
			r.ch.Authors[a.Login] = a
		}
		return nil
	case "category", "tag", "term":
		var term wxrTerm
		switch t.Name.Local {
		case "category":
			term.Taxonomy = "category"
		case "tag":
			term.Taxonomy = "post_tag"
		}
		err := r.children(func(se xml.StartElement) error {
			var s string
			switch se.Name.Local {
			case "term_id":
				if err := r.text(&s, se); err != nil {
					return err
				}
				term.ID, _ = strconv.ParseInt(strings.TrimSpace(s), 10, 64)
				return nil
			case "term_taxonomy":
				return r.text(&term.Taxonomy, se)
			case "category_nicename", "tag_slug", "term_slug":
				return r.text(&term.Slug, se)
			case "cat_name", "tag_name", "term_name":
				return r.text(&term.Name, se)
			case "category_description", "tag_description", "term_description":
				return r.text(&term.Description, se)
			}
			return r.skip()
		})
		if err != nil {
			return err
		}
		r.ch.Terms = append(r.ch.Terms, term)
		return nil
	}
	return r.skip()
}

// expectEnd reads what follows </channel>: only </rss> and the end.
func (r *wxrReader) expectEnd() error {
	for {
		t, err := r.dec.Token()
		if errors.Is(err, io.EOF) {
			return nil
		}
		if err != nil {
			return r.fail(err)
		}
		if se, ok := t.(xml.StartElement); ok {
			l, c := r.pos()
			return &InputError{Path: r.path, Line: l, Column: c, Err: ErrMalformed,
				Detail: fmt.Sprintf("<%s> after the channel", se.Name.Local)}
		}
	}
}

// next returns the next item, or nil at the end of the export.
func (r *wxrReader) next() (*item, error) {
	for !r.done {
		var start xml.StartElement
		if r.pending != nil {
			start, r.pending = *r.pending, nil
		} else {
			t, err := r.token()
			if err != nil {
				return nil, err
			}
			switch t := t.(type) {
			case xml.EndElement: // </channel>
				r.done = true
				return nil, r.expectEnd()
			case xml.StartElement:
				start = t
			default:
				continue
			}
		}
		if start.Name.Local != "item" {
			// Header elements may follow items in hand-made files.
			if err := r.headerElement(start); err != nil {
				return nil, err
			}
			continue
		}
		return r.readItem()
	}
	return nil, nil
}

func (r *wxrReader) readItem() (*item, error) {
	line, _ := r.dec.InputPos()
	it := &item{Line: line}
	r.itemLine = line
	defer func() { r.itemLine = 0 }()
	err := r.children(func(se xml.StartElement) error {
		var s string
		num := func(dst *int64) error {
			if err := r.text(&s, se); err != nil {
				return err
			}
			*dst, _ = strconv.ParseInt(strings.TrimSpace(s), 10, 64)
			return nil
		}
		if se.Name.Local == "encoded" {
			// excerpt:encoded's namespace is wordpress.org/export/1.2/excerpt/.
			if strings.HasSuffix(se.Name.Space, "/excerpt/") {
				return r.text(&it.Excerpt, se)
			}
			return r.text(&it.Content, se)
		}
		if !isWP(se.Name) {
			switch se.Name.Local {
			case "title":
				return r.text(&it.Title, se)
			case "link":
				return r.text(&it.Link, se)
			case "creator":
				return r.text(&it.Creator, se)
			case "guid":
				return r.text(&it.GUID, se)
			case "category":
				var t itemTerm
				for _, a := range se.Attr {
					switch a.Name.Local {
					case "domain":
						t.Domain = a.Value
					case "nicename":
						t.Nicename = a.Value
					}
				}
				if err := r.text(&t.Name, se); err != nil {
					return err
				}
				it.Terms = append(it.Terms, t)
				return nil
			}
			return r.skip()
		}
		switch se.Name.Local {
		case "post_id":
			return num(&it.ID)
		case "post_date":
			return r.text(&it.Date, se)
		case "post_date_gmt":
			return r.text(&it.DateGMT, se)
		case "post_modified":
			return r.text(&it.Modified, se)
		case "post_modified_gmt":
			return r.text(&it.ModifiedGMT, se)
		case "post_name":
			return r.text(&it.Slug, se)
		case "status":
			return r.text(&it.Status, se)
		case "post_parent":
			return num(&it.Parent)
		case "menu_order":
			var n int64
			err := num(&n)
			it.MenuOrder = int(n)
			return err
		case "post_type":
			return r.text(&it.Type, se)
		case "post_password":
			return r.text(&it.Password, se)
		case "is_sticky":
			if err := r.text(&s, se); err != nil {
				return err
			}
			it.Sticky = strings.TrimSpace(s) == "1"
			return nil
		case "attachment_url":
			return r.text(&it.AttachmentURL, se)
		case "postmeta":
			var k, v string
			err := r.children(func(m xml.StartElement) error {
				switch m.Name.Local {
				case "meta_key":
					return r.text(&k, m)
				case "meta_value":
					return r.text(&v, m)
				}
				return r.skip()
			})
			if err != nil {
				return err
			}
			if it.Meta == nil {
				it.Meta = map[string]string{}
			}
			it.Meta[k] = v
			return nil
		}
		return r.skip() // comments and anything else
	})
	if err != nil {
		return nil, err
	}
	it.Type = strings.TrimSpace(it.Type)
	it.Status = strings.TrimSpace(it.Status)
	return it, nil
}

// children calls f for each child element of the element just opened, and
// consumes its end.
func (r *wxrReader) children(f func(xml.StartElement) error) error {
	for {
		t, err := r.token()
		if err != nil {
			return err
		}
		switch t := t.(type) {
		case xml.StartElement:
			if err := f(t); err != nil {
				return err
			}
		case xml.EndElement:
			return nil
		}
	}
}

// text reads the character data of the element just opened into dst.
func (r *wxrReader) text(dst *string, _ xml.StartElement) error {
	var b strings.Builder
	depth := 0
	for {
		t, err := r.token()
		if err != nil {
			return err
		}
		switch t := t.(type) {
		case xml.CharData:
			b.Write(t)
		case xml.StartElement:
			depth++
		case xml.EndElement:
			if depth == 0 {
				*dst = b.String()
				return nil
			}
			depth--
		}
	}
}

func (r *wxrReader) skip() error {
	if err := r.dec.Skip(); err != nil {
		return r.fail(err)
	}
	return nil
}
