package sign

import "crypto/sha256"

// Bitget returns the ACCESS-SIGN header of a Bitget HMAC request:
//
//	base64(HMAC-SHA256(secret, timestamp + METHOD + requestPath + ("?" + query, if query != "") + body))
//
// timestamp is ACCESS-TIMESTAMP (ms), requestPath excludes the query, query
// is the raw query string without "?", body is "" when none. Example
// prehash: "16273667805456GET/api/mix/v2/market/depth?symbol=BTCUSDT&limit=20".
// The passphrase is sent in plaintext (ACCESS-PASSPHRASE), not signed.
//
// Reference: exchanges.md §2.14 (Bitget, "Signing").
func Bitget(secret, timestamp, method, requestPath, query, body string) string {
	return hmacB64(sha256.New, secret, bitgetPrehash(timestamp, method, requestPath, query, body))
}

func bitgetPrehash(timestamp, method, requestPath, query, body string) string {
	if query != "" {
		requestPath += "?" + query
	}
	return timestamp + upper(method) + requestPath + body
}
