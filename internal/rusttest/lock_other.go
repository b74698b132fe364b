//go:build !(linux || darwin || freebsd || netbsd || openbsd || dragonfly)

package rusttest

import (
	"errors"
	"io/fs"
	"os"
	"time"
)

// lockFile creates path exclusively, waiting while another process holds
// it; a lock older than an hour counts as abandoned.
func lockFile(path string) (unlock func(), err error) {
	path += ".excl"
	for {
		f, err := os.OpenFile(path, os.O_CREATE|os.O_EXCL|os.O_WRONLY, 0o644)
		if err == nil {
			f.Close()
			return func() { os.Remove(path) }, nil
		}
		if !errors.Is(err, fs.ErrExist) {
			return nil, err
		}
		if fi, err := os.Stat(path); err == nil && time.Since(fi.ModTime()) > time.Hour {
			os.Remove(path)
			continue
		}
		time.Sleep(200 * time.Millisecond)
	}
}
