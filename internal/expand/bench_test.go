package expand

import (
	"testing"

	"github.com/asynctrait/asynctrait/internal/benchgen"
	"github.com/asynctrait/asynctrait/internal/source"
	"github.com/asynctrait/asynctrait/internal/syntax"
)

// The rewrite alone, on a parsed tree of the large benchmark input
// (2,000 traits and impls): the part of Expand that is neither lexing,
// parsing nor applying the edits.
func BenchmarkFileLarge(b *testing.B) {
	src := benchgen.Source(2000, false)
	f := syntax.Parse(source.NewFile("large.rs", src))
	b.SetBytes(int64(len(src)))
	b.ReportAllocs()
	for b.Loop() {
		File(f, Options{})
	}
}

// Lexing, parsing and rewriting item by item, as Expand does.
func BenchmarkStreamLarge(b *testing.B) {
	src := benchgen.Source(2000, false)
	sf := source.NewFile("large.rs", src)
	b.SetBytes(int64(len(src)))
	b.ReportAllocs()
	for b.Loop() {
		if _, _, ok := Stream(syntax.NewStream(sf, 0), Options{}); !ok {
			b.Fatal("syntax error")
		}
	}
}
