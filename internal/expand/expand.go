// Package expand implements the `#[async_trait]` rewrite as text edits over
// a parsed file (spec: shared/spec/async-trait-expansion.md, target 0.1.92).
//
// The rules follow upstream's modules: attribute and argument recognition
// (attrs.go), signature rewriting (method.go), elided lifetimes and `impl
// Trait` (lifetime.go), `self`/`Self` handling in bodies (receiver.go), and
// the rustfmt-style layout of generated code (layout.go). Output leaves only
// as edits against the original bytes, so untouched text stays untouched.
package expand

import (
	"fmt"
	"slices"
	"strings"

	"github.com/asynctrait/asynctrait/internal/bigalloc"
	"github.com/asynctrait/asynctrait/internal/diag"
	"github.com/asynctrait/asynctrait/internal/edit"
	"github.com/asynctrait/asynctrait/internal/lexer"
	"github.com/asynctrait/asynctrait/internal/syntax"
)

// Options configure the rewrite.
type Options struct {
	// Cfg, when non-nil, evaluates cfg_attr predicates; when nil, one copy
	// per configuration branch is emitted under `#[cfg(…)]`.
	Cfg *CfgSet
	// Exact emits upstream's exact tokens instead of rustfmt's layout.
	Exact bool
}

type expander struct {
	k     *toks
	file  *syntax.File
	opts  Options
	res   *resolver
	diags []diag.Diagnostic
	edits []edit.Edit
	// removedAttrs are the trigger attributes the rewrite removes.
	removedAttrs []syntax.Span
	// attrLines caches the laid-out lint attribute line by attribute (its
	// index in allowAttrs) and indentation: every method of an item gets
	// the same one.
	attrLines map[attrLine]string
	// text holds the rewritten methods' texts.
	text textBuf
	// spare is the method every rewrite of a method reuses: nothing of it
	// outlives the rewrite (its texts are copied to text).
	spare *method
	ctx   itemCtx // the item being rewritten (itemEdits)
	// scan is what the end of the rewrite needs from the whole file
	// (fileScan), when Stream found it on the way; nil until then.
	scan *fileScan
	// scratch holds the texts a method's rewrite builds on the way (its
	// parameters and block with `self` renamed); reset for each method.
	scratch textBuf
	// editBlocks holds the items' lists of edits when text does (a large
	// file: see textBuf.blocks).
	editBlocks bigalloc.Blocks[edit.Edit]
}

// File rewrites every async-trait item of a parsed, error-free file and
// returns the edits and diagnostics. Items with errors are left as they are.
func File(f *syntax.File, opts Options) ([]edit.Edit, []diag.Diagnostic) {
	k := newToks(f.Source.Src, f.Tokens)
	x := &expander{k: k, file: f, opts: opts}
	x.res = newResolver(k, f.Items)
	var seen parsedAttrs
	var macros []syntax.TokenRange
	x.markParsed(f.Items, &seen, &macros)
	x.items(f.Items)
	x.hiddenItems(seen, macros)
	if len(x.edits) > 0 {
		x.removeUnusedImports()
	}
	return x.edits, x.diags
}

// markParsed records the attributes of every parsed item (so the token scan
// for hidden items skips them) and the bodies of macro_rules! definitions.
func (x *expander) markParsed(items []syntax.Item, seen *parsedAttrs, macros *[]syntax.TokenRange) {
	for _, it := range items {
		for _, a := range it.Common().Attrs {
			*seen = append(*seen, a.Span().Start)
		}
		switch it := it.(type) {
		case *syntax.Mod:
			x.markParsed(it.Items, seen, macros)
		case *syntax.Trait:
			x.markParsed(it.Items, seen, macros)
		case *syntax.Impl:
			x.markParsed(it.Items, seen, macros)
		case *syntax.ExternBlock:
			x.markParsed(it.Items, seen, macros)
		case *syntax.MacroCall:
			if it.Name != nil && x.k.pathText(it.Path) == "macro_rules" {
				*macros = append(*macros, it.Body)
			}
		}
	}
}

