package expand

import (
	"strings"
	"unsafe"

	"github.com/asynctrait/asynctrait/internal/lexer"
	"github.com/asynctrait/asynctrait/internal/syntax"
)

// Mode is the flavour of the rewrite: Send futures (`#[async_trait]`) or
// local ones (`#[async_trait(?Send)]`).
type Mode uint8

const (
	ModeSend Mode = iota
	ModeLocal
	modeNative // no rewrite: the attribute is configured away
)

// macroKind says which attribute macro a name refers to.
type macroKind uint8

const (
	notMacro        macroKind = iota
	kindUpstream              // async_trait: takes `(?Send)`
	kindWithSend              // the fork's async_trait_with_send
	kindWithoutSend           // the fork's async_trait_without_send
)

// Error messages, worded exactly as upstream (spec §7.1, §11).
const (
	msgArgs     = "expected #[async_trait] or #[async_trait(?Send)]"
	msgForkArgs = "expected #[async_trait_with_send] or #[async_trait_without_send]"
	msgImpl     = "expected a trait impl"
	msgItem     = "expected one of: `unsafe`, `pub`, `trait`, `impl`"
	msgUnsafe   = "expected one of: `pub`, `trait`, `impl`"
	msgTrait    = "expected `trait`"
)

func kindOfName(name string) macroKind {
	switch name {
	case "async_trait":
		return kindUpstream
	case "async_trait_with_send":
		return kindWithSend
	case "async_trait_without_send":
		return kindWithoutSend
	}
	return notMacro
}

// importAlt is one meaning of a name brought in by a `use`, under a cfg.
type importAlt struct {
	cond *Cfg // nil: unconditional
	kind macroKind
}

// importedMacro is a `use` leaf that imports one of the macros.
type importedMacro struct {
	use    *syntax.Use
	leaf   *syntax.UseTree
	name   string // the name it is bound to in this file
	public bool
}

// resolver knows which attribute paths are the async-trait macros in a file.
type resolver struct {
	k       *toks
	aliases map[string][]importAlt // local name -> meanings
	imports []importedMacro
	others  []importedMacro // every other import, for imports only removed attributes used
}

func newResolver(k *toks, items []syntax.Item) *resolver {
	r := &resolver{k: k, aliases: map[string][]importAlt{}}
	r.collect(items, false)
	return r
}

// collect records every `use` that imports async_trait or the fork's
// attributes, in any module of the file.
//
// A `pub use` counts as public (and is never removed) only where other
// crates can see it: not inside a private module.
func (r *resolver) collect(items []syntax.Item, private bool) {
	for _, it := range items {
		switch it := it.(type) {
		case *syntax.Use:
			cond := r.cfgOf(it.Attrs)
			public := !private && it.Vis != nil && it.Vis.Kind == syntax.VisPub
			r.walkUseAt(it, it.Tree, cond, 0, public)
		case *syntax.Mod:
			r.collect(it.Items, private || it.Vis == nil || it.Vis.Kind != syntax.VisPub)
		}
	}
}

// walkUseAt visits a use tree whose parents contributed prefix segments.
func (r *resolver) walkUseAt(u *syntax.Use, t *syntax.UseTree, cond *Cfg, prefix int, public bool) {
	if t == nil {
		return
	}
	switch t.Kind {
	case syntax.UseGroup:
		for _, g := range t.Group {
			r.walkUseAt(u, g, cond, prefix+len(t.Path), public)
		}
	case syntax.UseSimple, syntax.UseRename:
		// `use async_trait;` alone imports the crate, not the macro.
		if len(t.Path) == 0 || prefix+len(t.Path) < 2 {
			return
		}
		last := r.k.spanText(t.Path[len(t.Path)-1].Span())
		kind := kindOfName(last)
		name := last
		if kind == notMacro {
			if t.Kind == syntax.UseRename && t.Rename != nil {
				name = r.k.spanText(t.Rename.Span())
			}
			if name != "_" && name != "self" && name != "super" && name != "crate" {
				r.others = append(r.others, importedMacro{use: u, leaf: t, name: name, public: public})
			}
			return
		}
		if t.Kind == syntax.UseRename && t.Rename != nil {
			name = r.k.spanText(t.Rename.Span())
			if name == "_" {
				return
			}
		}
		// The same import repeated in several modules means the same thing.
		dup := false
		for _, a := range r.aliases[name] {
			if a.kind == kind && (a.cond == nil && cond == nil || a.cond != nil && cond != nil && a.cond.equal(cond)) {
				dup = true
			}
		}
		if !dup {
			r.aliases[name] = append(r.aliases[name], importAlt{cond: cond, kind: kind})
		}
		r.imports = append(r.imports, importedMacro{use: u, leaf: t, name: name, public: public})
	}
}

