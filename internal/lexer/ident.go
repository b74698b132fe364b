package lexer

import (
	"strconv"
	"unicode"
	"unicode/utf8"
)

// ident lexes an identifier whose first character ends at pos.
func (l *lexer) ident(start, pos int) (Kind, int) {
	src := l.src
	for pos < len(src) {
		c := src[pos]
		if c < utf8.RuneSelf {
			if asciiClass[c]&clsIDContinue == 0 {
				break
			}
			pos++
			continue
		}
		r, size := utf8.DecodeRune(src[pos:])
		if isXIDContinue(r) {
			pos += size
			continue
		}
		if isEmoji(r) {
			return l.invalidIdent(start, pos)
		}
		break
	}
	l.checkPrefix(start, pos)
	return Ident, pos
}

// checkPrefix reports, from 2021 on, an identifier or lifetime in
// src[start:end] used as a literal prefix (`f"x"`, `k#x`, `'a#`): the
// 2021 edition reserved them. Earlier editions lex them as two tokens.
func (l *lexer) checkPrefix(start, end int) {
	if l.ed < Edition2021 || end >= len(l.src) {
		return
	}
	if c := l.src[end]; c == '#' || c == '"' || c == '\'' {
		l.errorf(start, end, "prefix `"+string(l.src[start:end])+"` is unknown")
	}
}

// rawIdent lexes `r#name`; src[start+2] is known to start an identifier.
func (l *lexer) rawIdent(start int) (Kind, Flags, int) {
	_, size := l.runeAt(start + 2)
	pos := l.identTail(start + 2 + size)
	if name := l.src[start+2 : pos]; !canBeRaw(name) {
		l.errorf(start, pos, "`"+string(name)+"` cannot be a raw identifier")
	}
	return Ident, FlagRaw, pos
}

// identTail returns the end of the XID_Continue characters at pos.
func (l *lexer) identTail(pos int) int {
	src := l.src
	for pos < len(src) {
		c := src[pos]
		if c < utf8.RuneSelf {
			if asciiClass[c]&clsIDContinue == 0 {
				return pos
			}
			pos++
			continue
		}
		r, size := utf8.DecodeRune(src[pos:])
		if !isXIDContinue(r) {
			return pos
		}
		pos += size
	}
	return pos
}

// suffix returns the end of the identifier at pos (a literal suffix), or
// pos if none starts there.
func (l *lexer) suffix(pos int) int {
	if !l.idStartAt(pos) {
		return pos
	}
	_, size := l.runeAt(pos)
	return l.identTail(pos + size)
}

// canBeRaw reports whether name may follow `r#` (rustc's Symbol::can_be_raw).
func canBeRaw(name []byte) bool {
	switch string(name) {
	case "_", "crate", "self", "Self", "super":
		return false
	}
	return true
}

// invalidIdent lexes an identifier that contains an emoji (pos is after
// the characters already seen), as rustc_lexer's InvalidIdent.
func (l *lexer) invalidIdent(start, pos int) (Kind, int) {
	for pos < len(l.src) {
		r, size := l.runeAt(pos)
		if !isXIDContinue(r) && !isEmoji(r) && r != 0x200D {
			break
		}
		pos += size
	}
	if text := string(l.src[start:pos]); text == "\U0001F980" {
		l.errorf(start, pos, "Ferris cannot be used as an identifier")
	} else {
		l.errorf(start, pos, "identifiers cannot contain emoji: `"+text+"`")
	}
	return Invalid, pos
}

// isXIDStart approximates Unicode XID_Start, which rustc uses for the first
// character of an identifier, from Go's tables (Unicode 15.0 in Go 1.26;
// rustc 1.95 is a version or two ahead, so a letter added since is
// rejected here). It agrees with Python 3.11's XID tables on every
// character assigned in Unicode 14.
//
//	ID_Start  = L + Nl + Other_ID_Start − Pattern_Syntax − Pattern_White_Space
//	XID_Start = ID_Start minus the few characters that NFKC changes (xidExcluded)
func isXIDStart(r rune) bool {
	if r < utf8.RuneSelf {
		return r >= 0 && asciiClass[r]&clsIDStart != 0
	}
	return (unicode.IsLetter(r) || unicode.Is(unicode.Nl, r) || unicode.Is(unicode.Other_ID_Start, r)) &&
		!unicode.Is(unicode.Pattern_Syntax, r) && !unicode.Is(unicode.Pattern_White_Space, r) &&
		!xidExcluded(r, true)
}

