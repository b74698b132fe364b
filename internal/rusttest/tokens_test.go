package rusttest_test

import (
	"fmt"
	"os"
	"path/filepath"
	"regexp"
	"slices"
	"sort"
	"strings"
	"testing"

	"github.com/asynctrait/asynctrait/internal/rusttest"
)

func TestTokenize(t *testing.T) {
	t.Parallel()
	tests := []struct {
		src  string
		want []string
	}{
		{"a::b", []string{"a", ":", ":", "b"}},
		{"x->y=>z", []string{"x", "-", ">", "y", "=", ">", "z"}},
		{"'a 'static '_ 'r#fn", []string{"'a", "'static", "'_", "'r#fn"}},
		{`'a' '\'' '\u{1F600}' b'x' '"'`, []string{"'a'", `'\''`, `'\u{1F600}'`, "b'x'", `'"'`}},
		{"&'a str", []string{"&", "'a", "str"}},
		{"1 1.0 1. 1e10 1.5E-3f64 0x1F_u8 0b1010 0o17i64 1_000", []string{"1", "1.0", "1.", "1e10", "1.5E-3f64", "0x1F_u8", "0b1010", "0o17i64", "1_000"}},
		{"1..2 1.max(2) x.0.1 -1", []string{"1", ".", ".", "2", "1", ".", "max", "(", "2", ")", "x", ".", "0.1", "-", "1"}},
		{`"a\"b" r"c\" r#"d"e"# br"f" b"g" c"h" "i"suffix`, []string{`"a\"b"`, `r"c\"`, `r#"d"e"#`, `br"f"`, `b"g"`, `c"h"`, `"i"suffix`}},
		{"r#type r#async _ _x", []string{"r#type", "r#async", "_", "_x"}},
		{"a /* b /* nested */ c */ d // e\nf", []string{"a", "d", "f"}},
		{"/// doc \"q\" it's \\ é\nfn", []string{"#", "[", "doc", "=", `" doc \"q\" it\'s \\ é"`, "]", "fn"}},
		{"//! inner\n/*! block\n inner */", []string{"#", "!", "[", "doc", "=", `" inner"`, "]", "#", "!", "[", "doc", "=", `" block\n inner "`, "]"}},
		{"//// not doc\n/**/ /*** not doc */ /** doc */ x", []string{"#", "[", "doc", "=", `" doc "`, "]", "x"}},
		{"///\tt\r\nx", []string{"#", "[", "doc", "=", `"\tt"`, "]", "x"}},
		{"#!/usr/bin/env run\nfn main(){}", []string{"fn", "main", "(", ")", "{", "}"}},
		{"#![allow(x)]", []string{"#", "!", "[", "allow", "(", "x", ")", "]"}},
		{"\uFEFFfn é٣()", []string{"fn", "é٣", "(", ")"}},
		{"\"multi\r\nline\"", []string{"\"multi\nline\""}},
		{"$crate #[a] @ ~ ? ^ % |", []string{"$", "crate", "#", "[", "a", "]", "@", "~", "?", "^", "%", "|"}},
	}
	for _, tt := range tests {
		got, err := rusttest.Tokenize(tt.src)
		if err != nil || !slices.Equal(got, tt.want) {
			t.Errorf("Tokenize(%q)\n got %q, %v\nwant %q", tt.src, got, err, tt.want)
		}
	}
	for _, bad := range []string{`"unterminated`, "/* open", "r#\"x\"", "'ab'", "a \u0001 b"} {
		if _, err := rusttest.Tokenize(bad); err == nil {
			t.Errorf("Tokenize(%q): no error", bad)
		}
	}
	toks, _ := rusttest.Lex("a\n  'b\n/// c\n\"d\ne\" f")
	var lines []int
	for _, tk := range toks {
		lines = append(lines, tk.Line)
	}
	if want := []int{1, 2, 3, 3, 3, 3, 3, 3, 4, 5}; !slices.Equal(lines, want) {
		t.Errorf("lines %v, want %v", lines, want)
	}
	if ok, diff := rusttest.EqualTokens("a :: b // x", "a: :b"); !ok {
		t.Errorf("EqualTokens: %s", diff)
	}
	if ok, diff := rusttest.EqualTokens("a::b", "a::c"); ok || !strings.Contains(diff, ">>>b<<<") || !strings.Contains(diff, ">>>c<<<") {
		t.Errorf("EqualTokens on different text: %v %q", ok, diff)
	}
	if ok, diff := rusttest.CompareTokens([]string{"a"}, []string{"a", "b"}); ok || !strings.Contains(diff, ">>>(end)<<<") {
		t.Errorf("CompareTokens prefix: %v %q", ok, diff)
	}
}

func TestEscapeDebug(t *testing.T) {
	t.Parallel()
	for in, want := range map[string]string{
		"plain":      "plain",
		"q\"'\\":     `q\"\'\\`,
		"\t\r\n\x00": `\t\r\n\0`,
		"\u00a0é":    `\u{a0}é`,
		"e\u0301":    `e\u{301}`,
		"\u200b\x7f": `\u{200b}\u{7f}`,
		"😀":          "😀",
	} {
		if got := rusttest.EscapeDebug(in); got != want {
			t.Errorf("EscapeDebug(%q) = %q, want %q", in, got, want)
		}
	}
}

