//go:build unix

package publish

import (
	"errors"
	"fmt"
	"os"
	"strconv"
	"strings"

	"golang.org/x/sys/unix"
)

// lock takes an exclusive lock on the file at path, creating it, and
// returns the function that releases it and removes the file. The system
// releases the lock of a process that dies, however it dies. If another
// process holds the lock, it fails at once with ErrBusy.
func lock(path string) (unlock func(), err error) {
	for {
		f, err := os.OpenFile(path, os.O_RDWR|os.O_CREATE, 0o644)
		if err != nil {
			return nil, err
		}
		if err := unix.Flock(int(f.Fd()), unix.LOCK_EX|unix.LOCK_NB); err != nil {
			f.Close()
			if errors.Is(err, unix.EWOULDBLOCK) {
				return nil, busy(path)
			}
			return nil, fmt.Errorf("locking %s: %w", path, err)
		}
		// A build that finished may have removed the file between our
		// open and our lock: then the lock is on a file no one else can
		// find, so start again with the file now at path.
		held, err1 := f.Stat()
		named, err2 := os.Stat(path)
		if err1 != nil || err2 != nil || !os.SameFile(held, named) {
			f.Close()
			continue
		}
		// Who holds the lock, for the message of a build that finds it held.
		_ = f.Truncate(0)
		_, _ = f.WriteString(strconv.Itoa(os.Getpid()) + "\n")
		return func() {
			os.Remove(path)
			f.Close()
		}, nil
	}
}

// busy is the error for a lock that another process holds.
func busy(path string) error {
	who := "another process"
	if b, err := os.ReadFile(path); err == nil {
		if pid := strings.TrimSpace(string(b)); pid != "" {
			who = "process " + pid
		}
	}
	return fmt.Errorf("%w: %s holds %s; wait for it to finish", ErrBusy, who, path)
}
