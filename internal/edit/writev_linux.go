package edit

import (
	"io"
	"os"
	"runtime"
	"syscall"
	"unsafe"
)

// maxIovecs is IOV_MAX on Linux: the pieces one writev takes at most.
const maxIovecs = 1024

// writeFile writes the output to f with writev(2): the kernel takes the
// pieces (the source between edits, the edits' texts) where they are, so
// a 10 MB output is not first copied into a buffer.
func (o *Output) writeFile(f *os.File) (int64, error) {
	rc, err := f.SyscallConn()
	if err != nil {
		return 0, err
	}
	all := make([]syscall.Iovec, 0, min(maxIovecs, 2*o.edits()+1))
	iov := all
	var n int64
	write := func() error {
		for len(iov) > 0 {
			var done uintptr
			var errno syscall.Errno
			if err := rc.Write(func(fd uintptr) bool {
				done, _, errno = syscall.Syscall(syscall.SYS_WRITEV, fd, uintptr(unsafe.Pointer(&iov[0])), uintptr(len(iov)))
				return errno != syscall.EAGAIN
			}); err != nil {
				return err
			}
			switch {
			case errno == syscall.EINTR:
				continue
			case errno != 0:
				return &os.PathError{Op: "write", Path: f.Name(), Err: errno}
			case done == 0:
				return io.ErrShortWrite
			}
			n += int64(done)
			// Drop what was written; a partial write leaves the rest.
			for len(iov) > 0 && done >= uintptr(iov[0].Len) {
				done -= uintptr(iov[0].Len)
				iov = iov[1:]
			}
			if done > 0 {
				iov[0].Base = (*byte)(unsafe.Add(unsafe.Pointer(iov[0].Base), done))
				iov[0].SetLen(int(uint64(iov[0].Len) - uint64(done)))
			}
		}
		iov = all[:0]
		return nil
	}
	o.pieces(func(b []byte, s string) bool {
		v := syscall.Iovec{}
		if b != nil {
			v.Base = &b[0]
			v.SetLen(len(b))
		} else {
			v.Base = unsafe.StringData(s)
			v.SetLen(len(s))
		}
		iov = append(iov, v)
		if len(iov) == cap(iov) {
			err = write()
		}
		return err == nil
	})
	if err == nil {
		err = write()
	}
	runtime.KeepAlive(o) // the pieces' memory, which iov points into
	return n, err
}
