package source

import (
	"bytes"
	"strings"
	"testing"
)

func TestLineStartOf(t *testing.T) {
	long := strings.Repeat("x", 3*lineScan) // found by the line table, not by the scan back
	for _, src := range []string{"", "x", "\n", "ab\ncd\n\nef", "\n\nabc\n", long, "a\n" + long + "\nb\n" + long, long + "\n\n" + long + "\n"} {
		f := NewFile("x.rs", []byte(src))
		for off := 0; off <= len(src); off++ {
			want := bytes.LastIndexByte([]byte(src[:off]), '\n') + 1
			if got := f.LineStartOf(off); got != want {
				t.Errorf("%q: LineStartOf(%d) = %d, want %d", src, off, got, want)
			}
		}
		if got, want := f.LineCount(), bytes.Count([]byte(src), []byte("\n"))+1; got != want {
			t.Errorf("%q: LineCount = %d, want %d", src, got, want)
		}
	}
}
