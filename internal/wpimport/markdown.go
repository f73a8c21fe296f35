package wpimport

import (
	"regexp"
	"strings"
)

// escapeHugo keeps text of the export that looks like a Hugo shortcode from
// being run as one: {{< x >}} becomes {{</* x */>}}, which Hugo shows as
// written. Text outside code has its < escaped by the converter already.
func escapeHugo(md string) string {
	if !strings.Contains(md, "{{") {
		return md
	}
	var b strings.Builder
	i := 0
	for {
		m := hugoOpenRe.FindStringIndex(md[i:])
		if m == nil {
			b.WriteString(md[i:])
			return b.String()
		}
		start, end := i+m[0], i+m[1]
		delim := md[end-1]
		closeTok := ">}}"
		if delim == '%' {
			closeTok = "%}}"
		}
		b.WriteString(md[i:start])
		if k := strings.Index(md[end:], closeTok); k >= 0 && !strings.HasPrefix(md[end:], "/*") {
			b.WriteString(md[start:end] + "/*" + md[end:end+k] + "*/" + closeTok)
			i = end + k + len(closeTok)
			continue
		}
		// No end: break the opening so that it is text.
		b.WriteString("{ {" + md[start+2:end])
		i = end
	}
}

var hugoOpenRe = regexp.MustCompile(`\{\{\s*[<%]`)

var mdEscaper = strings.NewReplacer(`\`, `\\`, `[`, `\[`, `]`, `\]`, `*`, `\*`, `_`, `\_`, "`", "\\`", `<`, `&lt;`)

func escapeMarkdownText(s string) string { return mdEscaper.Replace(s) }

// markdownDest writes a link destination that Markdown reads back whole.
func markdownDest(u string) string {
	if strings.ContainsAny(u, " ()<>") {
		return "<" + strings.NewReplacer(" ", "%20", "<", "%3C", ">", "%3E").Replace(u) + ">"
	}
	return u
}

// plainMarkdown strips the Markdown of a caption to use it as alt text.
func plainMarkdown(s string) string {
	s = mdLinkRe.ReplaceAllString(s, "$1")
	s = strings.NewReplacer(`\[`, "[", `\]`, "]", `\*`, "*", `\_`, "_", "**", "", "*", "", "`", "").Replace(s)
	return strings.Join(strings.Fields(s), " ")
}

var mdLinkRe = regexp.MustCompile(`\[([^\]]*)\]\([^)]*\)`)
