package sign

import (
	"crypto/sha256"
	"fmt"
)

// Deribit returns the signature for Deribit's public/auth
// grant_type=client_signature:
//
//	hex(HMAC-SHA256(clientSecret, timestamp + "\n" + nonce + "\n" + data))
//
// timestamp is in milliseconds, nonce is any fresh string and data is
// usually "". Example prehash: "1576074319000\n1iqt2wls\n".
//
// Reference: exchanges.md §2.16 (Deribit, "Auth").
func Deribit(clientSecret, timestamp, nonce, data string) string {
	return hmacHex(sha256.New, clientSecret, deribitPrehash(timestamp, nonce, data))
}

func deribitPrehash(timestamp, nonce, data string) string {
	return timestamp + "\n" + nonce + "\n" + data
}

// DeribitRequestData returns the RequestData of the deri-hmac-sha256 HTTP
// scheme: METHOD + "\n" + URI + "\n" + body + "\n", where URI is the path
// with query (e.g. "/api/v2/private/get_account_summary?currency=BTC") and
// body is "" for GET.
//
// Reference: exchanges.md §2.16 ("Auth", per-request header form).
func DeribitRequestData(method, uri, body string) string {
	return upper(method) + "\n" + uri + "\n" + body + "\n"
}

// DeribitHeader returns the complete Authorization header value of the
// per-request deri-hmac-sha256 scheme:
//
//	"deri-hmac-sha256 id=" + clientID + ",ts=" + timestamp + ",sig=" + sig + ",nonce=" + nonce
//
// with sig = hex(HMAC-SHA256(clientSecret, timestamp + "\n" + nonce + "\n" +
// DeribitRequestData(method, uri, body))), i.e.
// Deribit(clientSecret, timestamp, nonce, DeribitRequestData(method, uri, body)).
//
// Reference: exchanges.md §2.16 ("Auth", per-request header form).
func DeribitHeader(clientID, clientSecret, timestamp, nonce, method, uri, body string) string {
	sig := Deribit(clientSecret, timestamp, nonce, DeribitRequestData(method, uri, body))
	return fmt.Sprintf("deri-hmac-sha256 id=%s,ts=%s,sig=%s,nonce=%s", clientID, timestamp, sig, nonce)
}
