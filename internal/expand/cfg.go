package expand

import (
	"fmt"
	"strings"
)

// Cfg is a configuration predicate as written in `#[cfg(…)]` and
// `#[cfg_attr(…)]`: `name`, `name = "value"`, `all(…)`, `any(…)`, `not(…)`,
// and the literals `true`/`false` (rustc ≥ 1.88).
type Cfg struct {
	Op    string // "", "all", "any", "not"
	Name  string // option name when Op == ""
	Value string // quoted value as written, without quotes; HasValue says if present
	// HasValue tells `feature = ""` from `feature`.
	HasValue bool
	Args     []*Cfg
}

// String prints the predicate in rustfmt's spelling.
func (c *Cfg) String() string {
	if c.Op == "" {
		if c.HasValue {
			return c.Name + " = " + quote(c.Value)
		}
		return c.Name
	}
	parts := make([]string, len(c.Args))
	for i, a := range c.Args {
		parts[i] = a.String()
	}
	return c.Op + "(" + strings.Join(parts, ", ") + ")"
}

func quote(v string) string { return `"` + v + `"` }

// not returns the negation, simplifying not(not(x)) to x.
func (c *Cfg) not() *Cfg {
	if c.Op == "not" && len(c.Args) == 1 {
		return c.Args[0]
	}
	return &Cfg{Op: "not", Args: []*Cfg{c}}
}

// equal compares predicates structurally.
func (c *Cfg) equal(d *Cfg) bool { return c.String() == d.String() }

// complement reports whether c is exactly the negation of d.
func (c *Cfg) complement(d *Cfg) bool {
	return (c.Op == "not" && len(c.Args) == 1 && c.Args[0].equal(d)) ||
		(d.Op == "not" && len(d.Args) == 1 && d.Args[0].equal(c))
}

// CfgSet is a configuration to evaluate predicates against: the set of
// `--cfg` options, each a name or a name="value" pair.
type CfgSet struct {
	names map[string]bool
	pairs map[string]bool // "name\x00value"
}

// ParseCfgSet parses rustc-style `--cfg` specs: `test`, `feature="x"`,
// `target_arch = "wasm32"`.
func ParseCfgSet(specs []string) (*CfgSet, error) {
	s := &CfgSet{names: map[string]bool{}, pairs: map[string]bool{}}
	for _, spec := range specs {
		name, value, ok := strings.Cut(spec, "=")
		name = strings.TrimSpace(name)
		if !isCfgIdent(name) {
			return nil, fmt.Errorf("invalid --cfg argument: `%s` (expected `name` or `name=\"value\"`)", spec)
		}
		if !ok {
			s.names[name] = true
			continue
		}
		value = strings.TrimSpace(value)
		if len(value) < 2 || value[0] != '"' || value[len(value)-1] != '"' {
			return nil, fmt.Errorf("invalid --cfg argument: `%s` (the value must be a string literal: `%s=\"...\"`)", spec, name)
		}
		s.pairs[name+"\x00"+value[1:len(value)-1]] = true
	}
	return s, nil
}

func isCfgIdent(s string) bool {
	if s == "" {
		return false
	}
	for i, r := range s {
		if r == '_' || r >= 'a' && r <= 'z' || r >= 'A' && r <= 'Z' || i > 0 && r >= '0' && r <= '9' {
			continue
		}
		return false
	}
	return true
}

// Eval evaluates c under the configuration. Unknown options are unset, as in rustc.
func (s *CfgSet) Eval(c *Cfg) bool {
	switch c.Op {
	case "all":
		for _, a := range c.Args {
			if !s.Eval(a) {
				return false
			}
		}
		return true
	case "any":
		for _, a := range c.Args {
			if s.Eval(a) {
				return true
			}
		}
		return false
	case "not":
		return len(c.Args) == 1 && !s.Eval(c.Args[0])
	}
	if !c.HasValue {
		switch c.Name {
		case "true":
			return true
		case "false":
			return false
		}
		return s.names[c.Name]
	}
	return s.pairs[c.Name+"\x00"+c.Value]
}
