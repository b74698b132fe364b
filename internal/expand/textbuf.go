package expand

import (
	"unsafe"

	"github.com/asynctrait/asynctrait/internal/bigalloc"
	"github.com/asynctrait/asynctrait/internal/edit"
)

// textBuf builds the texts of many edits in shared chunks: each text is
// appended after the previous one and handed out as a string viewing the
// chunk, so a method's rewrite costs no allocation of its own and no
// unused capacity stays alive behind it (as a strings.Builder's would).
// Bytes once handed out are never written again.
type textBuf struct {
	chunk []byte
	start int // where the text being built starts in chunk
	// made counts the bytes of the chunks made so far; from bigText on
	// (or from the start with blocks), chunks are cut from block, memory
	// on huge pages (see bigalloc).
	made   int
	blocks bool
	block  bigalloc.Blocks[byte]
}

// bigText is how much text a buffer makes before its chunks come from
// blocks of huge pages: the rewrite of a large file, whose megabytes of
// text would otherwise cost a page fault every 4 KiB. A file of
// blocksFrom bytes or more is large from the start: its rewrite makes
// several times its size in text.
const (
	bigText    = 1 << 20
	blocksFrom = 512 << 10
)

const (
	textChunkMin = 2 << 10
	textChunk    = 64 << 10
)

// ensure makes room for n more bytes of the current text, moving it to a
// new chunk if the current one is full.
func (t *textBuf) ensure(n int) {
	if len(t.chunk)+n <= cap(t.chunk) {
		return
	}
	cur := t.chunk[t.start:]
	// Chunks grow from small (small files) to textChunk.
	size := min(max(2*cap(t.chunk), textChunkMin), textChunk)
	size = max(size, 2*(len(cur)+n))
	var next []byte
	if t.blocks || t.made >= bigText {
		next = t.block.Take(size)[:len(cur)]
	} else {
		next = make([]byte, len(cur), size)
	}
	t.made += size
	copy(next, cur)
	t.chunk, t.start = next, 0
}

func (t *textBuf) WriteString(s string) {
	t.ensure(len(s))
	t.chunk = append(t.chunk, s...)
}

func (t *textBuf) WriteByte(c byte) error {
	t.ensure(1)
	t.chunk = append(t.chunk, c)
	return nil
}

// discard drops the text being built (a rewrite that bailed out).
func (t *textBuf) discard() { t.chunk = t.chunk[:t.start] }

// Len is the length of the current text.
func (t *textBuf) Len() int { return len(t.chunk) - t.start }

// String ends the current text and returns it.
func (t *textBuf) String() string {
	n := len(t.chunk) - t.start
	if n == 0 {
		return ""
	}
	s := unsafe.String(&t.chunk[t.start], n)
	t.start = len(t.chunk)
	return s
}

// reset lets the current chunk be written again from its start: for a
// buffer of texts that are all dead (the scratch of one method).
func (t *textBuf) reset() {
	t.chunk, t.start = t.chunk[:0], 0
}

// applied returns src with edits applied, built in t, or false if the
// edits are not in order and apart (edit.ApplyString sorts those out).
func (t *textBuf) applied(src []byte, edits []edit.Edit) (string, bool) {
	pos, n := 0, len(src)
	for _, e := range edits {
		if e.Start < pos || e.End < e.Start || e.End > len(src) {
			return "", false
		}
		n += len(e.New) - (e.End - e.Start)
		pos = e.End
	}
	t.ensure(n)
	pos = 0
	for _, e := range edits {
		t.chunk = append(t.chunk, src[pos:e.Start]...)
		t.chunk = append(t.chunk, e.New...)
		pos = e.End
	}
	t.chunk = append(t.chunk, src[pos:]...)
	return t.String(), true
}
