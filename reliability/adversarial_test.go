package reliability

import (
	"bytes"
	"fmt"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"
	"unicode/utf8"

	"github.com/asynctrait/asynctrait"
)

// Adversarial inputs, each through the library and the binary. Every case
// must finish (watchdog), stay within memLimit, and end in either a clear
// error diagnostic with the file left as it was, or a correct result.

// outcomeKind says what a case must produce.
type outcomeKind int

const (
	mustExpand   outcomeKind = iota // no error; the file changes
	mustReject                      // an error diagnostic; nothing changes
	eitherResult                    // a diagnostic or a fixed-point result, both fine
)

// adversarial is one input.
type adversarial struct {
	name string
	src  []byte
	want outcomeKind
	// diag, when set, must appear in an error message (mustReject).
	diag string
	// check, when set, checks a successful library result further.
	check func(t *testing.T, src, out []byte)
}

// runAdversarial runs one case through the binary (first: if the code
// crashes the process, the binary shows it without taking the test binary
// down) and then the library, and checks the outcome of both.
func runAdversarial(t *testing.T, c adversarial) {
	t.Helper()
	bres, out := binaryOutcome(t, c)
	if bres.crashed() {
		return // the library would take the test binary down too
	}
	if strings.Contains(bres.killed, "hang") {
		// The library would hang the same way, in a goroutine nobody can
		// stop, slowing every later test.
		note("%s: HANG in the binary; library not run", c.name)
		return
	}
	lib := expandLib(t, c.name, c.src, asynctrait.Options{})
	hasErr := lib.HasErrors()
	switch c.want {
	case mustExpand:
		if hasErr {
			t.Fatalf("%s: expected an expansion, got diagnostics: %s", c.name, firstDiags(lib.Result))
		}
		if !lib.Changed {
			t.Fatalf("%s: expected the file to change", c.name)
		}
	case mustReject:
		if !hasErr {
			t.Fatalf("%s: expected an error diagnostic, got none (changed=%v)", c.name, lib.Changed)
		}
		if c.diag != "" && !strings.Contains(firstDiags(lib.Result), c.diag) {
			t.Errorf("%s: diagnostics do not mention %q: %s", c.name, c.diag, firstDiags(lib.Result))
		}
	}
	if hasErr {
		if !bytes.Equal(lib.Output, c.src) {
			t.Errorf("%s: output differs from the input despite errors", c.name)
		}
		for _, d := range lib.Diagnostics {
			if d.Message == "" {
				t.Errorf("%s: a diagnostic without a message", c.name)
			}
		}
		note("%s: rejected: %s", c.name, oneLine(firstDiags(lib.Result), 120))
	} else {
		checkFixedPoint(t, c.name, lib.Output)
		if c.check != nil {
			c.check(t, c.src, lib.Output)
		}
		if c.want == eitherResult {
			note("%s: expanded (changed=%v)", c.name, lib.Changed)
		}
	}
	// A diagnostic shows an excerpt of its lines; on a 10 MB line it must
	// not print the whole line, let alone once per diagnostic. rustc trims
	// lines to its column width with "...".
	if lim := 64<<10 + 16<<10*min(len(lib.Diagnostics), 100); bres.stderrTotal > int64(lim) {
		t.Errorf("%s: %d bytes of diagnostics (%d of them) for a %d-byte file (limit %d): source excerpts are not trimmed, or there are too many", c.name, bres.stderrTotal, len(lib.Diagnostics), len(c.src), lim)
	}
	// One cause, one diagnostic (or a few): 100,000 of them is not a clear
	// diagnostic. go/parser stops after 10.
	if len(lib.Diagnostics) > 100 {
		t.Errorf("%s: %d diagnostics; the first: %s", c.name, len(lib.Diagnostics), firstDiags(lib.Result))
	}
	// The binary agrees with the library.
	if bres.code == -1 {
		// killed: its file was checked, its exit status means nothing
	} else if hasErr {
		if bres.code != 1 {
			t.Errorf("%s: binary exit %d for a file with errors, want 1:\n%s", c.name, bres.code, bres)
		}
	} else if bres.code != 0 {
		t.Errorf("%s: binary exit %d, want 0:\n%s", c.name, bres.code, bres)
	}
	if !bytes.Equal(out, lib.Output) {
		t.Errorf("%s: the file after `expand -w` (%d bytes) differs from the library's output (%d bytes)", c.name, len(out), len(lib.Output))
	}
	// Without -w, standard output is the expansion (nothing on errors).
	if len(c.src) <= 16<<20 && len(lib.Output) <= 32<<20 && bres.code != -1 {
		r := runBin(t, runOpts{stdin: c.src}, "expand")
		want := lib.Output
		if hasErr {
			want = nil
		}
		if !bytes.Equal(r.stdout, want) {
			t.Errorf("%s: `expand` printed %d bytes on standard output, want the library's %d", c.name, len(r.stdout), len(want))
		}
	}
}

