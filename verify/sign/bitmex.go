package sign

import "crypto/sha256"

// BitMEX returns the api-signature header of a BitMEX request:
//
//	hex(HMAC-SHA256(secret, VERB + path + expires + data))
//
// path includes the "/api/v1" prefix and any "?query" exactly as sent,
// expires is the api-expires header (unix seconds in the future) and data is
// the exact body ("" when none). Example prehash:
// "GET/api/v1/instrument1518064236". The deprecated api-nonce scheme signs
// the same layout with the nonce in place of expires.
//
// Reference: exchanges.md §2.17 (BitMEX, "Signing").
func BitMEX(secret, verb, path, expires, data string) string {
	return hmacHex(sha256.New, secret, bitmexPrehash(verb, path, expires, data))
}

func bitmexPrehash(verb, path, expires, data string) string {
	return upper(verb) + path + expires + data
}
