package sign

import (
	"crypto"
	"crypto/ecdsa"
	"crypto/ed25519"
	"crypto/rsa"
	"crypto/x509"
	"encoding/base64"
	"encoding/pem"
	"errors"
	"fmt"
	"regexp"
	"strings"
)

// ErrNoPEM is returned by ParsePrivateKeyPEM (and so by BinancePEM and
// CoinbaseJWT) when a private-key string contains no PEM block. Reference:
// exchanges.md §2.1 and §2.3 A ("Credentials").
var ErrNoPEM = errors.New("sign: no PEM private key block found")

// pemArmor matches a complete PEM block even when its line breaks were lost
// or replaced (for example by spaces, or by the two characters `\` `n`).
var pemArmor = regexp.MustCompile(`-----BEGIN ([A-Z0-9 ]+)-----(.*?)-----END ([A-Z0-9 ]+)-----`)

// normalizePEM undoes the ways a PEM key is commonly mangled when it is stored
// in source code, .env files or JSON: surrounding quotes, literal `\n` or
// `\r\n` escapes instead of line breaks, CRLF line endings and indentation.
func normalizePEM(s string) string {
	s = strings.TrimSpace(s)
	s = strings.Trim(s, "\"'`")
	r := strings.NewReplacer(`\r\n`, "\n", `\n`, "\n", `\r`, "\n", "\r\n", "\n", "\r", "\n")
	s = r.Replace(s)
	lines := strings.Split(s, "\n")
	for i, l := range lines {
		lines[i] = strings.TrimSpace(l)
	}
	return strings.Join(lines, "\n")
}

// decodePEM returns the first PEM block in s. If pem.Decode cannot find one
// (line breaks collapsed into spaces, say) it rebuilds the block from the
// BEGIN/END armour and the base64 between them.
func decodePEM(s string) (*pem.Block, error) {
	s = normalizePEM(s)
	if b, _ := pem.Decode([]byte(s)); b != nil {
		return b, nil
	}
	m := pemArmor.FindStringSubmatch(strings.ReplaceAll(s, "\n", " "))
	if m == nil || m[1] != m[3] {
		return nil, ErrNoPEM
	}
	body := strings.Join(strings.Fields(m[2]), "")
	der, err := base64.StdEncoding.DecodeString(body)
	if err != nil {
		return nil, fmt.Errorf("sign: PEM body is not base64: %w", err)
	}
	return &pem.Block{Type: m[1], Bytes: der}, nil
}

// ParsePrivateKeyPEM parses a PEM-encoded private key as found in leaked
// configuration: "EC PRIVATE KEY" (SEC 1), "RSA PRIVATE KEY" (PKCS #1) or
// "PRIVATE KEY" (PKCS #8 holding an ECDSA, Ed25519 or RSA key). The text may
// use real line breaks, literal `\n` escapes (as in JSON strings and .env
// files), CRLF, surrounding quotes, or have its line breaks collapsed into
// spaces. The result is an *ecdsa.PrivateKey, an ed25519.PrivateKey or an
// *rsa.PrivateKey. Encrypted PEM is not supported.
//
// Used by BinancePEM (exchanges.md §2.1) and CoinbaseJWT (§2.3 A).
func ParsePrivateKeyPEM(s string) (crypto.Signer, error) {
	b, err := decodePEM(s)
	if err != nil {
		return nil, err
	}
	switch b.Type {
	case "EC PRIVATE KEY":
		return x509.ParseECPrivateKey(b.Bytes)
	case "RSA PRIVATE KEY":
		return x509.ParsePKCS1PrivateKey(b.Bytes)
	case "PRIVATE KEY":
		k, err := x509.ParsePKCS8PrivateKey(b.Bytes)
		if err != nil {
			return nil, err
		}
		switch k := k.(type) {
		case *ecdsa.PrivateKey:
			return k, nil
		case ed25519.PrivateKey:
			return k, nil
		case *rsa.PrivateKey:
			return k, nil
		default:
			return nil, fmt.Errorf("sign: unsupported PKCS #8 key type %T", k)
		}
	default:
		return nil, fmt.Errorf("sign: unsupported PEM block type %q", b.Type)
	}
}
