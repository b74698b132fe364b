package expand

import (
	"slices"

	"github.com/asynctrait/asynctrait/internal/lexer"
	"github.com/asynctrait/asynctrait/internal/syntax"
)

// fileScan is what the end of a rewrite needs from the whole file's
// tokens: the attributes that may be hidden items' (hiddenItems) and the
// mentions of the imported names (removeUnusedImports). Stream finds it on
// a goroutine of its own while the items are parsed and rewritten, so that
// these walks over a large file are not left for the end, when only one
// core has work.
type fileScan struct {
	// mentioning are the `#` tokens of attributes `#[…]` whose tokens
	// name one of the macros, in order.
	mentioning []int
	// mentions are the identifiers that are one of names, in order.
	names    nameSet
	mentions []mention
}

type mention struct {
	i        int  // the token
	name     int  // its index in the names
	inAttr   bool // inside an attribute's brackets
	afterMod bool // `mod name`: declares a module, mentions nothing
}

// scanFile finds the fileScan of the file; x.res must be complete.
func (x *expander) scanFile() *fileScan {
	k := x.k
	s := &fileScan{names: x.importNames()}
	pounds := k.startingWith("#", lexer.Pound)
	for _, i := range pounds {
		open := k.next(i)
		if open < len(k.t) && k.t[open].Kind == lexer.LBracket && k.t[open].Match > 0 {
			if x.mentionsMacro(syntax.TokenRange{Start: open + 1, End: int(k.t[open].Match)}) {
				s.mentioning = append(s.mentioning, i)
			}
		}
	}
	if len(s.names) > 0 {
		s.mentions = k.findMentions(s.names, k.attrRanges(pounds))
	}
	return s
}

// fileScan returns the file's scan: Stream's, or found now.
func (x *expander) fileScan() *fileScan {
	if x.scan == nil {
		x.scan = x.scanFile()
	}
	return x.scan
}

// findMentions returns the identifiers that are one of names, in order,
// placed inside an attribute or not by attrs (attrRanges). They are found
// by searching the source for the names, at memory speed, rather than
// token by token.
func (k *toks) findMentions(names nameSet, attrs []syntax.TokenRange) []mention {
	inAttr := func(i int) bool {
		// the last attribute range starting at or before i
		j, _ := slices.BinarySearchFunc(attrs, i+1, func(r syntax.TokenRange, i int) int { return r.Start - i })
		return j > 0 && i < attrs[j-1].End
	}
	var out, merged []mention
	for ni, name := range names {
		from := len(out)
		for _, i := range k.startingWith(name, lexer.Ident) {
			if string(k.word(i)) != name {
				continue // a longer identifier
			}
			p := k.prev(i)
			out = append(out, mention{i: i, name: ni, inAttr: inAttr(i), afterMod: p >= 0 && k.is(p, lexer.Ident, "mod")})
		}
		if from > 0 && from < len(out) {
			// Each name's mentions are in order: merge them into the
			// others' (a sort cost more, thousands of times a large file).
			merged = mergeMentions(merged[:0], out[:from], out[from:])
			out, merged = merged, out // the next merge reuses this one's input
		}
	}
	return out
}

// importNames are the names the file's imports of the macros (and of
// modules re-exporting them) bind.
func (x *expander) importNames() nameSet {
	var names nameSet
	for _, list := range [][]importedMacro{x.res.imports, x.res.others} {
		for _, im := range list {
			if !slices.Contains(names, im.name) {
				names = append(names, im.name)
			}
		}
	}
	return names
}

// mentionCounts are a name's mentions, as fileScan.count counts them.
type mentionCounts struct {
	attr   int // inside attributes, not removed ones (what counts for a macro)
	all    int // anywhere, not in removed attributes (what counts for other imports)
	before int // as all, but counting those in removed attributes too
}

// count counts each name's mentions, by the name's index.
func (s *fileScan) count(k *toks, inRemoved func(uint32) bool) []mentionCounts {
	counts := make([]mentionCounts, len(s.names))
	for _, m := range s.mentions {
		c := &counts[m.name]
		switch {
		case m.inAttr:
			c.before++
			if !inRemoved(k.t[m.i].Start) {
				c.all++
				c.attr++
			}
		case !m.afterMod:
			c.before++
			c.all++
		}
	}
	return counts
}

// mergeMentions appends to dst the merge of a and b, both in order.
func mergeMentions(dst, a, b []mention) []mention {
	for len(a) > 0 && len(b) > 0 {
		if a[0].i <= b[0].i {
			dst, a = append(dst, a[0]), a[1:]
		} else {
			dst, b = append(dst, b[0]), b[1:]
		}
	}
	return append(append(dst, a...), b...)
}
