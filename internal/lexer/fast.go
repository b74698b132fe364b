package lexer

import "unicode/utf8"

// slowOnly turns lexFast off: for the tests that compare it with the
// general case.
var slowOnly bool

// lexFast lexes from pos (before limit) the tokens that need no call to
// lex, and stops before the first that does, at limit, or when the token
// slice or the delimiter stack is full; it returns where it stopped and
// the stack. Those tokens, nine in ten of real code's, are ASCII
// identifiers, punctuation, delimiters that pair up and ASCII whitespace;
// the rest (literals, comments, lifetimes, non-ASCII, prefixes such as
// `r#` or `b"`, delimiter errors) is left to lexRange's general case.
//
// It is its own loop, with nothing in it that calls a function: in a loop
// that calls one on any path, Go's register allocator keeps the loop's
// state in memory across every iteration, which cost lexRange a third of
// its instructions. Every token is lexed here exactly as the general case
// lexes it (TestLexFastSame).
func (l *lexer) lexFast(pos, limit int, open []int32) (int, []int32) {
	src := l.src
	toks := l.toks
	keepSpace := !l.noSpace
	ed2024 := l.ed >= Edition2024
loop:
	for pos < limit && len(toks)+2 <= cap(toks) {
		start := pos
		c := src[pos]
		pos++
		var kind Kind
		var match int32
		switch fastClass[c] {
		case fcSpace:
			for pos < len(src) && asciiClass[src[pos]]&clsSpace != 0 {
				pos++
			}
			if pos < len(src) && src[pos] >= utf8.RuneSelf {
				pos = start // maybe Unicode whitespace
				break loop
			}
			if !keepSpace {
				continue
			}
			kind = Whitespace
		case fcOpen:
			if len(open) == cap(open) {
				pos = start
				break loop
			}
			kind = LParen
			if c == '[' {
				kind = LBracket
			} else if c == '{' {
				kind = LBrace
			}
			open = open[:len(open)+1]
			open[len(open)-1] = int32(len(toks))
		case fcClose:
			kind = RParen
			if c == ']' {
				kind = RBracket
			} else if c == '}' {
				kind = RBrace
			}
			n := len(open)
			if n == 0 || toks[open[n-1]].Kind != kind-1 {
				pos = start // unpaired: delim reports or defers it
				break loop
			}
			match = open[n-1]
			toks[match].Match = int32(len(toks))
			open = open[:n-1]
		case fcSemi:
			kind = Semi
		case fcComma:
			kind = Comma
		case fcAt:
			kind = At
		case fcTilde:
			kind = Tilde
		case fcQuestion:
			kind = Question
		case fcDollar:
			kind = Dollar
		case fcPound:
			if ed2024 && pos < len(src) && (src[pos] == '"' || src[pos] == '#') {
				pos = start // a guarded string, maybe
				break loop
			}
			kind = Pound
		case fcDot:
			kind = Dot
			if pos < len(src) && src[pos] == '.' {
				kind, pos = DotDot, pos+1
				if pos < len(src) {
					switch src[pos] {
					case '.':
						kind, pos = DotDotDot, pos+1
					case '=':
						kind, pos = DotDotEq, pos+1
					}
				}
			}
		case fcColon:
			kind = Colon
			if pos < len(src) && src[pos] == ':' {
				kind, pos = PathSep, pos+1
			}
		case fcEq:
			kind = Eq
			if pos < len(src) {
				switch src[pos] {
				case '=':
					kind, pos = EqEq, pos+1
				case '>':
					kind, pos = FatArrow, pos+1
				}
			}
		case fcNot:
			kind = Not
			if pos < len(src) && src[pos] == '=' {
				kind, pos = Ne, pos+1
			}
		case fcLt:
			kind = Lt
			if pos < len(src) {
				switch src[pos] {
				case '=':
					kind, pos = Le, pos+1
				case '-':
					kind, pos = LArrow, pos+1
				case '<':
					kind, pos = Shl, pos+1
					if pos < len(src) && src[pos] == '=' {
						kind, pos = ShlEq, pos+1
					}
				}
			}
		case fcGt:
			kind = Gt
			if pos < len(src) {
				switch src[pos] {
				case '=':
					kind, pos = Ge, pos+1
				case '>':
					kind, pos = Shr, pos+1
					if pos < len(src) && src[pos] == '=' {
						kind, pos = ShrEq, pos+1
					}
				}
			}
		case fcMinus:
			kind = Minus
			if pos < len(src) {
				switch src[pos] {
				case '=':
					kind, pos = MinusEq, pos+1
				case '>':
					kind, pos = RArrow, pos+1
				}
			}
		case fcAnd:
			kind = And
			if pos < len(src) {
				switch src[pos] {
				case '&':
					kind, pos = AndAnd, pos+1
				case '=':
					kind, pos = AndEq, pos+1
				}
			}
		case fcOr:
			kind = Or
			if pos < len(src) {
				switch src[pos] {
				case '|':
					kind, pos = OrOr, pos+1
				case '=':
					kind, pos = OrEq, pos+1
				}
			}
		case fcPlus:
			kind = Plus
			if pos < len(src) && src[pos] == '=' {
				kind, pos = PlusEq, pos+1
			}
		case fcStar:
			kind = Star
			if pos < len(src) && src[pos] == '=' {
				kind, pos = StarEq, pos+1
			}
		case fcPercent:
			kind = Percent
			if pos < len(src) && src[pos] == '=' {
				kind, pos = PercentEq, pos+1
			}
		case fcCaret:
			kind = Caret
			if pos < len(src) && src[pos] == '=' {
				kind, pos = CaretEq, pos+1
			}
		case fcSlash:
			kind = Slash
			if pos < len(src) {
				switch src[pos] {
				case '/', '*':
					pos = start // a comment
					break loop
				case '=':
					kind, pos = SlashEq, pos+1
				}
			}
		case fcBail:
			pos = start // a literal, a lifetime, non-ASCII, …
			break loop
		case fcIdent, fcPrefix:
			if fastClass[c] == fcPrefix && pos < len(src) {
				// The prefixes of raw identifiers and of byte, C and
				// raw strings (`r#`, `b'`, `br"`, `cr#`, …).
				d := src[pos]
				if d == 'r' && pos+1 < len(src) {
					d = src[pos+1]
				}
				if d == '#' || d == '"' || d == '\'' {
					pos = start
					break loop
				}
			}
			for pos < len(src) && asciiClass[src[pos]]&clsIDContinue != 0 {
				pos++
			}
			if pos < len(src) {
				if d := src[pos]; d >= utf8.RuneSelf || d == '"' || d == '#' || d == '\'' {
					pos = start // a Unicode identifier or a prefix
					break loop
				}
			}
			kind = Ident
			if c == '_' && pos == start+1 {
				kind = Underscore
			}
		}
		toks = toks[:len(toks)+1]
		toks[len(toks)-1] = Token{Kind: kind, Start: uint32(start), End: uint32(pos), Match: match}
		if !keepSpace {
			// Whitespace follows half the tokens: skipped here, not
			// through the switch. (What may be Unicode whitespace
			// after it is the next token's case, whitespace again.)
			for pos < len(src) && asciiClass[src[pos]]&clsSpace != 0 {
				pos++
			}
		}
	}
	l.toks = toks
	return pos, open
}

