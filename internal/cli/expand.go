package cli

import (
	"bufio"
	"bytes"
	"errors"
	"flag"
	"fmt"
	"io"
	"io/fs"
	"os"
	"path/filepath"
	"regexp"
	"runtime"
	"runtime/debug"
	"strings"
	"sync"
	"unicode/utf8"

	"github.com/asynctrait/asynctrait"
	"github.com/asynctrait/asynctrait/internal/cargo"
	"github.com/asynctrait/asynctrait/internal/diag"
	"github.com/asynctrait/asynctrait/internal/edit"
	"github.com/asynctrait/asynctrait/internal/source"
)

// stdinName is the file name of standard input in diagnostics and diffs.
const stdinName = "<stdin>"

// listFlag collects a repeatable string flag.
type listFlag []string

func (l *listFlag) String() string     { return strings.Join(*l, ",") }
func (l *listFlag) Set(s string) error { *l = append(*l, s); return nil }

type expandFlags struct {
	write, list, diff, check, exact, workspace, help bool
	cfg, packages                                    listFlag
	messageFormat, color, manifestPath               string
	jobs                                             int
}

// parseInterspersed parses flags anywhere among the arguments, as cargo
// and rustc users expect; "--" ends the flags.
func parseInterspersed(fs *flag.FlagSet, args []string) ([]string, error) {
	var paths []string
	for {
		if err := fs.Parse(args); err != nil {
			return nil, err
		}
		rest := fs.Args()
		consumed := len(args) - len(rest)
		if consumed > 0 && args[consumed-1] == "--" {
			return append(paths, rest...), nil
		}
		if len(rest) == 0 {
			return paths, nil
		}
		paths = append(paths, rest[0])
		args = rest[1:]
	}
}

// spelled returns a flag that package flag reports as "-name" as the user
// wrote it: with one dash or two.
func spelled(args []string, name string) string {
	bare := strings.TrimLeft(name, "-")
	for _, a := range args {
		for _, dash := range []string{"--", "-"} {
			if a == dash+bare || strings.HasPrefix(a, dash+bare+"=") {
				return dash + bare
			}
		}
	}
	return name
}

// cfgSpec is rustc's --cfg syntax: `name` or `name="value"`; compiled
// when a --cfg is given, not at every start of the binary.
var cfgSpec = sync.OnceValue(func() *regexp.Regexp {
	return regexp.MustCompile(`^\s*[A-Za-z_][A-Za-z0-9_]*\s*(=\s*"([^"\\]|\\.)*"\s*)?$`)
})

// usageError prints a one-line problem and how to get help.
func usageError(stderr io.Writer, inv invocation, format string, args ...any) int {
	fmt.Fprintf(stderr, "asynctrait: "+format+"\n", args...)
	fmt.Fprintf(stderr, "Run '%s help expand' for usage.\n", inv.prog)
	return ExitError
}

