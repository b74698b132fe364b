package reliability

import (
	"bytes"
	"fmt"
	"math/rand/v2"
	"os"
	"os/exec"
	"path/filepath"
	"sort"
	"strconv"
	"strings"
	"syscall"
	"testing"
	"time"

	"github.com/asynctrait/asynctrait"
)

// Faults during `expand -w`: after any of them every file must hold either
// its original bytes or its complete rewrite, and a rerun must finish the
// job.

// tree is a generated source tree with the expected rewrite of each file.
type tree struct {
	dir   string
	names []string          // sorted
	orig  map[string][]byte // name → original contents
	want  map[string][]byte // name → complete rewrite (= orig when nothing to do)
}

// newTree writes n files of about size bytes under dir, every other one
// with #[async_trait] items, spread over a few subdirectories, and computes
// their rewrites with the library.
func newTree(t *testing.T, dir string, r *rand.Rand, n, size int) *tree {
	t.Helper()
	tr := &tree{dir: dir, orig: map[string][]byte{}, want: map[string][]byte{}}
	for i := range n {
		name := filepath.Join(fmt.Sprintf("m%02d", i%10), fmt.Sprintf("f%03d.rs", i))
		src := treeFile(r, size, i%2 == 0)
		tr.orig[name] = src
		tr.want[name] = mustRewrite(t, name, src)
		tr.names = append(tr.names, name)
	}
	sort.Strings(tr.names)
	writeTree(t, dir, tr.orig)
	return tr
}

// mustRewrite is the library's expansion of src, which must not fail.
func mustRewrite(t *testing.T, name string, src []byte) []byte {
	t.Helper()
	res := asynctrait.Expand(name, src, asynctrait.Options{})
	if res.HasErrors() {
		t.Fatalf("%s: generated file does not expand: %s", name, firstDiags(res))
	}
	return res.Output
}

// allowed maps each file to its two acceptable states.
func (tr *tree) allowed() map[string][][]byte {
	m := map[string][][]byte{}
	for _, n := range tr.names {
		m[n] = [][]byte{tr.orig[n], tr.want[n]}
	}
	return m
}

// progress counts the files that hold their rewrite (of those that change).
func (tr *tree) progress(t *testing.T) (done, total int) {
	t.Helper()
	for _, n := range tr.names {
		if bytes.Equal(tr.orig[n], tr.want[n]) {
			continue
		}
		total++
		if got, err := os.ReadFile(filepath.Join(tr.dir, n)); err == nil && bytes.Equal(got, tr.want[n]) {
			done++
		}
	}
	return done, total
}

// reset puts back the original of every file that differs from it.
func (tr *tree) reset(t *testing.T) {
	t.Helper()
	for _, n := range tr.names {
		p := filepath.Join(tr.dir, n)
		if got, err := os.ReadFile(p); err != nil || !bytes.Equal(got, tr.orig[n]) {
			if err := os.WriteFile(p, tr.orig[n], 0o644); err != nil {
				t.Fatal(err)
			}
		}
	}
}

func (tr *tree) checkComplete(t *testing.T) {
	t.Helper()
	for _, n := range tr.names {
		figures.filesChecked.Add(1)
		got, err := os.ReadFile(filepath.Join(tr.dir, n))
		if err != nil {
			figures.lost.Add(1)
			t.Errorf("%s: %v", n, err)
			continue
		}
		figures.bytesChecked.Add(int64(len(got)))
		if !bytes.Equal(got, tr.want[n]) {
			if !bytes.Equal(got, tr.orig[n]) {
				figures.damaged.Add(1)
			}
			t.Errorf("%s: not rewritten after a complete run", n)
		}
	}
}