// parsedAttrs are the start offsets of the parsed items' attributes, as
// markParsed finds them: in file order (an item's attributes come before
// its inner items'), a slice rather than a set of thousands of entries.
type parsedAttrs []uint32

func (x *expander) errorf(sp syntax.Span, msg string) {
	x.diags = append(x.diags, diag.Errorf(x.file.Source, sp, msg))
}

// items rewrites every item carrying triggers, in modules too, in file
// order. (File is the whole-tree reference and Stream's fallback; Stream
// is what spreads items over the cores.)
func (x *expander) items(items []syntax.Item) {
	for _, u := range x.collectUnits(items, nil) {
		x.item(u.it, u.trig)
	}
}

// unit is an item to rewrite and its triggers.
type unit struct {
	it   syntax.Item
	trig []trigger
}

func (x *expander) collectUnits(items []syntax.Item, out []unit) []unit {
	for _, it := range items {
		if m, ok := it.(*syntax.Mod); ok {
			out = x.collectUnits(m.Items, out)
			continue
		}
		if trig := x.res.triggers(it.Common().Attrs); len(trig) > 0 {
			out = append(out, unit{it, trig})
		}
	}
	return out
}

// item rewrites one item carrying async-trait triggers.
func (x *expander) item(it syntax.Item, trig []trigger) {
	for _, t := range trig {
		if t.errMsg != "" {
			x.errorf(t.attr.Span(), t.errMsg)
			return
		}
	}
	switch it := it.(type) {
	case *syntax.Trait:
		if syntax.Present(it.Auto) {
			x.errorf(it.Auto, x.recognitionMsg(it))
			return
		}
		if syntax.Present(it.Eq) {
			x.errorf(it.Eq, "expected `{`")
			return
		}
	case *syntax.Impl:
		if it.Trait == nil {
			x.errorf(trig[0].attr.Span(), msgImpl)
			return
		}
		if syntax.Present(it.Default) {
			x.errorf(it.Default, msgItem)
			return
		}
	default:
		x.recognitionError(it)
		return
	}
	for _, in := range x.innerAttrs(it) {
		x.diags = append(x.diags, diag.Diagnostic{
			Severity: diag.Warning, File: x.file.Source,
			Message: "inner attribute inside an `#[async_trait]` item: async-trait drops it, asynctrait keeps it",
			Labels:  []diag.Label{{Span: in.Span(), Primary: true}},
		})
	}

	branches, native := x.branches(trig)
	if x.opts.Cfg != nil {
		// Evaluate: the first trigger whose predicate holds decides.
		edits := x.removeTriggers(trig, 2*asyncMethods(it))
		for _, b := range branches {
			if b.cond == nil || x.opts.Cfg.Eval(b.cond) {
				edits = x.itemEdits(it, b.mode, edits)
				break
			}
		}
		x.addEdits(it, edits)
		return
	}
	if len(branches) == 0 {
		return
	}
	if len(branches) == 1 && branches[0].cond == nil {
		edits := x.removeTriggers(trig, 2*asyncMethods(it))
		edits = x.itemEdits(it, branches[0].mode, edits)
		x.addEdits(it, edits)
		return
	}
	// One copy per configuration branch (spec §11, our option).
	if native != nil {
		branches = append(branches, branch{cond: native, mode: modeNative})
	}
	span := it.Span()
	indent := x.indentOf(span.Start)
	var copies []string
	for _, b := range branches {
		guard := "#[cfg(" + b.cond.String() + ")]"
		var edits []edit.Edit
		for i, t := range trig {
			if i > 0 && t.attr == trig[i-1].attr {
				continue
			}
			g := ""
			if i == 0 {
				g = guard
			}
			edits = x.removeAttr(t.attr, trig, g, edits)
		}
		if b.mode != modeNative {
			edits = x.itemEdits(it, b.mode, edits)
		}
		text, ok := x.applyWithin(span, edits)
		if !ok {
			return
		}
		copies = append(copies, text)
	}
	x.edits = append(x.edits, edit.Edit{Start: int(span.Start), End: int(span.End), New: strings.Join(copies, "\n"+indent)})
}

