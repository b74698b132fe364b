package lexer

import (
	"bytes"
	"strconv"
	"unicode/utf8"
)

// mode says which escapes and characters a literal's contents may hold, as
// rustc's unescape Mode does.
type mode uint8

const (
	modeChar mode = iota
	modeByte
	modeStr
	modeByteStr
	modeCStr
	modeRawStr
	modeRawByteStr
	modeRawCStr
)

func (m mode) singleQuoted() bool { return m <= modeByte }
func (m mode) bytes() bool        { return m == modeByte || m == modeByteStr || m == modeRawByteStr }
func (m mode) cstr() bool         { return m == modeCStr || m == modeRawCStr }

// unterminatedMsg gives rustc's message for a literal cut off by the end of
// input, or of the line for character literals.
var unterminatedMsg = [...]string{
	modeChar:       "unterminated character literal",
	modeByte:       "unterminated byte constant",
	modeStr:        "unterminated double quote string",
	modeByteStr:    "unterminated double quote byte string",
	modeCStr:       "unterminated C string",
	modeRawStr:     "unterminated raw string",
	modeRawByteStr: "unterminated raw string",
	modeRawCStr:    "unterminated raw string",
}

// strPlain marks the bytes a double-quoted string loop can skip without a
// second look: all but `"`, `\`, CR, NUL and non-ASCII.
var strPlain = func() (t [256]bool) {
	for c := 1; c < utf8.RuneSelf; c++ {
		t[c] = c != '"' && c != '\\' && c != '\r'
	}
	return t
}()

// quoted lexes a char, byte, string, byte string or C string literal whose
// opening quote is at pos-1 (its prefix starts at start).
func (l *lexer) quoted(start, pos int, kind Kind, m mode) (Kind, Flags, int) {
	src := l.src
	open := pos
	terminated := false
	check := false // contents need a look for escapes or bad characters
	if m.singleQuoted() {
		pos, terminated = l.singleQuoted(pos)
		check = true
	} else {
		for pos < len(src) {
			c := src[pos]
			pos++
			if strPlain[c] {
				continue
			}
			switch {
			case c == '"':
				terminated = true
			case c == '\\':
				check = true
				if pos < len(src) && (src[pos] == '\\' || src[pos] == '"') {
					pos++
				}
				continue
			case c == '\r', c == 0 && m.cstr(), c >= utf8.RuneSelf && m.bytes():
				check = true
				continue
			default:
				continue
			}
			break
		}
	}
	if !terminated {
		l.stop(start, pos, unterminatedMsg[m])
		return kind, FlagUnterminated, pos
	}
	if check {
		l.unescape(open, pos-1, m)
	}
	if end := l.suffix(pos); end > pos {
		return kind, FlagSuffix, end
	}
	return kind, 0, pos
}

// singleQuoted finds the end of a char or byte literal whose contents start
// at pos, with rustc_lexer's rules: an unterminated one stops before a
// newline or a `/` (probably a comment) rather than running to the end.
func (l *lexer) singleQuoted(pos int) (int, bool) {
	src := l.src
	// A one-character literal, the common case.
	if r, size := l.runeAt(pos); r != '\\' && l.at(pos+size) == '\'' && size > 0 {
		return pos + size + 1, true
	}
	for pos < len(src) {
		switch src[pos] {
		case '\'':
			return pos + 1, true
		case '/':
			return pos, false
		case '\n':
			if l.at(pos+1) != '\'' {
				return pos, false
			}
		case '\\':
			pos++
		}
		pos++
	}
	return len(src), false
}

// rawString lexes r"…", r#"…"#, br…, cr… . src[pos-1] is the `r`.
func (l *lexer) rawString(start, pos int, kind Kind, m mode) (Kind, Flags, int) {
	src := l.src
	hashes := 0
	for pos < len(src) && src[pos] == '#' {
		hashes++
		pos++
	}
	if pos >= len(src) {
		l.stop(start, pos, unterminatedMsg[m])
		return Invalid, FlagUnterminated, pos
	}
	if src[pos] != '"' {
		r, _ := l.runeAt(pos)
		l.stop(start, pos, "found invalid character; only `#` is allowed in raw string delimitation: "+escapedChar(r))
		return Invalid, 0, pos
	}
	pos++
	open := pos
	for {
		i := bytes.IndexByte(src[pos:], '"')
		if i < 0 {
			l.stop(start, len(src), unterminatedMsg[m])
			return kind, FlagUnterminated, len(src)
		}
		closeQuote := pos + i
		pos = closeQuote + 1
		n := 0
		for n < hashes && pos < len(src) && src[pos] == '#' {
			n++
			pos++
		}
		if n == hashes {
			if hashes > 255 {
				l.stop(start, pos, "too many `#` symbols: raw strings may be delimited by up to 255 `#` symbols, but found "+strconv.Itoa(hashes))
				return kind, 0, pos
			}
			l.unescapeRaw(open, closeQuote, m)
			if end := l.suffix(pos); end > pos {
				return kind, FlagSuffix, end
			}
			return kind, 0, pos
		}
	}
}