func (r *Runner) expand(inv invocation, args []string, stdin io.Reader, stdout, stderr io.Writer) int {
	var f expandFlags
	fs := flag.NewFlagSet("expand", flag.ContinueOnError)
	fs.SetOutput(io.Discard)
	fs.BoolVar(&f.write, "w", false, "")
	fs.BoolVar(&f.list, "l", false, "")
	fs.BoolVar(&f.diff, "d", false, "")
	fs.BoolVar(&f.check, "check", false, "")
	fs.BoolVar(&f.exact, "exact", false, "")
	fs.BoolVar(&f.workspace, "workspace", false, "")
	fs.BoolVar(&f.help, "h", false, "")
	fs.BoolVar(&f.help, "help", false, "")
	fs.Var(&f.cfg, "cfg", "")
	fs.Var(&f.packages, "p", "")
	fs.Var(&f.packages, "package", "")
	fs.StringVar(&f.messageFormat, "message-format", "human", "")
	fs.StringVar(&f.color, "color", "auto", "")
	fs.StringVar(&f.manifestPath, "manifest-path", "", "")
	fs.IntVar(&f.jobs, "j", runtime.GOMAXPROCS(0), "")
	paths, err := parseInterspersed(fs, args)
	if err != nil {
		msg := err.Error()
		if name, ok := strings.CutPrefix(msg, "flag provided but not defined: "); ok {
			msg = "unknown flag " + spelled(args, name)
		} else if strings.HasPrefix(msg, "flag needs an argument: ") {
			name := strings.TrimPrefix(msg, "flag needs an argument: ")
			msg = "flag " + spelled(args, name) + " needs a value"
		}
		return usageError(stderr, inv, "%s", msg)
	}
	if f.help {
		fmt.Fprint(stdout, expandHelp())
		return ExitOK
	}

	format, err := diag.ParseFormat(f.messageFormat)
	if err != nil {
		return usageError(stderr, inv, "--message-format: %v", err)
	}
	var color bool
	switch f.color {
	case "always":
		color = true
	case "never":
	case "auto":
		color = r.autoColor(inv, stderr)
	default:
		return usageError(stderr, inv, "--color: unknown value %q (expected auto, always or never)", f.color)
	}
	if f.jobs < 1 {
		return usageError(stderr, inv, "-j must be at least 1, not %d", f.jobs)
	}
	if f.check && f.write {
		return usageError(stderr, inv, "--check writes nothing, so it cannot be combined with -w; use one or the other")
	}
	for _, c := range f.cfg {
		if !cfgSpec().MatchString(c) {
			return usageError(stderr, inv, "invalid --cfg %q: expected `name` or `name=\"value\"`, as in --cfg test or --cfg 'feature=\"std\"'", c)
		}
	}
	opts := asynctrait.Options{Exact: f.exact}
	if len(f.cfg) > 0 {
		opts.Cfg = append([]string{}, f.cfg...)
	}

	cargoMode := f.manifestPath != "" || len(f.packages) > 0 || f.workspace || (inv.cargo && len(paths) == 0)
	if cargoMode && len(paths) > 0 {
		return usageError(stderr, inv, "paths cannot be combined with --manifest-path, -p or --workspace; either name the files or let Cargo.toml list them")
	}
	if !cargoMode && len(paths) == 0 && f.write {
		return usageError(stderr, inv, "-w cannot be used with standard input; name the files to rewrite")
	}

	run := &run{
		r: r, flags: f, opts: opts, format: format, color: color,
		stdout: stdout, stderr: stderr,
	}
	var produce func(emit func(job))
	switch {
	case cargoMode:
		produce = run.cargoJobs
	case len(paths) == 0:
		src, err := io.ReadAll(stdin)
		if err != nil {
			run.ioError("cannot read standard input: %v", err)
			return run.status
		}
		produce = func(emit func(job)) { emit(job{name: stdinName, stdin: true, src: src}) }
	default:
		produce = func(emit func(job)) { run.pathJobs(paths, emit) }
	}
	run.process(func(emit func(job)) {
		produce(emit)
		if f.write {
			removeStaleTemps(run.staleTemps)
		}
	})
	return run.status
}

// autoColor decides --color=auto: on when stderr is a terminal and neither
// NO_COLOR (https://no-color.org) nor TERM=dumb says otherwise. Under cargo,
// CARGO_TERM_COLOR=always|never is honoured too.
func (r *Runner) autoColor(inv invocation, stderr io.Writer) bool {
	getenv := r.Getenv
	if getenv == nil {
		getenv = os.Getenv
	}
	if getenv("NO_COLOR") != "" || getenv("TERM") == "dumb" {
		return false
	}
	if inv.cargo {
		switch getenv("CARGO_TERM_COLOR") {
		case "always":
			return true
		case "never":
			return false
		}
	}
	if r.IsTerminal != nil {
		return r.IsTerminal(stderr)
	}
	f, ok := stderr.(*os.File)
	if !ok {
		return false
	}
	fi, err := f.Stat()
	return err == nil && fi.Mode()&os.ModeCharDevice != 0
}

// job is one file to expand.
type job struct {
	name  string // as shown to the user
	path  string // file system path ("" for stdin)
	stdin bool
	src   []byte // read up front for stdin only
}

// run is the state of one expand command.
type run struct {
	r              *Runner
	flags          expandFlags
	opts           asynctrait.Options
	format         diag.Format
	color          bool
	stdout, stderr io.Writer
	outBuf         *bufio.Writer // for stdout, made on first use (writeOut)
	status         int
	changed        bool            // some file would change (or did, with -w)
	staleTemps     []string        // temporary files of ours seen by the walk (-w)
	tempDirs       map[string]bool // directories searched for them
}

func (x *run) raise(code int) { x.status = max(x.status, code) }

func (x *run) abs(p string) string {
	if filepath.IsAbs(p) || x.r.Dir == "" {
		return p
	}
	return filepath.Join(x.r.Dir, p)
}

