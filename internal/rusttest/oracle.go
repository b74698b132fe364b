package rusttest

import (
	"errors"
	"fmt"
	"os"
	"path/filepath"
	"sort"
	"strconv"
	"strings"
	"testing"
)

// OracleItem is what the real async-trait macro produced for one
// #[async_trait…] item.
type OracleItem struct {
	Line   int      // 1-based line of the #[async_trait…] attribute in the source
	Attr   string   // the attribute as written, e.g. "#[async_trait(?Send)]"
	Tokens []string // the macro's output, one token each, normalised as by Tokenize
	Pretty string   // the same tokens as proc_macro's TokenStream::to_string() prints them
}

// Text returns the tokens separated by single spaces.
func (it OracleItem) Text() string { return strings.Join(it.Tokens, " ") }

// OracleOpts configures ExpandWithCrateOpts.
type OracleOpts struct {
	Edition string // default 2021
	// Names are more attribute names (last path segment) to treat as
	// async-trait's, e.g. "at" after `use async_trait::async_trait as at;`.
	// "async_trait" is always recognised.
	Names []string
}

// ExpandWithCrate expands every #[async_trait…] item of src with the real
// async-trait crate (Debian's, 0.1.56; see Deps) and returns, per item in
// source order, the exact tokens the macro produced.
//
// How: after each attribute whose path ends in `async_trait`
// (`#[async_trait]`, `#[async_trait(?Send)]`, `#[async_trait::async_trait]`,
// …, not inside comments or cfg_attr) it inserts `#[::dump::dump(N)]` on
// the same line. async-trait runs first and keeps the item's other
// attributes, so the dump macro (testdata/rust/dump) receives async-trait's
// output and writes its tokens to a file. src is type-checked as a library
// crate (rustc --emit=metadata, edition 2021) with all of Deps' crates
// available, so it may use tokio, futures and tracing too. Inner dump
// attributes are removed from the tokens of enclosing items.
//
// Errors later in compilation (type errors and the like) do not matter:
// the macro ran. An error is returned when some item produced no tokens,
// e.g. because async-trait rejected it and emitted only compile_error!, or
// src does not parse; the error includes rustc's diagnostics.
func ExpandWithCrate(t testing.TB, src string) ([]OracleItem, error) {
	t.Helper()
	return ExpandWithCrateOpts(t, src, OracleOpts{})
}

// ExpandWithCrateOpts is ExpandWithCrate with options.
func ExpandWithCrateOpts(t testing.TB, src string, opts OracleOpts) ([]OracleItem, error) {
	t.Helper()
	d := Deps(t)
	tc := Toolchain(t)
	toks, err := Lex(src)
	if err != nil {
		return nil, fmt.Errorf("oracle: %v", err)
	}
	names := append([]string{"async_trait"}, opts.Names...)
	sites := findAttrs(src, toks, names)
	if len(sites) == 0 {
		return nil, nil
	}
	var b strings.Builder
	last := 0
	items := make([]OracleItem, len(sites))
	for i, s := range sites {
		b.WriteString(src[last:s.end])
		fmt.Fprintf(&b, " #[::dump::dump(%d)]", i)
		last = s.end
		items[i] = OracleItem{Line: s.line, Attr: src[s.start:s.end]}
	}
	b.WriteString(src[last:])
	edition := opts.Edition
	if edition == "" {
		edition = "2021"
	}
	if edition == "2015" {
		b.WriteString("\nextern crate dump;\n")
	}

	dir := t.TempDir()
	dumpDir := filepath.Join(dir, "dump")
	if err := os.Mkdir(dumpDir, 0o755); err != nil {
		t.Fatal(err)
	}
	if err := os.WriteFile(filepath.Join(dir, "lib.rs"), []byte(b.String()), 0o644); err != nil {
		t.Fatal(err)
	}
	args := []string{"--edition", edition, "--crate-type", "lib", "--crate-name", "oracle", "--emit=metadata",
		"--error-format=json", "--color=never", "--out-dir", dir, "-A", "warnings"}
	args = append(args, d.Flags()...)
	args = append(args, "--extern", "dump="+d.dump, "lib.rs")
	out := runRustc(t, tc.Rustc, dir, args, []string{"ASYNCTRAIT_DUMP_DIR=" + dumpDir})

	var absent []string
	for i := range items {
		raw, err := os.ReadFile(filepath.Join(dumpDir, strconv.Itoa(i)+".tokens"))
		if err != nil {
			absent = append(absent, fmt.Sprintf("line %d %s", items[i].Line, items[i].Attr))
			continue
		}
		tokens, err := parseDump(raw)
		if err != nil {
			return nil, fmt.Errorf("oracle: item at line %d: %v", items[i].Line, err)
		}
		items[i].Tokens = stripDumpAttrs(tokens)
		pretty, _ := os.ReadFile(filepath.Join(dumpDir, strconv.Itoa(i)+".pretty"))
		items[i].Pretty = string(pretty)
	}
	if len(absent) > 0 {
		return items, fmt.Errorf("oracle: async-trait produced no item for %s; rustc said:\n%s", strings.Join(absent, ", "), out.Stderr)
	}
	return items, nil
}

// OracleVersion is the version of the async-trait crate the oracle uses.
func OracleVersion(t testing.TB) string {
	t.Helper()
	return Deps(t).Versions["async-trait"]
}