// guardedString lexes what Rust 2024 reserves for guarded strings at a `#`
// followed by `"` or `#`: `#"…"#`, `##"…"##` or a bare `##`.
func (l *lexer) guardedString(start int) (Kind, Flags, int) {
	src := l.src
	pos := start
	hashes := 0
	for pos < len(src) && src[pos] == '#' {
		hashes++
		pos++
	}
	if l.at(pos) != '"' {
		l.errorf(start, start+2, "reserved multi-hash token is forbidden")
		return Invalid, 0, start + 2
	}
	pos++
	for pos < len(src) {
		c := src[pos]
		pos++
		if c == '"' {
			for n := 0; n < hashes && pos < len(src) && src[pos] == '#'; n++ {
				pos++
			}
			pos = l.suffix(pos)
			l.errorf(start, pos, "invalid string literal")
			return Invalid, 0, pos
		}
		if c == '\\' && pos < len(src) && (src[pos] == '\\' || src[pos] == '"') {
			pos++
		}
	}
	l.stop(start, pos, "unterminated double quote string")
	return Invalid, FlagUnterminated, pos
}

// lifetimeOrChar lexes what starts with `'`: a lifetime or label (`'a`,
// `'r#a`) or a character literal (`'a'`, `'\n'`). As in rustc_lexer, it is
// a lifetime when an identifier character (or a digit, for a better error)
// follows and the character after that is not `'`.
func (l *lexer) lifetimeOrChar(start int) (Kind, Flags, int) {
	pos := start + 1
	c1, size1 := l.runeAt(pos)
	c2, _ := l.runeAt(pos + size1)
	if c2 == '\'' || !(isXIDStart(c1) || c1 >= '0' && c1 <= '9') {
		return l.quoted(start, pos, Char, modeChar)
	}
	if c1 == 'r' && c2 == '#' && l.ed >= Edition2021 && l.idStartAt(pos+2) {
		// Raw lifetimes came with the 2021 edition; before, `'r#a` is
		// `'r` `#` `a`, which the general path below produces.
		_, size := l.runeAt(pos + 2)
		end := l.identTail(pos + 2 + size)
		if l.at(end) == '\'' {
			l.errorf(start, end+1, "character literal may only contain one codepoint")
			return Char, 0, end + 1
		}
		if name := l.src[pos+2 : end]; !canBeRaw(name) {
			l.errorf(start, end, "`"+string(name)+"` cannot be a raw lifetime")
		}
		return Lifetime, FlagRaw, end
	}
	digit := c1 >= '0' && c1 <= '9'
	end := l.identTail(pos + size1)
	switch l.at(end) {
	case '\'':
		// `'ab'`: a string in single quotes. No suffix, as in rustc_lexer.
		l.unescape(pos, end, modeChar)
		return Char, 0, end + 1
	case '#':
		if !digit {
			l.checkPrefix(start, end)
			return Lifetime, 0, end
		}
	}
	if digit {
		l.errorf(start, end, "lifetimes cannot start with a number")
	}
	return Lifetime, 0, end
}

