package syntax

import (
	"cmp"
	"fmt"
	"slices"
	"unsafe"

	"github.com/asynctrait/asynctrait/internal/lexer"
	"github.com/asynctrait/asynctrait/internal/source"
)

// Mode tunes the parser.
type Mode uint8

const (
	// MacroBody parses the transcriber of a macro_rules! rule: `$name`
	// metavariables stand for identifiers, types, bounds, patterns or
	// expressions; a `$( … )*` repetition where structure is needed is an
	// error whose message starts with "macro repetition".
	MacroBody Mode = 1 << iota
)

// maxDepth bounds the recursion of items, types, bounds and patterns, so
// absurd nesting becomes an error instead of a stack overflow.
const maxDepth = 256

// Parse lexes and parses a whole file. It always returns a File; errors,
// lexical ones included, are in File.Errors.
func Parse(f *source.File) *File { return ParseEdition(f, lexer.Edition2021) }

// ParseEdition parses a file written for the given edition (keywords and
// reserved prefixes differ between editions).
func ParseEdition(f *source.File, ed lexer.Edition) *File {
	s := NewStream(f, ed)
	s.InnerAttrs()
	for it := s.Next(); it != nil; it = s.Next() {
		s.File.Items = append(s.File.Items, it)
	}
	s.Finish()
	return s.File
}

// lexErrorAt reports whether a lexer error starts at off (errs is sorted).
func lexErrorAt(errs []lexer.Error, off uint32) bool {
	i, found := slices.BinarySearchFunc(errs, off, func(e lexer.Error, off uint32) int { return cmp.Compare(e.Span.Start, off) })
	return found && i < len(errs)
}

// MaxErrors is how many syntax errors a file reports, as go/parser stops
// after 10: one cause often makes many, and a hostile file must not make
// megabytes of diagnostics. Past it, one more error says how many are
// left out, at the first of them (as the Go compiler's "too many errors").
const MaxErrors = 10

func capErrors(es []Error) []Error {
	if len(es) <= MaxErrors {
		return es
	}
	more := Error{Span: es[MaxErrors].Span, Msg: fmt.Sprintf("too many errors: %d more not shown", len(es)-MaxErrors)}
	return append(es[:MaxErrors:MaxErrors], more)
}

// ParseTokens parses the items in a token range of an already lexed file.
func ParseTokens(f *source.File, toks []lexer.Token, r TokenRange, mode Mode) ([]Item, []Error) {
	p := newParser(f, toks, r, mode)
	var items []Item
	p.run(func() { items = p.items(-1) })
	sortErrors(p.errs)
	return items, p.errs
}

func sortErrors(es []Error) {
	slices.SortStableFunc(es, func(a, b Error) int { return cmp.Compare(a.Span.Start, b.Span.Start) })
}

type parser struct {
	f    *source.File
	src  []byte
	toks []lexer.Token
	// The significant tokens are toks[base:base+n] when idx is nil (no
	// comments in range), else toks[idx[0]], …, toks[idx[n-1]].
	idx  []int32
	base int
	n    int
	// view is toks[base:base+n] when idx is nil (no trivia), for tokAt.
	view []lexer.Token
	pos  int // current position among the significant tokens
	// the current token (see cur)
	ck     lexer.Kind
	cs, ce uint32
	// prevEnd is the end of the token before pos (lastEnd's answer when
	// pos > 0 and split is 0), kept by bump and seek.
	prevEnd uint32
	// split is how many bytes of the current token a parser that needed a
	// single `>` (or `<`, `&`) has already consumed.
	split uint32
	mode  Mode
	depth int
	errs  []Error
	sl    *slabs
	// attrBuf is outerAttrs' buffer.
	attrBuf []*Attr
	eof     uint32 // byte offset of the end of the range
}

// bail aborts the current item after an error; items() recovers it.
type bail struct{}

func newParser(f *source.File, toks []lexer.Token, r TokenRange, mode Mode) *parser {
	return newParserTrivia(f, toks, r, mode, true)
}

// newParserTrivia is newParser for tokens that hold no trivia unless
// trivia is set (the lexer tells: lexer.Result.Trivia), which spares a
// walk over every token of a file without comments.
func newParserTrivia(f *source.File, toks []lexer.Token, r TokenRange, mode Mode, trivia bool) *parser {
	p := &parser{f: f, src: f.Src, toks: toks, mode: mode, base: r.Start, sl: new(slabs)}
	end := r.End
	if end > r.Start && toks[end-1].Kind == lexer.EOF {
		end--
	}
	p.n = end - r.Start
	p.view = toks[r.Start:end]
	for i := r.Start; trivia && i < end; i++ {
		if toks[i].Kind.IsTrivia() {
			// Comments (or whitespace, when lexed with it): index
			// the rest.
			p.idx = make([]int32, 0, end-r.Start)
			for j := r.Start; j < end; j++ {
				if k := toks[j].Kind; !k.IsTrivia() && k != lexer.EOF {
					p.idx = append(p.idx, int32(j))
				}
			}
			p.n = len(p.idx)
			p.view = nil
			break
		}
	}
	if r.End > r.Start {
		last := toks[r.End-1]
		p.eof = last.End
	}
	p.sync()
	return p
}

// run executes fn, turning an unexpected panic into an error.
func (p *parser) run(fn func()) {
	depth := p.depth
	defer func() {
		if r := recover(); r != nil {
			p.depth = depth
			if _, ok := r.(bail); ok {
				return
			}
			p.errs = append(p.errs, Error{Span: p.curSpan(), Msg: fmt.Sprintf("internal parser error: %v", r)})
		}
	}()
	fn()
}

// ---------------------------------------------------------------------------
// token access

func (p *parser) tokAt(i int) (lexer.Kind, uint32, uint32) {
	if uint(i) < uint(len(p.view)) { // no trivia: the tokens are the positions
		t := &p.view[i]
		return t.Kind, t.Start, t.End
	}
	if i >= p.n || p.idx == nil {
		return lexer.EOF, p.eof, p.eof
	}
	t := &p.toks[p.idx[i]]
	return t.Kind, t.Start, t.End
}

// cur returns the current token, taking a partly consumed one into account.
// It is asked for far more often than the position changes, so it is kept
// in ck, cs, ce by sync.
func (p *parser) cur() (lexer.Kind, uint32, uint32) { return p.ck, p.cs, p.ce }

// sync recomputes the current token after pos or split changed.
func (p *parser) sync() { p.ck, p.cs, p.ce = p.computeCur() }

func (p *parser) computeCur() (lexer.Kind, uint32, uint32) {
	k, s, e := p.tokAt(p.pos)
	if p.split == 0 {
		return k, s, e
	}
	s += p.split
	rest := string(p.src[s:e])
	switch rest {
	case ">":
		k = lexer.Gt
	case ">=":
		k = lexer.Ge
	case "=":
		k = lexer.Eq
	case "<":
		k = lexer.Lt
	case "&":
		k = lexer.And
	case "|":
		k = lexer.Or
	case "-":
		k = lexer.Minus
	case "<=":
		k = lexer.Le
	}
	return k, s, e
}

func (p *parser) kind() lexer.Kind { return p.ck }

func (p *parser) peekKind(n int) lexer.Kind {
	if n == 0 {
		return p.kind()
	}
	k, _, _ := p.tokAt(p.pos + n)
	return k
}

func (p *parser) curSpan() Span { _, s, e := p.cur(); return Span{Start: s, End: e} }

func (p *parser) text() string { _, s, e := p.cur(); return string(p.src[s:e]) }

// peekText is the text of the token n ahead, for comparisons only: it
// shares the source's memory.
func (p *parser) peekText(n int) string {
	var s, e uint32
	if n == 0 {
		_, s, e = p.cur()
	} else {
		_, s, e = p.tokAt(p.pos + n)
	}
	if e <= s {
		return ""
	}
	return unsafe.String(&p.src[s], int(e-s))
}

func (p *parser) tokIndex() int { return p.tokIndexAt(p.pos) }