// ioError reports a problem that is not about the Rust code (a file that
// cannot be read or written) as an error diagnostic for that file, so that
// it also reaches JSON consumers, and sets exit status 2.
func (x *run) ioError(format string, args ...any) {
	// The message names the file; without a span, rustc's formats have no
	// other place for it.
	d := diag.Diagnostic{Severity: diag.Error, Message: fmt.Sprintf(format, args...)}
	x.emit(&d)
	x.raise(ExitError)
}

func (x *run) emit(d *diag.Diagnostic) {
	_ = diag.Render(x.stderr, d, x.format, x.color && x.format != diag.FormatJSON)
}

// errText is err without the operation and path a *PathError repeats.
func errText(err error) string {
	var pe *fs.PathError
	if errors.As(err, &pe) {
		return pe.Err.Error()
	}
	return err.Error()
}

// pathJobs turns path arguments into jobs, passed to emit in order: files
// as they are, directories walked. A file reached twice (named twice, or
// named and walked) is expanded once.
func (x *run) pathJobs(paths []string, emit func(job)) {
	seen := map[string]bool{}
	add := func(name, path, key string) {
		if !seen[key] {
			seen[key] = true
			emit(job{name: name, path: path})
		}
	}
	for _, p := range paths {
		fi, err := os.Stat(x.abs(p))
		if err != nil {
			x.ioError("cannot read `%s`: %s", p, errText(err))
			continue
		}
		if !fi.IsDir() {
			real := realAbs(x.abs(p))
			add(p, x.abs(p), real)
			if x.flags.write {
				x.findTemps(filepath.Dir(real))
			}
			continue
		}
		root, err := filepath.Abs(x.abs(p))
		if err != nil {
			x.ioError("cannot read `%s`: %s", p, errText(err))
			continue
		}
		w := walker{run: x}
		if len(paths) == 1 {
			// A walk reaches no file twice.
			w.visit = func(name, path string) { emit(job{name: name, path: path}) }
		} else {
			// A walk follows no symbolic link, so the real path of a file
			// it finds is the real path of the directory joined with the
			// rest: one EvalSymlinks per directory named, not one per file.
			realRoot := realAbs(root)
			w.visit = func(name, path string) { add(name, path, realRoot+path[len(root):]) }
		}
		w.walk(root, p, true)
	}
}

// realAbs is the absolute path of p with its symbolic links resolved, or
// as much of that as can be had: the key under which a file reached twice
// is seen once.
func realAbs(p string) string {
	key := p
	if real, err := filepath.EvalSymlinks(p); err == nil {
		key = real
	}
	if abs, err := filepath.Abs(key); err == nil {
		key = abs
	}
	return key
}

// cargoJobs passes the files of the selected Cargo packages to emit.
func (x *run) cargoJobs(emit func(job)) {
	manifest := x.flags.manifestPath
	var err error
	if manifest == "" {
		dir := x.r.Dir
		if dir == "" {
			dir = "."
		}
		if manifest, err = cargo.FindManifest(dir); err != nil {
			x.ioError("%v; run this in a Cargo package or pass --manifest-path", err)
			return
		}
	} else {
		manifest = x.abs(manifest)
		if _, err := os.Stat(manifest); err != nil {
			x.ioError("cannot read manifest `%s`: %s", x.flags.manifestPath, errText(err))
			return
		}
	}
	ws, err := cargo.Load(manifest)
	if err != nil {
		x.ioError("%v", err)
		return
	}
	pkgs, err := ws.Select(x.flags.packages, x.flags.workspace)
	if err != nil {
		x.ioError("%v", err)
		return
	}
	base := x.r.Dir
	if base == "" {
		base, _ = os.Getwd()
	}
	// Files are shown relative to the current directory (../ included), so
	// that names printed by -l work in commands run from there.
	display := func(p string) string {
		if abs, err := filepath.Abs(base); err == nil {
			if rel, err := filepath.Rel(abs, p); err == nil {
				return rel
			}
		}
		return p
	}
	seen := map[string]bool{}
	w := walker{run: x, skipPackages: true, visit: func(name, path string) {
		if !seen[path] {
			seen[path] = true
			emit(job{name: name, path: path})
		}
	}}
	for _, pkg := range pkgs {
		for _, src := range pkg.Sources() {
			w.walk(src.Path, display(src.Path), src.Recursive)
		}
	}
}

// walker finds .rs files under a directory.
type walker struct {
	run          *run
	skipPackages bool                    // skip subdirectories that are Cargo packages of their own
	visit        func(name, path string) // called with each file found
}

