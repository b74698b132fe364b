package lexer

import (
	"bytes"
	"fmt"
	"math/rand/v2"
	"os"
	"os/exec"
	"path/filepath"
	"runtime"
	"sort"
	"strconv"
	"strings"
	"sync"
	"testing"
	"unicode/utf8"

	"github.com/asynctrait/asynctrait/internal/testenv"
)

// rustcDiffEnv enables TestRustcDiff, which is slow (minutes) and needs a
// nightly feature of the proc_macro library, enabled on a stable rustc with
// RUSTC_BOOTSTRAP=1 (set for that one compilation only).
const rustcDiffEnv = "ASYNCTRAIT_RUSTC_DIFF"

// TestRustcDiff compares our tokens with rustc's own on the whole corpus.
// A proc macro (testdata/rustc_dump.rs) prints the byte range of every token
// rustc hands it; each corpus file is passed to it as `dump!{ <file> }` and
// the ranges are compared with ours. Whitespace and plain comments are
// invisible to proc macros; doc comments arrive as `#[doc = …]` and are
// printed as one range; rustc splits joined punctuation into characters,
// and lifetimes into `'` and an identifier spanning the whole lifetime.
//
// Run with: ASYNCTRAIT_RUSTC_DIFF=1 go test -run RustcDiff ./internal/lexer
func TestRustcDiff(t *testing.T) {
	if os.Getenv(rustcDiffEnv) == "" {
		t.Skip("set " + rustcDiffEnv + "=1 to compare with rustc over the corpus (slow)")
	}
	rustc := rustcPath()
	files := testenv.CorpusFiles(t)
	dir := t.TempDir()
	lib := buildDump(t, rustc, dir)

	// Batches of files of one edition, a few MB each.
	type entry struct {
		path string
		base int    // offset of the file's text in the batch
		want []byte // our token ranges, shifted by base
	}
	type batch struct {
		ed      int
		src     bytes.Buffer
		entries []entry
	}
	var batches []*batch
	cur := map[int]*batch{}
	skipped := 0
	for _, path := range files {
		src, err := os.ReadFile(path)
		if err != nil {
			t.Fatal(err)
		}
		// rustc removes a BOM and turns CRLF into LF before lexing, and a
		// shebang is only one at the start of a file: compare the rest.
		src = bytes.TrimPrefix(src, []byte("\uFEFF"))
		src = bytes.ReplaceAll(src, []byte("\r\n"), []byte("\n"))
		ed := testenv.CrateEdition(path)
		res := LexEdition(src, Edition(ed))
		if len(res.Errors) > 0 || res.Tokens[0].Kind == Shebang {
			skipped++
			continue
		}
		b := cur[ed]
		if b == nil || b.src.Len() > 4<<20 {
			b = &batch{ed: ed}
			b.src.WriteString("extern crate dump;\n")
			batches = append(batches, b)
			cur[ed] = b
		}
		b.src.WriteString("dump::dump!{")
		base := b.src.Len()
		b.src.Write(src)
		b.src.WriteString("\n}\n")
		b.entries = append(b.entries, entry{path: path, base: base, want: rustcView(src, res.Tokens, base)})
	}
	t.Logf("%d files in %d batches (%d skipped: shebang or lexer errors)", len(files)-skipped, len(batches), skipped)

	var mu sync.Mutex
	failures, compared, lines := 0, 0, 0
	fail := func(format string, args ...any) {
		mu.Lock()
		defer mu.Unlock()
		if failures++; failures <= maxFailures {
			t.Errorf(format, args...)
		}
	}
	sem := make(chan struct{}, runtime.GOMAXPROCS(0))
	var wg sync.WaitGroup
	for i, b := range batches {
		wg.Add(1)
		sem <- struct{}{}
		go func() {
			defer func() { <-sem; wg.Done() }()
			wrapper := filepath.Join(dir, fmt.Sprintf("w%d.rs", i))
			outPath := filepath.Join(dir, fmt.Sprintf("w%d.out", i))
			if err := os.WriteFile(wrapper, b.src.Bytes(), 0o644); err != nil {
				fail("%v", err)
				return
			}
			cmd := exec.Command(rustc, "--edition", strconv.Itoa(b.ed), "--crate-type", "lib", "--emit", "metadata",
				"-A", "warnings", "--extern", "dump="+lib, "-o", filepath.Join(dir, fmt.Sprintf("w%d.rmeta", i)), wrapper)
			cmd.Env = append(os.Environ(), "DUMP_OUT="+outPath)
			if out, err := cmd.CombinedOutput(); err != nil {
				fail("rustc rejects batch %d (edition %d) that we lex cleanly: %v\n%s", i, b.ed, err, firstLines(out, 40))
				return
			}
			out, err := os.ReadFile(outPath)
			if err != nil {
				fail("%v", err)
				return
			}
			// One block per invocation, ended by END; find each block's
			// file by its first offset.
			got := map[int][]byte{}
			for _, block := range bytes.Split(out, []byte("END\n")) {
				if len(block) == 0 {
					continue
				}
				f := strings.Fields(string(block[:bytes.IndexByte(block, '\n')]))
				off, _ := strconv.Atoi(f[1])
				k := sort.Search(len(b.entries), func(k int) bool { return b.entries[k].base > off }) - 1
				got[k] = block
			}
			n, nl := 0, 0
			for k, e := range b.entries {
				if g := got[k]; !bytes.Equal(g, e.want) {
					fail("%s: tokens differ from rustc's:\n%s", e.path, firstDiff(g, e.want, e.base, b.src.Bytes()))
				} else {
					n++
					nl += bytes.Count(g, []byte("\n"))
				}
			}
			mu.Lock()
			compared += n
			lines += nl
			mu.Unlock()
		}()
	}
	wg.Wait()
	if failures > maxFailures {
		t.Errorf("… %d differences in all", failures)
	}
	t.Logf("%d files agree with rustc on %d token ranges", compared, lines)
}

