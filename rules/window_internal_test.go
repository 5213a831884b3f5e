package rules

import (
	"math/rand"
	"reflect"
	"regexp/syntax"
	"strings"
	"testing"
)

const windowPack = `
[[rules]]
id = "w-key"
exchange = "w"
part = "key"
regex = '''WEX_KEY\s*=\s*([A-Za-z0-9]{24})'''
keywords = ["wex_key"]
[[rules]]
id = "w-ctx"
exchange = "w"
part = "secret"
regex = '''secret\s*[:=]\s*"([A-Za-z0-9]{30})"'''
keywords = ["wexchange"]
nearby = { regex = '''wexchange''', withinLines = 5 }
[[rules]]
id = "w-pass"
exchange = "w"
part = "passphrase"
regex = '''(?i)(?:wex[_.-]?)?pass(?:phrase|word)\s*[:=]\s*"([^"\s]{6,40})"'''
keywords = ["wexchange"]
requireKeywords = ["pass"]
nearby = { regex = '''wexchange''', withinLines = 8 }
[[rules]]
id = "w-pem"
regex = '''-----BEGIN PRIVATE KEY-----[\s\S]{64,}?-----END PRIVATE KEY-----'''
keywords = ["-----begin"]
`

// TestWindowsMatchWholeContent: matching in windows around keywords finds
// exactly what matching the whole content finds, on large generated
// inputs with credentials, context lines, long lines and PEM blocks
// scattered through filler.
func TestWindowsMatchWholeContent(t *testing.T) {
	p, err := Parse("w.toml", []byte(windowPack))
	if err != nil {
		t.Fatal(err)
	}
	windowed, err := Compile(p)
	if err != nil {
		t.Fatal(err)
	}
	whole, _ := Compile(p)
	whole.noWindows = true
	rng := rand.New(rand.NewSource(1))
	alnum := "ABCDEFGHJKLMNPQRSTUVWXYZabcdefghijkmnopqrstuvwxyz23456789"
	word := func(n int) string {
		b := make([]byte, n)
		for i := range b {
			b[i] = alnum[rng.Intn(len(alnum))]
		}
		return string(b)
	}
	for iter := 0; iter < 20; iter++ {
		var b strings.Builder
		for b.Len() < 300<<10 {
			switch rng.Intn(12) {
			case 0:
				b.WriteString("WEX_KEY = " + word(24) + "\n")
			case 1:
				b.WriteString("[wexchange]\n")
				for i := rng.Intn(8); i > 0; i-- {
					b.WriteString("pad = 1\n")
				}
				b.WriteString(`secret: "` + word(30) + `"` + "\n")
				b.WriteString(`passphrase: "` + word(16) + `"` + "\n")
			case 2:
				b.WriteString(`secret = "` + word(30) + `"` + "\n") // context may be far
				if rng.Intn(2) == 0 {
					b.WriteString(`wex_passphrase = "` + word(12) + `"` + "\n")
				}
			case 3:
				b.WriteString("-----BEGIN PRIVATE KEY-----\n")
				for i := 0; i < 40; i++ {
					b.WriteString(word(64) + "\n")
				}
				b.WriteString("-----END PRIVATE KEY-----\n")
			case 4:
				b.WriteString(strings.Repeat("x", rng.Intn(40000)) + "\n") // long line
			default:
				b.WriteString("filler " + word(rng.Intn(60)) + "\n")
			}
		}
		data := []byte(b.String())
		got, want := windowed.Find(data, ""), whole.Find(data, "")
		if !reflect.DeepEqual(got, want) {
			t.Fatalf("iteration %d: windowed found %d matches, whole content %d", iter, len(got), len(want))
		}
		if len(want) == 0 {
			t.Fatalf("iteration %d: generator produced no matches", iter)
		}
	}
}

