package rules_test

// Native fuzz targets for the rules package (run one with, for example,
// go test ./rules/ -run '^$' -fuzz '^FuzzParseCompile$' -fuzztime 60s).
// Without -fuzz they run their seeds and testdata/fuzz/<Target>/ as tests.
//
//   FuzzParseCompile   Parse then Compile: an error or a Set, never a panic
//                      or a hang; errors are *rules.Error naming the file.
//   FuzzFindWindows    the default packs on arbitrary bytes with real
//                      credential samples spliced in: positions are exact,
//                      and a credential on its own line is found whatever
//                      surrounds it.
//   FuzzGroup          pairing of arbitrary match sequences.
//   FuzzValidMnemonic  the BIP-39 checker.

import (
	"bytes"
	"encoding/binary"
	"errors"
	"os"
	"path/filepath"
	"reflect"
	"regexp"
	"sort"
	"strconv"
	"strings"
	"testing"

	"github.com/BurntSushi/toml"
	"github.com/tyler-smith/go-bip39"
	"github.com/tyler-smith/go-bip39/wordlists"

	"github.com/keyhound/keyhound/rules"
)

// ---------------------------------------------------------------------
// FuzzParseCompile

// fzBasePack is a valid pack the fuzzed packs may extend (path = "base.toml").
const fzBasePack = `
title = "base"
[[rules]]
id = "base-key"
exchange = "base"
part = "key"
regex = '''BASE_KEY\s*=\s*([A-Za-z0-9]{24})'''
keywords = ["base_key"]
[[rules]]
id = "base-secret"
exchange = "base"
part = "secret"
regex = '''BASE_SECRET\s*=\s*([A-Za-z0-9]{32})'''
keywords = ["base_secret"]
[[credentials]]
id = "base"
exchange = "base"
rules = ["base-key", "base-secret"]
withinLines = 4
`

