// Package cargo reads Cargo manifests to find the Rust sources of a crate or
// workspace: the workspace members (with globs, `exclude` and
// `default-members`), each package's targets (`[lib]`, `[[bin]]`,
// `[[example]]`, `[[test]]`, `[[bench]]`, the build script, and cargo's
// automatic target discovery) and the directories that hold their sources.
//
// It follows cargo's rules for what it reads and ignores everything that
// does not locate source files (dependencies, features, profiles).
package cargo

import (
	"fmt"
	"io/fs"
	"os"
	"path/filepath"
	"slices"
	"sort"
	"strings"

	"github.com/BurntSushi/toml"
)

// Target kinds, as in `cargo metadata`.
const (
	KindLib     = "lib"
	KindBin     = "bin"
	KindExample = "example"
	KindTest    = "test"
	KindBench   = "bench"
	KindBuild   = "custom-build"
)

// Target is one compilation target of a package.
type Target struct {
	Kind string
	Name string
	Path string // absolute path of the crate root file
}

// Package is one package (crate) of a workspace.
type Package struct {
	Name     string
	Edition  string // "2015" when the manifest does not say
	Manifest string // absolute path of its Cargo.toml
	Dir      string // directory of Manifest
	Targets  []Target
}

// Workspace is the set of packages cargo would consider.
type Workspace struct {
	Root     string     // directory of the root manifest
	Members  []*Package // sorted by directory
	Defaults []*Package // what cargo builds with no -p: see Load
}

// manifest is the part of Cargo.toml we read.
type manifest struct {
	Package   *manifestPackage   `toml:"package"`
	Workspace *manifestWorkspace `toml:"workspace"`
	Lib       *manifestTarget    `toml:"lib"`
	Bin       []manifestTarget   `toml:"bin"`
	Example   []manifestTarget   `toml:"example"`
	Test      []manifestTarget   `toml:"test"`
	Bench     []manifestTarget   `toml:"bench"`
}

type manifestPackage struct {
	Name         string `toml:"name"`
	Edition      any    `toml:"edition"`   // "2021" or { workspace = true }
	Build        any    `toml:"build"`     // "build.rs", or false
	Workspace    string `toml:"workspace"` // path to the workspace root
	Autobins     *bool  `toml:"autobins"`
	Autoexamples *bool  `toml:"autoexamples"`
	Autotests    *bool  `toml:"autotests"`
	Autobenches  *bool  `toml:"autobenches"`
	Autolib      *bool  `toml:"autolib"`
}

type manifestWorkspace struct {
	Members        []string `toml:"members"`
	Exclude        []string `toml:"exclude"`
	DefaultMembers []string `toml:"default-members"`
	Package        struct {
		Edition string `toml:"edition"`
	} `toml:"package"`
}

type manifestTarget struct {
	Name string `toml:"name"`
	Path string `toml:"path"`
}

func readManifest(path string) (*manifest, error) {
	data, err := os.ReadFile(path)
	if err != nil {
		return nil, err
	}
	var m manifest
	if err := toml.Unmarshal(data, &m); err != nil {
		return nil, fmt.Errorf("%s: %w", path, err)
	}
	return &m, nil
}

// FindManifest returns the Cargo.toml in dir or the nearest one above it,
// as cargo does when no --manifest-path is given.
func FindManifest(dir string) (string, error) {
	dir, err := filepath.Abs(dir)
	if err != nil {
		return "", err
	}
	for d := dir; ; {
		p := filepath.Join(d, "Cargo.toml")
		if fi, err := os.Stat(p); err == nil && fi.Mode().IsRegular() {
			return p, nil
		}
		parent := filepath.Dir(d)
		if parent == d {
			return "", fmt.Errorf("could not find `Cargo.toml` in `%s` or any parent directory", dir)
		}
		d = parent
	}
}

