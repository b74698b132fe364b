package diag

import (
	"bufio"
	"bytes"
	"encoding/json"
	"os"
	"os/exec"
	"path/filepath"
	"reflect"
	"regexp"
	"sort"
	"strconv"
	"strings"
	"sync"
	"testing"

	"github.com/asynctrait/asynctrait/internal/source"
)

// These tests compare our renderers with rustc itself, run during the test:
// rustc compiles small files with known errors, and every diagnostic whose
// parts our model can express (labelled spans in one file, notes and helps
// without spans) is rebuilt as a Diagnostic and rendered by us. The human
// rendering must equal rustc's "rendered" text byte for byte (also in
// colour), and our JSON must have rustc's fields, value types and values.

// rustcPath returns rustc, skipping the test when it is missing on a
// developer machine and failing it in CI.
func rustcPath(t *testing.T) string {
	t.Helper()
	if p, err := exec.LookPath("rustc"); err == nil {
		return p
	}
	if home, err := os.UserHomeDir(); err == nil {
		p := filepath.Join(home, ".cargo", "bin", "rustc")
		if _, err := os.Stat(p); err == nil {
			return p
		}
	}
	if os.Getenv("CI") != "" {
		t.Fatal("rustc not found (PATH or ~/.cargo/bin); CI must run the rustc conformance tests")
	}
	t.Skip("rustc not found; install a Rust toolchain to run the rustc conformance tests")
	return ""
}

// rustcCases are compiled one file each; names are the file names rustc
// prints. The long_* and indent cases exercise the trimming of lines wider
// than rustc's column width and of deep indentation (see margin.go).
var rustcCases = map[string]string{
	// Long lines: labels near the end, in the middle (cut on both sides),
	// at the start; labels too far apart to centre; wide characters.
	"long_end.rs":   "fn main() {\n    let v = (" + numbers(100) + "); let x: u8 = \"s\";\n}\n",
	"long_mid.rs":   "fn main() {\n    let v = (" + numbers(50) + "); let x: u8 = \"s\"; let w = (" + numbers(50) + ");\n}\n",
	"long_start.rs": "fn main() {\n    let x: u8 = \"s\"; let v = (" + numbers(100) + ");\n}\n",
	"long_apart.rs": "fn main() {\n    let mut v = vec![1];\n    let a = &mut v; let b = &mut v; let c = (" + numbers(60) + "); a.push(1); b.push(2);\n}\n",
	"long_wide.rs":  "fn main() {\n    let v = (\"" + strings.Repeat("é", 70) + strings.Repeat("中", 40) + "\", " + numbers(30) + "); let x: u8 = \"s\"; let y = (" + numbers(30) + ");\n}\n",
	// Deep indentation is cut, on every line of the snippet.
	"indent.rs": "fn main() {\n" + strings.Repeat(" ", 40) + "let x: u8 = \"s\";\n" + strings.Repeat(" ", 36) + "let y: u8 =\n" + strings.Repeat(" ", 44) + "\"t\";\n}\n",
	// The end of a file that ends with a newline is on its last line.
	"eof.rs": "fn main() {\n    let x = ((1;\n",
	// Two labels on one line, a character that is two bytes, a tab.
	"unicode.rs": "fn main() {\n    let s = \"é\"; let x: i32 = \"a\";\n\tlet y: u8 = \"tab\";\n}\n",
	// A note without a span, continuation lines of a note.
	"note.rs": "fn g(x: u32) -> u32 { let v: Vec<u32> = Vec::new(); let z: () = v; x }\nfn main() {}\n",
	// Labels on lines far apart ("..." between them) and two lines apart
	// (the line between is shown); line numbers of two widths.
	"farapart.rs": "\n\n\n\n\nfn main() {\n    let mut v = vec![1];\n    let a = &mut v;\n\n    let b = &mut v;\n    let c = 1;\n    let d = 2;\n    let e = 3;\n    a.push(c + d + e);\n    b.push(2);\n}\n",
	// A multi-line span starting mid-line, with a secondary label on its
	// first line, and a long one elided with "...".
	"multiline.rs": "fn main() {\n    let s: u8 = (\n        1,\n        2,\n        3,\n        4,\n        5,\n        6,\n        7,\n        8,\n    );\n    let r: u8 = (1,\n        2,\n        3,\n    );\n}\n",
	// A multi-line span starting at the line's first character ("/").
	"slash.rs": "fn main() {\n    let t: u8 =\n    (1,\n        2);\n}\n",
	// Trailing spaces are kept; a multi-line span whose inner lines are
	// comments or lone delimiters.
	"elide.rs": "fn main() {\n    let s: u8 = (   \n        1,\n        // c\n        [\n            2, 3\n        ]\n    );\n}\n",
	// Three labels on one line, hanging at three depths.
	"three.rs": "fn main() {\n    let mut v = vec![1];\n    let a = &mut v; let b = &mut v; a.push(1); b.push(2);\n}\n",
	// A warning whose code is a lint name (not shown in brackets).
	"lint.rs": "fn dead() {}\n",
	// Errors without any span at all.
	"nospan.rs": "fn main() { let x: u8 = 300; }\n",
}