// binaryOutcome writes the case to a file, runs `expand -w` on it and
// returns the result and the file's contents afterwards. It checks the
// memory bound, that an error names the file and that no temporary file
// is left.
func binaryOutcome(t *testing.T, c adversarial) (binResult, []byte) {
	t.Helper()
	dir := t.TempDir()
	name := "case.rs"
	p := filepath.Join(dir, name)
	if err := os.WriteFile(p, c.src, 0o644); err != nil {
		t.Fatal(err)
	}
	r := runBin(t, runOpts{dir: dir}, "expand", "-w", name)
	if r.code > 0 && !bytes.Contains(r.stderr, []byte(name)) {
		t.Errorf("%s: the binary's error does not name the file:\n%s", c.name, r)
	}
	if len(temps(t, dir)) > 0 {
		t.Errorf("%s: temporary files left: %v", c.name, temps(t, dir))
	}
	out, err := os.ReadFile(p)
	if err != nil {
		t.Fatal(err)
	}
	checkRSS(t, c.name, r, max(len(c.src), len(out)))
	figures.filesChecked.Add(1)
	figures.bytesChecked.Add(int64(len(out)))
	return r, out
}

func firstDiags(r asynctrait.Result) string {
	var msgs []string
	for i, d := range r.Diagnostics {
		if i == 5 {
			msgs = append(msgs, fmt.Sprintf("… %d more", len(r.Diagnostics)-5))
			break
		}
		msgs = append(msgs, d.Severity.String()+": "+d.Message)
	}
	return strings.Join(msgs, "; ")
}

func oneLine(s string, n int) string {
	s = strings.ReplaceAll(s, "\n", " ")
	if len(s) > n {
		s = s[:n] + "…"
	}
	return s
}

// checkFixedPoint: a rewritten file expands to itself.
func checkFixedPoint(t *testing.T, name string, out []byte) {
	t.Helper()
	again := expandLib(t, name+" (again)", out, asynctrait.Options{})
	if again.HasErrors() {
		t.Errorf("%s: the output does not expand again: %s", name, firstDiags(again.Result))
		return
	}
	if again.Changed {
		t.Errorf("%s: the output is not a fixed point", name)
	}
}

// expandedChunk is the expansion of one small file, which must succeed.
func expandedChunk(t *testing.T, src string) []byte {
	t.Helper()
	r := asynctrait.Expand("chunk.rs", []byte(src), asynctrait.Options{})
	if r.HasErrors() || !r.Changed {
		t.Fatalf("chunk does not expand: %s\n%s", firstDiags(r), src)
	}
	return r.Output
}