// startBin starts the binary itself (no wrapper), so that its pid can be
// signalled.
func startBin(t *testing.T, dir string, args ...string) (*exec.Cmd, *bytes.Buffer) {
	t.Helper()
	cmd := exec.Command(bin, args...)
	cmd.Dir = dir
	var out bytes.Buffer
	cmd.Stdout, cmd.Stderr = &out, &out
	if err := cmd.Start(); err != nil {
		t.Fatal(err)
	}
	figures.binRuns.Add(1)
	return cmd, &out
}

// SIGKILL at random points of `expand -w` over 300 files of 20 KB, half of
// them to rewrite. After each kill every file is its original or its
// complete rewrite; temporary files the killed run left are counted (they
// are not damage); a final run finishes the job.
func TestKillDuringWrite(t *testing.T) {
	files, size, rounds := 300, 20<<10, 60
	if testing.Short() {
		files, rounds = 100, 20
	}
	r := rand.New(rand.NewPCG(6, 1))
	tr := newTree(t, t.TempDir(), r, files, size)

	// Calibrate: how long does an uninterrupted run take?
	start := time.Now()
	res := runBin(t, runOpts{dir: tr.dir, noTime: true}, "expand", "-w", ".")
	full := time.Since(start)
	if res.code != 0 {
		t.Fatalf("uninterrupted run: %s", res)
	}
	tr.checkComplete(t)
	t.Logf("an uninterrupted run takes %v", full.Round(time.Millisecond))

	var stale []string
	killedMid := 0
	for round := range rounds {
		tr.reset(t)
		for _, p := range temps(t, tr.dir) {
			os.Remove(p)
		}
		jobs := []string{"1", "2", "8"}[r.IntN(3)]
		delay := time.Duration(r.Int64N(int64(full) * 11 / 10))
		cmd, out := startBin(t, tr.dir, "expand", "-w", "-j", jobs, ".")
		time.Sleep(delay)
		_ = cmd.Process.Signal(syscall.SIGKILL)
		err := cmd.Wait()
		figures.faults.Add(1)
		killed := err != nil && cmd.ProcessState.Sys().(syscall.WaitStatus).Signaled()
		if !killed && cmd.ProcessState.ExitCode() != 0 {
			t.Fatalf("round %d: the run failed on its own: %v\n%s", round, err, out)
		}
		if checkTree(t, tr.dir, tr.allowed()) > 0 {
			t.Fatalf("round %d (-j %s, killed after %v): files damaged", round, jobs, delay)
		}
		done, total := tr.progress(t)
		if killed && done > 0 && done < total {
			killedMid++
		}
		left := temps(t, tr.dir)
		figures.staleTemps.Add(int64(len(left)))
		stale = append(stale, left...)
		t.Logf("round %2d: -j %s killed=%v after %v: %d/%d rewritten, %d temporary files left", round, jobs, killed, delay.Round(time.Millisecond), done, total, len(left))
	}
	if killedMid < rounds/4 {
		t.Errorf("only %d of %d kills landed while files were being rewritten; the timing calibration is off", killedMid, rounds)
	}

	// The last round's leftovers stay; a complete run must finish the job
	// around them, and remove them: they carry the tool's naming, with the
	// id of a process that is gone. If the last kill left none, one is
	// planted as a kill leaves it: the first half of a rewrite, under the
	// tool's temporary name (.NAME.asynctrait-PID-RANDOM.tmp) with the
	// PID of an exited process.
	last := temps(t, tr.dir)
	if len(last) == 0 {
		n := tr.names[0]
		exited := exec.Command(bin, "version")
		if err := exited.Run(); err != nil {
			t.Fatal(err)
		}
		p := filepath.Join(tr.dir, filepath.Dir(n), fmt.Sprintf(".%s.asynctrait-%d-123456789.tmp", filepath.Base(n), exited.Process.Pid))
		if err := os.WriteFile(p, tr.want[n][:len(tr.want[n])/2], 0o600); err != nil {
			t.Fatal(err)
		}
		last = []string{p}
	}
	res = runBin(t, runOpts{dir: tr.dir}, "expand", "-w", ".")
	if res.code != 0 {
		t.Fatalf("final run: %s", res)
	}
	tr.checkComplete(t)
	after := temps(t, tr.dir)
	for _, p := range after {
		if !contains(last, p) {
			t.Errorf("the final, complete run left a temporary file of its own: %s", p)
		} else {
			t.Errorf("the final, complete run did not remove a temporary file left by a killed run: %s", p)
		}
	}
	note("SIGKILL: %d kills (%d mid-rewrite), %d temporary files left by killed runs in all; the next complete run removed %d of the %d present before it", rounds, killedMid, len(stale), len(last)-len(after), len(last))
	for _, p := range after {
		os.Remove(p)
	}
}

