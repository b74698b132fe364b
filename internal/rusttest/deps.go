package rusttest

import (
	"bufio"
	"bytes"
	"context"
	"crypto/sha256"
	"encoding/hex"
	"encoding/json"
	"errors"
	"fmt"
	"io/fs"
	"os"
	"os/exec"
	"path/filepath"
	"slices"
	"sort"
	"strings"
	"sync"
	"testing"
	"time"
)

// DefaultRegistry is where Debian's librust-*-dev packages put crate
// sources; the environment variable ASYNCTRAIT_CRATE_REGISTRY overrides it.
const DefaultRegistry = "/usr/share/cargo/registry"

// DirectDeps are the crates Deps makes available to test programs, by
// crate name (what `use` and `--extern` name them).
var DirectDeps = []string{"async_trait", "futures", "tokio", "tracing", "tracing_attributes"}

// Crates is the prebuilt set of crates from testdata/rust/deps (see Deps).
type Crates struct {
	Dir      string            // the cache directory it was built in
	LibDir   string            // the directory of all the rlibs (`-L dependency=`)
	Externs  map[string]string // crate name (DirectDeps) → .rlib, or .so for proc macros
	Versions map[string]string // package name (e.g. "async-trait") → version, for every locked package
	dump     string            // the oracle's proc macro
}

// Flags returns the rustc flags that make the DirectDeps available to a
// single file compiled with plain rustc:
// `-L dependency=DIR --extern async_trait=PATH …`, in a fixed order.
func (d *Crates) Flags() []string {
	flags := []string{"-L", "dependency=" + d.LibDir}
	for _, name := range DirectDeps {
		flags = append(flags, "--extern", name+"="+d.Externs[name])
	}
	return flags
}

// Registry returns the crate registry directory (see DefaultRegistry).
func Registry() string {
	if r := os.Getenv("ASYNCTRAIT_CRATE_REGISTRY"); r != "" {
		return r
	}
	return DefaultRegistry
}

// CargoConfig is the cargo configuration that replaces crates.io with the
// Debian registry; the same block ../shared/rust-offline/setup.sh writes.
func CargoConfig() string {
	return "[source.crates-io]\nreplace-with = \"debian\"\n\n[source.debian]\ndirectory = " + quoteTOML(Registry()) + "\n"
}

func quoteTOML(s string) string {
	b, _ := json.Marshal(s) // a JSON string is a valid TOML basic string
	return string(b)
}

// CacheDir is the parent of every cache directory rusttest uses:
// $ASYNCTRAIT_CACHE_DIR if set, else os.UserCacheDir()/asynctrait, else
// a directory under os.TempDir().
func CacheDir() string {
	if d := os.Getenv("ASYNCTRAIT_CACHE_DIR"); d != "" {
		return d
	}
	if d, err := os.UserCacheDir(); err == nil {
		return filepath.Join(d, "asynctrait")
	}
	return filepath.Join(os.TempDir(), "asynctrait-cache")
}

var deps struct {
	once sync.Once
	d    *Crates
	err  error
}

// Deps returns the crates of testdata/rust/deps (async-trait, tokio with
// macros/rt/rt-multi-thread/sync/time, futures, tracing,
// tracing-attributes, plus the oracle's dump macro) built with cargo from
// the Debian registry.
//
// The build happens once per machine and toolchain: it is cached under
// CacheDir()/rustdeps-HASH, HASH covering the cargo projects, the cargo
// configuration and the exact rustc and cargo versions, and guarded by a
// file lock, so test binaries of several packages running at once build it
// only once. A cached build is reused when every package in its Cargo.lock
// is still in the registry. Within a process the result is memoised.
//
// Without a toolchain or registry the test is skipped (failed under CI).
func Deps(t testing.TB) *Crates {
	t.Helper()
	tc := Toolchain(t)
	if fi, err := os.Stat(Registry()); err != nil || !fi.IsDir() {
		missing(t, "no crate registry at "+Registry()+" (scripts/setup.sh installs Debian's librust-*-dev packages)")
	}
	rustDir := RustDir(t)
	deps.once.Do(func() {
		start := time.Now()
		var built bool
		deps.d, built, deps.err = buildDeps(tc, rustDir)
		if built && deps.err == nil {
			t.Logf("rusttest: built the Rust dependencies in %s (cached in %s)", time.Since(start).Round(time.Millisecond), deps.d.Dir)
		}
	})
	if deps.err != nil {
		t.Fatalf("rusttest: building testdata/rust/deps: %v", deps.err)
	}
	return deps.d
}

// stamp is written into the cache directory after a successful build.
type stamp struct {
	LibDir   string
	Externs  map[string]string
	Dump     string
	Versions map[string]string
}