// Load reads the manifest at path and the workspace it belongs to.
//
// Defaults follows cargo's choice of packages when no -p is given: the
// package of this manifest if it has one; for a virtual manifest, the
// workspace's `default-members`, or all members.
func Load(path string) (*Workspace, error) {
	path, err := filepath.Abs(path)
	if err != nil {
		return nil, err
	}
	if fi, err := os.Stat(path); err == nil && fi.IsDir() {
		path = filepath.Join(path, "Cargo.toml")
	}
	m, err := readManifest(path)
	if err != nil {
		return nil, err
	}
	if m.Package == nil && m.Workspace == nil {
		return nil, fmt.Errorf("%s: neither a [package] nor a [workspace] manifest", path)
	}
	rootPath, root := path, m
	if m.Workspace == nil {
		rootPath, root, err = findRoot(path, m)
		if err != nil {
			return nil, err
		}
	}
	w := &Workspace{Root: filepath.Dir(rootPath)}
	if root == nil { // a package outside any workspace
		w.Root = filepath.Dir(path)
		p, err := loadPackage(path, m, nil)
		if err != nil {
			return nil, err
		}
		w.Members = []*Package{p}
		w.Defaults = w.Members
		return w, nil
	}
	dirs, err := memberDirs(w.Root, root.Workspace)
	if err != nil {
		return nil, err
	}
	if root.Package != nil && !slices.Contains(dirs, w.Root) {
		dirs = append(dirs, w.Root)
	}
	sort.Strings(dirs)
	byDir := map[string]*Package{}
	for _, d := range dirs {
		mp := filepath.Join(d, "Cargo.toml")
		pm := root
		if mp != rootPath {
			if pm, err = readManifest(mp); err != nil {
				return nil, fmt.Errorf("failed to load manifest for workspace member `%s`: %w", d, err)
			}
		}
		if pm.Package == nil {
			continue // a nested virtual manifest is not a package
		}
		p, err := loadPackage(mp, pm, root.Workspace)
		if err != nil {
			return nil, err
		}
		w.Members = append(w.Members, p)
		byDir[d] = p
	}
	if m.Package != nil {
		p := byDir[filepath.Dir(path)]
		if p == nil {
			return nil, fmt.Errorf("package `%s` is not a member of the workspace at %s", path, w.Root)
		}
		w.Defaults = []*Package{p}
	} else if len(root.Workspace.DefaultMembers) > 0 {
		for _, dm := range root.Workspace.DefaultMembers {
			d := filepath.Join(w.Root, filepath.FromSlash(dm))
			p := byDir[d]
			if p == nil {
				return nil, fmt.Errorf("%s: default member `%s` is not a workspace member", rootPath, dm)
			}
			w.Defaults = append(w.Defaults, p)
		}
	} else {
		w.Defaults = w.Members
	}
	return w, nil
}

// findRoot looks for the workspace a package belongs to: the root named by
// `package.workspace`, or the nearest manifest above with a [workspace]
// that lists the package among its members. It returns a nil manifest for
// a package outside any workspace.
func findRoot(path string, m *manifest) (string, *manifest, error) {
	dir := filepath.Dir(path)
	if m.Package.Workspace != "" {
		rp := filepath.Join(dir, filepath.FromSlash(m.Package.Workspace), "Cargo.toml")
		r, err := readManifest(rp)
		if err != nil {
			return "", nil, err
		}
		if r.Workspace == nil {
			return "", nil, fmt.Errorf("%s: `package.workspace` points to %s, which has no [workspace]", path, rp)
		}
		return rp, r, nil
	}
	for d := filepath.Dir(dir); ; d = filepath.Dir(d) {
		rp := filepath.Join(d, "Cargo.toml")
		if _, err := os.Stat(rp); err == nil {
			r, err := readManifest(rp)
			if err != nil {
				return "", nil, err
			}
			if r.Workspace != nil {
				dirs, err := memberDirs(d, r.Workspace)
				if err != nil {
					return "", nil, err
				}
				if slices.Contains(dirs, dir) {
					return rp, r, nil
				}
				return "", nil, nil // cargo would complain; treat as standalone
			}
		}
		if filepath.Dir(d) == d {
			return "", nil, nil
		}
	}
}

// memberDirs expands the members globs of a [workspace] and drops the
// excluded paths (an exclude entry removes every member under it).
func memberDirs(root string, ws *manifestWorkspace) ([]string, error) {
	var dirs []string
	for _, pat := range ws.Members {
		full := filepath.Join(root, filepath.FromSlash(pat))
		if !strings.ContainsAny(pat, "*?[") {
			if _, err := os.Stat(filepath.Join(full, "Cargo.toml")); err != nil {
				return nil, fmt.Errorf("failed to load manifest for workspace member `%s`: %w", full, err)
			}
			dirs = append(dirs, full)
			continue
		}
		matches, err := globDirs(root, pat)
		if err != nil {
			return nil, fmt.Errorf("workspace member glob `%s`: %w", pat, err)
		}
		for _, d := range matches {
			if _, err := os.Stat(filepath.Join(d, "Cargo.toml")); err == nil {
				dirs = append(dirs, d)
			}
		}
	}
	var out []string
	for _, d := range dirs {
		excluded := false
		for _, ex := range ws.Exclude {
			e := filepath.Join(root, filepath.FromSlash(ex))
			if d == e || strings.HasPrefix(d, e+string(filepath.Separator)) {
				excluded = true
			}
		}
		if !excluded && !slices.Contains(out, d) {
			out = append(out, d)
		}
	}
	return out, nil
}

