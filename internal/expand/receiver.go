package expand

import (
	"github.com/asynctrait/asynctrait/internal/edit"
	"github.com/asynctrait/asynctrait/internal/lexer"
	"github.com/asynctrait/asynctrait/internal/syntax"
)

// Token-level walks over function bodies and signatures, mirroring
// upstream's HasSelf and ReplaceSelf visitors (spec §2.5, §5.2): nested
// items are not entered, macro invocations are searched token by token
// unless they contain the identifier `fn`.

// isItemKeyword reports whether w starts a nested item inside a block. (A
// switch: it is asked of every identifier of every body, and a map would
// hash each.)
func isItemKeyword(w []byte) bool {
	switch string(w) {
	case "fn", "struct", "enum", "union", "trait", "impl", "mod", "use", "static", "const", "type", "extern", "macro_rules":
		return true
	}
	return false
}

// nestedItemEnd returns the index just past a nested item starting at
// token i (a keyword isItemKeyword knows), or -1 if the tokens at i do not
// start an item (e.g. `fn(u8)` is a type, `const { }` a block, `impl` in
// a type position, `union` as an identifier).
func (k *toks) nestedItemEnd(i, end int) int {
	word := k.text(i)
	n := k.next(i)
	switch word {
	case "fn":
		if n >= end || k.t[n].Kind != lexer.Ident {
			return -1
		}
	case "const":
		// `const X: T = …;` or `const fn`, not `const { … }` or `*const T`.
		p := k.prev(i)
		if p >= 0 && k.t[p].Kind == lexer.Star {
			return -1
		}
		if n >= end || (k.t[n].Kind != lexer.Ident && k.t[n].Kind != lexer.Underscore) {
			return -1
		}
	case "static":
		if n >= end || k.t[n].Kind != lexer.Ident || k.isIdent(n, "move") {
			return -1
		}
	case "union", "macro_rules":
		if word == "macro_rules" {
			return -1 // entered, see below
		}
		if n >= end || k.t[n].Kind != lexer.Ident {
			return -1
		}
	case "impl", "struct", "enum", "trait", "mod", "use", "type", "extern":
		if !k.atStatementStart(i) {
			return -1
		}
	}
	// The item ends at the first top-level `;`, or at the end of the first
	// brace group (for fn/impl/struct/… bodies), whichever comes first.
	for j := i; j < end; j++ {
		tk := k.t[j]
		switch {
		case tk.Kind == lexer.Semi:
			return j + 1
		case tk.Kind == lexer.LBrace && tk.Match > 0:
			m := int(tk.Match)
			// `struct S { } ` ends here; so do fn/impl/trait/mod bodies.
			return m + 1
		case tk.Kind.IsOpen() && tk.Match > 0:
			j = int(tk.Match)
		}
	}
	return end
}

// atStatementStart reports whether token i begins a statement: it follows
// `{`, `;`, `}`, an attribute's `]`, or a visibility/qualifier keyword.
func (k *toks) atStatementStart(i int) bool {
	p := k.prev(i)
	if p < 0 {
		return true
	}
	switch k.t[p].Kind {
	case lexer.LBrace, lexer.Semi, lexer.RBrace, lexer.RBracket:
		return true
	case lexer.Ident:
		switch k.text(p) {
		case "pub", "unsafe", "default", "async", "const", "extern":
			return true
		}
	case lexer.RParen:
		// pub(crate) impl…
		if m := int(k.t[p].Match); m > 0 {
			return k.isIdent(k.prev(m), "pub")
		}
	case lexer.Str:
		return k.isIdent(k.prev(p), "extern")
	}
	return false
}

// macroGroup returns the delimited group of a macro invocation whose `!` is
// at index bang (`path ! ( … )`), or ok=false.
func (k *toks) macroGroup(bang, end int) (open int, ok bool) {
	if k.t[bang].Kind != lexer.Not {
		return 0, false
	}
	p := k.prev(bang)
	if p < 0 || k.t[p].Kind != lexer.Ident {
		return 0, false
	}
	n := k.next(bang)
	if n >= end || !k.t[n].Kind.IsOpen() || k.t[n].Match <= 0 {
		// `macro_rules! name { … }`
		if n < end && k.t[n].Kind == lexer.Ident {
			g := k.next(n)
			if g < end && k.t[g].Kind.IsOpen() && k.t[g].Match > 0 {
				return g, true
			}
		}
		return 0, false
	}
	return n, true
}

// selfScan walks the tokens of r the way upstream's visitors do and calls
// visit for every identifier token word it considers an expression-level
// use. inMacro tells whether the token sits inside a macro invocation's
// tokens.
func (k *toks) selfScan(r syntax.TokenRange, word string, visit func(i int, inMacro bool)) {
	k.scanRange(r.Start, r.End, false, word, visit)
}

func (k *toks) scanRange(start, end int, inMacro bool, word string, visit func(i int, inMacro bool)) {
	for i := start; i < end; i++ {
		tk := k.t[i]
		switch tk.Kind {
		case lexer.Ident:
			w := k.word(i)
			if !inMacro && isItemKeyword(w) {
				if e := k.nestedItemEnd(i, end); e > i {
					i = e - 1
					continue
				}
			}
			if string(w) == word {
				visit(i, inMacro)
			}
		case lexer.Pound:
			// Skip attributes: they never mention the receiver.
			n := k.next(i)
			if n < end && k.t[n].Kind == lexer.Not {
				n = k.next(n)
			}
			if n < end && k.t[n].Kind == lexer.LBracket && k.t[n].Match > 0 {
				i = int(k.t[n].Match)
			}
		case lexer.Not:
			if inMacro {
				continue
			}
			open, ok := k.macroGroup(i, end)
			if !ok {
				continue
			}
			close := int(k.t[open].Match)
			inner := syntax.TokenRange{Start: open + 1, End: close}
			if !k.containsIdent(inner, "fn") {
				k.scanRange(inner.Start, inner.End, true, word, visit)
			}
			i = close
		}
	}
}

// hasSelfTokens reports whether r mentions `Self` as upstream's HasSelf
// would: a path starting with `Self` or a macro containing `Self` (and no
// `fn`). Struct literals and patterns `Self { … }` are not paths it checks.
func (k *toks) hasSelfTokens(r syntax.TokenRange, inBody bool) bool {
	found := false
	k.selfScan(r, "Self", func(i int, inMacro bool) {
		if found {
			return
		}
		if inMacro {
			found = true
			return
		}
		if p := k.prev(i); p >= 0 && k.t[p].Kind == lexer.PathSep {
			return // a later path segment
		}
		if n := k.next(i); inBody && n < r.End && k.t[n].Kind == lexer.LBrace {
			return // `Self { … }` struct literal or pattern
		}
		found = true
	})
	return found
}

// replaceSelf renames `self` to `__self` in a body (spec §5.2): single
// segment paths only outside macros, every `self` token inside macros.
func (k *toks) replaceSelf(r syntax.TokenRange, name string, out []edit.Edit) []edit.Edit {
	k.selfScan(r, "self", func(i int, inMacro bool) {
		if !inMacro {
			if n := k.next(i); n < len(k.t) && k.t[n].Kind == lexer.PathSep {
				return // `self::module` path
			}
			if p := k.prev(i); p >= 0 && k.t[p].Kind == lexer.PathSep {
				return // `super::self`? not an expression
			}
		}
		out = append(out, edit.Edit{Start: int(k.t[i].Start), End: int(k.t[i].End), New: name})
	})
	return out
}