func depsKey(tc *Tools, rustDir string) (string, error) {
	h := sha256.New()
	fmt.Fprintf(h, "rusttest deps v1\n%s\n%s\n", tc.VerboseVersion, CargoConfig())
	cargoV, err := exec.Command(tc.Cargo, "-V").Output()
	if err != nil {
		return "", fmt.Errorf("%s -V: %v", tc.Cargo, err)
	}
	h.Write(cargoV)
	for _, sub := range []string{"deps", "dump"} {
		root := filepath.Join(rustDir, sub)
		err := filepath.WalkDir(root, func(p string, d fs.DirEntry, err error) error {
			if err != nil {
				return err
			}
			if d.IsDir() && (d.Name() == "target" || d.Name() == ".cargo") {
				return filepath.SkipDir
			}
			if d.IsDir() || d.Name() == "Cargo.lock" {
				return nil
			}
			b, err := os.ReadFile(p)
			if err != nil {
				return err
			}
			rel, _ := filepath.Rel(rustDir, p)
			fmt.Fprintf(h, "%s %d\n", filepath.ToSlash(rel), len(b))
			h.Write(b)
			return nil
		})
		if err != nil {
			return "", err
		}
	}
	return hex.EncodeToString(h.Sum(nil))[:16], nil
}

func buildDeps(tc *Tools, rustDir string) (*Crates, bool, error) {
	key, err := depsKey(tc, rustDir)
	if err != nil {
		return nil, false, err
	}
	cache := CacheDir()
	if err := os.MkdirAll(cache, 0o755); err != nil {
		return nil, false, err
	}
	dir := filepath.Join(cache, "rustdeps-"+key)
	unlock, err := lockFile(dir + ".lock")
	if err != nil {
		return nil, false, err
	}
	defer unlock()

	if d, err := loadStamp(dir); err == nil {
		return d, false, nil
	}
	// (Re)build from scratch: copy the projects, let cargo resolve anew
	// (the registry may have changed) and keep target/ for speed.
	for _, sub := range []string{"deps", "dump"} {
		os.RemoveAll(filepath.Join(dir, sub))
		if err := copyDir(filepath.Join(rustDir, sub), filepath.Join(dir, sub)); err != nil {
			return nil, false, err
		}
	}
	os.Remove(filepath.Join(dir, "stamp.json"))
	if err := os.MkdirAll(filepath.Join(dir, ".cargo"), 0o755); err != nil {
		return nil, false, err
	}
	if err := os.WriteFile(filepath.Join(dir, ".cargo", "config.toml"), []byte(CargoConfig()), 0o644); err != nil {
		return nil, false, err
	}
	ctx, cancel := context.WithTimeout(context.Background(), 30*time.Minute)
	defer cancel()
	cmd := exec.CommandContext(ctx, tc.Cargo, "build", "--message-format=json", "--color=never")
	cmd.Dir = filepath.Join(dir, "deps")
	cmd.Stdin = strings.NewReader("") // an empty pipe, whatever the test's stdin (or /dev/null) is
	cmd.Env = cleanEnv(
		"CARGO_HOME="+filepath.Join(dir, "cargo-home"), // never touch the user's ~/.cargo
		"CARGO_TARGET_DIR="+filepath.Join(dir, "target"),
		"RUSTC="+tc.Rustc,
		"CARGO_TERM_COLOR=never",
		"CARGO_TERM_PROGRESS_WHEN=never",
	)
	var stdout, stderr bytes.Buffer
	cmd.Stdout, cmd.Stderr = &stdout, &stderr
	runErr := cmd.Run()
	st := stamp{Externs: map[string]string{}}
	var errs []string
	sc := bufio.NewScanner(&stdout)
	sc.Buffer(make([]byte, 1<<20), 64<<20)
	for sc.Scan() {
		var m struct {
			Reason string `json:"reason"`
			Target struct {
				Name string   `json:"name"`
				Kind []string `json:"kind"`
			} `json:"target"`
			Filenames []string `json:"filenames"`
			Message   *struct {
				Level    string `json:"level"`
				Rendered string `json:"rendered"`
			} `json:"message"`
		}
		if json.Unmarshal(sc.Bytes(), &m) != nil {
			continue
		}
		switch m.Reason {
		case "compiler-message":
			if m.Message != nil && m.Message.Level == "error" {
				errs = append(errs, m.Message.Rendered)
			}
		case "compiler-artifact":
			want := m.Target.Name == "dump" || slices.Contains(DirectDeps, m.Target.Name)
			if !want || !(slices.Contains(m.Target.Kind, "lib") || slices.Contains(m.Target.Kind, "proc-macro")) {
				continue
			}
			for _, f := range m.Filenames {
				if strings.HasSuffix(f, ".rlib") || strings.HasSuffix(f, ".so") || strings.HasSuffix(f, ".dylib") || strings.HasSuffix(f, ".dll") {
					if m.Target.Name == "dump" {
						st.Dump = f
					} else {
						st.Externs[m.Target.Name] = f
					}
				}
			}
		}
	}
	if runErr != nil {
		return nil, true, fmt.Errorf("cargo build in %s: %v\n%s\n%s", cmd.Dir, runErr, strings.Join(errs, "\n"), tail(stderr.String(), 4000))
	}
	st.LibDir = filepath.Join(dir, "target", "debug", "deps")
	st.Versions, err = readLock(filepath.Join(dir, "deps", "Cargo.lock"))
	if err != nil {
		return nil, true, err
	}
	b, _ := json.MarshalIndent(st, "", "  ")
	tmp := filepath.Join(dir, "stamp.json.tmp")
	if err := os.WriteFile(tmp, b, 0o644); err != nil {
		return nil, true, err
	}
	if err := os.Rename(tmp, filepath.Join(dir, "stamp.json")); err != nil {
		return nil, true, err
	}
	d, err := loadStamp(dir)
	return d, true, err
}