// fzSeedPacks are the seeds of FuzzParseCompile: the embedded packs and
// the documented schema are added separately.
var fzSeedPacks = []string{
	"",
	"title = \"x\"\n",
	pairPack,
	ctxPack,
	fzBasePack,
	// gitleaks' schema: deprecated [allowlist] tables, required, skipReport.
	`
title = "gitleaks style"
[allowlist]
description = "global"
paths = ['''vendor/''']
regexes = ['''EXAMPLE''']
stopwords = ["example"]
[[rules]]
id = "acme-token"
regex = '''acme_[a-z0-9]{16}'''
keywords = ["acme_"]
entropy = 2.0
[rules.allowlist]
regexTarget = "line"
regexes = ['''test''']
condition = "AND"
stopwords = ["dummy"]
[[rules]]
id = "acme-id"
regex = '''acme_id=([0-9]{6})'''
skipReport = true
[[rules]]
id = "acme-pair"
regex = '''acme_secret=([a-z]{20})'''
[[rules.required]]
id = "acme-id"
withinLines = 2
withinColumns = 40
[[rules]]
id = "p12"
path = '''\.p12$'''
`,
	// keyhound's additions: extend, nearby, validate, placeholders.
	`
[extend]
useDefault = true
disabledRules = ["binance-api-key", "no-such-rule"]
[[rules]]
id = "mnemonic"
regex = '''((?:[a-z]+\s+){11}[a-z]+)'''
validate = "bip39"
placeholders = false
[[rules]]
id = "pem"
part = "private-key"
regex = '''(?s)(-----BEGIN [A-Z ]*PRIVATE KEY-----.*?-----END [A-Z ]*PRIVATE KEY-----)'''
validate = "pem-private-key"
keywords = ["private key"]
nearby = { regex = '''(?i)acme''', withinLines = 5 }
[[credentials]]
id = "binance"
rules = ["binance-api-secret", "pem"]
verify = "binance"
`,
	`
[extend]
path = "base.toml"
disabledRules = ["base-secret"]
[[rules]]
id = "acme-secret"
exchange = "base"
part = "secret"
regex = '''ACME_SECRET=([A-Za-z0-9]{32})'''
keywords = ["acme"]
[[credentials]]
id = "base2"
rules = ["base-key", "acme-secret", "base-secret"]
`,
	// Includes of includes, a broken include, a missing one, itself.
	"[extend]\npath = \"fuzz.toml\"\n[[rules]]\nid = \"self\"\nregex = \"x\"\n",
	"[extend]\npath = \"broken.toml\"\n",
	"[extend]\npath = \"missing.toml\"\n",
	"[extend]\npath = \"chain.toml\"\n",
	"[extend]\npath = \"loop.toml\"\n",
	"[extend]\npath = \"badrule.toml\"\n",
	"[extend]\npath = \".\"\n",
	// Errors: syntax, unknown keys, types, duplicates, bad regexes, limits.
	"title = \"x\"\n[[rules]]\nid = \"a\"\nregex = '''abc\n",
	"[[rules]]\nid = \"a\"\nregex = \"abc\"\nregx = \"typo\"\n",
	"[[rules]]\nid = \"a\"\nregex = \"x\"\nentropy = \"high\"\n",
	"[[rules]]\nid = \"a\"\nregex = \"x\"\n\n[[rules]]\nid = \"a\"\nregex = \"y\"\n",
	"[[rules]]\nid = \"bad\"\nregex = '''([a-z]+'''\n",
	"[[rules]]\nid = \"g\"\nregex = \"(a)(b)\"\nsecretGroup = 3\n",
	"[[rules]]\nid = \"g\"\nregex = \"(a)(b)\"\nsecretGroup = -1\n",
	"[[rules]]\nid = \"g\"\npath = \"x\"\nsecretGroup = 1\n",
	"[[rules]]\nid = \"n\"\nregex = \"x\"\nnearby = { regex = \"(\", withinLines = 2 }\n",
	"[[rules]]\nid = \"n\"\nregex = \"x\"\nnearby = { regex = \"y\", withinLines = -2 }\n",
	"[[rules]]\nid = \"n\"\nregex = \"x\"\nnearby = { withinLines = 2 }\n",
	"[[rules]]\nid = \"p\"\npath = \"[\"\n",
	"[[rules]]\nid = \"a\"\nregex = \"x\"\n[[rules.allowlists]]\nregexes = [\"(\"]\n",
	"[[rules]]\nid = \"a\"\nregex = \"x\"\n[[rules.allowlists]]\ndescription = \"nothing\"\n",
	"[[rules]]\nid = \"a\"\nregex = \"x\"\n[[rules.allowlists]]\ncondition = \"XOR\"\nstopwords = [\"s\"]\n",
	"[[rules]]\nid = \"a\"\nregex = \"x\"\n[[rules.allowlists]]\nregexTarget = \"file\"\nregexes = [\"s\"]\n",
	"[[allowlists]]\ntargetRules = [\"a\"]\ncommits = [\"ABC\"]\n[[rules]]\nid = \"a\"\nregex = \"x\"\n",
	"[[allowlists]]\ndescription = \"empty\"\n",
	"[[rules]]\nid = \"a\"\nregex = \"x\"\npart = \"key\"\n[[credentials]]\nid = \"c\"\nrules = [\"a\", \"ghost\"]\n",
	"[[rules]]\nid = \"a\"\nregex = \"x\"\npart = \"key\"\n[[rules]]\nid = \"b\"\nregex = \"y\"\n[[credentials]]\nid = \"c\"\nrules = [\"a\", \"b\"]\n",
	"[[rules]]\nid = \"a\"\nregex = \"x\"\npart = \"key\"\n[[credentials]]\nid = \"c\"\nrules = [\"a\"]\n",
	"[[rules]]\nid = \"a\"\nregex = \"x\"\npart = \"key\"\n[[credentials]]\nid = \"c\"\nrules = [\"a\", \"a\"]\nwithinLines = -1\n",
	"[[credentials]]\nrules = [\"a\", \"b\"]\n",
	"[[credentials]]\nid = \"c\"\nrules = [\"a\", \"b\"]\n[[credentials]]\nid = \"c\"\nrules = [\"a\", \"b\"]\n",
	"[[rules]]\nid = \"a\"\nregex = \"x\"\npart = \"token\"\n",
	"[[rules]]\nid = \"a\"\nregex = \"x\"\nvalidate = \"luhn\"\n",
	"[[rules]]\nid = \" \"\nregex = \"x\"\n",
	"[[rules]]\nregex = \"x\"\n",
	"[[rules]]\nid = \"a\"\ndescription = \"d\"\n",
	"[[rules]]\nid = \"h\"\nregex = '''" + strings.Repeat("a", 17<<10) + "'''\n",
	"[[rules]]\nid = \"deep\"\nregex = '''" + strings.Repeat("(", 1100) + "a" + strings.Repeat(")", 1100) + "'''\n",
	"[[rules]]\nid = \"rep\"\nregex = '''((a{1000}){1000}){1000}'''\n",
	"[[rules]]\nid = \"empty-match\"\nregex = '''(x*)'''\nkeywords = [\"\"]\n",
	"[[rules]]\nid = \"anchor\"\nregex = '''(?m)^k=(\\w+)$'''\nkeywords = [\"K=\"]\n",
	"[[rules]]\nid = \"utf8\"\nregex = '''キー=(\\p{Han}+)'''\nkeywords = [\"キー\"]\n",
	"[rules]\nid = \"not an array\"\n",
	"rules = 5\n",
	"[extend]\nuseDefault = \"yes\"\n",
	"[[rules]]\nid = \"a\"\nregex = \"x\"\n[rules.nearby]\nregex = \"y\"\nwithinLines = 99999999999\n",
	"\xef\xbb\xbftitle = \"bom\"\n",
	"title = \"\x00\"\n",
	"[[rules]]\r\nid = \"crlf\"\r\nregex = \"x\"\r\n",
}

