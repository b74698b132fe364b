package diag

import (
	"unicode/utf8"

	"github.com/asynctrait/asynctrait/internal/source"
)

// The trimming of long lines, ported from rustc's emitter (its Margin and
// draw_line). rustc trims to the terminal's width, or to 140 columns when
// its output is not a terminal, which is what cargo and CI logs see; we
// always use 140. Without it a 10 MB line is printed whole under every
// diagnostic that points into it.

// columnWidth is rustc's DEFAULT_COLUMN_WIDTH.
const columnWidth = 140

// placeholder marks cut text, at either end of a line.
const placeholder = "..."

// maxWindow is where we part from rustc: when the labels of a line are
// so far apart that no window of columnWidth holds them, rustc shows all
// the columns between them, which on a line of 100,000 `(` or 1 MB of NUL
// bytes is the whole line, once in text and once in marks. Wider than
// maxWindow, we show columnWidth columns from the leftmost label and
// leave out the marks past them (the location in the header still
// points at the primary span).
const maxWindow = 1000

// margin is rustc's Margin: the window of character columns shown of
// every line of one snippet. Like rustc, it mixes bytes (line lengths)
// and characters (columns); they differ only on non-ASCII lines.
type margin struct {
	whitespaceLeft int // leading whitespace the lines share, less padding
	spanLeft       int // leftmost column a label points at, less padding
	spanRight      int // rightmost column a label points at, plus padding
	labelRight     int // rightmost end of a label on its mark's row, plus padding
	computedLeft   int // first character shown
	computedRight  int // end of what is shown
	columnWidth    int
	clip           bool // the window was cut to columnWidth at maxWindow
}

// newMargin computes the window for the annotated lines of fa, whose code
// starts at column codeOffset of the output.
func newMargin(fa *fileAnnotations, codeOffset int) margin {
	ws := -1
	spanLeft, spanRight, labelRight, maxLineLen := -1, 0, 0, 0
	for _, l := range fa.lines {
		text := lineText(fa.f, l.n)
		lead, rest := leadingWhitespace(text)
		if rest && (ws < 0 || lead < ws) {
			ws = lead
		}
		maxLineLen = max(maxLineLen, len(text))
		for _, a := range l.anns {
			if spanLeft < 0 {
				spanLeft = min(a.fStart, a.fEnd)
			}
			spanLeft = min(spanLeft, a.fStart, a.fEnd)
			spanRight = max(spanRight, a.fStart, a.fEnd)
			lr := a.fEnd
			if a.label != "" {
				lr += len(a.label) + 1 // rustc counts the label's bytes
			}
			labelRight = max(labelRight, lr)
		}
	}
	m := margin{
		whitespaceLeft: max(ws, 0) - 6,
		spanLeft:       max(spanLeft, 0) - 6,
		spanRight:      spanRight + 6,
		labelRight:     labelRight + 6,
		columnWidth:    max(columnWidth-codeOffset, 0),
	}
	m.whitespaceLeft = max(m.whitespaceLeft, 0)
	m.spanLeft = max(m.spanLeft, 0)
	m.compute(maxLineLen)
	return m
}

// leadingWhitespace counts the characters of text before the first that
// is not whitespace to rustc's lexer, and reports whether there is one.
func leadingWhitespace(text []byte) (int, bool) {
	n := 0
	for i := 0; i < len(text); {
		r, size := utf8.DecodeRune(text[i:])
		if !isRustWhitespace(r) {
			return n, true
		}
		n++
		i += size
	}
	return n, false
}

// isRustWhitespace is rustc_lexer::is_whitespace (Pattern_White_Space).
func isRustWhitespace(r rune) bool {
	switch r {
	case '\t', '\n', '\v', '\f', '\r', ' ', 0x85, 0x200e, 0x200f, 0x2028, 0x2029:
		return true
	}
	return false
}

