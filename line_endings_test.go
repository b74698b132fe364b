package asynctrait

import (
	"strings"
	"testing"

	"github.com/asynctrait/asynctrait/internal/edit"
)

// Each generated line takes the line ending of the line it sits in, so a
// mixed file keeps every line's ending: an LF item comes out LF and a
// CRLF item CRLF, whatever the majority.
func TestMixedLineEndings(t *testing.T) {
	item := func(name string) string {
		return "#[async_trait::async_trait]\nimpl " + name + " for S {\n    async fn f(&self, x: u8) -> u8 {\n        x\n    }\n}\n"
	}
	exp := func(src string) string {
		r := Expand("x.rs", []byte(src), Options{})
		if r.HasErrors() || !r.Changed {
			t.Fatalf("not expanded: %v", r.Diagnostics)
		}
		return string(r.Output)
	}
	crlf := func(s string) string { return strings.ReplaceAll(s, "\n", "\r\n") }
	a, b := item("A"), item("B")
	// Items expand independently, so the expansion of a file of items is
	// the items' expansions in a row, each with its own line ends.
	for _, c := range []struct{ name, src, want string }{
		{"LF then CRLF", a + a + crlf(b), exp(a) + exp(a) + crlf(exp(b))},
		{"CRLF then LF", crlf(b) + crlf(b) + a, crlf(exp(b)) + crlf(exp(b)) + exp(a)},
		{"CRLF without final newline", a + strings.TrimSuffix(crlf(b), "\r\n"), exp(a) + strings.TrimSuffix(crlf(exp(b)), "\r\n")},
	} {
		if got := exp(c.src); got != c.want {
			i := 0
			for i < min(len(got), len(c.want)) && got[i] == c.want[i] {
				i++
			}
			t.Errorf("%s: first difference at byte %d: %q, want %q", c.name, i, got[i:min(len(got), i+40)], c.want[i:min(len(c.want), i+40)])
		}
	}
}

func bareLF(b []byte) int {
	n := 0
	for i, c := range b {
		if c == '\n' && (i == 0 || b[i-1] != '\r') {
			n++
		}
	}
	return n
}

// The line-ending pass is one scan, not one per edit: many edits on one
// long CRLF line stay linear.
func BenchmarkLineEndingsLongLine(b *testing.B) {
	src := []byte(strings.Repeat("x", 10<<20) + "\r\n")
	edits := make([]edit.Edit, 100_000)
	b.SetBytes(int64(len(src)))
	for b.Loop() {
		for i := range edits {
			edits[i] = edit.Edit{Start: i * 100, End: i * 100, New: "a\nb\n"}
		}
		lineEndings(src, [][]edit.Edit{edits})
		if edits[len(edits)-1].New != "a\r\nb\r\n" {
			b.Fatal(edits[len(edits)-1].New)
		}
	}
}
