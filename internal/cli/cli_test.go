package cli

import (
	"bytes"
	"encoding/json"
	"fmt"
	"hash/fnv"
	"io"
	"os"
	"os/exec"
	"path/filepath"
	"reflect"
	"runtime"
	"sort"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/asynctrait/asynctrait"
	"github.com/asynctrait/asynctrait/internal/diag"
	"github.com/asynctrait/asynctrait/internal/edit"
	"github.com/asynctrait/asynctrait/internal/source"
)

// fake is a stand-in expander with predictable behaviour, so that these
// tests exercise the command line alone:
//
//   - each line "#[async_trait]" becomes "// expanded";
//   - "ERROR" anywhere gives an error diagnostic on that word (output = input);
//   - "WARN" gives a warning (the rewrite still happens);
//   - "PANIC" panics; "INTERNAL" returns an internal error diagnostic;
//   - with delay set, it sleeps a pseudo-random time per file, so that
//     files finish out of order.
type fake struct {
	mu    sync.Mutex
	opts  []asynctrait.Options
	calls []string
	delay bool
}

func (f *fake) expand(name string, src []byte, opts asynctrait.Options) asynctrait.Result {
	f.mu.Lock()
	f.opts = append(f.opts, opts)
	f.calls = append(f.calls, name)
	f.mu.Unlock()
	if f.delay {
		h := fnv.New32a()
		h.Write([]byte(name))
		time.Sleep(time.Duration(h.Sum32()%3000) * time.Microsecond)
	}
	file := source.NewFile(name, src)
	if bytes.Contains(src, []byte("PANIC")) {
		panic("boom")
	}
	if bytes.Contains(src, []byte("INTERNAL")) {
		return asynctrait.Result{Output: src, Diagnostics: []diag.Diagnostic{{Severity: diag.Error, Message: "internal error: edits overlap"}}}
	}
	if i := bytes.Index(src, []byte("ERROR")); i >= 0 {
		d := diag.Errorf(file, source.Span{Start: uint32(i), End: uint32(i + 5)}, "`async_trait` cannot be used here")
		d.Code = "E9999"
		d.Labels[0].Message = "not a trait or impl"
		d.Help = []string{"remove the attribute"}
		return asynctrait.Result{Output: src, Diagnostics: []diag.Diagnostic{d}}
	}
	var res asynctrait.Result
	if i := bytes.Index(src, []byte("WARN")); i >= 0 {
		d := diag.Errorf(file, source.Span{Start: uint32(i), End: uint32(i + 4)}, "careful")
		d.Severity = diag.Warning
		res.Diagnostics = append(res.Diagnostics, d)
	}
	out := bytes.ReplaceAll(src, []byte("#[async_trait]\n"), []byte("// expanded\n"))
	res.Output = out
	res.Changed = !bytes.Equal(out, src)
	return res
}

type outcome struct {
	stdout, stderr string
	code           int
}

func (o outcome) String() string {
	return fmt.Sprintf("exit %d\n--- stdout\n%s--- stderr\n%s", o.code, o.stdout, o.stderr)
}

func runCLI(t *testing.T, r *Runner, stdin string, args ...string) outcome {
	t.Helper()
	var stdout, stderr bytes.Buffer
	code := r.Main(append([]string{"asynctrait"}, args...), strings.NewReader(stdin), &stdout, &stderr)
	return outcome{stdout.String(), stderr.String(), code}
}

