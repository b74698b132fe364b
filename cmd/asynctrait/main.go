// Command asynctrait expands #[async_trait] in Rust source files into plain
// Rust. Run `asynctrait help` for usage; the work is done by package cli.
package main

import (
	"os"

	"github.com/asynctrait/asynctrait/internal/cli"
)

func main() {
	os.Exit(cli.Main(os.Args, os.Stdin, os.Stdout, os.Stderr))
}
