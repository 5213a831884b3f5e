package sign

import (
	"crypto/ecdsa"
	"crypto/ed25519"
	"crypto/elliptic"
	"crypto/rand"
	"crypto/sha256"
	"encoding/base64"
	"fmt"
	"io"
	"strings"
	"time"
)

// CoinbaseKeyPermissionsURI is the CoinbaseJWT uri claim (METHOD + " " +
// host + path) for the read-only CDP call that proves a key is live and
// reports its permissions. Reference: exchanges.md §2.3 A ("Liveness +
// permissions").
const CoinbaseKeyPermissionsURI = "GET api.coinbase.com/api/v3/brokerage/key_permissions"

// CoinbaseJWTLifetime is how long a CDP JWT is valid: CoinbaseJWT sets
// exp = nbf + 120 s. Reference: exchanges.md §2.3 A ("Signing: JWT").
const CoinbaseJWTLifetime = 120 * time.Second

// CoinbaseURI returns a CDP JWT uri claim: METHOD + " " + host + path, e.g.
// "GET api.coinbase.com/api/v3/brokerage/key_permissions".
//
// Reference: exchanges.md §2.3 A ("Signing: JWT").
func CoinbaseURI(method, host, path string) string {
	return upper(method) + " " + host + path
}

type coinbaseHeader struct {
	Alg   string `json:"alg"`
	Kid   string `json:"kid"`
	Typ   string `json:"typ"`
	Nonce string `json:"nonce"`
}

type coinbaseClaims struct {
	Sub  string   `json:"sub"`
	Iss  string   `json:"iss"`
	Nbf  int64    `json:"nbf"`
	Exp  int64    `json:"exp"`
	URIs []string `json:"uris,omitempty"`
}

// coinbaseKey turns a CDP secret into a signing key: a P-256 PEM key (SEC 1
// or PKCS #8, real or literal "\n" line breaks) or base64 of an Ed25519 key
// (64 bytes seed||public, or a bare 32-byte seed).
func coinbaseKey(secret string) (any, error) {
	if strings.Contains(secret, "-----BEGIN") {
		k, err := ParsePrivateKeyPEM(secret)
		if err != nil {
			return nil, err
		}
		switch k := k.(type) {
		case *ecdsa.PrivateKey:
			if k.Curve != elliptic.P256() {
				return nil, fmt.Errorf("sign: coinbase EC key is on %s, want P-256", k.Curve.Params().Name)
			}
			return k, nil
		case ed25519.PrivateKey:
			return k, nil
		default:
			return nil, fmt.Errorf("sign: coinbase does not accept %T keys", k)
		}
	}
	raw, err := base64.StdEncoding.DecodeString(strings.TrimSpace(secret))
	if err != nil {
		return nil, fmt.Errorf("sign: coinbase secret is neither PEM nor base64: %w", err)
	}
	switch len(raw) {
	case ed25519.PrivateKeySize:
		return ed25519.NewKeyFromSeed(raw[:ed25519.SeedSize]), nil
	case ed25519.SeedSize:
		return ed25519.NewKeyFromSeed(raw), nil
	default:
		return nil, fmt.Errorf("sign: coinbase Ed25519 secret decodes to %d bytes, want 64", len(raw))
	}
}