// number lexes an integer or float literal with its suffix, following
// rustc_lexer's Cursor::number, and reports what rustc reports when it
// cooks the token: missing digits, digits too big for the base, and
// non-decimal floats.
func (l *lexer) number(start int) (Kind, Flags, int) {
	src := l.src
	pos := start + 1
	base := 10
	emptyInt := false
	if src[start] == '0' {
		switch l.at(pos) {
		case 'b':
			base, pos = 2, pos+1
			pos, emptyInt = l.decimalDigits(pos)
		case 'o':
			base, pos = 8, pos+1
			pos, emptyInt = l.decimalDigits(pos)
		case 'x':
			base, pos = 16, pos+1
			pos, emptyInt = l.hexDigits(pos)
		default:
			pos, _ = l.decimalDigits(pos)
		}
	} else {
		pos, _ = l.decimalDigits(pos)
	}
	kind := Int
	emptyExp := false
	if !emptyInt {
		switch l.at(pos) {
		case '.':
			// `1..2`, `1.max(2)` and `1._x` keep the integer alone.
			if n := l.at(pos + 1); n != '.' && !l.idStartAt(pos+1) {
				kind, pos = Float, pos+1
				if n >= '0' && n <= '9' {
					pos, _ = l.decimalDigits(pos)
					if e := l.at(pos); e == 'e' || e == 'E' {
						pos, emptyExp = l.exponent(pos + 1)
					}
				}
			}
		case 'e', 'E':
			kind = Float
			pos, emptyExp = l.exponent(pos + 1)
		}
	}
	litEnd := pos
	var flags Flags
	if end := l.suffix(pos); end > pos {
		pos, flags = end, FlagSuffix
	}
	switch {
	case emptyInt:
		l.errorf(start, litEnd, "no valid digits found for number")
	case kind == Int && base < 10:
		for i := start + 2; i < litEnd; i++ {
			if c := src[i]; c != '_' && int(c-'0') >= base {
				l.errorf(i, i+1, "invalid digit for a base "+strconv.Itoa(base)+" literal")
			}
		}
	case kind == Float:
		if emptyExp {
			l.errorf(start, litEnd, "expected at least one digit in exponent")
		}
		if name := baseName[base]; name != "" {
			l.errorf(start, litEnd, name+" float literal is not supported")
		}
	}
	return kind, flags, pos
}

var baseName = [...]string{2: "binary", 8: "octal", 16: "hexadecimal"}

// decimalDigits skips digits and underscores; empty reports no digit seen.
func (l *lexer) decimalDigits(pos int) (end int, empty bool) {
	src := l.src
	empty = true
	for pos < len(src) {
		c := src[pos]
		if c >= '0' && c <= '9' {
			empty = false
		} else if c != '_' {
			break
		}
		pos++
	}
	return pos, empty
}

func (l *lexer) hexDigits(pos int) (end int, empty bool) {
	src := l.src
	empty = true
	for pos < len(src) {
		c := src[pos]
		if c >= '0' && c <= '9' || c|0x20 >= 'a' && c|0x20 <= 'f' {
			empty = false
		} else if c != '_' {
			break
		}
		pos++
	}
	return pos, empty
}

// exponent lexes the part after `e`: an optional sign and digits.
func (l *lexer) exponent(pos int) (int, bool) {
	if c := l.at(pos); c == '+' || c == '-' {
		pos++
	}
	return l.decimalDigits(pos)
}

// unescape checks the contents src[start:end] of a terminated quoted
// literal the way rustc's unescaper does, reporting each error with
// rustc's wording; the values themselves are not needed.
func (l *lexer) unescape(start, end int, m mode) {
	src := l.src
	n := 0 // characters seen, for single-quoted literals
	nerr := len(l.errs)
	for i := start; i < end; {
		c := src[i]
		n++
		if m.singleQuoted() && (n == 2 || len(l.errs) > nerr) {
			// rustc checks a char literal up to its first error.
			if len(l.errs) == nerr {
				l.errorf(start-1, end+1, "character literal may only contain one codepoint")
			}
			return
		}
		switch {
		case c == '\\':
			i = l.escape(i, end, m)
		case c == '\r' && (m.singleQuoted() || i+1 >= end || src[i+1] != '\n'):
			if m.singleQuoted() {
				l.errorf(i, i+1, "character constant must be escaped: `\\r`")
			} else {
				l.errorf(i, i+1, "bare CR not allowed in string, use `\\r` instead")
			}
			i++
		case m.singleQuoted() && (c == '\n' || c == '\t' || c == '\''):
			l.errorf(i, i+1, "character constant must be escaped: `"+escapedChar(rune(c))+"`")
			i++
		case c == 0 && m.cstr():
			l.errorf(i, i+1, "null characters in C string literals are not supported")
			i++
		case c >= utf8.RuneSelf:
			_, size := utf8.DecodeRune(src[i:end])
			if m.bytes() {
				what := "byte literal"
				if m == modeByteStr {
					what = "byte string literal"
				}
				l.errorf(i, i+size, "non-ASCII character in "+what)
			}
			i += size
		default:
			i++
		}
	}
	if n == 0 && m.singleQuoted() {
		l.errorf(start-1, end+1, "empty character literal")
	}
}