// removeTriggers removes every trigger attribute once.
// room is how many more edits the caller will append (two per method).
func (x *expander) removeTriggers(trig []trigger, room int) []edit.Edit {
	var edits []edit.Edit
	if x.text.blocks {
		edits = x.editBlocks.Take(len(trig) + room)
	} else {
		edits = make([]edit.Edit, 0, len(trig)+room)
	}
	for i, t := range trig {
		if i > 0 && t.attr == trig[i-1].attr {
			continue
		}
		edits = x.removeAttr(t.attr, trig, "", edits)
	}
	return edits
}

// asyncMethods counts the async methods of a trait or impl.
func asyncMethods(it syntax.Item) int {
	n := 0
	for _, m := range members(it) {
		if asyncFn(m) != nil {
			n++
		}
	}
	return n
}

// members are the items of a trait or impl.
func members(it syntax.Item) []syntax.Item {
	switch it := it.(type) {
	case *syntax.Trait:
		return it.Items
	case *syntax.Impl:
		return it.Items
	}
	return nil
}

// asyncFn returns m if it is an async method, else nil.
func asyncFn(m syntax.Item) *syntax.Fn {
	if fn, ok := m.(*syntax.Fn); ok && fn.Sig != nil && syntax.Present(fn.Sig.Async) {
		return fn
	}
	return nil
}

// addEdits records an item's edits, checking they apply cleanly first.
func (x *expander) addEdits(it syntax.Item, edits []edit.Edit) {
	span := it.Span()
	clamped, cloned := edits, false
	for i, e := range edits {
		if e.Start >= int(span.Start) && e.End <= int(span.End) {
			continue
		}
		// Attribute removal may extend over the line's indentation
		// before the item; clamp to the item, as applyWithin does.
		if !cloned {
			clamped, cloned = slices.Clone(edits), true
		}
		clamped[i].Start = min(max(e.Start, int(span.Start)), int(span.End))
		clamped[i].End = min(max(e.End, int(span.Start)), int(span.End))
	}
	if err := edit.Check(int(span.End), clamped); err != nil {
		x.errorf(span, "internal error: "+err.Error())
		return
	}
	if x.edits == nil {
		x.edits = edits // the first item of a unit: no copy
		return
	}
	x.edits = append(x.edits, edits...)
}

// applyWithin applies edits that lie inside span to its text.
func (x *expander) applyWithin(span syntax.Span, edits []edit.Edit) (string, bool) {
	shifted := make([]edit.Edit, 0, len(edits))
	for _, e := range edits {
		if e.Start < int(span.Start) || e.End > int(span.End) {
			// Attribute removal may extend over the line's indentation
			// before the item; clamp to the item.
			if e.Start < int(span.Start) {
				e.Start = int(span.Start)
			}
			if e.End > int(span.End) {
				e.End = int(span.End)
			}
		}
		shifted = append(shifted, edit.Edit{Start: e.Start - int(span.Start), End: e.End - int(span.Start), New: e.New})
	}
	out, err := edit.Apply(x.k.src[span.Start:span.End], shifted)
	if err != nil {
		x.errorf(span, "internal error: "+err.Error())
		return "", false
	}
	return string(out), true
}

type branch struct {
	cond *Cfg
	mode Mode
}

// branches turns triggers into mutually exclusive configuration branches;
// native is the condition under which no trigger fires (nil if none).
func (x *expander) branches(trig []trigger) (out []branch, native *Cfg) {
	var earlier []*Cfg
	for _, t := range trig {
		if t.cond == nil {
			if c := conjoin(nil, earlier); c != unsatisfiable {
				out = append(out, branch{cond: c, mode: t.mode})
			}
			return out, nil
		}
		// A trigger that can never fire first (the same predicate twice)
		// gets no branch.
		if c := conjoin(t.cond, earlier); c != unsatisfiable {
			out = append(out, branch{cond: c, mode: t.mode})
		}
		earlier = append(earlier, t.cond)
	}
	if c := conjoin(nil, earlier); c != unsatisfiable {
		return out, c
	}
	return out, nil
}

// unsatisfiable marks a conjunction containing a predicate and its negation.
var unsatisfiable = &Cfg{Name: "false"}

