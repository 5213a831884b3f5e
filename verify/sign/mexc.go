package sign

import "crypto/sha256"

// MEXC returns the "signature" parameter of a MEXC Spot v3 SIGNED request,
// a Binance clone:
//
//	hex(HMAC-SHA256(secret, totalParams))
//
// where totalParams is the query string followed directly by the body, with
// timestamp and recvWindow included. Note the docs' own example output
// (323c96ab…) is wrong; the correct value for that example is fd3e4e85….
//
// Reference: exchanges.md §2.13 (MEXC, "Signing") and §0.1.
func MEXC(secret, totalParams string) string {
	return hmacHex(sha256.New, secret, totalParams)
}
