// Package testenv locates the corpus of real Rust code that the lexer and
// parser tests run over: the crate sources Debian installs with its
// librust-*-dev packages (scripts/setup.sh installs them).
//
// Without the corpus the tests skip on a developer machine but fail in CI
// (env CI set), so CI can never pass by silently testing nothing.
package testenv

import (
	"bufio"
	"io/fs"
	"os"
	"path/filepath"
	"slices"
	"strings"
	"sync"
	"testing"
)

// DefaultRoot is where Debian's librust-*-dev packages put crate sources.
const DefaultRoot = "/usr/share/cargo/registry"

// RootEnv names an environment variable that overrides DefaultRoot.
const RootEnv = "ASYNCTRAIT_CORPUS"

// CorpusRoot returns the corpus directory. When it does not exist it skips
// the test, or fails it when env CI is set.
func CorpusRoot(t testing.TB) string {
	t.Helper()
	root := os.Getenv(RootEnv)
	if root == "" {
		root = DefaultRoot
	}
	if fi, err := os.Stat(root); err != nil || !fi.IsDir() {
		msg := "no Rust corpus at " + root + " (install the librust-*-dev packages listed in scripts/setup.sh, or set " + RootEnv + ")"
		if os.Getenv("CI") != "" {
			t.Fatal(msg + "; CI must not skip the corpus tests")
		}
		t.Skip(msg)
	}
	return root
}

var files struct {
	sync.Mutex
	root string
	list []string
	err  error
}

// CorpusFiles returns the paths of all .rs files under CorpusRoot, sorted.
// An empty corpus counts as a missing one.
func CorpusFiles(t testing.TB) []string {
	t.Helper()
	root := CorpusRoot(t)
	files.Lock()
	defer files.Unlock()
	if files.root != root {
		files.root, files.list, files.err = root, nil, nil
		files.err = filepath.WalkDir(root, func(path string, d fs.DirEntry, err error) error {
			if err != nil {
				return err
			}
			if !d.IsDir() && strings.HasSuffix(path, ".rs") {
				files.list = append(files.list, path)
			}
			return nil
		})
		slices.Sort(files.list)
	}
	if files.err != nil {
		t.Fatalf("walking %s: %v", root, files.err)
	}
	if len(files.list) == 0 {
		msg := "no .rs files under " + root
		if os.Getenv("CI") != "" {
			t.Fatal(msg)
		}
		t.Skip(msg)
	}
	return files.list
}

// CrateEdition returns the Rust edition (2015, 2018, …) of the crate that
// file belongs to, read from the `edition` key of the nearest Cargo.toml
// under the corpus root; 2015 when the manifest has none, as for Cargo.
func CrateEdition(file string) int {
	for dir := filepath.Dir(file); ; dir = filepath.Dir(dir) {
		if ed, ok := manifestEdition(filepath.Join(dir, "Cargo.toml")); ok {
			return ed
		}
		if parent := filepath.Dir(dir); parent == dir {
			return 2015
		}
	}
}

var editions sync.Map // manifest path → int, 0 for none

func manifestEdition(path string) (int, bool) {
	if v, ok := editions.Load(path); ok {
		return v.(int), v.(int) != 0
	}
	ed := 0
	if f, err := os.Open(path); err == nil {
		ed = 2015
		sc := bufio.NewScanner(f)
		section := ""
		for sc.Scan() {
			line := strings.TrimSpace(sc.Text())
			if strings.HasPrefix(line, "[") {
				section = line
				continue
			}
			if k, v, ok := strings.Cut(line, "="); ok && section == "[package]" && strings.TrimSpace(k) == "edition" {
				switch strings.Trim(strings.TrimSpace(v), `"'`) {
				case "2018":
					ed = 2018
				case "2021":
					ed = 2021
				case "2024":
					ed = 2024
				}
			}
		}
		f.Close()
	}
	editions.Store(path, ed)
	return ed, ed != 0
}
