package lexer

import (
	"bytes"
	"runtime"
)

// parallelMin is the file size from which LexMode lexes the two halves of
// a file on two cores: lexing is the one part of an expansion that nothing
// else overlaps.
const parallelMin = 256 << 10

// lexParallel lexes src in two parts at once: the first on the calling
// goroutine, the second, from a point that is most likely a token start
// (split), on another. The second part starts with no delimiter open; its
// closing delimiters without an opening one are paired afterwards with
// those the first part left open. When the guess was wrong (a token of the
// first part runs over the split point, inside a string or a comment), or
// either part has an error, or the delimiters do not pair up, the first
// part's lexer simply goes on to the end of the file as a sequential lexer
// would, so the result is always the sequential one (TestLexParallel).
func (l *lexer) lexParallel(sized int) {
	split := splitPoint(l.src)
	if split < 0 {
		l.run()
		return
	}
	// Both parts lex into the one token slice: the first from its start,
	// the second from the room the first can use at most (at the density
	// the slice was sized for), so that joining them is one move within
	// memory already touched. A part that runs out of room grows into a
	// slice of its own, and joining them is then a copy. The room is
	// shared as the slice was sized (for sized tokens; its capacity may
	// be more, rounded up to whole huge pages): the first part's share of
	// the whole capacity would leave a larger gap to close.
	base := l.toks[:cap(l.toks)]
	firstRoom := min(int(int64(min(sized, len(base)))*int64(split)/int64(len(l.src)))+8, len(base))
	l.toks = base[:0:firstRoom]
	second := &lexer{src: l.src, ed: l.ed, noSpace: l.noSpace, detached: true}
	second.toks = base[firstRoom:firstRoom]
	done := make(chan []int32)
	go func() {
		open, _ := second.lexRange(split, len(l.src), nil)
		done <- open
	}()
	var stack [32]int32
	open, pos := l.lexRange(l.prefix(), split, stack[:0])
	secondOpen := <-done
	if cap(l.toks) == firstRoom {
		l.toks = base[:len(l.toks)] // the first part's room ends no more
	}
	if pos != split || len(l.errs) > 0 || len(second.errs) > 0 || len(secondOpen) > 0 || !l.canPair(open, second) {
		open, _ = l.lexRange(pos, len(l.src), open)
		l.finish(open)
		return
	}
	l.trivia = l.trivia || second.trivia
	offset := int32(len(l.toks))
	if len(open) == 0 && len(second.toks) > 0 {
		l.split = int(offset)
	}
	if n := len(second.toks); cap(l.toks) == len(base) && n > 0 && firstRoom < len(base) && &second.toks[0] == &base[firstRoom] {
		// Both parts in base: the second moves down to follow the first.
		l.toks = moveDown(base, len(l.toks), firstRoom, n)
	} else {
		l.toks = append(l.toks, second.toks...)
		partnersAfter(l.toks[offset:], offset)
	}
	for _, c := range second.pending {
		o := open[len(open)-1]
		open = open[:len(open)-1]
		l.toks[o].Match = offset + c
		l.toks[offset+c].Match = o
	}
	l.finish(open) // nothing is open: canPair checked
}

// partnersAfter adds offset to the partners of toks' delimiters, which
// were indices in a part that now starts at offset.
func partnersAfter(toks []Token, offset int32) {
	for i := range toks {
		t := &toks[i]
		if t.Kind >= LParen && t.Kind <= RBrace && t.Match >= 0 {
			t.Match += offset
		}
	}
}

// moveDown moves the n tokens of the second part at base[from:] down to
// base[to:] (to <= from), where the first part ends, adds to to their
// partners (partnersAfter) and returns base[:to+n]. A large move is split
// between two goroutines: the upper half's destination covers the last
// from-to tokens the lower half moves, so those are set aside first.
func moveDown(base []Token, to, from, n int) []Token {
	gap, h := from-to, n/2
	if n < parallelMove || gap > h || runtime.GOMAXPROCS(0) < 2 {
		copy(base[to:to+n], base[from:from+n])
		partnersAfter(base[to:to+n], int32(to))
		return base[:to+n]
	}
	// The tokens set aside go after the second part if there is room
	// there (fresh memory would cost page faults for a few microseconds'
	// use).
	var saved []Token
	if spare := base[from+n : cap(base)]; len(spare) >= gap {
		saved = spare[:gap]
	} else {
		saved = make([]Token, gap)
	}
	copy(saved, base[from+h-gap:from+h])
	done := make(chan struct{})
	go func() {
		copy(base[to+h:to+n], base[from+h:from+n])
		partnersAfter(base[to+h:to+n], int32(to))
		close(done)
	}()
	copy(base[to:to+h-gap], base[from:from+h-gap])
	copy(base[to+h-gap:to+h], saved)
	partnersAfter(base[to:to+h], int32(to))
	<-done
	return base[:to+n]
}

// parallelMove is the number of tokens from which moveDown takes two
// goroutines.
const parallelMove = 1 << 16

// canPair reports whether the second part's pending closing delimiters
// close exactly the delimiters open at the end of the first part.
func (l *lexer) canPair(open []int32, second *lexer) bool {
	if len(second.pending) != len(open) {
		return false
	}
	for i, c := range second.pending {
		o := open[len(open)-1-i]
		if l.toks[o].Kind != second.toks[c].Kind-1 {
			return false
		}
	}
	return true
}

// splitPoint returns a point near the middle of src where a token most
// likely starts: the first non-blank byte after a line holding only `}`
// (the end of a top-level item in formatted code), or -1.
func splitPoint(src []byte) int {
	mid := len(src) / 2
	for from := mid; from < len(src); {
		i := bytes.Index(src[from:], []byte("\n}\n"))
		if i < 0 {
			return -1
		}
		p := from + i + 3
		for p < len(src) && asciiClass[src[p]]&clsSpace != 0 {
			p++
		}
		if p < len(src) && src[p] < 0x80 && p < len(src)-len(src)/8 {
			return p
		}
		from = p
		if p >= len(src)-len(src)/8 {
			return -1
		}
	}
	return -1
}

// lexInParallel reports whether LexMode lexes src in two parts.
func lexInParallel(src []byte) bool {
	return len(src) >= parallelMin && runtime.GOMAXPROCS(0) > 1
}
