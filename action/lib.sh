# shellcheck shell=bash
# Helpers shared by range.sh and run.sh. Sourced, never run. Written for
# bash 3.2 and later (macOS runners), Linux and Git for Windows.

# Workflow commands. GitHub's runner reads them on standard output and on
# standard error alike (actions/runner: ScriptHandler gives both streams
# an OutputManager on the step's one ActionCommandManager). It splits the
# streams into lines at LF and at CR, and takes as a command
#   "::name ...::data" at the start of a line, after any white space
#       (.NET's TrimStart: Unicode white space too, NBSP, NEL, U+2003...);
#   "##[name ...]data" anywhere in a line (the legacy syntax).
# Among the commands: error/warning annotations, add-mask, and
# stop-commands, which silences every later command (ours included) until
# its token comes back. So nothing that a repository or pull request
# controls may be printed as it is: file names, rule ids and exchange
# names of a pack it supplies, keyhound's messages quoting them.

# kh_controls copies standard input to standard output with every control
# character but tab and newline (C0, DEL, and C1 in UTF-8) replaced by
# "?", as ls -q shows them. CR is one of them: a line breaks only where
# the text has a newline. Bytes are handled as bytes, whatever the locale.
kh_controls() {
	LC_ALL=C tr '\000-\010\013-\037\177' '[?*]' | LC_ALL=C sed -e $'s/\302[\200-\237]/?/g'
}

# kh_sanitize is kh_controls plus: a line whose first "::" comes before
# any ASCII letter or digit (which covers "::" after any white space) is
# prefixed with "[escaped] ", "##[" becomes "# #[", and the last line
# ends with a newline (else the next line printed, an annotation of ours,
# would continue it). Everything the Action prints that it did not write
# itself goes through it.
#
# This filter, rather than ::stop-commands::TOKEN around the scan: that
# command does not strip CR or escape sequences, and since the runner
# reads standard output and standard error concurrently, a stop written
# on one stream does not order lines written on the other.
kh_sanitize() {
	{
		cat
		printf '\n'
	} | kh_controls | LC_ALL=C sed -e 's/^[^A-Za-z0-9]*::/[escaped] &/' -e 's/##\[/# #[/g' \
		-e '${' -e '/^$/d' -e '}'
}

# kh_log prints a progress line on standard error.
kh_log() { printf 'keyhound: %s\n' "$*" | kh_sanitize >&2; }

# kh_escape escapes a workflow-command message: control characters as
# kh_controls shows them (CR too), then % and LF as the runner unescapes
# them. Trailing newlines are dropped.
kh_escape() {
	local s
	s=$(printf '%s' "$1" | kh_controls)
	s=${s//%/%25}
	s=${s//$'\n'/%0A}
	printf '%s' "$s"
}

# kh_annotate LEVEL MESSAGE prints an error/warning/notice annotation on
# standard output.
kh_annotate() { printf '::%s title=keyhound::%s\n' "$1" "$(kh_escape "$2")"; }

# kh_die MESSAGE: error annotation, exit 2 (keyhound's "error" code).
kh_die() {
	kh_annotate error "$*"
	exit 2
}

# kh_output NAME VALUE appends a step output to $GITHUB_OUTPUT (or prints
# it when the file is not set, for local runs).
kh_output() {
	case $2 in
	*$'\n'* | *$'\r'*) kh_die "internal: output $1 holds a newline" ;;
	esac
	if [ -n "${GITHUB_OUTPUT:-}" ]; then
		printf '%s=%s\n' "$1" "$2" >>"$GITHUB_OUTPUT"
	else
		printf '%s=%s\n' "$1" "$2"
	fi
}

# kh_bool VAR NAME VALUE sets VAR to "true" or "false" from the boolean
# input NAME, or dies.
kh_bool() {
	case $(printf '%s' "$3" | tr '[:upper:]' '[:lower:]') in
	true | yes | 1 | on) printf -v "$1" true ;;
	false | no | 0 | off | '') printf -v "$1" false ;;
	*) kh_die "input $2 must be true or false, not \"$3\"" ;;
	esac
}