func contains(list []string, s string) bool {
	for _, x := range list {
		if x == s {
			return true
		}
	}
	return false
}

// mountTmpfs mounts a tmpfs of the given size on dir until the test ends.
func mountTmpfs(t *testing.T, dir, opts string) {
	t.Helper()
	needRoot(t, "mounting a tmpfs")
	if err := syscall.Mount("tmpfs", dir, "tmpfs", 0, opts); err != nil {
		unavailable(t, fmt.Sprintf("cannot mount a tmpfs on %s: %v", dir, err))
	}
	t.Cleanup(func() {
		if err := syscall.Unmount(dir, syscall.MNT_DETACH); err != nil {
			t.Errorf("unmounting %s: %v", dir, err)
		}
	})
}

// asyncFile is a file of about size bytes that needs rewriting, with its
// rewrite.
func asyncFile(t *testing.T, r *rand.Rand, size int) (src, out []byte) {
	src = treeFile(r, size, true)
	return src, mustRewrite(t, "f.rs", src)
}

// A full disk: a 200 KB tmpfs holding files whose rewrites do not all fit.
// -w must fail with "no space left on device" for the files it could not
// write, leave each file original or complete and no temporary file, and
// finish once there is room.
func TestFullDisk(t *testing.T) {
	dir := t.TempDir()
	mountTmpfs(t, dir, "size=200k")
	r := rand.New(rand.NewPCG(6, 2))
	tr := &tree{dir: dir, orig: map[string][]byte{}, want: map[string][]byte{}}
	total := 0
	for i := range 10 {
		name := fmt.Sprintf("f%02d.rs", i)
		tr.orig[name], tr.want[name] = asyncFile(t, r, 2<<10)
		total += len(tr.want[name])
		tr.names = append(tr.names, name)
	}
	if total > 150<<10 {
		t.Fatalf("the rewrites (%d bytes) would not fit on the disk even when empty", total)
	}
	writeTree(t, dir, tr.orig)
	// Leave a little room only.
	var st syscall.Statfs_t
	if err := syscall.Statfs(dir, &st); err != nil {
		t.Fatal(err)
	}
	free := int(st.Bavail) * int(st.Bsize)
	filler := filepath.Join(dir, "filler")
	if err := os.WriteFile(filler, make([]byte, max(free-32<<10, 0)), 0o644); err != nil {
		t.Fatal(err)
	}
	res := runBin(t, runOpts{dir: dir}, "expand", "-w", "-j", "1", ".")
	figures.faults.Add(1)
	if res.code != 2 || !bytes.Contains(res.stderr, []byte("no space left on device")) || !bytes.Contains(res.stderr, []byte("the file was left unchanged")) {
		t.Errorf("full disk: want exit 2 and \"no space left on device … left unchanged\":\n%s", res)
	}
	checkTree(t, dir, tr.allowed())
	if left := temps(t, dir); len(left) > 0 {
		t.Errorf("temporary files left on the full disk: %v", left)
	}
	done, total := tr.progress(t)
	if done == total {
		t.Errorf("every file was rewritten; the disk was not full enough to test anything")
	}
	note("full tmpfs: %d of %d files rewritten before the disk filled; %d refused with a clear error", done, total, bytes.Count(res.stderr, []byte("no space left on device")))
	// With room again, a rerun completes.
	os.Remove(filler)
	res = runBin(t, runOpts{dir: dir}, "expand", "-w", ".")
	if res.code != 0 {
		t.Fatalf("rerun with room: %s", res)
	}
	tr.checkComplete(t)
}

