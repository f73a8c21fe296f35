package cli

import (
	"bytes"
	"context"
	"errors"
	"os"
	"path/filepath"
	"strings"
	"testing"
)

// A crash of Hugo in its child process ends in one line that names the
// site, with Go's report in a file, never on the terminal.
func TestHugoCrashIsOneLine(t *testing.T) {
	dir := t.TempDir()
	fake := filepath.Join(dir, "hugo")
	script := "#!/bin/sh\necho 'Start building sites …'\necho 'WARN  a warning' >&2\n" +
		"printf 'panic: runtime error: invalid memory address\\n\\ngoroutine 1 [running]:\\ngithub.com/gohugoio/hugo/hugolib.(*contentNodeShifter).Delete()\\n' >&2\nexit 2\n"
	if err := os.WriteFile(fake, []byte(script), 0o755); err != nil {
		t.Fatal(err)
	}
	var out, errs bytes.Buffer
	err := hugoRun{args: []string{"build"}, site: "/srv/newsroom", exe: fake, stdout: &out, stderr: &errs}.run(context.Background())
	if err == nil {
		t.Fatal("a crash was not an error")
	}
	msg := err.Error()
	if strings.Contains(msg, "\n") || !strings.Contains(msg, "hugo crashed while building /srv/newsroom") ||
		!strings.Contains(msg, "panic: runtime error: invalid memory address") {
		t.Errorf("error %q: want one line naming the site and the panic", msg)
	}
	if strings.Contains(errs.String(), "goroutine") || strings.Contains(errs.String(), "panic") {
		t.Errorf("the crash report reached the terminal:\n%s", errs.String())
	}
	if !strings.Contains(errs.String(), "WARN  a warning") || !strings.Contains(out.String(), "Start building") {
		t.Errorf("Hugo's own output was lost: stdout %q, stderr %q", out.String(), errs.String())
	}
	_, file, ok := strings.Cut(msg, "the full report is in ")
	if !ok {
		t.Fatalf("no report file in %q", msg)
	}
	report, err := os.ReadFile(file)
	if err != nil {
		t.Fatal(err)
	}
	os.Remove(file)
	if !bytes.Contains(report, []byte("contentNodeShifter")) {
		t.Errorf("the report file lacks the stack:\n%s", report)
	}
}

func TestHugoFailureIsNotACrash(t *testing.T) {
	dir := t.TempDir()
	fake := filepath.Join(dir, "hugo")
	if err := os.WriteFile(fake, []byte("#!/bin/sh\necho 'Error: error building site' >&2\nexit 1\n"), 0o755); err != nil {
		t.Fatal(err)
	}
	var errs bytes.Buffer
	err := hugoRun{args: []string{"build"}, site: "s", exe: fake, stdout: &bytes.Buffer{}, stderr: &errs}.run(context.Background())
	if !errors.Is(err, ErrHugoFailed) || !strings.Contains(errs.String(), "Error: error building site") {
		t.Errorf("err %v, stderr %q", err, errs.String())
	}
}
