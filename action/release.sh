#!/usr/bin/env bash
# release.sh installs the keyhound binary of the GitHub release that
# matches the Action's own ref, so that the Action needs neither Go nor a
# build. Two phases, with actions/cache between them in action.yml:
#
#   release.sh plan     which release: outputs
#       tag        the release tag (vX.Y.Z...), "" when no release matches
#                  and keyhound is built from source
#       dir        where the release's files go (cached per tag, os, arch)
#       cache-key  the actions/cache key for dir
#   release.sh install  download (unless dir already holds them) the
#       archive and checksums.txt of release tag, verify the archive's
#       SHA-256 against checksums.txt, unpack it and check that the binary
#       says it is that version: outputs
#       bin        path of the verified binary, "" to build from source
#
# Which release, from the ref (uses: OWNER/REPO@REF):
#   vX.Y.Z, vX.Y.Z-rc.1   that tag's release
#   vN (a major tag)      the latest release, if its major version is N
#                         (GitHub's /releases/latest redirect names it)
#   anything else         none: a branch, a commit SHA, a fork's or a
#                         local action (uses: ./), or a tag vN.M
# A release that is missing (a fork has none; 404) or cannot be fetched
# means a build from source. A download that does not match the release's
# checksums.txt is refused (exit 2), never run.
#
# Files, as .goreleaser.yaml names them:
#   GITHUB/REPO/releases/download/TAG/keyhound_OS_ARCH.tar.gz (.zip on windows)
#   GITHUB/REPO/releases/download/TAG/checksums.txt
#
# Inputs (environment):
#   KH_REF    github.action_ref            KH_REPO   github.action_repository
#   KH_OS     runner.os (Linux, macOS, Windows)
#   KH_ARCH   runner.arch (X64, ARM64)
#   KH_TAG, KH_DIR   (install) the plan's tag and dir
#   RUNNER_TEMP      where dir goes (default: the system temporary directory)
#   KEYHOUND_ACTION_RELEASE_BASE_URL   FOR TESTS ONLY: replaces
#       https://github.com (a local HTTP server); announced with a warning
#       annotation whenever it is set.
set -uo pipefail

here=$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)
# shellcheck source-path=SCRIPTDIR source=lib.sh
. "$here/lib.sh"

# kh_asset OS ARCH prints the archive name of a target (GOOS, GOARCH).
kh_asset() {
	local ext=tar.gz
	[ "$1" = windows ] && ext=zip
	printf 'keyhound_%s_%s.%s' "$1" "$2" "$ext"
}

# kh_target sets goos and goarch from runner.os and runner.arch (or, when
# they are not set, from uname). Returns 1 for a target without a release.
kh_target() {
	case ${KH_OS:-$(uname -s)} in
	Linux) goos=linux ;;
	macOS | Darwin) goos=darwin ;;
	Windows | MINGW* | MSYS* | CYGWIN*) goos=windows ;;
	*) return 1 ;;
	esac
	case ${KH_ARCH:-$(uname -m)} in
	X64 | x86_64 | amd64) goarch=amd64 ;;
	ARM64 | arm64 | aarch64) goarch=arm64 ;;
	*) return 1 ;;
	esac
}

# kh_sha256 FILE prints the file's SHA-256 in hex.
kh_sha256() {
	local sum
	if command -v sha256sum >/dev/null 2>&1; then
		sum=$(sha256sum -b "$1") || return 1
	elif command -v shasum >/dev/null 2>&1; then
		sum=$(shasum -a 256 -b "$1") || return 1
	else
		sum=$(openssl dgst -sha256 -r "$1") || return 1
	fi
	printf '%s' "${sum%% *}"
}

site=https://github.com
curl_proto=(--proto '=https' --proto-redir '=https')
if [ -n "${KEYHOUND_ACTION_RELEASE_BASE_URL:-}" ]; then
	site=${KEYHOUND_ACTION_RELEASE_BASE_URL%/}
	curl_proto=()
	kh_annotate warning "KEYHOUND_ACTION_RELEASE_BASE_URL is set: keyhound releases are downloaded from $site, not https://github.com (an override for tests)"
fi

# fetch URL FILE downloads URL to FILE; fails on any HTTP error.
fetch() {
	curl -fsSL ${curl_proto[@]+"${curl_proto[@]}"} --retry 3 --connect-timeout 20 --max-time 300 -o "$2" "$1" 2>&1 | kh_sanitize >&2
	return "${PIPESTATUS[0]}"
}

valid_repo() { [[ ${KH_REPO:-} =~ ^[A-Za-z0-9_.-]+/[A-Za-z0-9_.-]+$ ]]; }
exact_tag() { [[ $1 =~ ^v[0-9]+\.[0-9]+\.[0-9]+([-+][0-9A-Za-z.+-]+)?$ ]]; }

