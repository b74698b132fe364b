//go:build !linux

package bigalloc

import "unsafe"

const supported = false

func advise(unsafe.Pointer, uintptr) {}
