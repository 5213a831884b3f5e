package rules_test

import (
	"strings"
	"testing"
	"time"

	"github.com/keyhound/keyhound/rules"
)

func TestIsPlaceholder(t *testing.T) {
	tests := []struct {
		in   string
		want bool
	}{
		{"your_api_key", true},
		{"YOUR-SECRET-HERE", true},
		{"<API_KEY>", true},
		{"${BINANCE_API_KEY}", true},
		{"{{ secrets.KEY }}", true},
		{"xxxxxxxxxxxxxxxxxxxxxxxx", true},
		{"XXXXXXXX-XXXXXXXX-XXXXXXXX-XXXXXXXX", true},
		{"aaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaa", true},
		{"abababababababababababab", true},
		{"0123456789abcdef0123456789abcdef", true},
		{"vmPUZE6mv9SD5VNHk4HlWFsOr6aKE2zvsw0MuIgwCIPy6utIco14y7Ju91duEh8A", true},           // Binance doc example
		{"22582BD0CFF14C41EDBF1AB98506286D", true},                                           // OKX doc example
		{"0xac0974bec39a17e36ba4a6b4d238ff944bacb478cbed5efcae784d7bf4f2ff80", true},         // Hardhat account 0
		{"0x8da4ef21b864d2cc526dbdb2a120bd2874c36c9d0a1fb7f8c63d7f7a8b41de8f", true},         // tutorial key
		{"cabin raise oven oven knock fantasy flock letter click empty skate volcano", true}, // eth-account docstring
		{"Qm7xT2pLw9ZcR4vN8sKd3FhJ6gYb1nAeU5oXiV0tWqEr2yMuHz7KcPj4SgDl9aBf", false},
		{"5f2b8c1e9a7d4f6b3c0e8a2d7f1b9c4e", false},
	}
	for _, tt := range tests {
		if got := rules.IsPlaceholder(tt.in); got != tt.want {
			t.Errorf("IsPlaceholder(%q) = %v, want %v", tt.in, got, tt.want)
		}
	}
}

func TestValidators(t *testing.T) {
	tests := []struct {
		name string
		fn   func(string) bool
		in   string
		want bool
	}{
		{"bip39 valid 12", rules.ValidMnemonic, "legal winner thank year wave sausage worth useful legal winner thank yellow", true},
		{"bip39 valid 24 with commas", rules.ValidMnemonic, "letter, advice, cage, absurd, amount, doctor, acoustic, avoid, letter, advice, cage, absurd, amount, doctor, acoustic, avoid, letter, advice, cage, absurd, amount, doctor, acoustic, bless", true},
		{"bip39 bad checksum", rules.ValidMnemonic, "legal winner thank year wave sausage worth useful legal winner thank thank", false},
		{"bip39 not words", rules.ValidMnemonic, "lorem ipsum dolor sit amet consectetur adipiscing elit sed do eiusmod tempor", false},
		{"bip39 11 words", rules.ValidMnemonic, "legal winner thank year wave sausage worth useful legal winner thank", false},
		{"evm ok", rules.ValidEVMPrivateKey, "0x4c0883a69102937d6231471b5dbb6204fe5129617082792ae468d01a3f362318", true},
		{"evm zero", rules.ValidEVMPrivateKey, strings.Repeat("0", 64), false},
		{"evm over n", rules.ValidEVMPrivateKey, strings.Repeat("f", 64), false},
		{"evm short", rules.ValidEVMPrivateKey, "0x1234", false},
		{"evm not hex", rules.ValidEVMPrivateKey, strings.Repeat("g", 64), false},
		{"pem ok escaped", rules.ValidPEMPrivateKey, `-----BEGIN EC PRIVATE KEY-----\nMHcCAQEEIBYv3yKMlJgaW9oyxK5m8Hq7PqvWZcD0i5Y3Ikq0S7q9oAoGCCqGSM49\nAwEHoUQDQgAEoDC9b1HWk8k7d6GWnHk1bOJkMqEDJ1D8nZlH5CtqS7z0vP2tAv5e\nqB1gXb4cZ7pQ9w3VrQe8q0FJtQw7n6m9Hg==\n-----END EC PRIVATE KEY-----\n`, true},
		{"pem mismatched", rules.ValidPEMPrivateKey, "-----BEGIN EC PRIVATE KEY-----\nMHcCAQEEIBYv3yKMlJgaW9oyxK5m8Hq7PqvWZcD0i5Y3Ikq0S7q9\n-----END RSA PRIVATE KEY-----", false},
		{"pem placeholder body", rules.ValidPEMPrivateKey, "-----BEGIN PRIVATE KEY-----\n...\n-----END PRIVATE KEY-----", false},
	}
	for _, tt := range tests {
		if got := tt.fn(tt.in); got != tt.want {
			t.Errorf("%s: got %v, want %v", tt.name, got, tt.want)
		}
	}
}

const ctxPack = `
[[rules]]
id = "ctx-key"
exchange = "ctx"
part = "key"
regex = '''["']?api_?key["']?\s*[:=]\s*["']([A-Za-z0-9]{20})["']'''
keywords = ["ctxex"]
nearby = { regex = '''(?i)ctxex''', withinLines = 2 }
entropy = 3.0
`

