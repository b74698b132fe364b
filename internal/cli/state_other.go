//go:build !unix

package cli

import "os"

// processState cannot tell here whether a process runs.
func processState(int) int { return processUnknown }

// state is what fileState compares.
type state struct {
	size  int64
	mtime int64 // nanoseconds
}

// fileState is what identifies a file's contents without reading them:
// here only its size and modification time.
func fileState(fi os.FileInfo) state {
	return state{size: fi.Size(), mtime: fi.ModTime().UnixNano()}
}
