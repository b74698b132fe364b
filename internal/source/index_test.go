package source

import (
	"bytes"
	"testing"
)

// Index finds what bytes.Index finds, wherever the rarest byte of s falls.
func TestIndex(t *testing.T) {
	hay := []string{"", "a", "async_trait", "xasync_trait", "'async_trait async_trait", "async_traiasync_trait", "yy", "ayay", "rtrt", "#[rt::async_trait]"}
	needles := []string{"", "a", "y", "async_trait", "rt", "yy", "ay", "#", "async_traitx"}
	for _, h := range hay {
		for _, s := range needles {
			for from := 0; from <= len(h); from++ {
				want := bytes.Index([]byte(h[from:]), []byte(s))
				if got := Index([]byte(h[from:]), s); got != want {
					t.Errorf("Index(%q, %q) = %d, want %d", h[from:], s, got, want)
				}
			}
		}
	}
}
