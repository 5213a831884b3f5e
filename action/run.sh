#!/usr/bin/env bash
# run.sh runs keyhound history over the range range.sh chose, and turns
# keyhound's exit code into the step's result and outputs:
#
#   keyhound 0 (clean)     step exits 0
#   keyhound 1 (findings)  step exits 1 if fail-on-findings, else 0 (warning)
#   keyhound 2 (error), or anything else (127: no binary, a signal…)
#                          step exits with that code, whatever fail-on-findings
#
# Outputs: exit-code (keyhound's), findings (count; "" if unknown),
# report-file, and sarif-file (set only when a SARIF report is complete,
# that is keyhound exited 0 or 1, so the upload step never sends a partial
# analysis that would close alerts); upload-file, the report to upload as
# an artifact (a complete report, or a partial one with findings; never
# one written with --no-redact).
#
# Each finding is listed in the log and, redacted, in the job summary
# ($GITHUB_STEP_SUMMARY), and annotates its file and line (the first 9:
# GitHub shows 10 annotations of a level per step).
#
# Inputs (environment):
#   KH_BIN               keyhound binary (default: keyhound on PATH)
#   KH_PATH              repository directory (default .)
#   KH_SKIP, KH_RANGE_SPEC, KH_CONFIG_FROM  from range.sh (skip, range,
#                        config-from)
#   KH_SARIF             true: --format sarif, report keyhound.sarif;
#                        false: --format json, report keyhound.json
#   KH_FAIL_ON_FINDINGS  true (default) or false
#   KH_ARGS              extra keyhound arguments, split on white space
#                        (no quoting, no globbing)
#   KH_ROOT              the repository's top directory (range.sh's root),
#                        for annotation paths relative to GITHUB_WORKSPACE
#   KH_ARTIFACT          the report artifact's name, for the summary
#   KH_OUT_DIR           where the report goes (default $RUNNER_TEMP, else
#                        the system temporary directory), in a keyhound/
#                        subdirectory
set -uo pipefail

here=$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)
# shellcheck source-path=SCRIPTDIR source=lib.sh
. "$here/lib.sh"

bin=${KH_BIN:-keyhound}
repo=${KH_PATH:-.}
spec=${KH_RANGE_SPEC:-}
skip=false sarif=false fail=true
kh_bool skip skip "${KH_SKIP:-false}"
kh_bool sarif sarif "${KH_SARIF:-false}"
kh_bool fail fail-on-findings "${KH_FAIL_ON_FINDINGS:-true}"

if [ "$skip" = true ]; then
	kh_log "nothing to scan"
	kh_output exit-code 0
	kh_output findings 0
	kh_output report-file ""
	kh_output sarif-file ""
	exit 0
fi
[ -n "$spec" ] || kh_die "no range to scan (KH_RANGE_SPEC is empty)"

out=${KH_OUT_DIR:-${RUNNER_TEMP:-${TMPDIR:-/tmp}}}/keyhound
mkdir -p "$out" || kh_die "cannot create $out"
if [ "$sarif" = true ]; then
	format=sarif
else
	format=json
fi
report=$out/keyhound.$format
stdout=$out/stdout.txt
rm -f "$report" "$stdout"

extra=()
if [ -n "${KH_ARGS:-}" ]; then
	read -r -d '' -a extra <<<"$KH_ARGS" || true
fi

# A full-history scan has no base: range.sh names the commit the
# repository's configuration is read from (a pull request's base, never
# its own commits). A range's configuration comes from its base.
if [ -n "${KH_CONFIG_FROM:-}" ]; then
	extra=(--config-from "$KH_CONFIG_FROM" ${extra[@]+"${extra[@]}"})
fi

kh_log "$bin history $repo --range $spec --format $format --report $report ${extra[*]+${extra[*]}}"
# keyhound's messages quote what the repository holds (paths, rule ids):
# its standard error goes through kh_sanitize as it comes, its standard
# output (the summary line) after it ends.
"$bin" history "$repo" --range "$spec" --format "$format" --report "$report" ${extra[@]+"${extra[@]}"} 2>&1 >"$stdout" |
	kh_sanitize >&2
rc=${PIPESTATUS[0]}
kh_sanitize <"$stdout"

# The count: keyhound's own summary line (it prints one whenever --report
# is set and --quiet is not), else the findings in the report.
findings=$(sed -n 's/^\([0-9][0-9]*\) finding(s); report written to .*/\1/p' "$stdout" | tail -n 1)
if [ -z "$findings" ] && [ -s "$report" ] && kh_json_pick; then
	findings=$(kh_json_count "$report" "$format" 2>/dev/null) || findings=""
	case $findings in '' | *[!0-9]*) findings="" ;; esac
fi
if [ -z "$findings" ] && [ "$rc" -eq 0 ]; then
	findings=0
fi

