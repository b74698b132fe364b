package cargo

import (
	"errors"
	"os"
	"path/filepath"
	"reflect"
	"strings"
	"testing"
)

// writeTree creates files under dir from a map of slash paths to contents.
func writeTree(t *testing.T, dir string, files map[string]string) {
	t.Helper()
	for name, body := range files {
		p := filepath.Join(dir, filepath.FromSlash(name))
		if err := os.MkdirAll(filepath.Dir(p), 0o755); err != nil {
			t.Fatal(err)
		}
		if err := os.WriteFile(p, []byte(body), 0o644); err != nil {
			t.Fatal(err)
		}
	}
}

var workspace = map[string]string{
	"Cargo.toml": `[workspace]
members = ["crates/*", "tools/gen"]
exclude = ["crates/skip"]
default-members = ["crates/core"]

[workspace.package]
edition = "2021"
`,
	"crates/core/Cargo.toml": `[package]
name = "core-lib"
edition.workspace = true

[lib]
path = "lib/core.rs"

[[bin]]
name = "tool"
path = "cmd/tool.rs"
`,
	"crates/core/lib/core.rs":         "",
	"crates/core/lib/inner/m.rs":      "",
	"crates/core/cmd/tool.rs":         "",
	"crates/core/tests/it.rs":         "",
	"crates/core/tests/common/mod.rs": "",
	"crates/app/Cargo.toml": `[package]
name = "app"
edition = "2018"
build = "build.rs"
`,
	"crates/app/build.rs":          "",
	"crates/app/src/main.rs":       "",
	"crates/app/src/bin/a.rs":      "",
	"crates/app/src/bin/b/main.rs": "",
	"crates/app/examples/ex.rs":    "",
	"crates/app/benches/bench.rs":  "",
	"crates/skip/Cargo.toml":       "[package]\nname = \"skipped\"\n",
	"crates/skip/src/lib.rs":       "",
	"crates/notapkg/readme.txt":    "",
	"tools/gen/Cargo.toml":         "[package]\nname = \"gen\"\nautobins = false\n",
	"tools/gen/src/main.rs":        "",
	"tools/gen/src/lib.rs":         "",
}

func rel(t *testing.T, root string, paths []string) []string {
	var out []string
	for _, p := range paths {
		r, err := filepath.Rel(root, p)
		if err != nil {
			t.Fatal(err)
		}
		out = append(out, filepath.ToSlash(r))
	}
	return out
}

func names(ps []*Package) []string {
	var out []string
	for _, p := range ps {
		out = append(out, p.Name)
	}
	return out
}

func TestWorkspace(t *testing.T) {
	root := t.TempDir()
	writeTree(t, root, workspace)
	w, err := Load(filepath.Join(root, "Cargo.toml"))
	if err != nil {
		t.Fatal(err)
	}
	if got, want := names(w.Members), []string{"app", "core-lib", "gen"}; !reflect.DeepEqual(got, want) {
		t.Errorf("members %v, want %v", got, want)
	}
	if got, want := names(w.Defaults), []string{"core-lib"}; !reflect.DeepEqual(got, want) {
		t.Errorf("defaults %v, want %v", got, want)
	}
	app, core, gen := w.Members[0], w.Members[1], w.Members[2]
	if app.Edition != "2018" || core.Edition != "2021" || gen.Edition != "2015" {
		t.Errorf("editions %q %q %q", app.Edition, core.Edition, gen.Edition)
	}
	var kinds []string
	var paths []string
	for _, tg := range app.Targets {
		kinds = append(kinds, tg.Kind+":"+tg.Name)
		paths = append(paths, tg.Path)
	}
	wantKinds := []string{"bin:app", "bin:a", "bin:b", "example:ex", "bench:bench", "custom-build:build-script-build"}
	if !reflect.DeepEqual(kinds, wantKinds) {
		t.Errorf("app targets %v, want %v", kinds, wantKinds)
	}
	if got, want := rel(t, app.Dir, paths), []string{"src/main.rs", "src/bin/a.rs", "src/bin/b/main.rs", "examples/ex.rs", "benches/bench.rs", "build.rs"}; !reflect.DeepEqual(got, want) {
		t.Errorf("app target paths %v, want %v", got, want)
	}
	var srcs []string
	for _, s := range app.Sources() {
		srcs = append(srcs, strings.TrimPrefix(s.Path, app.Dir)+map[bool]string{true: "/**", false: "/*"}[s.Recursive])
	}
	if want := []string{"/src/**", "/examples/**", "/benches/**", "/*"}; !reflect.DeepEqual(srcs, want) {
		t.Errorf("app sources %v, want %v", srcs, want)
	}
	srcs = nil
	for _, s := range core.Sources() {
		srcs = append(srcs, strings.TrimPrefix(s.Path, core.Dir)+map[bool]string{true: "/**", false: "/*"}[s.Recursive])
	}
	if want := []string{"/tests/**", "/lib/**", "/cmd/**"}; !reflect.DeepEqual(srcs, want) {
		t.Errorf("core sources %v, want %v", srcs, want)
	}
	var gk []string
	for _, tg := range gen.Targets {
		gk = append(gk, tg.Kind)
	}
	if want := []string{"lib"}; !reflect.DeepEqual(gk, want) {
		t.Errorf("gen targets %v, want %v (autobins = false)", gk, want)
	}

	sel, err := w.Select([]string{"gen", "app"}, false)
	if err != nil || !reflect.DeepEqual(names(sel), []string{"app", "gen"}) {
		t.Errorf("Select = %v, %v", names(sel), err)
	}
	if sel, _ := w.Select(nil, true); len(sel) != 3 {
		t.Errorf("Select(all) = %v", names(sel))
	}
	_, err = w.Select([]string{"nope"}, false)
	var upe *UnknownPackageError
	if !errors.As(err, &upe) || !strings.Contains(err.Error(), "app, core-lib, gen") {
		t.Errorf("Select(nope) error = %v", err)
	}
}