// tokIndexAt is the token slice index of position pos, or -1 at the end.
func (p *parser) tokIndexAt(pos int) int {
	if pos >= p.n {
		return -1
	}
	if p.idx == nil {
		return p.base + pos
	}
	return int(p.idx[pos])
}

// seek moves to position pos, at the start of its token.
func (p *parser) seek(pos int) {
	p.pos, p.split = pos, 0
	if pos > 0 {
		_, _, p.prevEnd = p.tokAt(pos - 1)
	}
	p.sync()
}

// bump consumes the current token and returns its span.
func (p *parser) bump() Span {
	sp := Span{Start: p.cs, End: p.ce}
	p.pos++
	p.split = 0
	p.prevEnd = sp.End
	p.ck, p.cs, p.ce = p.tokAt(p.pos) // sync, without a split to look at
	return sp
}

// bumpBytes consumes n bytes of the current (joined) token: `>` of `>>`.
func (p *parser) bumpBytes(n uint32) Span {
	_, s, e := p.cur()
	if s+n >= e {
		return p.bump()
	}
	p.split += n
	p.sync()
	return Span{Start: s, End: s + n}
}

func (p *parser) atEOF() bool { return p.kind() == lexer.EOF }

// isWord and peekWord compare without converting the token to a string
// (no allocation: BenchmarkParseGenerated).
func (p *parser) isWord(w string) bool {
	k, s, e := p.cur()
	return k == lexer.Ident && string(p.src[s:e]) == w
}

func (p *parser) peekWord(n int, w string) bool {
	if n == 0 {
		return p.isWord(w)
	}
	k, s, e := p.tokAt(p.pos + n)
	return k == lexer.Ident && string(p.src[s:e]) == w
}

func (p *parser) eatWord(w string) Span {
	if p.isWord(w) {
		return p.bump()
	}
	return Span{}
}

func (p *parser) eat(k lexer.Kind) Span {
	if p.kind() == k {
		return p.bump()
	}
	return Span{}
}

func (p *parser) lastEnd() uint32 {
	if p.split == 0 && p.pos > 0 {
		return p.prevEnd
	}
	if p.split > 0 {
		_, s, _ := p.tokAt(p.pos)
		return s + p.split
	}
	if p.pos == 0 {
		_, s, _ := p.tokAt(0)
		return s
	}
	_, _, e := p.tokAt(p.pos - 1)
	return e
}

func (p *parser) describe() string {
	if p.atEOF() {
		return "end of input"
	}
	return "`" + p.text() + "`"
}

func (p *parser) fail(msg string) {
	p.errs = append(p.errs, Error{Span: p.curSpan(), Msg: msg})
	panic(bail{})
}

func (p *parser) expected(what string) {
	p.fail(fmt.Sprintf("expected %s, found %s", what, p.describe()))
}

func (p *parser) expect(k lexer.Kind, what string) Span {
	if p.kind() == k {
		return p.bump()
	}
	// A joined token whose first character is the one we need.
	if _, s, e := p.cur(); e > s {
		first := p.src[s]
		if k == lexer.Gt && first == '>' || k == lexer.Lt && first == '<' || k == lexer.And && first == '&' ||
			k == lexer.Or && first == '|' || k == lexer.Eq && first == '=' {
			return p.bumpBytes(1)
		}
	}
	p.expected("`" + what + "`")
	return Span{}
}

func (p *parser) enter() {
	p.depth++
	if p.depth > maxDepth {
		p.depth = 0
		p.fail("nesting too deep: more than 256 levels of items, types or patterns")
	}
}

func (p *parser) leave() { p.depth-- }

// group consumes a delimited group and returns its token range.
func (p *parser) group() TokenRange {
	i := p.tokIndex()
	if i < 0 || !p.toks[i].Kind.IsOpen() {
		p.expected("`(`, `[` or `{`")
	}
	m := int(p.toks[i].Match)
	if m <= 0 {
		p.fail("unclosed delimiter")
	}
	// Advance past the closing delimiter.
	pos := m - p.base + 1
	if p.idx != nil {
		for pos = p.pos; p.tokIndexAt(pos) >= 0 && p.tokIndexAt(pos) <= m; pos++ {
		}
	}
	p.seek(pos)
	return TokenRange{Start: i, End: m + 1}
}

func (p *parser) groupSpan(r TokenRange) Span {
	return Span{Start: p.toks[r.Start].Start, End: p.toks[r.End-1].End}
}

// inside runs fn over the tokens strictly inside the current group, then
// checks that fn consumed them all and moves past the group.
func (p *parser) inside(fn func()) TokenRange {
	i := p.tokIndex()
	if i < 0 || !p.toks[i].Kind.IsOpen() || p.toks[i].Match <= 0 {
		p.expected("a delimited group")
	}
	m := int(p.toks[i].Match)
	p.bump()
	fn()
	if p.tokIndex() != m {
		p.expected("`" + p.closer(m) + "`")
	}
	p.bump()
	return TokenRange{Start: i, End: m + 1}
}

func (p *parser) closer(m int) string { return string(p.src[p.toks[m].Start:p.toks[m].End]) }

// atClose reports whether the current token is a closing delimiter (or EOF).
func (p *parser) atClose() bool {
	k := p.kind()
	return k == lexer.EOF || (k.IsClose() && p.split == 0)
}

// ---------------------------------------------------------------------------
// identifiers, lifetimes

func (p *parser) ident() *Ident {
	switch p.kind() {
	case lexer.Ident:
		id := p.sl.idents.new()
		id.Sp = p.bump()
		return id
	case lexer.Dollar:
		if p.mode&MacroBody != 0 && p.peekKind(1) == lexer.Ident {
			s := p.bump()
			e := p.bump()
			return &Ident{node{s.Join(e)}}
		}
		if p.mode&MacroBody != 0 && p.peekKind(1) == lexer.LParen {
			p.fail("macro repetition `$( … )` where the item grammar needs structure")
		}
	}
	p.expected("identifier")
	return nil
}

func (p *parser) isIdentStart() bool {
	return p.kind() == lexer.Ident || p.mode&MacroBody != 0 && p.kind() == lexer.Dollar && p.peekKind(1) == lexer.Ident
}

func (p *parser) lifetime() *Lifetime {
	if p.kind() != lexer.Lifetime {
		p.expected("lifetime")
	}
	lt := p.sl.lifetimes.new()
	lt.Sp = p.bump()
	return lt
}

// ---------------------------------------------------------------------------
// attributes and visibility

func (p *parser) outerAttrs() []*Attr {
	// Gathered in a buffer reused from item to item, then copied to slab
	// memory: one allocation per chunk of attributes, not per item.
	attrs := p.outerAttrsInto(p.attrBuf[:0])
	p.attrBuf = attrs[:0]
	return p.sl.attrPtrs.carve(attrs)
}

func (p *parser) outerAttrsInto(attrs []*Attr) []*Attr {
	for {
		switch p.kind() {
		case lexer.DocComment:
			i := p.tokIndex()
			if p.toks[i].Flags&lexer.FlagInnerDoc != 0 {
				return attrs
			}
			a := p.sl.attrs.new()
			a.node, a.Style = node{p.bump()}, AttrDoc
			attrs = append(attrs, a)
		case lexer.Pound:
			if p.peekKind(1) != lexer.LBracket {
				return attrs
			}
			attrs = append(attrs, p.attr(false))
		default:
			return attrs
		}
	}
}

func (p *parser) innerAttrs() []*Attr {
	var attrs []*Attr
	for {
		switch p.kind() {
		case lexer.DocComment:
			i := p.tokIndex()
			if p.toks[i].Flags&lexer.FlagInnerDoc == 0 {
				return attrs
			}
			attrs = append(attrs, &Attr{node: node{p.bump()}, Style: AttrDoc, Inner: true})
		case lexer.Pound:
			if p.peekKind(1) != lexer.Not || p.peekKind(2) != lexer.LBracket {
				return attrs
			}
			attrs = append(attrs, p.attr(true))
		default:
			return attrs
		}
	}
}

