package bigalloc

import (
	"syscall"
	"unsafe"
)

const supported = true

// advise asks for huge pages for the n bytes at p. It is advice: a kernel
// without transparent huge pages (or with them turned off) refuses it,
// and the memory is then ordinary pages, as it would have been.
func advise(p unsafe.Pointer, n uintptr) {
	syscall.Syscall(syscall.SYS_MADVISE, uintptr(p), n, syscall.MADV_HUGEPAGE)
}
