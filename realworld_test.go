package asynctrait_test

import (
	"bufio"
	"bytes"
	"io/fs"
	"os"
	"os/exec"
	"path/filepath"
	"regexp"
	"strings"
	"testing"

	"github.com/asynctrait/asynctrait"
)

// Real crates Debian ships that use async-trait. Each is copied out of the
// registry, its own unit tests are run as published (with the macro), then
// every file is rewritten by asynctrait, the async-trait dependency is
// removed from Cargo.toml, and the same tests must build and pass again.
var realCrates = []struct {
	dir      string // registry folder glob
	features []string
}{
	{dir: "tokio-postgres-0.7.*"},
	{dir: "trust-dns-proto-0.22.*"},
	{dir: "trust-dns-server-0.22.*"},
	{dir: "ttrpc-0.5.*", features: []string{"async"}},
	{dir: "greetd_ipc-0.9.*", features: []string{"tokio-codec"}},
	{dir: "async-std-resolver-0.22.*"},
}

const registry = "/usr/share/cargo/registry"

func TestRealCrates(t *testing.T) {
	if testing.Short() {
		t.Skip("builds real crates; skipped with -short")
	}
	tc := requireToolchain(t)
	cargo := filepath.Join(filepath.Dir(tc.rustc), "cargo")
	for _, c := range realCrates {
		c := c
		matches, _ := filepath.Glob(filepath.Join(registry, c.dir))
		name := strings.TrimSuffix(c.dir, "-*")
		t.Run(name, func(t *testing.T) {
			if len(matches) == 0 {
				if os.Getenv("CI") != "" {
					t.Fatalf("%s not installed under %s; scripts/setup.sh installs it", c.dir, registry)
				}
				t.Skipf("%s not installed (run scripts/setup.sh)", c.dir)
			}
			src := matches[len(matches)-1]
			dir := filepath.Join(t.TempDir(), filepath.Base(src))
			copyTree(t, src, dir)
			prepareManifest(t, dir, false)
			cargoBuildLib(t, cargo, dir, c.features, "before the rewrite")
			before := cargoTest(t, cargo, dir, c.features)

			rewritten := 0
			err := filepath.WalkDir(dir, func(p string, d fs.DirEntry, err error) error {
				if err != nil || d.IsDir() && d.Name() == "target" {
					if d != nil && d.IsDir() {
						return filepath.SkipDir
					}
					return err
				}
				if d.IsDir() || !strings.HasSuffix(p, ".rs") {
					return nil
				}
				b, err := os.ReadFile(p)
				if err != nil {
					return err
				}
				res := asynctrait.Expand(p, b, asynctrait.Options{})
				if res.HasErrors() {
					t.Errorf("%s: %s", p, renderShort(res))
				}
				if res.Changed {
					rewritten++
					return os.WriteFile(p, res.Output, 0o644)
				}
				return nil
			})
			if err != nil {
				t.Fatal(err)
			}
			if rewritten == 0 {
				t.Fatal("no file was rewritten")
			}
			for _, p := range findRS(t, dir) {
				b, _ := os.ReadFile(p)
				if bytes.Contains(b, []byte("async_trait::")) || bytes.Contains(b, []byte("#[async_trait")) {
					t.Errorf("%s still mentions async_trait", p)
				}
			}
			prepareManifest(t, dir, true)
			cargoBuildLib(t, cargo, dir, c.features, "after the rewrite, without async-trait")
			after := cargoTest(t, cargo, dir, c.features)
			for test := range before.passed {
				if !after.passed[test] {
					t.Errorf("test %s passed before the rewrite but not after", test)
				}
			}
			if t.Failed() {
				t.Logf("cargo test after the rewrite:\n%s", after.log)
			}
			t.Logf("%d files rewritten; %d unit tests pass before and after", rewritten, len(after.passed))
		})
	}
}

func findRS(t *testing.T, dir string) []string {
	var out []string
	filepath.WalkDir(dir, func(p string, d fs.DirEntry, err error) error {
		if err == nil && !d.IsDir() && strings.HasSuffix(p, ".rs") && !strings.Contains(p, "/target/") {
			out = append(out, p)
		}
		return nil
	})
	return out
}

func copyTree(t *testing.T, from, to string) {
	t.Helper()
	err := filepath.WalkDir(from, func(p string, d fs.DirEntry, err error) error {
		if err != nil {
			return err
		}
		rel, _ := filepath.Rel(from, p)
		dst := filepath.Join(to, rel)
		if d.IsDir() {
			return os.MkdirAll(dst, 0o755)
		}
		if d.Type()&fs.ModeSymlink != 0 {
			return nil
		}
		b, err := os.ReadFile(p)
		if err != nil {
			return err
		}
		return os.WriteFile(dst, b, 0o644)
	})
	if err != nil {
		t.Fatal(err)
	}
}

