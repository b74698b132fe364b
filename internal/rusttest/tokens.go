package rusttest

import (
	"fmt"
	"strings"
	"unicode"
	"unicode/utf8"
)

// Token is one token of Rust source in the normalised form the oracle's
// dump macro prints (see testdata/rust/dump/src/lib.rs).
type Token struct {
	Text       string // normalised text: see Tokenize
	Offset     int    // byte offset in the source of the token (of the comment, for docs)
	End        int    // byte offset just past it
	Line       int    // 1-based line of Offset
	FromDoc    bool   // part of the #[doc = "…"] a doc comment stands for
	IsLiteral  bool
	IsIdent    bool // identifier or keyword (raw ones keep their r#)
	IsLifetime bool
}

// Tokenize splits Rust source text into the token sequence a proc macro
// sees, rendered the way the oracle's dump macro renders it, so that
// Tokenize(text) == ExpandWithCrate's Tokens when text is what the macro
// produced. Whitespace and ordinary comments are dropped; nothing else is
// normalised:
//
//   - identifiers and keywords as written (`r#type` keeps its prefix);
//   - a lifetime or label is one token, `'a`, `'_`, `'static`;
//   - a literal is its exact source text including any suffix (`1u8`,
//     `r#"x"#`, `b'a'`); a leading `-` is a separate punctuation token;
//   - punctuation is one token per character, so `::` is `:` `:`, `->` is
//     `-` `>` (proc_macro's one-Punct-per-char convention; spacing ignored);
//   - delimiters are the tokens `(` `)` `[` `]` `{` `}`;
//   - a doc comment becomes the tokens of the attribute rustc turns it into,
//     `/// x` → `#` `[` `doc` `=` `" x"` `]` (`//!` and `/*!` add `!` after
//     `#`), the string being the comment text escaped with Rust's
//     char::escape_debug, exactly as proc_macro hands it to a macro.
//
// A leading byte-order mark and a `#!` shebang line are skipped and CRLF
// is read as LF, as rustc does. It returns an error for text rustc's lexer
// would reject in a way that changes tokenisation (unterminated literals or
// block comments, stray characters).
func Tokenize(src string) ([]string, error) {
	toks, err := Lex(src)
	if err != nil {
		return nil, err
	}
	out := make([]string, len(toks))
	for i, t := range toks {
		out[i] = t.Text
	}
	return out, nil
}

// Lex is Tokenize with positions. Offsets refer to src as given (before
// CRLF normalisation).
func Lex(src string) ([]Token, error) {
	lx := &lexer{src: src, line: 1}
	if strings.HasPrefix(src, "\uFEFF") {
		lx.pos = 3
	}
	lx.skipShebang()
	for {
		lx.skipSpace()
		if lx.pos >= len(lx.src) {
			break
		}
		if err := lx.next(); err != nil {
			return lx.toks, err
		}
	}
	return lx.toks, nil
}

type lexer struct {
	src  string
	pos  int
	line int
	toks []Token
}

func (lx *lexer) errorf(format string, args ...any) error {
	return fmt.Errorf("rusttest.Tokenize: line %d: %s", lx.line, fmt.Sprintf(format, args...))
}

func (lx *lexer) peek(off int) byte {
	if lx.pos+off < len(lx.src) {
		return lx.src[lx.pos+off]
	}
	return 0
}

func (lx *lexer) rune(at int) (rune, int) {
	if at >= len(lx.src) {
		return -1, 0
	}
	return utf8.DecodeRuneInString(lx.src[at:])
}

// advance moves to off, counting lines.
func (lx *lexer) advance(to int) {
	lx.line += strings.Count(lx.src[lx.pos:to], "\n")
	lx.pos = to
}

func (lx *lexer) emit(t Token) {
	t.Line = lx.line
	lx.toks = append(lx.toks, t)
}

func (lx *lexer) skipShebang() {
	rest := lx.src[lx.pos:]
	if !strings.HasPrefix(rest, "#!") {
		return
	}
	// `#![attr]` (possibly with whitespace/comments before `[`) is an inner
	// attribute, not a shebang.
	after := strings.TrimLeft(rest[2:], " \t\r\n")
	if strings.HasPrefix(after, "[") {
		return
	}
	if i := strings.IndexByte(rest, '\n'); i >= 0 {
		lx.pos += i
	} else {
		lx.pos = len(lx.src)
	}
}

