package edit

import (
	"math/rand/v2"
	"slices"
	"strconv"
	"testing"
)

// inOrder sorts like a stable sort, whatever the disorder: a sorted run
// with edits appended (its fast case) or none at all.
func TestInOrder(t *testing.T) {
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
		if got := inOrder(edits); !slices.Equal(got, want) {
			t.Fatalf("inOrder(%v) = %v, want %v", edits, got, want)
		}
	}
}
