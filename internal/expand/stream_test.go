package expand

import (
	"bytes"
	"fmt"
	"maps"
	"os"
	"path/filepath"
	"slices"
	"strings"
	"testing"

	"github.com/asynctrait/asynctrait/internal/benchgen"
	"github.com/asynctrait/asynctrait/internal/edit"
	"github.com/asynctrait/asynctrait/internal/lexer"
	"github.com/asynctrait/asynctrait/internal/source"
	"github.com/asynctrait/asynctrait/internal/syntax"
	"github.com/asynctrait/asynctrait/internal/testenv"
)

// resolverState is what resolution depends on, comparable across parses.
func resolverState(r *resolver) []string {
	var out []string
	for _, list := range [][]importedMacro{r.imports, r.others} {
		for _, im := range list {
			out = append(out, fmt.Sprintf("%v %v %s %v", im.use.Span(), im.leaf.Span(), im.name, im.public))
		}
		out = append(out, "|")
	}
	// The names in order (not the map's), each name's alternatives in theirs.
	for _, name := range slices.Sorted(maps.Keys(r.aliases)) {
		for _, a := range r.aliases[name] {
			c := "-"
			if a.cond != nil {
				c = a.cond.String()
			}
			out = append(out, fmt.Sprintf("alias %s %d %s", name, a.kind, c))
		}
	}
	return out
}

// checkStream compares, for one file, Stream's edits with File's and, with
// exactScan, the `use` items the token scan finds with the whole-tree
// resolver. (Where the scan is wrong, on code the parser reads in its own
// way, Stream notices and redoes the file with the whole tree: the result
// is the same, only slower. On real code the scan must be right.)
func checkStream(t *testing.T, name string, src []byte, ed lexer.Edition, exactScan bool) (compared bool) {
	sf := source.NewFile(name, src)
	tree := syntax.ParseEdition(sf, ed)
	if len(tree.Errors) > 0 {
		return false
	}
	k := &toks{src: src, t: tree.Tokens}
	whole := newResolver(k, tree.Items)
	scanned := &resolver{k: k, aliases: map[string][]importAlt{}}
	for _, mu := range moduleUses(tree, k) {
		scanned.collect([]syntax.Item{mu.use}, mu.private)
	}
	a, b := resolverState(whole), resolverState(scanned)
	if exactScan && !slices.Equal(a, b) {
		t.Errorf("%s: the token scan finds other imports than the tree:\ntree: %v\nscan: %v", name, a, b)
		return true
	}
	if !bytes.Contains(src, marker) {
		return true
	}
	want, wantDiags := File(tree, Options{})
	got, gotDiags, ok := Stream(syntax.NewStream(sf, ed), Options{})
	if !ok {
		t.Errorf("%s: Stream reports a syntax error the whole parse does not", name)
		return true
	}
	wo, err1 := edit.Apply(src, want)
	out, err2 := edit.NewOutput(src, got...)
	var gotOut []byte
	if err2 == nil {
		gotOut = out.Bytes()
	}
	if err1 != nil || err2 != nil || !bytes.Equal(wo, gotOut) || len(wantDiags) != len(gotDiags) {
		t.Errorf("%s: Stream and File differ (%d vs %d edits, %d vs %d diagnostics, %v %v)", name, len(got), len(want), len(gotDiags), len(wantDiags), err1, err2)
	}
	return true
}

func TestStreamMatchesFile(t *testing.T) {
	var files []string
	for _, g := range []string{"../../testdata/expand/*.rs", "../../testdata/cases/*.rs", "../../testdata/fuzz/FuzzExpand/*"} {
		m, _ := filepath.Glob(g)
		files = append(files, m...)
	}
	n := 0
	for _, f := range files {
		src, err := os.ReadFile(f)
		if err != nil {
			t.Fatal(err)
		}
		if checkStream(t, f, src, 0, true) {
			n++
		}
	}
	if n < 50 {
		t.Fatalf("only %d test files compared", n)
	}
}

func TestStreamMatchesFileCorpus(t *testing.T) {
	if testing.Short() {
		t.Skip("the whole corpus; skipped with -short")
	}
	n := 0
	for _, f := range testenv.CorpusFiles(t) {
		src, err := os.ReadFile(f)
		if err != nil {
			t.Fatal(err)
		}
		if checkStream(t, f, src, lexer.Edition(testenv.CrateEdition(f)), true) {
			n++
		}
	}
	t.Logf("%d corpus files compared", n)
}

// A panic while rewriting an item on a worker goroutine comes back to the
// caller's goroutine (where Expand recovers it) instead of killing the
// process.
func TestRunRecordsPanic(t *testing.T) {
	x := &expander{}
	var r unitResult
	x.run(unitJob{unit{it: nil}, &r, nil})
	if r.panic == nil {
		t.Fatal("rewriting a nil item did not panic: the test checks nothing")
	}
}

// FuzzStream: on any input that parses, the token scan finds the same
// imports as the whole tree and Stream rewrites as File does.
func FuzzStream(f *testing.F) {
	for _, g := range []string{"../../testdata/expand/*.rs", "../../testdata/cases/*.rs"} {
		m, _ := filepath.Glob(g)
		for _, file := range m {
			if src, err := os.ReadFile(file); err == nil {
				f.Add(src)
			}
		}
	}
	f.Add([]byte("pub mod a { use async_trait::async_trait as at; } #[a::at] trait T { async fn f(&self); }"))
	f.Fuzz(func(t *testing.T, src []byte) {
		checkStream(t, "fuzz.rs", src, 0, false)
	})
}