func (p *parser) attr(inner bool) *Attr {
	a := p.sl.attrs.new()
	a.Style, a.Inner = AttrNormal, inner
	a.Pound = p.bump()
	if inner {
		a.Bang = p.bump()
	}
	a.Bracket = p.inside(func() {
		if p.isWord("unsafe") && p.peekKind(1) == lexer.LParen {
			a.Unsafe = p.bump()
			p.inside(func() { p.attrBody(a) })
			return
		}
		p.attrBody(a)
	})
	a.Sp = Span{Start: a.Pound.Start, End: p.toks[a.Bracket.End-1].End}
	return a
}

func (p *parser) attrBody(a *Attr) {
	a.Path = p.path(false)
	start := p.tokIndex()
	for !p.atClose() {
		if p.kind().IsOpen() {
			p.group()
		} else {
			p.bump()
		}
	}
	end := p.tokIndex()
	if start >= 0 && end > start {
		a.Args = TokenRange{Start: start, End: end}
	}
}

func (p *parser) vis() *Vis {
	switch {
	case p.isWord("pub"):
		s := p.bump()
		if p.kind() == lexer.LParen {
			// pub(crate), pub(self), pub(super), pub(in path) — but not a
			// tuple-struct field type `pub (u8)`.
			w := p.peekText(1)
			if p.peekKind(1) == lexer.Ident && (w == "crate" || w == "self" || w == "super") && p.peekKind(2) == lexer.RParen || p.peekWord(1, "in") {
				r := p.group()
				return &Vis{node: node{s.Join(p.groupSpan(r))}, Kind: VisRestricted}
			}
		}
		v := p.sl.vis.new()
		*v = Vis{node: node{s}, Kind: VisPub}
		return v
	case p.isWord("crate") && p.peekKind(1) != lexer.PathSep:
		return &Vis{node: node{p.bump()}, Kind: VisCrate}
	}
	return nil
}

// ---------------------------------------------------------------------------
// items

// items parses items until a closing delimiter or end of range.
func (p *parser) items(_ int) []Item {
	var local [8]Item
	items := local[:0]
	for !p.atClose() {
		start := p.pos
		it := p.itemRecover()
		if it != nil {
			items = append(items, it)
		}
		if p.pos == start {
			p.bump() // always make progress
		}
	}
	return p.sl.items.carve(items)
}

// itemRecover parses one item; after an error it skips to the end of the
// item and returns nil.
func (p *parser) itemRecover() (it Item) {
	start, depth := p.pos, p.depth
	defer func() {
		if r := recover(); r != nil {
			if _, ok := r.(bail); !ok {
				panic(r)
			}
			it = nil
			p.depth = depth
			p.recoverFrom(start)
		}
	}()
	return p.item()
}

// recoverFrom skips from token position start to after the end of the
// item: the first `;` or brace group at its level.
func (p *parser) recoverFrom(start int) {
	p.seek(start)
	for !p.atClose() {
		switch p.kind() {
		case lexer.Semi:
			p.bump()
			return
		case lexer.LBrace:
			p.group()
			return
		case lexer.LParen, lexer.LBracket:
			p.group()
		default:
			p.bump()
		}
	}
}

func (p *parser) item() Item {
	p.enter()
	defer p.leave()
	_, start, _ := p.cur()
	c := ItemCommon{}
	c.Attrs = p.outerAttrs()
	c.Vis = p.vis()
	finish := func(it Item) Item {
		cm := it.Common()
		cm.Attrs, cm.Vis = c.Attrs, c.Vis
		cm.Sp = Span{Start: start, End: p.lastEnd()}
		return it
	}
	var dflt Span
	if p.isWord("default") && p.peekKind(1) == lexer.Ident && !p.peekWord(1, "default") {
		switch p.peekText(1) {
		case "fn", "async", "unsafe", "const", "extern", "type", "impl", "safe":
			dflt = p.bump()
		}
	}
	// The item's first word, compared below as often as there are kinds
	// of items: once taken, each comparison is of two strings.
	w := p.peekText(0)
	if p.kind() != lexer.Ident {
		w = ""
	}
	switch {
	case w == "use":
		return finish(p.use())
	case w == "mod" || w == "unsafe" && p.peekWord(1, "mod"):
		return finish(p.mod())
	case w == "trait" || w == "auto" && p.peekWord(1, "trait") ||
		w == "unsafe" && (p.peekWord(1, "trait") || p.peekWord(1, "auto") && p.peekWord(2, "trait")):
		return finish(p.trait())
	case w == "impl" || w == "unsafe" && p.peekWord(1, "impl"):
		return finish(p.impl(dflt))
	case w == "type":
		return finish(p.typeAlias(dflt))
	case w == "static" || w == "const" && (p.peekKind(1) == lexer.Ident && !isFnQualifier(p.peekText(1)) || p.peekKind(1) == lexer.Underscore):
		return finish(p.constItem(dflt))
	case w == "extern" && p.peekWord(1, "crate"):
		return finish(p.other())
	case w == "extern" && (p.peekKind(1) == lexer.LBrace || p.peekKind(1) == lexer.Str && p.peekKind(2) == lexer.LBrace),
		w == "unsafe" && p.peekWord(1, "extern") && (p.peekKind(2) == lexer.LBrace || p.peekKind(2) == lexer.Str && p.peekKind(3) == lexer.LBrace):
		return finish(p.externBlock())
	case p.isFnStart():
		return finish(p.fn(dflt))
	case w == "struct" || w == "enum" || w == "union" && p.peekKind(1) == lexer.Ident || w == "macro" && p.peekKind(1) == lexer.Ident:
		return finish(p.other())
	case w == "macro_rules" && p.peekKind(1) == lexer.Not:
		return finish(p.macroCall())
	case (p.kind() == lexer.Ident || p.kind() == lexer.PathSep || p.kind() == lexer.Dollar) && p.isMacroCall():
		return finish(p.macroCall())
	}
	if p.mode&MacroBody != 0 && p.kind() == lexer.Dollar {
		p.fail("macro repetition or metavariable in item position where the item grammar needs structure")
	}
	p.fail(fmt.Sprintf("expected item, found %s", p.describe()))
	return nil
}

func isFnQualifier(w string) bool {
	switch w {
	case "fn", "async", "unsafe", "extern", "safe":
		return true
	}
	return false
}

// isFnStart: [const] [async] [unsafe|safe] [extern "abi"] fn
func (p *parser) isFnStart() bool {
	for i := 0; i < 6; i++ {
		if p.peekKind(i) != lexer.Ident {
			return false
		}
		switch p.peekText(i) {
		case "fn":
			return true
		case "const", "async", "unsafe", "safe":
		case "extern":
			if p.peekKind(i+1) == lexer.Str {
				i++
			}
		default:
			return false
		}
	}
	return false
}

// isMacroCall: a path followed by `!`.
func (p *parser) isMacroCall() bool {
	for i := 0; i < 64; i++ {
		switch p.peekKind(i) {
		case lexer.Ident, lexer.PathSep, lexer.Dollar:
		case lexer.Not:
			return i > 0
		default:
			return false
		}
	}
	return false
}

func (p *parser) use() Item {
	u := &Use{}
	u.UseKw = p.bump()
	u.Tree = p.useTree()
	u.Semi = p.expect(lexer.Semi, ";")
	return u
}

func (p *parser) useTree() *UseTree {
	p.enter()
	defer p.leave()
	t := &UseTree{}
	_, start, _ := p.cur()
	t.LeadingColon = p.eat(lexer.PathSep)
	for {
		if p.kind() == lexer.Star {
			p.bump()
			t.Kind = UseGlob
			break
		}
		if p.kind() == lexer.LBrace {
			t.Kind = UseGroup
			t.Brace = p.inside(func() {
				for !p.atClose() {
					t.Group = append(t.Group, p.useTree())
					if p.eat(lexer.Comma) == (Span{}) {
						break
					}
				}
			})
			break
		}
		t.Path = append(t.Path, p.ident())
		if p.kind() == lexer.PathSep {
			p.bump()
			continue
		}
		if p.isWord("as") {
			p.bump()
			t.Kind = UseRename
			if p.kind() == lexer.Underscore {
				t.Rename = &Ident{node{p.bump()}}
			} else {
				t.Rename = p.ident()
			}
		}
		break
	}
	t.Sp = Span{Start: start, End: p.lastEnd()}
	return t
}