func TestRunRequirement(t *testing.T) {
	tests := []struct {
		regex string
		group int
		min   int // 0: no requirement
		in    string
		has   bool
	}{
		{`KEY=([A-Za-z0-9]{64})`, 1, 64, "KEY=" + strings.Repeat("aB3", 22), true},
		{`KEY=([A-Za-z0-9]{64})`, 1, 64, "KEY=" + strings.Repeat("aB3-", 22), false},
		{`(?i)secret\s*=\s*([a-f0-9]{32})`, 1, 32, strings.Repeat("AbCdEf", 6), true},
		{`KEY=([A-Za-z0-9]{4,})`, 1, 0, "", false},           // too short to help
		{`KEY=([A-Za-z0-9]{20}|[0-9]{30})`, 1, 0, "", false}, // alternation: unknown
		{`(?:a=([0-9a-f]{40})|b=([0-9a-f]{48}))`, -1, 40, strings.Repeat("0a", 20), true},
		{`(?:a=([0-9a-f]{40})|b=(\w+))`, -1, 0, "", false},
	}
	for _, tt := range tests {
		re, err := syntax.Parse(tt.regex, syntax.Perl)
		if err != nil {
			t.Fatal(err)
		}
		var rr *runReq
		if tt.group < 0 {
			rr = anyGroupRun(re)
		} else {
			rr = secretRun(re, tt.group)
		}
		if tt.min == 0 {
			if rr != nil {
				t.Errorf("%s: requirement %d, want none", tt.regex, rr.min)
			}
			continue
		}
		if rr == nil || rr.min != tt.min {
			t.Errorf("%s: got %+v, want min %d", tt.regex, rr, tt.min)
			continue
		}
		if rr.has([]byte(tt.in)) != tt.has {
			t.Errorf("%s: has(%q) = %v", tt.regex, tt.in, !tt.has)
		}
	}
}

func TestWholeRegexRuns(t *testing.T) {
	tests := []struct {
		regex string
		min   int
		in    string
		has   bool
	}{
		// A quoted UUID in a call is one run of 39 over [(\s"'0-9a-f-], though written in parts.
		{`\(\s*["'][0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}["']`, 39, `("0fdca03f-4788-487f-aa3f-0306bdf5d762"`, true},
		{`\(\s*["'][0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}["']`, 39, `("0fdca03f", "4788")`, false},
		// Twelve words of letters and separators.
		{`((?:[a-z]{3,8}[ \t,]+){11,23}[a-z]{3,8})`, 47, "legal winner thank year wave sausage worth useful legal winner thank yellow", true},
		{`(?i)mnemonic\s*=\s*"?(\w+)`, 0, "", false},
	}
	for _, tt := range tests {
		re, err := syntax.Parse(tt.regex, syntax.Perl)
		if err != nil {
			t.Fatal(err)
		}
		rr := wholeRun(re)
		if tt.min == 0 {
			if rr != nil {
				t.Errorf("%s: requirement %d, want none", tt.regex, rr.min)
			}
			continue
		}
		if rr == nil || rr.min != tt.min {
			t.Errorf("%s: got %+v, want min %d", tt.regex, rr, tt.min)
			continue
		}
		if rr.has([]byte(tt.in)) != tt.has {
			t.Errorf("%s: has(%q) = %v", tt.regex, tt.in, !tt.has)
		}
	}
}

func TestMnemonicPrefilter(t *testing.T) {
	for in, want := range map[string]bool{
		"seed = 'legal winner thank year wave sausage worth useful legal winner thank yellow'":                             true,
		`["legal", "winner", "thank", "year", "wave", "sausage", "worth", "useful", "legal", "winner", "thank", "yellow"]`: true,
		"The quick brown fox jumps over the lazy dog and then the cat sat on the mat again today":                          false,
		"legal winner thank year wave sausage worth useful legal winner thank":                                             false, // 11
	} {
		if got := hasMnemonicRun([]byte(in)); got != want {
			t.Errorf("hasMnemonicRun(%q) = %v, want %v", in, got, want)
		}
	}
}

func TestRequireKeywords(t *testing.T) {
	const pack = `
[[rules]]
id = "rk"
part = "passphrase"
exchange = "ex"
regex = '''(?i)(?:exch\w*|\bpassphrase)\s*[:=]\s*"([^"\s]{6,32})"'''
keywords = ["exch"]
requireKeywords = ["passphrase", "password"]
`
	p, err := Parse("rk.toml", []byte(pack))
	if err != nil {
		t.Fatal(err)
	}
	s, err := Compile(p)
	if err != nil {
		t.Fatal(err)
	}
	filler := strings.Repeat("x = 1\n", 2000) // large enough to be windowed
	with := filler + "[exch]\nPASSPHRASE = \"Tr0ub4dor&3x\"\n" + filler
	without := filler + "[exch]\nexchange_name = \"Tr0ub4dor&3x\"\n" + filler
	if got := s.Find([]byte(with), ""); len(got) != 1 {
		t.Errorf("with a required keyword: %d matches", len(got))
	}
	if got := s.Find([]byte(without), ""); len(got) != 0 {
		t.Errorf("without a required keyword: %d matches (%+v)", len(got), got)
	}
	if !containsFold([]byte("xxPassPhrase"), []byte("passphrase")) || containsFold([]byte("passphras"), []byte("passphrase")) {
		t.Error("containsFold")
	}
}

