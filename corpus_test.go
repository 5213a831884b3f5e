package keyhound_test

import (
	"context"
	"encoding/base64"
	"fmt"
	"io/fs"
	"os"
	"path/filepath"
	"regexp"
	"sort"
	"strings"
	"testing"

	"github.com/BurntSushi/toml"

	"github.com/keyhound/keyhound/rules"
	"github.com/keyhound/keyhound/scan"
)

// The labelled corpus: testdata/corpus/README.md describes the files, the
// labels format and the scoring, which TestCorpus implements.
const corpusDir = "testdata/corpus"

// Thresholds, per exchange and overall.
const (
	corpusMinRecall    = 0.98
	corpusMinPrecision = 0.95
)

// corpusVenues are the venues of the default packs; each must have at
// least corpusMinCreds labelled credentials over corpusMinKinds file kinds.
var corpusVenues = []string{"binance", "binance-us", "coinbase", "kraken", "okx", "bybit", "kucoin", "bitfinex",
	"gemini", "bitstamp", "htx", "gateio", "mexc", "bitget", "cryptocom", "deribit", "bitmex", "woox", "bitmart",
	"bitvavo", "poloniex", "upbit", "phemex"}

const (
	corpusMinCreds = 8
	corpusMinKinds = 3
)

// corpusMeta are the files of the corpus directory that are not corpus
// files; a finding in them is still a false positive.
var corpusMeta = map[string]bool{"labels.toml": true, "README.md": true}

// corpusWallet names the exchange-less findings (wallet pack) in the table.
const corpusWallet = "wallet"

type corpusLabels struct {
	File []corpusFile `toml:"file"`
}

type corpusFile struct {
	Path       string        `toml:"path"`
	Kind       string        `toml:"kind"`
	Decoy      bool          `toml:"decoy"`
	About      string        `toml:"about"`
	Encoded    string        `toml:"encoded"`
	Credential []corpusCred  `toml:"credential"`
	Other      []corpusOther `toml:"other"`
}

type corpusCred struct {
	Exchange   string `toml:"exchange"`
	Key        string `toml:"key"`
	PrivateKey string `toml:"private-key"`
	Secret     string `toml:"secret"`
	Passphrase string `toml:"passphrase"`
}

// corpusOther is a secret that is not an exchange credential (a Google AI
// key, a WooCommerce key): an exchange finding on it is a false positive.
type corpusOther struct {
	What  string `toml:"what"`
	Value string `toml:"value"`
}

// parts returns the labelled parts, keyed by the report's part names.
func (c corpusCred) parts() map[rules.Part]string {
	m := map[rules.Part]string{}
	for p, v := range map[rules.Part]string{rules.PartKey: c.Key, rules.PartPrivateKey: c.PrivateKey,
		rules.PartSecret: c.Secret, rules.PartPassphrase: c.Passphrase} {
		if v != "" {
			m[p] = v
		}
	}
	return m
}

var pemEscapes = regexp.MustCompile(`\\+[rn]|\s+`)

// corpusNorm makes a value comparable: PEM blocks are compared without
// line breaks, literal \n escapes and indentation (they sit in .env, JSON,
// YAML and code in all these forms); every other value verbatim.
func corpusNorm(v string) string {
	if strings.Contains(v, "-----BEGIN") {
		return pemEscapes.ReplaceAllString(v, "")
	}
	return v
}

// corpusRow counts parts (key, private key, secret, passphrase): the unit
// of scoring.
type corpusRow struct {
	creds, complete, tp, fp, fn int
}

func ratio(a, b int) (float64, bool) {
	if b == 0 {
		return 0, false
	}
	return float64(a) / float64(b), true
}

func (r corpusRow) recall() (float64, bool)    { return ratio(r.tp, r.tp+r.fn) }
func (r corpusRow) precision() (float64, bool) { return ratio(r.tp, r.tp+r.fp) }

func fmtRatio(v float64, ok bool) string {
	if !ok {
		return "n/a"
	}
	return fmt.Sprintf("%.3f", v)
}

func loadCorpusLabels(t *testing.T) []corpusFile {
	t.Helper()
	var l corpusLabels
	if _, err := toml.DecodeFile(filepath.Join(corpusDir, "labels.toml"), &l); err != nil {
		t.Fatalf("labels: %v", err)
	}
	return l.File
}

