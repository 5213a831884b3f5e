package rules

import (
	"encoding/base64"
	"encoding/hex"
	"math/big"
	"regexp"
	"strings"

	"github.com/tyler-smith/go-bip39"
	"github.com/tyler-smith/go-bip39/wordlists"
)

// validators are the structural checks a rule can name in Validate.
var validators = map[string]func(string) bool{
	"bip39":           ValidMnemonic,
	"evm-private-key": ValidEVMPrivateKey,
	"pem-private-key": ValidPEMPrivateKey,
}

// prefilters are cheap necessary conditions for validators: a window
// without what they need is not worth running the rule's regex on.
var prefilters = map[string]func([]byte) bool{
	"bip39": hasMnemonicRun,
}

// hasMnemonicRun reports whether w holds 12 consecutive words of the
// BIP-39 English list (separated by spaces, commas, quotes or newlines).
// English prose fails it: "the", "of", "and" are not on the list.
func hasMnemonicRun(w []byte) bool {
	run := 0
	for i := 0; i < len(w); {
		c := w[i] | 0x20
		if c < 'a' || c > 'z' {
			switch w[i] {
			case ' ', '\t', ',', '"', '\'', '\\', '\n', '\r', '[', ']':
			default:
				run = 0
			}
			i++
			continue
		}
		j := i
		var buf [8]byte
		n := 0
		for j < len(w) && ((w[j]|0x20) >= 'a' && (w[j]|0x20) <= 'z') {
			if n < len(buf) {
				buf[n] = w[j] | 0x20
			}
			n++
			j++
		}
		if n >= 3 && n <= 8 && english[string(buf[:n])] {
			run++
			if run >= 12 {
				return true
			}
		} else {
			run = 0
		}
		i = j
	}
	return false
}

var english = func() map[string]bool {
	m := make(map[string]bool, len(wordlists.English))
	for _, w := range wordlists.English {
		m[w] = true
	}
	return m
}()

var mnemonicSep = regexp.MustCompile(`[\s,"']+`)

// ValidMnemonic reports whether s is a BIP-39 mnemonic: 12, 15, 18, 21 or
// 24 words of the English list whose checksum is right. Words may be
// separated by spaces, newlines, commas or quotes.
func ValidMnemonic(s string) bool {
	words := mnemonicSep.Split(strings.ToLower(strings.TrimSpace(s)), -1)
	clean := words[:0]
	for _, w := range words {
		if w != "" {
			clean = append(clean, w)
		}
	}
	switch len(clean) {
	case 12, 15, 18, 21, 24:
	default:
		return false
	}
	for _, w := range clean {
		if !english[w] {
			return false
		}
	}
	_, err := bip39.EntropyFromMnemonic(strings.Join(clean, " "))
	return err == nil
}

// secp256k1 group order: a private key is an integer in [1, n-1].
var secp256k1N, _ = new(big.Int).SetString("FFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFEBAAEDCE6AF48A03BBFD25E8CD0364141", 16)

// ValidEVMPrivateKey reports whether s (with or without 0x) is 32 bytes of
// hex that form a valid secp256k1 private key.
func ValidEVMPrivateKey(s string) bool {
	s = strings.TrimPrefix(strings.TrimPrefix(strings.TrimSpace(s), "0x"), "0X")
	if len(s) != 64 {
		return false
	}
	b, err := hex.DecodeString(s)
	if err != nil {
		return false
	}
	k := new(big.Int).SetBytes(b)
	return k.Sign() > 0 && k.Cmp(secp256k1N) < 0
}

var pemBody = regexp.MustCompile(`(?s)-----BEGIN ([A-Z ]*PRIVATE KEY)-----(.*?)-----END ([A-Z ]*PRIVATE KEY)-----`)

// ValidPEMPrivateKey reports whether s holds a PEM private-key block
// (possibly with literal \n escapes, as in JSON or .env files) whose body
// is base64 of a plausible key (at least 32 bytes).
func ValidPEMPrivateKey(s string) bool {
	s = strings.NewReplacer(`\r\n`, "\n", `\n`, "\n", `\\n`, "\n").Replace(s)
	m := pemBody.FindStringSubmatch(s)
	if m == nil || m[1] != m[3] {
		return false
	}
	var body strings.Builder
	for _, line := range strings.Split(m[2], "\n") {
		line = strings.TrimSpace(line)
		if line == "" || strings.Contains(line, ":") { // skip Proc-Type/DEK-Info headers
			continue
		}
		body.WriteString(line)
	}
	raw, err := base64.StdEncoding.DecodeString(body.String())
	return err == nil && len(raw) >= 32
}
