package expand

import (
	"bytes"
	"os"
	"path/filepath"
	"reflect"
	"slices"
	"sort"
	"testing"

	"github.com/asynctrait/asynctrait/internal/benchgen"
	"github.com/asynctrait/asynctrait/internal/lexer"
	"github.com/asynctrait/asynctrait/internal/testenv"
)

// mentions counts the mentions of names the way removeUnusedImports does
// (findMentions, then fileScan.count).
func (k *toks) mentions(names nameSet, inRemoved func(uint32) bool) (attrMentions, all, before map[string]int) {
	s := fileScan{names: names, mentions: k.findMentions(names, k.attrRanges(k.startingWith("#", lexer.Pound)))}
	attrMentions, all, before = map[string]int{}, map[string]int{}, map[string]int{}
	for i, c := range s.count(k, inRemoved) {
		for _, kv := range []struct {
			m map[string]int
			n int
		}{{attrMentions, c.attr}, {all, c.all}, {before, c.before}} {
			if kv.n != 0 {
				kv.m[names[i]] = kv.n
			}
		}
	}
	return attrMentions, all, before
}

// mentionsByWalk is toks.mentions as a walk over every token: the
// reference the search-based version must agree with.
func (k *toks) mentionsByWalk(names nameSet, inRemoved func(uint32) bool) (attrMentions, all, before map[string]int) {
	attrMentions, all, before = map[string]int{}, map[string]int{}, map[string]int{}
	prevMod := false
	for i := 0; i < len(k.t); i++ {
		t := k.t[i]
		if t.Kind.IsTrivia() {
			continue
		}
		if t.Kind == lexer.Pound {
			n := k.next(i)
			if n < len(k.t) && k.t[n].Kind == lexer.Not {
				n = k.next(n)
			}
			if n < len(k.t) && k.t[n].Kind == lexer.LBracket && k.t[n].Match > 0 {
				for j := n; j < int(k.t[n].Match); j++ {
					if k.t[j].Kind == lexer.Ident && names.index(k.word(j)) >= 0 {
						name := k.text(j)
						before[name]++
						if !inRemoved(k.t[j].Start) {
							all[name]++
							attrMentions[name]++
						}
					}
				}
				i = int(k.t[n].Match)
				prevMod = false
				continue
			}
		}
		if t.Kind == lexer.Ident {
			w := k.word(i)
			if names.index(w) >= 0 && !prevMod {
				before[string(w)]++
				all[string(w)]++
			}
			prevMod = string(w) == "mod"
		} else {
			prevMod = false
		}
	}
	return
}

func checkMentions(t *testing.T, name string, src []byte) {
	t.Helper()
	toksOf := lexer.LexMode(src, 0, lexer.SkipWhitespace).Tokens
	k := &toks{src: src, t: toksOf}
	// Every third attribute counts as removed.
	n := 0
	removed := map[uint32]bool{}
	for _, r := range k.attrRanges(k.startingWith("#", lexer.Pound)) {
		if n++; n%3 == 0 {
			for i := r.Start; i < r.End; i++ {
				removed[k.t[i].Start] = true
			}
		}
	}
	inRemoved := func(off uint32) bool { return removed[off] }
	names := nameSet{"async_trait", "rt", "Send", "self", "test", "derive", "fmt"}
	a1, b1, c1 := k.mentions(names, inRemoved)
	a2, b2, c2 := k.mentionsByWalk(names, inRemoved)
	if !reflect.DeepEqual(a1, a2) || !reflect.DeepEqual(b1, b2) || !reflect.DeepEqual(c1, c2) {
		t.Fatalf("%s: mentions\n  search %v %v %v\n  walk   %v %v %v", name, a1, b1, c1, a2, b2, c2)
	}
}

