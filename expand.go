package asynctrait

// Expand rewrites every `#[async_trait]` item of one file.
//
// TODO(expander): placeholder until internal/expand lands; returns the input.
func Expand(filename string, src []byte, opts Options) Result {
	return Result{Output: src}
}
