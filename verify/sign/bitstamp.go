package sign

import (
	"crypto/sha256"
	"strings"
)

// BitstampRequest holds the fields covered by a Bitstamp v2 X-Auth
// signature, in prehash order (see Bitstamp for the exact string).
// Reference: exchanges.md §2.10 ("Signing v2").
type BitstampRequest struct {
	APIKey      string // API key (X-Auth is "BITSTAMP " + APIKey)
	Method      string // HTTP method; upper-cased when signing
	Host        string // e.g. "www.bitstamp.net"
	Path        string // e.g. "/api/v2/account_balances/"
	Query       string // query string, appended verbatim ("" when none)
	ContentType string // Content-Type header; "" when no body is sent
	Nonce       string // X-Auth-Nonce, a fresh UUID4 (see UUIDv4)
	Timestamp   string // X-Auth-Timestamp, milliseconds
	Body        string // exact request body ("" when none)
}

// Bitstamp returns the X-Auth-Signature header of a Bitstamp v2 request:
//
//	hex(HMAC-SHA256(secret, "BITSTAMP " + APIKey + METHOD + Host + Path +
//	    Query + ContentType + Nonce + Timestamp + "v2" + Body))
//
// The other headers are X-Auth ("BITSTAMP " + APIKey), X-Auth-Nonce,
// X-Auth-Timestamp and X-Auth-Version ("v2").
//
// Reference: exchanges.md §2.10 (Bitstamp, "Signing v2").
func Bitstamp(secret string, r BitstampRequest) string {
	return hmacHex(sha256.New, secret, bitstampPrehash(r))
}

func bitstampPrehash(r BitstampRequest) string {
	return "BITSTAMP " + r.APIKey + upper(r.Method) + r.Host + r.Path + r.Query +
		r.ContentType + r.Nonce + r.Timestamp + "v2" + r.Body
}

// BitstampV1 returns the legacy Bitstamp v1 "signature" POST field:
//
//	upper(hex(HMAC-SHA256(secret, nonce + customerID + apiKey)))
//
// Reference: exchanges.md §2.10 ("Signing v2", legacy v1 bullet).
func BitstampV1(secret, nonce, customerID, apiKey string) string {
	return strings.ToUpper(hmacHex(sha256.New, secret, nonce+customerID+apiKey))
}
