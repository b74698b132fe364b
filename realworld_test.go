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
			before := cargoTest(t, cargo, dir, c.features)
			if len(before.passed) == 0 {
				t.Fatalf("no unit test passed before the rewrite:\n%s", before.log)
			}

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
	var out []string
	for _, sec := range secs {
		name := ""
		if m := sectionRe.FindStringSubmatch(sec.header); m != nil {
			name = m[1]
		}
		pkg := strings.TrimPrefix(name, "dev-dependencies.")
		for _, l := range sec.lines {
			if k, v, ok := strings.Cut(l, "="); ok && strings.TrimSpace(k) == "package" {
				pkg = strings.Trim(strings.TrimSpace(v), `"`)
			}
		}
		switch {
		case strings.HasPrefix(sec.header, "[[bench") || strings.HasPrefix(sec.header, "[[test") || strings.HasPrefix(sec.header, "[[example"):
			continue
		case strings.HasPrefix(name, "dev-dependencies.") && !packaged(pkg):
			continue
		case name == "dependencies.async-trait" && dropMacro:
			continue
		}
		if sec.header != "" {
			out = append(out, sec.header)
		}
		for _, line := range sec.lines {
			if dropMacro && strings.Contains(line, `"async-trait"`) {
				line = strings.Replace(line, `"async-trait",`, "", 1)
				line = strings.Replace(line, `"async-trait"`, "", 1)
			}
			out = append(out, line)
		}
	}
	if err := os.WriteFile(path, []byte(strings.Join(out, "\n")+"\n"), 0o644); err != nil {
		t.Fatal(err)
	}
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
	cmd.Env = append(os.Environ(), "CARGO_TARGET_DIR="+filepath.Join(dir, "target"), "CARGO_TERM_COLOR=never")
	out, err := cmd.CombinedOutput()
	run := testRun{passed: map[string]bool{}, log: string(out)}
	for _, line := range strings.Split(string(out), "\n") {
		if m := testLineRe.FindStringSubmatch(line); m != nil && m[2] == "ok" {
			run.passed[m[1]] = true
		}
	}
	if err != nil && !strings.Contains(string(out), "test result") {
		t.Fatalf("cargo %s failed to build:\n%s", strings.Join(args, " "), out)
	}
	return run
}