func (lx *lexer) skipSpace() {
	for lx.pos < len(lx.src) {
		r, n := lx.rune(lx.pos)
		if isWhitespace(r) {
			lx.advance(lx.pos + n)
			continue
		}
		return
	}
}

// isWhitespace is Rust's Pattern_White_Space.
func isWhitespace(r rune) bool {
	switch r {
	case ' ', '\t', '\n', '\v', '\f', '\r', 0x85, 0x200E, 0x200F, 0x2028, 0x2029:
		return true
	}
	return false
}

func isIdentStart(r rune) bool {
	return r == '_' || r >= 'a' && r <= 'z' || r >= 'A' && r <= 'Z' ||
		r > 0x7f && (unicode.IsLetter(r) || unicode.Is(unicode.Nl, r) || unicode.Is(unicode.Other_ID_Start, r))
}

func isIdentContinue(r rune) bool {
	return isIdentStart(r) || r >= '0' && r <= '9' ||
		r > 0x7f && (unicode.IsDigit(r) || unicode.In(r, unicode.Mn, unicode.Mc, unicode.Nd, unicode.Pc, unicode.Other_ID_Continue))
}

// identEnd returns the end of the identifier characters starting at i.
func (lx *lexer) identEnd(i int) int {
	for i < len(lx.src) {
		r, n := lx.rune(i)
		if !isIdentContinue(r) {
			break
		}
		i += n
	}
	return i
}

func (lx *lexer) next() error {
	start := lx.pos
	c := lx.src[lx.pos]
	switch {
	case c == '/' && lx.peek(1) == '/':
		return lx.lineComment()
	case c == '/' && lx.peek(1) == '*':
		return lx.blockComment()
	case c == '\'':
		return lx.quote()
	case c == '"':
		end, err := lx.quoted(lx.pos+1, '"')
		if err != nil {
			return err
		}
		lx.literal(start, lx.suffixEnd(end))
		return nil
	case c >= '0' && c <= '9':
		lx.literal(start, lx.suffixEnd(lx.numberEnd()))
		return nil
	}
	if end, ok, err := lx.prefixedLiteral(); err != nil {
		return err
	} else if ok {
		lx.literal(start, lx.suffixEnd(end))
		return nil
	}
	r, n := lx.rune(lx.pos)
	if c == 'r' && lx.peek(1) == '#' {
		if r2, _ := lx.rune(lx.pos + 2); isIdentStart(r2) {
			end := lx.identEnd(lx.pos + 2)
			lx.emit(Token{Text: lx.src[start:end], Offset: start, End: end, IsIdent: true})
			lx.advance(end)
			return nil
		}
	}
	if isIdentStart(r) {
		end := lx.identEnd(lx.pos + n)
		lx.emit(Token{Text: lx.src[start:end], Offset: start, End: end, IsIdent: true})
		lx.advance(end)
		return nil
	}
	if strings.IndexByte("()[]{};,.@#~?:$=!<>-&|+*/^%", c) >= 0 {
		lx.emit(Token{Text: string(c), Offset: start, End: start + 1})
		lx.advance(start + 1)
		return nil
	}
	return lx.errorf("unexpected character %q", r)
}

func (lx *lexer) literal(start, end int) {
	text := strings.ReplaceAll(lx.src[start:end], "\r\n", "\n")
	lx.emit(Token{Text: text, Offset: start, End: end, IsLiteral: true})
	lx.advance(end)
}

// suffixEnd extends a literal ending at end by an identifier suffix.
func (lx *lexer) suffixEnd(end int) int {
	if r, _ := lx.rune(end); isIdentStart(r) {
		return lx.identEnd(end)
	}
	return end
}

// quoted scans a (non-raw) quoted body starting after the opening quote;
// returns the offset just past the closing quote.
func (lx *lexer) quoted(i int, q byte) (int, error) {
	for i < len(lx.src) {
		switch lx.src[i] {
		case '\\':
			i += 2
			continue
		case q:
			return i + 1, nil
		}
		i++
	}
	return 0, lx.errorf("unterminated %c literal", q)
}

// raw scans a raw string starting at the first '#' or '"' after the prefix.
func (lx *lexer) raw(i int) (int, bool, error) {
	hashes := 0
	for i < len(lx.src) && lx.src[i] == '#' {
		hashes++
		i++
	}
	if i >= len(lx.src) || lx.src[i] != '"' {
		return 0, false, nil
	}
	closer := "\"" + strings.Repeat("#", hashes)
	j := strings.Index(lx.src[i+1:], closer)
	if j < 0 {
		return 0, false, lx.errorf("unterminated raw string")
	}
	return i + 1 + j + len(closer), true, nil
}

