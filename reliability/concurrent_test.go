package reliability

import (
	"bytes"
	"crypto/sha256"
	"fmt"
	"math/rand/v2"
	"os"
	"path/filepath"
	"strings"
	"sync"
	"syscall"
	"testing"
	"time"
	"unsafe"

	"github.com/asynctrait/asynctrait"
)

// Files changing while `expand -w` runs. Whatever the interleaving, each
// file must end as a state some sequence of whole operations produces: the
// writer's contents or the original, or a complete rewrite of one of
// them — never a mix. A rewrite of older contents landing after the
// writer's last write (a lost update) is allowed by that rule; it is
// counted and reported.

// rewriter caches library rewrites by content; the rewrite of contents
// with errors is the contents.
type rewriter struct {
	mu    sync.Mutex
	cache map[[32]byte][]byte
}

func (rw *rewriter) rewrite(t *testing.T, src []byte) []byte {
	t.Helper()
	k := sha256.Sum256(src)
	rw.mu.Lock()
	out, ok := rw.cache[k]
	rw.mu.Unlock()
	if ok {
		return out
	}
	// A state that does not expand (a same-size write over a longer
	// rewrite leaves its tail) is never rewritten: its rewrite is itself.
	out = asynctrait.Expand("f.rs", src, asynctrait.Options{}).Output
	rw.mu.Lock()
	rw.cache[k] = out
	rw.mu.Unlock()
	return out
}

// change is one operation of the writer on a file.
type change struct {
	op   writerOp
	data []byte // the new contents, or the appended line
}

// outcomes lists the states a file can end in after the writer's changes
// (in order) and any number of complete rewrites landing in between:
// clean holds the states that reflect the last change, lost the ones a
// rewrite of older contents produces (a lost update).
func outcomes(t *testing.T, rw *rewriter, orig []byte, changes []change) (clean, lost [][]byte) {
	t.Helper()
	states := [][]byte{orig}
	latest := [][]byte{orig}
	withRewrites := func(list [][]byte) [][]byte {
		var out [][]byte
		for _, k := range list {
			out = addState(out, k)
			out = addState(out, rw.rewrite(t, k))
		}
		return out
	}
	for _, c := range changes {
		var fresh [][]byte
		switch c.op {
		case opTruncWrite, opRename:
			fresh = [][]byte{c.data}
		case opAppend:
			for _, k := range withRewrites(states) {
				fresh = addState(fresh, append(bytes.Clone(k), c.data...))
			}
		case opSameSize:
			for _, k := range withRewrites(states) {
				fresh = addState(fresh, overlay(k, c.data))
			}
		}
		for _, f := range fresh {
			states = addState(states, f)
		}
		latest = fresh
	}
	clean = withRewrites(latest)
	for _, k := range withRewrites(states) {
		if !hasState(clean, k) {
			lost = append(lost, k)
		}
	}
	return clean, lost
}

func addState(list [][]byte, b []byte) [][]byte {
	if hasState(list, b) {
		return list
	}
	return append(list, b)
}

func hasState(list [][]byte, b []byte) bool {
	for _, k := range list {
		if bytes.Equal(k, b) {
			return true
		}
	}
	return false
}

// writerOp is one concurrent change.
type writerOp int

const (
	opTruncWrite writerOp = iota // os.WriteFile: truncate, then write (not atomic)
	opSameSize                   // overwrite in place with contents of the same size
	opAppend                     // O_APPEND a line
	opRename                     // write a temporary file and rename it over (atomic)
	numOps
)

var opNames = [...]string{"truncate+write", "same-size overwrite", "append", "rename over"}

// maxChanges bounds the writer's changes per file and round, which keeps
// the set of possible outcomes small.
const maxChanges = 3

func (c change) String() string { return fmt.Sprintf("%s(%d bytes)", opNames[c.op], len(c.data)) }

func writeAt(p string, data []byte) error {
	f, err := os.OpenFile(p, os.O_WRONLY, 0)
	if err != nil {
		return err
	}
	_, err = f.WriteAt(data, 0)
	if err2 := f.Close(); err == nil {
		err = err2
	}
	return err
}

