package check

import (
	"io/fs"
	"syscall"
)

// changed is what no program can set back: the file's inode and the time
// its inode last changed (a write, a rename onto it, a change of times).
func changed(fi fs.FileInfo) (ino uint64, ctime int64) {
	if st, ok := fi.Sys().(*syscall.Stat_t); ok {
		return st.Ino, st.Ctim.Nano()
	}
	return 0, 0
}