# kh_json_pick sets KH_JSON to the JSON reader to use: $KEYHOUND_ACTION_JSON
# (jq or python3) if set, else jq if installed, else python3. If there is
# none it sets KH_JSON_ERR and returns 1.
# shellcheck disable=SC2034 # KH_JSON_ERR is for the scripts that source this
kh_json_pick() {
	local want=${KEYHOUND_ACTION_JSON:-}
	KH_JSON=
	KH_JSON_ERR=
	case $want in
	'')
		if command -v jq >/dev/null 2>&1; then
			KH_JSON=jq
		elif command -v python3 >/dev/null 2>&1; then
			KH_JSON=python3
		else
			KH_JSON_ERR="reading JSON needs jq or python3 on the runner; install one of them"
		fi
		;;
	jq | python3)
		if command -v "$want" >/dev/null 2>&1; then
			KH_JSON=$want
		else
			KH_JSON_ERR="KEYHOUND_ACTION_JSON=$want but $want is not installed"
		fi
		;;
	*) KH_JSON_ERR="KEYHOUND_ACTION_JSON must be jq or python3, not \"$want\"" ;;
	esac
	[ -n "$KH_JSON" ]
}

# The kh_json_* readers use $KH_JSON (call kh_json_pick first).

# kh_json_get FILE DOTTED.PATH prints the scalar at that path of a JSON
# file: strings as is, booleans as true/false, nothing for a missing key,
# null, object or array. Fails if the file is not JSON.
kh_json_get() {
	if [ "${KH_JSON:-}" = jq ]; then
		jq -r --arg p "$2" '(try getpath($p | split(".")) catch null)
			| if . == null or type == "object" or type == "array" then empty else tostring end' "$1"
	else
		python3 - "$1" "$2" <<'PY'
import json, sys
with open(sys.argv[1], encoding="utf-8") as f:
    v = json.load(f)
for k in sys.argv[2].split("."):
    v = v.get(k) if isinstance(v, dict) else None
if isinstance(v, bool):
    print("true" if v else "false")
elif v is not None and not isinstance(v, (dict, list)):
    print(v)
PY
	fi
}

# kh_json_count FILE FORMAT prints the number of findings in a keyhound
# report: results of every run for sarif, .findings for json.
kh_json_count() {
	if [ "${KH_JSON:-}" = jq ]; then
		if [ "$2" = sarif ]; then
			jq '[.runs[]?.results[]?] | length' "$1"
		else
			jq '.findings // [] | length' "$1"
		fi
	else
		python3 - "$1" "$2" <<'PY'
import json, sys
with open(sys.argv[1], encoding="utf-8") as f:
    r = json.load(f)
if sys.argv[2] == "sarif":
    print(sum(len(run.get("results") or []) for run in r.get("runs") or []))
else:
    print(len(r.get("findings") or []))
PY
	fi
}