func newRunner(dir string) (*Runner, *fake) {
	f := &fake{}
	return &Runner{Expand: f.expand, Dir: dir, Getenv: func(string) string { return "" }}, f
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

const (
	changing  = "use async_trait::async_trait;\n#[async_trait]\ntrait T {}\n"
	changed   = "use async_trait::async_trait;\n// expanded\ntrait T {}\n"
	unchanged = "fn main() {}\n"
	erroring  = "#[async_trait]\nstruct ERROR;\n"
)

func TestStdin(t *testing.T) {
	r, f := newRunner(t.TempDir())
	if o := runCLI(t, r, unchanged, "expand"); o.code != 0 || o.stdout != unchanged || o.stderr != "" {
		t.Errorf("unchanged input: %v", o)
	}
	if o := runCLI(t, r, changing, "expand"); o.code != 0 || o.stdout != changed || o.stderr != "" {
		t.Errorf("changing input: %v", o)
	}
	if f.calls[0] != "<stdin>" {
		t.Errorf("stdin named %q", f.calls[0])
	}
	o := runCLI(t, r, erroring, "expand")
	want := "error[E9999]: `async_trait` cannot be used here\n --> <stdin>:2:8\n  |\n2 | struct ERROR;\n  |        ^^^^^ not a trait or impl\n  |\n  = help: remove the attribute\n\n"
	if o.code != 1 || o.stdout != "" || o.stderr != want {
		t.Errorf("erroring input: %v\nwant stderr\n%s", o, want)
	}
	if o := runCLI(t, r, changing, "expand", "-d"); o.code != 0 || !strings.HasPrefix(o.stdout, "--- a/<stdin>\n+++ b/<stdin>\n@@") {
		t.Errorf("-d on stdin: %v", o)
	}
	if o := runCLI(t, r, changing, "expand", "-l"); o.code != 0 || o.stdout != "<stdin>\n" {
		t.Errorf("-l on stdin: %v", o)
	}
	if o := runCLI(t, r, changing, "expand", "--check"); o.code != 1 || !strings.Contains(o.stdout, "+// expanded") {
		t.Errorf("--check on stdin: %v", o)
	}
	if o := runCLI(t, r, changing, "expand", "-w"); o.code != 2 || o.stdout != "" ||
		!strings.Contains(o.stderr, "asynctrait: -w cannot be used with standard input; name the files to rewrite") {
		t.Errorf("-w on stdin: %v", o)
	}
}

// The modes and their combinations on a directory with a file that
// changes, one that does not, and one that has an error.
func TestModes(t *testing.T) {
	diffA := edit.Unified("a.rs", "a.rs", []byte(changing), []byte(changed))
	tests := []struct {
		args       []string
		files      []string // which files exist: a (changes), b (unchanged), c (error)
		stdout     string
		code       int
		aAfter     string
		errContain string
	}{
		{[]string{"a.rs", "b.rs"}, nil, changed + unchanged, 0, changing, ""},
		{[]string{"a.rs", "b.rs", "c.rs"}, nil, changed + unchanged, 1, changing, "struct ERROR"},
		{[]string{"-l", "a.rs", "b.rs"}, nil, "a.rs\n", 0, changing, ""},
		{[]string{"-d", "a.rs", "b.rs"}, nil, diffA, 0, changing, ""},
		{[]string{"-l", "-d", "a.rs", "b.rs"}, nil, "a.rs\n" + diffA, 0, changing, ""},
		{[]string{"--check", "a.rs", "b.rs"}, nil, diffA, 1, changing, ""},
		{[]string{"--check", "-l", "a.rs", "b.rs"}, nil, "a.rs\n", 1, changing, ""},
		{[]string{"--check", "-d", "a.rs", "b.rs"}, nil, diffA, 1, changing, ""},
		{[]string{"--check", "b.rs"}, nil, "", 0, changing, ""},
		{[]string{"--check", "b.rs", "c.rs"}, nil, "", 1, changing, "struct ERROR"},
		{[]string{"-w", "a.rs", "b.rs"}, nil, "", 0, changed, ""},
		{[]string{"-w", "-l", "a.rs", "b.rs"}, nil, "a.rs\n", 0, changed, ""},
		{[]string{"-w", "-d", "a.rs", "b.rs"}, nil, diffA, 0, changed, ""},
		{[]string{"-w", "a.rs", "c.rs"}, nil, "", 1, changed, "struct ERROR"},
		{[]string{"-d", "."}, nil, "--- a/a.rs\n+++ b/a.rs\n" + strings.SplitN(diffA, "\n", 3)[2], 1, changing, "c.rs:2:8"},
		{[]string{"-w", "--check", "a.rs"}, nil, "", 2, changing, "--check writes nothing"},
	}
	for _, tt := range tests {
		t.Run(strings.Join(tt.args, " "), func(t *testing.T) {
			dir := t.TempDir()
			writeFiles(t, dir, map[string]string{"a.rs": changing, "b.rs": unchanged, "c.rs": erroring})
			r, _ := newRunner(dir)
			o := runCLI(t, r, "", append([]string{"expand"}, tt.args...)...)
			if o.code != tt.code || o.stdout != tt.stdout {
				t.Errorf("got %v\nwant exit %d, stdout\n%s", o, tt.code, tt.stdout)
			}
			if tt.errContain == "" && o.stderr != "" || !strings.Contains(o.stderr, tt.errContain) {
				t.Errorf("stderr %q, want it to contain %q", o.stderr, tt.errContain)
			}
			if got := readFile(t, filepath.Join(dir, "a.rs")); got != tt.aAfter {
				t.Errorf("a.rs after: %q, want %q", got, tt.aAfter)
			}
			if got := readFile(t, filepath.Join(dir, "c.rs")); got != erroring {
				t.Errorf("c.rs (with an error) was modified: %q", got)
			}
			if got := readFile(t, filepath.Join(dir, "b.rs")); got != unchanged {
				t.Errorf("b.rs was modified: %q", got)
			}
		})
	}
}

// Flags are accepted with one or two dashes, with "=" or a separate value,
// before or after the paths; "--" ends them.
func TestFlagSpellings(t *testing.T) {
	dir := t.TempDir()
	writeFiles(t, dir, map[string]string{"a.rs": changing, "-odd.rs": changing})
	spellings := [][]string{
		{"--check", "-l", "a.rs"},
		{"-check", "--l", "a.rs"},
		{"a.rs", "--check", "-l"},
		{"-l", "a.rs", "-check", "-j=1"},
		{"-l", "-j", "3", "--check", "--", "a.rs"},
		{"--message-format", "short", "-l", "--check", "a.rs"},
		{"--message-format=short", "-l", "--color=never", "-check", "a.rs"},
	}
	for _, args := range spellings {
		r, _ := newRunner(dir)
		if o := runCLI(t, r, "", append([]string{"expand"}, args...)...); o.code != 1 || o.stdout != "a.rs\n" {
			t.Errorf("%v: %v", args, o)
		}
	}
	r, _ := newRunner(dir)
	if o := runCLI(t, r, "", "expand", "-l", "--", "-odd.rs"); o.code != 0 || o.stdout != "-odd.rs\n" {
		t.Errorf("-- then a path starting with -: %v", o)
	}
}

func TestOptionsPassed(t *testing.T) {
	r, f := newRunner(t.TempDir())
	runCLI(t, r, changing, "expand")
	runCLI(t, r, changing, "expand", "--cfg", `feature="std"`, "--cfg=test", "-cfg", `target_os = "linux"`, "--exact")
	runCLI(t, r, changing, "expand", "-exact")
	if len(f.opts) != 3 {
		t.Fatalf("%d calls", len(f.opts))
	}
	if f.opts[0].Cfg != nil || f.opts[0].Exact {
		t.Errorf("no flags: %+v (Cfg must stay nil)", f.opts[0])
	}
	if want := []string{`feature="std"`, "test", `target_os = "linux"`}; !reflect.DeepEqual(f.opts[1].Cfg, want) || !f.opts[1].Exact {
		t.Errorf("--cfg: %+v, want Cfg %q and Exact", f.opts[1], want)
	}
	if !f.opts[2].Exact {
		t.Errorf("-exact: %+v", f.opts[2])
	}
	for _, bad := range []string{"a b", `feature=std`, `="x"`, `9x`, ""} {
		if o := runCLI(t, r, "x", "expand", "--cfg", bad); o.code != 2 || !strings.Contains(o.stderr, "invalid --cfg") {
			t.Errorf("--cfg %q: %v", bad, o)
		}
	}
}

func TestUsage(t *testing.T) {
	dir := t.TempDir()
	writeFiles(t, dir, map[string]string{"a.rs": changing})
	r, _ := newRunner(dir)
	tests := []struct {
		args   []string
		code   int
		stdout string // substring
		stderr string // substring
	}{
		{nil, 2, "", "Commands:\n  expand"},
		{[]string{"help"}, 0, "Use it instead of the macro", ""},
		{[]string{"--help"}, 0, "Commands:", ""},
		{[]string{"help", "expand"}, 0, "--message-format FMT", ""},
		{[]string{"expand", "--help"}, 0, "Exit status", ""},
		{[]string{"expand", "-h"}, 0, "Cargo flags", ""},
		{[]string{"help", "nope"}, 2, "", "no help for unknown command \"nope\""},
		{[]string{"version"}, 0, "asynctrait " + Version + "\n", ""},
		{[]string{"--version"}, 0, "asynctrait ", ""},
		{[]string{"-V"}, 0, "asynctrait ", ""},
		{[]string{"check"}, 2, "", "unknown command \"check\"\nUsage: asynctrait <command> [arguments]\nCommands:\n  expand   rewrite"},
		{[]string{"a.rs"}, 2, "", "To expand files, run `asynctrait expand a.rs`."},
		{[]string{"-w", "a.rs"}, 2, "", "flags go after the command, as in `asynctrait expand -w a.rs`"},
		{[]string{"expand", "--nope"}, 2, "", "asynctrait: unknown flag --nope\nRun 'asynctrait help expand' for usage."},
		{[]string{"expand", "-j", "0", "a.rs"}, 2, "", "-j must be at least 1"},
		{[]string{"expand", "-j", "x", "a.rs"}, 2, "", "invalid value \"x\" for flag -j"},
		{[]string{"expand", "--color=sometimes", "a.rs"}, 2, "", "--color: unknown value \"sometimes\""},
		{[]string{"expand", "--message-format=xml", "a.rs"}, 2, "", "unknown message format \"xml\""},
		{[]string{"expand", "-p", "x", "a.rs"}, 2, "", "paths cannot be combined with --manifest-path, -p or --workspace"},
		{[]string{"expand", "missing.rs", "a.rs"}, 2, changed, "error: cannot read `missing.rs`: no such file or directory"},
	}
	for _, tt := range tests {
		o := runCLI(t, r, "", tt.args...)
		if o.code != tt.code || !strings.Contains(o.stdout, tt.stdout) || !strings.Contains(o.stderr, tt.stderr) {
			t.Errorf("%v: %v\nwant exit %d, stdout with %q, stderr with %q", tt.args, o, tt.code, tt.stdout, tt.stderr)
		}
	}
}

func TestPanicAndInternalErrors(t *testing.T) {
	dir := t.TempDir()
	writeFiles(t, dir, map[string]string{"a.rs": "PANIC\n#[async_trait]\n", "b.rs": changing, "c.rs": "INTERNAL\n#[async_trait]\n"})
	r, _ := newRunner(dir)
	o := runCLI(t, r, "", "expand", "-w", "a.rs", "b.rs", "c.rs")
	if o.code != 2 {
		t.Errorf("exit %d, want 2", o.code)
	}
	if !strings.Contains(o.stderr, "error: internal error: asynctrait panicked: boom\n --> a.rs\n") ||
		!strings.Contains(o.stderr, "= note: the file was left unchanged") ||
		!strings.Contains(o.stderr, "error: internal error: edits overlap\n --> c.rs") {
		t.Errorf("stderr:\n%s", o.stderr)
	}
	if readFile(t, filepath.Join(dir, "a.rs")) != "PANIC\n#[async_trait]\n" || readFile(t, filepath.Join(dir, "b.rs")) != changed {
		t.Errorf("a.rs must be untouched and b.rs rewritten")
	}
}

func TestInvalidUTF8(t *testing.T) {
	dir := t.TempDir()
	bad := "#[async_trait]\ntrait T { fn f(&self) -> &'static str { \"caf\xe9\" } }\n"
	writeFiles(t, dir, map[string]string{"bad.rs": bad})
	r, f := newRunner(dir)
	o := runCLI(t, r, "", "expand", "-w", "--message-format=short", "bad.rs")
	if o.code != 1 || o.stderr != "bad.rs:2:45: error: file is not valid UTF-8\n" {
		t.Errorf("%v", o)
	}
	if readFile(t, filepath.Join(dir, "bad.rs")) != bad {
		t.Error("bad.rs was modified")
	}
	if len(f.calls) != 0 {
		t.Error("the expander was called on invalid UTF-8")
	}
}

// A file without "async_trait" is not asynctrait's: it is left as it is,
// unread by the expander and without a diagnostic, even when it is not
// UTF-8 — as the library does (asynctrait.Expand returns it unchanged). A
// file with the marker that is not UTF-8 gets the diagnostic from both.
func TestNoMarkerNotJudged(t *testing.T) {
	dir := t.TempDir()
	latin1 := "// caf\xe9\nfn main() {}\n"
	bad := "// caf\xe9\n#[async_trait]\ntrait T {}\n"
	writeFiles(t, dir, map[string]string{"a.rs": latin1, "b.rs": bad, "c.rs": unchanged})
	for _, mode := range [][]string{{}, {"-l"}, {"-d"}, {"--check"}, {"-w"}} {
		r, f := newRunner(dir)
		args := append(append([]string{"expand", "--message-format=short"}, mode...), "a.rs", "b.rs", "c.rs")
		o := runCLI(t, r, "", args...)
		wantOut := ""
		if len(mode) == 0 {
			wantOut = latin1 + unchanged // b.rs has an error: not printed
		}
		if o.code != 1 || o.stdout != wantOut || o.stderr != "b.rs:1:7: error: file is not valid UTF-8\n" {
			t.Errorf("%v: %v", mode, o)
		}
		if len(f.calls) != 0 {
			t.Errorf("%v: the expander was called on %q", mode, f.calls)
		}
		if readFile(t, filepath.Join(dir, "a.rs")) != latin1 || readFile(t, filepath.Join(dir, "b.rs")) != bad {
			t.Errorf("%v: a file was modified", mode)
		}
	}
	r, _ := newRunner(dir)
	if o := runCLI(t, r, latin1, "expand"); o.code != 0 || o.stdout != latin1 || o.stderr != "" {
		t.Errorf("stdin: %v", o)
	}
	// The library agrees.
	if res := asynctrait.Expand("a.rs", []byte(latin1), asynctrait.Options{}); res.Changed || len(res.Diagnostics) != 0 || string(res.Output) != latin1 {
		t.Errorf("library on a.rs: %+v", res)
	}
	if res := asynctrait.Expand("b.rs", []byte(bad), asynctrait.Options{}); !res.HasErrors() || res.Diagnostics[0].Message != "file is not valid UTF-8" {
		t.Errorf("library on b.rs: %+v", res)
	}
}

func TestWriteSafety(t *testing.T) {
	dir := t.TempDir()
	writeFiles(t, dir, map[string]string{"ro.rs": changing, "mode.rs": changing, "target.rs": changing, "ok.rs": changing})
	must := func(err error) {
		t.Helper()
		if err != nil {
			t.Fatal(err)
		}
	}
	must(os.Chmod(filepath.Join(dir, "ro.rs"), 0o444))
	must(os.Chmod(filepath.Join(dir, "mode.rs"), 0o640))
	must(os.Symlink("target.rs", filepath.Join(dir, "link.rs")))
	r, _ := newRunner(dir)
	o := runCLI(t, r, "", "expand", "-w", "-l", "ro.rs", "mode.rs", "link.rs", "ok.rs")
	// -l lists the files whose expansion differs, written or not.
	if o.code != 2 || o.stdout != "ro.rs\nmode.rs\nlink.rs\nok.rs\n" {
		t.Errorf("%v", o)
	}
	if !strings.Contains(o.stderr, "`ro.rs` is read-only (mode 0444), so -w left it unchanged; make it writable (chmod u+w ro.rs)") {
		t.Errorf("stderr:\n%s", o.stderr)
	}
	if got := readFile(t, filepath.Join(dir, "ro.rs")); got != changing {
		t.Errorf("read-only file modified")
	}
	fi, _ := os.Stat(filepath.Join(dir, "ro.rs"))
	if fi.Mode().Perm() != 0o444 {
		t.Errorf("read-only file mode now %v", fi.Mode())
	}
	fi, _ = os.Stat(filepath.Join(dir, "mode.rs"))
	if fi.Mode().Perm() != 0o640 || readFile(t, filepath.Join(dir, "mode.rs")) != changed {
		t.Errorf("mode.rs: mode %v", fi.Mode())
	}
	li, _ := os.Lstat(filepath.Join(dir, "link.rs"))
	if li.Mode()&os.ModeSymlink == 0 || readFile(t, filepath.Join(dir, "target.rs")) != changed {
		t.Errorf("symlink: link mode %v, target %q", li.Mode(), readFile(t, filepath.Join(dir, "target.rs")))
	}
	entries, _ := os.ReadDir(dir)
	for _, e := range entries {
		if strings.Contains(e.Name(), ".tmp") {
			t.Errorf("temporary file left behind: %s", e.Name())
		}
	}
}

// A file modified between reading and writing is not overwritten.
func TestWriteRefusesConcurrentChange(t *testing.T) {
	dir := t.TempDir()
	p := filepath.Join(dir, "a.rs")
	writeFiles(t, dir, map[string]string{"a.rs": changing})
	fi, _ := os.Stat(p)
	before := fileState(fi)
	time.Sleep(10 * time.Millisecond)
	writeFiles(t, dir, map[string]string{"a.rs": changing + "// edited meanwhile\n"})
	err := writeFile(p, "a.rs", bytes.NewReader([]byte(changed)), &before)
	if err == nil || !strings.Contains(err.Error(), "changed on disk") {
		t.Errorf("err = %v", err)
	}
	if readFile(t, p) != changing+"// edited meanwhile\n" {
		t.Error("file overwritten")
	}
}

// Changes that keep the size and the modification time are seen too: a
// same-size write whose modification time is put back (by the change
// time) and a file renamed over the original (by the inode).
func TestWriteRefusesSameSizeChange(t *testing.T) {
	dir := t.TempDir()
	p := filepath.Join(dir, "a.rs")
	old := time.Now().Add(-time.Hour).Truncate(time.Second)
	variant := strings.Replace(changing, "trait T", "trait U", 1)
	for _, how := range []string{"overwrite", "rename"} {
		writeFiles(t, dir, map[string]string{"a.rs": changing})
		must(t, os.Chtimes(p, old, old))
		fi, err := os.Stat(p)
		must(t, err)
		before := fileState(fi)
		time.Sleep(20 * time.Millisecond) // a new change time
		switch how {
		case "overwrite":
			f, err := os.OpenFile(p, os.O_WRONLY, 0)
			must(t, err)
			_, err = f.WriteAt([]byte(variant), 0)
			must(t, err)
			must(t, f.Close())
		case "rename":
			writeFiles(t, dir, map[string]string{"new.rs": variant})
			must(t, os.Rename(filepath.Join(dir, "new.rs"), p))
		}
		must(t, os.Chtimes(p, old, old))
		if fi, _ := os.Stat(p); fi.Size() != before.size || fi.ModTime().UnixNano() != before.mtime {
			t.Fatalf("%s: size or modification time differ; the test tests nothing", how)
		}
		err = writeFile(p, "a.rs", bytes.NewReader([]byte(changed)), &before)
		if runtime.GOOS != "windows" && (err == nil || !strings.Contains(err.Error(), "changed on disk")) {
			t.Errorf("%s: err = %v", how, err)
		}
		if err != nil && readFile(t, p) != variant {
			t.Errorf("%s: file overwritten", how)
		}
	}
}

func TestTempName(t *testing.T) {
	for name, pid := range map[string]int{
		".a.rs.asynctrait-42-123.tmp":                 42,
		".a.rs.asynctrait-999999999-1.tmp":            999999999,
		".x.asynctrait-1-2.tmp.asynctrait-7-0.tmp":    7,
		".a.rs.asynctrait-123456789.tmp":              0, // before PIDs were in the name
		".a.rs.asynctrait-0-1.tmp":                    0,
		".a.rs.asynctrait-042-1.tmp":                  0,
		".a.rs.asynctrait-1234567890-1.tmp":           0,
		".a.rs.asynctrait--1-1.tmp":                   0,
		".a.rs.asynctrait-1-.tmp":                     0,
		".a.rs.asynctrait-1-2x.tmp":                   0,
		".a.rs.asynctrait-1-2.tmp~":                   0,
		"a.rs.asynctrait-1-2.tmp":                     0,
		"..asynctrait-1-2.tmp":                        0,
		".a.rs.asynctrait-1-2.TMP":                    0,
		".a.rs.asynctrait-+1-2.tmp":                   0,
		".a.rs.asynctrait-1-2-3.tmp":                  0,
		".a.rs.asynctrait-\u0661-2.tmp":               0,
		".a.rs.asynctrait-" + strings.Repeat("9", 30): 0,
	} {
		got, ok := tempPID(name)
		if ok != (pid != 0) || got != pid {
			t.Errorf("tempPID(%q) = %d, %v; want %d", name, got, ok, pid)
		}
	}
}

// deadPID is the id of a process that has exited.
func deadPID(t *testing.T) int {
	t.Helper()
	cmd := exec.Command(os.Args[0], "-test.run=^$")
	if err := cmd.Run(); err != nil {
		t.Fatal(err)
	}
	return cmd.Process.Pid
}

// -w removes the temporary files of killed runs (whose process is gone)
// in the directories it walks and in those of the files it is given, and
// nothing else: not the temporary files of running processes, not a name
// that only looks like ours, not a directory or a symbolic link, not a
// directory it does not walk.
func TestStaleTemps(t *testing.T) {
	if runtime.GOOS == "windows" {
		t.Skip("no process ids to check on windows: stale temporary files are removed after an hour")
	}
	dead, live := deadPID(t), os.Getppid()
	dir := t.TempDir()
	name := func(base string, pid int) string { return fmt.Sprintf(".%s.asynctrait-%d-%d.tmp", base, pid, 4242) }
	stale := []string{"src/" + name("a.rs", dead), "src/m/" + name("gone.rs", dead), "named/" + name("b.rs", dead)}
	kept := []string{
		"src/" + name("c.rs", live),                // a running process's
		"src/" + name("d.rs", os.Getpid()),         // ours
		"src/.a.rs.asynctrait-123456789.tmp",       // not the pattern
		"src/.a.rs.asynctrait-" + fmt.Sprint(dead), // not the pattern
		"src/a.rs.asynctrait-" + fmt.Sprint(dead) + "-1.tmp",
		"target/" + name("t.rs", dead), // not walked
		"named/sub/" + name("x.rs", dead),
	}
	files := map[string]string{"Cargo.toml": "[package]\nname = \"x\"\n", "src/a.rs": changing, "src/m/m.rs": unchanged, "named/b.rs": changing, "named/sub/x.rs": changing}
	for _, p := range append(append([]string{}, stale...), kept...) {
		files[p] = "half a rewrite"
	}
	writeFiles(t, dir, files)
	must(t, os.Mkdir(filepath.Join(dir, "src", name("dir.rs", dead)), 0o755))
	must(t, os.Symlink("a.rs", filepath.Join(dir, "src", name("link.rs", dead))))
	kept = append(kept, "src/"+name("dir.rs", dead), "src/"+name("link.rs", dead))

	r, _ := newRunner(dir)
	// Without -w nothing is removed.
	if o := runCLI(t, r, "", "expand", "-l", "src", "named/b.rs"); o.code != 0 {
		t.Fatalf("%v", o)
	}
	for _, p := range stale {
		if _, err := os.Lstat(filepath.Join(dir, p)); err != nil {
			t.Errorf("without -w: %s: %v", p, err)
		}
	}
	if o := runCLI(t, r, "", "expand", "-w", "src", "named/b.rs"); o.code != 0 {
		t.Fatalf("%v", o)
	}
	for _, p := range stale {
		if _, err := os.Lstat(filepath.Join(dir, p)); err == nil {
			t.Errorf("stale %s not removed", p)
		}
	}
	for _, p := range kept {
		if _, err := os.Lstat(filepath.Join(dir, p)); err != nil {
			t.Errorf("%s: %v", p, err)
		}
	}
	if readFile(t, filepath.Join(dir, "src/a.rs")) != changed || readFile(t, filepath.Join(dir, "named/b.rs")) != changed {
		t.Error("files not rewritten")
	}
}

// Output is the same, in the same order, whatever the number of workers.
func TestDeterminism(t *testing.T) {
	dir := t.TempDir()
	files := map[string]string{}
	var names []string
	for i := range 120 {
		name := fmt.Sprintf("d%d/f%03d.rs", i%7, i)
		body := fmt.Sprintf("// %d\n#[async_trait]\ntrait T%d {}\n", i, i)
		switch i % 10 {
		case 3:
			body += "ERROR\n"
		case 5:
			body += "WARN\n"
		case 7:
			body = "fn unchanged() {}\n"
		}
		files[name] = body
		names = append(names, name)
	}
	writeFiles(t, dir, files)
	sort.Strings(names)
	var first outcome
	for i, j := range []string{"1", "8", "3", "64"} {
		for _, mode := range [][]string{{"-d"}, {"-l"}, {}} {
			f := &fake{delay: true}
			r := &Runner{Expand: f.expand, Dir: dir}
			args := append(append([]string{"expand", "-j", j}, mode...), "d3", "d0/f000.rs", ".")
			o := runCLI(t, r, "", args...)
			if i == 0 && len(mode) == 1 && mode[0] == "-d" {
				first = o
			}
			if len(mode) == 1 && mode[0] == "-d" && o != first {
				t.Errorf("-j %s differs from -j 1:\n%v\n-j 1:\n%v", j, o, first)
			}
			if o.code != 1 {
				t.Errorf("exit %d", o.code)
			}
		}
	}
	// Argument order first (d3, then d0/f000.rs), then the sorted walk of
	// "." without the files already listed.
	var order []string
	for _, line := range strings.Split(first.stdout, "\n") {
		if name, ok := strings.CutPrefix(line, "--- a/"); ok {
			order = append(order, name)
		}
	}
	var want []string
	for _, n := range names {
		if strings.HasPrefix(n, "d3/") {
			want = append(want, n)
		}
	}
	want = append(want, "d0/f000.rs")
	for _, n := range names {
		if !strings.HasPrefix(n, "d3/") && n != "d0/f000.rs" {
			want = append(want, n)
		}
	}
	var wantChanged []string
	for _, n := range want {
		if b := files[n]; strings.Contains(b, "#[async_trait]") && !strings.Contains(b, "ERROR") {
			wantChanged = append(wantChanged, n)
		}
	}
	if !reflect.DeepEqual(order, wantChanged) {
		t.Errorf("diff order\n%q\nwant\n%q", order, wantChanged)
	}
}

func TestWalk(t *testing.T) {
	dir := t.TempDir()
	writeFiles(t, dir, map[string]string{
		"Cargo.toml":               "[package]\nname = \"x\"\n",
		".gitignore":               "# generated code\n/gen/\n*.out.rs\n!keep.out.rs\nbuild/**\n\\#weird.rs\nspaced.rs  \n",
		"src/lib.rs":               "lib",
		"src/target/mod.rs":        "a module named target",
		"src/nested/.gitignore":    "local.rs\n!/important/\n",
		"src/nested/local.rs":      "ignored by nested",
		"src/nested/other.rs":      "other",
		"src/nested/deep/local.rs": "ignored at any depth",
		"src/x.out.rs":             "ignored by glob",
		"src/keep.out.rs":          "re-included",
		"src/#weird.rs":            "escaped hash",
		"src/spaced.rs":            "trailing spaces trimmed",
		"src/notes.txt":            "not rust",
		"src/.hidden.rs":           "hidden file",
		"gen/out.rs":               "anchored dir",
		"sub/gen/out.rs":           "not anchored here",
		"build/a/b.rs":             "double star",
		"target/debug/build.rs":    "cargo target",
		"other/target/x.rs":        "target without Cargo.toml: kept",
		"cache/CACHEDIR.TAG":       "Signature: 8a477f597d28d172789f06886806bc55",
		"cache/x.rs":               "tagged cache",
		".hidden/x.rs":             "hidden dir",
		"nested-pkg/Cargo.toml":    "[package]\nname = \"y\"\n",
		"nested-pkg/src/lib.rs":    "walked outside cargo mode",
	})
	must := func(err error) {
		if err != nil {
			t.Fatal(err)
		}
	}
	outside := t.TempDir()
	writeFiles(t, outside, map[string]string{"escape.rs": "outside", "d/e.rs": "outside dir"})
	must(os.Symlink(filepath.Join(outside, "d"), filepath.Join(dir, "src", "linkdir")))
	must(os.Symlink(filepath.Join(outside, "escape.rs"), filepath.Join(dir, "src", "linkfile.rs")))
	r, _ := newRunner(dir)
	var x run
	x.r = r
	x.stderr = io.Discard
	pathJobs := func(paths []string) (jobs []job) {
		x.pathJobs(paths, func(j job) { jobs = append(jobs, j) })
		return jobs
	}
	jobs := pathJobs([]string{"."})
	var got []string
	for _, j := range jobs {
		got = append(got, filepath.ToSlash(j.name))
	}
	want := []string{
		"nested-pkg/src/lib.rs",
		"other/target/x.rs",
		"src/keep.out.rs",
		"src/lib.rs",
		"src/nested/other.rs",
		"src/target/mod.rs",
		"sub/gen/out.rs",
	}
	if !reflect.DeepEqual(got, want) {
		t.Errorf("walk found\n%q\nwant\n%q", got, want)
	}
	// Files named explicitly are processed even when ignored, hidden or
	// symlinked; a file named twice is processed once. Outside a git
	// repository, a walk of src/ does not read the .gitignore above src/.
	jobs = pathJobs([]string{"gen/out.rs", "src/.hidden.rs", "src/linkfile.rs", "src", "src/lib.rs"})
	got = nil
	for _, j := range jobs {
		got = append(got, filepath.ToSlash(j.name))
	}
	want = []string{"gen/out.rs", "src/.hidden.rs", "src/linkfile.rs", "src/#weird.rs", "src/keep.out.rs", "src/lib.rs", "src/nested/other.rs", "src/spaced.rs", "src/target/mod.rs", "src/x.out.rs"}
	if !reflect.DeepEqual(got, want) {
		t.Errorf("explicit files\n%q\nwant\n%q", got, want)
	}
	// A walk started inside an ignored directory's parent repository
	// honours the .gitignore files above it when in a git repository.
	must(os.Mkdir(filepath.Join(dir, ".git"), 0o755))
	writeFiles(t, dir, map[string]string{"sub/.gitignore": "", "sub/gen/ignored-from-above.out.rs": ""})
	jobs = pathJobs([]string{"sub"})
	got = nil
	for _, j := range jobs {
		got = append(got, filepath.ToSlash(j.name))
	}
	if want := []string{"sub/gen/out.rs"}; !reflect.DeepEqual(got, want) {
		t.Errorf("walk of sub/ in a repository: %q, want %q", got, want)
	}
}

func TestGitignoreRules(t *testing.T) {
	tests := []struct {
		pattern string
		path    string
		isDir   bool
		want    bool
	}{
		{"foo", "foo", false, true},
		{"foo", "a/b/foo", true, true},
		{"foo/", "a/foo", false, false},
		{"foo/", "a/foo", true, true},
		{"/foo", "foo", false, true},
		{"/foo", "a/foo", false, false},
		{"a/b", "a/b", false, true},
		{"a/b", "x/a/b", false, false},
		{"*.rs", "x/y.rs", false, true},
		{"a/*.rs", "a/b/c.rs", false, false},
		{"**/gen", "gen", true, true},
		{"**/gen", "x/y/gen", true, true},
		{"a/**/b", "a/b", false, true},
		{"a/**/b", "a/x/y/b", false, true},
		{"a/**", "a", true, false},
		{"a/**", "a/x/y", false, true},
		{"[!x]y.rs", "zy.rs", false, true},
		{"[!x]y.rs", "xy.rs", false, false},
		{"?.rs", "ab.rs", false, false},
		{`\!x.rs`, "!x.rs", false, true},
		{`a\ `, "a ", false, true},
	}
	for _, tt := range tests {
		rules := parseIgnore([]byte(tt.pattern+"\n"), "/r")
		if got := ignored(rules, "/r/"+tt.path, tt.isDir); got != tt.want {
			t.Errorf("%q on %q (dir %v) = %v, want %v", tt.pattern, tt.path, tt.isDir, got, tt.want)
		}
	}
	rules := parseIgnore([]byte("*.rs\n!keep.rs\n"), "/r")
	if ignored(rules, "/r/keep.rs", false) || !ignored(rules, "/r/x.rs", false) {
		t.Error("negation")
	}
	rules = append(rules, parseIgnore([]byte("keep.rs\n"), "/r/sub")...)
	if !ignored(rules, "/r/sub/keep.rs", false) || ignored(rules, "/r/keep.rs", false) {
		t.Error("a deeper .gitignore applies to its directory only, and wins there")
	}
}

func TestColor(t *testing.T) {
	dir := t.TempDir()
	writeFiles(t, dir, map[string]string{"c.rs": erroring})
	env := map[string]string{}
	term := false
	f := &fake{}
	r := &Runner{Expand: f.expand, Dir: dir, Getenv: func(k string) string { return env[k] }, IsTerminal: func(io.Writer) bool { return term }}
	colored := func(args ...string) bool {
		o := runCLI(t, r, "", append([]string{"expand"}, append(args, "c.rs")...)...)
		if o.code != 1 {
			t.Fatalf("%v", o)
		}
		return strings.Contains(o.stderr, "\x1b[")
	}
	if colored() {
		t.Error("auto, not a terminal: colour")
	}
	term = true
	if !colored() {
		t.Error("auto, terminal: no colour")
	}
	if colored("--message-format=json") || colored("--color=always", "--message-format=json") {
		t.Error("json coloured")
	}
	if !colored("--message-format=short") {
		t.Error("short on a terminal: no colour")
	}
	env["NO_COLOR"] = "1"
	if colored() {
		t.Error("NO_COLOR: colour")
	}
	if !colored("--color=always") {
		t.Error("--color=always with NO_COLOR: no colour")
	}
	delete(env, "NO_COLOR")
	if colored("--color=never") {
		t.Error("--color=never: colour")
	}
}

func TestJSONDiagnostics(t *testing.T) {
	dir := t.TempDir()
	writeFiles(t, dir, map[string]string{"c.rs": erroring, "w.rs": "#[async_trait]\nWARN\n"})
	r, _ := newRunner(dir)
	o := runCLI(t, r, "", "expand", "--message-format=json", "-l", "c.rs", "w.rs", "missing.rs")
	if o.code != 2 || o.stdout != "w.rs\n" {
		t.Fatalf("%v", o)
	}
	lines := strings.Split(strings.TrimSuffix(o.stderr, "\n"), "\n")
	if len(lines) != 3 {
		t.Fatalf("%d JSON lines:\n%s", len(lines), o.stderr)
	}
	var ds []diag.JSONDiagnostic
	for _, l := range lines {
		var d diag.JSONDiagnostic
		if err := json.Unmarshal([]byte(l), &d); err != nil {
			t.Fatalf("%v: %s", err, l)
		}
		ds = append(ds, d)
	}
	// missing.rs is reported while collecting files, before any file.
	if ds[0].Level != "error" || !strings.Contains(ds[0].Message, "cannot read `missing.rs`") || len(ds[0].Spans) != 0 {
		t.Errorf("I/O error: %+v", ds[0])
	}
	e := ds[1]
	if e.Level != "error" || e.Code == nil || e.Code.Code != "E9999" || len(e.Spans) != 1 || len(e.Children) != 1 || e.Children[0].Level != "help" {
		t.Errorf("error: %+v", e)
	}
	s := e.Spans[0]
	if s.FileName != "c.rs" || s.ByteStart != 22 || s.ByteEnd != 27 || s.LineStart != 2 || s.ColumnStart != 8 || s.ColumnEnd != 13 || !s.IsPrimary || s.Label == nil || *s.Label != "not a trait or impl" {
		t.Errorf("span: %+v", s)
	}
	if ds[2].Level != "warning" || ds[2].Spans[0].FileName != "w.rs" {
		t.Errorf("warning: %+v", ds[2])
	}
}

func TestCargoMode(t *testing.T) {
	root := t.TempDir()
	writeFiles(t, root, map[string]string{
		"Cargo.toml":             "[workspace]\nmembers = [\"crates/*\"]\n",
		"crates/one/Cargo.toml":  "[package]\nname = \"one\"\nedition = \"2021\"\n",
		"crates/one/src/lib.rs":  changing,
		"crates/one/src/m.rs":    unchanged,
		"crates/one/tests/t.rs":  changing,
		"crates/one/target/x.rs": changing,
		"crates/two/Cargo.toml":  "[package]\nname = \"two\"\n",
		"crates/two/src/main.rs": changing,
		"notamember/x.rs":        changing,
	})
	cargoRun := func(dir string, args ...string) outcome {
		t.Helper()
		f := &fake{}
		r := &Runner{Expand: f.expand, Dir: dir}
		var stdout, stderr bytes.Buffer
		code := r.Main(append([]string{"/usr/local/bin/cargo-asynctrait", "asynctrait"}, args...), strings.NewReader(unchanged), &stdout, &stderr)
		return outcome{stdout.String(), stderr.String(), code}
	}
	sep := string(filepath.Separator)
	all := "crates" + sep + "one" + sep + "src" + sep + "lib.rs\ncrates" + sep + "one" + sep + "tests" + sep + "t.rs\ncrates" + sep + "two" + sep + "src" + sep + "main.rs\n"
	if o := cargoRun(root, "expand", "-l"); o.code != 0 || o.stdout != all {
		t.Errorf("virtual workspace root: %v", o)
	}
	if o := cargoRun(filepath.Join(root, "crates", "two", "src"), "expand", "-l"); o.code != 0 || o.stdout != "main.rs\n" {
		t.Errorf("inside a member: %v", o)
	}
	if o := cargoRun(root, "expand", "-l", "-p", "two"); o.code != 0 || o.stdout != "crates"+sep+"two"+sep+"src"+sep+"main.rs\n" {
		t.Errorf("-p two: %v", o)
	}
	if o := cargoRun(filepath.Join(root, "crates", "two"), "expand", "-l", "--package=one", "--workspace"); o.code != 0 || !strings.Contains(o.stdout, "main.rs") {
		t.Errorf("--workspace: %v", o)
	}
	if o := cargoRun(root, "expand", "-p", "three"); o.code != 2 || !strings.Contains(o.stderr, "package `three` not found in the workspace; its members are: one, two") {
		t.Errorf("-p three: %v", o)
	}
	if o := cargoRun(t.TempDir(), "expand"); o.code != 2 || !strings.Contains(o.stderr, "could not find `Cargo.toml`") {
		t.Errorf("no manifest: %v", o)
	}
	// cargo asynctrait with paths works on the paths.
	if o := cargoRun(root, "expand", "-l", "notamember"); o.code != 0 || o.stdout != "notamember"+sep+"x.rs\n" {
		t.Errorf("paths under cargo: %v", o)
	}
	// Plain asynctrait: --manifest-path selects cargo mode; without it,
	// no path means standard input even in a crate.
	r, _ := newRunner(root)
	if o := runCLI(t, r, "", "expand", "-l", "--manifest-path", filepath.Join("crates", "one", "Cargo.toml")); o.code != 0 ||
		o.stdout != "crates"+sep+"one"+sep+"src"+sep+"lib.rs\ncrates"+sep+"one"+sep+"tests"+sep+"t.rs\n" {
		t.Errorf("--manifest-path: %v", o)
	}
	if o := runCLI(t, r, changing, "expand", "-l"); o.code != 0 || o.stdout != "<stdin>\n" {
		t.Errorf("plain asynctrait in a crate: %v", o)
	}
	if o := runCLI(t, r, "", "expand", "--manifest-path", "nope/Cargo.toml"); o.code != 2 || !strings.Contains(o.stderr, "cannot read manifest `nope/Cargo.toml`") {
		t.Errorf("missing manifest: %v", o)
	}
}
