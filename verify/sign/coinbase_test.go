package sign

import (
	"bytes"
	"crypto"
	"crypto/ecdh"
	"crypto/ecdsa"
	"crypto/ed25519"
	"crypto/elliptic"
	"crypto/rand"
	"crypto/rsa"
	"crypto/sha256"
	"crypto/x509"
	"encoding/base64"
	"encoding/json"
	"encoding/pem"
	"math/big"
	"strings"
	"sync"
	"testing"
	"time"
)

func pemString(t *testing.T, typ string, der []byte) string {
	t.Helper()
	return string(pem.EncodeToMemory(&pem.Block{Type: typ, Bytes: der}))
}

func pkcs8(t *testing.T, k any) string {
	t.Helper()
	der, err := x509.MarshalPKCS8PrivateKey(k)
	if err != nil {
		t.Fatal(err)
	}
	return pemString(t, "PRIVATE KEY", der)
}

// pemVariants returns the ways a leaked PEM key commonly appears.
func pemVariants(p string) map[string]string {
	escaped := strings.ReplaceAll(strings.TrimSpace(p), "\n", `\n`)
	return map[string]string{
		"real newlines":       p,
		"literal \\n":         escaped,
		"literal \\n + tail":  escaped + `\n`,
		"quoted literal \\n":  `"` + escaped + `\n"`,
		"CRLF":                strings.ReplaceAll(p, "\n", "\r\n"),
		"literal \\r\\n":      strings.ReplaceAll(strings.TrimSpace(p), "\n", `\r\n`),
		"indented":            "    " + strings.ReplaceAll(p, "\n", "\n    "),
		"newlines as spaces":  strings.ReplaceAll(strings.TrimSpace(p), "\n", " "),
		"single line no gaps": strings.ReplaceAll(strings.ReplaceAll(strings.TrimSpace(p), "\n", ""), "-----MII", "----- MII"),
	}
}

var (
	testECKeyOnce sync.Once
	testECKey     *ecdsa.PrivateKey
)

func ecKey(t *testing.T) *ecdsa.PrivateKey {
	t.Helper()
	testECKeyOnce.Do(func() {
		k, err := ecdsa.GenerateKey(elliptic.P256(), rand.Reader)
		if err != nil {
			panic(err)
		}
		testECKey = k
	})
	return testECKey
}

var fixedNow = time.Unix(1_700_000_000, 0)

// checkCoinbaseJWT decodes tok and checks its header, claims and signature
// against pub (an *ecdsa.PublicKey or ed25519.PublicKey).
func checkCoinbaseJWT(t *testing.T, tok, keyName, uri string, pub crypto.PublicKey, wantNonce string) {
	t.Helper()
	header, claims, input, sig := splitJWT(t, tok)
	switch pub := pub.(type) {
	case *ecdsa.PublicKey:
		if header["alg"] != "ES256" {
			t.Errorf("alg = %v, want ES256", header["alg"])
		}
		if len(sig) != 64 {
			t.Fatalf("ES256 signature is %d bytes, want 64", len(sig))
		}
		d := sha256.Sum256([]byte(input))
		r, s := new(big.Int).SetBytes(sig[:32]), new(big.Int).SetBytes(sig[32:])
		if !ecdsa.Verify(pub, d[:], r, s) {
			t.Error("ES256 signature does not verify")
		}
	case ed25519.PublicKey:
		if header["alg"] != "EdDSA" {
			t.Errorf("alg = %v, want EdDSA", header["alg"])
		}
		if !ed25519.Verify(pub, []byte(input), sig) {
			t.Error("EdDSA signature does not verify")
		}
	default:
		t.Fatalf("unexpected public key type %T", pub)
	}
	if header["kid"] != keyName || header["typ"] != "JWT" {
		t.Errorf("header = %v", header)
	}
	nonce, _ := header["nonce"].(string)
	if len(nonce) != 32 || (wantNonce != "" && nonce != wantNonce) {
		t.Errorf("nonce = %q, want 32 hex chars %q", nonce, wantNonce)
	}
	if claims["sub"] != keyName || claims["iss"] != "cdp" {
		t.Errorf("claims = %v", claims)
	}
	nbf, _ := claims["nbf"].(json.Number).Int64()
	exp, _ := claims["exp"].(json.Number).Int64()
	if nbf != fixedNow.Unix() || exp != nbf+120 {
		t.Errorf("nbf/exp = %d/%d, want %d/%d", nbf, exp, fixedNow.Unix(), fixedNow.Unix()+120)
	}
	if uri == "" {
		if _, ok := claims["uris"]; ok {
			t.Errorf("uris present without a uri: %v", claims)
		}
		return
	}
	uris, _ := claims["uris"].([]any)
	if len(uris) != 1 || uris[0] != uri {
		t.Errorf("uris = %v, want [%q]", claims["uris"], uri)
	}
}

