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
// "middle snake" divide and conquer of Myers 1986, §4b), so it finds a
// shortest edit script in O((N+M)·D) time and O(N+M) space.
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

// diffLines marks which lines of a are deleted and which lines of b are
// inserted by a shortest edit script.
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
	d.compare(0, len(a), 0, len(b))
	return d.delA, d.insB
}

type differ struct {
	a, b       []int
	delA, insB []bool
	vf, vb     []int // furthest x on each diagonal, forward and backward
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
	default:
		x, y := d.midSnake(aLo, aHi, bLo, bHi)
		if (x == aLo && y == bLo) || (x == aHi && y == bHi) {
			// Cannot happen for a shortest path of length ≥ 2; stay safe.
			for i := aLo; i < aHi; i++ {
				d.delA[i] = true
			}
			for j := bLo; j < bHi; j++ {
				d.insB[j] = true
			}
			return
		}
		d.compare(aLo, x, bLo, y)
		d.compare(x, aHi, y, bHi)
	}
}

// midSnake returns a point on a shortest edit path from (aLo, bLo) to
// (aHi, bHi) about halfway along it, where the forward and backward searches
// meet.
func (d *differ) midSnake(aLo, aHi, bLo, bHi int) (int, int) {
	n, m := aHi-aLo, bHi-bLo
	delta := n - m
	odd := delta&1 != 0
	maxD := (n + m + 1) / 2
	off := maxD + 1
	vf, vb := d.vf, d.vb
	vf[off+1] = 0
	vb[off+1] = 0
	for D := 0; D <= maxD; D++ {
		for k := -D; k <= D; k += 2 {
			var x int
			if k == -D || (k != D && vf[off+k-1] < vf[off+k+1]) {
				x = vf[off+k+1]
			} else {
				x = vf[off+k-1] + 1
			}
			y := x - k
			for x < n && y < m && d.a[aLo+x] == d.b[bLo+y] {
				x++
				y++
			}
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
			for x < n && y < m && d.a[aHi-1-x] == d.b[bHi-1-y] {
				x++
				y++
			}
			vb[off+k] = x
			if !odd && delta-k >= -D && delta-k <= D && x+vf[off+delta-k] >= n {
				return aHi - x, bHi - y
			}
		}
	}
	panic("edit: no middle snake") // unreachable: the searches meet by maxD
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
