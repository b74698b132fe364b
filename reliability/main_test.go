// Package reliability holds tests that a codemod run of asynctrait over
// someone's repository never corrupts a file, crashes or hangs: adversarial
// inputs through the library and the binary (bounded time and memory, a
// clear diagnostic or a correct result), faults during `expand -w` (SIGKILL
// at random points, a full disk, a file size limit, read-only files and
// directories, files changing under the tool) and determinism across -j.
//
// The package has only tests. TestMain builds the real binary once. The
// figures (files and bytes checked, faults injected, files damaged) are
// printed at the end of the run (go test -v shows them) and, when
// RELIABILITY_FIGURES names a file, written there too.
//
// The largest inputs are skipped under -short; the default `go test` runs
// everything. Tests that need root (mounts, chattr) fail under CI=1 when
// they cannot set up, and skip otherwise, as cmd/asynctrait's tests do.
package reliability

import (
	"bytes"
	"fmt"
	"os"
	"os/exec"
	"path/filepath"
	"runtime"
	"runtime/metrics"
	"sort"
	"strings"
	"sync"
	"sync/atomic"
	"syscall"
	"testing"
	"time"

	"github.com/asynctrait/asynctrait"
)

// bin is the asynctrait binary built by TestMain.
var bin string

// hangLimit is the watchdog: an expansion or a run of the binary that takes
// longer has hung. It is generous on purpose; the tests assert on time only
// through it.
const hangLimit = 60 * time.Second

// memLimit is the memory bound for an input of n bytes.
func memLimit(n int) int64 { return 8*int64(n) + 200<<20 }

// figures are counted by every test and printed at the end.
var figures struct {
	filesChecked atomic.Int64 // file states compared with their allowed contents
	bytesChecked atomic.Int64
	inputs       atomic.Int64 // adversarial inputs run through library or binary
	inputBytes   atomic.Int64
	faults       atomic.Int64 // faults injected (kills, full disks, read-only files, concurrent writes)
	damaged      atomic.Int64 // files neither original nor a complete rewrite (must stay 0)
	lost         atomic.Int64 // files that are not on disk any more (must stay 0)
	staleTemps   atomic.Int64 // temporary files left behind by killed runs
	lostUpdates  atomic.Int64 // concurrent writes overwritten by a rewrite of older contents
	binRuns      atomic.Int64
	peakRSSKB    atomic.Int64
	mu           sync.Mutex
	notes        []string // one line per test that has something to report
}

func note(format string, args ...any) {
	figures.mu.Lock()
	figures.notes = append(figures.notes, fmt.Sprintf(format, args...))
	figures.mu.Unlock()
}

func TestMain(m *testing.M) {
	if code, ok := inMountNamespace(); ok {
		os.Exit(code)
	}
	dir, err := os.MkdirTemp("", "asynctrait-reliability-")
	if err != nil {
		fmt.Fprintln(os.Stderr, err)
		os.Exit(2)
	}
	bin = filepath.Join(dir, "asynctrait")
	goCmd := filepath.Join(runtime.GOROOT(), "bin", "go")
	if _, err := os.Stat(goCmd); err != nil {
		goCmd = "go"
	}
	cmd := exec.Command(goCmd, "build", "-o", bin, "./cmd/asynctrait")
	cmd.Dir = ".."
	cmd.Stderr = os.Stderr
	if err := cmd.Run(); err != nil {
		fmt.Fprintf(os.Stderr, "building asynctrait: %v\n", err)
		os.RemoveAll(dir)
		os.Exit(2)
	}
	code := m.Run()
	os.RemoveAll(dir)
	printFigures()
	os.Exit(code)
}

