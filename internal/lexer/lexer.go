package lexer

import (
	"bytes"
	"slices"
	"strconv"
	"unicode/utf8"

	"github.com/asynctrait/asynctrait/internal/bigalloc"
	"github.com/asynctrait/asynctrait/internal/source"
)

// The lexer follows rustc_lexer (the edition-independent raw lexer) plus the
// checks rustc_parse's lexer adds on top when it "cooks" tokens: reserved
// prefixes, raw lifetimes, C strings and guarded strings by edition, escape
// validation, numeric base checks and the token-tree (delimiter) pass. Every
// message that rustc also emits uses rustc's wording.
//
// Deliberate differences from rustc, all on invalid input or in messages:
//   - identifiers use Go's Unicode tables (see isXIDStart), and emoji are
//     recognised by block ranges (see isEmoji);
//   - lexing never stops: errors rustc treats as fatal only mark the token;
//   - a mismatched delimiter is recovered as described at delim;
//   - frontmatter (`---` blocks, unstable) is not recognised.

// maxLen is the largest input whose offsets fit the uint32 fields of Token.
const maxLen = 1<<32 - 2

// Lex splits Rust 2021 source into tokens. See LexEdition.
func Lex(src []byte) Result { return LexEdition(src, Edition2021) }

// LexEdition splits src into tokens as the given edition does; the zero
// Edition means 2021. Editions change the output in a few places only:
// `c"…"` strings and raw lifetimes `'r#a` exist from 2021 on; from 2021 an
// identifier or lifetime directly followed by `#`, `"` or `'` is an error
// ("prefix `x` is unknown"); 2024 reserves `#"…"#` and `##`.
//
// The result always covers src exactly and ends with an EOF token; errors
// are sorted by position. Lexing does not allocate per token: the token
// slice is allocated once from an estimate and grows only if it was low.
func LexEdition(src []byte, ed Edition) Result { return LexMode(src, ed, 0) }

// Mode tunes what the lexer keeps.
type Mode uint8

const (
	// SkipWhitespace leaves whitespace tokens out of the result: about
	// half of all tokens, which a parser only skips (the bytes between two
	// tokens are then whitespace). Comments stay.
	SkipWhitespace Mode = 1 << iota
)

// LexMode is LexEdition with a Mode.
func LexMode(src []byte, ed Edition, mode Mode) Result {
	if ed == 0 {
		ed = Edition2021
	}
	if uint64(len(src)) > maxLen {
		// Offsets would not fit; do not pretend otherwise.
		return Result{
			Tokens: []Token{{Kind: EOF}},
			Errors: []Error{{Msg: "file is too large to lex (4 GiB or more)"}},
		}
	}
	l := lexer{src: src, ed: ed, noSpace: mode&SkipWhitespace != 0}
	// Rust averages 4.2 bytes per token (trivia included) over the Debian
	// crate corpus, but signature-dense code gets close to 2 (every space
	// is a token). Small inputs are sized for the dense case; on large
	// ones that would reserve several times the input, so they start
	// lower and grow by extrapolating the density seen so far (grow).
	n := len(src)/2 + 8
	if l.noSpace {
		n = len(src)/3 + 8
	}
	if len(src) > bigInput {
		n = len(src) / 8
	}
	l.toks = bigalloc.Make[Token](0, n)
	if lexInParallel(src) {
		l.lexParallel(n)
	} else {
		l.run()
	}
	if !utf8.Valid(src) {
		l.reportInvalidUTF8()
	}
	if !slices.IsSortedFunc(l.errs, cmpError) {
		slices.SortStableFunc(l.errs, cmpError)
	}
	return Result{Tokens: l.toks, Errors: l.errs, Fatal: l.fatal, Trivia: l.trivia || !l.noSpace, Split: l.split}
}

func cmpError(a, b Error) int { return int(a.Span.Start) - int(b.Span.Start) }

