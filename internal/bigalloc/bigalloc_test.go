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