// fzPackDir writes the packs fuzzed packs may extend and returns the
// directory and the name to give the fuzzed pack.
func fzPackDir(f *testing.F) (dir, name string) {
	dir = f.TempDir()
	files := map[string]string{
		"base.toml":    fzBasePack,
		"broken.toml":  "[[rules]]\nid = \"broken\"\nregex = '''(unclosed'''\n",
		"chain.toml":   "[extend]\npath = \"base.toml\"\n[[rules]]\nid = \"chain\"\nregex = \"chain_[0-9]{8}\"\n",
		"badrule.toml": "[[rules]]\nid = \"badrule\"\nregex = \"x\"\nsecretGroup = 2\n",
		"loop.toml":    "[extend]\npath = \"loop.toml\"\n",
	}
	for n, body := range files {
		if err := os.WriteFile(filepath.Join(dir, n), []byte(body), 0o600); err != nil {
			f.Fatal(err)
		}
	}
	return dir, filepath.Join(dir, "fuzz.toml")
}

func FuzzParseCompile(f *testing.F) {
	dir, name := fzPackDir(f)
	for _, s := range fzSeedPacks {
		f.Add([]byte(s))
	}
	// Every embedded default pack, and the documentation's example pack.
	packs, err := rules.Default()
	if err != nil {
		f.Fatal(err)
	}
	for _, p := range packs {
		data, err := os.ReadFile(filepath.Join("packs", strings.TrimPrefix(p.Name, "default:")))
		if err != nil {
			f.Fatal(err)
		}
		f.Add(data)
	}
	if readme, err := os.ReadFile("../README.md"); err == nil {
		// The README's example pack.
		if m := regexp.MustCompile("(?s)```toml\n(\\[extend\\].*?)```").FindSubmatch(readme); m != nil {
			f.Add(m[1])
		}
	}

	f.Fuzz(func(t *testing.T, data []byte) {
		p, err := rules.Parse(name, data)
		if err != nil {
			if p != nil {
				t.Fatalf("Parse returned a pack and an error: %v", err)
			}
			fzCheckPackError(t, err, name, dir, data)
			return
		}
		if p == nil || p.Name != name {
			t.Fatalf("Parse returned %+v without an error", p)
		}
		// An include outside the test directory could name a device
		// (/dev/zero, /dev/stdin): never read one from a fuzz worker.
		if x := p.Extend.Path; x != "" {
			if !filepath.IsAbs(x) {
				x = filepath.Join(dir, x)
			}
			if filepath.Dir(filepath.Clean(x)) != dir {
				return
			}
		}
		// Compile(defaults..., p) is what Compile(p) does for a pack with
		// useDefault; the defaults are parsed once, not per input.
		in := []*rules.Pack{p}
		if p.Extend.UseDefault {
			in = append(packs[:len(packs):len(packs)], p)
		}
		set, err := rules.Compile(in...)
		if err != nil {
			if set != nil {
				t.Fatalf("Compile returned a set and an error: %v", err)
			}
			fzCheckPackError(t, err, name, dir, data)
			return
		}
		if set == nil {
			t.Fatal("Compile returned neither a set nor an error")
		}
		// The set works: every accessor, and matching (which compiles the
		// regexes lazily) over the pack's own text and its keywords.
		if set.Len() != len(set.Rules()) {
			t.Fatalf("Len %d, %d rules", set.Len(), len(set.Rules()))
		}
		for _, r := range set.Rules() {
			if _, ok := set.Rule(r.ID); !ok {
				t.Fatalf("rule %q listed but not found", r.ID)
			}
		}
		set.Credentials()
		set.Exchanges()
		set.HasPathRules()
		set.PathMatches("a/b.p12")
		set.SkipPath("vendor/x.go")
		probe := append(append([]byte(nil), data...), '\n')
		for _, r := range p.Rules {
			for _, kw := range r.Keywords[:min(len(r.Keywords), 20)] {
				probe = append(probe, kw...)
				probe = append(probe, " = Ab3dEf5Gh7Jk9Lm2Np4Qr6St8Uv0Wx1Yz\n"...)
			}
		}
		ms := set.Find(probe, "")
		for _, m := range ms {
			if m.Start < 0 || m.End > len(probe) || m.Start >= m.End || string(probe[m.Start:m.End]) != m.Secret {
				t.Fatalf("bad match %+v", m)
			}
			set.Keep(&m, "src/x.go", "")
		}
		for _, g := range set.Group(ms) {
			if len(g.Parts) == 0 {
				t.Fatalf("empty group %+v", g)
			}
		}
	})
}

// fzCheckPackError checks that a Parse or Compile error is a *rules.Error
// naming the fuzzed pack (or a pack it extends, in dir) and a line that
// exists.
func fzCheckPackError(t *testing.T, err error, name, dir string, data []byte) {
	t.Helper()
	var pe *rules.Error
	if !errors.As(err, &pe) {
		t.Fatalf("error %q (%T) is not a *rules.Error", err, err)
	}
	if pe.File != name && filepath.Dir(pe.File) != dir {
		t.Fatalf("error %q names file %q, want %q", err, pe.File, name)
	}
	if !strings.HasPrefix(err.Error(), pe.File) {
		t.Fatalf("error %q does not start with the file name", err)
	}
	if pe.Err == nil {
		t.Fatalf("error %q has no cause", err)
	}
	if pe.Line < 0 {
		t.Fatalf("error %q: line %d", err, pe.Line)
	}
	if pe.File == name && pe.Line > bytes.Count(data, []byte("\n"))+1 {
		t.Fatalf("error %q: line %d, but the pack has %d lines", err, pe.Line, bytes.Count(data, []byte("\n"))+1)
	}
}