// rustcView prints tokens the way testdata/rustc_dump.rs prints rustc's.
func rustcView(src []byte, toks []Token, base int) []byte {
	var b bytes.Buffer
	for _, t := range toks {
		s, e := int(t.Start)+base, int(t.End)+base
		switch {
		case t.Kind.IsTrivia() || t.Kind == EOF:
		case t.Kind == DocComment:
			fmt.Fprintf(&b, "D %d %d\n", s, e)
		case t.Kind == Ident || t.Kind == Underscore:
			fmt.Fprintf(&b, "I %d %d\n", s, e)
		case t.Kind == Lifetime:
			fmt.Fprintf(&b, "P %d %d '\nI %d %d\n", s, e, s, e)
		case t.Kind.IsLiteral():
			fmt.Fprintf(&b, "L %d %d\n", s, e)
		case t.Kind.IsOpen():
			fmt.Fprintf(&b, "O %d %d\n", s, e)
		case t.Kind.IsClose():
			fmt.Fprintf(&b, "C %d %d\n", s, e)
		default:
			for i := s; i < e; i++ {
				fmt.Fprintf(&b, "P %d %d %c\n", i, i+1, src[i-base])
			}
		}
	}
	return b.Bytes()
}

func firstLines(b []byte, n int) string {
	lines := strings.SplitN(string(b), "\n", n+1)
	if len(lines) > n {
		lines = lines[:n]
	}
	return strings.Join(lines, "\n")
}

// firstDiff shows where two dumps part, with the source text around it.
func firstDiff(got, want []byte, base int, src []byte) string {
	g, w := strings.Split(string(got), "\n"), strings.Split(string(want), "\n")
	for i := 0; i < len(g) || i < len(w); i++ {
		var gl, wl string
		if i < len(g) {
			gl = g[i]
		}
		if i < len(w) {
			wl = w[i]
		}
		if gl != wl {
			ctx := ""
			if f := strings.Fields(wl + " " + gl); len(f) >= 3 {
				if off, err := strconv.Atoi(f[1]); err == nil && off < len(src) {
					ctx = string(src[max(off-40, 0):min(off+40, len(src))])
				}
			}
			return fmt.Sprintf("line %d: rustc %q, ours %q, near %q", i, gl, wl, ctx)
		}
	}
	return "no difference"
}

