package syntax

import (
	"bytes"
	"os"
	"runtime"
	"strings"
	"sync"
	"testing"

	"github.com/asynctrait/asynctrait/internal/lexer"
	"github.com/asynctrait/asynctrait/internal/source"
	"github.com/asynctrait/asynctrait/internal/testenv"
)

func parse(src string) *File { return Parse(source.NewFile("t.rs", []byte(src))) }

func text(f *File, s Span) string { return string(f.Source.Src[s.Start:s.End]) }

func TestParseItems(t *testing.T) {
	f := parse(`
//! crate doc
#![allow(dead_code)]
use std::{fmt::{self, Display as D}, io::*};
use ::core::marker::Send as _;
pub(crate) mod m { fn inner() {} }
mod file;
/// doc
#[derive(Debug)]
pub struct S<T: Clone>(T) where T: Send;
enum E { A, B(u8), C { x: u8 } }
union U { a: u8 }
static mut X: u8 = 1;
const _: () = ();
type Alias<'a> = &'a str;
extern crate alloc as a;
extern "C" { fn c_fn(x: i32, ...) -> i32; }
macro_rules! m { ($x:expr) => { $x }; }
m!(1);
a::b! { x }
pub unsafe auto trait Auto {}
trait Alias2 = Send + Sync;
unsafe impl<T: ?Sized> Send for S<T> {}
impl<T> !Sync for S<T> {}
default impl<T> Tr for T {}
`)
	if len(f.Errors) > 0 {
		t.Fatalf("errors: %v", f.Errors)
	}
	kinds := []string{}
	for _, it := range f.Items {
		kinds = append(kinds, strings.TrimPrefix(strings.TrimPrefix(typeName(it), "*syntax."), "syntax."))
	}
	want := "Use Use Mod Mod OtherItem OtherItem OtherItem Const Const TypeAlias OtherItem ExternBlock MacroCall MacroCall MacroCall Trait Trait Impl Impl Impl"
	if got := strings.Join(kinds, " "); got != want {
		t.Errorf("items:\n got %s\nwant %s", got, want)
	}
	if len(f.Attrs) != 2 {
		t.Errorf("inner attrs: %d", len(f.Attrs))
	}
	u := f.Items[0].(*Use)
	if u.Tree.Kind != UseGroup || len(u.Tree.Group) != 2 || u.Tree.Group[0].Group[1].Kind != UseRename {
		t.Errorf("use tree shape wrong")
	}
	ext := f.Items[11].(*ExternBlock)
	if fn := ext.Items[0].(*Fn); fn.Sig.Variadic == nil {
		t.Errorf("variadic not recorded")
	}
}

func typeName(v any) string {
	switch v.(type) {
	case *Use:
		return "Use"
	case *Mod:
		return "Mod"
	case *Trait:
		return "Trait"
	case *Impl:
		return "Impl"
	case *Fn:
		return "Fn"
	case *TypeAlias:
		return "TypeAlias"
	case *Const:
		return "Const"
	case *MacroCall:
		return "MacroCall"
	case *ExternBlock:
		return "ExternBlock"
	case *OtherItem:
		return "OtherItem"
	}
	return "?"
}

