// Package syntax parses Rust source into a typed tree of the parts of a file
// that async traits involve: items, attributes, generics, where clauses,
// signatures, types and parameter patterns. Function bodies and other
// expressions stay token trees.
//
// The tree is lossless in the sense that matters for a rewriter: every node
// records the byte span it came from, every keyword or delimiter that a
// rewrite may need to touch has its own span field (named after the token,
// as in go/ast and syn), and the token slice the file was parsed from is kept
// in File, so any node's original text, trivia included, is src[Start:End].
// A zero Span (Start == End == 0 on a field that is not the first token of
// the file) means "absent"; use Span.IsZero-style checks through the Has*
// helpers where provided.
package syntax

import (
	"github.com/asynctrait/asynctrait/internal/lexer"
	"github.com/asynctrait/asynctrait/internal/source"
)

// Span is a byte range in the source.
type Span = source.Span

// Node is implemented by every tree node.
type Node interface {
	Span() Span
}

// node is embedded in every node type; Sp covers the node's text without
// leading or trailing trivia.
type node struct {
	Sp Span
}

// Span returns the node's byte range.
func (n *node) Span() Span { return n.Sp }

// Present reports whether an optional keyword/punct span was found. Spans of
// present tokens are never empty, so an empty span means absent.
func Present(s Span) bool { return s.End > s.Start }

// Error is a syntax error.
type Error struct {
	Span   Span
	Msg    string        // rustc-like wording: "expected one of `(`, `<`, found `{`"
	Labels []lexer.Label // secondary spans with messages, from the lexer
}

// File is a parsed source file.
type File struct {
	Source *source.File
	Tokens []lexer.Token // all tokens but whitespace (comments included), as the lexer made them
	Attrs  []*Attr       // inner attributes of the file (`#![…]`, `//!`)
	Items  []Item
	Errors []Error // lexical and syntax errors, sorted by position
}

// Ident is an identifier (keywords included where the grammar allows them,
// raw identifiers keep their `r#`).
type Ident struct {
	node
}

// Lifetime is `'a`, `'static`, `'_` or a raw lifetime `'r#a`.
type Lifetime struct {
	node
}

// TokenRange is a half-open range [Start, End) of indices into File.Tokens,
// used for parts kept as token trees (bodies, expressions, macro input).
// For a delimited group, Start is the opening delimiter and End-1 the closing one.
type TokenRange struct {
	Start, End int
}

// ---------------------------------------------------------------------------
// Attributes and visibility

// AttrStyle tells a `#[…]` attribute from a doc comment.
type AttrStyle uint8

const (
	AttrNormal AttrStyle = iota // #[path args] or #![path args]
	AttrDoc                     // /// … , //! … , /** … */ , /*! … */
)

// Attr is one attribute. For AttrNormal, Path is the attribute path
// (`async_trait`, `async_trait::async_trait`, `cfg_attr`) and Args the tokens
// after it inside the brackets: a delimited group (`(?Send)`), `= expr`, or
// empty. Bracket covers `[…]`.
type Attr struct {
	node
	Style   AttrStyle
	Inner   bool
	Pound   Span       // `#`
	Bang    Span       // `!` of an inner attribute
	Bracket TokenRange // the `[` … `]` group
	Unsafe  Span       // `unsafe` of `#[unsafe(no_mangle)]`; then Path/Args are inside its parens
	Path    *Path      // nil for doc comments
	Args    TokenRange // tokens after the path up to `]` (empty range if none)
}

// VisKind is the kind of a visibility.
type VisKind uint8

const (
	VisPub        VisKind = iota // pub
	VisRestricted                // pub(crate), pub(self), pub(super), pub(in path)
	VisCrate                     // `crate` (old unstable form)
)

// Vis is a visibility; Item.Vis is nil when none is written.
type Vis struct {
	node
	Kind VisKind
}

// ---------------------------------------------------------------------------
// Items

// Item is an item in a file, module, trait or impl.
type Item interface {
	Node
	Common() *ItemCommon
}

// ItemCommon holds what every item has. Sp of the item includes its outer
// attributes; Start is the first attribute or, without attributes, the first
// token of the item.
type ItemCommon struct {
	node
	Attrs []*Attr // outer attributes, doc comments included, in order
	Vis   *Vis
}

// Common returns the common part of the item.
func (c *ItemCommon) Common() *ItemCommon { return c }

// UseTreeKind is the kind of a use tree.
type UseTreeKind uint8

