package diag

import (
	"strings"
	"testing"

	"github.com/asynctrait/asynctrait/internal/source"
)

// Excerpts of huge lines stay small: a label at the end of a 10 MB line
// shows 140 columns around it (the rustc cases in rustc_test.go check the
// exact layout), and labels too far apart for any window (where rustc
// shows everything between them) show 140 columns from the leftmost.
func TestHugeLines(t *testing.T) {
	long := strings.Repeat("x", 10<<20)
	for _, c := range []struct {
		name   string
		src    string
		labels []Label
		want   []string
	}{
		{"label at the end", long + " y\n", []Label{{Span: source.Span{Start: 10 << 20, End: 10<<20 + 2}, Primary: true, Message: "here"}},
			[]string{"1 | ...xxx", "xxx y\n", "^^ here\n"}},
		{"labels far apart", "(" + long + ")\n", []Label{
			{Span: source.Span{Start: 0, End: 1}, Message: "opened here"},
			{Span: source.Span{Start: 10<<20 + 1, End: 10<<20 + 2}, Primary: true, Message: "closed here"},
		}, []string{"1 | (xxx", "xxx...\n", "- opened here\n"}},
		{"a span over the whole line", long + "\n", []Label{{Span: source.Span{Start: 0, End: 10 << 20}, Primary: true}},
			[]string{"1 | xxx", "xxx...\n", "^^^\n"}},
	} {
		t.Run(c.name, func(t *testing.T) {
			d := Diagnostic{Severity: Error, Message: "m", File: source.NewFile("a.rs", []byte(c.src)), Labels: c.labels}
			for _, out := range []string{Human(&d, false), Human(&d, true)} {
				if len(out) > 2000 {
					t.Fatalf("%d bytes of diagnostic", len(out))
				}
			}
			out := Human(&d, false)
			for _, w := range c.want {
				if !strings.Contains(out, w) {
					t.Errorf("no %q in\n%s", w, out)
				}
			}
		})
	}
}

// Rendering a diagnostic at the end of a 10 MB line allocates next to
// nothing (measuring columns must not build the text it skips).
func BenchmarkHugeLine(b *testing.B) {
	src := strings.Repeat("fn f() { let x = 1; } ", (10<<20)/22) + "trait T { async fn f(&self) -> u8 }\n"
	d := Errorf(source.NewFile("a.rs", []byte(src)), source.Span{Start: uint32(len(src) - 2), End: uint32(len(src) - 1)}, "m")
	b.ReportAllocs()
	for b.Loop() {
		Human(&d, false)
	}
}
