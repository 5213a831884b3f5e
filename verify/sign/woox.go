package sign

import (
	"crypto/sha256"
	"net/url"
	"sort"
	"strings"
)

// WooXV1Params returns the normalised v1 parameter string: every
// key=value pair of the query or form body sorted by key (byte order;
// repeated keys keep their order), joined with "&". Values are used as
// they are, not percent-encoded, as in the documentation's example.
//
// Reference: exchanges.md §2.18 (WOO X, "Signing" v1).
func WooXV1Params(params url.Values) string {
	keys := make([]string, 0, len(params))
	for k := range params {
		keys = append(keys, k)
	}
	sort.Strings(keys)
	var parts []string
	for _, k := range keys {
		for _, v := range params[k] {
			parts = append(parts, k+"="+v)
		}
	}
	return strings.Join(parts, "&")
}

// WooXV1 returns the x-api-signature header of a WOO X v1 request:
//
//	hex(HMAC-SHA256(secret, WooXV1Params(params) + "|" + timestamp))
//
// timestamp is x-api-timestamp (ms). Example prehash:
// "order_price=9000&order_quantity=0.11&order_type=LIMIT&side=BUY&symbol=SPOT_BTC_USDT|1578565539808".
// With no parameters the prehash is "|" + timestamp.
//
// Reference: exchanges.md §2.18 (WOO X, "Signing" v1).
func WooXV1(secret string, params url.Values, timestamp string) string {
	return hmacHex(sha256.New, secret, wooXV1Prehash(params, timestamp))
}

func wooXV1Prehash(params url.Values, timestamp string) string {
	return WooXV1Params(params) + "|" + timestamp
}

// WooXV3 returns the x-api-signature header of a WOO X v3 request:
//
//	hex(HMAC-SHA256(secret, timestamp + METHOD + requestPath + body))
//
// requestPath includes "?query" and body is the exact JSON sent ("" when
// none). Example prehash: "1578565539808GET/v3/algo/orders?algoType=STOP".
//
// Reference: exchanges.md §2.18 (WOO X, "Signing" v3).
func WooXV3(secret, timestamp, method, requestPath, body string) string {
	return hmacHex(sha256.New, secret, wooXV3Prehash(timestamp, method, requestPath, body))
}

func wooXV3Prehash(timestamp, method, requestPath, body string) string {
	return timestamp + upper(method) + requestPath + body
}
