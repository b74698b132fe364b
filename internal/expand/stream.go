package expand

import (
	"github.com/asynctrait/asynctrait/internal/bigalloc"
	"runtime"
	"sync"
	"sync/atomic"

	"github.com/asynctrait/asynctrait/internal/diag"
	"github.com/asynctrait/asynctrait/internal/edit"
	"github.com/asynctrait/asynctrait/internal/lexer"
	"github.com/asynctrait/asynctrait/internal/syntax"
)

// Stream is File for a file parsed one top-level item at a time: each
// item is rewritten (on another core when there are several) as soon as it
// is parsed and its nodes are let go, so that the syntax tree is never
// whole in memory and parsing overlaps the rewrite. The result is the
// same as File's on the whole tree, its edits in several lists that
// edit.NewOutput takes as one (each item's, then what the end adds).
//
// The file's `use` items are found first, by a scan of the tokens, so that
// every item is resolved with all of them, as File does. On a large file,
// the token index (toks.bucket) and what the end of the rewrite needs from
// the whole file (fileScan) are found on goroutines of their own meanwhile.
// On a syntax error ok is false and the caller reports s.File.Errors; the
// edits are then meaningless.
func Stream(s *syntax.Stream, opts Options) (edits [][]edit.Edit, diags []diag.Diagnostic, ok bool) {
	f := s.File
	if len(f.Errors) > 0 {
		s.Finish()
		return nil, nil, false
	}
	parallel := runtime.GOMAXPROCS(0) > 1 && len(f.Source.Src) >= parallelMinBytes
	k := &toks{src: f.Source.Src, t: f.Tokens}
	// The token index is built on another core while the uses are found
	// (without it, by binary search).
	var index chan []int32
	if indexed(k.t) {
		index = make(chan []int32, 1)
		if parallel {
			go func() { index <- bucketIndex(k.src, k.t, true) }()
		} else {
			index <- bucketIndex(k.src, k.t, false)
		}
	}
	x := &expander{k: k, file: f, opts: opts}
	x.res = &resolver{k: k, aliases: map[string][]importAlt{}}
	scanned := moduleUses(f, k)
	for _, mu := range scanned {
		x.res.collect([]syntax.Item{mu.use}, mu.private)
	}
	if index != nil {
		k.bucket = <-index
	}
	// What the end needs from the whole file (fileScan) is found while the
	// items are parsed and rewritten.
	var endScan chan scanResult
	if parallel {
		endScan = make(chan scanResult, 1)
		go func() {
			defer func() {
				if r := recover(); r != nil {
					endScan <- scanResult{panic: r}
				}
			}()
			endScan <- scanResult{scan: x.scanFile()}
		}()
	}
	var parsed []useAt // the same, as the parser finds them

	var seen parsedAttrs
	var macros []syntax.TokenRange
	var results []*unitResult
	work := make(chan unitJob, 64)
	var wg sync.WaitGroup
	x.text.blocks = len(f.Source.Src) >= blocksFrom
	if parallel {
		// One worker fewer than cores: this goroutine, once it has parsed
		// far enough ahead (work is full), rewrites too, rather than wait
		// for room and be woken for each unit.
		for range runtime.GOMAXPROCS(0) - 1 {
			w := *x // shares the file, tokens and resolver, which are read only
			w.attrLines, w.spare = nil, nil
			w.text, w.scratch, w.editBlocks = textBuf{blocks: x.text.blocks}, textBuf{}, bigalloc.Blocks[edit.Edit]{}
			wg.Go(func() {
				for j := range work {
					w.run(j)
					j.done(s)
				}
			})
		}
	}
	s.InnerAttrs()
	// Each item's nodes are handed back to the parser once its units are
	// rewritten: nothing of an item outlives that but values (spans,
	// texts), so a file's nodes are never more than the items in flight.
	var one [1]syntax.Item
	var units []unit
	for it, arena := s.NextIn(); it != nil; it, arena = s.NextIn() {
		one[0] = it
		parsed = usesOf(one[:], false, parsed)
		x.markParsed(one[:], &seen, &macros)
		units = x.collectUnits(one[:], units[:0])
		if len(units) == 0 {
			s.Release(arena)
			continue
		}
		mem := &itemMem{arena: arena}
		mem.left.Store(int32(len(units)))
		for _, u := range units {
			r := &unitResult{}
			results = append(results, r)
			j := unitJob{u, r, mem}
			if parallel {
				select {
				case work <- j:
				default:
					x.run(j)
					j.done(s)
				}
			} else {
				x.run(j)
				j.done(s)
			}
		}
	}
	close(work)
	wg.Wait()
	s.Finish()
	if len(f.Errors) > 0 {
		return nil, nil, false
	}
	if !sameUses(scanned, parsed) {
		// The scan took something for a module-level use that is not (or
		// missed one) in code it cannot read as the parser does: redo the
		// file the slow way, with the whole tree.
		edits, diags := File(syntax.ParseEdition(f.Source, s.Edition), opts)
		return [][]edit.Edit{edits}, diags, true
	}
	// The items' edits stay in their lists, in order: the output merges
	// them with the few edits the end adds (hidden items, imports), rather
	// than a copy of all of them into one list.
	lists := make([][]edit.Edit, 0, len(results)+1)
	for _, r := range results {
		x.merge(r)
		if len(r.edits) > 0 {
			lists = append(lists, r.edits)
		}
	}
	if endScan != nil {
		r := <-endScan
		if r.panic != nil {
			panic(r.panic)
		}
		x.scan = r.scan
	}
	x.hiddenItems(seen, macros)
	if len(lists) > 0 || len(x.edits) > 0 {
		x.removeUnusedImports()
	}
	return append(lists, x.edits), x.diags, true
}

