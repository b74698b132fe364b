#!/usr/bin/env bash
# Builds everything, runs every measurement of issue 5 and prints a table.
#
#   bash bench/run.sh            # all measurements (several minutes: builds the macro crate)
#   QUICK=1 bash bench/run.sh    # skip the rustc/macro reference
#
# Reference: the real async-trait macro (Debian's 0.1.56) expanding the same
# input inside rustc, measured with -Ztime-passes (`expand_crate`), minus the
# same for a copy of the input without the attributes (native async fn), so
# only the macro's own work is counted. Both the default (unoptimised proc
# macro) and an opt-level=3 build of the macro are measured.
set -euo pipefail
cd "$(dirname "$0")/.."
export PATH="$HOME/.cargo/bin:/usr/local/go/bin:$PATH"
work=${BENCH_DIR:-$(mktemp -d /tmp/asynctrait-bench.XXXXXX)}
mkdir -p "$work"
reps=${REPS:-5}

echo "bench: working in $work" >&2
go build -o "$work/asynctrait" ./cmd/asynctrait
go build -o "$work/readtree" ./bench/readtree
go build -o "$work/timeit" ./bench/timeit
go run ./bench/gen -traits 1 -o "$work/small.rs"
go run ./bench/gen -traits 200 -o "$work/medium.rs"
go run ./bench/gen -traits 2000 -o "$work/large.rs"
for s in small medium large; do
  n=$(case $s in small) echo 1;; medium) echo 200;; large) echo 2000;; esac)
  go run ./bench/gen -traits "$n" -native -o "$work/${s}_native.rs"
done

# best-of-N wall time (s) and largest peak RSS (KiB) of a command, its
# output discarded: bench/timeit reads the clock around the command only
measure() { "$work/timeit" -n "$reps" -- "$@"; }

# best-of-N wall time in seconds of a command
wall() { local t m; read -r t m < <(measure "$@"); echo "$t"; }

declare -A ours_t ours_m size outsize
for s in small medium large; do
  size[$s]=$(stat -c %s "$work/$s.rs")
  outsize[$s]=$("$work/asynctrait" expand "$work/$s.rs" | wc -c)
  read -r t m < <(measure "$work/asynctrait" expand "$work/$s.rs")
  ours_t[$s]=$t
  ours_m[$s]=$m
done

# start-up: an empty input on stdin, averaged over 200 runs
start_a=$(date +%s.%N)
for _ in $(seq 200); do "$work/asynctrait" expand </dev/null >/dev/null; done
start_b=$(date +%s.%N)
startup_ms=$(awk "BEGIN{printf \"%.2f\", ($start_b - $start_a) * 1000 / 200}")
read -r _ empty_m < <(measure "$work/asynctrait" expand)

# --check over the whole Debian registry on 2 cores
reg=/usr/share/cargo/registry
reg_bytes=$(find "$reg" -name '*.rs' -type f -printf '%s\n' 2>/dev/null | awk '{s+=$1} END{print s+0}')
read -r reg_t reg_m < <(measure "$work/asynctrait" expand --check -j 2 "$reg")
read_t=$(wall "$work/readtree" -j 2 "$reg") # the floor: walking and reading only

macro_line() { :; }
declare -A mac_dbg mac_opt
if [ -z "${QUICK:-}" ]; then
  proj="$work/macro"
  mkdir -p "$proj/src" "$proj/.cargo"
  bash ../shared/rust-offline/setup.sh "$proj/.cargo" >/dev/null
  expand_time() { # profile-dir file -> seconds of expand_crate (best of reps)
    local dir=$1 file=$2 best=""
    cp "$file" "$dir/src/lib.rs"
    for _ in $(seq "$reps"); do
      touch "$dir/src/lib.rs"
      local t
      t=$(cd "$dir" && RUSTC_BOOTSTRAP=1 cargo rustc -q --profile=check --lib -- -Ztime-passes 2>&1 \
        | awk '/expand_crate/ {for (i=1;i<=NF;i++) if ($i ~ /^[0-9.]+;$/) {sub(";","",$i); print $i; exit}}')
      if [ -z "$best" ] || awk "BEGIN{exit !($t < $best)}"; then best=$t; fi
    done
    echo "$best"
  }
  for prof in dbg opt; do
    dir="$work/macro-$prof"
    mkdir -p "$dir/src" "$dir/.cargo"
    cp "$proj/.cargo/config.toml" "$dir/.cargo/"
    cat >"$dir/Cargo.toml" <<EOF
