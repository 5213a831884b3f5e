package sign

import (
	"crypto/sha512"
	"encoding/base64"
)

// GeminiPayload returns the X-GEMINI-PAYLOAD header: standard base64 of the
// exact JSON bytes {"request": "<path>", "nonce": <n>, ...}. Whitespace in
// the JSON is allowed and is part of what gets signed.
//
// Reference: exchanges.md §2.9 (Gemini, "Signing").
func GeminiPayload(payloadJSON []byte) string {
	return base64.StdEncoding.EncodeToString(payloadJSON)
}

// Gemini returns the X-GEMINI-SIGNATURE header:
//
//	hex(HMAC-SHA384(secret, payloadB64))
//
// where payloadB64 is the X-GEMINI-PAYLOAD text exactly as sent (see
// GeminiPayload); the hash is over the base64 text, not the JSON.
//
// Reference: exchanges.md §2.9 (Gemini, "Signing").
func Gemini(secret, payloadB64 string) string {
	return hmacHex(sha512.New384, secret, payloadB64)
}
