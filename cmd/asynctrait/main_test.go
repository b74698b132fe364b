package main

// End-to-end tests: TestMain builds asynctrait and cargo-asynctrait once, and
// the tests run them as a user would, on files in temporary directories.
//
// Tests that need real rewriting call needExpander first. It fails the test
// with "expander not wired yet" while asynctrait.Expand returns an
// #[async_trait] input unchanged (the placeholder), and passes once the
// expander is wired in. The other tests hold with any Expand.

import (
	"bytes"
	"encoding/json"
	"fmt"
	"os"
	"os/exec"
	"path/filepath"
	"reflect"
	"runtime"
	"strings"
	"sync"
	"testing"

	"github.com/asynctrait/asynctrait/internal/diag"
)

var (
	binDir   string // holds both binaries
	bin      string // asynctrait
	cargoBin string // cargo-asynctrait
)

func TestMain(m *testing.M) {
	dir, err := os.MkdirTemp("", "asynctrait-e2e-")
	if err != nil {
		fmt.Fprintln(os.Stderr, err)
		os.Exit(2)
	}
	binDir = dir
	exe := ""
	if runtime.GOOS == "windows" {
		exe = ".exe"
	}
	bin = filepath.Join(dir, "asynctrait"+exe)
	cargoBin = filepath.Join(dir, "cargo-asynctrait"+exe)
	goCmd := filepath.Join(runtime.GOROOT(), "bin", "go"+exe)
	if _, err := os.Stat(goCmd); err != nil {
		goCmd = "go"
	}
	for out, pkg := range map[string]string{bin: "./", cargoBin: "../cargo-asynctrait"} {
		cmd := exec.Command(goCmd, "build", "-o", out, pkg)
		cmd.Stderr = os.Stderr
		if err := cmd.Run(); err != nil {
			fmt.Fprintf(os.Stderr, "building %s: %v\n", pkg, err)
			os.RemoveAll(dir)
			os.Exit(2)
		}
	}
	code := m.Run()
	os.RemoveAll(dir)
	os.Exit(code)
}

type outcome struct {
	stdout, stderr string
	code           int
}

func (o outcome) String() string {
	return fmt.Sprintf("exit %d\n--- stdout\n%s--- stderr\n%s", o.code, o.stdout, o.stderr)
}

// run runs the binary in dir with stdin and returns what it printed.
func run(t *testing.T, dir, stdin string, env []string, name string, args ...string) outcome {
	t.Helper()
	cmd := exec.Command(name, args...)
	cmd.Dir = dir
	cmd.Stdin = strings.NewReader(stdin)
	cmd.Env = append(os.Environ(), env...)
	var stdout, stderr bytes.Buffer
	cmd.Stdout, cmd.Stderr = &stdout, &stderr
	err := cmd.Run()
	code := 0
	if err != nil {
		ee, ok := err.(*exec.ExitError)
		if !ok {
			t.Fatalf("running %s: %v", name, err)
		}
		code = ee.ExitCode()
	}
	return outcome{stdout.String(), stderr.String(), code}
}

func asynctrait(t *testing.T, dir, stdin string, args ...string) outcome {
	t.Helper()
	return run(t, dir, stdin, nil, bin, args...)
}

func writeFiles(t *testing.T, dir string, files map[string]string) {
	t.Helper()
	for name, body := range files {
		p := filepath.Join(dir, filepath.FromSlash(name))
		if err := os.MkdirAll(filepath.Dir(p), 0o755); err != nil {
			t.Fatal(err)
		}
		if err := os.WriteFile(p, []byte(body), 0o644); err != nil {
			t.Fatal(err)
		}
	}
}

func readFile(t *testing.T, p string) string {
	t.Helper()
	b, err := os.ReadFile(p)
	if err != nil {
		t.Fatal(err)
	}
	return string(b)
}

// Inputs. traitSrc and implSrc change when expanded; plain does not;
// structErr is an error (async_trait on a struct); cfgSrc depends on --cfg.
const (
	traitSrc = "use async_trait::async_trait;\n\n#[async_trait]\npub trait Store {\n    async fn get(&self, key: &str) -> Option<String>;\n}\n"
	implSrc  = "use async_trait::async_trait;\n\npub struct Db;\n\n#[async_trait]\nimpl crate::Store for Db {\n    async fn get(&self, key: &str) -> Option<String> {\n        Some(key.to_owned())\n    }\n}\n"
	plain    = "pub fn plain() -> u8 {\n    1\n}\n"
	structEr = "use async_trait::async_trait;\n\n#[async_trait]\nstruct S;\n"
	cfgSrc   = "use async_trait::async_trait;\n\n#[cfg_attr(feature = \"boxed\", async_trait)]\npub trait Maybe {\n    async fn go(&self) -> u8;\n}\n"
)