kh_output exit-code "$rc"
kh_output findings "$findings"
if { [ "$rc" -eq 0 ] || [ "$rc" -eq 1 ]; } && [ -s "$report" ]; then
	kh_output report-file "$report"
	if [ "$sarif" = true ]; then
		kh_output sarif-file "$report"
	else
		kh_output sarif-file ""
	fi
else
	kh_output report-file ""
	kh_output sarif-file ""
fi

# The findings, one line each (kh_json_findings), for the log, the job
# summary and the annotations.
rows=""
if [ -s "$report" ] && kh_json_pick; then
	rows=$(kh_json_findings "$report" "$format" 2>/dev/null) || rows=""
fi
# Paths in the report are relative to the repository's root; annotations
# want them relative to the workspace.
prefix=""
if [ -n "${KH_ROOT:-}" ] && [ -n "${GITHUB_WORKSPACE:-}" ]; then
	case $KH_ROOT in "${GITHUB_WORKSPACE%/}"/*) prefix=${KH_ROOT#"${GITHUB_WORKSPACE%/}"/}/ ;; esac
fi
level=error
[ "$fail" = true ] || level=warning
# GitHub shows 10 annotations of a level per step: the findings get 9,
# the Action's own verdict the last one.
max_annotations=9 max_rows=200
annotated=0 listed=0 total=0
table=""
while IFS=$'\x1f' read -r ex rule path line commit complete parts; do
	[ -n "$rule$path" ] || continue
	total=$((total + 1))
	if [ "$format" = sarif ]; then
		path=$(kh_uri_decode "$path" 2>/dev/null | kh_controls | tr '\n' '?')
	fi
	case $line in '' | *[!0-9]*) line=0 ;; esac
	what="${ex:-?} credential ${rule:-?}"
	[ "$complete" = true ] || what="$what (incomplete)"
	printf '  %s  %s:%s  %s\n' "$what" "$path" "$line" "$commit" | kh_sanitize
	if [ "$listed" -lt "$max_rows" ]; then
		listed=$((listed + 1))
		table+="| $(kh_md "$what") | $(kh_md "$path"):$line | $(kh_md "$commit") | $(kh_md "$parts") |"$'\n'
	fi
	if [ "$annotated" -lt "$max_annotations" ] && [ "$line" -gt 0 ]; then
		annotated=$((annotated + 1))
		msg="leaked $what"
		[ -n "$commit" ] && msg="$msg, added in commit $commit"
		[ -n "$parts" ] && msg="$msg: $parts"
		kh_annotate_at "$level" "$prefix$path" "$line" "keyhound: leaked ${ex:-exchange} credential" "$msg (redacted; rotate it, then remove it)"
	fi
done <<<"$rows"

# The report as an artifact: only a redacted one (--no-redact in args
# writes the secrets in full, and an artifact is readable by anyone who
# can read the repository).
upload=""
if { [ "$rc" -eq 0 ] || [ "$rc" -eq 1 ] || [ "$total" -gt 0 ]; } && [ -s "$report" ]; then
	upload=$report
	for a in ${extra[@]+"${extra[@]}"}; do
		case $a in --no-redact | --no-redact=*)
			upload=""
			kh_annotate warning "the report is not uploaded as an artifact: args has --no-redact, so it holds the credentials in full"
			;;
		esac
	done
fi
kh_output upload-file "$upload"

if [ -n "${GITHUB_STEP_SUMMARY:-}" ]; then
	{
		printf '### keyhound\n\n'
		printf -- '- range: %s\n' "$(kh_md "$spec")"
		printf -- '- findings: %s\n' "${findings:-unknown}"
		printf -- '- keyhound exit code: %s\n' "$rc"
		if [ -n "$upload" ] && [ -n "${KH_ARTIFACT:-}" ]; then
			printf -- '- report: the artifact %s (%s)\n' "$(kh_md "$KH_ARTIFACT")" "$(kh_md "${report##*/}")"
		fi
		if [ "$total" -gt 0 ]; then
			printf '\n| Credential | Location | Commit | Values (redacted) |\n| --- | --- | --- | --- |\n%s' "$table"
			if [ "$total" -gt "$listed" ]; then
				printf '\n%d more in the report.\n' "$((total - listed))"
			fi
		fi
		printf '\n'
	} >>"$GITHUB_STEP_SUMMARY"
fi

case $rc in
0)
	kh_log "no credentials found in $spec"
	exit 0
	;;
1)
	msg="${findings:-some} leaked credential(s) found in $spec; report: $report"
	if [ "$fail" = true ]; then
		kh_annotate error "$msg"
		exit 1
	fi
	kh_annotate warning "$msg (fail-on-findings is false)"
	exit 0
	;;
*)
	kh_annotate error "keyhound failed with exit code $rc; see its messages above"
	exit "$rc"
	;;
esac
