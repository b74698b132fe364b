#!/usr/bin/env bash
# Verify the behavioural corpus against the real async-trait crate (Debian's 0.1.56).
#
#   bash testdata/cases/verify.sh            # all cases
#   bash testdata/cases/verify.sh NAME...    # only these (file names with or without .rs)
#
# Every testdata/cases/*.rs and macro_errors/*.rs (not nightly/) is built as a binary of one cargo workspace in
# $VERIFY_DIR (default ${TMPDIR:-/tmp}/asynctrait-cases-verify; reused, so a rerun only
# recompiles what changed). One workspace member per edition (2018/2021/2024), one shared
# target dir. The crates come from Debian's registry (/usr/share/cargo/registry) through a
# source replacement written into the workspace's own .cargo/config.toml; if the registry is
# missing, ../shared/rust-offline/setup.sh (next to the repo) is run to install it.
#
# A run case passes when it compiles with no warning at all, runs, exits 0 and prints
# something. An `// expect: compile-fail CODE` case passes when the build fails, the output has
# `error[CODE]` (or, with no CODE, any error) and every `// expect-stderr-contains:` text.
# `// oracle: skip (...)` cases are not built (counted separately). The headers are checked too:
# the first lines must be `// case:`, `// deps:`, `// edition:`, and crates used must be listed
# in deps.
set -uo pipefail

HERE=$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)
REPO=$(cd "$HERE/../.." && pwd)
WORK=${VERIFY_DIR:-${TMPDIR:-/tmp}/asynctrait-cases-verify}
REGISTRY=/usr/share/cargo/registry
export PATH="$HOME/.cargo/bin:$PATH"
export CARGO_TERM_COLOR=never

command -v cargo >/dev/null || { echo "verify.sh: cargo not found" >&2; exit 2; }

mkdir -p "$WORK/.cargo"
if ! ls -d "$REGISTRY"/async-trait-0.1.* >/dev/null 2>&1; then
  SETUP="$REPO/../shared/rust-offline/setup.sh"
  [ -f "$SETUP" ] || { echo "verify.sh: $REGISTRY lacks async-trait and $SETUP is missing" >&2; exit 2; }
  bash "$SETUP" "$WORK/.cargo" >&2 || exit 2
fi
cat > "$WORK/.cargo/config.toml" <<CFG
[source.crates-io]
replace-with = "debian"

[source.debian]
directory = "$REGISTRY"
CFG

