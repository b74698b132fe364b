package expand

import (
	"bytes"
	"fmt"
	"slices"
	"strings"

	"github.com/asynctrait/asynctrait/internal/edit"
	"github.com/asynctrait/asynctrait/internal/lexer"
	"github.com/asynctrait/asynctrait/internal/syntax"
)

// itemCtx is what a method rewrite needs to know about its trait or impl.
type itemCtx struct {
	x           *expander
	isTrait     bool
	mode        Mode
	generics    *syntax.Generics
	supertraits []syntax.Bound
	implTypes   map[string]bool // impl: associated types defined as `impl Trait`
	header      syntax.TokenRange
	// headerUsed are the names in header shaped like ours (oursLike).
	headerUsed    []string
	headerScanned bool
}

// Lint lists of the added attribute (spec §2.11), HEAD's. In plain source
// rustc 1.95 reports `elided_named_lifetimes` as renamed (a warning the
// macro's output does not cause), so by default the lint is spelled with
// its current name, `mismatched_lifetime_syntaxes`; --exact keeps HEAD's.
const (
	allowWithBody    = "#[allow(elided_named_lifetimes, clippy::async_yields_async, clippy::diverging_sub_expression, clippy::let_unit_value, clippy::needless_arbitrary_self_type, clippy::no_effect_underscore_binding, clippy::shadow_same, clippy::type_complexity, clippy::type_repetition_in_bounds, clippy::used_underscore_binding)]"
	allowWithoutBody = "#[allow(elided_named_lifetimes, clippy::type_complexity, clippy::type_repetition_in_bounds)]"
)

// allowAttr returns the lint attribute for a method, by its index in
// allowAttrs.
func allowAttr(withBody, exact bool) int {
	i := 0
	if withBody {
		i |= 1
	}
	if exact {
		i |= 2
	}
	return i
}

// allowAttrs are the lint attributes: without and with a body (or in an
// impl), with the lint's current name and (--exact) with HEAD's.
var allowAttrs = [4]string{allowWithoutBodyNow, allowWithBodyNow, allowWithoutBody, allowWithBody}

// The lint lists with the lint's current name.
var (
	allowWithBodyNow    = strings.Replace(allowWithBody, "elided_named_lifetimes", "mismatched_lifetime_syntaxes", 1)
	allowWithoutBodyNow = strings.Replace(allowWithoutBody, "elided_named_lifetimes", "mismatched_lifetime_syntaxes", 1)
)

// sigParts is a rewritten signature, in pieces the layout code arranges.
type sigParts struct {
	quals         string   // `pub unsafe extern "C" ` … up to and including `fn `? no: qualifiers before `fn`
	name          string   // method name
	generics      []string // emitted generic parameters, in order
	params        []string // parameters, each on one line
	trailing      bool     // the user's parameter list had a trailing comma (kept in exact mode)
	output        string   // R
	ret           string   // the boxed future type for R (returnType)
	where         []string // predicates
	hasTypeParams bool
	whereTC       bool // user's where clause ended with a comma
	userPreds     int  // how many predicates of where are the user's
}

// bodyParts is a rewritten body.
type bodyParts struct {
	inner       []string // inner attributes of the original body
	earlyRt     string   // R2 for the `if let … None::<R2>` guard; "" for no `->`
	hasRet      bool
	decls       []string // statements; multi-line ones contain "\n" at relative indentation
	block       string   // the original block `{ … }`, self renamed, original indentation
	blockIndent string   // the indentation of the line the original block starts on
	special     bool     // spec §5.1(c): no __ret
}

// method rewrites one async fn.
type method struct {
	c       *itemCtx
	fn      *syntax.Fn
	body    bodyParts // transformBody's result
	used    []string  // identifiers and lifetimes in sight that look like ours, to avoid collisions
	usedBuf [8]string
	ltv     collectLifetimes
	// Room for the usual number of parts, so that a method costs one
	// allocation for all of them.
	paramsBuf, declsBuf, lifetimesBuf, whereBuf, elidedBuf [6]string
	ltEditsBuf, localBuf, selfEditsBuf                     [6]edit.Edit
	lt                                                     *collectLifetimes
	self                                                   string // the name for the receiver binding
	retTy                                                  string
	hasRcv                                                 bool
}

