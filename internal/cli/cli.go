// Package cli is the asynctrait command line: subcommands, flags, file
// discovery (paths, directory walks, Cargo packages), the parallel run with
// ordered output, safe in-place writes and exit codes. The commands in
// cmd/asynctrait and cmd/cargo-asynctrait only call Main.
package cli

import (
	"fmt"
	"io"
	"os"
	"path/filepath"
	"strings"

	"github.com/asynctrait/asynctrait"
)

// Version is printed by `asynctrait version`; release builds set it with
// -ldflags "-X github.com/asynctrait/asynctrait/internal/cli.Version=v1.2.3".
var Version = "0.1.0-dev"

// Exit codes, as gofmt and rustfmt use them.
const (
	ExitOK      = 0 // nothing to report
	ExitChanges = 1 // a file has error diagnostics, or --check found changes
	ExitError   = 2 // usage, I/O or internal error
)

// Runner runs the command line. Its zero value runs the real expander in
// the current directory; tests replace the fields.
type Runner struct {
	// Expand rewrites one file; nil means asynctrait.Expand.
	Expand func(name string, src []byte, opts asynctrait.Options) asynctrait.Result
	// Getenv reads the environment; nil means os.Getenv.
	Getenv func(string) string
	// Dir is the directory relative paths and Cargo manifests are found
	// from; "" means the process's working directory.
	Dir string
	// IsTerminal reports whether w is a terminal (for --color=auto); nil
	// means: w is an *os.File on a character device.
	IsTerminal func(w io.Writer) bool
}

// Main runs the command line args (args[0] is the program name, as in
// os.Args) and returns the exit code. Invoked as cargo-asynctrait — the name
// cargo runs for `cargo asynctrait` — it drops the "asynctrait" argument
// cargo passes first and defaults to the current Cargo package.
func Main(args []string, stdin io.Reader, stdout, stderr io.Writer) int {
	var r Runner
	return r.Main(args, stdin, stdout, stderr)
}

// Main is the package-level Main with r's hooks.
func (r *Runner) Main(args []string, stdin io.Reader, stdout, stderr io.Writer) int {
	inv := invocation{prog: "asynctrait"}
	if len(args) > 0 {
		name := strings.TrimSuffix(filepath.Base(args[0]), ".exe")
		if name == "cargo-asynctrait" {
			inv.cargo = true
			inv.prog = "cargo asynctrait"
		}
		args = args[1:]
	}
	if inv.cargo && len(args) > 0 && args[0] == "asynctrait" {
		args = args[1:]
	}
	if len(args) == 0 {
		fmt.Fprint(stderr, usageLine(inv))
		return ExitError
	}
	cmd, rest := args[0], args[1:]
	switch cmd {
	case "expand":
		return r.expand(inv, rest, stdin, stdout, stderr)
	case "help", "-h", "--help", "-help":
		return help(inv, rest, stdout, stderr)
	case "version", "--version", "-V", "-version":
		fmt.Fprintf(stdout, "asynctrait %s\n", Version)
		return ExitOK
	}
	if strings.HasPrefix(cmd, "-") {
		fmt.Fprintf(stderr, "asynctrait: flags go after the command, as in `%s expand %s`\n", inv.prog, strings.Join(args, " "))
		fmt.Fprint(stderr, usageLine(inv))
		return ExitError
	}
	fmt.Fprintf(stderr, "asynctrait: unknown command %q\n", cmd)
	if strings.HasSuffix(cmd, ".rs") || isDir(filepath.Join(r.Dir, cmd)) {
		fmt.Fprintf(stderr, "To expand files, run `%s expand %s`.\n", inv.prog, strings.Join(args, " "))
	}
	fmt.Fprint(stderr, usageLine(inv))
	return ExitError
}

type invocation struct {
	prog  string // "asynctrait" or "cargo asynctrait", for messages
	cargo bool   // run by cargo as cargo-asynctrait
}

func isDir(p string) bool {
	fi, err := os.Stat(p)
	return err == nil && fi.IsDir()
}

// commands lists the subcommands for usage messages. `check` and `migrate`
// will join expand here.
var commands = []struct{ name, summary string }{
	{"expand", "rewrite #[async_trait] traits and impls into plain Rust"},
	{"help", "show help for a command"},
	{"version", "print the version"},
}

func usageLine(inv invocation) string {
	var sb strings.Builder
	fmt.Fprintf(&sb, "Usage: %s <command> [arguments]\nCommands:\n", inv.prog)
	for _, c := range commands {
		fmt.Fprintf(&sb, "  %-8s %s\n", c.name, c.summary)
	}
	fmt.Fprintf(&sb, "Run '%s help' for more, or '%s help expand' for the flags of expand.\n", inv.prog, inv.prog)
	return sb.String()
}

func help(inv invocation, args []string, stdout, stderr io.Writer) int {
	if len(args) == 0 {
		fmt.Fprint(stdout, mainHelp(inv))
		return ExitOK
	}
	switch args[0] {
	case "expand":
		fmt.Fprint(stdout, expandHelp())
		return ExitOK
	case "help":
		fmt.Fprint(stdout, mainHelp(inv))
		return ExitOK
	case "version":
		fmt.Fprintf(stdout, "Usage: %s version\n\nPrints the version of asynctrait.\n", inv.prog)
		return ExitOK
	}
	fmt.Fprintf(stderr, "asynctrait: no help for unknown command %q\n", args[0])
	fmt.Fprint(stderr, usageLine(inv))
	return ExitError
}