// walk finds the .rs files under dir (in its subdirectories too when
// recursive), sorted by path, skipping hidden files and directories, Cargo
// target directories, anything .gitignore'd and all symbolic links (so a
// walk never leaves the tree or reaches a file twice), and calls visit
// with the name and the path of each, in order. name is dir as the user
// wrote it; found names are joined to it; paths are absolute.
//
// The walk costs one ReadDir per directory and no stat: the entries' types
// come with the directory listing, and what decides whether to enter a
// directory (a Cargo.toml beside it, a CACHEDIR.TAG or .rustc_info.json in
// it, a .gitignore) is seen in the listings.
func (w *walker) walk(dir, name string, recursive bool) {
	abs, err := filepath.Abs(dir)
	if err != nil {
		w.run.ioError("cannot read `%s`: %s", name, errText(err))
		return
	}
	w.walkDir(abs, name, ancestorRules(abs), recursive, true)
}

func (w *walker) walkDir(abs, name string, rules []ignoreRule, recursive, top bool) {
	entries, err := os.ReadDir(abs)
	if err != nil {
		w.run.ioError("cannot read directory `%s`: %s", name, errText(err))
		return
	}
	hasManifest, gitignore := false, false
	for _, e := range entries {
		switch e.Name() {
		case "Cargo.toml":
			hasManifest = true
		case ".gitignore":
			gitignore = true
		case "CACHEDIR.TAG", ".rustc_info.json":
			// A directory cargo has tagged as a cache or used for
			// builds (a target directory under another name).
			if !top {
				return
			}
		}
	}
	if !top && w.skipPackages && hasManifest {
		return // a Cargo package of its own
	}
	if gitignore {
		if data, err := os.ReadFile(filepath.Join(abs, ".gitignore")); err == nil {
			rules = append(rules[:len(rules):len(rules)], parseIgnore(data, abs)...)
		}
	}
	for _, e := range entries {
		n := e.Name()
		if strings.HasPrefix(n, ".") {
			if w.run.flags.write && e.Type().IsRegular() && isTempName(n) {
				w.run.staleTemps = append(w.run.staleTemps, join(abs, n))
			}
			continue
		}
		if e.Type()&fs.ModeSymlink != 0 {
			continue
		}
		isDir := e.IsDir()
		if isDir {
			// A "target" beside a Cargo.toml is cargo's build directory;
			// a module directory that happens to be named src/target is
			// not skipped.
			if !recursive || (n == "target" && hasManifest) {
				continue
			}
		} else if !e.Type().IsRegular() || !strings.HasSuffix(n, ".rs") {
			continue
		}
		p := join(abs, n)
		if ignored(rules, p, isDir) {
			continue
		}
		var disp string
		if top {
			disp = filepath.Join(name, n) // cleans what the user wrote
		} else {
			disp = join(name, n) // already clean
		}
		if isDir {
			w.walkDir(p, disp, rules, recursive, false)
		} else {
			w.visit(disp, p)
		}
	}
}

// join is filepath.Join(dir, name) for a clean dir and a name from a
// directory listing (neither empty, ".", ".." nor with a separator),
// without the cost of cleaning the result.
func join(dir, name string) string {
	if dir == "" {
		return name
	}
	if os.IsPathSeparator(dir[len(dir)-1]) { // the root
		return dir + name
	}
	return dir + string(filepath.Separator) + name
}

// result is the outcome for one job, produced by a worker and printed in
// job order.
type result struct {
	src      []byte
	out      asynctrait.Result // the output: written piece by piece, assembled only for a diff
	diags    []diag.Diagnostic
	hasErr   bool // error diagnostics: nothing is written, listed or diffed
	internal bool // an internal error (exit 2)
	ioErr    string
	changed  bool
	writeErr string
	wrote    bool
}

// quiet reports whether report has nothing to do for res: no message, no
// output, no change of exit status.
func (x *run) quiet(res *result) bool {
	f := x.flags
	plain := !f.write && !f.list && !f.diff && !f.check
	return !plain && !res.changed && res.ioErr == "" && len(res.diags) == 0 &&
		!res.hasErr && !res.internal && res.writeErr == ""
}