func TestParseSignature(t *testing.T) {
	f := parse(`trait T<'t> {
    async unsafe fn f<'a, #[cfg(x)] T: Clone + 'a = u8, const N: usize>(
        &'a mut self,
        (a, mut b): (u8, u8),
        S { x, ref mut y, .. }: S,
        _: impl Fn(&str) -> u8 + Send,
        v: Vec<Vec<u8>>,
        q: <T as Iterator>::Item,
        p: *const [u8; N],
        g: for<'b> fn(&'b u8) -> &'b u8,
        d: &dyn Iterator<Item = &'_ u8>,
    ) -> Result<impl Sized, !> where T: Send, Self: Sized;
    fn r(self: Box<Self>);
    fn s(mut self);
}`)
	if len(f.Errors) > 0 {
		t.Fatalf("errors: %v", f.Errors)
	}
	tr := f.Items[0].(*Trait)
	fn := tr.Items[0].(*Fn)
	sig := fn.Sig
	if text(f, sig.Async) != "async" || text(f, sig.Unsafe) != "unsafe" || text(f, sig.FnKw) != "fn" {
		t.Errorf("qualifiers")
	}
	if len(sig.Generics.Params) != 3 || sig.Generics.Params[1].Kind != TypeParam || len(sig.Generics.Params[1].Attrs) != 1 || sig.Generics.Params[2].Kind != ConstParam {
		t.Errorf("generics")
	}
	r := sig.Receiver()
	if r == nil || !Present(r.And) || r.Lifetime == nil || !Present(r.RefMut) {
		t.Fatalf("receiver %+v", r)
	}
	if len(sig.Params) != 9 {
		t.Fatalf("params: %d", len(sig.Params))
	}
	if _, ok := sig.Params[1].Pat.(*PatTuple); !ok {
		t.Errorf("tuple pattern")
	}
	if st, ok := sig.Params[2].Pat.(*PatStruct); !ok || !Present(st.Rest) || len(st.Fields) != 2 {
		t.Errorf("struct pattern")
	}
	if it, ok := sig.Params[3].Ty.(*ImplTraitType); !ok || len(it.Bounds) != 2 {
		t.Errorf("impl trait bounds")
	}
	v := sig.Params[4].Ty.(*PathType).Path.Segments[0].Angle
	inner := v.Args[0].(*PathType).Path.Segments[0].Angle
	if text(f, inner.Gt) != ">" || text(f, v.Gt) != ">" || inner.Gt.End != v.Gt.Start {
		t.Errorf("split >>: %q %q", text(f, inner.Gt), text(f, v.Gt))
	}
	if q := sig.Params[5].Ty.(*PathType); q.QSelf == nil || q.QSelf.Trait == nil {
		t.Errorf("qualified path")
	}
	if _, ok := sig.Params[6].Ty.(*PtrType).Elem.(*ArrayType); !ok {
		t.Errorf("pointer to array")
	}
	if fp, ok := sig.Params[7].Ty.(*FnPtrType); !ok || fp.ForLifetimes == nil || fp.Ret == nil {
		t.Errorf("fn pointer")
	}
	if sig.Where == nil || len(sig.Where.Predicates) != 2 || sig.Where.TrailingComma() {
		t.Errorf("where clause")
	}
	if r := tr.Items[1].(*Fn).Sig.Receiver(); r == nil || r.Ty == nil {
		t.Errorf("typed receiver")
	}
	if r := tr.Items[2].(*Fn).Sig.Receiver(); r == nil || !Present(r.Mut) {
		t.Errorf("mut self")
	}
}

func TestParseErrors(t *testing.T) {
	tests := map[string]string{
		"fn f(":                  "unclosed delimiter",
		"trait T { fn }":         "expected identifier, found `}`",
		"impl X for {}":          "expected type, found `{`",
		"struct":                 "expected `;` or `{`",
		"fn f() -> {}":           "expected type, found `{`",
		"fn f<T(x: T) {}":        "expected",
		"trait { }":              "expected identifier",
		"fn f(x) {}":             "expected `:`",
		"use a::{b, c;":          "",
		")":                      "unexpected closing delimiter",
		"pub fn":                 "expected identifier",
		"#[attr] 5":              "expected item, found `5`",
		"fn f(&&self) {}":        "",
		"impl<T> Tr for T where": "expected `{`",
	}
	for src, want := range tests {
		f := parse(src)
		if len(f.Errors) == 0 {
			if want != "" {
				t.Errorf("%q: no error, want %q", src, want)
			}
			continue
		}
		found := false
		for _, e := range f.Errors {
			if strings.Contains(e.Msg, want) {
				found = true
			}
			if strings.Contains(e.Msg, "internal parser error") {
				t.Errorf("%q: %s", src, e.Msg)
			}
		}
		if !found {
			t.Errorf("%q: errors %v, want one containing %q", src, f.Errors, want)
		}
	}
}

