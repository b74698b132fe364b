// Command cargo-asynctrait is asynctrait as a cargo subcommand: installed on
// the PATH, it makes `cargo asynctrait expand` work. Cargo runs it as
// `cargo-asynctrait asynctrait expand …`; package cli recognises the name,
// drops the extra word and defaults to the Cargo package or workspace of the
// current directory.
package main

import (
	"os"

	"github.com/asynctrait/asynctrait/internal/cli"
)

func main() {
	args := append([]string(nil), os.Args...)
	if len(args) > 0 {
		// Whatever the binary was renamed to, this command is the cargo form.
		args[0] = "cargo-asynctrait"
	}
	os.Exit(cli.Main(args, os.Stdin, os.Stdout, os.Stderr))
}
