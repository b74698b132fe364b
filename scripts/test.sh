#!/usr/bin/env bash
# Sets up what the tests need (scripts/setup.sh) and runs the whole test
# suite: gofmt check, go vet, go test. The last thing it prints is go test's
# own summary, and its exit status is go test's.
#
# Extra arguments go to `go test` (e.g. scripts/test.sh -run TestCases).
# Environment: CI defaults to 1 so tests whose tools are missing fail
# instead of skipping; ASYNCTRAIT_TEST_TIMEOUT (default 60m) is go test's
# per-binary -timeout; ASYNCTRAIT_SKIP_SETUP=1 skips the set-up step.
set -euo pipefail
cd "$(dirname "$0")/.."
export PATH="$HOME/.cargo/bin:/usr/local/go/bin:$PATH"

# CI-friendly environment: no skipping, no colours or progress bars from
# cargo, the Go toolchain in use (never a download), backtraces on panics.
export CI="${CI:-1}"
export CARGO_TERM_COLOR=never CARGO_TERM_PROGRESS_WHEN=never
export GOTOOLCHAIN=local
export RUST_BACKTRACE=1

if [ "${ASYNCTRAIT_SKIP_SETUP:-}" != 1 ]; then
  bash scripts/setup.sh
fi

echo "test.sh: gofmt"
unformatted=$(find . -name '*.go' -not -path './.git/*' -not -path '*/testdata/*' \
  -not -path './.cache/*' -not -path '*/target/*' -print0 | xargs -0 gofmt -l)
if [ -n "$unformatted" ]; then
  echo "test.sh: gofmt would change these files (run gofmt -w):" >&2
  echo "$unformatted" >&2
  exit 1
fi

echo "test.sh: go vet"
go vet ./...

echo "test.sh: go test"
# Everything, reliability/ included (hostile inputs, faults during -w: about
# a minute; it runs as root in a private mount namespace, and needs about
# 2 GB of memory for its 100 MB file).
exec go test -count=1 -timeout "${ASYNCTRAIT_TEST_TIMEOUT:-60m}" "$@" ./...
