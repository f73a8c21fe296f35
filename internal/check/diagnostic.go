// Package check finds editorial mistakes in a newsroom's content before
// readers, or sources, pay for them.
package check

import (
	"cmp"
	"encoding/json"
	"fmt"
	"io"
	"slices"
	"time"
)

// Severity says whether a problem stops a build.
type Severity int

const (
	Warning Severity = iota + 1 // reported; the build goes on
	Error                       // the build stops
)

func (s Severity) String() string {
	if s == Error {
		return "error"
	}
	return "warning"
}

// MarshalText writes the severity as "error" or "warning".
func (s Severity) MarshalText() ([]byte, error) { return []byte(s.String()), nil }

// Diagnostic is one problem, at a position in a file.
type Diagnostic struct {
	Path     string   `json:"path"`
	Line     int      `json:"line"`
	Column   int      `json:"column"`
	Severity Severity `json:"severity"`
	Message  string   `json:"message"`
	Check    string   `json:"check"` // a stable id, such as "fm.required"

	// hugo marks a problem that makes Hugo fail whatever the page's draft
	// status: it is never lowered to a warning in a draft.
	hugo bool
	// render marks a problem that makes Hugo fail when it renders the page.
	render bool
}

// StopsHugo says whether Hugo cannot build the site while the problem is
// there: a build that renders the page, or any build at all.
func (d Diagnostic) StopsHugo() bool { return d.hugo || d.render }

// String formats d as path:line:col: severity: message [check-id].
func (d Diagnostic) String() string {
	return fmt.Sprintf("%s:%d:%d: %s: %s [%s]", d.Path, d.Line, d.Column, d.Severity, d.Message, d.Check)
}

// Report is the outcome of a run.
type Report struct {
	Diagnostics []Diagnostic
	Files       int // how many files were read
	// Pages are the content pages read, and what Hugo makes of each.
	Pages []Page
}

// Page is a content page as Hugo reads it: where it is published, and
// whether a build with the site's flags publishes it.
type Page struct {
	Path           string    `json:"path"` // the content file, as reported
	Lang           string    `json:"lang"`
	URL            string    `json:"url,omitempty"` // lower case; "" when not rendered
	Title          string    `json:"title,omitempty"`
	TranslationKey string    `json:"translationKey"`
	Draft          bool      `json:"draft,omitempty"`
	Future         bool      `json:"future,omitempty"`  // publishDate after the build's clock
	Expired        bool      `json:"expired,omitempty"` // expiryDate before it
	Rendered       bool      `json:"rendered"`          // false for headless or build.render: never
	PublishDate    time.Time `json:"publishDate,omitzero"`
	Lastmod        time.Time `json:"lastmod,omitzero"`
	// Unread is set for a file the checks could not read as a page: its
	// URL is where its path would publish it.
	Unread bool `json:"unread,omitempty"`
}

// Errors counts the diagnostics of severity Error.
func (r *Report) Errors() int {
	n := 0
	for _, d := range r.Diagnostics {
		if d.Severity == Error {
			n++
		}
	}
	return n
}

// Sort orders the diagnostics by path, line, column and check id.
func (r *Report) Sort() {
	slices.SortStableFunc(r.Diagnostics, func(a, b Diagnostic) int {
		return cmp.Or(cmp.Compare(a.Path, b.Path), cmp.Compare(a.Line, b.Line),
			cmp.Compare(a.Column, b.Column), cmp.Compare(a.Check, b.Check), cmp.Compare(a.Message, b.Message))
	})
}

// WriteText writes one diagnostic a line.
func (r *Report) WriteText(w io.Writer) error {
	for _, d := range r.Diagnostics {
		if _, err := fmt.Fprintln(w, d); err != nil {
			return err
		}
	}
	return nil
}

// WriteJSON writes the report as a JSON object for tools.
func (r *Report) WriteJSON(w io.Writer) error {
	ds := r.Diagnostics
	if ds == nil {
		ds = []Diagnostic{}
	}
	enc := json.NewEncoder(w)
	enc.SetIndent("", "  ")
	return enc.Encode(struct {
		Files       int          `json:"files"`
		Errors      int          `json:"errors"`
		Diagnostics []Diagnostic `json:"diagnostics"`
	}{r.Files, r.Errors(), ds})
}
