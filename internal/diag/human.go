package diag

import (
	"bytes"
	"slices"
	"sort"
	"strconv"
	"strings"

	"github.com/asynctrait/asynctrait/internal/source"
)

// This file renders a Diagnostic the way rustc's default ("human") emitter
// does. The layout of labels under a source line is a port of rustc's
// `render_source_line` (rustc_errors/src/emitter.rs) restricted to one file:
// the rightmost label sits on the underline row when it fits, others hang
// below on `|` lines; multi-line spans are drawn in a left margin with
// `_`, `|` and `/`, and long ones are elided with `...` as rustc does.
//
// Lines are trimmed as rustc trims them when its output is not a
// terminal (see margin): to 140 columns, around the labels, with "..."
// where text was cut, and leading indentation of more than 26 columns is
// cut too.

type annKind uint8

const (
	annSingle annKind = iota
	annMultiStart
	annMultiEnd
	annMultiLine
)

// annotation is one mark on one source line, in display columns (0-based).
type annotation struct {
	startCol, endCol int
	fStart, fEnd     int // the same in characters ("file" columns), for the margin
	startByte        int // bytes of the line before the start, for the "/" shortcut
	primary          bool
	label            string
	kind             annKind
	depth            int
}

func (a *annotation) hasLabel() bool   { return a.label != "" }
func (a *annotation) takesSpace() bool { return a.kind == annMultiStart || a.kind == annMultiEnd }
func (a *annotation) isLine() bool     { return a.kind == annMultiLine }

type annotatedLine struct {
	n    int // 1-based line number
	anns []annotation
}

type multiline struct {
	depth              int
	lineStart, lineEnd int
	startCol, endCol   int // display columns
	fStart, fEnd       int // characters
	startByte          int
	primary            bool
	label              string
	overlapsExactly    bool
}

func (m *multiline) sameSpan(o *multiline) bool {
	return m.lineStart == o.lineStart && m.lineEnd == o.lineEnd && m.startCol == o.startCol && m.endCol == o.endCol
}

func (m *multiline) asStart() annotation {
	return annotation{startCol: m.startCol, endCol: m.startCol + 1, fStart: m.fStart, fEnd: m.fStart + 1, startByte: m.startByte, primary: m.primary, kind: annMultiStart, depth: m.depth}
}

func (m *multiline) asEnd() annotation {
	s := m.endCol - 1
	if s < 0 {
		s = 0
	}
	return annotation{startCol: s, endCol: m.endCol, fStart: max(m.fEnd-1, 0), fEnd: m.fEnd, primary: m.primary, label: m.label, kind: annMultiEnd, depth: m.depth}
}

func (m *multiline) asLine() annotation {
	return annotation{primary: m.primary, kind: annMultiLine, depth: m.depth}
}

// fileAnnotations collects the annotated lines of f, as rustc's
// FileWithAnnotatedLines::collect_annotations does.
type fileAnnotations struct {
	f        *source.File
	lines    []*annotatedLine
	maxDepth int
}

func (fa *fileAnnotations) add(n int, a annotation) {
	for _, l := range fa.lines {
		if l.n == n {
			l.anns = append(l.anns, a)
			return
		}
	}
	fa.lines = append(fa.lines, &annotatedLine{n: n, anns: []annotation{a}})
}

// lineText returns line n (1-based) without its terminator, or nil.
func lineText(f *source.File, n int) []byte {
	if n < 1 || n > f.LineCount() {
		return nil
	}
	return f.Line(n)
}

// loc returns the 1-based line of offset off and the display column and byte
// column (both 0-based) of off within that line.
func loc(f *source.File, off int) (line, dcol, bcol int) {
	p := position(f, off)
	start := f.LineStart(p.Line)
	if p.Offset == len(f.Src) && p.Offset > start && f.Src[p.Offset-1] == '\n' {
		// The end of a file ending with a newline: rustc draws it at
		// the newline of the last line.
		text := lineText(f, p.Line)
		return p.Line, displayWidth(text), len(text)
	}
	return p.Line, displayWidth(f.Src[start:p.Offset]), p.Offset - start
}

