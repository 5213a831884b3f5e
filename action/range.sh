#!/usr/bin/env bash
# range.sh decides which commits the keyhound action scans, from the event
# that started the workflow, and writes the step outputs
#
#   skip    true when there is nothing to scan (a deleted branch or tag)
#   range   the keyhound --range SPEC: BASE..HEAD, or HEAD for all of
#           HEAD's history (empty when skip is true)
#   base    BASE commit ("" for a full-history scan)
#   head    HEAD commit
#   reason  why this range, in words
#   root    the repository's top directory
#   config-from  the commit keyhound reads the repository's configuration
#           and ignore files from, for a full-history scan: the pull
#           request's base for pull-request events (never the commits
#           being scanned), the scanned commit itself for pushes and other
#           events (written by people with write access); "" for a range,
#           where keyhound uses the range's base
#
# Inputs (environment):
#   KH_PATH            repository directory (default .)
#   KH_RANGE           auto (default), incremental, full, or a literal SPEC
#   KH_SARIF           true when the results go to code scanning
#   KH_REMOTE          remote to fetch missing commits from (default origin)
#   GITHUB_EVENT_NAME, GITHUB_EVENT_PATH, GITHUB_OUTPUT  set by the runner
#   KEYHOUND_ACTION_JSON  jq or python3: force the JSON reader (tests)
#
# Per event (range auto / incremental):
#   pull_request, pull_request_target   base.sha..head.sha
#   merge_group                         base_sha..head_sha
#   push                                before..after; with auto and
#       sarif true: all history of after (see README: a code-scanning
#       analysis must be complete, or GitHub closes the alerts it lacks)
#     deleted ref (after = 0…0)         skip
#     before = after                    after..after (empty, scans nothing)
#     new ref (before = 0…0), or before not in the repository and not
#     fetchable (forced push)           merge-base(after, origin/DEFAULT)..after
#       where DEFAULT is the repository's default branch; all history of
#       after when the ref is the default branch or there is no merge base
#   anything else (workflow_dispatch, schedule, …)   all history of HEAD
#
# A shallow clone is deepened with git fetch --unshallow; if that fails and
# the history the range needs is not all there, the script fails (exit 2)
# rather than scan a truncated range.
set -euo pipefail

here=$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)
# shellcheck source-path=SCRIPTDIR source=lib.sh
. "$here/lib.sh"

repo=${KH_PATH:-.}
mode=${KH_RANGE:-auto}
sarif=false
kh_bool sarif sarif "${KH_SARIF:-false}"
remote=${KH_REMOTE:-origin}
event=${GITHUB_EVENT_NAME:-}
event_file=${GITHUB_EVENT_PATH:-}

g() { git -C "$repo" "$@"; }

g rev-parse --git-dir >/dev/null 2>&1 ||
	kh_die "$repo is not a git repository: run actions/checkout (with fetch-depth: 0) before keyhound"
root=$(g rev-parse --show-toplevel)

is_zero() { [[ $1 =~ ^0+$ ]]; }

# peel SHA prints the commit SHA names (peeling annotated tags), or fails.
peel() { g rev-parse --verify --quiet "$1^{commit}" 2>/dev/null; }

have() { peel "$1" >/dev/null; }

is_shallow() { [ "$(g rev-parse --is-shallow-repository)" = true ]; }

# fetch REFSPEC... fetches from the remote, deepening a shallow clone.
fetch() {
	local args=(fetch --no-tags --quiet)
	if is_shallow; then
		args+=(--unshallow)
	fi
	kh_log "git fetch ${args[*]:1} $remote $*"
	g "${args[@]}" "$remote" "$@" 2>&1 | kh_sanitize >&2
}

