package hook

import "strings"

// Advice tells a committer whose commit keyhound blocked how to proceed.
// The native hook prints it after the report of a blocked `keyhound
// staged` scan; callers running the scan another way (the pre-commit
// framework's hook) may print it after their report too.
const Advice = `keyhound: the staged changes add the exchange API credential(s) reported
above, so this commit is blocked. To proceed, do one of:
  1. Remove the secret from the file (read it from the environment or a
     secret manager instead), re-stage the file (git add FILE) and commit
     again. If the key was ever pushed or shared, revoke it at the exchange.
  2. If it is a false positive or a deliberate test fixture, add an inline
     comment containing keyhound:allow to each line holding a part of it,
     re-stage the file and commit again.
  3. Or add its fingerprint (printed above) to .keyhoundignore at the top of
     the repository, one per line, and commit that file too.
As a last resort, git commit --no-verify skips the check for one commit (and
every other pre-commit hook with it).
`

// EnvHook is the environment variable the native hook sets (to "1") for
// the `keyhound staged` it runs, so that the command can tell it is run by
// the hook, which prints [Advice] itself.
const EnvHook = "KEYHOUND_HOOK"

// marker identifies a hook script written by this package.
const marker = "# keyhound-managed-hook: v1"

// adviceEnd ends the here-document holding Advice in the script.
const adviceEnd = "KEYHOUND_ADVICE_END"

// script returns the hook: POSIX sh, running the chained hook first, then
// `keyhound staged` with binary (or keyhound from PATH when binary is ""
// or no longer executable).
func script(binary string) string {
	var b strings.Builder
	b.WriteString(`#!/bin/sh
` + marker + `
# keyhound pre-commit hook, written by "keyhound hook install"; "keyhound hook
# uninstall" removes it and puts back the hook it chains. Do not edit:
# installing again rewrites this file.
#
# It runs the hook that was here before (kept beside this file as
# ` + ChainedName + `) first, and stops if that one fails;
# then "keyhound staged", which reads only the index and HEAD (neither
# history nor the whole tree) and blocks the commit when the staged changes
# add an exchange credential.

chained="$(dirname -- "$0")/` + ChainedName + `"
if [ -f "$chained" ] && [ -x "$chained" ]; then
	"$chained" "$@" || exit $?
fi

keyhound=` + shQuote(binary) + `
if [ ! -x "$keyhound" ]; then
	keyhound=$(command -v keyhound) || keyhound=
fi
if [ -z "$keyhound" ]; then
	echo "keyhound pre-commit hook: cannot find keyhound ` + notFound(binary) + `," >&2
	echo "so the staged changes cannot be checked and the commit is blocked." >&2
	echo "Install keyhound, or remove this hook with \"keyhound hook uninstall\"" >&2
	echo "(or by deleting $0); \"git commit --no-verify\" skips it for one commit." >&2
	exit 1
fi

` + EnvHook + `=1 "$keyhound" staged
status=$?
case $status in
0)
	exit 0
	;;
1)
	echo >&2
	cat >&2 <<'` + adviceEnd + `'
` + Advice + adviceEnd + `
	exit 1
	;;
*)
	echo "keyhound pre-commit hook: \"keyhound staged\" failed (exit status $status), so the" >&2
	echo "staged changes were not checked and the commit is blocked. Fix the error above," >&2
	echo "or skip the check for one commit with \"git commit --no-verify\"." >&2
	exit "$status"
	;;
esac
`)
	return b.String()
}

// shQuote quotes s for sh as one word.
func shQuote(s string) string {
	return "'" + strings.ReplaceAll(s, "'", `'\''`) + "'"
}

// notFound says where keyhound was looked for, for the inside of the
// double-quoted "cannot find" message.
func notFound(binary string) string {
	if binary == "" {
		return "on PATH"
	}
	r := strings.NewReplacer(`\`, `\\`, `"`, `\"`, "$", `\$`, "`", "\\`", "\n", " ")
	return "(not at " + r.Replace(binary) + ", nor on PATH)"
}
