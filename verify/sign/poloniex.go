package sign

import (
	"crypto/sha256"
	"crypto/sha512"
	"net/url"
	"sort"
	"strings"
)

// encodeURIComponent mirrors JavaScript's encodeURIComponent: everything
// except A-Z a-z 0-9 - _ . ! ~ * ' ( ) is percent-encoded (UTF-8, upper-case
// hex).
func encodeURIComponent(s string) string {
	return escapeExcept(s, "-_.!~*'()")
}

// PoloniexParams returns the "params" part of a Poloniex v3 request string,
// following the official signature demo:
//
//   - with a body (POST/PUT/DELETE JSON): "requestBody=" + body +
//     "&signTimestamp=" + signTimestamp, the JSON used verbatim;
//   - otherwise: the query parameters plus signTimestamp, each rendered as
//     key + "=" + encodeURIComponent(value), the resulting strings sorted in
//     ASCII order and joined with "&"; with no query parameters this is just
//     "signTimestamp=" + signTimestamp.
//
// Reference: exchanges.md §2.21 (Poloniex, "Signing v3"; the exact JSON-body
// form is marked [unconfirmed] there).
func PoloniexParams(query url.Values, body, signTimestamp string) string {
	if body != "" {
		return "requestBody=" + body + "&signTimestamp=" + signTimestamp
	}
	parts := []string{"signTimestamp=" + encodeURIComponent(signTimestamp)}
	for k, vs := range query {
		for _, v := range vs {
			parts = append(parts, k+"="+encodeURIComponent(v))
		}
	}
	sort.Strings(parts)
	return strings.Join(parts, "&")
}

// Poloniex returns the "signature" header of a Poloniex v3 request:
//
//	base64(HMAC-SHA256(secret, METHOD + "\n" + path + "\n" + params))
//
// where params comes from PoloniexParams, e.g.
// "GET\n/orders\nlimit=5&signTimestamp=1659259836247&symbol=ETH_USDT". The
// signTimestamp header must equal the value used in params.
//
// Reference: exchanges.md §2.21 (Poloniex, "Signing v3").
func Poloniex(secret, method, path, params string) string {
	return hmacB64(sha256.New, secret, poloniexPrehash(method, path, params))
}

func poloniexPrehash(method, path, params string) string {
	return upper(method) + "\n" + path + "\n" + params
}

// PoloniexLegacy returns the Sign header of the legacy
// poloniex.com/tradingApi: hex(HMAC-SHA512(secret, body)), where body is
// the exact form-encoded POST body, e.g. "command=returnBalances&nonce=...".
//
// Reference: exchanges.md §2.21 ("Signing v3", legacy bullet).
func PoloniexLegacy(secret, body string) string {
	return hmacHex(sha512.New, secret, body)
}
