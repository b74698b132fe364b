package asynctrait

import (
	"bytes"
	"fmt"
	"slices"
	"strings"
	"unicode/utf8"

	"github.com/asynctrait/asynctrait/internal/diag"
	"github.com/asynctrait/asynctrait/internal/edit"
	"github.com/asynctrait/asynctrait/internal/expand"
	"github.com/asynctrait/asynctrait/internal/lexer"
	"github.com/asynctrait/asynctrait/internal/source"
	"github.com/asynctrait/asynctrait/internal/syntax"
)

// marker is a substring every file that needs rewriting contains: every
// attribute spelling (`async_trait`, `async_trait_with_send`, renamed
// imports `use async_trait::async_trait as at;`) names it somewhere.
var marker = []byte("async_trait")

// Expand rewrites every `#[async_trait]` item of one file. On any error
// diagnostic the output is the input, unchanged. Expand never modifies
// src; the output shares no memory with it unless it is src itself.
func Expand(filename string, src []byte, opts Options) (res Result) {
	res = Rewrite(filename, src, opts)
	res.Output = res.Bytes()
	return res
}

// Rewrite is Expand without assembling the output: when the file changes,
// Output is nil and WriteTo writes the output piece by piece (the input
// between the rewritten parts, and the rewritten parts) without the copy
// of the whole output that Output costs. Bytes assembles it.
func Rewrite(filename string, src []byte, opts Options) (res Result) {
	res.Output = src
	if !MayExpand(src) {
		return res // fast path: nothing to do, nothing to parse
	}
	return rewriteSlow(filename, src, opts)
}

// expandSlow is Expand without the fast path.
func expandSlow(filename string, src []byte, opts Options) Result {
	res := rewriteSlow(filename, src, opts)
	res.Output = res.Bytes()
	return res
}

// rewriteSlow is Rewrite without the fast path.
func rewriteSlow(filename string, src []byte, opts Options) (res Result) {
	res.Output = src
	f := source.NewFile(filename, src)
	if !utf8.Valid(src) {
		res.Diagnostics = append(res.Diagnostics, diag.InvalidUTF8(f))
		return res
	}
	defer func() {
		if r := recover(); r != nil {
			res.Output = src
			res.Changed = false
			res.rewrite = nil
			res.Diagnostics = append(res.Diagnostics, diag.Diagnostic{
				Severity: diag.Error, File: f,
				Message: fmt.Sprintf("internal error in asynctrait: %v", r),
				Notes:   []string{"the file was left unchanged; please report this with the input"},
			})
		}
	}()
	var xo expand.Options
	xo.Exact = opts.Exact
	if opts.Cfg != nil {
		set, err := expand.ParseCfgSet(opts.Cfg)
		if err != nil {
			res.Diagnostics = append(res.Diagnostics, diag.Diagnostic{Severity: diag.Error, Message: err.Error()})
			return res
		}
		xo.Cfg = set
	}
	// Items are parsed and rewritten one by one: the syntax tree is never
	// whole in memory, and the rewrite overlaps the parse.
	stream := syntax.NewStream(f, lexer.Edition(opts.Edition))
	edits, diags, ok := expand.Stream(stream, xo)
	if tree := stream.File; !ok {
		for _, e := range tree.Errors {
			d := diag.Errorf(f, e.Span, e.Msg)
			for _, l := range e.Labels {
				d.Labels = append(d.Labels, diag.Label{Span: l.Span, Message: l.Msg})
			}
			res.Diagnostics = append(res.Diagnostics, d)
		}
		return res
	}
	res.Diagnostics = append(res.Diagnostics, diags...)
	if res.HasErrors() || !anyEdit(edits) {
		return res
	}
	lineEndings(src, edits)
	out, err := edit.NewOutput(src, edits...)
	if err != nil {
		res.Diagnostics = append(res.Diagnostics, diag.Diagnostic{Severity: diag.Error, File: f, Message: "internal error: " + err.Error()})
		return res
	}
	if out.Changed() {
		res.Output, res.Changed, res.rewrite = nil, true, out
	}
	return res
}

// MayExpand reports whether Expand may change src. When it returns false,
// Expand returns src as it is without parsing it: src does not contain the
// marker "async_trait" other than as the lifetime 'async_trait, which is
// all an already expanded file has (so a re-run over a converted crate
// costs no more than reading it). It looks at bytes only: a file for which
// it returns true may still have nothing to expand.
func MayExpand(src []byte) bool {
	for from := 0; ; {
		j := markerFinder.Index(src[from:])
		if j < 0 {
			return false
		}
		if at := from + j; at == 0 || src[at-1] != '\'' {
			return true
		}
		from += j + 1
	}
}

var markerFinder = source.NewFinder(string(marker))

// lineEndings makes the line breaks of generated text follow the line
// the edit sits in: the line holding the end of the text it replaces (or
// the line its replaced text ends), or for the last line of a file without
// a final newline, the line before. An edit in a CRLF line gets "\r\n"
// for every bare "\n"; in an LF line it is left as it is. So a CRLF file
// comes out CRLF throughout and a mixed file keeps each line's ending,
// generated lines taking their neighbours'. (A file of bare CR line ends
// gets LF lines: rustc and rustfmt do not treat a lone CR as a line end.)
func lineEndings(src []byte, lists [][]edit.Edit) {
	if bytes.IndexByte(src, '\r') < 0 {
		return // no CRLF: generated lines are LF like the rest
	}
	// The line end each edit follows, found in one pass over the edits
	// in order of position (a 10 MB line with many edits must not be
	// scanned once per edit).
	type at struct {
		pos int
		e   *edit.Edit
	}
	var order []at
	for _, edits := range lists {
		for i, e := range edits {
			if strings.Contains(e.New, "\n") {
				pos := e.End
				if e.End > e.Start && src[e.End-1] == '\n' {
					pos = e.End - 1 // the replaced text ends with its own line end
				}
				order = append(order, at{pos, &edits[i]})
			}
		}
	}
	slices.SortFunc(order, func(a, b at) int { return a.pos - b.pos })
	last := bytes.LastIndexByte(src, '\n')
	nl, none := -1, false // the newline at or after the previous position; none after it
	for _, o := range order {
		if !none && nl < o.pos {
			if j := bytes.IndexByte(src[o.pos:], '\n'); j >= 0 {
				nl = o.pos + j
			} else {
				none = true
			}
		}
		end := nl
		if none {
			end = last // the last line has no newline: the one before
		}
		if end > 0 && src[end-1] == '\r' {
			o.e.New = crlfLines(o.e.New)
		}
	}
}

// anyEdit reports whether any list holds an edit.
func anyEdit(lists [][]edit.Edit) bool {
	for _, l := range lists {
		if len(l) > 0 {
			return true
		}
	}
	return false
}

// crlfLines replaces every "\n" of s not preceded by "\r" with "\r\n".
func crlfLines(s string) string {
	var sb strings.Builder
	sb.Grow(len(s) + strings.Count(s, "\n"))
	for i := 0; i < len(s); i++ {
		if s[i] == '\n' && (i == 0 || s[i-1] != '\r') {
			sb.WriteByte('\r')
		}
		sb.WriteByte(s[i])
	}
	return sb.String()
}
