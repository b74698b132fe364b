package diag

import (
	"bytes"
	"encoding/json"
	"fmt"
	"io"
	"strconv"
	"strings"
	"unicode/utf8"

	"github.com/asynctrait/asynctrait/internal/source"
)

// Format selects a renderer, named as in rustc's --error-format and cargo's
// --message-format.
type Format uint8

const (
	FormatHuman Format = iota // rustc's default: header, --> location, annotated snippet
	FormatShort               // file:line:col: error: message
	FormatJSON                // one rustc JSON object per line
)

// ParseFormat accepts "human", "short" and "json".
func ParseFormat(s string) (Format, error) {
	switch s {
	case "human":
		return FormatHuman, nil
	case "short":
		return FormatShort, nil
	case "json":
		return FormatJSON, nil
	}
	return 0, fmt.Errorf("unknown message format %q (expected human, short or json)", s)
}

func (f Format) String() string {
	switch f {
	case FormatShort:
		return "short"
	case FormatJSON:
		return "json"
	}
	return "human"
}

// Render writes d to w in format f. Color applies to the human and short
// formats only; JSON is never coloured (its "rendered" field neither).
func Render(w io.Writer, d *Diagnostic, f Format, color bool) error {
	var s string
	switch f {
	case FormatShort:
		s = Short(d, color)
	case FormatJSON:
		s = string(JSON(d))
	default:
		s = Human(d, color)
	}
	_, err := io.WriteString(w, s)
	return err
}

// Short renders d on one line the way rustc's --error-format=short does:
//
//	file:line:col: error[E0000]: message: primary label
//
// The code and the primary label are left out when empty; a diagnostic
// without a location starts with its level. The line ends with "\n".
func Short(d *Diagnostic, color bool) string {
	var sb strings.Builder
	if d.File != nil {
		sb.WriteString(d.File.Name)
		if len(d.Labels) > 0 {
			p := position(d.File, int(d.Primary().Start))
			sb.WriteString(":" + strconv.Itoa(p.Line) + ":" + strconv.Itoa(p.Column))
		}
		sb.WriteString(": ")
	}
	head := d.Severity.String()
	if d.Code != "" && !isLintName(d.Code) {
		head += "[" + d.Code + "]"
	}
	msg := ": " + d.Message
	for _, l := range d.Labels {
		if l.Primary && l.Message != "" {
			msg += ": " + l.Message
			break
		}
	}
	if color {
		sb.WriteString(styleLevel.ansi(d.Severity) + head + ansiReset)
		sb.WriteString(ansiBold + msg + ansiReset)
	} else {
		sb.WriteString(head)
		sb.WriteString(msg)
	}
	sb.WriteByte('\n')
	return sb.String()
}

// JSONDiagnostic is rustc's JSON diagnostic (`--error-format=json`), the
// object cargo forwards in its "compiler-message" records. Children have no
// "$message_type" and a null "rendered".
type JSONDiagnostic struct {
	MessageType string           `json:"$message_type,omitempty"`
	Message     string           `json:"message"`
	Code        *JSONCode        `json:"code"`
	Level       string           `json:"level"`
	Spans       []JSONSpan       `json:"spans"`
	Children    []JSONDiagnostic `json:"children"`
	Rendered    *string          `json:"rendered"`
}

// JSONCode is the "code" object; Explanation is the long text rustc prints
// for `rustc --explain`, null for codes that have none (all of ours).
type JSONCode struct {
	Code        string  `json:"code"`
	Explanation *string `json:"explanation"`
}

// JSONSpan is one span. Lines and columns are 1-based; columns count
// characters; byte offsets are 0-based and end-exclusive.
type JSONSpan struct {
	FileName                string         `json:"file_name"`
	ByteStart               int            `json:"byte_start"`
	ByteEnd                 int            `json:"byte_end"`
	LineStart               int            `json:"line_start"`
	LineEnd                 int            `json:"line_end"`
	ColumnStart             int            `json:"column_start"`
	ColumnEnd               int            `json:"column_end"`
	IsPrimary               bool           `json:"is_primary"`
	Text                    []JSONSpanLine `json:"text"`
	Label                   *string        `json:"label"`
	SuggestedReplacement    *string        `json:"suggested_replacement"`
	SuggestionApplicability *string        `json:"suggestion_applicability"`
	Expansion               any            `json:"expansion"`
}

