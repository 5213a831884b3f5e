package rules_test

import (
	"strings"
	"testing"

	"github.com/keyhound/keyhound/rules"
)

const pairPack = `
[[rules]]
id = "ex-key"
exchange = "ex"
part = "key"
regex = '''EX(?:_\w+)?_KEY\s*=\s*([A-Za-z0-9]{24})'''
keywords = ["_key"]
[[rules]]
id = "ex-secret"
exchange = "ex"
part = "secret"
regex = '''EX(?:_\w+)?_SECRET\s*=\s*([A-Za-z0-9]{32})'''
keywords = ["_secret"]
[[rules]]
id = "ex-pass"
exchange = "ex"
part = "passphrase"
regex = '''EX(?:_\w+)?_PASSPHRASE\s*=\s*(\S{6,32})'''
keywords = ["_passphrase"]
[[credentials]]
id = "ex"
exchange = "ex"
rules = ["ex-key", "ex-secret", "ex-pass"]
withinLines = 3
verify = "ex"
`

func pairSet(t *testing.T) *rules.Set {
	t.Helper()
	p, err := rules.Parse("pair.toml", []byte(pairPack))
	if err != nil {
		t.Fatal(err)
	}
	s, err := rules.Compile(p)
	if err != nil {
		t.Fatal(err)
	}
	return s
}

type part struct{ part, secret string }

func groupsOf(s *rules.Set, text string) [][]part {
	var out [][]part
	for _, g := range s.Group(s.Find([]byte(text), "")) {
		var ps []part
		for _, m := range g.Parts {
			ps = append(ps, part{string(m.Part), m.Secret})
		}
		out = append(out, ps)
	}
	return out
}

func TestGroupPairing(t *testing.T) {
	const (
		k1 = "Ka8Lm3Nq7Rt2Vw9Xy4Zb6Cd1"
		s1 = "Sa9Bc2De7Fg4Hj8Km3Np6Qr1St5Uv0Wx"
		p1 = "pass-Alpha9"
		k2 = "Kz3Yx8Wv2Ut7Sr4Qp9On6Ml1"
		s2 = "Sz4Yx9Wv3Ut8Sr2Qp7On5Ml0Kj6Ih1Gf"
		p2 = "pass-Bravo7"
	)
	tests := []struct {
		name     string
		text     string
		want     [][]part
		complete []bool
	}{
		{
			name:     "two credentials, each block together",
			text:     "EX_MAIN_KEY=" + k1 + "\nEX_MAIN_SECRET=" + s1 + "\nEX_MAIN_PASSPHRASE=" + p1 + "\n\n\n\n\nEX_SUB_KEY=" + k2 + "\nEX_SUB_SECRET=" + s2 + "\nEX_SUB_PASSPHRASE=" + p2 + "\n",
			want:     [][]part{{{"key", k1}, {"secret", s1}, {"passphrase", p1}}, {{"key", k2}, {"secret", s2}, {"passphrase", p2}}},
			complete: []bool{true, true},
		},
		{
			// Keys first, then secrets in the same order: nearest-first
			// pairing must not cross them (k1 is 2 lines from s1, 3 from s2).
			name:     "interleaved: key key secret secret",
			text:     "EX_A_KEY=" + k1 + "\nEX_B_KEY=" + k2 + "\nEX_A_SECRET=" + s1 + "\nEX_B_SECRET=" + s2 + "\n",
			want:     [][]part{{{"key", k1}, {"secret", s1}}, {{"key", k2}, {"secret", s2}}},
			complete: []bool{false, false},
		},
		{
			name:     "secret too far away stays alone",
			text:     "EX_KEY=" + k1 + "\n\n\n\n\n\nEX_SECRET=" + s1 + "\n",
			want:     [][]part{{{"key", k1}}, {{"secret", s1}}},
			complete: []bool{false, false},
		},
		{
			name:     "lone key is reported, incomplete",
			text:     "EX_KEY=" + k1 + "\n",
			want:     [][]part{{{"key", k1}}},
			complete: []bool{false},
		},
	}
	s := pairSet(t)
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			gs := s.Group(s.Find([]byte(tt.text), ""))
			got := groupsOf(s, tt.text)
			if len(got) != len(tt.want) {
				t.Fatalf("got %d groups %v, want %v", len(got), got, tt.want)
			}
			for i := range tt.want {
				if strings.Join(flat(got[i]), "|") != strings.Join(flat(tt.want[i]), "|") {
					t.Errorf("group %d: %v, want %v", i, got[i], tt.want[i])
				}
				if gs[i].Complete != tt.complete[i] || gs[i].ID != "ex" || gs[i].Verify != "ex" {
					t.Errorf("group %d: complete=%v id=%s verify=%s", i, gs[i].Complete, gs[i].ID, gs[i].Verify)
				}
			}
		})
	}
}

