package sign

import (
	"crypto/sha256"
	"crypto/sha512"
	"encoding/hex"
	"fmt"
	"hash"
)

// UpbitQueryHash returns the query_hash claim: hex(SHA512(query)), where
// query is the request's query string (GET) or its parameters rendered as a
// query string (POST/DELETE), without "?", exactly as the official sample
// builds it with unquote(urlencode(params)) — i.e. not percent-encoded,
// e.g. "market=KRW-BTC" or "states[]=wait&states[]=watch".
//
// Reference: exchanges.md §2.22 (Upbit, "Auth").
func UpbitQueryHash(query string) string {
	sum := sha512.Sum512([]byte(query))
	return hex.EncodeToString(sum[:])
}

type upbitHeader struct {
	Alg string `json:"alg"`
	Typ string `json:"typ"`
}

type upbitClaims struct {
	AccessKey    string `json:"access_key"`
	Nonce        string `json:"nonce"`
	QueryHash    string `json:"query_hash,omitempty"`
	QueryHashAlg string `json:"query_hash_alg,omitempty"`
}

// UpbitJWT returns the bearer token for an Upbit Exchange API request
// (sent as "Authorization: Bearer " + token). It is a JWS
//
//	b64url(header) + "." + b64url(claims) + "." + b64url(HMAC-alg(secret, b64url(header) + "." + b64url(claims)))
//
// with header {"alg":alg,"typ":"JWT"} and claims {"access_key":accessKey,
// "nonce":nonce} plus, when query is not "", "query_hash":
// UpbitQueryHash(query) and "query_hash_alg":"SHA512". alg is "HS256"
// (global docs; the default when "") or "HS512" (KR docs). The secret is
// used as raw bytes (it is not base64). nonce should be a fresh UUIDv4.
//
// Reference: exchanges.md §2.22 (Upbit, "Auth").
func UpbitJWT(accessKey, secret, nonce, query, alg string) (string, error) {
	var h func() hash.Hash
	switch alg {
	case "", "HS256":
		alg, h = "HS256", sha256.New
	case "HS512":
		h = sha512.New
	default:
		return "", fmt.Errorf("sign: upbit jwt: unsupported alg %q", alg)
	}
	claims := upbitClaims{AccessKey: accessKey, Nonce: nonce}
	if query != "" {
		claims.QueryHash = UpbitQueryHash(query)
		claims.QueryHashAlg = "SHA512"
	}
	in := jwtSigningInput(upbitHeader{Alg: alg, Typ: "JWT"}, claims)
	return in + "." + b64url.EncodeToString(hmacSum(h, []byte(secret), in)), nil
}
