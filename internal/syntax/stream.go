package syntax

import (
	"sync"

	"github.com/asynctrait/asynctrait/internal/lexer"
	"github.com/asynctrait/asynctrait/internal/source"
)

// Stream parses a file's top-level items one at a time, so that a caller
// that is done with an item can let its nodes go before the next is
// parsed: a file's syntax tree is never whole in memory.
//
//	s := NewStream(f, ed)       // lexes; s.File.Tokens is complete
//	attrs := s.InnerAttrs()
//	for it := s.Next(); it != nil; it = s.Next() { … }
//	s.Finish()                  // s.File.Errors is complete
//
// s.File.Items stays nil.
type Stream struct {
	File    *File
	Edition lexer.Edition
	lex     lexer.Result
	p       *parser
	done    bool
	// lexErrs is how many of File.Errors are the lexer's (Restart).
	lexErrs int

	// Arenas handed back (Release), for NextIn to reuse.
	mu   sync.Mutex
	free []*Arena
}

// NewStream lexes f. The lexer's errors are in s.File.Errors at once.
func NewStream(f *source.File, ed lexer.Edition) *Stream {
	lx := lexer.LexMode(f.Src, ed, lexer.SkipWhitespace)
	out := &File{Source: f, Tokens: lx.Tokens}
	for _, e := range lx.Errors {
		out.Errors = append(out.Errors, Error{Span: e.Span, Msg: e.Msg, Labels: e.Labels})
	}
	p := newParserTrivia(f, lx.Tokens, TokenRange{Start: 0, End: len(lx.Tokens)}, 0, lx.Trivia)
	return &Stream{File: out, Edition: ed, lex: lx, p: p, lexErrs: len(out.Errors)}
}

// ItemSplit returns the index of a token near the middle of a large file
// where a top-level item most likely starts (where the lexer split it:
// lexer.Result.Split), or 0. See SplitAt.
//
// The split follows a `}` closing a group at the top level. So that it is
// not in the middle of an item (`const C: u8 = if a {` … `}` / `else {`
// … `};`), the next significant token must be one that only starts an
// item: an attribute, a doc comment, an item keyword or a macro's name
// and `!`; no expression or type goes on with one after a `}`.
func (s *Stream) ItemSplit() int {
	toks := s.File.Tokens
	at := s.lex.Split
	if at <= 0 || at >= len(toks) {
		return 0
	}
	i := at
	for i < len(toks) && toks[i].Kind.IsTrivia() {
		i++
	}
	if i >= len(toks) {
		return 0
	}
	switch toks[i].Kind {
	case lexer.Pound, lexer.DocComment:
		return at
	case lexer.Ident:
		switch string(s.File.Source.Src[toks[i].Start:toks[i].End]) {
		case "pub", "fn", "struct", "enum", "union", "impl", "trait", "mod", "use",
			"const", "static", "type", "extern", "unsafe", "async", "macro_rules":
			return at
		}
		j := i + 1
		for j < len(toks) && toks[j].Kind.IsTrivia() {
			j++
		}
		if j < len(toks) && toks[j].Kind == lexer.Not {
			return at
		}
	}
	return 0
}

// SplitAt hands the items from token index at on to a second stream,
// which another goroutine may parse meanwhile: s parses those before it
// only. Call it before anything is parsed. The second stream has a File
// of its own (the same source and tokens) for its errors and its own
// arenas. Parsed in two, the items are the whole file's if one starts at
// at, which is so if neither stream finds an error: an item that runs
// across at ends too early in s, and a token in the middle of an item
// cannot start one. When either has an error, Restart parses the file
// again as a whole.
func (s *Stream) SplitAt(at int) *Stream {
	f := s.File
	trivia := s.lex.Trivia
	s.p = newParserTrivia(f.Source, f.Tokens, TokenRange{Start: 0, End: at}, 0, trivia)
	second := &Stream{
		File:    &File{Source: f.Source, Tokens: f.Tokens},
		Edition: s.Edition,
		lex:     s.lex,
		p:       newParserTrivia(f.Source, f.Tokens, TokenRange{Start: at, End: len(f.Tokens)}, 0, trivia),
	}
	return second
}

// Restart makes s parse the whole file again from its start, with
// s.File's errors the lexer's only: after SplitAt, when a part had an
// error.
func (s *Stream) Restart() {
	f := s.File
	f.Errors = f.Errors[:s.lexErrs]
	f.Attrs = nil
	s.p = newParserTrivia(f.Source, f.Tokens, TokenRange{Start: 0, End: len(f.Tokens)}, 0, s.lex.Trivia)
	s.done = false
}

// InnerAttrs parses the file's inner attributes; call it before Next.
func (s *Stream) InnerAttrs() []*Attr {
	s.p.run(func() { s.File.Attrs = s.p.innerAttrs() })
	return s.File.Attrs
}

// NextIn is Next parsing the item into an arena of its own, which it
// returns too: the caller hands it back with Release when nothing refers
// to the item's nodes any more, and later items reuse it. A file's nodes
// then cost memory for the items in flight only, and no garbage.
func (s *Stream) NextIn() (Item, *Arena) {
	var a *Arena
	s.mu.Lock()
	if n := len(s.free); n > 0 {
		a = s.free[n-1]
		s.free = s.free[:n-1]
	}
	s.mu.Unlock()
	if a == nil {
		a = new(Arena)
	}
	keep := s.p.sl
	s.p.sl = &a.sl
	it := s.Next()
	s.p.sl = keep
	if it == nil {
		s.Release(a)
		return nil, nil
	}
	return it, a
}

// Release hands back the arena of an item that nothing refers to any
// more. It may be called from any goroutine; the arena is cleared here,
// off the parser's path.
func (s *Stream) Release(a *Arena) {
	if a == nil {
		return
	}
	a.sl.reset()
	s.mu.Lock()
	s.free = append(s.free, a)
	s.mu.Unlock()
}

// Next returns the next top-level item, or nil at the end of the file.
// Items with errors are skipped (their errors are recorded).
func (s *Stream) Next() Item {
	p := s.p
	for !s.done {
		var it Item
		before := p.pos
		p.run(func() {
			if p.atClose() {
				s.done = true
				return
			}
			start := p.pos
			it = p.itemRecover()
			if p.pos == start {
				p.bump() // always make progress
			}
		})
		if it != nil {
			return it
		}
		if p.pos >= p.n || p.pos == before {
			// The end, or a panic the parser turned into an error:
			// like a whole-file parse, stop there.
			s.done = true
		}
	}
	return nil
}

// Finish parses what is left and completes s.File.Errors: sorted, with
// rustc's choices of what to report, capped at MaxErrors.
func (s *Stream) Finish() {
	for s.Next() != nil {
	}
	out, lx := s.File, s.lex
	// After an unterminated literal or an unbalanced delimiter rustc
	// reports the lexer's errors only; it does not parse. Otherwise a
	// parse error at a token the lexer already reported (an unknown
	// character, which rustc's parser never sees) is left out.
	if !lx.Fatal {
		for _, e := range s.p.errs {
			if !lexErrorAt(lx.Errors, e.Span.Start) {
				out.Errors = append(out.Errors, e)
			}
		}
	}
	sortErrors(out.Errors)
	out.Errors = capErrors(out.Errors)
}