func TestMemberManifestFindsItsWorkspace(t *testing.T) {
	root := t.TempDir()
	writeTree(t, root, workspace)
	found, err := FindManifest(filepath.Join(root, "crates", "app", "src", "bin"))
	if err != nil || found != filepath.Join(root, "crates", "app", "Cargo.toml") {
		t.Fatalf("FindManifest = %q, %v", found, err)
	}
	w, err := Load(found)
	if err != nil {
		t.Fatal(err)
	}
	if w.Root != root || len(w.Members) != 3 || !reflect.DeepEqual(names(w.Defaults), []string{"app"}) {
		t.Errorf("root %s members %v defaults %v", w.Root, names(w.Members), names(w.Defaults))
	}
	// The excluded package is a workspace of its own.
	w, err = Load(filepath.Join(root, "crates", "skip", "Cargo.toml"))
	if err != nil {
		t.Fatal(err)
	}
	if w.Root != filepath.Join(root, "crates", "skip") || !reflect.DeepEqual(names(w.Members), []string{"skipped"}) {
		t.Errorf("excluded package: root %s members %v", w.Root, names(w.Members))
	}
}

func TestRootPackageAndExplicitWorkspaceKey(t *testing.T) {
	root := t.TempDir()
	writeTree(t, root, map[string]string{
		"Cargo.toml":             "[package]\nname = \"top\"\n\n[workspace]\nmembers = [\"sub/**/pkg\"]\n",
		"src/lib.rs":             "",
		"sub/a/pkg/Cargo.toml":   "[package]\nname = \"deep\"\nworkspace = \"../../..\"\n",
		"sub/a/pkg/src/lib.rs":   "",
		"sub/a/b/pkg/Cargo.toml": "[package]\nname = \"deeper\"\n",
		"sub/a/b/pkg/src/lib.rs": "",
		"target/pkg/Cargo.toml":  "[package]\nname = \"in-target\"\n",
		".hidden/pkg/Cargo.toml": "[package]\nname = \"hidden\"\n",
	})
	w, err := Load(root) // a directory is accepted too
	if err != nil {
		t.Fatal(err)
	}
	if got, want := names(w.Members), []string{"top", "deeper", "deep"}; !reflect.DeepEqual(got, want) {
		t.Errorf("members %v, want %v", got, want)
	}
	if !reflect.DeepEqual(names(w.Defaults), []string{"top"}) {
		t.Errorf("defaults %v", names(w.Defaults))
	}
	w, err = Load(filepath.Join(root, "sub", "a", "pkg", "Cargo.toml"))
	if err != nil || w.Root != root || !reflect.DeepEqual(names(w.Defaults), []string{"deep"}) {
		t.Errorf("package.workspace: %v %v", w, err)
	}
}

func TestErrors(t *testing.T) {
	root := t.TempDir()
	writeTree(t, root, map[string]string{
		"bad/Cargo.toml":     "[package\n",
		"missing/Cargo.toml": "[workspace]\nmembers = [\"nothere\"]\n",
		"empty/Cargo.toml":   "# nothing\n",
	})
	for _, dir := range []string{"bad", "missing", "empty"} {
		if _, err := Load(filepath.Join(root, dir, "Cargo.toml")); err == nil {
			t.Errorf("%s: no error", dir)
		}
	}
	if _, err := FindManifest(filepath.Join(root)); err == nil {
		// a Cargo.toml above the temp dir would be surprising, but possible
		t.Logf("found a manifest above %s", root)
	}
}

func TestMatchPath(t *testing.T) {
	tests := []struct {
		pat, path string
		want      bool
	}{
		{"crates/*", "crates/a", true},
		{"crates/*", "crates/a/b", false},
		{"**/pkg", "pkg", true},
		{"**/pkg", "a/b/pkg", true},
		{"a/**", "a/b/c", true},
		{"a/**/z", "a/z", true},
		{"a/**/z", "a/b/c/z", true},
		{"a/[bc]", "a/c", true},
		{"a/?", "a/cd", false},
	}
	for _, tt := range tests {
		if got := MatchPath(strings.Split(tt.pat, "/"), strings.Split(tt.path, "/")); got != tt.want {
			t.Errorf("MatchPath(%q, %q) = %v", tt.pat, tt.path, got)
		}
	}
}
