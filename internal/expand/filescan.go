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
// token by token; each name's are in order, and merged.
func (k *toks) findMentions(names nameSet, attrs []syntax.TokenRange) []mention {
	lists := make([][]int, len(names))
	total := 0
	for ni, name := range names {
		l := k.startingWith(name, lexer.Ident)
		n := 0
		for _, i := range l {
			if string(k.word(i)) == name { // not a longer identifier
				l[n] = i
				n++
			}
		}
		lists[ni] = l[:n]
		total += n
	}
	out := make([]mention, 0, total)
	a := 0 // attrs starting at or before the mention, walked along
	for len(out) < total {
		ni := -1
		for j, l := range lists {
			if len(l) > 0 && (ni < 0 || l[0] < lists[ni][0]) {
				ni = j
			}
		}
		i := lists[ni][0]
		lists[ni] = lists[ni][1:]
		for a < len(attrs) && attrs[a].Start <= i {
			a++
		}
		p := k.prev(i)
		out = append(out, mention{i: i, name: ni, inAttr: a > 0 && i < attrs[a-1].End, afterMod: p >= 0 && k.is(p, lexer.Ident, "mod")})
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