func collectAnnotations(f *source.File, labels []Label) *fileAnnotations {
	fa := &fileAnnotations{f: f}
	var multis []*multiline
	for _, l := range labels {
		start, end := int(l.Span.Start), int(l.Span.End)
		if end < start {
			end = start
		}
		loLine, loCol, loByte := loc(f, start)
		hiLine, hiCol, hiByte := loc(f, end)
		fcol := func(line, bcol int) int {
			s := f.LineStart(line)
			return source.CharCount(f.Src[s:min(s+bcol, len(f.Src))])
		}
		loF, hiF := fcol(loLine, loByte), fcol(hiLine, hiByte)
		if hiLine > loLine && hiByte == 0 {
			// The span ends with a line terminator: end it at the end of
			// the previous line rather than before the first column.
			hiLine--
			hiCol = displayWidth(lineText(f, hiLine))
			hiF = source.CharCount(lineText(f, hiLine))
		}
		if loLine == hiLine {
			if hiCol == loCol {
				hiCol++ // an empty span is shown as one caret
				hiF = loF + 1
			}
			fa.add(loLine, annotation{startCol: loCol, endCol: hiCol, fStart: loF, fEnd: hiF, startByte: loByte, primary: l.Primary, label: l.Message})
			continue
		}
		multis = append(multis, &multiline{depth: 1, lineStart: loLine, lineEnd: hiLine, startCol: loCol, endCol: hiCol, fStart: loF, fEnd: hiF, startByte: loByte, primary: l.Primary, label: l.Message})
	}

	// Overlapping multi-line spans go to different depths.
	sort.SliceStable(multis, func(i, j int) bool {
		if multis[i].lineStart != multis[j].lineStart {
			return multis[i].lineStart < multis[j].lineStart
		}
		return multis[i].lineEnd > multis[j].lineEnd
	})
	snapshot := make([]multiline, len(multis))
	for i, m := range multis {
		snapshot[i] = *m
	}
	for _, ann := range snapshot {
		for _, a := range multis {
			if !ann.sameSpan(a) && numOverlap(ann.lineStart, ann.lineEnd, a.lineStart, a.lineEnd, true) {
				a.depth++
			} else if ann.sameSpan(a) && ann != *a {
				a.overlapsExactly = true
			} else {
				break
			}
		}
	}
	maxDepth := 0
	for _, m := range multis {
		maxDepth = max(maxDepth, m.depth)
	}
	for _, m := range multis {
		m.depth = maxDepth - m.depth + 1
	}
	filter := func(n int) bool { // false for lines that are blank, a comment or a lone delimiter
		s := strings.TrimSpace(string(lineText(f, n)))
		if strings.HasPrefix(s, "//") && !strings.HasPrefix(s, "///") && !strings.HasPrefix(s, "//!") {
			return false
		}
		switch s {
		case "", "{", "}", "(", ")", "[", "]":
			return false
		}
		return true
	}
	for _, m := range multis {
		end := m.asEnd()
		if !m.overlapsExactly {
			fa.add(m.lineStart, m.asStart())
			// Up to 4 lines past the start, without a tail of empty lines.
			middle := min(m.lineStart+4, m.lineEnd)
			until := m.lineStart
			for n := middle - 1; n >= m.lineStart; n-- {
				if filter(n) {
					until = n + 1
					break
				}
			}
			for n := m.lineStart + 1; n < until; n++ {
				fa.add(n, m.asLine())
			}
			lineEnd := m.lineEnd - 1
			if middle < lineEnd && filter(lineEnd) {
				fa.add(lineEnd, m.asLine())
			}
		} else {
			end.kind = annSingle
		}
		fa.add(m.lineEnd, end)
		if end.kind != annSingle {
			fa.maxDepth = max(fa.maxDepth, m.depth)
		}
	}
	sort.SliceStable(fa.lines, func(i, j int) bool { return fa.lines[i].n < fa.lines[j].n })
	return fa
}

func numOverlap(aStart, aEnd, bStart, bEnd int, inclusive bool) bool {
	extra := 0
	if inclusive {
		extra = 1
	}
	return (bStart <= aStart && aStart < bEnd+extra) || (aStart <= bStart && bStart < aEnd+extra)
}

// overlaps reports whether a1, widened by padding columns, overlaps a2.
func overlaps(a1, a2 *annotation, padding int) bool {
	return numOverlap(a1.startCol, a1.endCol+padding, a2.startCol, a2.endCol, false)
}

func underlineChar(primary bool) rune {
	if primary {
		return '^'
	}
	return '-'
}