// TestRustcDiffInputs runs the table inputs and the fuzzer's saved inputs
// (valid UTF-8 ones; rustc reads nothing else) through rustc one by one:
// where we report no error rustc must accept the input and agree on every
// token range, and where we report an error rustc must reject it.
func TestRustcDiffInputs(t *testing.T) {
	if os.Getenv(rustcDiffEnv) == "" {
		t.Skip("set " + rustcDiffEnv + "=1 to compare with rustc (needs rustc)")
	}
	type input struct {
		name string
		src  []byte
		ed   Edition
	}
	var inputs []input
	for _, cases := range allCases() {
		for _, c := range cases {
			ed := c.ed
			if ed == 0 {
				ed = Edition2021
			}
			inputs = append(inputs, input{c.in, []byte(c.in), ed})
		}
	}
	for _, dir := range []string{"testdata/fuzz/FuzzLex", os.Getenv("ASYNCTRAIT_FUZZ_DIR")} {
		if dir == "" {
			continue
		}
		names, _ := filepath.Glob(filepath.Join(dir, "*"))
		for _, name := range names {
			src, err := readFuzzInput(name)
			if err == nil {
				for _, ed := range []Edition{Edition2015, Edition2021, Edition2024} {
					inputs = append(inputs, input{filepath.Base(name), src, ed})
				}
			}
		}
	}
	rng := rand.New(rand.NewPCG(1, 2))
	for i := 0; i < 1500; i++ {
		var b strings.Builder
		for n := 1 + rng.IntN(10); n > 0; n-- {
			b.WriteString(fragments[rng.IntN(len(fragments))])
		}
		eds := []Edition{Edition2015, Edition2018, Edition2021, Edition2024}
		inputs = append(inputs, input{fmt.Sprint("generated ", i), []byte(b.String()), eds[rng.IntN(len(eds))]})
	}
	rustc := rustcPath()
	dir := t.TempDir()
	lib := buildDump(t, rustc, dir)
	sem := make(chan struct{}, runtime.GOMAXPROCS(0))
	var wg sync.WaitGroup
	var mu sync.Mutex
	failures, agreed, clean := 0, 0, 0
	for i, in := range inputs {
		src := in.src
		if !utf8Valid(src) || bytes.HasPrefix(src, []byte("#!")) || bytes.HasPrefix(src, []byte("\uFEFF")) {
			continue // not meaningful inside a macro call
		}
		src = bytes.ReplaceAll(src, []byte("\r\n"), []byte("\n"))
		wg.Add(1)
		sem <- struct{}{}
		go func() {
			defer func() { <-sem; wg.Done() }()
			res := LexEdition(src, in.ed)
			prefix := "extern crate dump;\ndump::dump!{"
			wrapper := filepath.Join(dir, fmt.Sprintf("i%d.rs", i))
			outPath := filepath.Join(dir, fmt.Sprintf("i%d.out", i))
			os.WriteFile(wrapper, []byte(prefix+string(src)+"\n}\n"), 0o644)
			cmd := exec.Command(rustc, "--edition", strconv.Itoa(int(in.ed)), "--crate-type", "lib", "--emit", "metadata",
				"-A", "warnings", "--extern", "dump="+lib, "-o", filepath.Join(dir, fmt.Sprintf("i%d.rmeta", i)), wrapper)
			cmd.Env = append(os.Environ(), "DUMP_OUT="+outPath)
			out, err := cmd.CombinedOutput()
			var msg string
			switch {
			case len(res.Errors) > 0 && err == nil:
				msg = fmt.Sprintf("we report %q but rustc accepts it", errorMsgs(res.Errors))
			case len(res.Errors) == 0 && err != nil:
				msg = fmt.Sprintf("we lex it cleanly but rustc rejects it:\n%s", firstLines(out, 12))
			case err == nil:
				got, _ := os.ReadFile(outPath)
				got = bytes.TrimSuffix(got, []byte("END\n"))
				if want := rustcView(src, res.Tokens, len(prefix)); !bytes.Equal(got, want) {
					msg = firstDiff(got, want, len(prefix), []byte(prefix+string(src)))
				}
			}
			mu.Lock()
			defer mu.Unlock()
			if msg == "" {
				agreed++
				if err == nil {
					clean++
				}
				return
			}
			if failures++; failures <= maxFailures {
				t.Errorf("%s (edition %d) %q: %s", in.name, in.ed, src, msg)
			}
		}()
	}
	wg.Wait()
	t.Logf("%d of %d inputs agree with rustc (%d accepted by both, with equal tokens; the rest rejected by both)", agreed, len(inputs), clean)
}

// fragments are glued at random into inputs that probe token boundaries.
var fragments = []string{
	"'a", "'a'", "'", `'\''`, "'r#a", "'_", "'0", "r#", "r#a", `r"`, `r#"`, `"#`, `"`, `\`, "b'", `b"`,
	`br"`, `c"`, `cr#"`, "#", "##", "1", "1.", "0x", "0b1", "0o", "e", "E5", "_", "x", "é", "·", ".", "..",
	"...", "..=", "/", "*", "/*", "*/", "//", "///", "//!", "/**", "/*!", "\n", " ", "(", ")", "[",
	"]", "{", "}", "<", ">", "=", "!", "-", "+", "&", "|", ":", ";", ",", "u8", "f32", `\u{41}`, `\n`,
	`\x7f`, "$", "?", "@", "~", "%", "^", "0", "9", "i", "r", "b", "c", "k#", "\t", "\r\n",
}

func rustcPath() string {
	if p, err := exec.LookPath("rustc"); err == nil {
		return p
	}
	home, _ := os.UserHomeDir()
	return filepath.Join(home, ".cargo", "bin", "rustc")
}

// buildDump compiles testdata/rustc_dump.rs into dir.
func buildDump(t *testing.T, rustc, dir string) string {
	lib := filepath.Join(dir, "libdump.so")
	cmd := exec.Command(rustc, "--edition", "2021", "--crate-type", "proc-macro", "-O", "testdata/rustc_dump.rs", "-o", lib)
	cmd.Env = append(os.Environ(), "RUSTC_BOOTSTRAP=1")
	if out, err := cmd.CombinedOutput(); err != nil {
		t.Fatalf("building the dump proc macro: %v\n%s", err, out)
	}
	return lib
}

// readFuzzInput reads the []byte value of a "go test fuzz v1" file.
func readFuzzInput(path string) ([]byte, error) {
	data, err := os.ReadFile(path)
	if err != nil {
		return nil, err
	}
	lines := strings.SplitN(string(data), "\n", 3)
	if len(lines) < 2 || !strings.HasPrefix(lines[1], "[]byte(") {
		return nil, fmt.Errorf("%s: not a []byte fuzz input", path)
	}
	s, err := strconv.Unquote(strings.TrimSuffix(strings.TrimPrefix(lines[1], "[]byte("), ")"))
	return []byte(s), err
}

func utf8Valid(b []byte) bool { return utf8.Valid(b) }