var expanderCheck struct {
	once sync.Once
	err  string
}

// needExpander fails the test while the expander is not wired into
// asynctrait.Expand (the placeholder returns its input unchanged).
func needExpander(t *testing.T) {
	t.Helper()
	expanderCheck.once.Do(func() {
		o := asynctrait(t, t.TempDir(), traitSrc, "expand")
		if o.code == 0 && o.stdout == traitSrc {
			expanderCheck.err = "expander not wired yet: asynctrait.Expand returned an #[async_trait] trait unchanged; this test passes once internal/expand is wired into Expand"
		} else if o.code != 0 {
			expanderCheck.err = "the expander fails on a simple trait: " + o.String()
		}
	})
	if expanderCheck.err != "" {
		t.Fatal(expanderCheck.err)
	}
}

func expanded(t *testing.T, src string, args ...string) string {
	t.Helper()
	o := asynctrait(t, t.TempDir(), src, append([]string{"expand"}, args...)...)
	if o.code != 0 {
		t.Fatalf("expanding: %v", o)
	}
	return o.stdout
}

func TestHelpVersionUsage(t *testing.T) {
	dir := t.TempDir()
	tests := []struct {
		args           []string
		code           int
		stdout, stderr string // substrings
	}{
		{[]string{"help"}, 0, "asynctrait expands #[async_trait]", ""},
		{[]string{"help", "expand"}, 0, "asynctrait expand --check .", ""},
		{[]string{"expand", "--help"}, 0, "--manifest-path PATH", ""},
		{[]string{"--version"}, 0, "asynctrait ", ""},
		{[]string{"version"}, 0, "asynctrait ", ""},
		{nil, 2, "", "Usage: asynctrait <command>"},
		{[]string{"migrate"}, 2, "", "unknown command \"migrate\"\nUsage: asynctrait <command> [arguments]\nCommands:\n  expand"},
		{[]string{"expand", "-w"}, 2, "", "asynctrait: -w cannot be used with standard input; name the files to rewrite"},
		{[]string{"expand", "-x"}, 2, "", "unknown flag -x"},
	}
	for _, tt := range tests {
		o := asynctrait(t, dir, "", tt.args...)
		if o.code != tt.code || !strings.Contains(o.stdout, tt.stdout) || !strings.Contains(o.stderr, tt.stderr) {
			t.Errorf("%v: %v", tt.args, o)
		}
	}
}

// Input without #[async_trait] comes out byte for byte, whatever its bytes.
func TestStdinPassThrough(t *testing.T) {
	in := "// café \t\r\nfn main() {}\r\n\n\n   "
	if o := asynctrait(t, t.TempDir(), in, "expand"); o.code != 0 || o.stdout != in || o.stderr != "" {
		t.Errorf("%v", o)
	}
	if o := asynctrait(t, t.TempDir(), "", "expand"); o.code != 0 || o.stdout != "" {
		t.Errorf("empty input: %v", o)
	}
}

func TestExitStatuses(t *testing.T) {
	dir := t.TempDir()
	// Invalid UTF-8 is an error in a file with async_trait in it; one
	// without is not asynctrait's to judge and stays as it is.
	writeFiles(t, dir, map[string]string{"ok.rs": plain, "bad.rs": "fn f() { \"\xc3\x28\" }\n// async_trait\n", "latin1.rs": "fn f() { \"\xc3\x28\" }\n"})
	tests := []struct {
		args []string
		code int
	}{
		{[]string{"expand", "ok.rs"}, 0},
		{[]string{"expand", "--check", "ok.rs"}, 0},
		{[]string{"expand", "bad.rs"}, 1},
		{[]string{"expand", "--check", "latin1.rs"}, 0},
		{[]string{"expand", "ok.rs", "bad.rs"}, 1},
		{[]string{"expand", "missing.rs"}, 2},
		{[]string{"expand", "bad.rs", "missing.rs"}, 2},
		{[]string{"expand", "--color=rainbow", "ok.rs"}, 2},
		{[]string{"expand", "-w", "--check", "ok.rs"}, 2},
	}
	for _, tt := range tests {
		if o := asynctrait(t, dir, "", tt.args...); o.code != tt.code {
			t.Errorf("%v: %v, want exit %d", tt.args, o, tt.code)
		}
	}
}

