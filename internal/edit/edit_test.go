package edit

import (
	"bytes"
	"fmt"
	"math/rand/v2"
	"os"
	"path/filepath"
	"slices"
	"strconv"
	"strings"
	"testing"
)

// arrange orders like a stable sort, whatever the disorder: a sorted run
// with edits appended (its fast case) or none at all.
func TestArrange(t *testing.T) {
	r := rand.New(rand.NewPCG(1, 2))
	for iter := 0; iter < 2000; iter++ {
		n := r.IntN(40)
		edits := make([]Edit, n)
		pos := 0
		for i := range edits {
			if r.IntN(3) > 0 {
				pos += r.IntN(4)
			} else {
				pos = r.IntN(60)
			}
			end := pos
			if r.IntN(2) == 0 {
				end += r.IntN(3)
			}
			edits[i] = Edit{Start: pos, End: end, New: strconv.Itoa(i)}
		}
		want := slices.Clone(edits)
		slices.SortStableFunc(want, cmpEdit)
		var got []Edit
		arrange([][]Edit{edits}).each(func(e Edit) bool { got = append(got, e); return true })
		if !slices.Equal(got, want) {
			t.Fatalf("arrange(%v) = %v, want %v", edits, got, want)
		}
	}
}

// NewOutput over several lists writes what one sorted list would, and
// fails where it would: the lists' edits (in order, out of order, mostly
// in order with a few appended) are merged as if concatenated and sorted
// stably (the reference: a stable sort, then the edits applied one by one).
func TestNewOutputLists(t *testing.T) {
	r := rand.New(rand.NewPCG(3, 4))
	src := []byte(strings.Repeat("abcdefghij", 8))
	for iter := 0; iter < 5000; iter++ {
		var all []Edit
		var lists [][]Edit
		pos := 0
		for range r.IntN(6) {
			var l []Edit
			for range r.IntN(6) {
				if r.IntN(4) > 0 {
					pos += r.IntN(5)
				} else {
					pos = r.IntN(len(src)) // out of order
				}
				pos = min(pos, len(src))
				end := min(pos+r.IntN(3)*r.IntN(2), len(src))
				l = append(l, Edit{Start: pos, End: end, New: strconv.Itoa(len(all))})
				all = append(all, l[len(l)-1])
			}
			lists = append(lists, l)
		}
		want, wantErr := applySorted(src, all)
		o, err := NewOutput(src, lists...)
		if (err != nil) != (wantErr != nil) {
			t.Fatalf("lists %v: error %v, want %v", lists, err, wantErr)
		}
		// Check (its in-place path for edits in order, order's for the
		// rest) fails where NewOutput does, with the same error.
		if cerr := Check(len(src), all); fmt.Sprint(cerr) != fmt.Sprint(err) {
			t.Fatalf("edits %v: Check = %v, NewOutput's error %v", all, cerr, err)
		}
		if err != nil {
			continue
		}
		var b strings.Builder
		if _, err := o.WriteTo(&b); err != nil || b.String() != want || string(o.Bytes()) != want {
			t.Fatalf("lists %v:\n got %q (%v)\nwant %q", lists, b.String(), err, want)
		}
		if o.Changed() != (want != string(src)) {
			t.Fatalf("lists %v: Changed = %v", lists, o.Changed())
		}
	}
}

// applySorted is the reference for TestNewOutputLists: edits sorted
// stably by start (insertions first at an offset), checked and applied one
// by one.
func applySorted(src []byte, edits []Edit) (string, error) {
	sorted := slices.Clone(edits)
	slices.SortStableFunc(sorted, cmpEdit)
	var b strings.Builder
	pos := 0
	for _, e := range sorted {
		if e.Start < pos || e.Start > e.End || e.End > len(src) {
			return "", fmt.Errorf("bad edit %v", e)
		}
		b.Write(src[pos:e.Start])
		b.WriteString(e.New)
		pos = e.End
	}
	b.Write(src[pos:])
	return b.String(), nil
}

// A file gets the output's pieces without a buffer (writev on Linux):
// through a pipe whose reader takes a few bytes at a time (so that writes
// are partial and the pipe is full: EAGAIN), and into a regular file, the
// bytes are those of Bytes.
func TestOutputWriteToFile(t *testing.T) {
	var src []byte
	var edits []Edit
	for i := range 5000 { // more pieces than one writev takes
		line := fmt.Sprintf("line %d\n", i)
		if i%3 == 0 {
			edits = append(edits, Edit{Start: len(src), End: len(src) + 4, New: strings.Repeat("x", 10*(i%17))})
		}
		if i%7 == 0 {
			edits = append(edits, Edit{Start: len(src), End: len(src), New: "inserted "})
		}
		src = append(src, line...)
	}
	o, err := NewOutput(src, edits)
	if err != nil {
		t.Fatal(err)
	}
	want := o.Bytes()

	r, w, err := os.Pipe()
	if err != nil {
		t.Fatal(err)
	}
	got := make(chan []byte)
	go func() {
		var all []byte
		buf := make([]byte, 1000)
		for {
			n, err := r.Read(buf)
			all = append(all, buf[:n]...)
			if err != nil {
				got <- all
				return
			}
		}
	}()
	n, err := o.WriteTo(w)
	w.Close()
	if err != nil || n != int64(len(want)) {
		t.Fatalf("pipe: WriteTo = %d, %v; want %d bytes", n, err, len(want))
	}
	if b := <-got; !bytes.Equal(b, want) {
		t.Fatalf("pipe: got %d bytes, not the output's %d", len(b), len(want))
	}

	f, err := os.Create(filepath.Join(t.TempDir(), "out.rs"))
	if err != nil {
		t.Fatal(err)
	}
	defer f.Close()
	if n, err := o.WriteTo(f); err != nil || n != int64(len(want)) {
		t.Fatalf("file: WriteTo = %d, %v; want %d bytes", n, err, len(want))
	}
	if b, err := os.ReadFile(f.Name()); err != nil || !bytes.Equal(b, want) {
		t.Fatalf("file: read back %d bytes (%v), not the output's %d", len(b), err, len(want))
	}
	// A closed file: the error, not a panic or a short count taken for success.
	f.Close()
	if _, err := o.WriteTo(f); err == nil {
		t.Fatal("WriteTo a closed file: no error")
	}
}
