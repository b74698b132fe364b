package asynctrait_test

import (
	"bufio"
	"bytes"
	"encoding/json"
	"fmt"
	"os"
	"os/exec"
	"path/filepath"
	"sort"
	"strings"
	"testing"

	"github.com/asynctrait/asynctrait"
)

// A behavioural case: a whole program using #[async_trait] (testdata/cases).
type behaviourCase struct {
	name, path  string
	src, out    []byte
	deps        []string
	edition     string
	compileFail bool
	failCode    string
	stderrHas   []string
	oracle      bool // also build and run the original with the real macro
}

func loadCases(t *testing.T) []*behaviourCase {
	files, _ := filepath.Glob("testdata/cases/*.rs")
	if len(files) == 0 {
		t.Fatal("no cases in testdata/cases")
	}
	var cases []*behaviourCase
	for _, f := range files {
		src, err := os.ReadFile(f)
		if err != nil {
			t.Fatal(err)
		}
		c := &behaviourCase{name: strings.TrimSuffix(filepath.Base(f), ".rs"), path: f, src: src, edition: "2021", oracle: true}
		sc := bufio.NewScanner(bytes.NewReader(src))
		for sc.Scan() {
			line := sc.Text()
			if !strings.HasPrefix(line, "//") {
				break
			}
			key, val, _ := strings.Cut(strings.TrimSpace(strings.TrimPrefix(line, "//")), ":")
			val = strings.TrimSpace(val)
			switch key {
			case "deps":
				for _, d := range strings.Split(val, ",") {
					if d = strings.TrimSpace(d); d != "" && d != "std" {
						c.deps = append(c.deps, d)
					}
				}
			case "edition":
				c.edition = val
			case "expect":
				if strings.HasPrefix(val, "compile-fail") {
					c.compileFail = true
					c.failCode = strings.TrimSpace(strings.TrimPrefix(val, "compile-fail"))
				}
			case "expect-stderr-contains":
				c.stderrHas = append(c.stderrHas, val)
			case "oracle":
				if strings.HasPrefix(val, "skip") {
					c.oracle = false
				}
			}
		}
		if bytes.Contains(src, []byte("workflow_async_trait")) {
			c.oracle = false // the fork is not packaged: checked through our expansion only
		}
		cases = append(cases, c)
	}
	return cases
}