// conjoin returns `c and not(e) for e in earlier`, dropping terms c already
// implies and returning a contradiction-free result, or an always-false
// marker... kept simple: `not(e)` is dropped when c is e's complement; when
// c is nil and earlier contains a complementary pair, the result is nil-able
// false, reported as `Cfg{Name: "false"}`.
func conjoin(c *Cfg, earlier []*Cfg) *Cfg {
	var terms []*Cfg
	if c != nil {
		terms = append(terms, c)
	}
	for _, e := range earlier {
		if c != nil && c.complement(e) {
			continue
		}
		terms = append(terms, e.not())
	}
	// A complementary pair makes the conjunction unsatisfiable.
	for i := range terms {
		for j := i + 1; j < len(terms); j++ {
			if terms[i].complement(terms[j]) {
				return unsatisfiable
			}
		}
	}
	if len(terms) == 0 {
		return nil
	}
	return conj(terms)
}

// removeAttr deletes a trigger attribute (and its line), or replaces it with
// guard; a cfg_attr that also carries other attributes keeps them.
func (x *expander) removeAttr(a *syntax.Attr, trig []trigger, guard string, out []edit.Edit) []edit.Edit {
	k := x.k
	sp := a.Span()
	x.removedAttrs = append(x.removedAttrs, sp)
	rest := ""
	if a.Path != nil && k.pathText(a.Path) == "cfg_attr" {
		if inner, ok := k.groupInner(a.Args); ok {
			parts := k.splitTopLevel(inner)
			var keep []string
			for _, p := range parts[1:] {
				path, _ := k.splitAttr(p)
				last, n := k.pathLast(path)
				if n > 0 && (kindOfName(last) != notMacro || n == 1 && len(x.res.aliases[last]) > 0) {
					continue
				}
				keep = append(keep, oneLine(k.plainSpaced(p)))
			}
			if len(keep) > 0 {
				rest = "#[cfg_attr(" + oneLine(k.plainSpaced(parts[0])) + ", " + strings.Join(keep, ", ") + ")]"
			}
		}
	}
	repl := guard
	if rest != "" {
		if repl != "" {
			repl += "\n" + x.indentOf(sp.Start)
		}
		repl += rest
	}
	if repl != "" {
		return append(out, edit.Edit{Start: int(sp.Start), End: int(sp.End), New: repl})
	}
	start, end := x.lineStart(sp.Start), x.lineEnd(sp.End)
	if !x.onlySpaceBefore(sp.Start) || end == sp.End {
		// Not alone on its line: remove it and the spaces after it.
		start = sp.Start
		end = sp.End
		for int(end) < len(k.src) && (k.src[end] == ' ' || k.src[end] == '\t') {
			end++
		}
	}
	return append(out, edit.Edit{Start: int(start), End: int(end), New: ""})
}

// blankLineAt returns the end of the line starting at off if it is blank,
// else off.
func (x *expander) blankLineAt(off uint32) uint32 {
	src := x.k.src
	i := off
	for int(i) < len(src) && (src[i] == ' ' || src[i] == '\t' || src[i] == '\r') {
		i++
	}
	if int(i) < len(src) && src[i] == '\n' {
		return i + 1
	}
	return off
}

// blankLineBefore reports whether the line ending just before off is blank.
func (x *expander) blankLineBefore(off uint32) bool {
	src := x.k.src
	if off == 0 || src[off-1] != '\n' {
		return false
	}
	i := off - 1
	for i > 0 && (src[i-1] == ' ' || src[i-1] == '\t' || src[i-1] == '\r') {
		i--
	}
	return i == 0 || src[i-1] == '\n'
}

// plainSpaced returns the source text of a token range.
func (k *toks) plainSpaced(r syntax.TokenRange) string { return k.spanText(k.spanOf(r)) }

// lineStart returns the start of the line holding off when only
// whitespace precedes off on it; otherwise off.
func (x *expander) lineStart(off uint32) uint32 {
	src := x.k.src
	i := off
	for i > 0 && (src[i-1] == ' ' || src[i-1] == '\t') {
		i--
	}
	if atLineStart(src, i) {
		return i
	}
	return off
}