// loadStamp returns the cached build in dir if it is complete and still
// matches the registry.
func loadStamp(dir string) (*Crates, error) {
	b, err := os.ReadFile(filepath.Join(dir, "stamp.json"))
	if err != nil {
		return nil, err
	}
	var st stamp
	if err := json.Unmarshal(b, &st); err != nil {
		return nil, err
	}
	files := []string{st.Dump}
	for _, name := range DirectDeps {
		if st.Externs[name] == "" {
			return nil, fmt.Errorf("no artifact for %s", name)
		}
		files = append(files, st.Externs[name])
	}
	for _, f := range files {
		if _, err := os.Stat(f); err != nil {
			return nil, err
		}
	}
	locked, err := readLock(filepath.Join(dir, "deps", "Cargo.lock"))
	if err != nil {
		return nil, err
	}
	reg := Registry()
	for name, v := range locked {
		if v == "" { // path dependencies
			continue
		}
		if _, err := os.Stat(filepath.Join(reg, name+"-"+v)); err != nil {
			return nil, fmt.Errorf("%s %s no longer in %s", name, v, reg)
		}
	}
	return &Crates{Dir: dir, LibDir: st.LibDir, Externs: st.Externs, Versions: st.Versions, dump: st.Dump}, nil
}

// readLock reads name → version of the registry packages in a Cargo.lock
// (path packages map to "").
func readLock(path string) (map[string]string, error) {
	b, err := os.ReadFile(path)
	if err != nil {
		return nil, err
	}
	out := map[string]string{}
	var name, version, source string
	flush := func() {
		if name != "" {
			if source == "" {
				version = ""
			}
			out[name] = version
		}
		name, version, source = "", "", ""
	}
	for _, line := range strings.Split(string(b), "\n") {
		line = strings.TrimSpace(line)
		if line == "[[package]]" {
			flush()
			continue
		}
		k, v, ok := strings.Cut(line, " = ")
		if !ok {
			continue
		}
		v = strings.Trim(v, `"`)
		switch k {
		case "name":
			name = v
		case "version":
			version = v
		case "source":
			source = v
		}
	}
	flush()
	if len(out) == 0 {
		return nil, errors.New(path + ": no packages")
	}
	return out, nil
}

func copyDir(src, dst string) error {
	return filepath.WalkDir(src, func(p string, d fs.DirEntry, err error) error {
		if err != nil {
			return err
		}
		rel, _ := filepath.Rel(src, p)
		if d.IsDir() && (d.Name() == "target" || d.Name() == ".cargo") && rel != "." {
			return filepath.SkipDir
		}
		if d.Name() == "Cargo.lock" {
			return nil
		}
		out := filepath.Join(dst, rel)
		if d.IsDir() {
			return os.MkdirAll(out, 0o755)
		}
		b, err := os.ReadFile(p)
		if err != nil {
			return err
		}
		return os.WriteFile(out, b, 0o644)
	})
}

func tail(s string, n int) string {
	if len(s) <= n {
		return s
	}
	return "…" + s[len(s)-n:]
}

// sortedKeys returns m's keys in order.
func sortedKeys[V any](m map[string]V) []string {
	keys := make([]string, 0, len(m))
	for k := range m {
		keys = append(keys, k)
	}
	sort.Strings(keys)
	return keys
}
