package lexer

import (
	"os"
	"reflect"
	"strings"
	"testing"

	"github.com/asynctrait/asynctrait/internal/testenv"
)

// lexBoth lexes src sequentially and in two parts (whatever its size).
func lexBoth(src []byte, ed Edition, mode Mode) (seq, par Result) {
	mk := func() *lexer {
		l := &lexer{src: src, ed: ed, noSpace: mode&SkipWhitespace != 0}
		l.toks = make([]Token, 0, len(src)/3+8)
		return l
	}
	a := mk()
	a.run()
	b := mk()
	b.lexParallel(cap(b.toks))
	return Result{Tokens: a.toks, Errors: a.errs, Fatal: a.fatal, Trivia: a.trivia},
		Result{Tokens: b.toks, Errors: b.errs, Fatal: b.fatal, Trivia: b.trivia, Split: b.split}
}

// splitChecked checks Result.Split's promise: the token before it (but
// whitespace) closes a brace and no delimiter open before it closes after
// it. It reports
// whether there was a split.
func splitChecked(t *testing.T, name string, r Result) bool {
	t.Helper()
	if r.Split == 0 {
		return false
	}
	prev := r.Split - 1
	for prev > 0 && r.Tokens[prev].Kind == Whitespace {
		prev--
	}
	if r.Split >= len(r.Tokens) || r.Tokens[prev].Kind != RBrace {
		t.Fatalf("%s: split %d does not follow a closing brace", name, r.Split)
	}
	for i, tok := range r.Tokens[:r.Split] {
		if tok.Kind.IsOpen() && int(tok.Match) >= r.Split {
			t.Fatalf("%s: token %d, open before the split %d, closes after it", name, i, r.Split)
		}
	}
	return true
}

// triviaFlagged checks Result.Trivia's promise: without it, no token is
// trivia.
func triviaFlagged(t *testing.T, name string, r Result) {
	t.Helper()
	if r.Trivia {
		return
	}
	for _, tok := range r.Tokens {
		if tok.Kind.IsTrivia() {
			t.Fatalf("%s: Trivia is false but token %v at %d is trivia", name, tok.Kind, tok.Start)
		}
	}
}

func sameResult(t *testing.T, name string, src []byte) {
	t.Helper()
	for _, mode := range []Mode{0, SkipWhitespace} {
		seq, par := lexBoth(src, Edition2021, mode)
		splitChecked(t, name, par)
		par.Split = 0 // the sequential lexer has none
		if !reflect.DeepEqual(seq, par) {
			t.Fatalf("%s (mode %d): lexing in two parts differs from lexing in one", name, mode)
		}
		if mode == SkipWhitespace {
			triviaFlagged(t, name, par)
		}
	}
}

