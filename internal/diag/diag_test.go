package diag

import (
	"encoding/json"
	"strings"
	"testing"

	"github.com/asynctrait/asynctrait/internal/source"
)

// Cases rustc cannot produce for us: invalid UTF-8, CRLF line ends, spans
// that end with a line terminator, empty spans, diagnostics without labels
// or without a file. The rustc conformance tests cover the layout itself.

var crlf = source.NewFile("a.rs", []byte("trait T {\r\n    async fn f(\xff);\r\n}\n"))

func TestHumanEdgeCases(t *testing.T) {
	tests := []struct {
		name string
		d    Diagnostic
		want string
	}{
		{
			name: "invalid UTF-8 is shown as U+FFFD and counted as one column",
			d:    Errorf(crlf, source.Span{Start: 26, End: 27}, "file is not valid UTF-8"),
			want: "error: file is not valid UTF-8\n --> a.rs:2:16\n  |\n2 |     async fn f(\ufffd);\n  |                ^\n\n",
		},
		{
			name: "a span ending with the line terminator stays on its line",
			d: Diagnostic{Severity: Error, Message: "m", File: crlf, Help: []string{"do x"},
				Labels: []Label{{Span: source.Span{Start: 0, End: 11}, Primary: true, Message: "whole line"}}},
			want: "error: m\n --> a.rs:1:1\n  |\n1 | trait T {\n  | ^^^^^^^^^ whole line\n  |\n  = help: do x\n\n",
		},
		{
			name: "an empty span is one caret",
			d: Diagnostic{Severity: Warning, Code: "E0001", Message: "m", File: crlf,
				Labels: []Label{{Span: source.Span{Start: 9, End: 9}, Primary: true, Message: "here"}}},
			want: "warning[E0001]: m\n --> a.rs:1:10\n  |\n1 | trait T {\n  |          ^ here\n\n",
		},
		{
			name: "a file without labels names the file",
			d:    Diagnostic{Severity: Error, Message: "no labels", File: crlf, Notes: []string{"n1\nn2"}},
			want: "error: no labels\n --> a.rs\n  |\n  = note: n1\n          n2\n\n",
		},
		{
			name: "no file",
			d:    Diagnostic{Severity: Error, Message: "invalid --cfg\nsecond line"},
			want: "error: invalid --cfg\n       second line\n\n",
		},
		{
			name: "no primary label: the first label locates",
			d: Diagnostic{Severity: Error, Message: "m", File: crlf,
				Labels: []Label{{Span: source.Span{Start: 15, End: 20}, Message: "async"}}},
			want: "error: m\n --> a.rs:2:5\n  |\n2 |     async fn f(\ufffd);\n  |     ----- async\n\n",
		},
		{
			name: "wide characters take two columns",
			d:    Errorf(source.NewFile("w.rs", []byte("let s = \"日本\"; x\n")), source.Span{Start: 17, End: 18}, "m"),
			want: "error: m\n --> w.rs:1:14\n  |\n1 | let s = \"日本\"; x\n  |                ^\n\n",
		},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			if got := Human(&tt.d, false); got != tt.want {
				t.Errorf("got\n%s\nwant\n%s", got, tt.want)
			}
			if got := Human(&tt.d, true); !strings.Contains(got, "\x1b[") {
				t.Errorf("colour requested but none in %q", got)
			}
		})
	}
}

func TestShort(t *testing.T) {
	tests := []struct {
		d    Diagnostic
		want string
	}{
		{Errorf(crlf, source.Span{Start: 26, End: 27}, "file is not valid UTF-8"), "a.rs:2:16: error: file is not valid UTF-8\n"},
		{Diagnostic{Severity: Error, Code: "E0706", Message: "m", File: crlf, Labels: []Label{{Span: source.Span{Start: 15, End: 20}, Primary: true, Message: "lbl"}}}, "a.rs:2:5: error[E0706]: m: lbl\n"},
		{Diagnostic{Severity: Warning, Message: "m", File: crlf}, "a.rs: warning: m\n"},
		{Diagnostic{Severity: Error, Message: "m"}, "error: m\n"},
	}
	for _, tt := range tests {
		if got := Short(&tt.d, false); got != tt.want {
			t.Errorf("Short = %q, want %q", got, tt.want)
		}
	}
	d := tests[1].d
	if got, want := Short(&d, true), "a.rs:2:5: \x1b[1m\x1b[91merror[E0706]\x1b[0m\x1b[1m: m: lbl\x1b[0m\n"; got != want {
		t.Errorf("coloured Short = %q, want %q", got, want)
	}
}