type attrSite struct {
	start, end int // byte range of `#[ … ]`
	line       int
}

// findAttrs finds outer attributes `#[path]` / `#[path(…)]` whose path's
// last segment is one of names.
func findAttrs(src string, toks []Token, names []string) []attrSite {
	var sites []attrSite
	for i := 0; i+2 < len(toks); i++ {
		if toks[i].Text != "#" || toks[i].FromDoc || toks[i+1].Text != "[" {
			continue
		}
		// The path: [::] ident (:: ident)*
		j := i + 2
		if j+1 < len(toks) && toks[j].Text == ":" && toks[j+1].Text == ":" {
			j += 2
		}
		lastSeg := ""
		for j < len(toks) && toks[j].IsIdent {
			lastSeg = toks[j].Text
			if j+2 < len(toks) && toks[j+1].Text == ":" && toks[j+2].Text == ":" {
				j += 3
				continue
			}
			j++
			break
		}
		if lastSeg == "" || !contains(names, lastSeg) || j >= len(toks) {
			continue
		}
		// Then `]`, or a delimited argument group and `]`.
		if open := toks[j].Text; open == "(" || open == "[" || open == "{" {
			depth := 0
			for ; j < len(toks); j++ {
				switch toks[j].Text {
				case "(", "[", "{":
					depth++
				case ")", "]", "}":
					depth--
				}
				if depth == 0 {
					break
				}
			}
			j++
		}
		if j >= len(toks) || toks[j].Text != "]" {
			continue
		}
		sites = append(sites, attrSite{start: toks[i].Offset, end: toks[j].End, line: toks[i].Line})
		i = j
	}
	return sites
}

// parseDump reads the dump macro's records: "LEN:TOKEN\n" each.
func parseDump(raw []byte) ([]string, error) {
	var toks []string
	s := string(raw)
	for len(s) > 0 {
		colon := strings.IndexByte(s, ':')
		if colon < 0 {
			return nil, errors.New("malformed dump: no length")
		}
		n, err := strconv.Atoi(s[:colon])
		if err != nil || colon+1+n+1 > len(s) || s[colon+1+n] != '\n' {
			return nil, errors.New("malformed dump record")
		}
		toks = append(toks, s[colon+1:colon+1+n])
		s = s[colon+1+n+1:]
	}
	return toks, nil
}

// stripDumpAttrs removes `# [ : : dump : : dump ( N ) ]` sequences (dump
// attributes of nested items).
func stripDumpAttrs(toks []string) []string {
	pat := []string{"#", "[", ":", ":", "dump", ":", ":", "dump", "("}
	out := toks[:0:0]
	for i := 0; i < len(toks); i++ {
		if i+len(pat)+2 < len(toks) && equalSlices(toks[i:i+len(pat)], pat) &&
			toks[i+len(pat)+1] == ")" && toks[i+len(pat)+2] == "]" {
			i += len(pat) + 2
			continue
		}
		out = append(out, toks[i])
	}
	return out
}

func equalSlices(a, b []string) bool {
	if len(a) != len(b) {
		return false
	}
	for i := range a {
		if a[i] != b[i] {
			return false
		}
	}
	return true
}

// DumpItems runs the dump macro directly (without async-trait) on the
// given items: each string must be one item; the result is the tokens
// proc_macro hands an attribute macro for it. The items are consumed, so
// they need not compile, only parse. It exists to test Tokenize against
// rustc's own tokenisation.
func DumpItems(t testing.TB, edition string, items []string) ([][]string, error) {
	t.Helper()
	d := Deps(t)
	tc := Toolchain(t)
	if edition == "" {
		edition = "2021"
	}
	var b strings.Builder
	if edition == "2015" {
		b.WriteString("extern crate dump;\n")
	}
	for i, it := range items {
		fmt.Fprintf(&b, "#[::dump::dump(%d, consume)]\n%s\n", i, it)
	}
	dir := t.TempDir()
	dumpDir := filepath.Join(dir, "dump")
	if err := os.Mkdir(dumpDir, 0o755); err != nil {
		t.Fatal(err)
	}
	if err := os.WriteFile(filepath.Join(dir, "lib.rs"), []byte(b.String()), 0o644); err != nil {
		t.Fatal(err)
	}
	args := []string{"--edition", edition, "--crate-type", "lib", "--crate-name", "dumped", "--emit=metadata",
		"--error-format=json", "--color=never", "--out-dir", dir, "-A", "warnings",
		"-L", "dependency=" + d.LibDir, "--extern", "dump=" + d.dump, "lib.rs"}
	out := runRustc(t, tc.Rustc, dir, args, []string{"ASYNCTRAIT_DUMP_DIR=" + dumpDir})
	res := make([][]string, len(items))
	var absent []int
	for i := range items {
		raw, err := os.ReadFile(filepath.Join(dumpDir, strconv.Itoa(i)+".tokens"))
		if err != nil {
			absent = append(absent, i)
			continue
		}
		if res[i], err = parseDump(raw); err != nil {
			return nil, err
		}
	}
	if len(absent) > 0 {
		sort.Ints(absent)
		return res, fmt.Errorf("dump: no tokens for items %v; rustc said:\n%s", absent, out.Stderr)
	}
	return res, nil
}