type lexer struct {
	src     []byte
	toks    []Token
	errs    []Error
	ed      Edition
	noSpace bool
	// stopped is set by the first error that ends rustc's lexing (see
	// stop), at stopAt: errors past it are not recorded. fatal is set by
	// those and by delimiter errors (see Result.Fatal).
	stopped, fatal bool
	stopAt         int
	// detached is set for the second part of a file lexed in two parts:
	// closing delimiters with no opening one in that part are pending,
	// to be paired with the first part's.
	detached bool
	pending  []int32
	// trivia is set when a kept token may be trivia (see Result.Trivia).
	trivia bool
	// split is Result.Split.
	split int
}

func (l *lexer) errorf(start, end int, msg string) {
	if l.stopped && start > l.stopAt || len(l.errs) >= MaxErrors {
		return
	}
	l.errs = append(l.errs, Error{Span: source.Span{Start: uint32(start), End: uint32(end)}, Msg: msg})
}

// stop records an error at which rustc stops (an unterminated literal or
// block comment: a fatal error in rustc's lexer); nothing after it is
// recorded.
func (l *lexer) stop(start, end int, msg string) {
	l.errorf(start, end, msg)
	if !l.stopped {
		l.stopped, l.fatal, l.stopAt = true, true, start
	}
}

// unclosedShown is how many unclosed delimiters rustc labels one by one
// (UNCLOSED_DELIMITER_SHOW_LIMIT); the next one gets a label that counts
// the rest.
const unclosedShown = 5

// unclosed records rustc's one error for the delimiters left open at the
// end of the file (outermost first), at the end of the file.
func (l *lexer) unclosed(toks []Token, open []int32) {
	if l.stopped || len(l.errs) >= MaxErrors {
		return
	}
	l.fatal = true
	end := uint32(len(l.src))
	e := Error{Span: source.Span{Start: end, End: end}, Msg: "this file contains an unclosed delimiter"}
	for i, o := range open {
		sp := toks[o].Span()
		if i == unclosedShown {
			e.Labels = append(e.Labels, Label{Span: sp, Msg: "another " + strconv.Itoa(len(open)-unclosedShown) + " unclosed delimiters begin from here"})
			break
		}
		e.Labels = append(e.Labels, Label{Span: sp, Msg: "unclosed delimiter"})
	}
	l.errs = append(l.errs, e)
}

// byte classes for the main dispatch and the identifier loops.
const (
	clsIDStart    = 1 << iota // a-z A-Z _
	clsIDContinue             // a-z A-Z 0-9 _
	clsSpace                  // Pattern_White_Space in ASCII
)

var asciiClass = func() (t [256]uint8) {
	for c := 'a'; c <= 'z'; c++ {
		t[c] = clsIDStart | clsIDContinue
		t[c-'a'+'A'] = clsIDStart | clsIDContinue
	}
	for c := '0'; c <= '9'; c++ {
		t[c] = clsIDContinue
	}
	t['_'] = clsIDStart | clsIDContinue
	for _, c := range "\t\n\v\f\r " {
		t[c] = clsSpace
	}
	return t
}()

func (l *lexer) run() {
	// Indices of the unclosed opening delimiters, innermost last; a local
	// array so that nesting up to 32 deep allocates nothing.
	var stack [32]int32
	open, _ := l.lexRange(l.prefix(), len(l.src), stack[:0])
	l.finish(open)
}

// prefix lexes a byte order mark and a shebang line at the start of the
// file and returns where the tokens start.
func (l *lexer) prefix() int {
	src := l.src
	pos := 0
	if len(src) >= 3 && src[0] == 0xEF && src[1] == 0xBB && src[2] == 0xBF {
		l.toks = append(l.toks, Token{Kind: BOM, End: 3})
		l.trivia = true
		pos = 3
	}
	if end, flags := l.shebang(pos); end > pos {
		l.toks = append(l.toks, Token{Kind: Shebang, Flags: flags, Start: uint32(pos), End: uint32(end)})
		l.trivia = true
		pos = end
	}
	return pos
}

