package cli

import (
	"fmt"
	"path"
	"regexp"
	"slices"
	"strings"

	"github.com/spf13/cobra"

	"github.com/dispatch-news/dispatch/internal/check"
)

var slugRe = regexp.MustCompile(`^[a-z0-9]+(-[a-z0-9]+)*$`)

func (a *app) newNewCommand() (*cobra.Command, error) {
	c := &cobra.Command{
		Use:   "new [--lang LANG] SECTION/YEAR/SLUG",
		Short: "start an article bundle from the archetype (dispatch new news/2024/my-story)",
		Long: `Start an article: a page bundle content/SECTION/YEAR/SLUG/index.md with every
field of the content model, from the archetype. With --lang, the
translation index.LANG.md in the same bundle.`,
		Example: `  dispatch new news/2024/my-story
  dispatch new --lang ko news/2024/my-story`,
		Args: needArgs(1, 1, "one article path, such as news/2024/my-story"),
	}
	lang := c.Flags().String("lang", "", "the language of the new file: a translation is index.LANG.md in the same bundle")
	h, err := a.withHugoFlags(c, "new content", "kind", "editor", "force", "edit")
	if err != nil {
		return nil, err
	}
	c.RunE = func(cmd *cobra.Command, args []string) error {
		s, err := a.loadSite(h, false)
		if err != nil {
			return err
		}
		sections := s.MainSections
		if len(sections) == 0 {
			sections = check.DefaultArticleSections
		}
		p := strings.Trim(path.Clean(strings.TrimPrefix(args[0], "content/")), "/")
		parts := strings.Split(p, "/")
		if len(parts) < 2 || !slices.Contains(sections, parts[0]) {
			return usagef("new: %q must start with a section (%s), such as news/2024/my-story", args[0], strings.Join(sections, ", "))
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
		hargs := append([]string{"new", "content", path.Join(p, name), "--kind", parts[0], "--source", s.Dir}, h.args("source")...)
		return hugoRun{args: hargs, site: s.Dir, stdout: a.e.stdout, stderr: a.e.stderr}.run(cmd.Context())
	}
	return c, nil
}
