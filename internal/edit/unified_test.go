package edit

import (
	"bytes"
	"fmt"
	"math/rand"
	"os"
	"os/exec"
	"path/filepath"
	"strconv"
	"strings"
	"testing"
)

func numbered(from, to int, replace map[int]string, drop map[int]bool) string {
	var sb strings.Builder
	for i := from; i <= to; i++ {
		if drop[i] {
			continue
		}
		if r, ok := replace[i]; ok {
			sb.WriteString(r + "\n")
			continue
		}
		sb.WriteString(strconv.Itoa(i) + "\n")
	}
	return sb.String()
}

// The expected outputs are what GNU diff -u prints for the same inputs
// (with --label a/x --label b/x); each case has one shortest edit script.
func TestUnifiedExpected(t *testing.T) {
	tests := []struct {
		name     string
		old, new string
		want     string
	}{
		{"equal", "a\nb\n", "a\nb\n", ""},
		{"three hunks; the second two merge only when 6 lines or fewer apart",
			numbered(1, 20, nil, nil), numbered(1, 20, map[int]string{2: "two", 10: "ten"}, map[int]bool{18: true}),
			"--- a/x\n+++ b/x\n" +
				"@@ -1,5 +1,5 @@\n 1\n-2\n+two\n 3\n 4\n 5\n" +
				"@@ -7,7 +7,7 @@\n 7\n 8\n 9\n-10\n+ten\n 11\n 12\n 13\n" +
				"@@ -15,6 +15,5 @@\n 15\n 16\n 17\n-18\n 19\n 20\n"},
		{"changes 6 lines apart share a hunk",
			numbered(1, 12, nil, nil), numbered(1, 12, map[int]string{3: "c", 10: "j"}, nil),
			"--- a/x\n+++ b/x\n@@ -1,12 +1,12 @@\n 1\n 2\n-3\n+c\n 4\n 5\n 6\n 7\n 8\n 9\n-10\n+j\n 11\n 12\n"},
		{"no newline at end of either", "a\nb", "a\nc",
			"--- a/x\n+++ b/x\n@@ -1,2 +1,2 @@\n a\n-b\n\\ No newline at end of file\n+c\n\\ No newline at end of file\n"},
		{"from empty", "", "a\nb",
			"--- a/x\n+++ b/x\n@@ -0,0 +1,2 @@\n+a\n+b\n\\ No newline at end of file\n"},
		{"to empty", "a\n", "",
			"--- a/x\n+++ b/x\n@@ -1 +0,0 @@\n-a\n"},
		{"final newline removed", "a\nb\n", "a\nb",
			"--- a/x\n+++ b/x\n@@ -1,2 +1,2 @@\n a\n-b\n+b\n\\ No newline at end of file\n"},
		{"insertion in the middle", "1\n2\n3\n4\n5\n6\n7\n8\n", "1\n2\n3\n4\nnew\n5\n6\n7\n8\n",
			"--- a/x\n+++ b/x\n@@ -2,6 +2,7 @@\n 2\n 3\n 4\n+new\n 5\n 6\n 7\n"},
		{"CRLF lines are lines", "a\r\nb\r\n", "a\r\nB\r\n",
			"--- a/x\n+++ b/x\n@@ -1,2 +1,2 @@\n a\r\n-b\r\n+B\r\n"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			got := Unified("x", "x", []byte(tt.old), []byte(tt.new))
			if got != tt.want {
				t.Errorf("got\n%s\nwant\n%s", got, tt.want)
			}
			if got != "" {
				if out, err := applyUnified([]byte(tt.old), got); err != nil || string(out) != tt.new {
					t.Errorf("applying the diff gave %q, %v; want %q", out, err, tt.new)
				}
			}
		})
	}
}

