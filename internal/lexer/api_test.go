package lexer

import (
	"bytes"
	"fmt"
	"slices"
	"strings"
	"testing"
	"unsafe"
)

func TestMatch(t *testing.T) {
	src := []byte("f(a[1], {b}) ] (")
	res := Lex(src)
	if msg := checkResult(src, res); msg != "" {
		t.Fatal(msg)
	}
	got := map[string]int32{}
	for i, tk := range res.Tokens {
		if tk.Kind.IsOpen() || tk.Kind.IsClose() {
			got[string(src[tk.Start:tk.End])+string(rune('0'+i/10))+string(rune('0'+i%10))] = tk.Match
		}
	}
	// Indices: f0 (1 a2 [3 14 ]5 ,6 ws7 {8 b9 }10 )11 ws12 ]13 ws14 (15
	want := map[string]int32{"(01": 11, "[03": 5, "]05": 3, "{08": 10, "}10": 8, ")11": 1, "]13": -1, "(15": -1}
	for k, v := range want {
		if got[k] != v {
			t.Errorf("Match of %s = %d, want %d (all: %v)", k, got[k], v, got)
		}
	}
}

func TestMismatchRecovery(t *testing.T) {
	// `{ ( }`: the `}` closes the `{`, the `(` stays unclosed, as in rustc.
	src := []byte("{ ( }")
	toks := Lex(src).Tokens
	if toks[0].Match != 4 || toks[4].Match != 0 || toks[2].Match != -1 {
		t.Errorf("Match = %d %d %d, want 4 0 -1", toks[0].Match, toks[4].Match, toks[2].Match)
	}
}

func TestEmpty(t *testing.T) {
	res := Lex(nil)
	if len(res.Tokens) != 1 || res.Tokens[0] != (Token{Kind: EOF}) || len(res.Errors) != 0 {
		t.Errorf("Lex(nil) = %+v", res)
	}
}

func TestErrorSpans(t *testing.T) {
	for _, c := range []struct{ in, text string }{
		{"x = \"abc", "\"abc"},
		{"a )", ")"},
		{"0b102", "2"},
		{"'\\q'", "\\q"},
		{"r#self", "r#self"},
		{"f\"x\"", "f"},
		{"( ]", "]"}, // the unclosed `(` is reported at the end of the file
	} {
		res := Lex([]byte(c.in))
		if len(res.Errors) == 0 {
			t.Errorf("%q: no error", c.in)
			continue
		}
		if got := string(res.Errors[0].Span.Text([]byte(c.in))); got != c.text {
			t.Errorf("%q: first error %q covers %q, want %q", c.in, res.Errors[0].Msg, got, c.text)
		}
	}
}

func TestKeywords(t *testing.T) {
	for _, c := range []struct {
		word                 string
		ed                   Edition
		keyword, reservedKey bool
	}{
		{"fn", Edition2015, true, false},
		{"Self", Edition2021, true, false},
		{"async", Edition2015, false, false},
		{"async", Edition2018, true, false},
		{"await", Edition2021, true, false},
		{"dyn", Edition2015, false, false},
		{"dyn", Edition2018, true, false},
		{"async", 0, true, false}, // zero Edition is 2021
		{"try", Edition2015, false, false},
		{"try", Edition2018, false, true},
		{"gen", Edition2021, false, false},
		{"gen", Edition2024, false, true},
		{"yield", Edition2015, false, true},
		{"union", Edition2021, false, false},
		{"macro_rules", Edition2021, false, false},
		{"foo", Edition2024, false, false},
		{"_", Edition2021, false, false},
	} {
		if got := IsKeyword([]byte(c.word), c.ed); got != c.keyword {
			t.Errorf("IsKeyword(%q, %d) = %v", c.word, c.ed, got)
		}
		if got := IsReservedKeyword([]byte(c.word), c.ed); got != c.reservedKey {
			t.Errorf("IsReservedKeyword(%q, %d) = %v", c.word, c.ed, got)
		}
	}
}

func TestKindString(t *testing.T) {
	for k := Kind(0); k < numKinds; k++ {
		if k.String() == "" {
			t.Errorf("Kind(%d) has no name", k)
		}
	}
	if PathSep.String() != "::" || Ident.String() != "Ident" || EOF.String() != "EOF" || Kind(200).String() != "Kind(200)" {
		t.Error("unexpected Kind names")
	}
	// Every punctuation kind lexes back to itself from its own text.
	for k := LParen; k < EOF; k++ {
		res := Lex([]byte(k.String()))
		if res.Tokens[0].Kind != k || len(res.Tokens) != 2 {
			t.Errorf("Lex(%q) = %v, want one %v", k.String(), res.Tokens, k)
		}
	}
}