// TestCases expands every behavioural case, builds the expansion WITHOUT the
// async-trait crate and runs it; the original is built with the real macro
// (Debian's 0.1.56) and run too, and both must print the same. Expanded code
// must add no rustc warning the original does not have. Cases marked
// `expect: compile-fail CODE` must fail to compile with that error, as they
// do with the macro.
func TestCases(t *testing.T) {
	if testing.Short() {
		t.Skip("builds every case with cargo; skipped with -short")
	}
	tc := requireToolchain(t)
	cargo := filepath.Join(filepath.Dir(tc.rustc), "cargo")
	cases := loadCases(t)
	for _, c := range cases {
		res := asynctrait.Expand(c.path, c.src, asynctrait.Options{})
		if res.HasErrors() {
			t.Fatalf("%s: %s", c.name, renderShort(res))
		}
		c.out = res.Output
		// Layout: the case formatted by rustfmt, expanded, must still pass
		// rustfmt --check.
		fmtCmd := exec.Command(tc.rustfmt, "--edition", c.edition)
		fmtCmd.Stdin = bytes.NewReader(c.src)
		if formatted, err := fmtCmd.Output(); err == nil {
			r := asynctrait.Expand(c.path, formatted, asynctrait.Options{})
			if r.HasErrors() {
				t.Errorf("%s (rustfmt-formatted): %s", c.name, renderShort(r))
			} else if !tc.rustfmtClean(t, r.Output) {
				t.Errorf("%s: the rustfmt-formatted case is no longer rustfmt-clean after the rewrite:\n%s", c.name, tc.rustfmtDiff(t, r.Output))
			}
		}
		// No attribute or import of the macros may remain (comments aside).
		for _, line := range strings.Split(string(c.out), "\n") {
			code := strings.TrimSpace(line)
			if strings.HasPrefix(code, "//") {
				continue
			}
			if strings.Contains(code, "#[async_trait") || strings.Contains(code, "use async_trait") || strings.Contains(code, "workflow_async_trait") {
				t.Errorf("%s: expansion still contains %q", c.name, code)
			}
		}
	}
	// Cases written for another edition get [[bin]] entries with it.
	var extra strings.Builder
	for _, c := range cases {
		if c.edition != "2021" && !c.compileFail {
			prefixes := []string{"x_"}
			if c.oracle {
				prefixes = append(prefixes, "o_")
			}
			for _, prefix := range prefixes {
				fmt.Fprintf(&extra, "\n[[bin]]\nname = %q\npath = \"src/bin/%s.rs\"\nedition = %q\n", prefix+c.name, prefix+c.name, c.edition)
			}
		}
	}
	dir := casesProject(t, cargo, extra.String())
	var okCases, failCases []*behaviourCase
	for _, c := range cases {
		if c.compileFail {
			failCases = append(failCases, c)
		} else {
			okCases = append(okCases, c)
		}
	}
	writeBins(t, dir, okCases)
	warnings := cargoBuild(t, cargo, dir, nil)
	for _, c := range okCases {
		c := c
		t.Run(c.name, func(t *testing.T) {
			got := runBin(t, dir, "x_"+c.name)
			if c.oracle {
				want := runBin(t, dir, "o_"+c.name)
				if got != want {
					t.Errorf("expanded program printed\n%s\nthe original with the real macro printed\n%s", got, want)
				}
				extra := subtract(warnings["x_"+c.name], warnings["o_"+c.name])
				if len(extra) > 0 {
					t.Errorf("the expansion adds rustc warnings the original does not have: %v", extra)
				}
			} else if w := warnings["x_"+c.name]; len(w) > 0 {
				t.Errorf("the expansion has rustc warnings: %v", w)
			}
		})
	}
	for _, c := range failCases {
		c := c
		t.Run(c.name, func(t *testing.T) {
			writeBins(t, dir, []*behaviourCase{c})
			out, ok := cargoBuildBin(t, cargo, dir, "x_"+c.name)
			if ok {
				t.Fatalf("the expansion compiled, but the case expects %s", c.failCode)
			}
			if c.failCode != "" && !strings.Contains(out, "error["+c.failCode+"]") {
				t.Errorf("expected error %s, got:\n%s", c.failCode, out)
			}
			for _, s := range c.stderrHas {
				if !strings.Contains(out, s) {
					t.Errorf("expected the compiler output to contain %q:\n%s", s, out)
				}
			}
			if c.oracle {
				out, ok := cargoBuildBin(t, cargo, dir, "o_"+c.name)
				if ok || c.failCode != "" && !strings.Contains(out, "error["+c.failCode+"]") {
					t.Errorf("the original with the real macro should fail with %s too:\n%s", c.failCode, out)
				}
			}
			removeBins(dir, c)
		})
	}
}

// casesProject creates the cargo project the cases build in (deps built
// once per machine, kept in .cache/cases).
func casesProject(t *testing.T, cargo, extraManifest string) string {
	dir, err := filepath.Abs(".cache/cases")
	if err != nil {
		t.Fatal(err)
	}
	os.RemoveAll(filepath.Join(dir, "src"))
	if err := os.MkdirAll(filepath.Join(dir, "src", "bin"), 0o755); err != nil {
		t.Fatal(err)
	}
	os.MkdirAll(filepath.Join(dir, ".cargo"), 0o755)
	cfg := "[source.crates-io]\nreplace-with = \"debian\"\n\n[source.debian]\ndirectory = \"" + registry + "\"\n"
	os.WriteFile(filepath.Join(dir, ".cargo", "config.toml"), []byte(cfg), 0o644)
	manifest := `[package]
name = "asynctrait-cases"
version = "0.0.0"
edition = "2021"
publish = false
autobins = true

[dependencies]
async-trait = "0.1"
futures = "0.3"
tokio = { version = "1", features = ["full"] }
tracing = "0.1"
tracing-attributes = "0.1"
`
	os.WriteFile(filepath.Join(dir, "Cargo.toml"), []byte(manifest+extraManifest), 0o644)
	os.WriteFile(filepath.Join(dir, "src", "lib.rs"), nil, 0o644)
	if _, err := os.Stat(registry); err != nil {
		if os.Getenv("CI") != "" {
			t.Fatalf("%s missing; scripts/setup.sh installs it", registry)
		}
		t.Skipf("%s missing (run scripts/setup.sh)", registry)
	}
	return dir
}

