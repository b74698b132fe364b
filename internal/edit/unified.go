package edit

import (
	"bytes"
	"strconv"
	"strings"
)

// Context is the number of unchanged lines shown around each change in a
// unified diff, as in `diff -u`.
const Context = 3

// Unified returns a unified diff that turns old into new, with `--- a/…`
// and `+++ b/…` headers (so `git apply` and `patch -p1` take it), hunks with
// three lines of context, and `\ No newline at end of file` markers where a
// file does not end with a newline. It returns "" when old and new are equal.
//
// The line diff is Myers' O(ND) algorithm in its linear-space form (the
// "middle snake" divide and conquer of Myers 1986, §4b), which finds a
// shortest edit script in O((N+M)·D) time and O(N+M) space. D grows with
// the number of changes, so on a large file with changes throughout that
// is quadratic; see diffLines for what keeps it near-linear: ranges of
// more than anchorMin lines are first split on lines that occur once on
// each side (patience diff), and a work budget bounds the rest. The script
// is shortest for small inputs and always a valid one.
func Unified(oldName, newName string, old, new []byte) string {
	if bytes.Equal(old, new) {
		return ""
	}
	a, b := splitLines(old), splitLines(new)
	delA, insB := diffLines(a, b)

	var sb strings.Builder
	sb.WriteString("--- a/" + oldName + "\n")
	sb.WriteString("+++ b/" + newName + "\n")
	for _, h := range hunks(delA, insB) {
		writeHunk(&sb, a, b, delA, insB, h)
	}
	return sb.String()
}

// splitLines splits b after each "\n"; the last line may lack one.
func splitLines(b []byte) []string {
	if len(b) == 0 {
		return nil
	}
	n := bytes.Count(b, []byte("\n"))
	if b[len(b)-1] != '\n' {
		n++
	}
	lines := make([]string, 0, n)
	for len(b) > 0 {
		i := bytes.IndexByte(b, '\n')
		if i < 0 {
			lines = append(lines, string(b))
			break
		}
		lines = append(lines, string(b[:i+1]))
		b = b[i+1:]
	}
	return lines
}

// Bounds that keep the diff near-linear on large inputs.
const (
	// anchorMin is the size (lines of both sides together) above which a
	// range is split on unique lines before Myers runs on the pieces.
	// Smaller ranges get Myers alone, so their script is shortest.
	anchorMin = 2000
	// costLimit bounds D in a middle-snake search of a large range that
	// has no unique lines; past it the search settles for the furthest
	// point it reached (as GNU diff's "too expensive" heuristic does).
	costLimit = 1024
	// budgetBase and budgetPerLine make the work budget: steps of the
	// searches (diagonals visited and lines compared). When it runs out,
	// the remaining ranges are diffed as a whole (all old lines deleted,
	// all new inserted): a valid diff, not a minimal one.
	budgetBase    = 64 << 20
	budgetPerLine = 64
)

// diffLines marks which lines of a are deleted and which lines of b are
// inserted. The script is a shortest one for inputs of up to anchorMin
// lines; larger ones are split on anchors (lines that occur exactly once
// in the range on each side, kept in order: the longest increasing run,
// as patience diff does) and the pieces between anchors diffed in turn,
// which is near-linear for the files a rewrite changes in many places.
func diffLines(a, b []string) (delA, insB []bool) {
	ids := make(map[string]int, len(a)+len(b))
	intern := func(lines []string) []int {
		out := make([]int, len(lines))
		for i, l := range lines {
			id, ok := ids[l]
			if !ok {
				id = len(ids)
				ids[l] = id
			}
			out[i] = id
		}
		return out
	}
	d := &differ{a: intern(a), b: intern(b), delA: make([]bool, len(a)), insB: make([]bool, len(b))}
	size := 2*((len(a)+len(b)+1)/2) + 3
	d.vf = make([]int, size)
	d.vb = make([]int, size)
	d.budget = budgetBase + budgetPerLine*(len(a)+len(b))
	if len(a)+len(b) > anchorMin {
		d.countA = make([]int32, len(ids))
		d.countB = make([]int32, len(ids))
		d.posB = make([]int32, len(ids))
	}
	d.compare(0, len(a), 0, len(b))
	return d.delA, d.insB
}

type differ struct {
	a, b       []int
	delA, insB []bool
	vf, vb     []int // furthest x on each diagonal, forward and backward
	// Per line id, for anchoring: occurrences in the range being split
	// (zero between uses) and the position of the one in b.
	countA, countB, posB []int32
	budget               int // search steps left; see budgetBase
}

