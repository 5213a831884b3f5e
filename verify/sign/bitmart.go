package sign

import "crypto/sha256"

// BitMart returns the X-BM-SIGN header of a BitMart SIGNED request:
//
//	hex(HMAC-SHA256(secret, timestamp + "#" + memo + "#" + payload))
//
// timestamp is X-BM-TIMESTAMP (ms), memo is the user-chosen memo of the key,
// and payload is the JSON body for POST or the query string for GET ("" when
// none).
//
// Reference: exchanges.md §2.19 (BitMart, "Signing").
func BitMart(secret, timestamp, memo, payload string) string {
	return hmacHex(sha256.New, secret, bitmartPrehash(timestamp, memo, payload))
}

func bitmartPrehash(timestamp, memo, payload string) string {
	return timestamp + "#" + memo + "#" + payload
}