// ---------------------------------------------------------------------
// FuzzFindWindows

// fzSample is a one-line true positive of a default rule.
type fzSample struct {
	Rule   string `toml:"rule"`
	Text   string `toml:"text"`
	Secret string `toml:"secret"`
}

// fzLoadSamples reads the one-line true positives with a known secret
// from testdata/rules/*.toml that the default set finds on their own line
// between other lines (a rule that needs the start of the file, or context
// on other lines, is left out).
func fzLoadSamples(f *testing.F, set *rules.Set) []fzSample {
	files, err := filepath.Glob("../testdata/rules/*.toml")
	if err != nil || len(files) == 0 {
		f.Fatalf("no samples: %v", err)
	}
	sort.Strings(files)
	var out []fzSample
	for _, file := range files {
		var sf struct {
			TP []fzSample `toml:"tp"`
		}
		if _, err := toml.DecodeFile(file, &sf); err != nil {
			f.Fatalf("%s: %v", file, err)
		}
		for _, s := range sf.TP {
			line := strings.TrimSpace(s.Text)
			if s.Secret == "" || strings.ContainsAny(line, "\r\n") || strings.Count(line, s.Secret) != 1 {
				continue
			}
			s.Text = line
			text := "#\n" + line + "\n#"
			if fzFound(set.Find([]byte(text), ""), s, 2+strings.Index(line, s.Secret)) {
				out = append(out, s)
			}
		}
	}
	if len(out) < 20 {
		f.Fatalf("only %d usable one-line samples in testdata/rules", len(out))
	}
	return out
}

// fzFound reports whether ms holds s's rule with s's secret at start.
func fzFound(ms []rules.Match, s fzSample, start int) bool {
	for _, m := range ms {
		if m.RuleID == s.Rule && m.Secret == s.Secret && m.Start == start {
			return true
		}
	}
	return false
}

// fzRepeat repeats b (or a filler when empty) to n bytes.
func fzRepeat(b []byte, n int) []byte {
	if len(b) == 0 {
		b = []byte("filler text\n")
	}
	out := make([]byte, 0, n)
	for len(out) < n {
		out = append(out, b[:min(len(b), n-len(out))]...)
	}
	return out
}

// fzCheckPositions checks every match's offsets and line/column against
// the text.
func fzCheckPositions(t *testing.T, text []byte, ms []rules.Match) {
	t.Helper()
	for _, m := range ms {
		if m.Start < 0 || m.End > len(text) || m.Start >= m.End {
			t.Fatalf("match %s [%d,%d) outside the %d-byte text", m.RuleID, m.Start, m.End, len(text))
		}
		if got := string(text[m.Start:m.End]); got != m.Secret && !m.Decoded {
			t.Fatalf("match %s: secret %q, text[%d:%d] = %q", m.RuleID, m.Secret, m.Start, m.End, got)
		}
		before := text[:m.Start]
		line := bytes.Count(before, []byte("\n")) + 1
		col := m.Start - (bytes.LastIndexByte(before, '\n') + 1) + 1
		if m.Line != line || m.Column != col {
			t.Fatalf("match %s at %d: line %d col %d, want line %d col %d", m.RuleID, m.Start, m.Line, m.Column, line, col)
		}
		if endLine := line + bytes.Count(text[m.Start:m.End-1], []byte("\n")); m.EndLine != endLine {
			t.Fatalf("match %s at %d: end line %d, want %d", m.RuleID, m.Start, m.EndLine, endLine)
		}
	}
	for i := 1; i < len(ms); i++ {
		if ms[i].Start < ms[i-1].Start {
			t.Fatalf("matches out of order: %d after %d", ms[i].Start, ms[i-1].Start)
		}
	}
}