// cfgOf returns the conjunction of the `#[cfg(…)]` attributes, or nil.
func (r *resolver) cfgOf(attrs []*syntax.Attr) *Cfg {
	var terms []*Cfg
	for _, a := range attrs {
		if a.Style != syntax.AttrNormal || a.Path == nil || r.k.pathText(a.Path) != "cfg" {
			continue
		}
		inner, ok := r.k.groupInner(a.Args)
		if !ok {
			continue
		}
		if c := r.k.parseCfg(inner); c != nil {
			terms = append(terms, c)
		}
	}
	return conj(terms)
}

func conj(terms []*Cfg) *Cfg {
	switch len(terms) {
	case 0:
		return nil
	case 1:
		return terms[0]
	}
	return &Cfg{Op: "all", Args: terms}
}

// trigger is one way an item gets rewritten: an attribute (possibly inside a
// cfg_attr, possibly through a cfg-gated import) and the mode it selects.
type trigger struct {
	attr   *syntax.Attr
	cond   *Cfg // nil: always
	mode   Mode
	errMsg string // bad arguments: the diagnostic to report
}

// triggers returns the async-trait triggers among attrs, in order.
func (r *resolver) triggers(attrs []*syntax.Attr) []trigger {
	var out []trigger
	for _, a := range attrs {
		if a.Style != syntax.AttrNormal || a.Path == nil || a.Inner {
			continue
		}
		path := r.k.pathText(a.Path)
		if path == "cfg_attr" {
			inner, ok := r.k.groupInner(a.Args)
			if ok {
				out = r.cfgAttr(a, inner, nil, out)
			}
			continue
		}
		out = r.resolve(a, a.Path, a.Args, nil, out)
	}
	return out
}

// cfgAttr handles `cfg_attr(PRED, attr, attr…)`, recursively.
func (r *resolver) cfgAttr(a *syntax.Attr, inner syntax.TokenRange, outer *Cfg, out []trigger) []trigger {
	parts := r.k.splitTopLevel(inner)
	if len(parts) < 2 {
		return out
	}
	pred := r.k.parseCfg(parts[0])
	if pred == nil {
		return out
	}
	cond := pred
	if outer != nil {
		cond = &Cfg{Op: "all", Args: []*Cfg{outer, pred}}
	}
	for _, p := range parts[1:] {
		path, args := r.k.splitAttr(p)
		if path.End <= path.Start {
			continue
		}
		if r.k.plainText(path) == "cfg_attr" {
			if in, ok := r.k.groupInner(args); ok {
				out = r.cfgAttr(a, in, cond, out)
			}
			continue
		}
		out = r.resolveTokens(a, path, args, cond, out)
	}
	return out
}

func (r *resolver) resolve(a *syntax.Attr, p *syntax.Path, args syntax.TokenRange, cond *Cfg, out []trigger) []trigger {
	return r.resolveTokens(a, r.k.rangeOf(p.Span()), args, cond, out)
}

// resolveTokens decides whether the attribute path (as tokens) names one of
// the macros and appends its triggers.
func (r *resolver) resolveTokens(a *syntax.Attr, path, args syntax.TokenRange, cond *Cfg, out []trigger) []trigger {
	last, n := r.k.pathLast(path)
	if n == 0 {
		return out
	}
	var alts []importAlt
	if n == 1 {
		alts = r.aliases[last]
	}
	if len(alts) == 0 {
		k := kindOfName(last)
		if k == notMacro {
			return out
		}
		alts = plainAlts[k : k+1]
	}
	for _, alt := range alts {
		c := cond
		if alt.cond != nil {
			if c == nil {
				c = alt.cond
			} else {
				c = &Cfg{Op: "all", Args: []*Cfg{c, alt.cond}}
			}
		}
		t := trigger{attr: a, cond: c}
		t.mode, t.errMsg = r.argsMode(alt.kind, args)
		out = append(out, t)
	}
	return out
}

// argsMode validates the attribute's arguments (spec §1.3, §11).
func (r *resolver) argsMode(kind macroKind, args syntax.TokenRange) (Mode, string) {
	var inner []int
	if args.End > args.Start {
		in, ok := r.k.groupInner(args)
		if !ok || !r.k.t[args.Start].Kind.IsOpen() {
			if kind == kindUpstream {
				return ModeSend, msgArgs
			}
			return ModeSend, msgForkArgs
		}
		inner = r.k.nonTrivia(in)
	}
	switch kind {
	case kindWithSend:
		if len(inner) > 0 {
			return ModeSend, msgForkArgs
		}
		return ModeSend, ""
	case kindWithoutSend:
		if len(inner) > 0 {
			return ModeLocal, msgForkArgs
		}
		return ModeLocal, ""
	}
	if len(inner) == 0 {
		return ModeSend, ""
	}
	if len(inner) == 2 && r.k.t[inner[0]].Kind == lexer.Question && r.k.isIdent(inner[1], "Send") {
		return ModeLocal, ""
	}
	return ModeSend, msgArgs
}