// escape checks the escape sequence at src[i] == '\\' and returns the index
// after it. end bounds the literal's contents.
func (l *lexer) escape(i, end int, m mode) int {
	src := l.src
	esc := i
	i++
	if i >= end {
		return i // cannot happen in a terminated literal
	}
	c := src[i]
	i++
	switch c {
	case 'n', 'r', 't', '\\', '\'', '"':
		return i
	case '0':
		if m.cstr() {
			l.errorf(esc, i, "null characters in C string literals are not supported")
		}
		return i
	case '\n':
		if !m.singleQuoted() {
			return l.skipSpace(i, end)
		}
	case '\r':
		if !m.singleQuoted() && i < end && src[i] == '\n' {
			return l.skipSpace(i+1, end)
		}
	case 'x':
		v := 0
		for k := 0; k < 2; k++ {
			if i >= end {
				l.errorf(esc, i, "numeric character escape is too short")
				return i
			}
			d := hexVal(src[i])
			if d < 0 {
				r, size := utf8.DecodeRune(src[i:end])
				l.errorf(i, i+size, "invalid character in numeric character escape: `"+escapedChar(r)+"`")
				return i + size
			}
			v = v*16 + d
			i++
		}
		switch {
		case v > 0x7F && !m.bytes() && !m.cstr():
			l.errorf(esc, i, "out of range hex escape")
		case v == 0 && m.cstr():
			l.errorf(esc, i, "null characters in C string literals are not supported")
		}
		return i
	case 'u':
		return l.unicodeEscape(esc, i, end, m)
	}
	r, size := utf8.DecodeRune(src[i-1 : end])
	l.errorf(esc, i-1+size, "unknown character escape: `"+escapedChar(r)+"`")
	return i - 1 + size
}

// skipSpace skips the whitespace after a `\` line continuation (rustc skips
// ASCII whitespace only and merely warns about the rest).
func (l *lexer) skipSpace(i, end int) int {
	for i < end {
		switch l.src[i] {
		case ' ', '\t', '\n', '\r':
			i++
			continue
		}
		break
	}
	return i
}

// unicodeEscape checks `\u{…}`; i is after the `u`.
func (l *lexer) unicodeEscape(esc, i, end int, m mode) int {
	src := l.src
	if i >= end || src[i] != '{' {
		l.errorf(esc, i, "incorrect unicode escape sequence")
		return i
	}
	i++
	if i >= end {
		l.errorf(esc, i, "unterminated unicode escape")
		return i
	}
	switch src[i] {
	case '_':
		l.errorf(i, i+1, "invalid start of unicode escape: `_`")
		return i + 1
	case '}':
		l.errorf(esc, i+1, "empty unicode escape")
		return i + 1
	}
	digits := 0
	v := 0
	for ; i < end; i++ {
		c := src[i]
		if c == '_' {
			continue
		}
		if c == '}' {
			i++
			switch {
			case digits > 6:
				l.errorf(esc, i, "overlong unicode escape")
			case m.bytes():
				l.errorf(esc, i, "unicode escape in byte string")
			case v > 0x10FFFF || v >= 0xD800 && v <= 0xDFFF:
				l.errorf(esc, i, "invalid unicode character escape")
			case v == 0 && m.cstr():
				l.errorf(esc, i, "null characters in C string literals are not supported")
			}
			return i
		}
		d := hexVal(c)
		if d < 0 {
			r, size := utf8.DecodeRune(src[i:end])
			l.errorf(i, i+size, "invalid character in unicode escape: `"+escapedChar(r)+"`")
			return i + size
		}
		if digits++; digits <= 6 {
			v = v*16 + d
		}
	}
	l.errorf(esc, i, "unterminated unicode escape")
	return i
}

func hexVal(c byte) int {
	switch {
	case c >= '0' && c <= '9':
		return int(c - '0')
	case c|0x20 >= 'a' && c|0x20 <= 'f':
		return int(c|0x20-'a') + 10
	}
	return -1
}

// unescapeRaw checks the contents src[start:end] of a raw string: no
// escapes, but a lone CR, NUL in a C string and non-ASCII in a byte
// string are still errors.
func (l *lexer) unescapeRaw(start, end int, m mode) {
	l.checkBareCR(start, end, "bare CR not allowed in raw string")
	src := l.src[start:end]
	switch {
	case m == modeRawCStr:
		for i := bytes.IndexByte(src, 0); i >= 0; {
			l.errorf(start+i, start+i+1, "null characters in C string literals are not supported")
			j := bytes.IndexByte(src[i+1:], 0)
			if j < 0 {
				break
			}
			i += 1 + j
		}
	case m == modeRawByteStr:
		for i := 0; i < len(src); {
			if src[i] < utf8.RuneSelf {
				i++
				continue
			}
			_, size := utf8.DecodeRune(src[i:])
			l.errorf(start+i, start+i+size, "non-ASCII character in raw byte string literal")
			i += size
		}
	}
}