func appendTo(p string, data []byte) error {
	f, err := os.OpenFile(p, os.O_WRONLY|os.O_APPEND, 0)
	if err != nil {
		return err
	}
	_, err = f.Write(data)
	if err2 := f.Close(); err == nil {
		err = err2
	}
	return err
}

// TestConcurrentWriter runs `expand -w` over files that a goroutine keeps
// changing in four ways, for several rounds, and classifies every file's
// final state.
func TestConcurrentWriter(t *testing.T) {
	rounds, files := 12, 40
	if testing.Short() {
		rounds = 4
	}
	r := rand.New(rand.NewPCG(6, 5))
	rw := &rewriter{cache: map[[32]byte][]byte{}}
	var clean, lost, refused, writes int
	opCount := make([]int, numOps)
	for round := range rounds {
		dir := t.TempDir()
		var names []string
		orig := map[string][]byte{}
		last := map[string][]byte{} // the writer's idea of each file, for same-size variants
		for i := range files {
			name := fmt.Sprintf("f%02d.rs", i)
			orig[name] = treeFile(r, 40<<10, true)
			last[name] = orig[name]
			names = append(names, name)
		}
		writeTree(t, dir, orig)
		changes := map[string][]change{}

		cmd, out := startBin(t, dir, "expand", "-w", "-j", "2", ".")
		exited := make(chan struct{})
		var wg sync.WaitGroup
		wg.Add(1)
		wr := rand.New(rand.NewPCG(uint64(round), 7))
		go func() {
			defer wg.Done()
			for seq := 0; ; seq++ {
				select {
				case <-exited:
					return
				default:
				}
				name := names[wr.IntN(len(names))]
				if len(changes[name]) >= maxChanges {
					continue
				}
				op := writerOp(wr.IntN(int(numOps)))
				p := filepath.Join(dir, name)
				var err error
				var c change
				switch op {
				case opTruncWrite:
					c.data = treeFile(wr, 30<<10+wr.IntN(20<<10), true)
					err = os.WriteFile(p, c.data, 0o644)
					last[name] = c.data
				case opSameSize:
					c.data = sameSizeVariant(last[name], seq)
					err = writeAt(p, c.data)
					last[name] = c.data
				case opAppend:
					c.data = []byte(fmt.Sprintf("// appended %d\n", seq))
					err = appendTo(p, c.data)
				case opRename:
					c.data = treeFile(wr, 30<<10+wr.IntN(20<<10), true)
					tmp := filepath.Join(dir, ".writer.tmp")
					if err = os.WriteFile(tmp, c.data, 0o644); err == nil {
						err = os.Rename(tmp, p)
					}
					last[name] = c.data
				}
				if err != nil {
					t.Error(err)
					return
				}
				c.op = op
				changes[name] = append(changes[name], c)
				opCount[op]++
				writes++
				figures.faults.Add(1)
				time.Sleep(time.Duration(wr.IntN(1500)) * time.Microsecond)
			}
		}()
		err := cmd.Wait()
		close(exited)
		wg.Wait()
		if t.Failed() {
			t.FailNow()
		}
		if code := cmd.ProcessState.ExitCode(); code != 0 && code != 2 {
			t.Fatalf("round %d: exit %d (%v):\n%s", round, code, err, out)
		}
		refused += strings.Count(out.String(), "changed on disk while it was being expanded")
		if bytes.Contains(out.Bytes(), []byte("panic")) || bytes.Contains(out.Bytes(), []byte("internal error")) {
			t.Errorf("round %d: %s", round, out)
		}
		if left := temps(t, dir); len(left) > 0 {
			t.Errorf("round %d: temporary files left: %v", round, left)
		}

		for _, name := range names {
			got, err := os.ReadFile(filepath.Join(dir, name))
			figures.filesChecked.Add(1)
			if err != nil {
				figures.lost.Add(1)
				t.Errorf("round %d: %s: %v", round, name, err)
				continue
			}
			figures.bytesChecked.Add(int64(len(got)))
			cleanStates, lostStates := outcomes(t, rw, orig[name], changes[name])
			switch {
			case hasState(cleanStates, got):
				clean++
			case hasState(lostStates, got):
				lost++
				figures.lostUpdates.Add(1)
			default:
				figures.damaged.Add(1)
				t.Errorf("round %d: %s: damaged (%d bytes): not the writer's contents, the original or a complete rewrite of any of them (%d changes: %v)", round, name, len(got), len(changes[name]), changes[name])
			}
		}
		// A quiet rerun finishes the job on whatever is there.
		final := map[string][]byte{}
		for _, name := range names {
			final[name], _ = os.ReadFile(filepath.Join(dir, name))
		}
		// (Exit 1 is fine: a same-size write over a longer rewrite leaves
		// its tail, which does not parse; such a file is left alone.)
		if res := runBin(t, runOpts{dir: dir, noTime: true}, "expand", "-w", "."); res.code != 0 && res.code != 1 {
			t.Fatalf("round %d: rerun: %s", round, res)
		}
		for _, name := range names {
			got, _ := os.ReadFile(filepath.Join(dir, name))
			if !bytes.Equal(got, rw.rewrite(t, final[name])) {
				t.Errorf("round %d: %s: the quiet rerun did not complete the rewrite", round, name)
			}
		}
	}
	var ops []string
	for i, n := range opCount {
		ops = append(ops, fmt.Sprintf("%s %d", opNames[i], n))
	}
	note("concurrent writer: %d rounds, %d writes (%s); final states: %d the writer's last contents or their rewrite, %d lost updates (a rewrite of older contents landed after the writer's last write), 0 damaged expected; the CLI refused %d files as changed on disk", rounds, writes, strings.Join(ops, ", "), clean, lost, refused)
}

