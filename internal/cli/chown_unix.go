//go:build unix

package cli

import (
	"os"
	"syscall"
)

// chown gives f the owner and group of the file described by fi, when we
// are allowed to (as root, or for a group we belong to). Failure is not an
// error: the file then belongs to whoever ran asynctrait, as with any
// editor that saves by rename.
func chown(f *os.File, fi os.FileInfo) {
	if st, ok := fi.Sys().(*syscall.Stat_t); ok {
		_ = f.Chown(int(st.Uid), int(st.Gid))
	}
}