func (p *parser) mod() Item {
	m := &Mod{}
	m.Unsafe = p.eatWord("unsafe")
	m.ModKw = p.bump()
	m.Name = p.ident()
	if p.kind() == lexer.Semi {
		m.Semi = p.bump()
		return m
	}
	if p.kind() != lexer.LBrace {
		p.expected("`;` or `{`")
	}
	m.Body = p.inside(func() {
		m.InnerAttrs = p.innerAttrs()
		m.Items = p.items(0)
	})
	return m
}

func (p *parser) trait() Item {
	t := p.sl.traits.new()
	t.Unsafe = p.eatWord("unsafe")
	t.Auto = p.eatWord("auto")
	t.TraitKw = p.bump()
	t.Name = p.ident()
	t.Generics = p.genericsOpt()
	if p.kind() == lexer.Colon {
		t.Colon = p.bump()
		t.Supertraits = p.bounds(true)
	}
	if p.kind() == lexer.Eq {
		t.Eq = p.bump()
		t.Supertraits = p.bounds(true)
		t.Where = p.whereOpt()
		t.Semi = p.expect(lexer.Semi, ";")
		return t
	}
	t.Where = p.whereOpt()
	if p.kind() != lexer.LBrace {
		p.expected("`{`")
	}
	t.Body = p.inside(func() {
		t.InnerAttrs = p.innerAttrs()
		t.Items = p.items(0)
	})
	return t
}

func (p *parser) impl(dflt Span) Item {
	im := p.sl.impls.new()
	im.Default = dflt
	im.Unsafe = p.eatWord("unsafe")
	im.ImplKw = p.bump()
	// `impl<T>` but not `impl <T as Tr>::X {}` (a qualified self type).
	if p.kind() == lexer.Lt && !(p.peekKind(1) == lexer.Lt) {
		im.Generics = p.generics()
	}
	im.Const = p.eatWord("const")
	if p.kind() == lexer.Not {
		im.Neg = p.bump()
	}
	first := p.typ(true)
	if p.isWord("for") {
		im.For = p.bump()
		pt, ok := first.(*PathType)
		if mv, isVar := first.(*MetaVarType); isVar {
			// `impl $tr for $ty` in a macro transcriber
			pt, ok = &PathType{node: mv.node, Path: &Path{node: mv.node, Segments: []*PathSegment{{node: mv.node, Name: &Ident{mv.node}}}}}, true
		}
		if !ok || pt.QSelf != nil {
			p.errs = append(p.errs, Error{Span: first.Span(), Msg: "expected a trait, found type"})
		} else {
			im.Trait = pt.Path
		}
		im.SelfTy = p.typ(true)
	} else {
		im.SelfTy = first
	}
	im.Where = p.whereOpt()
	if p.kind() != lexer.LBrace {
		p.expected("`{`")
	}
	im.Body = p.inside(func() {
		im.InnerAttrs = p.innerAttrs()
		im.Items = p.items(0)
	})
	return im
}

func (p *parser) fn(dflt Span) Item {
	f := p.sl.fns.new()
	f.Default = dflt
	f.Sig = p.signature()
	switch p.kind() {
	case lexer.Semi:
		f.Semi = p.bump()
	case lexer.LBrace:
		f.Body = p.block()
	default:
		p.expected("`;` or `{`")
	}
	return f
}

func (p *parser) block() *Block {
	b := p.sl.blocks.new()
	b.Tokens = p.inside(func() {
		b.InnerAttrs = p.innerAttrs()
		for !p.atClose() {
			if p.kind().IsOpen() {
				p.group()
			} else {
				p.bump()
			}
		}
	})
	b.Sp = p.groupSpan(b.Tokens)
	return b
}

func (p *parser) signature() *Signature {
	s := p.sl.sigs.new()
	_, start, _ := p.cur()
	for {
		switch {
		case p.isWord("const"):
			s.Const = p.bump()
			continue
		case p.isWord("async"):
			s.Async = p.bump()
			continue
		case p.isWord("unsafe"):
			s.Unsafe = p.bump()
			continue
		case p.isWord("safe"):
			s.Safe = p.bump()
			continue
		case p.isWord("extern"):
			s.Extern = p.bump()
			if p.kind() == lexer.Str || p.kind() == lexer.RawStr {
				s.ABI = p.bump()
			}
			continue
		}
		break
	}
	if !p.isWord("fn") {
		p.expected("`fn`")
	}
	s.FnKw = p.bump()
	s.Name = p.ident()
	s.Generics = p.genericsOpt()
	if p.kind() != lexer.LParen {
		p.expected("`(`")
	}
	var local [8]*Param
	params := local[:0]
	s.Paren = p.inside(func() {
		first := true
		for !p.atClose() {
			prm := p.param(first)
			first = false
			params = append(params, prm)
			if Present(prm.Dots) && prm.Pat == nil {
				s.Variadic = prm
			}
			if p.kind() == lexer.Comma {
				prm.Comma = p.bump()
				continue
			}
			if !p.atClose() {
				p.expected("`,` or `)`")
			}
		}
	})
	s.Params = p.sl.paramPtrs.carve(params)
	if p.kind() == lexer.RArrow {
		s.Arrow = p.bump()
		s.Ret = p.typ(true)
	}
	s.Where = p.whereOpt()
	s.Sp = Span{Start: start, End: p.lastEnd()}
	return s
}

// param parses one function parameter.
func (p *parser) param(first bool) *Param {
	prm := p.sl.params.new()
	_, start, _ := p.cur()
	prm.Attrs = p.outerAttrs()
	if first {
		if r := p.receiverOpt(); r != nil {
			prm.Receiver = r
			prm.Sp = Span{Start: start, End: p.lastEnd()}
			return prm
		}
	}
	if p.kind() == lexer.DotDotDot {
		prm.Dots = p.bump()
		prm.Sp = Span{Start: start, End: p.lastEnd()}
		return prm
	}
	prm.Pat = p.pat(true)
	prm.Colon = p.expect(lexer.Colon, ":")
	if p.kind() == lexer.DotDotDot {
		prm.Dots = p.bump()
	} else {
		prm.Ty = p.typ(true)
	}
	prm.Sp = Span{Start: start, End: p.lastEnd()}
	return prm
}

// receiverOpt parses `self`, `mut self`, `&'a mut self`, `self: T`, `mut self: T`.
func (p *parser) receiverOpt() *Receiver {
	r := p.sl.receivers.new()
	_, start, _ := p.cur()
	i := 0
	switch {
	case p.isWord("self") && p.peekKind(1) != lexer.PathSep:
	case p.isWord("mut") && p.peekWord(1, "self") && p.peekKind(2) != lexer.PathSep:
		i = 1
	case p.kind() == lexer.And:
		i = 1
		if p.peekKind(i) == lexer.Lifetime {
			i++
		}
		if p.peekWord(i, "mut") {
			i++
		}
		if !p.peekWord(i, "self") || p.peekKind(i+1) == lexer.PathSep {
			return nil
		}
		r.And = p.bump()
		if p.kind() == lexer.Lifetime {
			r.Lifetime = p.lifetime()
		}
		r.RefMut = p.eatWord("mut")
		r.SelfKw = p.bump()
		r.Sp = Span{Start: start, End: p.lastEnd()}
		return r
	default:
		return nil
	}
	if i == 1 {
		r.Mut = p.bump()
	}
	r.SelfKw = p.bump()
	if p.kind() == lexer.Colon {
		r.Colon = p.bump()
		r.Ty = p.typ(true)
	}
	r.Sp = Span{Start: start, End: p.lastEnd()}
	return r
}

