package cli

import (
	"fmt"
	"io"
	"os"
	"path/filepath"
	"strconv"
	"strings"
	"time"
)

// writeFile replaces the file at path (shown to the user as name) with
// data, safely:
//
//   - the new contents go to a temporary file in the same directory, which
//     is given the original's permission bits (and, when we may, its owner),
//     synced to disk, closed and renamed over the original, so that a reader
//     sees either the old file or the new one, never a mix;
//   - if anything fails (the temporary file cannot be created, the disk is
//     full, the rename is refused) the temporary file is removed and the
//     original is left as it was;
//   - a file without write permission for its owner is refused rather than
//     replaced: the rename would succeed in a writable directory, silently
//     dropping the protection the user put on it;
//   - a file that changed on disk since it was read is refused too: its
//     device, inode, size, modification and change times (see fileState)
//     are compared with those of the file as it was read, once before the
//     temporary file is written and again right before the rename, so
//     that a concurrent writer is missed only if it writes in the instant
//     between that last check and the rename;
//   - the temporary file is named after the file and the process
//     (".NAME.asynctrait-PID-RANDOM.tmp"), so that one left by a killed
//     run can be recognised and removed by the next (removeStaleTemps);
//   - a symbolic link is written through: its target is replaced and the
//     link itself kept (as gofmt -w does).
//
// Replacing the file gives it a new inode: other hard links to the old
// file keep the old contents.
func writeFile(path, name string, data io.WriterTo, before *state) error {
	target, err := filepath.EvalSymlinks(path)
	if err != nil {
		return fmt.Errorf("cannot write `%s`: %s", name, errText(err))
	}
	fi, err := os.Stat(target)
	if err != nil {
		return fmt.Errorf("cannot write `%s`: %s", name, errText(err))
	}
	if !fi.Mode().IsRegular() {
		return fmt.Errorf("cannot write `%s`: not a regular file", name)
	}
	if fi.Mode().Perm()&0o200 == 0 {
		return fmt.Errorf("`%s` is read-only (mode %04o), so -w left it unchanged; make it writable (chmod u+w %s) to rewrite it, or use -d to see the changes", name, fi.Mode().Perm(), name)
	}
	changedErr := fmt.Errorf("`%s` changed on disk while it was being expanded, so -w left it unchanged; run again", name)
	if before != nil && fileState(fi) != *before {
		return changedErr
	}
	// Writing the file must be allowed to us, not just replacing it: this
	// catches files of other users, and immutable or append-only files.
	probe, err := os.OpenFile(target, os.O_WRONLY, 0)
	if err != nil {
		return fmt.Errorf("cannot write `%s`: %s; it was left unchanged", name, errText(err))
	}
	probe.Close()

	dir, base := filepath.Split(target)
	if dir == "" {
		dir = "."
	}
	tmp, err := os.CreateTemp(dir, "."+base+".asynctrait-"+strconv.Itoa(os.Getpid())+"-*.tmp")
	if err != nil {
		return fmt.Errorf("cannot write `%s`: cannot create a temporary file in its directory: %s; the file was left unchanged", name, errText(err))
	}
	ok := false
	defer func() {
		if !ok {
			tmp.Close()
			os.Remove(tmp.Name())
		}
	}()
	fail := func(err error) error {
		return fmt.Errorf("cannot write `%s`: %s; the file was left unchanged", name, errText(err))
	}
	// A file is written without a buffer of ours: Result.WriteTo gives a
	// file the output's pieces all at once (writev).
	if _, err := data.WriteTo(tmp); err != nil {
		return fail(err)
	}
	if err := tmp.Chmod(fi.Mode() & (os.ModePerm | os.ModeSetuid | os.ModeSetgid | os.ModeSticky)); err != nil {
		return fail(err)
	}
	chown(tmp, fi)
	if err := tmp.Sync(); err != nil {
		return fail(err)
	}
	if err := tmp.Close(); err != nil {
		return fail(err)
	}
	// The last look before the rename: the contents were written and
	// synced in between, which takes the longest.
	if before != nil {
		if fi, err := os.Stat(target); err != nil {
			return fail(err)
		} else if fileState(fi) != *before {
			return changedErr
		}
	}
	if err := os.Rename(tmp.Name(), target); err != nil {
		return fail(err)
	}
	ok = true
	syncDir(dir)
	return nil
}

// syncDir makes the rename durable; failure only costs durability.
func syncDir(dir string) {
	d, err := os.Open(dir)
	if err != nil {
		return
	}
	_ = d.Sync()
	d.Close()
}

// isTempName reports whether name is that of a temporary file of ours:
// ".NAME.asynctrait-PID-RANDOM.tmp", with PID and RANDOM in decimal.
func isTempName(name string) bool {
	_, ok := tempPID(name)
	return ok
}

// tempPID returns the process id in the name of a temporary file of ours,
// and false for any name that does not match the pattern exactly.
func tempPID(name string) (int, bool) {
	const mid = ".asynctrait-"
	rest, ok := strings.CutSuffix(name, ".tmp")
	if !ok || !strings.HasPrefix(rest, ".") {
		return 0, false
	}
	i := strings.LastIndex(rest, mid)
	if i < 2 { // "." and a name of at least one byte
		return 0, false
	}
	pid, random, ok := strings.Cut(rest[i+len(mid):], "-")
	if !ok || !decimal(pid) || !decimal(random) || pid[0] == '0' || len(pid) > 9 {
		return 0, false
	}
	n, err := strconv.Atoi(pid)
	if err != nil || n <= 0 {
		return 0, false
	}
	return n, true
}

func decimal(s string) bool {
	if s == "" {
		return false
	}
	for i := 0; i < len(s); i++ {
		if s[i] < '0' || s[i] > '9' {
			return false
		}
	}
	return true
}

// findTemps notes the temporary files of ours in dir (once per directory),
// for removeStaleTemps.
func (x *run) findTemps(dir string) {
	if x.tempDirs == nil {
		x.tempDirs = map[string]bool{}
	}
	if x.tempDirs[dir] {
		return
	}
	x.tempDirs[dir] = true
	entries, err := os.ReadDir(dir)
	if err != nil {
		return
	}
	for _, e := range entries {
		if e.Type().IsRegular() && isTempName(e.Name()) {
			x.staleTemps = append(x.staleTemps, filepath.Join(dir, e.Name()))
		}
	}
}

// staleAge is how old a temporary file of ours must be to be removed when
// whether its writer still runs cannot be told.
const staleAge = time.Hour

// removeStaleTemps removes the temporary files among paths that a run of
// asynctrait killed before it could rename or remove them left behind:
// those whose writer (the PID in their name) is not a running process, or,
// where that cannot be checked, that are older than staleAge. Only regular
// files whose name matches the pattern exactly are considered, and never
// our own. Failures are ignored: a file that cannot be removed stays.
func removeStaleTemps(paths []string) {
	self := os.Getpid()
	for _, p := range paths {
		pid, ok := tempPID(filepath.Base(p))
		if !ok || pid == self {
			continue
		}
		fi, err := os.Lstat(p)
		if err != nil || !fi.Mode().IsRegular() {
			continue
		}
		switch processState(pid) {
		case processRunning:
			continue
		case processUnknown:
			if time.Since(fi.ModTime()) < staleAge {
				continue
			}
		}
		_ = os.Remove(p)
	}
}

// The answers of processState.
const (
	processUnknown = iota
	processRunning
	processGone
)
