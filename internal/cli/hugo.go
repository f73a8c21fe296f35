package cli

import "github.com/spf13/cobra"

func (a *app) newHugoCommand() (*cobra.Command, error) {
	return &cobra.Command{
		Use:   "hugo [HUGO ARGS...]",
		Short: "run any Hugo command, unchanged and without the checks (dispatch hugo mod graph)",
		Long: `Run the embedded Hugo with any of its commands and flags, unchanged:
no checks, no audit, no safe swap of public/. For what dispatch has no
command of its own for, such as "dispatch hugo mod graph" or
"dispatch hugo list drafts".`,
		DisableFlagParsing: true,
		RunE: func(cmd *cobra.Command, args []string) error {
			return execHugo(args)
		},
	}, nil
}
