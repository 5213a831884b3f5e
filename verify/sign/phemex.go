package sign

import "crypto/sha256"

// Phemex returns the x-phemex-request-signature header:
//
//	hex(HMAC-SHA256(secret, path + query + expiry + body))
//
// path is the URL path (e.g. "/accounts/accountPositions"), query is the raw
// query string without "?" ("" when none), expiry is
// x-phemex-request-expiry (epoch seconds, about now+60) and body is "" when
// none. Example prehash: "/accounts/accountPositionscurrency=BTC1575735514".
// The secret is used as the raw string, as the common clients do; the doc's
// remark about base64url-decoding it is [unconfirmed].
//
// Reference: exchanges.md §2.23 (Phemex, "Signing").
func Phemex(secret, path, query, expiry, body string) string {
	return hmacHex(sha256.New, secret, phemexPrehash(path, query, expiry, body))
}

func phemexPrehash(path, query, expiry, body string) string {
	return path + query + expiry + body
}