// A walk skips target/, hidden directories and .gitignore'd paths, and
// reports files in sorted order; named files are always processed.
func TestWalkDirectories(t *testing.T) {
	dir := t.TempDir()
	files := map[string]string{
		"Cargo.toml":         "[package]\nname = \"w\"\n",
		".gitignore":         "/generated/\n*.bak.rs\n",
		"src/lib.rs":         "",
		"src/a/mod.rs":       "",
		"src/a/z.rs":         "",
		"src/b.rs":           "",
		"src/old.bak.rs":     "",
		"src/sub/.gitignore": "skip.rs\n",
		"src/sub/skip.rs":    "",
		"src/sub/keep.rs":    "",
		"target/debug/x.rs":  "",
		".hidden/x.rs":       "",
		"src/.cache/x.rs":    "",
		"generated/x.rs":     "",
		"src/README.md":      "",
	}
	for name := range files {
		if strings.HasSuffix(name, ".rs") {
			files[name] = "// " + name + "\n"
		}
	}
	writeFiles(t, dir, files)
	o := asynctrait(t, dir, "", "expand", ".")
	want := "// src/a/mod.rs\n// src/a/z.rs\n// src/b.rs\n// src/lib.rs\n// src/sub/keep.rs\n"
	if o.code != 0 || o.stdout != want {
		t.Errorf("walk of .: %v\nwant stdout\n%s", o, want)
	}
	o = asynctrait(t, dir, "", "expand", "generated/x.rs", "src/sub", "target/debug/x.rs")
	want = "// generated/x.rs\n// src/sub/keep.rs\n// target/debug/x.rs\n"
	if o.code != 0 || o.stdout != want {
		t.Errorf("named files: %v\nwant stdout\n%s", o, want)
	}
}

// JSON diagnostics, parsed back and checked field by field.
func TestJSONDiagnostics(t *testing.T) {
	dir := t.TempDir()
	// "é" before the bad byte: columns count characters, not bytes.
	writeFiles(t, dir, map[string]string{"bad.rs": "// é\nfn f() { let s = \"é\xff\"; }\n// async_trait\n"})
	o := asynctrait(t, dir, "", "expand", "--message-format=json", "bad.rs")
	if o.code != 1 || o.stdout != "" {
		t.Fatalf("%v", o)
	}
	lines := strings.Split(strings.TrimSuffix(o.stderr, "\n"), "\n")
	if len(lines) != 1 {
		t.Fatalf("want one JSON line: %q", o.stderr)
	}
	var raw map[string]any
	if err := json.Unmarshal([]byte(lines[0]), &raw); err != nil {
		t.Fatal(err)
	}
	var keys []string
	for k := range raw {
		keys = append(keys, k)
	}
	wantKeys := []string{"$message_type", "children", "code", "level", "message", "rendered", "spans"}
	if sortStrings(keys); !reflect.DeepEqual(keys, wantKeys) {
		t.Errorf("keys %v, want %v", keys, wantKeys)
	}
	var d diag.JSONDiagnostic
	if err := json.Unmarshal([]byte(lines[0]), &d); err != nil {
		t.Fatal(err)
	}
	if d.MessageType != "diagnostic" || d.Message != "file is not valid UTF-8" || d.Code != nil || d.Level != "error" {
		t.Errorf("header fields: %+v", d)
	}
	if len(d.Spans) != 1 {
		t.Fatalf("spans: %+v", d.Spans)
	}
	s := d.Spans[0]
	// Line 1 is 6 bytes. Line 2 is `fn f() { let s = "é\xff"; }`: the bad
	// byte is its byte 20 (byte 26 of the file) but its character 20.
	checks := []struct {
		name      string
		got, want any
	}{
		{"file_name", s.FileName, "bad.rs"},
		{"byte_start", s.ByteStart, 26},
		{"byte_end", s.ByteEnd, 27},
		{"line_start", s.LineStart, 2},
		{"line_end", s.LineEnd, 2},
		{"column_start", s.ColumnStart, 20},
		{"column_end", s.ColumnEnd, 21},
		{"is_primary", s.IsPrimary, true},
		{"label", s.Label, (*string)(nil)},
		{"suggested_replacement", s.SuggestedReplacement, (*string)(nil)},
		{"expansion", s.Expansion, nil},
		{"text.highlight_start", s.Text[0].HighlightStart, 20},
		{"text.highlight_end", s.Text[0].HighlightEnd, 21},
		{"text.text", s.Text[0].Text, "fn f() { let s = \"é\ufffd\"; }"},
		{"children", len(d.Children), 1},
		{"children[0].level", d.Children[0].Level, "note"},
	}
	for _, c := range checks {
		if !reflect.DeepEqual(c.got, c.want) {
			t.Errorf("%s = %#v, want %#v", c.name, c.got, c.want)
		}
	}
	if d.Rendered == nil || !strings.HasPrefix(*d.Rendered, "error: file is not valid UTF-8\n --> bad.rs:2:20\n") {
		t.Errorf("rendered: %v", d.Rendered)
	}
}