// finish closes the token list: the delimiters left open are unclosed, and
// the EOF token ends it.
func (l *lexer) finish(open []int32) {
	toks := l.toks
	for _, o := range open {
		toks[o].Match = -1
	}
	if len(open) > 0 {
		l.unclosed(toks, open)
	}
	l.toks = append(toks, Token{Kind: EOF, Start: uint32(len(l.src)), End: uint32(len(l.src))})
}

// lexRange appends the tokens starting before limit, from pos (a token
// start) on, given the delimiters open there. It returns those open after
// them and where the last token ended (limit, or past it if a token
// crosses it).
func (l *lexer) lexRange(pos, limit int, open []int32) ([]int32, int) {
	src := l.src
	toks := l.toks // a local, so the hot append does not go through l
	keepSpace := !l.noSpace
	for pos < limit {
		if len(toks)+2 <= cap(toks) && !slowOnly {
			// The common tokens, in a loop of their own (see lexFast);
			// this one takes the token it stops at.
			l.toks = toks
			pos, open = l.lexFast(pos, limit, open)
			toks = l.toks
			if pos >= limit {
				break
			}
		}
		start := pos
		c := src[pos]
		pos++
		kind := Invalid
		var flags Flags
		var match int32 // a delimiter's partner (see delim)
		switch c {
		case ' ', '\t', '\n', '\r', '\v', '\f':
			// Inline loop for the ASCII run; most whitespace tokens
			// are a space or a newline plus indentation.
			for pos < len(src) && asciiClass[src[pos]]&clsSpace != 0 {
				pos++
			}
			if pos < len(src) && src[pos] >= utf8.RuneSelf {
				pos = l.whitespace(pos)
			}
			kind = Whitespace
			if !keepSpace {
				continue
			}
		case '(':
			kind = LParen
			match, open = l.delim(toks, open, kind, start, pos)
		case ')':
			kind = RParen
			match, open = l.delim(toks, open, kind, start, pos)
		case '[':
			kind = LBracket
			match, open = l.delim(toks, open, kind, start, pos)
		case ']':
			kind = RBracket
			match, open = l.delim(toks, open, kind, start, pos)
		case '{':
			kind = LBrace
			match, open = l.delim(toks, open, kind, start, pos)
		case '}':
			kind = RBrace
			match, open = l.delim(toks, open, kind, start, pos)
		case ';':
			kind = Semi
		case ',':
			kind = Comma
		case '@':
			kind = At
		case '~':
			kind = Tilde
		case '?':
			kind = Question
		case '$':
			kind = Dollar
		case '#':
			kind = Pound
			if l.ed >= Edition2024 && pos < len(src) && (src[pos] == '"' || src[pos] == '#') {
				kind, flags, pos = l.guardedString(start)
			}
		case '.':
			kind = Dot
			if l.at(pos) == '.' {
				kind, pos = DotDot, pos+1
				switch l.at(pos) {
				case '.':
					kind, pos = DotDotDot, pos+1
				case '=':
					kind, pos = DotDotEq, pos+1
				}
			}
		case ':':
			kind = Colon
			if l.at(pos) == ':' {
				kind, pos = PathSep, pos+1
			}
		case '=':
			kind = Eq
			switch l.at(pos) {
			case '=':
				kind, pos = EqEq, pos+1
			case '>':
				kind, pos = FatArrow, pos+1
			}
		case '!':
			kind = Not
			if l.at(pos) == '=' {
				kind, pos = Ne, pos+1
			}
		case '<':
			kind = Lt
			switch l.at(pos) {
			case '=':
				kind, pos = Le, pos+1
			case '-':
				kind, pos = LArrow, pos+1
			case '<':
				kind, pos = Shl, pos+1
				if l.at(pos) == '=' {
					kind, pos = ShlEq, pos+1
				}
			}
		case '>':
			kind = Gt
			switch l.at(pos) {
			case '=':
				kind, pos = Ge, pos+1
			case '>':
				kind, pos = Shr, pos+1
				if l.at(pos) == '=' {
					kind, pos = ShrEq, pos+1
				}
			}
		case '-':
			kind = Minus
			switch l.at(pos) {
			case '=':
				kind, pos = MinusEq, pos+1
			case '>':
				kind, pos = RArrow, pos+1
			}
		case '&':
			kind = And
			switch l.at(pos) {
			case '&':
				kind, pos = AndAnd, pos+1
			case '=':
				kind, pos = AndEq, pos+1
			}
		case '|':
			kind = Or
			switch l.at(pos) {
			case '|':
				kind, pos = OrOr, pos+1
			case '=':
				kind, pos = OrEq, pos+1
			}
		case '+':
			kind = Plus
			if l.at(pos) == '=' {
				kind, pos = PlusEq, pos+1
			}
		case '*':
			kind = Star
			if l.at(pos) == '=' {
				kind, pos = StarEq, pos+1
			}
		case '%':
			kind = Percent
			if l.at(pos) == '=' {
				kind, pos = PercentEq, pos+1
			}
		case '^':
			kind = Caret
			if l.at(pos) == '=' {
				kind, pos = CaretEq, pos+1
			}
		case '/':
			switch l.at(pos) {
			case '/':
				kind, flags, pos = l.lineComment(start)
				l.trivia = true
			case '*':
				kind, flags, pos = l.blockComment(start)
				l.trivia = true
			case '=':
				kind, pos = SlashEq, pos+1
			default:
				kind = Slash
			}
		case '"':
			kind, flags, pos = l.quoted(start, pos, Str, modeStr)
		case '\'':
			kind, flags, pos = l.lifetimeOrChar(start)
		case '0', '1', '2', '3', '4', '5', '6', '7', '8', '9':
			kind, flags, pos = l.number(start)
		case 'r':
			switch l.at(pos) {
			case '#':
				if l.idStartAt(pos + 1) {
					kind, flags, pos = l.rawIdent(start)
				} else {
					kind, flags, pos = l.rawString(start, pos, RawStr, modeRawStr)
				}
			case '"':
				kind, flags, pos = l.rawString(start, pos, RawStr, modeRawStr)
			default:
				kind, pos = l.ident(start, pos)
			}
		case 'b':
			switch l.at(pos) {
			case '\'':
				kind, flags, pos = l.quoted(start, pos+1, Byte, modeByte)
			case '"':
				kind, flags, pos = l.quoted(start, pos+1, ByteStr, modeByteStr)
			case 'r':
				if n := l.at(pos + 1); n == '"' || n == '#' {
					kind, flags, pos = l.rawString(start, pos+1, RawByteStr, modeRawByteStr)
				} else {
					kind, pos = l.ident(start, pos)
				}
			default:
				kind, pos = l.ident(start, pos)
			}
		case 'c':
			// C strings are lexed from 2021 on; before that `c"x"` is
			// the identifier `c` followed by a string.
			switch {
			case l.ed < Edition2021:
				kind, pos = l.ident(start, pos)
			case l.at(pos) == '"':
				kind, flags, pos = l.quoted(start, pos+1, CStr, modeCStr)
			case l.at(pos) == 'r' && (l.at(pos+1) == '"' || l.at(pos+1) == '#'):
				kind, flags, pos = l.rawString(start, pos+1, RawCStr, modeRawCStr)
			default:
				kind, pos = l.ident(start, pos)
			}
		case '_':
			if pos < len(src) && src[pos] < utf8.RuneSelf && asciiClass[src[pos]]&clsIDContinue == 0 {
				// A lone `_`, the common case in patterns.
				kind = Underscore
				l.checkPrefix(start, pos)
				break
			}
			kind, pos = l.ident(start, pos)
			if kind == Ident && pos == start+1 {
				kind = Underscore
			}
		default:
			switch {
			case asciiClass[c]&clsIDStart != 0:
				// Inline loop for ASCII identifiers; ident takes over
				// at the first non-ASCII byte.
				for pos < len(src) && asciiClass[src[pos]]&clsIDContinue != 0 {
					pos++
				}
				kind = Ident
				if pos < len(src) {
					if d := src[pos]; d >= utf8.RuneSelf {
						kind, pos = l.ident(start, pos)
					} else if d == '"' || d == '#' || d == '\'' {
						l.checkPrefix(start, pos)
					}
				}
			case c >= utf8.RuneSelf:
				kind, pos = l.nonASCII(start)
				if kind == Whitespace && !keepSpace {
					continue
				}
			default:
				pos = l.unknown(start)
			}
		}

		// (Whitespace skipped with SkipWhitespace has not come this far.)
		if len(toks)+2 > cap(toks) {
			toks = l.grow(toks, pos)
		}
		// Not append: the room was just made sure of.
		toks = toks[:len(toks)+1]
		toks[len(toks)-1] = Token{Kind: kind, Flags: flags, Start: uint32(start), End: uint32(pos), Match: match}
		// Whitespace follows half the tokens; taking it here rather than
		// through the dispatch above saves a hard-to-predict jump
		// (best of 8 runs: BenchmarkLexGenerated +4%, BenchmarkLexCorpus +2%).
		if pos < len(src) && asciiClass[src[pos]]&clsSpace != 0 && kind != Whitespace {
			start = pos
			for pos++; pos < len(src) && asciiClass[src[pos]]&clsSpace != 0; pos++ {
			}
			if pos < len(src) && src[pos] >= utf8.RuneSelf {
				pos = l.whitespace(pos)
			}
			if keepSpace {
				toks = append(toks, Token{Kind: Whitespace, Start: uint32(start), End: uint32(pos)})
			}
		}
	}
	l.toks = toks
	return open, pos
}