const (
	UseSimple UseTreeKind = iota // a::b
	UseRename                    // a::b as c   (c may be `_`)
	UseGlob                      // a::*
	UseGroup                     // a::{…}
)

// UseTree is `a::b`, `a::b as c`, `a::*` or `a::{…}`. Path may be empty
// (`use ::{a, b}` or `use {a, b}`); LeadingColon marks a leading `::`.
type UseTree struct {
	node
	LeadingColon Span
	Path         []*Ident // segments (self, super, crate included)
	Kind         UseTreeKind
	Rename       *Ident // for UseRename; the `_` of `as _` is an Ident too
	Group        []*UseTree
	Brace        TokenRange
}

// Use is a `use` item.
type Use struct {
	ItemCommon
	UseKw Span
	Tree  *UseTree
	Semi  Span
}

// Mod is `mod name;` (Items == nil, Body empty) or `mod name { … }`.
type Mod struct {
	ItemCommon
	Unsafe     Span
	ModKw      Span
	Name       *Ident
	Body       TokenRange // the braces; empty for `mod x;`
	InnerAttrs []*Attr
	Items      []Item
	Semi       Span
}

// Trait is a trait definition.
type Trait struct {
	ItemCommon
	Unsafe      Span
	Auto        Span
	TraitKw     Span
	Name        *Ident
	Generics    *Generics // nil if no `<…>`
	Colon       Span      // `:` before supertraits
	Supertraits []Bound
	Where       *WhereClause
	Body        TokenRange // `{` … `}`
	InnerAttrs  []*Attr
	Items       []Item
	// TraitAlias: `trait A = B + C;` — Eq set, Items nil.
	Eq   Span
	Semi Span
}

// Impl is an impl block, inherent (Trait == nil) or of a trait.
type Impl struct {
	ItemCommon
	Default    Span
	Unsafe     Span
	ImplKw     Span
	Generics   *Generics
	Const      Span // `impl const Trait for …`
	Neg        Span // `!` of a negative impl
	Trait      *Path
	For        Span
	SelfTy     Type
	Where      *WhereClause
	Body       TokenRange
	InnerAttrs []*Attr
	Items      []Item
}

// Fn is a function (free, in a trait, or in an impl).
type Fn struct {
	ItemCommon
	Default Span // `default fn` in specialising impls
	Sig     *Signature
	Body    *Block // nil for `fn f();`
	Semi    Span
}

// Signature is a function signature. Sp runs from the first qualifier
// (`const`/`async`/`unsafe`/`extern`/`fn`) to the end of the where clause
// (or of the return type, or of `)`).
type Signature struct {
	node
	Const    Span
	Async    Span
	Unsafe   Span
	Safe     Span // `safe fn` in extern blocks
	Extern   Span
	ABI      Span // the string literal after `extern`, if any
	FnKw     Span
	Name     *Ident
	Generics *Generics
	Paren    TokenRange // `(` … `)`
	Params   []*Param   // the receiver, if any, is Params[0] with Receiver set
	Variadic *Param     // `...` (C variadic), also present in Params at its place
	Arrow    Span
	Ret      Type // nil when there is no `->`
	Where    *WhereClause
}

// Receiver returns the receiver parameter, or nil.
func (s *Signature) Receiver() *Receiver {
	if len(s.Params) > 0 && s.Params[0].Receiver != nil {
		return s.Params[0].Receiver
	}
	return nil
}

// Param is one function parameter: a receiver, a typed pattern, a bare type
// (2015-edition trait methods and fn pointers), or `...`. Sp includes the
// parameter's attributes; Comma is the `,` after it, if any.
type Param struct {
	node
	Attrs    []*Attr
	Receiver *Receiver
	Pat      Pat  // nil for a receiver, a bare type or `...`
	Colon    Span // `:` between pattern and type
	Ty       Type // nil for an untyped receiver and a bare `...`
	Dots     Span // `...` (C variadic), possibly `pat: ...`
	Comma    Span
}

// Receiver is `self`, `mut self`, `&self`, `&'a mut self`, `self: T`, `mut self: T`.
type Receiver struct {
	node
	And      Span      // `&` of the shorthand forms
	Lifetime *Lifetime // `'a` of `&'a self`
	RefMut   Span      // `mut` of `&mut self`
	Mut      Span      // binding `mut` of `mut self` / `mut self: T`
	SelfKw   Span
	Colon    Span
	Ty       Type // typed receiver `self: Box<Self>`
}

