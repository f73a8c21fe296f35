package cli

import (
	"context"
	"flag"
	"fmt"
	"io"
	"path"
	"regexp"
	"slices"
	"strings"

	"github.com/dispatch-news/dispatch/internal/check"
)

var slugRe = regexp.MustCompile(`^[a-z0-9]+(-[a-z0-9]+)*$`)

func newNewCommand() *command {
	c := &command{
		name:  "new",
		args:  "[--lang ko] SECTION/YEAR/SLUG",
		short: "start an article bundle from the archetype (dispatch new news/2024/my-story)",
	}
	c.run = func(ctx context.Context, e *env, args []string) error {
		fs := flag.NewFlagSet("new", flag.ContinueOnError)
		fs.SetOutput(io.Discard)
		lang := fs.String("lang", "", "the language of the new file: a translation is index.LANG.md in the same bundle")
		source := fs.String("source", "", "the site's folder (default: the current folder)")
		help := func(w io.Writer) { fs.SetOutput(w); fs.PrintDefaults(); fs.SetOutput(io.Discard) }
		if commandHelp(e, c, args, help) {
			return nil
		}
		if err := fs.Parse(args); err != nil {
			return usagef("new: %v", err)
		}
		if fs.NArg() != 1 {
			return usagef("new: give one article path, such as news/2024/my-story")
		}
		h := hugoArgs{source: *source}
		s, err := loadSite(e, h)
		if err != nil {
			return err
		}
		sections := s.MainSections
		if len(sections) == 0 {
			sections = check.DefaultArticleSections
		}
		p := strings.Trim(path.Clean(strings.TrimPrefix(fs.Arg(0), "content/")), "/")
		parts := strings.Split(p, "/")
		if len(parts) < 2 || !slices.Contains(sections, parts[0]) {
			return usagef("new: %q must start with a section (%s), such as news/2024/my-story", fs.Arg(0), strings.Join(sections, ", "))
		}
		if slug := parts[len(parts)-1]; !slugRe.MatchString(slug) {
			return usagef("new: %q is not a good slug: use lowercase letters, digits and hyphens, such as hoeryong-phone-calls", slug)
		}
		name := "index.md"
		if *lang != "" {
			if !slices.Contains(s.Languages, *lang) {
				return usagef("new: the site has no language %q (it has %s)", *lang, strings.Join(s.Languages, ", "))
			}
			if *lang != s.DefaultLanguage {
				name = fmt.Sprintf("index.%s.md", *lang)
			}
		}
		target := path.Join(p, name)
		hargs := []string{"new", "content", target, "--kind", parts[0]}
		if *source != "" {
			hargs = append(hargs, "--source", *source)
		}
		return execHugo(hargs)
	}
	return c
}
