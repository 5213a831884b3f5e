#!/usr/bin/env bash
# Full-history scan benchmark, side by side in one run on one repository:
#
#   keyhound history                  (default packs)
#   keyhound history --pack gitleaks  (adds gitleaks' rules)
#   gitleaks git, release-style build (-tags gore2regex)
#   gitleaks git, plain go install    (stdlib regexp; what pre-commit builds)
#   git cat-file --batch-all-objects --batch --unordered  (the floor)
#
#   bench/history.sh [REPO...]     REPO: any local repository, one table
#                                  each (default: a generated one, see
#                                  bench/gen; "generated" names it too)
#   BENCH_PLAIN=0                  skip the plain gitleaks build (it takes
#                                  minutes on large histories)
#   BENCH_OUT=dir                  where the table and JSON go (default bench/out)
#   BENCH_BASELINE=REV             also build keyhound at git revision REV and
#                                  measure it in the same run (before/after)
#   BENCH_WORKERS1=0               skip keyhound with --workers 1 (how it
#                                  scales from one core to all)
#   BENCH_PACK=0                   skip keyhound with --pack gitleaks
#
# Prints a markdown table (exit status: "err" when a tool exited 0 but
# reported an error, as gitleaks does when git log dies on a missing
# object; wall, CPU, peak RSS, MB/s of unique blob bytes,
# ratios to gitleaks' release build and to the floor, CPU/wall) and, for
# keyhound, the targets of issue 12 (3x faster than gitleaks' release
# build, at most 2.5x the floor, peak RSS under 512 MiB, CPU/wall at
# least 1.8 on 2 cores), and writes them with a JSON copy to $BENCH_OUT.
# gitleaks v8.30.1 comes from the Go module proxy.
set -euo pipefail
here=$(cd "$(dirname "$0")" && pwd)
root=$(cd "$here/.." && pwd)
out=${BENCH_OUT:-$root/bench/out}
mkdir -p "$out"
cache=${XDG_CACHE_HOME:-$HOME/.cache}/keyhound-bench
mkdir -p "$cache"
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT

generated() {
  local g="$cache/generated-20000"
  [ -d "$g" ] || go run "$here/gen" -out "$g" -commits 20000 -files 4000 -manifest "$cache/generated-20000.json" >/dev/null
  echo "$g"
}
# missing_paths REPO: the paths (one a line) at which some commit holds a
# blob the repository does not have (a partial clone's omitted blobs).
missing_paths() {
  local miss="$work/missing"
  git -C "$1" rev-list --objects --all --missing=print 2>/dev/null | sed -n 's/^?//p' | sort -u > "$miss"
  [ -s "$miss" ] || return 0
  git -C "$1" log --all -m --no-renames --raw --no-abbrev --format= 2>/dev/null |
    awk -F'\t' 'NR==FNR { m[$0] = 1; next } { split($1, f, " "); if (m[f[4]]) print $2 }' "$miss" - | sort -u
}

