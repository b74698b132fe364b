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
	"time"
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

// largePair is a file of n numbered blocks and a rewrite of it that
// changes one block in three (lines inserted, deleted and replaced), the
// shape of a codemod's output: many changes spread over the whole file.
func largePair(n int) (string, string) {
	var old, new strings.Builder
	for i := range n {
		block := fmt.Sprintf("pub struct S%d {\n    x: u32,\n}\n\nimpl S%d {\n    fn f(&self) -> u32 {\n        self.x + %d\n    }\n}\n\n", i, i, i)
		old.WriteString(block)
		if i%3 == 0 {
			block = strings.Replace(block, "    fn f(&self) -> u32 {\n", "    fn f<'a>(&'a self)\n    -> u32\n    where\n        Self: 'a,\n    {\n", 1)
			block = strings.Replace(block, "    x: u32,\n", "", 1)
		}
		new.WriteString(block)
	}
	return old.String(), new.String()
}

// checkApplies applies d to old with applyUnified and, when patch is
// installed, with GNU patch, and compares both with new.
func checkApplies(t *testing.T, old, new, d string) {
	t.Helper()
	got, err := applyUnified([]byte(old), d)
	if err != nil {
		t.Fatalf("apply: %v", err)
	}
	if string(got) != new {
		t.Fatalf("applying the diff gives %d bytes, want %d", len(got), len(new))
	}
	patch, err := exec.LookPath("patch")
	if err != nil {
		return
	}
	dir := t.TempDir()
	if err := os.WriteFile(filepath.Join(dir, "f"), []byte(old), 0o644); err != nil {
		t.Fatal(err)
	}
	cmd := exec.Command(patch, "-p1", "--batch", "--silent", "--no-backup-if-mismatch", "-F0")
	cmd.Dir = dir
	cmd.Stdin = strings.NewReader(d)
	if out, err := cmd.CombinedOutput(); err != nil {
		t.Fatalf("patch: %v\n%s", err, out)
	}
	if got, err := os.ReadFile(filepath.Join(dir, "f")); err != nil || string(got) != new {
		t.Fatalf("patched file: %d bytes, %v; want %d bytes", len(got), err, len(new))
	}
}

// A 4 MB file changed throughout: D is in the tens of thousands, which
// took Myers alone minutes. The diff must be quick, apply, and be as
// small as the changes (anchored on the unique lines, it is minimal here).
func TestUnifiedLarge(t *testing.T) {
	old, new := largePair(40_000)
	start := time.Now()
	d := Unified("f", "f", []byte(old), []byte(new))
	took := time.Since(start)
	if took > 10*time.Second {
		t.Errorf("diff of %d bytes took %v", len(old), took)
	}
	checkApplies(t, old, new, d)
	plus, minus := 0, 0
	for _, l := range strings.Split(d, "\n")[2:] { // after the headers
		switch {
		case strings.HasPrefix(l, "+"):
			plus++
		case strings.HasPrefix(l, "-"):
			minus++
		}
	}
	// One block in three: 5 lines inserted, 2 deleted.
	if n := (40_000 + 2) / 3; plus != 5*n || minus != 2*n {
		t.Errorf("%d lines added and %d removed, want %d and %d", plus, minus, 5*n, 2*n)
	}
	t.Logf("%d bytes, %d hunks, in %v", len(old), strings.Count(d, "\n@@ "), took)
}

// Large inputs without unique lines fall back on a bounded search: the
// diff is valid, if not minimal, and quick.
func TestUnifiedLargeRepetitive(t *testing.T) {
	r := rand.New(rand.NewSource(3))
	alphabet := []string{"a\n", "b\n", "c\n", "{\n", "}\n"}
	var a, b []string
	for range 60_000 {
		l := alphabet[r.Intn(len(alphabet))]
		a = append(a, l)
		switch r.Intn(10) {
		case 0: // deleted
		case 1:
			b = append(b, alphabet[r.Intn(len(alphabet))], l)
		default:
			b = append(b, l)
		}
	}
	old, new := strings.Join(a, ""), strings.Join(b, "")
	start := time.Now()
	d := Unified("f", "f", []byte(old), []byte(new))
	took := time.Since(start)
	if took > 20*time.Second {
		t.Errorf("diff took %v", took)
	}
	checkApplies(t, old, new, d)
	t.Logf("%d lines, diff %d bytes, in %v", len(a), len(d), took)
}

func BenchmarkUnifiedLarge(b *testing.B) {
	old, new := largePair(10_000)
	o, n := []byte(old), []byte(new)
	b.SetBytes(int64(len(o)))
	b.ReportAllocs()
	for b.Loop() {
		Unified("f", "f", o, n)
	}
}
