package sign

import (
	"crypto/sha512"
	"encoding/hex"
)

// GateIO returns the SIGN header of a Gate.io APIv4 request:
//
//	hex(HMAC-SHA512(secret, METHOD + "\n" + path + "\n" + query + "\n" +
//	    hex(SHA512(body)) + "\n" + timestamp))
//
// path is the full URL path including the "/api/v4" prefix (e.g.
// "/api/v4/account/detail"), query is the raw query string without "?"
// ("" when none), body is "" when none (its SHA-512 is still included) and
// timestamp is the Timestamp header in seconds. The secret is used raw.
//
// Reference: exchanges.md §2.12 (Gate.io, "Signing").
func GateIO(secret, method, path, query, body, timestamp string) string {
	return hmacHex(sha512.New, secret, gateioPrehash(method, path, query, body, timestamp))
}

func gateioPrehash(method, path, query, body, timestamp string) string {
	sum := sha512.Sum512([]byte(body))
	return upper(method) + "\n" + path + "\n" + query + "\n" + hex.EncodeToString(sum[:]) + "\n" + timestamp
}