func writeBins(t *testing.T, dir string, cases []*behaviourCase) {
	for _, c := range cases {
		bin := filepath.Join(dir, "src", "bin")
		if err := os.WriteFile(filepath.Join(bin, "x_"+c.name+".rs"), c.out, 0o644); err != nil {
			t.Fatal(err)
		}
		if c.oracle {
			if err := os.WriteFile(filepath.Join(bin, "o_"+c.name+".rs"), c.src, 0o644); err != nil {
				t.Fatal(err)
			}
		}
	}
}

func removeBins(dir string, c *behaviourCase) {
	os.Remove(filepath.Join(dir, "src", "bin", "x_"+c.name+".rs"))
	os.Remove(filepath.Join(dir, "src", "bin", "o_"+c.name+".rs"))
}

// cargoBuild builds all bins and returns each target's warnings (lint names).
func cargoBuild(t *testing.T, cargo, dir string, _ []string) map[string][]string {
	cmd := exec.Command(cargo, "build", "--bins", "--message-format=json")
	cmd.Dir = dir
	cmd.Stdin = strings.NewReader("") // never inherit a stdin cargo could pass on
	var stderr bytes.Buffer
	cmd.Stderr = &stderr
	out, err := cmd.Output()
	warnings := map[string][]string{}
	var errs []string
	for _, line := range bytes.Split(out, []byte("\n")) {
		var m struct {
			Reason string `json:"reason"`
			Target struct {
				Name string `json:"name"`
			} `json:"target"`
			Message *struct {
				Level    string `json:"level"`
				Rendered string `json:"rendered"`
				Code     *struct {
					Code string `json:"code"`
				} `json:"code"`
			} `json:"message"`
		}
		if json.Unmarshal(line, &m) != nil || m.Reason != "compiler-message" || m.Message == nil {
			continue
		}
		switch m.Message.Level {
		case "warning":
			code := "warning"
			if m.Message.Code != nil {
				code = m.Message.Code.Code
			}
			if !strings.HasPrefix(m.Message.Rendered, "warning: ") || !strings.Contains(m.Message.Rendered, "warnings emitted") {
				warnings[m.Target.Name] = append(warnings[m.Target.Name], code)
			}
		case "error":
			errs = append(errs, m.Target.Name+": "+m.Message.Rendered)
		}
	}
	if err != nil {
		t.Fatalf("cargo build of the cases failed: %v\n%s\n%s", err, strings.Join(errs, "\n"), stderr.String())
	}
	return warnings
}

func cargoBuildBin(t *testing.T, cargo, dir, bin string) (string, bool) {
	cmd := exec.Command(cargo, "build", "--bin", bin, "--color=never")
	cmd.Dir = dir
	cmd.Stdin = strings.NewReader("") // never inherit a stdin cargo could pass on
	out, err := cmd.CombinedOutput()
	return string(out), err == nil
}

func runBin(t *testing.T, dir, name string) string {
	cmd := exec.Command(filepath.Join(dir, "target", "debug", name))
	var stdout, stderr bytes.Buffer
	cmd.Stdout, cmd.Stderr = &stdout, &stderr
	if err := cmd.Run(); err != nil {
		t.Fatalf("running %s: %v\n%s%s", name, err, stdout.String(), stderr.String())
	}
	return stdout.String()
}

// subtract returns the elements of a not matched by an element of b.
func subtract(a, b []string) []string {
	left := map[string]int{}
	for _, x := range b {
		left[x]++
	}
	var out []string
	for _, x := range a {
		if left[x] > 0 {
			left[x]--
			continue
		}
		out = append(out, x)
	}
	sort.Strings(out)
	return out
}

var _ = fmt.Sprint