// A 100 MB file of many small items, one in five an #[async_trait] trait
// and impl. The output must be the concatenation of the chunks'
// expansions; the binary's -w must write the same bytes. (Standard output
// is compared with the library's output by the smaller cases.)
func TestHundredMegabytes(t *testing.T) {
	if testing.Short() {
		t.Skip("100 MB input; skipped with -short")
	}
	size := 100 << 20
	src, chunks := chunkedFile(size, 5)
	want := make([]byte, 0, len(src)+len(src)/2)
	for _, c := range chunks {
		if strings.Contains(c, "async_trait") {
			want = append(want, expandedChunk(t, c)...)
		} else {
			want = append(want, c...)
		}
	}
	lib := expandLib(t, "100MB", src, asynctrait.Options{})
	if lib.HasErrors() {
		t.Fatalf("diagnostics: %s", firstDiags(lib.Result))
	}
	if !bytes.Equal(lib.Output, want) {
		t.Fatalf("the output (%d bytes) is not the concatenation of the chunks' expansions (%d bytes); first difference at %d", len(lib.Output), len(want), firstDiff(lib.Output, want))
	}
	for _, c := range chunks[:10] {
		if strings.Contains(c, "async_trait") {
			checkFixedPoint(t, "100MB chunk", expandedChunk(t, c))
		}
	}

	dir := t.TempDir()
	p := filepath.Join(dir, "big.rs")
	if err := os.WriteFile(p, src, 0o644); err != nil {
		t.Fatal(err)
	}
	r := runBin(t, runOpts{dir: dir}, "expand", "-w", "big.rs")
	if r.code != 0 {
		t.Fatalf("expand -w big.rs: %s", r)
	}
	checkRSS(t, "100MB -w", r, len(want))
	t.Logf("binary -w: %v, peak RSS %d MB", r.took.Round(time.Millisecond), r.maxRSSKB>>10)
	sameFile(t, p, want)
	note("100 MB file: library %v (heap +%d MB), binary -w %v (peak RSS %d MB)", lib.took.Round(time.Millisecond), lib.heapInc>>20, r.took.Round(time.Millisecond), r.maxRSSKB>>10)
}

func sameFile(t *testing.T, p string, want []byte) {
	t.Helper()
	got, err := os.ReadFile(p)
	if err != nil {
		t.Fatal(err)
	}
	figures.filesChecked.Add(1)
	figures.bytesChecked.Add(int64(len(got)))
	if !bytes.Equal(got, want) {
		figures.damaged.Add(1)
		t.Fatalf("%s: %d bytes, want %d; first difference at %d", p, len(got), len(want), firstDiff(got, want))
	}
}

func firstDiff(a, b []byte) int {
	for i := range min(len(a), len(b)) {
		if a[i] != b[i] {
			return i
		}
	}
	return min(len(a), len(b))
}

// A single 10 MB line: many items on it; one method whose body is a 10 MB
// string literal; and a syntax error at its end, whose diagnostic must not
// print the whole line.
func TestTenMegabyteLine(t *testing.T) {
	if testing.Short() {
		t.Skip("10 MB inputs; skipped with -short")
	}
	const size = 10 << 20
	var items bytes.Buffer
	n := 0
	for ; items.Len() < size; n++ {
		fmt.Fprintf(&items, "#[async_trait::async_trait] pub trait T%[1]d { async fn f(&self, x: u32) -> u32; fn g(&self) {} } #[async_trait::async_trait] impl T%[1]d for S { async fn f(&self, x: u32) -> u32 { x + %[1]d } fn g(&self) {} } ", n)
	}
	items.WriteString("\n")
	methods := 2 * n

	lit := strings.Repeat("0123456789abcdef", size/16)
	body := "#[async_trait::async_trait] impl T for S { async fn f(&self) -> &'static str { \"" + lit + "\" } }\n"

	errLine := strings.Repeat("fn f() { let x = 1; } ", size/22) + "#[async_trait::async_trait] trait T { async fn f(&self) -> u8 }\n"

	for _, c := range []adversarial{
		{name: "10MB line of items", src: items.Bytes(), want: mustExpand, check: func(t *testing.T, src, out []byte) {
			if bytes.Contains(out, []byte("async fn")) {
				t.Error("an `async fn` is left")
			}
			if got := bytes.Count(out, []byte("Pin<")); got != methods {
				t.Errorf("%d boxed futures, want %d (one per async method)", got, methods)
			}
			if got, want := bytes.Count(out, []byte("x + ")), methods/2; got != want {
				t.Errorf("%d method bodies, want %d", got, want)
			}
		}},
		{name: "10MB string literal in a body", src: []byte(body), want: mustExpand, check: func(t *testing.T, src, out []byte) {
			if bytes.Count(out, []byte(lit)) != 1 {
				t.Error("the literal is not in the output exactly once")
			}
		}},
		{name: "10MB line ending in an error", src: []byte(errLine), want: mustReject},
	} {
		t.Run(c.name, func(t *testing.T) { runAdversarial(t, c) })
	}
}