func numbers(n int) string {
	var sb strings.Builder
	for i := range n {
		if i > 0 {
			sb.WriteString(", ")
		}
		sb.WriteString(strconv.Itoa(i))
	}
	return sb.String()
}

type rustcDiag struct {
	raw  map[string]any // the object as rustc wrote it
	diag JSONDiagnostic
	ansi string // the human rendering with colours, from a second run
	// short holds the lines rustc printed with --error-format=short
	short map[string]bool
}

var rustcRun struct {
	sync.Mutex
	dir   string
	diags []rustcDiag
}

// runRustc compiles each case and returns its diagnostics, plain and in
// colour (rustc's --json=diagnostic-rendered-ansi), and the directory of
// the sources. rustc runs once per test binary.
func runRustc(t *testing.T) (string, []rustcDiag) {
	rustc := rustcPath(t)
	rustcRun.Lock()
	defer rustcRun.Unlock()
	if rustcRun.dir == "" {
		dir, err := os.MkdirTemp("", "asynctrait-rustc-")
		if err != nil {
			t.Fatal(err)
		}
		diags := compileCases(t, rustc, dir)
		rustcRun.dir, rustcRun.diags = dir, diags
	}
	return rustcRun.dir, rustcRun.diags
}

func compileCases(t *testing.T, rustc, dir string) (diags []rustcDiag) {
	names := make([]string, 0, len(rustcCases))
	for name := range rustcCases {
		names = append(names, name)
	}
	sort.Strings(names)
	for _, name := range names {
		if err := os.WriteFile(filepath.Join(dir, name), []byte(rustcCases[name]), 0o644); err != nil {
			t.Fatal(err)
		}
		run := func(extra ...string) [][]byte {
			args := append([]string{"--edition=2021", "--crate-type=lib", "--emit=metadata", "-o", filepath.Join(dir, "out.rmeta")}, extra...)
			cmd := exec.Command(rustc, append(args, name)...)
			cmd.Dir = dir
			var stderr bytes.Buffer
			cmd.Stderr = &stderr
			_ = cmd.Run() // the cases fail to compile on purpose
			var lines [][]byte
			sc := bufio.NewScanner(&stderr)
			sc.Buffer(nil, 1<<20)
			for sc.Scan() {
				lines = append(lines, append([]byte(nil), sc.Bytes()...))
			}
			return lines
		}
		plain := run("--error-format=json")
		ansi := run("--error-format=json", "--json=diagnostic-rendered-ansi")
		short := map[string]bool{}
		for _, l := range run("--error-format=short") {
			short[string(l)] = true
		}
		if len(plain) != len(ansi) || len(plain) == 0 {
			t.Fatalf("%s: rustc printed %d plain and %d ansi diagnostics", name, len(plain), len(ansi))
		}
		for i, line := range plain {
			var rd rustcDiag
			if err := json.Unmarshal(line, &rd.raw); err != nil {
				t.Fatalf("%s: %v", name, err)
			}
			if err := json.Unmarshal(line, &rd.diag); err != nil {
				t.Fatalf("%s: %v", name, err)
			}
			var a JSONDiagnostic
			if err := json.Unmarshal(ansi[i], &a); err != nil || a.Rendered == nil {
				t.Fatalf("%s: bad ansi diagnostic %s", name, ansi[i])
			}
			rd.ansi = *a.Rendered
			rd.short = short
			diags = append(diags, rd)
		}
	}
	return diags
}

