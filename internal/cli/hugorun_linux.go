package cli

import (
	"os/exec"
	"syscall"
)

// dieWithParent makes the child end when dispatch ends, even when dispatch
// is killed: a preview server must not outlive the command that started it.
func dieWithParent(cmd *exec.Cmd) {
	cmd.SysProcAttr = &syscall.SysProcAttr{Pdeathsig: syscall.SIGTERM}
}
