package expand

import (
	"strconv"

	"github.com/asynctrait/asynctrait/internal/edit"
	"github.com/asynctrait/asynctrait/internal/syntax"
)

// collectLifetimes names the elided lifetimes of a signature's inputs
// (spec §2.1), as upstream's CollectLifetimes does: every `&` without a
// lifetime and every `'_` in a reference or generic argument gets the next
// `'lifeN`; named lifetimes met on the way are recorded as explicit.
//
//	&self, x: &str, y: Foo<'_>  →  &'life0 self, x: &'life1 str, y: Foo<'life2>
type collectLifetimes struct {
	k        *toks
	edits    []edit.Edit
	elided   []string        // the names handed out, in order
	explicit map[string]bool // named lifetimes seen
	m        *method         // names lifetimes: 'lifeN, unless the user has one
}

// lifeNames are 'life0…'life15 and the same followed by a space, so that
// the common case builds no string.
var lifeNames, lifeNamesSp = func() (n, sp [16]string) {
	for i := range n {
		n[i] = "'life" + strconv.Itoa(i)
		sp[i] = n[i] + " "
	}
	return
}()

func (l *collectLifetimes) nextName() string {
	i := len(l.elided)
	var n string
	if i < len(lifeNames) && !l.m.isUsed(lifeNames[i]) {
		n = lifeNames[i]
		l.m.used = append(l.m.used, n)
	} else {
		n = l.m.fresh("'life" + strconv.Itoa(i))
	}
	l.elided = append(l.elided, n)
	return n
}

// nextNameSp is nextName followed by a space.
func (l *collectLifetimes) nextNameSp() string {
	n := l.nextName()
	if i := len(l.elided) - 1; i < len(lifeNames) && n == lifeNames[i] {
		return lifeNamesSp[i]
	}
	return n + " "
}

// visitOptLifetime handles the lifetime slot of a reference at `and`.
func (l *collectLifetimes) visitOptLifetime(and syntax.Span, lt *syntax.Lifetime) {
	if lt == nil {
		l.edits = append(l.edits, edit.Edit{Start: int(and.End), End: int(and.End), New: l.nextNameSp()})
		return
	}
	l.visitLifetime(lt)
}

func (l *collectLifetimes) visitLifetime(lt *syntax.Lifetime) {
	name := l.k.spanText(lt.Span())
	if name == "'_" {
		sp := lt.Span()
		l.edits = append(l.edits, edit.Edit{Start: int(sp.Start), End: int(sp.End), New: l.nextName()})
		return
	}
	if l.explicit == nil {
		l.explicit = map[string]bool{}
	}
	l.explicit[name] = true
}

func (l *collectLifetimes) visitReceiver(r *syntax.Receiver) {
	if syntax.Present(r.And) {
		l.visitOptLifetime(r.And, r.Lifetime)
		return
	}
	if r.Ty != nil {
		l.visitType(r.Ty)
	}
}

func (l *collectLifetimes) visitType(t syntax.Type) {
	switch t := t.(type) {
	case *syntax.RefType:
		l.visitOptLifetime(t.And, t.Lifetime)
		l.visitType(t.Elem)
	case *syntax.PathType:
		if t.QSelf != nil {
			l.visitType(t.QSelf.Ty)
			if t.QSelf.Trait != nil {
				l.visitPath(t.QSelf.Trait)
			}
		}
		l.visitPath(t.Path)
	case *syntax.PtrType:
		l.visitType(t.Elem)
	case *syntax.TupleType:
		for _, e := range t.Elems {
			l.visitType(e)
		}
	case *syntax.ParenType:
		l.visitType(t.Elem)
	case *syntax.ArrayType:
		l.visitType(t.Elem)
	case *syntax.SliceType:
		l.visitType(t.Elem)
	case *syntax.TraitObjectType:
		l.visitBounds(t.Bounds)
	case *syntax.ImplTraitType:
		l.visitBounds(t.Bounds)
	case *syntax.FnPtrType:
		for _, p := range t.Params {
			if p.Ty != nil {
				l.visitType(p.Ty)
			}
		}
		if t.Ret != nil {
			l.visitType(t.Ret)
		}
	}
}

// visitBounds walks trait bounds' paths; lifetime bounds (`+ '_`) are not
// renamed, as upstream.
func (l *collectLifetimes) visitBounds(bs []syntax.Bound) {
	for _, b := range bs {
		if tb, ok := b.(*syntax.TraitBound); ok && tb.Path != nil {
			l.visitPath(tb.Path)
		}
	}
}

func (l *collectLifetimes) visitPath(p *syntax.Path) {
	if p == nil {
		return
	}
	for _, s := range p.Segments {
		if s.Angle != nil {
			l.visitArgs(s.Angle)
		}
		if s.Paren != nil {
			for _, in := range s.Paren.Inputs {
				l.visitType(in)
			}
			if s.Paren.Output != nil {
				l.visitType(s.Paren.Output)
			}
		}
	}
}

func (l *collectLifetimes) visitArgs(g *syntax.GenericArgs) {
	for _, a := range g.Args {
		switch a := a.(type) {
		case *syntax.Lifetime:
			l.visitLifetime(a)
		case syntax.Type:
			l.visitType(a)
		case *syntax.AssocBinding:
			if a.Generics != nil {
				l.visitArgs(a.Generics)
			}
			l.visitType(a.Ty)
		case *syntax.AssocConstraint:
			if a.Generics != nil {
				l.visitArgs(a.Generics)
			}
			l.visitBounds(a.Bounds)
		}
	}
}