// Lexing in two parts gives the sequential result, whether the split point
// guessed is a token start or not and whatever the delimiters do across it.
func TestLexParallel(t *testing.T) {
	item := "fn f() {\n    g(1)\n}\n"
	cases := map[string]string{
		"items":             strings.Repeat(item, 8),
		"open across":       "mod m {\n" + strings.Repeat(item, 8) + "}\n",
		"deep across":       "mod m { mod n { impl X {\n" + strings.Repeat(item, 8) + "} } }\n",
		"in raw string":     "const S: &str = r#\"\n" + strings.Repeat("a\n}\nb\n", 8) + "\"#;\n",
		"in block comment":  "/*\n" + strings.Repeat("a\n}\nb\n", 8) + "*/\nfn f() {}\n",
		"in string":         "const S: &str = \"\n" + strings.Repeat("a\n}\nb\n", 8) + "\";\n",
		"mismatched":        "mod m (\n" + strings.Repeat(item, 8) + "}\n",
		"unclosed first":    "mod m {\n" + strings.Repeat(item, 8),
		"extra close":       strings.Repeat(item, 8) + "}\n}\n",
		"unclosed second":   strings.Repeat(item, 8) + "mod m {\n",
		"error second":      strings.Repeat(item, 8) + "fn g() { \"unterminated }\n",
		"error first":       "fn e() { 'ab }\n" + strings.Repeat(item, 8),
		"bom shebang":       "\uFEFF#!/bin/x\n" + strings.Repeat(item, 8),
		"no split":          "fn f() {}",
		"split at end":      "fn f() {\n}\n",
		"non-ascii after":   strings.Repeat(item, 4) + "é\n" + strings.Repeat(item, 4),
		"wrong kind across": "mod m [\n" + strings.Repeat(item, 8) + "}\n",
		"comment second":    strings.Repeat(item, 8) + "// c\n" + item,
		"comment first":     "/* c */\n" + strings.Repeat(item, 8),
	}
	for name, src := range cases {
		sameResult(t, name, []byte(src))
	}
	// Beyond bigInput, where the token slice is sized by extrapolation and
	// both parts outgrow their room.
	big := strings.Repeat("fn f(a: u8, b: (u8, u8)) -> [u8; 2] { [a, b.0] }\n", bigInput/40)
	sameResult(t, "big", []byte("mod m {\n"+big+"}\n"+big+"}\n"))
	sameResult(t, "big balanced", []byte("mod m {\n"+big+"}\n"+big))
	// And the split actually happens: a file of items is lexed in two
	// parts, not by the fallback.
	src := []byte(strings.Repeat(item, 8))
	if splitPoint(src) < 0 {
		t.Fatal("no split point in a file of items: the test checks only the fallback")
	}
	if _, par := lexBoth(src, Edition2021, SkipWhitespace); !splitChecked(t, "items", par) {
		t.Fatal("a file of items lexed in two parts reports no split")
	}
	if _, par := lexBoth([]byte(cases["open across"]), Edition2021, SkipWhitespace); par.Split != 0 {
		t.Fatalf("split %d inside a module", par.Split)
	}
}

// On real code too (the corpus's larger files, where LexMode splits).
func TestLexParallelCorpus(t *testing.T) {
	files := testenv.CorpusFiles(t)
	n := 0
	for _, path := range files {
		src, err := os.ReadFile(path)
		if err != nil || len(src) < 32<<10 {
			continue
		}
		sameResult(t, path, src)
		n++
	}
	t.Logf("%d corpus files compared", n)
}

// FuzzLexParallel: any input lexes the same in two parts as in one.
func FuzzLexParallel(f *testing.F) {
	for _, cases := range allCases() {
		for _, c := range cases {
			f.Add([]byte(c.in + "\n}\n" + c.in))
		}
	}
	f.Fuzz(func(t *testing.T, src []byte) {
		sameResult(t, "input", src)
	})
}

// moveDown gives the tokens in order, their partners moved with them,
// whatever the gap, on one goroutine or two (when the upper half's
// destination covers the lower half's source), with room after the second
// part to set tokens aside or without.
func TestMoveDown(t *testing.T) {
	for _, n := range []int{0, 1, 100, parallelMove, parallelMove + 3, 3 * parallelMove} {
		for _, gap := range []int{0, 1, 7, n / 4, n/2 - 1, n / 2, n/2 + 1, n} {
			to := 5
			spare := 10
			if gap%2 == 1 {
				spare = gap + 3
			}
			base := make([]Token, to+gap+n+spare)
			for i := range n {
				base[to+gap+i] = Token{Start: uint32(i + 1), Kind: LParen + Kind(i%2), Match: int32(i ^ 1)}
			}
			got := moveDown(base, to, to+gap, n)
			if len(got) != to+n {
				t.Fatalf("n %d gap %d: %d tokens, want %d", n, gap, len(got), to+n)
			}
			for i := range n {
				if got[to+i].Start != uint32(i+1) || got[to+i].Match != int32(to+(i^1)) {
					t.Fatalf("n %d gap %d: token %d is %d with partner %d, want %d with %d", n, gap, i, got[to+i].Start, got[to+i].Match, i+1, to+(i^1))
				}
			}
		}
	}
}