// TestTokenSize pins the token size: the slice is the lexer's only large
// allocation (about 4 bytes of tokens per byte of source).
func TestTokenSize(t *testing.T) {
	if s := unsafe.Sizeof(Token{}); s != 16 {
		t.Errorf("Token is %d bytes, want 16", s)
	}
}

func TestNoAllocsPerToken(t *testing.T) {
	src := generated(64 << 10)
	allocs := testing.AllocsPerRun(10, func() { Lex(src) })
	if allocs > 3 {
		t.Errorf("Lex of %d bytes allocates %v times, want at most 3", len(src), allocs)
	}
}

func TestInputUnchanged(t *testing.T) {
	src := generated(8 << 10)
	orig := bytes.Clone(src)
	Lex(src)
	if !bytes.Equal(src, orig) {
		t.Error("Lex modified its input")
	}
}

// Unclosed delimiters make one error at the end of the file, as in rustc:
// labels on the first five, outermost first, and one that counts the rest.
func TestUnclosedDelimiters(t *testing.T) {
	src := "fn f() { " + strings.Repeat("(", 100_000) + "1"
	res := Lex([]byte(src))
	if len(res.Errors) != 1 || !res.Fatal {
		t.Fatalf("%d errors (fatal %v), want 1: %+v", len(res.Errors), res.Fatal, res.Errors[:min(len(res.Errors), 3)])
	}
	e := res.Errors[0]
	if e.Msg != "this file contains an unclosed delimiter" || int(e.Span.Start) != len(src) || e.Span.End != e.Span.Start {
		t.Errorf("error %q at %v, want the unclosed delimiter error at %d", e.Msg, e.Span, len(src))
	}
	var got []string
	for _, l := range e.Labels {
		got = append(got, fmt.Sprintf("%d %s", l.Span.Start, l.Msg))
	}
	want := []string{"7 unclosed delimiter", "9 unclosed delimiter", "10 unclosed delimiter", "11 unclosed delimiter", "12 unclosed delimiter", "13 another 99996 unclosed delimiters begin from here"}
	if !slices.Equal(got, want) {
		t.Errorf("labels\n%q\nwant\n%q", got, want)
	}
	// Every one is still unclosed (Match -1).
	for _, tok := range res.Tokens {
		if tok.Kind.IsOpen() && tok.Start >= 7 && tok.Match != -1 {
			t.Fatalf("%v is not marked unclosed", tok)
		}
	}
}

// An unterminated literal or comment is where rustc stops: no error past
// it (the unclosed delimiters before it included), the ones before kept.
func TestFatalStops(t *testing.T) {
	for _, c := range []struct {
		src  string
		errs []string
	}{
		{"fn f() { let q = \x01; let x = \"abc", []string{"unknown start of token: \\u{1}", "unterminated double quote string"}},
		{"fn f() { /* a /* b */", []string{"unterminated block comment"}},
		{"fn f() { r##\"abc\"# } )", []string{"unterminated raw string"}},
		{"fn f() { b'a", []string{"unterminated byte constant"}},
		{"fn f() { '\\u{12", []string{"unterminated character literal"}},
	} {
		res := Lex([]byte(c.src))
		if got := errorMsgs(res.Errors); !slices.Equal(got, c.errs) || !res.Fatal {
			t.Errorf("%q: errors %q (fatal %v), want %q", c.src, got, res.Fatal, c.errs)
		}
	}
	// Errors that rustc does not stop at.
	if res := Lex([]byte("fn f() { let q = \x01; }")); res.Fatal || len(res.Errors) != 1 {
		t.Errorf("an unknown token: fatal %v, %d errors", res.Fatal, len(res.Errors))
	}
}

// A file of stray bytes makes at most MaxErrors errors.
func TestMaxErrors(t *testing.T) {
	src := strings.Repeat("x \x01 ", 10_000) + strings.Repeat(")", 10_000)
	if res := Lex([]byte(src)); len(res.Errors) != MaxErrors {
		t.Errorf("%d errors, want %d", len(res.Errors), MaxErrors)
	}
}
