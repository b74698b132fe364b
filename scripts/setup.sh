#!/usr/bin/env bash
# Installs everything the test suite needs on a fresh Debian bookworm machine,
# idempotently: Go modules, Debian's Rust crate sources (the corpus for the
# lexer/parser tests, async-trait 0.1.56 as the differential oracle, tokio and
# futures for run tests, real crates that use async-trait), and checks the
# Rust toolchain. A second run installs nothing.
set -euo pipefail
cd "$(dirname "$0")/.."
export PATH="$HOME/.cargo/bin:/usr/local/go/bin:$PATH"

for tool in go rustc cargo rustfmt; do
  command -v "$tool" >/dev/null || { echo "setup.sh: $tool not found (Go at /usr/local/go/bin, Rust in \$HOME/.cargo/bin)" >&2; exit 2; }
done

go mod download

# Crate sources: the rust-offline set plus a broad corpus and the real
# crates that use async-trait.
export RUST_OFFLINE_EXTRA_PKGS="librust-syn-dev librust-serde-dev librust-serde-json-dev librust-regex-dev
  librust-hyper-dev librust-anyhow-dev librust-itertools-dev librust-tracing-subscriber-dev librust-tower-dev
  librust-reqwest-dev librust-prost-dev librust-async-std-dev
  librust-tokio-postgres-dev librust-trust-dns-proto-dev librust-trust-dns-server-dev librust-ttrpc-dev
  librust-greetd-ipc-dev librust-async-std-resolver-dev"
# The cargo source replacement goes into a cache dir of ours, never into the
# user's ~/.cargo: tests point CARGO_HOME-independent builds at it.
cfgdir="${ASYNCTRAIT_CARGO_CONFIG_DIR:-$PWD/.cache/cargo}"
mkdir -p "$cfgdir"
offline=../shared/rust-offline/setup.sh
if [ ! -f "$offline" ]; then
  echo "setup.sh: $offline not found: the repository must sit beside shared/" >&2
  exit 2
fi
if ! dpkg-query -W -f='${db:Status-Status}' librust-async-trait-dev 2>/dev/null | grep -q installed; then
  apt-get -o DPkg::Lock::Timeout=600 -q update >/dev/null || true
fi
bash "$offline" "$cfgdir"
echo "setup.sh: ready"