// fromRustc rebuilds a Diagnostic from rustc's JSON, or reports false when
// our model cannot express it.
func fromRustc(t *testing.T, dir string, jd *JSONDiagnostic) (Diagnostic, bool) {
	var d Diagnostic
	switch jd.Level {
	case "error":
		d.Severity = Error
	case "warning":
		d.Severity = Warning
	default:
		return d, false // failure-note and friends
	}
	d.Message = jd.Message
	if jd.Code != nil {
		d.Code = jd.Code.Code
	}
	files := map[string]bool{}
	for _, s := range jd.Spans {
		if s.Expansion != nil || s.SuggestedReplacement != nil {
			return d, false
		}
		files[s.FileName] = true
		lbl := Label{Span: source.Span{Start: uint32(s.ByteStart), End: uint32(s.ByteEnd)}, Primary: s.IsPrimary}
		if s.Label != nil {
			lbl.Message = *s.Label
		}
		d.Labels = append(d.Labels, lbl)
	}
	if len(files) > 1 {
		return d, false
	}
	for name := range files {
		src, err := os.ReadFile(filepath.Join(dir, name))
		if err != nil {
			t.Fatal(err)
		}
		d.File = source.NewFile(name, src)
	}
	seenHelp := false
	for _, c := range jd.Children {
		if len(c.Spans) > 0 || len(c.Children) > 0 {
			return d, false
		}
		switch c.Level {
		case "note":
			if seenHelp {
				return d, false // we print notes before helps
			}
			d.Notes = append(d.Notes, c.Message)
		case "help":
			seenHelp = true
			d.Help = append(d.Help, c.Message)
		default:
			return d, false
		}
	}
	return d, true
}

func TestHumanMatchesRustc(t *testing.T) {
	dir, diags := runRustc(t)
	compared := 0
	multiline := 0
	for _, rd := range diags {
		d, ok := fromRustc(t, dir, &rd.diag)
		if !ok {
			t.Logf("not comparable: %s", firstLine(*rd.diag.Rendered))
			continue
		}
		t.Logf("compared: %s", firstLine(*rd.diag.Rendered))
		compared++
		for _, s := range rd.diag.Spans {
			if s.LineStart != s.LineEnd {
				multiline++
				break
			}
		}
		want := *rd.diag.Rendered
		if got := Short(&d, false); !rd.short[strings.TrimSuffix(got, "\n")] {
			t.Errorf("short rendering %q is not among rustc's lines %v", got, rd.short)
		}
		if got := Human(&d, false); got != want {
			t.Errorf("human rendering differs from rustc's\n--- rustc\n%s--- ours\n%s", want, got)
		}
		// rustc highlights the differing part of types in notes in
		// magenta; our notes are plain text.
		ansi := typeHighlight.ReplaceAllString(rd.ansi, "$1")
		if got := Human(&d, true); got != ansi {
			t.Errorf("coloured rendering differs from rustc's\n--- rustc\n%q\n--- ours\n%q", ansi, got)
		}
	}
	// Guard against a rustc upgrade quietly turning every case into one we
	// skip: the cases above were chosen to be comparable.
	if compared < 10 || multiline < 3 {
		t.Fatalf("compared only %d rustc diagnostics (%d multi-line); the cases no longer exercise the renderer", compared, multiline)
	}
}

// jsonShape describes the type of every value in v, with object keys, so
// that two JSON documents can be compared field by field.
func jsonType(v any) string {
	switch v.(type) {
	case nil:
		return "null"
	case bool:
		return "bool"
	case float64:
		return "number"
	case string:
		return "string"
	case []any:
		return "array"
	case map[string]any:
		return "object"
	}
	return "?"
}