func TestCoinbaseJWTES256(t *testing.T) {
	k := ecKey(t)
	sec1, err := x509.MarshalECPrivateKey(k)
	if err != nil {
		t.Fatal(err)
	}
	const keyName = "organizations/0d8bcd1a-1f9e-4f7b-9c55-3b2d1c6a7e10/apiKeys/5b1e0c2d-7a8f-4c3b-9e6d-2f1a0b9c8d7e"
	forms := pemVariants(pemString(t, "EC PRIVATE KEY", sec1))
	forms["pkcs8"] = pkcs8(t, k)
	for name, secret := range forms {
		t.Run(name, func(t *testing.T) {
			nonce := bytes.NewReader(bytes.Repeat([]byte{0xab}, 16))
			tok, err := CoinbaseJWT(keyName, secret, CoinbaseKeyPermissionsURI, fixedNow, nonce)
			if err != nil {
				t.Fatal(err)
			}
			checkCoinbaseJWT(t, tok, keyName, CoinbaseKeyPermissionsURI, &k.PublicKey, strings.Repeat("ab", 16))
		})
	}
}

func TestCoinbaseJWTEdDSA(t *testing.T) {
	seed := bytes.Repeat([]byte{7}, ed25519.SeedSize)
	priv := ed25519.NewKeyFromSeed(seed)
	pub := priv.Public().(ed25519.PublicKey)
	const keyName = "5b1e0c2d-7a8f-4c3b-9e6d-2f1a0b9c8d7e"
	uri := CoinbaseURI("get", "api.coinbase.com", "/api/v3/brokerage/accounts")
	if uri != "GET api.coinbase.com/api/v3/brokerage/accounts" {
		t.Fatalf("CoinbaseURI = %q", uri)
	}
	forms := map[string]string{
		"base64 64 bytes":     base64.StdEncoding.EncodeToString(priv),
		"base64 + whitespace": " " + base64.StdEncoding.EncodeToString(priv) + "\n",
		"base64 seed":         base64.StdEncoding.EncodeToString(seed),
		"pkcs8 pem":           pkcs8(t, priv),
	}
	for name, secret := range forms {
		t.Run(name, func(t *testing.T) {
			nonce := bytes.NewReader(make([]byte, 16))
			tok, err := CoinbaseJWT(keyName, secret, uri, fixedNow, nonce)
			if err != nil {
				t.Fatal(err)
			}
			checkCoinbaseJWT(t, tok, keyName, uri, pub, strings.Repeat("00", 16))
			// Ed25519 is deterministic: same inputs, same token.
			again, _ := CoinbaseJWT(keyName, secret, uri, fixedNow, bytes.NewReader(make([]byte, 16)))
			if again != tok {
				t.Error("EdDSA token is not deterministic for fixed inputs")
			}
		})
	}
	// No uri (e.g. websocket JWT) and the default nonce source.
	tok, err := CoinbaseJWT(keyName, forms["base64 64 bytes"], "", fixedNow, nil)
	if err != nil {
		t.Fatal(err)
	}
	checkCoinbaseJWT(t, tok, keyName, "", pub, "")
}

func TestCoinbaseJWTErrors(t *testing.T) {
	p384, err := ecdsa.GenerateKey(elliptic.P384(), rand.Reader)
	if err != nil {
		t.Fatal(err)
	}
	p384der, _ := x509.MarshalECPrivateKey(p384)
	x25519, err := ecdh.X25519().GenerateKey(rand.Reader)
	if err != nil {
		t.Fatal(err)
	}
	good := base64.StdEncoding.EncodeToString(ed25519.NewKeyFromSeed(make([]byte, 32)))
	tests := map[string]string{
		"P-384 key":          pemString(t, "EC PRIVATE KEY", p384der),
		"RSA key":            pkcs8(t, testRSAKey(t)),
		"X25519 key":         pkcs8(t, x25519),
		"certificate block":  pemString(t, "CERTIFICATE", []byte{1, 2, 3}),
		"garbage EC DER":     pemString(t, "EC PRIVATE KEY", []byte{1, 2, 3}),
		"garbage PKCS8 DER":  pemString(t, "PRIVATE KEY", []byte{1, 2, 3}),
		"armour only":        "-----BEGIN EC PRIVATE KEY----- not base64! -----END EC PRIVATE KEY-----",
		"mismatched armour":  "-----BEGIN EC PRIVATE KEY----- AAAA -----END PRIVATE KEY-----",
		"BEGIN without END":  "-----BEGIN EC PRIVATE KEY-----",
		"not base64":         "not a key at all",
		"wrong Ed25519 size": base64.StdEncoding.EncodeToString(make([]byte, 48)),
	}
	for name, secret := range tests {
		if _, err := CoinbaseJWT("k", secret, CoinbaseKeyPermissionsURI, fixedNow, nil); err == nil {
			t.Errorf("%s: CoinbaseJWT returned no error", name)
		}
	}
	if _, err := CoinbaseJWT("k", good, "", fixedNow, strings.NewReader("short")); err == nil {
		t.Error("CoinbaseJWT accepted a short nonce reader")
	}
}

