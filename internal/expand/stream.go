package expand

import (
	"runtime"
	"sync"
	"sync/atomic"

	"github.com/asynctrait/asynctrait/internal/bigalloc"
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
	// items are parsed and rewritten: on a goroutine of its own, or, when
	// the items are parsed in two halves, by the half done first.
	at := s.ItemSplit()
	inHalves := parallel && at > 0
	var endScan chan scanResult
	if parallel && !inHalves {
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
	x.text.blocks = len(f.Source.Src) >= blocksFrom
	var d itemsDone
	if inHalves {
		if !x.halves(s, at, &d) {
			// An item runs across the split (or there is a syntax
			// error): the file again as a whole.
			s.Restart()
			d = itemsDone{}
			x.oneRun(s, parallel, &d)
		}
	} else {
		x.oneRun(s, parallel, &d)
	}
	if len(f.Errors) > 0 {
		return nil, nil, false
	}
	if !sameUses(scanned, d.parsed) {
		// The scan took something for a module-level use that is not (or
		// missed one) in code it cannot read as the parser does: redo the
		// file the slow way, with the whole tree.
		edits, diags := File(syntax.ParseEdition(f.Source, s.Edition), opts)
		return [][]edit.Edit{edits}, diags, true
	}
	results, seen, macros := d.results, d.seen, d.macros
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

// itemsDone is what parsing and rewriting a run of top-level items found,
// in file order.
type itemsDone struct {
	parsed  []useAt // the module-level uses, as the parser finds them
	seen    parsedAttrs
	macros  []syntax.TokenRange
	results []*unitResult
}

// add appends what a later run of items found.
func (d *itemsDone) add(e *itemsDone) {
	d.parsed = append(d.parsed, e.parsed...)
	d.seen = append(d.seen, e.seen...)
	d.macros = append(d.macros, e.macros...)
	d.results = append(d.results, e.results...)
}

// rewriteItems parses the items of s one by one and rewrites their units,
// itself or, when send takes a unit, on another goroutine. Each item's
// nodes are handed back to the parser once its units are rewritten:
// nothing of an item outlives that but values (spans, texts), so a
// file's nodes are never more than the items in flight.
func (x *expander) rewriteItems(s *syntax.Stream, send func(unitJob) bool, d *itemsDone) {
	var one [1]syntax.Item
	var units []unit
	for it, arena := s.NextIn(); it != nil; it, arena = s.NextIn() {
		one[0] = it
		d.parsed = usesOf(one[:], false, d.parsed)
		x.markParsed(one[:], &d.seen, &d.macros)
		units = x.collectUnits(one[:], units[:0])
		if len(units) == 0 {
			s.Release(arena)
			continue
		}
		mem := &itemMem{s: s, arena: arena}
		mem.left.Store(int32(len(units)))
		for _, u := range units {
			r := &unitResult{}
			d.results = append(d.results, r)
			j := unitJob{u, r, mem}
			if send == nil || !send(j) {
				x.run(j)
				j.done()
			}
		}
	}
}

// worker returns a copy of x for another goroutine: it shares the file,
// tokens and resolver, which are read only, and has buffers of its own.
func (x *expander) worker() *expander {
	w := *x
	w.attrLines, w.spare = nil, nil
	w.text, w.scratch, w.editBlocks = textBuf{blocks: x.text.blocks}, textBuf{}, bigalloc.Blocks[edit.Edit]{}
	return &w
}

// oneRun parses the items of s on this goroutine and rewrites them here
// and, when parallel, on the other cores.
func (x *expander) oneRun(s *syntax.Stream, parallel bool, d *itemsDone) {
	var send func(unitJob) bool
	var wg sync.WaitGroup
	work := make(chan unitJob, 64)
	if parallel {
		// One worker fewer than cores: this goroutine, once it has parsed
		// far enough ahead (work is full), rewrites too, rather than wait
		// for room and be woken for each unit.
		for range runtime.GOMAXPROCS(0) - 1 {
			w := x.worker()
			wg.Go(func() {
				for j := range work {
					w.run(j)
					j.done()
				}
			})
		}
		send = func(j unitJob) bool {
			select {
			case work <- j:
				return true
			default:
				return false
			}
		}
	}
	s.InnerAttrs()
	x.rewriteItems(s, send, d)
	close(work)
	wg.Wait()
	s.Finish()
}

// halves parses and rewrites the items before token at on this goroutine
// and those from it on on another, each core with the items it parsed in
// its caches (a unit parsed on one core and rewritten on the other costs
// a third more). A half done first takes units of the other, those its
// parser finds while it waits. It reports false, with d incomplete, when
// either half has a syntax error: the items are then not those of the
// whole file (an item runs across at), or the whole file has errors to
// report as a whole.
func (x *expander) halves(s *syntax.Stream, at int, d *itemsDone) bool {
	second := s.SplitAt(at)
	// Unbuffered: a send succeeds only when the other half is done and
	// waits for units.
	work := make(chan unitJob)
	send := func(j unitJob) bool {
		select {
		case work <- j:
			return true
		default:
			return false
		}
	}
	// Once both halves are parsed, nothing more comes: whichever is done
	// second closes work.
	var left atomic.Int32
	left.Store(2)
	finished := func() {
		if left.Add(-1) == 0 {
			close(work)
		}
	}
	help := func(w *expander) {
		for j := range work {
			w.run(j)
			j.done()
		}
	}
	// The half done first finds what the end needs from the whole file.
	var scanning atomic.Bool
	var scan *fileScan
	endScan := func(w *expander) {
		if !scanning.Swap(true) {
			scan = w.scanFile()
		}
	}
	var rest itemsDone
	var restPanic any // raised again here, where Expand recovers it
	var wg sync.WaitGroup
	// Cores beyond two rewrite units from the start: a unit is sent to
	// whichever goroutine waits for one.
	for range runtime.GOMAXPROCS(0) - 2 {
		w := x.worker()
		wg.Go(func() { help(w) })
	}
	w := x.worker()
	wg.Go(func() {
		defer func() {
			restPanic = recover()
			finished()
			help(w)
		}()
		w.rewriteItems(second, send, &rest)
		endScan(w)
	})
	func() {
		defer finished() // even when it panics: the other half then ends
		s.InnerAttrs()
		x.rewriteItems(s, send, d)
		endScan(x)
	}()
	help(x)
	wg.Wait()
	if restPanic != nil {
		panic(restPanic)
	}
	x.scan = scan // (a whole-file scan: right whatever the parse)
	s.Finish()
	second.Finish()
	if len(s.File.Errors) > 0 || len(second.File.Errors) > 0 {
		return false
	}
	d.add(&rest)
	return true
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

// itemMem is the node memory of an item, the stream it came from and how
// many of the item's units are still to be rewritten.
type itemMem struct {
	s     *syntax.Stream
	arena *syntax.Arena
	left  atomic.Int32
}

// done tells the stream that a unit no longer needs its item's nodes.
func (j unitJob) done() {
	if j.mem.left.Add(-1) == 0 {
		j.mem.s.Release(j.mem.arena)
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
