#!/usr/bin/env bash
# Sets up everything the test suite needs on a Debian bookworm machine,
# idempotently and without questions (as root, or with password-less sudo):
#
#   1. checks the toolchains: Go (/usr/local/go/bin or PATH) and Rust
#      (rustc, cargo, rustfmt, clippy-driver in $HOME/.cargo/bin or PATH;
#      rustc/cargo must be $ASYNCTRAIT_RUST_VERSION, default 1.95);
#   2. installs the few system tools the tests call (patch, script, unshare,
#      chattr, a C linker for rustc, git, CA certificates for the Go proxy),
#      only those missing;
#   3. downloads the Go modules (go mod download);
#   4. installs Debian's Rust crate sources (librust-*-dev) through
#      ../shared/rust-offline/setup.sh: its base set (async-trait 0.1.56,
#      tokio, futures, tracing, ...) plus the corpus below, and has it write
#      the cargo source replacement (crates.io -> /usr/share/cargo/registry)
#      to testdata/rust/.cargo/config.toml (gitignored), never to ~/.cargo.
#      internal/rusttest writes the same block into its own cache
#      directories, so tests never depend on or change the user's cargo
#      configuration.
#
# A second run installs nothing and takes well under a second (plus the
# `go mod download` check). Fresh bookworm: about 70 s (measured in a
# debootstrap chroot; see scripts/README.md).
#
# Exit codes: 0 ok, 2 a toolchain is missing or has the wrong version,
# 3 installing packages failed, 4 cargo config conflict, 5 shared/ missing.
set -euo pipefail
cd "$(dirname "$0")/.."
export PATH="$HOME/.cargo/bin:/usr/local/go/bin:$PATH"
start=$(date +%s%N)

log() { echo "setup.sh: $*"; }
die() { local code=$1; shift; echo "setup.sh: ERROR: $*" >&2; exit "$code"; }

# ---- 1. toolchains -----------------------------------------------------------
command -v go >/dev/null || die 2 "go not found (expected in /usr/local/go/bin or PATH)"
want=${ASYNCTRAIT_RUST_VERSION:-1.95}
for tool in rustc cargo rustfmt clippy-driver; do
  command -v "$tool" >/dev/null \
    || die 2 "$tool not found in \$HOME/.cargo/bin or PATH; the tests need the Rust $want toolchain with rustfmt and clippy (rustup toolchain install $want --component rustfmt clippy)"
  "$tool" -V >/dev/null 2>&1 || die 2 "$tool -V fails: $("$tool" -V 2>&1 | head -3)"
done
for tool in rustc cargo; do
  v=$("$tool" -V)
  case "$v" in
    "$tool $want".*) ;;
    *) die 2 "$tool is '$v', the tests are written against $want (set ASYNCTRAIT_RUST_VERSION to override)" ;;
  esac
done
log "$(rustc -V), $(cargo -V | cut -d' ' -f1-2), $(rustfmt -V), $(clippy-driver -V), $(go version | cut -d' ' -f3)"

# ---- 2. apt helpers -------------------------------------------------------------
SUDO=()
if [ "$(id -u)" -ne 0 ]; then SUDO=(sudo -n); fi
APT=("${SUDO[@]}" apt-get -o DPkg::Lock::Timeout=600 -q)
installed() { [ "$(dpkg-query -W -f='${db:Status-Status}' "$1" 2>/dev/null || true)" = installed ]; }
updated=
apt_update() {
  [ -n "$updated" ] && return 0
  log "apt-get update"
  "${APT[@]}" update >/dev/null || die 3 "apt-get update failed (no access to the Debian mirror?)"
  updated=1
}
# has_candidate PKG: apt knows an installable version of PKG.
has_candidate() {
  local c
  c=$(apt-cache policy "$1" 2>/dev/null | awk '/Candidate:/ {print $2}')
  [ -n "$c" ] && [ "$c" != "(none)" ]
}
# Package lists are empty on fresh images: refresh them before the first
# install (once), not on every run.
ensure_lists() {
  if ! compgen -G '/var/lib/apt/lists/*_Packages*' >/dev/null; then apt_update; fi
  local p
  for p in "$@"; do has_candidate "$p" || { apt_update; return 0; }; done
}