// prefixedLiteral handles b'…', b"…", br"…", r"…", r#"…"#, c"…", cr"…".
func (lx *lexer) prefixedLiteral() (int, bool, error) {
	rest := lx.src[lx.pos:]
	switch {
	case strings.HasPrefix(rest, "b'"):
		end, err := lx.quoted(lx.pos+2, '\'')
		return end, err == nil, err
	case strings.HasPrefix(rest, "b\""), strings.HasPrefix(rest, "c\""):
		end, err := lx.quoted(lx.pos+2, '"')
		return end, err == nil, err
	case strings.HasPrefix(rest, "br\"") || strings.HasPrefix(rest, "br#") ||
		strings.HasPrefix(rest, "cr\"") || strings.HasPrefix(rest, "cr#"):
		return lx.raw(lx.pos + 2)
	case strings.HasPrefix(rest, "r\"") || strings.HasPrefix(rest, "r#"):
		return lx.raw(lx.pos + 1)
	}
	return 0, false, nil
}

// numberEnd scans a numeric literal (without suffix) the way rustc's lexer
// does: `1.` is a float, but `1..2`, `1.foo` and `1.0.1`'s second dot are
// not part of it.
func (lx *lexer) numberEnd() int {
	i := lx.pos
	src := lx.src
	isDigit := func(c byte) bool { return c >= '0' && c <= '9' || c == '_' }
	if src[i] == '0' && i+1 < len(src) && strings.IndexByte("box", src[i+1]) >= 0 {
		hex := src[i+1] == 'x'
		i += 2
		for i < len(src) && (isDigit(src[i]) || hex && (src[i] >= 'a' && src[i] <= 'f' || src[i] >= 'A' && src[i] <= 'F')) {
			i++
		}
		return i
	}
	for i < len(src) && isDigit(src[i]) {
		i++
	}
	if i < len(src) && src[i] == '.' {
		next := byte(0)
		if i+1 < len(src) {
			next = src[i+1]
		}
		r, _ := lx.rune(i + 1)
		if next != '.' && !isIdentStart(r) {
			i++
			if i < len(src) && src[i] >= '0' && src[i] <= '9' {
				for i < len(src) && isDigit(src[i]) {
					i++
				}
				i = lx.exponentEnd(i)
			}
			return i
		}
		return i
	}
	return lx.exponentEnd(i)
}

func (lx *lexer) exponentEnd(i int) int {
	src := lx.src
	if i < len(src) && (src[i] == 'e' || src[i] == 'E') {
		j := i + 1
		if j < len(src) && (src[j] == '+' || src[j] == '-') {
			j++
		}
		k := j
		for k < len(src) && (src[k] >= '0' && src[k] <= '9' || src[k] == '_') {
			k++
		}
		if strings.ContainsAny(src[j:k], "0123456789") {
			return k
		}
	}
	return i
}

// quote handles a lifetime/label or a char literal.
func (lx *lexer) quote() error {
	start := lx.pos
	i := start + 1
	if lx.peek(1) == '\\' {
		end, err := lx.quoted(i, '\'')
		if err != nil {
			return err
		}
		lx.literal(start, lx.suffixEnd(end))
		return nil
	}
	r, n := lx.rune(i)
	if r < 0 {
		return lx.errorf("lone quote at end of input")
	}
	if lx.src[i] == 'r' && lx.peek(2) == '#' {
		if r2, _ := lx.rune(i + 2); isIdentStart(r2) {
			end := lx.identEnd(i + 2)
			lx.emit(Token{Text: lx.src[start:end], Offset: start, End: end, IsLifetime: true})
			lx.advance(end)
			return nil
		}
	}
	if i+n < len(lx.src) && lx.src[i+n] == '\'' {
		lx.literal(start, lx.suffixEnd(i+n+1))
		return nil
	}
	if isIdentStart(r) || r >= '0' && r <= '9' {
		end := lx.identEnd(i + n)
		if end < len(lx.src) && lx.src[end] == '\'' {
			return lx.errorf("character literal may only contain one codepoint: %s", lx.src[start:end+1])
		}
		lx.emit(Token{Text: lx.src[start:end], Offset: start, End: end, IsLifetime: true})
		lx.advance(end)
		return nil
	}
	return lx.errorf("unterminated character literal")
}

