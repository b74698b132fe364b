#!/usr/bin/env bash
# Runs every Go fuzz target in the repository (every `func FuzzX` in a
# _test.go file), one after the other, each for a fixed budget, and prints
# per target the inputs executed and the CPU time spent. Not part of CI's
# default run (scripts/test.sh): `go test` there only replays the seeds and
# the saved crashers.
#
# A crasher found by `go test -fuzz` is written by the go command to
# <package>/testdata/fuzz/FuzzX/<hash>, where the next plain `go test` of the
# package replays it as a regression test. This script lists the new ones
# (and copies any the go command left elsewhere, e.g. under a different
# working directory, into that place), replays each to confirm it still
# fails, and exits 1 if any target failed. Commit the new files together
# with the fix.
#
# Usage: scripts/fuzz.sh [regexp]   only the targets whose name matches
# Environment:
#   FUZZTIME      budget per target, in go test's -fuzztime syntax
#                 (default 60s; "10000x" means 10000 inputs)
#   FUZZPARALLEL  fuzzing workers per target (default: go's, GOMAXPROCS)
set -uo pipefail
cd "$(dirname "$0")/.."
export PATH="/usr/local/go/bin:$PATH"
export GOTOOLCHAIN=local

fuzztime="${FUZZTIME:-60s}"
filter="${1:-.}"
parallel=()
if [ -n "${FUZZPARALLEL:-}" ]; then
  parallel=(-parallel "$FUZZPARALLEL")
fi

# Targets as "dir name", found the way the brief says: grep for func Fuzz.
mapfile -t targets < <(
  grep -rn --include='*_test.go' -E '^func Fuzz[A-Za-z0-9_]*\(' . \
    | grep -v -E '^\./(\.git|\.cache)/|/testdata/' \
    | sed -E 's|^\./||; s|^(.*)/[^/]*_test\.go:[0-9]+:func (Fuzz[A-Za-z0-9_]*)\(.*|\1 \2|; s|^[^/ ]*_test\.go:[0-9]+:func (Fuzz[A-Za-z0-9_]*)\(.*|. \1|' \
    | sort -u
)
if [ "${#targets[@]}" -eq 0 ]; then
  echo "fuzz.sh: no fuzz targets found" >&2
  exit 2
fi

logdir=$(mktemp -d "${TMPDIR:-/tmp}/asynctrait-fuzz.XXXXXX")
status=0
total_execs=0
total_cpu=0
summary=()

for t in "${targets[@]}"; do
  dir=${t% *}
  name=${t#* }
  if ! [[ "$name" =~ $filter ]]; then
    continue
  fi
  pkg="./$dir"
  [ "$dir" = "." ] && pkg="."
  corpus="$dir/testdata/fuzz/$name"
  before=$(ls -1 "$corpus" 2>/dev/null | sort)
  log="$logdir/$name.log"
  echo "fuzz.sh: $pkg $name for $fuzztime (log: $log)"

  # `time` reports the CPU of go test and everything it waited for: the
  # build, the coordinator and the fuzzing workers.
  TIMEFORMAT='%R %U %S'
  timing=$( { time go test -run='^$' -fuzz="^${name}\$" -fuzztime="$fuzztime" "${parallel[@]}" "$pkg" >"$log" 2>&1; echo "rc=$?" >>"$log"; } 2>&1 )
  rc=$(sed -n 's/^rc=//p' "$log" | tail -1)
  read -r real user sys <<<"$timing"
  cpu=$(awk -v u="$user" -v s="$sys" 'BEGIN { printf "%.1f", u + s }')
  execs=$(grep -o 'execs: [0-9]*' "$log" | tail -1 | grep -o '[0-9]*$')
  execs=${execs:-0}
  total_execs=$((total_execs + execs))
  total_cpu=$(awk -v a="$total_cpu" -v b="$cpu" 'BEGIN { printf "%.1f", a + b }')

  # New crashers: the go command writes them into the package's corpus.
  # One written elsewhere (a go command run from another directory) is
  # copied there, so that it becomes a regression test.
  for f in $(sed -n -E 's|.*(testdata/fuzz/'"$name"'/[0-9a-f]+).*|\1|p' "$log" | sort -u); do
    for cand in "$dir/$f" "$f"; do
      if [ -f "$cand" ] && [ ! -f "$corpus/$(basename "$f")" ]; then
        mkdir -p "$corpus"
        cp "$cand" "$corpus/"
      fi
    done
  done
  after=$(ls -1 "$corpus" 2>/dev/null | sort)
  new=$(comm -13 <(echo "$before") <(echo "$after") | sed '/^$/d')

  result="ok"
  if [ "$rc" != 0 ]; then
    result="FAIL (exit $rc)"
    status=1
  fi
  line=$(printf '%-22s %-16s %12s execs  %8ss CPU  %7ss wall  %s' "$pkg" "$name" "$execs" "$cpu" "$real" "$result")
  summary+=("$line")
  echo "$line"
  if [ -n "$new" ]; then
    status=1
    for n in $new; do
      echo "  new crasher: $corpus/$n (now a regression test of go test $pkg)"
      # Replay it: it must fail, or it is flaky (and worth a look anyway).
      if go test -run="^${name}\$/^${n}\$" "$pkg" >"$log.replay" 2>&1; then
        echo "  note: replaying $n passes; the failure may be flaky (log: $log)"
      else
        echo "  replay fails as expected:"
        grep -E -m 5 -- '--- FAIL|panic:|fuzz_test|_test\.go:[0-9]+:' "$log.replay" | sed 's/^/    /'
      fi
    done
  elif [ "$rc" != 0 ]; then
    echo "  (no crasher file written; see $log)"
    tail -20 "$log" | sed 's/^/    /'
  fi
done

echo
echo "fuzz.sh: summary (budget $fuzztime per target)"
for l in "${summary[@]}"; do
  echo "  $l"
done
echo "  total: $total_execs inputs executed, ${total_cpu}s CPU"
exit $status