# ---- collect cases --------------------------------------------------------------------------
want=()
for a in "$@"; do want+=("${a%.rs}"); done
selected() {
  [ ${#want[@]} -eq 0 ] && return 0
  local w; for w in "${want[@]}"; do [ "$w" = "$1" ] && return 0; done; return 1
}

header() { # header FILE KEY -> value of the first `// KEY: value` line among the leading comments
  awk -v k="// $2:" '!/^\/\//{exit} index($0,k)==1{sub(k" *",""); print; exit}' "$1"
}

declare -A EDITION KIND CODE
names=(); skipped=(); failed=(); passed=(); shimmed=()
fail() { failed+=("$1"); echo "FAIL $1: $2"; }

declare -A SRC
for f in "$HERE"/*.rs "$HERE"/macro_errors/*.rs; do
  [ -f "$f" ] || continue
  name=$(basename "$f" .rs)
  SRC[$name]=$f
  selected "$name" || continue
  # header layout
  l1=$(sed -n 1p "$f"); l2=$(sed -n 2p "$f"); l3=$(sed -n 3p "$f")
  if [[ $l1 != "// case: "* || $l2 != "// deps: "* || $l3 != "// edition: "* ]]; then
    fail "$name" "first three lines must be // case:, // deps:, // edition:"; continue
  fi
  deps=$(header "$f" deps); ed=$(header "$f" edition)
  case $ed in 2018|2021|2024) ;; *) fail "$name" "bad edition '$ed'"; continue;; esac
  # crates used must be declared (comments stripped crudely)
  body=$(sed -e 's://.*$::' "$f")
  for crate in tokio futures tracing; do
    if grep -qE "(^|[^A-Za-z0-9_])${crate}(_[a-z]+)?::" <<<"$body" && ! grep -qw "$crate" <<<"$deps"; then
      fail "$name" "uses $crate but deps is '$deps'"; continue 2
    fi
  done
  orc=$(header "$f" oracle)
  if [ -n "$orc" ] && ! { [ "$orc" = "skip (fork attributes)" ] && [ "${FORK_SHIM:-1}" = 1 ]; }; then
    skipped+=("$name"); continue
  fi
  [ -n "$orc" ] && shimmed+=("$name")
  exp=$(header "$f" expect)
  if [[ $exp == compile-fail* ]]; then KIND[$name]=fail; CODE[$name]=$(awk '{print $2}' <<<"$exp")
  elif [ -z "$exp" ]; then
    KIND[$name]=run
    if grep -qw std <<<"$deps" && ! grep -q "fn block_on" "$f"; then
      fail "$name" "deps: std needs its own block_on executor"; continue
    fi
  else fail "$name" "bad expect '$exp'"; continue; fi
  EDITION[$name]=$ed
  names+=("$name")
done

# ---- workspace ------------------------------------------------------------------------------
DEPS='async-trait = "0.1"
futures = "0.3"
tokio = { version = "1", features = ["full"] }
tracing = "0.1"
tracing-attributes = "0.1"
workflow-async-trait = { path = "../fork-shim" }'
printf '[workspace]\nresolver = "2"\nmembers = ["e2018", "e2021", "e2024", "fork-shim"]\n' > "$WORK/Cargo.toml.new"
# Stand-in for the fork (workflow-async-trait is not packaged): its two attributes re-emit the
# item under the real crate's `#[async_trait]` / `#[async_trait(?Send)]` (spec §11: identical
# modes; the expansion engine is then 0.1.56's, not the fork's 0.1.64). FORK_SHIM=0 skips them.
mkdir -p "$WORK/fork-shim"
printf '[package]\nname = "workflow-async-trait"\nversion = "0.1.68"\nedition = "2021"\npublish = false\n\n[lib]\npath = "lib.rs"\nproc-macro = true\n' > "$WORK/fork-shim/Cargo.toml.new"
cat > "$WORK/fork-shim/lib.rs.new" <<'RS'
use proc_macro::TokenStream;

fn wrap(args: TokenStream, item: TokenStream, attr: &str) -> TokenStream {
    if !args.is_empty() {
        return "compile_error! { \"expected #[async_trait_with_send] or #[async_trait_without_send]\" }"
            .parse()
            .unwrap();
    }
    let mut out: TokenStream = attr.parse().unwrap();
    out.extend(item);
    out
}

#[proc_macro_attribute]
pub fn async_trait_with_send(args: TokenStream, item: TokenStream) -> TokenStream {
    wrap(args, item, "#[::async_trait::async_trait]")
}

#[proc_macro_attribute]
pub fn async_trait_without_send(args: TokenStream, item: TokenStream) -> TokenStream {
    wrap(args, item, "#[::async_trait::async_trait(?Send)]")
}
RS
for ed in 2018 2021 2024; do
  mkdir -p "$WORK/e$ed/src/bin"
  {
    printf '[package]\nname = "cases-e%s"\nversion = "0.0.0"\nedition = "%s"\npublish = false\nautobins = false\n\n[dependencies]\n%s\n' "$ed" "$ed" "$DEPS"
    # a workspace member needs at least one target
    printf '\n[lib]\npath = "lib.rs"\n'
    for n in "${names[@]}"; do
      [ "${EDITION[$n]}" = "$ed" ] || continue
      printf '\n[[bin]]\nname = "%s"\npath = "src/bin/%s.rs"\n' "$n" "$n"
    done
  } > "$WORK/e$ed/Cargo.toml.new"
  : > "$WORK/e$ed/lib.rs"
done
# only replace files that changed, to keep cargo's cache warm
sync_file() { cmp -s "$1" "$2" || cp "$1" "$2"; }
for m in . e2018 e2021 e2024 fork-shim; do sync_file "$WORK/$m/Cargo.toml.new" "$WORK/$m/Cargo.toml"; rm -f "$WORK/$m/Cargo.toml.new"; done
sync_file "$WORK/fork-shim/lib.rs.new" "$WORK/fork-shim/lib.rs"; rm -f "$WORK/fork-shim/lib.rs.new"
for n in "${names[@]}"; do sync_file "${SRC[$n]}" "$WORK/e${EDITION[$n]}/src/bin/$n.rs"; done

cd "$WORK" || exit 2
# build all run-cases at once (parallel); failures are examined per case below
runbins=()
for n in "${names[@]}"; do [ "${KIND[$n]}" = run ] && runbins+=(--bin "$n"); done
if [ ${#runbins[@]} -gt 0 ]; then
  cargo build --workspace --keep-going "${runbins[@]}" >"$WORK/build-all.log" 2>&1 || true
fi

for n in "${names[@]}"; do
  log="$WORK/$n.log"
  fmt=short; [ "${KIND[$n]}" = fail ] && fmt=human
  cargo build -p "cases-e${EDITION[$n]}" --bin "$n" --message-format=$fmt >"$log" 2>&1
  rc=$?
  if [ "${KIND[$n]}" = run ]; then
    if [ $rc -ne 0 ]; then fail "$n" "does not compile: $(grep -m1 -E '^(error|[^ ]+: error)' "$log")"; continue; fi
    if grep -qE '(^|: )warning' "$log"; then fail "$n" "warning: $(grep -m1 -E '(^|: )warning' "$log")"; continue; fi
    out=$(cd "$HERE" && timeout 60 "$WORK/target/debug/$n" 2>"$WORK/$n.stderr"); rc=$?
    if [ $rc -ne 0 ]; then fail "$n" "exit $rc: $(tail -n 3 "$WORK/$n.stderr" | tr '\n' ' ')"; continue; fi
    if [ -z "$out" ]; then fail "$n" "printed nothing"; continue; fi
    passed+=("$n")
  else
    if [ $rc -eq 0 ]; then fail "$n" "compiled, expected compile-fail ${CODE[$n]}"; continue; fi
    code=${CODE[$n]}
    if [ -n "$code" ] && ! grep -q "error\[$code\]" "$log"; then
      fail "$n" "no error[$code]: $(grep -m1 -E 'error' "$log")"; continue
    fi
    ok=1
    while IFS= read -r want_text; do
      [ -z "$want_text" ] && continue
      grep -qF -- "$want_text" "$log" || { fail "$n" "stderr lacks '$want_text'"; ok=0; break; }
    done < <(awk '!/^\/\//{exit} index($0,"// expect-stderr-contains:")==1{sub("// expect-stderr-contains: *",""); print}' "${SRC[$n]}")
    [ $ok -eq 1 ] && passed+=("$n")
  fi
done

[ ${#shimmed[@]} -gt 0 ] && echo "fork cases checked through the stand-in shim (0.1.56 engine): ${shimmed[*]}"
[ ${#skipped[@]} -gt 0 ] && echo "skipped (oracle: skip): ${skipped[*]}"
echo "${#passed[@]} passed, ${#failed[@]} failed"
[ ${#failed[@]} -eq 0 ]
