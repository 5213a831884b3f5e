package sign

import "crypto/sha256"

// Bybit returns the X-BAPI-SIGN header of a Bybit v5 HMAC request:
//
//	hex(HMAC-SHA256(secret, timestamp + apiKey + recvWindow + payload))
//
// timestamp is X-BAPI-TIMESTAMP (ms), recvWindow is X-BAPI-RECV-WINDOW
// (e.g. "5000"), and payload is the query string for GET or the exact JSON
// body for POST. Example prehash:
// "1658384314791XXXXXXXXXX5000category=option&symbol=BTC-29JUL22-25000-C".
// (The doc's example signatures cannot be reproduced: no secret is given.)
//
// Reference: exchanges.md §2.6 (Bybit, "Signing").
func Bybit(secret, timestamp, apiKey, recvWindow, payload string) string {
	return hmacHex(sha256.New, secret, bybitPrehash(timestamp, apiKey, recvWindow, payload))
}

func bybitPrehash(timestamp, apiKey, recvWindow, payload string) string {
	return timestamp + apiKey + recvWindow + payload
}