func (lx *lexer) lineComment() error {
	start := lx.pos
	end := strings.IndexByte(lx.src[start:], '\n')
	if end < 0 {
		end = len(lx.src)
	} else {
		end += start
	}
	text := strings.TrimSuffix(lx.src[start:end], "\r")
	switch {
	case strings.HasPrefix(text, "///") && !strings.HasPrefix(text, "////"):
		lx.doc(start, end, false, text[3:])
	case strings.HasPrefix(text, "//!"):
		lx.doc(start, end, true, text[3:])
	}
	lx.advance(end)
	return nil
}

func (lx *lexer) blockComment() error {
	start := lx.pos
	depth := 0
	i := start
	for i < len(lx.src) {
		switch {
		case strings.HasPrefix(lx.src[i:], "/*"):
			depth++
			i += 2
		case strings.HasPrefix(lx.src[i:], "*/"):
			depth--
			i += 2
			if depth == 0 {
				text := lx.src[start:i]
				switch {
				case strings.HasPrefix(text, "/**") && !strings.HasPrefix(text, "/***") && text != "/**/":
					lx.doc(start, i, false, text[3:len(text)-2])
				case strings.HasPrefix(text, "/*!"):
					lx.doc(start, i, true, text[3:len(text)-2])
				}
				lx.advance(i)
				return nil
			}
		default:
			i++
		}
	}
	return lx.errorf("unterminated block comment")
}

// doc emits the attribute tokens rustc's proc_macro bridge produces for a
// doc comment.
func (lx *lexer) doc(start, end int, inner bool, text string) {
	text = strings.ReplaceAll(text, "\r\n", "\n")
	texts := []string{"#", "[", "doc", "=", `"` + EscapeDebug(text) + `"`, "]"}
	if inner {
		texts = []string{"#", "!", "[", "doc", "=", `"` + EscapeDebug(text) + `"`, "]"}
	}
	for _, s := range texts {
		lx.emit(Token{Text: s, Offset: start, End: end, FromDoc: true, IsLiteral: s[0] == '"', IsIdent: s == "doc"})
	}
}

// EscapeDebug escapes s the way Rust's char::escape_debug escapes each of
// its characters (the form proc_macro gives doc comment text in).
func EscapeDebug(s string) string {
	var b strings.Builder
	for _, r := range s {
		switch r {
		case 0:
			b.WriteString(`\0`)
		case '\t':
			b.WriteString(`\t`)
		case '\r':
			b.WriteString(`\r`)
		case '\n':
			b.WriteString(`\n`)
		case '\\', '"', '\'':
			b.WriteByte('\\')
			b.WriteRune(r)
		default:
			if unicode.In(r, unicode.Mn, unicode.Me, unicode.Other_Grapheme_Extend) || !unicode.IsPrint(r) {
				fmt.Fprintf(&b, `\u{%x}`, r)
			} else {
				b.WriteRune(r)
			}
		}
	}
	return b.String()
}

// CompareTokens reports whether want and got are the same sequence and,
// if not, describes the first difference with some context.
func CompareTokens(want, got []string) (equal bool, diff string) {
	n := min(len(want), len(got))
	i := 0
	for i < n && want[i] == got[i] {
		i++
	}
	if i == n && len(want) == len(got) {
		return true, ""
	}
	ctx := func(ts []string) string {
		lo, hi := max(0, i-12), min(len(ts), i+12)
		var b strings.Builder
		if lo > 0 {
			b.WriteString("… ")
		}
		for k := lo; k < hi; k++ {
			if k == i {
				b.WriteString(">>>")
			}
			b.WriteString(ts[k])
			if k == i {
				b.WriteString("<<<")
			}
			b.WriteByte(' ')
		}
		if i >= len(ts) {
			b.WriteString(">>>(end)<<<")
		} else if hi < len(ts) {
			b.WriteString("…")
		}
		return b.String()
	}
	return false, fmt.Sprintf("token %d differs (want %d tokens, got %d)\nwant: %s\ngot:  %s", i, len(want), len(got), ctx(want), ctx(got))
}

// EqualTokens tokenises both texts and compares them with CompareTokens;
// a tokenisation error is reported as a difference.
func EqualTokens(want, got string) (equal bool, diff string) {
	w, err := Tokenize(want)
	if err != nil {
		return false, "want: " + err.Error()
	}
	g, err := Tokenize(got)
	if err != nil {
		return false, "got: " + err.Error()
	}
	return CompareTokens(w, g)
}