func (c *itemCtx) newMethod(fn *syntax.Fn) *method {
	k := c.x.k
	m := c.x.spare
	if m == nil {
		m = new(method)
		c.x.spare = m
	}
	*m = method{c: c, fn: fn}
	c.x.scratch.reset() // the previous method's texts are written out
	// Only names shaped like ours can collide: `__x` and `'lifeN`, in the
	// method or the item's header (looked at once for all its methods).
	if !c.headerScanned {
		c.headerUsed, c.headerScanned = k.oursLike(c.header, nil), true
	}
	m.used = append(m.usedBuf[:0], c.headerUsed...)
	if sp := fn.Span(); mayHaveOurs(k.src[sp.Start:sp.End]) {
		m.used = k.oursLike(k.rangeOf(sp), m.used)
	}
	m.ltv = collectLifetimes{k: k, m: m, elided: m.elidedBuf[:0], edits: m.ltEditsBuf[:0]}
	m.lt = &m.ltv
	m.self = m.fresh("__self")
	return m
}

// mayHaveOurs reports whether src may hold a name shaped like ours (see
// oursLike): most methods do not, and a byte search says so faster than a
// walk over their tokens.
func mayHaveOurs(src []byte) bool {
	return bytes.Contains(src, []byte("__")) || bytes.Contains(src, []byte("'life"))
}

// oursLike appends the identifiers and lifetimes of r shaped like the
// names the rewrite makes up (`__x`, `'lifeN`).
func (k *toks) oursLike(r syntax.TokenRange, out []string) []string {
	for i := r.Start; i < r.End; i++ {
		t := &k.t[i]
		switch t.Kind {
		case lexer.Ident:
			if t.End-t.Start >= 2 && k.src[t.Start] == '_' && k.src[t.Start+1] == '_' {
				out = append(out, string(k.src[t.Start:t.End]))
			}
		case lexer.Lifetime:
			if t.End-t.Start >= 5 && string(k.src[t.Start:t.Start+5]) == "'life" {
				out = append(out, string(k.src[t.Start:t.End]))
			}
		}
	}
	return out
}

// fresh returns name, or name with underscores appended until it does not
// collide with anything the user wrote. Upstream relies on hygiene for this;
// text has none.
func (m *method) fresh(name string) string {
	for m.isUsed(name) {
		name += "_"
	}
	m.used = append(m.used, name)
	return name
}

func (m *method) isUsed(name string) bool { return slices.Contains(m.used, name) }

// paramIndexName is `__argN` for the parameter at index i.
func (m *method) argName(i int) string { return m.fresh(fmt.Sprintf("__arg%d", i)) }

// text is the source text of s, for the method's rewritten text only.
func (m *method) text(s syntax.Span) string { return m.c.x.k.view(s) }

// local returns the text of span s with the edits inside it applied.
func (m *method) local(s syntax.Span, edits []edit.Edit) string {
	in := m.localBuf[:0]
	for _, e := range edits {
		if e.Start >= int(s.Start) && e.End <= int(s.End) {
			in = append(in, edit.Edit{Start: e.Start - int(s.Start), End: e.End - int(s.Start), New: e.New})
		}
	}
	if len(in) == 0 {
		return oneLine(m.text(s))
	}
	return oneLine(m.applied(m.c.x.k.src[s.Start:s.End], in))
}

// cat returns the concatenation of parts, in the method's scratch memory.
func (m *method) cat(parts ...string) string {
	b := &m.c.x.scratch
	n := 0
	for _, p := range parts {
		n += len(p)
	}
	b.ensure(n)
	for _, p := range parts {
		b.WriteString(p)
	}
	return b.String()
}

// applied returns src with edits applied, in the method's scratch memory
// when they are in order.
func (m *method) applied(src []byte, edits []edit.Edit) string {
	if out, ok := m.c.x.scratch.applied(src, edits); ok {
		return out
	}
	out, err := edit.ApplyString(src, edits)
	if err != nil {
		panic(bailout{fmt.Sprintf("internal error: %v", err)})
	}
	return out
}

// bailout aborts the rewrite of one item with a message.
type bailout struct{ msg string }

