package cli

import (
	"context"

	"github.com/gohugoio/hugo/commands"
)

func newHugoCommand() *command {
	return &command{
		name:  "hugo",
		args:  "[HUGO ARGS...]",
		short: "run any Hugo command, unchanged (dispatch hugo mod graph)",
		run: func(ctx context.Context, e *env, args []string) error {
			return execHugo(args)
		},
	}
}

// execHugo runs the embedded Hugo with args, as the hugo binary would.
func execHugo(args []string) error {
	return commands.Execute(args)
}