func sortStrings(s []string) {
	for i := 1; i < len(s); i++ {
		for j := i; j > 0 && s[j] < s[j-1]; j-- {
			s[j], s[j-1] = s[j-1], s[j]
		}
	}
}

func TestMessageFormatsAndColor(t *testing.T) {
	dir := t.TempDir()
	writeFiles(t, dir, map[string]string{"bad.rs": "fn f() {}\n\xff\n// async_trait\n"})
	if o := asynctrait(t, dir, "", "expand", "--message-format=short", "bad.rs"); o.stderr != "bad.rs:2:1: error: file is not valid UTF-8\n" {
		t.Errorf("short: %v", o)
	}
	if o := asynctrait(t, dir, "", "expand", "bad.rs"); strings.Contains(o.stderr, "\x1b[") || !strings.HasPrefix(o.stderr, "error: file is not valid UTF-8\n --> bad.rs:2:1\n") {
		t.Errorf("human to a pipe: %v", o)
	}
	if o := asynctrait(t, dir, "", "expand", "--color=always", "bad.rs"); !strings.Contains(o.stderr, "\x1b[1m\x1b[91merror\x1b[0m") {
		t.Errorf("--color=always: %q", o.stderr)
	}
	// On a terminal (provided by script(1)), colour is on unless NO_COLOR.
	script, err := exec.LookPath("script")
	if err != nil {
		if os.Getenv("CI") != "" {
			t.Fatal("script(1) not found (util-linux); CI must test terminal colours")
		}
		t.Skip("script(1) not found")
	}
	cmdline := bin + " expand bad.rs"
	o := run(t, dir, "", []string{"NO_COLOR=", "TERM=xterm"}, script, "-qec", cmdline, "/dev/null")
	if !strings.Contains(o.stdout, "\x1b[1m\x1b[91merror") {
		t.Errorf("on a terminal: %q", o.stdout)
	}
	o = run(t, dir, "", []string{"NO_COLOR=1", "TERM=xterm"}, script, "-qec", cmdline, "/dev/null")
	if strings.Contains(o.stdout, "\x1b[1m") || !strings.Contains(o.stdout, "file is not valid UTF-8") {
		t.Errorf("on a terminal with NO_COLOR: %q", o.stdout)
	}
}

// The same output, byte for byte and in the same order, with 1 and with 8
// workers.
func TestDeterminism(t *testing.T) {
	dir := t.TempDir()
	files := map[string]string{}
	for i := range 150 {
		name := fmt.Sprintf("m%d/f%03d.rs", i%5, i)
		switch i % 6 {
		case 0:
			files[name] = traitSrc
		case 1:
			files[name] = implSrc
		case 2:
			files[name] = structEr
		case 3:
			files[name] = "fn bad() {}\n\xfe\n"
		default:
			files[name] = fmt.Sprintf("// %d\n%s", i, plain)
		}
	}
	writeFiles(t, dir, files)
	for _, mode := range [][]string{{}, {"-l"}, {"-d"}, {"--check"}, {"--message-format=json", "-d"}} {
		var first outcome
		for i, j := range []string{"1", "8"} {
			args := append(append([]string{"expand", "-j", j}, mode...), "m3", ".", "m0/f000.rs")
			o := asynctrait(t, dir, "", args...)
			if i == 0 {
				first = o
			} else if o != first {
				t.Errorf("%v: -j 8 differs from -j 1\n-j 1: %v\n-j 8: %v", mode, first, o)
			}
		}
	}
}

