// Specification by example of package syntax: the storage shapes a
// credential scanner meets in real repositories, each an input and the
// pairs Scan must yield from it.
//
// Every case follows a public repository file or documentation page (src)
// and stores an API credential (api_key, secret, token, password,
// passphrase settings) the way people really do in code, configuration,
// deploy tooling, notebooks and tables. The values are random, generated
// for this file with Python's secrets module: none is real.
//
// The cases were written independently of the lexer, and every one holds:
//
//	go test -run 'TestCases/yaml' -v ./syntax/
//	go test -run TestCasesWellFormed ./syntax/  # the table itself
//
// # How a want is matched
//
// Every pair Scan yields is a candidate; a want is met when one pair
// matches all its set fields:
//
//   - name is compared with Pair.Name. "a|b" accepts either alternative;
//     "*x" accepts x or a Name ending in x after a character that cannot
//     be part of a name ("*API_KEY" accepts API_KEY, os.environ.API_KEY,
//     $env:API_KEY, $API_KEY, self.API_KEY, --API_KEY; not MY_API_KEY);
//     "()x" accepts a positional argument (empty Name) of a call whose
//     last segment is x; "" is a positional argument.
//   - value is compared with Pair.Value exactly.
//   - call is compared with Pair.Call ("~x": Call contains x).
//   - arg: kw is Arg == -1, a0, a1, a2 are positions.
//   - in: these names appear among the Frame names in this order,
//     outermost first, other frames allowed between ("~x": contains x).
//   - kind: the innermost Frame's kind (object, array, call, indent,
//     item, section, element, row), or "none" for no Frame.
//   - flags must all be set on the pair; clear must all be clear.
//   - sib: wants of a case with the same tag have a common innermost
//     Frame (one object, list item, section, row: the pairing a rule
//     relies on to put a key and its secret together); wants with
//     different tags are in different ones.
//   - the value's span: when the pair is not Decoded and its value occurs
//     in the input as is, input[Start:End] contains it.
//
// An absent entry fails its case if any pair matches it: name ("" any,
// "?" any non-empty, otherwise as for wants), value ("" any), call
// ("" any), flags (all set).
//
// # Decisions
//
// Where a shape is ambiguous, the cases pin down the reading a credential
// scanner needs:
//
//	D1  Names are written as in the source, without quotes. A receiver,
//	    sigil or subscript may stay in them (self.api_key, $apiKey,
//	    @api_key, :api_key, $env:X, os.environ.X): the cases use "*x".
//	    A subscript target x["K"] gives a Name ending in K, without the
//	    brackets and quotes.
//	D2  A string argument of a call belongs to the call, never to the
//	    variable its result is assigned to: key = os.getenv("BINANCE_KEY"),
//	    ENV["X"], System.getenv("X"), env::var("X"), config["a"]["b"],
//	    Configuration["Binance:ApiKey"] yield no named pair whose value is
//	    the variable's name or the subscript (a case in every language).
//	D3  Positional argument pairs are string literals (through wrappers):
//	    NewClient(apiKey, secretKey) yields no value "apiKey".
//	D4  A call whose first argument is a name-like string literal and
//	    whose second is a string literal yields (first, second):
//	    os.Setenv, SetEnvironmentVariable, set_var, setdefault, define,
//	    getenv/ENV.fetch/env()/getOrDefault with a default, Map.of and
//	    Pair pairwise, put/addHeader/setProperty, Config.set(:atom, v).
//	D5  A fallback default is paired with the variable it stands in for:
//	    process.env.X || "v", ?? "v", or "v", ?: "v", .unwrap_or("v"),
//	    ${X:-v}, ${X-v}, ${X:=v}, Spring ${x:v}; the assigned name is
//	    accepted as well where there is one. ${X:?msg} has no default.
//	D6  Keyword arguments, and members of an object, dict, array or
//	    keyword literal passed directly as an argument, carry the call
//	    (Call = callee, Arg = -1); positional string arguments carry the
//	    call and their position. The callee is spelled as written before
//	    the "(", "new " kept, space before "(" dropped.
//	D7  Wrappers are transparent: String::from("v"), "v".to_string(),
//	    .to_owned(), .into(), Some(…), r"v", b"v".
//	D8  Commented-out code is still text: "# 'apiKey': 'v'," yields the
//	    pair (a key in a comment is still leaked). A comment after a value
//	    is not part of it; inside a bare value "#" starts a comment only
//	    after whitespace (the dotenv and Compose rule).
//	D9  A bare value ends at the end of the line, at whitespace, or at
//	    , } ] ; in brackets; "==" padding stays. An empty value never
//	    takes the next line.
//	D10 CR of CRLF and a BOM are never part of a name or a value.
//	D11 A type annotation is not a value: api_key: str = "v" yields
//	    (api_key, v), not (api_key, str).
//	D12 Escapes are decoded in the quotes that have them, not in raw,
//	    verbatim or literal ones. Text inside a string that is JSON-escaped
//	    code or configuration (notebooks, embedded JSON) is read again:
//	    its pairs are Decoded.
//	D13 Nested configuration: the Name is the last key and the path is in
//	    the Frames (YAML indentation, JSON and code objects, TOML and INI
//	    sections, XML elements, HCL blocks). TOML dotted keys and
//	    .properties keys keep their dots in the Name. An XML element that
//	    holds only text is a member of its parent: <apiKey>v</apiKey> in
//	    <binance> is (apiKey, v) in frame binance.
//	D14 A name and a value held by separate members give (NAME, value):
//	    {"key"|"name": NAME, "value": v} in either order, <add key value>,
//	    <property name value>, <string name>v</string>, <entry key>v,
//	    HCL name =/value = in one block, YAML "- name:/value:". Only with
//	    a member called value (or the element's text): {"name": "okx",
//	    "key": v} (freqtrade) and valueFrom/secretKeyRef {name, key} pair
//	    nothing across, and a pair never crosses into another block.
//	D15 NAME=VALUE inside a value is read again (Decoded): docker -e,
//	    --env, --from-literal, systemd Environment=, Compose list items,
//	    echo "K=V" >> .env, putenv("K=V"), set "K=V", connection strings
//	    (;Password=v;), URL queries (?signature=v&); so is "Name: value"
//	    in curl -H headers.
//	D16 Command-line flags --api-key v and --api-key=v are pairs whose
//	    Name ends in api-key.
//	D17 Base64: a value that decodes to printable text is also reported
//	    decoded, under the same name, with Base64|Decoded (Kubernetes
//	    Secret data); one trailing newline (echo without -n) is dropped;
//	    the decoded text is read again (a base64-wrapped .env yields its
//	    pairs, Base64|Decoded). A value that decodes to binary (a Kraken
//	    secret, an Ed25519 key) is never reported as Base64.
//	D18 YAML anchors (&a) are not part of values; block scalars follow
//	    YAML's newline rules (| keeps one final newline, |- and >- none),
//	    so a PEM key in one comes out whole.
//	D19 A setter or builder call, setApiKey("v") or .apiKey("v"), yields
//	    a pair named after the method or a positional argument of it.
//	D20 Empty values and references (${X}, $X, ${{ secrets.X }}, *alias)
//	    are neither required nor forbidden: the rules reject them.
package syntax_test

import (
	"encoding/base64"
	"fmt"
	"regexp"
	"sort"
	"strconv"
	"strings"
	"testing"
	"unicode"
	"unicode/utf8"

	"github.com/keyhound/keyhound/syntax"
)

// wantPair is one pair Scan must yield (see the file comment for matching).
type wantPair struct {
	name  string
	value string
	call  string
	arg   argPos
	in    []string
	kind  string
	flags syntax.Flags
	clear syntax.Flags
	sib   string
}

// absentPair is a pair Scan must not yield.
type absentPair struct {
	name  string
	value string
	call  string
	flags syntax.Flags
}

// storageCase is one storage shape.
type storageCase struct {
	lang string // the syntax family, for the per-syntax counts
	name string
	src  string // the public file or page whose format the input follows
	in   string
	want []wantPair
	not  []absentPair
}

// argPos is an expected Pair.Arg; the zero value leaves it unchecked.
type argPos int

const (
	anyArg argPos = iota
	kw            // Arg == -1: a keyword argument or a member of a literal argument
	a0            // Arg == 0
	a1            // Arg == 1
	a2            // Arg == 2
)

func (a argPos) pos() int { return int(a) - int(a0) }

// Flag shorthands for the table.
const (
	q   = syntax.Quoted
	dec = syntax.Decoded
	b64 = syntax.Base64 | syntax.Decoded
	tbl = syntax.Table
)

// crlf turns a case's line ends into CRLF.
func crlf(s string) string { return strings.ReplaceAll(s, "\n", "\r\n") }

// pem is an EC private key in PEM form (no final newline).
func pem(l1, l2, l3 string) string {
	return "-----BEGIN EC PRIVATE KEY-----\n" + l1 + "\n" + l2 + "\n" + l3 + "\n-----END EC PRIVATE KEY-----"
}

var caseKinds = map[syntax.FrameKind]string{
	syntax.Object:  "object",
	syntax.Array:   "array",
	syntax.Call:    "call",
	syntax.Indent:  "indent",
	syntax.Item:    "item",
	syntax.Section: "section",
	syntax.Element: "element",
	syntax.Row:     "row",
}

type scannedFrame struct {
	id   int
	kind syntax.FrameKind
	name string
}

// scanned is a copy of a Pair (Scan's buffers are valid only in the callback).
type scanned struct {
	name, value, call     string
	nameStart, start, end int
	arg                   int
	flags                 syntax.Flags
	frames                []scannedFrame
}

func (g scanned) innermost() int {
	if len(g.frames) == 0 {
		return -1
	}
	return g.frames[len(g.frames)-1].id
}

func (g scanned) String() string {
	var fs []string
	for _, f := range g.frames {
		fs = append(fs, fmt.Sprintf("%s:%q#%d", caseKinds[f.kind], f.name, f.id))
	}
	return fmt.Sprintf("{name %q value %q call %q arg %d flags %04b span %d..%d name@%d frames [%s]}",
		g.name, g.value, g.call, g.arg, g.flags, g.start, g.end, g.nameStart, strings.Join(fs, " "))
}

func scanCase(src string) []scanned {
	var out []scanned
	syntax.Scan([]byte(src), func(p *syntax.Pair) {
		g := scanned{
			name: string(p.Name), value: string(p.Value), call: string(p.Call),
			nameStart: p.NameStart, start: p.Start, end: p.End, arg: p.Arg, flags: p.Flags,
		}
		for _, f := range p.Frames {
			g.frames = append(g.frames, scannedFrame{f.ID, f.Kind, string(f.Name)})
		}
		out = append(out, g)
	})
	return out
}

func isNameRune(r rune) bool {
	return r == '_' || r >= utf8.RuneSelf || unicode.IsLetter(r) || unicode.IsDigit(r)
}

func suffixMatch(name, x string) bool {
	if name == x {
		return true
	}
	if x == "" || !strings.HasSuffix(name, x) {
		return false
	}
	r, _ := utf8.DecodeLastRuneInString(name[:len(name)-len(x)])
	return !isNameRune(r)
}

func lastSegment(call string) string {
	call = strings.TrimSpace(call)
	if i := strings.LastIndexAny(call, ".:>\\ "); i >= 0 {
		return call[i+1:]
	}
	return call
}

func nameMatch(pat string, g scanned) bool {
	for _, alt := range strings.Split(pat, "|") {
		switch {
		case strings.HasPrefix(alt, "()"):
			if g.name == "" && g.call != "" && lastSegment(g.call) == alt[2:] {
				return true
			}
		case strings.HasPrefix(alt, "*"):
			if suffixMatch(g.name, alt[1:]) {
				return true
			}
		default:
			if g.name == alt {
				return true
			}
		}
	}
	return false
}

func strMatch(pat, s string) bool {
	if strings.HasPrefix(pat, "~") {
		return strings.Contains(s, pat[1:])
	}
	return s == pat
}

func framesMatch(in []string, frames []scannedFrame) bool {
	i := 0
	for _, f := range frames {
		if i < len(in) && strMatch(in[i], f.name) {
			i++
		}
	}
	return i == len(in)
}

func (w wantPair) matches(g scanned) bool {
	if !nameMatch(w.name, g) || g.value != w.value {
		return false
	}
	if w.call != "" && !strMatch(w.call, g.call) {
		return false
	}
	if w.arg != anyArg && g.arg != w.arg.pos() {
		return false
	}
	if len(w.in) > 0 && !framesMatch(w.in, g.frames) {
		return false
	}
	if w.kind != "" {
		k := "none"
		if len(g.frames) > 0 {
			k = caseKinds[g.frames[len(g.frames)-1].kind]
		}
		if k != w.kind {
			return false
		}
	}
	return g.flags&w.flags == w.flags && g.flags&w.clear == 0
}

func (a absentPair) matches(g scanned) bool {
	switch a.name {
	case "":
	case "?":
		if g.name == "" {
			return false
		}
	default:
		if !nameMatch(a.name, g) {
			return false
		}
	}
	if a.value != "" && g.value != a.value {
		return false
	}
	if a.call != "" && !strMatch(a.call, g.call) {
		return false
	}
	return g.flags&a.flags == a.flags
}

// spanOK: positions are in the input, and a value written as is lies in
// its span.
func spanOK(g scanned, src string) bool {
	if g.start < 0 || g.start > g.end || g.end > len(src) || g.nameStart < 0 || g.nameStart > len(src) {
		return false
	}
	if g.flags&syntax.Decoded != 0 || g.value == "" || !strings.Contains(src, g.value) {
		return true
	}
	return strings.Contains(src[g.start:g.end], g.value)
}

func describeWant(w wantPair) string {
	s := fmt.Sprintf("name %q value %q", w.name, w.value)
	if w.call != "" {
		s += fmt.Sprintf(" call %q", w.call)
	}
	if w.arg != anyArg {
		s += fmt.Sprintf(" arg %d", w.arg.pos())
	}
	if len(w.in) > 0 {
		s += fmt.Sprintf(" in %q", w.in)
	}
	if w.kind != "" {
		s += " kind " + w.kind
	}
	if w.flags != 0 {
		s += fmt.Sprintf(" flags %04b", w.flags)
	}
	if w.clear != 0 {
		s += fmt.Sprintf(" clear %04b", w.clear)
	}
	if w.sib != "" {
		s += " sib " + w.sib
	}
	return s
}

// TestCases runs Scan on every case and checks its wants and absents.
func TestCases(t *testing.T) {
	for _, c := range storageCases {
		t.Run(c.lang+"/"+c.name, func(t *testing.T) {
			pairs := scanCase(c.in)
			cand := make([]map[int]bool, len(c.want))
			for i, w := range c.want {
				var matched, placed []scanned
				for _, g := range pairs {
					if w.matches(g) {
						matched = append(matched, g)
						if spanOK(g, c.in) {
							placed = append(placed, g)
						}
					}
				}
				switch {
				case len(matched) == 0:
					t.Errorf("missing %s\n%s", describeWant(w), nearPairs(pairs, w))
				case len(placed) == 0:
					t.Errorf("bad span for %s: %v (input has %d bytes)", describeWant(w), matched, len(c.in))
				default:
					cand[i] = map[int]bool{}
					for _, g := range placed {
						cand[i][g.innermost()] = true
					}
				}
			}
			checkSiblings(t, c, cand)
			for _, a := range c.not {
				for _, g := range pairs {
					if a.matches(g) {
						t.Errorf("unwanted pair %v (absent %+v)", g, a)
					}
				}
			}
			if t.Failed() {
				t.Logf("input:\n%s\nall %d pairs:", c.in, len(pairs))
				for _, g := range pairs {
					t.Logf("  %v", g)
				}
			}
		})
	}
}

// nearPairs lists the pairs that share the want's value or name.
func nearPairs(pairs []scanned, w wantPair) string {
	var b strings.Builder
	n := 0
	for _, g := range pairs {
		if (g.value == w.value || nameMatch(w.name, g)) && n < 6 {
			fmt.Fprintf(&b, "  near: %v\n", g)
			n++
		}
	}
	if n == 0 {
		fmt.Fprintf(&b, "  (no pair with that name or value among %d)", len(pairs))
	}
	return b.String()
}

// checkSiblings checks the sib tags: one common innermost frame per tag,
// a different one per tag.
func checkSiblings(t *testing.T, c storageCase, cand []map[int]bool) {
	groups := map[string][]int{}
	var tags []string
	for i, w := range c.want {
		if w.sib == "" || cand[i] == nil {
			continue
		}
		if _, ok := groups[w.sib]; !ok {
			tags = append(tags, w.sib)
		}
		groups[w.sib] = append(groups[w.sib], i)
	}
	common := make([][]int, len(tags))
	for k, tag := range tags {
		idx := groups[tag]
		for id := range cand[idx[0]] {
			all := true
			for _, i := range idx[1:] {
				all = all && cand[i][id]
			}
			if all {
				common[k] = append(common[k], id)
			}
		}
		sort.Ints(common[k])
		if len(common[k]) == 0 {
			var ws []string
			for _, i := range idx {
				ws = append(ws, fmt.Sprintf("%s in frames %v", c.want[i].name, sortedIDs(cand[i])))
			}
			t.Errorf("sib %s: not in one scope: %s", tag, strings.Join(ws, "; "))
			return
		}
	}
	used := map[int]bool{}
	var pick func(k int) bool
	pick = func(k int) bool {
		if k == len(tags) {
			return true
		}
		for _, id := range common[k] {
			if !used[id] {
				used[id] = true
				if pick(k + 1) {
					return true
				}
				used[id] = false
			}
		}
		return false
	}
	if !pick(0) {
		t.Errorf("sib tags %v share their scopes %v: they must be different objects, items, sections or rows", tags, common)
	}
}

func sortedIDs(m map[int]bool) []int {
	var out []int
	for k := range m {
		out = append(out, k)
	}
	sort.Ints(out)
	return out
}

var caseLangs = []string{
	"python", "js", "go", "java", "kotlin", "csharp", "rust", "ruby", "php", "elixir",
	"shell", "powershell", "dotenv", "yaml", "json", "toml", "ini", "xml", "hcl",
	"dockerfile", "systemd", "compose", "ci", "notebook", "k8s", "base64", "table",
}

var uEscape = regexp.MustCompile(`\\u[0-9a-fA-F]{4}`)