// corpusContains reports whether the labelled value v occurs in the
// file's text: verbatim (PEM blocks normalised), or, in a file labelled
// encoded = "base64" (a Kubernetes Secret's data:), base64-encoded, since
// the label holds the decoded credential that a scanner should report.
func corpusContains(text, v, encoded string) bool {
	if strings.Contains(corpusNorm(text), corpusNorm(v)) {
		return true
	}
	return encoded == "base64" && strings.Contains(text, base64.StdEncoding.EncodeToString([]byte(v)))
}

// checkCorpusLabels fails on labels that cannot be right: a file that is
// not labelled or does not exist, a labelled value that is not in its
// file, a decoy with credentials, a value labelled twice.
func checkCorpusLabels(t *testing.T, files []corpusFile) {
	t.Helper()
	labelled := map[string]bool{}
	seen := map[string]string{}
	for _, f := range files {
		if labelled[f.Path] {
			t.Errorf("labels: %s listed twice", f.Path)
		}
		labelled[f.Path] = true
		data, err := os.ReadFile(filepath.Join(corpusDir, filepath.FromSlash(f.Path)))
		if err != nil {
			t.Errorf("labels: %v", err)
			continue
		}
		text := string(data)
		if f.Encoded != "" && f.Encoded != "base64" {
			t.Errorf("labels: %s: encoded = %q (want \"base64\" or none)", f.Path, f.Encoded)
		}
		if f.Decoy != (len(f.Credential) == 0) {
			t.Errorf("labels: %s: decoy = %v but %d credentials", f.Path, f.Decoy, len(f.Credential))
		}
		for _, c := range f.Credential {
			ps := c.parts()
			if c.Exchange == "" || len(ps) == 0 {
				t.Errorf("labels: %s: credential without exchange or parts", f.Path)
			}
			for p, v := range ps {
				if !corpusContains(text, v, f.Encoded) {
					t.Errorf("labels: %s: %s %s is not in the file", f.Path, c.Exchange, p)
				}
				if prev, ok := seen[corpusNorm(v)]; ok {
					t.Errorf("labels: %s: %s %s also labelled in %s", f.Path, c.Exchange, p, prev)
				}
				seen[corpusNorm(v)] = f.Path
			}
		}
		for _, o := range f.Other {
			if !strings.Contains(text, o.Value) {
				t.Errorf("labels: %s: other secret %q is not in the file", f.Path, o.What)
			}
		}
	}
	err := filepath.WalkDir(corpusDir, func(p string, d fs.DirEntry, err error) error {
		if err != nil || d.IsDir() {
			return err
		}
		rel, _ := filepath.Rel(corpusDir, p)
		rel = filepath.ToSlash(rel)
		if !labelled[rel] && !corpusMeta[rel] {
			t.Errorf("labels: %s is not labelled", rel)
		}
		return nil
	})
	if err != nil {
		t.Fatal(err)
	}
}

// checkCorpusCoverage fails when the corpus is too thin to measure a
// venue: fewer than corpusMinCreds credentials or corpusMinKinds file
// kinds, or fewer decoy files than positive files.
func checkCorpusCoverage(t *testing.T, files []corpusFile) {
	t.Helper()
	creds := map[string]int{}
	kinds := map[string]map[string]bool{}
	pos, dec := 0, 0
	for _, f := range files {
		if f.Decoy {
			dec++
			continue
		}
		pos++
		for _, c := range f.Credential {
			creds[c.Exchange]++
			if kinds[c.Exchange] == nil {
				kinds[c.Exchange] = map[string]bool{}
			}
			kinds[c.Exchange][f.Kind] = true
		}
	}
	for _, v := range corpusVenues {
		if creds[v] < corpusMinCreds || len(kinds[v]) < corpusMinKinds {
			t.Errorf("corpus: %s has %d credentials in %d file kinds (want >= %d in >= %d)", v, creds[v], len(kinds[v]), corpusMinCreds, corpusMinKinds)
		}
	}
	if dec < pos {
		t.Errorf("corpus: %d decoy files, fewer than the %d positive files", dec, pos)
	}
	t.Logf("corpus: %d files (%d positive, %d decoy)", len(files), pos, dec)
}

type corpusCredRef struct {
	file *corpusFile
	idx  int
}

// corpusPE is a (file, exchange) pair: the unit the scores are tallied
// in, so that they can be summed per exchange over the whole corpus, over
// a subset (the new real-world shapes), or without the known gaps.
type corpusPE struct{ path, exchange string }