repos=("$@")
[ ${#repos[@]} -gt 0 ] || repos=(generated)

echo "building keyhound and gitleaks v8.30.1..." >&2
go build -o "$work/keyhound" "$root/cmd/keyhound"
if [ -n "${BENCH_BASELINE:-}" ]; then
  git -C "$root" worktree add -q --detach "$work/baseline" "$BENCH_BASELINE"
  (cd "$work/baseline" && go build -o "$work/keyhound-baseline" ./cmd/keyhound)
  git -C "$root" worktree remove --force "$work/baseline"
fi
if [ ! -x "$cache/gitleaks-re2" ]; then
  GOBIN="$work/gb1" go install -tags gore2regex github.com/zricethezav/gitleaks/v8@v8.30.1
  mv "$work/gb1/gitleaks" "$cache/gitleaks-re2"
fi
if [ "${BENCH_PLAIN:-1}" != 0 ] && [ ! -x "$cache/gitleaks-plain" ]; then
  GOBIN="$work/gb2" go install github.com/zricethezav/gitleaks/v8@v8.30.1
  mv "$work/gb2/gitleaks" "$cache/gitleaks-plain"
fi

# measure NAME CMD...: wall seconds, user+sys seconds, peak RSS KiB
measure() {
  local name=$1; shift
  local tf="$work/time.$RANDOM"
  local rc=0
  /usr/bin/time -f "%e %U %S %M" -o "$tf" "$@" >/dev/null 2>"$work/err" || rc=$?
  read -r wall user sys rss < <(tail -n 1 "$tf")
  # gitleaks exits 0 when its git log dies (missing objects): its stderr says so.
  if [ "$rc" = 0 ] && grep -qiE 'fatal|\bERR\b' "$work/err"; then rc=err; fi
  rows+=("$name|$wall|$(awk -v u="$user" -v s="$sys" 'BEGIN{printf "%.2f", u+s}')|$rss|$rc")
  echo "  $name: ${wall}s (exit $rc)" >&2
  # A tool that stopped on an error did not do the work: say so. (keyhound
  # exits 1 for findings and 2 when objects are missing but scans the rest.)
  [ "$rc" = 0 ] || head -c 300 "$work/err" | sed 's/^/    /' >&2
}

machine="$(nproc) cores, $(free -g | awk '/Mem:/{print $2}') GiB, $(uname -sm), $(date -u +%Y-%m-%d)"
: > "$out/history.md"
json_sep=""
echo "[" > "$out/history.json"
for repo in "${repos[@]}"; do
  [ "$repo" != generated ] || repo=$(generated)
  commits=$(git -C "$repo" rev-list --all --count)
  read -r blobs bytes < <(git -C "$repo" cat-file --batch-all-objects --batch-check='%(objecttype) %(objectsize)' | awk '$1=="blob"{n++; s+=$2} END{printf "%d %.0f\n", n, s}')
  declare -a rows=()
  echo "scanning $repo ($commits commits, $blobs blobs, $((bytes/1000000)) MB)..." >&2
  measure "git cat-file (floor)" sh -c "git -C '$repo' cat-file --batch-all-objects --batch --unordered > /dev/null"
  measure "keyhound history" "$work/keyhound" history "$repo" -q
  if [ "${BENCH_WORKERS1:-1}" != 0 ]; then
    measure "keyhound history --workers 1" "$work/keyhound" history "$repo" -q --workers 1
  fi
  if [ -n "${BENCH_BASELINE:-}" ]; then
    measure "keyhound history at $BENCH_BASELINE" "$work/keyhound-baseline" history "$repo" -q
  fi
  if [ "${BENCH_PACK:-1}" != 0 ]; then
    measure "keyhound history --pack gitleaks" "$work/keyhound" history "$repo" -q --pack gitleaks
  fi
  # A snapshot without some blobs (a partial clone) stops gitleaks' git log
  # at the first one. It gets its default log options plus an exclusion of
  # every path where a missing blob sits, so that it scans all the rest:
  # slightly less than keyhound, which also scans those paths' other
  # versions.
  glopts=()
  missing_paths "$repo" > "$work/excluded"
  excluded=$(wc -l < "$work/excluded")
  if [ "$excluded" -gt 0 ]; then
    # gitleaks splits its log options at spaces: a path with one is a glob
    # with ? in its place, any other path is taken literally.
    opts="--full-history --all --diff-filter=tuxdb -- ."
    while IFS= read -r p; do
      case $p in
        *" "*) opts="$opts :(exclude,glob)${p// /?}" ;;
        *) opts="$opts :(exclude,literal)$p" ;;
      esac
    done < "$work/excluded"
    glopts=(--log-opts "$opts")
    echo "  gitleaks: $excluded paths with missing blobs excluded from its git log" >&2
  fi
  measure "gitleaks git (release build, re2)" "$cache/gitleaks-re2" git "$repo" --no-banner --log-level error --exit-code 0 --report-path "$work/gl1.json" "${glopts[@]}"
  if [ "${BENCH_PLAIN:-1}" != 0 ]; then
    measure "gitleaks git (go install, stdlib regexp)" "$cache/gitleaks-plain" git "$repo" --no-banner --log-level error --exit-code 0 --report-path "$work/gl2.json" "${glopts[@]}"
  fi

  floor=$(echo "${rows[0]}" | cut -d'|' -f2)
  gl=$(printf '%s\n' "${rows[@]}" | grep "release build" | cut -d'|' -f2)
  glrc=$(printf '%s\n' "${rows[@]}" | grep "release build" | cut -d'|' -f5)
  {
    echo "Repository: $repo — $commits commits, $blobs unique blobs, $((bytes/1000000)) MB of blob bytes. Machine: $machine."
    [ "$excluded" = 0 ] || echo "gitleaks' git log excludes the $excluded paths where the snapshot lacks a blob (keyhound scans their other versions)."
    echo
    echo "| tool | exit | wall s | CPU s | CPU/wall | peak RSS MiB | MB/s | vs gitleaks release | vs floor |"
    echo "|---|---:|---:|---:|---:|---:|---:|---:|---:|"
    for r in "${rows[@]}"; do
      IFS='|' read -r name wall cpu rss rc <<< "$r"
      awk -v n="$name" -v w="$wall" -v c="$cpu" -v r="$rss" -v b="$bytes" -v g="$gl" -v f="$floor" -v x="$rc" \
        'BEGIN{printf "| %s | %s | %s | %s | %.2f | %d | %.0f | %.2fx | %.2fx |\n", n, x, w, c, c/w, r/1024, b/1e6/w, w/g, w/f}'
    done
    echo
    IFS='|' read -r name wall cpu rss rc <<< "${rows[1]}"
    note=""
    [ "$glrc" = 0 ] || note=" (gitleaks did not finish: exit $glrc; not a comparison of equal work)"
    awk -v w="$wall" -v c="$cpu" -v r="$rss" -v g="$gl" -v f="$floor" -v note="$note" 'BEGIN{
      printf "Targets for keyhound history: %.2fx faster than gitleaks release (target 3x)%s %s; %.2fx the floor (target 2.5x) %s; peak RSS %d MiB (target < 512) %s; CPU/wall %.2f (target 1.8) %s.\n",
        g/w, note, (g/w >= 3 ? "met" : "missed"), w/f, (w/f <= 2.5 ? "met" : "missed"), r/1024, (r/1024 < 512 ? "met" : "missed"), c/w, (c/w >= 1.8 ? "met" : "missed")}'
    echo
  } | tee -a "$out/history.md"
  {
    printf '%s{"repository":"%s","commits":%s,"blobs":%s,"blob_bytes":%s,"machine":"%s","results":[' "$json_sep" "$repo" "$commits" "$blobs" "$bytes" "$machine"
    sep=""
    for r in "${rows[@]}"; do
      IFS='|' read -r name wall cpu rss rc <<< "$r"
      printf '%s{"tool":"%s","exit":"%s","wall_s":%s,"cpu_s":%s,"peak_rss_kib":%s}' "$sep" "$name" "$rc" "$wall" "$cpu" "$rss"
      sep=","
    done
    printf ']}\n'
  } >> "$out/history.json"
  json_sep=","
done
echo "]" >> "$out/history.json"
echo "written: $out/history.md, $out/history.json" >&2