// TestDeepNesting: absurd nesting is an error, not a stack overflow.
func TestDeepNesting(t *testing.T) {
	const n = 100000
	for _, src := range []string{
		"fn f(x: " + strings.Repeat("(", n) + "u8" + strings.Repeat(")", n) + ") {}",
		"fn f(x: " + strings.Repeat("Vec<", n) + "u8" + strings.Repeat(">", n) + ") {}",
		"fn f(x: " + strings.Repeat("&", n) + "u8) {}",
		"fn f() {" + strings.Repeat("(", n) + strings.Repeat(")", n) + "}",
		strings.Repeat("mod m {", n) + strings.Repeat("}", n),
		strings.Repeat("(", n),
	} {
		f := parse(src)
		if strings.HasPrefix(src, "fn f() {") {
			if len(f.Errors) != 0 {
				t.Errorf("a deep body is a token tree and fine: %v", f.Errors[0])
			}
			continue
		}
		if len(f.Errors) == 0 {
			t.Errorf("no error for deep nesting %q…", src[:20])
		}
	}
}

// TestCorpusParse parses every file of Debian's crate sources: no error
// (lexical or syntax), no internal error, spans ordered and inside the file.
func TestCorpusParse(t *testing.T) {
	files := testenv.CorpusFiles(t)
	var mu sync.Mutex
	var bytesIn int
	work := make(chan string)
	var wg sync.WaitGroup
	for w := 0; w < runtime.GOMAXPROCS(0); w++ {
		wg.Add(1)
		go func() {
			defer wg.Done()
			for path := range work {
				src, err := os.ReadFile(path)
				if err != nil {
					t.Error(err)
					continue
				}
				if reason, ok := parseExclusions[strings.TrimPrefix(path, testenv.CorpusRoot(t)+"/")]; ok && reason != "" {
					continue
				}
				sf := source.NewFile(path, src)
				f := ParseEdition(sf, lexer.Edition(testenv.CrateEdition(path)))
				for _, e := range f.Errors {
					p := sf.Position(int(e.Span.Start))
					t.Errorf("%s:%d:%d: %s", path, p.Line, p.Column, e.Msg)
				}
				checkSpans(t, path, f)
				mu.Lock()
				bytesIn += len(src)
				mu.Unlock()
			}
		}()
	}
	for _, p := range files {
		work <- p
	}
	close(work)
	wg.Wait()
	t.Logf("%d files, %d bytes parsed", len(files), bytesIn)
}

// parseExclusions lists corpus files that are not item files, each with
// the reason.
var parseExclusions = map[string]string{
	"erased-serde-0.3.23/src/features_check/error.rs":         "a string literal included with include!, not items",
	"serde_json-1.0.87/src/features_check/error.rs":           "a string literal included with include!, not items",
	"pin-project-1.0.10/tests/ui/pinned_drop/invalid-self.rs": "a UI test that must fail to parse (`self @ _` parameter)",
}

func checkSpans(t *testing.T, path string, f *File) {
	var last uint32
	var walk func(items []Item, lo, hi uint32)
	walk = func(items []Item, lo, hi uint32) {
		for _, it := range items {
			s := it.Span()
			if s.Start < lo || s.End > hi || s.Start < last || s.End < s.Start {
				t.Errorf("%s: item span %v outside [%d,%d) or out of order", path, s, lo, hi)
				return
			}
			last = s.Start
			switch it := it.(type) {
			case *Trait:
				walk(it.Items, s.Start, s.End)
			case *Impl:
				walk(it.Items, s.Start, s.End)
			case *Mod:
				walk(it.Items, s.Start, s.End)
			case *Fn:
				if !bytes.Equal(f.Source.Src[it.Sig.FnKw.Start:it.Sig.FnKw.End], []byte("fn")) {
					t.Errorf("%s: FnKw span %v is not `fn`", path, it.Sig.FnKw)
				}
				if Present(it.Sig.Async) && string(f.Source.Src[it.Sig.Async.Start:it.Sig.Async.End]) != "async" {
					t.Errorf("%s: Async span is not `async`", path)
				}
			}
		}
	}
	walk(f.Items, 0, uint32(len(f.Source.Src)))
}

