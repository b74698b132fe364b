package cli

import (
	"os"
	"runtime/debug"
	"sync"
)

// While a run expands files of ordinary size the garbage collector is
// off, as esbuild has it for one-shot builds: a run is short, most of what
// it allocates for a file (tokens, texts) stays live until the file is
// written, and collecting costs more than it frees (on the large benchmark
// input, when this was measured: 9 % less wall time at the 25th
// percentile for 1.7 MB more peak RSS). A memory limit still bounds the
// garbage of a long run, and a file
// too large for that limit turns the collector back on until the run ends.
// GOGC or GOMEMLIMIT in the environment leave the runtime as they set it.
const (
	gcOffLimit   = 256 << 20 // the memory limit while the collector is off
	gcOffMaxFile = 4 << 20   // a larger file turns the collector back on
)

// gcState is shared by the runs of a process (tests run several at once):
// the first run to start turns the collector off, the last to end restores
// the settings it found.
var gcState gcPolicy

type gcPolicy struct {
	sync.Mutex
	runs        int
	off         bool // the collector is off (and these were the settings before)
	prevPercent int
	prevLimit   int64
}

// gcStart is called when a run starts expanding files; gcEnd when it is done.
func gcStart(getenv func(string) string) {
	if getenv == nil {
		getenv = os.Getenv
	}
	g := &gcState
	g.Lock()
	defer g.Unlock()
	g.runs++
	if g.runs == 1 && getenv("GOGC") == "" && getenv("GOMEMLIMIT") == "" {
		g.prevPercent = debug.SetGCPercent(-1)
		g.prevLimit = debug.SetMemoryLimit(gcOffLimit)
		g.off = true
	}
}

func gcEnd() {
	g := &gcState
	g.Lock()
	defer g.Unlock()
	g.runs--
	if g.runs == 0 {
		g.restore()
	}
}

// gcFile is called with the size of each file about to be expanded.
func gcFile(size int) {
	if size <= gcOffMaxFile {
		return
	}
	g := &gcState
	g.Lock()
	defer g.Unlock()
	g.restore()
}

func (g *gcPolicy) restore() {
	if g.off {
		debug.SetMemoryLimit(g.prevLimit)
		debug.SetGCPercent(g.prevPercent)
		g.off = false
	}
}
