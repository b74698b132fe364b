// Package bigalloc makes large pointer-free slices whose memory the kernel
// may back with transparent huge pages.
//
// A fresh page of memory costs a page fault when first written: about
// 2 µs for each 4 KiB on a virtual machine (0.5 ms a megabyte, where the
// lexer takes 4 ms to lex one), more than the work a program that
// streams through megabytes once, as the lexer and the rewrite do, spends
// on it. A 2 MiB huge page costs one fault for 512 of them. Go
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
// up to whole huge pages. It is memory of the Go heap like any slice's
// (the collector scans it if T holds pointers and frees it with its last
// use), only placed and advised.
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

// Blocks cuts slices out of huge-page blocks (Make) of HugePage bytes,
// for the many small slices of a large job that all live until its end:
// the texts or edits of a large file's rewrite. One goroutine's: it has no
// lock.
type Blocks[T any] struct{ block []T }

// Take returns a slice of length 0 and capacity n cut from the current
// block, or from a new block when it has less room; a slice larger than
// a block is made on its own. Appending past n moves the slice to memory
// of its own, as append does.
func (b *Blocks[T]) Take(n int) []T {
	if n > len(b.block) {
		var zero T
		per := HugePage / int(max(unsafe.Sizeof(zero), 1))
		if n > per/4 {
			return make([]T, 0, n)
		}
		b.block = Make[T](per, per)
	}
	s := b.block[:0:n]
	b.block = b.block[n:]
	return s
}
