package asynctrait_test

import (
	"bytes"
	"flag"
	"fmt"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"testing"

	"github.com/asynctrait/asynctrait"
)

var update = flag.Bool("update", false, "rewrite golden files")

// directives reads `// asynctrait: <flags>` and `// rustc: <flags>` lines
// at the top of a golden input.
type directives struct {
	opts      asynctrait.Options
	rustc     []string   // extra rustc flags for every build
	rustcCfgs [][]string // extra builds, each with these flags added
}

func readDirectives(t *testing.T, src []byte) directives {
	var d directives
	for _, line := range strings.Split(string(src), "\n") {
		if !strings.HasPrefix(line, "//") {
			break
		}
		line = strings.TrimSpace(strings.TrimPrefix(line, "//"))
		key, val, ok := strings.Cut(line, ":")
		if !ok {
			continue
		}
		fields := splitArgs(val)
		switch key {
		case "asynctrait":
			for i := 0; i < len(fields); i++ {
				switch fields[i] {
				case "--exact":
					d.opts.Exact = true
				case "--cfg":
					i++
					d.opts.Cfg = append(d.opts.Cfg, fields[i])
				default:
					t.Fatalf("unknown directive flag %q", fields[i])
				}
			}
		case "rustc":
			d.rustc = append(d.rustc, fields...)
		case "rustc-also":
			d.rustcCfgs = append(d.rustcCfgs, fields)
		}
	}
	return d
}

// splitArgs splits on spaces, keeping single-quoted parts together.
func splitArgs(s string) []string {
	var out []string
	var cur strings.Builder
	quoted := false
	for _, r := range s {
		switch {
		case r == '\'':
			quoted = !quoted
		case r == ' ' && !quoted:
			if cur.Len() > 0 {
				out = append(out, cur.String())
				cur.Reset()
			}
		default:
			cur.WriteRune(r)
		}
	}
	if cur.Len() > 0 {
		out = append(out, cur.String())
	}
	return out
}

// renderShort prints diagnostics as `line:col: level: message`.
func renderShort(res asynctrait.Result) string {
	var b strings.Builder
	for _, d := range res.Diagnostics {
		pos := "0:0"
		if d.File != nil {
			p := d.File.Position(int(d.Primary().Start))
			pos = fmt.Sprintf("%d:%d", p.Line, p.Column)
		}
		fmt.Fprintf(&b, "%s: %s: %s\n", pos, d.Severity, d.Message)
	}
	return b.String()
}

func checkGolden(t *testing.T, path string, got []byte) {
	t.Helper()
	if *update {
		if err := os.WriteFile(path, got, 0o644); err != nil {
			t.Fatal(err)
		}
		return
	}
	want, err := os.ReadFile(path)
	if err != nil {
		t.Fatalf("missing golden file (run go test -update): %v", err)
	}
	if !bytes.Equal(got, want) {
		t.Errorf("output differs from %s (run go test -update to accept):\n%s", path, lineDiff(string(want), string(got)))
	}
}

// lineDiff shows the first differing lines.
func lineDiff(want, got string) string {
	w, g := strings.Split(want, "\n"), strings.Split(got, "\n")
	for i := 0; i < len(w) || i < len(g); i++ {
		var wl, gl string
		if i < len(w) {
			wl = w[i]
		}
		if i < len(g) {
			gl = g[i]
		}
		if wl != gl {
			return fmt.Sprintf("line %d:\n- %s\n+ %s", i+1, wl, gl)
		}
	}
	return "(no line differs)"
}

