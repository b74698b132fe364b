package cli

import (
	"fmt"
	"io"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/asynctrait/asynctrait/internal/benchgen"
)

// benchTree writes a generated crate tree under dir: files .rs files of
// plain Rust (about 10 KB each, like the files of a registry crate) in
// nested module directories, with a .gitignore and a Cargo.toml per crate,
// and withAttr of them using #[async_trait]. It returns the bytes of .rs
// written.
func benchTree(tb testing.TB, dir string, files, withAttr int) int64 {
	tb.Helper()
	plain := benchgen.Source(12, true)
	async := benchgen.Source(12, false)
	var total int64
	for i := range files {
		crate := fmt.Sprintf("crate-%02d", i%20)
		sub := filepath.Join(dir, crate, "src", fmt.Sprintf("m%d", i%7), fmt.Sprintf("n%d", i%3))
		if err := os.MkdirAll(sub, 0o755); err != nil {
			tb.Fatal(err)
		}
		if i < 20 {
			must(tb, os.WriteFile(filepath.Join(dir, crate, "Cargo.toml"), []byte("[package]\nname = \""+crate+"\"\n"), 0o644))
			must(tb, os.WriteFile(filepath.Join(dir, crate, ".gitignore"), []byte("/target\n*.bk\n"), 0o644))
		}
		src := plain
		if i%max(files/max(withAttr, 1), 1) == 0 && i/max(files/max(withAttr, 1), 1) < withAttr {
			src = async
		}
		must(tb, os.WriteFile(filepath.Join(sub, fmt.Sprintf("f%04d.rs", i)), src, 0o644))
		total += int64(len(src))
	}
	return total
}

func must(tb testing.TB, err error) {
	tb.Helper()
	if err != nil {
		tb.Fatal(err)
	}
}

// BenchmarkCheckTree is `asynctrait expand --check -j 2` over a tree of
// 2,000 files of plain Rust, 4 of which need rewriting: the cost of a file
// with nothing to do (issue 5: little more than reading it). The bytes per
// second are of .rs read; allocations are per run of the whole tree.
func BenchmarkCheckTree(b *testing.B) {
	dir := b.TempDir()
	n := benchTree(b, dir, 2000, 4)
	b.SetBytes(n)
	b.ReportAllocs()
	var r Runner
	for b.Loop() {
		if code := r.Main([]string{"asynctrait", "expand", "--check", "-j", "2", dir}, strings.NewReader(""), io.Discard, io.Discard); code != ExitChanges {
			b.Fatalf("exit %d, want 1", code)
		}
	}
}

// BenchmarkReadTree is the floor for BenchmarkCheckTree: walking the same
// tree and reading every .rs file into a reused buffer, on one goroutine.
func BenchmarkReadTree(b *testing.B) {
	dir := b.TempDir()
	n := benchTree(b, dir, 2000, 4)
	b.SetBytes(n)
	b.ReportAllocs()
	buf := make([]byte, 0, 64<<10)
	for b.Loop() {
		err := filepath.WalkDir(dir, func(p string, d os.DirEntry, err error) error {
			if err != nil || d.IsDir() || !strings.HasSuffix(p, ".rs") {
				return err
			}
			f, err := os.Open(p)
			if err != nil {
				return err
			}
			buf = buf[:0]
			for {
				if len(buf) == cap(buf) {
					buf = append(buf, 0)[:len(buf)]
				}
				m, err := f.Read(buf[len(buf):cap(buf)])
				buf = buf[:len(buf)+m]
				if err != nil || m == 0 {
					break
				}
			}
			return f.Close()
		})
		if err != nil {
			b.Fatal(err)
		}
	}
}