func (p *parser) typeAlias(dflt Span) Item {
	t := &TypeAlias{Default: dflt}
	t.TypeKw = p.bump()
	t.Name = p.ident()
	t.Generics = p.genericsOpt()
	if p.kind() == lexer.Colon {
		t.Colon = p.bump()
		t.Bounds = p.bounds(true)
	}
	t.Where = p.whereOpt()
	if p.kind() == lexer.Eq {
		t.Eq = p.bump()
		t.Ty = p.typ(true)
		t.AfterWhere = p.whereOpt()
	}
	t.Semi = p.expect(lexer.Semi, ";")
	return t
}

func (p *parser) constItem(dflt Span) Item {
	c := &Const{Default: dflt}
	c.Static = p.isWord("static")
	c.Kw = p.bump()
	if c.Static {
		c.Mut = p.eatWord("mut")
	}
	if p.kind() == lexer.Underscore {
		c.Name = &Ident{node{p.bump()}}
	} else {
		c.Name = p.ident()
	}
	c.Generics = p.genericsOpt()
	if p.kind() == lexer.Colon {
		c.Colon = p.bump()
		c.Ty = p.typ(true)
	}
	if p.kind() == lexer.Eq {
		c.Eq = p.bump()
		c.Expr = p.exprUntil(func(k lexer.Kind) bool { return k == lexer.Semi })
	}
	if p.isWord("where") {
		p.whereOpt()
	}
	c.Semi = p.expect(lexer.Semi, ";")
	return c
}

// exprUntil skips balanced tokens until stop says so at depth 0.
func (p *parser) exprUntil(stop func(lexer.Kind) bool) TokenRange {
	start := p.tokIndex()
	for !p.atClose() && !stop(p.kind()) {
		if p.kind().IsOpen() {
			p.group()
		} else {
			p.bump()
		}
	}
	end := p.tokIndex()
	if end < 0 {
		end = start
	}
	if start < 0 {
		return TokenRange{}
	}
	return TokenRange{Start: start, End: end}
}

func (p *parser) externBlock() Item {
	e := &ExternBlock{}
	e.Unsafe = p.eatWord("unsafe")
	e.Extern = p.bump()
	if p.kind() == lexer.Str || p.kind() == lexer.RawStr {
		e.ABI = p.bump()
	}
	e.Body = p.inside(func() {
		e.InnerAttrs = p.innerAttrs()
		e.Items = p.items(0)
	})
	return e
}

// other skips struct/enum/union/extern crate/macro 2.0 items structurally.
func (p *parser) other() Item {
	o := p.sl.otherItems.new()
	if p.isWord("extern") {
		p.bump()
	}
	o.Keyword = p.bump()
	if p.kind() == lexer.Ident {
		o.Name = p.ident()
	}
	for !p.atClose() {
		switch p.kind() {
		case lexer.Semi:
			p.bump()
			return o
		case lexer.LBrace:
			p.group()
			return o
		case lexer.LParen, lexer.LBracket:
			p.group()
		default:
			p.bump()
		}
	}
	p.expected("`;` or `{`")
	return o
}

func (p *parser) macroCall() Item {
	m := &MacroCall{}
	m.Path = p.path(false)
	m.Bang = p.expect(lexer.Not, "!")
	if p.kind() == lexer.Ident {
		m.Name = p.ident()
	}
	if !p.kind().IsOpen() {
		p.expected("one of `(`, `[`, or `{`")
	}
	m.Body = p.group()
	if p.toks[m.Body.Start].Kind != lexer.LBrace || p.kind() == lexer.Semi {
		m.Semi = p.eat(lexer.Semi)
	}
	return m
}

// ---------------------------------------------------------------------------
// generics and where clauses

func (p *parser) genericsOpt() *Generics {
	if p.kind() != lexer.Lt {
		if p.kind() == lexer.Shl || p.kind() == lexer.Le {
			// `<<` cannot open generics
		}
		return nil
	}
	return p.generics()
}

func (p *parser) generics() *Generics {
	g := p.sl.generics.new()
	g.Lt = p.expect(lexer.Lt, "<")
	for !p.atGt() {
		g.Params = append(g.Params, p.genericParam())
		if p.kind() == lexer.Comma {
			g.Params[len(g.Params)-1].Comma = p.bump()
			continue
		}
		if !p.atGt() {
			p.expected("`,` or `>`")
		}
	}
	g.Gt = p.expect(lexer.Gt, ">")
	g.Sp = Span{Start: g.Lt.Start, End: g.Gt.End}
	return g
}

// atGt reports whether the current token starts with `>`.
func (p *parser) atGt() bool {
	switch p.kind() {
	case lexer.Gt, lexer.Shr, lexer.Ge, lexer.ShrEq:
		return true
	case lexer.EOF:
		p.expected("`>`")
	}
	return false
}

func (p *parser) genericParam() *GenericParam {
	p.enter()
	defer p.leave()
	gp := p.sl.genericParams.new()
	_, start, _ := p.cur()
	gp.Attrs = p.outerAttrs()
	switch {
	case p.kind() == lexer.Lifetime:
		gp.Kind = LifetimeParam
		gp.Lifetime = p.lifetime()
		if p.kind() == lexer.Colon {
			gp.Colon = p.bump()
			gp.Bounds = p.bounds(true)
		}
	case p.isWord("const"):
		gp.Kind = ConstParam
		gp.Const = p.bump()
		gp.Name = p.ident()
		gp.Colon = p.expect(lexer.Colon, ":")
		gp.Ty = p.typ(true)
		if p.kind() == lexer.Eq {
			gp.Eq = p.bump()
			gp.ConstDef = p.constArgTokens()
		}
	default:
		gp.Kind = TypeParam
		gp.Name = p.ident()
		if p.kind() == lexer.Colon {
			gp.Colon = p.bump()
			gp.Bounds = p.bounds(true)
		}
		if p.kind() == lexer.Eq {
			gp.Eq = p.bump()
			gp.Default = p.typ(true)
		}
	}
	gp.Sp = Span{Start: start, End: p.lastEnd()}
	return gp
}

// constArgTokens consumes a const argument: a block, a literal, `-lit`, or
// a path.
func (p *parser) constArgTokens() TokenRange {
	start := p.tokIndex()
	switch {
	case p.kind() == lexer.LBrace:
		return p.group()
	case p.kind() == lexer.Minus:
		p.bump()
		p.bump()
	default:
		for p.kind() == lexer.Ident || p.kind() == lexer.PathSep || p.kind().IsLiteral() {
			p.bump()
		}
	}
	return TokenRange{Start: start, End: p.tokIndex()}
}

func (p *parser) whereOpt() *WhereClause {
	if !p.isWord("where") {
		return nil
	}
	w := p.sl.wheres.new()
	w.WhereKw = p.bump()
	for {
		k := p.kind()
		if k == lexer.LBrace || k == lexer.Semi || k == lexer.Eq || p.atClose() {
			break
		}
		pr := p.sl.wherePreds.new()
		_, start, _ := p.cur()
		if p.isWord("for") && p.peekKind(1) == lexer.Lt {
			pr.ForLifetimes = p.forLifetimes()
		}
		if p.kind() == lexer.Lifetime {
			pr.Lifetime = p.lifetime()
		} else {
			pr.Ty = p.typ(true)
		}
		pr.Colon = p.expect(lexer.Colon, ":")
		pr.Bounds = p.bounds(true)
		pr.Sp = Span{Start: start, End: p.lastEnd()}
		w.Predicates = append(w.Predicates, pr)
		if p.kind() == lexer.Comma {
			pr.Comma = p.bump()
			continue
		}
		break
	}
	w.Sp = Span{Start: w.WhereKw.Start, End: p.lastEnd()}
	return w
}

func (p *parser) forLifetimes() *ForLifetimes {
	f := &ForLifetimes{}
	s := p.bump() // for
	g := p.generics()
	f.Params = g.Params
	f.Sp = s.Join(g.Sp)
	return f
}

