// Package source holds a Rust source file, byte spans into it, and the
// conversion from byte offsets to the line:column positions rustc prints.
//
// Offsets are plain integers; the line table is built lazily on the first
// request for a position, so files with nothing to report never pay for it.
package source

import (
	"bytes"
	"sort"
	"sync"
	"unicode/utf8"
)

// Span is a half-open byte range [Start, End) in a File.
type Span struct {
	Start, End uint32
}

// Len returns the number of bytes the span covers.
func (s Span) Len() int { return int(s.End - s.Start) }

// Text returns the bytes of src that the span covers.
func (s Span) Text(src []byte) []byte { return src[s.Start:s.End] }

// Join returns the smallest span covering both s and t.
func (s Span) Join(t Span) Span {
	if t.Start < s.Start {
		s.Start = t.Start
	}
	if t.End > s.End {
		s.End = t.End
	}
	return s
}

// File is a named source text.
type File struct {
	Name string
	Src  []byte

	once  sync.Once
	lines []uint32 // offsets of line starts; built on demand
}

// NewFile returns a File for src. The File keeps src; callers must not modify it.
func NewFile(name string, src []byte) *File {
	return &File{Name: name, Src: src}
}

// Position is a human-facing location: 1-based line, and 1-based column
// counted in characters (Unicode scalar values), as rustc counts them.
type Position struct {
	Filename string
	Offset   int // byte offset
	Line     int // 1-based
	Column   int // 1-based, in characters
}

func (f *File) buildLines() {
	f.lines = make([]uint32, 1, bytes.Count(f.Src, []byte("\n"))+1)
	for i := 0; ; {
		j := bytes.IndexByte(f.Src[i:], '\n')
		if j < 0 {
			return
		}
		i += j + 1
		f.lines = append(f.lines, uint32(i))
	}
}

// LineStartOf returns the byte offset of the start of the line holding
// offset. A short line is found by scanning back a few bytes; beyond those,
// by the line table, in time logarithmic in the number of lines (scanning
// back all the way would be quadratic over the items of a single long
// line). Safe for concurrent use.
func (f *File) LineStartOf(offset int) int {
	if offset <= len(f.Src) {
		from := max(offset-lineScan, 0)
		if i := bytes.LastIndexByte(f.Src[from:offset], '\n'); i >= 0 {
			return from + i + 1
		}
		if from == 0 {
			return 0
		}
	}
	f.once.Do(f.buildLines)
	i := sort.Search(len(f.lines), func(i int) bool { return int(f.lines[i]) > offset }) - 1
	if i < 0 {
		return 0
	}
	return int(f.lines[i])
}

// lineScan is how far LineStartOf scans back before it asks the line table.
const lineScan = 256

// LineStart returns the byte offset at which 1-based line n starts.
func (f *File) LineStart(n int) int {
	f.once.Do(f.buildLines)
	if n < 1 {
		return 0
	}
	if n > len(f.lines) {
		return len(f.Src)
	}
	return int(f.lines[n-1])
}

// LineCount returns the number of lines (a final line without newline counts).
func (f *File) LineCount() int {
	f.once.Do(f.buildLines)
	return len(f.lines)
}

// Line returns the text of 1-based line n without its line terminator
// ("\n" or "\r\n").
func (f *File) Line(n int) []byte {
	start := f.LineStart(n)
	end := len(f.Src)
	if n < len(f.lines) {
		end = int(f.lines[n]) - 1
	}
	if end > start && f.Src[end-1] == '\r' {
		end--
	}
	if end < start {
		end = start
	}
	return f.Src[start:end]
}

// Position converts a byte offset to a Position. Offsets past the end are
// clamped to the end of the file. An offset inside a multi-byte character
// counts as that character.
func (f *File) Position(offset int) Position {
	f.once.Do(f.buildLines)
	if offset < 0 {
		offset = 0
	}
	if offset > len(f.Src) {
		offset = len(f.Src)
	}
	i := sort.Search(len(f.lines), func(i int) bool { return int(f.lines[i]) > offset }) - 1
	if i < 0 {
		i = 0
	}
	start := int(f.lines[i])
	return Position{
		Filename: f.Name,
		Offset:   offset,
		Line:     i + 1,
		Column:   CharCount(f.Src[start:offset]) + 1,
	}
}

// CharCount counts the characters in b, counting each invalid byte as one
// character, like rustc does for lossily decoded text.
func CharCount(b []byte) int {
	n := 0
	for i := 0; i < len(b); {
		c := b[i]
		if c < utf8.RuneSelf {
			i++
		} else {
			_, size := utf8.DecodeRune(b[i:])
			i += size
		}
		n++
	}
	return n
}
