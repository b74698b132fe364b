package source

import (
	"bytes"
	"strings"
)

// Index returns the index of the first s in b, or -1, like bytes.Index,
// but it looks for the byte of s that is rarest in Rust source and then
// compares around it: bytes.Index looks for the first byte, and the `a`
// of `async_trait` is everywhere (on the Debian crate sources this is
// three times faster).
func Index(b []byte, s string) int { return NewFinder(s).Index(b) }

// A Finder is Index for one string, for searching many times: the rarest
// byte is chosen once.
type Finder struct {
	s string
	r int // the index in s of its rarest byte
}

// NewFinder returns a Finder of s.
func NewFinder(s string) Finder { return Finder{s, rarest(s)} }

// Index returns the index of the first f's string in b, or -1.
func (f Finder) Index(b []byte) int {
	s, r := f.s, f.r
	if s == "" {
		return 0
	}
	for from := r; from < len(b); {
		j := bytes.IndexByte(b[from:], s[r])
		if j < 0 {
			return -1
		}
		at := from + j - r
		if at+len(s) <= len(b) && string(b[at:at+len(s)]) == s {
			return at
		}
		from += j + 1
	}
	return -1
}

// byteRank orders the bytes that are common in Rust source, most common
// first; a byte not listed is rarer than all of them.
const byteRank = " \netarsionlcdupmf_:(),.&<>{}gbhSwy"

// rarest returns the index of the byte of s least likely in Rust source.
func rarest(s string) int {
	best, bestRank := 0, -1
	for i := 0; i < len(s); i++ {
		rank := strings.IndexByte(byteRank, s[i])
		if rank < 0 {
			return i
		}
		if rank > bestRank {
			best, bestRank = i, rank
		}
	}
	return best
}