// A file size limit (RLIMIT_FSIZE, set in the child with prlimit(1)'s
// setrlimit): writes past it fail with EFBIG (Go ignores SIGXFSZ). Files
// whose rewrite is larger than the limit must be refused with a clear
// error and kept; the others rewritten.
func TestFileSizeLimit(t *testing.T) {
	prlimit, err := exec.LookPath("prlimit")
	if err != nil {
		unavailable(t, "prlimit(1) not found")
	}
	dir := t.TempDir()
	r := rand.New(rand.NewPCG(6, 3))
	tr := &tree{dir: dir, orig: map[string][]byte{}, want: map[string][]byte{}}
	const limit = 24 << 10
	small, large := 0, 0
	for i := range 20 {
		name := fmt.Sprintf("f%02d.rs", i)
		tr.orig[name], tr.want[name] = asyncFile(t, r, 1<<10+i*(1<<9))
		tr.names = append(tr.names, name)
		if len(tr.want[name]) <= limit {
			small++
		} else {
			large++
		}
	}
	if small == 0 || large == 0 {
		t.Fatalf("the sizes do not straddle the limit: %d small, %d large", small, large)
	}
	writeTree(t, dir, tr.orig)
	res := runBin(t, runOpts{dir: dir, wrap: []string{prlimit, "--fsize=" + strconv.Itoa(limit)}}, "expand", "-w", ".")
	figures.faults.Add(int64(large))
	if res.code != 2 || !bytes.Contains(res.stderr, []byte("file too large")) {
		t.Errorf("file size limit: want exit 2 and \"file too large\":\n%s", res)
	}
	checkTree(t, dir, tr.allowed())
	for _, n := range tr.names {
		got, _ := os.ReadFile(filepath.Join(dir, n))
		wantRewritten := len(tr.want[n]) <= limit
		if wantRewritten != bytes.Equal(got, tr.want[n]) {
			t.Errorf("%s: rewrite of %d bytes with a %d-byte limit: rewritten=%v", n, len(tr.want[n]), limit, !wantRewritten)
		}
		if !wantRewritten && !bytes.Contains(res.stderr, []byte("`"+n+"`")) {
			t.Errorf("%s: refused without its name in the error", n)
		}
	}
	if left := temps(t, dir); len(left) > 0 {
		t.Errorf("temporary files left: %v", left)
	}
}