// FuzzFindWindows: data is the fuzzed text, padded to pad bytes (so the
// keyword windows used above 4 KiB are exercised); sample picks a
// credential line from testdata/rules and off where it goes.
func FuzzFindWindows(f *testing.F) {
	set := defaultSet(f)
	samples := fzLoadSamples(f, set)
	// Seeds: empty, binary, other venues' names everywhere, long lines,
	// CRLF, keywords far more often than the window limit allows.
	f.Add([]byte(""), uint8(0), uint32(0), uint16(0))
	f.Add([]byte("\x00\xff\xfe binance \n\n\r\n"), uint8(1), uint32(3), uint16(0))
	f.Add([]byte("okx kucoin bybit kraken binance coinbase\n"), uint8(2), uint32(40), uint16(9000))
	f.Add([]byte("BINANCE_API_KEY="), uint8(3), uint32(16), uint16(0))
	f.Add([]byte("BINANCE_API_KEY=\n"), uint8(4), uint32(17), uint16(5000))
	f.Add([]byte(strings.Repeat("x", 9000)), uint8(5), uint32(4500), uint16(0))
	f.Add([]byte("line\r\n"), uint8(6), uint32(6), uint16(6000))
	f.Add([]byte("gitleaks:allow keyhound:allow\n"), uint8(7), uint32(0), uint16(6000))
	f.Add([]byte("\"apiKey\": \""), uint8(8), uint32(11), uint16(0))
	f.Add([]byte("-----BEGIN EC PRIVATE KEY-----\n"), uint8(9), uint32(31), uint16(9000))
	f.Add([]byte("okx"), uint8(10), uint32(1), uint16(60000))
	for i := range samples {
		// Each sample, next to another one.
		f.Add([]byte(samples[(i+1)%len(samples)].Text+"\n"), uint8(i), uint32(i), uint16(0))
	}

	f.Fuzz(func(t *testing.T, data []byte, which uint8, off uint32, pad uint16) {
		s := samples[int(which)%len(samples)]
		text := data
		if int(pad) > len(data) {
			text = fzRepeat(data, int(pad))
		}
		o := int(off % uint32(len(text)+1))
		a, b := text[:o], text[o:]

		// Arbitrary bytes alone.
		fzCheckPositions(t, text, set.Find(text, ""))

		// The sample spliced in with no separation: positions only (the
		// bytes around it may legitimately change what matches).
		spliced := append(append(append([]byte(nil), a...), s.Text...), b...)
		fzCheckPositions(t, spliced, set.Find(spliced, ""))

		// The sample on a line of its own: it must be found, with its
		// secret at its place, whatever the lines around it hold.
		var line bytes.Buffer
		line.Write(a)
		if len(a) == 0 || a[len(a)-1] != '\n' {
			line.WriteByte('\n')
		}
		start := line.Len() + strings.Index(s.Text, s.Secret)
		line.WriteString(s.Text)
		if len(b) == 0 || b[0] != '\n' {
			line.WriteByte('\n')
		}
		line.Write(b)
		ms := set.Find(line.Bytes(), "")
		fzCheckPositions(t, line.Bytes(), ms)
		if !fzFound(ms, s, start) {
			t.Fatalf("rule %s did not find %q at offset %d when its line %q sits between %q and %q; got %s",
				s.Rule, s.Secret, start, s.Text, fzClip(a, true), fzClip(b, false), ruleIDs(ms))
		}
		set.Group(ms)
	})
}

func fzClip(b []byte, tail bool) string {
	const n = 200
	if len(b) <= n {
		return string(b)
	}
	if tail {
		return "…" + string(b[len(b)-n:])
	}
	return string(b[:n]) + "…"
}

// ---------------------------------------------------------------------
// FuzzGroup

// fzGroupPack has key, secret and passphrase rules making one credential,
// and a standalone rule; the credential's withinLines varies by set.
const fzGroupPack = `
[[rules]]
id = "g-key"
exchange = "gx"
part = "key"
regex = 'GK([0-9]+)'
[[rules]]
id = "g-secret"
exchange = "gx"
part = "secret"
regex = 'GS([0-9]+)'
[[rules]]
id = "g-pass"
exchange = "gx"
part = "passphrase"
regex = 'GP([0-9]+)'
[[rules]]
id = "g-lone"
regex = 'GL([0-9]+)'
[[credentials]]
id = "gx"
exchange = "gx"
rules = ["g-key", "g-secret", "g-pass"]
withinLines = WITHIN
verify = "gx"
`

var fzGroupRules = []struct {
	id   string
	part rules.Part
	ex   string
}{
	{"g-key", rules.PartKey, "gx"},
	{"g-secret", rules.PartSecret, "gx"},
	{"g-pass", rules.PartPassphrase, "gx"},
	{"g-lone", "", ""},
}

// fzGroupWithin are the credential distances of the sets FuzzGroup uses.
var fzGroupWithin = []int{3, 0, 1, 10}

// fzMatches decodes data into matches: data[0] picks the set and the
// mode, then each 5 bytes are (rule, line, start uint16, length). In the
// normal mode the matches are ordered and placed as Find returns them
// (by start, lines rising with the start); in raw mode they are taken as
// they come. Data[1] = 0xff repeats the pattern to thousands of matches,
// past the pairing table's size limit.
func fzMatches(data []byte) (within int, raw bool, ms []rules.Match) {
	if len(data) < 2 {
		return fzGroupWithin[0], false, nil
	}
	within = int(data[0]) % len(fzGroupWithin)
	raw = data[0]&0x80 != 0
	repeat := data[1] == 0xff
	data = data[2:]
	type rec struct {
		r           int
		line, start int
		length      int
	}
	var recs []rec
	for len(data) >= 5 && len(recs) < 256 {
		recs = append(recs, rec{
			r:      int(data[0]) % len(fzGroupRules),
			line:   int(data[1]) + 1,
			start:  int(binary.BigEndian.Uint16(data[2:4])),
			length: int(data[4])%64 + 1,
		})
		data = data[5:]
	}
	if repeat && len(recs) > 0 {
		n := len(recs)
		span := 1 << 16
		for k := 1; len(recs) < 6400; k++ {
			for i := 0; i < n; i++ {
				r := recs[i]
				r.start += k * span
				r.line += k * 300
				recs = append(recs, r)
			}
		}
	}
	if !raw {
		// Lines rise with starts; equal starts share a line.
		sort.SliceStable(recs, func(i, j int) bool { return recs[i].start < recs[j].start })
		lines := make([]int, len(recs))
		for i := range recs {
			lines[i] = recs[i].line
		}
		sort.Ints(lines)
		for i := range recs {
			if i > 0 && recs[i].start == recs[i-1].start {
				recs[i].line = recs[i-1].line
			} else {
				recs[i].line = lines[i]
			}
		}
		// Find's order: by start, then rule order.
		sort.SliceStable(recs, func(i, j int) bool {
			if recs[i].start != recs[j].start {
				return recs[i].start < recs[j].start
			}
			return recs[i].r < recs[j].r
		})
	}
	for _, r := range recs {
		gr := fzGroupRules[r.r]
		end := r.start + r.length
		// The secret is a function of the bytes covered, as in real text.
		secret := "v" + strconv.Itoa(r.start) + ":" + strconv.Itoa(end)
		ms = append(ms, rules.Match{
			RuleID: gr.id, Exchange: gr.ex, Part: gr.part, Secret: secret,
			Start: r.start, End: end, Line: r.line, Column: 1, EndLine: r.line,
			Context: secret, Match: gr.id + "=" + secret,
		})
	}
	return within, raw, ms
}