// process expands the jobs produce passes to emit on a bounded pool of
// workers, starting while produce (the walk) still runs, and reports the
// results in job order, whatever the order they finish in. At most window
// files are started ahead of the one being reported, which bounds the
// memory held by finished results waiting for a slow file.
//
// Whatever produce reports itself (a directory that cannot be read) comes
// before the report of any file, as if the walk had finished first: the
// results of files with nothing to report are passed over while it runs,
// and the first one with something to say waits for it to end. produce
// never waits for the workers, so that wait always ends.
func (x *run) process(produce func(emit func(job))) {
	gcStart(x.r.Getenv)
	defer gcEnd()
	var q jobQueue
	q.wake = make(chan struct{}, 1)
	walked := make(chan struct{})
	go func() {
		defer close(walked)
		produce(q.push)
		q.finish()
	}()

	type slot struct {
		j   job
		res chan result // buffered: the worker never waits for the reporter
	}
	window := 4*x.flags.jobs + 16
	free := make(chan chan result, window) // also the window's semaphore
	for range window {
		free <- make(chan result, 1)
	}
	order := make(chan slot, window)
	work := make(chan slot)
	go func() {
		for i := 0; ; i++ {
			j, ok := q.get(i)
			if !ok {
				break
			}
			s := slot{j, <-free}
			order <- s
			work <- s
		}
		close(work)
		close(order)
	}()
	for range x.flags.jobs {
		go func() {
			var w worker
			for s := range work {
				s.res <- x.expandOne(&w, &s.j)
			}
		}()
	}
	for s := range order {
		res := <-s.res
		if !x.quiet(&res) {
			<-walked
			x.report(&s.j, &res)
		}
		free <- s.res
	}
	<-walked
	if x.flags.check && x.changed {
		x.raise(ExitChanges)
	}
}

// jobQueue passes jobs from the walk to the workers without ever making
// the walk wait.
type jobQueue struct {
	mu   sync.Mutex
	jobs []job
	done bool
	wake chan struct{} // a token when jobs or done change
}

func (q *jobQueue) push(j job) {
	q.mu.Lock()
	q.jobs = append(q.jobs, j)
	q.mu.Unlock()
	q.signal()
}

func (q *jobQueue) finish() {
	q.mu.Lock()
	q.done = true
	q.mu.Unlock()
	q.signal()
}

func (q *jobQueue) signal() {
	select {
	case q.wake <- struct{}{}:
	default:
	}
}

// get returns job i, waiting for it, or false once the walk has ended
// with fewer jobs. It is called for i = 0, 1, 2… by one goroutine.
func (q *jobQueue) get(i int) (job, bool) {
	for {
		q.mu.Lock()
		if i < len(q.jobs) {
			j := q.jobs[i]
			q.jobs[i] = job{} // standard input's source goes with its result
			q.mu.Unlock()
			return j, true
		}
		done := q.done
		q.mu.Unlock()
		if done {
			return job{}, false
		}
		<-q.wake
	}
}

// maxKeep bounds the buffer a worker keeps for the next file: a rare huge
// file is not held for the rest of the run.
const maxKeep = 8 << 20

// worker is what one worker reuses from file to file.
type worker struct {
	buf []byte // the contents of the file being read
}

// read reads the file at path into the worker's buffer, which the next
// read overwrites; with stat, it also returns the file's state as it was
// opened (for -w, to detect a change before replacing the file).
func (w *worker) read(path string, stat bool) (src []byte, before *state, err error) {
	if w.buf == nil {
		w.buf = make([]byte, 0, 64<<10)
	}
	src, before, err = readInto(path, w.buf[:0], stat)
	if src != nil {
		w.buf = src
	}
	return src, before, err
}

