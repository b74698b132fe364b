package bigalloc

import (
	"bufio"
	"fmt"
	"os"
	"runtime"
	"strings"
	"testing"
	"unsafe"
)

func TestMakeSmallIsMake(t *testing.T) {
	s := Make[uint64](3, 10)
	if len(s) != 3 || cap(s) != 10 {
		t.Fatalf("len %d cap %d, want 3 10", len(s), cap(s))
	}
	if b := Make[byte](5, 2); len(b) != 5 || cap(b) != 5 {
		t.Fatalf("capacity below length: len %d cap %d, want 5 5", len(b), cap(b))
	}
}

type tok struct {
	a, b uint32
	c    int64
}

func TestMakeLarge(t *testing.T) {
	const n = 300_000 // 4.8 MB of 16-byte elements
	s := Make[tok](n/2, n)
	if len(s) != n/2 || cap(s) < n {
		t.Fatalf("len %d cap %d, want %d and at least %d", len(s), cap(s), n/2, n)
	}
	p := uintptr(unsafe.Pointer(unsafe.SliceData(s)))
	if supported {
		if p%HugePage != 0 {
			t.Errorf("start %#x is not on a huge page boundary", p)
		}
		if bytes := uintptr(cap(s)) * unsafe.Sizeof(tok{}); bytes%HugePage != 0 {
			t.Errorf("capacity %d bytes is not whole huge pages", bytes)
		}
	}
	s = s[:cap(s)]
	for i := range s {
		if s[i] != (tok{}) {
			t.Fatalf("element %d not zero: %+v", i, s[i])
		}
		s[i] = tok{uint32(i), 1, 2}
	}
	if s[cap(s)-1].a != uint32(cap(s)-1) {
		t.Fatal("last element not written")
	}
	if runtime.GOOS == "linux" {
		checkAdvised(t, p)
	}
}

// checkAdvised finds the mapping that holds p in /proc/self/smaps and
// requires the kernel's flag for MADV_HUGEPAGE ("hg") on it, when the
// kernel has transparent huge pages at all.
func checkAdvised(t *testing.T, p uintptr) {
	if _, err := os.Stat("/sys/kernel/mm/transparent_hugepage/enabled"); err != nil {
		t.Skip("no transparent huge pages in this kernel:", err)
	}
	f, err := os.Open("/proc/self/smaps")
	if err != nil {
		t.Fatal(err)
	}
	defer f.Close()
	sc := bufio.NewScanner(f)
	inside := false
	for sc.Scan() {
		line := sc.Text()
		var lo, hi uintptr
		if n, _ := fmt.Sscanf(line, "%x-%x ", &lo, &hi); n == 2 {
			inside = lo <= p && p < hi
			continue
		}
		if inside && strings.HasPrefix(line, "VmFlags:") {
			if !strings.Contains(line+" ", " hg ") {
				t.Fatalf("mapping of %#x not advised for huge pages: %s", p, line)
			}
			return
		}
	}
	t.Fatalf("no mapping holds %#x", p)
}

// Take's slices are apart (writing one to its capacity leaves the others
// as written), of the capacity asked for; the large ones are made apart.
func TestBlocksTake(t *testing.T) {
	var b Blocks[uint32]
	var got [][]uint32
	for i := range 3000 {
		n := 1 + i%700
		if i%500 == 0 {
			n = HugePage / 4 // a whole block: made on its own
		}
		s := b.Take(n)
		if len(s) != 0 || cap(s) != n {
			t.Fatalf("Take(%d): len %d cap %d", n, len(s), cap(s))
		}
		s = s[:n]
		for j := range s {
			s[j] = uint32(i)
		}
		got = append(got, s)
	}
	for i, s := range got {
		for j, v := range s {
			if v != uint32(i) {
				t.Fatalf("slice %d element %d is %d: overwritten by slice %d", i, j, v, v)
			}
		}
	}
	s := append(got[1], 7) // past its capacity: moves
	if &s[0] == &got[1][0] {
		t.Fatal("append past capacity wrote into the block")
	}
}