// globDirs matches pat (slash-separated, relative to root; `*`, `?`, `[…]`
// within a segment and `**` for any number of segments) against the
// directories under root.
func globDirs(root, pat string) ([]string, error) {
	segs := strings.Split(strings.Trim(pat, "/"), "/")
	for _, s := range segs {
		if _, err := filepath.Match(s, ""); err != nil {
			return nil, err
		}
	}
	var out []string
	err := filepath.WalkDir(root, func(p string, d fs.DirEntry, err error) error {
		if err != nil || !d.IsDir() {
			return nil
		}
		if p != root && strings.HasPrefix(d.Name(), ".") || d.Name() == "target" && p != root {
			return filepath.SkipDir
		}
		rel, _ := filepath.Rel(root, p)
		if rel == "." {
			return nil
		}
		if MatchPath(segs, strings.Split(filepath.ToSlash(rel), "/")) {
			out = append(out, p)
		}
		return nil
	})
	return out, err
}

// MatchPath matches path segments against pattern segments, where a `**`
// segment matches zero or more path segments and other segments use
// path.Match syntax.
func MatchPath(pat, path []string) bool {
	for len(pat) > 0 {
		if pat[0] == "**" {
			for i := 0; i <= len(path); i++ {
				if MatchPath(pat[1:], path[i:]) {
					return true
				}
			}
			return false
		}
		if len(path) == 0 {
			return false
		}
		if ok, _ := filepath.Match(pat[0], path[0]); !ok {
			return false
		}
		pat, path = pat[1:], path[1:]
	}
	return len(path) == 0
}

func loadPackage(path string, m *manifest, ws *manifestWorkspace) (*Package, error) {
	if m.Package.Name == "" {
		return nil, fmt.Errorf("%s: [package] has no name", path)
	}
	p := &Package{Name: m.Package.Name, Manifest: path, Dir: filepath.Dir(path), Edition: "2015"}
	switch e := m.Package.Edition.(type) {
	case string:
		p.Edition = e
	case map[string]any:
		if inherit, _ := e["workspace"].(bool); inherit && ws != nil && ws.Package.Edition != "" {
			p.Edition = ws.Package.Edition
		}
	}
	p.Targets = discoverTargets(p, m)
	return p, nil
}

func auto(b *bool) bool { return b == nil || *b }

func exists(p string) bool {
	fi, err := os.Stat(p)
	return err == nil && fi.Mode().IsRegular()
}

func snake(name string) string { return strings.ReplaceAll(name, "-", "_") }