// Rewriting proper: -l, -d, --check, -w, and idempotence.
func TestRewrite(t *testing.T) {
	needExpander(t)
	dir := t.TempDir()
	writeFiles(t, dir, map[string]string{"src/lib.rs": traitSrc, "src/db.rs": implSrc, "src/plain.rs": plain, "src/bad.rs": structEr})
	wantLib, wantDb := expanded(t, traitSrc), expanded(t, implSrc)
	if wantLib == traitSrc || wantDb == implSrc || strings.Contains(wantLib, "#[async_trait]") {
		t.Fatalf("unexpected expansion:\n%s\n%s", wantLib, wantDb)
	}
	o := asynctrait(t, dir, "", "expand", "-l", "src")
	if o.code != 1 || o.stdout != "src/db.rs\nsrc/lib.rs\n" || !strings.Contains(o.stderr, "src/bad.rs") {
		t.Errorf("-l: %v", o)
	}
	o = asynctrait(t, dir, "", "expand", "-d", "src/lib.rs", "src/db.rs", "src/plain.rs")
	if o.code != 0 || !strings.HasPrefix(o.stdout, "--- a/src/lib.rs\n+++ b/src/lib.rs\n@@ ") || !strings.Contains(o.stdout, "--- a/src/db.rs\n") || strings.Contains(o.stdout, "plain") {
		t.Errorf("-d: %v", o)
	}
	diff := o.stdout
	if o := asynctrait(t, dir, "", "expand", "--check", "src/lib.rs"); o.code != 1 || !strings.HasPrefix(o.stdout, "--- a/src/lib.rs") {
		t.Errorf("--check: %v", o)
	}
	if o := asynctrait(t, dir, "", "expand", "--check", "-l", "src/lib.rs", "src/plain.rs"); o.code != 1 || o.stdout != "src/lib.rs\n" {
		t.Errorf("--check -l: %v", o)
	}
	// The diff applies with patch -p1 and gives what -w writes.
	if patch, err := exec.LookPath("patch"); err == nil {
		pdir := t.TempDir()
		writeFiles(t, pdir, map[string]string{"src/lib.rs": traitSrc, "src/db.rs": implSrc})
		cmd := exec.Command(patch, "-p1", "--batch", "--silent")
		cmd.Dir = pdir
		cmd.Stdin = strings.NewReader(diff)
		if out, err := cmd.CombinedOutput(); err != nil {
			t.Errorf("patch: %v\n%s", err, out)
		} else if readFile(t, filepath.Join(pdir, "src/lib.rs")) != wantLib || readFile(t, filepath.Join(pdir, "src/db.rs")) != wantDb {
			t.Error("patched files differ from the expansion")
		}
	}
	o = asynctrait(t, dir, "", "expand", "-w", "src")
	if o.code != 1 || o.stdout != "" {
		t.Errorf("-w: %v", o)
	}
	if readFile(t, filepath.Join(dir, "src/lib.rs")) != wantLib || readFile(t, filepath.Join(dir, "src/db.rs")) != wantDb {
		t.Error("-w did not write the expansion")
	}
	if readFile(t, filepath.Join(dir, "src/bad.rs")) != structEr || readFile(t, filepath.Join(dir, "src/plain.rs")) != plain {
		t.Error("-w modified a file with errors or without changes")
	}
	// Expanded files are left alone by a second run.
	if o := asynctrait(t, dir, "", "expand", "--check", "src/lib.rs", "src/db.rs", "src/plain.rs"); o.code != 0 || o.stdout != "" {
		t.Errorf("--check after -w: %v", o)
	}
	// -w -l lists what it wrote; -w -d shows it.
	writeFiles(t, dir, map[string]string{"src/lib.rs": traitSrc})
	if o := asynctrait(t, dir, "", "expand", "-w", "-l", "-d", "src/lib.rs", "src/plain.rs"); o.code != 0 || !strings.HasPrefix(o.stdout, "src/lib.rs\n--- a/src/lib.rs\n") {
		t.Errorf("-w -l -d: %v", o)
	}
}

func TestErrorDiagnosticFromExpander(t *testing.T) {
	needExpander(t)
	dir := t.TempDir()
	writeFiles(t, dir, map[string]string{"s.rs": structEr})
	o := asynctrait(t, dir, "", "expand", "--message-format=json", "-w", "s.rs")
	if o.code != 1 || readFile(t, filepath.Join(dir, "s.rs")) != structEr {
		t.Fatalf("%v", o)
	}
	var d diag.JSONDiagnostic
	if err := json.Unmarshal([]byte(strings.SplitN(o.stderr, "\n", 2)[0]), &d); err != nil {
		t.Fatal(err)
	}
	if d.Level != "error" || len(d.Spans) == 0 || d.Spans[0].FileName != "s.rs" || d.Spans[0].LineStart < 3 || d.Rendered == nil {
		t.Errorf("%+v", d)
	}
}

func TestCfgAndExact(t *testing.T) {
	needExpander(t)
	none := expanded(t, cfgSrc)
	boxed := expanded(t, cfgSrc, "--cfg", `feature="boxed"`)
	other := expanded(t, cfgSrc, "--cfg", "test", "--cfg", `feature = "other"`)
	if none == boxed || boxed == cfgSrc || boxed == other {
		t.Errorf("--cfg makes no difference:\nnone:\n%s\nboxed:\n%s\nother:\n%s", none, boxed, other)
	}
	if expanded(t, traitSrc, "--exact") == expanded(t, traitSrc) {
		t.Errorf("--exact makes no difference")
	}
}

