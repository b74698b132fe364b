#!/usr/bin/env bash
# Regenerates the profiles `go build` uses for profile-guided optimisation
# of the two binaries (cmd/*/default.pgo, picked up by -pgo=auto): a CPU
# profile of the hot paths the benchmarks exercise, the expansion of the
# generated inputs and `--check` over a tree of plain Rust. Run it after a
# change to those paths; an old profile still builds, it only optimises
# less (about 2.5 % fewer instructions on the large input when made).
set -euo pipefail
cd "$(dirname "$0")/.."
export PATH="/usr/local/go/bin:$PATH"
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
go test -run XXX -bench 'ExpandLarge|ExpandMedium' -benchtime 60x -count 1 -cpuprofile "$tmp/expand.prof" . >/dev/null
go test -run XXX -bench 'CheckTree' -benchtime 20x -count 1 -cpuprofile "$tmp/check.prof" ./internal/cli >/dev/null
go tool pprof -proto "$tmp/expand.prof" "$tmp/check.prof" >"$tmp/default.pgo"
cp "$tmp/default.pgo" cmd/asynctrait/default.pgo
cp "$tmp/default.pgo" cmd/cargo-asynctrait/default.pgo
echo "wrote cmd/asynctrait/default.pgo and cmd/cargo-asynctrait/default.pgo ($(wc -c <"$tmp/default.pgo") bytes)"
