package asynctrait_test

import (
	"bytes"
	"os"
	"os/exec"
	"path/filepath"
	"regexp"
	"strings"
	"testing"

	"github.com/asynctrait/asynctrait"
	"github.com/asynctrait/asynctrait/internal/lexer"
)

// TestOracleSignatures is the differential test against the real macro:
// Debian's async-trait 0.1.56 expands every golden input and behavioural
// case (a `#[dump]` attribute placed below `#[async_trait]` records the
// macro's output tokens), asynctrait expands the same sources with
// --exact, and every rewritten method signature (from `fn` to the body) is
// compared token for token. Each difference must be one that spec §8 lists
// between 0.1.56 and 0.1.92 (HEAD, our target), and the test names which.
func TestOracleSignatures(t *testing.T) {
	if testing.Short() {
		t.Skip("builds with cargo; skipped with -short")
	}
	tc := requireToolchain(t)
	cargo := filepath.Join(filepath.Dir(tc.rustc), "cargo")
	type input struct {
		name string
		src  []byte
	}
	var inputs []input
	golden, _ := filepath.Glob("testdata/expand/*.rs")
	for _, g := range golden {
		base := filepath.Base(g)
		if strings.HasPrefix(base, "err_") || strings.HasPrefix(base, "fork_") || strings.Contains(base, "cfg_attr") {
			continue
		}
		src, _ := os.ReadFile(g)
		if bytes.Contains(src, []byte("// oracle: skip")) {
			continue
		}
		inputs = append(inputs, input{"g_" + strings.TrimSuffix(base, ".rs"), src})
	}
	for _, c := range loadCases(t) {
		if c.oracle && !c.compileFail {
			inputs = append(inputs, input{"c_" + c.name, c.src})
		}
	}

	dir, err := filepath.Abs(".cache/oracle")
	if err != nil {
		t.Fatal(err)
	}
	dumpCrate, _ := filepath.Abs("testdata/oracle/dump")
	os.RemoveAll(filepath.Join(dir, "src"))
	os.MkdirAll(filepath.Join(dir, "src", "bin"), 0o755)
	os.MkdirAll(filepath.Join(dir, ".cargo"), 0o755)
	os.WriteFile(filepath.Join(dir, ".cargo", "config.toml"), []byte("[source.crates-io]\nreplace-with = \"debian\"\n\n[source.debian]\ndirectory = \""+registry+"\"\n"), 0o644)
	os.WriteFile(filepath.Join(dir, "Cargo.toml"), []byte(`[package]
name = "asynctrait-oracle"
version = "0.0.0"
edition = "2021"
publish = false

[dependencies]
async-trait = "0.1"
dump = { path = "`+dumpCrate+`" }
futures = "0.3"
tokio = { version = "1", features = ["full"] }
tracing = "0.1"
tracing-attributes = "0.1"
`), 0o644)
	os.WriteFile(filepath.Join(dir, "src", "lib.rs"), nil, 0o644)
	attrLine := regexp.MustCompile(`^(\s*)#\[(?:[^\]]*async_trait[^\]]*|at|at\(\?\s*Send\))\]\s*$`)
	for _, in := range inputs {
		var b strings.Builder
		for _, line := range strings.Split(string(in.src), "\n") {
			b.WriteString(line + "\n")
			if m := attrLine.FindStringSubmatch(line); m != nil && !strings.Contains(line, "cfg_attr") {
				b.WriteString(m[1] + "#[::dump::dump]\n")
			}
		}
		text := b.String()
		if !strings.Contains(text, "fn main()") {
			text += "\nfn main() {}\n"
		}
		os.WriteFile(filepath.Join(dir, "src", "bin", in.name+".rs"), []byte(text), 0o644)
	}
	out := t.TempDir()
	clean := exec.Command(cargo, "clean", "-p", "asynctrait-oracle")
	clean.Dir = dir
	clean.Stdin = strings.NewReader("") // never inherit a stdin cargo could pass on
	clean.Run()
	build := exec.Command(cargo, "build", "--bins", "--keep-going", "--color=never")
	build.Dir = dir
	build.Stdin = strings.NewReader("") // never inherit a stdin cargo could pass on
	build.Env = append(os.Environ(), "ASYNCTRAIT_ORACLE_OUT="+out)
	// Type errors after expansion (0.1.56 semantics differ, spec §8) do not
	// matter here: the dumps are written during expansion.
	buildLog, buildErr := build.CombinedOutput()

	compared, identical := 0, 0
	reasonsSeen := map[string]int{}
	for _, in := range inputs {
		dump, err := os.ReadFile(filepath.Join(out, in.name+".txt"))
		if err != nil {
			t.Errorf("%s: the macro produced no dump: %v (build: %v)\n%s", in.name, err, buildErr, buildLog)
			continue
		}
		theirs := signatures(dump)
		res := asynctrait.Expand(in.name, in.src, asynctrait.Options{Exact: true})
		if res.HasErrors() {
			t.Errorf("%s: %s", in.name, renderShort(res))
			continue
		}
		ours := signatures(res.Output)
		methods := asyncMethods(in.src)
		for name, list := range ours {
			other := theirs[name]
			if len(other) != len(list) && bytes.Contains(in.src, []byte("macro_rules!")) {
				continue // a transcriber is instantiated as often as the macro is called
			}
			if len(other) != len(list) {
				t.Errorf("%s: %d rewritten `%s` methods, the macro has %d", in.name, len(list), name, len(other))
				continue
			}
			for i := range list {
				if strings.Contains(list[i], "$") {
					continue // a macro transcriber: the macro sees its instantiations
				}
				compared++
				if list[i] == other[i] {
					identical++
					continue
				}
				reasons := explain(methods[name])
				if len(reasons) == 0 {
					t.Errorf("%s: `%s` differs from the macro's and spec §8 has no reason for it:\n ours:   %s\n theirs: %s", in.name, name, list[i], other[i])
					continue
				}
				for _, r := range reasons {
					reasonsSeen[r]++
				}
				t.Logf("%s: `%s` differs as spec %s lists:\n ours:   %s\n theirs: %s", in.name, name, strings.Join(reasons, ", "), list[i], other[i])
			}
		}
	}
	if compared < 100 {
		t.Errorf("only %d signatures compared", compared)
	}
	t.Logf("%d signatures compared: %d identical, differences explained by %v", compared, identical, reasonsSeen)
}

