#!/usr/bin/env bash
# Linear scaling: keyhound history on generated repositories of three
# sizes, each twice the one before (same generator, same seed, same files
# per commit), so the ratios show how time grows with the history.
#
#   bench/scaling.sh [BASE_COMMITS]   (default 5000: 5k, 10k, 20k commits)
#   BENCH_OUT=dir                     where the table and JSON go (default bench/out)
#
# Prints a markdown table (commits, unique blob MB, wall, CPU, peak RSS,
# and each size's time relative to the previous one) and writes it with a
# JSON copy to $BENCH_OUT.
set -euo pipefail
here=$(cd "$(dirname "$0")" && pwd)
root=$(cd "$here/.." && pwd)
out=${BENCH_OUT:-$root/bench/out}
mkdir -p "$out"
cache=${XDG_CACHE_HOME:-$HOME/.cache}/keyhound-bench
mkdir -p "$cache"
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
base=${1:-5000}

go build -o "$work/keyhound" "$root/cmd/keyhound"
rows=()
json=()
prev=""
for mult in 1 2 4; do
  n=$((base * mult))
  repo="$cache/generated-$n"
  if [ ! -d "$repo" ]; then
    echo "generating $n commits..." >&2
    go run "$here/gen" -out "$repo" -commits "$n" -files 3000 -manifest "$cache/generated-$n.json" >/dev/null
  fi
  read -r blobs bytes < <(git -C "$repo" cat-file --batch-all-objects --batch-check='%(objecttype) %(objectsize)' | awk '$1=="blob"{n++; s+=$2} END{print n, s}')
  tf="$work/time"
  /usr/bin/time -f "%e %U %S %M" -o "$tf" "$work/keyhound" history -q "$repo" >/dev/null 2>&1 || true
  read -r wall user sys rss < <(tail -n 1 "$tf")
  cpu=$(awk -v u="$user" -v s="$sys" 'BEGIN{printf "%.2f", u+s}')
  ratio="-"
  [ -n "$prev" ] && ratio=$(awk -v a="$wall" -v b="$prev" 'BEGIN{printf "%.2f", a/b}')
  prev=$wall
  mb=$((bytes / 1000000))
  echo "  $n commits: ${wall}s" >&2
  rows+=("| $n | $blobs | $mb | $wall | $cpu | $((rss / 1024)) | $ratio |")
  json+=("{\"commits\":$n,\"blobs\":$blobs,\"blob_mb\":$mb,\"wall_s\":$wall,\"cpu_s\":$cpu,\"rss_mib\":$((rss / 1024)),\"wall_vs_previous\":\"$ratio\"}")
done
{
  echo "| commits | unique blobs | blob MB | wall s | CPU s | peak RSS MiB | wall vs previous size |"
  echo "|---:|---:|---:|---:|---:|---:|---:|"
  printf '%s\n' "${rows[@]}"
} | tee "$out/scaling.md"
(IFS=,; echo "[${json[*]}]") > "$out/scaling.json"