// TestCorpus scans the labelled corpus with the default packs and scores
// the findings against the labels, per exchange; README.md in the corpus
// directory defines the scoring.
func TestCorpus(t *testing.T) {
	files := loadCorpusLabels(t)
	checkCorpusLabels(t, files)
	checkCorpusCoverage(t, files)

	packs, err := rules.Default()
	if err != nil {
		t.Fatal(err)
	}
	set, err := rules.Compile(packs...)
	if err != nil {
		t.Fatal(err)
	}
	var findings []scan.Finding
	s := &scan.Scanner{Rules: set}
	if _, err := s.Dir(context.Background(), corpusDir, scan.DirOptions{}, func(f scan.Finding) {
		findings = append(findings, f)
	}); err != nil {
		t.Fatal(err)
	}

	tally, fpLines, fnLines, notes := scoreCorpus(files, findings)
	rows := sumCorpusRows(tally, func(corpusPE) bool { return true })
	t.Logf("corpus scores (unit: credential parts; README.md in %s):%s", corpusDir, corpusTable("exchange", rows))
	wild := sumCorpusRows(tally, func(pe corpusPE) bool { return strings.HasPrefix(pe.path, corpusWildDir) })
	t.Logf("new real-world shapes only (%s, %d files; known gaps in corpusWildGaps):%s", corpusWildDir, countPrefix(files, corpusWildDir), corpusTable("exchange", wild))
	t.Logf("new real-world shapes by file kind:%s", corpusTable("kind", sumCorpusKinds(files, tally, corpusWildDir)))
	sort.Strings(fnLines)
	sort.Strings(fpLines)
	for _, l := range append(append(fnLines, fpLines...), notes...) {
		t.Log(l)
	}

	checkCorpusWildGaps(t, tally)
	// The thresholds hold on the corpus without the (file, exchange) pairs
	// listed in corpusWildGaps: those are checked by the ratchet above.
	gate := sumCorpusRows(tally, func(pe corpusPE) bool { return corpusWildGaps[pe.path][pe.exchange] == (corpusGap{}) })
	var failed []string
	for n, r := range gate {
		rc, rok := r.recall()
		pr, pok := r.precision()
		if (rok && rc < corpusMinRecall) || (pok && pr < corpusMinPrecision) {
			failed = append(failed, n)
		}
	}
	sort.Strings(failed)
	below := map[string]bool{}
	for _, n := range failed {
		below[n] = true
		r := gate[n]
		rc, _ := r.recall()
		pr, _ := r.precision()
		if why, known := corpusKnownGaps[n]; known {
			t.Logf("KNOWN GAP %s: recall %.3f (min %.2f), precision %.3f (min %.2f): %s", n, rc, corpusMinRecall, pr, corpusMinPrecision, why)
			continue
		}
		t.Errorf("%s: recall %.3f (min %.2f), precision %.3f (min %.2f)", n, rc, corpusMinRecall, pr, corpusMinPrecision)
	}
	// The ratchet: a venue that now meets the thresholds leaves the list.
	for n := range corpusKnownGaps {
		if _, scored := gate[n]; scored && !below[n] {
			t.Errorf("%s now meets the thresholds: remove it from corpusKnownGaps", n)
		}
	}
	var total corpusRow
	for _, r := range gate {
		total.add(r)
	}
	rc, rok := total.recall()
	pr, pok := total.precision()
	if (rok && rc < corpusMinRecall) || (pok && pr < corpusMinPrecision) {
		if len(corpusKnownGaps) == 0 {
			t.Errorf("overall: recall %.3f (min %.2f), precision %.3f (min %.2f)", rc, corpusMinRecall, pr, corpusMinPrecision)
		} else {
			t.Logf("overall (with known gaps): recall %.3f (min %.2f), precision %.3f (min %.2f)", rc, corpusMinRecall, pr, corpusMinPrecision)
		}
	}
}