func FuzzGroup(f *testing.F) {
	sets := make([]*rules.Set, len(fzGroupWithin))
	for i, w := range fzGroupWithin {
		p, err := rules.Parse("group.toml", []byte(strings.Replace(fzGroupPack, "WITHIN", strconv.Itoa(w), 1)))
		if err != nil {
			f.Fatal(err)
		}
		if sets[i], err = rules.Compile(p); err != nil {
			f.Fatal(err)
		}
	}
	rec := func(r, line byte, start uint16, length byte) []byte {
		return []byte{r, line, byte(start >> 8), byte(start), length}
	}
	seed := func(head []byte, recs ...[]byte) []byte {
		out := append([]byte(nil), head...)
		for _, r := range recs {
			out = append(out, r...)
		}
		return out
	}
	const K, S, P, L = 0, 1, 2, 3
	f.Add([]byte{})
	f.Add(seed([]byte{0, 0}, rec(K, 1, 0, 24), rec(S, 2, 30, 32), rec(P, 3, 70, 10)))
	// Two credentials, blocks together; interleaved; crossed order.
	f.Add(seed([]byte{0, 0}, rec(K, 1, 0, 24), rec(S, 2, 30, 32), rec(K, 10, 200, 24), rec(S, 11, 230, 32)))
	f.Add(seed([]byte{0, 0}, rec(K, 1, 0, 24), rec(K, 2, 30, 24), rec(S, 3, 60, 32), rec(S, 4, 100, 32)))
	f.Add(seed([]byte{1, 0}, rec(S, 1, 0, 32), rec(K, 2, 40, 24), rec(S, 3, 70, 32), rec(K, 4, 110, 24)))
	// Parts too far apart; no key (secret + passphrase); lone parts.
	f.Add(seed([]byte{0, 0}, rec(K, 1, 0, 24), rec(S, 9, 300, 32)))
	f.Add(seed([]byte{0, 0}, rec(S, 1, 0, 32), rec(P, 2, 40, 12)))
	f.Add(seed([]byte{0, 0}, rec(L, 1, 0, 20), rec(K, 1, 0, 20), rec(S, 1, 0, 20)))
	// Overlapping key and secret (one value read by two rules); duplicates.
	f.Add(seed([]byte{0, 0}, rec(K, 1, 10, 32), rec(S, 1, 10, 32), rec(S, 1, 10, 32), rec(K, 1, 12, 8)))
	// Same line, many parts; equal starts with different ends.
	f.Add(seed([]byte{2, 0}, rec(K, 5, 0, 5), rec(K, 5, 0, 6), rec(S, 5, 10, 5), rec(S, 5, 10, 6), rec(P, 5, 20, 3), rec(P, 5, 20, 4)))
	// Raw mode: unordered, lines not following starts.
	f.Add(seed([]byte{0x80, 0}, rec(S, 9, 500, 32), rec(K, 1, 0, 24), rec(P, 200, 10, 10), rec(K, 3, 400, 24)))
	f.Add(seed([]byte{0x81, 0}, rec(K, 9, 0, 24), rec(K, 1, 0, 24), rec(S, 1, 0, 24)))
	// Thousands of matches in one cluster: the rank-order fallback.
	f.Add(seed([]byte{1, 0xff}, rec(K, 1, 0, 24), rec(S, 1, 30, 32), rec(P, 1, 70, 8)))
	f.Add(seed([]byte{0, 0xff}, rec(K, 1, 0, 24), rec(S, 2, 30, 32)))

	f.Fuzz(func(t *testing.T, data []byte) {
		wi, raw, ms := fzMatches(data)
		set, within := sets[wi], fzGroupWithin[wi]
		in := append([]rules.Match(nil), ms...)
		gs := set.Group(ms)
		if !reflect.DeepEqual(ms, in) {
			t.Fatal("Group changed its input")
		}
		if again := set.Group(append([]rules.Match(nil), in...)); !reflect.DeepEqual(gs, again) {
			t.Fatalf("Group is not deterministic:\n%s\nthen\n%s", describe(gs), describe(again))
		}

		// A match is identified by the bytes it covers and its rule: Group
		// keeps one of two matches of the same bytes and part (in raw
		// mode they may disagree on the line).
		type ident struct {
			rule       string
			start, end int
		}
		id := func(m rules.Match) ident { return ident{m.RuleID, m.Start, m.End} }
		inputs := map[ident][]rules.Match{}
		for _, m := range in {
			inputs[id(m)] = append(inputs[id(m)], m)
		}
		seen := map[ident]int{}
		type link struct{ a, b int } // anchor start, partner start
		links := map[rules.Part][]link{}
		for _, g := range gs {
			if len(g.Parts) == 0 {
				t.Fatalf("empty group %+v", g)
			}
			parts := map[rules.Part]bool{}
			for i, m := range g.Parts {
				given := false
				for _, x := range inputs[id(m)] {
					given = given || x == m
				}
				if !given {
					t.Fatalf("group %s holds a match that was not given: %+v", g.ID, m)
				}
				seen[id(m)]++
				if parts[m.Part] {
					t.Fatalf("group %s has two %q parts:%s", g.ID, m.Part, describe([]rules.Group{g}))
				}
				parts[m.Part] = true
				for _, o := range g.Parts[:i] {
					if m.Start < o.End && o.Start < m.End {
						t.Fatalf("group %s pairs overlapping matches %+v and %+v", g.ID, o, m)
					}
				}
			}
			if len(g.Parts) > 1 {
				if g.ID != "gx" || g.Verify != "gx" || g.Exchange != "gx" {
					t.Fatalf("multi-part group %+v is not the credential", g)
				}
				a := g.Parts[0]
				for _, m := range g.Parts[1:] {
					if within > 0 && abs(m.Line-a.Line) > within {
						t.Fatalf("group pairs line %d with line %d, over withinLines %d", a.Line, m.Line, within)
					}
					links[m.Part] = append(links[m.Part], link{a.Start, m.Start})
				}
			}
			switch {
			case g.Parts[0].RuleID == "g-lone":
				if len(g.Parts) != 1 || !g.Complete || g.ID != "g-lone" {
					t.Fatalf("standalone group %+v", g)
				}
			default:
				if g.ID != "gx" || g.Complete != (len(g.Parts) == 3) {
					t.Fatalf("credential group %s complete=%v with %d parts", g.ID, g.Complete, len(g.Parts))
				}
			}
		}
		for k, ms := range inputs {
			if seen[k] == 0 {
				t.Fatalf("match %+v is in no group", ms[0])
			}
			if seen[k] > 1 && !raw {
				t.Fatalf("match %+v is in %d groups", ms[0], seen[k])
			}
		}
		if raw {
			return
		}
		// Credentials are never crossed: a later anchor never takes an
		// earlier partner of the same part.
		for p, ls := range links {
			sort.SliceStable(ls, func(i, j int) bool { return ls[i].a < ls[j].a })
			for i := 1; i < len(ls); i++ {
				if ls[i].a > ls[i-1].a && ls[i].b < ls[i-1].b {
					t.Fatalf("crossed %s pairing: anchor %d takes %d, anchor %d takes %d", p, ls[i-1].a, ls[i-1].b, ls[i].a, ls[i].b)
				}
			}
		}
	})
}