// Block is a `{ … }` kept as a token tree. InnerAttrs are the `#![…]` right
// after `{`.
type Block struct {
	node
	Tokens     TokenRange // `{` … `}` inclusive
	InnerAttrs []*Attr
}

// TypeAlias is `type Name<G>: Bounds where … = Ty where …;` (associated or free).
type TypeAlias struct {
	ItemCommon
	Default    Span
	TypeKw     Span
	Name       *Ident
	Generics   *Generics
	Colon      Span
	Bounds     []Bound
	Where      *WhereClause // before `=`
	Eq         Span
	Ty         Type         // nil when no `=`
	AfterWhere *WhereClause // where clause after the type
	Semi       Span
}

// Const is `const NAME: Ty = expr;` or `static [mut] NAME: Ty = expr;`
// (associated or free). `const _: T = …;` has Name `_`.
type Const struct {
	ItemCommon
	Default  Span
	Static   bool
	Kw       Span // `const` or `static`
	Mut      Span
	Name     *Ident
	Generics *Generics
	Colon    Span
	Ty       Type // may be nil in malformed-but-accepted input
	Eq       Span
	Expr     TokenRange // empty when no `=`
	Semi     Span
}

// MacroCall is a macro invocation in item position, `path! (…);`,
// `path! {…}`, and `macro_rules! name {…}` (Name set). Body is the delimited
// group.
type MacroCall struct {
	ItemCommon
	Path *Path
	Bang Span
	Name *Ident // for `macro_rules! name` and `macro name`
	Body TokenRange
	Semi Span
}

// ExternBlock is `[unsafe] extern "abi" { … }`.
type ExternBlock struct {
	ItemCommon
	Unsafe     Span
	Extern     Span
	ABI        Span
	Body       TokenRange
	InnerAttrs []*Attr
	Items      []Item
}

// OtherItem is an item kept structurally but not parsed further: struct,
// enum, union, extern crate, macro 2.0 definitions, and items in positions
// asynctrait never rewrites. Keyword is the span of the word that names its
// kind (`struct`, `enum`, `union`, `crate`, `macro`, …).
type OtherItem struct {
	ItemCommon
	Keyword Span
	Name    *Ident
}

// ---------------------------------------------------------------------------
// Generics and where clauses

// GenericParamKind is the kind of a generic parameter.
type GenericParamKind uint8

const (
	LifetimeParam GenericParamKind = iota
	TypeParam
	ConstParam
)

// Generics is `<…>` on an item or function.
type Generics struct {
	node
	Lt     Span
	Params []*GenericParam
	Gt     Span
}

// TrailingComma reports whether the list ends with a comma.
func (g *Generics) TrailingComma() bool {
	return len(g.Params) > 0 && Present(g.Params[len(g.Params)-1].Comma)
}

// GenericParam is `'a: 'b + 'c`, `T: Bound = Default`, or `const N: usize = 3`,
// with its attributes. Sp includes attributes, not the trailing comma.
type GenericParam struct {
	node
	Attrs    []*Attr
	Kind     GenericParamKind
	Lifetime *Lifetime // LifetimeParam
	Const    Span      // `const` of a ConstParam
	Name     *Ident    // TypeParam and ConstParam
	Colon    Span
	Bounds   []Bound // lifetime params have LifetimeBound elements only
	Ty       Type    // ConstParam's type
	Eq       Span
	Default  Type       // TypeParam default
	ConstDef TokenRange // ConstParam default expression
	Comma    Span
}

// WhereClause is `where P1, P2,`.
type WhereClause struct {
	node
	WhereKw    Span
	Predicates []*WherePredicate
}

// TrailingComma reports whether the clause ends with a comma.
func (w *WhereClause) TrailingComma() bool {
	return len(w.Predicates) > 0 && Present(w.Predicates[len(w.Predicates)-1].Comma)
}

// WherePredicate is `for<'a> T: Bounds` or `'a: 'b + 'c`.
type WherePredicate struct {
	node
	ForLifetimes *ForLifetimes
	Lifetime     *Lifetime // lifetime predicate
	Ty           Type      // type predicate
	Colon        Span
	Bounds       []Bound
	Comma        Span
}

// ForLifetimes is `for<'a, 'b>`.
type ForLifetimes struct {
	node
	Params []*GenericParam
}

// Bound is a TraitBound, a LifetimeBound or a UseBound. Plus is the `+`
// after it, if any.
type Bound interface {
	Node
	boundNode()
}