func flat(ps []part) []string {
	var out []string
	for _, p := range ps {
		out = append(out, p.part+"="+p.secret)
	}
	return out
}

// TestGroupNoCartesianExplosion: 300 keys and 300 secrets in one file
// pair one to one, deterministically.
func TestGroupManyCredentials(t *testing.T) {
	s := pairSet(t)
	var b strings.Builder
	keys := map[string]string{}
	for i := 0; i < 300; i++ {
		k := randomish("K", i, 24)
		sec := randomish("S", i, 32)
		keys[k] = sec
		b.WriteString("EX_KEY=" + k + "\nEX_SECRET=" + sec + "\n\n\n\n")
	}
	gs := s.Group(s.Find([]byte(b.String()), ""))
	if len(gs) != 300 {
		t.Fatalf("got %d groups, want 300", len(gs))
	}
	for _, g := range gs {
		if len(g.Parts) != 2 || keys[g.Parts[0].Secret] != g.Parts[1].Secret {
			t.Fatalf("crossed pair: %+v", g.Parts)
		}
	}
}

// randomish makes distinct high-entropy alphanumerics without runs.
func randomish(prefix string, i, n int) string {
	const alpha = "aB3cD7eF2gH9jK4mN6pQ8rS5tU1vW0xYz"
	var b strings.Builder
	b.WriteString(prefix)
	x := uint32(i*2654435761 + 12345)
	for b.Len() < n {
		x ^= x << 13
		x ^= x >> 17
		x ^= x << 5
		b.WriteByte(alpha[x%uint32(len(alpha))])
	}
	return b.String()
}

func TestDedupePrefersExchange(t *testing.T) {
	const pack = `
[[rules]]
id = "generic-pem"
part = "private-key"
regex = '''(-----BEGIN EC PRIVATE KEY-----[A-Za-z0-9+/=\s]+-----END EC PRIVATE KEY-----)'''
keywords = ["-----begin"]
[[rules]]
id = "venue-pem"
exchange = "venue"
part = "private-key"
regex = '''(-----BEGIN EC PRIVATE KEY-----[A-Za-z0-9+/=\s]+-----END EC PRIVATE KEY-----)'''
keywords = ["-----begin"]
`
	p, _ := rules.Parse("d.toml", []byte(pack))
	s, err := rules.Compile(p)
	if err != nil {
		t.Fatal(err)
	}
	text := "-----BEGIN EC PRIVATE KEY-----\nMHcCAQEEIBYv3yKMlJgaW9oyxK5m8Hq7PqvWZcD0i5Y3Ikq0S7q9\n-----END EC PRIVATE KEY-----\n"
	gs := s.Group(s.Find([]byte(text), ""))
	if len(gs) != 1 || gs[0].Exchange != "venue" {
		t.Fatalf("got %d groups (%+v), want one, for venue", len(gs), gs)
	}
}

