#!/usr/bin/env bash
# keyhound vs gitleaks on the labelled corpus (testdata/corpus).
#
#   bench/corpus.sh [OUTDIR]
#   CORPUS_SUBSET=wild/ bench/corpus.sh    (the default subset)
#
# Runs `keyhound scan testdata/corpus -f json --no-redact` (default packs)
# and gitleaks v8.30.1 (`gitleaks dir`, default rules; built from the Go
# module proxy into a temporary GOBIN), then prints a markdown table of
# what each reports on the positive files and on the decoy files.
#
# Scoring, by value, the same for both tools (gitleaks has no exchange
# labels): every reported value (each part of a keyhound finding, the
# Secret of a gitleaks finding) is a TP when it equals a labelled part of a
# credential of the file it was reported in (PEM blocks compared without
# line breaks and \n escapes), neutral when it equals a labelled "other"
# secret (a non-exchange secret: a Google AI key, freqtrade's API server
# JWT secret), else an FP. A second keyhound row is exchange-aware: a
# labelled value reported under another exchange is an FP there. Recall
# counts distinct labelled parts reported. keyhound's own per-exchange,
# per-credential scores: `go test -run Corpus -v .`.
#
# Two tables: the whole corpus, then the subset of files under
# CORPUS_SUBSET (default wild/: the real-world shapes of issue 11, written
# without reading the rules), followed by the subset's recall per exchange
# for both tools (gitleaks names no exchange: a value counts for the
# exchange it is labelled with).
#
# Needs go and python3 (3.11+, for tomllib). OUTDIR (default: a temporary
# directory) receives keyhound.json and gitleaks.json.
set -euo pipefail
here=$(cd "$(dirname "$0")" && pwd)
root=$(cd "$here/.." && pwd)
cd "$root"

tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
out=${1:-$tmp}
mkdir -p "$out"

# keyhound with the default packs only: the repository's .keyhound.toml
# (which allowlists testdata/ and *_test.go) must not apply. Exit 1 means
# findings; 2 is an error.
printf 'title = "corpus bench: default packs only"\n\n[extend]\nuseDefault = true\n' > "$tmp/config.toml"
rc=0
go run ./cmd/keyhound scan testdata/corpus -f json --no-redact --config "$tmp/config.toml" \
  --report "$out/keyhound.json" -q || rc=$?
if [ "$rc" -ne 0 ] && [ "$rc" -ne 1 ]; then
  echo "keyhound failed (exit $rc)" >&2
  exit 2
fi

GOBIN="$tmp/bin" go install github.com/zricethezav/gitleaks/v8@v8.30.1
"$tmp/bin/gitleaks" version >&2
"$tmp/bin/gitleaks" dir testdata/corpus --report-format json --report-path "$out/gitleaks.json" \
  --exit-code 0 --no-banner --log-level error

python3 - "$out/keyhound.json" "$out/gitleaks.json" testdata/corpus "${CORPUS_SUBSET:-wild/}" <<'PY'
import collections, json, os, re, sys, tomllib

kh_path, gl_path, corpus, subset = sys.argv[1:5]
all_labels = tomllib.load(open(os.path.join(corpus, "labels.toml"), "rb"))["file"]
PARTS = ("key", "private-key", "secret", "passphrase")


def norm(v):
    if "-----BEGIN" in v:
        return re.sub(r"\\+[rn]|\s+", "", v)
    return v