# ---- 3. system tools the tests call ------------------------------------------
# command -> package (bookworm). patch: internal/edit and cmd tests; script,
# unshare, chattr: cmd/asynctrait tests (pty colours, full disk, read-only
# dirs); cc + libc6-dev: rustc links test programs with them; git: go build of
# a checkout; ca-certificates: go mod download over HTTPS.
sys_missing=()
need_cmd() { command -v "$1" >/dev/null || installed "$2" || sys_missing+=("$2"); }
need_cmd patch patch
need_cmd script bsdutils
need_cmd unshare util-linux
need_cmd chattr e2fsprogs
need_cmd cc gcc
need_cmd git git
[ -e /usr/lib/x86_64-linux-gnu/crt1.o ] || [ -e /usr/lib/aarch64-linux-gnu/crt1.o ] || installed libc6-dev || sys_missing+=(libc6-dev)
[ -e /etc/ssl/certs/ca-certificates.crt ] || sys_missing+=(ca-certificates)
if [ ${#sys_missing[@]} -gt 0 ]; then
  command -v apt-get >/dev/null || die 3 "apt-get not found; install by hand: ${sys_missing[*]}"
  ensure_lists "${sys_missing[@]}"
  log "installing system tools: ${sys_missing[*]}"
  DEBIAN_FRONTEND=noninteractive "${APT[@]}" install -y --no-install-recommends "${sys_missing[@]}" >/dev/null \
    || die 3 "apt-get install failed for: ${sys_missing[*]}"
fi

# ---- 4. Go modules ------------------------------------------------------------
go mod download

# ---- 5. Debian's Rust crates -----------------------------------------------------
# The base set comes from ../shared/rust-offline/setup.sh (async-trait, futures,
# futures-executor, tokio, tracing, tracing-attributes, rustversion,
# pin-project-lite). On top of it, the corpus for the lexer/parser tests and
# the real crates that use async-trait. Each was checked with
# `apt-cache policy` on bookworm; all exist (none had to be dropped):
CORPUS=(
  librust-syn-dev                  # 1.0.107
  librust-serde-dev                # 1.0.152
  librust-serde-json-dev           # 1.0.87
  librust-regex-dev                # 1.7.1
  librust-hyper-dev                # 0.14.19
  librust-tokio-postgres-dev       # 0.7.7   uses async-trait
  librust-trust-dns-proto-dev      # 0.22.0  uses async-trait
  librust-trust-dns-server-dev     # 0.22.0  uses async-trait
  librust-ttrpc-dev                # 0.5.2   uses async-trait
  librust-greetd-ipc-dev           # 0.9.0   uses async-trait
  librust-async-std-resolver-dev   # 0.22.0  uses async-trait
  librust-async-trait-dev          # 0.1.56  (also in the base set)
)
offline=../shared/rust-offline/setup.sh
[ -f "$offline" ] || die 5 "$offline not found: the repository must sit beside shared/ (CI clones it next to shared/)"
BASE=$(sed -n '/^PKGS=(/,/^)/p' "$offline" | grep -o 'librust-[a-z0-9+.-]*-dev' || true)
crates_missing=()
for p in $BASE "${CORPUS[@]}"; do installed "$p" || crates_missing+=("$p"); done
extras=("${CORPUS[@]}")
if [ ${#crates_missing[@]} -gt 0 ]; then
  ensure_lists "${crates_missing[@]}"
  # A corpus package that has disappeared from the archive should not stop
  # the set-up (the corpus tests then test less, and say so); the base set
  # must install, and the shared script fails if it cannot.
  extras=()
  for p in "${CORPUS[@]}"; do
    if installed "$p" || has_candidate "$p"; then extras+=("$p"); else log "warning: $p is not available from apt; skipped"; fi
  done
fi
RUST_OFFLINE_EXTRA_PKGS="${extras[*]}" bash "$offline" testdata/rust/.cargo

elapsed=$(( ($(date +%s%N) - start) / 1000000 ))
log "ready in $((elapsed / 1000)).$(printf '%03d' $((elapsed % 1000)))s"