// inMountNamespace runs the tests again, as root, in a private mount
// namespace of their own, so that the tmpfs and bind mounts the tests make
// vanish with the process even when it dies without running its cleanups
// (a -timeout panic). It reports the child's exit status and true, or
// false when the tests should run here: not root, already inside, or no
// namespace to be had.
func inMountNamespace() (int, bool) {
	const env = "ASYNCTRAIT_RELIABILITY_MOUNT_NS"
	if os.Geteuid() != 0 || os.Getenv(env) != "" {
		return 0, false
	}
	cmd := exec.Command(os.Args[0], os.Args[1:]...)
	cmd.Env = append(os.Environ(), env+"=1")
	cmd.Stdin, cmd.Stdout, cmd.Stderr = os.Stdin, os.Stdout, os.Stderr
	// Go makes / private (MS_REC|MS_PRIVATE) in the child after
	// unsharing, so nothing propagates back.
	cmd.SysProcAttr = &syscall.SysProcAttr{Unshareflags: syscall.CLONE_NEWNS}
	if err := cmd.Start(); err != nil {
		fmt.Fprintf(os.Stderr, "reliability: no private mount namespace (%v); mounts are made in the current one\n", err)
		return 0, false
	}
	err := cmd.Wait()
	if err != nil {
		if ee, ok := err.(*exec.ExitError); ok && ee.ExitCode() >= 0 {
			return ee.ExitCode(), true
		}
		fmt.Fprintf(os.Stderr, "reliability: tests in the mount namespace: %v\n", err)
		return 2, true
	}
	return 0, true
}

func printFigures() {
	var sb strings.Builder
	f := &figures
	fmt.Fprintf(&sb, "reliability figures:\n")
	fmt.Fprintf(&sb, "  adversarial inputs: %d (%d bytes)\n", f.inputs.Load(), f.inputBytes.Load())
	fmt.Fprintf(&sb, "  binary runs: %d (largest peak RSS %d KB)\n", f.binRuns.Load(), f.peakRSSKB.Load())
	fmt.Fprintf(&sb, "  file states checked: %d (%d bytes)\n", f.filesChecked.Load(), f.bytesChecked.Load())
	fmt.Fprintf(&sb, "  faults injected: %d\n", f.faults.Load())
	fmt.Fprintf(&sb, "  files damaged: %d, files lost: %d\n", f.damaged.Load(), f.lost.Load())
	fmt.Fprintf(&sb, "  stale temporary files left by killed runs: %d\n", f.staleTemps.Load())
	fmt.Fprintf(&sb, "  concurrent writes overwritten (lost updates): %d\n", f.lostUpdates.Load())
	f.mu.Lock()
	notes := append([]string(nil), f.notes...)
	f.mu.Unlock()
	sort.Strings(notes)
	for _, n := range notes {
		fmt.Fprintf(&sb, "  - %s\n", n)
	}
	if testing.Verbose() {
		fmt.Print(sb.String())
	}
	if p := os.Getenv("RELIABILITY_FIGURES"); p != "" {
		_ = os.WriteFile(p, []byte(sb.String()), 0o644)
	}
}

// needRoot skips (or, under CI, fails) a test that needs root.
func needRoot(t *testing.T, why string) {
	t.Helper()
	if os.Geteuid() != 0 {
		unavailable(t, "needs root: "+why)
	}
}

// unavailable skips a test whose set-up is impossible here; CI=1 turns it
// into a failure so that CI cannot silently lose the test.
func unavailable(t *testing.T, msg string) {
	t.Helper()
	if os.Getenv("CI") != "" {
		t.Fatal(msg)
	}
	t.Skip(msg)
}

// watchdog runs fn and fails the test, with every goroutine's stack, if it
// has not returned within hangLimit. The stuck goroutine cannot be
// stopped; the test binary's own -timeout ends the run after that.
func watchdog(t *testing.T, what string, fn func()) time.Duration {
	t.Helper()
	done := make(chan struct{})
	start := time.Now()
	go func() {
		defer close(done)
		fn()
	}()
	select {
	case <-done:
		return time.Since(start)
	case <-time.After(hangLimit):
		buf := make([]byte, 1<<20)
		buf = buf[:runtime.Stack(buf, true)]
		t.Fatalf("%s: still running after %v (hang)\n%s", what, hangLimit, buf)
		return 0
	}
}

// heapSampler records the peak of live heap objects above the level at
// start, sampling every millisecond.
type heapSampler struct {
	stop chan struct{}
	done chan struct{}
	base uint64
	peak uint64
}