// compareShape walks rustc's value and ours together. Fields that rustc
// may fill with either null or a string (label, code, explanation…) may
// differ between null and string.
func compareShape(t *testing.T, path string, want, got any) {
	t.Helper()
	wt, gt := jsonType(want), jsonType(got)
	if wt != gt {
		if (wt == "null" && gt == "string") || (wt == "string" && gt == "null") {
			if nullable[lastKey(path)] {
				return
			}
		}
		t.Errorf("%s: rustc has %s, we have %s", path, wt, gt)
		return
	}
	switch w := want.(type) {
	case map[string]any:
		g := got.(map[string]any)
		var wk, gk []string
		for k := range w {
			wk = append(wk, k)
		}
		for k := range g {
			gk = append(gk, k)
		}
		sort.Strings(wk)
		sort.Strings(gk)
		if !reflect.DeepEqual(wk, gk) {
			t.Errorf("%s: rustc has fields %v, we have %v", path, wk, gk)
			return
		}
		for _, k := range wk {
			compareShape(t, path+"."+k, w[k], g[k])
		}
	case []any:
		g := got.([]any)
		if len(w) != len(g) {
			t.Errorf("%s: rustc has %d elements, we have %d", path, len(w), len(g))
			return
		}
		for i := range w {
			compareShape(t, path+"["+string(rune('0'+i%10))+"]", w[i], g[i])
		}
	}
}

var typeHighlight = regexp.MustCompile("\x1b\\[1m\x1b\\[35m(.*?)\x1b\\[0m")

var nullable = map[string]bool{"code": true, "explanation": true, "label": true, "rendered": true,
	"suggested_replacement": true, "suggestion_applicability": true, "expansion": true}

func lastKey(path string) string {
	if i := strings.LastIndexByte(path, '.'); i >= 0 {
		return path[i+1:]
	}
	return path
}

func TestJSONMatchesRustc(t *testing.T) {
	dir, diags := runRustc(t)
	compared := 0
	for _, rd := range diags {
		d, ok := fromRustc(t, dir, &rd.diag)
		if !ok {
			continue
		}
		compared++
		line := JSON(&d)
		if bytes.Count(line, []byte("\n")) != 1 || line[len(line)-1] != '\n' {
			t.Errorf("JSON is not one line: %q", line)
		}
		var ours map[string]any
		if err := json.Unmarshal(line, &ours); err != nil {
			t.Fatalf("our JSON does not parse: %v\n%s", err, line)
		}
		// Field names and value types, recursively.
		compareShape(t, "$", rd.raw, ours)
		// And the values, except the explanation text, which only rustc has.
		if c, ok := rd.raw["code"].(map[string]any); ok {
			c["explanation"] = nil
		}
		if !reflect.DeepEqual(rd.raw, ours) {
			w, _ := json.Marshal(rd.raw)
			g, _ := json.Marshal(ours)
			t.Errorf("JSON values differ\n--- rustc\n%s\n--- ours\n%s", w, g)
		}
	}
	if compared < 10 {
		t.Fatalf("compared only %d rustc diagnostics", compared)
	}
	// The key order of the top-level object is rustc's too.
	d := Errorf(source.NewFile("a.rs", []byte("fn f() {}\n")), source.Span{Start: 3, End: 4}, "m")
	got := string(JSON(&d))
	order := []string{`"$message_type"`, `"message"`, `"code"`, `"level"`, `"spans"`, `"children"`, `"rendered"`}
	last := -1
	for _, k := range order {
		i := strings.Index(got, k)
		if i < last {
			t.Errorf("field %s out of rustc's order in %s", k, got)
		}
		last = i
	}
}

func firstLine(s string) string {
	if i := strings.IndexByte(s, '\n'); i >= 0 {
		return s[:i]
	}
	return s
}

func TestMain(m *testing.M) {
	code := m.Run()
	if rustcRun.dir != "" {
		os.RemoveAll(rustcRun.dir)
	}
	os.Exit(code)
}
