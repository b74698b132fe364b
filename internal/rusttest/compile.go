package rusttest

import (
	"bufio"
	"bytes"
	"context"
	"encoding/json"
	"errors"
	"os"
	"os/exec"
	"path/filepath"
	"regexp"
	"strings"
	"testing"
	"time"
)

// Expect says how a compilation must end for the test to go on.
type Expect int

const (
	ExpectSuccess Expect = iota // t.Fatal when it does not compile (the default)
	ExpectFailure               // t.Fatal when it compiles
	ExpectAny                   // either is fine: look at Output.OK
)

// CompileOpts configures Compile.
type CompileOpts struct {
	Edition   string   // "2015", "2018", "2021" (default), "2024"
	Test      bool     // build the test harness (--test); Run it to run the tests
	Deps      bool     // make the crates of Deps available (async_trait, tokio, futures, tracing, tracing_attributes)
	CrateType string   // --crate-type; "" means bin ("lib", "proc-macro", … produce no Binary)
	Check     bool     // type-check only (--emit=metadata, like cargo check): diagnostics, no Binary
	Flags     []string // more rustc flags, e.g. {"-D", "warnings"} or {"--cfg", "feature=\"x\""}
	Expect    Expect
}

// Output is the result of compiling or running.
type Output struct {
	OK       bool   // compiled / exited with status 0 in time
	Stdout   string // the program's standard output (empty for compiles)
	Stderr   string // compiles: rustc's human-readable diagnostics; runs: the program's standard error
	ExitCode int    // -1 when killed or not started
	TimedOut bool
	Duration time.Duration
	// Diagnostics are rustc's diagnostics (compiles only), parsed from
	// --error-format=json, in the order rustc emitted them.
	Diagnostics []Diagnostic
}

// Diagnostic is one top-level rustc (or clippy) diagnostic.
type Diagnostic struct {
	Level    string // "error", "warning", "error: internal compiler error", …
	Code     string // "E0195", "unused_variables", "clippy::needless_return"; "" if none
	Message  string
	Rendered string // as rustc prints it, without colours
	File     string // of the primary span ("" if none)
	Line     int    // 1-based, 0 if no span
	Column   int    // 1-based
}

// ErrorCodes returns the distinct codes of the error diagnostics, in the
// order of first appearance.
func (o Output) ErrorCodes() []string {
	var codes []string
	for _, d := range o.Diagnostics {
		if strings.HasPrefix(d.Level, "error") && d.Code != "" && !contains(codes, d.Code) {
			codes = append(codes, d.Code)
		}
	}
	return codes
}

// Warnings returns the warning diagnostics, without rustc's closing
// "N warnings emitted" summary.
func (o Output) Warnings() []Diagnostic {
	var ws []Diagnostic
	for _, d := range o.Diagnostics {
		if d.Level == "warning" && !isSummary(d) {
			ws = append(ws, d)
		}
	}
	return ws
}

// Errors returns the error diagnostics, without rustc's closing "aborting
// due to …" summary.
func (o Output) Errors() []Diagnostic {
	var es []Diagnostic
	for _, d := range o.Diagnostics {
		if strings.HasPrefix(d.Level, "error") && !isSummary(d) {
			es = append(es, d)
		}
	}
	return es
}

var summaryRE = regexp.MustCompile(`^(aborting due to .*|\d+ warnings? emitted|.*generated \d+ warnings?.*)$`)

func isSummary(d Diagnostic) bool {
	return d.Code == "" && d.Line == 0 && summaryRE.MatchString(d.Message)
}

func contains(ss []string, s string) bool {
	for _, x := range ss {
		if x == s {
			return true
		}
	}
	return false
}

// Codes returns the codes of ds (diagnostics without a code are left out).
func Codes(ds []Diagnostic) []string {
	var out []string
	for _, d := range ds {
		if d.Code != "" {
			out = append(out, d.Code)
		}
	}
	return out
}