func (m *margin) compute(maxLineLen int) {
	// A lot of leading whitespace (more than 20 after padding) is cut.
	if m.whitespaceLeft > 20 {
		m.computedLeft = m.whitespaceLeft - 16
	}
	m.computedRight = max(maxLineLen, m.computedLeft)
	if m.computedRight-m.computedLeft <= m.columnWidth {
		return
	}
	switch {
	case m.labelRight-m.whitespaceLeft <= m.columnWidth:
		// Cutting the leading whitespace is enough.
		m.computedLeft = m.whitespaceLeft
		m.computedRight = m.computedLeft + m.columnWidth
	case m.labelRight-m.spanLeft <= m.columnWidth:
		// The spans and their labels fit: centre them.
		pad := (m.columnWidth - (m.labelRight - m.spanLeft)) / 2
		m.computedLeft = max(m.spanLeft-pad, 0)
		m.computedRight = m.computedLeft + m.columnWidth
	case m.spanRight-m.spanLeft <= m.columnWidth:
		// The spans fit: put them two fifths in.
		pad := (m.columnWidth - (m.spanRight - m.spanLeft)) / 5 * 2
		m.computedLeft = max(m.spanLeft-pad, 0)
		m.computedRight = m.computedLeft + m.columnWidth
	default:
		// Show the spans, however wide (up to maxWindow).
		m.computedLeft = m.spanLeft
		m.computedRight = m.spanRight
		if m.computedRight-m.computedLeft > maxWindow {
			m.computedRight = m.computedLeft + m.columnWidth
			m.clip = true
		}
	}
}

// window returns, for a line of lineLen bytes, the first character shown
// and the display width available to the rest (-1: no limit).
func (m *margin) window(lineLen int) (left, width int) {
	left = min(m.computedLeft, lineLen)
	if max(lineLen-m.computedLeft, 0) <= m.columnWidth {
		return left, -1
	}
	right := min(lineLen, m.computedRight)
	return left, max(right-left, 0)
}

// cut returns what is shown of text: the normalized characters from
// left on, at most width columns of them (width < 0: all), the display
// width of the characters skipped on the left, and whether characters
// were left out on the right.
func (m *margin) cut(text []byte) (code string, shift int, cutRight bool) {
	left, width := m.window(len(text))
	i := 0
	for n := 0; n < left && i < len(text); n++ {
		if c := text[i]; c >= 0x20 && c < 0x7f {
			shift++
			i++
			continue
		}
		r, size := utf8.DecodeRune(text[i:])
		shift += charWidth(r)
		i += size
	}
	rest := text[i:]
	if width < 0 {
		return normalizeLine(rest), shift, false
	}
	taken, j := 0, 0
	for j < len(rest) {
		r, size := utf8.DecodeRune(rest[j:])
		w := charWidth(r)
		if taken+w > width {
			break
		}
		taken += w
		j += size
	}
	return normalizeLine(rest[:j]), shift, j < len(rest)
}

// charWidth is the display width normalizeRune gives r, without making
// its replacement text.
func charWidth(r rune) int {
	switch {
	case r == '\t':
		return 4
	case r < 0x20, r == 0x7f:
		return 1
	case r == 0x200d:
		return 0
	case r >= 0x202a && r <= 0x202e, r >= 0x2066 && r <= 0x2069:
		return 1
	}
	return runeWidth(r)
}

// wasCutLeft reports whether lines are shown from a column after the first.
func (m *margin) wasCutLeft() bool { return m.computedLeft > 0 }

// drawCode writes what the margin shows of line n at row, with "..."
// over its first and last columns where text was cut, and returns the
// display width cut on the left, by which every mark on the line moves,
// and the display width shown.
func drawCode(b *buffer, f *source.File, n, row, codeOffset int, m *margin) (shift, shown int) {
	text := lineText(f, n)
	if m == nil {
		code := normalizeLine(text)
		b.puts(row, codeOffset, code, styleNone)
		return 0, displayWidthString(code)
	}
	code, shift, cutRight := m.cut(text)
	shown = displayWidthString(code)
	b.puts(row, codeOffset, code, styleNone)
	if m.wasCutLeft() {
		b.puts(row, codeOffset, placeholder, styleLineNumber)
	}
	if cutRight {
		b.puts(row, codeOffset+max(shown-len(placeholder), 0), placeholder, styleLineNumber)
	}
	return shift, shown
}

// clipAnnotations returns the annotations of a line of which columns
// [from, to) are shown, cut to them: those wholly outside are left out
// (multi-line marks are kept, at the nearest shown column). Only a
// window cut at maxWindow needs it.
func clipAnnotations(anns []annotation, from, to int) []annotation {
	var out []annotation
	for _, a := range anns {
		if a.kind == annSingle && (a.endCol <= from || a.startCol >= to) {
			continue
		}
		if a.kind != annMultiLine {
			a.startCol = min(max(a.startCol, from), to-1)
			a.endCol = min(max(a.endCol, a.startCol+1), to)
		}
		out = append(out, a)
	}
	return out
}