// applyUnified is a small, strict patch: it checks every context and
// deleted line against old.
func applyUnified(old []byte, diff string) ([]byte, error) {
	a := splitLines(old)
	lines := strings.SplitAfter(diff, "\n")
	if len(lines) < 2 || !strings.HasPrefix(lines[0], "--- a/") || !strings.HasPrefix(lines[1], "+++ b/") {
		return nil, fmt.Errorf("bad headers")
	}
	var out []string
	pos := 0 // next line of a to copy
	i := 2
	for i < len(lines) && lines[i] != "" {
		var s1, l1, s2, l2 int
		h := lines[i]
		if _, err := fmt.Sscanf(h, "@@ -%s +%s @@\n", new(string), new(string)); err != nil {
			return nil, fmt.Errorf("bad hunk header %q", h)
		}
		parse := func(r string) (int, int) {
			s, l, ok := strings.Cut(r, ",")
			n, _ := strconv.Atoi(s)
			c := 1
			if ok {
				c, _ = strconv.Atoi(l)
			}
			return n, c
		}
		f := strings.Fields(h)
		s1, l1 = parse(f[1][1:])
		s2, l2 = parse(f[2][1:])
		start := s1 - 1
		if l1 == 0 {
			start = s1
		}
		if start < pos {
			return nil, fmt.Errorf("hunks out of order")
		}
		out = append(out, a[pos:start]...)
		if want := len(out) + 1; l2 > 0 && s2 != want || l2 == 0 && s2 != want-1 {
			return nil, fmt.Errorf("hunk %q: new start %d, expected %d", h, s2, want)
		}
		pos = start
		i++
		seen1, seen2 := 0, 0
		for i < len(lines) && lines[i] != "" && !strings.HasPrefix(lines[i], "@@") {
			l := lines[i]
			i++
			noNL := i < len(lines) && lines[i] == "\\ No newline at end of file\n"
			if noNL {
				i++
			}
			text := l[1:]
			if noNL {
				text = strings.TrimSuffix(text, "\n")
			}
			switch l[0] {
			case ' ', '-':
				if pos >= len(a) || a[pos] != text {
					return nil, fmt.Errorf("line %d: %q does not match %q", pos+1, text, a)
				}
				pos++
				seen1++
				if l[0] == ' ' {
					out = append(out, text)
					seen2++
				}
			case '+':
				out = append(out, text)
				seen2++
			default:
				return nil, fmt.Errorf("bad line %q", l)
			}
		}
		if seen1 != l1 || seen2 != l2 {
			return nil, fmt.Errorf("hunk %q has %d/%d lines", h, seen1, seen2)
		}
	}
	out = append(out, a[pos:]...)
	return []byte(strings.Join(out, "")), nil
}

// randomPair returns two similar files built from a small alphabet of
// lines, so that many lines repeat (the hard case for a diff).
func randomPair(r *rand.Rand) (string, string) {
	alphabet := []string{"a\n", "b\n", "c\n", "{\n", "}\n", "    x\n", "\n"}
	n := r.Intn(40)
	var a []string
	for range n {
		a = append(a, alphabet[r.Intn(len(alphabet))])
	}
	b := append([]string(nil), a...)
	for range r.Intn(8) {
		switch op := r.Intn(3); {
		case op == 0 && len(b) > 0:
			k := r.Intn(len(b))
			b = append(b[:k], b[k+1:]...)
		case op == 1:
			k := r.Intn(len(b) + 1)
			b = append(b[:k], append([]string{alphabet[r.Intn(len(alphabet))]}, b[k:]...)...)
		case len(b) > 0:
			b[r.Intn(len(b))] = alphabet[r.Intn(len(alphabet))]
		}
	}
	sa, sb := strings.Join(a, ""), strings.Join(b, "")
	if r.Intn(4) == 0 {
		sa = strings.TrimSuffix(sa, "\n")
	}
	if r.Intn(4) == 0 {
		sb = strings.TrimSuffix(sb, "\n")
	}
	return sa, sb
}

