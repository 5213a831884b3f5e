package sign

import (
	"crypto"
	"crypto/ed25519"
	"crypto/rsa"
	"crypto/sha256"
	"encoding/base64"
	"fmt"
)

// Binance returns the HMAC signature of a Binance (and Binance.US) SIGNED
// request: hex(HMAC-SHA256(secret, payload)).
//
// Prehash: payload = queryString + requestBody, concatenated with NO
// separator (not even "&") when both are present, including the timestamp
// (and optional recvWindow) parameters, with non-ASCII characters already
// percent-encoded exactly as sent. Example:
// "symbol=LTCBTC&side=BUY&...&recvWindow=5000&timestamp=1499827319559".
// The result goes in the "signature" parameter; the key in X-MBX-APIKEY.
//
// Reference: exchanges.md §2.1 (Binance, "Signing") and §2.2 (Binance.US).
func Binance(secret, payload string) string {
	return hmacHex(sha256.New, secret, payload)
}

// BinanceEd25519 signs a Binance request with an Ed25519 API key:
// base64(Ed25519(privateKey, payload)). The payload is built exactly as for
// Binance (query string + body, no separator). The signature is 88 base64
// characters (64 bytes) and must be percent-encoded when sent.
//
// Reference: exchanges.md §2.1 ("Signing": Ed25519); §0.1 explains why the
// 344-character "Ed25519" signatures printed in the Binance docs are wrong.
func BinanceEd25519(privateKey ed25519.PrivateKey, payload string) string {
	return base64.StdEncoding.EncodeToString(ed25519.Sign(privateKey, []byte(payload)))
}

// BinanceRSA signs a Binance request with an RSA API key:
// base64(RSASSA-PKCS1-v1_5(SHA-256(payload))). The payload is built exactly
// as for Binance. PKCS #1 v1.5 signatures are deterministic.
//
// Reference: exchanges.md §2.1 ("Signing": RSA).
func BinanceRSA(privateKey *rsa.PrivateKey, payload string) (string, error) {
	sum := sha256.Sum256([]byte(payload))
	sig, err := rsa.SignPKCS1v15(nil, privateKey, crypto.SHA256, sum[:])
	if err != nil {
		return "", fmt.Errorf("sign: binance rsa: %w", err)
	}
	return base64.StdEncoding.EncodeToString(sig), nil
}

// BinancePEM parses a PEM private key (see ParsePrivateKeyPEM; Binance
// issues PKCS #8 "PRIVATE KEY" files) and signs payload with BinanceEd25519
// or BinanceRSA according to the key type. Other key types are an error.
//
// Reference: exchanges.md §2.1 ("Credentials" and "Signing").
func BinancePEM(privateKeyPEM, payload string) (string, error) {
	k, err := ParsePrivateKeyPEM(privateKeyPEM)
	if err != nil {
		return "", err
	}
	switch k := k.(type) {
	case ed25519.PrivateKey:
		return BinanceEd25519(k, payload), nil
	case *rsa.PrivateKey:
		return BinanceRSA(k, payload)
	default:
		return "", fmt.Errorf("sign: binance does not accept %T keys", k)
	}
}