// transform rewrites the signature (spec §2) and, if present, the body
// (spec §5) of the method.
func (m *method) transform() (sigParts, *bodyParts) {
	c, k, fn := m.c, m.c.x.k, m.fn
	sig := fn.Sig
	var sp sigParts

	// Qualifiers: everything between the start of the signature and `fn`,
	// minus `async` (spec §2.0).
	var quals []string
	for _, q := range []syntax.Span{sig.Const, sig.Unsafe, sig.Safe, sig.Extern, sig.ABI} {
		if syntax.Present(q) {
			quals = append(quals, m.text(q))
		}
	}
	if len(quals) > 0 {
		sp.quals = strings.Join(quals, " ") + " "
	}
	sp.name = m.text(sig.Name.Span())

	// §2.1 elided lifetimes in receiver and parameter types.
	rcv := sig.Receiver()
	m.hasRcv = rcv != nil
	for _, p := range sig.Params {
		switch {
		case p.Receiver != nil:
			m.lt.visitReceiver(p.Receiver)
		case p.Ty != nil && !syntax.Present(p.Dots):
			m.lt.visitType(p.Ty)
		}
	}
	edits := m.lt.edits
	// §2.9 impl Trait in parameter types.
	for _, p := range sig.Params {
		if p.Receiver == nil && p.Ty != nil {
			edits = implTraitEdits(p.Ty, false, edits)
		}
	}

	// §2.8 parameters.
	decls := m.declsBuf[:0]
	sp.params = m.paramsBuf[:0]
	for i, p := range sig.Params {
		pe := edits
		switch {
		case p.Receiver != nil:
			r := p.Receiver
			if syntax.Present(r.Mut) {
				pe = append(pe, edit.Edit{Start: int(r.Mut.Start), End: int(m.skipSpace(r.Mut.End)), New: ""})
			}
			mut := ""
			if syntax.Present(r.Mut) || syntax.Present(r.And) && syntax.Present(r.RefMut) {
				mut = "mut "
			}
			switch {
			case m.self == "__self" && mut == "":
				decls = append(decls, "let __self = self;")
			case m.self == "__self":
				decls = append(decls, "let mut __self = self;")
			default:
				decls = append(decls, "let "+mut+m.self+" = self;")
			}
		case p.Pat != nil && p.Ty != nil && !syntax.Present(p.Dots):
			cfgs := m.cfgAttrs(p.Attrs)
			if _, isRef := p.Ty.(*syntax.RefType); isRef {
				break // pattern kept, no rebinding (spec §4)
			}
			switch pat := p.Pat.(type) {
			case *syntax.PatIdent:
				name := m.text(pat.Name.Span())
				newPat := name
				if syntax.Present(pat.At) && pat.Sub != nil {
					newPat = m.text(syntax.Span{Start: pat.Name.Span().Start, End: pat.Sub.Span().End})
				}
				pe = append(pe, edit.Edit{Start: int(pat.Span().Start), End: int(pat.Span().End), New: newPat})
				mut := ""
				if syntax.Present(pat.Mut) {
					mut = "mut "
				}
				decls = append(decls, m.cat(cfgs, "let ", mut, name, " = ", name, ";"))
			case *syntax.PatWild:
				arg := m.argName(i)
				pe = append(pe, edit.Edit{Start: int(pat.Span().Start), End: int(pat.Span().End), New: arg})
				decls = append(decls, m.cat(cfgs, "let ", arg, " = ", arg, ";"))
			default:
				arg := m.argName(i)
				mut := ""
				if patHasMut(p.Pat) {
					mut = "mut "
				}
				pe = append(pe, edit.Edit{Start: int(pat.Span().Start), End: int(pat.Span().End), New: mut + arg})
				decls = append(decls, cfgs+"let "+m.text(pat.Span())+" = {\n    let "+arg+" = "+arg+";\n    "+arg+"\n};")
			}
		}
		sp.params = append(sp.params, m.local(p.Span(), pe))
	}
	if n := len(sig.Params); n > 0 && syntax.Present(sig.Params[n-1].Comma) {
		sp.trailing = true
	}

	// §2.10 return type.
	sp.output = "()"
	if sig.Ret != nil {
		sp.output = oneLine(m.text(sig.Ret.Span()))
	}
	sp.ret = m.cat(futurePrefix, sp.output, futureSuffix(c.mode))

	// §2.2–2.7 generics and where clause.
	lifetimes, where := m.lifetimesBuf[:0], m.whereBuf[:0]
	var others []string
	var fromParams []string
	if g := sig.Generics; g != nil {
		for _, gp := range g.Params {
			hasAttrs := len(gp.Attrs) > 0
			switch gp.Kind {
			case syntax.LifetimeParam, syntax.TypeParam:
				var name string
				if gp.Kind == syntax.LifetimeParam {
					name = m.text(gp.Lifetime.Span())
				} else {
					name = m.text(gp.Name.Span())
				}
				bounds := m.boundsText(gp.Bounds)
				if hasAttrs {
					// Since 0.1.88: bounds stay inline, plus 'async_trait.
					b := "'async_trait"
					if bounds != "" {
						b = bounds + " + 'async_trait"
					}
					txt := m.attrsText(gp.Attrs) + name + ": " + b
					if gp.Default != nil {
						txt += " = " + oneLine(m.text(gp.Default.Span()))
					}
					if gp.Kind == syntax.LifetimeParam {
						lifetimes = append(lifetimes, txt)
					} else {
						others = append(others, txt)
					}
					continue
				}
				pred := m.cat(name, ": 'async_trait +")
				if bounds != "" {
					pred = m.cat(name, ": 'async_trait + ", bounds)
				}
				fromParams = append(fromParams, pred)
				txt := name
				if gp.Default != nil {
					txt += " = " + oneLine(m.text(gp.Default.Span()))
				}
				if gp.Kind == syntax.LifetimeParam {
					lifetimes = append(lifetimes, txt)
				} else {
					others = append(others, txt)
				}
			case syntax.ConstParam:
				others = append(others, oneLine(m.text(gp.Span())))
			}
		}
	}
	if w := sig.Where; w != nil {
		for _, p := range w.Predicates {
			where = append(where, oneLine(m.text(p.Span())))
		}
		sp.whereTC = w.TrailingComma()
	}
	sp.userPreds = len(where)
	where = append(where, fromParams...)
	// §2.3 outer lifetimes used explicitly in the inputs.
	if c.generics != nil {
		for _, gp := range c.generics.Params {
			if gp.Kind != syntax.LifetimeParam {
				continue
			}
			name := m.text(gp.Lifetime.Span())
			if m.lt.explicit[name] {
				where = append(where, m.cat(name, ": 'async_trait"))
			}
		}
	}
	// §2.4 'lifeN.
	for _, n := range m.lt.elided {
		lifetimes = append(lifetimes, n)
		where = append(where, outlives(n))
	}
	lifetimes = append(lifetimes, "'async_trait")
	sp.generics = append(lifetimes, others...)
	sp.hasTypeParams = len(others) > 0

	// §2.5 the Self predicate.
	hasSelf := m.hasSelfInSig() || c.isTrait && fn.Body != nil && k.hasSelfTokens(fn.Body.Tokens, true)
	if hasSelf {
		bound := ""
		if c.isTrait && fn.Body != nil && c.mode == ModeSend {
			sync, send := m.inferredBounds(rcv)
			if sync && !c.hasSupertrait("Sync") {
				bound += "::core::marker::Sync + "
			}
			if send && !c.hasSupertrait("Send") {
				bound += "::core::marker::Send + "
			}
		}
		where = append(where, selfPredicate(bound))
	}
	sp.where = where

	if fn.Body == nil {
		return sp, nil
	}
	return sp, m.transformBody(decls)
}

