package lexer

import (
	"bytes"
	"testing"
)

// FuzzLex checks the Result invariants (see checkResult: round trip,
// contiguous spans, one EOF, symmetric delimiter matches, sorted errors) on
// any input and in every edition, and that lexing never panics or changes
// its input. It is seeded with the table tests' inputs.
func FuzzLex(f *testing.F) {
	for _, cases := range allCases() {
		for _, c := range cases {
			f.Add([]byte(c.in))
		}
	}
	f.Add([]byte(benchSource))
	f.Fuzz(func(t *testing.T, src []byte) {
		orig := bytes.Clone(src)
		for _, ed := range []Edition{Edition2015, Edition2018, Edition2021, Edition2024} {
			res := LexEdition(src, ed)
			if msg := checkResult(src, res); msg != "" {
				t.Fatalf("edition %d: %s", ed, msg)
			}
		}
		if !bytes.Equal(src, orig) {
			t.Fatal("Lex modified its input")
		}
	})
}
