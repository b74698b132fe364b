package asynctrait_test

import (
	"bytes"
	"os"
	"runtime"
	"sync"
	"sync/atomic"
	"testing"

	"github.com/asynctrait/asynctrait"
	"github.com/asynctrait/asynctrait/internal/expand"
	"github.com/asynctrait/asynctrait/internal/source"
	"github.com/asynctrait/asynctrait/internal/syntax"
	"github.com/asynctrait/asynctrait/internal/testenv"
)

// TestCorpusUntouched runs the rewrite over every file of Debian's crate
// sources, real Rust nobody here wrote:
//   - a file without async-trait comes out byte-identical, also when the
//     byte-level fast path is bypassed and the file is parsed and walked;
//   - in a rewritten file every edit lies inside an item carrying the
//     attribute or an import of the macro, so every other byte is preserved;
//   - rewriting the output again changes nothing;
//   - a file that cannot be processed comes out unchanged.
func TestCorpusUntouched(t *testing.T) {
	files := testenv.CorpusFiles(t)
	var checked, rewritten, rejected, bytesIn atomic.Int64
	work := make(chan string)
	var wg sync.WaitGroup
	for w := 0; w < runtime.GOMAXPROCS(0); w++ {
		wg.Add(1)
		go func() {
			defer wg.Done()
			for path := range work {
				src, err := os.ReadFile(path)
				if err != nil {
					t.Error(err)
					continue
				}
				checked.Add(1)
				bytesIn.Add(int64(len(src)))
				res := asynctrait.Expand(path, src, asynctrait.Options{})
				switch {
				case res.HasErrors():
					rejected.Add(1)
					t.Logf("%s: rejected: %s", path, res.Diagnostics[0].Message)
					if !bytes.Equal(res.Output, src) {
						t.Errorf("%s: output changed although the file was rejected", path)
					}
					continue
				case !res.Changed:
					if !bytes.Equal(res.Output, src) {
						t.Errorf("%s: unchanged result with different bytes", path)
					}
				default:
					rewritten.Add(1)
					checkEditsConfined(t, path, src)
					again := asynctrait.Expand(path, res.Output, asynctrait.Options{})
					if again.Changed || again.HasErrors() {
						t.Errorf("%s: not idempotent", path)
					}
				}
				// Bypass the fast path: parse and walk every file.
				f := syntax.Parse(source.NewFile(path, src))
				if len(f.Errors) == 0 {
					edits, _ := expand.File(f, expand.Options{})
					if len(edits) > 0 && !bytes.Contains(src, []byte("async_trait")) {
						t.Errorf("%s: edits for a file that never mentions async_trait", path)
					}
				}
			}
		}()
	}
	for _, p := range files {
		work <- p
	}
	close(work)
	wg.Wait()
	t.Logf("%d files (%d bytes) checked: %d rewritten, %d rejected with a diagnostic and left unchanged",
		checked.Load(), bytesIn.Load(), rewritten.Load(), rejected.Load())
}

// checkEditsConfined asserts every edit of a rewrite lies inside an item
// with an async-trait attribute or a `use` of the macro.
func checkEditsConfined(t *testing.T, path string, src []byte) {
	f := syntax.Parse(source.NewFile(path, src))
	edits, _ := expand.File(f, expand.Options{})
	var allowed []syntax.Span
	var walk func(items []syntax.Item)
	walk = func(items []syntax.Item) {
		for _, it := range items {
			switch it := it.(type) {
			case *syntax.Mod:
				walk(it.Items)
				continue
			case *syntax.Use:
				// an import's removal may take one following blank line
				sp := lineSpan(src, it.Span())
				allowed = append(allowed, lineSpan(src, syntax.Span{Start: sp.Start, End: sp.End + 1}))
				continue
			}
			for _, a := range it.Common().Attrs {
				if bytes.Contains(src[a.Span().Start:a.Span().End], []byte("async_trait")) {
					allowed = append(allowed, lineSpan(src, it.Span()))
					break
				}
			}
		}
	}
	walk(f.Items)
	for _, e := range edits {
		ok := false
		for _, s := range allowed {
			if e.Start >= int(s.Start) && e.End <= int(s.End) {
				ok = true
				break
			}
		}
		// Items in function bodies and macro transcribers are found by a
		// token scan; they must still sit inside a top-level item that
		// mentions async_trait.
		if !ok {
			for _, it := range f.Items {
				s := it.Span()
				if e.Start >= int(s.Start) && e.End <= int(s.End) && bytes.Contains(src[s.Start:s.End], []byte("async_trait")) {
					ok = true
				}
			}
		}
		if !ok {
			t.Errorf("%s: edit at bytes %d..%d lies outside every async-trait item", path, e.Start, e.End)
		}
	}
}

// lineSpan widens a span to whole lines (attribute and import removal take
// their line with them).
func lineSpan(src []byte, s syntax.Span) syntax.Span {
	for s.Start > 0 && src[s.Start-1] != '\n' {
		s.Start--
	}
	for int(s.End) < len(src) && src[s.End] != '\n' {
		s.End++
	}
	if int(s.End) < len(src) {
		s.End++
	}
	return s
}