// skipSpace returns the offset after any whitespace at off.
func (m *method) skipSpace(off uint32) uint32 {
	src := m.c.x.k.src
	for int(off) < len(src) && (src[off] == ' ' || src[off] == '\t' || src[off] == '\n' || src[off] == '\r') {
		off++
	}
	return off
}

// cfgAttrs returns the parameter's `#[cfg]` attributes as statement
// prefixes (spec §4: only attributes whose path is exactly `cfg`).
func (m *method) cfgAttrs(attrs []*syntax.Attr) string {
	var b strings.Builder
	for _, a := range attrs {
		if a.Style == syntax.AttrNormal && a.Path != nil && m.c.x.k.pathText(a.Path) == "cfg" {
			b.WriteString(oneLine(m.text(a.Span())))
			b.WriteString("\n")
		}
	}
	return b.String()
}

func (m *method) attrsText(attrs []*syntax.Attr) string {
	var b strings.Builder
	for _, a := range attrs {
		b.WriteString(oneLine(m.text(a.Span())))
		b.WriteString(" ")
	}
	return b.String()
}

// boundsText returns the text of a bound list, `A + B`.
func (m *method) boundsText(bs []syntax.Bound) string {
	if len(bs) == 0 {
		return ""
	}
	s := syntax.Span{Start: bs[0].Span().Start, End: bs[len(bs)-1].Span().End}
	return oneLine(m.text(s))
}