// Where the token scan reads the uses otherwise than the parser (code our
// lenient parser accepts and rustc would not), Stream still gives File's
// result.
func TestStreamFallback(t *testing.T) {
	const item = "#[async_trait]\ntrait T {\n    async fn f(&self);\n}\n"
	for _, src := range []string{
		item + "const X: u8 = S {} use async_trait::async_trait as at;\n",
		"static X: u8 = S {}\nuse async_trait::async_trait;\n" + item,
		"m!() use async_trait::async_trait;\n" + item,
	} {
		sf := source.NewFile("x.rs", []byte(src))
		tree := syntax.ParseEdition(sf, 0)
		if len(tree.Errors) > 0 {
			t.Fatalf("%q does not parse: %v", src, tree.Errors)
		}
		k := &toks{src: sf.Src, t: tree.Tokens}
		if sameUses(moduleUses(tree, k), usesOf(tree.Items, false, nil)) {
			t.Fatalf("%q: the scan agrees with the parser: the test checks nothing", src)
		}
		if !checkStream(t, "x.rs", []byte(src), 0, false) {
			t.Fatal("not compared")
		}
	}
}

// On a file large enough for Stream's goroutines (the rewrite of items, the
// token index and the end-of-file scan on other cores), made of the test
// files one after the other: top-level imports to remove, hidden items in
// bodies and macros, items of every kind. Once as they are (inner
// attributes dropped), once each in a module of its own.
func TestStreamMatchesFileParallel(t *testing.T) {
	var files []string
	for _, g := range []string{"../../testdata/expand/*.rs", "../../testdata/cases/*.rs"} {
		m, _ := filepath.Glob(g)
		files = append(files, m...)
	}
	var flat, nested bytes.Buffer
	for round := 0; flat.Len() < 4*parallelMinBytes || nested.Len() < 4*parallelMinBytes; round++ {
		for i, f := range files {
			src, err := os.ReadFile(f)
			if err != nil {
				t.Fatal(err)
			}
			for _, line := range bytes.SplitAfter(src, []byte("\n")) {
				if !bytes.HasPrefix(bytes.TrimSpace(line), []byte("#![")) {
					flat.Write(line)
				}
			}
			flat.WriteString("\n")
			fmt.Fprintf(&nested, "mod m%d_%d {\n%s\n}\n", round, i, src)
		}
	}
	for name, src := range map[string][]byte{"flat": flat.Bytes(), "nested": nested.Bytes()} {
		if !checkStream(t, name, src, 0, true) {
			t.Errorf("%s: does not parse: the test compares nothing", name)
		}
		// The flat file is parsed in two halves (TestStreamHalves); the
		// nested one, a module open across the middle, in one.
		if at := syntax.NewStream(source.NewFile(name, src), 0).ItemSplit(); (at > 0) != (name == "flat") {
			t.Errorf("%s: split at token %d", name, at)
		}
	}
}

// A large file is parsed in two halves on two cores (syntax.Stream.SplitAt
// at the lexer's split): the result is the whole file's, and where a half
// has a syntax error, the file is parsed again as a whole, so the errors
// are the whole file's too. Where the split is in the middle of an item
// (a `}` line and an `else` line of a const's initializer), there is no
// split.
func TestStreamHalves(t *testing.T) {
	items := benchgen.Source(400, false) // 320 KB: lexed in two parts
	insert := func(at int, s string) []byte {
		return slices.Concat(items[:at], []byte(s), items[at:])
	}
	itemEnd := func(from int) int { return from + bytes.Index(items[from:], []byte("\n}\n")) + 3 }
	split := func(src []byte) int {
		return syntax.NewStream(source.NewFile("x.rs", src), 0).ItemSplit()
	}
	if split(items) == 0 {
		t.Fatal("no split in the generated file: the test checks nothing")
	}
	if !checkStream(t, "halves", items, 0, true) {
		t.Fatal("the generated file does not parse")
	}
	// Where the lexer splits (the first line holding only `}` after the
	// middle), in the middle of a const's initializer: the const starts
	// at the last item's end before the middle, and the middle falls in
	// its first lines (longer than the distance from there to the middle).
	c := "const C: u8 = if true {\n" + strings.Repeat("    1 +\n", 200) + "    1\n}\nelse {\n    2\n};\n"
	at := bytes.LastIndex(items[:len(items)/2], []byte("\n}\n")) + 3
	straddle := insert(at, c)
	if mid := len(straddle) / 2; mid <= at || mid >= at+strings.Index(c, "\n}\n") {
		t.Fatalf("the middle %d is not in the const at %d", mid, at)
	}
	if at := split(straddle); at != 0 {
		t.Fatalf("split at %d, in the middle of an item", at)
	}
	if !checkStream(t, "straddle", straddle, 0, true) {
		t.Fatal("the file with a const does not parse")
	}
	for name, src := range map[string][]byte{
		"error in the first half":  insert(itemEnd(len(items)/4), "fn 3() {}\n"),
		"error in the second half": insert(itemEnd(3*len(items)/4), "fn 3() {}\n"),
	} {
		if split(src) == 0 {
			t.Fatalf("%s: no split", name)
		}
		sf := source.NewFile("x.rs", src)
		want := syntax.ParseEdition(sf, 0).Errors
		s := syntax.NewStream(sf, 0)
		if _, _, ok := Stream(s, Options{}); ok || len(want) == 0 {
			t.Fatalf("%s: Stream ok %v, %d errors in the whole parse", name, ok, len(want))
		}
		if got := s.File.Errors; fmt.Sprint(got) != fmt.Sprint(want) {
			t.Errorf("%s: errors\n%v\nwant the whole file's\n%v", name, got, want)
		}
	}
}
