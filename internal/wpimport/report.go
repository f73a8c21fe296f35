package wpimport

import (
	"fmt"
	"io"
	"sort"
	"strconv"
	"strings"
	"sync"
)

// ReportFile, at the site root, lists everything an editor should look at
// after an import: missing media, what the scrubber removed, drafts,
// bundles left alone, placeholders written.
const ReportFile = "import-report.txt"

// ReportEntry is one line of the import report.
type ReportEntry struct {
	File  string // the content file or folder it concerns, from the site root
	Post  int64  // the WordPress post id, 0 if none
	Line  int    // the line of the post's <item> in the export, 0 if none
	Topic string // missing, scrubbed, draft, bundle, alt text, credit, alias ...
	Msg   string
}

type report struct {
	imp     *importer
	mu      sync.Mutex
	entries []ReportEntry
}

func (r *report) add(p *post, topic, msg string) {
	e := ReportEntry{Topic: topic, Msg: msg}
	if p != nil {
		e.Post, e.Line = p.id, p.line
		if p.b != nil {
			e.File = r.imp.contentPath(p.b.dir + "/" + p.file)
		}
	}
	r.mu.Lock()
	r.entries = append(r.entries, e)
	r.mu.Unlock()
}

func (r *report) missing(p *post, what, why string) { r.add(p, "missing", what+": "+why) }
func (r *report) note(p *post, topic, msg string)   { r.add(p, topic, msg) }
func (r *report) draft(p *post, why string)         { r.add(p, "draft", why) }

func (r *report) scrubbed(file, what string) {
	r.mu.Lock()
	r.entries = append(r.entries, ReportEntry{File: r.imp.contentPath(file), Topic: "scrubbed", Msg: "removed " + what})
	r.mu.Unlock()
}

func (r *report) bundle(dir, msg string) {
	r.mu.Lock()
	r.entries = append(r.entries, ReportEntry{File: dir, Topic: "not written", Msg: msg})
	r.mu.Unlock()
}

// topics in the order the report shows them, the most urgent first.
var reportTopics = []string{"not written", "missing", "scrubbed", "not scrubbed", "alt text", "credit",
	"remote image", "alias", "translation", "title", "draft", "vocabulary", "map"}

func topicRank(t string) int {
	for i, x := range reportTopics {
		if x == t {
			return i
		}
	}
	return len(reportTopics)
}

func (r *report) sort() {
	sort.SliceStable(r.entries, func(i, j int) bool {
		a, b := r.entries[i], r.entries[j]
		if ra, rb := topicRank(a.Topic), topicRank(b.Topic); ra != rb {
			return ra < rb
		}
		if a.File != b.File {
			return a.File < b.File
		}
		return a.Msg < b.Msg
	})
}

// write prints the report, grouped by topic.
func (r *report) write(w io.Writer, s *Summary, export string) error {
	r.sort()
	var b strings.Builder
	fmt.Fprintf(&b, "# Import of %s\n\n%s\n", export, s.String())
	topic := ""
	for _, e := range r.entries {
		if e.Topic != topic {
			topic = e.Topic
			fmt.Fprintf(&b, "\n## %s\n\n", topic)
		}
		where := e.File
		if e.Post != 0 {
			where += " (post " + strconv.FormatInt(e.Post, 10) + ", " + export + ":" + strconv.Itoa(e.Line) + ")"
		}
		if where = strings.TrimSpace(where); where != "" {
			where += ": "
		}
		fmt.Fprintf(&b, "- %s%s\n", where, e.Msg)
	}
	_, err := io.WriteString(w, b.String())
	return err
}