// implTraitEdits adds `'async_trait` as the first bound of every `impl
// Trait` in a parameter type, parenthesising where the grammar needs it
// (spec §2.9): `&impl A` → `&(impl 'async_trait + A)`.
func implTraitEdits(t syntax.Type, parenthesize bool, out []edit.Edit) []edit.Edit {
	switch t := t.(type) {
	case *syntax.ImplTraitType:
		sp := t.Span()
		if parenthesize {
			out = append(out, edit.Edit{Start: int(sp.Start), End: int(sp.Start), New: "("})
		}
		if len(t.Bounds) > 0 {
			at := int(t.Bounds[0].Span().Start)
			out = append(out, edit.Edit{Start: at, End: at, New: "'async_trait + "})
		} else {
			at := int(t.ImplKw.End)
			out = append(out, edit.Edit{Start: at, End: at, New: " 'async_trait"})
		}
		out = boundsImplEdits(t.Bounds, out)
		if parenthesize {
			out = append(out, edit.Edit{Start: int(sp.End), End: int(sp.End), New: ")"})
		}
	case *syntax.RefType:
		out = implTraitEdits(t.Elem, true, out)
	case *syntax.PtrType:
		out = implTraitEdits(t.Elem, true, out)
	case *syntax.PathType:
		if t.QSelf != nil {
			out = implTraitEdits(t.QSelf.Ty, false, out)
			out = pathImplEdits(t.QSelf.Trait, out)
		}
		out = pathImplEdits(t.Path, out)
	case *syntax.TupleType:
		for _, e := range t.Elems {
			out = implTraitEdits(e, false, out)
		}
	case *syntax.ParenType:
		out = implTraitEdits(t.Elem, false, out)
	case *syntax.ArrayType:
		out = implTraitEdits(t.Elem, false, out)
	case *syntax.SliceType:
		out = implTraitEdits(t.Elem, false, out)
	case *syntax.TraitObjectType:
		out = boundsImplEdits(t.Bounds, out)
	case *syntax.FnPtrType:
		for _, p := range t.Params {
			if p.Ty != nil {
				out = implTraitEdits(p.Ty, false, out)
			}
		}
		if t.Ret != nil {
			out = implTraitEdits(t.Ret, true, out)
		}
	}
	return out
}

func boundsImplEdits(bs []syntax.Bound, out []edit.Edit) []edit.Edit {
	for _, b := range bs {
		if tb, ok := b.(*syntax.TraitBound); ok {
			out = pathImplEdits(tb.Path, out)
		}
	}
	return out
}

func pathImplEdits(p *syntax.Path, out []edit.Edit) []edit.Edit {
	if p == nil {
		return out
	}
	for _, s := range p.Segments {
		if s.Angle != nil {
			out = argsImplEdits(s.Angle, out)
		}
		if s.Paren != nil {
			for _, in := range s.Paren.Inputs {
				out = implTraitEdits(in, false, out)
			}
			if s.Paren.Output != nil {
				out = implTraitEdits(s.Paren.Output, false, out)
			}
		}
	}
	return out
}

func argsImplEdits(g *syntax.GenericArgs, out []edit.Edit) []edit.Edit {
	for _, a := range g.Args {
		switch a := a.(type) {
		case syntax.Type:
			out = implTraitEdits(a, false, out)
		case *syntax.AssocBinding:
			if a.Generics != nil {
				out = argsImplEdits(a.Generics, out)
			}
			out = implTraitEdits(a.Ty, false, out)
		case *syntax.AssocConstraint:
			out = boundsImplEdits(a.Bounds, out)
		}
	}
	return out
}

// implToInfer replaces every `impl Bounds` in a return type with `_`
// (spec §5.1b: the body's `None::<R2>` and `let __ret: R2`).
func implToInfer(t syntax.Type, out []edit.Edit) []edit.Edit {
	switch t := t.(type) {
	case *syntax.ImplTraitType:
		sp := t.Span()
		return append(out, edit.Edit{Start: int(sp.Start), End: int(sp.End), New: "_"})
	case *syntax.RefType:
		return implToInfer(t.Elem, out)
	case *syntax.PtrType:
		return implToInfer(t.Elem, out)
	case *syntax.PathType:
		if t.QSelf != nil {
			out = implToInfer(t.QSelf.Ty, out)
		}
		return pathToInfer(t.Path, out)
	case *syntax.TupleType:
		for _, e := range t.Elems {
			out = implToInfer(e, out)
		}
	case *syntax.ParenType:
		return implToInfer(t.Elem, out)
	case *syntax.ArrayType:
		return implToInfer(t.Elem, out)
	case *syntax.SliceType:
		return implToInfer(t.Elem, out)
	case *syntax.TraitObjectType:
		for _, b := range t.Bounds {
			if tb, ok := b.(*syntax.TraitBound); ok {
				out = pathToInfer(tb.Path, out)
			}
		}
	case *syntax.FnPtrType:
		for _, p := range t.Params {
			if p.Ty != nil {
				out = implToInfer(p.Ty, out)
			}
		}
		if t.Ret != nil {
			out = implToInfer(t.Ret, out)
		}
	}
	return out
}

func pathToInfer(p *syntax.Path, out []edit.Edit) []edit.Edit {
	if p == nil {
		return out
	}
	for _, s := range p.Segments {
		if s.Angle != nil {
			for _, a := range s.Angle.Args {
				switch a := a.(type) {
				case syntax.Type:
					out = implToInfer(a, out)
				case *syntax.AssocBinding:
					out = implToInfer(a.Ty, out)
				}
			}
		}
		if s.Paren != nil {
			for _, in := range s.Paren.Inputs {
				out = implToInfer(in, out)
			}
			if s.Paren.Output != nil {
				out = implToInfer(s.Paren.Output, out)
			}
		}
	}
	return out
}

// hasImplTrait reports whether a type contains `impl Trait` anywhere.
func hasImplTrait(t syntax.Type) bool { return len(implToInfer(t, nil)) > 0 }
