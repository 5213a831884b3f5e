package sign

import (
	"crypto/sha256"
	"time"
)

// OKX returns the OK-ACCESS-SIGN header of an OKX v5 request:
//
//	base64(HMAC-SHA256(secret, timestamp + METHOD + requestPath + body))
//
// timestamp is the OK-ACCESS-TIMESTAMP value (ISO-8601 UTC with
// milliseconds, see OKXTimestamp), requestPath includes "?query" for GET,
// and body is "" when there is none. Example prehash:
// "2020-12-08T09:08:57.715ZGET/api/v5/account/balance?ccy=BTC". The
// passphrase is sent in plaintext (OK-ACCESS-PASSPHRASE) and is not signed.
//
// Reference: exchanges.md §2.5 (OKX, "Signing").
func OKX(secret, timestamp, method, requestPath, body string) string {
	return hmacB64(sha256.New, secret, okxPrehash(timestamp, method, requestPath, body))
}

func okxPrehash(timestamp, method, requestPath, body string) string {
	return timestamp + upper(method) + requestPath + body
}

// OKXTimestamp formats t as an OK-ACCESS-TIMESTAMP value: UTC ISO-8601 with
// exactly three fractional digits, e.g. "2020-12-08T09:08:57.715Z".
//
// Reference: exchanges.md §2.5 ("Signing").
func OKXTimestamp(t time.Time) string {
	return t.UTC().Format("2006-01-02T15:04:05.000Z")
}