// 100,000 nested `(`, `{` and `<`, in a signature and in a body; balanced
// (a fixed-point result or a clear error, such as a nesting limit) and
// unclosed at the end of the file (an error).
func TestDeepNesting(t *testing.T) {
	const depth = 100_000
	rep := strings.Repeat
	type nest struct{ name, open, mid, close string }
	sig := []nest{
		{"signature (", "(", "u8", ")"},
		{"signature <", "Vec<", "u8", ">"},
		{"signature {", "[u8; {", "1", "}]"},
	}
	body := []nest{
		{"body (", "(", "1", ")"},
		{"body {", "{", "1", "}"},
		{"body <", "Vec::<", "u8", ">"},
	}
	var cases []adversarial
	for _, n := range sig {
		ty := rep(n.open, depth) + n.mid + rep(n.close, depth)
		src := "#[async_trait::async_trait]\ntrait T {\n    async fn f(&self, x: " + ty + ");\n}\n"
		cases = append(cases,
			adversarial{name: n.name + " balanced", src: []byte(src), want: eitherResult, check: keepsText(ty)},
			adversarial{name: n.name + " unclosed", src: []byte("#[async_trait::async_trait]\ntrait T {\n    async fn f(&self, x: " + rep(n.open, depth) + n.mid), want: mustReject})
	}
	for _, n := range body {
		expr := rep(n.open, depth) + n.mid + rep(n.close, depth)
		if n.name == "body <" {
			expr = rep(n.open, depth) + n.mid + rep(n.close, depth) + "::new()"
		}
		src := "#[async_trait::async_trait]\nimpl T for S {\n    async fn f(&self) {\n        let _ = " + expr + ";\n    }\n}\n"
		cases = append(cases,
			adversarial{name: n.name + " balanced", src: []byte(src), want: eitherResult, check: keepsText(expr)},
			adversarial{name: n.name + " unclosed", src: []byte("#[async_trait::async_trait]\nimpl T for S {\n    async fn f(&self) {\n        let _ = " + rep(n.open, depth) + n.mid), want: mustReject})
	}
	// Nesting of items rather than tokens: modules and impls in functions.
	mods := rep("mod m { ", depth/10) + "#[async_trait::async_trait] trait T { async fn f(&self); }" + rep(" }", depth/10) + "\n"
	cases = append(cases, adversarial{name: "10000 nested modules", src: []byte(mods), want: eitherResult})
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) { runAdversarial(t, c) })
	}
}

// keepsText checks that a successful expansion kept s.
func keepsText(s string) func(t *testing.T, src, out []byte) {
	return func(t *testing.T, src, out []byte) {
		if !bytes.Contains(out, []byte(s)) {
			t.Error("the nested text is not in the output")
		}
	}
}

// 50,000 async methods in one trait and its impl. The output must be a
// fixed point with no `async fn` left, and a few methods must come out
// exactly as they do from a trait with that method alone.
func TestFiftyThousandMethods(t *testing.T) {
	if testing.Short() {
		t.Skip("86 MB of output; skipped with -short")
	}
	const n = 50_000
	method := func(i int) string {
		return fmt.Sprintf("    async fn m%d(&self, x: &str, n: u32) -> Result<String, u32>", i)
	}
	gen := func(idx []int) string {
		var sb strings.Builder
		sb.WriteString("#[async_trait::async_trait]\npub trait Big: Send + Sync {\n")
		for _, i := range idx {
			sb.WriteString(method(i) + ";\n")
		}
		sb.WriteString("}\n\n#[async_trait::async_trait]\nimpl Big for S {\n")
		for _, i := range idx {
			fmt.Fprintf(&sb, "%s {\n        Ok(format!(\"{}{}\", x, n + %d))\n    }\n\n", method(i), i)
		}
		sb.WriteString("}\n")
		return sb.String()
	}
	all := make([]int, n)
	for i := range all {
		all[i] = i
	}
	src := gen(all)
	c := adversarial{name: "50000 async methods", src: []byte(src), want: mustExpand, check: func(t *testing.T, src, out []byte) {
		if bytes.Contains(out, []byte("async fn")) {
			t.Error("an `async fn` is left")
		}
		if got := bytes.Count(out, []byte("Pin<")); got != 2*n {
			t.Errorf("%d boxed futures, want %d", got, 2*n)
		}
		for _, i := range []int{0, 1, 4242, n / 2, n - 2, n - 1} {
			one := expandedChunk(t, gen([]int{i}))
			for _, part := range methodTexts(t, one, i) {
				if bytes.Count(out, part) != 1 {
					t.Errorf("method m%d: its expansion alone is not in the output exactly once:\n%s", i, part)
				}
			}
		}
	}}
	runAdversarial(t, c)
}

