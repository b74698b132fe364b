package source

import (
	"bytes"
	"testing"
)

func TestLineStartOf(t *testing.T) {
	for _, src := range []string{"", "x", "\n", "ab\ncd\n\nef", "\n\nabc\n"} {
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
