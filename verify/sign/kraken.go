package sign

import (
	"crypto/sha256"
	"crypto/sha512"
	"encoding/base64"
	"fmt"
	"strings"
)

// decodeB64Secret decodes a standard, padded base64 secret, ignoring
// surrounding whitespace. An empty secret is an error.
func decodeB64Secret(exchange, secretB64 string) ([]byte, error) {
	key, err := base64.StdEncoding.DecodeString(strings.TrimSpace(secretB64))
	if err != nil {
		return nil, fmt.Errorf("sign: %s secret is not valid base64: %w", exchange, err)
	}
	if len(key) == 0 {
		return nil, fmt.Errorf("sign: %s secret is empty", exchange)
	}
	return key, nil
}

// krakenMessage returns path || SHA256(nonce + postData) (binary).
func krakenMessage(path, nonce, postData string) string {
	sum := sha256.Sum256([]byte(nonce + postData))
	return path + string(sum[:])
}

// Kraken returns the API-Sign header of a Kraken Spot REST private request:
//
//	base64(HMAC-SHA512(base64decode(secretB64), path || SHA256(nonce + postData)))
//
// where path is the URI path starting "/0/private/" (e.g.
// "/0/private/GetApiKeyInfo"), nonce is the decimal nonce that also appears
// inside postData, postData is the exact form- or JSON-encoded body sent,
// and || is binary concatenation of the path bytes with the 32-byte digest.
// The private key must be standard padded base64 (88 characters for the
// usual 64-byte key); anything else, including "", returns an error.
//
// Reference: exchanges.md §2.4 (Kraken, "Signing (Spot)").
func Kraken(secretB64, path, nonce, postData string) (string, error) {
	key, err := decodeB64Secret("kraken", secretB64)
	if err != nil {
		return "", err
	}
	mac := hmacSum(sha512.New, key, krakenMessage(path, nonce, postData))
	return base64.StdEncoding.EncodeToString(mac), nil
}

// KrakenFutures returns the Authent header of a Kraken Futures request:
//
//	base64(HMAC-SHA512(base64decode(secretB64), SHA256(postData + nonce + endpointPath)))
//
// where postData is the URL-encoded query/body ("" when none), nonce is the
// value of the Nonce header ("" when it is omitted) and endpointPath is the
// path such as "/api/v3/accounts" (clients sign it without the
// "/derivatives" prefix of the URL).
//
// Reference: exchanges.md §2.4 ("Kraken Futures").
func KrakenFutures(secretB64, endpointPath, nonce, postData string) (string, error) {
	key, err := decodeB64Secret("kraken futures", secretB64)
	if err != nil {
		return "", err
	}
	sum := sha256.Sum256([]byte(postData + nonce + endpointPath))
	mac := hmacSum(sha512.New, key, string(sum[:]))
	return base64.StdEncoding.EncodeToString(mac), nil
}