// atLineStart reports whether a line starts at i: after a newline, or at
// the start of the file, after its byte order mark if it has one.
func atLineStart(src []byte, i uint32) bool {
	return i == 0 || i == bomLen(src) || src[i-1] == '\n'
}

// bomLen is the length of the file's UTF-8 byte order mark, 3 or 0.
func bomLen(src []byte) uint32 {
	if len(src) >= 3 && src[0] == 0xEF && src[1] == 0xBB && src[2] == 0xBF {
		return 3
	}
	return 0
}

// onlySpaceBefore reports whether off is the first non-blank of its line.
func (x *expander) onlySpaceBefore(off uint32) bool {
	i := off
	for i > 0 && (x.k.src[i-1] == ' ' || x.k.src[i-1] == '\t') {
		i--
	}
	return atLineStart(x.k.src, i)
}

// lineEnd returns the offset after the newline ending the line of off
// when only whitespace follows off on it; otherwise off.
func (x *expander) lineEnd(off uint32) uint32 {
	src := x.k.src
	i := off
	for int(i) < len(src) && (src[i] == ' ' || src[i] == '\t' || src[i] == '\r') {
		i++
	}
	if int(i) < len(src) && src[i] == '\n' {
		return i + 1
	}
	if int(i) == len(src) {
		return i
	}
	return off
}

// indentOf returns the leading whitespace of the line holding off.
func (x *expander) indentOf(off uint32) string {
	src := x.k.src
	s := uint32(x.file.Source.LineStartOf(int(off)))
	e := s
	for e < off && (src[e] == ' ' || src[e] == '\t') {
		e++
	}
	return x.k.view(syntax.Span{Start: s, End: e})
}

func (x *expander) innerAttrs(it syntax.Item) []*syntax.Attr {
	switch it := it.(type) {
	case *syntax.Trait:
		return it.InnerAttrs
	case *syntax.Impl:
		return it.InnerAttrs
	}
	return nil
}

// recognitionError reports an attribute on an item that is neither a trait
// nor a trait impl (spec §7.1).
func (x *expander) recognitionError(it syntax.Item) {
	k := x.k
	c := it.Common()
	// First token after the outer attributes.
	start := c.Span().Start
	if n := len(c.Attrs); n > 0 {
		start = c.Attrs[n-1].Span().End
	}
	i := k.first(k.at(start))
	if c.Vis != nil {
		// `pub …` is parsed as a trait: syn expects `trait` (after optional
		// `unsafe`/`auto`).
		j := k.first(k.at(c.Vis.Span().End))
		if k.isIdent(j, "unsafe") {
			j = k.next(j)
		}
		if k.isIdent(j, "auto") {
			j = k.next(j)
		}
		x.errorf(k.t[j].Span(), msgTrait)
		return
	}
	if k.isIdent(i, "unsafe") {
		j := k.next(i)
		x.errorf(k.t[j].Span(), msgUnsafe)
		return
	}
	x.errorf(k.t[i].Span(), msgItem)
}

func (x *expander) recognitionMsg(t *syntax.Trait) string {
	if syntax.Present(t.Unsafe) {
		return msgUnsafe
	}
	return msgItem
}

// itemEdits appends the edits that rewrite a trait's or impl's async
// methods in the given mode.
func (x *expander) itemEdits(it syntax.Item, mode Mode, edits []edit.Edit) []edit.Edit {
	// One item at a time: the context is reused (the spare method points
	// to it while a method is rewritten, which would make a new one escape).
	c := &x.ctx
	*c = itemCtx{x: x, mode: mode}
	switch it := it.(type) {
	case *syntax.Trait:
		c.isTrait = true
		c.generics = it.Generics
		c.supertraits = it.Supertraits
		c.header = syntax.TokenRange{Start: x.k.at(it.Span().Start), End: it.Body.Start}
	case *syntax.Impl:
		c.generics = it.Generics
		c.header = syntax.TokenRange{Start: x.k.at(it.Span().Start), End: it.Body.Start}
		for _, m := range it.Items {
			if ta, ok := m.(*syntax.TypeAlias); ok && ta.Ty != nil {
				if _, ok := ta.Ty.(*syntax.ImplTraitType); ok {
					if c.implTypes == nil {
						c.implTypes = map[string]bool{}
					}
					c.implTypes[x.k.spanText(ta.Name.Span())] = true
				}
			}
		}
	}
	for _, m := range members(it) {
		if fn := asyncFn(m); fn != nil {
			edits = c.methodEdits(fn, edits)
		}
	}
	return edits
}