// CoinbaseJWT returns a Coinbase Developer Platform (CDP) bearer JWT (sent
// as "Authorization: Bearer " + token), signed with the key's secret:
//
//   - an EC P-256 private key in PEM ("BEGIN EC PRIVATE KEY" or PKCS #8
//     "BEGIN PRIVATE KEY"), with real line breaks or the literal "\n"
//     escapes it usually has in code and JSON → alg "ES256", signature is
//     the 64-byte r||s of ECDSA-P256-SHA256 (randomised: ECDSA always uses
//     crypto/rand, so the signature differs on every call);
//   - base64 of an Ed25519 key (64 bytes = seed||public, 88 characters) →
//     alg "EdDSA".
//
// Token = b64url(header) + "." + b64url(claims) + "." + b64url(signature
// over those first two parts), with
//
//	header {"alg":alg,"kid":keyName,"typ":"JWT","nonce":hex(16 random bytes)}
//	claims {"sub":keyName,"iss":"cdp","nbf":now,"exp":now+120,"uris":[uri]}
//
// (nbf/exp in unix seconds; "uris" omitted when uri is ""). uri is
// METHOD + " " + host + path (see CoinbaseURI, CoinbaseKeyPermissionsURI).
// The nonce is read from nonceSource (crypto/rand when nil), so with a fixed
// reader and a fixed now everything except an ES256 signature is
// deterministic.
//
// Reference: exchanges.md §2.3 A (Coinbase CDP, "Signing: JWT").
func CoinbaseJWT(keyName, secret, uri string, now time.Time, nonceSource io.Reader) (string, error) {
	key, err := coinbaseKey(secret)
	if err != nil {
		return "", err
	}
	nonce, err := randomHex(nonceSource, 16)
	if err != nil {
		return "", err
	}
	alg := "EdDSA"
	if _, ok := key.(*ecdsa.PrivateKey); ok {
		alg = "ES256"
	}
	claims := coinbaseClaims{
		Sub: keyName,
		Iss: "cdp",
		Nbf: now.Unix(),
		Exp: now.Add(CoinbaseJWTLifetime).Unix(),
	}
	if uri != "" {
		claims.URIs = []string{uri}
	}
	in := jwtSigningInput(coinbaseHeader{Alg: alg, Kid: keyName, Typ: "JWT", Nonce: nonce}, claims)
	var sig []byte
	switch k := key.(type) {
	case *ecdsa.PrivateKey:
		sig, err = es256(k, in)
		if err != nil {
			return "", err
		}
	case ed25519.PrivateKey:
		sig = ed25519.Sign(k, []byte(in))
	}
	return in + "." + b64url.EncodeToString(sig), nil
}

// es256 returns the JWS ES256 signature (RFC 7518 §3.4): r and s as 32-byte
// big-endian integers, concatenated.
func es256(k *ecdsa.PrivateKey, signingInput string) ([]byte, error) {
	digest := sha256.Sum256([]byte(signingInput))
	r, s, err := ecdsa.Sign(rand.Reader, k, digest[:])
	if err != nil {
		return nil, fmt.Errorf("sign: es256: %w", err)
	}
	out := make([]byte, 64)
	r.FillBytes(out[:32])
	s.FillBytes(out[32:])
	return out, nil
}

// CoinbaseExchange returns the CB-ACCESS-SIGN header of a legacy Coinbase
// Exchange (ex-Pro/GDAX, api.exchange.coinbase.com) request:
//
//	base64(HMAC-SHA256(base64decode(secretB64), timestamp + METHOD + requestPath + body))
//
// timestamp is CB-ACCESS-TIMESTAMP (seconds), requestPath includes any
// "?query", body is "" when none. The passphrase is not signed: it is sent
// in plaintext as CB-ACCESS-PASSPHRASE alongside CB-ACCESS-KEY. A secret
// that is not standard base64 is an error.
//
// Reference: exchanges.md §2.3 C (Coinbase Exchange).
func CoinbaseExchange(secretB64, timestamp, method, requestPath, body string) (string, error) {
	key, err := decodeB64Secret("coinbase exchange", secretB64)
	if err != nil {
		return "", err
	}
	mac := hmacSum(sha256.New, key, coinbasePrehash(timestamp, method, requestPath, body))
	return base64.StdEncoding.EncodeToString(mac), nil
}

func coinbasePrehash(timestamp, method, requestPath, body string) string {
	return timestamp + upper(method) + requestPath + body
}

// CoinbaseV2 returns the CB-ACCESS-SIGN header of a deprecated Coinbase v2
// ("wallet") HMAC key:
//
//	hex(HMAC-SHA256(secret, timestamp + METHOD + requestPath + body))
//
// with timestamp in seconds (CB-ACCESS-TIMESTAMP) and the raw secret.
//
// Reference: exchanges.md §2.3 B (legacy Coinbase v2 HMAC keys).
func CoinbaseV2(secret, timestamp, method, requestPath, body string) string {
	return hmacHex(sha256.New, secret, coinbasePrehash(timestamp, method, requestPath, body))
}
