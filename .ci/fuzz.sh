#!/usr/bin/env bash
# Runs every native fuzz target for a short, bounded time, one after
# another, and exits non-zero if any finds a failure (go test then
# writes the failing input to <package>/testdata/fuzz/<Target>/; commit it
# as a regression input along with the fix).
#
#   FUZZTIME       time per target (default 5s; any -fuzztime value: 30s, 1000x)
#   FUZZMINIMIZE   time spent minimising a new input (default 2s)
#   FUZZPARALLEL   fuzzing workers per target (default 1)
#
# Usage: .ci/fuzz.sh [TARGET-REGEXP]   (e.g. .ci/fuzz.sh 'Group|Writers')
set -euo pipefail
cd "$(dirname "$0")/.."

FUZZTIME="${FUZZTIME:-5s}"
FUZZMINIMIZE="${FUZZMINIMIZE:-2s}"
FUZZPARALLEL="${FUZZPARALLEL:-1}"
only="${1:-.}"

# package target
targets=(
  "./rules/ FuzzParseCompile"
  "./rules/ FuzzFind"
  "./rules/ FuzzFindWindows"
  "./rules/ FuzzGroup"
  "./rules/ FuzzValidMnemonic"
  "./rules/ FuzzStartFilter"
  "./report/ FuzzWriters"
  "./verify/ FuzzVerifierResponses"
  "./scan/ FuzzIgnoreRead"
  "./internal/gitpack/ FuzzBlobs"
  "./internal/gitpack/ FuzzApplyDelta"
  "./repoconfig/ FuzzLoad"
  "./internal/textsafe/ FuzzEscape"
  "./syntax/ FuzzScan"
  "./syntax/ FuzzScanTables"
  "./scan/ FuzzIndexNames"
  "./internal/wordset/ FuzzEach"
)

failed=()
for t in "${targets[@]}"; do
  pkg="${t%% *}"
  name="${t##* }"
  [[ "$name" =~ $only ]] || continue
  echo "== $name ($pkg, $FUZZTIME)"
  # -run '^$' skips the other tests; the target's seeds and testdata
  # corpus still run first, so a known failing input fails at once.
  run() {
    go test "$pkg" -run '^$' -fuzz "^${name}\$" -fuzztime "$FUZZTIME" \
      -fuzzminimizetime "$FUZZMINIMIZE" -parallel "$FUZZPARALLEL" 2>&1 | tee "$log"
    return "${PIPESTATUS[0]}"
  }
  log=$(mktemp)
  if ! run; then
    # Go's fuzzer can stop with "context deadline exceeded" when the time
    # runs out mid-exchange with its worker, without any failing input
    # (nothing written, no "Failing input"). That is not a finding: run
    # the target once more, and fail only if it fails again.
    if grep -q "context deadline exceeded" "$log" && ! grep -q "Failing input written" "$log"; then
      echo "fuzz: $name stopped on the fuzzer's own deadline with no failing input; running it again" >&2
      run || failed+=("${pkg#./}testdata/fuzz/$name/")
    else
      failed+=("${pkg#./}testdata/fuzz/$name/")
    fi
  fi
  rm -f "$log"
done

if ((${#failed[@]} > 0)); then
  echo "fuzz: failures; the failing inputs are under: ${failed[*]}" >&2
  exit 1
fi
echo "fuzz: all targets passed"