// methodEdits appends the edits that rewrite one async method: an inserted
// `#[allow(…)]` line and the replacement of everything from the first
// qualifier to the end.
func (c *itemCtx) methodEdits(fn *syntax.Fn, to []edit.Edit) (edits []edit.Edit) {
	x := c.x
	edits = to
	defer func() {
		if r := recover(); r != nil {
			b, ok := r.(bailout)
			if !ok {
				panic(r)
			}
			x.errorf(fn.Sig.Span(), b.msg)
			edits = to
		}
	}()
	m := c.newMethod(fn)
	sp, body := m.transform()

	sigStart := fn.Sig.Span().Start
	indent := x.indentOf(sigStart)
	lineStart := uint32(x.file.Source.LineStartOf(int(sigStart)))
	prefixLen := int(sigStart-lineStart) - len(indent)

	b := &x.text
	b.discard() // what a method that bailed out left
	layoutSig(b, sp, indent, prefixLen, body != nil, x.opts.Exact)
	end := fn.Span().End
	if body != nil {
		if len(sp.where) > 0 {
			b.WriteString("\n")
			b.WriteString(indent)
		} else {
			b.WriteString(" ")
		}
		layoutBody(b, body, indent, x.opts.Exact)
		end = fn.Body.Span().End
	} else {
		b.WriteString(";")
	}
	// The lint attribute goes after the method's own attributes (spec §2.11),
	// inserted before the signature's replacement (edits in order).
	attrIndex := allowAttr(body != nil || !c.isTrait, x.opts.Exact)
	attr := allowAttrs[attrIndex]
	at := sigStart
	if fn.Vis != nil {
		at = fn.Vis.Span().Start
	}
	if syntax.Present(fn.Default) && fn.Default.Start < at {
		at = fn.Default.Start
	}
	if x.onlySpaceBefore(at) {
		key := attrLine{attrIndex, indent}
		line, ok := x.attrLines[key]
		if !ok {
			if x.attrLines == nil {
				x.attrLines = map[attrLine]string{}
			}
			line = layoutAttr(attr, indent) + "\n" + indent
			x.attrLines[key] = line
		}
		edits = append(edits, edit.Edit{Start: int(at), End: int(at), New: line})
	} else {
		edits = append(edits, edit.Edit{Start: int(at), End: int(at), New: attr + " "})
	}

	edits = append(edits, edit.Edit{Start: int(sigStart), End: int(end), New: b.String()})
	return edits
}

// attrLine is the key of expander.attrLines.
type attrLine struct {
	attr   int
	indent string
}