var errorCodeRE = regexp.MustCompile(`(?m)^error\[(E\d{4})\]`)

// CompileErrorCodes extracts the distinct error codes (`error[E0195]` →
// "E0195") from rustc's human-readable output, in order of appearance.
// Prefer Output.ErrorCodes, which reads rustc's JSON.
func CompileErrorCodes(stderr string) []string {
	var codes []string
	for _, m := range errorCodeRE.FindAllStringSubmatch(stderr, -1) {
		if !contains(codes, m[1]) {
			codes = append(codes, m[1])
		}
	}
	return codes
}

// Binary is a compiled program.
type Binary struct {
	Path    string
	Timeout time.Duration // for Run; 0 means DefaultRunTimeout
}

// DefaultRunTimeout bounds each Run of a Binary without its own Timeout.
var DefaultRunTimeout = 2 * time.Minute

// Compile compiles src as a single-file crate with rustc in a fresh
// t.TempDir(). It returns the binary (nil unless a bin or test crate
// compiled) and rustc's output. Whether failure (or success) is fatal
// follows opts.Expect.
func Compile(t testing.TB, src string, opts CompileOpts) (*Binary, Output) {
	t.Helper()
	tc := Toolchain(t)
	return compileWith(t, tc.Rustc, src, opts)
}

func compileWith(t testing.TB, compiler, src string, opts CompileOpts) (*Binary, Output) {
	t.Helper()
	dir := t.TempDir()
	file := filepath.Join(dir, "main.rs")
	if err := os.WriteFile(file, []byte(src), 0o644); err != nil {
		t.Fatal(err)
	}
	args, bin := rustcArgs(t, dir, opts)
	args = append(args, "main.rs")
	out := runRustc(t, compiler, dir, args, nil)
	switch {
	case opts.Expect == ExpectSuccess && !out.OK:
		t.Fatalf("rustc %s: compilation failed:\n%s", strings.Join(args, " "), out.Stderr)
	case opts.Expect == ExpectFailure && out.OK:
		t.Fatalf("rustc: compiled, but the test expects a compile error; rustc said:\n%s\nsource:\n%s", out.Stderr, numbered(src))
	}
	if !out.OK || bin == "" {
		return nil, out
	}
	return &Binary{Path: bin}, out
}

// rustcArgs builds the rustc command line for opts (without the source
// file) and the path of the binary it will produce ("" if none).
func rustcArgs(t testing.TB, dir string, opts CompileOpts) ([]string, string) {
	t.Helper()
	ed := opts.Edition
	if ed == "" {
		ed = "2021"
	}
	args := []string{"--edition", ed, "--crate-name", "main", "--error-format=json", "--color=never", "--out-dir", dir}
	bin := filepath.Join(dir, "main")
	if opts.CrateType != "" && opts.CrateType != "bin" {
		args = append(args, "--crate-type", opts.CrateType)
		bin = ""
	}
	if opts.Test {
		args = append(args, "--test")
		bin = filepath.Join(dir, "main")
	}
	if opts.Check {
		args = append(args, "--emit=metadata")
		bin = ""
	}
	if opts.Deps {
		args = append(args, Deps(t).Flags()...)
	}
	return append(args, opts.Flags...), bin
}

