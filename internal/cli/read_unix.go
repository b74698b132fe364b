//go:build unix

package cli

import (
	"io/fs"
	"slices"
	"syscall"

	"github.com/asynctrait/asynctrait/internal/bigalloc"
)

// readInto reads the file at path into buf (appending to it, growing it
// when needed) and returns the contents; with stat, it also returns the
// file's state as it was opened. It makes the system calls and no more:
// open, read until end of file, close (os.Open would also set the file
// non-blocking and try to register it with the poller, four more calls
// for a regular file), which is most of the cost of a file with nothing to
// do.
func readInto(path string, buf []byte, stat bool) ([]byte, *state, error) {
	var fd int
	var err error
	for {
		fd, err = syscall.Open(path, syscall.O_RDONLY|syscall.O_CLOEXEC, 0)
		if err != syscall.EINTR {
			break
		}
	}
	if err != nil {
		return nil, nil, &fs.PathError{Op: "open", Path: path, Err: err}
	}
	defer syscall.Close(fd)
	var before *state
	if stat {
		var st syscall.Stat_t
		if err := syscall.Fstat(fd, &st); err != nil {
			return nil, nil, &fs.PathError{Op: "stat", Path: path, Err: err}
		}
		s := statState(&st)
		before = &s
	}
	b := buf
	size := int64(-1) // the file's size, once known
	if before != nil {
		size = before.size
	}
	for {
		if len(b) == cap(b) {
			if size < 0 {
				// Larger than the buffer: one stat, to read it into room
				// of its size rather than by doubling.
				size = 0
				var st syscall.Stat_t
				if syscall.Fstat(fd, &st) == nil {
					size = st.Size
				}
			}
			if size >= int64(len(b)) {
				// make, not slices.Grow: fresh memory is not written
				// with zeros first, only by the read. +1: to see the end.
				grown := bigalloc.Make[byte](len(b), int(size)+1)
				copy(grown, b)
				b = grown
				size = 0 // it grew while read: double
			} else {
				b = slices.Grow(b, max(cap(b), 4096)) // doubling
			}
		}
		n, err := syscall.Read(fd, b[len(b):cap(b)])
		if err == syscall.EINTR {
			continue
		}
		if err != nil {
			return nil, nil, &fs.PathError{Op: "read", Path: path, Err: err}
		}
		if n == 0 {
			return b, before, nil
		}
		b = b[:len(b)+n]
	}
}
