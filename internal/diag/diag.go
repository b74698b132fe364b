// Package diag is asynctrait's diagnostic model: what went wrong, where, and
// how to say it the way rustc does. Renderers (human, short, JSON) live beside
// the model; producers only fill Diagnostic values.
package diag

import (
	"fmt"
	"unicode/utf8"

	"github.com/asynctrait/asynctrait/internal/source"
)

// Severity orders diagnostics like rustc's levels.
type Severity uint8

const (
	Error Severity = iota
	Warning
	Note
	Help
)

func (s Severity) String() string {
	switch s {
	case Error:
		return "error"
	case Warning:
		return "warning"
	case Note:
		return "note"
	case Help:
		return "help"
	}
	return "unknown"
}

// Label marks a span of the file with an optional message. The primary label
// is the one rustc puts the ` --> file:line:col` on and underlines with ^^^.
type Label struct {
	Span    source.Span
	Message string
	Primary bool
}

// Diagnostic is one message about one file.
type Diagnostic struct {
	Severity Severity
	Code     string // e.g. "E0038", or empty
	Message  string // lowercase, no final period, code in backticks
	File     *source.File
	Labels   []Label  // the first Primary label gives the location
	Notes    []string // "= note: …" lines
	Help     []string // "= help: …" lines
}

// Primary returns the primary span, or the first label's span, or an empty
// span at 0 if there is none.
func (d *Diagnostic) Primary() source.Span {
	for _, l := range d.Labels {
		if l.Primary {
			return l.Span
		}
	}
	if len(d.Labels) > 0 {
		return d.Labels[0].Span
	}
	return source.Span{}
}

// Errorf is a convenience constructor for an error at one span.
func Errorf(f *source.File, sp source.Span, msg string) Diagnostic {
	return Diagnostic{Severity: Error, Message: msg, File: f, Labels: []Label{{Span: sp, Primary: true}}}
}

// InvalidUTF8 is the error for a file that is not valid UTF-8, at its first
// byte that does not start a valid sequence.
func InvalidUTF8(f *source.File) Diagnostic {
	src, off := f.Src, 0
	for off < len(src) {
		r, n := utf8.DecodeRune(src[off:])
		if r == utf8.RuneError && n <= 1 {
			break
		}
		off += n
	}
	d := Errorf(f, source.Span{Start: uint32(off), End: uint32(off + 1)}, "file is not valid UTF-8")
	if off < len(src) {
		d.Notes = []string{fmt.Sprintf("byte %d (0x%02x) does not start a valid UTF-8 sequence; Rust source files must be UTF-8", off, src[off])}
	}
	return d
}