func underlineStyle(primary bool) style {
	if primary {
		return styleUnderlinePrimary
	}
	return styleUnderlineSecondary
}

func labelStyle(primary bool) style {
	if primary {
		return styleLabelPrimary
	}
	return styleLabelSecondary
}

// drawLine writes line n's text, as much of it as the margin shows, with
// its number in the gutter. It returns the display width cut on the left.
func drawLine(b *buffer, f *source.File, n, row, widthOffset, codeOffset int, m *margin) (shift, shown int) {
	shift, shown = drawCode(b, f, n, row, codeOffset, m)
	num := strconv.Itoa(n)
	num = strings.Repeat(" ", max(widthOffset-3-len(num), 0)) + num // right-aligned, padding styled too
	b.puts(row, 0, num, styleLineNumber)
	b.putc(row, widthOffset-2, '|', styleLineNumber)
	return shift, shown
}

type depthStyle struct {
	depth int
	st    style
}

// renderSourceLine draws one annotated line and the rows of marks and labels
// under it. It returns the depths of multi-line spans that start or end on
// this line.
func renderSourceLine(b *buffer, f *source.File, line *annotatedLine, widthOffset, codeOffset int, m *margin) []depthStyle {
	lineOffset := b.numLines()
	text := lineText(f, line.n)
	// Marks move left with the text the margin cut.
	shift, shown := drawLine(b, f, line.n, lineOffset, widthOffset, codeOffset, m)
	codeOffset -= shift
	if m != nil && m.clip {
		// One column past the text for a mark at the end of the line.
		line = &annotatedLine{n: line.n, anns: clipAnnotations(line.anns, shift, shift+shown+1)}
		if len(line.anns) == 0 {
			return nil
		}
	}

	// A line holding only the start of multi-line spans that begin after
	// leading whitespace is drawn with "/" in the margin and no mark row.
	shortStart := true
	var starts []depthStyle
	type op struct {
		col int
		st  style
	}
	var ops []op
	for i := range line.anns {
		a := &line.anns[i]
		if a.kind == annMultiStart {
			if len(bytes.TrimSpace(text[:min(a.startByte, len(text))])) == 0 {
				starts = append(starts, depthStyle{a.depth, underlineStyle(a.primary)})
				ops = append(ops, op{widthOffset + a.depth - 1, underlineStyle(a.primary)})
			} else {
				shortStart = false
				break
			}
		} else if a.kind != annMultiLine {
			shortStart = false
			break
		}
	}
	if shortStart {
		for _, o := range ops {
			b.putc(lineOffset, o.col, '/', o.st)
		}
		return starts
	}

	anns := make([]*annotation, len(line.anns))
	for i := range line.anns {
		anns[i] = &line.anns[i]
	}
	// Rightmost first, so that hanging labels' `|` lines never cross a label.
	sort.SliceStable(anns, func(i, j int) bool { return anns[i].startCol > anns[j].startCol })

	type placed struct {
		pos int
		a   *annotation
	}
	var positions []placed
	lineLen := 0
	p := 0
	for i, a := range anns {
		for j, next := range anns {
			if j > i && overlaps(next, a, 0) && a.hasLabel() && p == 0 {
				if next.startCol == a.startCol && next.endCol == a.endCol && !next.hasLabel() {
					continue
				}
				p++
				break
			}
		}
		positions = append(positions, placed{p, a})
		for j, next := range anns {
			if j <= i {
				continue
			}
			l := 0
			if next.label != "" {
				l = len(next.label) + 2 // rustc counts bytes here
			}
			if (overlaps(next, a, l) && a.hasLabel() && next.hasLabel()) ||
				(a.takesSpace() && next.hasLabel()) ||
				(a.hasLabel() && next.takesSpace()) ||
				(a.takesSpace() && next.takesSpace()) ||
				(overlaps(next, a, l) && next.endCol <= a.endCol && next.hasLabel() && p == 0) {
				p++
				break
			}
		}
		lineLen = max(lineLen, p)
	}
	if lineLen != 0 {
		lineLen++
	}

	allLines := true
	for i := range line.anns {
		if !line.anns[i].isLine() {
			allLines = false
		}
	}
	if allLines {
		return nil
	}

	allStarts := true
	maxPos := 0
	for _, pl := range positions {
		if pl.a.kind != annMultiStart {
			allStarts = false
		}
		maxPos = max(maxPos, pl.pos)
	}
	if allStarts && len(positions) > 0 {
		for i := range positions {
			positions[i].pos = maxPos - positions[i].pos
		}
		lineLen = max(lineLen-1, 0)
	}

	// The gutter.
	for pos := 0; pos <= lineLen; pos++ {
		b.putc(lineOffset+pos+1, widthOffset-2, '|', styleLineNumber)
	}

	// Vertical lines of hanging labels and the horizontal lines of
	// multi-line spans.
	for _, pl := range positions {
		a := pl.a
		st := underlineStyle(a.primary)
		pos := pl.pos + 1
		col := codeOffset + a.startCol
		if pos > 1 && (a.hasLabel() || a.takesSpace()) {
			for row := lineOffset + 1; row <= lineOffset+pos; row++ {
				b.putc(row, col, '|', st)
			}
			if a.kind == annMultiStart {
				b.putc(lineOffset+pos, col, '|', st)
			}
			if a.kind == annMultiEnd && a.hasLabel() {
				b.putc(lineOffset+pos, col, '|', st)
			}
		}
		switch a.kind {
		case annMultiStart:
			// The margin line goes on under the rows of this line.
			for row := lineOffset + pos + 1; row < lineOffset+lineLen+2; row++ {
				b.putc(row, widthOffset+a.depth-1, '|', st)
			}
			b.putc(lineOffset+pos, widthOffset+a.depth-1, ' ', st)
			for c := widthOffset + a.depth; c < col; c++ {
				b.putc(lineOffset+pos, c, '_', st)
			}
		case annMultiEnd:
			for row := lineOffset; row <= lineOffset+pos; row++ {
				b.putc(row, widthOffset+a.depth-1, '|', st)
			}
			b.putc(lineOffset+pos, widthOffset+a.depth-1, '|', st)
			for c := widthOffset + a.depth; c < col; c++ {
				b.putc(lineOffset+pos, c, '_', st)
			}
		}
	}

	// Labels.
	for _, pl := range positions {
		a := pl.a
		var row, col int
		if pl.pos == 0 {
			row = 1
			if a.endCol == 0 {
				col = a.endCol + 2
			} else {
				col = a.endCol + 1
			}
		} else {
			row, col = pl.pos+2, a.startCol
		}
		if a.label != "" {
			writeLabel(b, lineOffset+row, codeOffset+col, a.label, labelStyle(a.primary))
		}
	}

	// Underlines.
	for _, pl := range positions {
		a := pl.a
		ch := underlineChar(a.primary)
		st := underlineStyle(a.primary)
		for c := a.startCol; c < a.endCol; c++ {
			b.putc(lineOffset+1, codeOffset+c, ch, st)
		}
		if pl.pos == 0 && a.takesSpace() {
			b.putc(lineOffset+1, codeOffset+a.startCol, ch, st)
		} else if pl.pos != 0 && (a.takesSpace() || a.hasLabel()) {
			b.putc(lineOffset+1, codeOffset+a.startCol, ch, st)
		}
	}

	var out []depthStyle
	for _, pl := range positions {
		if pl.a.takesSpace() {
			out = append(out, depthStyle{pl.a.depth, labelStyle(pl.a.primary)})
		}
	}
	return out
}