// sameSizeVariant changes the digits of src's first numbers, keeping its
// size and its validity.
func sameSizeVariant(src []byte, seq int) []byte {
	v := bytes.Clone(src)
	d := byte('0' + seq%10)
	changed := 0
	for i := 0; i+1 < len(v) && changed < 8; i++ {
		if v[i] == '_' && v[i+1] >= '0' && v[i+1] <= '9' { // helper_123, LIMIT_123
			v[i+1] = d
			changed++
		}
	}
	return v
}

// overlay is base overwritten from offset 0 with top.
func overlay(base, top []byte) []byte {
	if len(top) >= len(base) {
		return bytes.Clone(top)
	}
	return append(bytes.Clone(top), base[len(top):]...)
}

// The same, deterministically: the file is changed right after the CLI has
// read it (inotify tells when it closes the file) and long before it
// writes (the file takes about a second to expand). Every change must
// make -w refuse the file: one of size or of modification time, and also
// a same-size change whose modification time is put back (as cp -p,
// rsync -t, tar x and touch -r do) and a same-size file renamed over it
// with the old modification time, since the CLI compares the change time
// and the inode too.
func TestChangeAfterRead(t *testing.T) {
	src, _ := chunkedFile(6<<20, 2)
	want := mustRewrite(t, "big.rs", src)
	type scenario struct {
		name        string
		mustRefuse  bool
		change      func(t *testing.T, p string) []byte // returns the new contents
		keepModTime bool
	}
	sameSize := func(t *testing.T, p string) []byte {
		v := sameSizeVariant(src, 7)
		if err := writeAt(p, v); err != nil {
			t.Fatal(err)
		}
		return v
	}
	renameOver := func(t *testing.T, p string) []byte {
		v := sameSizeVariant(src, 3)
		tmp := p + ".new"
		if err := os.WriteFile(tmp, v, 0o644); err != nil {
			t.Fatal(err)
		}
		if err := os.Rename(tmp, p); err != nil {
			t.Fatal(err)
		}
		return v
	}
	for _, s := range []scenario{
		{name: "append", mustRefuse: true, change: func(t *testing.T, p string) []byte {
			f, err := os.OpenFile(p, os.O_WRONLY|os.O_APPEND, 0)
			if err != nil {
				t.Fatal(err)
			}
			defer f.Close()
			if _, err := f.WriteString("// more\n"); err != nil {
				t.Fatal(err)
			}
			return append(bytes.Clone(src), "// more\n"...)
		}},
		{name: "truncate and rewrite", mustRefuse: true, change: func(t *testing.T, p string) []byte {
			v := append(bytes.Clone(src[:len(src)/2]), "// cut\n"...)
			if err := os.WriteFile(p, v, 0o644); err != nil {
				t.Fatal(err)
			}
			return v
		}},
		{name: "same-size overwrite", mustRefuse: true, change: sameSize},
		{name: "rename over", mustRefuse: true, change: renameOver},
		{name: "same-size overwrite, modification time put back", mustRefuse: true, change: sameSize, keepModTime: true},
		{name: "rename over, modification time put back", mustRefuse: true, change: renameOver, keepModTime: true},
	} {
		t.Run(s.name, func(t *testing.T) {
			dir := t.TempDir()
			p := filepath.Join(dir, "big.rs")
			if err := os.WriteFile(p, src, 0o644); err != nil {
				t.Fatal(err)
			}
			old := time.Now().Add(-time.Hour).Truncate(time.Second)
			if err := os.Chtimes(p, old, old); err != nil {
				t.Fatal(err)
			}
			closed := watchClose(t, p)
			cmd, out := startBin(t, dir, "expand", "-w", "big.rs")
			var v []byte
			select {
			case <-closed:
				v = s.change(t, p)
				if s.keepModTime {
					if err := os.Chtimes(p, old, old); err != nil {
						t.Fatal(err)
					}
				}
			case <-time.After(hangLimit):
				cmd.Process.Kill()
				t.Fatal("the CLI never closed the file after reading it")
			}
			figures.faults.Add(1)
			cmd.Wait()
			got, _ := os.ReadFile(p)
			figures.filesChecked.Add(1)
			figures.bytesChecked.Add(int64(len(got)))
			refusedMsg := strings.Contains(out.String(), "changed on disk")
			var state string
			switch {
			case bytes.Equal(got, v):
				state = "the concurrent change, kept"
			case bytes.Equal(got, want):
				state = "the rewrite of the original: the concurrent change was LOST"
				figures.lostUpdates.Add(1)
			case bytes.Equal(got, mustRewrite(t, "v.rs", v)):
				state = "the rewrite of the concurrent change"
			default:
				figures.damaged.Add(1)
				t.Fatalf("damaged: %d bytes, neither the change nor a rewrite", len(got))
			}
			if s.mustRefuse && (!refusedMsg || !bytes.Equal(got, v)) {
				t.Errorf("a change after the read was not refused: file is %s; output:\n%s", state, out)
			}
			note("change after read, %s: refused=%v, file is %s", s.name, refusedMsg, state)
		})
	}
}

// watchClose returns a channel closed when some process closes p after
// opening it read-only (IN_CLOSE_NOWRITE).
func watchClose(t *testing.T, p string) <-chan struct{} {
	t.Helper()
	fd, err := syscall.InotifyInit1(syscall.IN_CLOEXEC)
	if err != nil {
		unavailable(t, fmt.Sprintf("inotify: %v", err))
	}
	if _, err := syscall.InotifyAddWatch(fd, p, syscall.IN_CLOSE_NOWRITE); err != nil {
		syscall.Close(fd)
		unavailable(t, fmt.Sprintf("inotify watch: %v", err))
	}
	ch := make(chan struct{})
	go func() {
		defer syscall.Close(fd)
		buf := make([]byte, 4096)
		for {
			n, err := syscall.Read(fd, buf)
			if err != nil || n < syscall.SizeofInotifyEvent {
				return
			}
			ev := (*syscall.InotifyEvent)(unsafe.Pointer(&buf[0]))
			if ev.Mask&syscall.IN_CLOSE_NOWRITE != 0 {
				close(ch)
				return
			}
		}
	}()
	return ch
}