var heapMetric = "/memory/classes/heap/objects:bytes"

func heapNow() uint64 {
	s := []metrics.Sample{{Name: heapMetric}}
	metrics.Read(s)
	return s[0].Value.Uint64()
}

func startHeapSampler() *heapSampler {
	runtime.GC()
	h := &heapSampler{stop: make(chan struct{}), done: make(chan struct{}), base: heapNow()}
	go func() {
		defer close(h.done)
		tick := time.NewTicker(time.Millisecond)
		defer tick.Stop()
		for {
			if v := heapNow(); v > h.peak {
				h.peak = v
			}
			select {
			case <-h.stop:
				return
			case <-tick.C:
			}
		}
	}()
	return h
}

// Stop returns the peak heap growth in bytes.
func (h *heapSampler) Stop() int64 {
	close(h.stop)
	<-h.done
	if v := heapNow(); v > h.peak {
		h.peak = v
	}
	if h.peak < h.base {
		return 0
	}
	return int64(h.peak - h.base)
}

// libResult is one library expansion, measured.
type libResult struct {
	asynctrait.Result
	took    time.Duration
	heapInc int64 // peak growth of the live heap during the call
}

// expandLib runs asynctrait.Expand under the watchdog and the heap
// sampler, checks the memory bound and that the input was not modified,
// and counts the input.
func expandLib(t *testing.T, name string, src []byte, opts asynctrait.Options) libResult {
	t.Helper()
	orig := bytes.Clone(src)
	var res libResult
	h := startHeapSampler()
	res.took = watchdog(t, "Expand("+name+")", func() {
		res.Result = asynctrait.Expand(name, src, opts)
	})
	res.heapInc = h.Stop()
	figures.inputs.Add(1)
	figures.inputBytes.Add(int64(len(src)))
	if !bytes.Equal(src, orig) {
		t.Fatalf("%s: Expand modified its input", name)
	}
	// The bound is on the larger of input and output: an expansion can be
	// ten times the size of its input, and the output must be held.
	if n := max(len(src), len(res.Output)); res.heapInc > memLimit(n) {
		t.Errorf("%s: library heap grew by %d MB for %d MB of input and %d MB of output (limit %d MB)", name, res.heapInc>>20, len(src)>>20, len(res.Output)>>20, memLimit(n)>>20)
	}
	for _, d := range res.Diagnostics {
		if strings.Contains(d.Message, "internal error") {
			t.Errorf("%s: internal error: %s", name, d.Message)
		}
	}
	t.Logf("%s: library %d bytes in %v, heap +%d MB, %d diagnostics", name, len(src), res.took.Round(time.Millisecond), res.heapInc>>20, len(res.Diagnostics))
	return res
}

// binResult is one run of the binary.
type binResult struct {
	stdout, stderr []byte
	stderrTotal    int64  // bytes printed on stderr, kept or not
	code           int    // -1: killed by the watchdog
	killed         string // why the watchdog killed it
	took           time.Duration
	maxRSSKB       int64
}

func (r binResult) String() string {
	errs := r.stderr
	if len(errs) > 4000 {
		errs = append(errs[:4000:4000], "…(truncated)"...)
	}
	return fmt.Sprintf("exit %d after %v, peak RSS %d KB\n--- stderr\n%s", r.code, r.took.Round(time.Millisecond), r.maxRSSKB, errs)
}

// runOpts tunes runBin.
type runOpts struct {
	dir    string
	stdin  []byte
	stdout *os.File // when set, standard output goes there instead of memory
	env    []string
	wrap   []string // a command to run the binary under (sh -c …, unshare …)
	// noTime runs the binary directly instead of under /usr/bin/time
	// (which measures its memory), so that its process is the one started.
	noTime bool
}

// outputCap bounds what runBin keeps of each output stream: a binary that
// prints more (diagnostics without end) is killed and the test fails.
const outputCap = 64 << 20

