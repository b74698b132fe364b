package reliability

import (
	"bytes"
	"fmt"
	"math/rand/v2"
	"os"
	"path/filepath"
	"strings"
	"testing"
)

// The same tree gives byte-identical standard output, standard error and
// exit status, and (with -w) identical files, whatever -j is, run after
// run.
func TestDeterminism(t *testing.T) {
	r := rand.New(rand.NewPCG(6, 6))
	files := map[string][]byte{}
	for i := range 60 {
		name := fmt.Sprintf("d%d/f%02d.rs", i%4, i)
		var src []byte
		switch i % 6 {
		case 0, 1:
			src = treeFile(r, 4<<10+r.IntN(40<<10), true)
		case 2:
			src = treeFile(r, 4<<10, false)
		case 3:
			src = append(treeFile(r, 2<<10, true), "#[async_trait]\nimpl Broken for X { async fn f(&self) { \n"...) // unclosed
		case 4:
			src = []byte(strings.ReplaceAll(string(treeFile(r, 3<<10, true)), "\n", "\r\n"))
		case 5:
			src = append(treeFile(r, 2<<10, true), "// \xff\xfe not UTF-8\n"...)
		}
		files[name] = src
	}
	// One large file, so that a slow file sits among fast ones.
	// (Small enough for -d: see TestDiffLargeFile.)
	files["d0/big.rs"], _ = chunkedFile(128<<10, 3)

	modes := [][]string{
		{},
		{"-l"},
		{"-d"},
		{"--check"},
		{"--check", "-l"},
		{"--message-format=json"},
		{"--message-format=short", "-l"},
		{"-w"},
	}
	for _, mode := range modes {
		t.Run(strings.Join(append([]string{"expand"}, mode...), " "), func(t *testing.T) {
			var ref *binResult
			var refTree map[string][]byte
			var refJ string
			for _, j := range []string{"1", "2", "8", "8", "2"} {
				dir := t.TempDir()
				writeTree(t, dir, files)
				args := append(append([]string{"expand"}, mode...), "-j", j, "d0", "d1", "d2", "d3")
				res := runBin(t, runOpts{dir: dir}, args...)
				if res.code == -1 {
					t.FailNow() // killed as hung: the other -j would hang too
				}
				tree := readTree(t, dir, files)
				if ref == nil {
					ref, refTree, refJ = &res, tree, j
					if res.code == 0 || len(res.stderr) == 0 {
						t.Errorf("the tree has errors, yet exit %d and %d bytes on stderr", res.code, len(res.stderr))
					}
					continue
				}
				if res.code != ref.code {
					t.Errorf("-j %s: exit %d, -j %s: exit %d", refJ, ref.code, j, res.code)
				}
				if !bytes.Equal(res.stdout, ref.stdout) {
					t.Errorf("-j %s and -j %s: standard output differs at byte %d", refJ, j, firstDiff(res.stdout, ref.stdout))
				}
				if !bytes.Equal(res.stderr, ref.stderr) {
					t.Errorf("-j %s and -j %s: standard error differs at byte %d", refJ, j, firstDiff(res.stderr, ref.stderr))
				}
				for n, b := range tree {
					if !bytes.Equal(b, refTree[n]) {
						t.Errorf("-j %s and -j %s: %s differs", refJ, j, n)
					}
				}
			}
		})
	}
}

func readTree(t *testing.T, dir string, files map[string][]byte) map[string][]byte {
	t.Helper()
	out := map[string][]byte{}
	for n := range files {
		b, err := os.ReadFile(filepath.Join(dir, n))
		if err != nil {
			t.Fatal(err)
		}
		out[n] = b
		figures.filesChecked.Add(1)
		figures.bytesChecked.Add(int64(len(b)))
	}
	return out
}