func abs(a int) int {
	if a < 0 {
		return -a
	}
	return a
}

// ---------------------------------------------------------------------
// FuzzValidMnemonic

func FuzzValidMnemonic(f *testing.F) {
	for _, s := range []string{
		// BIP-39 reference vectors (12, 15, 18, 21, 24 words).
		"abandon abandon abandon abandon abandon abandon abandon abandon abandon abandon abandon about",
		"legal winner thank year wave sausage worth useful legal winner thank yellow",
		"letter advice cage absurd amount doctor acoustic avoid letter advice cage above",
		"zoo zoo zoo zoo zoo zoo zoo zoo zoo zoo zoo wrong",
		"abandon abandon abandon abandon abandon abandon abandon abandon abandon abandon abandon abandon abandon abandon address",
		"abandon abandon abandon abandon abandon abandon abandon abandon abandon abandon abandon abandon abandon abandon abandon abandon abandon agent",
		"legal winner thank year wave sausage worth useful legal winner thank year wave sausage worth useful legal will",
		"abandon abandon abandon abandon abandon abandon abandon abandon abandon abandon abandon abandon abandon abandon abandon abandon abandon abandon abandon abandon absurd",
		"abandon abandon abandon abandon abandon abandon abandon abandon abandon abandon abandon abandon abandon abandon abandon abandon abandon abandon abandon abandon abandon abandon abandon art",
		"zoo zoo zoo zoo zoo zoo zoo zoo zoo zoo zoo zoo zoo zoo zoo zoo zoo zoo zoo zoo zoo zoo zoo vote",
		"letter, advice, cage, absurd, amount, doctor, acoustic, avoid, letter, advice, cage, absurd, amount, doctor, acoustic, avoid, letter, advice, cage, absurd, amount, doctor, acoustic, bless",
		"ozone drill grab fiber curtain grace pudding thank cruise elder eight picnic",
		"scheme spot photo card baby mountain device kick cradle pact join borrow",
		// Separators, case and quoting as found in files.
		"\"legal\", \"winner\", \"thank\", \"year\", \"wave\", \"sausage\", \"worth\", \"useful\", \"legal\", \"winner\", \"thank\", \"yellow\"",
		"['legal','winner','thank','year','wave','sausage','worth','useful','legal','winner','thank','yellow']",
		"LEGAL WINNER THANK YEAR WAVE SAUSAGE WORTH USEFUL LEGAL WINNER THANK YELLOW",
		"legal\nwinner\nthank\nyear\nwave\nsausage\nworth\nuseful\nlegal\nwinner\nthank\nyellow\n",
		"  legal\twinner  thank\r\nyear wave sausage worth useful legal winner thank yellow  ",
		"\u00a0legal winner thank year wave sausage worth useful legal winner thank yellow\u00a0",
		"legal\u00a0winner thank year wave sausage worth useful legal winner thank yellow",
		"legal\vwinner thank year wave sausage worth useful legal winner thank yellow",
		"legal winner thank year wave sausage worth useful legal winner thank yellow\u2028",
		"legal winner thank year wave sau\u212Aage worth useful legal winner thank yellow",
		// Near misses: checksum, word count, unknown words, prefixes.
		"legal winner thank year wave sausage worth useful legal winner thank thank",
		"legal winner thank year wave sausage worth useful legal winner thank",
		"legal winner thank year wave sausage worth useful legal winner thank yellow yellow",
		"lorem ipsum dolor sit amet consectetur adipiscing elit sed do eiusmod tempor",
		"leg win tha yea wav sau wor use leg win tha yel",
		"abandon abandon abandon abandon abandon abandon abandon abandon abandon abandon abandon abandon",
		"",
		" ",
		",,,,\"\"''",
		"\x00\xff\xfe",
		"abandon\x00abandon abandon abandon abandon abandon abandon abandon abandon abandon abandon about",
		strings.Repeat("abandon ", 5000) + "about",
	} {
		f.Add(s, uint16(0), uint16(1))
	}
	f.Add("legal winner thank year wave sausage worth useful legal winner thank yellow", uint16(11), uint16(1000))
	f.Add("zoo zoo zoo zoo zoo zoo zoo zoo zoo zoo zoo zoo zoo zoo zoo zoo zoo zoo zoo zoo zoo zoo zoo vote", uint16(23), uint16(2047))
	sep := regexp.MustCompile(`[\s,"']+`)
	english := map[string]int{}
	for i, w := range wordlists.English {
		english[w] = i
	}

	f.Fuzz(func(t *testing.T, s string, pos, step uint16) {
		ok := rules.ValidMnemonic(s)
		if !ok {
			return
		}
		// Separators are interchangeable: one space, newlines, commas.
		fields := strings.Fields(s)
		for _, norm := range []string{
			strings.Join(fields, " "),
			strings.Join(fields, "\n"),
			strings.Join(fields, ", "),
			" " + strings.Join(fields, "  ") + " ",
			strings.ToLower(strings.Join(fields, " ")),
		} {
			if !rules.ValidMnemonic(norm) {
				t.Fatalf("%q is valid but its normalised form %q is not", s, norm)
			}
		}
		// An accepted mnemonic is what BIP-39 accepts.
		var words []string
		for _, w := range sep.Split(strings.ToLower(strings.TrimSpace(s)), -1) {
			if w != "" {
				words = append(words, w)
			}
		}
		canon := strings.Join(words, " ")
		ent, err := bip39.EntropyFromMnemonic(canon)
		if err != nil {
			t.Fatalf("%q is accepted but bip39 rejects %q: %v", s, canon, err)
		}
		// Flipping one word to another valid word: distinct mnemonics
		// have distinct entropy, and the checksum rejects most flips
		// (1 in 16 survives for 12 words). Asserted loosely: fewer than
		// half of 64 flips may survive.
		i := int(pos) % len(words)
		idx, known := english[words[i]]
		if !known {
			t.Fatalf("accepted word %q is not in the English list", words[i])
		}
		survived := 0
		for k := 0; k < 64; k++ {
			alt := append([]string(nil), words...)
			alt[i] = wordlists.English[(idx+1+int(step)+k*31)%2048]
			if alt[i] == words[i] {
				continue
			}
			flipped := strings.Join(alt, " ")
			if !rules.ValidMnemonic(flipped) {
				continue
			}
			survived++
			ent2, err := bip39.EntropyFromMnemonic(flipped)
			if err != nil || bytes.Equal(ent, ent2) {
				t.Fatalf("flipped mnemonic %q: entropy %x (err %v), original %x", flipped, ent2, err, ent)
			}
		}
		if survived > 32 {
			t.Fatalf("%d of 64 one-word changes of %q still validate: the checksum is not checked", survived, canon)
		}
	})
}