// writeLabel writes a label; a label with several lines continues on the
// following rows at the same column.
func writeLabel(b *buffer, row, col int, label string, st style) {
	for i, part := range strings.Split(label, "\n") {
		b.puts(row+i, col, normalizeLine([]byte(part)), st)
	}
}

// Human renders d like rustc's default error format. With color, it uses the
// ANSI colours rustc uses on a terminal. The text ends with an empty line, as
// each of rustc's diagnostics does.
func Human(d *Diagnostic, color bool) string {
	var fa *fileAnnotations
	if d.File != nil && len(d.Labels) > 0 {
		fa = collectAnnotations(d.File, d.Labels)
	}
	maxLine := 0
	if fa != nil {
		for _, l := range fa.lines {
			maxLine = max(maxLine, l.n)
		}
	}
	width := len(strconv.Itoa(maxLine)) // rustc: at least 1, even without spans
	b := &buffer{}

	// Header: error[E0000]: message
	b.appendText(0, d.Severity.String(), styleLevel)
	labelWidth := len(d.Severity.String())
	if d.Code != "" && !isLintName(d.Code) {
		b.appendText(0, "["+d.Code+"]", styleLevel)
		labelWidth += len(d.Code) + 2
	}
	b.appendText(0, ": ", styleMainHeaderMsg)
	labelWidth += 2
	for i, part := range strings.Split(d.Message, "\n") {
		if i > 0 {
			part = strings.Repeat(" ", labelWidth) + part
		}
		b.appendText(i, normalizeLine([]byte(part)), styleMainHeaderMsg)
	}

	if d.File != nil {
		row := b.numLines()
		b.puts(row, width, "--> ", styleLineNumber)
		loc := d.File.Name
		if len(d.Labels) > 0 {
			p := position(d.File, int(d.Primary().Start))
			loc += ":" + strconv.Itoa(p.Line) + ":" + strconv.Itoa(p.Column)
		}
		b.appendText(row, loc, styleNone)
	}

	if fa != nil {
		b.putc(b.numLines(), width+1, '|', styleLineNumber)
		widthOffset := 3 + width
		codeOffset := widthOffset
		if fa.maxDepth > 0 {
			codeOffset = widthOffset + fa.maxDepth + 1
		}
		m := newMargin(fa, codeOffset)
		open := map[int]style{} // multi-line spans being drawn, by depth
		var order []int
		for i, line := range fa.lines {
			firstRow := b.numLines()
			depths := renderSourceLine(b, fa.f, line, widthOffset, codeOffset, &m)
			var toAdd []depthStyle
			for _, ds := range depths {
				if _, ok := open[ds.depth]; ok {
					delete(open, ds.depth)
				} else {
					toAdd = append(toAdd, ds)
				}
			}
			// The `|` of spans that go on past this line.
			for _, dep := range order {
				if st, ok := open[dep]; ok {
					for row := firstRow; row < b.numLines(); row++ {
						b.putc(row, widthOffset+dep-1, '|', st)
					}
				}
			}
			if i < len(fa.lines)-1 {
				delta := fa.lines[i+1].n - line.n
				drawMargins := func(row int) {
					for _, dep := range order {
						if st, ok := open[dep]; ok {
							b.putc(row, widthOffset+dep-1, '|', st)
						}
					}
					for _, a := range line.anns {
						if a.kind == annMultiStart {
							b.putc(row, widthOffset+a.depth-1, '|', underlineStyle(a.primary))
						}
					}
				}
				if delta > 2 {
					row := b.numLines()
					b.puts(row, 0, "...", styleLineNumber)
					drawMargins(row)
				} else if delta == 2 {
					row := b.numLines()
					drawLine(b, fa.f, line.n+1, row, widthOffset, codeOffset, &m)
					drawMargins(row)
				}
			}
			for _, ds := range toAdd {
				if !slices.Contains(order, ds.depth) {
					order = append(order, ds.depth)
				}
				open[ds.depth] = ds.st
			}
		}
	}

	if len(d.Notes)+len(d.Help) > 0 {
		b.putc(b.numLines(), width+1, '|', styleLineNumber)
		child := func(level, msg string) {
			row := b.numLines()
			b.puts(row, width+1, "= ", styleLineNumber)
			b.appendText(row, level, styleMainHeaderMsg)
			b.appendText(row, ": ", styleNone)
			pad := strings.Repeat(" ", width+len(level)+5)
			for i, part := range strings.Split(msg, "\n") {
				if i > 0 {
					part = pad + part
				}
				b.appendText(row+i, normalizeLine([]byte(part)), styleNone)
			}
		}
		for _, n := range d.Notes {
			child("note", n)
		}
		for _, h := range d.Help {
			child("help", h)
		}
	}

	var sb strings.Builder
	b.render(&sb, color, d.Severity)
	sb.WriteByte('\n')
	return sb.String()
}

// isLintName reports whether code names a lint (`unused_variables`,
// `clippy::needless_return`) rather than an error code (`E0308`): rustc shows
// only error codes in brackets after the level.
func isLintName(code string) bool {
	for i := 0; i < len(code); i++ {
		c := code[i]
		if !(c >= 'a' && c <= 'z' || c >= '0' && c <= '9' || c == '_' || c == ':') {
			return false
		}
	}
	return true
}
