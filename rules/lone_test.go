package rules_test

import (
	"crypto/sha256"
	"encoding/hex"
	"testing"

	"github.com/tyler-smith/go-bip39"

	"github.com/keyhound/keyhound/rules"
)

// TestLonePartsThatAreWords: a credential part found alone whose value is
// a word or an identifier is not reported; the same value paired with a
// key and a secret is (people choose word passphrases); a lone random
// value is reported, incomplete.
func TestLonePartsThatAreWords(t *testing.T) {
	set := defaultSet(t)
	const key, secret = "0fdca03f-4788-487f-aa3f-0306bdf5d762", "766E572CE85BE6A65031944F607A8657"
	tests := []struct {
		name, text string
		want       []string // part=value of each group's parts, "|" between groups
	}{
		{"lone identifier", "okx:\n  passphrase: test_memo\n", nil},
		{"lone capitals", "okx:\n  passphrase: PASSPHRASE_VALUE\n", nil},
		{"lone camel case", "okx:\n  passphrase: somePhrase\n", nil},
		{"lone number", "okx:\n  passphrase: 1640995200\n", nil},
		{"lone date", "okx:\n  passphrase: 2024-01-31\n", nil},
		{"lone digits and letters", "okx:\n  passphrase: 2024-01-31x\n", []string{"passphrase=2024-01-31x"}},
		{"lone random", "okx:\n  passphrase: Birch-4410x\n", []string{"passphrase=Birch-4410x"}},
		{"paired word", "okx:\n  api_key: " + key + "\n  secret: " + secret + "\n  passphrase: somePhrase\n",
			[]string{"key=" + key + " secret=" + secret + " passphrase=somePhrase"}},
		{"paired number", "okx:\n  api_key: " + key + "\n  secret: " + secret + "\n  passphrase: 20240131\n",
			[]string{"key=" + key + " secret=" + secret + " passphrase=20240131"}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			var got []string
			for _, g := range set.Group(findKept(set, tt.text)) {
				s := ""
				for i, p := range g.Parts {
					if i > 0 {
						s += " "
					}
					s += string(p.Part) + "=" + p.Secret
				}
				got = append(got, s)
			}
			if len(got) != len(tt.want) {
				t.Fatalf("groups %q, want %q", got, tt.want)
			}
			for i := range got {
				if got[i] != tt.want[i] {
					t.Errorf("group %d = %q, want %q", i, got[i], tt.want[i])
				}
			}
		})
	}
}

func TestPatternedValuesArePlaceholders(t *testing.T) {
	for _, tt := range []struct {
		v    string
		want bool
	}{
		{"111222333444555666777888999aaabbbcccdddeeefff000111222333444555", true},
		{"aabbccddeeff00112233445566778899", true},
		{"4f3edf983ac636a65a842ce7c78d9aa706d3b113bce9c46f30d7d21715b23b1d", false},
		{"766E572CE85BE6A65031944F607A8657", false},
	} {
		if got := rules.IsPlaceholder(tt.v); got != tt.want {
			t.Errorf("IsPlaceholder(%q) = %v, want %v", tt.v, got, tt.want)
		}
	}
}

// TestKnownExamplesAreNotFindings: published example keys and mnemonics
// are not findings under any rule, also under the mnemonic rule that
// keeps values a placeholder test would drop; a fresh valid mnemonic
// and key under the same names are.
func TestKnownExamplesAreNotFindings(t *testing.T) {
	set := defaultSet(t)
	sum := sha256.Sum256([]byte("keyhound known examples"))
	fresh, err := bip39.NewMnemonic(sum[:16])
	if err != nil {
		t.Fatal(err)
	}
	tests := []struct {
		name, text string
		want       int
	}{
		{"hardhat key", `PRIVATE_KEY = "0xac0974bec39a17e36ba4a6b4d238ff944bacb478cbed5efcae784d7bf4f2ff80"`, 0},
		{"tutorial key", `private_key = "0x8da4ef21b864d2cc526dbdb2a120bd2874c36c9d0a1fb7f8c63d7f7a8b41de8f"`, 0},
		{"docstring mnemonic", `mnemonic = "cabin raise oven oven knock fantasy flock letter click empty skate volcano"`, 0},
		{"docstring mnemonic, commas", `mnemonic = "cabin, raise, oven, oven, knock, fantasy, flock, letter, click, empty, skate, volcano"`, 0},
		{"fresh mnemonic", `mnemonic = "` + fresh + `"`, 1},
		{"fresh key", `private_key = "0x` + hex.EncodeToString(sum[:]) + `"`, 1},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			if got := set.Group(findKept(set, tt.text)); len(got) != tt.want {
				t.Errorf("%d findings, want %d: %+v", len(got), tt.want, got)
			}
		})
	}
}