// bigInput is the size from which the token slice is sized by
// extrapolation rather than for the densest code.
const bigInput = 4 << 20

// grow returns toks with room for the rest of the input at the density of
// the part lexed so far (up to pos), plus an eighth: usually one copy, and
// little unused room at the end.
func (l *lexer) grow(toks []Token, pos int) []Token {
	want := len(toks) + 16
	if pos > 0 {
		want = max(want, int(int64(len(toks))*int64(len(l.src))/int64(pos)*9/8)+16)
	}
	want = max(want, cap(toks)+cap(toks)/4)
	grown := bigalloc.Make[Token](len(toks), want)
	copy(grown, toks)
	return grown
}

// at returns src[i], or 0 past the end (like rustc_lexer's EOF_CHAR, 0 is
// never significant where at is used).
func (l *lexer) at(i int) byte {
	if i < len(l.src) {
		return l.src[i]
	}
	return 0
}

// runeAt decodes the character at i; it returns -1, 0 at the end of input
// and utf8.RuneError, 1 for an invalid byte.
func (l *lexer) runeAt(i int) (rune, int) {
	if i >= len(l.src) {
		return -1, 0
	}
	if c := l.src[i]; c < utf8.RuneSelf {
		return rune(c), 1
	}
	return utf8.DecodeRune(l.src[i:])
}

