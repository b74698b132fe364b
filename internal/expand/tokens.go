package expand

import (
	"sort"

	"github.com/asynctrait/asynctrait/internal/lexer"
	"github.com/asynctrait/asynctrait/internal/source"
	"github.com/asynctrait/asynctrait/internal/syntax"
)

// toks gives convenient access to the file's token slice.
type toks struct {
	src []byte
	t   []lexer.Token
	// bucket[b] is the index of the first token starting at or after byte
	// b<<bucketShift: at looks in one bucket of tokens rather than
	// binary-searching a large file's tokens, missing the cache at every
	// step. Nil for small files (and in tests that build a toks directly).
	bucket []int32
}

const bucketShift = 5 // 32-byte buckets: a few tokens each

// newToks returns the toks of a file, indexed when it is large.
func newToks(src []byte, t []lexer.Token) *toks {
	k := &toks{src: src, t: t}
	if indexed(t) {
		k.bucket = bucketIndex(src, t, false)
	}
	return k
}

// indexed reports whether a file of tokens t gets a bucket index.
func indexed(t []lexer.Token) bool { return len(t) >= 1<<12 }

// bucketIndex returns toks.bucket for the tokens t of src; with parallel,
// its upper half is found on another goroutine.
func bucketIndex(src []byte, t []lexer.Token, parallel bool) []int32 {
	bucket := make([]int32, len(src)>>bucketShift+2)
	if !parallel {
		fillBuckets(bucket, 0, t, 0)
		return bucket
	}
	mid := len(bucket) / 2
	// The upper half starts at the first token starting in bucket mid.
	i := sort.Search(len(t), func(i int) bool { return int(t[i].Start>>bucketShift) >= mid })
	done := make(chan struct{})
	go func() {
		fillBuckets(bucket, mid, t[i:], i)
		close(done)
	}()
	fillBuckets(bucket[:mid], 0, t[:i], 0)
	<-done
	return bucket
}

// fillBuckets sets bucket[from:] for the tokens t, the first of which is
// token first: each bucket gets the first token starting in it or after;
// buckets after the last token's get first+len(t).
func fillBuckets(bucket []int32, from int, t []lexer.Token, first int) {
	next := from // the first bucket not yet set
	for i := range t {
		// The buckets up to this token's start begin at or after it.
		if last := int(t[i].Start >> bucketShift); last >= next {
			for b := next; b <= last; b++ {
				bucket[b] = int32(first + i)
			}
			next = last + 1
		}
	}
	for b := next; b < len(bucket); b++ {
		bucket[b] = int32(first + len(t))
	}
}

func (k *toks) text(i int) string { return string(k.src[k.t[i].Start:k.t[i].End]) }

// word returns the bytes of token i, for comparisons and map lookups that
// convert them in place (string(k.word(i)) == "x" does not allocate).
func (k *toks) word(i int) []byte { return k.src[k.t[i].Start:k.t[i].End] }

func (k *toks) is(i int, kind lexer.Kind, text string) bool {
	if i < 0 || i >= len(k.t) || k.t[i].Kind != kind {
		return false
	}
	return text == "" || string(k.src[k.t[i].Start:k.t[i].End]) == text
}

func (k *toks) isIdent(i int, text string) bool { return k.is(i, lexer.Ident, text) }

// next returns the index of the next non-trivia token after i (or len-1, EOF).
func (k *toks) next(i int) int {
	for i++; i < len(k.t)-1 && k.t[i].Kind.IsTrivia(); i++ {
	}
	return i
}

// prev returns the index of the previous non-trivia token before i, or -1.
func (k *toks) prev(i int) int {
	for i--; i >= 0 && k.t[i].Kind.IsTrivia(); i-- {
	}
	return i
}

// first returns the index of the first non-trivia token at or after i.
func (k *toks) first(i int) int {
	for ; i < len(k.t)-1 && k.t[i].Kind.IsTrivia(); i++ {
	}
	return i
}