// bounds parses `B1 + B2 + …` (a single bound when plus is false).
func (p *parser) bounds(plus bool) []Bound {
	p.enter()
	defer p.leave()
	var local [4]Bound
	bs := local[:0]
	for {
		if !p.boundStart() {
			break
		}
		b := p.bound()
		bs = append(bs, b)
		if !plus || p.kind() != lexer.Plus {
			break
		}
		sp := p.bump()
		switch b := b.(type) {
		case *TraitBound:
			b.Plus = sp
		case *LifetimeBound:
			b.Plus = sp
		case *UseBound:
			b.Plus = sp
		case *MacroBound:
			b.Plus = sp
		}
	}
	return p.sl.bounds.carve(bs)
}

func (p *parser) boundStart() bool {
	switch p.kind() {
	case lexer.Lifetime, lexer.Question, lexer.LParen, lexer.PathSep, lexer.Tilde, lexer.Not, lexer.Lt:
		return true
	case lexer.Ident:
		return !p.isWord("where") && !p.isWord("as")
	case lexer.Dollar:
		return p.mode&MacroBody != 0
	}
	return false
}

func (p *parser) bound() Bound {
	_, start, _ := p.cur()
	switch p.kind() {
	case lexer.Lifetime:
		lt := p.lifetime()
		return &LifetimeBound{node: node{lt.Sp}, Lifetime: lt}
	case lexer.Dollar:
		if p.peekKind(1) == lexer.LParen {
			p.fail("macro repetition `$( … )` in a bound list")
		}
		s := p.bump()
		e := p.bump()
		return &MacroBound{node: node{s.Join(e)}}
	case lexer.LParen:
		tb := &TraitBound{}
		tb.Paren = p.inside(func() {
			inner := p.bound()
			if t, ok := inner.(*TraitBound); ok {
				tb.Modifiers, tb.Question, tb.ForLifetimes, tb.Path = t.Modifiers, t.Question, t.ForLifetimes, t.Path
			}
		})
		tb.Sp = p.groupSpan(tb.Paren)
		return tb
	}
	if p.isWord("use") && p.peekKind(1) == lexer.Lt {
		p.bump()
		p.generics()
		return &UseBound{node: node{Span{Start: start, End: p.lastEnd()}}}
	}
	tb := p.sl.traitBounds.new()
	// Modifiers: `?`, `~const`, `const`, `async`, `!`.
	for {
		switch {
		case p.kind() == lexer.Question:
			tb.Question = p.bump()
			continue
		case p.kind() == lexer.Tilde && p.peekWord(1, "const"):
			p.bump()
			p.bump()
			continue
		case p.kind() == lexer.Not:
			p.bump()
			continue
		case (p.isWord("const") || p.isWord("async")) && (p.peekKind(1) == lexer.Ident || p.peekKind(1) == lexer.PathSep):
			p.bump()
			continue
		}
		break
	}
	if _, s, _ := p.cur(); s > start {
		tb.Modifiers = Span{Start: start, End: p.lastEnd()}
	}
	if p.isWord("for") && p.peekKind(1) == lexer.Lt {
		tb.ForLifetimes = p.forLifetimes()
	}
	tb.Path = p.path(true)
	if p.kind() == lexer.Not && p.peekKind(1).IsOpen() {
		p.bump()
		p.group()
		return &MacroBound{node: node{Span{Start: start, End: p.lastEnd()}}}
	}
	tb.Sp = Span{Start: start, End: p.lastEnd()}
	return tb
}

// ---------------------------------------------------------------------------
// paths

// path parses a path. In type context generic arguments need no `::`,
// and `Fn(A) -> B` sugar is allowed.
func (p *parser) path(typeCtx bool) *Path {
	pa := p.sl.paths.new()
	_, start, _ := p.cur()
	pa.LeadingColon = p.eat(lexer.PathSep)
	var local [4]*PathSegment
	segs := local[:0]
	for {
		seg := p.sl.segments.new()
		_, ss, _ := p.cur()
		if p.kind() == lexer.Dollar && p.peekWord(1, "crate") {
			s := p.bump()
			e := p.bump()
			seg.Name = p.sl.idents.new()
			seg.Name.Sp = s.Join(e)
		} else {
			seg.Name = p.ident()
		}
		if typeCtx {
			if p.kind() == lexer.Lt || p.kind() == lexer.Shl || p.kind() == lexer.PathSep && p.peekKind(1) == lexer.Lt {
				if p.kind() == lexer.PathSep {
					seg.Turbofish = p.bump()
				}
				seg.Angle = p.genericArgs()
			} else if p.kind() == lexer.LParen {
				seg.Paren = p.parenArgs()
			}
		} else if p.kind() == lexer.PathSep && p.peekKind(1) == lexer.Lt {
			seg.Turbofish = p.bump()
			seg.Angle = p.genericArgs()
		}
		seg.Sp = Span{Start: ss, End: p.lastEnd()}
		segs = append(segs, seg)
		if p.kind() == lexer.PathSep && (p.peekKind(1) == lexer.Ident || p.peekKind(1) == lexer.Dollar) {
			p.bump()
			continue
		}
		break
	}
	pa.Segments = p.sl.segPtrs.carve(segs)
	pa.Sp = Span{Start: start, End: p.lastEnd()}
	return pa
}

func (p *parser) genericArgs() *GenericArgs {
	p.enter()
	defer p.leave()
	g := p.sl.genArgs.new()
	g.Lt = p.expect(lexer.Lt, "<")
	var local [4]GenericArg
	args := local[:0]
	for !p.atGt() {
		args = append(args, p.genericArg())
		if p.kind() == lexer.Comma {
			p.bump()
			continue
		}
		if !p.atGt() {
			p.expected("`,` or `>`")
		}
	}
	g.Args = p.sl.args.carve(args)
	g.Gt = p.expect(lexer.Gt, ">")
	g.Sp = Span{Start: g.Lt.Start, End: g.Gt.End}
	return g
}

func (p *parser) genericArg() GenericArg {
	_, start, _ := p.cur()
	switch k := p.kind(); {
	case k == lexer.Lifetime:
		return p.lifetime()
	case k == lexer.LBrace || k.IsLiteral() || k == lexer.Minus:
		r := p.constArgTokens()
		return &ConstArg{node: node{Span{Start: start, End: p.lastEnd()}}, Tokens: r}
	case k == lexer.Ident && (p.peekKind(1) == lexer.Eq || p.peekKind(1) == lexer.Colon || p.peekKind(1) == lexer.Lt && p.assocWithGenerics()):
		name := p.ident()
		var gen *GenericArgs
		if p.kind() == lexer.Lt {
			gen = p.genericArgs()
		}
		if p.kind() == lexer.Eq {
			b := &AssocBinding{Name: name, Generics: gen}
			b.Eq = p.bump()
			if p.kind() == lexer.LBrace || p.kind().IsLiteral() {
				r := p.constArgTokens()
				b.Sp = Span{Start: start, End: p.lastEnd()}
				_ = r
				b.Ty = &InferType{node{Span{Start: b.Eq.End, End: p.lastEnd()}}}
				return b
			}
			b.Ty = p.typ(true)
			b.Sp = Span{Start: start, End: p.lastEnd()}
			return b
		}
		c := &AssocConstraint{Name: name, Generics: gen}
		c.Colon = p.expect(lexer.Colon, ":")
		c.Bounds = p.bounds(true)
		c.Sp = Span{Start: start, End: p.lastEnd()}
		return c
	}
	return p.typ(true)
}