# kh_json_findings FILE FORMAT prints one line per finding, its fields
# separated by the unit separator (0x1F): exchange, rule id, path (for
# sarif as the report's URI, percent-encoded), line, commit (12
# characters), complete (true/false), and the parts: for json "PART
# VALUE, ..." with each value redacted (as keyhound redacts it, also when
# the report was written with --no-redact), for sarif their names (SARIF
# reports carry no values). Control characters in a field are shown as
# "?", so that each finding is one line and the separator is unambiguous.
kh_json_findings() {
	if [ "${KH_JSON:-}" = jq ]; then
		jq -r 'def c: tostring | explode | map(if . < 32 or (. >= 127 and . < 160) then 63 else . end) | implode;
			def stars($n): [range($n)] | map("*") | join("");
			def red: length as $n | if $n == 0 then "" elif $n < 12 then stars($n)
				elif $n < 24 then .[0:2] + stars(6) else .[0:4] + "…(\($n) chars)" end;
			if $fmt == "sarif" then
				.runs[]?.results[]? | (.locations[0] // {}) as $l | ($l.physicalLocation // {}) as $p
				| [(.properties.exchange // ""), (.ruleId // ""), ($p.artifactLocation.uri // ""),
				   ($p.region.startLine // 0), (($l.properties.commit // .properties.commit // "") | c | .[0:12]),
				   (.properties.complete // false), ((.properties.parts // []) | map(c) | join(", "))]
			else
				(.redacted == true) as $r | .findings[]? | (.locations[0] // {}) as $l
				| [(.exchange // ""), (.rule_id // ""), ($l.path // ""), ($l.line // 0),
				   (($l.commit // "") | c | .[0:12]), (.complete // false),
				   ((.parts // []) | map("\(.part // "?" | c) \(.value // "" | tostring | if $r then . else red end | c)") | join(", "))]
			end | map(c) | join("\u001f")' --arg fmt "$2" "$1"
	else
		python3 - "$1" "$2" <<'PY'
import json, sys
sys.stdout.reconfigure(encoding="utf-8", errors="replace")
def c(v):
    if isinstance(v, bool):
        v = "true" if v else "false"
    return "".join("?" if ord(ch) < 32 or 127 <= ord(ch) < 160 else ch for ch in str(v))
def red(s):
    n = len(s)
    if n == 0: return ""
    if n < 12: return "*" * n
    if n < 24: return s[:2] + "*" * 6
    return s[:4] + "…(%d chars)" % n
with open(sys.argv[1], encoding="utf-8") as f:
    r = json.load(f)
rows = []
if sys.argv[2] == "sarif":
    for run in r.get("runs") or []:
        for res in run.get("results") or []:
            l = (res.get("locations") or [{}])[0]
            p = l.get("physicalLocation") or {}
            props = res.get("properties") or {}
            commit = (l.get("properties") or {}).get("commit") or props.get("commit") or ""
            rows.append([props.get("exchange") or "", res.get("ruleId") or "",
                         (p.get("artifactLocation") or {}).get("uri") or "", (p.get("region") or {}).get("startLine") or 0,
                         c(commit)[:12], bool(props.get("complete")), ", ".join(c(x) for x in props.get("parts") or [])])
else:
    redacted = r.get("redacted") is True
    for f in r.get("findings") or []:
        l = (f.get("locations") or [{}])[0]
        parts = ", ".join("%s %s" % (c(p.get("part") or "?"), c(str(p.get("value") or "") if redacted else red(str(p.get("value") or ""))))
                          for p in f.get("parts") or [])
        rows.append([f.get("exchange") or "", f.get("rule_id") or "", l.get("path") or "", l.get("line") or 0,
                     c(l.get("commit") or "")[:12], bool(f.get("complete")), parts])
for row in rows:
    print("\x1f".join(c(v) for v in row))
PY
	fi
}

# kh_uri_decode URI decodes a SARIF artifact URI's percent-encoding (a
# relative path; file:// kept as is). Print the result through kh_controls.
kh_uri_decode() {
	local u=$1
	u=${u//\\/%5C}
	printf '%b' "${u//%/\\x}"
}

# kh_md escapes text for GitHub Markdown (a job summary): every ASCII
# punctuation character backslash-escaped, so that text from the
# repository makes no link, image, HTML, table cell or emphasis.
kh_md() {
	printf '%s' "$1" | kh_controls | LC_ALL=C sed -e 's/[]!"#$%&'"'"'()*+,./:;<=>?@[\^_`{|}~-]/\\&/g' | tr '\n' ' '
}

# kh_prop escapes a workflow-command property value (file=, title=):
# kh_escape, then ":" and "," as the runner unescapes them; "##[" is
# broken as kh_sanitize breaks it.
kh_prop() {
	local s
	s=$(kh_escape "$1")
	s=${s//:/%3A}
	s=${s//,/%2C}
	s=${s//\#\#[/# #[}
	printf '%s' "$s"
}

# kh_annotate_at LEVEL FILE LINE TITLE MESSAGE prints an annotation of a
# file's line on standard output.
kh_annotate_at() {
	local msg
	msg=$(kh_escape "$5")
	msg=${msg//\#\#[/# #[}
	printf '::%s file=%s,line=%s,title=%s::%s\n' "$1" "$(kh_prop "$2")" "$3" "$(kh_prop "$4")" "$msg"
}