func (l *lexer) idStartAt(i int) bool {
	if i >= len(l.src) {
		return false
	}
	if c := l.src[i]; c < utf8.RuneSelf {
		return asciiClass[c]&clsIDStart != 0
	}
	r, _ := utf8.DecodeRune(l.src[i:])
	return isXIDStart(r)
}

// delim pairs up the delimiter about to be appended to toks, given the
// open delimiters, and returns its Match and the new open list. A closing delimiter that does not match the innermost open one is
// "mismatched"; if it matches one further out, the delimiters in between
// are left unclosed (Match -1) and it closes that one, as rustc recovers
// from `{ ( }`; otherwise it stays unmatched.
func (l *lexer) delim(toks []Token, open []int32, kind Kind, start, end int) (int32, []int32) {
	idx := int32(len(toks))
	if kind.IsOpen() {
		return 0, append(open, idx)
	}
	want := kind - 1 // the opening kind; see the order in token.go
	n := len(open)
	if n > 0 && toks[open[n-1]].Kind == want {
		o := open[n-1]
		toks[o].Match = idx
		return o, open[:n-1]
	}
	if n == 0 && l.detached {
		// Lexing the second part of a split file: the partner is in the
		// first part (lexParallel pairs them).
		l.pending = append(l.pending, idx)
		return -1, open
	}
	l.fatal = true
	if n == 0 {
		l.errorf(start, end, "unexpected closing delimiter: `"+kind.String()+"`")
		return -1, open
	}
	l.errorf(start, end, "mismatched closing delimiter: `"+kind.String()+"`")
	for i := n - 2; i >= 0; i-- {
		if o := open[i]; toks[o].Kind == want {
			for _, u := range open[i+1:] {
				toks[u].Match = -1
			}
			toks[o].Match = idx
			return o, open[:i]
		}
	}
	return -1, open
}

