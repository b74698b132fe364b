package lexer

import (
	"slices"
	"strings"
	"testing"
)

// lexCase is one table entry: the input, the edition (0 means 2021), the
// tokens other than whitespace as describe prints them, and the error
// messages in order.
type lexCase struct {
	in   string
	ed   Edition
	want []string
	errs []string
}

func runCases(t *testing.T, cases []lexCase) {
	t.Helper()
	for _, c := range cases {
		name := c.in
		if c.ed != 0 {
			name = c.ed.name() + "/" + name
		}
		t.Run(name, func(t *testing.T) {
			src := []byte(c.in)
			res := LexEdition(src, c.ed)
			if msg := checkResult(src, res); msg != "" {
				t.Fatal(msg)
			}
			if got := describe(src, res.Tokens); !slices.Equal(got, c.want) {
				t.Errorf("tokens of %q:\ngot:\n%s\nwant:\n%s", c.in, joinLines(got), joinLines(c.want))
			}
			if got := errorMsgs(res.Errors); !slices.Equal(got, c.errs) {
				t.Errorf("errors of %q:\ngot:  %q\nwant: %q", c.in, got, c.errs)
			}
		})
	}
}

func (e Edition) name() string {
	return map[Edition]string{Edition2015: "2015", Edition2018: "2018", Edition2021: "2021", Edition2024: "2024"}[e]
}

// allCases gathers every table, for the fuzz seeds.
func allCases() [][]lexCase {
	return [][]lexCase{identCases, lifetimeCharCases, numberCases, stringCases, commentCases, punctCases, delimCases, invalidCases, editionCases}
}

var identCases = []lexCase{
	{in: "foo _x x_1 Self", want: []string{`Ident "foo"`, `Ident "_x"`, `Ident "x_1"`, `Ident "Self"`}},
	{in: "_", want: []string{`_ "_"`}},
	{in: "_ __ _0", want: []string{`_ "_"`, `Ident "__"`, `Ident "_0"`}},
	{in: "r#type r#async r#foo", want: []string{`Ident "r#type" raw`, `Ident "r#async" raw`, `Ident "r#foo" raw`}},
	{in: "r b c br cr rb", want: []string{`Ident "r"`, `Ident "b"`, `Ident "c"`, `Ident "br"`, `Ident "cr"`, `Ident "rb"`}},
	{in: "r#self", want: []string{`Ident "r#self" raw`}, errs: []string{"`self` cannot be a raw identifier"}},
	{in: "r#_", want: []string{`Ident "r#_" raw`}, errs: []string{"`_` cannot be a raw identifier"}},
	{in: "r#crate r#super r#Self", want: []string{`Ident "r#crate" raw`, `Ident "r#super" raw`, `Ident "r#Self" raw`},
		errs: []string{"`crate` cannot be a raw identifier", "`super` cannot be a raw identifier", "`Self` cannot be a raw identifier"}},
	// Non-ASCII identifiers: XID_Start then XID_Continue.
	{in: "été µs Δx ñ_2 変数", want: []string{`Ident "été"`, `Ident "µs"`, `Ident "Δx"`, `Ident "ñ_2"`, `Ident "変数"`}},
	{in: "a\u0301", want: []string{"Ident \"a\u0301\""}},                                                      // combining mark continues
	{in: "\u0301", want: []string{`Invalid "́"`}, errs: []string{`unknown start of token: \u{301}`}},          // but does not start
	{in: "x·y", want: []string{`Ident "x·y"`}},                                                                // U+00B7 is Other_ID_Continue
	{in: "a\u200db a\u200cb x\u30fby", want: []string{`Ident "a\u200db"`, `Ident "a\u200cb"`, `Ident "x・y"`}}, // Unicode 15.1 additions
	{in: "\u200cb", want: []string{`Invalid "\u200c"`, `Ident "b"`}, errs: []string{`unknown start of token: \u{200c}`}},
	{in: "r#été", want: []string{`Ident "r#été" raw`}},
	{in: "a🦀 🦀 x🙂y", want: []string{`Invalid "a🦀"`, `Invalid "🦀"`, `Invalid "x🙂y"`},
		errs: []string{"identifiers cannot contain emoji: `a🦀`", "Ferris cannot be used as an identifier", "identifiers cannot contain emoji: `x🙂y`"}},
}

