package sign

import "crypto/sha256"

// KuCoin returns the KC-API-SIGN header of a KuCoin request:
//
//	base64(HMAC-SHA256(secret, timestamp + METHOD + endpoint + body))
//
// timestamp is KC-API-TIMESTAMP (ms), endpoint is the path including
// "?query" for GET/DELETE, and body is "" when there is none. Example
// prehash: `1547015186532POST/api/v1/deposit-addresses{"currency":"BTC"}`.
//
// Reference: exchanges.md §2.7 (KuCoin, "Signing").
func KuCoin(secret, timestamp, method, endpoint, body string) string {
	return hmacB64(sha256.New, secret, kucoinPrehash(timestamp, method, endpoint, body))
}

func kucoinPrehash(timestamp, method, endpoint, body string) string {
	return timestamp + upper(method) + endpoint + body
}

// KuCoinPassphrase returns the KC-API-PASSPHRASE header for key version 2
// or 3 (KC-API-KEY-VERSION: 2 or 3):
//
//	base64(HMAC-SHA256(secret, passphrase))
//
// Version 1 keys send the passphrase in plaintext instead. This is the same
// HMAC-SHA256-base64 primitive as KC-API-SIGN.
//
// Reference: exchanges.md §2.7 ("Signing", KC-API-PASSPHRASE).
func KuCoinPassphrase(secret, passphrase string) string {
	return hmacB64(sha256.New, secret, passphrase)
}