plan() {
	local ref=${KH_REF:-} tag=""
	local goos goarch
	if ! kh_target; then
		kh_log "no keyhound release for ${KH_OS:-?}/${KH_ARCH:-?}: building from source"
	elif ! valid_repo; then
		kh_log "the Action's repository is unknown (a local action?): building keyhound from source"
	elif exact_tag "$ref"; then
		tag=$ref
	elif [[ $ref =~ ^v([0-9]+)$ ]]; then
		# GitHub redirects /releases/latest to /releases/tag/TAG.
		local major=${BASH_REMATCH[1]} loc
		loc=$(curl -fsS ${curl_proto[@]+"${curl_proto[@]}"} --retry 3 --connect-timeout 20 --max-time 60 -o /dev/null \
			-w '%{redirect_url}' "$site/$KH_REPO/releases/latest" 2>/dev/null) || loc=""
		local latest=${loc##*/releases/tag/}
		if [ -z "$loc" ] || [ "$latest" = "$loc" ] || ! exact_tag "$latest"; then
			kh_log "$KH_REPO has no latest release to use for $ref: building keyhound from source"
		elif [[ $latest != "v$major."* ]]; then
			kh_log "the latest release of $KH_REPO is $latest, not a $ref release: building keyhound from source"
		else
			tag=$latest
		fi
	else
		kh_log "the Action's ref ${ref:-(none)} is not a release tag: building keyhound from source"
	fi
	local dir=""
	if [ -n "$tag" ]; then
		dir=${RUNNER_TEMP:-${TMPDIR:-/tmp}}/keyhound-release/$tag-$goos-$goarch
		kh_output cache-key "keyhound-release-$KH_REPO-$tag-$goos-$goarch"
	else
		kh_output cache-key ""
	fi
	kh_output tag "$tag"
	kh_output dir "$dir"
}

# verify DIR ASSET TAG checks DIR/ASSET against DIR/checksums.txt; on
# failure it sets why and returns 1.
verify() {
	local want got
	why=""
	want=$(awk -v f="$2" '$2 == f || $2 == "*" f { print $1; exit }' "$1/checksums.txt")
	if ! [[ $want =~ ^[0-9a-fA-F]{64}$ ]]; then
		why="checksums.txt of release $3 has no SHA-256 for $2"
		return 1
	fi
	if ! got=$(kh_sha256 "$1/$2"); then
		why="cannot compute the SHA-256 of $2 (no sha256sum, shasum or openssl)"
		return 1
	fi
	if [ "$(printf '%s' "$got" | tr 'A-F' 'a-f')" != "$(printf '%s' "$want" | tr 'A-F' 'a-f')" ]; then
		why="checksum mismatch for $2 of release $3: SHA-256 $got, checksums.txt says $want"
		return 1
	fi
}

install() {
	local tag=${KH_TAG:-} dir=${KH_DIR:-} goos goarch
	exact_tag "$tag" || kh_die "internal: release tag \"$tag\" is not vX.Y.Z"
	valid_repo || kh_die "internal: repository \"${KH_REPO:-}\" is not OWNER/NAME"
	[ -n "$dir" ] || kh_die "internal: no directory for the release (KH_DIR)"
	kh_target || kh_die "internal: no release target for ${KH_OS:-?}/${KH_ARCH:-?}"
	local asset
	asset=$(kh_asset "$goos" "$goarch")
	mkdir -p "$dir" || kh_die "cannot create $dir"
	local base="$site/$KH_REPO/releases/download/$tag" why
	if [ -s "$dir/$asset" ] && [ -s "$dir/checksums.txt" ]; then
		if verify "$dir" "$asset" "$tag"; then
			kh_log "using the cached $asset of $tag"
		else
			kh_log "the cached files of $tag do not verify ($why): downloading them again"
			rm -f "$dir/$asset" "$dir/checksums.txt"
		fi
	fi
	if ! [ -s "$dir/$asset" ]; then
		if ! fetch "$base/checksums.txt" "$dir/checksums.txt" || ! fetch "$base/$asset" "$dir/$asset"; then
			rm -f "$dir/$asset" "$dir/checksums.txt"
			kh_log "cannot download $asset of release $tag from $base: building keyhound from source"
			kh_output bin ""
			return 0
		fi
		if ! verify "$dir" "$asset" "$tag"; then
			rm -f "$dir/$asset" "$dir/checksums.txt"
			kh_die "$why; refusing to run it"
		fi
		kh_log "downloaded $asset of release $tag"
	fi
	local out=$dir/bin exe=keyhound
	[ "$goos" = windows ] && exe=keyhound.exe
	rm -rf "$out" && mkdir -p "$out" || kh_die "cannot create $out"
	case $asset in
	*.zip) unzip -q -o "$dir/$asset" "$exe" -d "$out" 2>&1 | kh_sanitize >&2 ;;
	*) tar -xzf "$dir/$asset" -C "$out" "$exe" 2>&1 | kh_sanitize >&2 ;;
	esac
	[ "${PIPESTATUS[0]}" -eq 0 ] && [ -f "$out/$exe" ] || kh_die "cannot unpack $exe from $asset of release $tag"
	chmod +x "$out/$exe"
	local said
	said=$("$out/$exe" version 2>/dev/null | head -n 1) || said=""
	if [[ " $said " != *" ${tag#v} "* ]]; then
		kh_die "the binary of release $tag says \"$(printf '%s' "$said" | head -c 80)\", not \"keyhound ${tag#v}\"; refusing to run it"
	fi
	kh_log "keyhound ${tag#v} from the release, SHA-256 verified"
	kh_output bin "$out/$exe"
}

case ${1:-} in
plan) plan ;;
install) install ;;
*) kh_die "usage: release.sh plan|install" ;;
esac
