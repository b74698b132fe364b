//go:build linux || aix || openbsd || solaris || illumos || dragonfly || zos

package cli

import "syscall"

func ctime(st *syscall.Stat_t) int64 { return st.Ctim.Nano() }

func mtime(st *syscall.Stat_t) int64 { return st.Mtim.Nano() }