var (
	testRSAKeyOnce sync.Once
	testRSAKeyVal  *rsa.PrivateKey
)

func testRSAKey(t *testing.T) *rsa.PrivateKey {
	t.Helper()
	testRSAKeyOnce.Do(func() {
		k, err := rsa.GenerateKey(rand.Reader, 2048)
		if err != nil {
			panic(err)
		}
		testRSAKeyVal = k
	})
	return testRSAKeyVal
}

func TestParsePrivateKeyPEM(t *testing.T) {
	rk := testRSAKey(t)
	ek := ecKey(t)
	_, edk, _ := ed25519.GenerateKey(rand.Reader)
	tests := map[string]struct {
		pem  string
		want crypto.PublicKey
	}{
		"RSA PKCS1": {pemString(t, "RSA PRIVATE KEY", x509.MarshalPKCS1PrivateKey(rk)), &rk.PublicKey},
		"RSA PKCS8": {pkcs8(t, rk), &rk.PublicKey},
		"EC PKCS8":  {pkcs8(t, ek), &ek.PublicKey},
		"Ed25519":   {pkcs8(t, edk), edk.Public()},
	}
	for name, tc := range tests {
		for form, p := range pemVariants(tc.pem) {
			k, err := ParsePrivateKeyPEM(p)
			if err != nil {
				t.Errorf("%s (%s): %v", name, form, err)
				continue
			}
			if eq, ok := k.Public().(interface{ Equal(crypto.PublicKey) bool }); !ok || !eq.Equal(tc.want) {
				t.Errorf("%s (%s): parsed a different key", name, form)
			}
		}
	}
	if _, err := ParsePrivateKeyPEM(""); err != ErrNoPEM {
		t.Errorf("empty input: err = %v, want ErrNoPEM", err)
	}
}

func TestBinanceAsymmetric(t *testing.T) {
	const payload = "symbol=BTCUSDT&side=SELL&type=LIMIT&timeInForce=GTC&quantity=1&price=0.2&timestamp=1668481559918&recvWindow=5000"

	edk := ed25519.NewKeyFromSeed(bytes.Repeat([]byte{1}, 32))
	got, err := BinancePEM(strings.ReplaceAll(pkcs8(t, edk), "\n", `\n`), payload)
	if err != nil {
		t.Fatal(err)
	}
	if want := base64.StdEncoding.EncodeToString(ed25519.Sign(edk, []byte(payload))); got != want || len(got) != 88 {
		t.Errorf("BinancePEM(Ed25519) = %s, want %s", got, want)
	}

	rk := testRSAKey(t)
	got, err = BinancePEM(pkcs8(t, rk), payload)
	if err != nil {
		t.Fatal(err)
	}
	sig, err := base64.StdEncoding.DecodeString(got)
	if err != nil {
		t.Fatal(err)
	}
	d := sha256.Sum256([]byte(payload))
	if err := rsa.VerifyPKCS1v15(&rk.PublicKey, crypto.SHA256, d[:], sig); err != nil || len(got) != 344 {
		t.Errorf("BinancePEM(RSA) does not verify (%d chars): %v", len(got), err)
	}
	again, err := BinanceRSA(rk, payload)
	if err != nil || again != got {
		t.Errorf("BinanceRSA is not deterministic: %v", err)
	}

	if _, err := BinancePEM(pkcs8(t, ecKey(t)), payload); err == nil {
		t.Error("BinancePEM accepted an ECDSA key")
	}
	if _, err := BinancePEM("nope", payload); err == nil {
		t.Error("BinancePEM accepted a non-PEM string")
	}
	if _, err := BinanceRSA(&rsa.PrivateKey{PublicKey: rsa.PublicKey{N: big.NewInt(15), E: 3}, D: big.NewInt(3)}, payload); err == nil {
		t.Error("BinanceRSA accepted a toy key")
	}
}