// scoreCorpus scores the findings against the labels (README.md in the
// corpus directory) and tallies the parts per (file, exchange): TP and FN
// for the labelled credentials, FP for the findings' parts. It also
// returns a line per FP and FN, and notes (credentials split over
// several findings).
func scoreCorpus(files []corpusFile, findings []scan.Finding) (tally map[corpusPE]*corpusRow, fpLines, fnLines, notes []string) {
	byPath := map[string]*corpusFile{}
	for i := range files {
		byPath[files[i].Path] = &files[i]
	}
	tally = map[corpusPE]*corpusRow{}
	at := func(path, ex string) *corpusRow {
		pe := corpusPE{path, exName(ex)}
		if tally[pe] == nil {
			tally[pe] = &corpusRow{}
		}
		return tally[pe]
	}
	// best[cred] = most labelled parts of cred reported by one finding.
	best := map[corpusCredRef]int{}

	for _, f := range findings {
		for _, loc := range f.Locations {
			cf := byPath[loc.Path]
			var bestRef corpusCredRef
			bestN := 0
			var matched map[rules.Part]bool
			if cf != nil {
				for i, c := range cf.Credential {
					if c.Exchange != f.Exchange {
						continue
					}
					ps := c.parts()
					n := 0
					m := map[rules.Part]bool{}
					for _, p := range f.Parts {
						if v, ok := ps[p.Part]; ok && corpusNorm(v) == corpusNorm(p.Value) {
							n++
							m[p.Part] = true
						}
					}
					if n > bestN {
						bestN, bestRef, matched = n, corpusCredRef{cf, i}, m
					}
				}
			}
			where := fmt.Sprintf("%s:%d", loc.Path, loc.Line)
			if bestN == 0 {
				at(loc.Path, f.Exchange).fp += len(f.Parts)
				fpLines = append(fpLines, fmt.Sprintf("FP %-10s %s %s: %s", exName(f.Exchange), where, f.RuleID, describeParts(f.Parts, cf, f.Exchange)))
				continue
			}
			for _, p := range f.Parts {
				if !matched[p.Part] {
					at(loc.Path, f.Exchange).fp++
					fpLines = append(fpLines, fmt.Sprintf("FP %-10s %s %s: part %s=%s is not the labelled one", exName(f.Exchange), where, f.RuleID, p.Part, scan.Redact(p.Value)))
				}
			}
			if prev, ok := best[bestRef]; ok {
				notes = append(notes, fmt.Sprintf("split  %-10s %s: credential reported by more than one finding", f.Exchange, where))
				if bestN <= prev {
					continue
				}
			}
			best[bestRef] = bestN
		}
	}

	for i := range files {
		cf := &files[i]
		for j, c := range cf.Credential {
			r := at(cf.Path, c.Exchange)
			r.creds++
			ps := c.parts()
			n := best[corpusCredRef{cf, j}]
			r.tp += n
			r.fn += len(ps) - n
			if n == len(ps) {
				r.complete++
				continue
			}
			miss, why := missingParts(c, findings, cf.Path)
			fnLines = append(fnLines, fmt.Sprintf("FN %-10s %s:%d (%s): %d of %d parts reported (%s)", c.Exchange, cf.Path, corpusLine(*cf, c, miss), cf.Kind, n, len(ps), why))
		}
	}
	return tally, fpLines, fnLines, notes
}

func (r *corpusRow) add(o *corpusRow) {
	r.creds += o.creds
	r.complete += o.complete
	r.tp += o.tp
	r.fp += o.fp
	r.fn += o.fn
}

// sumCorpusRows sums the tally per exchange over the pairs keep accepts.
func sumCorpusRows(tally map[corpusPE]*corpusRow, keep func(corpusPE) bool) map[string]*corpusRow {
	rows := map[string]*corpusRow{}
	for pe, r := range tally {
		if !keep(pe) {
			continue
		}
		if rows[pe.exchange] == nil {
			rows[pe.exchange] = &corpusRow{}
		}
		rows[pe.exchange].add(r)
	}
	return rows
}

// sumCorpusKinds sums the tally per file kind over the files under dir.
func sumCorpusKinds(files []corpusFile, tally map[corpusPE]*corpusRow, dir string) map[string]*corpusRow {
	kind := map[string]string{}
	for _, f := range files {
		kind[f.Path] = f.Kind
	}
	rows := map[string]*corpusRow{}
	for pe, r := range tally {
		if !strings.HasPrefix(pe.path, dir) {
			continue
		}
		k := kind[pe.path]
		if k == "" {
			k = "(unlabelled)"
		}
		if rows[k] == nil {
			rows[k] = &corpusRow{}
		}
		rows[k].add(r)
	}
	return rows
}

func countPrefix(files []corpusFile, dir string) int {
	n := 0
	for _, f := range files {
		if strings.HasPrefix(f.Path, dir) {
			n++
		}
	}
	return n
}

// corpusTable renders rows as a markdown table with a total row.
func corpusTable(first string, rows map[string]*corpusRow) string {
	names := make([]string, 0, len(rows))
	for n := range rows {
		names = append(names, n)
	}
	sort.Strings(names)
	var total corpusRow
	var b strings.Builder
	fmt.Fprintf(&b, "\n| %s | creds | complete | TP | FP | FN | recall | precision |\n|---|---:|---:|---:|---:|---:|---:|---:|\n", first)
	for _, n := range names {
		r := rows[n]
		total.add(r)
		rc, rok := r.recall()
		pr, pok := r.precision()
		fmt.Fprintf(&b, "| %s | %d | %d | %d | %d | %d | %s | %s |\n", n, r.creds, r.complete, r.tp, r.fp, r.fn, fmtRatio(rc, rok), fmtRatio(pr, pok))
	}
	rc, rok := total.recall()
	pr, pok := total.precision()
	fmt.Fprintf(&b, "| **all** | %d | %d | %d | %d | %d | %s | %s |\n", total.creds, total.complete, total.tp, total.fp, total.fn, fmtRatio(rc, rok), fmtRatio(pr, pok))
	return b.String()
}