// TestRunWindows: a rule with a run requirement runs only around the
// runs, and still finds values placed up to runReachBefore line breaks
// after the start of their match, or deep in a long minified line.
func TestRunWindows(t *testing.T) {
	p, err := Parse("w.toml", []byte(windowPack))
	if err != nil {
		t.Fatal(err)
	}
	s, err := Compile(p)
	if err != nil {
		t.Fatal(err)
	}
	r := s.byID["w-key"]
	if r.run == nil || r.run.min != 24 {
		t.Fatalf("w-key: run requirement %+v, want 24 alphanumerics", r.run)
	}
	val := "Ab3dEf5hJk7mNp9qRs2tUv4w"
	filler := strings.Repeat("wex_key is mentioned here, value follows later\n", 400)
	minified := strings.Repeat("var a=1;wex_key;", 2000)
	cases := []struct {
		name, text string
		want       bool
	}{
		{"same line", filler + "WEX_KEY = " + val + "\n" + filler, true},
		{"next line", filler + "WEX_KEY =\n" + val + "\n" + filler, true},
		{"minified", minified + "WEX_KEY=" + val + ";" + minified, true},
		{"no value", filler + "WEX_KEY = short\n" + filler, false},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			data := []byte(c.text)
			ms := s.Find(data, "")
			found := false
			for _, m := range ms {
				found = found || (m.RuleID == "w-key" && m.Secret == val)
			}
			if found != c.want {
				t.Fatalf("found %v, want %v: %v", found, c.want, ms)
			}
			// The regex runs on far less than the keyword windows.
			kw := s.keywordHits(data)
			wins := s.windows(r, kw, data, func() *lineIndex { return newLineIndex(data) }, nil)
			narrowed := r.aroundRuns(data, append([]window(nil), wins...), newLineIndex(data))
			total := 0
			for _, w := range narrowed {
				total += w.hi - w.lo
			}
			if total > 2*runReachBytes+len(val)+200 {
				t.Errorf("regex would run over %d bytes around one value", total)
			}
		})
	}
	// A value runReachBefore line breaks after its match starts, inside
	// a keyword window that reaches that far (nearby context: 5 lines).
	secret := "Zy3dEf5hJk7mNp9qRs2tUv4wXa6bCd"
	data := []byte(filler + "wexchange:\n  secret:\n\n\n\"" + secret + "\"\n" + filler)
	found := false
	for _, m := range s.Find(data, "") {
		found = found || (m.RuleID == "w-ctx" && m.Secret == secret)
	}
	if !found {
		t.Errorf("w-ctx: value three line breaks after its key not found")
	}
}

// TestRunScan: the skipping run finder reports exactly the maximal runs
// a byte-by-byte scan finds, on random text over a small alphabet.
func TestRunScan(t *testing.T) {
	rng := rand.New(rand.NewSource(7))
	for n := 0; n < 2000; n++ {
		rr := &runReq{min: 1 + rng.Intn(9)}
		for _, c := range "ab" {
			rr.class[c] = true
		}
		data := make([]byte, rng.Intn(80))
		for i := range data {
			data[i] = "abx"[rng.Intn(3)]
		}
		var want [][2]int
		for i := 0; i < len(data); {
			if !rr.class[data[i]] {
				i++
				continue
			}
			j := i
			for j < len(data) && rr.class[data[j]] {
				j++
			}
			if j-i >= rr.min {
				want = append(want, [2]int{i, j})
			}
			i = j
		}
		var got [][2]int
		rr.each(data, func(s, e int) { got = append(got, [2]int{s, e}) })
		if !reflect.DeepEqual(got, want) || rr.has(data) != (len(want) > 0) {
			t.Fatalf("min %d, %q: runs %v, want %v", rr.min, data, got, want)
		}
	}
}