func TestJSONEdgeCases(t *testing.T) {
	d := Diagnostic{Severity: Error, Message: "m", File: crlf, Notes: []string{"n"}, Help: []string{"h"},
		Labels: []Label{{Span: source.Span{Start: 15, End: 32}, Primary: true, Message: "spans lines"}}}
	var got JSONDiagnostic
	if err := json.Unmarshal(JSON(&d), &got); err != nil {
		t.Fatal(err)
	}
	if len(got.Spans) != 1 || got.Code != nil || got.Level != "error" || got.MessageType != "diagnostic" {
		t.Fatalf("unexpected %+v", got)
	}
	s := got.Spans[0]
	if s.LineStart != 2 || s.LineEnd != 3 || s.ColumnStart != 5 || s.ColumnEnd != 2 || s.ByteStart != 15 || s.ByteEnd != 32 {
		t.Errorf("span %+v", s)
	}
	want := []JSONSpanLine{{Text: "    async fn f(\ufffd);", HighlightStart: 5, HighlightEnd: 19}, {Text: "}", HighlightStart: 1, HighlightEnd: 2}}
	if len(s.Text) != 2 || s.Text[0] != want[0] || s.Text[1] != want[1] {
		t.Errorf("text %+v, want %+v", s.Text, want)
	}
	if len(got.Children) != 2 || got.Children[0].Level != "note" || got.Children[1].Level != "help" || got.Children[0].MessageType != "" || got.Children[0].Rendered != nil {
		t.Errorf("children %+v", got.Children)
	}
	if got.Rendered == nil || *got.Rendered != Human(&d, false) {
		t.Errorf("rendered %v", got.Rendered)
	}
	d = Diagnostic{Severity: Warning, Code: "X1", Message: "<&>"}
	if line := string(JSON(&d)); !strings.Contains(line, `"message":"<&>"`) || !strings.Contains(line, `"code":{"code":"X1","explanation":null}`) || !strings.Contains(line, `"spans":[]`) {
		t.Errorf("JSON = %s", line)
	}
}

func TestParseFormat(t *testing.T) {
	for _, s := range []string{"human", "short", "json"} {
		f, err := ParseFormat(s)
		if err != nil || f.String() != s {
			t.Errorf("ParseFormat(%q) = %v, %v", s, f, err)
		}
	}
	if _, err := ParseFormat("xml"); err == nil {
		t.Error("ParseFormat(xml) succeeded")
	}
}

// Any labels on any text render without panicking, and every rendering
// ends with the blank line that separates diagnostics.
func TestHumanRandomLabels(t *testing.T) {
	texts := []string{"", "x", "\n\n\n", "fn f() {\r\n\tlet é = 日本;\r\n}", "a\xffb\nc\x00d\n\u202e\n", "{\n}\n// c\n\n(\n)\nlast"}
	seed := uint32(1)
	rnd := func(n int) int {
		seed = seed*1664525 + 1013904223
		return int(seed>>8) % n
	}
	for it := range 5000 {
		src := texts[it%len(texts)]
		f := source.NewFile("r.rs", []byte(src))
		var d Diagnostic
		d.File = f
		for range rnd(4) + 1 {
			a, b := rnd(len(src)+3), rnd(len(src)+3)
			if a > b {
				a, b = b, a
			}
			d.Labels = append(d.Labels, Label{Span: source.Span{Start: uint32(a), End: uint32(b)}, Primary: rnd(2) == 0, Message: []string{"", "label", "two\nlines"}[rnd(3)]})
		}
		for _, color := range []bool{false, true} {
			if out := Human(&d, color); !strings.HasSuffix(out, "\n\n") {
				t.Fatalf("rendering of %q with %+v does not end with a blank line:\n%s", src, d.Labels, out)
			}
		}
		_ = JSON(&d)
		_ = Short(&d, false)
	}
}
