package rusttest

import (
	"bytes"
	"context"
	"errors"
	"os"
	"os/exec"
	"path/filepath"
	"runtime"
	"strings"
	"sync"
	"testing"
	"time"
)

// Tools is a located Rust toolchain. Paths are absolute; when the tools
// come from rustup they point at the toolchain's own binaries (not the
// rustup proxies), so no rust-toolchain file in some parent directory can
// switch toolchains under a test.
type Tools struct {
	Rustc, Cargo, Rustfmt string
	ClippyDriver          string // "" when clippy is not installed
	Sysroot               string
	Version               string // first line of `rustc -vV`, e.g. "rustc 1.95.0 (59807616e 2026-04-14)"
	VerboseVersion        string // all of `rustc -vV`
	Host                  string // host target triple
}

var toolchain struct {
	once  sync.Once
	tools *Tools
	err   error
}

// Toolchain finds rustc, cargo and rustfmt in PATH or $HOME/.cargo/bin
// (also $CARGO_HOME/bin). When they are missing it skips the test, or
// fails it when env CI is set.
func Toolchain(t testing.TB) *Tools {
	t.Helper()
	toolchain.once.Do(func() { toolchain.tools, toolchain.err = findToolchain() })
	if toolchain.err != nil {
		missing(t, toolchain.err.Error()+" (scripts/setup.sh checks for it; rustup puts it in $HOME/.cargo/bin)")
	}
	return toolchain.tools
}

// missing skips, or fails under CI.
func missing(t testing.TB, msg string) {
	t.Helper()
	if os.Getenv("CI") != "" {
		t.Fatal(msg + "; CI must not skip this test")
	}
	t.Skip(msg)
}

func lookTool(name string) string {
	if p, err := exec.LookPath(name); err == nil {
		if abs, err := filepath.Abs(p); err == nil {
			return abs
		}
		return p
	}
	var dirs []string
	if ch := os.Getenv("CARGO_HOME"); ch != "" {
		dirs = append(dirs, filepath.Join(ch, "bin"))
	}
	if home, err := os.UserHomeDir(); err == nil {
		dirs = append(dirs, filepath.Join(home, ".cargo", "bin"))
	}
	for _, d := range dirs {
		p := filepath.Join(d, name)
		if fi, err := os.Stat(p); err == nil && !fi.IsDir() && fi.Mode()&0o111 != 0 {
			return p
		}
	}
	return ""
}

func findToolchain() (*Tools, error) {
	rustc := lookTool("rustc")
	if rustc == "" {
		return nil, errors.New("rustc not found in PATH or $HOME/.cargo/bin")
	}
	ctx, cancel := context.WithTimeout(context.Background(), 2*time.Minute)
	defer cancel()
	vv, err := exec.CommandContext(ctx, rustc, "-vV").Output()
	if err != nil {
		return nil, errors.New(rustc + " -vV failed: " + err.Error())
	}
	sysroot, err := exec.CommandContext(ctx, rustc, "--print", "sysroot").Output()
	if err != nil {
		return nil, errors.New(rustc + " --print sysroot failed: " + err.Error())
	}
	tc := &Tools{Sysroot: strings.TrimSpace(string(sysroot)), VerboseVersion: string(vv)}
	tc.Version, _, _ = strings.Cut(tc.VerboseVersion, "\n")
	for _, line := range strings.Split(tc.VerboseVersion, "\n") {
		if h, ok := strings.CutPrefix(line, "host: "); ok {
			tc.Host = strings.TrimSpace(h)
		}
	}
	// Prefer the binaries inside the sysroot: with rustup these are the
	// real tools, skipping the proxy and its toolchain overrides.
	pick := func(name string) string {
		p := filepath.Join(tc.Sysroot, "bin", name)
		if runtime.GOOS == "windows" {
			p += ".exe"
		}
		if fi, err := os.Stat(p); err == nil && !fi.IsDir() {
			return p
		}
		return lookTool(name)
	}
	tc.Rustc = pick("rustc")
	tc.Cargo = pick("cargo")
	tc.Rustfmt = pick("rustfmt")
	tc.ClippyDriver = pick("clippy-driver")
	for name, p := range map[string]string{"cargo": tc.Cargo, "rustfmt": tc.Rustfmt} {
		if p == "" {
			return nil, errors.New(name + " not found (rustc is " + rustc + ")")
		}
	}
	return tc, nil
}

// cleanEnv is the environment for rustc, cargo and the compiled programs:
// the test's own, minus variables that would make builds differ from one
// machine to the next, plus extra.
func cleanEnv(extra ...string) []string {
	drop := []string{
		"RUSTFLAGS", "CARGO_ENCODED_RUSTFLAGS", "CARGO_BUILD_RUSTFLAGS", "RUSTDOCFLAGS",
		"RUSTC", "RUSTC_WRAPPER", "RUSTC_WORKSPACE_WRAPPER", "CARGO_BUILD_RUSTC_WRAPPER",
		"CARGO_BUILD_TARGET", "CARGO_TARGET_DIR", "CARGO_BUILD_TARGET_DIR", "CARGO_HOME",
		"CARGO_INCREMENTAL", "RUSTC_BOOTSTRAP", "RUSTUP_TOOLCHAIN", "CARGO_MAKEFLAGS",
		"ASYNCTRAIT_DUMP_DIR",
	}
	var env []string
	for _, kv := range os.Environ() {
		k, _, _ := strings.Cut(kv, "=")
		keep := true
		for _, d := range drop {
			if k == d || strings.HasPrefix(k, "CARGO_PROFILE_") {
				keep = false
				break
			}
		}
		if keep {
			env = append(env, kv)
		}
	}
	return append(env, extra...)
}

// repoRoot is the root of the asynctrait module (the directory holding
// go.mod), found from the working directory (go test runs in the package
// directory) or from this source file's location.
var repoRoot = sync.OnceValues(func() (string, error) {
	isRoot := func(dir string) bool {
		b, err := os.ReadFile(filepath.Join(dir, "go.mod"))
		return err == nil && bytes.Contains(b, []byte("module github.com/asynctrait/asynctrait\n"))
	}
	if wd, err := os.Getwd(); err == nil {
		for dir := wd; ; dir = filepath.Dir(dir) {
			if isRoot(dir) {
				return dir, nil
			}
			if filepath.Dir(dir) == dir {
				break
			}
		}
	}
	if _, file, _, ok := runtime.Caller(0); ok && filepath.IsAbs(file) {
		dir := filepath.Join(filepath.Dir(file), "..", "..")
		if isRoot(dir) {
			return filepath.Clean(dir), nil
		}
	}
	return "", errors.New("rusttest: cannot find the asynctrait repository root (go.mod) from the working directory")
})

// RustDir is the repository's testdata/rust directory (the deps and dump
// cargo projects).
func RustDir(t testing.TB) string {
	t.Helper()
	root, err := repoRoot()
	if err != nil {
		t.Fatal(err)
	}
	return filepath.Join(root, "testdata", "rust")
}