// TraitBoundModifier is `?`, `~const`, `const`, `async` etc. in front of a bound.
type TraitBound struct {
	node
	Paren        TokenRange // `( … )` around the bound, if any
	Modifiers    Span       // `?`, `~const`, `const`, `async`, `!` — all of them as one span
	Question     Span       // the `?` of `?Sized`
	ForLifetimes *ForLifetimes
	Path         *Path
	Plus         Span
}

// LifetimeBound is `'a` in a bound list.
type LifetimeBound struct {
	node
	Lifetime *Lifetime
	Plus     Span
}

// UseBound is precise capturing `use<'a, T>`.
type UseBound struct {
	node
	Plus Span
}

// MacroBound is a macro call in bound position (kept as a token tree).
type MacroBound struct {
	node
	Plus Span
}

func (*TraitBound) boundNode()    {}
func (*LifetimeBound) boundNode() {}
func (*UseBound) boundNode()      {}
func (*MacroBound) boundNode()    {}

// ---------------------------------------------------------------------------
// Paths

// Path is `a::b<T>::c`, `::a`, `Fn(A) -> B`, `crate::x`, `$crate::x`.
type Path struct {
	node
	LeadingColon Span
	Segments     []*PathSegment
}

// PathSegment is one segment with optional generic arguments. Angle holds
// `<…>` arguments (Turbofish set for `::<…>`); Paren is set for the
// parenthesised `Fn(A, B) -> C` sugar.
type PathSegment struct {
	node
	Name      *Ident
	Turbofish Span // `::` before `<`
	Angle     *GenericArgs
	Paren     *ParenArgs
}

// GenericArgs is `<'a, T, N, Item = u8, Item: Bound>`.
type GenericArgs struct {
	node
	Lt   Span
	Args []GenericArg
	Gt   Span // may be the first half of a `>>` token
}

// GenericArg is one of *Lifetime, Type (a Type node), *ConstArg,
// *AssocBinding, *AssocConstraint.
type GenericArg interface {
	Node
}

// ConstArg is a const generic argument written as a block or literal
// (`{ N + 1 }`, `3`, `-1`); a bare path is parsed as a Type.
type ConstArg struct {
	node
	Tokens TokenRange
}

// AssocBinding is `Item = Ty` (or `Item<'a> = Ty`).
type AssocBinding struct {
	node
	Name     *Ident
	Generics *GenericArgs
	Eq       Span
	Ty       Type
}

// AssocConstraint is `Item: Bounds`.
type AssocConstraint struct {
	node
	Name     *Ident
	Generics *GenericArgs
	Colon    Span
	Bounds   []Bound
}

// ParenArgs is `(A, B) -> C` of `Fn(A, B) -> C`.
type ParenArgs struct {
	node
	Paren  TokenRange
	Inputs []Type
	Arrow  Span
	Output Type // nil when no `->`
}

// ---------------------------------------------------------------------------
// Types

// Type is a type node.
type Type interface {
	Node
	typeNode()
}

// QSelf is the `<T as Trait>` of a qualified path (`As` absent for `<T>::X`).
type QSelf struct {
	node
	Lt    Span
	Ty    Type
	As    Span
	Trait *Path
	Gt    Span
}

// PathType is a path type, optionally qualified: `Vec<T>`, `<T as Tr>::X`.
// For a qualified path, Path holds the segments after `>::`.
type PathType struct {
	node
	QSelf *QSelf
	Path  *Path
}

// RefType is `&'a mut T`.
type RefType struct {
	node
	And      Span // `&`; for `&&T` written as one token, And is the first byte and the inner RefType's And the second
	Lifetime *Lifetime
	Mut      Span
	Elem     Type
}

// PtrType is `*const T` / `*mut T`.
type PtrType struct {
	node
	Star  Span
	Const Span
	Mut   Span
	Elem  Type
}

// TupleType is `()`, `(A,)`, `(A, B)`.
type TupleType struct {
	node
	Paren TokenRange
	Elems []Type
}

// ParenType is `(T)`.
type ParenType struct {
	node
	Paren TokenRange
	Elem  Type
}

// ArrayType is `[T; N]`.
type ArrayType struct {
	node
	Bracket TokenRange
	Elem    Type
	Semi    Span
	Len     TokenRange
}

// SliceType is `[T]`.
type SliceType struct {
	node
	Bracket TokenRange
	Elem    Type
}

// TraitObjectType is `dyn A + B` or a bare trait object (Dyn absent).
type TraitObjectType struct {
	node
	Dyn    Span
	Bounds []Bound
}