// JSONSpanLine is one source line a span touches, with the highlighted
// character range [HighlightStart, HighlightEnd), 1-based.
type JSONSpanLine struct {
	Text           string `json:"text"`
	HighlightStart int    `json:"highlight_start"`
	HighlightEnd   int    `json:"highlight_end"`
}

// ToJSON converts d to rustc's JSON shape, with "rendered" set to the human
// rendering without colour.
func ToJSON(d *Diagnostic) JSONDiagnostic {
	rendered := Human(d, false)
	jd := JSONDiagnostic{
		MessageType: "diagnostic",
		Message:     d.Message,
		Level:       d.Severity.String(),
		Spans:       []JSONSpan{},
		Children:    []JSONDiagnostic{},
		Rendered:    &rendered,
	}
	if d.Code != "" {
		jd.Code = &JSONCode{Code: d.Code}
	}
	if d.File != nil {
		for _, l := range d.Labels {
			jd.Spans = append(jd.Spans, jsonSpan(d.File, l))
		}
	}
	child := func(level, msg string) {
		jd.Children = append(jd.Children, JSONDiagnostic{Message: msg, Level: level, Spans: []JSONSpan{}, Children: []JSONDiagnostic{}})
	}
	for _, n := range d.Notes {
		child("note", n)
	}
	for _, h := range d.Help {
		child("help", h)
	}
	return jd
}

func jsonSpan(f *source.File, l Label) JSONSpan {
	start, end := int(l.Span.Start), int(l.Span.End)
	end = max(end, start)
	lo, hi := position(f, start), position(f, end)
	s := JSONSpan{
		FileName:    f.Name,
		ByteStart:   lo.Offset,
		ByteEnd:     hi.Offset,
		LineStart:   lo.Line,
		LineEnd:     hi.Line,
		ColumnStart: lo.Column,
		ColumnEnd:   hi.Column,
		IsPrimary:   l.Primary,
		Text:        []JSONSpanLine{},
	}
	if l.Message != "" {
		msg := l.Message
		s.Label = &msg
	}
	for n := lo.Line; n <= hi.Line; n++ {
		text := f.Line(n)
		hs, he := 1, source.CharCount(text)+1
		if n == lo.Line {
			hs = lo.Column
		}
		if n == hi.Line {
			he = hi.Column
		}
		s.Text = append(s.Text, JSONSpanLine{Text: lossy(text), HighlightStart: hs, HighlightEnd: he})
	}
	return s
}

// position is f.Position, except at the end of a file that ends with a
// newline: rustc has no line after the final newline, so that offset is
// on the last line, one column past its newline ("fn f() {\n" ends at
// 1:10). The human renderer draws it at the newline (see loc).
func position(f *source.File, off int) source.Position {
	n := len(f.Src)
	if off < n || n == 0 || f.Src[n-1] != '\n' {
		return f.Position(off)
	}
	p := f.Position(n - 1)
	p.Offset = n
	p.Column++
	return p
}

// lossy replaces each invalid UTF-8 byte with U+FFFD, keeping one character
// per byte so that highlight columns still line up.
func lossy(b []byte) string {
	if utf8.Valid(b) {
		return string(b)
	}
	var sb strings.Builder
	for _, r := range string(b) { // yields U+FFFD for each bad byte
		sb.WriteRune(r)
	}
	return sb.String()
}

// JSON renders d as one line of JSON followed by "\n".
func JSON(d *Diagnostic) []byte {
	var buf bytes.Buffer
	enc := json.NewEncoder(&buf)
	enc.SetEscapeHTML(false) // rustc writes <, > and & as they are
	if err := enc.Encode(ToJSON(d)); err != nil {
		panic(err) // only plain values: cannot fail
	}
	return buf.Bytes()
}