// runRustc runs a rustc-compatible compiler with --error-format=json and
// parses what it printed.
func runRustc(t testing.TB, compiler, dir string, args, env []string) Output {
	t.Helper()
	ctx, cancel := context.WithTimeout(context.Background(), 10*time.Minute)
	defer cancel()
	cmd := exec.CommandContext(ctx, compiler, args...)
	cmd.Dir = dir
	cmd.Env = cleanEnv(env...)
	cmd.Stdin = strings.NewReader("") // an empty pipe, whatever the test's stdin (or /dev/null) is
	var stdout, stderr bytes.Buffer
	cmd.Stdout, cmd.Stderr = &stdout, &stderr
	start := time.Now()
	err := cmd.Run()
	out := Output{OK: err == nil, Duration: time.Since(start), ExitCode: cmd.ProcessState.ExitCode()}
	var ee *exec.ExitError
	if err != nil && !errors.As(err, &ee) {
		t.Fatalf("running %s: %v", compiler, err)
	}
	var human strings.Builder
	sc := bufio.NewScanner(&stderr)
	sc.Buffer(make([]byte, 1<<20), 256<<20)
	for sc.Scan() {
		line := sc.Bytes()
		d, ok := parseDiagnostic(line)
		if !ok {
			human.Write(line) // not JSON: proc-macro prints, ICE text, …
			human.WriteByte('\n')
			continue
		}
		out.Diagnostics = append(out.Diagnostics, d)
		human.WriteString(d.Rendered)
	}
	out.Stderr = human.String()
	out.Stdout = stdout.String()
	return out
}

func parseDiagnostic(line []byte) (Diagnostic, bool) {
	if len(line) == 0 || line[0] != '{' {
		return Diagnostic{}, false
	}
	var m struct {
		Type    string `json:"$message_type"`
		Message string `json:"message"`
		Level   string `json:"level"`
		Code    *struct {
			Code string `json:"code"`
		} `json:"code"`
		Rendered *string `json:"rendered"`
		Spans    []struct {
			File      string `json:"file_name"`
			Line      int    `json:"line_start"`
			Column    int    `json:"column_start"`
			IsPrimary bool   `json:"is_primary"`
		} `json:"spans"`
	}
	if json.Unmarshal(line, &m) != nil || m.Level == "" {
		return Diagnostic{}, false
	}
	if m.Type != "" && m.Type != "diagnostic" {
		return Diagnostic{}, false
	}
	d := Diagnostic{Level: m.Level, Message: m.Message}
	if m.Code != nil {
		d.Code = m.Code.Code
	}
	if m.Rendered != nil {
		d.Rendered = *m.Rendered
	}
	for _, s := range m.Spans {
		if s.IsPrimary {
			d.File, d.Line, d.Column = s.File, s.Line, s.Column
			break
		}
	}
	return d, true
}

// Run runs bin with args in bin's directory, with bin.Timeout (or
// DefaultRunTimeout, or less when the test's deadline is closer). A
// non-zero exit or a timeout is reported in the Output, not as a test
// failure.
func Run(t testing.TB, bin *Binary, args ...string) Output {
	t.Helper()
	if bin == nil {
		t.Fatal("rusttest.Run: nil Binary (did the compile fail, or was it a lib/Check build?)")
	}
	timeout := bin.Timeout
	if timeout <= 0 {
		timeout = DefaultRunTimeout
	}
	ctx, cancel := context.WithTimeout(context.Background(), timeout)
	defer cancel()
	if dt, ok := t.(interface{ Deadline() (time.Time, bool) }); ok {
		if dl, ok := dt.Deadline(); ok {
			var c2 context.CancelFunc
			ctx, c2 = context.WithDeadline(ctx, dl.Add(-5*time.Second))
			defer c2()
		}
	}
	cmd := exec.CommandContext(ctx, bin.Path, args...)
	cmd.Dir = filepath.Dir(bin.Path)
	cmd.Stdin = strings.NewReader("") // an empty pipe, whatever the test's stdin (or /dev/null) is
	cmd.Env = cleanEnv("RUST_BACKTRACE=1")
	setProcessGroup(cmd)
	cmd.WaitDelay = 5 * time.Second
	var stdout, stderr bytes.Buffer
	cmd.Stdout, cmd.Stderr = &stdout, &stderr
	start := time.Now()
	err := cmd.Run()
	out := Output{
		OK:       err == nil,
		Stdout:   stdout.String(),
		Stderr:   stderr.String(),
		Duration: time.Since(start),
		ExitCode: -1,
		TimedOut: ctx.Err() != nil,
	}
	if cmd.ProcessState != nil {
		out.ExitCode = cmd.ProcessState.ExitCode()
	}
	var ee *exec.ExitError
	if err != nil && !errors.As(err, &ee) && !out.TimedOut {
		t.Fatalf("running %s: %v", bin.Path, err)
	}
	if out.TimedOut {
		out.OK = false
	}
	return out
}