// assocWithGenerics: `Item<'a> = T` or `Item<'a>: Bound` (a GAT binding).
func (p *parser) assocWithGenerics() bool {
	// Find the matching `>` by depth counting over the next tokens.
	depth := 0
	for i := 1; i < 256; i++ {
		switch p.peekKind(i) {
		case lexer.Lt:
			depth++
		case lexer.Gt:
			depth--
			if depth == 0 {
				k := p.peekKind(i + 1)
				return k == lexer.Eq || k == lexer.Colon
			}
		case lexer.Shr:
			depth -= 2
			if depth <= 0 {
				return false
			}
		case lexer.EOF, lexer.Semi, lexer.LBrace:
			return false
		}
	}
	return false
}

func (p *parser) parenArgs() *ParenArgs {
	a := &ParenArgs{}
	a.Paren = p.inside(func() {
		for !p.atClose() {
			a.Inputs = append(a.Inputs, p.typ(true))
			if p.eat(lexer.Comma) == (Span{}) {
				break
			}
		}
	})
	if p.kind() == lexer.RArrow {
		a.Arrow = p.bump()
		a.Output = p.typ(false)
	}
	a.Sp = Span{Start: p.toks[a.Paren.Start].Start, End: p.lastEnd()}
	return a
}

// ---------------------------------------------------------------------------
// types

// typ parses a type; plus allows `+` bounds after a trait object or impl.
// Its depth is restored without a defer (typ has too many returns for an
// open-coded one, and it is the parser's most frequent call): after a
// syntax error, itemRecover restores the depth its item started at.
func (p *parser) typ(plus bool) Type {
	p.enter()
	t := p.typNested(plus)
	p.leave()
	return t
}

func (p *parser) typNested(plus bool) Type {
	_, start, _ := p.cur()
	sp := func() Span { return Span{Start: start, End: p.lastEnd()} }
	switch k := p.kind(); {
	case k == lexer.LParen:
		var elems []Type
		trailing := false
		r := p.inside(func() {
			for !p.atClose() {
				elems = append(elems, p.typ(true))
				trailing = false
				if p.eat(lexer.Comma) == (Span{}) {
					break
				}
				trailing = true
			}
		})
		if len(elems) == 1 && !trailing {
			t := &ParenType{node: node{sp()}, Paren: r, Elem: elems[0]}
			// `(Trait) + Send` bare trait object with a parenthesised first bound.
			if plus && p.kind() == lexer.Plus {
				bs := []Bound{&TraitBound{node: node{t.Sp}, Paren: r}}
				p.bump()
				bs = append(bs, p.bounds(true)...)
				return &TraitObjectType{node: node{sp()}, Bounds: bs}
			}
			return t
		}
		t := p.sl.tupleTypes.new()
		*t = TupleType{node: node{sp()}, Paren: r, Elems: elems}
		return t
	case k == lexer.LBracket:
		var t Type
		r := p.inside(func() {
			elem := p.typ(true)
			if p.kind() == lexer.Semi {
				semi := p.bump()
				l := p.exprUntil(func(lexer.Kind) bool { return false })
				t = &ArrayType{Elem: elem, Semi: semi, Len: l}
				return
			}
			t = &SliceType{Elem: elem}
		})
		switch t := t.(type) {
		case *ArrayType:
			t.Bracket, t.Sp = r, sp()
		case *SliceType:
			t.Bracket, t.Sp = r, sp()
		}
		return t
	case k == lexer.And || k == lexer.AndAnd:
		if k == lexer.AndAnd {
			outer := &RefType{And: p.bumpBytes(1)}
			outer.Elem = p.typ(false)
			outer.Sp = sp()
			return outer
		}
		t := p.sl.refTypes.new()
		t.And = p.bump()
		if p.kind() == lexer.Lifetime {
			t.Lifetime = p.lifetime()
		}
		t.Mut = p.eatWord("mut")
		t.Elem = p.typ(false)
		t.Sp = sp()
		return t
	case k == lexer.Star:
		t := &PtrType{Star: p.bump()}
		if p.isWord("const") {
			t.Const = p.bump()
		} else {
			t.Mut = p.eatWord("mut")
		}
		t.Elem = p.typ(false)
		t.Sp = sp()
		return t
	case k == lexer.Not:
		p.bump()
		return &NeverType{node{sp()}}
	case k == lexer.Underscore:
		p.bump()
		return &InferType{node{sp()}}
	case k == lexer.Lt || k == lexer.Shl:
		return p.qpathType(start, plus)
	case k == lexer.Question || k == lexer.Lifetime:
		// bare trait object: `?Sized + A`, `'a + Trait` (bound lists)
		bs := p.bounds(plus)
		return &TraitObjectType{node: node{sp()}, Bounds: bs}
	case k == lexer.Dollar && p.mode&MacroBody != 0:
		if p.peekKind(1) == lexer.LParen {
			p.fail("macro repetition `$( … )` in a type")
		}
		if p.peekWord(1, "crate") {
			break
		}
		p.bump()
		p.bump()
		return &MetaVarType{node{sp()}}
	case k == lexer.Ident:
		switch p.text() {
		case "dyn":
			if p.peekKind(1) != lexer.PathSep || true {
				t := &TraitObjectType{Dyn: p.bump()}
				t.Bounds = p.bounds(plus)
				t.Sp = sp()
				return t
			}
		case "impl":
			t := &ImplTraitType{ImplKw: p.bump()}
			t.Bounds = p.bounds(plus)
			t.Sp = sp()
			return t
		case "fn", "unsafe", "extern":
			return p.fnPtr(start, nil)
		case "for":
			if p.peekKind(1) == lexer.Lt {
				fl := p.forLifetimes()
				if p.isWord("fn") || p.isWord("unsafe") || p.isWord("extern") {
					return p.fnPtr(start, fl)
				}
				// `for<'a> Trait<'a>` bare trait object
				b := &TraitBound{ForLifetimes: fl}
				b.Path = p.path(true)
				b.Sp = sp()
				bs := []Bound{b}
				if plus && p.kind() == lexer.Plus {
					b.Plus = p.bump()
					bs = append(bs, p.bounds(true)...)
				}
				return &TraitObjectType{node: node{sp()}, Bounds: bs}
			}
		}
	case k == lexer.PathSep:
	default:
		p.expected("type")
	}
	pa := p.path(true)
	if p.kind() == lexer.Not && p.peekKind(1).IsOpen() {
		bang := p.bump()
		body := p.group()
		return &MacroType{node: node{sp()}, Path: pa, Bang: bang, Body: body}
	}
	t := p.sl.pathTypes.new()
	*t = PathType{node: node{sp()}, Path: pa}
	if plus && p.kind() == lexer.Plus {
		// 2015 bare trait object: `Trait + Send`.
		first := &TraitBound{node: node{pa.Sp}, Path: pa}
		first.Plus = p.bump()
		bs := append([]Bound{first}, p.bounds(true)...)
		return &TraitObjectType{node: node{sp()}, Bounds: bs}
	}
	return t
}

// qpathType parses `<T as Trait>::Name…` or `<T>::Name`.
func (p *parser) qpathType(start uint32, plus bool) Type {
	q := &QSelf{}
	q.Lt = p.expect(lexer.Lt, "<")
	q.Ty = p.typ(true)
	if p.isWord("as") {
		q.As = p.bump()
		q.Trait = p.path(true)
	}
	q.Gt = p.expect(lexer.Gt, ">")
	q.Sp = Span{Start: q.Lt.Start, End: q.Gt.End}
	if p.kind() != lexer.PathSep {
		p.expected("`::`")
	}
	p.bump()
	pa := p.path(true)
	return &PathType{node: node{Span{Start: start, End: p.lastEnd()}}, QSelf: q, Path: pa}
}