def report(title, keep, per_exchange):
    labels = [f for f in all_labels if keep(f["path"])]
    files = {f["path"]: f for f in labels}
    labelled = {}  # path -> {norm value: (cred index, part, exchange)}
    other = {}     # path -> {value}
    total_parts = 0
    for f in labels:
        m = {}
        for i, c in enumerate(f.get("credential", [])):
            for p in PARTS:
                if p in c:
                    m[norm(c[p])] = (i, p, c["exchange"])
                    total_parts += 1
        labelled[f["path"]] = m
        other[f["path"]] = {o["value"] for o in f.get("other", [])}
    total_creds = sum(len(f.get("credential", [])) for f in labels)
    n_pos = sum(1 for f in labels if not f.get("decoy"))
    n_dec = sum(1 for f in labels if f.get("decoy"))

    def rel(p):
        p = p.replace("\\", "/")
        marker = corpus.rstrip("/") + "/"
        return p.split(marker, 1)[1] if marker in p else p

    def score(reported):
        """reported: list of (path, value, what, exchange or None) -> stats.
        With an exchange (keyhound, exchange-aware), a labelled value reported
        under another exchange is an FP."""
        s = collections.Counter()
        found = set()
        fp_what = collections.Counter()
        for path, value, what, ex in reported:
            f = files.get(path)
            decoy = f is None or f.get("decoy", False)
            v = norm(value)
            if not decoy and v in labelled[path] and ex in (None, labelled[path][v][2]):
                s["tp"] += 1
                found.add((path,) + labelled[path][v][:2])
            elif f is not None and value in other[path]:
                s["neutral"] += 1
            else:
                s["fp_dec" if decoy else "fp_pos"] += 1
                fp_what[what] += 1
            s["dec" if decoy else "pos"] += 1
        s["found"] = len(found)
        creds = collections.defaultdict(set)
        for path, i, p in found:
            creds[(path, i)].add(p)
        s["whole"] = sum(1 for (path, i), ps in creds.items()
                         if ps == {p for p in PARTS if p in files[path]["credential"][i]})
        return s, fp_what

    kh_all = json.load(open(kh_path))["findings"]
    gl_all = json.load(open(gl_path))
    kh = [f for f in kh_all if any(keep(rel(l["path"])) for l in f["locations"])]
    kh_rep = []
    for f in kh:
        for loc in f["locations"]:
            if not keep(rel(loc["path"])):
                continue
            for p in f["parts"]:
                kh_rep.append((rel(loc["path"]), p["value"], p["rule_id"], f["exchange"] or "wallet"))
    gl = [f for f in gl_all if keep(rel(f["File"]))]
    gl_rep = [(rel(f["File"]), f["Secret"], f["RuleID"], None) for f in gl]

    rows = [("keyhound (default packs)", len(kh), score([r[:3] + (None,) for r in kh_rep])),
            ("keyhound, exchange-aware", len(kh), score(kh_rep)),
            ("gitleaks v8.30.1 (default rules)", len(gl), score(gl_rep))]
    print("%s: %d files (%d positive, %d decoy), %d labelled credentials, %d labelled parts.\n" % (title, len(labels), n_pos, n_dec, total_creds, total_parts))
    print("| tool | findings | values reported | on positive files: TP / FP | on decoy files: FP | labelled parts found (recall) | credentials found whole | precision |")
    print("|---|---:|---:|---:|---:|---:|---:|---:|")
    for name, n, (s, _) in rows:
        rep = s["pos"] + s["dec"]
        fp = s["fp_pos"] + s["fp_dec"]
        prec = s["tp"] / (s["tp"] + fp) if s["tp"] + fp else 0
        print("| %s | %d | %d | %d / %d | %d | %d of %d (%.3f) | %d of %d | %.3f |" % (
            name, n, rep, s["tp"], s["fp_pos"], s["fp_dec"], s["found"], total_parts, s["found"] / total_parts,
            s["whole"], total_creds, prec))
    neutral = [(name, s["neutral"]) for name, _, (s, _) in rows if s["neutral"]]
    if neutral:
        print("\nNeutral (a labelled non-exchange secret, e.g. a Google AI key): " + ", ".join("%s %d" % x for x in neutral) + ".")
    for name, _, (_, fpw) in rows:
        if fpw:
            print("\n%s FPs by rule: %s" % (name.split(" (")[0], ", ".join("%s %d" % kv for kv in fpw.most_common())))
    if not per_exchange:
        return
    # Recall per exchange: distinct labelled parts found, keyhound counting
    # the exchange, gitleaks by the exchange of the labelled value it found.
    parts_by_ex = collections.Counter(ex for m in labelled.values() for (_, _, ex) in m.values())
    creds_by_ex = collections.Counter(c["exchange"] for f in labels for c in f.get("credential", []))
    found = {}
    for name, rep in (("keyhound", kh_rep), ("gitleaks", gl_rep)):
        got = set()
        for path, value, _, ex in rep:
            f = files.get(path)
            v = norm(value)
            if f is None or f.get("decoy") or v not in labelled[path]:
                continue
            if ex is None or ex == labelled[path][v][2]:
                got.add((path,) + labelled[path][v])
        found[name] = collections.Counter(t[3] for t in got)
    print("\n| exchange | credentials | labelled parts | keyhound found (recall) | gitleaks found (recall) |")
    print("|---|---:|---:|---:|---:|")
    for ex in sorted(parts_by_ex):
        n = parts_by_ex[ex]
        print("| %s | %d | %d | %d (%.3f) | %d (%.3f) |" % (ex, creds_by_ex[ex], n, found["keyhound"][ex], found["keyhound"][ex] / n,
                                                        found["gitleaks"][ex], found["gitleaks"][ex] / n))


report("Corpus", lambda p: True, False)
if any(f["path"].startswith(subset) for f in all_labels):
    print("\n")
    report("Subset %s" % subset, lambda p: p.startswith(subset), True)
PY
