// Package lexer turns Rust source into a flat, lossless slice of tokens.
//
// Every byte of the input belongs to exactly one token, trivia (whitespace,
// comments, a BOM, a shebang) included, so concatenating the tokens' spans
// gives back the input byte for byte. Delimiters carry the index of their
// partner, so a parser skips a whole token tree in O(1).
package lexer

import "github.com/asynctrait/asynctrait/internal/source"

// Kind is the kind of a token.
type Kind uint8

const (
	Invalid Kind = iota // bytes that are not a token; an error is reported for them

	// Trivia.
	Whitespace
	LineComment  // `// …` (not a doc comment), without the line terminator
	BlockComment // `/* … */`, nested
	DocComment   // `///`, `//!`, `/** */`, `/*! */`; see Flags for inner/outer
	Shebang      // `#!…` first line, when it is not the start of `#![attr]`
	BOM          // a leading U+FEFF

	// Identifiers and literals.
	Ident    // identifiers, keywords and raw identifiers (`r#type`); see Flags
	Lifetime // `'a`, `'static`, `'_`, raw `'r#a`; also loop labels
	Char     // 'a', '\n', '\u{1F600}' (with optional suffix)
	Byte     // b'a'
	Str      // "…"
	ByteStr  // b"…"
	CStr     // c"…"
	RawStr   // r"…", r#"…"#
	RawByteStr
	RawCStr
	Int   // 1, 0x_FFu8, 1_000i64
	Float // 1.0, 1e10f64, 1. (not followed by an identifier or `.`)

	// Delimiters.
	LParen
	RParen
	LBracket
	RBracket
	LBrace
	RBrace

	// Punctuation, joined the way rustc's parser wants it. A parser that
	// needs a single `>` out of `>>` (as in `Vec<Vec<u8>>`) splits it itself.
	Semi       // ;
	Comma      // ,
	Dot        // .
	DotDot     // ..
	DotDotDot  // ...
	DotDotEq   // ..=
	At         // @
	Pound      // #
	Tilde      // ~
	Question   // ?
	Colon      // :
	PathSep    // ::
	Dollar     // $
	Eq         // =
	EqEq       // ==
	FatArrow   // =>
	Not        // !
	Ne         // !=
	Lt         // <
	Le         // <=
	Shl        // <<
	ShlEq      // <<=
	Gt         // >
	Ge         // >=
	Shr        // >>
	ShrEq      // >>=
	LArrow     // <-
	Minus      // -
	MinusEq    // -=
	RArrow     // ->
	And        // &
	AndAnd     // &&
	AndEq      // &=
	Or         // |
	OrOr       // ||
	OrEq       // |=
	Plus       // +
	PlusEq     // +=
	Star       // *
	StarEq     // *=
	Slash      // /
	SlashEq    // /=
	Percent    // %
	PercentEq  // %=
	Caret      // ^
	CaretEq    // ^=
	Underscore // _ (a lone underscore is punctuation in rustc's lexer)

	EOF // zero-width, always the last token
	numKinds
)

// Flags carry per-token details that do not deserve their own Kind.
type Flags uint8

const (
	// FlagRaw marks a raw identifier `r#name` or a raw lifetime `'r#name`.
	FlagRaw Flags = 1 << iota
	// FlagInnerDoc marks `//!` and `/*! */` doc comments.
	FlagInnerDoc
	// FlagSuffix marks a literal with a suffix (`1u8`, `"x"suffix`).
	FlagSuffix
	// FlagUnterminated marks a literal or comment cut off by end of input.
	FlagUnterminated
	// FlagCRLF marks a line comment, doc comment or shebang that is followed
	// by "\r\n" (the "\r" is left to the Whitespace token after it).
	FlagCRLF
)

// Token is one lexeme. Text is src[Start:End].
type Token struct {
	Kind  Kind
	Flags Flags
	Start uint32
	End   uint32
	// Match is, for an opening or closing delimiter, the index in the token
	// slice of its partner; -1 when it has none (an error was reported).
	// It is 0 for every other token.
	Match int32
}

// Span returns the token's byte range.
func (t Token) Span() source.Span { return source.Span{Start: t.Start, End: t.End} }

// IsTrivia reports whether the kind is whitespace, a non-doc comment, a BOM or a shebang.
// Doc comments are not trivia: they are attributes to the parser.
func (k Kind) IsTrivia() bool {
	switch k {
	case Whitespace, LineComment, BlockComment, Shebang, BOM:
		return true
	}
	return false
}

// IsOpen reports whether the kind is an opening delimiter.
func (k Kind) IsOpen() bool { return k == LParen || k == LBracket || k == LBrace }

// IsClose reports whether the kind is a closing delimiter.
func (k Kind) IsClose() bool { return k == RParen || k == RBracket || k == RBrace }

// IsLiteral reports whether the kind is a literal.
func (k Kind) IsLiteral() bool { return k >= Char && k <= Float }

// Edition is a Rust edition; it decides which words are keywords.
type Edition uint16

const (
	Edition2015 Edition = 2015
	Edition2018 Edition = 2018
	Edition2021 Edition = 2021
	Edition2024 Edition = 2024
)

// Error is a lexical error. Lexing never stops at an error: the offending
// bytes become an Invalid token (or a literal flagged Unterminated) so the
// round trip still holds.
type Error struct {
	Span source.Span
	Msg  string // rustc-like wording, lowercase, e.g. "unterminated double quote string"
	// Labels are secondary spans with their own messages, as rustc shows
	// them: the unclosed delimiters of "this file contains an unclosed
	// delimiter".
	Labels []Label
}

// Label is a secondary span of an Error.
type Label struct {
	Span source.Span
	Msg  string
}

// Result is the output of Lex.
type Result struct {
	Tokens []Token // every byte covered, in order, ending with one EOF token
	Errors []Error // sorted by position; at most MaxErrors
	// Fatal is set when the source holds an error after which rustc
	// reports nothing more: an unterminated literal or block comment
	// (rustc stops lexing there, so no error past it is reported) or an
	// unbalanced delimiter (rustc reports the delimiter errors and does
	// not parse the file).
	Fatal bool
	// Trivia is false when no token is trivia (see Kind.IsTrivia): no
	// comment, no whitespace (SkipWhitespace), no BOM or shebang. A parser
	// then needs no index of the significant tokens.
	Trivia bool
	// Split, when not 0, is the index of a token near the middle of a
	// large file before which no delimiter is open: the first on the line
	// after a line holding only `}`, where the file was lexed in two
	// parts. It is most likely where a top-level item starts (a parser
	// can take the items from there on another core, and must check that
	// it is so).
	Split int
}

// MaxErrors bounds the errors Lex records: a hostile file (100,000
// unclosed delimiters or stray bytes) must not make megabytes of them.
const MaxErrors = 100