// ImplTraitType is `impl A + B`.
type ImplTraitType struct {
	node
	ImplKw Span
	Bounds []Bound
}

// FnPtrType is `for<'a> unsafe extern "C" fn(A, b: B, ...) -> R`.
type FnPtrType struct {
	node
	ForLifetimes *ForLifetimes
	Unsafe       Span
	Extern       Span
	ABI          Span
	FnKw         Span
	Paren        TokenRange
	Params       []*Param // Pat is the optional name (`b` or `_`), Ty the type
	Arrow        Span
	Ret          Type
}

// NeverType is `!`.
type NeverType struct{ node }

// InferType is `_`.
type InferType struct{ node }

// MacroType is a macro in type position: `m!(…)`.
type MacroType struct {
	node
	Path *Path
	Bang Span
	Body TokenRange
}

// MetaVarType is a `$t` macro metavariable in type position (only inside
// macro_rules! transcribers).
type MetaVarType struct{ node }

func (*PathType) typeNode()        {}
func (*RefType) typeNode()         {}
func (*PtrType) typeNode()         {}
func (*TupleType) typeNode()       {}
func (*ParenType) typeNode()       {}
func (*ArrayType) typeNode()       {}
func (*SliceType) typeNode()       {}
func (*TraitObjectType) typeNode() {}
func (*ImplTraitType) typeNode()   {}
func (*FnPtrType) typeNode()       {}
func (*NeverType) typeNode()       {}
func (*InferType) typeNode()       {}
func (*MacroType) typeNode()       {}
func (*MetaVarType) typeNode()     {}

// ---------------------------------------------------------------------------
// Patterns (as far as function parameters use them)

// Pat is a pattern node.
type Pat interface {
	Node
	patNode()
}

// PatIdent is `ref mut x @ SUB` (each part optional but the name). `self` is
// not a PatIdent in parameters (see Receiver).
type PatIdent struct {
	node
	Ref  Span
	Mut  Span
	Name *Ident
	At   Span
	Sub  Pat
}

// PatWild is `_`.
type PatWild struct{ node }

// PatRest is `..`.
type PatRest struct{ node }

// PatTuple is `(a, b)`, also `()` and `(a,)`.
type PatTuple struct {
	node
	Paren TokenRange
	Elems []Pat
}

// PatParen is `(p)`.
type PatParen struct {
	node
	Paren TokenRange
	Pat   Pat
}

// PatTupleStruct is `Path(a, b)`.
type PatTupleStruct struct {
	node
	Path  *PathType
	Paren TokenRange
	Elems []Pat
}

// PatStruct is `Path { a, b: p, ref mut c, .. }`.
type PatStruct struct {
	node
	Path   *PathType
	Brace  TokenRange
	Fields []*PatField
	Rest   Span // `..`
}

// PatField is `name: pat` or the shorthand `ref mut name` (Pat is then a
// PatIdent and Colon absent), with attributes.
type PatField struct {
	node
	Attrs []*Attr
	Name  *Ident // the field name or index (`0: x`)
	Colon Span
	Pat   Pat
}

// PatRef is `&p` / `&mut p`.
type PatRef struct {
	node
	And Span
	Mut Span
	Pat Pat
}

// PatSlice is `[a, .., b]`.
type PatSlice struct {
	node
	Bracket TokenRange
	Elems   []Pat
}

// PatPath is a path pattern `None`, `Self::A`, `<T>::C`.
type PatPath struct {
	node
	Path *PathType
}

// PatOr is `a | b`.
type PatOr struct {
	node
	Cases []Pat
}

// PatOther is any other pattern (literals, ranges, macros, `box p`), kept as
// tokens; Tokens is its range.
type PatOther struct {
	node
	Tokens TokenRange
}

// PatMetaVar is a `$p` metavariable in pattern position (macro transcribers).
type PatMetaVar struct{ node }

func (*PatIdent) patNode()       {}
func (*PatWild) patNode()        {}
func (*PatRest) patNode()        {}
func (*PatTuple) patNode()       {}
func (*PatParen) patNode()       {}
func (*PatTupleStruct) patNode() {}
func (*PatStruct) patNode()      {}
func (*PatRef) patNode()         {}
func (*PatSlice) patNode()       {}
func (*PatPath) patNode()        {}
func (*PatOr) patNode()          {}
func (*PatOther) patNode()       {}
func (*PatMetaVar) patNode()     {}