// Tricky items, tokenised by rustc (through the dump macro) and by Tokenize.
var tokenItems = []string{
	"fn f<'a, T: ?Sized + 'a>(x: &'a T) -> &'a T where T: Sync { x }",
	"const C: [f64; 8] = [1., 1.0, 1e3, 1.5E-3f64, 0x1F as f64, 0b1010 as f64, 0o17 as f64, 1_000.0_f64];",
	"fn g() { let t = ((1, 2), 3); let _ = t.0.1; let _ = 1..2; let _ = 1.max(2); let _ = -1i8; }",
	`const S: [&str; 4] = ["a\"b\\", r"c\", r#"d"e"#, "multi
line"];`,
	`const B: (&[u8], u8, char, char, char) = (br##"x"#y"##, b'\'', '\u{1F600}', '\'', '"');`,
	"/// doc \"q\" it's \\ a\ttab é e\u0301 \u00a0\n/** block\n * doc */\n#[doc = \"attr\"]\nstruct D;",
	"mod m {\n    //! inner line\n    /*! inner block */\n    //// four slashes\n    /*** three stars */\n    pub struct X;\n}",
	"macro_rules! m { ($($t:tt)*) => { $crate::x!($($t)*); }; }",
	"fn r#match(r#type: u8) -> u8 { 'outer: loop { break 'outer r#type; } }",
	"trait T { async fn f(&self) -> impl Iterator<Item = u8> + '_; fn g<const N: usize>() -> [u8; N]; }",
	"fn h() -> i32 { let x = 5 >> 1 << 2; x &= !0 | 1 ^ 3; if x >= 1 && x <= 9 || x != 3 { x %= 2 } x }",
	"static E: &str = \"emoji 😀 and \\u{7f}\";",
}

func TestTokenizeMatchesRustc(t *testing.T) {
	t.Parallel()
	dumped, err := rusttest.DumpItems(t, "2021", tokenItems)
	if err != nil {
		t.Fatal(err)
	}
	for i, item := range tokenItems {
		got, err := rusttest.Tokenize(item)
		if err != nil {
			t.Errorf("item %d: %v", i, err)
			continue
		}
		if ok, diff := rusttest.CompareTokens(dumped[i], got); !ok {
			t.Errorf("item %d %q:\n%s", i, item, diff)
		}
	}
}

// TestTokenizeMatchesRustcOnCorpus compares Tokenize with rustc's own
// tokenisation on real files from the Debian registry: each file's
// contents become an inline module the dump macro receives.
func TestTokenizeMatchesRustcOnCorpus(t *testing.T) {
	if testing.Short() {
		t.Skip("-short")
	}
	t.Parallel()
	reg := rusttest.Registry()
	var files []string
	for _, pattern := range []string{
		"async-trait-*/tests/test.rs", "async-trait-*/src/*.rs",
		"tokio-postgres-*/src/generic_client.rs", "ttrpc-*/src/asynchronous/*.rs",
		"syn-1.*/src/lit.rs", "syn-1.*/src/token.rs", "serde_json-*/src/de.rs",
		"regex-1.*/src/exec.rs", "tokio-1.*/src/sync/mutex.rs", "futures-util-*/src/stream/mod.rs",
		"trust-dns-server-*/src/authority/*.rs", "tracing-attributes-*/src/expand.rs",
		"hyper-0.*/src/body/*.rs", "serde-1.*/src/private/de.rs", "regex-syntax-*/src/ast/parse.rs", "trust-dns-proto-*/src/rr/*.rs",
	} {
		m, _ := filepath.Glob(filepath.Join(reg, pattern))
		files = append(files, m...)
	}
	sort.Strings(files)
	// Out-of-line `mod x;` is not allowed inside attribute macro input.
	outOfLine := regexp.MustCompile(`(?m)^\s*(pub(\([^)]*\))?\s+)?mod\s+\w+\s*;`)
	var items []string
	var names []string
	for _, f := range files {
		b, err := os.ReadFile(f)
		if err != nil {
			t.Fatal(err)
		}
		// rustc applies cfg_attr in the item's own (here: the module's inner)
		// attributes before calling the macro, so those differ by design.
		if outOfLine.Match(b) || strings.Contains(string(b), "#![feature") || strings.Contains(string(b), "#![cfg_attr") {
			continue
		}
		items = append(items, "mod m {\n"+string(b)+"\n}")
		names = append(names, f)
	}
	if len(items) < 15 {
		missingCorpus(t, fmt.Sprintf("only %d corpus files under %s", len(items), reg))
	}
	compared := 0
	for i := range items {
		dumped, err := rusttest.DumpItems(t, "2018", items[i:i+1])
		if err != nil {
			t.Logf("%s: rustc does not take it as module contents; skipped: %.300s", names[i], err)
			continue
		}
		got, err := rusttest.Tokenize(items[i])
		if err != nil {
			t.Errorf("%s: %v", names[i], err)
			continue
		}
		if ok, diff := rusttest.CompareTokens(dumped[0], got); !ok {
			t.Errorf("%s:\n%s", names[i], diff)
		}
		compared++
	}
	if compared < 15 {
		t.Errorf("compared only %d files", compared)
	}
	t.Logf("compared %d corpus files", compared)
}

func missingCorpus(t *testing.T, msg string) {
	if os.Getenv("CI") != "" {
		t.Fatal(msg)
	}
	t.Skip(msg)
}
