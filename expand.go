package asynctrait

import (
	"bytes"
	"fmt"
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
// diagnostic the output is the input, unchanged.
func Expand(filename string, src []byte, opts Options) (res Result) {
	res.Output = src
	if !MayExpand(src) {
		return res // fast path: nothing to do, nothing to parse
	}
	return expandSlow(filename, src, opts)
}

// expandSlow is Expand without the fast path.
func expandSlow(filename string, src []byte, opts Options) (res Result) {
	res.Output = src
	f := source.NewFile(filename, src)
	if !utf8.Valid(src) {
		off := 0
		for off < len(src) {
			r, n := utf8.DecodeRune(src[off:])
			if r == utf8.RuneError && n <= 1 {
				break
			}
			off += n
		}
		res.Diagnostics = append(res.Diagnostics, diag.Errorf(f, source.Span{Start: uint32(off), End: uint32(off + 1)}, "file is not valid UTF-8"))
		return res
	}
	defer func() {
		if r := recover(); r != nil {
			res.Output = src
			res.Changed = false
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
	tree := syntax.ParseEdition(f, lexer.Edition(opts.Edition))
	if len(tree.Errors) > 0 {
		for _, e := range tree.Errors {
			d := diag.Errorf(f, e.Span, e.Msg)
			for _, l := range e.Labels {
				d.Labels = append(d.Labels, diag.Label{Span: l.Span, Message: l.Msg})
			}
			res.Diagnostics = append(res.Diagnostics, d)
		}
		return res
	}
	edits, diags := expand.File(tree, xo)
	res.Diagnostics = append(res.Diagnostics, diags...)
	if res.HasErrors() || len(edits) == 0 {
		return res
	}
	if crlf(src) {
		// Generated lines follow the file's line endings.
		for i := range edits {
			if strings.Contains(edits[i].New, "\n") {
				edits[i].New = strings.ReplaceAll(strings.ReplaceAll(edits[i].New, "\r\n", "\n"), "\n", "\r\n")
			}
		}
	}
	out, err := edit.Apply(src, edits)
	if err != nil {
		res.Diagnostics = append(res.Diagnostics, diag.Diagnostic{Severity: diag.Error, File: f, Message: "internal error: " + err.Error()})
		return res
	}
	res.Output = out
	res.Changed = !bytes.Equal(out, src)
	return res
}

// MayExpand reports whether Expand may change src. When it returns false,
// Expand returns src as it is without parsing it: src does not contain the
// marker "async_trait" other than as the lifetime 'async_trait, which is
// all an already expanded file has (so a re-run over a converted crate
// costs no more than reading it). It looks at bytes only: a file for which
// it returns true may still have nothing to expand.
func MayExpand(src []byte) bool {
	for off := 0; ; {
		i := bytes.Index(src[off:], marker)
		if i < 0 {
			return false
		}
		if at := off + i; at == 0 || src[at-1] != '\'' {
			return true
		}
		off += i + len(marker)
	}
}

// crlf reports whether the file's lines mostly end in "\r\n".
func crlf(src []byte) bool {
	n := bytes.Count(src, []byte("\n"))
	return n > 0 && bytes.Count(src, []byte("\r\n"))*2 > n
}
