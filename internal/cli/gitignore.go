package cli

import (
	"bytes"
	"os"
	"path"
	"path/filepath"
	"slices"
	"strings"
)

// This file implements .gitignore matching for directory walks, following
// gitignore(5):
//
//   - blank lines and lines starting with "#" are ignored; "\#" and "\!"
//     start a pattern with a literal "#" or "!"; trailing spaces are dropped
//     unless escaped with a backslash;
//   - "!" negates a pattern: a path it matches is included again (but not
//     inside a directory that is itself excluded, since the walk never
//     enters it);
//   - a pattern with a "/" at its start or in its middle is anchored to the
//     directory of its .gitignore; otherwise it matches a name at any depth;
//   - a trailing "/" matches directories only;
//   - "*", "?" and "[…]" (with "[!…]" for negation) match within one path
//     segment; "**/" matches any number of leading directories, "/**/" zero
//     or more in the middle, and a trailing "/**" everything inside;
//   - each .gitignore applies to its directory and below; within and across
//     files the last matching pattern decides.
//
// Not supported: core.excludesFile (the user's global ignore file).

type ignoreRule struct {
	base     string   // absolute directory of the .gitignore, slash-separated
	segs     []string // pattern segments
	anchored bool
	dirOnly  bool
	negate   bool
}

// parseIgnore parses the contents of a .gitignore found in dir.
func parseIgnore(data []byte, dir string) []ignoreRule {
	base := filepath.ToSlash(dir)
	var rules []ignoreRule
	for _, raw := range bytes.Split(data, []byte("\n")) {
		line := strings.TrimSuffix(string(raw), "\r")
		line = trimTrailingSpaces(line)
		if line == "" || strings.HasPrefix(line, "#") {
			continue
		}
		r := ignoreRule{base: base}
		if strings.HasPrefix(line, "!") {
			r.negate = true
			line = line[1:]
		} else if strings.HasPrefix(line, `\!`) || strings.HasPrefix(line, `\#`) {
			line = line[1:]
		}
		if strings.HasSuffix(line, "/") {
			r.dirOnly = true
			line = strings.TrimRight(line, "/")
		}
		if line == "" {
			continue
		}
		if strings.Contains(line, "/") {
			r.anchored = true
			line = strings.TrimPrefix(line, "/")
		}
		for _, s := range strings.Split(line, "/") {
			if s == "" {
				continue // "a//b" is "a/b"
			}
			r.segs = append(r.segs, strings.ReplaceAll(s, "[!", "[^"))
		}
		if len(r.segs) > 0 && r.segs[len(r.segs)-1] == "**" {
			// "dir/**" matches what is inside dir, not dir itself.
			r.segs = append(r.segs[:len(r.segs)-1], "*", "**")
		}
		rules = append(rules, r)
	}
	return rules
}

func trimTrailingSpaces(s string) string {
	for strings.HasSuffix(s, " ") && !strings.HasSuffix(s, `\ `) {
		s = s[:len(s)-1]
	}
	if strings.HasSuffix(s, `\ `) {
		s = s[:len(s)-2] + " "
	}
	return s
}

// match reports whether the rule matches the absolute path p.
func (r *ignoreRule) match(p string, isDir bool) bool {
	if r.dirOnly && !isDir {
		return false
	}
	p = filepath.ToSlash(p)
	if len(p) <= len(r.base) || p[len(r.base)] != '/' || !strings.HasPrefix(p, r.base) {
		return false
	}
	rel := p[len(r.base)+1:]
	if !r.anchored {
		base := path.Base(rel)
		if len(r.segs) == 1 && r.segs[0] != "**" {
			ok, _ := path.Match(r.segs[0], base) // without a []string to hold base
			return ok
		}
		return matchSegs(r.segs, []string{base})
	}
	if strings.Count(rel, "/")+1 != len(r.segs) && !slices.Contains(r.segs, "**") {
		return false // without splitting rel: only "**" matches several segments
	}
	return matchSegs(r.segs, strings.Split(rel, "/"))
}

// matchSegs matches path segments against pattern segments; "**" matches
// zero or more segments, other segments use path.Match.
func matchSegs(pat, segs []string) bool {
	for len(pat) > 0 {
		if pat[0] == "**" {
			for i := 0; i <= len(segs); i++ {
				if matchSegs(pat[1:], segs[i:]) {
					return true
				}
			}
			return false
		}
		if len(segs) == 0 {
			return false
		}
		if ok, _ := path.Match(pat[0], segs[0]); !ok {
			return false
		}
		pat, segs = pat[1:], segs[1:]
	}
	return len(segs) == 0
}

// ignored reports whether the last rule matching p excludes it.
func ignored(rules []ignoreRule, p string, isDir bool) bool {
	for i := len(rules) - 1; i >= 0; i-- {
		if rules[i].match(p, isDir) {
			return !rules[i].negate
		}
	}
	return false
}

// ancestorRules returns the ignore rules that apply to dir from above it:
// the .gitignore files of its ancestors up to the root of the git
// repository it is in, and that repository's .git/info/exclude. Outside a
// git repository there are none (a walk still honours the .gitignore files
// at and below its starting directory).
func ancestorRules(dir string) []ignoreRule {
	if _, err := os.Stat(filepath.Join(dir, ".git")); err == nil {
		return rulesFromFile(filepath.Join(dir, ".git", "info", "exclude"), dir)
	}
	var chain []string
	for d := filepath.Dir(dir); ; d = filepath.Dir(d) {
		chain = append(chain, d)
		if _, err := os.Stat(filepath.Join(d, ".git")); err == nil {
			rules := rulesFromFile(filepath.Join(d, ".git", "info", "exclude"), d)
			for i := len(chain) - 1; i >= 0; i-- {
				rules = append(rules, rulesFromFile(filepath.Join(chain[i], ".gitignore"), chain[i])...)
			}
			return rules
		}
		if filepath.Dir(d) == d {
			return nil // not in a git repository
		}
	}
}

func rulesFromFile(file, dir string) []ignoreRule {
	data, err := os.ReadFile(file)
	if err != nil {
		return nil
	}
	return parseIgnore(data, dir)
}
