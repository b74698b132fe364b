//go:build !unix

package cli

import (
	"io"
	"os"
	"slices"
)

// readInto reads the file at path into buf (appending to it, growing it
// when needed) and returns the contents; with stat, it also returns the
// file's state as it was opened.
func readInto(path string, buf []byte, stat bool) ([]byte, *state, error) {
	f, err := os.Open(path)
	if err != nil {
		return nil, nil, err
	}
	defer f.Close()
	var before *state
	if stat {
		fi, err := f.Stat()
		if err != nil {
			return nil, nil, err
		}
		s := fileState(fi)
		before = &s
	}
	b := buf
	for {
		if len(b) == cap(b) {
			b = slices.Grow(b, max(cap(b), 4096)) // doubling
		}
		n, err := f.Read(b[len(b):cap(b)])
		b = b[:len(b)+n]
		if err == io.EOF {
			return b, before, nil
		}
		if err != nil {
			return nil, nil, err
		}
	}
}