// parallelMinBytes is the file size from which items are rewritten on
// several cores; smaller files are not worth the goroutines.
const parallelMinBytes = 64 << 10

type unitResult struct {
	edits   []edit.Edit
	diags   []diag.Diagnostic
	removed []syntax.Span
	panic   any // a panic of the rewrite, raised again by the caller's goroutine
}

// scanResult is the fileScan found on its own goroutine, or its panic.
type scanResult struct {
	scan  *fileScan
	panic any
}

type unitJob struct {
	u   unit
	r   *unitResult
	mem *itemMem
}

// itemMem is the node memory of an item and how many of its units are
// still to be rewritten.
type itemMem struct {
	arena *syntax.Arena
	left  atomic.Int32
}

// done tells the stream that a unit no longer needs its item's nodes.
func (j unitJob) done(s *syntax.Stream) {
	if j.mem.left.Add(-1) == 0 {
		s.Release(j.mem.arena)
	}
}

// merge adds an item's result but its edits, in file order, raising
// again a panic of its rewrite on the caller's goroutine, where Expand
// recovers it.
func (x *expander) merge(r *unitResult) {
	if r.panic != nil {
		panic(r.panic)
	}
	x.diags = append(x.diags, r.diags...)
	x.removedAttrs = append(x.removedAttrs, r.removed...)
}

// run rewrites one item into its result slot.
func (x *expander) run(j unitJob) {
	defer func() {
		if r := recover(); r != nil {
			j.r.panic = r
			x.text = textBuf{} // may hold a partial text
		}
	}()
	x.edits, x.diags, x.removedAttrs = nil, nil, nil
	x.item(j.u.it, j.u.trig)
	*j.r = unitResult{edits: x.edits, diags: x.diags, removed: x.removedAttrs}
	x.edits, x.diags, x.removedAttrs = nil, nil, nil
}

// moduleUse is a `use` item at module level (not in a function body), and
// whether a module around it is private (resolver.collect's argument).
type moduleUse struct {
	use     *syntax.Use
	private bool
}