// MustCompileAndRun compiles src (which must compile; opts.Expect is
// ignored), runs it without arguments, fails the test unless it exits
// with status 0 in time, and returns its standard output.
func MustCompileAndRun(t testing.TB, src string, opts CompileOpts) string {
	t.Helper()
	opts.Expect = ExpectSuccess
	opts.Check = false
	bin, _ := Compile(t, src, opts)
	if bin == nil {
		t.Fatalf("rusttest.MustCompileAndRun: crate type %q produces no program", opts.CrateType)
	}
	out := Run(t, bin)
	if !out.OK {
		why := "exit status " + itoa(out.ExitCode)
		if out.TimedOut {
			why = "timed out after " + out.Duration.Round(time.Millisecond).String()
		}
		t.Fatalf("program failed (%s)\nstdout:\n%s\nstderr:\n%s\nsource:\n%s", why, out.Stdout, out.Stderr, numbered(src))
	}
	return out.Stdout
}

// RustcWarnings type-checks src (--emit=metadata, like cargo check; a bin
// crate, the default, still needs a main) and returns rustc's warnings.
// The compile must succeed unless opts.Expect says otherwise.
func RustcWarnings(t testing.TB, src string, opts CompileOpts) []Diagnostic {
	t.Helper()
	opts.Check = true
	_, out := Compile(t, src, opts)
	return out.Warnings()
}

// Clippy lints src with clippy-driver (clippy's rustc replacement, run
// directly on the single file, type-check only) and returns its warnings
// and clippy's deny-level lint errors (Code "clippy::…"). The lint levels
// are clippy's defaults, i.e. the clippy::all group (correctness,
// suspicious, style, complexity, perf) that plain `cargo clippy` reports,
// plus rustc's own lints; opts.Flags can add more, e.g.
// {"-W", "clippy::pedantic"}. The compile must succeed, apart from clippy
// lint errors, unless opts.Expect says otherwise.
func Clippy(t testing.TB, src string, opts CompileOpts) []Diagnostic {
	t.Helper()
	tc := Toolchain(t)
	if tc.ClippyDriver == "" {
		missing(t, "clippy-driver not found next to "+tc.Rustc+" (rustup component add clippy)")
	}
	expect := opts.Expect
	opts.Expect = ExpectAny
	opts.Check = true
	_, out := compileWith(t, tc.ClippyDriver, src, opts)
	var lints, hard []Diagnostic
	for _, d := range out.Diagnostics {
		switch {
		case isSummary(d):
		case d.Level == "warning", strings.HasPrefix(d.Level, "error") && strings.HasPrefix(d.Code, "clippy::"):
			lints = append(lints, d)
		case strings.HasPrefix(d.Level, "error"):
			hard = append(hard, d)
		}
	}
	if expect == ExpectSuccess && len(hard) > 0 || expect == ExpectSuccess && !out.OK && len(lints) == 0 {
		t.Fatalf("clippy-driver: compilation failed:\n%s", out.Stderr)
	}
	if expect == ExpectFailure && len(hard) == 0 {
		t.Fatalf("clippy-driver: compiled, but the test expects a compile error:\n%s", out.Stderr)
	}
	return lints
}

func itoa(i int) string {
	b, _ := json.Marshal(i)
	return string(b)
}

// numbered prefixes src's lines with line numbers, for failure messages.
func numbered(src string) string {
	var b strings.Builder
	for i, line := range strings.Split(strings.TrimSuffix(src, "\n"), "\n") {
		b.WriteString(strings.Repeat(" ", max(0, 4-len(itoa(i+1)))))
		b.WriteString(itoa(i + 1))
		b.WriteString(" | ")
		b.WriteString(line)
		b.WriteByte('\n')
	}
	return b.String()
}
