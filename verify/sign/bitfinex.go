package sign

import (
	"crypto/sha512"
	"strings"
)

// Bitfinex returns the bfx-signature header of a Bitfinex v2 authenticated
// request:
//
//	hex(HMAC-SHA384(secret, "/api/" + apiPath + nonce + body))
//
// apiPath is the path after "/api/", e.g. "v2/auth/r/permissions" (one
// leading "/" is tolerated and dropped), nonce is the bfx-nonce header and
// body is the exact JSON sent ("{}" when there is nothing to send).
//
// Reference: exchanges.md §2.8 (Bitfinex, "Signing v2").
func Bitfinex(secret, apiPath, nonce, body string) string {
	return hmacHex(sha512.New384, secret, bitfinexPrehash(apiPath, nonce, body))
}

func bitfinexPrehash(apiPath, nonce, body string) string {
	return "/api/" + strings.TrimPrefix(apiPath, "/") + nonce + body
}

// BitfinexV1 returns the X-BFX-SIGNATURE header of a legacy Bitfinex v1
// request: hex(HMAC-SHA384(secret, payloadB64)), where payloadB64 is the
// X-BFX-PAYLOAD value, base64 of the JSON {"request": path, "nonce": n, ...}
// (see GeminiPayload, which builds the same encoding).
//
// Reference: exchanges.md §2.8 ("Signing v2", v1 legacy bullet).
func BitfinexV1(secret, payloadB64 string) string {
	return hmacHex(sha512.New384, secret, payloadB64)
}