[package]
name = "bench-macro"
version = "0.1.0"
edition = "2021"

[dependencies]
async-trait = "0.1"
EOF
    if [ $prof = opt ]; then printf '\n[profile.dev.build-override]\nopt-level = 3\n' >>"$dir/Cargo.toml"; fi
    cp "$work/small.rs" "$dir/src/lib.rs"
    (cd "$dir" && cargo check -q 2>/dev/null || true)
    for s in small medium large; do
      a=$(expand_time "$dir" "$work/$s.rs")
      b=$(expand_time "$dir" "$work/${s}_native.rs")
      v=$(awk "BEGIN{d=$a-$b; if (d < 0.0001) d=0.0001; print d}")
      if [ $prof = dbg ]; then mac_dbg[$s]=$v; else mac_opt[$s]=$v; fi
    done
  done
fi

printf '\nasynctrait %s on %s (%s cores), %s\n' "$(git rev-parse --short HEAD)" "$(uname -m)" "$(nproc)" "$(date -u +%Y-%m-%d)"
printf '%-8s %10s %10s %10s %10s %10s %9s %12s %12s %10s %10s\n' input bytes "out bytes" "ours(s)" "MB/s" "peak(MB)" "peak/file" "macro(s)" "macro-opt(s)" ratio ratio-opt
for s in small medium large; do
  mbs=$(awk "BEGIN{printf \"%.1f\", ${size[$s]} / ${ours_t[$s]} / 1e6}")
  pm=$(awk "BEGIN{printf \"%.1f\", ${ours_m[$s]} / 1024}")
  # peak over the largest file the run handles (input or output), after
  # subtracting the start-up footprint measured on an empty input
  pf=$(awk "BEGIN{f=${size[$s]}; if (${outsize[$s]} > f) f=${outsize[$s]}; printf \"%.1fx\", (${ours_m[$s]} - $empty_m) * 1024 / f}")
  md=${mac_dbg[$s]:-n/a}; mo=${mac_opt[$s]:-n/a}
  rd=n/a; ro=n/a
  [ "$md" != n/a ] && rd=$(awk "BEGIN{printf \"%.0fx\", $md / ${ours_t[$s]}}")
  [ "$mo" != n/a ] && ro=$(awk "BEGIN{printf \"%.0fx\", $mo / ${ours_t[$s]}}")
  printf '%-8s %10s %10s %10s %10s %10s %9s %12s %12s %10s %10s\n' "$s" "${size[$s]}" "${outsize[$s]}" "${ours_t[$s]}" "$mbs" "$pm" "$pf" "$md" "$mo" "$rd" "$ro"
done
printf '\n--check over %s (%s bytes of .rs) with -j 2: %ss, %.0f MB/s, peak %.1f MB\n' \
  "$reg" "$reg_bytes" "$reg_t" "$(awk "BEGIN{print $reg_bytes / $reg_t / 1e6}")" "$(awk "BEGIN{print $reg_m / 1024}")"
printf 'walking and reading the same files only (bench/readtree -j 2): %ss, %.0f MB/s; --check costs %.2fx that\n' \
  "$read_t" "$(awk "BEGIN{print $reg_bytes / $read_t / 1e6}")" "$(awk "BEGIN{print $reg_t / $read_t}")"
printf 'start-up on empty input: %s ms, peak %.1f MB\n' "$startup_ms" "$(awk "BEGIN{print $empty_m / 1024}")"
