package asynctrait

import (
	"bytes"
	"os"
	"path/filepath"
	"strings"
	"testing"

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