// -w refuses a read-only file (0444 in a writable directory: the rename
// would succeed, so we must not rely on it failing) and leaves it as it was;
// the other files are still written.
func TestWriteReadOnlyFile(t *testing.T) {
	needExpander(t)
	dir := t.TempDir()
	writeFiles(t, dir, map[string]string{"ro.rs": traitSrc, "rw.rs": traitSrc})
	ro := filepath.Join(dir, "ro.rs")
	if err := os.Chmod(ro, 0o444); err != nil {
		t.Fatal(err)
	}
	o := asynctrait(t, dir, "", "expand", "-w", "ro.rs", "rw.rs")
	if o.code != 2 || !strings.Contains(o.stderr, "`ro.rs` is read-only (mode 0444), so -w left it unchanged; make it writable (chmod u+w ro.rs)") {
		t.Errorf("%v", o)
	}
	fi, err := os.Stat(ro)
	if err != nil || fi.Mode().Perm() != 0o444 || readFile(t, ro) != traitSrc {
		t.Errorf("read-only file changed: mode %v", fi.Mode())
	}
	if readFile(t, filepath.Join(dir, "rw.rs")) == traitSrc {
		t.Error("the writable file was not written")
	}
	assertNoTemp(t, dir)
}

// -w keeps the mode bits and writes through symbolic links.
func TestWriteKeepsModeAndLinks(t *testing.T) {
	needExpander(t)
	dir := t.TempDir()
	writeFiles(t, dir, map[string]string{"real/lib.rs": traitSrc, "x.rs": traitSrc})
	if err := os.Chmod(filepath.Join(dir, "x.rs"), 0o751); err != nil {
		t.Fatal(err)
	}
	if err := os.Symlink(filepath.Join("real", "lib.rs"), filepath.Join(dir, "link.rs")); err != nil {
		t.Fatal(err)
	}
	if o := asynctrait(t, dir, "", "expand", "-w", "x.rs", "link.rs"); o.code != 0 {
		t.Fatalf("%v", o)
	}
	if fi, _ := os.Stat(filepath.Join(dir, "x.rs")); fi.Mode().Perm() != 0o751 {
		t.Errorf("mode %v, want 0751", fi.Mode())
	}
	if li, _ := os.Lstat(filepath.Join(dir, "link.rs")); li.Mode()&os.ModeSymlink == 0 {
		t.Error("the symlink was replaced by a file")
	}
	if readFile(t, filepath.Join(dir, "real/lib.rs")) == traitSrc {
		t.Error("the link target was not rewritten")
	}
}

func assertNoTemp(t *testing.T, dir string) {
	t.Helper()
	entries, _ := os.ReadDir(dir)
	for _, e := range entries {
		if strings.Contains(e.Name(), ".asynctrait-") {
			t.Errorf("temporary file left in %s: %s", dir, e.Name())
		}
	}
}

// lockDir makes dir refuse new entries — even to root — until the test
// ends. As a normal user, mode 0555 does it. Root ignores permission bits,
// so as root the directory is made immutable with chattr +i (ext4, xfs,
// btrfs; needs CAP_LINUX_IMMUTABLE), which stops root from creating,
// renaming or removing entries in it.
func lockDir(t *testing.T, dir string) {
	t.Helper()
	if os.Geteuid() != 0 {
		if err := os.Chmod(dir, 0o555); err != nil {
			t.Fatal(err)
		}
		t.Cleanup(func() { os.Chmod(dir, 0o755) })
	} else {
		out, err := exec.Command("chattr", "+i", dir).CombinedOutput()
		if err != nil {
			msg := fmt.Sprintf("cannot make %s immutable with chattr +i (%v: %s); no way to make a directory unwritable for root here", dir, err, out)
			if os.Getenv("CI") != "" {
				t.Fatal(msg)
			}
			t.Skip(msg)
		}
		t.Cleanup(func() { exec.Command("chattr", "-i", dir).Run() })
	}
	probe := filepath.Join(dir, "probe")
	if err := os.WriteFile(probe, nil, 0o644); err == nil {
		os.Remove(probe)
		t.Fatalf("%s is still writable after locking it", dir)
	}
}

// -w in a directory where no temporary file can be created: the file is
// untouched, the error names it, the exit status is 2, and files elsewhere
// are still written.
func TestWriteUnwritableDirectory(t *testing.T) {
	needExpander(t)
	dir := t.TempDir()
	writeFiles(t, dir, map[string]string{"locked/a.rs": traitSrc, "open/b.rs": traitSrc})
	lockDir(t, filepath.Join(dir, "locked"))
	o := asynctrait(t, dir, "", "expand", "-w", "-l", "locked/a.rs", "open/b.rs")
	if o.code != 2 || !strings.Contains(o.stderr, "cannot write `locked/a.rs`: cannot create a temporary file in its directory") ||
		!strings.Contains(o.stderr, "the file was left unchanged") {
		t.Errorf("%v", o)
	}
	if readFile(t, filepath.Join(dir, "locked/a.rs")) != traitSrc {
		t.Error("the file in the locked directory changed")
	}
	if readFile(t, filepath.Join(dir, "open/b.rs")) == traitSrc {
		t.Error("the other file was not written")
	}
	assertNoTemp(t, filepath.Join(dir, "locked"))
}