// TestGroupDropsClaimed: in a file naming two venues whose secrets have one
// shape, the value that pairs with one venue's key is that venue's; the
// other venue's lone match of the same bytes is dropped, while a lone part
// that no other credential holds is still reported.
func TestGroupDropsClaimed(t *testing.T) {
	const pack = `
[[rules]]
id = "a-key"
exchange = "a"
part = "key"
regex = '''A_KEY\s*=\s*([A-Za-z0-9]{24})'''
keywords = ["a_key"]
[[rules]]
id = "a-secret"
exchange = "a"
part = "secret"
regex = '''SECRET\s*=\s*([A-Za-z0-9]{32})'''
keywords = ["secret"]
[[rules]]
id = "b-key"
exchange = "b"
part = "key"
regex = '''B_KEY\s*=\s*([A-Za-z0-9]{20})\b'''
keywords = ["b_key"]
[[rules]]
id = "b-secret"
exchange = "b"
part = "secret"
regex = '''SECRET\s*=\s*([A-Za-z0-9]{32})'''
keywords = ["secret"]
[[credentials]]
id = "a"
exchange = "a"
rules = ["a-key", "a-secret"]
withinLines = 3
[[credentials]]
id = "b"
exchange = "b"
rules = ["b-key", "b-secret"]
withinLines = 3
`
	p, err := rules.Parse("claim.toml", []byte(pack))
	if err != nil {
		t.Fatal(err)
	}
	s, err := rules.Compile(p)
	if err != nil {
		t.Fatal(err)
	}
	const (
		ka = "Ka8Lm3Nq7Rt2Vw9Xy4Zb6Cd1"
		sa = "Sa9Bc2De7Fg4Hj8Km3Np6Qr1St5Uv0Wx"
		kb = "Kz3Yx8Wv2Ut7Sr4Qp9On"
		sb = "Sz4Yx9Wv3Ut8Sr2Qp7On5Ml0Kj6Ih1Gf"
		sx = "Xq4Yx9Wv3Ut8Sr2Qp7On5Ml0Kj6Ih1Gf"
	)
	text := "A_KEY=" + ka + "\nA_SECRET=" + sa + "\n\n\n\n\nB_KEY=" + kb + "\nB_SECRET=" + sb + "\n\n\n\n\nOTHER_SECRET=" + sx + "\n"
	var got []string
	for _, g := range s.Group(s.Find([]byte(text), "")) {
		var ps []string
		for _, m := range g.Parts {
			ps = append(ps, string(m.Part)+"="+m.Secret)
		}
		got = append(got, g.ID+":"+strings.Join(ps, ","))
	}
	want := []string{
		"a:key=" + ka + ",secret=" + sa,
		"b:key=" + kb + ",secret=" + sb,
		// sx pairs with nothing: both venues' lone matches stay.
		"a:secret=" + sx,
		"b:secret=" + sx,
	}
	if strings.Join(got, "\n") != strings.Join(want, "\n") {
		t.Fatalf("got\n%s\nwant\n%s", strings.Join(got, "\n"), strings.Join(want, "\n"))
	}
}

// TestKrakenKeyFilePath: krakenex's two-line kraken.key is a credential
// where the file's path names Kraken (kraken.key, a backup of it). Find,
// given the path, decides at once; for a blob reached without a path, Keep
// applies the path of each location it is reported at.
func TestKrakenKeyFilePath(t *testing.T) {
	s := defaultSet(t)
	const (
		key    = "5MLEjiT/JwlptWzSxUqQVsHe1k2PNdwbc/QgJM9xojn9Dr2S6qEeiCzF"
		secret = "UABW8O770WHVawnbyPklwsUbl1HWmDqXfzM6te+kGuZa88eV9IE3tbmalFQTRC4uoCcpoTOuL/FzUSBnJfJi1Q=="
	)
	data := []byte(key + "\n" + secret + "\n")
	count := func(ms []rules.Match) int {
		n := 0
		for _, m := range ms {
			if (m.RuleID == "kraken-api-key" && m.Secret == key || m.RuleID == "kraken-api-secret" && m.Secret == secret) && !m.NeedsPath {
				n++
			}
		}
		return n
	}
	for _, p := range []string{"bots/dca/kraken.key", "kraken.key.bak", "src/kraken.keys", "keys/Kraken.txt"} {
		if n := count(s.Find(data, p)); n != 2 {
			t.Errorf("%s: %d matches, want 2", p, n)
		}
	}
	gs := s.Group(s.Find(data, "kraken.key"))
	if len(gs) != 1 || gs[0].ID != "kraken" || !gs[0].Complete {
		t.Errorf("kraken.key: groups %s, want one complete kraken credential", describe(gs))
	}
	for _, p := range []string{"notes/keys.txt", "bots/mykraken.key", "binance.key"} {
		if ms := s.Find(data, p); len(ms) != 0 {
			t.Errorf("%s: %d matches, want 0", p, len(ms))
		}
	}
	ms := s.Find(data, "")
	if len(ms) < 2 {
		t.Fatalf("no path: %d matches, want the key and the secret, pending the path", len(ms))
	}
	for _, m := range ms {
		if !m.NeedsPath {
			t.Errorf("no path: %s holds without a path", m.RuleID)
		}
		if want := m.Exchange == "kraken"; s.Keep(&m, "a/kraken.key", "c0ffee") != want {
			t.Errorf("Keep(%s %s, a/kraken.key) = %v", m.Exchange, m.RuleID, !want)
		}
		if s.Keep(&m, "a/secrets.txt", "c0ffee") {
			t.Errorf("Keep(%s, a/secrets.txt) = true", m.RuleID)
		}
	}
}
