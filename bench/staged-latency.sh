#!/usr/bin/env bash
# Staged-hook latency: how long `keyhound staged` takes, start-up included,
# on a large repository with 10 files staged — what a developer waits for
# on every commit.
#
#   bench/staged-latency.sh [REPO] [RUNS]
#
# REPO is any local git repository (bare or not; default: a generated one
# with 12,000 commits). It is cloned into a temporary directory with
# --no-checkout and its index is built from HEAD's tree (git read-tree), so
# no working files are needed — snapshots with missing large blobs work.
# Needs git. Prints p50/p90/max in milliseconds and a JSON line.
set -euo pipefail
here=$(cd "$(dirname "$0")" && pwd)
root=$(cd "$here/.." && pwd)
src=${1:-}
runs=${2:-50}
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT

go build -o "$work/keyhound" "$root/cmd/keyhound"

if [ -z "$src" ]; then
  src="$work/generated"
  go run "$here/gen" -out "$src" -commits 12000 -files 3000 >/dev/null
fi
git clone -q --no-checkout "$src" "$work/repo" 2>/dev/null
cd "$work/repo"
git read-tree HEAD
commits=$(git rev-list --count HEAD)
entries=$(git ls-files | wc -l)
for i in $(seq 1 10); do
  mkdir -p "staged_$i"
  printf 'import os\n\nVALUE_%d = os.environ.get("SETTING_%d", "default")\nprint(VALUE_%d)\n' "$i" "$i" "$i" > "staged_$i/module.py"
  git add "staged_$i/module.py"
done

times=()
for _ in $(seq 1 "$runs"); do
  s=$(date +%s%N)
  "$work/keyhound" staged -q . || { echo "keyhound staged failed" >&2; exit 2; }
  e=$(date +%s%N)
  times+=($(( (e - s) / 1000 )))
done
sorted=$(printf '%s\n' "${times[@]}" | sort -n)
pct() { printf '%s\n' "$sorted" | awk -v p="$1" '{a[NR]=$1} END{i=int((NR-1)*p)+1; printf "%.1f", a[i]/1000}'; }
p50=$(pct 0.5); p90=$(pct 0.9); max=$(pct 1.0)
echo "repository: $commits commits, $entries index entries, 10 files staged, $runs runs"
echo "keyhound staged: p50 ${p50} ms, p90 ${p90} ms, max ${max} ms (start-up included)"
printf '{"commits":%s,"index_entries":%s,"runs":%s,"p50_ms":%s,"p90_ms":%s,"max_ms":%s}\n' "$commits" "$entries" "$runs" "$p50" "$p90" "$max"
