package testenv

import (
	"os"
	"path/filepath"
	"testing"
)

// fakeTB records how a helper ended: Skip and Fatal stop it with a panic,
// as the real ones stop the goroutine. Other methods are not expected (the
// embedded nil TB would panic).
type fakeTB struct {
	testing.TB
	ended string
}

type stop struct{}

func (f *fakeTB) Helper()               {}
func (f *fakeTB) Skip(args ...any)      { f.ended = "skip"; panic(stop{}) }
func (f *fakeTB) Fatal(args ...any)     { f.ended = "fatal"; panic(stop{}) }
func (f *fakeTB) Fatalf(string, ...any) { f.ended = "fatal"; panic(stop{}) }

func run(fn func(tb testing.TB)) (ended string) {
	f := &fakeTB{}
	defer func() {
		if r := recover(); r != nil {
			if _, ok := r.(stop); !ok {
				panic(r)
			}
		}
		ended = f.ended
	}()
	fn(f)
	return f.ended
}

func TestMissingCorpus(t *testing.T) {
	t.Setenv(RootEnv, filepath.Join(t.TempDir(), "nonexistent"))
	t.Setenv("CI", "")
	if got := run(func(tb testing.TB) { CorpusRoot(tb) }); got != "skip" {
		t.Errorf("without CI: %q, want skip", got)
	}
	t.Setenv("CI", "true")
	if got := run(func(tb testing.TB) { CorpusRoot(tb) }); got != "fatal" {
		t.Errorf("with CI: %q, want fatal", got)
	}
}

func TestCorpusFilesAndEditions(t *testing.T) {
	root := t.TempDir()
	write := func(path, text string) {
		path = filepath.Join(root, path)
		if err := os.MkdirAll(filepath.Dir(path), 0o755); err != nil {
			t.Fatal(err)
		}
		if err := os.WriteFile(path, []byte(text), 0o644); err != nil {
			t.Fatal(err)
		}
	}
	write("a-1.0.0/Cargo.toml", "[package]\nname = \"a\"\nedition = \"2018\"\n\n[dependencies.b]\nedition = \"2024\"\n")
	write("a-1.0.0/src/lib.rs", "")
	write("a-1.0.0/src/x/y.rs", "")
	write("a-1.0.0/README.md", "")
	write("b-2.0.0/Cargo.toml", "[package]\nname = \"b\"\n")
	write("b-2.0.0/src/main.rs", "")
	t.Setenv(RootEnv, root)
	files := CorpusFiles(t)
	want := []string{"a-1.0.0/src/lib.rs", "a-1.0.0/src/x/y.rs", "b-2.0.0/src/main.rs"}
	if len(files) != len(want) {
		t.Fatalf("CorpusFiles = %q, want %q", files, want)
	}
	for i := range want {
		if files[i] != filepath.Join(root, want[i]) {
			t.Errorf("CorpusFiles[%d] = %q, want %q", i, files[i], want[i])
		}
	}
	for path, ed := range map[string]int{"a-1.0.0/src/x/y.rs": 2018, "b-2.0.0/src/main.rs": 2015} {
		if got := CrateEdition(filepath.Join(root, path)); got != ed {
			t.Errorf("CrateEdition(%s) = %d, want %d", path, got, ed)
		}
	}
}

func TestEmptyCorpus(t *testing.T) {
	t.Setenv(RootEnv, t.TempDir())
	t.Setenv("CI", "1")
	if got := run(func(tb testing.TB) { CorpusFiles(tb) }); got != "fatal" {
		t.Errorf("empty corpus with CI: %q, want fatal", got)
	}
}