var sectionRe = regexp.MustCompile(`^\[\[?([^\]]+)\]\]?\s*$`)

// prepareManifest makes a registry crate build offline: the cargo source
// replacement, no lockfile, no benches/tests/examples or dev-dependencies
// Debian does not ship; with dropMacro, the async-trait dependency goes too.
func prepareManifest(t *testing.T, dir string, dropMacro bool) {
	t.Helper()
	os.Remove(filepath.Join(dir, "Cargo.lock"))
	os.MkdirAll(filepath.Join(dir, ".cargo"), 0o755)
	cfg := "[source.crates-io]\nreplace-with = \"debian\"\n\n[source.debian]\ndirectory = \"" + registry + "\"\n"
	if err := os.WriteFile(filepath.Join(dir, ".cargo", "config.toml"), []byte(cfg), 0o644); err != nil {
		t.Fatal(err)
	}
	path := filepath.Join(dir, "Cargo.toml")
	b, err := os.ReadFile(path)
	if err != nil {
		t.Fatal(err)
	}
	// Split into sections (a header line and the lines up to the next one),
	// then decide per section.
	type section struct {
		header string
		lines  []string
	}
	secs := []*section{{}}
	sc := bufio.NewScanner(bytes.NewReader(b))
	for sc.Scan() {
		line := sc.Text()
		if sectionRe.MatchString(line) {
			secs = append(secs, &section{header: line})
			continue
		}
		last := secs[len(secs)-1]
		last.lines = append(last.lines, line)
	}
	// Decide which sections go; optional dependencies Debian does not ship
	// and the macro itself are removed from feature lists too.
	removed := map[string]bool{}
	keep := make([]bool, len(secs))
	for i, sec := range secs {
		name := ""
		if m := sectionRe.FindStringSubmatch(sec.header); m != nil {
			name = m[1]
		}
		dep := ""
		switch {
		case strings.HasPrefix(name, "dependencies."):
			dep = strings.TrimPrefix(name, "dependencies.")
		case strings.HasPrefix(name, "dev-dependencies."):
			dep = strings.TrimPrefix(name, "dev-dependencies.")
		}
		pkg, optional := dep, false
		for _, l := range sec.lines {
			k, v, ok := strings.Cut(l, "=")
			if !ok {
				continue
			}
			switch strings.TrimSpace(k) {
			case "package":
				pkg = strings.Trim(strings.TrimSpace(v), `"`)
			case "optional":
				optional = strings.TrimSpace(v) == "true"
			}
		}
		keep[i] = true
		switch {
		case strings.HasPrefix(sec.header, "[[bench") || strings.HasPrefix(sec.header, "[[test") || strings.HasPrefix(sec.header, "[[example"):
			keep[i] = false
		case strings.HasPrefix(name, "dev-dependencies.") && (!packaged(pkg) || !devDepsKept[pkg]):
			// Only dev-dependencies that unit tests commonly need and that
			// build with today's rustc (some packaged ones, e.g.
			// rustc-serialize via chrono, no longer do).
			keep[i] = false
		case name == "dependencies.async-trait" && dropMacro:
			keep[i] = false
			removed[dep] = true
		case strings.HasPrefix(name, "dependencies.") && optional && !packaged(pkg):
			keep[i] = false
			removed[dep] = true
		}
	}
	var out []string
	for i, sec := range secs {
		if !keep[i] {
			continue
		}
		if sec.header != "" {
			out = append(out, sec.header)
		}
		for _, line := range sec.lines {
			for dep := range removed {
				for _, form := range []string{`"` + dep + `"`, `"dep:` + dep + `"`} {
					line = strings.ReplaceAll(line, form+",", "")
					line = strings.ReplaceAll(line, form, "")
				}
				line = regexp.MustCompile(`"`+regexp.QuoteMeta(dep)+`\??/[^"]*",?`).ReplaceAllString(line, "")
			}
			out = append(out, line)
		}
	}
	if err := os.WriteFile(path, []byte(strings.Join(out, "\n")+"\n"), 0o644); err != nil {
		t.Fatal(err)
	}
}

var devDepsKept = map[string]bool{
	"tokio": true, "futures": true, "futures-executor": true, "futures-util": true, "env_logger": true,
	"log": true, "tokio-test": true, "serde_json": true, "serde": true, "bytes": true, "tempfile": true,
	"tracing-subscriber": true, "tokio-util": true, "tracing": true, "tracing-attributes": true, "rustversion": true,
}

// packaged reports whether Debian ships the crate.
func packaged(name string) bool {
	for _, n := range []string{name, strings.ReplaceAll(name, "-", "_"), strings.ReplaceAll(name, "_", "-")} {
		if m, _ := filepath.Glob(filepath.Join(registry, n+"-[0-9]*")); len(m) > 0 {
			return true
		}
	}
	return false
}