// compare marks the differences between a[aLo:aHi] and b[bLo:bHi].
func (d *differ) compare(aLo, aHi, bLo, bHi int) {
	for aLo < aHi && bLo < bHi && d.a[aLo] == d.b[bLo] {
		aLo++
		bLo++
	}
	for aLo < aHi && bLo < bHi && d.a[aHi-1] == d.b[bHi-1] {
		aHi--
		bHi--
	}
	switch {
	case aLo == aHi:
		for j := bLo; j < bHi; j++ {
			d.insB[j] = true
		}
	case bLo == bHi:
		for i := aLo; i < aHi; i++ {
			d.delA[i] = true
		}
	case d.budget <= 0:
		d.replace(aLo, aHi, bLo, bHi)
	case (aHi-aLo)+(bHi-bLo) > anchorMin && d.anchor(aLo, aHi, bLo, bHi):
	default:
		limit := aHi - aLo + bHi - bLo
		if limit > anchorMin {
			limit = costLimit
		}
		x, y := d.midSnake(aLo, aHi, bLo, bHi, limit)
		if (x == aLo && y == bLo) || (x == aHi && y == bHi) {
			// Cannot happen for a shortest path of length ≥ 2, nor for a
			// search cut short after a step; stay safe.
			d.replace(aLo, aHi, bLo, bHi)
			return
		}
		d.compare(aLo, x, bLo, y)
		d.compare(x, aHi, y, bHi)
	}
}

// replace marks all of a[aLo:aHi] deleted and all of b[bLo:bHi] inserted.
func (d *differ) replace(aLo, aHi, bLo, bHi int) {
	for i := aLo; i < aHi; i++ {
		d.delA[i] = true
	}
	for j := bLo; j < bHi; j++ {
		d.insB[j] = true
	}
}

// anchor splits the range on its unique common lines and compares the
// pieces between them. It reports false, having done nothing, when the
// range has no such line.
func (d *differ) anchor(aLo, aHi, bLo, bHi int) bool {
	d.budget -= 2 * (aHi - aLo + bHi - bLo)
	for _, id := range d.a[aLo:aHi] {
		d.countA[id]++
	}
	for j := bLo; j < bHi; j++ {
		id := d.b[j]
		d.countB[id]++
		d.posB[id] = int32(j)
	}
	// Pairs (i, j) of unique common lines, in the order of a.
	var ai, bj []int32
	for i := aLo; i < aHi; i++ {
		if id := d.a[i]; d.countA[id] == 1 && d.countB[id] == 1 {
			ai = append(ai, int32(i))
			bj = append(bj, d.posB[id])
		}
	}
	for _, id := range d.a[aLo:aHi] {
		d.countA[id] = 0
	}
	for _, id := range d.b[bLo:bHi] {
		d.countB[id] = 0
	}
	if len(ai) == 0 {
		return false
	}
	i0, j0 := aLo, bLo
	for _, k := range increasing(bj) {
		i, j := int(ai[k]), int(bj[k])
		d.compare(i0, i, j0, j)
		i0, j0 = i+1, j+1
	}
	d.compare(i0, aHi, j0, bHi)
	return true
}

// increasing returns the indices of a longest strictly increasing
// subsequence of v, in order (patience sorting, O(n log n)).
func increasing(v []int32) []int {
	tails := make([]int, 0, 16) // index into v of the smallest tail of a run of each length
	prev := make([]int, len(v))
	for k, x := range v {
		lo, hi := 0, len(tails)
		for lo < hi {
			mid := int(uint(lo+hi) >> 1)
			if v[tails[mid]] < x {
				lo = mid + 1
			} else {
				hi = mid
			}
		}
		prev[k] = -1
		if lo > 0 {
			prev[k] = tails[lo-1]
		}
		if lo == len(tails) {
			tails = append(tails, k)
		} else {
			tails[lo] = k
		}
	}
	out := make([]int, len(tails))
	for k, i := len(tails)-1, tails[len(tails)-1]; k >= 0; k, i = k-1, prev[i] {
		out[k] = i
	}
	return out
}