// The search finds the mentions a walk over every token finds.
func TestMentions(t *testing.T) {
	for name, src := range map[string]string{
		"attr start":  "#[rt::async_trait] impl X for Y {}",
		"inner attr":  "#![cfg_attr(test, rt)] fn f() {}",
		"mod":         "mod rt { pub use async_trait::async_trait; } use super::rt;",
		"nested":      "#[cfg_attr(x, rt::async_trait, doc = \"#[rt]\")] #[rt] fn rt() { rt!(); }",
		"longer":      "fn rt_x() { rtx; r#rt; self::rt }",
		"comment":     "// rt\n/* #[rt] */ fn f() {}",
		"not attr":    "# rt [rt]",
		"mod in attr": "#[x(mod)] rt",
	} {
		checkMentions(t, name, []byte(src))
	}
	n := 0
	for _, g := range []string{"../../testdata/expand/*.rs", "../../testdata/cases/*.rs"} {
		files, _ := filepath.Glob(g)
		for _, f := range files {
			src, _ := os.ReadFile(f)
			checkMentions(t, f, src)
			n++
		}
	}
	if n == 0 {
		t.Fatal("no test files")
	}
}

// And on real code.
func TestMentionsCorpus(t *testing.T) {
	for _, path := range testenv.CorpusFiles(t) {
		src, err := os.ReadFile(path)
		if err != nil {
			continue
		}
		checkMentions(t, path, src)
	}
}

// The bucket index of a large file's tokens finds what a binary search
// finds, at every offset.
func TestTokenAt(t *testing.T) {
	src := benchgen.Source(60, false)
	k := newToks(src, lexer.LexMode(src, 0, lexer.SkipWhitespace).Tokens)
	if k.bucket == nil {
		t.Fatal("the input is too small to be indexed: the test checks nothing")
	}
	for off := uint32(0); off <= uint32(len(src))+40; off++ {
		want := sort.Search(len(k.t), func(i int) bool { return k.t[i].Start >= off })
		if got := k.at(off); got != want {
			t.Fatalf("at(%d) = %d, want %d", off, got, want)
		}
		plain := &toks{src: k.src, t: k.t} // no index: the binary search
		if got := plain.at(off); got != want {
			t.Fatalf("at(%d) without index = %d, want %d", off, got, want)
		}
	}
	// The index built in two halves is the same, wherever the halves meet
	// (a token, a gap, the end).
	for _, n := range []int{len(src), len(src) / 2, 100, 1, 0} {
		toks := lexer.LexMode(src[:n], 0, lexer.SkipWhitespace).Tokens
		if one, two := bucketIndex(src[:n], toks, false), bucketIndex(src[:n], toks, true); !slices.Equal(one, two) {
			t.Fatalf("%d bytes: the index built in two halves differs", n)
		}
	}
}

// startingWith finds what a walk over every token finds.
func TestStartingWith(t *testing.T) {
	files := testenv.CorpusFiles(t)
	n := 0
	for i, path := range files {
		if i%7 != 0 {
			continue // a seventh of the corpus is plenty
		}
		src, err := os.ReadFile(path)
		if err != nil {
			continue
		}
		k := newToks(src, lexer.LexMode(src, 0, lexer.SkipWhitespace).Tokens)
		for _, c := range []struct {
			s    string
			kind lexer.Kind
		}{{"async_trait", lexer.Ident}, {"#", lexer.Pound}, {"rt", lexer.Ident}, {"self", lexer.Ident}, {"Send", lexer.Ident}, {"aa", lexer.Ident}, {"yy", lexer.Ident}} {
			var want []int
			for j, tk := range k.t {
				if tk.Kind == c.kind && bytes.HasPrefix(src[tk.Start:], []byte(c.s)) {
					want = append(want, j)
				}
			}
			if got := k.startingWith(c.s, c.kind); !slices.Equal(got, want) {
				t.Fatalf("%s: startingWith(%q) = %v, want %v", path, c.s, got, want)
			}
			n += len(want)
		}
	}
	if n == 0 {
		t.Fatal("nothing found: the test checks nothing")
	}
}