// signatures extracts, per method name, the whitespace-free token text of
// every rewritten method signature (`fn` … up to the body or `;`).
func signatures(src []byte) map[string][]string {
	res := lexer.Lex(src)
	var toks []lexer.Token
	for _, t := range res.Tokens {
		if !t.Kind.IsTrivia() && t.Kind != lexer.EOF && t.Kind != lexer.DocComment {
			toks = append(toks, t)
		}
	}
	text := func(t lexer.Token) string { return string(src[t.Start:t.End]) }
	out := map[string][]string{}
	for i := 0; i < len(toks); i++ {
		if toks[i].Kind != lexer.Ident || text(toks[i]) != "fn" || i+1 >= len(toks) || toks[i+1].Kind != lexer.Ident {
			continue
		}
		var b strings.Builder
		j := i
		for ; j < len(toks) && toks[j].Kind != lexer.LBrace && toks[j].Kind != lexer.Semi; j++ {
			b.WriteString(text(toks[j]))
		}
		sig := b.String()
		if strings.Contains(sig, "'async_trait") {
			out[text(toks[i+1])] = append(out[text(toks[i+1])], sig)
		}
	}
	return out
}

// asyncMethods returns, per name, the source text of each async fn (its
// signature and, for impls, body), to explain differences.
func asyncMethods(src []byte) map[string][]string {
	out := map[string][]string{}
	re := regexp.MustCompile(`async\s+(?:unsafe\s+)?fn\s+(\w+)`)
	for _, m := range re.FindAllSubmatchIndex(src, -1) {
		name := string(src[m[2]:m[3]])
		end := m[1]
		depth := 0
		for end < len(src) {
			c := src[end]
			if c == '{' {
				depth++
			} else if c == '}' {
				depth--
				if depth == 0 {
					end++
					break
				}
			} else if c == ';' && depth == 0 {
				break
			}
			end++
		}
		out[name] = append(out[name], string(src[m[0]:min(end, len(src))]))
	}
	return out
}

var (
	refPatRe  = regexp.MustCompile(`(\(|,)\s*(?:mut\s+|ref\s+|&|_\s*:|\(|\[|[A-Z]\w*\s*[\{(])[^:]*:\s*&`)
	genAttrRe = regexp.MustCompile(`<[^>]*#\[`)
	arcSelfRe = regexp.MustCompile(`self\s*:\s*(?:\w+::)*Arc<Self>`)
	bodySelf  = regexp.MustCompile(`\bSelf\b`)
)

// explain lists the spec §8 differences (0.1.56 → HEAD) that can apply to
// a method, judging from its source.
func explain(defs []string) []string {
	var r []string
	seen := map[string]bool{}
	add := func(s string) {
		if !seen[s] {
			seen[s] = true
			r = append(r, s)
		}
	}
	for _, d := range defs {
		sig, body, _ := strings.Cut(d, "{")
		if refPatRe.MatchString(sig) {
			add("§8 item 4 (reference parameters keep their pattern)")
		}
		if genAttrRe.MatchString(sig) {
			add("§8 item 7 (attributes on method generics)")
		}
		if arcSelfRe.MatchString(sig) {
			add("§8 item 5 (Arc<Self> default infers Sync + Send)")
		}
		if bodySelf.MatchString(body) && !bodySelf.MatchString(sig) {
			add("§8 item 6 (impl methods: Self in the body only)")
		}
	}
	return r
}

var _ = bytes.Equal
