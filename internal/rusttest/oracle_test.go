package rusttest_test

import (
	"slices"
	"strings"
	"testing"

	"github.com/asynctrait/asynctrait/internal/rusttest"
)

// has reports whether the tokens of sub occur in toks.
func has(toks []string, sub string) bool {
	want, err := rusttest.Tokenize(sub)
	if err != nil {
		panic(err)
	}
	for i := 0; i+len(want) <= len(toks); i++ {
		if slices.Equal(toks[i:i+len(want)], want) {
			return true
		}
	}
	return false
}

const oracleSrc = `use async_trait::async_trait;

/// A greeter.
#[async_trait]
pub trait Greeter {
    async fn greet(&self, name: &str) -> String;
    async fn twice(&self) -> usize { 2 }
}

pub struct English;

#[async_trait::async_trait(?Send)]
#[allow(dead_code)]
impl Greeter for English {
    async fn greet(&self, name: &str) -> String {
        format!("Hello, {name}!")
    }
}

// #[async_trait] in a comment is not an item.
fn uses(_: &dyn Greeter) {}
`

func TestOracle(t *testing.T) {
	t.Parallel()
	items, err := rusttest.ExpandWithCrate(t, oracleSrc)
	if err != nil {
		t.Fatal(err)
	}
	if len(items) != 2 {
		t.Fatalf("%d items, want 2: %+v", len(items), items)
	}
	tr, im := items[0], items[1]
	if tr.Line != 4 || tr.Attr != "#[async_trait]" || im.Line != 12 || im.Attr != "#[async_trait::async_trait(?Send)]" {
		t.Errorf("positions: %d %q, %d %q", tr.Line, tr.Attr, im.Line, im.Attr)
	}
	// The trait, as 0.1.56 expands it.
	for _, want := range []string{
		`# [ doc = " A greeter." ] pub trait Greeter {`,
		`# [ must_use ] # [ allow ( clippy : : type_complexity , clippy : : type_repetition_in_bounds ) ] fn greet < 'life0 , 'life1 , 'async_trait >`,
		`( & 'life0 self , name : & 'life1 str ) - > : : core : : pin : : Pin < Box < dyn : : core : : future : : Future < Output = String > + : : core : : marker : : Send + 'async_trait > >`,
		`where 'life0 : 'async_trait , 'life1 : 'async_trait , Self : 'async_trait ;`,
		// A default body requires Self: Sync and becomes Box::pin(async move { … }).
		`Self : : : core : : marker : : Sync + 'async_trait { Box : : pin ( async move {`,
		// 0.1.56's body: the early-return guard, then __self, then __ret.
		`{ if let : : core : : option : : Option : : Some ( __ret ) = : : core : : option : : Option : : None : : < usize > { return __ret ; }
		  let __self = self ; let __ret : usize = { 2 } ; # [ allow ( unreachable_code ) ] __ret } ) } }`,
	} {
		if !has(tr.Tokens, want) {
			t.Errorf("trait: missing %s\ngot: %s", want, tr.Text())
		}
	}
	if has(tr.Tokens, "async fn") || has(tr.Tokens, "dump") {
		t.Errorf("trait still has async fn or the dump attribute: %s", tr.Text())
	}
	// The ?Send impl: no Send bound, no #[must_use], the other attribute kept.
	if !has(im.Tokens, "# [ allow ( dead_code ) ] impl Greeter for English {") ||
		!has(im.Tokens, "dyn : : core : : future : : Future < Output = String > + 'async_trait > >") ||
		has(im.Tokens, "Send") || has(im.Tokens, "must_use") {
		t.Errorf("impl: %s", im.Text())
	}
	// The pretty form tokenises to the same tokens.
	for _, it := range items {
		toks, err := rusttest.Tokenize(it.Pretty)
		if err != nil {
			t.Fatal(err)
		}
		if ok, diff := rusttest.CompareTokens(it.Tokens, toks); !ok {
			t.Errorf("Tokenize(Pretty) differs from the dumped tokens: %s", diff)
		}
	}
	// Hand-written text of what the macro makes compares equal when only
	// whitespace, comments and punctuation joining differ, and not otherwise.
	want := `fn greet<'life0, 'life1, 'async_trait>(&'life0 self, name: &'life1 str)
        -> ::core::pin::Pin<Box<dyn ::core::future::Future<Output = String>
            + ::core::marker::Send + 'async_trait>> // a comment
    where 'life0: 'async_trait, 'life1: 'async_trait, Self: 'async_trait;`
	wt, err := rusttest.Tokenize(want)
	if err != nil {
		t.Fatal(err)
	}
	i := slices.Index(tr.Tokens, "fn")
	if ok, diff := rusttest.CompareTokens(wt, tr.Tokens[i:i+len(wt)]); !ok {
		t.Errorf("hand-written signature differs: %s", diff)
	}
	if ok, _ := rusttest.CompareTokens(wt, tr.Tokens[i+1:i+1+len(wt)]); ok {
		t.Error("CompareTokens equal on shifted tokens")
	}
}

func TestOracleNestedAndErrors(t *testing.T) {
	t.Parallel()
	// An async_trait impl inside a method body of another: each item gets
	// its own tokens, and the outer one carries no dump attribute.
	src := `use async_trait::async_trait;
#[async_trait] pub trait A { async fn a(&self) -> u8; }
#[async_trait] pub trait B { async fn b(&self) -> u8; }
pub struct S;
#[async_trait]
impl A for S {
    async fn a(&self) -> u8 {
        struct T;
        #[async_trait]
        impl B for T { async fn b(&self) -> u8 { 1 } }
        T.b().await
    }
}
`
	items, err := rusttest.ExpandWithCrate(t, src)
	if err != nil {
		t.Fatal(err)
	}
	if len(items) != 4 {
		t.Fatalf("%d items", len(items))
	}
	outer, inner := items[2], items[3]
	if has(outer.Tokens, "dump") || !has(outer.Tokens, "# [ async_trait ] impl B for T { async fn b") {
		t.Errorf("outer: %s", outer.Text())
	}
	if !has(inner.Tokens, "impl B for T { # [ allow") || has(inner.Tokens, "async fn") {
		t.Errorf("inner: %s", inner.Text())
	}

	// Type errors after expansion do not matter.
	if items, err := rusttest.ExpandWithCrate(t, "#[async_trait::async_trait] pub trait X { async fn f(&self) -> Missing; }"); err != nil || len(items) != 1 {
		t.Errorf("type error: %v, %d items", err, len(items))
	}
	// async-trait rejecting the item (it only accepts traits and impls)
	// gives an error carrying the macro's message.
	_, err = rusttest.ExpandWithCrate(t, "#[async_trait::async_trait] pub fn f() {}")
	if err == nil || !strings.Contains(err.Error(), "expected") {
		t.Errorf("fn item: %v", err)
	}
	// No attribute, no items.
	if items, err := rusttest.ExpandWithCrate(t, "pub trait X {}"); err != nil || len(items) != 0 {
		t.Errorf("no attribute: %v %v", items, err)
	}
	// A renamed import.
	items, err = rusttest.ExpandWithCrateOpts(t, "use async_trait::async_trait as at;\n#[at] pub trait X { async fn f(&self); }", rusttest.OracleOpts{Names: []string{"at"}})
	if err != nil || len(items) != 1 || !has(items[0].Tokens, "fn f < 'life0 , 'async_trait >") {
		t.Errorf("renamed: %v %+v", err, items)
	}
}
