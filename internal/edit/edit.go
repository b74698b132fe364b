// Package edit applies byte-offset text edits to a source.
//
// Every rewrite in asynctrait leaves through Apply: rules produce edits
// against the original bytes, never a whole new file, so every byte outside
// an edit is preserved by construction.
package edit

import (
	"fmt"
	"io"
	"os"
	"slices"
	"strings"
)

// Edit replaces src[Start:End] with New. Start == End is an insertion.
type Edit struct {
	Start, End int
	New        string
}

// Apply returns src with edits applied. Edits are sorted by Start (stable, so
// insertions at one offset keep their order and come before a replacement
// starting there); overlapping or out-of-range edits are an error and src is
// not modified.
func Apply(src []byte, edits []Edit) ([]byte, error) {
	if len(edits) == 0 {
		return src, nil
	}
	out, err := NewOutput(src, edits)
	if err != nil {
		return nil, err
	}
	return out.Bytes(), nil
}

// Check reports the error Apply would return for edits to a source of n
// bytes, without building the result.
func Check(n int, edits []Edit) error {
	// Edits in order and apart, the usual case, are checked in place:
	// Check runs once per item rewritten, and arranging them would
	// allocate each time. Anything else is left to order, which reports it.
	last := 0
	for i, e := range edits {
		if i > 0 && cmpEdit(edits[i-1], e) > 0 || e.Start < last || e.Start > e.End || e.End > n {
			_, err := order(n, [][]Edit{edits})
			return err
		}
		last = e.End
	}
	return nil
}

func cmpEdit(a, b Edit) int {
	if a.Start != b.Start {
		return a.Start - b.Start
	}
	// insertions before replacements at the same offset
	ai, bi := a.Start == a.End, b.Start == b.End
	switch {
	case ai && !bi:
		return -1
	case !ai && bi:
		return 1
	}
	return 0
}

// ApplyString is Apply returning a string, built without a second copy.
func ApplyString(src []byte, edits []Edit) (string, error) {
	o, err := NewOutput(src, edits)
	if err != nil {
		return "", err
	}
	var b strings.Builder
	b.Grow(o.size)
	_, _ = o.WriteTo(&b) // a Builder does not fail
	return b.String(), nil
}

// Output is a source with edits to it, not yet assembled: it is written
// piece by piece, so a large output is never copied whole into memory; nor
// are its edits, which stay in the lists they were made in.
type Output struct {
	src []byte
	// The edits in order are those of runs, one after another, merged with
	// tail (sorted; on a tie, a run's edit goes first).
	runs [][]Edit
	tail []Edit
	size int
}

// NewOutput checks edits against src like Apply and returns the output
// they describe. The edits are the lists' concatenation, as if appended
// into one list: usually lists made in order of position (one per item
// rewritten on its own core) and a few edits appended last, which are
// sorted and merged as the output is written rather than copied with the
// rest into one sorted list.
func NewOutput(src []byte, lists ...[]Edit) (*Output, error) {
	o, err := order(len(src), lists)
	if err != nil {
		return nil, err
	}
	o.src = src
	return o, nil
}

// order puts the lists' edits in order, sorted by Start (stable, so
// insertions at one offset keep their order and come before a replacement
// starting there), checks them against a source of n bytes and returns
// the Output they make, without its source.
func order(n int, lists [][]Edit) (*Output, error) {
	o := arrange(lists)
	size, last := n, 0
	var err error
	o.each(func(e Edit) bool {
		if e.Start < last || e.Start > e.End || e.End > n {
			err = fmt.Errorf("edit [%d,%d) overlaps a previous edit or is out of range (file length %d)", e.Start, e.End, n)
			return false
		}
		last = e.End
		size += len(e.New) - (e.End - e.Start)
		return true
	})
	if err != nil {
		return nil, err
	}
	o.size = size
	return o, nil
}

// arrange returns the Output (without source or size) whose edits in order
// (each) are the lists' edits sorted stably. The usual disorder is lists
// made in order of position and a few edits appended last (imports removed
// at the top of a file once every item is rewritten): those are sorted and
// merged as the output is written rather than everything sorted.
func arrange(lists [][]Edit) *Output {
	o := &Output{}
	// The runs: the lists as long as they are in order.
	var prev *Edit
	for i, l := range lists {
		k := 0
		for k < len(l) && (prev == nil || cmpEdit(*prev, l[k]) <= 0) {
			prev = &l[k]
			k++
		}
		if k > 0 {
			o.runs = append(o.runs, l[:k])
		}
		if k < len(l) {
			// The rest, sorted stably (ties keep the lists' order).
			for _, r := range append([][]Edit{l[k:]}, lists[i+1:]...) {
				o.tail = append(o.tail, r...)
			}
			slices.SortStableFunc(o.tail, cmpEdit)
			break
		}
	}
	return o
}

// each calls yield with the edits in order until it returns false.
func (o *Output) each(yield func(Edit) bool) {
	t := o.tail
	for _, r := range o.runs {
		for _, e := range r {
			for len(t) > 0 && cmpEdit(t[0], e) < 0 {
				if !yield(t[0]) {
					return
				}
				t = t[1:]
			}
			if !yield(e) {
				return
			}
		}
	}
	for _, e := range t {
		if !yield(e) {
			return
		}
	}
}

// Changed reports whether the output differs from the source.
func (o *Output) Changed() bool {
	changed := false
	o.each(func(e Edit) bool {
		changed = e.End-e.Start != len(e.New) || string(o.src[e.Start:e.End]) != e.New
		return !changed
	})
	return changed
}

// Bytes assembles the output.
func (o *Output) Bytes() []byte {
	out := make([]byte, 0, o.size)
	pos := 0
	o.each(func(e Edit) bool {
		out = append(out, o.src[pos:e.Start]...)
		out = append(out, e.New...)
		pos = e.End
		return true
	})
	return append(out, o.src[pos:]...)
}

// WriteTo writes the output to w piece by piece; w should be buffered,
// unless it is an *os.File: a file gets the pieces without a copy into a
// buffer (writev(2) where there is one) or through a buffer of its own.
func (o *Output) WriteTo(w io.Writer) (int64, error) {
	if f, ok := w.(*os.File); ok {
		return o.writeFile(f)
	}
	sw, _ := w.(io.StringWriter)
	var n int64
	var err error
	o.pieces(func(b []byte, s string) bool {
		var m int
		switch {
		case b != nil:
			m, err = w.Write(b)
		case sw != nil:
			m, err = sw.WriteString(s)
		default:
			m, err = w.Write([]byte(s))
		}
		n += int64(m)
		return err == nil
	})
	return n, err
}

// pieces calls yield with the output's pieces in order, each non-empty:
// the source between edits as b, the edits' texts as s (b nil), until
// yield returns false.
func (o *Output) pieces(yield func(b []byte, s string) bool) {
	pos, stopped := 0, false
	o.each(func(e Edit) bool {
		if e.Start > pos && !yield(o.src[pos:e.Start], "") || e.New != "" && !yield(nil, e.New) {
			stopped = true
			return false
		}
		pos = e.End
		return true
	})
	if !stopped && len(o.src) > pos {
		yield(o.src[pos:], "")
	}
}

// edits is the number of edits.
func (o *Output) edits() int {
	n := len(o.tail)
	for _, r := range o.runs {
		n += len(r)
	}
	return n
}
