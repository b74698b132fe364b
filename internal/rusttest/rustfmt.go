package rusttest

import (
	"bytes"
	"context"
	"errors"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"testing"
	"time"
)

// rustfmt runs rustfmt on src via stdin with rustfmt's default
// configuration: an empty rustfmt.toml is passed with --config-path, so
// neither a rustfmt.toml above the working directory nor the user's global
// one (~/.config/rustfmt) can change the result.
func rustfmt(t testing.TB, src, edition string, extra ...string) (stdout, stderr string, err error) {
	t.Helper()
	tc := Toolchain(t)
	if edition == "" {
		edition = "2021"
	}
	dir := t.TempDir()
	cfg := filepath.Join(dir, "rustfmt.toml")
	if err := os.WriteFile(cfg, nil, 0o644); err != nil {
		t.Fatal(err)
	}
	ctx, cancel := context.WithTimeout(context.Background(), 2*time.Minute)
	defer cancel()
	args := append([]string{"--edition", edition, "--config-path", cfg, "--color", "never"}, extra...)
	cmd := exec.CommandContext(ctx, tc.Rustfmt, args...)
	cmd.Dir = dir
	cmd.Env = cleanEnv()
	cmd.Stdin = strings.NewReader(src)
	var out, errb bytes.Buffer
	cmd.Stdout, cmd.Stderr = &out, &errb
	runErr := cmd.Run()
	var ee *exec.ExitError
	if runErr != nil && !errors.As(runErr, &ee) {
		t.Fatalf("running %s: %v", tc.Rustfmt, runErr)
	}
	if runErr != nil {
		return out.String(), errb.String(), errors.New("rustfmt: " + strings.TrimSpace(errb.String()))
	}
	return out.String(), errb.String(), nil
}

// Rustfmt formats src with rustfmt (default configuration, edition ""
// meaning 2021) and returns the result; the error carries rustfmt's
// message when src does not parse.
func Rustfmt(t testing.TB, src, edition string) (string, error) {
	t.Helper()
	out, _, err := rustfmt(t, src, edition, "--emit", "stdout")
	return out, err
}

// RustfmtCheck reports whether src is formatted the way rustfmt (default
// configuration, edition 2021) formats it, and if not, rustfmt's diff.
// Source that rustfmt cannot parse fails the test.
//
// (rustfmt 1.9's `--check` exits 0 on stdin input even when it prints a
// diff, so the result is judged by the diff, not the exit status.)
func RustfmtCheck(t testing.TB, src string) (ok bool, diff string) {
	t.Helper()
	return RustfmtCheckEdition(t, src, "2021")
}

// RustfmtCheckEdition is RustfmtCheck for another edition.
func RustfmtCheckEdition(t testing.TB, src, edition string) (ok bool, diff string) {
	t.Helper()
	out, _, err := rustfmt(t, src, edition, "--check")
	if err != nil && out == "" {
		t.Fatalf("%v\nsource:\n%s", err, numbered(src))
	}
	return out == "" && err == nil, out
}