// TestMacroErrorCases: inputs the real macro rejects are rejected by
// asynctrait too, with the macro's wording, and left unchanged.
func TestMacroErrorCases(t *testing.T) {
	files, _ := filepath.Glob("testdata/cases/macro_errors/*.rs")
	if len(files) == 0 {
		t.Fatal("no macro error cases")
	}
	for _, f := range files {
		src, err := os.ReadFile(f)
		if err != nil {
			t.Fatal(err)
		}
		res := asynctrait.Expand(f, src, asynctrait.Options{})
		if !res.HasErrors() || !bytes.Equal(res.Output, src) {
			t.Errorf("%s: not rejected (or changed)", f)
			continue
		}
		for _, line := range strings.Split(string(src), "\n") {
			if want, ok := strings.CutPrefix(line, "// expect-stderr-contains: "); ok && !strings.Contains(renderShort(res), want) {
				t.Errorf("%s: diagnostics %q lack %q", f, renderShort(res), want)
			}
		}
	}
}

// TestInterop: a trait expanded by asynctrait implemented with the real
// macro, and a trait expanded by the real macro implemented from
// asynctrait's expansion, compile and run together.
func TestInterop(t *testing.T) {
	if testing.Short() {
		t.Skip("builds with cargo; skipped with -short")
	}
	tc := requireToolchain(t)
	cargo := filepath.Join(filepath.Dir(tc.rustc), "cargo")
	const traits = `pub trait Store: Send + Sync {
    async fn get(&self, key: &str) -> Option<String>;
    async fn put(&mut self, key: String, value: String);
    async fn len(&self) -> usize {
        0
    }
    async fn scan(&self, prefix: &str, limit: usize) -> Vec<String>;
}
`
	const impl = `impl Store for Mem {
    async fn get(&self, key: &str) -> Option<String> {
        self.0.get(key).cloned()
    }
    async fn put(&mut self, key: String, value: String) {
        self.0.insert(key, value);
    }
    async fn len(&self) -> usize {
        self.0.len()
    }
    async fn scan(&self, prefix: &str, limit: usize) -> Vec<String> {
        self.0.keys().filter(|k| k.starts_with(prefix)).take(limit).cloned().collect()
    }
}
`
	const main = `
fn main() {
    let mut m = imp::Mem(Default::default());
    futures::executor::block_on(async {
        use tr::Store;
        m.put("a1".into(), "x".into()).await;
        m.put("a2".into(), "y".into()).await;
        m.put("b".into(), "z".into()).await;
        let s: &dyn Store = &m;
        assert_eq!(s.get("a2").await.as_deref(), Some("y"));
        assert_eq!(s.len().await, 3);
        assert_eq!(m.scan("a", 5).await, vec!["a1".to_string(), "a2".to_string()]);
        println!("interop ok");
    });
}
`
	expand := func(src string) string {
		res := asynctrait.Expand("x.rs", []byte("use async_trait::async_trait;\n\n#[async_trait]\n"+src), asynctrait.Options{})
		if res.HasErrors() || !res.Changed {
			t.Fatalf("expanding: %s", renderShort(res))
		}
		return string(res.Output)
	}
	const mem = "pub struct Mem(pub std::collections::BTreeMap<String, String>);\n"
	macro := func(src string) string { return "use async_trait::async_trait;\n\n#[async_trait]\n" + src }
	programs := map[string]string{
		// our trait, the macro's impl
		"ours_trait": "mod tr {\n" + expand(traits) + "}\nmod imp {\nuse crate::tr::Store;\n" + mem + macro(impl) + "}\n" + main,
		// the macro's trait, our impl
		"ours_impl": "mod tr {\n" + macro(traits) + "}\nmod imp {\nuse crate::tr::Store;\n" + mem + expand(impl) + "}\n" + main,
	}
	dir := casesProject(t, cargo, "")
	for name, src := range programs {
		os.WriteFile(filepath.Join(dir, "src", "bin", name+".rs"), []byte(src), 0o644)
	}
	cargoBuild(t, cargo, dir, nil)
	for name := range programs {
		if got := runBin(t, dir, name); got != "interop ok\n" {
			t.Errorf("%s printed %q", name, got)
		}
	}
}
