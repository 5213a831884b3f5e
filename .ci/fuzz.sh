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
  "./report/ FuzzWriters"
  "./verify/ FuzzVerifierResponses"
)

failed=()
for t in "${targets[@]}"; do
  pkg="${t%% *}"
  name="${t##* }"
  [[ "$name" =~ $only ]] || continue
  echo "== $name ($pkg, $FUZZTIME)"
  # -run '^$' skips the other tests; the target's seeds and testdata
  # corpus still run first, so a known failing input fails at once.
  if ! go test "$pkg" -run '^$' -fuzz "^${name}\$" -fuzztime "$FUZZTIME" \
      -fuzzminimizetime "$FUZZMINIMIZE" -parallel "$FUZZPARALLEL"; then
    failed+=("${pkg#./}testdata/fuzz/$name/")
  fi
done

if ((${#failed[@]} > 0)); then
  echo "fuzz: failures; the failing inputs are under: ${failed[*]}" >&2
  exit 1
fi
echo "fuzz: all targets passed"