// methodTexts cuts the expanded method m<i> out of the expansion of a
// one-method trait and impl: from the line after the opening `{` of each
// item to the line before its closing `}`.
func methodTexts(t *testing.T, out []byte, i int) [][]byte {
	t.Helper()
	var parts [][]byte
	s := string(out)
	for _, head := range []string{"pub trait Big: Send + Sync {\n", "impl Big for S {\n"} {
		start := strings.Index(s, head)
		if start < 0 {
			t.Fatalf("no %q in the expansion of m%d:\n%s", head, i, s)
		}
		start += len(head)
		end := strings.Index(s[start:], "\n}\n")
		if end < 0 {
			t.Fatalf("no end of item in the expansion of m%d", i)
		}
		part := s[start : start+end+1]
		if !strings.Contains(part, fmt.Sprintf("fn m%d<", i)) && !strings.Contains(part, fmt.Sprintf("fn m%d(", i)) {
			t.Fatalf("the cut does not hold m%d:\n%s", i, part)
		}
		parts = append(parts, []byte(part))
	}
	return parts
}

const smallTrait = "#[async_trait::async_trait]\npub trait T: Send {\n    async fn f(&self, x: u8) -> u8;\n}\n\n#[async_trait::async_trait]\nimpl T for S {\n    async fn f(&self, x: u8) -> u8 {\n        x\n    }\n}\n"

// Invalid UTF-8 anywhere in a file with #[async_trait]: an error naming the
// byte, and the file unchanged.
func TestInvalidUTF8(t *testing.T) {
	for _, c := range []struct {
		name string
		bad  []byte
		at   string // where: "comment", "ident", "string", "eof"
	}{
		{"0xff in a comment", []byte{0xff}, "comment"},
		{"lone continuation byte in a string", []byte{0x80}, "string"},
		{"overlong slash", []byte{0xc0, 0xaf}, "comment"},
		{"UTF-16 surrogate", []byte{0xed, 0xa0, 0x80}, "string"},
		{"beyond U+10FFFF", []byte{0xf4, 0x90, 0x80, 0x80}, "ident"},
		{"truncated sequence at EOF", []byte{0xe2, 0x82}, "eof"},
		{"latin-1 é in an identifier", []byte{0xe9}, "ident"},
	} {
		var src []byte
		switch c.at {
		case "comment":
			src = append(append([]byte("// note: "), c.bad...), "\n"+smallTrait...)
		case "string":
			src = append(append([]byte(smallTrait+"const S: &str = \""), c.bad...), "\";\n"...)
		case "ident":
			src = append(append([]byte(smallTrait+"fn caf"), c.bad...), "() {}\n"...)
		case "eof":
			src = append([]byte(smallTrait+"// "), c.bad...)
		}
		t.Run(c.name, func(t *testing.T) {
			runAdversarial(t, adversarial{name: c.name, src: src, want: mustReject, diag: "UTF-8"})
			off := firstInvalid(src)
			lib := asynctrait.Expand("x.rs", src, asynctrait.Options{})
			if len(lib.Diagnostics) == 0 || int(lib.Diagnostics[0].Primary().Start) != off {
				t.Errorf("the diagnostic does not point at byte %d: %+v", off, lib.Diagnostics)
			}
		})
	}
	// A file without #[async_trait] is not rewritten whatever it holds; the
	// library passes it through, the binary reports it.
	t.Run("no async_trait", func(t *testing.T) {
		src := []byte("fn f() {}\n// \xff\xfe\n")
		lib := expandLib(t, "latin1", src, asynctrait.Options{})
		if lib.Changed || !bytes.Equal(lib.Output, src) {
			t.Error("a file without async_trait changed")
		}
		r, out := binaryOutcome(t, adversarial{name: "latin1", src: src})
		if !bytes.Equal(out, src) {
			t.Error("the binary changed a file without async_trait")
		}
		note("invalid UTF-8 without async_trait: library passes it through (%d diagnostics), binary exits %d", len(lib.Diagnostics), r.code)
	})
}

