// Package edit applies byte-offset text edits to a source.
//
// Every rewrite in asynctrait leaves through Apply: rules produce edits
// against the original bytes, never a whole new file, so every byte outside
// an edit is preserved by construction.
package edit

import (
	"fmt"
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
	sorted := inOrder(edits)
	size, err := check(len(src), sorted)
	if err != nil {
		return nil, err
	}
	out := make([]byte, 0, size)
	pos := 0
	for _, e := range sorted {
		out = append(out, src[pos:e.Start]...)
		out = append(out, e.New...)
		pos = e.End
	}
	out = append(out, src[pos:]...)
	return out, nil
}

// Check reports the error Apply would return for edits to a source of n
// bytes, without building the result.
func Check(n int, edits []Edit) error {
	_, err := check(n, inOrder(edits))
	return err
}

// inOrder returns edits sorted by Start (stable; insertions before a
// replacement at the same offset): edits itself when it is already in
// order, as rules usually produce them, otherwise a sorted copy.
func inOrder(edits []Edit) []Edit {
	if slices.IsSortedFunc(edits, cmpEdit) {
		return edits
	}
	sorted := slices.Clone(edits)
	slices.SortStableFunc(sorted, cmpEdit)
	return sorted
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

// check validates sorted edits and returns the size of the result.
func check(n int, sorted []Edit) (int, error) {
	size := n
	last := 0
	for _, e := range sorted {
		if e.Start < last || e.Start > e.End || e.End > n {
			return 0, fmt.Errorf("edit [%d,%d) overlaps a previous edit or is out of range (file length %d)", e.Start, e.End, n)
		}
		last = e.End
		size += len(e.New) - (e.End - e.Start)
	}
	return size, nil
}

// ApplyString is Apply returning a string, built without a second copy.
func ApplyString(src []byte, edits []Edit) (string, error) {
	sorted := inOrder(edits)
	size, err := check(len(src), sorted)
	if err != nil {
		return "", err
	}
	var b strings.Builder
	b.Grow(size)
	pos := 0
	for _, e := range sorted {
		b.Write(src[pos:e.Start])
		b.WriteString(e.New)
		pos = e.End
	}
	b.Write(src[pos:])
	return b.String(), nil
}