// hasSelfInSig: a receiver, or `Self` anywhere in the signature (spec §2.5).
func (m *method) hasSelfInSig() bool {
	if m.hasRcv {
		return true
	}
	k, sig := m.c.x.k, m.fn.Sig
	start := sig.Paren.Start
	if sig.Generics != nil {
		start = k.at(sig.Generics.Span().Start)
	}
	end := k.at(sig.Span().End)
	return k.hasSelfTokens(syntax.TokenRange{Start: start, End: end}, false)
}

// inferredBounds returns which of Sync/Send a default body needs (spec §3.1).
func (m *method) inferredBounds(r *syntax.Receiver) (sync, send bool) {
	if r == nil {
		return false, true
	}
	if syntax.Present(r.And) {
		return !syntax.Present(r.RefMut), syntax.Present(r.RefMut)
	}
	if r.Ty == nil {
		return false, true
	}
	if ref, ok := r.Ty.(*syntax.RefType); ok {
		return !syntax.Present(ref.Mut), syntax.Present(ref.Mut)
	}
	if pt, ok := r.Ty.(*syntax.PathType); ok && pt.QSelf == nil && len(pt.Path.Segments) > 0 {
		last := pt.Path.Segments[len(pt.Path.Segments)-1]
		if m.text(last.Name.Span()) == "Arc" && last.Angle != nil && len(last.Angle.Args) == 1 {
			if at, ok := last.Angle.Args[0].(*syntax.PathType); ok && at.QSelf == nil &&
				!syntax.Present(at.Path.LeadingColon) && len(at.Path.Segments) == 1 &&
				at.Path.Segments[0].Angle == nil && at.Path.Segments[0].Paren == nil &&
				m.text(at.Path.Segments[0].Name.Span()) == "Self" {
				return true, true
			}
		}
	}
	return false, true
}

// hasSupertrait reports whether the trait lists the marker as a supertrait
// (spec §3.2): `Send`, `std::marker::Send`, `::core::marker::Send`.
func (c *itemCtx) hasSupertrait(marker string) bool {
	k := c.x.k
	for _, b := range c.supertraits {
		tb, ok := b.(*syntax.TraitBound)
		if !ok || tb.Path == nil || syntax.Present(tb.Question) {
			continue
		}
		segs := tb.Path.Segments
		names := make([]string, len(segs))
		plain := true
		for i, s := range segs {
			names[i] = k.spanText(s.Name.Span())
			if s.Angle != nil || s.Paren != nil {
				plain = false
			}
		}
		if !plain {
			continue
		}
		switch len(names) {
		case 1:
			if names[0] == marker && !syntax.Present(tb.Path.LeadingColon) {
				return true
			}
		case 3:
			if (names[0] == "std" || names[0] == "core") && names[1] == "marker" && names[2] == marker {
				return true
			}
		}
	}
	return false
}

// patHasMut reports whether a pattern binds anything `mut` (spec §2.8).
func patHasMut(p syntax.Pat) bool {
	switch p := p.(type) {
	case *syntax.PatIdent:
		return syntax.Present(p.Mut) || p.Sub != nil && patHasMut(p.Sub)
	case *syntax.PatTuple:
		for _, e := range p.Elems {
			if patHasMut(e) {
				return true
			}
		}
	case *syntax.PatParen:
		return patHasMut(p.Pat)
	case *syntax.PatTupleStruct:
		for _, e := range p.Elems {
			if patHasMut(e) {
				return true
			}
		}
	case *syntax.PatStruct:
		for _, f := range p.Fields {
			if f.Pat != nil && patHasMut(f.Pat) {
				return true
			}
		}
	case *syntax.PatRef:
		return patHasMut(p.Pat)
	case *syntax.PatSlice:
		for _, e := range p.Elems {
			if patHasMut(e) {
				return true
			}
		}
	case *syntax.PatOr:
		for _, e := range p.Cases {
			if patHasMut(e) {
				return true
			}
		}
	}
	return false
}

