package expand

import (
	"bytes"
	"slices"
	"strings"

	"github.com/asynctrait/asynctrait/internal/diag"
	"github.com/asynctrait/asynctrait/internal/lexer"
	"github.com/asynctrait/asynctrait/internal/syntax"
)

// marker starts every spelling of the macros' names.
var marker = []byte("async_trait")

// Items the item-level parse does not reach: `#[async_trait]` items inside
// function bodies (common in tests) and inside `macro_rules!` transcribers
// (real crates generate impls that way). They are found by scanning the
// tokens for trigger attributes outside parsed items, then parsed on their
// own, with `$var` metavariables taken as opaque identifiers, types, bounds
// or expressions inside macro transcribers (upstream never looks inside a
// `$t:ty` fragment either).

// hiddenItems rewrites trigger-carrying items found outside the item tree.
func (x *expander) hiddenItems(parsed parsedAttrs, macros []syntax.TokenRange) {
	k := x.k
	if !slices.IsSorted(parsed) { // file order is sorted; correct regardless
		slices.Sort(parsed)
	}
	hidden := map[uint32]bool{} // the attributes of the hidden items found
	skip := -1                  // the loop's tokens up to skip are done
	// Only the attributes that name a macro can start one; an attribute
	// that does not cannot hold one that does.
	for _, i := range x.fileScan().mentioning {
		if i <= skip {
			continue
		}
		open := k.next(i)
		if open >= len(k.t) || k.t[open].Kind != lexer.LBracket || k.t[open].Match <= 0 {
			continue
		}
		close := int(k.t[open].Match)
		off := k.t[i].Start
		for len(parsed) > 0 && parsed[0] < off { // both in order: walk along
			parsed = parsed[1:]
		}
		if hidden[off] || len(parsed) > 0 && parsed[0] == off {
			skip = close
			continue
		}
		// The item: from the first attribute of this run to its body's end.
		start := x.attrRunStart(i)
		end := x.itemEnd(close + 1)
		if end < 0 {
			skip = close
			continue
		}
		inMacro := false
		for _, m := range macros {
			if i > m.Start && i < m.End {
				inMacro = true
				if end > m.End {
					end = m.End
				}
			}
		}
		mode := syntax.Mode(0)
		if inMacro {
			mode = syntax.MacroBody
		}
		items, errs := syntax.ParseTokens(x.file.Source, k.t, syntax.TokenRange{Start: start, End: end}, mode)
		if len(errs) > 0 || len(items) != 1 {
			msg := "this `#[async_trait]` item could not be parsed on its own, so it was left as it is"
			if len(errs) > 0 {
				msg = "this `#[async_trait]` item was left as it is: " + errs[0].Msg
				if inMacro && strings.HasPrefix(errs[0].Msg, "macro repetition") {
					msg = "this `#[async_trait]` item inside `macro_rules!` was left as it is: a macro repetition hides the structure the rewrite needs"
				}
			}
			x.diags = append(x.diags, diag.Diagnostic{Severity: diag.Warning, File: x.file.Source, Message: msg,
				Labels: []diag.Label{{Span: k.t[i].Span().Join(k.t[close].Span()), Primary: true}}})
			skip = end - 1
			continue
		}
		it := items[0]
		for _, a := range it.Common().Attrs {
			hidden[a.Span().Start] = true
		}
		if trig := x.res.triggers(it.Common().Attrs); len(trig) > 0 {
			x.item(it, trig)
		}
		skip = close
	}
}

// mentionsMacro reports whether an attribute's tokens name one of the
// macros (directly or inside cfg_attr).
func (x *expander) mentionsMacro(r syntax.TokenRange) bool {
	k := x.k
	for i := r.Start; i < r.End; i++ {
		if k.t[i].Kind != lexer.Ident {
			continue
		}
		w := k.word(i)
		if bytes.HasPrefix(w, marker) && kindOfName(string(w)) != notMacro || len(x.res.aliases[string(w)]) > 0 {
			return true
		}
	}
	return false
}

// attrRunStart walks back over the attributes and doc comments directly
// before the attribute at token i.
func (x *expander) attrRunStart(i int) int {
	k := x.k
	start := i
	for {
		p := k.prev(start)
		if p < 0 {
			return start
		}
		switch k.t[p].Kind {
		case lexer.DocComment:
			if k.t[p].Flags&lexer.FlagInnerDoc != 0 {
				return start
			}
			start = p
		case lexer.RBracket:
			o := int(k.t[p].Match)
			if o <= 0 {
				return start
			}
			pp := k.prev(o)
			if pp < 0 || k.t[pp].Kind != lexer.Pound {
				return start
			}
			start = pp
		default:
			return start
		}
	}
}

// itemEnd returns the index after the item starting at (or after attributes
// at) token i: past its first top-level brace group, or its `;`.
func (x *expander) itemEnd(i int) int {
	k := x.k
	for j := i; j < len(k.t); j++ {
		tk := k.t[j]
		switch {
		case tk.Kind == lexer.Semi:
			return j + 1
		case tk.Kind == lexer.LBrace:
			if tk.Match <= 0 {
				return -1
			}
			return int(tk.Match) + 1
		case tk.Kind == lexer.Pound:
			n := k.next(j)
			if n < len(k.t) && k.t[n].Kind == lexer.LBracket && k.t[n].Match > 0 {
				j = int(k.t[n].Match)
			}
		case tk.Kind.IsOpen() && tk.Match > 0:
			j = int(tk.Match)
		case tk.Kind.IsClose() || tk.Kind == lexer.EOF:
			return -1
		}
	}
	return -1
}
