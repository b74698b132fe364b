package rusttest_test

import (
	"os"
	"path/filepath"
	"slices"
	"strings"
	"testing"
	"time"

	"github.com/asynctrait/asynctrait/internal/rusttest"
)

func TestToolchain(t *testing.T) {
	t.Parallel()
	tc := rusttest.Toolchain(t)
	for name, p := range map[string]string{"rustc": tc.Rustc, "cargo": tc.Cargo, "rustfmt": tc.Rustfmt} {
		if !filepath.IsAbs(p) {
			t.Errorf("%s path %q is not absolute", name, p)
		}
		if _, err := os.Stat(p); err != nil {
			t.Errorf("%s: %v", name, err)
		}
	}
	if !strings.HasPrefix(tc.Version, "rustc ") || tc.Host == "" {
		t.Errorf("version %q, host %q", tc.Version, tc.Host)
	}
	t.Logf("%s on %s", tc.Version, tc.Host)
}

func TestCompileAndRunStdOnly(t *testing.T) {
	t.Parallel()
	src := `
use std::future::Future;
use std::pin::Pin;
use std::task::{Context, Poll};

/// Pending once, woken from another thread.
struct YieldOnce(bool);
impl Future for YieldOnce {
    type Output = u32;
    fn poll(mut self: Pin<&mut Self>, cx: &mut Context<'_>) -> Poll<u32> {
        if self.0 {
            return Poll::Ready(7);
        }
        self.0 = true;
        let w = cx.waker().clone();
        std::thread::spawn(move || w.wake());
        Poll::Pending
    }
}

fn main() {
    let n = block_on(async { YieldOnce(false).await * 6 });
    println!("answer {}", n);
    let args: Vec<String> = std::env::args().skip(1).collect();
    println!("args {:?}", args);
}
` + rusttest.BlockOn
	for _, ed := range []string{"2018", "2021", "2024"} {
		if got, want := rusttest.MustCompileAndRun(t, src, rusttest.CompileOpts{Edition: ed}), "answer 42\nargs []\n"; got != want {
			t.Errorf("edition %s: stdout %q, want %q", ed, got, want)
		}
	}
	bin, out := rusttest.Compile(t, src, rusttest.CompileOpts{})
	if !out.OK || bin == nil || len(out.Warnings()) != 0 {
		t.Fatalf("compile: ok=%v bin=%v warnings=%v", out.OK, bin, out.Warnings())
	}
	run := rusttest.Run(t, bin, "a b", "c")
	if !run.OK || run.ExitCode != 0 || run.Stdout != "answer 42\nargs [\"a b\", \"c\"]\n" {
		t.Errorf("run: %+v", run)
	}
}

func TestRunFailureAndTimeout(t *testing.T) {
	t.Parallel()
	bin, _ := rusttest.Compile(t, `fn main() {
    match std::env::args().nth(1).as_deref() {
        Some("exit") => { eprintln!("bye"); std::process::exit(3) }
        Some("panic") => panic!("boom"),
        _ => std::thread::sleep(std::time::Duration::from_secs(60)),
    }
}`, rusttest.CompileOpts{})
	out := rusttest.Run(t, bin, "exit")
	if out.OK || out.ExitCode != 3 || out.Stderr != "bye\n" || out.TimedOut {
		t.Errorf("exit 3: %+v", out)
	}
	out = rusttest.Run(t, bin, "panic")
	if out.OK || out.ExitCode != 101 || !strings.Contains(out.Stderr, "boom") {
		t.Errorf("panic: %+v", out)
	}
	bin.Timeout = 300 * time.Millisecond
	start := time.Now()
	out = rusttest.Run(t, bin)
	if out.OK || !out.TimedOut || time.Since(start) > 20*time.Second {
		t.Errorf("sleep: %+v after %s", out, time.Since(start))
	}
}