// discoverTargets lists the targets cargo would build: the ones declared
// in the manifest, plus those found by automatic discovery in src/, src/bin/,
// examples/, tests/ and benches/ (unless turned off with auto* = false).
func discoverTargets(p *Package, m *manifest) []Target {
	var ts []Target
	seen := map[string]bool{}
	add := func(kind, name, path string) {
		if !filepath.IsAbs(path) {
			path = filepath.Join(p.Dir, filepath.FromSlash(path))
		}
		key := kind + "\x00" + path
		if seen[key] || !exists(path) {
			return
		}
		seen[key] = true
		ts = append(ts, Target{Kind: kind, Name: name, Path: path})
	}
	// The library.
	if m.Lib != nil && m.Lib.Path != "" {
		add(KindLib, nonEmpty(m.Lib.Name, snake(p.Name)), m.Lib.Path)
	} else if m.Lib != nil || auto(m.Package.Autolib) {
		add(KindLib, snake(p.Name), "src/lib.rs")
	}
	// Declared targets; a declared target without a path lives where
	// discovery would look for its name.
	declared := func(kind, dir string, list []manifestTarget) {
		for _, t := range list {
			switch {
			case t.Path != "":
				add(kind, t.Name, t.Path)
			case kind == KindBin && t.Name == p.Name && exists(filepath.Join(p.Dir, "src", "main.rs")):
				add(kind, t.Name, "src/main.rs")
			case exists(filepath.Join(p.Dir, dir, t.Name+".rs")):
				add(kind, t.Name, filepath.Join(dir, t.Name+".rs"))
			default:
				add(kind, t.Name, filepath.Join(dir, t.Name, "main.rs"))
			}
		}
	}
	declared(KindBin, "src/bin", m.Bin)
	declared(KindExample, "examples", m.Example)
	declared(KindTest, "tests", m.Test)
	declared(KindBench, "benches", m.Bench)
	// Discovered targets.
	discover := func(kind, dir string, on bool) {
		if !on {
			return
		}
		entries, _ := os.ReadDir(filepath.Join(p.Dir, dir))
		for _, e := range entries {
			name := e.Name()
			if strings.HasPrefix(name, ".") {
				continue
			}
			if e.IsDir() {
				add(kind, name, filepath.Join(dir, name, "main.rs"))
			} else if strings.HasSuffix(name, ".rs") {
				add(kind, strings.TrimSuffix(name, ".rs"), filepath.Join(dir, name))
			}
		}
	}
	if auto(m.Package.Autobins) {
		add(KindBin, p.Name, "src/main.rs")
	}
	discover(KindBin, "src/bin", auto(m.Package.Autobins))
	discover(KindExample, "examples", auto(m.Package.Autoexamples))
	discover(KindTest, "tests", auto(m.Package.Autotests))
	discover(KindBench, "benches", auto(m.Package.Autobenches))
	// The build script.
	switch b := m.Package.Build.(type) {
	case string:
		add(KindBuild, "build-script-build", b)
	case bool:
		if b {
			add(KindBuild, "build-script-build", "build.rs")
		}
	case nil:
		add(KindBuild, "build-script-build", "build.rs")
	}
	return ts
}

func nonEmpty(s, def string) string {
	if s != "" {
		return s
	}
	return def
}

// Source is a place to look for Rust files: a file, or a directory to walk
// (Recursive) or to list (not Recursive).
type Source struct {
	Path      string
	Recursive bool
}

// Sources returns where the package's Rust files are: its conventional
// source directories (src/, tests/, examples/, benches/) walked whole, so
// that modules are found as well as crate roots, and the directory of every
// target root outside them. A target root directly in the package
// directory (build.rs, a `[lib] path = "lib.rs"`) adds only the .rs files
// of that directory, not its subdirectories (which may be other packages).
func (p *Package) Sources() []Source {
	var out []Source
	seen := map[string]bool{}
	addDir := func(d string, rec bool) {
		if seen[d] {
			return
		}
		if fi, err := os.Stat(d); err != nil || !fi.IsDir() {
			return
		}
		seen[d] = true
		out = append(out, Source{Path: d, Recursive: rec})
	}
	for _, d := range []string{"src", "tests", "examples", "benches"} {
		addDir(filepath.Join(p.Dir, d), true)
	}
	within := func(path string) bool {
		for _, s := range out {
			if s.Recursive && strings.HasPrefix(path, s.Path+string(filepath.Separator)) {
				return true
			}
		}
		return false
	}
	for _, t := range p.Targets {
		if within(t.Path) {
			continue
		}
		d := filepath.Dir(t.Path)
		addDir(d, d != p.Dir)
	}
	return out
}

// UnknownPackageError is returned by Select for a -p name that is not a
// workspace member.
type UnknownPackageError struct {
	Name    string
	Members []string
}

func (e *UnknownPackageError) Error() string {
	return fmt.Sprintf("package `%s` not found in the workspace; its members are: %s", e.Name, strings.Join(e.Members, ", "))
}

// Select returns the packages named (cargo's -p), all members (--workspace)
// or the defaults, in member order.
func (w *Workspace) Select(names []string, all bool) ([]*Package, error) {
	if all {
		return w.Members, nil
	}
	if len(names) == 0 {
		return w.Defaults, nil
	}
	want := map[string]bool{}
	for _, n := range names {
		found := false
		for _, p := range w.Members {
			if p.Name == n {
				found = true
			}
		}
		if !found {
			var members []string
			for _, p := range w.Members {
				members = append(members, p.Name)
			}
			return nil, &UnknownPackageError{Name: n, Members: members}
		}
		want[n] = true
	}
	var out []*Package
	for _, p := range w.Members {
		if want[p.Name] {
			out = append(out, p)
		}
	}
	return out, nil
}