// cappedBuffer keeps the first outputCap bytes written to it and calls
// over, once, when more arrive.
type cappedBuffer struct {
	mu    sync.Mutex
	buf   bytes.Buffer
	total int64
	over  func()
}

func (b *cappedBuffer) Write(p []byte) (int, error) {
	b.mu.Lock()
	defer b.mu.Unlock()
	was := b.total
	b.total += int64(len(p))
	if room := outputCap - b.buf.Len(); room > 0 {
		b.buf.Write(p[:min(len(p), room)])
	}
	if was <= outputCap && b.total > outputCap && b.over != nil {
		b.over()
	}
	return len(p), nil
}

// timeTool is GNU time, which measures a command's peak RSS (-f %M). The
// child's own rusage would not do: Go starts children with vfork, and
// Linux carries the parent's high-water RSS across the exec.
var timeTool = func() string {
	if p, err := exec.LookPath("/usr/bin/time"); err == nil {
		return p
	}
	return ""
}()

// runBin runs the binary with args under the watchdog (a run that takes
// longer than hangLimit, or prints more than outputCap, is killed and
// fails the test) and measures its peak resident memory with
// /usr/bin/time -f %M (maxRSSKB is 0 when not measured).
func runBin(t *testing.T, o runOpts, args ...string) binResult {
	t.Helper()
	argv := append(append([]string{}, o.wrap...), bin)
	var rssFile string
	if !o.noTime && timeTool != "" {
		f, err := os.CreateTemp("", "asynctrait-rss-")
		if err != nil {
			t.Fatal(err)
		}
		f.Close()
		rssFile = f.Name()
		defer os.Remove(rssFile)
		argv = append([]string{timeTool, "-f", "%M", "-o", rssFile}, argv...)
	}
	argv = append(argv, args...)
	cmd := exec.Command(argv[0], argv[1:]...)
	cmd.Dir = o.dir
	cmd.Env = append(os.Environ(), o.env...)
	cmd.SysProcAttr = &syscall.SysProcAttr{Setpgid: true}
	if o.stdin != nil {
		cmd.Stdin = bytes.NewReader(o.stdin)
	}
	var killedWhy atomic.Value
	kill := func(why string) {
		if killedWhy.CompareAndSwap(nil, why) && cmd.Process != nil {
			_ = syscall.Kill(-cmd.Process.Pid, syscall.SIGKILL)
		}
	}
	stdout := &cappedBuffer{over: func() { kill("printed more than 64 MB on standard output") }}
	stderr := &cappedBuffer{over: func() { kill("printed more than 64 MB of diagnostics") }}
	if o.stdout != nil {
		cmd.Stdout = o.stdout
	} else {
		cmd.Stdout = stdout
	}
	cmd.Stderr = stderr
	start := time.Now()
	if err := cmd.Start(); err != nil {
		t.Fatalf("starting %s: %v", bin, err)
	}
	timer := time.AfterFunc(hangLimit, func() { kill(fmt.Sprintf("still running after %v (hang)", hangLimit)) })
	err := cmd.Wait()
	timer.Stop()
	r := binResult{stdout: stdout.buf.Bytes(), stderr: stderr.buf.Bytes(), took: time.Since(start), stderrTotal: stderr.total}
	figures.binRuns.Add(1)
	what := bin + " " + strings.Join(args, " ")
	if why, ok := killedWhy.Load().(string); ok {
		r.code, r.killed = -1, why
		t.Errorf("%s: %s; killed after %v with %d bytes of diagnostics:\n%s", what, why, r.took.Round(time.Millisecond), stderr.total, r)
		return r
	}
	if err != nil {
		ee, ok := err.(*exec.ExitError)
		if !ok {
			t.Fatalf("running %s: %v", what, err)
		}
		r.code = ee.ExitCode()
	}
	if rssFile != "" {
		data, _ := os.ReadFile(rssFile)
		lines := strings.Fields(string(data))
		if len(lines) > 0 {
			fmt.Sscan(lines[len(lines)-1], &r.maxRSSKB)
		}
		if r.code != 0 && bytes.Contains(data, []byte("Command terminated by signal")) {
			t.Errorf("%s: %s", what, strings.TrimSpace(string(data)))
		}
	}
	for {
		old := figures.peakRSSKB.Load()
		if r.maxRSSKB <= old || figures.peakRSSKB.CompareAndSwap(old, r.maxRSSKB) {
			break
		}
	}
	if r.crashed() {
		t.Errorf("%s crashed:\n%s", what, r)
	}
	if r.code != 0 && r.code != 1 && r.code != 2 {
		t.Errorf("%s: exit status %d (expected 0, 1 or 2):\n%s", what, r.code, r)
	}
	return r
}

