#!/usr/bin/env bash
# Findings unchanged: runs keyhound at git revision REV and at the work
# tree on the full history of each REPO and compares their JSON reports
# (findings with every location, and the problems), leaving out what may
# differ between two runs of the same scan (durations, the version).
#
#   bench/same-findings.sh REV REPO...
#
# Exits 0 when every report matches, 1 with a diff otherwise. Needs jq.
set -euo pipefail
here=$(cd "$(dirname "$0")" && pwd)
root=$(cd "$here/.." && pwd)
[ $# -ge 2 ] || { echo "usage: $0 REV REPO..." >&2; exit 2; }
rev=$1; shift
command -v jq >/dev/null || { echo "needs jq" >&2; exit 2; }
work=$(mktemp -d)
trap 'git -C "$root" worktree remove --force "$work/base" 2>/dev/null || true; rm -rf "$work"' EXIT

go build -o "$work/new" "$root/cmd/keyhound"
git -C "$root" worktree add -q --detach "$work/base" "$rev"
(cd "$work/base" && go build -o "$work/old" ./cmd/keyhound)

status=0
for repo in "$@"; do
  for b in old new; do
    # Exit 1 (findings) and 2 (problems, such as missing blobs) still
    # write a complete report.
    "$work/$b" history "$repo" -q -f json --report "$work/$b.json" </dev/null 2>/dev/null || true
    jq -S '{findings, errors, files: .stats.files, bytes: .stats.bytes, commits: .stats.commits}' "$work/$b.json" > "$work/$b.norm.json"
  done
  n=$(jq '.findings | length' "$work/new.norm.json")
  if cmp -s "$work/old.norm.json" "$work/new.norm.json"; then
    echo "$repo: same report at $rev and in the work tree ($n findings)"
  else
    echo "$repo: the reports differ:"
    diff "$work/old.norm.json" "$work/new.norm.json" | head -50
    status=1
  fi
done
exit $status