func TestNearbyEntropyAndAllowMarkers(t *testing.T) {
	p, err := rules.Parse("ctx.toml", []byte(ctxPack))
	if err != nil {
		t.Fatal(err)
	}
	s, err := rules.Compile(p)
	if err != nil {
		t.Fatal(err)
	}
	const key = "Rk4Tz8Wq2Lm6Xv3Nb9Cd"
	tests := []struct {
		name, text string
		want       int
	}{
		{"context above", "ctxex:\n  api_key: '" + key + "'\n", 1},
		{"context too far", "ctxex\n\n\n\napi_key = '" + key + "'\n", 0},
		{"keyword elsewhere, context absent nearby", "api_key = '" + key + "'\n\n\n\n# ctxex\n", 0},
		{"low entropy", "ctxex\napi_key = 'abababababcdcdcdcdcd'\n", 0},
		{"keyhound:allow", "ctxex\napi_key = '" + key + "' # keyhound:allow\n", 0},
		{"gitleaks:allow", "ctxex\napi_key = '" + key + "' // gitleaks:allow\n", 0},
		{"no keyword at all", "api_key = '" + key + "'\n", 0},
	}
	for _, tt := range tests {
		got := s.Find([]byte(tt.text), "")
		if len(got) != tt.want {
			t.Errorf("%s: got %d matches %+v, want %d", tt.name, len(got), got, tt.want)
		}
	}
	// Line and column of the secret.
	m := s.Find([]byte("x\nctxex:\n  api_key: '"+key+"'\n"), "")
	if len(m) != 1 || m[0].Line != 3 || m[0].Column != 13 || m[0].Secret != key {
		t.Errorf("position: %+v", m)
	}
}

// FuzzFind: the matcher never panics on arbitrary bytes and every match
// lies inside the input.
func FuzzFind(f *testing.F) {
	f.Add([]byte("BINANCE_API_KEY=Qm7xT2pLw9ZcR4vN8sKd3FhJ6gYb1nAeU5oXiV0tWqEr2yMuHz7KcPj4SgDl9aBf\n"))
	f.Add([]byte("\x00\xff binance \n\n\r\n"))
	packs, err := rules.Default()
	if err != nil {
		f.Fatal(err)
	}
	s, err := rules.Compile(packs...)
	if err != nil {
		f.Fatal(err)
	}
	f.Fuzz(func(t *testing.T, data []byte) {
		for _, m := range s.Find(data, "") {
			if m.Start < 0 || m.End > len(data) || m.Start >= m.End || string(data[m.Start:m.End]) != m.Secret {
				t.Fatalf("bad match %+v", m)
			}
		}
		s.Group(s.Find(data, ""))
	})
}

// TestPathologicalRegexIsLinear: patterns that take exponential time in
// backtracking engines ((a*)*b, (a|aa)*c) run in linear time here (Go's
// RE2-style engine), so a hostile rule pack cannot hang a scan; what it
// can do — a huge pattern — is refused at load (TestCompileErrors).
func TestPathologicalRegexIsLinear(t *testing.T) {
	p, err := rules.Parse("evil.toml", []byte("[[rules]]\nid = \"evil1\"\nregex = '''(a*)*b'''\n[[rules]]\nid = \"evil2\"\nregex = '''(a|aa)*c'''\n"))
	if err != nil {
		t.Fatal(err)
	}
	s, err := rules.Compile(p)
	if err != nil {
		t.Fatal(err)
	}
	data := []byte(strings.Repeat("a", 1<<20))
	done := make(chan int, 1)
	go func() { done <- len(s.Find(data, "")) }()
	select {
	case n := <-done:
		if n != 0 {
			t.Errorf("%d matches on input without b or c", n)
		}
	case <-time.After(60 * time.Second):
		t.Fatal("a pathological pattern did not finish on 1 MiB within a minute")
	}
}

// TestGenericYieldsToSpecific: gitleaks' precedence. A rule whose id says
// "generic" gives way to another rule matching the same secret on the
// same line, and only then.
func TestGenericYieldsToSpecific(t *testing.T) {
	const pack = `
[[rules]]
id = "generic-token"
regex = '''(?i)token\s*=\s*"([A-Za-z0-9_]{20,})"'''
keywords = ["token"]
[[rules]]
id = "acme-token"
regex = '''(acme_[A-Za-z0-9]{20})'''
keywords = ["acme_"]
`
	p, err := rules.Parse("p.toml", []byte(pack))
	if err != nil {
		t.Fatal(err)
	}
	s, err := rules.Compile(p)
	if err != nil {
		t.Fatal(err)
	}
	tests := []struct {
		text string
		want []string
	}{
		{`TOKEN = "acme_Q7pX2mZr9LkV4tBw8NcY"`, []string{"acme-token"}},
		{`TOKEN = "Q7pX2mZr9LkV4tBw8NcYzz"`, []string{"generic-token"}},
		{"TOKEN = \"Q7pX2mZr9LkV4tBw8NcYzz\"\nacme_Q7pX2mZr9LkV4tBw8NcY", []string{"generic-token", "acme-token"}},
	}
	for _, tc := range tests {
		var got []string
		for _, m := range s.Find([]byte(tc.text), "") {
			got = append(got, m.RuleID)
		}
		if strings.Join(got, ",") != strings.Join(tc.want, ",") {
			t.Errorf("%q: rules %v, want %v", tc.text, got, tc.want)
		}
	}
}
