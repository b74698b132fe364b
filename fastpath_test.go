package asynctrait

import (
	"bytes"
	"math/rand/v2"
	"os"
	"path/filepath"
	"runtime"
	"strings"
	"testing"

	"github.com/asynctrait/asynctrait/internal/benchgen"
	"github.com/asynctrait/asynctrait/internal/lexer"
)

func TestMayExpand(t *testing.T) {
	for _, tt := range []struct {
		src  string
		want bool
	}{
		{"", false},
		{"fn main() {}", false},
		{"fn f<'async_trait>() {}", false},
		{"where Self: 'async_trait, T: 'async_trait", false},
		{"#[async_trait]", true},
		{"async_trait", true},
		{"use async_trait::async_trait as at;", true},
		{"#[r#async_trait]", true},
		{"#[async_trait_with_send]", true},
		{"x: 'async_trait + async_trait::Foo", true},
		{"// async_trait in a comment", true}, // bytes only: may, not must
		{"yyy async_trai", false},
		{"async_traitasync_trait", true},
		{"'async_trait'async_trait", false},
		{"'async_trait async_trait", true},
		{"y", false},
	} {
		if got := MayExpand([]byte(tt.src)); got != tt.want {
			t.Errorf("MayExpand(%q) = %v, want %v", tt.src, got, tt.want)
		}
	}
}

// The fast path is sound: a file for which MayExpand is false has no
// identifier containing the marker (so no attribute or import that could
// name a macro). Checked on every golden input and output.
func TestMayExpandGoldens(t *testing.T) {
	files, _ := filepath.Glob("testdata/expand/*")
	checked := 0
	for _, f := range files {
		if !strings.HasSuffix(f, ".rs") && !strings.HasSuffix(f, ".golden") {
			continue // .stderr
		}
		src, err := os.ReadFile(f)
		if err != nil {
			t.Fatal(err)
		}
		ident := false
		for _, tk := range lexer.Lex(src).Tokens {
			if tk.Kind == lexer.Ident && bytes.Contains(src[tk.Start:tk.End], marker) {
				ident = true
			}
		}
		if ident && !MayExpand(src) {
			t.Errorf("%s: an identifier names the macro, but MayExpand is false", f)
		}
		if !MayExpand(src) {
			checked++
			if res := expandSlow(f, src, Options{}); res.Changed || len(res.Diagnostics) > 0 {
				t.Errorf("%s: MayExpand is false but the full expansion changes it or reports %v", f, res.Diagnostics)
			}
		}
	}
	t.Logf("%d golden files take the fast path", checked)
	if checked == 0 {
		t.Error("no golden file takes the fast path: the test checks nothing")
	}
}

// Items of a big file are rewritten on several cores; the output and the
// diagnostics must not depend on how many.
func TestParallelItemsDeterministic(t *testing.T) {
	src := benchgen.Source(300, false)
	// An item with an error in the middle: its diagnostic keeps its place.
	bad := append(bytes.Clone(src), []byte("\n#[async_trait]\nstruct NotATrait;\n")...)
	for _, in := range [][]byte{src, bad} {
		prev := runtime.GOMAXPROCS(1)
		one := Expand("big.rs", in, Options{})
		runtime.GOMAXPROCS(4)
		four := Expand("big.rs", in, Options{})
		runtime.GOMAXPROCS(prev)
		if !bytes.Equal(one.Output, four.Output) {
			t.Fatalf("output differs between 1 and 4 workers; first difference at %d", firstDifference(one.Output, four.Output))
		}
		if len(one.Diagnostics) != len(four.Diagnostics) {
			t.Fatalf("%d diagnostics with 1 worker, %d with 4", len(one.Diagnostics), len(four.Diagnostics))
		}
		for i := range one.Diagnostics {
			if one.Diagnostics[i].Message != four.Diagnostics[i].Message || one.Diagnostics[i].Labels[0].Span != four.Diagnostics[i].Labels[0].Span {
				t.Fatalf("diagnostic %d differs: %v vs %v", i, one.Diagnostics[i], four.Diagnostics[i])
			}
		}
		if len(in) != len(src) && !one.HasErrors() {
			t.Fatal("the item with an error was not reported")
		}
	}
}

func firstDifference(a, b []byte) int {
	for i := range min(len(a), len(b)) {
		if a[i] != b[i] {
			return i
		}
	}
	return min(len(a), len(b))
}

// MayExpand's byte search against the plain definition, on random strings
// over the marker's letters.
func TestMayExpandSearch(t *testing.T) {
	plain := func(src []byte) bool {
		for off := 0; ; {
			i := bytes.Index(src[off:], marker)
			if i < 0 {
				return false
			}
			if at := off + i; at == 0 || src[at-1] != '\'' {
				return true
			}
			off += i + len(marker)
		}
	}
	const letters = "async_tri'y "
	r := rand.New(rand.NewPCG(1, 2))
	for range 200000 {
		b := make([]byte, r.IntN(40))
		for i := range b {
			b[i] = letters[r.IntN(len(letters))]
		}
		if r.IntN(3) == 0 && len(b) > 12 {
			at := r.IntN(len(b) - 11)
			copy(b[at:], marker)
		}
		if got, want := MayExpand(b), plain(b); got != want {
			t.Fatalf("MayExpand(%q) = %v, want %v", b, got, want)
		}
	}
}

// Expand never modifies its input (the CLI passes its read buffer, which
// it still needs for the diff and the diagnostics).
func TestExpandKeepsInput(t *testing.T) {
	files, _ := filepath.Glob("testdata/*/*.rs")
	big := benchgen.Source(300, false) // big enough for several workers
	inputs := [][]byte{big}
	for _, f := range files {
		src, err := os.ReadFile(f)
		if err != nil {
			t.Fatal(err)
		}
		inputs = append(inputs, src)
	}
	changed := 0
	for _, src := range inputs {
		orig := bytes.Clone(src)
		for _, opts := range []Options{{}, {Exact: true}, {Cfg: []string{}}} {
			res := Expand("x.rs", src, opts)
			if !bytes.Equal(src, orig) {
				t.Fatalf("Expand modified its input (%d bytes)", len(src))
			}
			if res.Changed {
				changed++
				if len(res.Output) > 0 && len(src) > 0 && &res.Output[0] == &src[0] {
					t.Fatal("a changed output shares memory with the input")
				}
			}
		}
	}
	if changed == 0 {
		t.Fatal("nothing was expanded: the test checks nothing")
	}
}
