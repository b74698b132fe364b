package syntax

import (
	"strings"
	"testing"

	"github.com/asynctrait/asynctrait/internal/source"
)

// A file reports at most MaxErrors syntax errors, then one that counts
// the rest.
func TestMaxErrors(t *testing.T) {
	src := strings.Repeat("fn 1() {}\n", 1000)
	f := Parse(source.NewFile("x.rs", []byte(src)))
	if len(f.Errors) != MaxErrors+1 {
		t.Fatalf("%d errors, want %d", len(f.Errors), MaxErrors+1)
	}
	if last := f.Errors[MaxErrors].Msg; !strings.HasPrefix(last, "too many errors: ") {
		t.Errorf("last error %q", last)
	}
}

// After an unterminated literal or unbalanced delimiters, rustc reports
// the lexer's errors and does not parse: no parse errors either.
func TestFatalLexErrorsOnly(t *testing.T) {
	for src, want := range map[string]string{
		"fn f( -> {\n    let x = \"abc": "unterminated double quote string",
		"fn f( -> {\n    let x = (1":    "this file contains an unclosed delimiter",
		"fn f() -> { let x = 1; }\n}":   "unexpected closing delimiter: `}`",
	} {
		f := Parse(source.NewFile("x.rs", []byte(src)))
		if len(f.Errors) != 1 || f.Errors[0].Msg != want {
			t.Errorf("%q: errors %+v, want only %q", src, f.Errors, want)
		}
	}
	// Other lexer errors are not fatal: the parse errors come too.
	f := Parse(source.NewFile("x.rs", []byte("fn f( -> { let q = \x01; }\n")))
	if len(f.Errors) < 2 {
		t.Errorf("errors %+v, want the lexer's and the parser's", f.Errors)
	}
}

// An unknown character is the lexer's error only: rustc's parser never
// sees it, so there is no "expected item, found `␀`" after it.
func TestUnknownCharOneError(t *testing.T) {
	f := Parse(source.NewFile("x.rs", []byte("fn f() {}\n\x00\x00\x00\nfn g() {}\n")))
	if len(f.Errors) != 1 || !strings.HasPrefix(f.Errors[0].Msg, "unknown start of token") {
		t.Errorf("errors %+v, want the unknown token's only", f.Errors)
	}
}
