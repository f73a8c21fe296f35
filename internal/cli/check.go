package cli

import (
	"fmt"

	"github.com/spf13/cobra"
)

func (a *app) newCheckCommand() (*cobra.Command, error) {
	c := &cobra.Command{
		Use:   "check [flags] [PATH...]",
		Short: "check the content for editorial and safety mistakes (exit 1 on errors)",
		Long: `Check every content file, photo and link of the site for the mistakes that
would publish something nobody approved: front matter Hugo would read
otherwise, unknown tags and regions, photos with GPS or names, broken links,
shortcodes Hugo cannot render. One problem a line:

  path:line:col: severity: message [check-id]

Exit 1 on any error, 0 with warnings only. PATHs limit the report to those
files and folders; every page is still read, as some checks compare pages.
Errors in drafts are warnings unless drafts are built (-D; --drafts says
the same).`,
		Example: `  dispatch check
  dispatch check content/news/2024/my-story
  dispatch check --format json`,
	}
	format, h, err := a.reportFlags(c)
	if err != nil {
		return nil, err
	}
	c.RunE = func(cmd *cobra.Command, args []string) error {
		if err := checkFormat("check", *format); err != nil {
			return err
		}
		s, err := a.loadSite(h, false)
		if err != nil {
			return err
		}
		r, err := a.runChecks(s, args)
		if err != nil {
			return err
		}
		if *format == "json" {
			err = r.WriteJSON(a.e.stdout)
		} else {
			err = r.WriteText(a.e.stdout)
		}
		if err != nil {
			return err
		}
		if r.Errors() > 0 {
			return fmt.Errorf("%w: %s", ErrCheckFailed, summary(r))
		}
		if *format == "text" {
			fmt.Fprintf(a.e.stderr, "dispatch: checked %s\n", summary(r))
		}
		return nil
	}
	return c, nil
}

// reportFlags declares the flags of the commands that report on the
// content (check, status): --format, and the build flags Hugo reads, with
// --drafts for --buildDrafts.
func (a *app) reportFlags(c *cobra.Command) (format *string, h *hugoFlags, err error) {
	format = c.Flags().String("format", "text", "output format: text or json")
	if h, err = a.withHugoFlags(c, "build", "watch"); err != nil {
		return nil, nil, err
	}
	c.Flags().SetNormalizeFunc(alias("drafts", "buildDrafts"))
	return format, h, nil
}

// checkFormat refuses a --format that is not text or json.
func checkFormat(command, format string) error {
	if format != "text" && format != "json" {
		return usagef("%s: --format must be text or json, not %q", command, format)
	}
	return nil
}
