package lexer

import (
	"os"
	"reflect"
	"testing"

	"github.com/asynctrait/asynctrait/internal/testenv"
)

// lexSlowOnly lexes src without lexFast.
func lexSlowOnly(src []byte, ed Edition, mode Mode) Result {
	slowOnly = true
	defer func() { slowOnly = false }()
	return LexMode(src, ed, mode)
}

// sameFast requires lexFast's tokens to be the general case's.
func sameFast(t *testing.T, name string, src []byte, ed Edition) {
	t.Helper()
	for _, mode := range []Mode{0, SkipWhitespace} {
		want := lexSlowOnly(src, ed, mode)
		got := LexMode(src, ed, mode)
		if !reflect.DeepEqual(got, want) {
			for i := range min(len(got.Tokens), len(want.Tokens)) {
				if got.Tokens[i] != want.Tokens[i] {
					t.Fatalf("%s (edition %d, mode %d): token %d is %+v, the general case's %+v", name, ed, mode, i, got.Tokens[i], want.Tokens[i])
				}
			}
			t.Fatalf("%s (edition %d, mode %d): results differ (%d tokens, %d errors; want %d, %d)", name, ed, mode, len(got.Tokens), len(got.Errors), len(want.Tokens), len(want.Errors))
		}
	}
}

// TestLexFastSame: every token lexFast takes, it lexes as the general case
// does, on the lexer's test cases in every edition and on the corpus.
func TestLexFastSame(t *testing.T) {
	for _, cases := range allCases() {
		for _, c := range cases {
			for _, ed := range []Edition{Edition2015, Edition2018, Edition2021, Edition2024} {
				sameFast(t, c.in, []byte(c.in), ed)
			}
		}
	}
	n := 0
	for _, path := range testenv.CorpusFiles(t) {
		src, err := os.ReadFile(path)
		if err != nil {
			t.Fatal(err)
		}
		sameFast(t, path, src, Edition(testenv.CrateEdition(path)))
		n++
	}
	t.Logf("%d corpus files", n)
}

// FuzzLexFast: any input lexes the same with lexFast as without.
func FuzzLexFast(f *testing.F) {
	for _, cases := range allCases() {
		for _, c := range cases {
			f.Add([]byte(c.in))
		}
	}
	f.Add([]byte("br\"x\" b'y' r#type cr#\"z\"# k#x _ _x __ x_ 'a ..= ... >>= <<= -> => :: #\"g\"#"))
	f.Fuzz(func(t *testing.T, src []byte) {
		for _, ed := range []Edition{Edition2018, Edition2024} {
			sameFast(t, "input", src, ed)
		}
	})
}