// transformBody builds the new body (spec §5).
func (m *method) transformBody(decls []string) *bodyParts {
	c, k, fn := m.c, m.c.x.k, m.fn
	b := &m.body
	*b = bodyParts{decls: decls}
	blk := fn.Body
	for _, a := range blk.InnerAttrs {
		b.inner = append(b.inner, oneLine(m.text(a.Span())))
	}
	// The block without its inner attributes, with `self` renamed.
	edits := m.selfEditsBuf[:0]
	if m.hasRcv {
		edits = k.replaceSelf(blk.Tokens, m.self, edits)
	}
	bs := k.spanOf(blk.Tokens)
	for _, a := range blk.InnerAttrs {
		edits = append(edits, edit.Edit{Start: int(m.lineStartOrSelf(a.Span().Start)), End: int(m.lineEndOrSelf(a.Span().End)), New: ""})
	}
	if len(edits) == 0 {
		b.block = m.text(bs)
	} else {
		for i := range edits { // relative to the block, in place: edits is ours
			edits[i].Start -= int(bs.Start)
			edits[i].End -= int(bs.Start)
		}
		b.block = m.applied(k.src[bs.Start:bs.End], edits)
	}
	b.blockIndent = m.c.x.indentOf(bs.Start)

	if sig := fn.Sig; sig.Ret != nil {
		b.hasRet = true
		if !c.isTrait && m.returnsImplAssoc(sig.Ret) {
			b.special = true
		} else {
			s := sig.Ret.Span()
			b.earlyRt = m.local(s, implToInfer(sig.Ret, nil))
		}
	}
	return b
}

// lineStartOrSelf widens a removal to the start of its line when only
// whitespace precedes it.
func (m *method) lineStartOrSelf(off uint32) uint32 {
	src := m.c.x.k.src
	i := off
	for i > 0 && (src[i-1] == ' ' || src[i-1] == '\t') {
		i--
	}
	if i == 0 || src[i-1] == '\n' {
		return i
	}
	return off
}

// lineEndOrSelf widens a removal through the end of its line when only
// whitespace follows it.
func (m *method) lineEndOrSelf(off uint32) uint32 {
	src := m.c.x.k.src
	i := off
	for int(i) < len(src) && (src[i] == ' ' || src[i] == '\t' || src[i] == '\r') {
		i++
	}
	if int(i) < len(src) && src[i] == '\n' {
		return i + 1
	}
	return off
}

// returnsImplAssoc: spec §5.1(c), the return type mentions `Self::X` where
// this impl defines `type X = impl …;`.
func (m *method) returnsImplAssoc(t syntax.Type) bool {
	if len(m.c.implTypes) == 0 {
		return false
	}
	k := m.c.x.k
	r := k.rangeOf(t.Span())
	for i := r.Start; i < r.End; i++ {
		if !k.isIdent(i, "Self") {
			continue
		}
		if p := k.prev(i); p >= 0 && (k.t[p].Kind == lexer.PathSep || k.t[p].Kind == lexer.Lt && k.isIdent(k.next(i), "as")) {
			continue
		}
		n := k.next(i)
		if n < r.End && k.t[n].Kind == lexer.PathSep {
			nn := k.next(n)
			if nn < r.End && m.c.implTypes[k.text(nn)] {
				after := k.next(nn)
				if after >= r.End || k.t[after].Kind != lexer.PathSep {
					return true
				}
			}
		}
	}
	return false
}

// oneLine collapses a multi-line snippet to one line, rustfmt-style.
func oneLine(s string) string {
	if strings.IndexByte(s, '\n') < 0 && strings.IndexByte(s, '\r') < 0 { // not ContainsAny: it builds a set per call
		return s
	}
	return joinTokens(s)
}

// outlives returns `'x: 'async_trait`, without building it for 'lifeN.
func outlives(lt string) string {
	for i, n := range lifeNames {
		if n == lt {
			return lifeOutlives[i]
		}
	}
	return lt + ": 'async_trait"
}

var lifeOutlives = func() (o [16]string) {
	for i, n := range lifeNames {
		o[i] = n + ": 'async_trait"
	}
	return
}()

// selfPredicate returns `Self: <bound>'async_trait`.
func selfPredicate(bound string) string {
	switch bound {
	case "":
		return "Self: 'async_trait"
	case "::core::marker::Sync + ":
		return "Self: ::core::marker::Sync + 'async_trait"
	case "::core::marker::Send + ":
		return "Self: ::core::marker::Send + 'async_trait"
	}
	return "Self: " + bound + "'async_trait"
}