// ---------------------------------------------------------------------------
// token helpers for attributes

func (k *toks) spanText(s syntax.Span) string { return string(k.src[s.Start:s.End]) }

// view is spanText without the copy: a string sharing the source's memory,
// for texts that are copied into a rewrite's output before it returns and
// go nowhere else (the source is not modified during a rewrite).
func (k *toks) view(s syntax.Span) string {
	if s.End <= s.Start {
		return ""
	}
	return unsafe.String(&k.src[s.Start], int(s.End-s.Start))
}

// pathText returns a path's text without whitespace.
func (k *toks) pathText(p *syntax.Path) string { return k.plainText(k.rangeOf(p.Span())) }

// plainText concatenates the non-trivia tokens of r.
func (k *toks) plainText(r syntax.TokenRange) string {
	// Usually the tokens touch (`async_trait::async_trait`): the text is
	// then the source's, shared rather than copied.
	touching := r.End > r.Start
	for i := r.Start + 1; i < r.End && touching; i++ {
		touching = k.t[i].Start == k.t[i-1].End && !k.t[i].Kind.IsTrivia()
	}
	if touching && !k.t[r.Start].Kind.IsTrivia() {
		return k.view(k.spanOf(r))
	}
	var b strings.Builder
	for i := r.Start; i < r.End; i++ {
		if !k.t[i].Kind.IsTrivia() {
			b.WriteString(k.text(i))
		}
	}
	return b.String()
}

// plainAlts[k] is the one alternative of a macro named by its own name.
var plainAlts = []importAlt{{kind: notMacro}, {kind: kindUpstream}, {kind: kindWithSend}, {kind: kindWithoutSend}}

// pathLast returns the last identifier of a path given as tokens
// (`::a::b` → b) and how many it has; 0 if the tokens are not a plain
// path. The text is the source's, for lookups.
func (k *toks) pathLast(r syntax.TokenRange) (last string, n int) {
	for i := r.Start; i < r.End; i++ {
		switch k.t[i].Kind {
		case lexer.Ident:
			last = k.view(k.t[i].Span())
			n++
		case lexer.PathSep:
		default:
			if !k.t[i].Kind.IsTrivia() {
				return "", 0
			}
		}
	}
	return last, n
}

// groupInner returns the tokens strictly inside a delimited group r.
func (k *toks) groupInner(r syntax.TokenRange) (syntax.TokenRange, bool) {
	s := k.first(r.Start)
	if s >= r.End || !k.t[s].Kind.IsOpen() || k.t[s].Match <= 0 {
		return syntax.TokenRange{}, false
	}
	return syntax.TokenRange{Start: s + 1, End: int(k.t[s].Match)}, true
}

// splitAttr splits an attribute's tokens (inside cfg_attr) into its path
// and its arguments.
func (k *toks) splitAttr(r syntax.TokenRange) (path, args syntax.TokenRange) {
	i := r.Start
	for ; i < r.End; i++ {
		kd := k.t[i].Kind
		if kd == lexer.Ident || kd == lexer.PathSep || kd.IsTrivia() {
			continue
		}
		break
	}
	return syntax.TokenRange{Start: r.Start, End: i}, syntax.TokenRange{Start: i, End: r.End}
}

// parseCfg parses a cfg predicate from tokens; nil if malformed.
func (k *toks) parseCfg(r syntax.TokenRange) *Cfg {
	idx := k.nonTrivia(r)
	c, n := k.parseCfgAt(idx, 0, 0)
	if c == nil || n != len(idx) {
		return nil
	}
	return c
}

func (k *toks) parseCfgAt(idx []int, p, depth int) (*Cfg, int) {
	if p >= len(idx) || depth > 64 || k.t[idx[p]].Kind != lexer.Ident {
		return nil, p
	}
	name := k.text(idx[p])
	p++
	if p < len(idx) && k.t[idx[p]].Kind == lexer.LParen && (name == "all" || name == "any" || name == "not") {
		end := int(k.t[idx[p]].Match)
		c := &Cfg{Op: name}
		p++
		for p < len(idx) && idx[p] < end {
			a, q := k.parseCfgAt(idx, p, depth+1)
			if a == nil {
				return nil, q
			}
			c.Args = append(c.Args, a)
			p = q
			if p < len(idx) && k.t[idx[p]].Kind == lexer.Comma {
				p++
			}
		}
		if p >= len(idx) || idx[p] != end {
			return nil, p
		}
		return c, p + 1
	}
	c := &Cfg{Name: name}
	if p+1 < len(idx) && k.t[idx[p]].Kind == lexer.Eq && k.t[idx[p+1]].Kind == lexer.Str {
		s := k.text(idx[p+1])
		c.HasValue = true
		c.Value = s[1 : len(s)-1]
		p += 2
	}
	return c, p
}