// removeUnusedImports drops `use` items (or leaves of them) that import the
// macros when nothing else in the rewritten file names them.
func (x *expander) removeUnusedImports() {
	if len(x.res.imports) == 0 {
		return
	}
	// Mentions that remain after the rewrite: those in the original minus
	// those inside removed trigger attributes. Method rewrites never remove
	// other identifiers, and generated text names no imported item.
	k := x.k
	scan := x.fileScan()
	names := scan.names
	removed := x.removedAttrs
	if cmp := func(a, b syntax.Span) int { return int(a.Start) - int(b.Start) }; !slices.IsSortedFunc(removed, cmp) {
		removed = slices.Clone(removed)
		slices.SortFunc(removed, cmp)
	}
	// The mentions are asked about in file order: a cursor over the
	// removed attributes, not a search for each (thousands of both).
	i, last := 0, uint32(0)
	inRemoved := func(off uint32) bool {
		if off < last {
			i = 0 // out of order after all: from the start again
		}
		last = off
		// i: how many removed attributes start at or before off; the
		// last of those may hold it.
		for i < len(removed) && removed[i].Start <= off {
			i++
		}
		return i > 0 && off < removed[i-1].End
	}
	counts := scan.count(k, inRemoved)
	// Mentions inside the imports themselves do not count.
	seen := map[*syntax.Use]bool{}
	for _, list := range [][]importedMacro{x.res.imports, x.res.others} {
		for _, im := range list {
			if seen[im.use] {
				continue
			}
			seen[im.use] = true
			r := k.rangeOf(im.use.Span())
			for i := r.Start; i < r.End; i++ {
				if k.t[i].Kind == lexer.Ident {
					if n := names.index(k.word(i)); n >= 0 {
						counts[n].before--
						counts[n].all--
					}
				}
			}
		}
	}
	remove := map[*syntax.Use][]*syntax.UseTree{}
	for _, im := range x.res.imports {
		c := counts[names.index([]byte(im.name))]
		if im.public || c.attr > 0 || c.all > 0 && x.usesOutsideAttrs(im.name) {
			continue
		}
		remove[im.use] = append(remove[im.use], im.leaf)
	}
	// Any other import whose every use was in a removed attribute (`use
	// super::rt;` for `#[rt::async_trait]`) would now warn as unused.
	for _, im := range x.res.others {
		if c := counts[names.index([]byte(im.name))]; !im.public && c.before > 0 && c.all <= 0 {
			remove[im.use] = append(remove[im.use], im.leaf)
		}
	}
	for u, leaves := range remove {
		x.edits = append(x.edits, x.removeUseLeaves(u, leaves)...)
	}
}

// nameSet is a small set of names.
type nameSet []string

// index returns the index of w in s, or -1.
func (s nameSet) index(w []byte) int {
	for i, n := range s {
		if len(n) == len(w) && n == string(w) {
			return i
		}
	}
	return -1
}

// usesOutsideAttrs reports whether the macro name is used as a macro path
// outside attributes (`name!`), which keeps its import.
func (x *expander) usesOutsideAttrs(name string) bool {
	k := x.k
	for _, i := range k.startingWith(name, lexer.Ident) {
		if string(k.word(i)) == name {
			if n := k.next(i); n < len(k.t) && k.t[n].Kind == lexer.Not {
				return true
			}
		}
	}
	return false
}

// removeUseLeaves removes leaves from a use item, or the whole item (with
// its line) when nothing else remains.
func (x *expander) removeUseLeaves(u *syntax.Use, leaves []*syntax.UseTree) []edit.Edit {
	total := countLeaves(u.Tree)
	if len(leaves) >= total {
		sp := u.Span()
		start, end := x.lineStart(sp.Start), x.lineEnd(sp.End)
		if !x.onlySpaceBefore(sp.Start) || end == sp.End {
			return []edit.Edit{{Start: int(sp.Start), End: int(sp.End), New: ""}}
		}
		// Do not leave a blank line at the top of the file or two blank
		// lines in a row (rustfmt allows neither).
		if blank := x.blankLineAt(end); blank > end && (start == bomLen(x.k.src) || x.blankLineBefore(start)) {
			end = blank
		}
		return []edit.Edit{{Start: int(start), End: int(end), New: ""}}
	}
	var edits []edit.Edit
	for _, l := range leaves {
		r := x.k.rangeOf(l.Span())
		n := x.k.first(r.End)
		if x.k.t[n].Kind == lexer.Comma {
			after := x.k.first(n + 1)
			edits = append(edits, edit.Edit{Start: int(l.Span().Start), End: int(x.k.t[after].Start), New: ""})
			continue
		}
		p := x.k.prev(r.Start)
		if p >= 0 && x.k.t[p].Kind == lexer.Comma {
			edits = append(edits, edit.Edit{Start: int(x.k.t[p].Start), End: int(l.Span().End), New: ""})
		}
	}
	return edits
}

func countLeaves(t *syntax.UseTree) int {
	if t == nil {
		return 0
	}
	if t.Kind == syntax.UseGroup {
		n := 0
		for _, g := range t.Group {
			n += countLeaves(g)
		}
		return n
	}
	return 1
}

var _ = fmt.Sprintf
