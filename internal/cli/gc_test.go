package cli

import (
	"runtime/debug"
	"testing"
)

// The collector is off from the first run's start to the last run's end
// (runs overlap in a process), back on after a file larger than
// gcOffMaxFile, and never touched when GOGC or GOMEMLIMIT is set.
func TestGCPolicy(t *testing.T) {
	percent := func() int { p := debug.SetGCPercent(100); debug.SetGCPercent(p); return p }
	before, limit := percent(), debug.SetMemoryLimit(-1)
	noEnv := func(string) string { return "" }

	gcStart(noEnv)
	gcStart(noEnv)
	if p := percent(); p != -1 {
		t.Fatalf("during runs: GC percent %d, want -1 (off)", p)
	}
	if l := debug.SetMemoryLimit(-1); l != gcOffLimit {
		t.Fatalf("during runs: memory limit %d, want %d", l, gcOffLimit)
	}
	gcEnd()
	if p := percent(); p != -1 {
		t.Fatalf("one of two runs ended: GC percent %d, want -1", p)
	}
	gcFile(gcOffMaxFile)
	if p := percent(); p != -1 {
		t.Fatalf("a file of gcOffMaxFile bytes: GC percent %d, want -1", p)
	}
	gcFile(gcOffMaxFile + 1)
	if p, l := percent(), debug.SetMemoryLimit(-1); p != before || l != limit {
		t.Fatalf("after a large file: GC percent %d, limit %d; want %d, %d as before", p, l, before, limit)
	}
	gcEnd()
	if p, l := percent(), debug.SetMemoryLimit(-1); p != before || l != limit {
		t.Fatalf("after the runs: GC percent %d, limit %d; want %d, %d as before", p, l, before, limit)
	}

	gcStart(func(k string) string {
		if k == "GOGC" {
			return "50"
		}
		return ""
	})
	if p := percent(); p != before {
		t.Fatalf("with GOGC set: GC percent %d, want %d untouched", p, before)
	}
	gcEnd()
}