func firstInvalid(b []byte) int {
	for i := 0; i < len(b); {
		r, n := utf8.DecodeRune(b[i:])
		if r == utf8.RuneError && n <= 1 {
			return i
		}
		i += n
	}
	return -1
}

// NUL bytes: inside comments, strings and character literals they are
// ordinary text and must survive the rewrite; between items rustc rejects
// them, and so must we (or at least never crash or drop them).
func TestNULBytes(t *testing.T) {
	nulCount := func(want int) func(t *testing.T, src, out []byte) {
		return func(t *testing.T, src, out []byte) {
			if got := bytes.Count(out, []byte{0}); got != want {
				t.Errorf("%d NUL bytes in the output, want %d", got, want)
			}
		}
	}
	impl := func(body string) []byte {
		return []byte("#[async_trait::async_trait]\nimpl T for S {\n    async fn f(&self) -> usize {\n        " + body + "\n    }\n}\n")
	}
	for _, c := range []adversarial{
		{name: "NUL in a line comment", src: []byte("// a\x00b\n" + smallTrait), want: mustExpand, check: nulCount(1)},
		{name: "NUL in a block comment in a body", src: impl("/* \x00\x00 */ 1"), want: mustExpand, check: nulCount(2)},
		{name: "NUL in a string in a body", src: impl("\"a\x00b\".len()"), want: mustExpand, check: nulCount(1)},
		{name: "NUL char literal in a body", src: impl("'\x00' as usize"), want: mustExpand, check: nulCount(1)},
		{name: "NUL between items", src: []byte(smallTrait + "\x00\n"), want: mustReject},
		{name: "NUL in a signature", src: []byte("#[async_trait::async_trait]\ntrait T { async fn f(&self, \x00 x: u8); }\n"), want: mustReject},
		{name: "1 MB of NUL after the marker", src: append([]byte("// async_trait\n"), make([]byte, 1<<20)...), want: eitherResult},
	} {
		t.Run(c.name, func(t *testing.T) { runAdversarial(t, c) })
	}
}

