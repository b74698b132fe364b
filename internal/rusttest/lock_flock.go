//go:build linux || darwin || freebsd || netbsd || openbsd || dragonfly

package rusttest

import (
	"os"
	"syscall"
)

// lockFile takes an exclusive advisory lock on path (created if needed),
// blocking until it is free. The lock dies with the process, so a test
// binary killed mid-build never leaves it stuck.
func lockFile(path string) (unlock func(), err error) {
	f, err := os.OpenFile(path, os.O_CREATE|os.O_RDWR, 0o644)
	if err != nil {
		return nil, err
	}
	for {
		err = syscall.Flock(int(f.Fd()), syscall.LOCK_EX)
		if err != syscall.EINTR {
			break
		}
	}
	if err != nil {
		f.Close()
		return nil, err
	}
	return func() {
		syscall.Flock(int(f.Fd()), syscall.LOCK_UN)
		f.Close()
	}, nil
}