// expandOne reads, expands and (with -w) writes one file. A file that does
// not contain the marker costs one open, one read into the worker's buffer
// and one search: it is not asynctrait's to judge (not even whether it is
// UTF-8), and it stays as it is.
func (x *run) expandOne(w *worker, j *job) (res result) {
	src := j.src
	var before *state
	if !j.stdin {
		var err error
		if src, before, err = w.read(j.path, x.flags.write); err != nil {
			res.ioErr = fmt.Sprintf("cannot read `%s`: %s", j.name, errText(err))
			return res
		}
	}
	if cap(w.buf) > maxKeep {
		w.buf = nil // src is all that holds it now
	}
	// The library's own fast path (Expand returns src at once when it
	// is false), taken before anything else is done with the file.
	if !asynctrait.MayExpand(src) {
		f := x.flags
		if !f.write && !f.list && !f.diff && !f.check {
			// Printed as it is, after the worker has moved on.
			if !j.stdin {
				src = bytes.Clone(src)
			}
			res.out = asynctrait.Result{Output: src}
		}
		return res
	}
	if !j.stdin {
		w.buf = nil // src outlives this file: the next read gets a new buffer
	}
	gcFile(len(src))
	res.src = src
	file := source.NewFile(j.name, src)
	if !utf8.Valid(src) {
		res.diags = []diag.Diagnostic{diag.InvalidUTF8(file)}
		res.hasErr = true
		return res
	}
	res.out, res.diags, res.internal = x.callExpand(file, src)
	for i := range res.diags {
		d := &res.diags[i]
		if d.File == nil {
			d.File = file
		}
		if d.Severity == diag.Error {
			res.hasErr = true
			if strings.HasPrefix(d.Message, "internal error") {
				res.internal = true
			}
		}
	}
	if out := res.out.Output; out != nil {
		res.changed = !res.hasErr && !bytes.Equal(out, src)
	} else {
		res.changed = !res.hasErr && res.out.Changed
	}
	if res.changed && x.flags.write {
		if err := writeFile(j.path, j.name, &res.out, before); err != nil {
			res.writeErr = err.Error()
		} else {
			res.wrote = true
		}
	}
	return res
}

// callExpand runs the expander, turning a panic into an internal error
// diagnostic for this file only.
func (x *run) callExpand(file *source.File, src []byte) (out asynctrait.Result, diags []diag.Diagnostic, internal bool) {
	defer func() {
		if v := recover(); v != nil {
			d := diag.Diagnostic{
				Severity: diag.Error, File: file,
				Message: fmt.Sprintf("internal error: asynctrait panicked: %v", v),
				Notes:   []string{"the file was left unchanged"},
				Help:    []string{"please report this bug with the file that caused it"},
			}
			getenv := x.r.Getenv
			if getenv == nil {
				getenv = os.Getenv
			}
			if getenv("ASYNCTRAIT_BACKTRACE") != "" {
				d.Notes = append(d.Notes, string(debug.Stack()))
			} else {
				d.Notes = append(d.Notes, "run with ASYNCTRAIT_BACKTRACE=1 to include a stack trace in the report")
			}
			out, diags, internal = asynctrait.Result{Output: src}, []diag.Diagnostic{d}, true
		}
	}()
	expand := x.r.Expand
	if expand == nil {
		expand = asynctrait.Rewrite
	}
	// Expand never modifies its input, which is still needed for the diff
	// and the diagnostics (TestExpandKeepsInput).
	out = expand(file.Name, src, x.opts)
	if out.Output == nil && !out.Changed {
		out.Output = src
	}
	diags, out.Diagnostics = out.Diagnostics, nil
	return out, diags, false
}

// report prints one file's outcome: diagnostics on stderr; the name (-l),
// the diff (-d, --check) or the expanded source (no flag) on stdout.
func (x *run) report(j *job, res *result) {
	if res.ioErr != "" {
		x.ioError("%s", res.ioErr)
		return
	}
	for i := range res.diags {
		x.emit(&res.diags[i])
	}
	if res.hasErr {
		x.raise(ExitChanges)
	}
	if res.internal {
		x.raise(ExitError)
	}
	if res.writeErr != "" {
		x.ioError("%s", res.writeErr)
	}
	f := x.flags
	if !f.write && !f.list && !f.diff && !f.check {
		if !res.hasErr {
			x.writeOut(&res.out)
		}
		return
	}
	if !res.changed {
		return
	}
	x.changed = true
	if f.list {
		fmt.Fprintln(x.stdout, j.name)
	}
	if f.diff || (f.check && !f.list) {
		name := filepath.ToSlash(j.name)
		_, _ = io.WriteString(x.stdout, edit.Unified(name, name, res.src, res.out.Bytes()))
	}
}

// writeOut writes an expanded file to stdout through one buffer reused
// from file to file: the output of Rewrite comes in many small pieces.
func (x *run) writeOut(out *asynctrait.Result) {
	if out.Output != nil {
		_, _ = x.stdout.Write(out.Output)
		return
	}
	if f, ok := x.stdout.(*os.File); ok {
		_, _ = out.WriteTo(f) // without a copy (writev): see edit.Output.WriteTo
		return
	}
	if x.outBuf == nil {
		x.outBuf = bufio.NewWriterSize(x.stdout, 64<<10)
	}
	_, _ = out.WriteTo(x.outBuf)
	_ = x.outBuf.Flush()
}