func mainHelp(inv invocation) string {
	var sb strings.Builder
	sb.WriteString(`asynctrait expands #[async_trait] in Rust source files into plain Rust.

It rewrites every trait and impl marked with the async-trait crate's
#[async_trait] attribute the way the attribute macro expands it at compile
time: each ` + "`async fn`" + ` becomes a ` + "`fn`" + ` returning
` + "`Pin<Box<dyn Future<Output = T> + Send + 'async_trait>>`" + ` with the body boxed
into an async block, and the attribute goes away. Everything else in the file
is kept byte for byte, comments and formatting included.

Use it instead of the macro when you want to:
  - drop the proc macro from your builds: expand once, commit the result
    and remove the async-trait dependency (the expanded code needs only std);
  - see exactly what #[async_trait] generates for your code;
  - fix the Send-ness of the futures per build configuration: with --cfg,
    attributes like #[cfg_attr(feature = "local", async_trait(?Send))] are
    decided for that configuration; without it, both variants are kept,
    each under its #[cfg].

Usage:
`)
	fmt.Fprintf(&sb, "  %s <command> [arguments]\n", inv.prog)
	if !inv.cargo {
		sb.WriteString("  cargo asynctrait <command> [arguments]   (installed as cargo-asynctrait)\n")
	}
	sb.WriteString("\nCommands:\n")
	for _, c := range commands {
		fmt.Fprintf(&sb, "  %-8s %s\n", c.name, c.summary)
	}
	fmt.Fprintf(&sb, `
Examples:
  asynctrait expand src/lib.rs          print the expansion of one file
  asynctrait expand -d src/             show what would change under src/
  asynctrait expand -w src/             rewrite the files under src/ in place
  asynctrait expand --check .           in CI: fail if anything is left to expand
  cargo asynctrait expand -p mycrate -d diff for one package of a workspace

Run '%s help expand' for all the flags.
`, inv.prog)
	return sb.String()
}

func expandHelp() string {
	return `Usage:
  asynctrait expand [flags] [path ...]
  cargo asynctrait expand [flags] [-p NAME]... [--manifest-path PATH]

Expand rewrites each #[async_trait] trait and impl in the given Rust files into
the code the async-trait macro generates for it.

With no path, it reads standard input and writes the result to standard
output. A directory is searched recursively for .rs files, skipping hidden
directories, Cargo target/ directories and anything a .gitignore excludes;
a file named on the command line is always processed. Without -w, -l, -d
or --check, the expanded files are printed to standard output.

Run as ` + "`cargo asynctrait expand`" + ` without paths, or given --manifest-path, -p or
--workspace, it expands the Rust files of a Cargo package or workspace
instead: src/, tests/, examples/, benches/ and every target in Cargo.toml.

Flags:
  -w                    write the expansion back into the files; only files
                        that change are written, and none that has errors.
                        Each file is replaced through a temporary file in its
                        directory, keeping its permissions; a read-only file
                        is refused, and so is a file that changed on disk
                        while it was expanded; a symbolic link named on the
                        command line is followed and the file it points to
                        rewritten. Temporary files left by a killed run
                        (.NAME.asynctrait-PID-N.tmp, whose process is gone)
                        are removed from the directories -w works in
  -l                    list the files whose expansion differs from them
  -d                    print a unified diff of the changes (patch -p1 applies it)
  --check               write nothing; print the diff of what would change
                        (or the names, with -l) and exit 1 if anything would
  --cfg SPEC            decide #[cfg_attr(...)] for this configuration, in
                        rustc's syntax: --cfg test, --cfg 'feature="std"';
                        repeat for more. Without --cfg, each cfg_attr branch
                        is kept, under its #[cfg(...)]
  --exact               lay out signatures token for token as async-trait
                        does, instead of as rustfmt would
  --message-format FMT  diagnostics as human (rustc's style, default), short
                        (file:line:col: error: message) or json (rustc's JSON,
                        one object per line)
  --color WHEN          colour diagnostics: auto (default: when standard error
                        is a terminal and NO_COLOR is not set), always, never
  -j N                  expand N files at a time (default: number of CPUs)

Cargo flags:
  --manifest-path PATH  the Cargo.toml of the package or workspace to expand
  -p, --package NAME    expand only this workspace member; repeatable
  --workspace           expand every workspace member (default: the package
                        in the current directory, or the workspace's
                        default-members)

Flags may be written with one or two dashes, before or after the paths, as
-j 4 or -j=4.

Exit status: 0 on success; 1 if a file has errors or --check found changes;
2 for usage, I/O and internal errors.

Examples:
  asynctrait expand src/lib.rs
      Print the expanded src/lib.rs.
  asynctrait expand -d src/
      Show, as a diff, what expanding every file under src/ would change.
  asynctrait expand -w src/
      Rewrite every file under src/ in place.
  asynctrait expand --check .
      In CI: exit 1, with a diff, if any file still has #[async_trait] to expand.
  asynctrait expand -w --cfg 'feature="send"' src/
      Expand with the "send" feature on, keeping only the matching variants.
  cargo asynctrait expand -p mycrate -d
      Diff for the package mycrate of the workspace around the current directory.
  asynctrait expand < in.rs > out.rs
      Filter standard input to standard output.
`
}
