// Package edit applies byte-offset text edits to a source.
//
// Every rewrite in asynctrait leaves through Apply: rules produce edits
// against the original bytes, never a whole new file, so every byte outside
// an edit is preserved by construction.
package edit

import (
	"fmt"
	"sort"
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
	sorted := make([]Edit, len(edits))
	copy(sorted, edits)
	sort.SliceStable(sorted, func(i, j int) bool {
		a, b := sorted[i], sorted[j]
		if a.Start != b.Start {
			return a.Start < b.Start
		}
		// insertions before replacements at the same offset
		return a.Start == a.End && b.Start != b.End
	})
	size := len(src)
	last := 0
	for _, e := range sorted {
		if e.Start < last || e.Start > e.End || e.End > len(src) {
			return nil, fmt.Errorf("edit [%d,%d) overlaps a previous edit or is out of range (file length %d)", e.Start, e.End, len(src))
		}
		last = e.End
		size += len(e.New) - (e.End - e.Start)
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
