package expand

import (
	"testing"

	"github.com/asynctrait/asynctrait/internal/edit"
	"github.com/asynctrait/asynctrait/internal/source"
	"github.com/asynctrait/asynctrait/internal/syntax"
)

// A line removed right after a byte order mark (the `use` of the macro,
// the attribute) goes with its line end, as it does at the start of a file
// without one: the rest is the expansion without the BOM.
func TestByteOrderMarkLineStart(t *testing.T) {
	const bom = "\ufeff"
	run := func(src string) string {
		f := syntax.Parse(source.NewFile("x.rs", []byte(src)))
		if len(f.Errors) > 0 {
			t.Fatalf("%q: %v", src, f.Errors)
		}
		edits, diags := File(f, Options{})
		if len(diags) > 0 {
			t.Fatalf("%q: %v", src, diags)
		}
		out, err := edit.Apply([]byte(src), edits)
		if err != nil {
			t.Fatal(err)
		}
		return string(out)
	}
	for _, src := range []string{
		"use async_trait::async_trait;\n\n#[async_trait]\ntrait T {\n    async fn f(&self);\n}\n",
		"use async_trait::async_trait;\r\n\r\n#[async_trait]\r\ntrait T {\r\n    async fn f(&self);\r\n}\r\n",
		"#[async_trait::async_trait]\ntrait T {\n    async fn f(&self);\n}\n",
	} {
		want := bom + run(src)
		if got := run(bom + src); got != want {
			t.Errorf("with a BOM:\n%q\nwant\n%q", got, want)
		}
	}
}
