package asynctrait

import (
	"testing"

	"github.com/asynctrait/asynctrait/internal/benchgen"
)

// The expansion of the generated inputs of bench/ (small, medium, large):
// the hot path of `asynctrait expand`, with allocation counts so
// regressions show. bench/run.sh measures the whole command.
func benchmarkExpand(b *testing.B, traits int) {
	src := benchgen.Source(traits, false)
	b.SetBytes(int64(len(src)))
	b.ReportAllocs()
	for b.Loop() {
		res := Expand("bench.rs", src, Options{})
		if res.HasErrors() || !res.Changed {
			b.Fatalf("expansion failed: %v", res.Diagnostics)
		}
	}
}

func BenchmarkExpandSmall(b *testing.B)  { benchmarkExpand(b, 1) }
func BenchmarkExpandMedium(b *testing.B) { benchmarkExpand(b, 200) }
func BenchmarkExpandLarge(b *testing.B)  { benchmarkExpand(b, 2000) }

// A file without the attribute: the byte-level fast path.
func BenchmarkExpandNothingToDo(b *testing.B) {
	src := benchgen.Source(2000, true)
	b.SetBytes(int64(len(src)))
	b.ReportAllocs()
	for b.Loop() {
		if res := Expand("bench.rs", src, Options{}); res.Changed {
			b.Fatal("changed a file without the attribute")
		}
	}
}
