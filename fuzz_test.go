package asynctrait_test

import (
	"bytes"
	"os"
	"path/filepath"
	"testing"

	"github.com/asynctrait/asynctrait"
)

// FuzzExpand checks, for any input: no panic (Expand turns internal
// failures into diagnostics, which this test rejects), the input bytes are
// not modified, a file without the marker comes out byte-identical, a
// rejected file comes out unchanged, and a rewritten file is a fixed point.
func FuzzExpand(f *testing.F) {
	for _, pattern := range []string{"testdata/expand/*.rs", "testdata/cases/*.rs", "examples/*.rs"} {
		files, _ := filepath.Glob(pattern)
		for _, file := range files {
			if src, err := os.ReadFile(file); err == nil {
				f.Add(src)
			}
		}
	}
	f.Add([]byte("#[async_trait] trait T { async fn f(&self); }"))
	f.Fuzz(func(t *testing.T, src []byte) {
		orig := bytes.Clone(src)
		res := asynctrait.Expand("fuzz.rs", src, asynctrait.Options{})
		if !bytes.Equal(src, orig) {
			t.Fatal("Expand modified its input")
		}
		for _, d := range res.Diagnostics {
			if bytes.HasPrefix([]byte(d.Message), []byte("internal error")) {
				t.Fatalf("internal error: %s", d.Message)
			}
		}
		if !bytes.Contains(src, []byte("async_trait")) && !bytes.Equal(res.Output, src) {
			t.Fatal("a file without async_trait was changed")
		}
		if res.HasErrors() {
			if !bytes.Equal(res.Output, src) {
				t.Fatal("a file with errors was changed")
			}
			return
		}
		again := asynctrait.Expand("fuzz.rs", res.Output, asynctrait.Options{})
		if again.HasErrors() {
			t.Fatalf("the output does not parse again: %s\n%s", again.Diagnostics[0].Message, res.Output)
		}
		if !bytes.Equal(again.Output, res.Output) {
			t.Fatalf("not idempotent:\n%s\n---\n%s", res.Output, again.Output)
		}
	})
}