// Read-only files and directories, in every way that stops root: an
// immutable file and an immutable directory (chattr +i; /tmp is ext4
// here), a read-only bind mount, a read-only tmpfs, and a file with mode
// 0444 (which root could write, but the CLI refuses on purpose). Each must
// be refused with an error naming it and left alone, and no temporary file
// left; the writable files of the same run are rewritten.
func TestReadOnly(t *testing.T) {
	needRoot(t, "chattr, mounts")
	if _, err := exec.LookPath("chattr"); err != nil {
		unavailable(t, "chattr not found")
	}
	dir := t.TempDir()
	r := rand.New(rand.NewPCG(6, 4))
	kinds := []string{"immutable-file", "immutable-dir", "ro-bind", "ro-tmpfs", "mode-0444", "writable"}
	tr := &tree{dir: dir, orig: map[string][]byte{}, want: map[string][]byte{}}
	for _, k := range kinds {
		if err := os.MkdirAll(filepath.Join(dir, k), 0o755); err != nil {
			t.Fatal(err)
		}
	}
	mountTmpfs(t, filepath.Join(dir, "ro-tmpfs"), "size=1m")
	for _, k := range kinds {
		for i := range 2 {
			name := filepath.Join(k, fmt.Sprintf("f%d.rs", i))
			tr.orig[name], tr.want[name] = asyncFile(t, r, 4<<10)
			tr.names = append(tr.names, name)
		}
	}
	sort.Strings(tr.names)
	writeTree(t, dir, tr.orig)

	chattr := func(flag, p string) {
		if out, err := exec.Command("chattr", flag, p).CombinedOutput(); err != nil {
			unavailable(t, fmt.Sprintf("chattr %s %s: %v: %s", flag, p, err, out))
		}
	}
	for _, f := range []string{"f0.rs", "f1.rs"} {
		p := filepath.Join(dir, "immutable-file", f)
		chattr("+i", p)
		t.Cleanup(func() { exec.Command("chattr", "-i", p).Run() })
	}
	p := filepath.Join(dir, "immutable-dir")
	chattr("+i", p)
	t.Cleanup(func() { exec.Command("chattr", "-i", p).Run() })
	bind := filepath.Join(dir, "ro-bind")
	if err := syscall.Mount(bind, bind, "", syscall.MS_BIND, ""); err != nil {
		unavailable(t, fmt.Sprintf("bind mount: %v", err))
	}
	t.Cleanup(func() { syscall.Unmount(bind, syscall.MNT_DETACH) })
	if err := syscall.Mount("", bind, "", syscall.MS_REMOUNT|syscall.MS_BIND|syscall.MS_RDONLY, ""); err != nil {
		unavailable(t, fmt.Sprintf("read-only remount of the bind mount: %v", err))
	}
	if err := syscall.Mount("", filepath.Join(dir, "ro-tmpfs"), "", syscall.MS_REMOUNT|syscall.MS_RDONLY, ""); err != nil {
		unavailable(t, fmt.Sprintf("read-only remount of the tmpfs: %v", err))
	}
	for _, f := range []string{"f0.rs", "f1.rs"} {
		if err := os.Chmod(filepath.Join(dir, "mode-0444", f), 0o444); err != nil {
			t.Fatal(err)
		}
	}
	// Each really refuses root's writes (except mode 0444, by design).
	for _, k := range kinds[:4] {
		probe := filepath.Join(dir, k, "f0.rs")
		if f, err := os.OpenFile(probe, os.O_WRONLY, 0); err == nil {
			f.Close()
			if k != "immutable-dir" {
				t.Fatalf("%s: root can still write %s", k, probe)
			}
		}
		if k != "immutable-file" {
			if err := os.WriteFile(filepath.Join(dir, k, "probe"), nil, 0o644); err == nil {
				t.Fatalf("%s: root can still create files", k)
			}
		}
	}

	res := runBin(t, runOpts{dir: dir}, "expand", "-w", ".")
	figures.faults.Add(int64(len(kinds) - 1))
	if res.code != 2 {
		t.Errorf("exit %d, want 2:\n%s", res.code, res)
	}
	checkTree(t, dir, tr.allowed())
	for _, n := range tr.names {
		got, _ := os.ReadFile(filepath.Join(dir, n))
		writable := strings.HasPrefix(n, "writable")
		if writable != bytes.Equal(got, tr.want[n]) {
			t.Errorf("%s: rewritten=%v, want %v", n, !writable, writable)
		}
		if !writable && !bytes.Contains(res.stderr, []byte("`"+n+"`")) {
			t.Errorf("%s: refused without an error naming it", n)
		}
	}
	if left := temps(t, dir); len(left) > 0 {
		t.Errorf("temporary files left: %v", left)
	}
	var msgs []string
	for _, line := range strings.Split(string(res.stderr), "\n") {
		if strings.HasPrefix(line, "error: ") && strings.Contains(line, "f0.rs") {
			msgs = append(msgs, strings.TrimPrefix(line, "error: "))
		}
	}
	sort.Strings(msgs)
	for _, m := range msgs {
		note("read-only: %s", oneLine(m, 200))
	}
}
