package lexer

import (
	"fmt"
	"os"
	"path/filepath"
	"runtime"
	"slices"
	"sync"
	"testing"

	"github.com/asynctrait/asynctrait/internal/source"
	"github.com/asynctrait/asynctrait/internal/testenv"
)

// excludeFiles lists corpus files, relative to the corpus root, whose
// tokens rustc rejects on purpose, each with the reason; the lexer must
// report an error in each (a stale entry fails the test), and the byte
// round trip is still checked on them.
//
// It is empty: the corpus's intentionally invalid files (trybuild UI tests
// such as thiserror-1.0.38/tests/ui/*.rs, compile_fail doctests) fail in
// name resolution or type checking, never in the lexer, and TestRustcDiff
// confirms that rustc lexes every corpus file without error.
var excludeFiles = map[string]string{
	// "crate-1.0.0/tests/ui/bad-literal.rs": "tests rustc's error for `0b12`",
}

// maxFailures stops the report after this many files, as syn's round trip does.
const maxFailures = 20

// TestCorpus lexes every .rs file of the corpus with its crate's edition:
// the round trip and the other Result invariants must hold on all of them,
// and files rustc accepts must lex without error.
func TestCorpus(t *testing.T) {
	root := testenv.CorpusRoot(t)
	files := testenv.CorpusFiles(t)

	type outcome struct {
		bytes, lines, tokens int
		failure              string // non-empty: the test fails with it
		excludedClean        bool   // an excluded file that lexed cleanly
	}
	results := make([]outcome, len(files))
	var wg sync.WaitGroup
	next := make(chan int)
	for w := 0; w < runtime.GOMAXPROCS(0); w++ {
		wg.Add(1)
		go func() {
			defer wg.Done()
			for i := range next {
				results[i] = func() (o outcome) {
					path := files[i]
					rel, _ := filepath.Rel(root, path)
					src, err := os.ReadFile(path)
					if err != nil {
						o.failure = err.Error()
						return
					}
					res := LexEdition(src, Edition(testenv.CrateEdition(path)))
					f := source.NewFile(path, src)
					o.bytes, o.lines, o.tokens = len(src), f.LineCount(), len(res.Tokens)
					if msg, off := checkResultAt(src, res); msg != "" {
						p := f.Position(off)
						o.failure = fmt.Sprintf("%s:%d:%d: %s", p.Filename, p.Line, p.Column, msg)
						return
					}
					_, excluded := excludeFiles[rel]
					if excluded {
						o.excludedClean = len(res.Errors) == 0
						return
					}
					for k, e := range res.Errors {
						if k == 5 {
							o.failure += fmt.Sprintf("\n\t… and %d more", len(res.Errors)-k)
							break
						}
						p := f.Position(int(e.Span.Start))
						o.failure += fmt.Sprintf("\n%s:%d:%d: %s", p.Filename, p.Line, p.Column, e.Msg)
					}
					return
				}()
			}
		}()
	}
	for i := range files {
		next <- i
	}
	close(next)
	wg.Wait()

	var total outcome
	failures := 0
	for i, o := range results {
		total.bytes += o.bytes
		total.lines += o.lines
		total.tokens += o.tokens
		if o.failure != "" {
			if failures++; failures <= maxFailures {
				t.Error(o.failure)
			}
		}
		if o.excludedClean {
			rel, _ := filepath.Rel(root, files[i])
			t.Errorf("%s is excluded (%s) but lexes without error; remove it from excludeFiles", rel, excludeFiles[rel])
		}
	}
	if failures > maxFailures {
		t.Errorf("… %d failing files in all", failures)
	}
	for rel := range excludeFiles {
		if !slices.Contains(files, filepath.Join(root, rel)) {
			t.Logf("excluded file %s is not in the corpus", rel)
		}
	}
	t.Logf("corpus: %d files, %d bytes, %d lines, %d tokens (%.2f bytes/token)",
		len(files), total.bytes, total.lines, total.tokens, float64(total.bytes)/float64(total.tokens))
}