// -w on a full disk: a tiny tmpfs, filled up, in a private mount namespace
// (root only; unshare(1) from util-linux). The write of the temporary file
// fails with ENOSPC, the temporary file is removed and the original stays.
func TestWriteFullDisk(t *testing.T) {
	needExpander(t)
	if os.Geteuid() != 0 {
		t.Skip("mounting a tmpfs needs root")
	}
	unshare, err := exec.LookPath("unshare")
	if err != nil {
		if os.Getenv("CI") != "" {
			t.Fatal("unshare(1) not found; CI must run the full-disk test")
		}
		t.Skip("unshare(1) not found")
	}
	dir := t.TempDir()
	src := filepath.Join(dir, "orig.rs")
	writeFiles(t, dir, map[string]string{"orig.rs": traitSrc})
	mnt := filepath.Join(dir, "mnt")
	if err := os.Mkdir(mnt, 0o755); err != nil {
		t.Fatal(err)
	}
	script := `set -e
mount -t tmpfs -o size=64k tmpfs "$MNT"
cp "$SRC" "$MNT/lib.rs"
cat /dev/zero > "$MNT/fill" 2>/dev/null || true
set +e
"$BIN" expand -w "$MNT/lib.rs"
echo "exit=$?"
cmp -s "$SRC" "$MNT/lib.rs" && echo "untouched"
ls -a "$MNT"
`
	cmd := exec.Command(unshare, "-m", "--propagation", "private", "sh", "-c", script)
	cmd.Env = append(os.Environ(), "MNT="+mnt, "SRC="+src, "BIN="+bin)
	out, err := cmd.CombinedOutput()
	if err != nil {
		msg := fmt.Sprintf("cannot set up a full tmpfs: %v\n%s", err, out)
		if os.Getenv("CI") != "" {
			t.Fatal(msg)
		}
		t.Skip(msg)
	}
	s := string(out)
	if !strings.Contains(s, "cannot write `"+mnt+"/lib.rs`: no space left on device; the file was left unchanged") ||
		!strings.Contains(s, "exit=2") || !strings.Contains(s, "untouched") || strings.Contains(s, ".asynctrait-") {
		t.Errorf("full disk:\n%s", s)
	}
}

var workspace = map[string]string{
	"Cargo.toml":                        "[workspace]\nmembers = [\"crates/*\"]\nresolver = \"2\"\n",
	"crates/alpha/Cargo.toml":           "[package]\nname = \"alpha\"\nversion = \"0.1.0\"\nedition = \"2021\"\n",
	"crates/alpha/src/lib.rs":           traitSrc,
	"crates/alpha/src/inner/mod.rs":     plain,
	"crates/alpha/tests/it.rs":          implSrc,
	"crates/alpha/target/debug/junk.rs": traitSrc,
	"crates/beta/Cargo.toml":            "[package]\nname = \"beta\"\nversion = \"0.1.0\"\nedition = \"2021\"\n\n[[bin]]\nname = \"tool\"\npath = \"tools/tool.rs\"\n",
	"crates/beta/src/lib.rs":            implSrc,
	"crates/beta/tools/tool.rs":         traitSrc,
	"crates/beta/.hidden/x.rs":          traitSrc,
}

