//go:build darwin || ios || freebsd || netbsd

package cli

import "syscall"

func ctime(st *syscall.Stat_t) int64 { return st.Ctimespec.Nano() }

func mtime(st *syscall.Stat_t) int64 { return st.Mtimespec.Nano() }
