package diag

import "strings"

// style names the role of a piece of output, like rustc's emitter Style;
// the renderer maps it to ANSI colours (or to nothing).
type style uint8

const (
	styleNone style = iota
	styleLineNumber
	styleUnderlinePrimary
	styleUnderlineSecondary
	styleLabelPrimary
	styleLabelSecondary
	styleLevel // the "error" / "warning" word, in the level's colour
	styleMainHeaderMsg
)

// ANSI sequences exactly as rustc (anstyle) writes them.
const (
	ansiReset = "\x1b[0m"
	ansiBold  = "\x1b[1m"
)

// levelColor returns the bright colour rustc uses for a level.
func levelColor(s Severity) string {
	switch s {
	case Error:
		return "\x1b[91m"
	case Warning:
		return "\x1b[33m"
	case Note:
		return "\x1b[92m"
	case Help:
		return "\x1b[96m"
	}
	return ""
}

func (st style) ansi(level Severity) string {
	switch st {
	case styleLineNumber, styleUnderlineSecondary, styleLabelSecondary:
		return ansiBold + "\x1b[94m"
	case styleUnderlinePrimary, styleLabelPrimary, styleLevel:
		return ansiBold + levelColor(level)
	case styleMainHeaderMsg:
		return ansiBold
	}
	return ""
}

type cell struct {
	r  rune
	st style
}

// buffer is a grid of styled characters that can be written at any row and
// column, like rustc's StyledBuffer. One rune is one cell, so a wide
// character takes one cell but two terminal columns, as in rustc.
type buffer struct {
	rows [][]cell
}

func (b *buffer) numLines() int { return len(b.rows) }

func (b *buffer) ensure(row int) {
	for len(b.rows) <= row {
		b.rows = append(b.rows, nil)
	}
}

func (b *buffer) putc(row, col int, r rune, st style) {
	if col < 0 {
		return
	}
	b.ensure(row)
	line := b.rows[row]
	for len(line) <= col {
		line = append(line, cell{' ', styleNone})
	}
	line[col] = cell{r, st}
	b.rows[row] = line
}

func (b *buffer) puts(row, col int, s string, st style) {
	for _, r := range s {
		b.putc(row, col, r, st)
		col++
	}
}

// appendText writes s after the last cell of row.
func (b *buffer) appendText(row int, s string, st style) {
	b.ensure(row)
	b.puts(row, len(b.rows[row]), s, st)
}

// render writes the grid; with colour, each run of one style is wrapped in
// its escape sequence and a reset, and unstyled text is written bare.
func (b *buffer) render(sb *strings.Builder, color bool, level Severity) {
	// Runs are by escape sequence, not by style: styles that look alike
	// (a secondary underline and its label) make one run, as in rustc.
	for _, line := range b.rows {
		cur := ""
		for _, c := range line {
			if a := c.st.ansi(level); color && a != cur {
				if cur != "" {
					sb.WriteString(ansiReset)
				}
				cur = a
				sb.WriteString(cur)
			}
			sb.WriteRune(c.r)
		}
		if color && cur != "" {
			sb.WriteString(ansiReset)
		}
		sb.WriteByte('\n')
	}
}
