// Package asynctrait rewrites Rust source the way the `#[async_trait]`
// attribute macro expands it, as a source-to-source transformation that
// keeps every byte it does not need to change.
package asynctrait

import (
	"github.com/asynctrait/asynctrait/internal/diag"
)

// Options configure an expansion.
type Options struct {
	// Cfg holds `--cfg` settings in rustc's syntax (`feature="x"`,
	// `target_arch="wasm32"`, `test`). When Cfg is nil, `cfg_attr` predicates
	// are not evaluated: one copy per branch is emitted under `#[cfg(…)]`.
	// When non-nil (even empty), predicates are evaluated against it.
	Cfg []string
	// Exact emits signatures token-for-token as upstream async-trait does
	// (trailing `,` in generic lists, trailing `+` in bounds, no trailing
	// comma in where clauses) instead of rustfmt's layout.
	Exact bool
	// Edition is the Rust edition of the file (2015, 2018, 2021, 2024);
	// zero means 2021. It decides keywords and reserved prefixes.
	Edition int
}

// Result is the outcome of expanding one file.
type Result struct {
	Output      []byte // the rewritten source; equal to the input when nothing changed or on error
	Changed     bool
	Diagnostics []diag.Diagnostic
}

// HasErrors reports whether any diagnostic is an error.
func (r *Result) HasErrors() bool {
	for i := range r.Diagnostics {
		if r.Diagnostics[i].Severity == diag.Error {
			return true
		}
	}
	return false
}