func FuzzParse(f *testing.F) {
	f.Add([]byte("trait T { async fn f<'a, T: X<Y>>(&'a self, (a, b): (u8, u8)) -> Vec<Vec<u8>> where T: Send; }"))
	f.Add([]byte("impl<T> Tr for &'_ dyn Fn(&u8) -> u8 { fn f(self: Box<Self>) {} }"))
	f.Add([]byte("macro_rules! m { () => { impl $t for $u {} } }"))
	f.Fuzz(func(t *testing.T, src []byte) {
		orig := bytes.Clone(src)
		sf := source.NewFile("fuzz.rs", src)
		file := Parse(sf)
		for _, e := range file.Errors {
			if strings.Contains(e.Msg, "internal parser error") {
				t.Fatalf("%s", e.Msg)
			}
		}
		if !bytes.Equal(src, orig) {
			t.Fatal("input modified")
		}
		// Tokens (whitespace left out) are in order, and what lies
		// between them is whitespace.
		pos := uint32(0)
		for _, tk := range file.Tokens {
			if tk.Start < pos || tk.End < tk.Start {
				t.Fatalf("token %v out of order after offset %d", tk, pos)
			}
			if gap := src[pos:tk.Start]; len(gap) > 0 && !onlyWhitespace(gap) {
				t.Fatalf("non-whitespace %q between tokens", gap)
			}
			pos = tk.End
		}
		if pos != uint32(len(src)) {
			t.Fatalf("tokens end at %d, input at %d", pos, len(src))
		}
		checkSpans(t, "fuzz", file)
		_, _ = ParseTokens(sf, file.Tokens, TokenRange{Start: 0, End: len(file.Tokens)}, MacroBody)
	})
}

func BenchmarkParseCorpus(b *testing.B) {
	files := testenv.CorpusFiles(b)
	var srcs [][]byte
	total := 0
	for _, p := range files {
		src, err := os.ReadFile(p)
		if err == nil {
			srcs = append(srcs, src)
			total += len(src)
		}
	}
	b.SetBytes(int64(total))
	b.ReportAllocs()
	b.ResetTimer()
	for i := 0; i < b.N; i++ {
		for _, src := range srcs {
			Parse(source.NewFile("x.rs", src))
		}
	}
}

func BenchmarkParseGenerated(b *testing.B) {
	var buf bytes.Buffer
	for i := 0; buf.Len() < 1<<20; i++ {
		buf.WriteString("pub trait Service: Send + Sync {\n    async fn get(&self, key: &str) -> Option<Vec<u8>>;\n    fn name(&self) -> &str { \"x\" }\n}\n")
		buf.WriteString("impl<T: Clone + Send> Service for Vec<T> where T: Sync {\n    async fn get(&self, key: &str) -> Option<Vec<u8>> { None }\n    fn name(&self) -> &str { \"v\" }\n}\n")
	}
	src := buf.Bytes()
	b.SetBytes(int64(len(src)))
	b.ReportAllocs()
	for i := 0; i < b.N; i++ {
		Parse(source.NewFile("g.rs", src))
	}
}

var _ = lexer.Lex

func onlyWhitespace(b []byte) bool {
	toks := lexer.Lex(b).Tokens
	return len(toks) == 2 && toks[0].Kind == lexer.Whitespace
}