// crashed reports whether the Go runtime died: a fatal error (stack
// overflow, out of memory) or an unrecovered panic.
func (r binResult) crashed() bool {
	return bytes.Contains(r.stderr, []byte("fatal error: ")) || bytes.Contains(r.stderr, []byte("goroutine ")) && bytes.Contains(r.stderr, []byte("panic: "))
}

// checkRSS fails when a run of the binary on n bytes of input (or output,
// the larger) used more than memLimit(n) of memory.
func checkRSS(t *testing.T, what string, r binResult, n int) {
	t.Helper()
	if r.maxRSSKB == 0 {
		t.Logf("%s: memory not measured (no /usr/bin/time)", what)
		return
	}
	if lim := memLimit(n); r.maxRSSKB*1024 > lim {
		t.Errorf("%s: binary peak RSS %d MB for %d MB of input or output (limit %d MB)", what, r.maxRSSKB>>10, n>>20, lim>>20)
	}
}

// writeTree writes files (relative name → contents) under dir.
func writeTree(t *testing.T, dir string, files map[string][]byte) {
	t.Helper()
	for name, data := range files {
		p := filepath.Join(dir, name)
		if err := os.MkdirAll(filepath.Dir(p), 0o755); err != nil {
			t.Fatal(err)
		}
		if err := os.WriteFile(p, data, 0o644); err != nil {
			t.Fatal(err)
		}
	}
}

// isTemp reports whether a directory entry is one of the CLI's temporary
// files (".<name>.asynctrait-<pid>-<random>.tmp"; the CLI's versions
// before the pid was in the name left ".<name>.asynctrait-<random>.tmp").
func isTemp(name string) bool {
	return strings.HasPrefix(name, ".") && strings.Contains(name, ".asynctrait-") && strings.HasSuffix(name, ".tmp")
}

// temps lists the CLI's temporary files under dir.
func temps(t *testing.T, dir string) []string {
	t.Helper()
	var out []string
	err := filepath.WalkDir(dir, func(p string, d os.DirEntry, err error) error {
		if err != nil {
			return err
		}
		if !d.IsDir() && isTemp(d.Name()) {
			out = append(out, p)
		}
		return nil
	})
	if err != nil {
		t.Fatal(err)
	}
	return out
}

// checkTree compares every file of want (name → allowed contents) with the
// disk: each must hold one of its allowed contents. Damage is counted and
// reported; the test fails on any.
func checkTree(t *testing.T, dir string, want map[string][][]byte) (damaged int) {
	t.Helper()
	names := make([]string, 0, len(want))
	for n := range want {
		names = append(names, n)
	}
	sort.Strings(names)
	for _, n := range names {
		got, err := os.ReadFile(filepath.Join(dir, n))
		figures.filesChecked.Add(1)
		if err != nil {
			figures.lost.Add(1)
			t.Errorf("%s: %v", n, err)
			damaged++
			continue
		}
		figures.bytesChecked.Add(int64(len(got)))
		ok := false
		for _, w := range want[n] {
			if bytes.Equal(got, w) {
				ok = true
				break
			}
		}
		if !ok {
			figures.damaged.Add(1)
			damaged++
			t.Errorf("%s: damaged: %d bytes, neither original nor a complete rewrite (allowed lengths %v)", n, len(got), lens(want[n]))
		}
	}
	return damaged
}

func lens(bs [][]byte) []int {
	var out []int
	for _, b := range bs {
		out = append(out, len(b))
	}
	return out
}
