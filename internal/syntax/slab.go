package syntax

// Nodes are allocated from slabs: chunks of nodes of one type handed out
// one by one, so a file's syntax tree costs a few dozen allocations per
// node type instead of one per node (on signature-dense input, node
// allocation was the parser's main cost). A tree keeps its chunks alive as
// a whole, which is what a tree does anyway.

const (
	slabMin = 16   // first chunk: small files stay small
	slabMax = 1024 // chunk size cap
)

type slab[T any] struct {
	buf  []T
	next int // size of the next chunk
}

func (s *slab[T]) grow(n int) {
	if s.next < slabMin {
		s.next = slabMin
	}
	s.buf = make([]T, 0, max(s.next, n))
	if s.next < slabMax {
		s.next *= 2
	}
}

// new returns a pointer to a zero T.
func (s *slab[T]) new() *T {
	if len(s.buf) == cap(s.buf) {
		s.grow(1)
	}
	s.buf = s.buf[:len(s.buf)+1]
	return &s.buf[len(s.buf)-1]
}

// reset zeroes the nodes handed out from the current chunk and hands them
// out again; earlier chunks are let go.
func (s *slab[T]) reset() {
	clear(s.buf)
	s.buf = s.buf[:0]
}

// carve returns a copy of items in slab memory, with its capacity capped so
// that an append to it never writes into a neighbour.
func (s *slab[T]) carve(items []T) []T {
	n := len(items)
	if n == 0 {
		return nil
	}
	if cap(s.buf)-len(s.buf) < n {
		s.grow(n)
	}
	start := len(s.buf)
	s.buf = append(s.buf, items...)
	return s.buf[start:len(s.buf):len(s.buf)]
}

// slabs holds the parser's slabs of the frequent node types.
type slabs struct {
	idents    slab[Ident]
	paths     slab[Path]
	segments  slab[PathSegment]
	segPtrs   slab[*PathSegment]
	pathTypes slab[PathType]
	refTypes  slab[RefType]
	params    slab[Param]
	paramPtrs slab[*Param]
	patIdents slab[PatIdent]
	fns       slab[Fn]
	sigs      slab[Signature]
	receivers slab[Receiver]
	genArgs   slab[GenericArgs]
	args      slab[GenericArg]
	vis       slab[Vis]
	attrs     slab[Attr]
	lifetimes slab[Lifetime]

	traitBounds   slab[TraitBound]
	bounds        slab[Bound]
	items         slab[Item]
	wheres        slab[WhereClause]
	wherePreds    slab[WherePredicate]
	genericParams slab[GenericParam]
	generics      slab[Generics]
	blocks        slab[Block]
	attrPtrs      slab[*Attr]
	traits        slab[Trait]
	impls         slab[Impl]
	otherItems    slab[OtherItem]
	tupleTypes    slab[TupleType]
}

func (s *slabs) reset() {
	s.idents.reset()
	s.paths.reset()
	s.segments.reset()
	s.segPtrs.reset()
	s.pathTypes.reset()
	s.refTypes.reset()
	s.params.reset()
	s.paramPtrs.reset()
	s.patIdents.reset()
	s.fns.reset()
	s.sigs.reset()
	s.receivers.reset()
	s.genArgs.reset()
	s.args.reset()
	s.vis.reset()
	s.attrs.reset()
	s.lifetimes.reset()
	s.traitBounds.reset()
	s.bounds.reset()
	s.items.reset()
	s.wheres.reset()
	s.wherePreds.reset()
	s.genericParams.reset()
	s.generics.reset()
	s.blocks.reset()
	s.attrPtrs.reset()
	s.traits.reset()
	s.impls.reset()
	s.otherItems.reset()
	s.tupleTypes.reset()
}

// An Arena is the node memory of one item parsed by Stream.NextIn: the
// caller hands it back with Release once done with the item.
type Arena struct{ sl slabs }