// corpusKnownGaps lists the venues whose rules do not yet meet the
// thresholds on the corpus, with the causes the corpus showed. It is a
// ratchet, not a waiver: every other venue must meet the thresholds, and
// a listed venue that meets them fails the test until it is removed. The
// open work is tracked in the robustness issue.
var corpusKnownGaps = map[string]string{}

// corpusLine is the line of the first of c's parts missing from the
// findings (of c's first part when none is missing) in the file at path,
// searched from c's key so that a short value (a memo) is not found in an
// unrelated earlier line; 0 when it cannot be found.
func corpusLine(cf corpusFile, c corpusCred, missing []rules.Part) int {
	data, err := os.ReadFile(filepath.Join(corpusDir, filepath.FromSlash(cf.Path)))
	if err != nil {
		return 0
	}
	text := string(data)
	ps := c.parts()
	order := append(append([]rules.Part(nil), missing...), rules.PartKey, rules.PartPrivateKey, rules.PartSecret, rules.PartPassphrase)
	v := ""
	for _, p := range order {
		if v = ps[p]; v != "" {
			break
		}
	}
	if strings.Contains(v, "-----BEGIN") {
		v = "-----BEGIN"
	} else if cf.Encoded == "base64" && !strings.Contains(text, v) {
		v = base64.StdEncoding.EncodeToString([]byte(v))
	}
	from := 0
	if c.Key != "" && strings.Contains(text, c.Key) {
		from = max(strings.Index(text, c.Key), 0)
	}
	i := strings.Index(text[from:], v)
	if i < 0 {
		from, i = 0, strings.Index(text, v)
	}
	if i < 0 {
		return 0
	}
	return strings.Count(text[:from+i], "\n") + 1
}

func exName(ex string) string {
	if ex == "" {
		return corpusWallet
	}
	return ex
}

// describeParts says what an unmatched finding holds and, when a value
// is labelled in that file under another exchange or as another kind of
// secret, says so.
func describeParts(ps []scan.Part, cf *corpusFile, ex string) string {
	var out []string
	for _, p := range ps {
		s := fmt.Sprintf("%s=%s", p.Part, scan.Redact(p.Value))
		if cf != nil {
			for _, c := range cf.Credential {
				for lp, v := range c.parts() {
					if corpusNorm(v) == corpusNorm(p.Value) {
						s += fmt.Sprintf(" (labelled %s %s)", c.Exchange, lp)
					}
				}
			}
			for _, o := range cf.Other {
				if o.Value == p.Value {
					s += " (" + o.What + ")"
				}
			}
		}
		out = append(out, s)
	}
	what := "decoy file"
	if cf == nil {
		what = "unlabelled file"
	} else if !cf.Decoy {
		what = "no labelled " + exName(ex) + " credential has these values"
	}
	return strings.Join(out, ", ") + " [" + what + "]"
}

// missingParts returns (and names) the labelled parts of c that no
// finding reported as c's exchange in path.
func missingParts(c corpusCred, findings []scan.Finding, path string) ([]rules.Part, string) {
	found := map[rules.Part]bool{}
	for _, f := range findings {
		if f.Exchange != c.Exchange {
			continue
		}
		at := false
		for _, l := range f.Locations {
			at = at || l.Path == path
		}
		if !at {
			continue
		}
		for _, p := range f.Parts {
			if v, ok := c.parts()[p.Part]; ok && corpusNorm(v) == corpusNorm(p.Value) {
				found[p.Part] = true
			}
		}
	}
	var miss []rules.Part
	var names []string
	for _, p := range []rules.Part{rules.PartKey, rules.PartPrivateKey, rules.PartSecret, rules.PartPassphrase} {
		if _, ok := c.parts()[p]; ok && !found[p] {
			miss = append(miss, p)
			names = append(names, string(p))
		}
	}
	if len(miss) == 0 {
		return nil, "every part found, but not in one finding"
	}
	return miss, "missing " + strings.Join(names, ", ")
}