// TestGolden expands every testdata/expand/*.rs, compares with its golden
// (.golden, or .stderr for inputs that must be rejected), checks that the
// output expands to itself, that a rustfmt-clean input gives rustfmt-clean
// output, and compiles the output with rustc, which must accept it without
// any warning.
func TestGolden(t *testing.T) {
	inputs, err := filepath.Glob("testdata/expand/*.rs")
	if err != nil || len(inputs) == 0 {
		t.Fatalf("no inputs: %v", err)
	}
	tc := requireToolchain(t)
	for _, in := range inputs {
		in := in
		t.Run(strings.TrimSuffix(filepath.Base(in), ".rs"), func(t *testing.T) {
			t.Parallel()
			src, err := os.ReadFile(in)
			if err != nil {
				t.Fatal(err)
			}
			d := readDirectives(t, src)
			res := asynctrait.Expand(in, src, d.opts)
			if res.HasErrors() {
				if !bytes.Equal(res.Output, src) {
					t.Errorf("output changed although there are errors")
				}
				checkGolden(t, in+".stderr", []byte(renderShort(res)))
				return
			}
			if len(res.Diagnostics) > 0 {
				checkGolden(t, in+".stderr", []byte(renderShort(res)))
			}
			checkGolden(t, in+".golden", res.Output)
			if !res.Changed {
				t.Errorf("nothing was rewritten")
			}
			again := asynctrait.Expand(in, res.Output, d.opts)
			if again.Changed || again.HasErrors() {
				t.Errorf("not idempotent: expanding the output changes it again\n%s", lineDiff(string(res.Output), string(again.Output)))
			}
			if !d.opts.Exact && tc.rustfmtClean(t, src) && !tc.rustfmtClean(t, res.Output) {
				t.Errorf("input passes rustfmt --check but the output does not:\n%s", tc.rustfmtDiff(t, res.Output))
			}
			builds := [][]string{nil}
			builds = append(builds, d.rustcCfgs...)
			for _, extra := range builds {
				flags := append(append([]string(nil), d.rustc...), extra...)
				tc.compileClean(t, res.Output, flags)
			}
		})
	}
}

// toolchain locates rustc and rustfmt.
type toolchain struct{ rustc, rustfmt string }

func requireToolchain(t *testing.T) toolchain {
	t.Helper()
	find := func(name string) string {
		if p, err := exec.LookPath(name); err == nil {
			return p
		}
		home, _ := os.UserHomeDir()
		p := filepath.Join(home, ".cargo", "bin", name)
		if _, err := os.Stat(p); err == nil {
			return p
		}
		if os.Getenv("CI") != "" {
			t.Fatalf("%s not found; scripts/setup.sh should have made it available", name)
		}
		t.Skipf("%s not found (install the Rust toolchain; CI fails instead of skipping)", name)
		return ""
	}
	return toolchain{rustc: find("rustc"), rustfmt: find("rustfmt")}
}

func (tc toolchain) rustfmtClean(t *testing.T, src []byte) bool {
	cmd := exec.Command(tc.rustfmt, "--edition", "2021", "--check")
	cmd.Stdin = bytes.NewReader(src)
	return cmd.Run() == nil
}

func (tc toolchain) rustfmtDiff(t *testing.T, src []byte) string {
	cmd := exec.Command(tc.rustfmt, "--edition", "2021", "--check")
	cmd.Stdin = bytes.NewReader(src)
	out, _ := cmd.CombinedOutput()
	return string(out)
}

// compileClean compiles src as a library (or a binary, if it has a main,
// which is then run) and fails on any error or warning.
func (tc toolchain) compileClean(t *testing.T, src []byte, flags []string) {
	t.Helper()
	dir := t.TempDir()
	file := filepath.Join(dir, "out.rs")
	if err := os.WriteFile(file, src, 0o644); err != nil {
		t.Fatal(err)
	}
	isBin := bytes.Contains(src, []byte("\nfn main()"))
	args := []string{"--edition", "2021", "-o", filepath.Join(dir, "out"), "--crate-name", "golden"}
	if !isBin {
		args = append(args, "--crate-type", "lib", "--emit", "metadata")
	}
	args = append(args, flags...)
	args = append(args, file)
	out, err := exec.Command(tc.rustc, args...).CombinedOutput()
	if err != nil || bytes.Contains(out, []byte("warning")) {
		t.Fatalf("rustc %s: %v\n%s", strings.Join(flags, " "), err, out)
	}
	if isBin {
		run, err := exec.Command(filepath.Join(dir, "out")).CombinedOutput()
		if err != nil {
			t.Fatalf("running the expanded program: %v\n%s", err, run)
		}
	}
}

// TestExample: the README's first command rewrites examples/advertising.rs;
// the result compiles with rustc alone (no crates), without warnings, is
// rustfmt-clean, and runs.
func TestExample(t *testing.T) {
	tc := requireToolchain(t)
	src, err := os.ReadFile("examples/advertising.rs")
	if err != nil {
		t.Fatal(err)
	}
	res := asynctrait.Expand("examples/advertising.rs", src, asynctrait.Options{})
	if res.HasErrors() || !res.Changed {
		t.Fatalf("expanding the example: %s", renderShort(res))
	}
	if bytes.Contains(res.Output, []byte("async_trait::")) {
		t.Error("the example still refers to the async_trait crate")
	}
	if !tc.rustfmtClean(t, res.Output) {
		t.Errorf("not rustfmt-clean:\n%s", tc.rustfmtDiff(t, res.Output))
	}
	tc.compileClean(t, res.Output, nil)
}
