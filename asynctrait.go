// Package asynctrait rewrites Rust source the way the `#[async_trait]`
// attribute macro expands it, as a source-to-source transformation that
// keeps every byte it does not need to change.
package asynctrait

import (
	"io"

	"github.com/asynctrait/asynctrait/internal/diag"
	"github.com/asynctrait/asynctrait/internal/edit"
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
	// Output is the rewritten source; equal to the input when nothing
	// changed or on error. Rewrite leaves it nil when the file changed:
	// use Bytes or WriteTo.
	Output      []byte
	Changed     bool
	Diagnostics []diag.Diagnostic

	rewrite *edit.Output // the output not yet assembled (Rewrite)
}

// Bytes returns the output, assembling it if Rewrite did not.
func (r *Result) Bytes() []byte {
	if r.Output == nil && r.rewrite != nil {
		return r.rewrite.Bytes()
	}
	return r.Output
}

// WriteTo writes the output to w. The output of Rewrite comes in many
// small pieces: w should be buffered, unless it is an *os.File, which
// gets them all at once (writev(2) on Linux) or through a buffer.
func (r *Result) WriteTo(w io.Writer) (int64, error) {
	if r.Output == nil && r.rewrite != nil {
		return r.rewrite.WriteTo(w)
	}
	n, err := w.Write(r.Output)
	return int64(n), err
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
