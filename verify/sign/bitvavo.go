package sign

import (
	"crypto/sha256"
	"strings"
)

// Bitvavo returns the Bitvavo-Access-Signature header:
//
//	hex(HMAC-SHA256(secret, timestamp + METHOD + "/v2" + path + body))
//
// timestamp is Bitvavo-Access-Timestamp (ms). path may be given with or
// without the "/v2" prefix ("/order" and "/v2/order" both sign
// "/v2/order"), including any "?query"; body is "" when none. Example
// prehash: `1548172481125POST/v2/order{"market":"BTC-EUR",...}`.
//
// Reference: exchanges.md §2.20 (Bitvavo, "Signing").
func Bitvavo(secret, timestamp, method, path, body string) string {
	return hmacHex(sha256.New, secret, bitvavoPrehash(timestamp, method, path, body))
}

func bitvavoPrehash(timestamp, method, path, body string) string {
	if path != "/v2" && !strings.HasPrefix(path, "/v2/") && !strings.HasPrefix(path, "/v2?") {
		path = "/v2" + path
	}
	return timestamp + upper(method) + path + body
}