var lifetimeCharCases = []lexCase{
	{in: "'a 'static '_ 'abc_1", want: []string{`Lifetime "'a"`, `Lifetime "'static"`, `Lifetime "'_"`, `Lifetime "'abc_1"`}},
	{in: "'a: loop { break 'a; }", want: []string{`Lifetime "'a"`, `: ":"`, `Ident "loop"`, `{ "{"`, `Ident "break"`, `Lifetime "'a"`, `; ";"`, `} "}"`}},
	{in: "&'a T", want: []string{`& "&"`, `Lifetime "'a"`, `Ident "T"`}},
	{in: "'été", want: []string{`Lifetime "'été"`}},
	{in: "'r#a 'r#fn", want: []string{`Lifetime "'r#a" raw`, `Lifetime "'r#fn" raw`}},
	{in: "'r#_", want: []string{`Lifetime "'r#_" raw`}, errs: []string{"`_` cannot be a raw lifetime"}},
	{in: "'r#self", want: []string{`Lifetime "'r#self" raw`}, errs: []string{"`self` cannot be a raw lifetime"}},
	{in: "'r#a", ed: Edition2018, want: []string{`Lifetime "'r"`, `# "#"`, `Ident "a"`}},
	{in: "'0", want: []string{`Lifetime "'0"`}, errs: []string{"lifetimes cannot start with a number"}},
	{in: "'1a", want: []string{`Lifetime "'1a"`}, errs: []string{"lifetimes cannot start with a number"}},
	{in: "'a#", want: []string{`Lifetime "'a"`, `# "#"`}, errs: []string{"prefix `'a` is unknown"}},
	{in: "'a#", ed: Edition2018, want: []string{`Lifetime "'a"`, `# "#"`}},
	{in: `'a' 'Z' '_' ' ' '0' '"'`, want: []string{`Char "'a'"`, `Char "'Z'"`, `Char "'_'"`, `Char "' '"`, `Char "'0'"`, `Char "'\"'"`}},
	{in: `'\'' '\\' '\n' '\r' '\t' '\0' '\x7f' '\"'`, want: []string{`Char "'\\''"`, `Char "'\\\\'"`, `Char "'\\n'"`, `Char "'\\r'"`, `Char "'\\t'"`, `Char "'\\0'"`, `Char "'\\x7f'"`, `Char "'\\\"'"`}},
	{in: `'\u{1F600}' '\u{0}' '\u{10_FFFF}' '😀' 'é'`, want: []string{`Char "'\\u{1F600}'"`, `Char "'\\u{0}'"`, `Char "'\\u{10_FFFF}'"`, `Char "'😀'"`, `Char "'é'"`}},
	{in: "'a'suffix", want: []string{`Char "'a'suffix" suffix`}},
	{in: "b'a' b'\\xff' b'\\'' b'\"'", want: []string{`Byte "b'a'"`, `Byte "b'\\xff'"`, `Byte "b'\\''"`, `Byte "b'\"'"`}},
	{in: "b'a'u8", want: []string{`Byte "b'a'u8" suffix`}},
	// Invalid contents.
	{in: "''", want: []string{`Char "''"`}, errs: []string{"empty character literal"}},
	{in: "'''", want: []string{`Char "'''"`}, errs: []string{"character constant must be escaped: `'`"}},
	{in: "'ab'", want: []string{`Char "'ab'"`}, errs: []string{"character literal may only contain one codepoint"}},
	{in: "'\\na'", want: []string{`Char "'\\na'"`}, errs: []string{"character literal may only contain one codepoint"}},
	{in: "'a\\n'", want: []string{`Lifetime "'a"`, `Invalid "\\"`, `Ident "n"`, `Char "'"` + " unterminated"},
		errs: []string{`unknown start of token: \`, "prefix `n` is unknown", "unterminated character literal"}},
	{in: "'\t'", want: []string{`Char "'\t'"`}, errs: []string{"character constant must be escaped: `\\t`"}},
	{in: "'\n'", want: []string{`Char "'\n'"`}, errs: []string{"character constant must be escaped: `\\n`"}},
	{in: "'\r'", want: []string{`Char "'\r'"`}, errs: []string{"character constant must be escaped: `\\r`"}},
	{in: `'\q'`, want: []string{`Char "'\\q'"`}, errs: []string{"unknown character escape: `q`"}},
	{in: `'\xff'`, want: []string{`Char "'\\xff'"`}, errs: []string{"out of range hex escape"}},
	{in: `'\x8'`, want: []string{`Char "'\\x8'"`}, errs: []string{"numeric character escape is too short"}},
	{in: `'\xz0'`, want: []string{`Char "'\\xz0'"`}, errs: []string{"invalid character in numeric character escape: `z`"}},
	{in: `'\u{}'`, want: []string{`Char "'\\u{}'"`}, errs: []string{"empty unicode escape"}},
	{in: `'\u{_1}'`, want: []string{`Char "'\\u{_1}'"`}, errs: []string{"invalid start of unicode escape: `_`"}},
	{in: `'\u{1234567}'`, want: []string{`Char "'\\u{1234567}'"`}, errs: []string{"overlong unicode escape"}},
	{in: `'\u{D800}'`, want: []string{`Char "'\\u{D800}'"`}, errs: []string{"invalid unicode character escape"}},
	{in: `'\u{110000}'`, want: []string{`Char "'\\u{110000}'"`}, errs: []string{"invalid unicode character escape"}},
	{in: `'\u1'`, want: []string{`Char "'\\u1'"`}, errs: []string{"incorrect unicode escape sequence"}},
	{in: `'\u{1'`, want: []string{`Char "'\\u{1'"`}, errs: []string{"unterminated unicode escape"}},
	{in: `'\u{z}'`, want: []string{`Char "'\\u{z}'"`}, errs: []string{"invalid character in unicode escape: `z`"}},
	{in: "b''", want: []string{`Byte "b''"`}, errs: []string{"empty character literal"}},
	{in: "b'é'", want: []string{`Byte "b'é'"`}, errs: []string{"non-ASCII character in byte literal"}},
	{in: `b'\u{41}'`, want: []string{`Byte "b'\\u{41}'"`}, errs: []string{"unicode escape in byte string"}},
	// Unterminated: rustc stops at the end of the line or before a `/`.
	{in: "'", want: []string{`Char "'"` + " unterminated"}, errs: []string{"unterminated character literal"}},
	{in: "' x\nfoo", want: []string{`Char "' x"` + " unterminated", `Ident "foo"`}, errs: []string{"unterminated character literal"}},
	{in: "'\\ // c", want: []string{`Char "'\\ "` + " unterminated", `LineComment "// c"`}, errs: []string{"unterminated character literal"}},
	{in: "b'x", want: []string{`Byte "b'x"` + " unterminated"}, errs: []string{"unterminated byte constant"}},
	{in: "'x", want: []string{`Lifetime "'x"`}}, // a label, not a char
}

var numberCases = []lexCase{
	{in: "0 1 123 1_000 0_1", want: []string{`Int "0"`, `Int "1"`, `Int "123"`, `Int "1_000"`, `Int "0_1"`}},
	{in: "0x_FFu8 0xff 0b1010 0o17 0b_1", want: []string{`Int "0x_FFu8" suffix`, `Int "0xff"`, `Int "0b1010"`, `Int "0o17"`, `Int "0b_1"`}},
	{in: "1u8 2i128 3usize 4_u32 5_", want: []string{`Int "1u8" suffix`, `Int "2i128" suffix`, `Int "3usize" suffix`, `Int "4_u32" suffix`, `Int "5_"`}},
	{in: "0x1f32", want: []string{`Int "0x1f32"`}}, // all hex digits, no suffix
	{in: "1.0 1.5e10 1e10 1E-5 2.5E+3 1e10f64 1.0f32 1_0.0_1", want: []string{`Float "1.0"`, `Float "1.5e10"`, `Float "1e10"`, `Float "1E-5"`, `Float "2.5E+3"`, `Float "1e10f64" suffix`, `Float "1.0f32" suffix`, `Float "1_0.0_1"`}},
	{in: "1.", want: []string{`Float "1."`}},
	{in: "1. ", want: []string{`Float "1."`}},
	{in: "1.;", want: []string{`Float "1."`, `; ";"`}},
	{in: "1..2", want: []string{`Int "1"`, `.. ".."`, `Int "2"`}},
	{in: "1..=2", want: []string{`Int "1"`, `..= "..="`, `Int "2"`}},
	{in: "1.max(2)", want: []string{`Int "1"`, `. "."`, `Ident "max"`, `( "("`, `Int "2"`, `) ")"`}},
	{in: "1._x", want: []string{`Int "1"`, `. "."`, `Ident "_x"`}},
	{in: "1.é", want: []string{`Int "1"`, `. "."`, `Ident "é"`}},
	{in: "1.0.max", want: []string{`Float "1.0"`, `. "."`, `Ident "max"`}},
	{in: "1.e5", want: []string{`Int "1"`, `. "."`, `Ident "e5"`}},
	{in: "x.0.1", want: []string{`Ident "x"`, `. "."`, `Float "0.1"`}}, // rustc's lexer: the parser splits it
	{in: "x.0", want: []string{`Ident "x"`, `. "."`, `Int "0"`}},
	{in: "x.0 .1", want: []string{`Ident "x"`, `. "."`, `Int "0"`, `. "."`, `Int "1"`}},
	{in: "0.5 0e3 00.5", want: []string{`Float "0.5"`, `Float "0e3"`, `Float "00.5"`}},
	{in: "1e_5 1.5e-_3", want: []string{`Float "1e_5"`, `Float "1.5e-_3"`}},
	// Errors rustc reports when it cooks numbers.
	{in: "0x", want: []string{`Int "0x"`}, errs: []string{"no valid digits found for number"}},
	{in: "0b_u8", want: []string{`Int "0b_u8" suffix`}, errs: []string{"no valid digits found for number"}},
	{in: "0b12", want: []string{`Int "0b12"`}, errs: []string{"invalid digit for a base 2 literal"}},
	{in: "0o78", want: []string{`Int "0o78"`}, errs: []string{"invalid digit for a base 8 literal"}},
	{in: "1e", want: []string{`Float "1e"`}, errs: []string{"expected at least one digit in exponent"}},
	{in: "1em", want: []string{`Float "1em" suffix`}, errs: []string{"expected at least one digit in exponent"}},
	{in: "1.0e+", want: []string{`Float "1.0e+"`}, errs: []string{"expected at least one digit in exponent"}},
	{in: "0x1.5", want: []string{`Float "0x1.5"`}, errs: []string{"hexadecimal float literal is not supported"}},
	{in: "0b1.0", want: []string{`Float "0b1.0"`}, errs: []string{"binary float literal is not supported"}},
	{in: "0o7e3", want: []string{`Float "0o7e3"`}, errs: []string{"octal float literal is not supported"}},
}

var stringCases = []lexCase{
	{in: `"" "a" "a\"b" "\\" "\n\r\t\0\'\"\x7F"`, want: []string{`Str "\"\""`, `Str "\"a\""`, `Str "\"a\\\"b\""`, `Str "\"\\\\\""`, `Str "\"\\n\\r\\t\\0\\'\\\"\\x7F\""`}},
	{in: `"\u{48}\u{1F600}é😀"`, want: []string{`Str "\"\\u{48}\\u{1F600}é😀\""`}},
	{in: "\"a\nb\"", want: []string{`Str "\"a\nb\""`}},
	{in: "\"line \\\n    continued\"", want: []string{`Str "\"line \\\n    continued\""`}},
	{in: "\"crlf \\\r\n    continued\r\n\"", want: []string{`Str "\"crlf \\\r\n    continued\r\n\""`}},
	{in: `"x"suffix "y"_z`, want: []string{`Str "\"x\"suffix" suffix`, `Str "\"y\"_z" suffix`}},
	{in: `b"abc\xff\0" b""`, want: []string{`ByteStr "b\"abc\\xff\\0\""`, `ByteStr "b\"\""`}},
	{in: `c"hello" c"\xff\u{1F600}é"`, want: []string{`CStr "c\"hello\""`, `CStr "c\"\\xff\\u{1F600}é\""`}},
	{in: `r"a\b" r#"a"b"# r##"a"#b"## r"" r#""#`, want: []string{`RawStr "r\"a\\b\""`, `RawStr "r#\"a\"b\"#"`, `RawStr "r##\"a\"#b\"##"`, `RawStr "r\"\""`, `RawStr "r#\"\"#"`}},
	{in: `br"x" br#"a"b"# cr"x" cr##"y"##`, want: []string{`RawByteStr "br\"x\""`, `RawByteStr "br#\"a\"b\"#"`, `RawCStr "cr\"x\""`, `RawCStr "cr##\"y\"##"`}},
	{in: `r#"x"#suffix`, want: []string{`RawStr "r#\"x\"#suffix" suffix`}},
	{in: `r#"x"##`, want: []string{`RawStr "r#\"x\"#"`, `# "#"`}},
	{in: "r\"a\r\nb\"", want: []string{`RawStr "r\"a\r\nb\""`}},
	// Errors in contents.
	{in: `"\q"`, want: []string{`Str "\"\\q\""`}, errs: []string{"unknown character escape: `q`"}},
	{in: `"\xff"`, want: []string{`Str "\"\\xff\""`}, errs: []string{"out of range hex escape"}},
	{in: "\"a\rb\"", want: []string{`Str "\"a\rb\""`}, errs: []string{"bare CR not allowed in string, use `\\r` instead"}},
	{in: `b"é"`, want: []string{`ByteStr "b\"é\""`}, errs: []string{"non-ASCII character in byte string literal"}},
	{in: `b"\u{41}"`, want: []string{`ByteStr "b\"\\u{41}\""`}, errs: []string{"unicode escape in byte string"}},
	{in: `c"a\0" c"\x00" c"\u{0}"`, want: []string{`CStr "c\"a\\0\""`, `CStr "c\"\\x00\""`, `CStr "c\"\\u{0}\""`},
		errs: []string{"null characters in C string literals are not supported", "null characters in C string literals are not supported", "null characters in C string literals are not supported"}},
	{in: "c\"a\x00\"", want: []string{`CStr "c\"a\x00\""`}, errs: []string{"null characters in C string literals are not supported"}},
	{in: "\"a\x00\"", want: []string{`Str "\"a\x00\""`}},
	{in: "r\"a\rb\"", want: []string{`RawStr "r\"a\rb\""`}, errs: []string{"bare CR not allowed in raw string"}},
	{in: `br"é"`, want: []string{`RawByteStr "br\"é\""`}, errs: []string{"non-ASCII character in raw byte string literal"}},
	{in: "cr\"\x00\"", want: []string{`RawCStr "cr\"\x00\""`}, errs: []string{"null characters in C string literals are not supported"}},
	{in: `r# "x"`, want: []string{`Invalid "r#"`, `Str "\"x\""`}, errs: []string{"found invalid character; only `#` is allowed in raw string delimitation:  "}},
	{in: "r#", want: []string{`Invalid "r#" unterminated`}, errs: []string{"unterminated raw string"}},
	{in: `br#x"`, want: []string{`Invalid "br#"`, `Ident "x"`, `Str "\"" unterminated`}, errs: []string{"found invalid character; only `#` is allowed in raw string delimitation: x"}}, // fatal in rustc: nothing after it
	{in: "r" + strings.Repeat("#", 256) + `"x"` + strings.Repeat("#", 256), want: []string{`RawStr "r` + strings.Repeat("#", 256) + `\"x\"` + strings.Repeat("#", 256) + `"`},
		errs: []string{"too many `#` symbols: raw strings may be delimited by up to 255 `#` symbols, but found 256"}},
	// Unterminated literals run to the end of input.
	{in: "\"abc\nfn f() {}", want: []string{`Str "\"abc\nfn f() {}"` + " unterminated"}, errs: []string{"unterminated double quote string"}},
	{in: `"abc\"`, want: []string{`Str "\"abc\\\""` + " unterminated"}, errs: []string{"unterminated double quote string"}},
	{in: `b"x`, want: []string{`ByteStr "b\"x"` + " unterminated"}, errs: []string{"unterminated double quote byte string"}},
	{in: `c"x`, want: []string{`CStr "c\"x"` + " unterminated"}, errs: []string{"unterminated C string"}},
	{in: `r#"x"`, want: []string{`RawStr "r#\"x\""` + " unterminated"}, errs: []string{"unterminated raw string"}},
	{in: `br##"x"#`, want: []string{`RawByteStr "br##\"x\"#"` + " unterminated"}, errs: []string{"unterminated raw string"}},
	{in: `cr"x`, want: []string{`RawCStr "cr\"x"` + " unterminated"}, errs: []string{"unterminated raw string"}},
}

var commentCases = []lexCase{
	{in: "// plain\nx", want: []string{`LineComment "// plain"`, `Ident "x"`}},
	{in: "//", want: []string{`LineComment "//"`}},
	{in: "/// doc\n//! inner\n//// not doc\n///\n//!", want: []string{`DocComment "/// doc"`, `DocComment "//! inner" inner`, `LineComment "//// not doc"`, `DocComment "///"`, `DocComment "//!" inner`}},
	{in: "/* a */ /* /* nested */ */ /**/ /***/ /****/", want: []string{`BlockComment "/* a */"`, `BlockComment "/* /* nested */ */"`, `BlockComment "/**/"`, `BlockComment "/***/"`, `BlockComment "/****/"`}},
	{in: "/** doc */ /**x*/ /*! inner */ /*!*/", want: []string{`DocComment "/** doc */"`, `DocComment "/**x*/"`, `DocComment "/*! inner */" inner`, `DocComment "/*!*/" inner`}},
	{in: "/* */ */", want: []string{`BlockComment "/* */"`, `* "*"`, `/ "/"`}},
	{in: "/*/ */", want: []string{`BlockComment "/*/ */"`}},
	{in: "/* ** / */x", want: []string{`BlockComment "/* ** / */"`, `Ident "x"`}},
	{in: "// a\r\nx", want: []string{`LineComment "// a" crlf`, `Ident "x"`}},
	{in: "/// a\r\n//! b\r\n", want: []string{`DocComment "/// a" crlf`, `DocComment "//! b" inner crlf`}},
	{in: "// a\r", want: []string{`LineComment "// a\r"`}},
	{in: "/// a\rb\n", want: []string{`DocComment "/// a\rb"`}, errs: []string{"bare CR not allowed in doc-comment"}},
	{in: "// a\rb\n", want: []string{`LineComment "// a\rb"`}},
	{in: "/** a\rb */", want: []string{`DocComment "/** a\rb */"`}, errs: []string{"bare CR not allowed in block doc-comment"}},
	{in: "/* a\r\nb */", want: []string{`BlockComment "/* a\r\nb */"`}},
	{in: "/* a /* b */", want: []string{`BlockComment "/* a /* b */"` + " unterminated"}, errs: []string{"unterminated block comment"}},
	{in: "/** a", want: []string{`DocComment "/** a"` + " unterminated"}, errs: []string{"unterminated block doc-comment"}},
	{in: "/*", want: []string{`BlockComment "/*"` + " unterminated"}, errs: []string{"unterminated block comment"}},
	{in: "/*!", want: []string{`DocComment "/*!"` + " inner unterminated"}, errs: []string{"unterminated block doc-comment"}},
	// Shebang and BOM.
	{in: "#!/usr/bin/env rustx\nfn", want: []string{`Shebang "#!/usr/bin/env rustx"`, `Ident "fn"`}},
	{in: "#!/bin/sh\r\nfn", want: []string{`Shebang "#!/bin/sh" crlf`, `Ident "fn"`}},
	{in: "#!", want: []string{`Shebang "#!"`}},
	{in: "#![allow(x)]", want: []string{`# "#"`, `! "!"`, `[ "["`, `Ident "allow"`, `( "("`, `Ident "x"`, `) ")"`, `] "]"`}},
	{in: "#! \n // c\n /* d */ [x]", want: []string{`# "#"`, `! "!"`, `LineComment "// c"`, `BlockComment "/* d */"`, `[ "["`, `Ident "x"`, `] "]"`}},
	{in: "#!/// doc\n[x]", want: []string{`Shebang "#!/// doc"`, `[ "["`, `Ident "x"`, `] "]"`}},
	{in: "#!/* unterminated", want: []string{`Shebang "#!/* unterminated"`}},
	{in: "x\n#!/bin/sh", want: []string{`Ident "x"`, `# "#"`, `! "!"`, `/ "/"`, `Ident "bin"`, `/ "/"`, `Ident "sh"`}},
	{in: "\uFEFFfn", want: []string{`BOM "\ufeff"`, `Ident "fn"`}},
	{in: "\uFEFF#!/bin/x\nfn", want: []string{`BOM "\ufeff"`, `Shebang "#!/bin/x"`, `Ident "fn"`}},
	{in: "x\uFEFF", want: []string{`Ident "x"`, `Invalid "\ufeff"`}, errs: []string{`unknown start of token: \u{feff}`}},
	// Whitespace, including the non-ASCII Pattern_White_Space.
	{in: " \t\n\v\f\r\u0085\u200e\u200f\u2028\u2029x", want: []string{`Ident "x"`}},
}

var punctCases = []lexCase{
	{in: ":: -> => ..= >>= <<= ... .. <- == != <= >= && || += -= *= /= %= ^= &= |= << >>",
		want: []string{`:: "::"`, `-> "->"`, `=> "=>"`, `..= "..="`, `>>= ">>="`, `<<= "<<="`, `... "..."`, `.. ".."`, `<- "<-"`, `== "=="`, `!= "!="`, `<= "<="`, `>= ">="`, `&& "&&"`, `|| "||"`, `+= "+="`, `-= "-="`, `*= "*="`, `/= "/="`, `%= "%="`, `^= "^="`, `&= "&="`, `|= "|="`, `<< "<<"`, `>> ">>"`}},
	{in: "; , . @ # ~ ? : $ = ! < > - & | + * / % ^ _", want: []string{`; ";"`, `, ","`, `. "."`, `@ "@"`, `# "#"`, `~ "~"`, `? "?"`, `: ":"`, `$ "$"`, `= "="`, `! "!"`, `< "<"`, `> ">"`, `- "-"`, `& "&"`, `| "|"`, `+ "+"`, `* "*"`, `/ "/"`, `% "%"`, `^ "^"`, `_ "_"`}},
	{in: ":::", want: []string{`:: "::"`, `: ":"`}},
	{in: "....", want: []string{`... "..."`, `. "."`}},
	{in: "..==", want: []string{`..= "..="`, `= "="`}},
	{in: "==>", want: []string{`== "=="`, `> ">"`}},
	{in: "&&=", want: []string{`&& "&&"`, `= "="`}},
	{in: "<=>", want: []string{`<= "<="`, `> ">"`}},
	{in: "Vec<Vec<u8>>", want: []string{`Ident "Vec"`, `< "<"`, `Ident "Vec"`, `< "<"`, `Ident "u8"`, `>> ">>"`}},
	{in: "x<-1", want: []string{`Ident "x"`, `<- "<-"`, `Int "1"`}},
	{in: "a/b", want: []string{`Ident "a"`, `/ "/"`, `Ident "b"`}},
	{in: "|_|", want: []string{`| "|"`, `_ "_"`, `| "|"`}},
	{in: "$x:ident", want: []string{`$ "$"`, `Ident "x"`, `: ":"`, `Ident "ident"`}},
}

var delimCases = []lexCase{
	{in: "fn f() { [1, (2)] }", want: []string{`Ident "fn"`, `Ident "f"`, `( "("`, `) ")"`, `{ "{"`, `[ "["`, `Int "1"`, `, ","`, `( "("`, `Int "2"`, `) ")"`, `] "]"`, `} "}"`}},
	{in: ")", want: []string{`) ")"`}, errs: []string{"unexpected closing delimiter: `)`"}},
	{in: "( ]", want: []string{`( "("`, `] "]"`}, errs: []string{"mismatched closing delimiter: `]`", "this file contains an unclosed delimiter"}},
	{in: "{ ( }", want: []string{`{ "{"`, `( "("`, `} "}"`}, errs: []string{"mismatched closing delimiter: `}`"}},
	{in: "(", want: []string{`( "("`}, errs: []string{"this file contains an unclosed delimiter"}},
	{in: "{[(", want: []string{`{ "{"`, `[ "["`, `( "("`}, errs: []string{"this file contains an unclosed delimiter"}}, // one error, labels on each
	{in: "} {", want: []string{`} "}"`, `{ "{"`}, errs: []string{"unexpected closing delimiter: `}`", "this file contains an unclosed delimiter"}},
}

var invalidCases = []lexCase{
	{in: `a \ b`, want: []string{`Ident "a"`, `Invalid "\\"`, `Ident "b"`}, errs: []string{`unknown start of token: \`}},
	{in: `\\\`, want: []string{`Invalid "\\\\\\"`}, errs: []string{`unknown start of token: \`}},
	{in: "`", want: []string{"Invalid \"`\""}, errs: []string{"unknown start of token: `"}},
	{in: "a\x00b", want: []string{`Ident "a"`, `Invalid "\x00"`, `Ident "b"`}, errs: []string{`unknown start of token: \u{0}`}},
	{in: "\x7f\x01", want: []string{`Invalid "\x7f"`, `Invalid "\x01"`}, errs: []string{`unknown start of token: \u{7f}`, `unknown start of token: \u{1}`}},
	{in: "a\xff\xfeb", want: []string{`Ident "a"`, `Invalid "\xff\xfe"`, `Ident "b"`}, errs: []string{"invalid UTF-8"}},
	{in: "\"a\xffb\"", want: []string{`Str "\"a\xffb\""`}, errs: []string{"invalid UTF-8"}},
	{in: "// \xc3\n\xc3", want: []string{`LineComment "// \xc3"`, `Invalid "\xc3"`}, errs: []string{"invalid UTF-8", "invalid UTF-8"}},
	{in: "\u00a0x", want: []string{`Invalid "\u00a0"`, `Ident "x"`}, errs: []string{`unknown start of token: \u{a0}`}},
	{in: "€", want: []string{`Invalid "€"`}, errs: []string{`unknown start of token: \u{20ac}`}},
}

var editionCases = []lexCase{
	// Keywords do not change tokens.
	{in: "async fn f() { x.await; dyn Tr; try; gen }", ed: Edition2015, want: []string{`Ident "async"`, `Ident "fn"`, `Ident "f"`, `( "("`, `) ")"`, `{ "{"`, `Ident "x"`, `. "."`, `Ident "await"`, `; ";"`, `Ident "dyn"`, `Ident "Tr"`, `; ";"`, `Ident "try"`, `; ";"`, `Ident "gen"`, `} "}"`}},
	// C strings exist from 2021 on.
	{in: `c"x" cr"y"`, ed: Edition2018, want: []string{`Ident "c"`, `Str "\"x\""`, `Ident "cr"`, `Str "\"y\""`}},
	{in: `c"x" cr"y"`, ed: Edition2021, want: []string{`CStr "c\"x\""`, `RawCStr "cr\"y\""`}},
	// Reserved prefixes: an error from 2021 on, two tokens before.
	{in: `f"x"`, ed: Edition2018, want: []string{`Ident "f"`, `Str "\"x\""`}},
	{in: `f"x"`, ed: Edition2021, want: []string{`Ident "f"`, `Str "\"x\""`}, errs: []string{"prefix `f` is unknown"}},
	{in: "k#x", ed: Edition2021, want: []string{`Ident "k"`, `# "#"`, `Ident "x"`}, errs: []string{"prefix `k` is unknown"}},
	{in: "match'a'", ed: Edition2024, want: []string{`Ident "match"`, `Char "'a'"`}, errs: []string{"prefix `match` is unknown"}},
	{in: `_"x"`, ed: Edition2021, want: []string{`_ "_"`, `Str "\"x\""`}, errs: []string{"prefix `_` is unknown"}},
	{in: `b#x c'x' rb"x"`, ed: Edition2021, want: []string{`Ident "b"`, `# "#"`, `Ident "x"`, `Ident "c"`, `Char "'x'"`, `Ident "rb"`, `Str "\"x\""`},
		errs: []string{"prefix `b` is unknown", "prefix `c` is unknown", "prefix `rb` is unknown"}},
	{in: `r#x"y"`, ed: Edition2021, want: []string{`Ident "r#x" raw`, `Str "\"y\""`}}, // raw identifiers are not prefixes
	{in: `"a"#b`, ed: Edition2021, want: []string{`Str "\"a\""`, `# "#"`, `Ident "b"`}},
	// Guarded strings and `##` are reserved in 2024.
	{in: `#"x"# ## #`, ed: Edition2021, want: []string{`# "#"`, `Str "\"x\""`, `# "#"`, `# "#"`, `# "#"`, `# "#"`}},
	{in: `#"x"#`, ed: Edition2024, want: []string{`Invalid "#\"x\"#"`}, errs: []string{"invalid string literal"}},
	{in: `##"x"##suf`, ed: Edition2024, want: []string{`Invalid "##\"x\"##suf"`}, errs: []string{"invalid string literal"}},
	{in: "###x", ed: Edition2024, want: []string{`Invalid "##"`, `# "#"`, `Ident "x"`}, errs: []string{"reserved multi-hash token is forbidden"}},
	{in: `#"x`, ed: Edition2024, want: []string{`Invalid "#\"x" unterminated`}, errs: []string{"unterminated double quote string"}},
	{in: "#[a] #![b] r#\"x\"#", ed: Edition2024, want: []string{`# "#"`, `[ "["`, `Ident "a"`, `] "]"`, `# "#"`, `! "!"`, `[ "["`, `Ident "b"`, `] "]"`, `RawStr "r#\"x\"#"`}},
}

func TestIdents(t *testing.T)         { runCases(t, identCases) }
func TestLifetimesChars(t *testing.T) { runCases(t, lifetimeCharCases) }
func TestNumbers(t *testing.T)        { runCases(t, numberCases) }
func TestStrings(t *testing.T)        { runCases(t, stringCases) }
func TestComments(t *testing.T)       { runCases(t, commentCases) }
func TestPunct(t *testing.T)          { runCases(t, punctCases) }
func TestDelims(t *testing.T)         { runCases(t, delimCases) }
func TestInvalid(t *testing.T)        { runCases(t, invalidCases) }
func TestEditions(t *testing.T)       { runCases(t, editionCases) }
