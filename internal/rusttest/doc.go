// Package rusttest holds test-only helpers for compiling, running,
// formatting and linting Rust snippets from Go tests, and an oracle that
// expands #[async_trait] items with the real async-trait crate.
//
// Import it from _test.go files only. Every helper takes a testing.TB, is
// safe under t.Parallel, and is safe across test binaries of different
// packages running at once. Compiles happen in t.TempDir(); the only other
// place written to is one cache directory (CacheDir) holding the cargo
// build of testdata/rust/deps.
//
// Missing tools (rustc, cargo, rustfmt, clippy-driver) or a missing Debian
// crate registry skip the test on a developer machine but fail it when the
// environment variable CI is set (scripts/test.sh sets it), so CI can never
// pass by testing nothing. scripts/setup.sh installs everything.
//
// # Toolchain and crates
//
//   - Toolchain(t) *Tools: absolute paths of rustc, cargo, rustfmt,
//     clippy-driver (the toolchain's own binaries, not rustup proxies), and
//     the rustc version and host triple.
//   - Deps(t) *Crates: async-trait 0.1.56, tokio 1.24.2 (macros, rt,
//     rt-multi-thread, sync, time), futures 0.3.21, tracing 0.1.37 and
//     tracing-attributes 0.1.23 from Debian's registry, built once per
//     machine with cargo (about 15 s on 2 cores), cached on disk and
//     shared by all test binaries through a file lock. Crates.Flags() gives
//     the `-L dependency=… --extern name=…` flags for plain rustc.
//
// # Compiling and running
//
//   - Compile(t, src, CompileOpts) (*Binary, Output): one file, plain
//     rustc, --error-format=json parsed into Output.Diagnostics and rendered
//     into Output.Stderr; CompileOpts picks the edition (default 2021),
//     --test, Deps, crate type, type-check only, extra flags, and whether
//     failure is expected (Expect).
//   - Run(t, bin, args...) Output: runs with a timeout (Binary.Timeout,
//     default DefaultRunTimeout), killing the process group on expiry.
//   - MustCompileAndRun(t, src, opts) string: both, failing the test on any
//     problem; returns stdout.
//   - Output.ErrorCodes(), CompileErrorCodes(stderr): "E0195" and friends.
//   - RustcWarnings(t, src, opts), Clippy(t, src, opts): lint diagnostics.
//   - BlockOn: a std-only block_on executor to append to programs built
//     without Deps.
//
// # Formatting
//
//   - Rustfmt(t, src, edition) (string, error) and RustfmtCheck(t, src)
//     (ok, diff): rustfmt on stdin with its default configuration.
//
// # Oracle and token comparison
//
//   - ExpandWithCrate(t, src) ([]OracleItem, error): the exact tokens the
//     real async-trait macro produced for each #[async_trait…] item, via the
//     dump proc macro of testdata/rust/dump (see ExpandWithCrate).
//   - Tokenize(text) ([]string, error): the same normalised token form for
//     Rust text (comments and whitespace dropped, doc comments as
//     #[doc = "…"], one token per punctuation character), so that
//     CompareTokens(Tokenize(ours), item.Tokens) checks token identity.
//     Its agreement with rustc is itself tested on real crates.
//   - DumpItems(t, edition, items): rustc's tokens of arbitrary items.
package rusttest