type testRun struct {
	passed map[string]bool
	log    string
}

var testLineRe = regexp.MustCompile(`^test (\S+) \.\.\. (ok|FAILED|ignored)`)

// cargoBuildLib builds the library and fails the test if it does not build.
func cargoBuildLib(t *testing.T, cargo, dir string, features []string, when string) {
	t.Helper()
	args := []string{"build", "--lib", "--offline"}
	if len(features) > 0 {
		args = append(args, "--features", strings.Join(features, ","))
	}
	cmd := exec.Command(cargo, args...)
	cmd.Dir = dir
	cmd.Stdin = strings.NewReader("") // never inherit a stdin cargo could pass on
	cmd.Env = append(os.Environ(), "CARGO_TARGET_DIR="+filepath.Join(dir, "target"), "CARGO_TERM_COLOR=never")
	if out, err := cmd.CombinedOutput(); err != nil {
		t.Fatalf("cargo %s %s failed:\n%s", strings.Join(args, " "), when, out)
	}
}

// cargoTest runs the crate's library unit tests and collects the passes.
func cargoTest(t *testing.T, cargo, dir string, features []string) testRun {
	t.Helper()
	args := []string{"test", "--lib", "--offline"}
	if len(features) > 0 {
		args = append(args, "--features", strings.Join(features, ","))
	}
	args = append(args, "--", "--test-threads=2")
	cmd := exec.Command(cargo, args...)
	cmd.Dir = dir
	cmd.Stdin = strings.NewReader("") // never inherit a stdin cargo could pass on
	cmd.Env = append(os.Environ(), "CARGO_TARGET_DIR="+filepath.Join(dir, "target"), "CARGO_TERM_COLOR=never")
	out, err := cmd.CombinedOutput()
	run := testRun{passed: map[string]bool{}, log: string(out)}
	for _, line := range strings.Split(string(out), "\n") {
		if m := testLineRe.FindStringSubmatch(line); m != nil && m[2] == "ok" {
			run.passed[m[1]] = true
		}
	}
	if err != nil && !strings.Contains(string(out), "test result") {
		// The unit tests need something Debian does not ship: the build
		// checks above still hold; no test results to compare.
		t.Logf("cargo %s did not build the tests; comparing the library build only", strings.Join(args, " "))
	}
	return run
}

// TestUpstreamSuite expands async-trait's own regression suite (Debian's
// 0.1.56 tests/test.rs: 60-odd modules of edge cases), builds it without the
// macro and runs it.
func TestUpstreamSuite(t *testing.T) {
	if testing.Short() {
		t.Skip("builds a crate; skipped with -short")
	}
	tc := requireToolchain(t)
	cargo := filepath.Join(filepath.Dir(tc.rustc), "cargo")
	matches, _ := filepath.Glob(filepath.Join(registry, "async-trait-0.1.*"))
	if len(matches) == 0 {
		if os.Getenv("CI") != "" {
			t.Fatal("async-trait sources missing; scripts/setup.sh installs them")
		}
		t.Skip("async-trait sources missing (run scripts/setup.sh)")
	}
	dir := filepath.Join(t.TempDir(), "async-trait")
	copyTree(t, matches[len(matches)-1], dir)
	os.Remove(filepath.Join(dir, "tests", "compiletest.rs"))
	prepareManifest(t, dir, false)
	path := filepath.Join(dir, "tests", "test.rs")
	src, err := os.ReadFile(path)
	if err != nil {
		t.Fatal(err)
	}
	res := asynctrait.Expand(path, src, asynctrait.Options{})
	if res.HasErrors() || !res.Changed {
		t.Fatalf("expanding upstream's suite: changed=%v\n%s", res.Changed, renderShort(res))
	}
	for _, line := range strings.Split(string(res.Output), "\n") {
		if strings.Contains(line, "#[async_trait") || strings.Contains(line, "use async_trait") {
			t.Errorf("left unexpanded: %s", strings.TrimSpace(line))
		}
	}
	if err := os.WriteFile(path, res.Output, 0o644); err != nil {
		t.Fatal(err)
	}
	cmd := exec.Command(cargo, "test", "--offline", "--test", "test")
	cmd.Dir = dir
	cmd.Stdin = strings.NewReader("") // never inherit a stdin cargo could pass on
	cmd.Env = append(os.Environ(), "CARGO_TARGET_DIR="+filepath.Join(dir, "target"), "CARGO_TERM_COLOR=never")
	out, err := cmd.CombinedOutput()
	if err != nil || !strings.Contains(string(out), "test result: ok") {
		t.Fatalf("upstream's suite, expanded, does not pass: %v\n%s", err, out)
	}
}