// at returns the index of the token starting at byte offset off, or the
// first token starting after it.
func (k *toks) at(off uint32) int {
	if b := int(off >> bucketShift); b+1 < len(k.bucket) {
		i, end := int(k.bucket[b]), int(k.bucket[b+1])
		for i < end && k.t[i].Start < off {
			i++
		}
		return i
	}
	return sort.Search(len(k.t), func(i int) bool { return k.t[i].Start >= off })
}

// rangeOf returns the token index range covering span s.
func (k *toks) rangeOf(s syntax.Span) syntax.TokenRange {
	return syntax.TokenRange{Start: k.at(s.Start), End: k.at(s.End)}
}

// spanOf returns the byte span of a token range.
func (k *toks) spanOf(r syntax.TokenRange) syntax.Span {
	if r.End <= r.Start {
		return syntax.Span{}
	}
	return syntax.Span{Start: k.t[r.Start].Start, End: k.t[r.End-1].End}
}

// containsIdent reports whether a non-trivia Ident token with the given text
// occurs in the range.
func (k *toks) containsIdent(r syntax.TokenRange, text string) bool {
	for i := r.Start; i < r.End; i++ {
		if k.t[i].Kind == lexer.Ident && string(k.src[k.t[i].Start:k.t[i].End]) == text {
			return true
		}
	}
	return false
}

// splitTopLevel splits the tokens of r (exclusive of delimiters the caller
// strips) at top-level commas, skipping trivia, returning non-empty parts.
func (k *toks) splitTopLevel(r syntax.TokenRange) []syntax.TokenRange {
	var parts []syntax.TokenRange
	start := -1
	for i := r.Start; i < r.End; i++ {
		tk := k.t[i]
		if tk.Kind.IsTrivia() || tk.Kind == lexer.DocComment {
			continue
		}
		if tk.Kind == lexer.Comma {
			if start >= 0 {
				parts = append(parts, syntax.TokenRange{Start: start, End: i})
			}
			start = -1
			continue
		}
		if start < 0 {
			start = i
		}
		if tk.Kind.IsOpen() && tk.Match > 0 {
			i = int(tk.Match)
		}
	}
	if start >= 0 {
		parts = append(parts, syntax.TokenRange{Start: start, End: r.End})
	}
	return parts
}

// nonTrivia returns the indices of non-trivia tokens in r (no descent
// shortcut: every token).
func (k *toks) nonTrivia(r syntax.TokenRange) []int {
	var out []int
	for i := r.Start; i < r.End; i++ {
		if !k.t[i].Kind.IsTrivia() {
			out = append(out, i)
		}
	}
	return out
}

// startingWith returns, in order, the tokens of kind that start with the
// bytes of s: found by a search of the source (which runs at memory speed)
// rather than a walk over every token, for the scans of a whole file that
// look for a few rare tokens.
func (k *toks) startingWith(s string, kind lexer.Kind) []int {
	if s == "" {
		return nil
	}
	var out []int
	find := source.NewFinder(s)
	for from := 0; ; {
		j := find.Index(k.src[from:])
		if j < 0 {
			return out
		}
		off := uint32(from + j)
		from += j + 1
		if i := k.at(off); i < len(k.t) && k.t[i].Start == off && k.t[i].Kind == kind {
			out = append(out, i)
		}
	}
}

// attrRanges returns the token ranges inside the brackets of the file's
// outermost attributes (`#[…]`, `#![…]`), in order: from the token after
// `[` to the `]`. pounds are the file's `#` tokens.
func (k *toks) attrRanges(pounds []int) []syntax.TokenRange {
	var out []syntax.TokenRange
	for _, i := range pounds {
		if len(out) > 0 && i < out[len(out)-1].End {
			continue // inside the previous attribute
		}
		n := k.next(i)
		if n < len(k.t) && k.t[n].Kind == lexer.Not {
			n = k.next(n)
		}
		if n < len(k.t) && k.t[n].Kind == lexer.LBracket && k.t[n].Match > 0 {
			out = append(out, syntax.TokenRange{Start: n + 1, End: int(k.t[n].Match)})
		}
	}
	return out
}