func TestCompileWithDeps(t *testing.T) {
	t.Parallel()
	src := `
use async_trait::async_trait;
use std::sync::Arc;

#[async_trait]
trait Greeter {
    async fn greet(&self, name: &str) -> String;
    async fn twice(&self, name: &str) -> String {
        format!("{} / {}", self.greet(name).await, self.greet(name).await)
    }
}

struct English;

#[async_trait]
impl Greeter for English {
    async fn greet(&self, name: &str) -> String {
        tokio::task::yield_now().await;
        format!("Hello, {name}!")
    }
}

#[tracing_attributes::instrument]
async fn traced(x: u32) -> u32 {
    tracing::info!("not printed without a subscriber");
    x + 1
}

#[tokio::main]
async fn main() {
    let g: Arc<dyn Greeter + Send + Sync> = Arc::new(English);
    let h = tokio::spawn(async move { g.twice("world").await });
    println!("{}", h.await.unwrap());
    println!("{}", futures::executor::block_on(traced(41)));
    let (tx, rx) = tokio::sync::oneshot::channel();
    tokio::spawn(async move {
        tokio::time::sleep(std::time::Duration::from_millis(5)).await;
        tx.send(9).unwrap();
    });
    println!("{}", rx.await.unwrap());
}
`
	rusttest.Deps(t) // build outside the measurement
	start := time.Now()
	got := rusttest.MustCompileAndRun(t, src, rusttest.CompileOpts{Deps: true})
	t.Logf("compiled and ran a tokio program in %s", time.Since(start).Round(time.Millisecond))
	if want := "Hello, world! / Hello, world!\n42\n9\n"; got != want {
		t.Errorf("stdout %q, want %q", got, want)
	}
	// Without Deps the same program cannot find the crates.
	_, out := rusttest.Compile(t, src, rusttest.CompileOpts{Expect: rusttest.ExpectFailure})
	if codes := out.ErrorCodes(); !slices.Contains(codes, "E0432") && !slices.Contains(codes, "E0433") {
		t.Errorf("without deps: codes %v\n%s", codes, out.Stderr)
	}
}

func TestDeps(t *testing.T) {
	t.Parallel()
	d := rusttest.Deps(t)
	for _, name := range rusttest.DirectDeps {
		p := d.Externs[name]
		if _, err := os.Stat(p); err != nil {
			t.Errorf("%s: %v", name, err)
		}
		if filepath.Dir(p) != d.LibDir {
			t.Errorf("%s at %s, not in %s", name, p, d.LibDir)
		}
	}
	want := map[string]string{"async-trait": "0.1.56", "tokio": "1.24.2", "futures": "0.3.21", "tracing": "0.1.37", "tracing-attributes": "0.1.23"}
	for pkg, v := range want {
		if d.Versions[pkg] != v {
			t.Errorf("%s version %q, want %q (the Debian bookworm version)", pkg, d.Versions[pkg], v)
		}
	}
	flags := d.Flags()
	if len(flags) != 2+2*len(rusttest.DirectDeps) || flags[0] != "-L" || flags[1] != "dependency="+d.LibDir {
		t.Errorf("flags %q", flags)
	}
	if !strings.HasPrefix(d.Dir, rusttest.CacheDir()) {
		t.Errorf("built in %s, outside the cache dir %s", d.Dir, rusttest.CacheDir())
	}
	if rusttest.Deps(t) != d {
		t.Error("Deps is not memoised")
	}
	if v := rusttest.OracleVersion(t); v != "0.1.56" {
		t.Errorf("oracle version %q", v)
	}
}

func TestTestHarness(t *testing.T) {
	t.Parallel()
	src := `
pub fn add(a: i32, b: i32) -> i32 { a + b }
#[cfg(test)]
mod tests {
    #[test]
    fn adds() { assert_eq!(super::add(2, 2), 4); }
    #[test]
    fn fails() { assert_eq!(super::add(2, 2), 5, "wrong on purpose"); }
}
`
	bin, _ := rusttest.Compile(t, src, rusttest.CompileOpts{Test: true, CrateType: "lib"})
	out := rusttest.Run(t, bin, "adds")
	if !out.OK || !strings.Contains(out.Stdout, "test result: ok. 1 passed") {
		t.Errorf("adds: %+v", out)
	}
	out = rusttest.Run(t, bin)
	if out.OK || !strings.Contains(out.Stdout, "1 passed; 1 failed") || !strings.Contains(out.Stdout, "wrong on purpose") {
		t.Errorf("all: %+v", out)
	}
}

func TestCompileFailErrorCodes(t *testing.T) {
	t.Parallel()
	bin, out := rusttest.Compile(t, "fn main() {\n    let x: u32 = \"no\";\n}\n", rusttest.CompileOpts{Expect: rusttest.ExpectFailure})
	if bin != nil || out.OK {
		t.Fatalf("compiled: %+v", out)
	}
	if got := out.ErrorCodes(); !slices.Equal(got, []string{"E0308"}) {
		t.Errorf("ErrorCodes %v\n%s", got, out.Stderr)
	}
	if got := rusttest.CompileErrorCodes(out.Stderr); !slices.Equal(got, []string{"E0308"}) {
		t.Errorf("CompileErrorCodes %v\n%s", got, out.Stderr)
	}
	errs := out.Errors()
	if len(errs) != 1 || errs[0].Line != 2 || errs[0].Column != 18 || errs[0].File != "main.rs" || !strings.Contains(errs[0].Rendered, "mismatched types") {
		t.Errorf("errors %+v", errs)
	}
	if !strings.Contains(out.Stderr, "error[E0308]: mismatched types") || !strings.Contains(out.Stderr, "aborting due to 1 previous error") {
		t.Errorf("stderr:\n%s", out.Stderr)
	}

	// The classic async-trait mistake: the impl lacks #[async_trait].
	_, out = rusttest.Compile(t, `
use async_trait::async_trait;
#[async_trait]
pub trait T { async fn f(&self); }
pub struct S;
impl T for S { async fn f(&self) {} }
`, rusttest.CompileOpts{Deps: true, CrateType: "lib", Expect: rusttest.ExpectFailure})
	if got := out.ErrorCodes(); !slices.Equal(got, []string{"E0195"}) {
		t.Errorf("missing #[async_trait] on the impl: codes %v\n%s", got, out.Stderr)
	}
	if got := rusttest.CompileErrorCodes("error[E0599]: x\nwarning: y\nerror[E0599]: z\nerror: no code\n  error[E0001]: indented\nerror[E0277]: w"); !slices.Equal(got, []string{"E0599", "E0277"}) {
		t.Errorf("CompileErrorCodes on text: %v", got)
	}
}

