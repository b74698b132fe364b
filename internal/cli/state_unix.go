//go:build unix

package cli

import (
	"errors"
	"os"
	"syscall"
)

// processState tells whether a process with the given id runs (or exists
// at all: a zombie counts), by sending it no signal.
func processState(pid int) int {
	if pid <= 0 {
		return processUnknown // 0 and negative ids name process groups
	}
	err := syscall.Kill(pid, 0)
	switch {
	case err == nil, errors.Is(err, syscall.EPERM):
		return processRunning
	case errors.Is(err, syscall.ESRCH):
		return processGone
	}
	return processUnknown
}

// state is what fileState compares.
type state struct {
	dev, ino     uint64
	size         int64
	mtime, ctime int64 // nanoseconds
}

// fileState is what identifies a file's contents without reading them:
// which file it is (device and inode: a file renamed over it is another)
// and its size, modification time and change time (which every write,
// and every setting of the modification time, updates).
func fileState(fi os.FileInfo) state {
	if st, ok := fi.Sys().(*syscall.Stat_t); ok {
		return statState(st)
	}
	return state{size: fi.Size(), mtime: fi.ModTime().UnixNano()}
}

// statState is fileState from what stat(2) returns.
func statState(st *syscall.Stat_t) state {
	return state{
		dev: uint64(st.Dev), ino: st.Ino, size: st.Size,
		mtime: mtime(st), ctime: ctime(st),
	}
}