func (p *parser) fnPtr(start uint32, fl *ForLifetimes) Type {
	t := &FnPtrType{ForLifetimes: fl}
	t.Unsafe = p.eatWord("unsafe")
	if p.isWord("extern") {
		t.Extern = p.bump()
		if p.kind() == lexer.Str || p.kind() == lexer.RawStr {
			t.ABI = p.bump()
		}
	}
	if !p.isWord("fn") {
		p.expected("`fn`")
	}
	t.FnKw = p.bump()
	t.Paren = p.inside(func() {
		for !p.atClose() {
			prm := &Param{}
			_, ps, _ := p.cur()
			prm.Attrs = p.outerAttrs()
			if p.kind() == lexer.DotDotDot {
				prm.Dots = p.bump()
			} else {
				if (p.kind() == lexer.Ident || p.kind() == lexer.Underscore) && p.peekKind(1) == lexer.Colon {
					if p.kind() == lexer.Underscore {
						prm.Pat = &PatWild{node{p.bump()}}
					} else {
						id := p.ident()
						prm.Pat = &PatIdent{node: node{id.Sp}, Name: id}
					}
					prm.Colon = p.bump()
				}
				prm.Ty = p.typ(true)
			}
			prm.Sp = Span{Start: ps, End: p.lastEnd()}
			t.Params = append(t.Params, prm)
			if p.kind() == lexer.Comma {
				prm.Comma = p.bump()
				continue
			}
			break
		}
	})
	if p.kind() == lexer.RArrow {
		t.Arrow = p.bump()
		t.Ret = p.typ(false)
	}
	t.Sp = Span{Start: start, End: p.lastEnd()}
	return t
}

// ---------------------------------------------------------------------------
// patterns

// pat parses a pattern; top allows or-patterns without parentheses.
func (p *parser) pat(top bool) Pat {
	p.enter()
	defer p.leave()
	_, start, _ := p.cur()
	if top && p.kind() == lexer.Or {
		p.bump()
	}
	first := p.patNoOr()
	if p.kind() != lexer.Or {
		return first
	}
	or := &PatOr{Cases: []Pat{first}}
	for p.kind() == lexer.Or {
		p.bump()
		or.Cases = append(or.Cases, p.patNoOr())
	}
	or.Sp = Span{Start: start, End: p.lastEnd()}
	return or
}

func (p *parser) patNoOr() Pat {
	p.enter()
	defer p.leave()
	_, start, _ := p.cur()
	sp := func() Span { return Span{Start: start, End: p.lastEnd()} }
	switch k := p.kind(); {
	case k == lexer.Underscore:
		p.bump()
		return &PatWild{node{sp()}}
	case k == lexer.DotDot:
		p.bump()
		return &PatRest{node{sp()}}
	case k == lexer.And || k == lexer.AndAnd:
		r := &PatRef{}
		r.And = p.bumpBytes(1)
		if k == lexer.And {
			r.Mut = p.eatWord("mut")
		}
		r.Pat = p.patNoOr()
		r.Sp = sp()
		return r
	case k == lexer.LParen:
		var elems []Pat
		trailing := false
		r := p.inside(func() {
			for !p.atClose() {
				elems = append(elems, p.pat(true))
				trailing = false
				if p.eat(lexer.Comma) == (Span{}) {
					break
				}
				trailing = true
			}
		})
		if len(elems) == 1 && !trailing {
			if _, rest := elems[0].(*PatRest); !rest {
				return &PatParen{node: node{sp()}, Paren: r, Pat: elems[0]}
			}
		}
		return &PatTuple{node: node{sp()}, Paren: r, Elems: elems}
	case k == lexer.LBracket:
		var elems []Pat
		r := p.inside(func() {
			for !p.atClose() {
				elems = append(elems, p.pat(true))
				if p.eat(lexer.Comma) == (Span{}) {
					break
				}
			}
		})
		return &PatSlice{node: node{sp()}, Bracket: r, Elems: elems}
	case k.IsLiteral() || k == lexer.Minus:
		r0 := p.tokIndex()
		if k == lexer.Minus {
			p.bump()
		}
		p.bump()
		p.rangeTail()
		return &PatOther{node: node{sp()}, Tokens: TokenRange{Start: r0, End: p.tokIndex()}}
	case k == lexer.Dollar && p.mode&MacroBody != 0 && !p.peekWord(1, "crate"):
		if p.peekKind(1) == lexer.LParen {
			p.fail("macro repetition `$( … )` in a pattern")
		}
		p.bump()
		p.bump()
		return &PatMetaVar{node{sp()}}
	case k == lexer.Ident:
		w := p.text()
		switch {
		case w == "box":
			r0 := p.tokIndex()
			p.bump()
			p.patNoOr()
			return &PatOther{node: node{sp()}, Tokens: TokenRange{Start: r0, End: p.tokIndex()}}
		case w == "ref" || w == "mut" || p.peekKind(1) != lexer.PathSep && p.peekKind(1) != lexer.LParen &&
			p.peekKind(1) != lexer.LBrace && p.peekKind(1) != lexer.Not && p.peekKind(1) != lexer.DotDotEq && p.peekKind(1) != lexer.DotDot:
			return p.patIdent(start)
		}
	case k == lexer.Lt || k == lexer.PathSep:
	default:
		p.expected("pattern")
	}
	// Path-based patterns.
	var pt *PathType
	if p.kind() == lexer.Lt {
		t := p.qpathType(start, false)
		pt = t.(*PathType)
	} else {
		pa := p.path(false)
		pt = &PathType{node: node{pa.Sp}, Path: pa}
	}
	switch p.kind() {
	case lexer.LParen:
		ts := &PatTupleStruct{Path: pt}
		ts.Paren = p.inside(func() {
			for !p.atClose() {
				ts.Elems = append(ts.Elems, p.pat(true))
				if p.eat(lexer.Comma) == (Span{}) {
					break
				}
			}
		})
		ts.Sp = sp()
		return ts
	case lexer.LBrace:
		st := &PatStruct{Path: pt}
		st.Brace = p.inside(func() {
			for !p.atClose() {
				if p.kind() == lexer.DotDot {
					st.Rest = p.bump()
					break
				}
				st.Fields = append(st.Fields, p.patField())
				if p.eat(lexer.Comma) == (Span{}) {
					break
				}
			}
		})
		st.Sp = sp()
		return st
	case lexer.Not:
		r0 := p.tokIndex()
		p.bump()
		p.group()
		return &PatOther{node: node{sp()}, Tokens: TokenRange{Start: r0, End: p.tokIndex()}}
	case lexer.DotDotEq, lexer.DotDot, lexer.DotDotDot:
		r0 := p.tokIndex()
		p.rangeTail()
		return &PatOther{node: node{sp()}, Tokens: TokenRange{Start: r0, End: p.tokIndex()}}
	}
	return &PatPath{node: node{sp()}, Path: pt}
}

// rangeTail consumes `..= END`, `.. END` or `..` after a range start.
func (p *parser) rangeTail() {
	switch p.kind() {
	case lexer.DotDotEq, lexer.DotDotDot, lexer.DotDot:
		p.bump()
		if p.kind() == lexer.Minus {
			p.bump()
		}
		if p.kind().IsLiteral() {
			p.bump()
		} else if p.kind() == lexer.Ident {
			p.path(false)
		}
	}
}

func (p *parser) patIdent(start uint32) Pat {
	pi := p.sl.patIdents.new()
	pi.Ref = p.eatWord("ref")
	pi.Mut = p.eatWord("mut")
	pi.Name = p.ident()
	if p.kind() == lexer.At {
		pi.At = p.bump()
		pi.Sub = p.patNoOr()
	}
	pi.Sp = Span{Start: start, End: p.lastEnd()}
	return pi
}

func (p *parser) patField() *PatField {
	f := &PatField{}
	_, start, _ := p.cur()
	f.Attrs = p.outerAttrs()
	if (p.kind() == lexer.Ident || p.kind() == lexer.Int) && p.peekKind(1) == lexer.Colon {
		if p.kind() == lexer.Int {
			f.Name = &Ident{node{p.bump()}}
		} else {
			f.Name = p.ident()
		}
		f.Colon = p.bump()
		f.Pat = p.pat(true)
	} else {
		_, ps, _ := p.cur()
		if p.isWord("box") {
			p.bump()
		}
		pi := p.patIdent(ps).(*PatIdent)
		f.Name = pi.Name
		f.Pat = pi
	}
	f.Sp = Span{Start: start, End: p.lastEnd()}
	return f
}