// moduleUses finds the `use` items that a whole-file parse would hand to
// resolver.collect, in file order, by endScan the tokens: `use` in item
// position at the top level or in the braces of `mod name { … }`; every
// other delimited group is skipped. Each is parsed on its own.
func moduleUses(f *syntax.File, k *toks) []moduleUse {
	type scope struct{ private bool }
	stack := []scope{{private: false}}
	var out []moduleUse
	prev := -1 // previous significant token
	for i := 0; i < len(k.t); i++ {
		t := k.t[i]
		if t.Kind.IsTrivia() || t.Kind == lexer.EOF {
			continue
		}
		switch {
		case t.Kind == lexer.RBrace:
			if len(stack) > 1 {
				stack = stack[:len(stack)-1]
			}
		case t.Kind.IsOpen():
			m := int(t.Match)
			if m <= 0 {
				return out // unbalanced: the parse reports it
			}
			if t.Kind == lexer.LBrace && prev >= 0 && k.t[prev].Kind == lexer.Ident {
				if mod := k.prev(prev); mod >= 0 && k.isIdent(mod, "mod") && itemPosition(k, k.prev(mod)) {
					pub := false
					if v := k.prev(mod); v >= 0 && k.isIdent(v, "pub") {
						pub = true
					}
					stack = append(stack, scope{private: stack[len(stack)-1].private || !pub})
					break
				}
			}
			i = m // nothing in other groups is a module-level item
		case t.Kind == lexer.Ident && string(k.word(i)) == "use" && itemPosition(k, prev):
			end := i
			for end < len(k.t) && k.t[end].Kind != lexer.Semi {
				if k.t[end].Kind.IsOpen() && k.t[end].Match > 0 {
					end = int(k.t[end].Match)
				}
				end++
			}
			if end >= len(k.t) {
				return out
			}
			start := itemStart(k, i)
			items, errs := syntax.ParseTokens(f.Source, k.t, syntax.TokenRange{Start: start, End: end + 1}, 0)
			if len(errs) == 0 && len(items) == 1 {
				if u, ok := items[0].(*syntax.Use); ok {
					out = append(out, moduleUse{u, stack[len(stack)-1].private})
				}
			}
			i, prev = end, end
			continue
		}
		prev = i
	}
	return out
}

// useAt is where a module-level use item is, and whether a module around
// it is private.
type useAt struct {
	span    syntax.Span
	private bool
}

// usesOf appends the use items of items and their inline modules, as
// resolver.collect walks them.
func usesOf(items []syntax.Item, private bool, out []useAt) []useAt {
	for _, it := range items {
		switch it := it.(type) {
		case *syntax.Use:
			out = append(out, useAt{it.Span(), private})
		case *syntax.Mod:
			out = usesOf(it.Items, private || it.Vis == nil || it.Vis.Kind != syntax.VisPub, out)
		}
	}
	return out
}

func sameUses(a []moduleUse, b []useAt) bool {
	if len(a) != len(b) {
		return false
	}
	for i := range a {
		if a[i].use.Span() != b[i].span || a[i].private != b[i].private {
			return false
		}
	}
	return true
}

// itemPosition reports whether an item can start after token prev: at the
// start of a module, after an item, an attribute or a visibility.
func itemPosition(k *toks, prev int) bool {
	if prev < 0 {
		return true
	}
	switch k.t[prev].Kind {
	case lexer.Semi, lexer.LBrace, lexer.RBrace:
		return true
	case lexer.DocComment:
		return itemPosition(k, k.prev(prev))
	case lexer.RBracket: // an attribute's
		open := int(k.t[prev].Match)
		pound := k.prev(open)
		if open > 0 && pound >= 0 && k.t[pound].Kind == lexer.Not {
			pound = k.prev(pound)
		}
		return open > 0 && pound >= 0 && k.t[pound].Kind == lexer.Pound && itemPosition(k, k.prev(pound))
	case lexer.Ident:
		return k.isIdent(prev, "pub") && itemPosition(k, k.prev(prev))
	case lexer.RParen:
		m := int(k.t[prev].Match)
		return m > 0 && k.isIdent(k.prev(m), "pub") && itemPosition(k, k.prev(k.prev(m)))
	}
	return false
}

// itemStart returns the first token of the item whose keyword is at i:
// back over a visibility and outer attributes and doc comments.
func itemStart(k *toks, i int) int {
	start := i
	p := k.prev(start)
	if p >= 0 && k.t[p].Kind == lexer.RParen && k.t[p].Match > 0 && k.isIdent(k.prev(int(k.t[p].Match)), "pub") {
		start = k.prev(int(k.t[p].Match))
	} else if p >= 0 && k.isIdent(p, "pub") {
		start = p
	}
	for {
		p := k.prev(start)
		switch {
		case p >= 0 && k.t[p].Kind == lexer.DocComment && k.t[p].Flags&lexer.FlagInnerDoc == 0:
			start = p
			continue
		case p >= 0 && k.t[p].Kind == lexer.RBracket && k.t[p].Match > 0:
			open := int(k.t[p].Match)
			if pound := k.prev(open); pound >= 0 && k.t[pound].Kind == lexer.Pound {
				start = pound
				continue
			}
		}
		return start
	}
}