// The files the cargo form finds: this holds with any Expand.
func TestCargoWorkspaceFiles(t *testing.T) {
	root := t.TempDir()
	writeFiles(t, root, workspace)
	cargoRun := func(dir string, args ...string) outcome {
		return run(t, dir, "", nil, cargoBin, append([]string{"asynctrait"}, args...)...)
	}
	// Which files are found is seen without the expander through files
	// that are not UTF-8 (and name async_trait, which makes them
	// asynctrait's to judge): each one found is reported as an error.
	bad := "\xff\n// async_trait\n"
	writeFiles(t, root, map[string]string{
		"crates/alpha/src/inner/bad.rs": bad,
		"crates/alpha/tests/bad.rs":     bad,
		"crates/alpha/target/bad.rs":    bad,
		"crates/beta/tools/bad.rs":      bad,
		"crates/beta/.hidden/bad.rs":    bad,
		"outside/bad.rs":                bad,
	})
	found := func(o outcome) []string {
		var files []string
		for _, line := range strings.Split(o.stderr, "\n") {
			if f, ok := strings.CutSuffix(line, ":1:1: error: file is not valid UTF-8"); ok {
				files = append(files, filepath.ToSlash(f))
			}
		}
		return files
	}
	o := cargoRun(root, "expand", "-l", "--message-format=short")
	want := []string{"crates/alpha/src/inner/bad.rs", "crates/alpha/tests/bad.rs", "crates/beta/tools/bad.rs"}
	if got := found(o); o.code != 1 || !reflect.DeepEqual(got, want) {
		t.Errorf("cargo asynctrait expand at the root: found %q, want %q\n%v", got, want, o)
	}
	o = cargoRun(filepath.Join(root, "crates", "beta", "src"), "expand", "--message-format=short")
	if got := found(o); !reflect.DeepEqual(got, []string{"../tools/bad.rs"}) {
		t.Errorf("in crates/beta/src: found %q\n%v", got, o)
	}
	o = cargoRun(root, "expand", "-l", "--message-format=short", "-p", "beta")
	if got := found(o); !reflect.DeepEqual(got, []string{"crates/beta/tools/bad.rs"}) {
		t.Errorf("-p beta: found %q\n%v", got, o)
	}
	o = run(t, t.TempDir(), "", nil, bin, "expand", "-l", "--message-format=short", "--manifest-path", filepath.Join(root, "crates", "alpha", "Cargo.toml"))
	if got := found(o); len(got) != 2 || !strings.HasSuffix(got[0], "crates/alpha/src/inner/bad.rs") {
		t.Errorf("--manifest-path alpha: found %q\n%v", got, o)
	}
	o = cargoRun(root, "expand", "-p", "gamma")
	if o.code != 2 || !strings.Contains(o.stderr, "package `gamma` not found in the workspace; its members are: alpha, beta") {
		t.Errorf("-p gamma: %v", o)
	}
	// Plain asynctrait in a crate with no path reads standard input.
	if o := run(t, root, plain, nil, bin, "expand"); o.code != 0 || o.stdout != plain {
		t.Errorf("asynctrait expand in a crate: %v", o)
	}
}

// The cargo form with real rewriting, directly and through cargo itself.
func TestCargoWorkspaceRewrite(t *testing.T) {
	needExpander(t)
	root := t.TempDir()
	writeFiles(t, root, workspace)
	cargoRun := func(dir string, args ...string) outcome {
		return run(t, dir, "", nil, cargoBin, append([]string{"asynctrait"}, args...)...)
	}
	all := "crates/alpha/src/lib.rs\ncrates/alpha/tests/it.rs\ncrates/beta/src/lib.rs\ncrates/beta/tools/tool.rs\n"
	if o := cargoRun(root, "expand", "-l"); o.code != 0 || o.stdout != all {
		t.Errorf("-l: %v", o)
	}
	if o := cargoRun(root, "expand", "-l", "-p", "beta", "--package", "alpha"); o.code != 0 || o.stdout != all {
		t.Errorf("-p beta -p alpha: %v", o)
	}
	if o := cargoRun(root, "expand", "-d", "-p", "beta"); o.code != 0 || !strings.HasPrefix(o.stdout, "--- a/crates/beta/src/lib.rs\n") {
		t.Errorf("-d -p beta: %v", o)
	}
	if o := cargoRun(root, "expand", "--check", "-l", "--manifest-path", "crates/alpha/Cargo.toml"); o.code != 1 || o.stdout != "crates/alpha/src/lib.rs\ncrates/alpha/tests/it.rs\n" {
		t.Errorf("--check --manifest-path: %v", o)
	}
	// Through cargo, with the binaries first on PATH.
	if cargo, err := exec.LookPath("cargo"); err == nil {
		env := []string{"PATH=" + binDir + string(os.PathListSeparator) + os.Getenv("PATH")}
		o := run(t, filepath.Join(root, "crates", "alpha"), "", env, cargo, "asynctrait", "expand", "-l")
		if o.code != 0 || o.stdout != "src/lib.rs\ntests/it.rs\n" {
			t.Errorf("cargo asynctrait expand -l: %v", o)
		}
	}
	if o := cargoRun(root, "expand", "-w", "-p", "alpha"); o.code != 0 {
		t.Errorf("-w -p alpha: %v", o)
	}
	if readFile(t, filepath.Join(root, "crates/alpha/src/lib.rs")) == traitSrc || readFile(t, filepath.Join(root, "crates/beta/src/lib.rs")) != implSrc ||
		readFile(t, filepath.Join(root, "crates/alpha/target/debug/junk.rs")) != traitSrc {
		t.Error("-w -p alpha wrote the wrong files")
	}
}