// Unterminated literals and comments at the end of the file: an error that
// says what is unterminated, and the file unchanged.
func TestUnterminatedAtEOF(t *testing.T) {
	for _, c := range []struct{ name, tail, diag string }{
		{"string", `"abc`, "unterminated"},
		{"string with escaped quote", `"abc\"`, "unterminated"},
		{"byte string", `b"abc`, "unterminated"},
		{"C string", `c"abc`, "unterminated"},
		{"raw string", `r"abc`, "unterminated"},
		{"raw string with hashes", `r##"abc"#`, "unterminated"},
		{"raw byte string", `br#"abc`, "unterminated"},
		{"block comment", `/* abc`, "unterminated"},
		{"nested block comment", `/* a /* b */`, "unterminated"},
		{"doc block comment", `/** abc`, "unterminated"},
		{"char escape", `'\`, "unterminated"},
		{"char", `'a`, ""},
		{"byte", `b'a`, "unterminated"},
		{"unicode escape", `'\u{12`, ""},
	} {
		for _, where := range []string{"after the items", "in an async body"} {
			src := smallTrait + "fn g() { let x = " + c.tail
			if where == "in an async body" {
				src = "#[async_trait::async_trait]\nimpl T for S {\n    async fn f(&self) {\n        let x = " + c.tail
			}
			name := c.name + " " + where
			t.Run(name, func(t *testing.T) {
				runAdversarial(t, adversarial{name: name, src: []byte(src), want: mustReject, diag: c.diag})
			})
		}
	}
}

// Line endings. A CRLF file must come out CRLF everywhere, generated lines
// included, and be the LF expansion with CRLF endings. In a mixed file each
// generated line takes the ending of the line it sits in, so every item
// keeps its own.
func TestLineEndings(t *testing.T) {
	lf := asyncChunkAttr(1, "async_trait") + plainChunk(2) + asyncChunkAttr(3, "async_trait")
	lf = "use async_trait::async_trait;\n\n" + lf
	crlf := strings.ReplaceAll(lf, "\n", "\r\n")
	wantLF := expandedChunk(t, lf)
	wantCRLF := bytes.ReplaceAll(wantLF, []byte("\n"), []byte("\r\n"))

	t.Run("CRLF", func(t *testing.T) {
		runAdversarial(t, adversarial{name: "CRLF", src: []byte(crlf), want: mustExpand, check: func(t *testing.T, src, out []byte) {
			if n := bareLF(out); n != 0 {
				t.Errorf("%d lines of a CRLF file end in a bare \\n after the rewrite", n)
			}
			if !bytes.Equal(out, wantCRLF) {
				t.Errorf("the CRLF output is not the LF output with CRLF endings; first difference at %d", firstDiff(out, wantCRLF))
			}
		}})
	})
	t.Run("CRLF without final newline", func(t *testing.T) {
		src := strings.TrimSuffix(crlf, "\r\n")
		runAdversarial(t, adversarial{name: "CRLF no EOL", src: []byte(src), want: mustExpand, check: func(t *testing.T, src, out []byte) {
			if n := bareLF(out); n != 0 {
				t.Errorf("%d bare \\n", n)
			}
		}})
	})
	// Mostly CRLF, with a few LF lines (a pasted snippet): generated lines
	// are CRLF, so the rewrite adds no bare LF.
	t.Run("mostly CRLF", func(t *testing.T) {
		src := strings.Replace(crlf, "// a line comment with \"quotes\" and 'ticks'\r\n", "// a line comment with \"quotes\" and 'ticks'\n", 1)
		src = strings.Replace(src, "    fn name(&self) -> &str;\r\n", "    fn name(&self) -> &str;\n", 1)
		runAdversarial(t, adversarial{name: "mostly CRLF", src: []byte(src), want: mustExpand, check: func(t *testing.T, src, out []byte) {
			if bareLF(out) > bareLF(src) {
				t.Errorf("the rewrite added %d bare \\n to a mostly-CRLF file", bareLF(out)-bareLF(src))
			}
		}})
	})
	// Mostly LF with one CRLF trait: the CRLF item comes out CRLF, the
	// rest LF, generated lines included.
	t.Run("mostly LF, one CRLF item", func(t *testing.T) {
		item := strings.ReplaceAll(asyncChunkAttr(7, "async_trait"), "\n", "\r\n")
		src := lf + item
		runAdversarial(t, adversarial{name: "mostly LF, one CRLF item", src: []byte(src), want: mustExpand, check: func(t *testing.T, src, out []byte) {
			i := bytes.Index(out, []byte("Store7"))
			head, tail := out[:i], out[i:]
			if n := bareLF(tail); n != 0 {
				t.Errorf("the rewritten CRLF item has %d bare LF line ends", n)
			}
			if n := bytes.Count(head, []byte("\r\n")); n != 0 {
				t.Errorf("the LF part has %d CRLF line ends", n)
			}
		}})
	})
	// Old Mac line ends (a bare CR) and a mix of all three.
	t.Run("bare CR", func(t *testing.T) {
		src := strings.ReplaceAll(lf, "\n", "\r")
		runAdversarial(t, adversarial{name: "bare CR", src: []byte(src), want: eitherResult})
	})
	t.Run("CR, LF and CRLF mixed", func(t *testing.T) {
		var sb strings.Builder
		for i, line := range strings.SplitAfter(lf, "\n") {
			switch i % 3 {
			case 0:
				sb.WriteString(line)
			case 1:
				sb.WriteString(strings.Replace(line, "\n", "\r\n", 1))
			case 2:
				sb.WriteString(strings.Replace(line, "\n", "\r", 1))
			}
		}
		runAdversarial(t, adversarial{name: "CR LF CRLF mixed", src: []byte(sb.String()), want: eitherResult})
	})
}

// bareLF counts "\n" not preceded by "\r".
func bareLF(b []byte) int {
	n := 0
	for i, c := range b {
		if c == '\n' && (i == 0 || b[i-1] != '\r') {
			n++
		}
	}
	return n
}

// A leading byte order mark is kept, and the rest of the file expands as
// it would without one.
func TestByteOrderMark(t *testing.T) {
	const bom = "\xef\xbb\xbf"
	body := "use async_trait::async_trait;\n\n" + asyncChunkAttr(1, "async_trait")
	want := append([]byte(bom), expandedChunk(t, body)...)
	// The rest must be the expansion without the BOM, exactly: lines
	// removed right after the BOM (the attribute, the `use`) go with their
	// line ends, as at the start of a file without one.
	check := func(want []byte) func(t *testing.T, src, out []byte) {
		return func(t *testing.T, src, out []byte) {
			if !bytes.HasPrefix(out, []byte(bom)) {
				t.Fatal("the BOM is gone")
			}
			if !bytes.Equal(out, want) {
				t.Errorf("with a BOM the output differs from BOM + the expansion without it; first difference at %d: %q instead of %q", firstDiff(out, want), out[:min(len(out), 8)], want[:min(len(want), 8)])
			}
		}
	}
	runAdversarial(t, adversarial{name: "BOM", src: []byte(bom + body), want: mustExpand, check: check(want)})
	crlfBody := strings.ReplaceAll(body, "\n", "\r\n")
	wantCRLF := append([]byte(bom), bytes.ReplaceAll(expandedChunk(t, body), []byte("\n"), []byte("\r\n"))...)
	runAdversarial(t, adversarial{name: "BOM CRLF", src: []byte(bom + crlfBody), want: mustExpand, check: check(wantCRLF)})
	// The attribute right after the BOM, on the first line.
	first := "#[async_trait::async_trait]\ntrait T { async fn f(&self); }\n"
	runAdversarial(t, adversarial{name: "BOM then attribute", src: []byte(bom + first), want: mustExpand, check: check(append([]byte(bom), expandedChunk(t, first)...))})
	// A BOM anywhere else is not whitespace in Rust.
	runAdversarial(t, adversarial{name: "BOM in the middle", src: []byte(body + bom + "fn f() {}\n"), want: eitherResult})
	// Two BOMs: the second is an error in rustc.
	runAdversarial(t, adversarial{name: "two BOMs", src: []byte(bom + bom + body), want: eitherResult})
}

// -d and --check on a 4 MB file with many changes (one item in three) must
// finish like the rewrite itself does, in well under a second per MB. The
// diff is computed by Myers' O(ND) algorithm on lines, and D grows with
// the file here: 100 KB takes 0.13 s, 1 MB 14 s, 4 MB minutes.
func TestDiffLargeFile(t *testing.T) {
	if testing.Short() {
		t.Skip("4 MB diff; skipped with -short")
	}
	src, _ := chunkedFile(4<<20, 3)
	want := mustRewrite(t, "big.rs", src)
	dir := t.TempDir()
	if err := os.WriteFile(filepath.Join(dir, "big.rs"), src, 0o644); err != nil {
		t.Fatal(err)
	}
	r := runBin(t, runOpts{dir: dir}, "expand", "-d", "big.rs")
	if r.code == -1 {
		return
	}
	checkRSS(t, "-d", r, len(want))
	if r.code != 0 || !bytes.HasPrefix(r.stdout, []byte("--- a/big.rs\n+++ b/big.rs\n")) {
		t.Fatalf("expand -d: %s", r)
	}
	// The diff, applied, gives the rewrite: count its lines as a check.
	plus, minus := 0, 0
	for _, line := range bytes.Split(r.stdout, []byte("\n")) {
		switch {
		case bytes.HasPrefix(line, []byte("+++ ")), bytes.HasPrefix(line, []byte("--- ")):
		case bytes.HasPrefix(line, []byte("+")):
			plus++
		case bytes.HasPrefix(line, []byte("-")):
			minus++
		}
	}
	if lines := bytes.Count(want, []byte("\n")) - bytes.Count(src, []byte("\n")); plus-minus != lines {
		t.Errorf("the diff adds %d and removes %d lines; the rewrite has %d more lines", plus, minus, lines)
	}
	note("expand -d on 4 MB: %v", r.took.Round(time.Millisecond))
}