// midSnake returns a point on a shortest edit path from (aLo, bLo) to
// (aHi, bHi) about halfway along it, where the forward and backward searches
// meet. After limit steps, or when the work budget runs out, it returns
// instead the point furthest from (aLo, bLo) that the forward search has
// reached: on an edit path, though not necessarily a shortest one.
func (d *differ) midSnake(aLo, aHi, bLo, bHi, limit int) (int, int) {
	n, m := aHi-aLo, bHi-bLo
	delta := n - m
	odd := delta&1 != 0
	maxD := (n + m + 1) / 2
	off := maxD + 1
	vf, vb := d.vf, d.vb
	vf[off+1] = 0
	vb[off+1] = 0
	for D := 0; D <= maxD; D++ {
		if D > limit || d.budget <= 0 {
			return d.furthest(aLo, bLo, n, m, D-1, off)
		}
		d.budget -= 2*D + 1
		for k := -D; k <= D; k += 2 {
			var x int
			if k == -D || (k != D && vf[off+k-1] < vf[off+k+1]) {
				x = vf[off+k+1]
			} else {
				x = vf[off+k-1] + 1
			}
			y := x - k
			x0 := x
			for x < n && y < m && d.a[aLo+x] == d.b[bLo+y] {
				x++
				y++
			}
			d.budget -= x - x0
			vf[off+k] = x
			if odd && k >= delta-(D-1) && k <= delta+(D-1) && x+vb[off+delta-k] >= n {
				return aLo + x, bLo + y
			}
		}
		for k := -D; k <= D; k += 2 {
			var x int
			if k == -D || (k != D && vb[off+k-1] < vb[off+k+1]) {
				x = vb[off+k+1]
			} else {
				x = vb[off+k-1] + 1
			}
			y := x - k
			x0 := x
			for x < n && y < m && d.a[aHi-1-x] == d.b[bHi-1-y] {
				x++
				y++
			}
			d.budget -= x - x0
			vb[off+k] = x
			if !odd && delta-k >= -D && delta-k <= D && x+vf[off+delta-k] >= n {
				return aHi - x, bHi - y
			}
		}
	}
	panic("edit: no middle snake") // unreachable: the searches meet by maxD
}

// furthest returns the point inside the box with the largest x+y among
// the forward search's diagonals after D steps, or (aLo, bLo) if there is
// none (the caller then replaces the whole range).
func (d *differ) furthest(aLo, bLo, n, m, D, off int) (int, int) {
	bx, by := 0, 0
	for k := -D; k <= D; k += 2 {
		x := d.vf[off+k]
		if y := x - k; x <= n && y >= 0 && y <= m && x+y > bx+by {
			bx, by = x, y
		}
	}
	return aLo + bx, bLo + by
}

// hunk is a range of the edit script: lines [a0, a1) of old and [b0, b1) of
// new, context included.
type hunk struct{ a0, a1, b0, b1 int }

// hunks groups changes that are at most 2·Context unchanged lines apart,
// with Context lines around each group.
func hunks(delA, insB []bool) []hunk {
	var out []hunk
	i, j := 0, 0
	n, m := len(delA), len(insB)
	for i < n || j < m {
		if (i < n && delA[i]) || (j < m && insB[j]) {
			// A change starts at (i, j). The lines before it are unchanged
			// pairs (the first change, or one more than 2·Context lines
			// after the previous hunk), so both sides back up alike.
			h := hunk{a0: max(i-Context, 0), b0: max(j-Context, 0)}
			for {
				for i < n && delA[i] {
					i++
				}
				for j < m && insB[j] {
					j++
				}
				// Count the unchanged lines up to the next change.
				gap := 0
				for i+gap < n && j+gap < m && !delA[i+gap] && !insB[j+gap] {
					gap++
				}
				atEnd := i+gap >= n && j+gap >= m
				if atEnd || gap > 2*Context {
					c := min(gap, Context)
					h.a1, h.b1 = i+c, j+c
					i, j = i+gap, j+gap
					break
				}
				i, j = i+gap, j+gap
			}
			out = append(out, h)
			continue
		}
		i++
		j++
	}
	return out
}

func writeHunk(sb *strings.Builder, a, b []string, delA, insB []bool, h hunk) {
	sb.WriteString("@@ -" + rangeStr(h.a0, h.a1-h.a0) + " +" + rangeStr(h.b0, h.b1-h.b0) + " @@\n")
	line := func(prefix byte, s string) {
		sb.WriteByte(prefix)
		sb.WriteString(s)
		if !strings.HasSuffix(s, "\n") {
			sb.WriteString("\n\\ No newline at end of file\n")
		}
	}
	i, j := h.a0, h.b0
	for i < h.a1 || j < h.b1 {
		switch {
		case i < h.a1 && delA[i]:
			line('-', a[i])
			i++
		case j < h.b1 && insB[j]:
			line('+', b[j])
			j++
		default:
			line(' ', a[i])
			i++
			j++
		}
	}
}

// rangeStr formats a hunk range as diff does: "start,count", "start" alone
// when count is 1, and the line before the hunk when count is 0.
func rangeStr(start, count int) string {
	switch count {
	case 0:
		return strconv.Itoa(start) + ",0"
	case 1:
		return strconv.Itoa(start + 1)
	}
	return strconv.Itoa(start+1) + "," + strconv.Itoa(count)
}