// whitespace returns the end of a run of Pattern_White_Space starting at pos.
func (l *lexer) whitespace(pos int) int {
	src := l.src
	for pos < len(src) {
		c := src[pos]
		if c < utf8.RuneSelf {
			if asciiClass[c]&clsSpace == 0 {
				return pos
			}
			pos++
			continue
		}
		r, size := utf8.DecodeRune(src[pos:])
		if !isUnicodeSpace(r) {
			return pos
		}
		pos += size
	}
	return pos
}

// isUnicodeSpace reports the non-ASCII members of Pattern_White_Space.
func isUnicodeSpace(r rune) bool {
	switch r {
	case 0x85, 0x200E, 0x200F, 0x2028, 0x2029:
		return true
	}
	return false
}

// lineComment lexes `//…` up to, not including, "\n" or "\r\n".
func (l *lexer) lineComment(start int) (Kind, Flags, int) {
	src := l.src
	end := len(src)
	if i := bytes.IndexByte(src[start+2:], '\n'); i >= 0 {
		end = start + 2 + i
	}
	var flags Flags
	if end < len(src) && src[end-1] == '\r' {
		end--
		flags = FlagCRLF
	}
	kind := LineComment
	switch c := l.at(start + 2); {
	case c == '!':
		kind, flags = DocComment, flags|FlagInnerDoc
	case c == '/' && l.at(start+3) != '/':
		kind = DocComment
	}
	if kind == DocComment {
		l.checkBareCR(start, end, "bare CR not allowed in doc-comment")
	}
	return kind, flags, end
}

// blockComment lexes a nested `/* … */`.
func (l *lexer) blockComment(start int) (Kind, Flags, int) {
	src := l.src
	kind := BlockComment
	var flags Flags
	switch c := l.at(start + 2); {
	case c == '!':
		kind, flags = DocComment, FlagInnerDoc
	case c == '*' && l.at(start+3) != '*' && l.at(start+3) != '/':
		kind = DocComment
	}
	depth := 1
	pos := start + 2
	for pos < len(src) {
		switch src[pos] {
		case '*':
			if pos+1 < len(src) && src[pos+1] == '/' {
				pos += 2
				if depth--; depth == 0 {
					if kind == DocComment {
						l.checkBareCR(start, pos, "bare CR not allowed in block doc-comment")
					}
					return kind, flags, pos
				}
				continue
			}
		case '/':
			if pos+1 < len(src) && src[pos+1] == '*' {
				pos += 2
				depth++
				continue
			}
		}
		pos++
	}
	if kind == DocComment {
		l.stop(start, pos, "unterminated block doc-comment")
	} else {
		l.stop(start, pos, "unterminated block comment")
	}
	return kind, flags | FlagUnterminated, pos
}

// checkBareCR reports each "\r" in src[start:end] not followed by "\n".
// rustc turns "\r\n" into "\n" before lexing, so only a lone CR is an error.
func (l *lexer) checkBareCR(start, end int, msg string) {
	for i := start; i < end; {
		j := bytes.IndexByte(l.src[i:end], '\r')
		if j < 0 {
			return
		}
		i += j
		if l.at(i+1) != '\n' {
			l.errorf(i, i+1, msg)
		}
		i++
	}
}