// lcs is the textbook O(NM) longest common subsequence length.
func lcs(a, b []string) int {
	prev := make([]int, len(b)+1)
	cur := make([]int, len(b)+1)
	for i := 1; i <= len(a); i++ {
		for j := 1; j <= len(b); j++ {
			switch {
			case a[i-1] == b[j-1]:
				cur[j] = prev[j-1] + 1
			case prev[j] > cur[j-1]:
				cur[j] = prev[j]
			default:
				cur[j] = cur[j-1]
			}
		}
		prev, cur = cur, prev
	}
	return prev[len(b)]
}

// Every diff applies back to the new text, and the edit script is a
// shortest one (as many deletions and insertions as the LCS implies).
func TestUnifiedRandom(t *testing.T) {
	r := rand.New(rand.NewSource(1))
	for it := range 3000 {
		old, new := randomPair(r)
		d := Unified("f", "f", []byte(old), []byte(new))
		if (d == "") != (old == new) {
			t.Fatalf("#%d: empty diff %v for equal %v", it, d == "", old == new)
		}
		if d == "" {
			continue
		}
		got, err := applyUnified([]byte(old), d)
		if err != nil || string(got) != new {
			t.Fatalf("#%d: apply: %v\nold %q\nnew %q\ndiff\n%s", it, err, old, new, d)
		}
		a, b := splitLines([]byte(old)), splitLines([]byte(new))
		delA, insB := diffLines(a, b)
		dels, ins := 0, 0
		for _, x := range delA {
			if x {
				dels++
			}
		}
		for _, x := range insB {
			if x {
				ins++
			}
		}
		if l := lcs(a, b); dels != len(a)-l || ins != len(b)-l {
			t.Fatalf("#%d: %d deletions and %d insertions, shortest is %d and %d\nold %q\nnew %q", it, dels, ins, len(a)-l, len(b)-l, old, new)
		}
	}
}

// GNU patch accepts our diffs and produces the new text.
func TestUnifiedWithPatch(t *testing.T) {
	patch, err := exec.LookPath("patch")
	if err != nil {
		if os.Getenv("CI") != "" {
			t.Fatal("patch not found; CI must run this test (apt-get install patch)")
		}
		t.Skip("patch not found")
	}
	r := rand.New(rand.NewSource(2))
	dir := t.TempDir()
	for it := range 60 {
		old, new := randomPair(r)
		if old == new {
			continue
		}
		d := Unified("src/lib.rs", "src/lib.rs", []byte(old), []byte(new))
		if err := os.MkdirAll(filepath.Join(dir, "src"), 0o755); err != nil {
			t.Fatal(err)
		}
		file := filepath.Join(dir, "src", "lib.rs")
		if err := os.WriteFile(file, []byte(old), 0o644); err != nil {
			t.Fatal(err)
		}
		cmd := exec.Command(patch, "-p1", "--batch", "--silent", "--no-backup-if-mismatch", "-F0")
		cmd.Dir = dir
		cmd.Stdin = strings.NewReader(d)
		if out, err := cmd.CombinedOutput(); err != nil {
			t.Fatalf("#%d: patch: %v\n%s\ndiff:\n%s", it, err, out, d)
		}
		got, err := os.ReadFile(file)
		if err != nil {
			t.Fatal(err)
		}
		if !bytes.Equal(got, []byte(new)) {
			t.Fatalf("#%d: patched file %q, want %q\ndiff:\n%s", it, got, new, d)
		}
	}
}

func BenchmarkUnified(b *testing.B) {
	var old, new strings.Builder
	for i := range 5000 {
		fmt.Fprintf(&old, "line %d\n", i)
		if i%50 == 0 {
			fmt.Fprintf(&new, "changed %d\n", i)
		} else {
			fmt.Fprintf(&new, "line %d\n", i)
		}
	}
	o, n := []byte(old.String()), []byte(new.String())
	b.SetBytes(int64(len(o)))
	b.ReportAllocs()
	for b.Loop() {
		Unified("f", "f", o, n)
	}
}