func TestRustcWarnings(t *testing.T) {
	t.Parallel()
	ws := rusttest.RustcWarnings(t, "pub fn f() {\n    let x = 1;\n}\n", rusttest.CompileOpts{CrateType: "lib"})
	if len(ws) != 1 || ws[0].Code != "unused_variables" || ws[0].Line != 2 {
		t.Errorf("warnings %+v", ws)
	}
	if ws := rusttest.RustcWarnings(t, "pub fn f() -> u8 { 1 }\n", rusttest.CompileOpts{CrateType: "lib"}); len(ws) != 0 {
		t.Errorf("clean code warns: %+v", ws)
	}
}

func TestClippy(t *testing.T) {
	t.Parallel()
	src := "pub fn f(x: u8) -> u8 {\n    return x;\n}\n"
	ws := rusttest.Clippy(t, src, rusttest.CompileOpts{CrateType: "lib"})
	if got := rusttest.Codes(ws); !slices.Equal(got, []string{"clippy::needless_return"}) {
		t.Errorf("codes %v: %+v", got, ws)
	}
	// A deny-by-default (correctness) lint is reported, not fatal.
	ws = rusttest.Clippy(t, "pub fn f(x: u8) -> bool {\n    x < 0\n}\n", rusttest.CompileOpts{CrateType: "lib"})
	if got := rusttest.Codes(ws); !slices.Contains(got, "clippy::absurd_extreme_comparisons") {
		t.Errorf("deny lint: codes %v", got)
	}
	if ws := rusttest.Clippy(t, "pub fn f(x: u8) -> u8 {\n    x\n}\n", rusttest.CompileOpts{CrateType: "lib"}); len(ws) != 0 {
		t.Errorf("clean code: %+v", ws)
	}
	// With deps, on async-trait output: 0.1.56's allow list keeps it quiet.
	ws = rusttest.Clippy(t, `
use async_trait::async_trait;
#[async_trait]
pub trait T { async fn f(&self, x: &str) -> usize; }
pub struct S;
#[async_trait]
impl T for S { async fn f(&self, x: &str) -> usize { x.len() } }
`, rusttest.CompileOpts{CrateType: "lib", Deps: true})
	for _, w := range ws {
		if strings.HasPrefix(w.Code, "clippy::") {
			t.Errorf("clippy on async-trait output: %s", w.Rendered)
		}
	}
}

func TestRustfmt(t *testing.T) {
	t.Parallel()
	ugly := "fn  main( ){let x=1;println!(\"{}\",x)}\n"
	want := "fn main() {\n    let x = 1;\n    println!(\"{}\", x)\n}\n"
	got, err := rusttest.Rustfmt(t, ugly, "2021")
	if err != nil || got != want {
		t.Fatalf("Rustfmt = %q, %v; want %q", got, err, want)
	}
	if ok, diff := rusttest.RustfmtCheck(t, want); !ok || diff != "" {
		t.Errorf("formatted code: ok=%v diff=%q", ok, diff)
	}
	ok, diff := rusttest.RustfmtCheck(t, ugly)
	if ok || !strings.Contains(diff, "-fn  main( ){let x=1;println!(\"{}\",x)}") || !strings.Contains(diff, "+fn main() {") {
		t.Errorf("unformatted code: ok=%v diff:\n%s", ok, diff)
	}
	if _, err := rusttest.Rustfmt(t, "fn main( {", ""); err == nil || !strings.Contains(err.Error(), "unclosed delimiter") {
		t.Errorf("parse error: %v", err)
	}
	// Editions matter: `async` is a keyword from 2018 on, `gen` is reserved in 2024.
	if _, err := rusttest.Rustfmt(t, "fn f() { let async = 1; }\n", "2015"); err != nil {
		t.Errorf("2015: %v", err)
	}
	if _, err := rusttest.Rustfmt(t, "fn f() { let async = 1; }\n", "2021"); err == nil {
		t.Error("2021 accepted `async` as an identifier")
	}
}