// shebang returns the end of a `#!` first line at pos, or pos if there is
// none. Like rustc, `#!` followed (after whitespace and non-doc comments)
// by `[` is the start of an inner attribute, not a shebang.
func (l *lexer) shebang(pos int) (int, Flags) {
	src := l.src
	if l.at(pos) != '#' || l.at(pos+1) != '!' {
		return pos, 0
	}
	for p := pos + 2; p < len(src); {
		switch c := src[p]; {
		case asciiClass[c]&clsSpace != 0:
			p++
			continue
		case c >= utf8.RuneSelf:
			if r, size := utf8.DecodeRune(src[p:]); isUnicodeSpace(r) {
				p += size
				continue
			}
		case c == '/' && l.at(p+1) == '/':
			kind, _, end := l.lineComment(p)
			if kind == LineComment {
				p = end
				continue
			}
		case c == '/' && l.at(p+1) == '*':
			// Lex the comment on a scratch lexer so that an unterminated
			// one reports nothing here; it is lexed again if it is not
			// part of the shebang line.
			scratch := lexer{src: src}
			kind, _, end := scratch.blockComment(p)
			if kind == BlockComment {
				p = end
				continue
			}
		case c == '[':
			return pos, 0
		}
		break
	}
	end := len(src)
	if i := bytes.IndexByte(src[pos:], '\n'); i >= 0 {
		end = pos + i
	}
	if end < len(src) && src[end-1] == '\r' {
		return end - 1, FlagCRLF
	}
	return end, 0
}

// unknown lexes a run of one repeated ASCII character that starts no token
// (a backslash, a backquote, NUL and other control characters) as one
// Invalid token.
func (l *lexer) unknown(start int) int {
	c := l.src[start]
	pos := start + 1
	for pos < len(l.src) && l.src[pos] == c {
		pos++
	}
	l.errorf(start, pos, "unknown start of token: "+escapedChar(rune(c)))
	return pos
}

// nonASCII lexes a token that starts with a byte >= 0x80.
func (l *lexer) nonASCII(start int) (Kind, int) {
	r, size := utf8.DecodeRune(l.src[start:])
	switch {
	case r == utf8.RuneError && size == 1:
		pos := start + 1
		for pos < len(l.src) && l.src[pos] >= utf8.RuneSelf {
			if r, size := utf8.DecodeRune(l.src[pos:]); r != utf8.RuneError || size != 1 {
				break
			}
			pos++
		}
		l.errorf(start, pos, "invalid UTF-8")
		return Invalid, pos
	case isUnicodeSpace(r):
		return Whitespace, l.whitespace(start + size)
	case isXIDStart(r):
		return l.ident(start, start+size)
	case isEmoji(r):
		return l.invalidIdent(start, start+size)
	}
	l.errorf(start, start+size, "unknown start of token: "+escapedChar(r))
	return Invalid, start + size
}

// reportInvalidUTF8 reports invalid UTF-8 inside tokens that are not
// themselves Invalid (those got their own error): literals and comments.
func (l *lexer) reportInvalidUTF8() {
	src := l.src
	ti := 0
	for i := 0; i < len(src); {
		if src[i] < utf8.RuneSelf {
			i++
			continue
		}
		r, size := utf8.DecodeRune(src[i:])
		if r != utf8.RuneError || size != 1 {
			i += size
			continue
		}
		for ti < len(l.toks) && int(l.toks[ti].End) <= i {
			ti++
		}
		t := l.toks[ti]
		j := i + 1
		for j < int(t.End) && isInvalidAt(src, j) {
			j++
		}
		if t.Kind != Invalid {
			l.errorf(i, j, "invalid UTF-8")
		}
		i = j
	}
}

func isInvalidAt(src []byte, i int) bool {
	if src[i] < utf8.RuneSelf {
		return false
	}
	r, size := utf8.DecodeRune(src[i:])
	return r == utf8.RuneError && size == 1
}