// The classes of a token's first byte for lexFast's switch: small and
// dense, so that it compiles to a jump table (a switch on the bytes
// themselves compiles to a tree of comparisons).
const (
	fcBail   = iota // not lexFast's: a literal, a lifetime, non-ASCII, …
	fcSpace         // ASCII whitespace
	fcIdent         // starts an identifier
	fcPrefix        // `r`, `b`, `c`: may start a raw identifier or a string
	fcOpen
	fcClose
	fcSemi
	fcComma
	fcAt
	fcTilde
	fcQuestion
	fcDollar
	fcPound
	fcDot
	fcColon
	fcEq
	fcNot
	fcLt
	fcGt
	fcMinus
	fcAnd
	fcOr
	fcPlus
	fcStar
	fcPercent
	fcCaret
	fcSlash
)

var fastClass = func() (t [256]uint8) {
	for c := range 128 {
		switch {
		case asciiClass[c]&clsSpace != 0:
			t[c] = fcSpace
		case c == 'r' || c == 'b' || c == 'c':
			t[c] = fcPrefix
		case asciiClass[c]&clsIDStart != 0:
			t[c] = fcIdent
		}
	}
	for _, p := range []struct {
		c     string
		class uint8
	}{
		{"([{", fcOpen}, {")]}", fcClose}, {";", fcSemi}, {",", fcComma}, {"@", fcAt},
		{"~", fcTilde}, {"?", fcQuestion}, {"$", fcDollar}, {"#", fcPound}, {".", fcDot},
		{":", fcColon}, {"=", fcEq}, {"!", fcNot}, {"<", fcLt}, {">", fcGt}, {"-", fcMinus},
		{"&", fcAnd}, {"|", fcOr}, {"+", fcPlus}, {"*", fcStar}, {"%", fcPercent},
		{"^", fcCaret}, {"/", fcSlash},
	} {
		for _, c := range []byte(p.c) {
			t[c] = p.class
		}
	}
	return t
}()