// normText undoes the common escapes and drops white space, so that a
// wanted value can be found in its input however it is written there.
func normText(s string) string {
	s = uEscape.ReplaceAllStringFunc(s, func(m string) string {
		r, _ := strconv.ParseUint(m[2:], 16, 32)
		return string(rune(r))
	})
	s = strings.NewReplacer(`\"`, `"`, `\/`, `/`, `\\`, `\`, `\n`, "\n", `\t`, "\t", `\r`, "",
		"&amp;", "&", "&lt;", "<", "&gt;", ">", "&quot;", `"`, `""`, `"`).Replace(s)
	return strings.Map(func(r rune) rune {
		if unicode.IsSpace(r) || r == '\ufeff' {
			return -1
		}
		return r
	}, s)
}

var b64Token = regexp.MustCompile(`[A-Za-z0-9+/_-]{12,}={0,2}`)

// caseTexts is the input and the text of every base64 token in it.
func caseTexts(in string) []string {
	out := []string{normText(in)}
	for _, tok := range b64Token.FindAllString(in, -1) {
		for _, enc := range []*base64.Encoding{base64.StdEncoding, base64.RawStdEncoding, base64.URLEncoding} {
			if b, err := enc.DecodeString(tok); err == nil && utf8.Valid(b) {
				out = append(out, normText(string(b)))
				break
			}
			if b, err := enc.DecodeString(strings.TrimRight(tok, "=")); err == nil && utf8.Valid(b) {
				out = append(out, normText(string(b)))
				break
			}
		}
	}
	return out
}

func occurs(ts []string, s string) bool {
	s = normText(s)
	for _, t := range ts {
		if strings.Contains(t, s) {
			return true
		}
	}
	return false
}

// TestCasesWellFormed checks the table itself, so that a typo in a case
// is not mistaken for a lexer bug: every wanted value and name occurs in
// its input (as written, escaped, or base64-encoded), names are unique,
// and there are enough cases for every syntax.
func TestCasesWellFormed(t *testing.T) {
	seen := map[string]bool{}
	known := map[string]bool{}
	for _, l := range caseLangs {
		known[l] = true
	}
	for _, c := range storageCases {
		id := c.lang + "/" + c.name
		if seen[id] {
			t.Errorf("%s: duplicate case name", id)
		}
		seen[id] = true
		if !known[c.lang] || c.src == "" || c.in == "" || len(c.want)+len(c.not) == 0 {
			t.Errorf("%s: needs a known lang, a src, an input and wants or absents", id)
		}
		if strings.ContainsAny(c.in, "\u00ab\u00bb") {
			t.Errorf("%s: unfilled placeholder", id)
		}
		ts := caseTexts(c.in)
		for _, w := range c.want {
			if w.value == "" || !occurs(ts, w.value) {
				t.Errorf("%s: value %q is not in the input", id, w.value)
			}
			if w.name != "" {
				ok := false
				for _, alt := range strings.Split(w.name, "|") {
					ok = ok || occurs(ts, strings.TrimLeft(alt, "*()"))
				}
				if !ok {
					t.Errorf("%s: name %q is not in the input", id, w.name)
				}
			}
			for _, f := range w.in {
				if !occurs(ts, strings.TrimPrefix(f, "~")) {
					t.Errorf("%s: frame %q is not in the input", id, f)
				}
			}
			if w.kind != "" && w.kind != "none" {
				found := false
				for _, k := range caseKinds {
					found = found || k == w.kind
				}
				if !found {
					t.Errorf("%s: unknown kind %q", id, w.kind)
				}
			}
		}
	}
}

// TestCasesCount logs the number of cases per syntax and holds the table
// to at least 120 cases, at least 2 per syntax.
func TestCasesCount(t *testing.T) {
	n := map[string]int{}
	for _, c := range storageCases {
		n[c.lang]++
	}
	var parts []string
	for _, l := range caseLangs {
		parts = append(parts, fmt.Sprintf("%s %d", l, n[l]))
		if n[l] < 2 {
			t.Errorf("syntax %s has %d cases, want at least 2", l, n[l])
		}
	}
	t.Logf("%d cases: %s", len(storageCases), strings.Join(parts, ", "))
	if len(storageCases) < 120 {
		t.Errorf("%d cases, want at least 120", len(storageCases))
	}
}

// storageCases is the specification: one storage shape each.
var storageCases = []storageCase{
	// ---------------------------------------------------------------- Python
	{
		lang: "python", name: "class constants with trailing comments",
		src: "github.com/WISEPLAT/backtrader_binance ConfigBinance/Config.py; github.com/PinnacleADM2/BinanceMonitorREAL config.py",
		in: `# -*- coding: utf-8 -*-
import os

class Config:
    BINANCE_API_KEY = "qziJLY0jsPNMfIedZeBvuY9RHtXbAxXVLHiCzlAdhs4q95Mr8f06KaPM2vMA0cv5"  # API Key
    BINANCE_API_SECRET = 'HzSBJs62qlt0rzvHdQHHWLxoZMHdg7LhP8GrTT4RIymk3VhZZpCRUocDyVuySiuA'	# a tab before this comment

DEBUG = True
`,
		want: []wantPair{
			{name: "BINANCE_API_KEY", value: "qziJLY0jsPNMfIedZeBvuY9RHtXbAxXVLHiCzlAdhs4q95Mr8f06KaPM2vMA0cv5", flags: q},
			{name: "BINANCE_API_SECRET", value: "HzSBJs62qlt0rzvHdQHHWLxoZMHdg7LhP8GrTT4RIymk3VhZZpCRUocDyVuySiuA", flags: q},
		},
	},
	{
		lang: "python", name: "ccxt dict argument with unicode comments",
		src: "github.com/samkomo/ccxt-trading-webhook config/exchange.py (ccxt.binance({'apiKey': …, 'secret': …}))",
		in: `import ccxt

exchange = ccxt.binance({
    'apiKey': 'ywK6erJh26z4hKyYn8JdldGnZBdz1IrzWnsfpVShtuV9ENYzM4ESyim6DP4wp2ma',               # 设置 API Key
    'secret': "NmX9tK5Kupsq8UdrCeDWotYmLiTCovy9pURgTFl1xXLApNRUgguXPkw1rBySEiX2",           # 设置 API Secret
    'enableRateLimit': True,
    'options': {'defaultType': 'spot'},  # 使用现货市场（spot）
})
`,
		want: []wantPair{
			{name: "apiKey", value: "ywK6erJh26z4hKyYn8JdldGnZBdz1IrzWnsfpVShtuV9ENYzM4ESyim6DP4wp2ma", call: "ccxt.binance", arg: kw, in: []string{"ccxt.binance"}, sib: "a"},
			{name: "secret", value: "NmX9tK5Kupsq8UdrCeDWotYmLiTCovy9pURgTFl1xXLApNRUgguXPkw1rBySEiX2", call: "ccxt.binance", arg: kw, sib: "a"},
		},
	},
	{
		lang: "python", name: "ccxt manual style: space before the paren, nested options first",
		src: "github.com/AlgoQ/pythonOpdrachten oplossing2.py (ccxt Manual: exchange = ccxt.binance ({ 'options': {…} }))",
		in: `exchange = ccxt.okx ({
    'options': {
        'adjustForTimeDifference': True,
    },
    'apiKey': '5cdd702c-2c16-48c7-8175-46a5480a2209',
    'secret': '86D8084162370DED7CBD481639830B21',
    'password': 'ERCL1FY2MVv.XubL',
    'timeout': 30000,
})
`,
		want: []wantPair{
			{name: "adjustForTimeDifference", value: "True", in: []string{"options"}, sib: "o"},
			{name: "apiKey", value: "5cdd702c-2c16-48c7-8175-46a5480a2209", call: "ccxt.okx", arg: kw, kind: "object", sib: "a"},
			{name: "secret", value: "86D8084162370DED7CBD481639830B21", call: "ccxt.okx", sib: "a"},
			{name: "password", value: "ERCL1FY2MVv.XubL", call: "ccxt.okx", sib: "a"},
		},
	},
	{
		lang: "python", name: "exchange class from getattr",
		src: "github.com/AlgoQ/pythonOpdrachten oplossing2.py (exchange_class = getattr(ccxt, exchange_id); exchange_class({…}))",
		in: `exchange_id = 'kucoin'
exchange_class = getattr(ccxt, exchange_id)
exchange = exchange_class({
    'apiKey': '2071b306b342ed8c40873588',
    'secret': 'ab3021ea-a234-4162-b630-05b8be534453',
    'password': 'M3YXwz8Wc1AEvAAP',
})
`,
		want: []wantPair{
			{name: "exchange_id", value: "kucoin"},
			{name: "apiKey", value: "2071b306b342ed8c40873588", call: "exchange_class", arg: kw, sib: "a"},
			{name: "secret", value: "ab3021ea-a234-4162-b630-05b8be534453", call: "exchange_class", arg: kw, sib: "a"},
			{name: "password", value: "M3YXwz8Wc1AEvAAP", call: "exchange_class", arg: kw, sib: "a"},
		},
	},
	{
		lang: "python", name: "keyword arguments",
		src: "github.com/bybit-exchange/pybit README.md (HTTP(testnet=…, api_key=\"…\", api_secret=\"…\"))",
		in: `from pybit.unified_trading import HTTP

session = HTTP(
    testnet=False,
    api_key="NnIASpvI56FMlr8OR3",
    api_secret="esrTuWGETl0VFV5uST9gh5IDmeJpwNrl2zHi",
)
`,
		want: []wantPair{
			{name: "api_key", value: "NnIASpvI56FMlr8OR3", call: "HTTP", arg: kw, kind: "call", sib: "a"},
			{name: "api_secret", value: "esrTuWGETl0VFV5uST9gh5IDmeJpwNrl2zHi", call: "HTTP", arg: kw, kind: "call", sib: "a"},
		},
	},
	{
		lang: "python", name: "positional arguments",
		src: "github.com/arunpa0206/TradeBot clientdata.py (Client(api_key, api_secret)); python-binance Client(key, secret, {requests_params})",
		in: `from binance.client import Client

client = Client("bNlmxQbrt29uziGTH2D5q567DLtVYTZ95qtlYcEWZ9huAJnGAW2u4SBah2pNvw7w", "Om8QubISOZhHU5oADAw9Gb0g58BaeJgACLI3NsIrURk2ImxhKxsY95PfakH4RuK2", {"verify": True, "timeout": 20})
`,
		want: []wantPair{
			{name: "", value: "bNlmxQbrt29uziGTH2D5q567DLtVYTZ95qtlYcEWZ9huAJnGAW2u4SBah2pNvw7w", call: "Client", arg: a0},
			{name: "", value: "Om8QubISOZhHU5oADAw9Gb0g58BaeJgACLI3NsIrURk2ImxhKxsY95PfakH4RuK2", call: "Client", arg: a1},
		},
	},
	{
		lang: "python", name: "getenv and environ.get with a default",
		src: "github.com/arunpa0206/TradeBot; code search: API_KEY = os.getenv(\"BINANCE_API_KEY\", \"\")",
		in: `import os

API_KEY = os.getenv("BINANCE_API_KEY", "IWmBb35Bm4KBRuEh1eohO6Xeo1eOt1qknhYQ4XlFm0BfOoXPmKbu3YlwAsv6ejq4")
API_SECRET = os.environ.get('BINANCE_API_SECRET', 'RUP2L1UmQICkAmo4oTTpmvR0MlPYedPrfTiG1AKlBaF1mHTbjs0JSARwjDPnhLZh')
`,
		want: []wantPair{
			{name: "BINANCE_API_KEY|API_KEY", value: "IWmBb35Bm4KBRuEh1eohO6Xeo1eOt1qknhYQ4XlFm0BfOoXPmKbu3YlwAsv6ejq4"},
			{name: "BINANCE_API_SECRET|API_SECRET", value: "RUP2L1UmQICkAmo4oTTpmvR0MlPYedPrfTiG1AKlBaF1mHTbjs0JSARwjDPnhLZh"},
		},
		not: []absentPair{{name: "API_KEY", value: "BINANCE_API_KEY"}, {name: "API_SECRET", value: "BINANCE_API_SECRET"}},
	},
	{
		lang: "python", name: "env var names and subscripts are not values",
		src: "github.com/samkomo/ccxt-trading-webhook config/exchange.py; github.com/zmomz/semi_auto_trading_app config.py; streamlit st.secrets[…]",
		in: `import os
import streamlit as st

key = os.getenv("BINANCE_KEY")
secret = os.environ["BINANCE_SECRET"]
passphrase = st.secrets["OKX_PASSPHRASE"]
exchange = ccxt.binance({
    'apiKey': os.getenv('BINANCE_API_KEY'),
    'secret': config["binance"]["secret"],
})
`,
		not: []absentPair{
			{name: "?", value: "BINANCE_KEY"},
			{name: "?", value: "BINANCE_SECRET"},
			{name: "?", value: "OKX_PASSPHRASE"},
			{name: "?", value: "BINANCE_API_KEY"},
			{name: "?", value: "binance"},
			{name: "secret", value: "secret"},
		},
	},
	{
		lang: "python", name: "environ assignment and setdefault",
		src: "docs.python.org/3/library/os.html#os.environ",
		in: `os.environ["BINANCE_API_KEY"] = "eyP4gVqcBtTPDQL5d6LL0FKm2BaEBMlCtmYNYmUwppiIv2rdN1JSY62OAhdeyqzw"
os.environ['BINANCE_API_SECRET'] = 'dDKCkmZBqL6eiIzWTBOommS9nyUZ9QKjcBpp1jhoXFjyfBWtvAXOfKQvoJ7tBvJ5'
os.environ.setdefault("OKX_API_PASSPHRASE", "MzkVB9yVtCb@64dA")
`,
		want: []wantPair{
			{name: "*BINANCE_API_KEY", value: "eyP4gVqcBtTPDQL5d6LL0FKm2BaEBMlCtmYNYmUwppiIv2rdN1JSY62OAhdeyqzw"},
			{name: "*BINANCE_API_SECRET", value: "dDKCkmZBqL6eiIzWTBOommS9nyUZ9QKjcBpp1jhoXFjyfBWtvAXOfKQvoJ7tBvJ5"},
			{name: "OKX_API_PASSPHRASE", value: "MzkVB9yVtCb@64dA"},
		},
	},
	{
		lang: "python", name: "dataclass fields with type hints",
		src: "code search: @dataclass class BinanceConfig: api_key: Optional[str] = None (ccxt client utilities)",
		in: `from dataclasses import dataclass
from typing import Optional

@dataclass
class BybitConfig:
    api_key: str = "jDeYvcSm1UMe1uUKYe"
    api_secret: Optional[str] = "SCf3V1LcUfA5fggPE3I4rlc7msTFvVUzRFDL"
    testnet: bool = False
`,
		want: []wantPair{
			{name: "api_key", value: "jDeYvcSm1UMe1uUKYe", flags: q},
			{name: "api_secret", value: "SCf3V1LcUfA5fggPE3I4rlc7msTFvVUzRFDL", flags: q},
		},
		not: []absentPair{{name: "api_key", value: "str"}, {name: "api_secret", value: "Optional"}, {name: "api_secret", value: "Optional[str]"}},
	},
	{
		lang: "python", name: "Final annotations with brackets and a string annotation",
		src: "peps.python.org/pep-0591 (typing.Final)",
		in: `from typing import Final

BITGET_API_KEY: Final = "bg_c1480dc8cc22aabe057e799068e79dbf"
BITGET_SECRET_KEY: Final[str] = "61fed5d4f6789d26cf52b5d5e09cd71ca14dced97a1a1f08b8bcd0048f9728f5"
BITGET_PASSPHRASE: "Final[str]" = "l4FZxPVjUOzI_6sg"
`,
		want: []wantPair{
			{name: "BITGET_API_KEY", value: "bg_c1480dc8cc22aabe057e799068e79dbf"},
			{name: "BITGET_SECRET_KEY", value: "61fed5d4f6789d26cf52b5d5e09cd71ca14dced97a1a1f08b8bcd0048f9728f5"},
			{name: "BITGET_PASSPHRASE", value: "l4FZxPVjUOzI_6sg"},
		},
		not: []absentPair{{name: "BITGET_PASSPHRASE", value: "Final[str]"}},
	},
	{
		lang: "python", name: "or fallback",
		src: "code search: api_key = (os.getenv(\"API_KEY\") or \"\").strip() (ccxt PEM loader)",
		in: `api_key = os.getenv("GATE_API_KEY") or "2f50e89bd421dff24f455697b2d68c50"
api_secret = (os.environ.get("GATE_API_SECRET") or "e6a48deacd0f4f0873682bb88fcb00008ec47afdba458efcdb3546a676af4eca").strip()
`,
		want: []wantPair{
			{name: "GATE_API_KEY|api_key", value: "2f50e89bd421dff24f455697b2d68c50"},
			{name: "GATE_API_SECRET|api_secret", value: "e6a48deacd0f4f0873682bb88fcb00008ec47afdba458efcdb3546a676af4eca"},
		},
		not: []absentPair{{name: "api_key", value: "GATE_API_KEY"}, {name: "api_secret", value: "GATE_API_SECRET"}},
	},
	{
		lang: "python", name: "dict literal and subscript assignments",
		src: "code search: params = {\"apiKey\": key, \"secret\": secret}; params[\"password\"] = password (ccxt wrapper)",
		in: `params = {"apiKey": "a854dfb7dab2669aa1e95b0e", "secret": "d980de34-1c7a-4a7e-96b5-703748103cdb", "enableRateLimit": True}
params["password"] = "c8_F2-01wFYhGAhL"
config["okx"]["passphrase"] = "lCEftk6CbY.mGWYv"
`,
		want: []wantPair{
			{name: "apiKey", value: "a854dfb7dab2669aa1e95b0e", in: []string{"params"}, sib: "a"},
			{name: "secret", value: "d980de34-1c7a-4a7e-96b5-703748103cdb", sib: "a"},
			{name: "*password", value: "c8_F2-01wFYhGAhL"},
			{name: "*passphrase", value: "lCEftk6CbY.mGWYv"},
		},
		not: []absentPair{{name: "?", value: "okx"}},
	},
	{
		lang: "python", name: "commented-out credentials are still yielded",
		src: "code search: EXCHANGE = ccxt.binance({ # 'apiKey': os.getenv(…), … }) (exchange.py)",
		in: `exchange = ccxt.bybit({
    # 'apiKey': 'hYa99nEargHyC6M2T2',
    # 'secret': 'kvWlsD1VjfgSPOIhn4G99eJhyE0lpWA7AXhR',
    'enableRateLimit': True,
})
# API_KEY = "ypaWa5rzKYvm2Nx5sK"
`,
		want: []wantPair{
			{name: "apiKey", value: "hYa99nEargHyC6M2T2"},
			{name: "secret", value: "kvWlsD1VjfgSPOIhn4G99eJhyE0lpWA7AXhR"},
			{name: "API_KEY", value: "ypaWa5rzKYvm2Nx5sK"},
		},
	},
	{
		lang: "python", name: "triple-quoted PEM key",
		src: "github.com/coinbase/coinbase-advanced-py README.md (RESTClient(api_key=…, api_secret=\"-----BEGIN EC PRIVATE KEY-----…\"))",
		in: `from coinbase.rest import RESTClient

API_KEY = "organizations/7564ad47-d579-4c1d-8789-6da7aa7257d2/apiKeys/cf459f1d-3065-407c-9272-001cd4b776aa"
API_SECRET = """-----BEGIN EC PRIVATE KEY-----
MHcCAQEEIFksjPL6mUhwHtigo+5APCsT05i5kt5EzveJez7WPqKwPbnVeIlkCndS
kO2BeB+EM2ju+icjEZ5RlayRPDcJeVQ5/vk13KAcHbGtW7ZZpFpIs4SJPWyHBEjy
qEiDhLMY1FmaPj6rWevkP/mH9o1kz3xTt2==
-----END EC PRIVATE KEY-----
"""
client = RESTClient(api_key=API_KEY, api_secret=API_SECRET)
`,
		want: []wantPair{
			{name: "API_KEY", value: "organizations/7564ad47-d579-4c1d-8789-6da7aa7257d2/apiKeys/cf459f1d-3065-407c-9272-001cd4b776aa"},
			{name: "API_SECRET", value: pem("MHcCAQEEIFksjPL6mUhwHtigo+5APCsT05i5kt5EzveJez7WPqKwPbnVeIlkCndS", "kO2BeB+EM2ju+icjEZ5RlayRPDcJeVQ5/vk13KAcHbGtW7ZZpFpIs4SJPWyHBEjy", "qEiDhLMY1FmaPj6rWevkP/mH9o1kz3xTt2==") + "\n", flags: q},
		},
	},
	{
		lang: "python", name: "escaped quote and non-ASCII passphrases",
		src: "docs.python.org/3/reference/lexical_analysis.html#escape-sequences",
		in: `OKX_API_KEY = "92d1b9e3-014a-497b-80ad-de52432d61d1"
OKX_PASSPHRASE = "Tr@de\"Desk-i3DYvfCo"
KUCOIN_PASSPHRASE = 'Börse-Schlüssel-zlFHE77f'  # ü, ö: UTF-8
`,
		want: []wantPair{
			{name: "OKX_API_KEY", value: "92d1b9e3-014a-497b-80ad-de52432d61d1"},
			{name: "OKX_PASSPHRASE", value: "Tr@de\"Desk-i3DYvfCo"},
			{name: "KUCOIN_PASSPHRASE", value: "Börse-Schlüssel-zlFHE77f"},
		},
	},
	{
		lang: "python", name: "raw and bytes string prefixes",
		src: "docs.python.org/3/reference/lexical_analysis.html#string-and-bytes-literals; krakenex KRAKEN key/secret",
		in: `API_SECRET = r"MUzn6VH7PohdcOUFRrmXYKkdtAoLf8je2+7wyX8n0bcXUu3GblMTjRL/1f7hyrUDoK5kx3cOSdxNWkB2IRFRjg=="
API_KEY = b'yxMonNPhDWhHUXdDNSlpA00r4xKnB+yFdPb6P9YXy3P4MikUGSAR6HPD'
`,
		want: []wantPair{
			{name: "API_SECRET", value: "MUzn6VH7PohdcOUFRrmXYKkdtAoLf8je2+7wyX8n0bcXUu3GblMTjRL/1f7hyrUDoK5kx3cOSdxNWkB2IRFRjg==", flags: q},
			{name: "API_KEY", value: "yxMonNPhDWhHUXdDNSlpA00r4xKnB+yFdPb6P9YXy3P4MikUGSAR6HPD", flags: q},
		},
		not: []absentPair{{flags: syntax.Base64}},
	},
	{
		lang: "python", name: "dict() keywords and a headers dict",
		src: "Binance REST docs (X-MBX-APIKEY header); requests headers={…}",
		in: `creds = dict(apiKey="nXjKAPRbNgnsEFzHO0Z9vnhPNUrTSIHfzn9QGil0N9WunkBskeqTDInQ5jmm2We4", secret="YVw8b6WfpqsGpo3LfVBIlz4L75Lmi8zvOY2maTvd8QsgVUOyLxJFyEmnPFIypbOg")
headers = {"X-MBX-APIKEY": "MsLgLGHX6hKnzdRiijn8CapK4FK4UaR69LMcBBWBVau857cjeqUeH3cjatmCjcv8", "Content-Type": "application/json"}
r = requests.get(url, headers=headers)
`,
		want: []wantPair{
			{name: "apiKey", value: "nXjKAPRbNgnsEFzHO0Z9vnhPNUrTSIHfzn9QGil0N9WunkBskeqTDInQ5jmm2We4", call: "dict", arg: kw, sib: "a"},
			{name: "secret", value: "YVw8b6WfpqsGpo3LfVBIlz4L75Lmi8zvOY2maTvd8QsgVUOyLxJFyEmnPFIypbOg", call: "dict", arg: kw, sib: "a"},
			{name: "X-MBX-APIKEY", value: "MsLgLGHX6hKnzdRiijn8CapK4FK4UaR69LMcBBWBVau857cjeqUeH3cjatmCjcv8", in: []string{"headers"}},
		},
	},
	{
		lang: "python", name: "self attributes in __init__",
		src: "github.com/AndPewka/TradingBulls lib/trading_platforms_api/okx.py (self.api_key, self.api_secret, self.api_password)",
		in: `class Okx(BaseApi):
    def __init__(self, **kwargs):
        super().__init__(**kwargs)
        self.api_key = "5667d1f4-e8e3-467d-92c2-2482cdf62185"
        self.api_secret = "F676EE8860139AB5B7F2B2DE86020808"
        self.api_password = "G0s.-nnFC59aBYio"
`,
		want: []wantPair{
			{name: "*api_key", value: "5667d1f4-e8e3-467d-92c2-2482cdf62185"},
			{name: "*api_secret", value: "F676EE8860139AB5B7F2B2DE86020808"},
			{name: "*api_password", value: "G0s.-nnFC59aBYio"},
		},
	},

	// --------------------------------------------------------------- JS / TS
	{
		lang: "js", name: "exported const, let with a template literal",
		src: "code search: OKX API Configuration (export const API_KEY = '…'; // From screenshot)",
		in: "// Direct API credentials (temporary for testing)\n" +
			"export const API_KEY = 'c6408914-f458-4f04-912c-0ad43a9cc459'; // From screenshot\n" +
			"export const SECRET_KEY = \"B0443BF54984DC20C8A4EF16135C9E2D\";\n" +
			"let PASSPHRASE = `uW79lHMGpZP0s53Q`;\n" +
			"var OKX_BASE_URL = 'https://www.okx.com';\n",
		want: []wantPair{
			{name: "API_KEY", value: "c6408914-f458-4f04-912c-0ad43a9cc459", flags: q},
			{name: "SECRET_KEY", value: "B0443BF54984DC20C8A4EF16135C9E2D", flags: q},
			{name: "PASSPHRASE", value: "uW79lHMGpZP0s53Q", flags: q},
		},
	},
	{
		lang: "js", name: "module.exports with nested venue objects",
		src: "github.com/deyvisonrocha/telegram-bot-profittrailer config.js (module.exports = { binance: { apiKey, apiSecret }, telegram: { key } })",
		in: `module.exports = {
  binance: {
    apiKey: "N7OZZchKMYXUdbvne6Z18hbHS9BeK30P8C6Qap2jFVnx4JbDZdHeDCE59PbdJ6VW",
    apiSecret: "RcuUUyqRTltUQC5cJxN09eI4pz2QbAk2fApTlLNv4RYK5EHZolBWBWLdjCX0aoe7",
  },
  telegram: {
    key: 'j8y6LZQn8Za4ADdHmWNehD0IcQCtxEfm'
  },
};
`,
		want: []wantPair{
			{name: "apiKey", value: "N7OZZchKMYXUdbvne6Z18hbHS9BeK30P8C6Qap2jFVnx4JbDZdHeDCE59PbdJ6VW", in: []string{"binance"}, kind: "object", sib: "a"},
			{name: "apiSecret", value: "RcuUUyqRTltUQC5cJxN09eI4pz2QbAk2fApTlLNv4RYK5EHZolBWBWLdjCX0aoe7", in: []string{"binance"}, sib: "a"},
			{name: "key", value: "j8y6LZQn8Za4ADdHmWNehD0IcQCtxEfm", in: []string{"telegram"}, sib: "b"},
		},
	},
	{
		lang: "js", name: "process.env fallback with ||",
		src: "code search: const apiKey = process.env.API_KEY || ''; new MainClient({ api_key: apiKey, … })",
		in: `const apiKey = process.env.BINANCE_API_KEY || "bJ8mXlpOw2hVZ2onbgQ60YkkVoIIsuHrVP779xrDEFKJqM1eDvhmAOMrslJ1H0CQ";
const apiSecret = process.env.BINANCE_API_SECRET || 'JFM6RcWynWb5ynrjVlZc7Xp4XM049JJYSJPFVcozrRfcvNhO3MvQoHwV1G32Ctuq';
const client = new MainClient({ api_key: apiKey, api_secret: apiSecret });
`,
		want: []wantPair{
			{name: "*BINANCE_API_KEY|apiKey", value: "bJ8mXlpOw2hVZ2onbgQ60YkkVoIIsuHrVP779xrDEFKJqM1eDvhmAOMrslJ1H0CQ"},
			{name: "*BINANCE_API_SECRET|apiSecret", value: "JFM6RcWynWb5ynrjVlZc7Xp4XM049JJYSJPFVcozrRfcvNhO3MvQoHwV1G32Ctuq"},
		},
	},
	{
		lang: "js", name: "nullish fallback and a subscript on process.env",
		src: "developer.mozilla.org Nullish coalescing operator (??); code search: BITGET_API_KEY: process.env.BITGET_API_KEY",
		in: `export const BITGET_API_KEY = process.env.BITGET_API_KEY ?? "bg_ce25949ee97941c06813b14f80bda286";
export const BITGET_API_SECRET: string = process.env["BITGET_API_SECRET"] ?? "25e7e247ed281212a67cd2718d6df763a61165086b42fb479d33a0895108024a";
`,
		want: []wantPair{
			{name: "*BITGET_API_KEY", value: "bg_ce25949ee97941c06813b14f80bda286"},
			{name: "*BITGET_API_SECRET", value: "25e7e247ed281212a67cd2718d6df763a61165086b42fb479d33a0895108024a"},
		},
		not: []absentPair{{name: "BITGET_API_SECRET", value: "string"}, {name: "?", value: "BITGET_API_SECRET"}},
	},
	{
		lang: "js", name: "class fields: typed, private, static",
		src: "developer.mozilla.org Public class fields and Private properties; code search: OkxExecutorConfig",
		in: `export class KucoinClient {
  private readonly apiKey: string = "9c61ff79965d7e0448e19f0e";
  protected apiSecret = 'eb5fc74f-1224-4808-9c61-42f7026c49f0';
  #passphrase = "DLqt@fPMN-IK4weB";
  static baseURL = "https://api.kucoin.com";

  constructor(private http: HttpClient) {}
}
`,
		want: []wantPair{
			{name: "apiKey", value: "9c61ff79965d7e0448e19f0e"},
			{name: "apiSecret", value: "eb5fc74f-1224-4808-9c61-42f7026c49f0"},
			{name: "*passphrase", value: "DLqt@fPMN-IK4weB"},
		},
		not: []absentPair{{name: "apiKey", value: "string"}},
	},
	{
		lang: "js", name: "new RestClient({…}) with apiPass",
		src: "code search: import { RestClient } from 'okx-api'; new RestClient({ apiKey, apiSecret, apiPass })",
		in: `import { RestClient } from 'okx-api';

const okxClient = new RestClient({
  apiKey: 'c6ac2d99-dbcb-40a5-9607-9bfd247cd81c',
  apiSecret: '6387512E37BFADB4E477A1575B924DD1',
  apiPass: 'WINR@gdNhOqvPi6k',
});
`,
		want: []wantPair{
			{name: "apiKey", value: "c6ac2d99-dbcb-40a5-9607-9bfd247cd81c", call: "new RestClient", arg: kw, sib: "a"},
			{name: "apiSecret", value: "6387512E37BFADB4E477A1575B924DD1", call: "new RestClient", arg: kw, sib: "a"},
			{name: "apiPass", value: "WINR@gdNhOqvPi6k", call: "new RestClient", arg: kw, sib: "a"},
		},
	},
	{
		lang: "js", name: "two ccxt constructors in one file",
		src: "code search: new ccxt.binance({ apiKey: config.BINANCE_API_KEY, secret: … }); ccxt Manual (password for okx)",
		in: `const ccxt = require('ccxt');
const okx = new ccxt.okx({ apiKey: "372c0065-e1a4-4001-99cf-81f572f120ae", secret: "E0261406F66B401DB2E8FE212CA5AAB5", password: "BjRCrl2_5ReFCNCN" });
const binance = new ccxt.pro.binance({
    'apiKey': 'JhNiuzynSVq5dTQYawgXIdGtn99ngauO2CJMFolboxThGBJBnNwNJNLlnPKS91Pl',
    'secret': 'XdbKCGRaPbr9Q6FUnePzpdb4n8klcSq8VoC0WybYjPbvU0X8s6mBmw9pNR67n4oX',
    'options': { 'defaultType': 'future' },
})
`,
		want: []wantPair{
			{name: "apiKey", value: "372c0065-e1a4-4001-99cf-81f572f120ae", call: "new ccxt.okx", arg: kw, sib: "a"},
			{name: "secret", value: "E0261406F66B401DB2E8FE212CA5AAB5", call: "new ccxt.okx", sib: "a"},
			{name: "password", value: "BjRCrl2_5ReFCNCN", call: "new ccxt.okx", sib: "a"},
			{name: "apiKey", value: "JhNiuzynSVq5dTQYawgXIdGtn99ngauO2CJMFolboxThGBJBnNwNJNLlnPKS91Pl", call: "new ccxt.pro.binance", arg: kw, sib: "b"},
			{name: "secret", value: "XdbKCGRaPbr9Q6FUnePzpdb4n8klcSq8VoC0WybYjPbvU0X8s6mBmw9pNR67n4oX", call: "new ccxt.pro.binance", sib: "b"},
		},
	},
	{
		lang: "js", name: "process.env assignment",
		src: "nodejs.org/api/process.html#processenv (assigning process.env.X in test setup)",
		in: `process.env.BYBIT_API_KEY = "e1n2RR6QU9Qt49zJp9";
process.env['BYBIT_API_SECRET'] = 'faLp9zhpxUGFTBWNCgggAJCwszo1T0Ang1hS';
`,
		want: []wantPair{
			{name: "*BYBIT_API_KEY", value: "e1n2RR6QU9Qt49zJp9"},
			{name: "*BYBIT_API_SECRET", value: "faLp9zhpxUGFTBWNCgggAJCwszo1T0Ang1hS"},
		},
	},
	{
		lang: "js", name: "destructuring defaults from process.env",
		src: "developer.mozilla.org Destructuring assignment (default values)",
		in: `const {
  BINANCE_API_KEY = "HtGokXVlAv1o37JewZfA6iCLLYdcEYYY9IZXTIeUJHzWwzU8LGhSc76hf842g27k",
  BINANCE_API_SECRET = "p8xLGwsgEoq3or3bSak0hfDjYC2sPxjsVhwYRT3eEtGB4ivSRyRhm4pFtmjoQSXt",
} = process.env;
`,
		want: []wantPair{
			{name: "BINANCE_API_KEY", value: "HtGokXVlAv1o37JewZfA6iCLLYdcEYYY9IZXTIeUJHzWwzU8LGhSc76hf842g27k"},
			{name: "BINANCE_API_SECRET", value: "p8xLGwsgEoq3or3bSak0hfDjYC2sPxjsVhwYRT3eEtGB4ivSRyRhm4pFtmjoQSXt"},
		},
	},
	{
		lang: "js", name: "minified bundle",
		src: "webpack/terser output of a ccxt bot (one line, !0 for true)",
		in:  `!function(){var e={apiKey:"ObDyWqCjTfB8U4v5VDxKNqeC5UbfiLyZGKSzmfWYojceS5XTXoxb0qG3DoIOQcCh",secret:"Qhzk1SIlQ4WhefzTzeUarR2GGzqfVzYEzAwJx2UEl71KhrC5SEFyloNpam5vOxEN",enableRateLimit:!0};new ccxt.binance(e)}();` + "\n",
		want: []wantPair{
			{name: "apiKey", value: "ObDyWqCjTfB8U4v5VDxKNqeC5UbfiLyZGKSzmfWYojceS5XTXoxb0qG3DoIOQcCh", sib: "a"},
			{name: "secret", value: "Qhzk1SIlQ4WhefzTzeUarR2GGzqfVzYEzAwJx2UEl71KhrC5SEFyloNpam5vOxEN", sib: "a"},
		},
	},
	{
		lang: "js", name: "headers with dashed quoted names",
		src: "www.okx.com/docs-v5 REST authentication (OK-ACCESS-KEY, OK-ACCESS-PASSPHRASE headers)",
		in: `const res = await axios.get(url, {
  headers: {
    'OK-ACCESS-KEY': '02c352cb-b6fc-4b73-8014-493bca092e58',
    'OK-ACCESS-PASSPHRASE': 'HcR73bEibL3RHHF2',
    "Content-Type": "application/json",
  },
});
`,
		want: []wantPair{
			{name: "OK-ACCESS-KEY", value: "02c352cb-b6fc-4b73-8014-493bca092e58", in: []string{"headers"}, sib: "a"},
			{name: "OK-ACCESS-PASSPHRASE", value: "HcR73bEibL3RHHF2", in: []string{"headers"}, sib: "a"},
		},
	},
	{
		lang: "js", name: "typed config object with as const",
		src: "github.com/lgandolfo/belo-challenge src/configs/config.ts (export const config = { okx: { baseUrl, apiKey, secretKey, passphrase } })",
		in: `type Config = { okx: { baseUrl: string; apiKey: string; secretKey: string; passphrase: string } };

export const config: Config = {
  okx: {
    baseUrl: "https://www.okx.com",
    apiKey: "7ffb2749-9771-4e9c-81ce-0b64440aaa21",
    secretKey: "6804B4FBC8DCBF11C8D26ADCC26F51DB",
    passphrase: "xbnJ1B.pg2D1l_s5",
  },
} as const;
`,
		want: []wantPair{
			{name: "apiKey", value: "7ffb2749-9771-4e9c-81ce-0b64440aaa21", in: []string{"okx"}, sib: "a"},
			{name: "secretKey", value: "6804B4FBC8DCBF11C8D26ADCC26F51DB", in: []string{"okx"}, sib: "a"},
			{name: "passphrase", value: "xbnJ1B.pg2D1l_s5", in: []string{"okx"}, sib: "a"},
		},
	},
	{
		lang: "js", name: "line and block comments around keys",
		src: "code search: commented-out ccxt credentials in bots",
		in: `const exchange = new ccxt.kraken({
  // apiKey: "JhLAeIWVF1t982I2isuViCGi5AJnl84voC5JZTohxQSrWnA8NNSX7FIi",
  /* secret: "Dusy/L8h1GyMVZ3lYFAq2rpDnXMGfXN1jjv1f/89viyiKVgHJXEFNipR+fkDZc0U6xOO1glkfW2r9XB1Omb1zg==", */
  enableRateLimit: true,
});
`,
		want: []wantPair{
			{name: "apiKey", value: "JhLAeIWVF1t982I2isuViCGi5AJnl84voC5JZTohxQSrWnA8NNSX7FIi"},
			{name: "secret", value: "Dusy/L8h1GyMVZ3lYFAq2rpDnXMGfXN1jjv1f/89viyiKVgHJXEFNipR+fkDZc0U6xOO1glkfW2r9XB1Omb1zg=="},
		},
		not: []absentPair{{flags: syntax.Base64}},
	},
	{
		lang: "js", name: "JSON embedded in a string literal",
		src: "JSON.parse of an inline config string (issue 11: embedded configs)",
		in:  `const cfg = JSON.parse('{"apiKey":"Z2364nxhSxhIV1fA1nw5RWVQuh16HOlC6nzrmOFWJoTUgm6J1LcrN6oVzOjLtL3d","secret":"n9tZ6q9UA9xVG72svOnYuwcuOeM1YiMaNDwXM2cH8BNJHxnA4mGnAxbfYhfjoxkN"}');` + "\n",
		want: []wantPair{
			{name: "apiKey", value: "Z2364nxhSxhIV1fA1nw5RWVQuh16HOlC6nzrmOFWJoTUgm6J1LcrN6oVzOjLtL3d", flags: dec},
			{name: "secret", value: "n9tZ6q9UA9xVG72svOnYuwcuOeM1YiMaNDwXM2cH8BNJHxnA4mGnAxbfYhfjoxkN", flags: dec},
		},
	},

	// -------------------------------------------------------------------- Go
	{
		lang: "go", name: "short variable declarations then identifiers in a call",
		src: "github.com/binance/binance-connector-go examples/user_stream/CreateNewListenKey/CreateListenKey.go",
		in: `func CreateNewListenKey() {
	apiKey := "lnkbhmhyAvkQqQWOcAARzCsIqV5FFB9h76cvHBXY5oVIXDtGfNfUD8R6R1MRUWgq"
	secretKey := "dYsqVtaULyLo1WrGwmAzrXMDVdcWRvE5PncL2Iibc0ZiR0RUKjMf6hrK4aMJmLRo"
	baseURL := "https://api.binance.com"

	client := binance_connector.NewClient(apiKey, secretKey, baseURL)
`,
		want: []wantPair{
			{name: "apiKey", value: "lnkbhmhyAvkQqQWOcAARzCsIqV5FFB9h76cvHBXY5oVIXDtGfNfUD8R6R1MRUWgq", flags: q},
			{name: "secretKey", value: "dYsqVtaULyLo1WrGwmAzrXMDVdcWRvE5PncL2Iibc0ZiR0RUKjMf6hrK4aMJmLRo", flags: q},
		},
		not: []absentPair{{call: "~NewClient", value: "apiKey"}, {call: "~NewClient", value: "secretKey"}},
	},
	{
		lang: "go", name: "var and const blocks with types and comments",
		src: "go.dev/ref/spec#Variable_declarations, #Constant_declarations",
		in: `var apiKey string = "973dce622e0d8f889d52b0ad" // kucoin
var (
	apiSecret         = "c44c8f38-c6a4-4921-b848-e982bd4f05a5"
	passphrase string = "AO4ahDGiUCSpe@A0"
)

const (
	BybitAPIKey    = "cpFXmziaWzOoZk4543"
	BybitAPISecret = "mgQDC4zsM4IXVhuczWL2If7msMWUCXGV1aN6"
)
`,
		want: []wantPair{
			{name: "apiKey", value: "973dce622e0d8f889d52b0ad"},
			{name: "apiSecret", value: "c44c8f38-c6a4-4921-b848-e982bd4f05a5"},
			{name: "passphrase", value: "AO4ahDGiUCSpe@A0"},
			{name: "BybitAPIKey", value: "cpFXmziaWzOoZk4543"},
			{name: "BybitAPISecret", value: "mgQDC4zsM4IXVhuczWL2If7msMWUCXGV1aN6"},
		},
		not: []absentPair{{name: "passphrase", value: "string"}},
	},
	{
		lang: "go", name: "options struct literal passed to a constructor",
		src: "github.com/jekaxv/go-binance README.md (binance.NewClient(https.Options{ApiKey: …, ApiSecret: …}))",
		in: `client := binance.NewClient(https.Options{
	Endpoint:  https.TestnetURL,
	ApiKey:    "IKl9El8YZTf3hV14aMEQX6ttvR3xcZoB28d7h3a27cv8ZxmUFciAc8qgZ4yFNZ68",
	ApiSecret: "smPUk3FJ8oWFXfTmU3tLK21tSES9UybVgqjckwtQNDjXvQxXV1h48BvyFpGr324W",
})
`,
		want: []wantPair{
			{name: "ApiKey", value: "IKl9El8YZTf3hV14aMEQX6ttvR3xcZoB28d7h3a27cv8ZxmUFciAc8qgZ4yFNZ68", call: "binance.NewClient", arg: kw, in: []string{"~Options"}, kind: "object", sib: "a"},
			{name: "ApiSecret", value: "smPUk3FJ8oWFXfTmU3tLK21tSES9UybVgqjckwtQNDjXvQxXV1h48BvyFpGr324W", call: "binance.NewClient", arg: kw, sib: "a"},
		},
	},
	{
		lang: "go", name: "pointer to a config struct, aligned with tabs and spaces",
		src: "go-okx style client config (&okx.Config{APIKey, SecretKey, Passphrase})",
		in: `cfg := &okx.Config{
	APIKey:     "d424a8be-7473-4abd-84e7-2e5120e02171",
	SecretKey:  "7A3C130C89F105C5BB451103513E8C56",
	Passphrase: "b2Mn0Id_JLA68dsE",
	Simulated:  false,
}
`,
		want: []wantPair{
			{name: "APIKey", value: "d424a8be-7473-4abd-84e7-2e5120e02171", in: []string{"~okx.Config"}, sib: "a"},
			{name: "SecretKey", value: "7A3C130C89F105C5BB451103513E8C56", sib: "a"},
			{name: "Passphrase", value: "b2Mn0Id_JLA68dsE", sib: "a"},
		},
	},
	{
		lang: "go", name: "os.Setenv in test setup, one raw string",
		src: "pkg.go.dev/os#Setenv; code search: TestMain setting BINANCE_API_KEY",
		in: "func TestMain(m *testing.M) {\n" +
			"\tos.Setenv(\"BINANCE_API_KEY\", \"usi1PO2L79vf4Mqjb8YWEl6NEGdzN9U7aAdFuNOGgaw2ZxPnXa15y1qZgABvwzwA\")\n" +
			"\t_ = os.Setenv(\"BINANCE_SECRET_KEY\", `v8TjE9vnqzFFVaQKhoIWopFVlDtlEblgW2xlb4LP01hzSP52gfonvLSkVsegkC9c`)\n" +
			"\tos.Exit(m.Run())\n}\n",
		want: []wantPair{
			{name: "BINANCE_API_KEY", value: "usi1PO2L79vf4Mqjb8YWEl6NEGdzN9U7aAdFuNOGgaw2ZxPnXa15y1qZgABvwzwA", call: "os.Setenv"},
			{name: "BINANCE_SECRET_KEY", value: "v8TjE9vnqzFFVaQKhoIWopFVlDtlEblgW2xlb4LP01hzSP52gfonvLSkVsegkC9c", call: "os.Setenv"},
		},
	},
	{
		lang: "go", name: "getenv then a hard-coded fallback",
		src: "code search: package binance test: var ( apiKey = \"\" ); init() { if key := os.Getenv(\"BINANCE_API_KEY\"); key != \"\" { apiKey = key } }",
		in: `var (
	apiKey    = ""
	secretKey = ""
)

func init() {
	apiKey = os.Getenv("BINANCE_API_KEY")
	if apiKey == "" {
		apiKey = "fMMrrdydohLD2bxzex4mivdTbn0WB2FNBexEQGz2X16S7ESsFhDxt5Bx1YVgXuyk"
	}
	if key := os.Getenv("BINANCE_SECRET_KEY"); key != "" {
		secretKey = key
	} else {
		secretKey = "aj2FefT06gxSlAtBigeF72oQEN0X8wgCvqhmUX3j3s4DLmWTZa9yPpRtt8XNSwIz"
	}
}
`,
		want: []wantPair{
			{name: "apiKey", value: "fMMrrdydohLD2bxzex4mivdTbn0WB2FNBexEQGz2X16S7ESsFhDxt5Bx1YVgXuyk"},
			{name: "secretKey", value: "aj2FefT06gxSlAtBigeF72oQEN0X8wgCvqhmUX3j3s4DLmWTZa9yPpRtt8XNSwIz"},
		},
		not: []absentPair{{name: "?", value: "BINANCE_API_KEY"}, {name: "?", value: "BINANCE_SECRET_KEY"}},
	},
	{
		lang: "go", name: "raw string constant",
		src: "go.dev/ref/spec#String_literals (raw string literals)",
		in: "const krakenSecret = `OtUYaSixovrmvFNfylrC3TspAfvlHqzzdHpis6ahSn02C3NGjWziepvKj8BrJXIbFp+949ogOQJSx6Tl0pMBXQ==`\n" +
			"const krakenKey = \"TUVATi9BqMEBDYms2Z/F9kREivqn8mlcKSgpjmXYk7NbiOfLP+7q1C1U\"\n",
		want: []wantPair{
			{name: "krakenSecret", value: "OtUYaSixovrmvFNfylrC3TspAfvlHqzzdHpis6ahSn02C3NGjWziepvKj8BrJXIbFp+949ogOQJSx6Tl0pMBXQ==", flags: q},
			{name: "krakenKey", value: "TUVATi9BqMEBDYms2Z/F9kREivqn8mlcKSgpjmXYk7NbiOfLP+7q1C1U", flags: q},
		},
		not: []absentPair{{flags: syntax.Base64}},
	},
	{
		lang: "go", name: "positional string arguments",
		src: "code search: github.com/adshao/go-binance/v2 binance.NewClient(apiKey, secretKey); binance.NewFuturesClient",
		in: `client := binance.NewClient("hln25Pe955GPnbu0x371GOkJMnPmLEtiHKN6CnxKNP5rivoSWB17wvPsHD6Mj2h4", "HPcNRrFZ8fVRwGA6orcHZKf1pxs2ifVf1dXMhIMqTyDWmPbfFIcsnSaoB5QmBeBU")
futuresClient := binance.NewFuturesClient(apiKey, secretKey)
`,
		want: []wantPair{
			{name: "", value: "hln25Pe955GPnbu0x371GOkJMnPmLEtiHKN6CnxKNP5rivoSWB17wvPsHD6Mj2h4", call: "binance.NewClient", arg: a0},
			{name: "", value: "HPcNRrFZ8fVRwGA6orcHZKf1pxs2ifVf1dXMhIMqTyDWmPbfFIcsnSaoB5QmBeBU", call: "binance.NewClient", arg: a1},
		},
		not: []absentPair{{call: "~NewFuturesClient", value: "apiKey"}, {call: "~NewFuturesClient", value: "secretKey"}},
	},
	{
		lang: "go", name: "map literal of headers",
		src: "code search: const apiKeyHeaderName = \"X-MBX-APIKEY\" (Go Binance REST client)",
		in: `headers := map[string]string{
	"X-MBX-APIKEY": "vupuVhdC2whmidysEERFyznNHJyb8apeoh3S9HTZzNDm4HNHWya3wguRgX3Ktne0",
	"Content-Type": "application/json",
}
`,
		want: []wantPair{{name: "X-MBX-APIKEY", value: "vupuVhdC2whmidysEERFyznNHJyb8apeoh3S9HTZzNDm4HNHWya3wguRgX3Ktne0", kind: "object"}},
	},

	// ------------------------------------------------------------------ Java
	{
		lang: "java", name: "static final fields",
		src: "github.com/heruilong1988/myproj src/main/java/com/binance/client/constant/PrivateConfig.java",
		in: `public class PrivateConfig {
    public static final String API_KEY = "pLUCbjiZmzyUWxVDyigoryRUMWP14QJ5YcXHa8UlaSoOcRaIq76Icw3BcatqmgAg";
    public static final String SECRET_KEY =  "GalLFSOZBQMzFhZ1cbWhP5uGwaPHIu4nilPg6wDtINfWE3x4qIbTXEgJVJOV5d5j";
    private static final String OKX_PASSPHRASE = "b.5DTEQiMVlx.cSN"; // okx
}
`,
		want: []wantPair{
			{name: "API_KEY", value: "pLUCbjiZmzyUWxVDyigoryRUMWP14QJ5YcXHa8UlaSoOcRaIq76Icw3BcatqmgAg"},
			{name: "SECRET_KEY", value: "GalLFSOZBQMzFhZ1cbWhP5uGwaPHIu4nilPg6wDtINfWE3x4qIbTXEgJVJOV5d5j"},
			{name: "OKX_PASSPHRASE", value: "b.5DTEQiMVlx.cSN"},
		},
	},
	{
		lang: "java", name: "field initialisers under Javadoc",
		src: "code search: @Component public class BinanceApiClientFactory { private String apiKey = \"…\"; private String apiSecret = \"…\"; }",
		in: `@Component
public class BinanceApiClientFactory {

  /**
   * API Key
   */
  private String apiKey = "VvaDcAg6DMLkxcqiASaj0hCIAHAFdF3e5UeNnXdkJzByZyMNpGr5DwE1IlKmVfGu";

  /**
   * Secret.
   */
  private String apiSecret = "AhipTBLWxtjt3clvS0y2EOeuIc9AswSWzzj0A2g0F4Gh6VUbIODKTQaoMD0xbdaa";
`,
		want: []wantPair{
			{name: "apiKey", value: "VvaDcAg6DMLkxcqiASaj0hCIAHAFdF3e5UeNnXdkJzByZyMNpGr5DwE1IlKmVfGu"},
			{name: "apiSecret", value: "AhipTBLWxtjt3clvS0y2EOeuIc9AswSWzzj0A2g0F4Gh6VUbIODKTQaoMD0xbdaa"},
		},
	},
	{
		lang: "java", name: "factory with positional arguments",
		src: "github.com/cezarybednarz/crypto-wallet src/main/java/App.java (BinanceApiClientFactory.newInstance(\"API-KEY\", \"SECRET\"))",
		in: `BinanceApiClientFactory factory = BinanceApiClientFactory.newInstance("UfP0VYARwMGKSOmzJzEPMhZBPhKYz5pMRpgjOd7ATXFJjR21JVaP6pXFpK2khReR", "XIpJ9Fjg2Xm05AzNTsDdU0XelrICnwHx20z4wAL9v5YtOyWiqbZrdtqeXW1VNkf8");
BinanceApiRestClient client = factory.newRestClient();
`,
		want: []wantPair{
			{name: "", value: "UfP0VYARwMGKSOmzJzEPMhZBPhKYz5pMRpgjOd7ATXFJjR21JVaP6pXFpK2khReR", call: "BinanceApiClientFactory.newInstance", arg: a0},
			{name: "", value: "XIpJ9Fjg2Xm05AzNTsDdU0XelrICnwHx20z4wAL9v5YtOyWiqbZrdtqeXW1VNkf8", call: "BinanceApiClientFactory.newInstance", arg: a1},
		},
	},
	{
		lang: "java", name: "builder methods",
		src: "github.com/francisrosario/xumm4j src/main/java/com/fl/xumm4j/Sdk/builder/CredentialsBuilder.java (builder().apiKey(…).secretKey(…).build())",
		in: `ICredentials credentials = new CredentialsBuilder.builder()
        .apiKey("1ad9edaa-1528-4859-8bcf-03cc1580fa83")
        .secretKey("595de413-e700-4710-a9b0-eafc3b9ff2d1")
        .build();
`,
		want: []wantPair{
			{name: "apiKey|()apiKey", value: "1ad9edaa-1528-4859-8bcf-03cc1580fa83"},
			{name: "secretKey|()secretKey", value: "595de413-e700-4710-a9b0-eafc3b9ff2d1"},
		},
	},
	{
		lang: "java", name: "setters",
		src: "github.com/javiermolinaalonso/binance src/main/java/com/javislaptop/binance/BinanceProperties.java (setKey, setSecret)",
		in: `BinanceProperties props = new BinanceProperties();
props.setKey("Aw6RQz1wyv7GWRxDDTXAjDlAbMtbO4x8HUza3biSUMlw6Y5FYFqmRDJgG0jcKnah");
props.setSecret("w2ekn7c3Qn2GdF4D6PTCe1ATPa0TAr6qkKsQtsedjtnn4gwDv14xbXzG2s0QJp5c");
`,
		want: []wantPair{
			{name: "setKey|Key|key|()setKey", value: "Aw6RQz1wyv7GWRxDDTXAjDlAbMtbO4x8HUza3biSUMlw6Y5FYFqmRDJgG0jcKnah"},
			{name: "setSecret|Secret|secret|()setSecret", value: "w2ekn7c3Qn2GdF4D6PTCe1ATPa0TAr6qkKsQtsedjtnn4gwDv14xbXzG2s0QJp5c"},
		},
	},
	{
		lang: "java", name: "Map.of with alternating names and values",
		src: "docs.oracle.com/en/java/javase/17/docs/api/java.base/java/util/Map.html#of(K,V,K,V,K,V)",
		in: `Map<String, String> creds = Map.of(
    "apiKey", "4c07271ac4e9a9036d827c3d",
    "secret", "1650f3ce-c9a6-43ed-a3e4-84cb83b2c618",
    "password", "cyKx26Nk78zDaLoV");
`,
		want: []wantPair{
			{name: "apiKey", value: "4c07271ac4e9a9036d827c3d", call: "Map.of"},
			{name: "secret", value: "1650f3ce-c9a6-43ed-a3e4-84cb83b2c618", call: "Map.of"},
			{name: "password", value: "cyKx26Nk78zDaLoV", call: "Map.of"},
		},
		not: []absentPair{{name: "4c07271ac4e9a9036d827c3d"}, {name: "1650f3ce-c9a6-43ed-a3e4-84cb83b2c618"}},
	},
	{
		lang: "java", name: "getenv is not a value; getOrDefault, addHeader, setProperty are",
		src: "github.com/heruilong1988/myproj PrivateConfig.java (System.getenv(\"binance_api_key\")); Apache HttpClient addHeader",
		in: `public static final String API_KEY = System.getenv("binance_api_key");
public static final String SECRET_KEY = System.getenv().getOrDefault("binance_secret_key", "AmLsreIfwrTpag4xr832MU8q9Vnu8auW628gUJgR9B2mka6OZks2l4hopf4LAbvb");
request.addHeader("X-MBX-APIKEY", "IJZh5Fbnve4k5rxvucAgGD3ADcdKGa30DHZu2XT2v07tNeQsQVFlchABVfVgmOlp");
System.setProperty("binance.api.secret", "mVU31rLWvC95sWFHjArJ3nZd14P4IiHww8jY5hAtaUpJbPCUaKGpbUeqb6W8CXrs");
`,
		want: []wantPair{
			{name: "binance_secret_key|SECRET_KEY", value: "AmLsreIfwrTpag4xr832MU8q9Vnu8auW628gUJgR9B2mka6OZks2l4hopf4LAbvb"},
			{name: "X-MBX-APIKEY", value: "IJZh5Fbnve4k5rxvucAgGD3ADcdKGa30DHZu2XT2v07tNeQsQVFlchABVfVgmOlp"},
			{name: "binance.api.secret", value: "mVU31rLWvC95sWFHjArJ3nZd14P4IiHww8jY5hAtaUpJbPCUaKGpbUeqb6W8CXrs"},
		},
		not: []absentPair{{name: "?", value: "binance_api_key"}, {name: "SECRET_KEY", value: "binance_secret_key"}},
	},
	{
		lang: "java", name: "@Value placeholders with defaults",
		src: "docs.spring.io Spring Framework @Value (\"${property:default}\"); code search: @Value(\"${api_key}\") private String apiKey",
		in: `@Value("${binance.api-key:L6lqMFHqEYYhjUv3KlizABdlw6f6gFI8jVxhs84K6uXr1cK9RD6DYbVWCUVgjNWq}")
private String apiKey;

@Value("${binance.api-secret:uO8T0xpeUarDXLMHfPpafTUCfxHGBUB7QDVFH9nEfB7cuP0BK2QCEWiCco02sUuS}")
private String apiSecret;
`,
		want: []wantPair{
			{name: "binance.api-key", value: "L6lqMFHqEYYhjUv3KlizABdlw6f6gFI8jVxhs84K6uXr1cK9RD6DYbVWCUVgjNWq"},
			{name: "binance.api-secret", value: "uO8T0xpeUarDXLMHfPpafTUCfxHGBUB7QDVFH9nEfB7cuP0BK2QCEWiCco02sUuS"},
		},
	},

	// ---------------------------------------------------------------- Kotlin
	{
		lang: "kotlin", name: "const val in a companion object",
		src: "github.com/abohomol/kukot sample/src/main/java/com/abohomol/sample/MainActivity.kt; github.com/GARCII/TradeFolio Constants.kt",
		in: `    private fun start() {
        val service = KuCoin.create(API_KEY, SECRET)
    }

    companion object {
        const val API_KEY = "287dc605940c649b4be027c1"
        const val SECRET = "77d85190-8dc2-46b5-b5f2-f8b0d5aa4dc3"
    }
`,
		want: []wantPair{
			{name: "API_KEY", value: "287dc605940c649b4be027c1"},
			{name: "SECRET", value: "77d85190-8dc2-46b5-b5f2-f8b0d5aa4dc3"},
		},
		not: []absentPair{{call: "~KuCoin.create", value: "API_KEY"}},
	},
	{
		lang: "kotlin", name: "typed and private properties",
		src: "kotlinlang.org/docs/properties.html",
		in: `class BybitClient {
    private val apiKey: String = "fD4Rk25sQ4ew1Z8QXB"
    private val apiSecret = "JYSwW7YDjT0A8UVa9iPFNxmnXuNXvpdbaYsP"
    var passphrase: String? = null
}
`,
		want: []wantPair{
			{name: "apiKey", value: "fD4Rk25sQ4ew1Z8QXB"},
			{name: "apiSecret", value: "JYSwW7YDjT0A8UVa9iPFNxmnXuNXvpdbaYsP"},
		},
		not: []absentPair{{name: "apiKey", value: "String"}},
	},
	{
		lang: "kotlin", name: "mapOf with to, and Pair",
		src: "code search: Kotlin KuCoin client mapOf(Pair(\"KC-API-KEY\", apiKey), …); kotlinlang.org mapOf",
		in: `val headers = mapOf(
    "KC-API-KEY" to "5de7b6c5de89257d15ec4295",
    "KC-API-PASSPHRASE" to "yCLhg4VvFBJQGZgu",
    Pair("KC-API-KEY-VERSION", "2"),
)
`,
		want: []wantPair{
			{name: "KC-API-KEY", value: "5de7b6c5de89257d15ec4295"},
			{name: "KC-API-PASSPHRASE", value: "yCLhg4VvFBJQGZgu"},
			{name: "KC-API-KEY-VERSION", value: "2"},
		},
	},
	{
		lang: "kotlin", name: "named arguments",
		src: "code search: autocoin.binance.bot.exchange exchangeKeyDto (ExchangeKeyDto(apiKey = apiKey, secretKey = secretKey, …))",
		in: `val key = ExchangeKeyDto(
    apiKey = "t5J53kheiyXeq82XVV9FKgLzJO1NYi7VlesJ8TA6MeyEc39YzX650MS6oFaY85I0",
    secretKey = "W6hRbP41Hm9OnskRegEYHLeYE9AXSCbTu2lQfcW4xYSD5Ty3U1RjYzSezG2SIMYq",
    exchangeId = "does not matter",
    exchangeSpecificKeyParameters = emptyMap(),
)
`,
		want: []wantPair{
			{name: "apiKey", value: "t5J53kheiyXeq82XVV9FKgLzJO1NYi7VlesJ8TA6MeyEc39YzX650MS6oFaY85I0", call: "ExchangeKeyDto", arg: kw, sib: "a"},
			{name: "secretKey", value: "W6hRbP41Hm9OnskRegEYHLeYE9AXSCbTu2lQfcW4xYSD5Ty3U1RjYzSezG2SIMYq", call: "ExchangeKeyDto", arg: kw, sib: "a"},
		},
	},
	{
		lang: "kotlin", name: "elvis fallback on getenv",
		src: "github.com/nobruin/exchange-hexagonal-example ExchangeApiProperties.kt (var secret: String = System.getenv(\"EXCHANGE_API_SECRET\"))",
		in: `class ExchangeApiProperties {
    var uri: String = System.getenv("EXCHANGE_API_URI") ?: "https://api.exchangeratesapi.io"
    var secret: String = System.getenv("EXCHANGE_API_SECRET") ?: "f356b3ebc24a85189c214a9bb82d88dd"
}
`,
		want: []wantPair{{name: "EXCHANGE_API_SECRET|secret", value: "f356b3ebc24a85189c214a9bb82d88dd"}},
		not:  []absentPair{{name: "secret", value: "EXCHANGE_API_SECRET"}, {name: "secret", value: "String"}},
	},

	// -------------------------------------------------------------------- C#
	{
		lang: "csharp", name: "credentials constructor inside nested initializers",
		src: "github.com/shubatwork/Bonsai-2 Bonsai/ClientDetails.cs (new BinanceApiCredentials(\"…\", \"…\"))",
		in: `return new BinanceClient(new BinanceClientOptions()
{
    UsdFuturesApiOptions = new BinanceApiClientOptions()
    {
        ApiCredentials = new BinanceApiCredentials("dQSEK34N8DO4h8cXb85fZ1th06bNMw1j3azyp80IR84Lenej0IEUKjMj5w2ZfUsU",
            "hypjaTI7PV07I5maGl1K8tv11w3XlM9BBJaIYIRzSTPobo6nIvozdPasZOu9RHW3"),
        AutoTimestamp = true
    }
}).UsdFuturesApi;
`,
		want: []wantPair{
			{name: "", value: "dQSEK34N8DO4h8cXb85fZ1th06bNMw1j3azyp80IR84Lenej0IEUKjMj5w2ZfUsU", call: "new BinanceApiCredentials", arg: a0},
			{name: "", value: "hypjaTI7PV07I5maGl1K8tv11w3XlM9BBJaIYIRzSTPobo6nIvozdPasZOu9RHW3", call: "new BinanceApiCredentials", arg: a1},
		},
	},
	{
		lang: "csharp", name: "ApiCredentials in an options lambda",
		src: "github.com/JKorf/CryptoExchange.Net docs Client options (options.ApiCredentials = new ApiCredentials(\"KEY\", \"SECRET\"))",
		in: `var restClient = new BinanceRestClient(options =>
{
    options.ApiCredentials = new ApiCredentials("IcXi3JMj2gW1SzE4YaTx3ZRhf8KoslskWpNApx9IRdhYIRDey0Dil8s9T8AzWSjz", "p32MknCSbh1AEjT64aENd6nppW05GWq1LnE3HibgBQrLyehwUEWrUCaVz3LMSUry");
    options.Environment = BinanceEnvironment.Testnet;
});
`,
		want: []wantPair{
			{name: "", value: "IcXi3JMj2gW1SzE4YaTx3ZRhf8KoslskWpNApx9IRdhYIRDey0Dil8s9T8AzWSjz", call: "new ApiCredentials", arg: a0},
			{name: "", value: "p32MknCSbh1AEjT64aENd6nppW05GWq1LnE3HibgBQrLyehwUEWrUCaVz3LMSUry", call: "new ApiCredentials", arg: a1},
		},
	},
	{
		lang: "csharp", name: "auto-property initializers",
		src: "github.com/tayfun-yuksel/reaper Reaper/Exchanges/Binance/src/services/Configuration/BinanceOptions.cs",
		in: `public class BinanceOptions
{
    public string BaseURL { get; set; } = "https://api.binance.com";
    public string ApiKey { get; set; } = "STKyGqYVNagSn5PJspWsohLB2aWAwbQ6k7ZC3t2M7qh9QFDHVhseDjDfOxAtcglj";
    public string SecretKey { get; init; } = "AxcHIbS1zzfmtyphP5JGK3i57hJV29e7nt4aFyxnjlDlP3DxeXGf8z01W3oIkKti";
}
`,
		want: []wantPair{
			{name: "ApiKey", value: "STKyGqYVNagSn5PJspWsohLB2aWAwbQ6k7ZC3t2M7qh9QFDHVhseDjDfOxAtcglj"},
			{name: "SecretKey", value: "AxcHIbS1zzfmtyphP5JGK3i57hJV29e7nt4aFyxnjlDlP3DxeXGf8z01W3oIkKti"},
		},
	},
	{
		lang: "csharp", name: "object initializer with a verbatim string",
		src: "github.com/YAlexander/CryptoTrader src/Services/Binance/AppSettings.cs; learn.microsoft.com object initializers",
		in: `var settings = new BinanceSettings
{
    ApiKey = "gTUeza6BbvD5gfCP1nnJc4Dha2PCULaGJjUAr660MAHgoJmn75KrOOp60DrlnwDG",
    SecretKey = @"ONk1zaMC1c65wns05sNvH7is3OZg1IXTw25Q3zLQxs0Xw0R10opkT5LDO3AFwLJw",
    BaseUrl = "https://api.binance.com",
};
`,
		want: []wantPair{
			{name: "ApiKey", value: "gTUeza6BbvD5gfCP1nnJc4Dha2PCULaGJjUAr660MAHgoJmn75KrOOp60DrlnwDG", in: []string{"~BinanceSettings"}, sib: "a"},
			{name: "SecretKey", value: "ONk1zaMC1c65wns05sNvH7is3OZg1IXTw25Q3zLQxs0Xw0R10opkT5LDO3AFwLJw", flags: q, sib: "a"},
		},
	},
	{
		lang: "csharp", name: "const fields and doubled quotes in a verbatim string",
		src: "learn.microsoft.com/dotnet/csharp/programming-guide/strings (verbatim string literals)",
		in: `private const string KucoinKey = "9323f271b9fe05f2d766c2e2";
private const string KucoinSecret = @"c56352db-29e1-487f-9e6b-67477edccbe7";
private static readonly string KucoinPassphrase = @"Pass""Phrase-XqYhcF";
`,
		want: []wantPair{
			{name: "KucoinKey", value: "9323f271b9fe05f2d766c2e2"},
			{name: "KucoinSecret", value: "c56352db-29e1-487f-9e6b-67477edccbe7"},
			{name: "KucoinPassphrase", value: "Pass\"Phrase-XqYhcF"},
		},
	},
	{
		lang: "csharp", name: "SetEnvironmentVariable and a configuration fallback",
		src: "github.com/zinoy/MyStyleApi ConfigHelper.cs (ConfigurationManager.AppSettings[\"API_Secret\"]); code search: AppSettings(\"BinanceSecret\") ?? \"\"",
		in: `Environment.SetEnvironmentVariable("BINANCE_API_KEY", "Qc207trR16V7RaJT1lgNuCmdkkENVppKw6HnLsHNKaMQiik3Sof0DiafloVKyep6");
var secret = Configuration["Binance:ApiSecret"] ?? "eN9aEniKTZC11otjoJk6b9XYendI3Mht2QKR5lgBJSgwZ3jo5d3wiIBw7Xnbq1SQ";
public static string APISecret = ConfigurationManager.AppSettings["API_Secret"];
`,
		want: []wantPair{
			{name: "BINANCE_API_KEY", value: "Qc207trR16V7RaJT1lgNuCmdkkENVppKw6HnLsHNKaMQiik3Sof0DiafloVKyep6"},
			{name: "secret|*ApiSecret", value: "eN9aEniKTZC11otjoJk6b9XYendI3Mht2QKR5lgBJSgwZ3jo5d3wiIBw7Xnbq1SQ"},
		},
		not: []absentPair{{name: "?", value: "Binance:ApiSecret"}, {name: "?", value: "API_Secret"}},
	},
	{
		lang: "csharp", name: "raw string literal",
		src: "learn.microsoft.com/dotnet/csharp/language-reference/tokens/raw-string",
		in: `const string OkxSecret = """690D33944B3DC6DC48D7ECC62CF15494""";
var okxKey = "f400d94b-da94-4cf3-8e46-ae8bba69c8ce";
`,
		want: []wantPair{
			{name: "OkxSecret", value: "690D33944B3DC6DC48D7ECC62CF15494"},
			{name: "okxKey", value: "f400d94b-da94-4cf3-8e46-ae8bba69c8ce"},
		},
	},

	// ------------------------------------------------------------------ Rust
	{
		lang: "rust", name: "let, const and static with a lifetime",
		src: "github.com/bigone-eng/rust-openapi-sdk README.md (let key = String::from(\"YOUR_API_KEY\"))",
		in: `let key = String::from("BkFAYpcZWc7kumDxlvRbKrxK9AL5EwMf");
let secret: String = String::from("QEtmkLFt1OL2QjXWSsyPwExuXn3FYLAL12O1BVx3GebnPbXRHEKnNoo7fJ41gMd0");
const API_KEY: &str = "LuRMkTxBywttYcWVOi2nU874hcniVq6eUiPxk2OA06CKw6vNRK7lWOMJD5vji9o1";
static API_SECRET: &'static str = "GDgkvj5t5bGwQAyxL7eqYJQCEkpn7AwfTpxYYLpjcYeQyFn5OV6ItuD7sYcUWvuO";
`,
		want: []wantPair{
			{name: "key", value: "BkFAYpcZWc7kumDxlvRbKrxK9AL5EwMf", flags: q},
			{name: "secret", value: "QEtmkLFt1OL2QjXWSsyPwExuXn3FYLAL12O1BVx3GebnPbXRHEKnNoo7fJ41gMd0"},
			{name: "API_KEY", value: "LuRMkTxBywttYcWVOi2nU874hcniVq6eUiPxk2OA06CKw6vNRK7lWOMJD5vji9o1"},
			{name: "API_SECRET", value: "GDgkvj5t5bGwQAyxL7eqYJQCEkpn7AwfTpxYYLpjcYeQyFn5OV6ItuD7sYcUWvuO"},
		},
	},
	{
		lang: "rust", name: "struct fields through from, to_string, to_owned",
		src: "issue 11 (wrappers .to_owned(), String::from(…)); code search: BinanceClient { api_key: api_key, secret_key: … }",
		in: `let config = Config {
    api_key: String::from("X9Fx0JHpEdsKTdIkLsx8CBJbjm9elny1BCVmCQzDJdmcviUx3tI3sntXv21jP8z3"),
    secret_key: "pNFIre91QEgUFr4sRJ2Vlwu43n71EDdod9HI3tihomcgREmmEruImYiIq3Xr6y39".to_string(),
    passphrase: "HXrEUDQXSbEhDS5N".to_owned(),
    recv_window: 5000,
};
`,
		want: []wantPair{
			{name: "api_key", value: "X9Fx0JHpEdsKTdIkLsx8CBJbjm9elny1BCVmCQzDJdmcviUx3tI3sntXv21jP8z3", in: []string{"Config"}, kind: "object", sib: "a"},
			{name: "secret_key", value: "pNFIre91QEgUFr4sRJ2Vlwu43n71EDdod9HI3tihomcgREmmEruImYiIq3Xr6y39", sib: "a"},
			{name: "passphrase", value: "HXrEUDQXSbEhDS5N", sib: "a"},
		},
	},
	{
		lang: "rust", name: "Some(into()) in lets and positional arguments",
		src: "github.com/wisespace-io/binance-rs README.md (let api_key = Some(\"YOUR_API_KEY\".into()); Binance::new(api_key, secret_key))",
		in: `let api_key = Some("ODHYOHt4AhgiuAwdd8DakIBY7Xr70wKxwvcQx46edTNNUQqnkCT42bYzF5cDMfZ1".into());
let secret_key = Some("J6GAEQKBkVRPHCG96GEv40oH2Gqh9YEdyqliIT7hBfPCz9DjRrrTlJjaL9AWdlzh".into());
let account: Account = Binance::new(Some("dYv4il3s1Pz0sE6GEV5ZFAKANQ7HQjWc1FCHJFlwBQzNgxUPIrb2F5i8KiC5CBy8".into()), Some(String::from("ScE9TfGOSjLOz3R3I7FQY7cdaVfp3FrmhjYlWbAW9n59WAlLiULPQJfUddo2iXj5")));
`,
		want: []wantPair{
			{name: "api_key", value: "ODHYOHt4AhgiuAwdd8DakIBY7Xr70wKxwvcQx46edTNNUQqnkCT42bYzF5cDMfZ1"},
			{name: "secret_key", value: "J6GAEQKBkVRPHCG96GEv40oH2Gqh9YEdyqliIT7hBfPCz9DjRrrTlJjaL9AWdlzh"},
			{name: "", value: "dYv4il3s1Pz0sE6GEV5ZFAKANQ7HQjWc1FCHJFlwBQzNgxUPIrb2F5i8KiC5CBy8", call: "Binance::new", arg: a0},
			{name: "", value: "ScE9TfGOSjLOz3R3I7FQY7cdaVfp3FrmhjYlWbAW9n59WAlLiULPQJfUddo2iXj5", call: "Binance::new", arg: a1},
		},
	},
	{
		lang: "rust", name: "Credentials::from_hmac with to_owned",
		src: "github.com/binance/binance-spot-connector-rust examples/wallet/enable_fast_withdraw.rs",
		in: `let credentials = Credentials::from_hmac("Yh8GTRORjKfLysbAwFFwOpt72D1J7prmNMl90bQJ2k88QGZYHRTBktEyqAt33tD2".to_owned(), "PLFBkcXw4Avu3Jj6bDBA70UKFRbQKrg3Pjx4KDV3Df27ZgUBcBcLYZQMbvwoYH0z".to_owned());
let client = BinanceHttpClient::default().credentials(credentials);
`,
		want: []wantPair{
			{name: "", value: "Yh8GTRORjKfLysbAwFFwOpt72D1J7prmNMl90bQJ2k88QGZYHRTBktEyqAt33tD2", call: "Credentials::from_hmac", arg: a0},
			{name: "", value: "PLFBkcXw4Avu3Jj6bDBA70UKFRbQKrg3Pjx4KDV3Df27ZgUBcBcLYZQMbvwoYH0z", call: "Credentials::from_hmac", arg: a1},
		},
	},
	{
		lang: "rust", name: "env::var with unwrap_or fallbacks",
		src: "github.com/attakdefand/snipping-bot crates/sniper-core/src/env.rs; github.com/kkang2097/finsearch examples/api_key.rs",
		in: `let api_key = env::var("BYBIT_API_KEY").unwrap_or("fLgpoAxI7SMQXa79oi".into());
let api_secret = std::env::var("BYBIT_API_SECRET").unwrap_or_else(|_| "ZPgu3Rsrspn6V0cxhf7PvJeoHYa2irluByqq".to_string());
let base = env::var("BYBIT_URL").ok();
`,
		want: []wantPair{
			{name: "BYBIT_API_KEY|api_key", value: "fLgpoAxI7SMQXa79oi"},
			{name: "BYBIT_API_SECRET|api_secret", value: "ZPgu3Rsrspn6V0cxhf7PvJeoHYa2irluByqq"},
		},
		not: []absentPair{{name: "?", value: "BYBIT_URL"}, {name: "api_key", value: "BYBIT_API_KEY"}},
	},
	{
		lang: "rust", name: "raw strings",
		src: "doc.rust-lang.org/reference/tokens.html#raw-string-literals",
		in: `const KRAKEN_KEY: &str = r"ABGHmTzgkJDKGfAylGP0Rgp0yQ3FSUT8xly40ivruMK6YqRodV1JITuQ";
const KRAKEN_SECRET: &str = r#"3352Yn3zuBYrXwWUTVIolY4z3XOiAAPXAhRq2OLoojN13uvkWbzueewYe1yl+O9RYyb62suwj3gIFmm9MoHGLQ=="#;
`,
		want: []wantPair{
			{name: "KRAKEN_KEY", value: "ABGHmTzgkJDKGfAylGP0Rgp0yQ3FSUT8xly40ivruMK6YqRodV1JITuQ"},
			{name: "KRAKEN_SECRET", value: "3352Yn3zuBYrXwWUTVIolY4z3XOiAAPXAhRq2OLoojN13uvkWbzueewYe1yl+O9RYyb62suwj3gIFmm9MoHGLQ=="},
		},
		not: []absentPair{{flags: syntax.Base64}},
	},
	{
		lang: "rust", name: "std::env::set_var",
		src: "code search: binance-api Rust README (std::env::set_var(\"APIKEY\", \"your api key\"))",
		in: `std::env::set_var("APIKEY", "oivr6cbRKTPTKmtD1ubRpaoLOQzLaKlqwLiGfAbloU79500OqUP6gsEqXbNpU65a");
std::env::set_var("SECRETKEY", "yqdN2IpmjPJb3fEo7o9v5payt5Wu6YcrzfOAcCvs8aGXMYe6FQHa8Ug1hIg42G9U");
`,
		want: []wantPair{
			{name: "APIKEY", value: "oivr6cbRKTPTKmtD1ubRpaoLOQzLaKlqwLiGfAbloU79500OqUP6gsEqXbNpU65a", call: "~set_var"},
			{name: "SECRETKEY", value: "yqdN2IpmjPJb3fEo7o9v5payt5Wu6YcrzfOAcCvs8aGXMYe6FQHa8Ug1hIg42G9U", call: "~set_var"},
		},
	},

	// ------------------------------------------------------------------ Ruby
	{
		lang: "ruby", name: "ENV assignment",
		src: "ruby-doc.org ENV; github.com/bkeepers/dotenv README",
		in: `ENV["BINANCE_API_KEY"] = "P6sYfFlGsvBFBkmVQ2v4SDOoQ0pYELlAeJxnYo1zo5jGq0A2GXPEteN75lOC9ETU"
ENV['BINANCE_API_SECRET'] = 'fCgtgBgGRjT5yCHrtqKMKycxRkLVKMIV8dVPaWb1stePPy1sBm50oNYV1tz5WGu9'
`,
		want: []wantPair{
			{name: "*BINANCE_API_KEY", value: "P6sYfFlGsvBFBkmVQ2v4SDOoQ0pYELlAeJxnYo1zo5jGq0A2GXPEteN75lOC9ETU"},
			{name: "*BINANCE_API_SECRET", value: "fCgtgBgGRjT5yCHrtqKMKycxRkLVKMIV8dVPaWb1stePPy1sBm50oNYV1tz5WGu9"},
		},
	},
	{
		lang: "ruby", name: "ENV.fetch with a default; ENV[] is not a value",
		src: "github.com/mmgerman89/trading app/services/binance_client.rb (Binance::Spot.new(key: ENV['BN_API_KEY'], secret: ENV['BN_API_SECRET_KEY']))",
		in: `class BinanceClient
  def initialize
    @client = Binance::Spot.new(key: ENV['BN_API_KEY'], secret: ENV['BN_API_SECRET_KEY'])
    @passphrase = ENV.fetch("KUCOIN_PASSPHRASE", "ypV4ndccX-kldHSI")
  end
end
`,
		want: []wantPair{{name: "KUCOIN_PASSPHRASE|*passphrase", value: "ypV4ndccX-kldHSI"}},
		not:  []absentPair{{name: "?", value: "BN_API_KEY"}, {name: "?", value: "BN_API_SECRET_KEY"}, {name: "*passphrase", value: "KUCOIN_PASSPHRASE"}},
	},
	{
		lang: "ruby", name: "keyword arguments with literals",
		src: "github.com/mmgerman89/trading app/services/binance_client.rb; binance-connector-ruby README (Binance::Spot.new(key:, secret:))",
		in: `client = Binance::Spot.new(key: "kRJMoTSiJgOMjWLxtOPsyz8wpJlYSuOcmazaRzVxqSb46yGey3ZjQTxB4LbWoheE", secret: "lIPOIPKiqAA5VKm7sUdtCnJ6oAQu9phEA9B1nbLxo1H4aFPzWcpeAIKnsIfYMtid")
`,
		want: []wantPair{
			{name: "key", value: "kRJMoTSiJgOMjWLxtOPsyz8wpJlYSuOcmazaRzVxqSb46yGey3ZjQTxB4LbWoheE", call: "Binance::Spot.new", arg: kw, sib: "a"},
			{name: "secret", value: "lIPOIPKiqAA5VKm7sUdtCnJ6oAQu9phEA9B1nbLxo1H4aFPzWcpeAIKnsIfYMtid", call: "Binance::Spot.new", arg: kw, sib: "a"},
		},
	},
	{
		lang: "ruby", name: "call without parentheses",
		src: "github.com/jakenberg/binance-ruby README.md (Binance::Client::REST.new api_key: …, secret_key: …)",
		in: `client = Binance::Client::REST.new api_key: "sW8PP8WrcwnuHtLP65GhNWwjwMCyovzHYCgEk6rjiYvzse0WSm8qXEGagdpE4zgP", secret_key: "t9F0J5zkmCGMeO2OudRJSaQU2O79Oq19qE8MXt4mpQEXGDxjc4zESzPMdVVbPxpB"
`,
		want: []wantPair{
			{name: "api_key", value: "sW8PP8WrcwnuHtLP65GhNWwjwMCyovzHYCgEk6rjiYvzse0WSm8qXEGagdpE4zgP"},
			{name: "secret_key", value: "t9F0J5zkmCGMeO2OudRJSaQU2O79Oq19qE8MXt4mpQEXGDxjc4zESzPMdVVbPxpB"},
		},
	},
	{
		lang: "ruby", name: "hash rockets, symbols and a frozen hash",
		src: "ruby-doc.org Hash literals (\"k\" => v, :k => v, k: v)",
		in: `CREDENTIALS = {
  "api_key" => "618ec53243e04a0e37b82feb",
  :api_secret => "0fdb2584-cead-4b2d-bf79-acd44495cbcd",
  passphrase: 'neAE.Ioy2MhZbnEI',
}.freeze
`,
		want: []wantPair{
			{name: "api_key", value: "618ec53243e04a0e37b82feb", sib: "a"},
			{name: "*api_secret", value: "0fdb2584-cead-4b2d-bf79-acd44495cbcd", sib: "a"},
			{name: "passphrase", value: "neAE.Ioy2MhZbnEI", sib: "a"},
		},
	},
	{
		lang: "ruby", name: "instance variables",
		src: "code search: Ruby exchange clients (@api_key = …)",
		in: `def initialize
  @api_key = 'N3qHT6LR48Sn1Es5p9'
  @api_secret = "N4eNbCR04EM1DO6XapIjYsCHbB3sLoSQyMAn"
end
`,
		want: []wantPair{
			{name: "*api_key", value: "N3qHT6LR48Sn1Es5p9"},
			{name: "*api_secret", value: "N4eNbCR04EM1DO6XapIjYsCHbB3sLoSQyMAn"},
		},
	},

	// ------------------------------------------------------------------- PHP
	{
		lang: "php", name: "variables then identifiers in a constructor",
		src: "code search: btcchina-php-sdk README ($accessKey = 'your access key'; $btc = new Btcchina($accessKey, $secretKey))",
		in: `<?php
$accessKey = 'eb25006dee620daa69271011f2205c6b';
$secretKey = "5ce0811300653930f6406eca0b6faf2e";
$btc = new Btcchina($accessKey, $secretKey);
`,
		want: []wantPair{
			{name: "*accessKey", value: "eb25006dee620daa69271011f2205c6b"},
			{name: "*secretKey", value: "5ce0811300653930f6406eca0b6faf2e"},
		},
		not: []absentPair{{call: "~Btcchina", value: "$accessKey"}},
	},
	{
		lang: "php", name: "ccxt constructor with array ( … )",
		src: "github.com/ccxt/ccxt examples/php/bytetrade-create-order.php (new \\ccxt\\bytetrade (array ( 'apiKey' => …, 'secret' => … )))",
		in: `$exchange = new \ccxt\okx (array (
    'enableRateLimit' => true,
    // replace with your keys
    'apiKey' => '76f0ec18-eb0a-4d7d-aee5-1046748ab69c',
    'secret' => '970DC6219BDDE9EBD11487AF0E442BD0',
    "password" => "Jo9cAEyhJsrDO6p4",
));
`,
		want: []wantPair{
			{name: "apiKey", value: "76f0ec18-eb0a-4d7d-aee5-1046748ab69c", call: "~ccxt\\okx", arg: kw, sib: "a"},
			{name: "secret", value: "970DC6219BDDE9EBD11487AF0E442BD0", call: "~ccxt\\okx", sib: "a"},
			{name: "password", value: "Jo9cAEyhJsrDO6p4", call: "~ccxt\\okx", sib: "a"},
		},
	},
	{
		lang: "php", name: "define and const",
		src: "github.com/hadi73ebrahimi/crypto-reminder src/config.php (define); github.com/ExaByt3s/frostybot deribit/exchange.test.config.php (const API_KEY = '')",
		in: `<?php
define('BINANCE_API_KEY', 'xVA4HHqCDj488JF2ERnayfaAbdBODfGYhmFpQtX3HwgimYf6Wjn7WP4vQJxN6jGW');
define("BINANCE_API_SECRET", "KB67wFT7OsV9lWd7QLXpU3iaiVwkh8MrND5pyUPL8Nbo2nnv8hIJw7FWk0gnzwA8");
const EXCHANGE = 'deribit';                 // Any exchange supported by CCXT
const API_KEY = 'i3znLuhT';                // API key
const API_SECRET = 'wwUWffnjd0ks0hp945InbFv4V05vMJk21ljDboL6qvG';            // API secret
`,
		want: []wantPair{
			{name: "BINANCE_API_KEY", value: "xVA4HHqCDj488JF2ERnayfaAbdBODfGYhmFpQtX3HwgimYf6Wjn7WP4vQJxN6jGW", call: "define"},
			{name: "BINANCE_API_SECRET", value: "KB67wFT7OsV9lWd7QLXpU3iaiVwkh8MrND5pyUPL8Nbo2nnv8hIJw7FWk0gnzwA8", call: "define"},
			{name: "API_KEY", value: "i3znLuhT"},
			{name: "API_SECRET", value: "wwUWffnjd0ks0hp945InbFv4V05vMJk21ljDboL6qvG"},
		},
	},
	{
		lang: "php", name: "returned config array per venue",
		src: "github.com/sdleiw/bitTracker config/api.php; github.com/codefishcode/fcoin-php-kit src/config.php",
		in: `<?php

return [
    'binance' => [
        'api-key' => 'ceTj6fQHezOyb2SYnYtDBGIaYyUK3gQE4GaRJ7hoBYAoKW8aUmstftmoTl5lFfc5',
        'api-secret' => 'RtR0xHWmEEwqwMeeljKEbtZzuPR5ywuSgBUqDWsC3mnA1Ew056ovsbcS8fSfKft6',
    ],
    'bitfinex' => [
        'api-key' => 'jNJ7yosc9bLH2CwS4dEyG23K7Se5LcXO4vqDibU3ail',
        'api-secret' => 'tcwINmuINzsvloYQVySMZDaxNP3U5sRVgoiZQ5TskJw',
    ],
];
`,
		want: []wantPair{
			{name: "api-key", value: "ceTj6fQHezOyb2SYnYtDBGIaYyUK3gQE4GaRJ7hoBYAoKW8aUmstftmoTl5lFfc5", in: []string{"binance"}, sib: "a"},
			{name: "api-secret", value: "RtR0xHWmEEwqwMeeljKEbtZzuPR5ywuSgBUqDWsC3mnA1Ew056ovsbcS8fSfKft6", in: []string{"binance"}, sib: "a"},
			{name: "api-key", value: "jNJ7yosc9bLH2CwS4dEyG23K7Se5LcXO4vqDibU3ail", in: []string{"bitfinex"}, sib: "b"},
			{name: "api-secret", value: "tcwINmuINzsvloYQVySMZDaxNP3U5sRVgoiZQ5TskJw", in: []string{"bitfinex"}, sib: "b"},
		},
	},
	{
		lang: "php", name: "Laravel env() with defaults",
		src: "github.com/adman9000/laravel-binance config/binance.php ('key' => env('BINANCE_KEY', ''))",
		in: `    'auth' => [
        'key'    => env('BINANCE_KEY', 'nRtY20x1Sq8NAh2wRLy1iadnw9zbiCNhRLjROLwCOsS7nCmqQTqUhyBZecRkiJWu'),
        'secret' => env('BINANCE_SECRET', 'usWxkjDp7TjkT8PgSkg9M3uqSELLxeEvb2p6iQMn6HKdKZsDRvgmbB65T2bsCrq5'),
    ],
    'passphrase' => env('KUCOIN_PASSPHRASE'),
`,
		want: []wantPair{
			{name: "BINANCE_KEY|key", value: "nRtY20x1Sq8NAh2wRLy1iadnw9zbiCNhRLjROLwCOsS7nCmqQTqUhyBZecRkiJWu"},
			{name: "BINANCE_SECRET|secret", value: "usWxkjDp7TjkT8PgSkg9M3uqSELLxeEvb2p6iQMn6HKdKZsDRvgmbB65T2bsCrq5"},
		},
		not: []absentPair{{name: "?", value: "KUCOIN_PASSPHRASE"}, {name: "key", value: "BINANCE_KEY"}},
	},
	{
		lang: "php", name: "$_ENV, putenv and fallbacks",
		src: "www.php.net/manual/en/function.putenv.php; code search: $value = $_ENV[$key] ?? getenv($key)",
		in: `<?php
$_ENV['BYBIT_API_KEY'] = 'uSMSGm916dVbIMONrO';
putenv("BYBIT_API_SECRET=EpmyXoIMNGiwtQVlH6BGgdmdwUysQCcnImH2");
$okxKey = getenv('OKX_API_KEY') ?: '3a5f0a70-5dd0-43b0-8117-d4b439e0d5ae';
$okxSecret = $_ENV['OKX_SECRET_KEY'] ?? 'A0858B7AA12643D0FF5FCD11D7A18001';
`,
		want: []wantPair{
			{name: "*BYBIT_API_KEY", value: "uSMSGm916dVbIMONrO"},
			{name: "BYBIT_API_SECRET", value: "EpmyXoIMNGiwtQVlH6BGgdmdwUysQCcnImH2", flags: dec},
			{name: "OKX_API_KEY|*okxKey", value: "3a5f0a70-5dd0-43b0-8117-d4b439e0d5ae"},
			{name: "*OKX_SECRET_KEY|*okxSecret", value: "A0858B7AA12643D0FF5FCD11D7A18001"},
		},
		not: []absentPair{{name: "*okxKey", value: "OKX_API_KEY"}, {name: "*okxSecret", value: "OKX_SECRET_KEY"}},
	},
	{
		lang: "php", name: "class properties, typed and untyped",
		src: "www.php.net/manual/en/language.oop5.properties.php",
		in: `<?php
class KrakenClient {
    private $apiKey = '281aA8OPEocxaK4vvdzwxVXEcrAZFhQmzP3plsWo2vpEEzwU4xOn3grm';
    private string $apiSecret = 'e44TRun9u4mQjPGCUOXPyUyMQK692HQiaTwnGOrEwmTD+6UK4BmbZTqteVY57lR8ma1ce81ZsBCNEbtBMIQACg==';
    public const API_VERSION = '0';
}
`,
		want: []wantPair{
			{name: "*apiKey", value: "281aA8OPEocxaK4vvdzwxVXEcrAZFhQmzP3plsWo2vpEEzwU4xOn3grm"},
			{name: "*apiSecret", value: "e44TRun9u4mQjPGCUOXPyUyMQK692HQiaTwnGOrEwmTD+6UK4BmbZTqteVY57lR8ma1ce81ZsBCNEbtBMIQACg=="},
		},
		not: []absentPair{{flags: syntax.Base64}, {name: "?", value: "string"}},
	},

	// ---------------------------------------------------------------- Elixir
	{
		lang: "elixir", name: "config with a keyword list",
		src: "github.com/konstantinzolotarev/binance_futures config/config.exs",
		in: `use Mix.Config

config :binance_futures,
  api_key: "YY3Xbms6w0WSdJOjOc2m55FrI0xzc5ymK69KVMIiiAuOaOwjDySGnHylpSFJVlmd",
  secret_key: "xl2jetmJfqZP5Lk6xpJfyCQNipzR36UsFfBJbGuYoP6hsMM3HOmS6w3oIMR9kjNu",
  end_point: "https://fapi.binance.com"
`,
		want: []wantPair{
			{name: "api_key", value: "YY3Xbms6w0WSdJOjOc2m55FrI0xzc5ymK69KVMIiiAuOaOwjDySGnHylpSFJVlmd", sib: "a"},
			{name: "secret_key", value: "xl2jetmJfqZP5Lk6xpJfyCQNipzR36UsFfBJbGuYoP6hsMM3HOmS6w3oIMR9kjNu", sib: "a"},
		},
	},
	{
		lang: "elixir", name: "System.get_env with || fallback",
		src: "github.com/fremantle-industries/ex_binance config/config.exs (api_key: System.get_env(\"BINANCE_API_KEY\"))",
		in: `config :ex_binance,
  api_key: System.get_env("BINANCE_API_KEY") || "rr1vORtcoQTNziVb2ghRfsisfuzZB4cQeishAT0q2wYlcp2WwemoKUp1fsTck2q9",
  secret_key: System.get_env("BINANCE_API_SECRET") || "ke1TzHv3DP4tH0MiYosipvCr6zQKNxVnhDwLnbCdDSqXByFxhtYcgOmPcvoCrh29",
  domain: System.get_env("BINANCE_API_DOMAIN")
`,
		want: []wantPair{
			{name: "BINANCE_API_KEY|api_key", value: "rr1vORtcoQTNziVb2ghRfsisfuzZB4cQeishAT0q2wYlcp2WwemoKUp1fsTck2q9"},
			{name: "BINANCE_API_SECRET|secret_key", value: "ke1TzHv3DP4tH0MiYosipvCr6zQKNxVnhDwLnbCdDSqXByFxhtYcgOmPcvoCrh29"},
		},
		not: []absentPair{{name: "?", value: "BINANCE_API_DOMAIN"}, {name: "api_key", value: "BINANCE_API_KEY"}},
	},
	{
		lang: "elixir", name: "runtime fetch_env! and a string-keyed map",
		src: "code search: config/runtime.exs (api_key: System.fetch_env!(\"BINANCE_API_KEY\")); hexdocs.pm/elixir/Map.html",
		in: `import Config

config :binance,
  api_key: System.fetch_env!("BINANCE_API_KEY"),
  secret_key: System.fetch_env!("BINANCE_API_SECRET")

config :kucoin, credentials: %{"api_key" => "8f7ebb633f9d0afd28909b4e", "api_secret" => "a992eb62-46ea-4ed3-b141-1a851d7199cd", "api_passphrase" => "b8anrgjKQyfO6jfe"}
`,
		want: []wantPair{
			{name: "api_key", value: "8f7ebb633f9d0afd28909b4e", sib: "a"},
			{name: "api_secret", value: "a992eb62-46ea-4ed3-b141-1a851d7199cd", sib: "a"},
			{name: "api_passphrase", value: "b8anrgjKQyfO6jfe", sib: "a"},
		},
		not: []absentPair{{name: "?", value: "BINANCE_API_KEY"}, {name: "?", value: "BINANCE_API_SECRET"}},
	},
	{
		lang: "elixir", name: "Config.set with atoms and module attributes",
		src: "github.com/dvcrn/binance.ex lib/binance/config.ex (Binance.Config.set(:api_key, \"****\")); hexdocs.pm module attributes",
		in: `Binance.Config.set(:api_key, "UAwvHsvAJYVD4OlyFGMyQ7d9MybbGDb3gbNWJfeNKETTedBgD5noeI4dh55WkT4N")
Binance.Config.set(:secret_key, "bM9JS0CnhFCLrXUz9QoFjQpcHwkA35wjm9MmuGarAAqimFwtzs528KGxcCrnYEFk")

defmodule Bot.Keys do
  @api_key "bPXo9BBuaOBrfTf6pE"
  @api_secret "w8BBqoq8uzMYfIWJQU3yOi5i3RDPz3mWeAKq"
end
`,
		want: []wantPair{
			{name: "*api_key", value: "UAwvHsvAJYVD4OlyFGMyQ7d9MybbGDb3gbNWJfeNKETTedBgD5noeI4dh55WkT4N"},
			{name: "*secret_key", value: "bM9JS0CnhFCLrXUz9QoFjQpcHwkA35wjm9MmuGarAAqimFwtzs528KGxcCrnYEFk"},
			{name: "*api_key", value: "bPXo9BBuaOBrfTf6pE"},
			{name: "*api_secret", value: "w8BBqoq8uzMYfIWJQU3yOi5i3RDPz3mWeAKq"},
		},
	},
	{
		lang: "elixir", name: "keyword list literal",
		src: "hexdocs.pm/elixir/Keyword.html",
		in: `opts = [api_key: "kAqy4DLBkdjnh3Gcyq", api_secret: "iNY1mv1XdxFwXto9yLtiBLjB9FJgjlXY2I9Q", testnet: false]
{:ok, client} = Bybit.Client.new(opts)
`,
		want: []wantPair{
			{name: "api_key", value: "kAqy4DLBkdjnh3Gcyq", kind: "array", sib: "a"},
			{name: "api_secret", value: "iNY1mv1XdxFwXto9yLtiBLjB9FJgjlXY2I9Q", kind: "array", sib: "a"},
		},
	},

	// ----------------------------------------------------------------- shell
	{
		lang: "shell", name: "export and plain assignments",
		src: "code search: dantelrharrell-debug/Nija archive/build_scripts/setup_nija_env.sh (export COINBASE_API_KEY=\"organizations/…\"); binance-api Rust README (export APIKEY=\"…\")",
		in: `#!/bin/bash
# Coinbase API credentials
export COINBASE_API_KEY="organizations/bfd7760f-05a0-4997-bd1a-ed728d1ebd44/apiKeys/8caa41d6-f7ab-4a05-b443-45cf2cf20f97"
export BINANCE_API_KEY='bGyK7ABvpYs3qiulWPm9bxR3tHHnQIIOgC457WctZsKbMBqIgggFhyqMXlEiBoOv'
BINANCE_API_SECRET=lss6GDmiDT5tzP6Bb26SvroRFYA6hgRzBsLzTwCXnD2qk6W2TY4f98guchELGXha
export BINANCE_API_SECRET
`,
		want: []wantPair{
			{name: "COINBASE_API_KEY", value: "organizations/bfd7760f-05a0-4997-bd1a-ed728d1ebd44/apiKeys/8caa41d6-f7ab-4a05-b443-45cf2cf20f97", flags: q},
			{name: "BINANCE_API_KEY", value: "bGyK7ABvpYs3qiulWPm9bxR3tHHnQIIOgC457WctZsKbMBqIgggFhyqMXlEiBoOv", flags: q},
			{name: "BINANCE_API_SECRET", value: "lss6GDmiDT5tzP6Bb26SvroRFYA6hgRzBsLzTwCXnD2qk6W2TY4f98guchELGXha", clear: q},
		},
	},
	{
		lang: "shell", name: "parameter expansion defaults",
		src: "www.gnu.org/software/bash/manual Shell Parameter Expansion (${parameter:-word}, ${parameter:=word})",
		in: `api_key="${BINANCE_API_KEY:-sXqpmsFnptZetr33oosNZnRX9NEF7Ao64bCacUGiqkC5iGK7AaLmMmQfhlQP9H6I}"
: "${BINANCE_API_SECRET:=OWzzRBuupfz2H0h6v4OabmMEhc270XwqmYD3LxbUsCIntgHEsT90MBogQoQB36uf}"
python bot.py --key "$api_key" --secret "${BINANCE_API_SECRET}"
`,
		want: []wantPair{
			{name: "BINANCE_API_KEY|api_key", value: "sXqpmsFnptZetr33oosNZnRX9NEF7Ao64bCacUGiqkC5iGK7AaLmMmQfhlQP9H6I"},
			{name: "BINANCE_API_SECRET", value: "OWzzRBuupfz2H0h6v4OabmMEhc270XwqmYD3LxbUsCIntgHEsT90MBogQoQB36uf"},
		},
	},
	{
		lang: "shell", name: "docker run -e and --env",
		src: "docs.docker.com/reference/cli/docker/container/run (--env, -e); freqtrade docker docs",
		in: `docker run -d --name bot \
  -e BINANCE_API_KEY=V2AhUFqJ9cWSPvy1DuKn7NIFBGUiucQhh5knwGdPjFkVZYhoM1gYxhxhVC2KEiyb \
  -e "BINANCE_API_SECRET=DagN7QLnwtbzJcKh1wizBJ3R7aFp6FN8gIkIhIS4K3Z2c8YrFbOhv5ezja3VtBsk" \
  --env OKX_PASSPHRASE='oAA9c8o32eIfwYd.' \
  --env=OKX_API_KEY=30b791d7-2893-4346-9d45-a894cbb445de \
  freqtradeorg/freqtrade:stable trade
`,
		want: []wantPair{
			{name: "BINANCE_API_KEY", value: "V2AhUFqJ9cWSPvy1DuKn7NIFBGUiucQhh5knwGdPjFkVZYhoM1gYxhxhVC2KEiyb"},
			{name: "BINANCE_API_SECRET", value: "DagN7QLnwtbzJcKh1wizBJ3R7aFp6FN8gIkIhIS4K3Z2c8YrFbOhv5ezja3VtBsk"},
			{name: "OKX_PASSPHRASE", value: "oAA9c8o32eIfwYd."},
			{name: "OKX_API_KEY", value: "30b791d7-2893-4346-9d45-a894cbb445de"},
		},
	},
	{
		lang: "shell", name: "kubectl create secret --from-literal",
		src: "github.com/subos2008/binance-tool k8/setup/add-binance-secret-to-namespace.sh; kubectl create secret generic docs",
		in: `kubectl create secret generic binance \
  --from-literal=BINANCE_API_KEY="j02tHpRhKvwibrz9WYWWMgMjsPwXbN3OmjrsEYYTOXbdmxXL1FG4L3Sk9JMdP7KG" \
  --from-literal=BINANCE_API_SECRET='jiidvBEfVRgqxVLlKgsJJ0wdeQyY5CIXhtHh4PyuovzqpbDlQo0FPebhYb9t0k9z' \
  --from-literal api-passphrase=CQm7Wjiw.u1@5nmR \
  --namespace trading
`,
		want: []wantPair{
			{name: "BINANCE_API_KEY", value: "j02tHpRhKvwibrz9WYWWMgMjsPwXbN3OmjrsEYYTOXbdmxXL1FG4L3Sk9JMdP7KG"},
			{name: "BINANCE_API_SECRET", value: "jiidvBEfVRgqxVLlKgsJJ0wdeQyY5CIXhtHh4PyuovzqpbDlQo0FPebhYb9t0k9z"},
			{name: "api-passphrase", value: "CQm7Wjiw.u1@5nmR"},
		},
	},
	{
		lang: "shell", name: "curl with key headers and a signed query",
		src: "developers.binance.com SIGNED endpoint examples (curl -H \"X-MBX-APIKEY: …\" '…?timestamp=…&signature=…'); www.okx.com/docs-v5 REST authentication",
		in: `curl -H "X-MBX-APIKEY: y4UObrUUGgu2Hx1XZOxhBlP5Vk6wzvK7sB5HP4r7lWWyZa4uDGjOkqGfk74VBGGC" -X GET 'https://api.binance.com/api/v3/account?timestamp=1700000000000&signature=10ec96f8681de79b29ae420464ee9bad64e3225ecbbe6e7c7a06d3dfad77539e'
curl https://www.okx.com/api/v5/account/balance \
  -H 'OK-ACCESS-KEY: b8487003-938d-4f4f-a051-6ac3bcb35b3e' \
  -H 'OK-ACCESS-PASSPHRASE: fEzqJYPvz0p8YR3K'
`,
		want: []wantPair{
			{name: "X-MBX-APIKEY", value: "y4UObrUUGgu2Hx1XZOxhBlP5Vk6wzvK7sB5HP4r7lWWyZa4uDGjOkqGfk74VBGGC"},
			{name: "signature", value: "10ec96f8681de79b29ae420464ee9bad64e3225ecbbe6e7c7a06d3dfad77539e"},
			{name: "OK-ACCESS-KEY", value: "b8487003-938d-4f4f-a051-6ac3bcb35b3e"},
			{name: "OK-ACCESS-PASSPHRASE", value: "fEzqJYPvz0p8YR3K"},
		},
	},
	{
		lang: "shell", name: "assignments before a command",
		src: "www.gnu.org/software/bash/manual Simple Command Expansion (assignments preceding a command); env(1)",
		in: `BYBIT_API_KEY=OROUwac8tstw07eKlS BYBIT_API_SECRET=bn9iK9pb4AoiJhoI8zydZEj4pl6dCjkYy5F8 python3 bot.py --testnet
env KRAKEN_API_KEY=1yBOb7ZBGYsOJnRmmgSAHrSPNImD3Rl2omQMB8TF9a6qh/RIQW2Bk2rn node index.js
`,
		want: []wantPair{
			{name: "BYBIT_API_KEY", value: "OROUwac8tstw07eKlS"},
			{name: "BYBIT_API_SECRET", value: "bn9iK9pb4AoiJhoI8zydZEj4pl6dCjkYy5F8"},
			{name: "KRAKEN_API_KEY", value: "1yBOb7ZBGYsOJnRmmgSAHrSPNImD3Rl2omQMB8TF9a6qh/RIQW2Bk2rn"},
		},
	},
	{
		lang: "shell", name: "echo into .env and a heredoc",
		src: "code search: setup scripts writing CBase_api_key.json with cat << EOF; echo \"K=V\" >> .env",
		in: `echo "BINANCE_API_KEY=iorIsIpwRozBonDqJJTrdNhCLeLD4AHSwBZVhGz9ALVQzPjsxNPfiu3oS2SPisGQ" >> .env
echo 'BINANCE_API_SECRET=giyvWkmeqxIKmnxZdIBSiuhTGqaD65OQtVt6qXrzGVbnhDCx8ZKKMdphU2VIRugL' >> .env
cat > config.env <<EOF
OKX_API_KEY=860bd8af-d8b6-4944-802b-d778dae8f830
OKX_API_SECRET=D964A2FD9B730A6B0EDC954513495812
EOF
`,
		want: []wantPair{
			{name: "BINANCE_API_KEY", value: "iorIsIpwRozBonDqJJTrdNhCLeLD4AHSwBZVhGz9ALVQzPjsxNPfiu3oS2SPisGQ"},
			{name: "BINANCE_API_SECRET", value: "giyvWkmeqxIKmnxZdIBSiuhTGqaD65OQtVt6qXrzGVbnhDCx8ZKKMdphU2VIRugL"},
			{name: "OKX_API_KEY", value: "860bd8af-d8b6-4944-802b-d778dae8f830"},
			{name: "OKX_API_SECRET", value: "D964A2FD9B730A6B0EDC954513495812"},
		},
	},
	{
		lang: "shell", name: "command-line flags",
		src: "docs.python.org/3/library/argparse.html (--api-key VALUE, --api-secret=VALUE)",
		in: `python -m bot --exchange okx --api-key 6902eea9-676a-4df3-975c-1ceb6bcf07f9 --api-secret=2A976B182EE79B4925F5623DF416B88F --passphrase "COXZlHX4b.@1l547"
`,
		want: []wantPair{
			{name: "*api-key", value: "6902eea9-676a-4df3-975c-1ceb6bcf07f9"},
			{name: "*api-secret", value: "2A976B182EE79B4925F5623DF416B88F"},
			{name: "*passphrase", value: "COXZlHX4b.@1l547"},
		},
	},
	{
		lang: "shell", name: "PaaS config set with several pairs",
		src: "devcenter.heroku.com/articles/config-vars (heroku config:set K=V K2=V2); fly.io/docs flyctl secrets set",
		in: `heroku config:set BINANCE_API_KEY=KZ858saOplyyl2L3YX7SURXaWamEWaD9jVx6tJ3ilh1BJsPKGJKjDzeULlQZts97 BINANCE_API_SECRET=BvTfn9a7AVhcbKrJMUk8l7eGXQkOhLNB0ReQTbmPP8npe7aMSPncT1ToeOpzBzOQ -a my-bot
fly secrets set KUCOIN_API_KEY=e86f10bf476445b6a21334ff KUCOIN_API_SECRET=a3a36c6e-37e6-46bb-a1c9-88031ea11e61
`,
		want: []wantPair{
			{name: "BINANCE_API_KEY", value: "KZ858saOplyyl2L3YX7SURXaWamEWaD9jVx6tJ3ilh1BJsPKGJKjDzeULlQZts97"},
			{name: "BINANCE_API_SECRET", value: "BvTfn9a7AVhcbKrJMUk8l7eGXQkOhLNB0ReQTbmPP8npe7aMSPncT1ToeOpzBzOQ"},
			{name: "KUCOIN_API_KEY", value: "e86f10bf476445b6a21334ff"},
			{name: "KUCOIN_API_SECRET", value: "a3a36c6e-37e6-46bb-a1c9-88031ea11e61"},
		},
	},
	{
		lang: "shell", name: "gh secret set --body and aws ssm put-parameter",
		src: "cli.github.com/manual/gh_secret_set (--body); docs.aws.amazon.com/cli ssm put-parameter (--name --value --type SecureString)",
		in: `gh secret set KRAKEN_API_SECRET --body "IPyIIeSc1paOsKFyHZVkV1MDDhJkQhNZKOw9vu+f6OGzQMN01wDRvy67fGG2fb3UK6hmqNwEpdUqIUz+xJnLCg=="
aws ssm put-parameter --name /bot/kraken/api_key --value fkecv5yMZdl3pbYe9FB/PUCpysMJc+gsTQe2IBsT2CRsTfVJXOhkwre/ --type SecureString
`,
		want: []wantPair{
			{name: "*body", value: "IPyIIeSc1paOsKFyHZVkV1MDDhJkQhNZKOw9vu+f6OGzQMN01wDRvy67fGG2fb3UK6hmqNwEpdUqIUz+xJnLCg=="},
			{name: "*value", value: "fkecv5yMZdl3pbYe9FB/PUCpysMJc+gsTQe2IBsT2CRsTfVJXOhkwre/"},
		},
		not: []absentPair{{flags: syntax.Base64}},
	},

	// ------------------------------------------------------- PowerShell, cmd
	{
		lang: "powershell", name: "SetEnvironmentVariable and $env:",
		src: "github.com/krithikasadhamuna/clean dump_unused_files/set_openai_api_key.ps1",
		in: `# Set for current user
[Environment]::SetEnvironmentVariable("BINANCE_API_KEY", "ziIErL3I2nfMYXSfu0Q3vIeb5f9Z96YfJf5TZYMBqUgYIqq1Ptz1nMzIReD3iKmR", "User")
[System.Environment]::SetEnvironmentVariable('BINANCE_API_SECRET','j8xiAG6CJQyDOrqKDojbnkHoMoJ5cfL233ZZ1YPuZ9pLLkoiEvWFd33XOlj3oW2x','Machine')

# Set for current session
$env:OKX_API_KEY = "66a7f000-729c-418a-8d58-f11db5b75248"
$Env:OKX_PASSPHRASE='AuC2eu8vWwkt72pw'
`,
		want: []wantPair{
			{name: "BINANCE_API_KEY", value: "ziIErL3I2nfMYXSfu0Q3vIeb5f9Z96YfJf5TZYMBqUgYIqq1Ptz1nMzIReD3iKmR", call: "~SetEnvironmentVariable"},
			{name: "BINANCE_API_SECRET", value: "j8xiAG6CJQyDOrqKDojbnkHoMoJ5cfL233ZZ1YPuZ9pLLkoiEvWFd33XOlj3oW2x", call: "~SetEnvironmentVariable"},
			{name: "*OKX_API_KEY", value: "66a7f000-729c-418a-8d58-f11db5b75248"},
			{name: "*OKX_PASSPHRASE", value: "AuC2eu8vWwkt72pw"},
		},
		not: []absentPair{{name: "?", value: "User"}, {name: "?", value: "Machine"}},
	},
	{
		lang: "powershell", name: "variables and a headers hashtable",
		src: "github.com/VirtualiteNL/RiskyUserTroubleshooter api/apikey_openai.ps1 ($apiKey = ''); learn.microsoft.com about_Hash_Tables",
		in: `$apiKey = '88964a25c2b71453ae46390a'
$apiSecret = "98ffdff5-ed37-4674-8601-22a53412206b"
$headers = @{
    "KC-API-KEY" = $apiKey
    "KC-API-PASSPHRASE" = "KvAbMO3QDQ1WWM90"
    "Content-Type" = "application/json"
}
`,
		want: []wantPair{
			{name: "*apiKey", value: "88964a25c2b71453ae46390a"},
			{name: "*apiSecret", value: "98ffdff5-ed37-4674-8601-22a53412206b"},
			{name: "KC-API-PASSPHRASE", value: "KvAbMO3QDQ1WWM90", in: []string{"~headers"}},
		},
	},
	{
		lang: "powershell", name: "one-line hashtable with semicolons",
		src: "learn.microsoft.com about_Splatting (@{ Name = value; … })",
		in: `$creds = @{ ApiKey = "DuHzJSVf1nQc4D2W27lH8djBupNKk0ELnyu1e86Csbz0Mm7u44xwINFlArkQf2Ts"; ApiSecret = "ZJ9s326uOt3f37ivfKTFRx407e6ADQmUzPPAqs8qQ0ATVmexRubUyzg0HLtGZluX" }
Connect-Binance @creds
`,
		want: []wantPair{
			{name: "ApiKey", value: "DuHzJSVf1nQc4D2W27lH8djBupNKk0ELnyu1e86Csbz0Mm7u44xwINFlArkQf2Ts", sib: "a"},
			{name: "ApiSecret", value: "ZJ9s326uOt3f37ivfKTFRx407e6ADQmUzPPAqs8qQ0ATVmexRubUyzg0HLtGZluX", sib: "a"},
		},
	},
	{
		lang: "powershell", name: "cmd set, plain and quoted",
		src: "github.com/danmaps/GIS-Utilities src/assistant/OpenAI_API_KEY.bat; learn.microsoft.com windows-commands/set",
		in: crlf(`@echo off
set BINANCE_API_KEY=qx1RJ9a3o518kxvIaaxc95YNigiNNA0UYjAPSrh4GqbLnMomvpERzk9A77o9rRwY
set "BINANCE_API_SECRET=HjpLPgmHCotrBRBfcZo4nBHZNGUxMp4oVx8fhcgTphSymtYoJYy7bIjZX0O9YOVZ"
python bot.py
`),
		want: []wantPair{
			{name: "BINANCE_API_KEY", value: "qx1RJ9a3o518kxvIaaxc95YNigiNNA0UYjAPSrh4GqbLnMomvpERzk9A77o9rRwY"},
			{name: "BINANCE_API_SECRET", value: "HjpLPgmHCotrBRBfcZo4nBHZNGUxMp4oVx8fhcgTphSymtYoJYy7bIjZX0O9YOVZ"},
		},
	},

	// ---------------------------------------------------------------- dotenv
	{
		lang: "dotenv", name: "plain file with comments",
		src: "hexdocs.pm/dotenvy/dotenv-file-format.html; code search: .env.example for a Binance bot (BINANCE_API_KEY=…, TELEGRAM_BOT_TOKEN=…)",
		in: `# Exchange API Configuration
# Get your API keys from https://www.binance.com/en/my/settings/api-management
BINANCE_API_KEY=CrmLfsncolhbdnBDOlWc82HDzs2iOs0lJpPBxtSZeiMIYKeE4yEmOwNqeReETpgh
BINANCE_API_SECRET=Ogo3niSgdFcyn1Tlvfd5kGGoMUoHxdXXasbg5BjE1LY9TWSqp0E2UrwSztYgIoXR
BINANCE_TESTNET=true

# Telegram Bot Configuration (optional)
TELEGRAM_BOT_TOKEN=1724173868:E6Y18Ya63LFFymGpBQqXQrsOT0P0bLofbRl
`,
		want: []wantPair{
			{name: "BINANCE_API_KEY", value: "CrmLfsncolhbdnBDOlWc82HDzs2iOs0lJpPBxtSZeiMIYKeE4yEmOwNqeReETpgh", clear: q},
			{name: "BINANCE_API_SECRET", value: "Ogo3niSgdFcyn1Tlvfd5kGGoMUoHxdXXasbg5BjE1LY9TWSqp0E2UrwSztYgIoXR"},
			{name: "TELEGRAM_BOT_TOKEN", value: "1724173868:E6Y18Ya63LFFymGpBQqXQrsOT0P0bLofbRl"},
		},
	},
	{
		lang: "dotenv", name: "quotes, export and comments after values",
		src: "docs.docker.com/compose/environment-variables/variable-interpolation (.env syntax: inline comments, export)",
		in: `export OKX_API_KEY="ce94cf72-a066-4c4b-928e-66061221b07e"   # okx v5
export OKX_API_SECRET='FF4B84DF9EEF8BB173AD72FCBB61B562' # secret
OKX_PASSPHRASE="O_x9YjZtdL_qavht"
`,
		want: []wantPair{
			{name: "OKX_API_KEY", value: "ce94cf72-a066-4c4b-928e-66061221b07e", flags: q},
			{name: "OKX_API_SECRET", value: "FF4B84DF9EEF8BB173AD72FCBB61B562", flags: q},
			{name: "OKX_PASSPHRASE", value: "O_x9YjZtdL_qavht", flags: q},
		},
	},
	{
		lang: "dotenv", name: "# without a space before it is part of a bare value",
		src: "docs.docker.com/compose/env-file (VAR=VAL# not a comment -> VAL# not a comment; VAR=VAL # comment -> VAL)",
		in: `BITGET_PASSPHRASE=Tr4de#TzGq9T8N
BITGET_API_KEY=bg_a9bc38508e29567a231429d10c329a0e # comment
`,
		want: []wantPair{
			{name: "BITGET_PASSPHRASE", value: "Tr4de#TzGq9T8N"},
			{name: "BITGET_API_KEY", value: "bg_a9bc38508e29567a231429d10c329a0e"},
		},
	},
	{
		lang: "dotenv", name: "spaces and tabs around = and an indented line",
		src: "docs.rs/crate/dotenvs sample-basic.env (SPACED_KEY = parsed); deno.land std dotenv testdata .env.test (INDENTED_VAR)",
		in:  "KUCOIN_API_KEY = 9e439253d023ce0443116f6f\nKUCOIN_API_SECRET\t=\tc0b851d3-ebaa-4bc0-afbb-61cf2239885b\n    KUCOIN_API_PASSPHRASE = 'H_P-3uZxHgV7ZK.X'\n",
		want: []wantPair{
			{name: "KUCOIN_API_KEY", value: "9e439253d023ce0443116f6f"},
			{name: "KUCOIN_API_SECRET", value: "c0b851d3-ebaa-4bc0-afbb-61cf2239885b"},
			{name: "KUCOIN_API_PASSPHRASE", value: "H_P-3uZxHgV7ZK.X"},
		},
	},
	{
		lang: "dotenv", name: "CRLF line ends and a BOM",
		src: "testdata/corpus README (a .env saved on Windows with a BOM and CRLF)",
		in:  "\ufeffBINANCE_API_KEY=S7F5zQWqoUNHcJQLwZblc0NAfUaO7BKXCQBJkax2dyxyQp9Dp6bC7fAh9Cj1n2H0\r\nBINANCE_API_SECRET=\"OQsGzmzp2VXHkozX5gI54n5eZAsrealPGIqI3joYuCOdaeW4vO7817b8sWDBhWf3\"\r\nBINANCE_TESTNET=false\r\n",
		want: []wantPair{
			{name: "BINANCE_API_KEY", value: "S7F5zQWqoUNHcJQLwZblc0NAfUaO7BKXCQBJkax2dyxyQp9Dp6bC7fAh9Cj1n2H0"},
			{name: "BINANCE_API_SECRET", value: "OQsGzmzp2VXHkozX5gI54n5eZAsrealPGIqI3joYuCOdaeW4vO7817b8sWDBhWf3"},
			{name: "BINANCE_TESTNET", value: "false"},
		},
		not: []absentPair{{name: "\ufeffBINANCE_API_KEY"}},
	},
	{
		lang: "dotenv", name: "multi-line PEM in double quotes",
		src: "github.com/nodejs/node commit c7912c3 (multi-line values in .env); code search: CDP_API_KEY_PRIVATE_KEY=-----BEGIN EC PRIVATE KEY-----",
		in: `COINBASE_API_KEY_NAME=organizations/13f787fc-c025-49cb-bedb-c2e17a42d9dc/apiKeys/882a0629-a88f-4c09-a990-3137b25a2c9e
COINBASE_API_PRIVATE_KEY="-----BEGIN EC PRIVATE KEY-----
MHcCAQEEIkgM/7p7Bp9Wvd+/oHzmbmPpWpi7DcXVY+Jhr3z6IXrhVkI7E3eCuk8a
7+DmhuzcvSB6FJL0G/JWeiFAvMnjeTBEYReuAdQVXzXTQ4nSlNRlrVdK34MffnWK
l4uAUuYRfWGZFMlTHHNVzmMZq6lseOEAtX==
-----END EC PRIVATE KEY-----
"
COINBASE_SANDBOX=false
`,
		want: []wantPair{
			{name: "COINBASE_API_KEY_NAME", value: "organizations/13f787fc-c025-49cb-bedb-c2e17a42d9dc/apiKeys/882a0629-a88f-4c09-a990-3137b25a2c9e"},
			{name: "COINBASE_API_PRIVATE_KEY", value: pem("MHcCAQEEIkgM/7p7Bp9Wvd+/oHzmbmPpWpi7DcXVY+Jhr3z6IXrhVkI7E3eCuk8a", "7+DmhuzcvSB6FJL0G/JWeiFAvMnjeTBEYReuAdQVXzXTQ4nSlNRlrVdK34MffnWK", "l4uAUuYRfWGZFMlTHHNVzmMZq6lseOEAtX==") + "\n"},
			{name: "COINBASE_SANDBOX", value: "false"},
		},
	},
	{
		lang: "dotenv", name: "PEM with \\n escapes in double quotes",
		src: "code search: Private Key Format in .env File (KALSHI_PRIVATE_KEY=\"-----BEGIN RSA PRIVATE KEY-----\\n…\"); Portainer CDP guide",
		in:  `CDP_API_KEY_SECRET="-----BEGIN EC PRIVATE KEY-----\nMHcCAQEEIkpQcPWJhaAZPFuvahd+IAelgVnohKXGkCYc5FoYHuwlp69G6ezS7RGq\nNK9r1BwUAQzQkCBnlPQhSub2NB7rnZ4eBUfZBUA/fA3njB9Nkzr57TP7kUddygSI\najggHr31ZZHrbWSXeBnsP787p+M7cQ+Ino==\n-----END EC PRIVATE KEY-----\n"` + "\n",
		want: []wantPair{
			{name: "CDP_API_KEY_SECRET", value: pem("MHcCAQEEIkpQcPWJhaAZPFuvahd+IAelgVnohKXGkCYc5FoYHuwlp69G6ezS7RGq", "NK9r1BwUAQzQkCBnlPQhSub2NB7rnZ4eBUfZBUA/fA3njB9Nkzr57TP7kUddygSI", "ajggHr31ZZHrbWSXeBnsP787p+M7cQ+Ino==") + "\n"},
		},
	},
	{
		lang: "dotenv", name: "unquoted base64 secret with == padding",
		src: "github.com/veox/python3-krakenex (Kraken key and base64 secret); docs.rs/crate/dotenvs sample-multiline.env (EQUAL_SIGNS=equals==)",
		in: `KRAKEN_API_KEY=wkYhBoEJUwL2wTXUXp8RxF8hoDS0zUJTOqkF58hvVox4WGt4rCvAV9wO
KRAKEN_API_SECRET=fs7UMelfDhMB7/axvSqM+o+xuc5RrYVFu4maQJMqOtbylPNmznxFzxEogNX5MyIY5aLisg3LzGokYJm/CEU4EA==
`,
		want: []wantPair{
			{name: "KRAKEN_API_KEY", value: "wkYhBoEJUwL2wTXUXp8RxF8hoDS0zUJTOqkF58hvVox4WGt4rCvAV9wO"},
			{name: "KRAKEN_API_SECRET", value: "fs7UMelfDhMB7/axvSqM+o+xuc5RrYVFu4maQJMqOtbylPNmznxFzxEogNX5MyIY5aLisg3LzGokYJm/CEU4EA=="},
		},
		not: []absentPair{{flags: syntax.Base64}},
	},
	{
		lang: "dotenv", name: "an empty value does not take the next line",
		src: "docs.rs/crate/dotenvs sample-basic.env (EMPTY=, EMPTY_DOUBLE_QUOTES=\"\")",
		in: `BINANCE_API_KEY=
BINANCE_API_SECRET=gZvFF2yzevI7UTNgCeAtY1yOiOQQIJ47O5f1dnweglCNkbklyLio9f6ORXYafSQ2
OKX_PASSPHRASE=""
OKX_API_KEY=093c7463-db95-4a13-878f-0d688b17bf51
`,
		want: []wantPair{
			{name: "BINANCE_API_SECRET", value: "gZvFF2yzevI7UTNgCeAtY1yOiOQQIJ47O5f1dnweglCNkbklyLio9f6ORXYafSQ2"},
			{name: "OKX_API_KEY", value: "093c7463-db95-4a13-878f-0d688b17bf51"},
		},
		not: []absentPair{
			{name: "BINANCE_API_KEY", value: "BINANCE_API_SECRET=gZvFF2yzevI7UTNgCeAtY1yOiOQQIJ47O5f1dnweglCNkbklyLio9f6ORXYafSQ2"},
			{name: "BINANCE_API_KEY", value: "gZvFF2yzevI7UTNgCeAtY1yOiOQQIJ47O5f1dnweglCNkbklyLio9f6ORXYafSQ2"},
			{name: "BINANCE_API_KEY", value: "BINANCE_API_SECRET"},
			{name: "OKX_PASSPHRASE", value: "OKX_API_KEY=093c7463-db95-4a13-878f-0d688b17bf51"},
		},
	},
	{
		lang: "dotenv", name: "quoted value keeps spaces and #",
		src: "docs.docker.com/compose/env-file (VAR=\"VAL # not a comment\" -> VAL # not a comment)",
		in: `OKX_PASSPHRASE="correct horse #7 UXFtCE"   # trailing comment
OKX_API_KEY=a91c0503-e6ce-4e1f-89a9-4e2be44f2c59
`,
		want: []wantPair{
			{name: "OKX_PASSPHRASE", value: "correct horse #7 UXFtCE"},
			{name: "OKX_API_KEY", value: "a91c0503-e6ce-4e1f-89a9-4e2be44f2c59"},
		},
	},
	{
		lang: "dotenv", name: "long venue-specific names",
		src: "jesse.trade docs (.env with BINANCE_PERPETUAL_FUTURES_API_KEY …)",
		in: `# Exchange keys
BINANCE_PERPETUAL_FUTURES_API_KEY=G9TXCV3WHQLfEFFx9xRAO1Lx2aMf65FvqR174uGjKwKnsN1GRsCmNlmN7NiT1tHf
BINANCE_PERPETUAL_FUTURES_API_SECRET=SOYfDNsSRBYapFR4w6lffNTJlMOV1YVhaqaqs9mXaX9KMnjbfNNn1PaVUd66IO5G
BYBIT_USDT_PERPETUAL_TESTNET_API_KEY=SfS8YqQjt4w1Rhz9K6
`,
		want: []wantPair{
			{name: "BINANCE_PERPETUAL_FUTURES_API_KEY", value: "G9TXCV3WHQLfEFFx9xRAO1Lx2aMf65FvqR174uGjKwKnsN1GRsCmNlmN7NiT1tHf"},
			{name: "BINANCE_PERPETUAL_FUTURES_API_SECRET", value: "SOYfDNsSRBYapFR4w6lffNTJlMOV1YVhaqaqs9mXaX9KMnjbfNNn1PaVUd66IO5G"},
			{name: "BYBIT_USDT_PERPETUAL_TESTNET_API_KEY", value: "SfS8YqQjt4w1Rhz9K6"},
		},
	},

	// ------------------------------------------------------------------ YAML
	{
		lang: "yaml", name: "nested mappings per venue",
		src: "code search: cryptotrade README (~/.cryptotrade.conf: poloniex: api_key: <api key> api_secret: <api secret>)",
		in: `poloniex:
    api_key: YGdLGL7Fk5sEDlC1i2CBBt0Jy0zKpw5v
    api_secret: 50978d710ff2fdd2a4b620792b0c781d1f076203247072def89403f68e4981e5e82fd43e76bcfb551b768979b3f5c078f556362b9352cd93b17c61a3c7209a71

coinbase:
    api_key: K5S9iI7e9jH5xTVb
    api_secret: h34I4yEJq6jz20qHLNObgPyM7IPsDTEp
`,
		want: []wantPair{
			{name: "api_key", value: "YGdLGL7Fk5sEDlC1i2CBBt0Jy0zKpw5v", in: []string{"poloniex"}, kind: "indent", sib: "a"},
			{name: "api_secret", value: "50978d710ff2fdd2a4b620792b0c781d1f076203247072def89403f68e4981e5e82fd43e76bcfb551b768979b3f5c078f556362b9352cd93b17c61a3c7209a71", in: []string{"poloniex"}, sib: "a"},
			{name: "api_key", value: "K5S9iI7e9jH5xTVb", in: []string{"coinbase"}, kind: "indent", sib: "b"},
			{name: "api_secret", value: "h34I4yEJq6jz20qHLNObgPyM7IPsDTEp", in: []string{"coinbase"}, sib: "b"},
		},
	},
	{
		lang: "yaml", name: "hummingbot connector file in plaintext",
		src: "hummingbot.org docs (conf/connectors/binance.yml: binance_api_key, binance_api_secret)",
		in: `#########################################
###   binance config   ###
#########################################

connector: binance
binance_api_key: uoAWe85K52JfuNUwMMnOYFRS0E08StRln4pfksPcuewNVmpkOouMmym5EA04DREL
binance_api_secret: 'd8TG2xpYjJZS6q4C99DOUEhyxTE0K66FauVA9RrnZUvY5ZrvlhYpZ9GrS8QLPVrM'
`,
		want: []wantPair{
			{name: "binance_api_key", value: "uoAWe85K52JfuNUwMMnOYFRS0E08StRln4pfksPcuewNVmpkOouMmym5EA04DREL", clear: q},
			{name: "binance_api_secret", value: "d8TG2xpYjJZS6q4C99DOUEhyxTE0K66FauVA9RrnZUvY5ZrvlhYpZ9GrS8QLPVrM", flags: q},
		},
	},
	{
		lang: "yaml", name: "container env list of name/value items",
		src: "kubernetes.io/docs/tasks/inject-data-application/define-environment-variable-container (env: - name: / value:)",
		in: `spec:
  containers:
    - name: bot
      image: ghcr.io/example/bot:1.4
      env:
        - name: BINANCE_API_KEY
          value: "hQbZSHoHInR6L5wkitA565pTjmJyOq0vXooGKU0vsuBnSPaVswHFoa6J1fXAFztj"
        - name: BINANCE_API_SECRET
          value: Duuaw70E0WtMfEiJcvE6428kP0PxGu8BnnvgA7tqJ9pXHhfC9rMi4aoKJdmTdTcz
        - name: LOG_LEVEL
          value: info
`,
		want: []wantPair{
			{name: "BINANCE_API_KEY", value: "hQbZSHoHInR6L5wkitA565pTjmJyOq0vXooGKU0vsuBnSPaVswHFoa6J1fXAFztj", in: []string{"env"}, kind: "item", sib: "a"},
			{name: "BINANCE_API_SECRET", value: "Duuaw70E0WtMfEiJcvE6428kP0PxGu8BnnvgA7tqJ9pXHhfC9rMi4aoKJdmTdTcz", in: []string{"env"}, kind: "item", sib: "b"},
			{name: "LOG_LEVEL", value: "info"},
		},
		not: []absentPair{{name: "bot"}},
	},
	{
		lang: "yaml", name: "valueFrom secretKeyRef pairs nothing across",
		src: "kubernetes.io/docs/concepts/configuration/secret (env: valueFrom: secretKeyRef: name:, key:)",
		in: `env:
  - name: BINANCE_API_KEY
    valueFrom:
      secretKeyRef:
        name: binance
        key: api-key
  - name: OKX_PASSPHRASE
    value: "lB-s4zPPpigFqKPE"
`,
		want: []wantPair{{name: "OKX_PASSPHRASE", value: "lB-s4zPPpigFqKPE"}},
		not:  []absentPair{{name: "BINANCE_API_KEY"}, {name: "binance"}, {name: "api-key"}},
	},
	{
		lang: "yaml", name: "literal block scalar holding a PEM key",
		src: "yaml.org/spec/1.2.2 literal style (|); Coinbase CDP key name + EC private key",
		in: `coinbase:
  api_key_name: organizations/f19c872f-b641-40ad-8ae3-c218e5f52b4d/apiKeys/456eeb9b-6252-4918-87d2-2074d63d24e6
  api_private_key: |
    -----BEGIN EC PRIVATE KEY-----
    MHcCAQEEIZqmfOc2Xw0IhXVLsn59u4ykN8aV5TwlqEZmnuURSqTG0cOAeUBOc3rl
    ePc81TZ86LYnnCjjr12TZb3++Ay3sEf8RoIz6XYzD7A6C0OvZ5kmK8VFbOx6r5c7
    AgNXIG985GzeBsV5EmcZ+y9PaCY25VZTwt==
    -----END EC PRIVATE KEY-----
  sandbox: false
`,
		want: []wantPair{
			{name: "api_key_name", value: "organizations/f19c872f-b641-40ad-8ae3-c218e5f52b4d/apiKeys/456eeb9b-6252-4918-87d2-2074d63d24e6", sib: "a"},
			{name: "api_private_key", value: pem("MHcCAQEEIZqmfOc2Xw0IhXVLsn59u4ykN8aV5TwlqEZmnuURSqTG0cOAeUBOc3rl", "ePc81TZ86LYnnCjjr12TZb3++Ay3sEf8RoIz6XYzD7A6C0OvZ5kmK8VFbOx6r5c7", "AgNXIG985GzeBsV5EmcZ+y9PaCY25VZTwt==") + "\n", in: []string{"coinbase"}, sib: "a"},
			{name: "sandbox", value: "false", sib: "a"},
		},
	},
	{
		lang: "yaml", name: "folded and stripped block scalars",
		src: "yaml.org/spec/1.2.2 block chomping (>- and |-)",
		in: `kraken:
  key: >-
    U+vtCdw7zIrrpXBRoxRjbRfxbN5DhPVywe/kI8Qzc3WMiIaBM6/uuFI7
  secret: |-
    vau1d0foRzu5O5+tDQY1uY2nMwSuaTU8b6dbespDSKoDIjJ9GvqWD6LdM1S/3uYEDiGVoe67MJJsa2Jj2tujZQ==
`,
		want: []wantPair{
			{name: "key", value: "U+vtCdw7zIrrpXBRoxRjbRfxbN5DhPVywe/kI8Qzc3WMiIaBM6/uuFI7", in: []string{"kraken"}},
			{name: "secret", value: "vau1d0foRzu5O5+tDQY1uY2nMwSuaTU8b6dbespDSKoDIjJ9GvqWD6LdM1S/3uYEDiGVoe67MJJsa2Jj2tujZQ==", in: []string{"kraken"}},
		},
		not: []absentPair{{flags: syntax.Base64}},
	},
	{
		lang: "yaml", name: "anchors, merge keys and aliases",
		src: "docs.docker.com/reference/compose-file/fragments (anchors and <<: *alias)",
		in: `x-okx: &okx-creds
  OKX_API_KEY: &okxkey e8b95f23-c224-4807-9518-2a2e20eb2f2c
  OKX_API_SECRET: 5B7ECB94EEA7933F9428D32953F697E2

services:
  bot:
    environment:
      <<: *okx-creds
      OKX_PASSPHRASE: YncT7cGNWdRj5ZN1
  backtest:
    environment:
      OKX_API_KEY: *okxkey
`,
		want: []wantPair{
			{name: "OKX_API_KEY", value: "e8b95f23-c224-4807-9518-2a2e20eb2f2c"},
			{name: "OKX_API_SECRET", value: "5B7ECB94EEA7933F9428D32953F697E2"},
			{name: "OKX_PASSPHRASE", value: "YncT7cGNWdRj5ZN1"},
		},
		not: []absentPair{{value: "&okxkey e8b95f23-c224-4807-9518-2a2e20eb2f2c"}, {value: "&okxkey"}},
	},
	{
		lang: "yaml", name: "flow mapping, quotes and comments",
		src: "yaml.org/spec/1.2.2 flow mappings; gitlab.com/gitlab-org/gitlab issue 384122 (NEXT_VAR: { value: …, description: … })",
		in: `bybit: {api_key: IDh7Czm6MGPs6JSV5K, api_secret: "turc2T1Q52zYhkRFSobqsqwT9nIefX7WOHYu"}   # flow mapping
kucoin:
  api_key: "8c5df5be58e9f6e09d017b0f"     # key
  api_secret: 'eed60344-31fa-4753-bfc7-b9a5da8302f4'    # secret
  api_passphrase: "J_MzBIijHRQj3T4i"
`,
		want: []wantPair{
			{name: "api_key", value: "IDh7Czm6MGPs6JSV5K", in: []string{"bybit"}, sib: "a"},
			{name: "api_secret", value: "turc2T1Q52zYhkRFSobqsqwT9nIefX7WOHYu", in: []string{"bybit"}, sib: "a"},
			{name: "api_key", value: "8c5df5be58e9f6e09d017b0f", in: []string{"kucoin"}, sib: "b"},
			{name: "api_secret", value: "eed60344-31fa-4753-bfc7-b9a5da8302f4", sib: "b"},
			{name: "api_passphrase", value: "J_MzBIijHRQj3T4i", sib: "b"},
		},
	},
	{
		lang: "yaml", name: "CRLF line ends",
		src: "a YAML config saved on Windows",
		in: crlf(`binance:
  api_key: QYQ64TDfkPkiK8M3Yn8GMnRPgJZltLdyce46t4GzwOHZfCn2DgSXAT4p8MQIuGfN
  api_secret: "aCN52AqpejYAA1c6CBmd67rwIOJMNs50qkKmsMGuWLORQoxbMO9xfg6dYOT5K92x"
`),
		want: []wantPair{
			{name: "api_key", value: "QYQ64TDfkPkiK8M3Yn8GMnRPgJZltLdyce46t4GzwOHZfCn2DgSXAT4p8MQIuGfN", in: []string{"binance"}},
			{name: "api_secret", value: "aCN52AqpejYAA1c6CBmd67rwIOJMNs50qkKmsMGuWLORQoxbMO9xfg6dYOT5K92x", in: []string{"binance"}},
		},
	},
	{
		lang: "yaml", name: "Spring application.yml placeholders with defaults",
		src: "docs.spring.io Spring Boot externalized configuration (${ENV_VAR:default} in application.yml)",
		in: `binance:
  api-key: ${BINANCE_API_KEY:qJb8kZEjQR4vozTSbgZLpr624iT34xJy6g2jiShiFdIAZDm5iZP3IpK4jhWYuhr8}
  secret-key: "${BINANCE_SECRET_KEY:tH36BXQ7iskrcBEjscH4LE8PrWxrgk4iGGKmMNFI9Cxvd0Zz6yLvqJxVkzCV6b3y}"
`,
		want: []wantPair{
			{name: "BINANCE_API_KEY|api-key", value: "qJb8kZEjQR4vozTSbgZLpr624iT34xJy6g2jiShiFdIAZDm5iZP3IpK4jhWYuhr8"},
			{name: "BINANCE_SECRET_KEY|secret-key", value: "tH36BXQ7iskrcBEjscH4LE8PrWxrgk4iGGKmMNFI9Cxvd0Zz6yLvqJxVkzCV6b3y"},
		},
	},
	{
		lang: "yaml", name: "Rails credentials style with a document marker",
		src: "guides.rubyonrails.org/security.html#custom-credentials (credentials.yml: aws: access_key_id: …)",
		in: `---
binance:
  api_key: UEzeDhpU4IxhhzvIfGzuEyIQlieTLcTxa3EaGTIdvzVwihNe5Yc97i4RUEy0P0MK
  api_secret: tbLQjgjUlFSpUZGUVUIdU35U7OX8Ye2B4HN3EiCtGvP4uZfGCy8C0H9Vyc6Wg0HI
secret_key_base: f33145bd53033df8ba5966c167d7a0c4675c9c0911205d752069168260d726d75d082368719a754deef3aa3a325fac6ec0919eed6e74c992434db8f50a6ac90d
...
`,
		want: []wantPair{
			{name: "api_key", value: "UEzeDhpU4IxhhzvIfGzuEyIQlieTLcTxa3EaGTIdvzVwihNe5Yc97i4RUEy0P0MK", in: []string{"binance"}},
			{name: "api_secret", value: "tbLQjgjUlFSpUZGUVUIdU35U7OX8Ye2B4HN3EiCtGvP4uZfGCy8C0H9Vyc6Wg0HI", in: []string{"binance"}},
			{name: "secret_key_base", value: "f33145bd53033df8ba5966c167d7a0c4675c9c0911205d752069168260d726d75d082368719a754deef3aa3a325fac6ec0919eed6e74c992434db8f50a6ac90d"},
		},
	},

	// ------------------------------------------------------------------ JSON
	{
		lang: "json", name: "freqtrade exchange block with comments and trailing commas",
		src: "github.com/freqtrade/freqtrade docs/configuration.md (exchange.name/key/secret/password; // and /* */ comments, trailing commas)",
		in: `{
    "max_open_trades": 3,
    "stake_currency": "USDT",
    // exchange settings
    "exchange": {
        "name": "okx",
        "key": "3ff5d531-7e56-46b9-8b2c-704fdbc8967a",
        "secret": "68B0F1E4E332BEA8139A7F2A9378C62C",
        "password": "MadCkPwRDXsRz.Is",   /* okx passphrase */
        "ccxt_config": {},
        "pair_whitelist": ["BTC/USDT", "ETH/USDT",],
    },
}
`,
		want: []wantPair{
			{name: "name", value: "okx", in: []string{"exchange"}, sib: "a"},
			{name: "key", value: "3ff5d531-7e56-46b9-8b2c-704fdbc8967a", in: []string{"exchange"}, kind: "object", sib: "a"},
			{name: "secret", value: "68B0F1E4E332BEA8139A7F2A9378C62C", sib: "a"},
			{name: "password", value: "MadCkPwRDXsRz.Is", sib: "a"},
		},
		not: []absentPair{{name: "okx"}},
	},
	{
		lang: "json", name: "credentials per venue",
		src: "code search: Cryptotrading Bot README (api_keys.json: {\"binance\": {\"api_key\": …, \"api_secret\": …}})",
		in: `{
    "binance": {
        "api_key": "TFPsoOeAkqFcNtfZH6RBisj4khAFC52Bt2lsP9zcuGy87k3l0rnsxNzG7kBibzJ6",
        "api_secret": "XC6yZjHuEYssAKflRRRDh91E23n3L20NWg1lnADs9umwTeuEqfm3JJGifxUhRLCD"
    },
    "kraken": {"api_key": "pl+CYiK6RXOYpTEuBDgdDbn8oQd+7YHPotL9dUQCsILec3YWpoRSzwkn", "api_secret": "QtTodtZzUSnZX11kWlmj65y0lBe3bspS5CD8XOAh9szQgEd58jB8DNFiOCmDJKXqbB7TdOu1+8Gkzyf2Bs72hA=="}
}
`,
		want: []wantPair{
			{name: "api_key", value: "TFPsoOeAkqFcNtfZH6RBisj4khAFC52Bt2lsP9zcuGy87k3l0rnsxNzG7kBibzJ6", in: []string{"binance"}, sib: "a"},
			{name: "api_secret", value: "XC6yZjHuEYssAKflRRRDh91E23n3L20NWg1lnADs9umwTeuEqfm3JJGifxUhRLCD", in: []string{"binance"}, sib: "a"},
			{name: "api_key", value: "pl+CYiK6RXOYpTEuBDgdDbn8oQd+7YHPotL9dUQCsILec3YWpoRSzwkn", in: []string{"kraken"}, sib: "b"},
			{name: "api_secret", value: "QtTodtZzUSnZX11kWlmj65y0lBe3bspS5CD8XOAh9szQgEd58jB8DNFiOCmDJKXqbB7TdOu1+8Gkzyf2Bs72hA==", in: []string{"kraken"}, sib: "b"},
		},
	},
	{
		lang: "json", name: "names with spaces and dashes",
		src: "issue 11 section 1 (JSON names with spaces and dashes): password-manager and vault exports",
		in: `{
  "API Key": "d8e01aab-8b91-4bab-8db3-c56178b01079",
  "API-Secret": "F9319C4AE335262C191BFEFE373DF679",
  "Pass phrase": "ahMWLj8.e7HasEP2",
  "x-api-key": "Diuf1H8NX200z0XQDlqG2zmUPP2FjrY7"
}
`,
		want: []wantPair{
			{name: "API Key", value: "d8e01aab-8b91-4bab-8db3-c56178b01079"},
			{name: "API-Secret", value: "F9319C4AE335262C191BFEFE373DF679"},
			{name: "Pass phrase", value: "ahMWLj8.e7HasEP2"},
			{name: "x-api-key", value: "Diuf1H8NX200z0XQDlqG2zmUPP2FjrY7"},
		},
	},
	{
		lang: "json", name: "Postman environment key/value members",
		src: "github.com/greyhats13/phl-store services/phl-products/tests/postman/environment-template.tpl; github.com/theoffricial/pmac environment.types.ts",
		in: `{
  "id": "87936d23-bf84-4410-8a87-2c9a989f96bf",
  "name": "Bybit prod",
  "values": [
    {"key": "base_url", "value": "https://api.bybit.com", "enabled": true},
    {"key": "api_key", "value": "DXgipEFvMWnKfBOrc6", "type": "default", "enabled": true},
    {"key": "api_secret", "value": "QSVTCd0PitK1EpFbJJK5cVrhbGRbZ1tPD4Q5", "type": "secret", "enabled": true}
  ],
  "_postman_variable_scope": "environment"
}
`,
		want: []wantPair{
			{name: "base_url", value: "https://api.bybit.com"},
			{name: "api_key", value: "DXgipEFvMWnKfBOrc6", in: []string{"values"}},
			{name: "api_secret", value: "QSVTCd0PitK1EpFbJJK5cVrhbGRbZ1tPD4Q5", in: []string{"values"}},
		},
		not: []absentPair{{name: "Bybit prod"}, {name: "api_key", value: "QSVTCd0PitK1EpFbJJK5cVrhbGRbZ1tPD4Q5"}},
	},
	{
		lang: "json", name: "ECS container environment, value before name",
		src: "github.com/companieshouse/forgerock-identity-gateway container_definitions.json.tpl; code search: aws_ecs_task_definition environment [{\"value\": …, \"name\": …}]",
		in: `[
  {
    "name": "bot",
    "image": "bot:latest",
    "environment": [
      {"name": "BINANCE_API_KEY", "value": "SPD73pR888KG9t7bNLGznORzXHTzDI9NUba5C7lltu4WkFDTCtXgR3hxiQJWHi37"},
      {
        "value": "hEtFN6XuhSgLsldehNB9lqJxN27t8YUeaMUHCqSNOJe75PAMAW9yzPZz0MS9Vtc0",
        "name": "BINANCE_API_SECRET"
      }
    ]
  }
]
`,
		want: []wantPair{
			{name: "BINANCE_API_KEY", value: "SPD73pR888KG9t7bNLGznORzXHTzDI9NUba5C7lltu4WkFDTCtXgR3hxiQJWHi37"},
			{name: "BINANCE_API_SECRET", value: "hEtFN6XuhSgLsldehNB9lqJxN27t8YUeaMUHCqSNOJe75PAMAW9yzPZz0MS9Vtc0"},
		},
		not: []absentPair{{name: "bot"}},
	},
	{
		lang: "json", name: "minified on one line",
		src: "jq -c output of a freqtrade config",
		in:  `{"exchange":{"name":"kucoin","key":"03b121d84d6d722ce4bd9216","secret":"0099be0f-7255-4921-b669-6b4e9ca2692a","password":"bFBMCccwnkiyV2jk"},"dry_run":false}` + "\n",
		want: []wantPair{
			{name: "key", value: "03b121d84d6d722ce4bd9216", in: []string{"exchange"}, sib: "a"},
			{name: "secret", value: "0099be0f-7255-4921-b669-6b4e9ca2692a", sib: "a"},
			{name: "password", value: "bFBMCccwnkiyV2jk", sib: "a"},
		},
	},
	{
		lang: "json", name: "escaped slashes and unicode escapes",
		src: "www.php.net/manual/en/function.json-encode.php (slashes escaped unless JSON_UNESCAPED_SLASHES); RFC 8259 section 7",
		in:  `{"apiKey":"BJMtznRe27Jg+w3sj8R8M5h4O5FW2+2d98RPD1lTB8UUcZp/93gdaVBq","apiSecret":"AC7HVhcJ9f\/5Bmsvabz\u002bzaElj4XqFj1Vl4OX4Mi4kmuJX0rtN9dOBQF8Pw364\u002bIRnRp1Uea8vWckWQ1Vlw8Sog==","note":"caf\u00e9 \"desk\""}` + "\n",
		want: []wantPair{
			{name: "apiKey", value: "BJMtznRe27Jg+w3sj8R8M5h4O5FW2+2d98RPD1lTB8UUcZp/93gdaVBq"},
			{name: "apiSecret", value: "AC7HVhcJ9f/5Bmsvabz+zaElj4XqFj1Vl4OX4Mi4kmuJX0rtN9dOBQF8Pw364+IRnRp1Uea8vWckWQ1Vlw8Sog=="},
			{name: "note", value: "café \"desk\""},
		},
	},
	{
		lang: "json", name: "Coinbase CDP key file, EC",
		src: "issue 11 item 3; code search: CBase_api_key.json ({\"name\": \"organizations/…/apiKeys/…\", \"privateKey\": \"-----BEGIN EC PRIVATE KEY-----\\n…\"})",
		in: `{
   "name": "organizations/08005f11-f3f1-4fe8-be63-2249db2df78d/apiKeys/dfeb2cc9-615e-4dc1-b235-8c2a199d6060",
   "privateKey": "-----BEGIN EC PRIVATE KEY-----\nMHcCAQEEI2liem8r+fJRVi3OnECVJVRGZQPSWUAGCSjQsbOySLventewODqt3Vks\nK5uutvd2MsK2qldrEnFa/AfKKLAixQ4FQOfECUl0aK2TCV8QGDilP7MMuvGna298\nbdNBSTcJDjlxCJvXedw8h8L1js/7PMa3FL==\n-----END EC PRIVATE KEY-----\n"
}
`,
		want: []wantPair{
			{name: "name", value: "organizations/08005f11-f3f1-4fe8-be63-2249db2df78d/apiKeys/dfeb2cc9-615e-4dc1-b235-8c2a199d6060", sib: "a"},
			{name: "privateKey", value: pem("MHcCAQEEI2liem8r+fJRVi3OnECVJVRGZQPSWUAGCSjQsbOySLventewODqt3Vks", "K5uutvd2MsK2qldrEnFa/AfKKLAixQ4FQOfECUl0aK2TCV8QGDilP7MMuvGna298", "bdNBSTcJDjlxCJvXedw8h8L1js/7PMa3FL==") + "\n", sib: "a"},
		},
		not: []absentPair{{name: "organizations/08005f11-f3f1-4fe8-be63-2249db2df78d/apiKeys/dfeb2cc9-615e-4dc1-b235-8c2a199d6060"}},
	},
	{
		lang: "json", name: "Coinbase CDP key file, Ed25519",
		src: "docs.cdp.coinbase.com API key files (id + base64 Ed25519 privateKey)",
		in: `{
  "id": "4cc9c889-cef5-46b7-9fe6-18aaaf2e0a1a",
  "privateKey": "Z9OkARS/wbbPiibEgOoIWrkadAugecuvoZQIhe8Em5KeqbQeuazQ6Ke1FrCOu4RvHPJjqNtUgIj493ySdckMpQ=="
}
`,
		want: []wantPair{
			{name: "id", value: "4cc9c889-cef5-46b7-9fe6-18aaaf2e0a1a", sib: "a"},
			{name: "privateKey", value: "Z9OkARS/wbbPiibEgOoIWrkadAugecuvoZQIhe8Em5KeqbQeuazQ6Ke1FrCOu4RvHPJjqNtUgIj493ySdckMpQ==", sib: "a"},
		},
		not: []absentPair{{flags: syntax.Base64}},
	},
	{
		lang: "json", name: "appsettings.json with a connection string",
		src: "code search: CryptoTradeBot ApplicationSettings { Binance { ApiKey, SecretKey } }; learn.microsoft.com ASP.NET Core configuration (ConnectionStrings)",
		in: `{
  "Logging": { "LogLevel": { "Default": "Information" } },
  "Binance": {
    "ApiKey": "zflJ2n8yn7gsOSgJkt1tE4MTV7n0xBIeVGoJOlhqUkbn1ueG9eUaB068o4J5LhLU",
    "ApiSecret": "JXDxt7TjhwghqvWkeQAdQp8SJf6MPXqptL9Cx18ow2411Gj60qCfilNtOm51JmFj",
    "UseTestnet": false
  },
  "ConnectionStrings": {
    "Default": "Server=db;Database=bot;User Id=bot;Password=dCoApfsVjArE2B0iA9kp;TrustServerCertificate=True"
  }
}
`,
		want: []wantPair{
			{name: "ApiKey", value: "zflJ2n8yn7gsOSgJkt1tE4MTV7n0xBIeVGoJOlhqUkbn1ueG9eUaB068o4J5LhLU", in: []string{"Binance"}, sib: "a"},
			{name: "ApiSecret", value: "JXDxt7TjhwghqvWkeQAdQp8SJf6MPXqptL9Cx18ow2411Gj60qCfilNtOm51JmFj", in: []string{"Binance"}, sib: "a"},
			{name: "Password", value: "dCoApfsVjArE2B0iA9kp", flags: dec},
		},
	},
	{
		lang: "json", name: "escaped JSON inside a string (Secrets Manager)",
		src: "docs.aws.amazon.com/cli secretsmanager get-secret-value output (SecretString holds escaped JSON)",
		in: `{
  "ARN": "arn:aws:secretsmanager:us-east-1:123456789012:secret:bot/okx-mw5iAb",
  "Name": "bot/okx",
  "SecretString": "{\"OKX_API_KEY\":\"5c7a5d03-cd07-4783-86d4-899048109a8f\",\"OKX_API_SECRET\":\"CC3CDF111B8EFE5D52C662FE8F217AA5\",\"OKX_PASSPHRASE\":\"b-iW3zitZ25ocVgY\"}"
}
`,
		want: []wantPair{
			{name: "OKX_API_KEY", value: "5c7a5d03-cd07-4783-86d4-899048109a8f", flags: dec},
			{name: "OKX_API_SECRET", value: "CC3CDF111B8EFE5D52C662FE8F217AA5", flags: dec},
			{name: "OKX_PASSPHRASE", value: "b-iW3zitZ25ocVgY", flags: dec},
		},
	},

	// ------------------------------------------------------------------ TOML
	{
		lang: "toml", name: "sections",
		src: "toml.io/en/v1.0.0 (tables); code search: Day 140: TOML — Trading Bot Configuration",
		in: `# Trading bot configuration
[binance]
api_key = "Zesxr5wtvmk1tvPEbYCPtfLDwSTFI2uk8JDf6csqJYxdh6o6KSjqC59nxJS6SU6S"
secret_key = "IGWCwfA2Wvv9iv6owIhhCQu1C61KqIb8fsvAG8Ng0Mm8BWhBTMHXI3iOMV59bSFL"   # keep private
testnet = false

[telegram]
token = "CADUk5EcBFaWD9ForEnj6arQtq2XCKiM"
`,
		want: []wantPair{
			{name: "api_key", value: "Zesxr5wtvmk1tvPEbYCPtfLDwSTFI2uk8JDf6csqJYxdh6o6KSjqC59nxJS6SU6S", in: []string{"binance"}, kind: "section", sib: "a"},
			{name: "secret_key", value: "IGWCwfA2Wvv9iv6owIhhCQu1C61KqIb8fsvAG8Ng0Mm8BWhBTMHXI3iOMV59bSFL", in: []string{"binance"}, sib: "a"},
			{name: "token", value: "CADUk5EcBFaWD9ForEnj6arQtq2XCKiM", in: []string{"telegram"}, sib: "b"},
		},
	},
	{
		lang: "toml", name: "arrays of tables",
		src: "toml.io/en/v1.0.0#array-of-tables",
		in: `[[exchanges]]
name = "okx"
api_key = "80774bea-39a8-4113-8c05-34b8fa88904f"
secret = "A8A3A5D249892C7D13369350B7F0E930"
passphrase = "hGg0G.Ltt3g8FO.J"

[[exchanges]]
name = "kucoin"
api_key = "a270dbb5e01bd5b6bfae9d20"
secret = "40f6a768-d8b1-443c-8010-d0f5bf803e5e"
passphrase = "zWs9kKzbokWHrvhd"
`,
		want: []wantPair{
			{name: "name", value: "okx", sib: "a"},
			{name: "api_key", value: "80774bea-39a8-4113-8c05-34b8fa88904f", in: []string{"exchanges"}, sib: "a"},
			{name: "secret", value: "A8A3A5D249892C7D13369350B7F0E930", sib: "a"},
			{name: "passphrase", value: "hGg0G.Ltt3g8FO.J", sib: "a"},
			{name: "name", value: "kucoin", sib: "b"},
			{name: "api_key", value: "a270dbb5e01bd5b6bfae9d20", in: []string{"exchanges"}, sib: "b"},
			{name: "secret", value: "40f6a768-d8b1-443c-8010-d0f5bf803e5e", sib: "b"},
			{name: "passphrase", value: "zWs9kKzbokWHrvhd", sib: "b"},
		},
	},
	{
		lang: "toml", name: "dotted keys",
		src: "toml.io/en/v1.0.0#keys (dotted keys, quoted parts)",
		in: `binance.api_key = "F4zsnnVs10zszQfGfmYUxg6b7uDx6aEY8mTYxvAbrequTxkNq55KI5GzAUDFQKTf"
binance.api_secret = "mEAT5wKL9BMZXlvDaK5gQ9jSTo8KS3kqYHFcGdoj799oEYlCaSwt6G6DWu4lB0X5"
"bybit".'api key' = "n7EFZjt8h04hcvXuHH"
`,
		want: []wantPair{
			{name: "binance.api_key", value: "F4zsnnVs10zszQfGfmYUxg6b7uDx6aEY8mTYxvAbrequTxkNq55KI5GzAUDFQKTf"},
			{name: "binance.api_secret", value: "mEAT5wKL9BMZXlvDaK5gQ9jSTo8KS3kqYHFcGdoj799oEYlCaSwt6G6DWu4lB0X5"},
			{name: "*api key", value: "n7EFZjt8h04hcvXuHH"},
		},
	},
	{
		lang: "toml", name: "inline tables",
		src: "toml.io/en/v1.0.0#inline-table",
		in: `okx = { api_key = "b3768839-b70b-4d04-a28f-41900305ecc5", secret = "0A1CB4E0D72AB0DD11535AD7537960C1", passphrase = "qE1w2WfoRM5nxBcE" }
gate = { api_key = "5262a6daa9407497fe4ac9b5897aa78c", secret = "42af2d3261cd2b3ee3465bd7dd23a510505b4b6fd0af658f2e742cb9cf9a5211" }
`,
		want: []wantPair{
			{name: "api_key", value: "b3768839-b70b-4d04-a28f-41900305ecc5", in: []string{"okx"}, sib: "a"},
			{name: "secret", value: "0A1CB4E0D72AB0DD11535AD7537960C1", sib: "a"},
			{name: "passphrase", value: "qE1w2WfoRM5nxBcE", sib: "a"},
			{name: "api_key", value: "5262a6daa9407497fe4ac9b5897aa78c", in: []string{"gate"}, sib: "b"},
			{name: "secret", value: "42af2d3261cd2b3ee3465bd7dd23a510505b4b6fd0af658f2e742cb9cf9a5211", sib: "b"},
		},
	},
	{
		lang: "toml", name: "literal and multi-line strings",
		src: "toml.io/en/v1.0.0#string (literal '…'; multi-line \"\"\" trims the first newline)",
		in: `[coinbase]
key_name = 'organizations/fcd8e122-c0bd-4884-beb8-b7c7367bc318/apiKeys/a96b9b21-ed26-456a-8330-a2eed8076c9a'
private_key = """
-----BEGIN EC PRIVATE KEY-----
MHcCAQEEITIfjqTEw7Qy5FUwXJSL93VHDXCUeulm/B4xrTD2O3Hth+w7askvz/n8
Pmo5B4xiNzt9Xf0xm1Y3m05LFniJbxLJRj3VcC8yRdf2WsNpk4AXyx9jJ3j4jjtq
LFArbQBLGkkjmd2fNl52cYtykms2hXYoST==
-----END EC PRIVATE KEY-----
"""
`,
		want: []wantPair{
			{name: "key_name", value: "organizations/fcd8e122-c0bd-4884-beb8-b7c7367bc318/apiKeys/a96b9b21-ed26-456a-8330-a2eed8076c9a", in: []string{"coinbase"}, sib: "a"},
			{name: "private_key", value: pem("MHcCAQEEITIfjqTEw7Qy5FUwXJSL93VHDXCUeulm/B4xrTD2O3Hth+w7askvz/n8", "Pmo5B4xiNzt9Xf0xm1Y3m05LFniJbxLJRj3VcC8yRdf2WsNpk4AXyx9jJ3j4jjtq", "LFArbQBLGkkjmd2fNl52cYtykms2hXYoST==") + "\n", in: []string{"coinbase"}, sib: "a"},
		},
	},
	{
		lang: "toml", name: "quoted section and key names",
		src: "toml.io/en/v1.0.0#table ([dog.\"tater.man\"]; quoted keys)",
		in: `[exchange."binance.us"]
"api key" = "HBVDyaMrky2NRsZ7upmFRg0RDOL6UpkeViYoo9PDgLxjaEOtZWCFOiUR3xmv4Zc7"
"api-secret" = "WYLeVFeXlJuhFZ3QcB8pr4gj6LSFOLuL05IrerSbMABPlRorUwErw4QBpfgn7IRt"
`,
		want: []wantPair{
			{name: "api key", value: "HBVDyaMrky2NRsZ7upmFRg0RDOL6UpkeViYoo9PDgLxjaEOtZWCFOiUR3xmv4Zc7", in: []string{"~binance.us"}, sib: "a"},
			{name: "api-secret", value: "WYLeVFeXlJuhFZ3QcB8pr4gj6LSFOLuL05IrerSbMABPlRorUwErw4QBpfgn7IRt", in: []string{"~binance.us"}, sib: "a"},
		},
	},

	// ------------------------------------------------- INI, .properties, .cfg
	{
		lang: "ini", name: "sections with spaces around =",
		src: "github.com/briandthi/Binance README.md (config.cfg: [BINANCE] API_KEY = YOUR KEY)",
		in: `[BINANCE]
API_KEY = wk6H3jmteD9O1mGWv7QmzLp5EG39l0omuctitxPE4HkKueViVf0v0SkqFKTEMxxl
SECRET_KEY = vS2CILV52dVSvSzITM9qCfkfMoYSMUqxrl2mb7M3gfLd5ysWIu5fadZefbwlmImM

[KUCOIN]
api_key=7277cb82f668a36858e83342
api_secret=b33db81c-3d9f-4804-b42b-5817dd3e856e
api_passphrase=ndbc_daYIhhKsKxF
`,
		want: []wantPair{
			{name: "API_KEY", value: "wk6H3jmteD9O1mGWv7QmzLp5EG39l0omuctitxPE4HkKueViVf0v0SkqFKTEMxxl", in: []string{"BINANCE"}, kind: "section", sib: "a"},
			{name: "SECRET_KEY", value: "vS2CILV52dVSvSzITM9qCfkfMoYSMUqxrl2mb7M3gfLd5ysWIu5fadZefbwlmImM", in: []string{"BINANCE"}, sib: "a"},
			{name: "api_key", value: "7277cb82f668a36858e83342", in: []string{"KUCOIN"}, sib: "b"},
			{name: "api_secret", value: "b33db81c-3d9f-4804-b42b-5817dd3e856e", sib: "b"},
			{name: "api_passphrase", value: "ndbc_daYIhhKsKxF", sib: "b"},
		},
	},
	{
		lang: "ini", name: "colon separators and ; comments",
		src: "docs.python.org/3/library/configparser.html (key: value, ; and # comment lines)",
		in: `; exchange credentials
[okx]
api_key: f9c5ca49-6f0a-41ce-8176-c7978a4a65eb
secret_key : 2EFC4BA5ACC518337C9F1B1059C7DC7B
passphrase: Wc01OPImjTKSqO_i
# end
`,
		want: []wantPair{
			{name: "api_key", value: "f9c5ca49-6f0a-41ce-8176-c7978a4a65eb", in: []string{"okx"}, sib: "a"},
			{name: "secret_key", value: "2EFC4BA5ACC518337C9F1B1059C7DC7B", in: []string{"okx"}, sib: "a"},
			{name: "passphrase", value: "Wc01OPImjTKSqO_i", in: []string{"okx"}, sib: "a"},
		},
	},
	{
		lang: "ini", name: "properties with dotted and dashed names",
		src: "github.com/javiermolinaalonso/binance BinanceProperties.java (@ConfigurationProperties(prefix = \"binance\")); github.com/sburakdemirci/crypto-backend BinanceSecretProperties.java (prefix app.binance.secure)",
		in: `# application.properties
binance.key=xQ2DGctAly67UUor348eNJ9FCUsB2FAuMzc10nltwgXCQTBoKvCtABeJ9zj0ZH04
binance.secret=EDKD0ciKcxBFwEN8A2npu2g8tvGJ3cf8m3rcD5p2DNtMTggweyzftF1y6aGE2kKe
app.binance.secure.api-key = uiIuExIj8sNPYuDanr8sxXPuwfdpLiWdIDlul2TQuedjeHPJn1dbA27BFzkx0PBH
app.binance.secure.secret-key: FasRh3HlpxlSWkzAHftAyDZUDFOB4tX9WPqUBItazvxEQNYRLZN0sVCrPwu0TqvU
`,
		want: []wantPair{
			{name: "binance.key", value: "xQ2DGctAly67UUor348eNJ9FCUsB2FAuMzc10nltwgXCQTBoKvCtABeJ9zj0ZH04"},
			{name: "binance.secret", value: "EDKD0ciKcxBFwEN8A2npu2g8tvGJ3cf8m3rcD5p2DNtMTggweyzftF1y6aGE2kKe"},
			{name: "app.binance.secure.api-key", value: "uiIuExIj8sNPYuDanr8sxXPuwfdpLiWdIDlul2TQuedjeHPJn1dbA27BFzkx0PBH"},
			{name: "app.binance.secure.secret-key", value: "FasRh3HlpxlSWkzAHftAyDZUDFOB4tX9WPqUBItazvxEQNYRLZN0sVCrPwu0TqvU"},
		},
	},
	{
		lang: "ini", name: "Spring properties placeholders with defaults",
		src: "docs.spring.io Spring Boot externalized configuration (property placeholders with defaults)",
		in: `binance.api-key=${BINANCE_API_KEY:z0QTX2wj8159vAwW4j73f8WMr8Wi4nwLJlC96J9YaxB5KCvyz0ywlUjF32gDnzGB}
binance.api-secret=${BINANCE_API_SECRET:kqirpSrxyGRKeTeA30CncIqLq89oSjg119Jb6DJqdBkIwsT5vwGKxPCA2gzNAdSw}
`,
		want: []wantPair{
			{name: "BINANCE_API_KEY|binance.api-key", value: "z0QTX2wj8159vAwW4j73f8WMr8Wi4nwLJlC96J9YaxB5KCvyz0ywlUjF32gDnzGB"},
			{name: "BINANCE_API_SECRET|binance.api-secret", value: "kqirpSrxyGRKeTeA30CncIqLq89oSjg119Jb6DJqdBkIwsT5vwGKxPCA2gzNAdSw"},
		},
	},
	{
		lang: "ini", name: "CRLF INI with a BOM",
		src: "an INI file saved by Windows Notepad (BOM, CRLF)",
		in:  "\ufeff" + crlf("[Bybit]\napiKey=WtOa5nW1JS6ZDRV51y\napiSecret=VXynDvJgPEpsFlBi8VgMQABJWE23if3D87ro\n"),
		want: []wantPair{
			{name: "apiKey", value: "WtOa5nW1JS6ZDRV51y", in: []string{"Bybit"}},
			{name: "apiSecret", value: "VXynDvJgPEpsFlBi8VgMQABJWE23if3D87ro", in: []string{"Bybit"}},
		},
	},
	{
		lang: "ini", name: "Android local.properties",
		src: "github.com/anderson-154/SmarTree app/readme.md (local.properties MAPS_API_KEY=…)",
		in: `sdk.dir=/Users/dev/Library/Android/sdk
BINANCE_API_KEY=zvJXNV9WxKlLHAmDtmNJW74fbjc0wGYL9dDA443X2gaYwFUjiiXvgeNP3AgNm7rf
BINANCE_API_SECRET=srsP6D1YUb1Pnp7GAuIbUSW91oYa4hWZDvdeKGMuRwqQFoLEewyuOcwhdI2dae8n
`,
		want: []wantPair{
			{name: "BINANCE_API_KEY", value: "zvJXNV9WxKlLHAmDtmNJW74fbjc0wGYL9dDA443X2gaYwFUjiiXvgeNP3AgNm7rf"},
			{name: "BINANCE_API_SECRET", value: "srsP6D1YUb1Pnp7GAuIbUSW91oYa4hWZDvdeKGMuRwqQFoLEewyuOcwhdI2dae8n"},
		},
	},

	// ------------------------------------------------------------------- XML
	{
		lang: "xml", name: "appSettings add key/value",
		src: "learn.microsoft.com .NET Framework appSettings (<add key=\"…\" value=\"…\"/>); github.com/JayMackay/WeatherAPITestProject AppConfigReader.cs (AppSettings[\"api_key\"])",
		in: `<?xml version="1.0" encoding="utf-8"?>
<configuration>
  <appSettings>
    <add key="webpages:Version" value="3.0.0.0" />
    <add key="BinanceApiKey" value="CETYf6CNsYHZ89Df6WN73r6soF0czfoQEmP2YDySKdLQ6krZB8CjVKNFf1LpPeyo" />
    <add key="BinanceApiSecret" value="tEwYTuAx2g5P1bOpmQcRcqPZAgCJTuRSY2FT2mKIHQNlOZL7FNWcS5OyA5sHrOSr"/>
  </appSettings>
</configuration>
`,
		want: []wantPair{
			{name: "BinanceApiKey", value: "CETYf6CNsYHZ89Df6WN73r6soF0czfoQEmP2YDySKdLQ6krZB8CjVKNFf1LpPeyo", in: []string{"appSettings"}},
			{name: "BinanceApiSecret", value: "tEwYTuAx2g5P1bOpmQcRcqPZAgCJTuRSY2FT2mKIHQNlOZL7FNWcS5OyA5sHrOSr", in: []string{"appSettings"}},
		},
		not: []absentPair{{name: "BinanceApiKey", value: "tEwYTuAx2g5P1bOpmQcRcqPZAgCJTuRSY2FT2mKIHQNlOZL7FNWcS5OyA5sHrOSr"}, {name: "webpages:Version", value: "CETYf6CNsYHZ89Df6WN73r6soF0czfoQEmP2YDySKdLQ6krZB8CjVKNFf1LpPeyo"}},
	},
	{
		lang: "xml", name: "element text per venue, with CDATA",
		src: "issue 11 section 1 (<apiKey>…</apiKey>); www.w3.org/TR/xml CDATA sections",
		in: `<exchanges>
  <binance>
    <apiKey>kHyIB5zou94FdCvS4UI05oMEZpBeyEXDr0vMvskXXVfN3c7v9WyTkKFUaTEW0J2k</apiKey>
    <secretKey>GCrFojXgNVMQkUs2IULHGL1r3y7W6SlbAZudNJpCowK68p9j9Bt1QeilToqu7Sf5</secretKey>
  </binance>
  <kraken>
    <apiKey>8EXtWgrdL550XS8r0V2FublvpzmAZBZ97ZGbmjdjfRzXmd6H8jvtlV2b</apiKey>
    <privateKey><![CDATA[MpWHFagMIzFZnzhAMlz6dOwBH0cHZwFAjGf6lCyrHY6LFsezVj8binnjIOmTbGAiM72ZjOUhDa9skgKRkiV1UA==]]></privateKey>
  </kraken>
</exchanges>
`,
		want: []wantPair{
			{name: "apiKey", value: "kHyIB5zou94FdCvS4UI05oMEZpBeyEXDr0vMvskXXVfN3c7v9WyTkKFUaTEW0J2k", in: []string{"binance"}, kind: "element", sib: "a"},
			{name: "secretKey", value: "GCrFojXgNVMQkUs2IULHGL1r3y7W6SlbAZudNJpCowK68p9j9Bt1QeilToqu7Sf5", in: []string{"binance"}, sib: "a"},
			{name: "apiKey", value: "8EXtWgrdL550XS8r0V2FublvpzmAZBZ97ZGbmjdjfRzXmd6H8jvtlV2b", in: []string{"kraken"}, sib: "b"},
			{name: "privateKey", value: "MpWHFagMIzFZnzhAMlz6dOwBH0cHZwFAjGf6lCyrHY6LFsezVj8binnjIOmTbGAiM72ZjOUhDa9skgKRkiV1UA==", in: []string{"kraken"}, sib: "b"},
		},
	},
	{
		lang: "xml", name: "Android string resources",
		src: "github.com/NBANDROIDTEAM/NBANDROID-V2 …/google_maps_api.xml.ftl (<string name=\"google_maps_key\" translatable=\"false\">…</string>); github.com/goh-chunlin/Lunar.Geolocation.Android README.md",
		in: `<resources>
    <string name="app_name">Portfolio</string>
    <string name="binance_api_key" translatable="false">HnOCqX65ut6jUBaI8yNe1GPbesimkE24OjDWWwvvrEnzJlNLtyEdFptyEe40FLk5</string>
    <string name="binance_api_secret" templateMergeStrategy="preserve" translatable="false">P83A8zrYWYikWvCke9VRLJUMY7uwRpBWNqhpJhWyK8ZzUMr2MdZUYgd5hJY2adXl</string>
</resources>
`,
		want: []wantPair{
			{name: "binance_api_key", value: "HnOCqX65ut6jUBaI8yNe1GPbesimkE24OjDWWwvvrEnzJlNLtyEdFptyEe40FLk5"},
			{name: "binance_api_secret", value: "P83A8zrYWYikWvCke9VRLJUMY7uwRpBWNqhpJhWyK8ZzUMr2MdZUYgd5hJY2adXl"},
		},
		not: []absentPair{{name: "binance_api_key", value: "false"}},
	},
	{
		lang: "xml", name: "Spring beans property name/value",
		src: "docs.spring.io Spring Framework XML bean definitions (<property name=\"…\" value=\"…\"/>)",
		in: `<bean id="binanceClient" class="com.example.BinanceClient">
    <property name="apiKey" value="y66ShnSiKwpQLKc5sq76k19L13dY86cvAUPL9M91ZJDinKwOHUml5Jgk67qDdDB9"/>
    <property name="secretKey" value="oVAiwerpM6PckZf0yGD3lr7qBusU0lO7X9obKWhuNiDMFP75zG1DRTjj23ad3YzL"/>
</bean>
`,
		want: []wantPair{
			{name: "apiKey", value: "y66ShnSiKwpQLKc5sq76k19L13dY86cvAUPL9M91ZJDinKwOHUml5Jgk67qDdDB9", in: []string{"bean"}},
			{name: "secretKey", value: "oVAiwerpM6PckZf0yGD3lr7qBusU0lO7X9obKWhuNiDMFP75zG1DRTjj23ad3YzL", in: []string{"bean"}},
		},
	},
	{
		lang: "xml", name: "credentials as attributes",
		src: "XML configuration with attributes per setting (e.g. log4j/NLog-style targets); issue 11 section 1 (XML attributes)",
		in: `<exchanges>
  <exchange name="okx" apiKey="256b8561-ba95-4370-91d5-4571a6f81f53" secretKey="33FDC27513AA56CD5F04A20C77BE717D" passphrase="IJXma-DMbzW65i4b" />
  <exchange name="gate" apiKey="c9bc971e7ee66038b131144d8b1d7195" secretKey="2600550702c514b3edd8f292b1d7faf0825e12fab7b45872e704505738ea6f7d" />
</exchanges>
`,
		want: []wantPair{
			{name: "apiKey", value: "256b8561-ba95-4370-91d5-4571a6f81f53", in: []string{"exchange"}, kind: "element", sib: "a"},
			{name: "secretKey", value: "33FDC27513AA56CD5F04A20C77BE717D", sib: "a"},
			{name: "passphrase", value: "IJXma-DMbzW65i4b", sib: "a"},
			{name: "apiKey", value: "c9bc971e7ee66038b131144d8b1d7195", sib: "b"},
			{name: "secretKey", value: "2600550702c514b3edd8f292b1d7faf0825e12fab7b45872e704505738ea6f7d", sib: "b"},
		},
	},
	{
		lang: "xml", name: "Maven settings server with an entity",
		src: "maven.apache.org/settings.html#servers (<server><id/><username/><password/></server>)",
		in: `<settings>
  <servers>
    <server>
      <id>kucoin</id>
      <username>9c6c51e90c87968da9c2070f</username>
      <password>Pa&amp;ss-VWoUkhB0aW</password>
    </server>
  </servers>
</settings>
`,
		want: []wantPair{
			{name: "id", value: "kucoin", in: []string{"server"}, sib: "a"},
			{name: "username", value: "9c6c51e90c87968da9c2070f", in: []string{"server"}, sib: "a"},
			{name: "password", value: "Pa&ss-VWoUkhB0aW", in: []string{"server"}, sib: "a"},
		},
	},
	{
		lang: "xml", name: "Java properties XML entries",
		src: "docs.oracle.com java.util.Properties loadFromXML (properties.dtd <entry key=\"…\">…</entry>)",
		in: `<!DOCTYPE properties SYSTEM "http://java.sun.com/dtd/properties.dtd">
<properties>
  <entry key="bybit.apiKey">vkROuGEeuoKDXC3E4o</entry>
  <entry key="bybit.apiSecret">rlrTcxH232hM1FRtRs91nPaQjASgCnm1tu7P</entry>
</properties>
`,
		want: []wantPair{
			{name: "bybit.apiKey", value: "vkROuGEeuoKDXC3E4o"},
			{name: "bybit.apiSecret", value: "rlrTcxH232hM1FRtRs91nPaQjASgCnm1tu7P"},
		},
	},

	// ------------------------------------------------------------ HCL, tfvars
	{
		lang: "hcl", name: "tfvars assignments",
		src: "github.com/shimronduan/trading-bot-v2 terraform/vars.tf (variable \"binance_api_key\"); developer.hashicorp.com terraform .tfvars files",
		in: `# terraform.tfvars
binance_api_key    = "t0ZXIqnxe7oRzrHECbz5tsUGDkZ5zxxz22ycAOf2TwzYpbB1mzBRAJpTxXKeuuTw"
binance_api_secret = "DCe6LQZxvBe4XhA2AWi0fWKoK7WiTAmHA1lnOQFJI60GN56SuaZmpIKWEQape1HW"
region             = "eu-west-1"
`,
		want: []wantPair{
			{name: "binance_api_key", value: "t0ZXIqnxe7oRzrHECbz5tsUGDkZ5zxxz22ycAOf2TwzYpbB1mzBRAJpTxXKeuuTw"},
			{name: "binance_api_secret", value: "DCe6LQZxvBe4XhA2AWi0fWKoK7WiTAmHA1lnOQFJI60GN56SuaZmpIKWEQape1HW"},
		},
	},
	{
		lang: "hcl", name: "aws_ssm_parameter name and value",
		src: "github.com/NHSDigital/nhs-notify-sms-nudge …/ssm_parameter_api_key.tf; code search: resource \"aws_ssm_parameter\" \"alpha_vantage\" { name = \"/myapp/alpha_vantage_api_key\" … }",
		in: `resource "aws_ssm_parameter" "binance_key" {
  name  = "/bot/binance/api_key"
  type  = "SecureString"
  value = "yPESUoR1aMecpdoqZlFf8aBINxbzeEaiOSDkUGw8t0kcQdPyqWIGX69whTMx0E2Z"
}

resource "aws_ssm_parameter" "binance_secret" {
  name        = "/bot/binance/api_secret"
  description = "Binance API secret"
  type        = "SecureString"
  value       = "JIomSxVuGI6D3XyBdyc5SiCZE9S0HptiMBHxulZAGAAKVuf0YOO1Mh6Uky2lyjaV"
  tags        = { Backup = "true" }
}
`,
		want: []wantPair{
			{name: "/bot/binance/api_key", value: "yPESUoR1aMecpdoqZlFf8aBINxbzeEaiOSDkUGw8t0kcQdPyqWIGX69whTMx0E2Z"},
			{name: "/bot/binance/api_secret", value: "JIomSxVuGI6D3XyBdyc5SiCZE9S0HptiMBHxulZAGAAKVuf0YOO1Mh6Uky2lyjaV"},
		},
		not: []absentPair{{name: "/bot/binance/api_key", value: "JIomSxVuGI6D3XyBdyc5SiCZE9S0HptiMBHxulZAGAAKVuf0YOO1Mh6Uky2lyjaV"}, {name: "/bot/binance/api_secret", value: "yPESUoR1aMecpdoqZlFf8aBINxbzeEaiOSDkUGw8t0kcQdPyqWIGX69whTMx0E2Z"}},
	},
	{
		lang: "hcl", name: "variable default",
		src: "github.com/shimronduan/trading-bot-v2 terraform/vars.tf (variable \"binance_api_key\" { description, type, sensitive })",
		in: `variable "okx_api_key" {
  description = "The API key for the OKX account."
  type        = string
  default     = "e41ef0c7-e7a8-43b6-840d-ec82554a2c94"
  sensitive   = true
}
`,
		want: []wantPair{{name: "default", value: "e41ef0c7-e7a8-43b6-840d-ec82554a2c94", in: []string{"~okx_api_key"}}},
	},
	{
		lang: "hcl", name: "kubernetes_secret data map",
		src: "registry.terraform.io/providers/hashicorp/kubernetes kubernetes_secret (data = { … })",
		in: `resource "kubernetes_secret" "bot" {
  metadata {
    name = "bot-secrets"
  }
  data = {
    "api-key"    = "1e727bd5c2c586491c81fcb8"
    "api-secret" = "ba2f7491-2dc6-49cb-8d72-ffa123d35fa7"
    passphrase   = "Vz6.JCyqlx4ga1wJ"
  }
}
`,
		want: []wantPair{
			{name: "api-key", value: "1e727bd5c2c586491c81fcb8", in: []string{"data"}, sib: "a"},
			{name: "api-secret", value: "ba2f7491-2dc6-49cb-8d72-ffa123d35fa7", in: []string{"data"}, sib: "a"},
			{name: "passphrase", value: "Vz6.JCyqlx4ga1wJ", in: []string{"data"}, sib: "a"},
		},
		not: []absentPair{{name: "bot-secrets"}},
	},
	{
		lang: "hcl", name: "indented heredoc holding a PEM key",
		src: "developer.hashicorp.com/terraform/language/expressions/strings (indented heredoc <<-EOT)",
		in: `locals {
  cdp_key_name    = "organizations/b962862f-369a-4cb6-84b8-180e16e01639/apiKeys/9d331967-9f46-4f06-8421-504f09080b17"
  cdp_private_key = <<-EOT
    -----BEGIN EC PRIVATE KEY-----
    MHcCAQEEI6qad5HKUnotk8x0lgXUWyuLvySDPUWYpDJ+I38ZQGKn0nmJm9Qsy0tm
    y2Fci6R6ChUWhEJMd/7jvgirk8ejqaExGXVuH2z7+fsG1+ac+yKkSi7qWHJigdyQ
    8T8iqZFiwANISHBGpTuRTBP+budpeYbe7p==
    -----END EC PRIVATE KEY-----
  EOT
}
`,
		want: []wantPair{
			{name: "cdp_key_name", value: "organizations/b962862f-369a-4cb6-84b8-180e16e01639/apiKeys/9d331967-9f46-4f06-8421-504f09080b17", in: []string{"locals"}},
			{name: "cdp_private_key", value: pem("MHcCAQEEI6qad5HKUnotk8x0lgXUWyuLvySDPUWYpDJ+I38ZQGKn0nmJm9Qsy0tm", "y2Fci6R6ChUWhEJMd/7jvgirk8ejqaExGXVuH2z7+fsG1+ac+yKkSi7qWHJigdyQ", "8T8iqZFiwANISHBGpTuRTBP+budpeYbe7p==") + "\n", in: []string{"locals"}},
		},
	},

	// ------------------------------------------------------------ Dockerfile
	{
		lang: "dockerfile", name: "ENV key=value, bare and quoted",
		src: "docs.docker.com/reference/dockerfile#env",
		in: `FROM python:3.12-slim
ENV BINANCE_API_KEY=wN37btSUpan7jVQlEfwzWoHJgjX0NvzWeWxY4eETzYutvVnAYSXmGx0e0iXDUnva
ENV BINANCE_API_SECRET="yMKUjmzxzaLUhAw9AQfmDHXDxxYEU6tkzDNSH037ghQigBsUgcr90alISD37rPx3"
WORKDIR /app
`,
		want: []wantPair{
			{name: "BINANCE_API_KEY", value: "wN37btSUpan7jVQlEfwzWoHJgjX0NvzWeWxY4eETzYutvVnAYSXmGx0e0iXDUnva"},
			{name: "BINANCE_API_SECRET", value: "yMKUjmzxzaLUhAw9AQfmDHXDxxYEU6tkzDNSH037ghQigBsUgcr90alISD37rPx3"},
		},
	},
	{
		lang: "dockerfile", name: "legacy ENV key value",
		src: "docs.docker.com/reference/build-checks/legacy-key-value-format (ENV key value)",
		in: `FROM node:20-alpine
ENV KUCOIN_API_KEY 99e18e258de447522624c6ef
ENV KUCOIN_API_SECRET 6281d27a-ffe7-4416-a683-4ffacd78bae0
ENV KUCOIN_PASSPHRASE tWzSy.aPO2WN62yp
`,
		want: []wantPair{
			{name: "KUCOIN_API_KEY", value: "99e18e258de447522624c6ef"},
			{name: "KUCOIN_API_SECRET", value: "6281d27a-ffe7-4416-a683-4ffacd78bae0"},
			{name: "KUCOIN_PASSPHRASE", value: "tWzSy.aPO2WN62yp"},
		},
	},
	{
		lang: "dockerfile", name: "several pairs with line continuations",
		src: "docs.docker.com/reference/dockerfile#env (ENV MY_NAME=\"John Doe\" MY_DOG=Rex\\ The\\ Dog \\ MY_CAT=fluffy)",
		in: `ENV OKX_API_KEY=31990834-1691-4139-a31a-6e6d45ae7bd8 \
    OKX_API_SECRET=265C50FD1E83709B2B5DECBE67F95A55 \
    OKX_PASSPHRASE="njeOiz0xaW8.wOSq"
`,
		want: []wantPair{
			{name: "OKX_API_KEY", value: "31990834-1691-4139-a31a-6e6d45ae7bd8"},
			{name: "OKX_API_SECRET", value: "265C50FD1E83709B2B5DECBE67F95A55"},
			{name: "OKX_PASSPHRASE", value: "njeOiz0xaW8.wOSq"},
		},
	},
	{
		lang: "dockerfile", name: "ARG default and an ENV default expansion",
		src: "docs.docker.com/reference/dockerfile#arg; #environment-replacement (${variable:-word})",
		in: `ARG BYBIT_API_KEY=xklXVqZkr2ZdDkpF7h
ARG BYBIT_API_SECRET
ENV BYBIT_API_SECRET=${BYBIT_API_SECRET:-siY3bAkGWGFz41fUuzaoMQjS3u7nRVDtTEKH}
`,
		want: []wantPair{
			{name: "BYBIT_API_KEY", value: "xklXVqZkr2ZdDkpF7h"},
			{name: "BYBIT_API_SECRET", value: "siY3bAkGWGFz41fUuzaoMQjS3u7nRVDtTEKH"},
		},
	},

	// --------------------------------------------------------------- systemd
	{
		lang: "systemd", name: "quoted Environment= lines",
		src: "github.com/VatsalSy/skills-clawhub skills/georges91560/crypto-executor/SYSTEMD_SETUP.md (Environment=\"BINANCE_API_KEY=…\")",
		in: `[Service]
Type=simple
WorkingDirectory=/workspace/skills/crypto-executor
Environment="BINANCE_API_KEY=bjVXmMvEAzWDF3621XZjeWmpXJwzDVJXmZ9OGyBx8OfhhD1cF3MwsgqDz0VmfY3Y"
Environment="BINANCE_API_SECRET=oYHgLDgQDFdyo0G9VvTTSSEUT4mdEXVkSpFc7w3r6AqgeGYVkUOA5y2YjAWoygia"
ExecStart=/usr/bin/python3 executor.py
`,
		want: []wantPair{
			{name: "BINANCE_API_KEY", value: "bjVXmMvEAzWDF3621XZjeWmpXJwzDVJXmZ9OGyBx8OfhhD1cF3MwsgqDz0VmfY3Y", in: []string{"Service"}},
			{name: "BINANCE_API_SECRET", value: "oYHgLDgQDFdyo0G9VvTTSSEUT4mdEXVkSpFc7w3r6AqgeGYVkUOA5y2YjAWoygia", in: []string{"Service"}},
		},
	},
	{
		lang: "systemd", name: "several assignments on one Environment= line",
		src: "man systemd.exec (Environment=\"VAR1=word1 word2\" VAR2=word3 \"VAR3=word 5 6\")",
		in: `[Service]
Environment=OKX_API_KEY=38683051-bb91-4072-8ade-4cf083fbf0c8 OKX_API_SECRET=908307B7A7481BD9C06AC0D286861E13
Environment="OKX_PASSPHRASE=lIqC@5c5zB6MBdoA" "LOG_LEVEL=info"
`,
		want: []wantPair{
			{name: "OKX_API_KEY", value: "38683051-bb91-4072-8ade-4cf083fbf0c8"},
			{name: "OKX_API_SECRET", value: "908307B7A7481BD9C06AC0D286861E13"},
			{name: "OKX_PASSPHRASE", value: "lIqC@5c5zB6MBdoA"},
			{name: "LOG_LEVEL", value: "info"},
		},
	},
	{
		lang: "systemd", name: "/etc/environment for EnvironmentFile=",
		src: "github.com/wafaaboulwafa/bybit-trader README.md (/etc/environment with BYBIT_API_KEY, EnvironmentFile=/etc/environment)",
		in: `BYBIT_API_TESTNET=false
BYBIT_API_KEY=CrVmezXto3eLNULUtZ
BYBIT_API_SECRET=UOE4XYFPPkDIoNABsWN06XJb4krmsqjylwVS
`,
		want: []wantPair{
			{name: "BYBIT_API_KEY", value: "CrVmezXto3eLNULUtZ"},
			{name: "BYBIT_API_SECRET", value: "UOE4XYFPPkDIoNABsWN06XJb4krmsqjylwVS"},
		},
	},

	// --------------------------------------------------------------- Compose
	{
		lang: "compose", name: "environment as a map",
		src: "docs.docker.com/reference/compose-file/services#environment; freqtrade docs (FREQTRADE__EXCHANGE__KEY environment variables)",
		in: `services:
  freqtrade:
    image: freqtradeorg/freqtrade:stable
    environment:
      FREQTRADE__EXCHANGE__KEY: tI81WuI6yATQt0Rq0T0zlx525dG4MthBZE49BGjFWrapbuKLcOJMfkUJlmLNDpqq
      FREQTRADE__EXCHANGE__SECRET: "NgwKjMrtZ0bEndwi2GP2Mg29CVXcCuykFUj4WCKRcFXaPbn3cUvt7pGb4p4ViBAe"
`,
		want: []wantPair{
			{name: "FREQTRADE__EXCHANGE__KEY", value: "tI81WuI6yATQt0Rq0T0zlx525dG4MthBZE49BGjFWrapbuKLcOJMfkUJlmLNDpqq", in: []string{"environment"}, sib: "a"},
			{name: "FREQTRADE__EXCHANGE__SECRET", value: "NgwKjMrtZ0bEndwi2GP2Mg29CVXcCuykFUj4WCKRcFXaPbn3cUvt7pGb4p4ViBAe", in: []string{"environment"}, sib: "a"},
		},
	},
	{
		lang: "compose", name: "environment as a list, bare and quoted",
		src: "docs.docker.com/reference/compose-file/services#environment (array syntax)",
		in: `services:
  bot:
    environment:
      - BINANCE_API_KEY=pTOxq0U09C7UC9ftfU1kNlPXWUHNbyG4d6qHmRJmebPwEMNOX0mJlytfmudm2nZI
      - "BINANCE_API_SECRET=dBIlVAmNq2KvUm8GRzlTOYe8Vn9rPnbZIh8ZfGlkqMmgZOvEGNsgoaYFlO83NdJS"
      - 'OKX_PASSPHRASE=BHS@cl6KggsGbc-d'
      - DRY_RUN=false
`,
		want: []wantPair{
			{name: "BINANCE_API_KEY", value: "pTOxq0U09C7UC9ftfU1kNlPXWUHNbyG4d6qHmRJmebPwEMNOX0mJlytfmudm2nZI"},
			{name: "BINANCE_API_SECRET", value: "dBIlVAmNq2KvUm8GRzlTOYe8Vn9rPnbZIh8ZfGlkqMmgZOvEGNsgoaYFlO83NdJS"},
			{name: "OKX_PASSPHRASE", value: "BHS@cl6KggsGbc-d"},
		},
	},
	{
		lang: "compose", name: "interpolation defaults in a map and a command",
		src: "docs.docker.com/reference/compose-file/interpolation (${VAR:-default}, ${VAR-default})",
		in: `services:
  bot:
    environment:
      BYBIT_API_KEY: ${BYBIT_API_KEY:-Nw1YKVF8XANSYX5mbg}
      API_SECRET: "${BYBIT_API_SECRET-M8tFTLRFVDUdRojQ60wTtJLEQrhbCbpA5Zfk}"
    command: ["--key", "${KUCOIN_KEY:-505762b1fa91519cc0f0ddf2}"]
`,
		want: []wantPair{
			{name: "BYBIT_API_KEY", value: "Nw1YKVF8XANSYX5mbg"},
			{name: "BYBIT_API_SECRET|API_SECRET", value: "M8tFTLRFVDUdRojQ60wTtJLEQrhbCbpA5Zfk"},
			{name: "KUCOIN_KEY", value: "505762b1fa91519cc0f0ddf2"},
		},
	},
	{
		lang: "compose", name: "list items with a default and a required variable",
		src: "docs.docker.com/reference/compose-file/interpolation (${VAR:?error} has no default)",
		in: `    environment:
      - KRAKEN_API_KEY=${KRAKEN_API_KEY:-H/evMfNpbJ1RetLicAYNDlr28Yk+0v3QQcUUksS18y9rV7hwpdCoKxnU}
      - KRAKEN_API_SECRET=${KRAKEN_API_SECRET:?set it}
`,
		want: []wantPair{{name: "KRAKEN_API_KEY", value: "H/evMfNpbJ1RetLicAYNDlr28Yk+0v3QQcUUksS18y9rV7hwpdCoKxnU"}},
		not:  []absentPair{{value: "set it"}, {flags: syntax.Base64}},
	},

	// -------------------------------------------------------------------- CI
	{
		lang: "ci", name: "GitHub Actions env at workflow, job and step level",
		src: "learn.microsoft.com training Examine environment variables (GitHub Actions workflow, job and step env)",
		in: `name: backtest
on: push
env:
  BINANCE_API_KEY: tPSyzVvwMwYOSJaJzUAJlkLmCa3LWBEUcxwMnbVhIyl5O6zajbAd727jrtluR7Ua
jobs:
  test:
    runs-on: ubuntu-latest
    env:
      BINANCE_API_SECRET: "GA7syZv6XXSDxw8zMGOxi6nb4VuxCfM6zyOtw4ndJ9y7n5EgR9t1MNvU4PGA7Wpv"
    steps:
      - uses: actions/checkout@v4
      - name: Run
        run: python bot.py
        env:
          OKX_PASSPHRASE: 'Mk.0Joqf0s2x6uJm'
          OKX_API_KEY: ${{ secrets.OKX_API_KEY }}
`,
		want: []wantPair{
			{name: "BINANCE_API_KEY", value: "tPSyzVvwMwYOSJaJzUAJlkLmCa3LWBEUcxwMnbVhIyl5O6zajbAd727jrtluR7Ua", in: []string{"env"}},
			{name: "BINANCE_API_SECRET", value: "GA7syZv6XXSDxw8zMGOxi6nb4VuxCfM6zyOtw4ndJ9y7n5EgR9t1MNvU4PGA7Wpv", in: []string{"jobs", "test", "env"}},
			{name: "OKX_PASSPHRASE", value: "Mk.0Joqf0s2x6uJm", in: []string{"steps", "env"}},
		},
		not: []absentPair{{name: "Run"}},
	},
	{
		lang: "ci", name: "GitLab variables, plain and with value/description",
		src: "gitlab.com/gitlab-org/gitlab issue 384122 (variables: NEXT_VAR: value: … description: …, and the { value, description } form)",
		in: `variables:
  KUCOIN_API_KEY: "f6a6b9d401cda4e145444f5b"
  KUCOIN_API_SECRET:
    value: "b5c75ad7-b944-4fdd-9841-95cfdcc11337"
    description: "KuCoin API secret"
  KUCOIN_API_PASSPHRASE: { value: "eUipc8E5_.FUn7tb", description: "passphrase" }
`,
		want: []wantPair{
			{name: "KUCOIN_API_KEY", value: "f6a6b9d401cda4e145444f5b", in: []string{"variables"}},
			{name: "value", value: "b5c75ad7-b944-4fdd-9841-95cfdcc11337", in: []string{"variables", "KUCOIN_API_SECRET"}},
			{name: "value", value: "eUipc8E5_.FUn7tb", in: []string{"variables", "KUCOIN_API_PASSPHRASE"}},
		},
	},
	{
		lang: "ci", name: "run script block and action inputs",
		src: "docs.github.com Workflow syntax (jobs.<id>.steps[*].run, with:, $GITHUB_ENV)",
		in: `    steps:
      - name: Configure
        run: |
          export BYBIT_API_KEY=Xz7D9DrVBwDgoNiFyt
          echo "BYBIT_API_SECRET=MXilkJCJJij7uDsdw9VkGleJ7B4FJxSAd2BA" >> "$GITHUB_ENV"
      - uses: example/deploy-action@v2
        with:
          api-key: onauMKZubMLZmZcZikqeVD8qO196pNN4
`,
		want: []wantPair{
			{name: "BYBIT_API_KEY", value: "Xz7D9DrVBwDgoNiFyt"},
			{name: "BYBIT_API_SECRET", value: "MXilkJCJJij7uDsdw9VkGleJ7B4FJxSAd2BA"},
			{name: "api-key", value: "onauMKZubMLZmZcZikqeVD8qO196pNN4", in: []string{"with"}},
		},
	},
	{
		lang: "ci", name: "CircleCI image environment",
		src: "circleci.com/docs/set-environment-variable (environment: under a docker image)",
		in: `jobs:
  build:
    docker:
      - image: cimg/python:3.12
        environment:
          GATEIO_API_KEY: 2716e704d79474e02d78e63a4ddf521f
          GATEIO_API_SECRET: b5da683131d0348e409f91aa8438677282d7167c1fe4a9ec03cb36c057023e71
`,
		want: []wantPair{
			{name: "GATEIO_API_KEY", value: "2716e704d79474e02d78e63a4ddf521f", in: []string{"environment"}, sib: "a"},
			{name: "GATEIO_API_SECRET", value: "b5da683131d0348e409f91aa8438677282d7167c1fe4a9ec03cb36c057023e71", in: []string{"environment"}, sib: "a"},
		},
	},

	// ------------------------------------------------------------- notebooks
	{
		lang: "notebook", name: "code cell with escaped quotes",
		src: "nbformat.readthedocs.io format description (cells, source as a list of lines); code search: load_keys() reading api_key from Binance_keys.ipynb",
		in: `{
 "cells": [
  {
   "cell_type": "code",
   "execution_count": 1,
   "metadata": {},
   "outputs": [],
   "source": [
    "api_key = \"glMbQNOVnijDL2F8TIL3ediBtBd5KTEVCJGVk8qIGi2nu4YQJTw5xY1fQxDxnWRJ\"\n",
    "api_secret = 'AS3VDUrseRnTAAe3rTj6049p1FisEEnniYnesXWMkWPoxr4vQ6gg34EL8LMlcpui'\n",
    "client = Client(api_key, api_secret)"
   ]
  }
 ],
 "metadata": {"kernelspec": {"display_name": "Python 3", "language": "python", "name": "python3"}},
 "nbformat": 4,
 "nbformat_minor": 5
}
`,
		want: []wantPair{
			{name: "api_key", value: "glMbQNOVnijDL2F8TIL3ediBtBd5KTEVCJGVk8qIGi2nu4YQJTw5xY1fQxDxnWRJ", flags: dec},
			{name: "api_secret", value: "AS3VDUrseRnTAAe3rTj6049p1FisEEnniYnesXWMkWPoxr4vQ6gg34EL8LMlcpui"},
		},
		not: []absentPair{{call: "Client", value: "api_key"}},
	},
	{
		lang: "notebook", name: "ccxt dict spread over source lines",
		src: "nbformat v4 code cell; ccxt Manual (ccxt.okx({apiKey, secret, password}))",
		in: `{
 "cells": [
  {
   "cell_type": "code",
   "execution_count": 2,
   "metadata": {},
   "outputs": [],
   "source": [
    "import ccxt\n",
    "exchange = ccxt.okx({\n",
    "    \"apiKey\": \"23b718a2-fb80-4cde-87b1-456eac4eb9dc\",\n",
    "    \"secret\": \"BC59C125D27D72D3D49F39513215E4F7\",\n",
    "    \"password\": \"CO5UnX6Q9AohKE7j\",\n",
    "})"
   ]
  }
 ],
 "metadata": {},
 "nbformat": 4,
 "nbformat_minor": 5
}
`,
		want: []wantPair{
			{name: "apiKey", value: "23b718a2-fb80-4cde-87b1-456eac4eb9dc", flags: dec},
			{name: "secret", value: "BC59C125D27D72D3D49F39513215E4F7", flags: dec},
			{name: "password", value: "CO5UnX6Q9AohKE7j", flags: dec},
		},
	},
	{
		lang: "notebook", name: "stream output printing the keys",
		src: "nbformat.readthedocs.io stream outputs (name: stdout, text: [lines])",
		in: `   "outputs": [
    {
     "name": "stdout",
     "output_type": "stream",
     "text": [
      "api_key = yQHp2Dtj3LEvLCN90DnLE7AhNSqTexchRZoEWyAIrN7u50It3FSKfiICmVTSRrIj\n",
      "secret_key: DV0lPQsUkNLeJItgxbN1pOR5YU5quCxxNvh3tFvospzHgMJFgGZcgMiJfDDl8WOu\n"
     ]
    }
   ],
`,
		want: []wantPair{
			{name: "api_key", value: "yQHp2Dtj3LEvLCN90DnLE7AhNSqTexchRZoEWyAIrN7u50It3FSKfiICmVTSRrIj"},
			{name: "secret_key", value: "DV0lPQsUkNLeJItgxbN1pOR5YU5quCxxNvh3tFvospzHgMJFgGZcgMiJfDDl8WOu"},
		},
		not: []absentPair{{name: "api_key", value: "yQHp2Dtj3LEvLCN90DnLE7AhNSqTexchRZoEWyAIrN7u50It3FSKfiICmVTSRrIj\\n"}, {name: "api_key", value: "yQHp2Dtj3LEvLCN90DnLE7AhNSqTexchRZoEWyAIrN7u50It3FSKfiICmVTSRrIj\n"}},
	},
	{
		lang: "notebook", name: "source as a single string",
		src: "nbformat (multiline strings may be a single string); code search: JupyterLite notebook (\"source\": \"# Getting started\\n\\n…\")",
		in: `{"cells": [{"cell_type": "code", "metadata": {}, "outputs": [], "execution_count": null,
  "source": "import os\nos.environ[\"KRAKEN_API_KEY\"] = \"9UyNZBVqNTPRysaR3M5Ptaph0lV5cMHGsnL0Ku1GX0sWdYszf+Dfrbna\"\nKRAKEN_SECRET = 'ZUNxzsRckqCNpUKnj/mS21y5Y+4WWF7fgA1P9AiMDX4bXom7qVJ5LTbsarALCQgaS90fQn/OIqQb+VRtkU+qRg=='\n"}],
 "nbformat": 4, "nbformat_minor": 4, "metadata": {}}
`,
		want: []wantPair{
			{name: "*KRAKEN_API_KEY", value: "9UyNZBVqNTPRysaR3M5Ptaph0lV5cMHGsnL0Ku1GX0sWdYszf+Dfrbna", flags: dec},
			{name: "KRAKEN_SECRET", value: "ZUNxzsRckqCNpUKnj/mS21y5Y+4WWF7fgA1P9AiMDX4bXom7qVJ5LTbsarALCQgaS90fQn/OIqQb+VRtkU+qRg==", flags: dec},
		},
		not: []absentPair{{flags: syntax.Base64}},
	},
	{
		lang: "notebook", name: "execute_result with a dict repr",
		src: "nbformat.readthedocs.io execute_result (data: {\"text/plain\": [...]})",
		in: `{
 "output_type": "execute_result",
 "execution_count": 3,
 "metadata": {},
 "data": {
  "text/plain": [
   "{'apiKey': 'Eiclgu9oUSwksOTiEsiYqMNVjYZGWA1Z7MWz3GVA2LLQjvhE0fkM68qdUFn3HMVI', 'secret': 'Mc5l0SJ8kW1vRtTd6Bmw7kHQv6upE5iL7bzREe9gs1OLUVAZ61Pj1K9vJKKpqp2O'}"
  ]
 }
}
`,
		want: []wantPair{
			{name: "apiKey", value: "Eiclgu9oUSwksOTiEsiYqMNVjYZGWA1Z7MWz3GVA2LLQjvhE0fkM68qdUFn3HMVI", flags: dec},
			{name: "secret", value: "Mc5l0SJ8kW1vRtTd6Bmw7kHQv6upE5iL7bzREe9gs1OLUVAZ61Pj1K9vJKKpqp2O", flags: dec},
		},
	},

	// ------------------------------------------------------------ Kubernetes
	{
		lang: "k8s", name: "Secret data is base64",
		src: "kubernetes.io/docs/concepts/configuration/secret (data: base64 values); gist kierenj (data: username: base64-encoded-username-here)",
		in: `apiVersion: v1
kind: Secret
metadata:
  name: binance
type: Opaque
data:
  api-key: Um42YTZiWDZKRTNkQWJPb1JQSGNYTlhYU0d4VVo2YnpNNFFNVE90VXk0VndNRVA5YWZEV2FNZmQ2YnNZQU9BZg==
  api-secret: YUlGb1RoU0VXY3lhemtpMkNXVzJsMVBHeHdDU3VGQ09KNml3U3h5bkRYcGlnMzJ2aVF5VzROaHZGNUNqbW1uaQ==
`,
		want: []wantPair{
			{name: "api-key", value: "Rn6a6bX6JE3dAbOoRPHcXNXXSGxUZ6bzM4QMTOtUy4VwMEP9afDWaMfd6bsYAOAf", in: []string{"data"}, flags: b64},
			{name: "api-secret", value: "aIFoThSEWcyazki2CWW2l1PGxwCSuFCOJ6iwSxynDXpig32viQyW4NhvF5Cjmmni", in: []string{"data"}, flags: b64},
		},
	},
	{
		lang: "k8s", name: "Secret stringData is plain",
		src: "kubernetes.io/docs/concepts/configuration/secret (stringData); livebook.manning.com Kubernetes in Action 2e, opaque Secret",
		in: `apiVersion: v1
kind: Secret
metadata:
  name: okx
stringData:
  OKX_API_KEY: e9c1e765-5c53-4adf-ad68-d3e9f13d11ba
  OKX_API_SECRET: "0633B25B37D09975E29E4E1EADAF5394"
  OKX_PASSPHRASE: 'YSY0aApaSNWfIdyh'
`,
		want: []wantPair{
			{name: "OKX_API_KEY", value: "e9c1e765-5c53-4adf-ad68-d3e9f13d11ba", in: []string{"stringData"}, clear: syntax.Base64},
			{name: "OKX_API_SECRET", value: "0633B25B37D09975E29E4E1EADAF5394", in: []string{"stringData"}, clear: syntax.Base64},
			{name: "OKX_PASSPHRASE", value: "YSY0aApaSNWfIdyh", in: []string{"stringData"}, clear: syntax.Base64},
		},
	},
	{
		lang: "k8s", name: "Secret as JSON",
		src: "support.huaweicloud.com Creating a Secret (JSON request body with data: {key1: base64})",
		in: `{
    "apiVersion": "v1",
    "kind": "Secret",
    "metadata": {"name": "kucoin"},
    "type": "Opaque",
    "data": {
        "KUCOIN_API_KEY": "NjMyZTI0MDFjYmM2Y2M0ZDdhZDNmNWYw",
        "KUCOIN_API_SECRET": "MTg0YjUwMzItMjg0Ni00YmU3LWEyNjUtNWU2NTk1M2RmYmQz"
    }
}
`,
		want: []wantPair{
			{name: "KUCOIN_API_KEY", value: "632e2401cbc6cc4d7ad3f5f0", in: []string{"data"}, flags: b64},
			{name: "KUCOIN_API_SECRET", value: "184b5032-2846-4be7-a265-5e65953dfbd3", in: []string{"data"}, flags: b64},
		},
	},
	{
		lang: "k8s", name: "base64 with a trailing newline from echo",
		src: "kubernetes.io/docs/tasks/configmap-secret/managing-secret-using-config-file (echo -n, else a newline is encoded)",
		in: `data:
  BYBIT_API_KEY: dUFNTUJGY2l2bkdzY25MTHFyCg==
  BYBIT_API_SECRET: eUY2U2pYellTclVLVWZCczFnN25PdkVmNE5HZXJ3SkZsdTdzCg==
`,
		want: []wantPair{
			{name: "BYBIT_API_KEY", value: "uAMMBFcivnGscnLLqr", flags: b64},
			{name: "BYBIT_API_SECRET", value: "yF6SjXzYSrUKUfBs1g7nOvEf4NGerwJFlu7s", flags: b64},
		},
	},
	{
		lang: "k8s", name: "Secret data holding a whole .env file",
		src: "kubectl create secret generic --from-file=.env; github.com/dslee1371/autotrade-binance-dash README.md (--from-env-file=.env)",
		in: `kind: Secret
apiVersion: v1
metadata:
  name: bot-env
data:
  .env: QklOQU5DRV9BUElfS0VZPXZ5bG9lbFRRRmZCd1BXU1RRNFV1SVVtOGZIOW1EUHphRE42TlBySHY4dE50UzZuYTNnMWZGVGE2d2N4QjRPVzMKQklOQU5DRV9BUElfU0VDUkVUPVgzQWRwNnI3RmpZQmc5MUFNd0NzOEJlUzE4d0ZVd2QyN2RnMXJzR2J0VEM5b2drQUFVNWVmeDVvdWV2SVpqZUcK
`,
		want: []wantPair{
			{name: "BINANCE_API_KEY", value: "vyloelTQFfBwPWSTQ4UuIUm8fH9mDPzaDN6NPrHv8tNtS6na3g1fFTa6wcxB4OW3", flags: b64},
			{name: "BINANCE_API_SECRET", value: "X3Adp6r7FjYBg91AMwCs8BeS18wFUwd27dg1rsGbtTC9ogkAAU5efx5ouevIZjeG", flags: b64},
		},
	},
	{
		lang: "k8s", name: "Kraken base64 secret stored in data is decoded once",
		src: "kubernetes.io Secret data; github.com/veox/python3-krakenex (base64 API secret)",
		in: `data:
  kraken-api-key: bTFuWVVXRVlTUVQ4ZGE3aDdzZmpXcnpBOEJxWjJ5dzdsVlZFTEhMTU1FeC9laDNzQkFqMUQ2K1c=
  kraken-private-key: NElLYUtXUEdzOUc0TXM0dXNFRmtMcERqZUQ0R1BVSGkydEY2cVFRWndKVWhqWHVVUkVmbVNGcXBHbnBLRmFybWxzbUdCOXdtNHpRclRia0l4RjJQbGc9PQ==
`,
		want: []wantPair{
			{name: "kraken-api-key", value: "m1nYUWEYSQT8da7h7sfjWrzA8BqZ2yw7lVVELHLMMEx/eh3sBAj1D6+W", flags: b64},
			{name: "kraken-private-key", value: "4IKaKWPGs9G4Ms4usEFkLpDjeD4GPUHi2tF6qQQZwJUhjXuUREfmSFqpGnpKFarmlsmGB9wm4zQrTbkIxF2Plg==", flags: b64},
		},
	},
	{
		lang: "k8s", name: "ConfigMap and Secret in one multi-document file",
		src: "kubernetes.io/docs/concepts/cluster-administration/manage-deployment (multiple resources separated by ---)",
		in: `apiVersion: v1
kind: ConfigMap
metadata:
  name: bot-config
data:
  EXCHANGE: gateio
---
apiVersion: v1
kind: Secret
metadata:
  name: bot-secret
type: Opaque
stringData:
  GATEIO_API_KEY: 94e6dbe4d0bf18a7221ca7915e5f368f
  GATEIO_API_SECRET: 63805d1b89ce00d9b417286efa42895105a408fc5d7e3c28424bca3942c3cd39
`,
		want: []wantPair{
			{name: "EXCHANGE", value: "gateio", in: []string{"data"}},
			{name: "GATEIO_API_KEY", value: "94e6dbe4d0bf18a7221ca7915e5f368f", in: []string{"stringData"}, sib: "a"},
			{name: "GATEIO_API_SECRET", value: "63805d1b89ce00d9b417286efa42895105a408fc5d7e3c28424bca3942c3cd39", in: []string{"stringData"}, sib: "a"},
		},
	},

	// ---------------------------------------------------- base64-wrapped text
	{
		lang: "base64", name: "base64-wrapped .env in a CI variable",
		src: "GitHub Actions pattern: env ENV_FILE_B64 + run: echo \"$ENV_FILE_B64\" | base64 -d > .env",
		in: `env:
  ENV_FILE_B64: T0tYX0FQSV9LRVk9YTg1MWQ1ZDItMjUyMS00YjUwLWI2Y2MtMDJjYmI5YjhlNjNhCk9LWF9BUElfU0VDUkVUPTk2QTg2MEFGNUUwREM2NzAzQzZFMTQ0OTQ3QTk3ODY2Ck9LWF9QQVNTUEhSQVNFPWVYVnpUdEBEel9aLkpNN08K
steps:
  - run: echo "$ENV_FILE_B64" | base64 -d > .env
`,
		want: []wantPair{
			{name: "OKX_API_KEY", value: "a851d5d2-2521-4b50-b6cc-02cbb9b8e63a", flags: b64},
			{name: "OKX_API_SECRET", value: "96A860AF5E0DC6703C6E144947A97866", flags: b64},
			{name: "OKX_PASSPHRASE", value: "eXVzTt@Dz_Z.JM7O", flags: b64},
		},
	},
	{
		lang: "base64", name: "base64 JSON credentials in a .env value",
		src: "the *_CREDENTIALS_BASE64 pattern (a JSON credentials file base64-encoded into one env var)",
		in: `EXCHANGE_CREDENTIALS_B64=eyJleGNoYW5nZSI6ICJnYXRlaW8iLCAiYXBpX2tleSI6ICIwNjcwNTU0MTM5YzRmYTBlYjNlMzBjYzI4Y2YyY2VlNSIsICJhcGlfc2VjcmV0IjogImU1OTFhOGRlZTU1NDgwZGQzNGUwYmU3MWU0OTVjNDI4MGI1ODQ4ZGIxZDg2MjA0MzAzNTM2MDYyNzc5YWI5YWEifQ==
`,
		want: []wantPair{
			{name: "api_key", value: "0670554139c4fa0eb3e30cc28cf2cee5", flags: b64},
			{name: "api_secret", value: "e591a8dee55480dd34e0be71e495c4280b5848db1d86204303536062779ab9aa", flags: b64},
		},
	},

	// ---------------------------------------------------------------- tables
	{
		lang: "table", name: "CSV with a header row",
		src: "issue 11 section 1 (CSV/TSV with a header row): an exported key list",
		in: `exchange,api_key,api_secret,passphrase
okx,90d18967-3666-4eac-b884-1b824b398d34,56D9FA8162102FBD4B562370D3CF3BC5,l05MMuEqXDKiqWyP
kucoin,9c527cf270852ceb88a6348f,610adb22-deb7-4a5a-a008-2ea4da7673ec,iynzKMiNBeFrS1UP
`,
		want: []wantPair{
			{name: "exchange", value: "okx", flags: tbl, sib: "a"},
			{name: "api_key", value: "90d18967-3666-4eac-b884-1b824b398d34", flags: tbl, kind: "row", sib: "a"},
			{name: "api_secret", value: "56D9FA8162102FBD4B562370D3CF3BC5", flags: tbl, sib: "a"},
			{name: "passphrase", value: "l05MMuEqXDKiqWyP", flags: tbl, sib: "a"},
			{name: "api_key", value: "9c527cf270852ceb88a6348f", flags: tbl, sib: "b"},
			{name: "api_secret", value: "610adb22-deb7-4a5a-a008-2ea4da7673ec", flags: tbl, sib: "b"},
			{name: "passphrase", value: "iynzKMiNBeFrS1UP", flags: tbl, sib: "b"},
		},
	},
	{
		lang: "table", name: "TSV with a header row",
		src: "issue 11 section 1 (CSV/TSV): a spreadsheet saved as tab-separated text",
		in:  "label\tkey\tsecret\nmain\tB2xzf6WQkcbm0xmQvb4kufRXxSDXJG5I5h5mEJTrJ63CB3dgM6rpITRBh4A2a15E\tHjiLqsRCZJJlaxI1nyXboLZLTLO4kOkuh7vpLhWqG93rl0VDetNxAofFYd8oEjQ6\n",
		want: []wantPair{
			{name: "key", value: "B2xzf6WQkcbm0xmQvb4kufRXxSDXJG5I5h5mEJTrJ63CB3dgM6rpITRBh4A2a15E", flags: tbl, sib: "a"},
			{name: "secret", value: "HjiLqsRCZJJlaxI1nyXboLZLTLO4kOkuh7vpLhWqG93rl0VDetNxAofFYd8oEjQ6", flags: tbl, sib: "a"},
		},
	},
	{
		lang: "table", name: "SQL INSERT with a column list",
		src: "issue 11 section 1 (SQL INSERT … (columns) VALUES (…)): a seed file",
		in: `INSERT INTO exchange_keys (exchange, api_key, api_secret, passphrase) VALUES ('bitget', 'bg_3c0f4fbb7e3b1a816b341776afe3cd55', 'da518c6f07628d5bbb1017337fe64df9572a1d3496562790faaf2390f1b3bf16', 'm5V3BE3-oTTOfWKj');
`,
		want: []wantPair{
			{name: "api_key", value: "bg_3c0f4fbb7e3b1a816b341776afe3cd55", flags: tbl, sib: "a"},
			{name: "api_secret", value: "da518c6f07628d5bbb1017337fe64df9572a1d3496562790faaf2390f1b3bf16", flags: tbl, sib: "a"},
			{name: "passphrase", value: "m5V3BE3-oTTOfWKj", flags: tbl, sib: "a"},
		},
	},
	{
		lang: "table", name: "SQL INSERT with several rows and backquoted names",
		src: "dev.mysql.com/doc/refman/8.0/en/insert.html (INSERT … VALUES (…), (…)); mysqldump output",
		in: "INSERT INTO `api_credentials` (`user_id`, `venue`, `key`, `secret`)\nVALUES\n" +
			"  (1, 'binance', 'FdIFKA2VLlFSheeaudrJzVVqMbCLmggcKO1I5Juw6GWc3sCb7eUOPrIYURVdkF4K', 'AfdsndAxZbPipvJ8nOi122PdMUwrlpv7F0X0mCjsOI2NGnJKHvD2MAZR7chQWtPP'),\n" +
			"  (2, 'bybit', 'DfG2x0T66xewBhFMWF', 'fM6spsoNvqLlhvne30zalpqBHLy2fRJcsoKe');\n",
		want: []wantPair{
			{name: "key", value: "FdIFKA2VLlFSheeaudrJzVVqMbCLmggcKO1I5Juw6GWc3sCb7eUOPrIYURVdkF4K", flags: tbl, sib: "a"},
			{name: "secret", value: "AfdsndAxZbPipvJ8nOi122PdMUwrlpv7F0X0mCjsOI2NGnJKHvD2MAZR7chQWtPP", flags: tbl, sib: "a"},
			{name: "venue", value: "bybit", flags: tbl, sib: "b"},
			{name: "key", value: "DfG2x0T66xewBhFMWF", flags: tbl, sib: "b"},
			{name: "secret", value: "fM6spsoNvqLlhvne30zalpqBHLy2fRJcsoKe", flags: tbl, sib: "b"},
		},
		not: []absentPair{{name: "key", value: "fM6spsoNvqLlhvne30zalpqBHLy2fRJcsoKe"}},
	},
	{
		lang: "table", name: "quoted CSV with commas in a field and CRLF",
		src: "RFC 4180 (quoted fields, CRLF); Excel CSV export",
		in:  crlf("\"Name\",\"API Key\",\"Secret Key\"\n\"Main account, spot\",\"p674d11enExu58UZtfA1CJCr0qsnuKmj7oBWJIKUczSYNAtJfyeviNULFlzWsSU9\",\"yuLfq4PwbeNiXWrsXVq7SfMEEFa38jAh1AsC4yOKlGfz3MBajnZJPJ3EfTi2pu5e\"\n"),
		want: []wantPair{
			{name: "Name", value: "Main account, spot", flags: tbl, sib: "a"},
			{name: "API Key", value: "p674d11enExu58UZtfA1CJCr0qsnuKmj7oBWJIKUczSYNAtJfyeviNULFlzWsSU9", flags: tbl, sib: "a"},
			{name: "Secret Key", value: "yuLfq4PwbeNiXWrsXVq7SfMEEFa38jAh1AsC4yOKlGfz3MBajnZJPJ3EfTi2pu5e", flags: tbl, sib: "a"},
		},
	},
}