// isXIDContinue approximates Unicode XID_Continue the same way:
//
//	ID_Continue = ID_Start + Mn + Mc + Nd + Pc + Other_ID_Continue − Pattern_Syntax − Pattern_White_Space
func isXIDContinue(r rune) bool {
	if r < utf8.RuneSelf {
		return r >= 0 && asciiClass[r]&clsIDContinue != 0
	}
	if isXIDStart(r) {
		return true
	}
	switch r {
	case 0x200C, 0x200D, 0x30FB, 0xFF65:
		// Added to Other_ID_Continue in Unicode 15.1, which Go's
		// tables predate; rustc accepts them (checked with 1.95).
		return true
	}
	return (unicode.In(r, unicode.Mn, unicode.Mc, unicode.Nd, unicode.Pc, unicode.Other_ID_Continue) ||
		unicode.IsLetter(r) || unicode.Is(unicode.Nl, r) || unicode.Is(unicode.Other_ID_Start, r)) &&
		!unicode.Is(unicode.Pattern_Syntax, r) && !unicode.Is(unicode.Pattern_White_Space, r) &&
		!xidExcluded(r, false)
}

// xidExcluded lists the characters of ID_Start (start) or ID_Continue that
// are not in XID_Start or XID_Continue (DerivedCoreProperties.txt).
func xidExcluded(r rune, start bool) bool {
	switch {
	case r == 0x037A, r == 0x309B, r == 0x309C, r >= 0xFC5E && r <= 0xFC63, r == 0xFDFA, r == 0xFDFB:
		return true
	case r >= 0xFE70 && r <= 0xFE7E:
		return r%2 == 0
	case r == 0x0E33, r == 0x0EB3, r == 0xFF9E, r == 0xFF9F:
		return start
	}
	return false
}

// isEmoji approximates Unicode's Emoji property by its main blocks; rustc
// uses it only to word an error, "identifiers cannot contain emoji".
func isEmoji(r rune) bool {
	switch {
	case r >= 0x1F000 && r <= 0x1FAFF, r >= 0x2600 && r <= 0x27BF, r >= 0x2300 && r <= 0x23FF:
		return true
	case r >= 0x2194 && r <= 0x21AA, r >= 0x2B05 && r <= 0x2B55:
		return true
	}
	switch r {
	case 0xA9, 0xAE, 0x203C, 0x2049, 0x2122, 0x2139, 0x3030, 0x303D, 0x3297, 0x3299:
		return true
	}
	return false
}

// escapedChar prints a character as rustc's messages do: printable ASCII
// as is, everything else as Rust's char::escape_default.
func escapedChar(r rune) string {
	switch {
	case r >= 0x20 && r <= 0x7E:
		return string(r)
	case r == '\t':
		return `\t`
	case r == '\n':
		return `\n`
	case r == '\r':
		return `\r`
	}
	return `\u{` + strconv.FormatInt(int64(r), 16) + `}`
}

// IsKeyword reports whether word is a strict keyword in edition ed (the zero
// Edition means 2021): it can only be used as an identifier in raw form
// (`r#type`). `async`, `await` and `dyn` are keywords from 2018 on. Weak
// keywords (`union`, `macro_rules`, `raw`, `safe`, `'static`) are not
// keywords here.
func IsKeyword(word []byte, ed Edition) bool {
	switch string(word) {
	case "as", "break", "const", "continue", "crate", "else", "enum", "extern",
		"false", "fn", "for", "if", "impl", "in", "let", "loop", "match", "mod",
		"move", "mut", "pub", "ref", "return", "self", "Self", "static", "struct",
		"super", "trait", "true", "type", "unsafe", "use", "where", "while":
		return true
	case "async", "await", "dyn":
		return ed == 0 || ed >= Edition2018
	}
	return false
}

// IsReservedKeyword reports whether word is reserved for future use in
// edition ed: not a keyword yet, but not usable as a plain identifier
// either. `try` is reserved from 2018 on and `gen` from 2024 on.
func IsReservedKeyword(word []byte, ed Edition) bool {
	switch string(word) {
	case "abstract", "become", "box", "do", "final", "macro", "override",
		"priv", "typeof", "unsized", "virtual", "yield":
		return true
	case "try":
		return ed == 0 || ed >= Edition2018
	case "gen":
		return ed >= Edition2024
	}
	return false
}