# truncated REV... prints the shallow-boundary commits among those git
# rev-list REV... lists: commits whose parents this clone lacks.
truncated() {
	local shallow
	shallow=$(g rev-parse --git-path shallow)
	case $shallow in /*) ;; *) shallow=$(cd "$repo" && pwd)/$shallow ;; esac
	[ -s "$shallow" ] || return 0
	g rev-list "$@" | grep -F -x -f "$shallow" || true
}

# need_history BASE HEAD makes sure HEAD (and BASE, unless "") are here
# with all the history of BASE..HEAD (or of HEAD when BASE is ""),
# fetching from the remote when they are not. Dies when they cannot be.
need_history() {
	local base=$1 head=$2 missing=false
	if ! have "$head" || { [ -n "$base" ] && ! have "$base"; }; then
		missing=true
	fi
	if $missing || is_shallow; then
		local want=("$head")
		[ -n "$base" ] && want+=("$base")
		fetch "${want[@]}" ||
			kh_log "fetching ${want[*]} from $remote failed"
	fi
	have "$head" ||
		kh_die "commit $head is not in the repository and could not be fetched from $remote; check out with actions/checkout and fetch-depth: 0"
	[ -z "$base" ] || have "$base" ||
		kh_die "commit $base is not in the repository and could not be fetched from $remote; check out with actions/checkout and fetch-depth: 0"
	local cut
	if [ -n "$base" ]; then
		cut=$(truncated "$(peel "$head")" "^$(peel "$base")")
	else
		cut=$(truncated "$(peel "$head")")
	fi
	[ -z "$cut" ] ||
		kh_die "the clone is shallow and the history to scan stops at $(printf '%s' "$cut" | head -n 1); check out with actions/checkout and fetch-depth: 0"
}

# The files a repository configures its own scan with, at its root. For a
# range scan keyhound reads them from the range's base commit, not from
# the commits it scans, which must not decide how they are scanned.
config_files=(.keyhound.toml .keyhoundignore .gitleaksignore .gitleaks.toml)

# who_changes says who changes the configuration, in the warning.
who_changes=
case $event in
pull_request | pull_request_target) who_changes="this pull request changes" ;;
push) who_changes="this push changes" ;;
*) who_changes="the commits scanned change" ;;
esac

# config_changes BASE HEAD prints, comma-separated, the configuration files
# that the commits of BASE..HEAD change: git diff BASE...HEAD, from their
# merge base, so that what changed on BASE's side does not count. Prints
# nothing when git cannot tell (BASE or HEAD unknown).
config_changes() {
	local changed f list=""
	if ! changed=$(git -C "$root" diff --name-only --no-renames "$1...$2" -- "${config_files[@]}" 2>/dev/null); then
		kh_log "cannot tell whether $1..$2 changes keyhound's configuration (git diff failed)"
		return 0
	fi
	for f in "${config_files[@]}"; do
		if printf '%s\n' "$changed" | grep -qxF -- "$f"; then
			list="${list:+$list, }$f"
		fi
	done
	printf '%s' "$list"
}

# warn_config_changes BASE HEAD: a warning annotation when the range
# changes the configuration, since the scan did not use the change.
warn_config_changes() {
	local files b
	files=$(config_changes "$1" "$2")
	[ -n "$files" ] || return 0
	b=$(peel "$1") || b=$1
	kh_annotate warning "$who_changes keyhound's configuration: $files; the scan used the base commit's version (${b:0:12})"
}

emit() { # skip range base head reason [config-from]
	if [ "$1" = false ] && [ -n "$3" ] && [ "$3" != "$4" ]; then
		warn_config_changes "$3" "$4"
	fi
	kh_output skip "$1"
	kh_output range "$2"
	kh_output base "$3"
	kh_output head "$4"
	kh_output reason "$5"
	kh_output root "$root"
	kh_output config-from "${6:-}"
	if [ "$1" = true ]; then
		kh_log "nothing to scan: $5"
	elif [ -n "$3" ]; then
		kh_log "scanning $2 ($(g rev-list --count "$2" 2>/dev/null || echo '?') commits): $5"
	else
		kh_log "scanning all history of $4 ($(g rev-list --count "$4" 2>/dev/null || echo '?') commits): $5"
	fi
	exit 0
}

scan_full() { # head reason [config-from, default head]
	need_history "" "$1"
	local h c
	h=$(peel "$1")
	c=$h
	if [ -n "${3:-}" ]; then
		c=$(peel "$3") || kh_die "cannot resolve $3, whose configuration the scan needs"
	fi
	emit false "$h" "" "$h" "$2" "$c"
}

scan_range() { # base head reason
	local b h
	if [ "$1" = "$2" ]; then
		# Empty range: no history needed, only the commit itself.
		have "$2" || need_history "" "$2"
	else
		need_history "$1" "$2"
	fi
	b=$(peel "$1")
	h=$(peel "$2")
	emit false "$b..$h" "$b" "$h" "$3"
}

# scan_new_ref HEAD REF DEFAULT WHY: the commits of HEAD that are not on the
# default branch, or all of HEAD's history for the default branch itself.
scan_new_ref() {
	local head=$1 ref=$2 default=$3 why=$4
	if [ -z "$default" ] || [ "$ref" = "refs/heads/$default" ]; then
		scan_full "$head" "$why; all history of the default branch"
	fi
	local dref="refs/remotes/$remote/$default"
	if ! have "$dref" || ! have "$head" || is_shallow; then
		fetch "$head" "+refs/heads/$default:$dref" || kh_log "fetching $default from $remote failed"
	fi
	local mb=""
	if have "$dref" && have "$head"; then
		mb=$(g merge-base "$head" "$dref" || true)
	fi
	if [ -z "$mb" ]; then
		scan_full "$head" "$why; no common history with $default, so all history"
	fi
	scan_range "$mb" "$head" "$why; the commits not on $default"
}

case $mode in
auto | incremental | full) ;;
'') mode=auto ;;
*)
	# A literal SPEC from the range input, used as given.
	who_changes="the commits scanned change"
	case $mode in
	*..*) emit false "$mode" "${mode%%..*}" "${mode#*..}" "range input" ;;
	*) emit false "$mode" "" "$mode" "range input" ;;
	esac
	;;
esac

event_json() {
	if [ -z "$event_file" ] || [ ! -r "$event_file" ]; then
		kh_die "GITHUB_EVENT_PATH (\"$event_file\") is not a readable file; a $event event needs its payload"
	fi
	kh_json_pick || kh_die "$KH_JSON_ERR"
}

# get VAR DOTTED.PATH sets VAR to a scalar of the event payload.
get() {
	local v
	v=$(kh_json_get "$event_file" "$2") || kh_die "cannot read $2 from $event_file ($KH_JSON failed)"
	printf -v "$1" '%s' "$v"
}

case $event in
pull_request | pull_request_target | merge_group)
	event_json
	if [ "$event" = merge_group ]; then
		base='' head=''
		get base merge_group.base_sha
		get head merge_group.head_sha
	else
		base='' head='' number=''
		get base pull_request.base.sha
		get head pull_request.head.sha
		get number pull_request.number
		if [ -n "$head" ] && [ -n "$number" ] && ! have "$head"; then
			# pull_request_target checks out the base branch; the
			# head commits (maybe from a fork) are under refs/pull/.
			fetch "refs/pull/$number/head" || true
		fi
	fi
	if [ -z "$base" ] || [ -z "$head" ]; then
		kh_die "the $event payload has no base and head commits"
	fi
	if [ "$mode" = full ]; then
		have "$base" || fetch "$base" || true
		scan_full "$head" "$event, range full" "$base"
	fi
	scan_range "$base" "$head" "$event: the commits it adds to its base"
	;;
push)
	event_json
	before='' after='' ref='' deleted='' default=''
	get before before
	get after after
	get ref ref
	get deleted deleted
	get default repository.default_branch
	if [ "$deleted" = true ] || [ -z "$after" ] || is_zero "$after"; then
		emit true "" "" "" "push deleted $ref"
	fi
	if [ "$mode" = full ]; then
		scan_full "$after" "push, range full"
	fi
	if [ "$mode" = auto ] && [ "$sarif" = true ]; then
		scan_full "$after" "push with sarif: code scanning needs every finding of the branch"
	fi
	if [ -z "$before" ] || is_zero "$before"; then
		scan_new_ref "$after" "$ref" "$default" "first push of $ref"
	fi
	if [ "$before" = "$after" ]; then
		scan_range "$after" "$after" "push did not move $ref"
	fi
	if ! have "$before"; then
		fetch "$before" || true
	fi
	if have "$before"; then
		scan_range "$before" "$after" "push: the commits it adds to $ref"
	fi
	scan_new_ref "$after" "$ref" "$default" "before ($before) is not in the repository (forced push?)"
	;;
*)
	head=$(peel HEAD) || kh_die "$repo has no HEAD commit to scan"
	scan_full "$head" "${event:-no} event: all history of HEAD"
	;;
esac
