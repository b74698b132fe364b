// Package bigalloc makes large pointer-free slices whose memory the kernel
// may back with transparent huge pages.
//
// A fresh page of memory costs a page fault when first written: about
// 2 µs for each 4 KiB on a virtual machine, more than the work done on
// it by a program that streams through megabytes once, as the lexer and
// the rewrite do. A 2 MiB huge page costs one fault for 512 of them. Go
// asks for none (the kernel gives them only to memory that asks, in its
// default "madvise" mode), so the slices made here are placed on a 2 MiB
// boundary of the Go heap and their whole huge pages advised as such
// (MADV_HUGEPAGE). They stay ordinary Go memory: the collector frees them.
// Elsewhere than Linux, Make is make.
package bigalloc

import "unsafe"

// HugePage is the size of a transparent huge page on the platforms that
// have them (x86-64 and arm64 with 4 KiB pages).
const HugePage = 2 << 20

// MinBytes is the smallest slice Make places on huge pages. Below it,
// rounding up to a whole huge page would cost more memory than the page
// faults saved are worth.
const MinBytes = 1 << 20

// Make returns make([]T, n, c) (c at least n). When the capacity takes at
// least MinBytes and the platform has huge pages, its memory starts on a
// huge page boundary and is advised for huge pages, its capacity rounded
// up to whole huge pages. T must hold no pointers: the memory is zeroed
// and used as the Go heap's, but a page advised here may be backed by a
// huge page the kernel zeroes, not the runtime.
func Make[T any](n, c int) []T {
	c = max(c, n)
	var zero T
	size := uintptr(unsafe.Sizeof(zero))
	if !supported || size == 0 || uintptr(c) > (1<<40)/size || uintptr(c)*size < MinBytes || HugePage%size != 0 {
		return make([]T, n, c)
	}
	bytes := (uintptr(c)*size + HugePage - 1) &^ (HugePage - 1)
	// One huge page more than needed so that the slice can start on a
	// boundary; the part before it is never touched, so it takes address
	// space and no memory.
	raw := make([]T, (bytes+HugePage)/size)
	p := uintptr(unsafe.Pointer(unsafe.SliceData(raw)))
	skip := ((p+HugePage-1)&^(HugePage-1) - p) / size
	s := raw[skip : skip+bytes/size : skip+bytes/size]
	advise(unsafe.Pointer(unsafe.SliceData(s)), bytes)
	return s[:n]
}
