package sign

import (
	"crypto/hmac"
	"encoding/base64"
	"encoding/hex"
	"hash"
	"strings"
)

// hmacSum returns HMAC-h(key, msg).
func hmacSum(h func() hash.Hash, key []byte, msg string) []byte {
	m := hmac.New(h, key)
	m.Write([]byte(msg))
	return m.Sum(nil)
}

// hmacHex returns lowercase hex(HMAC-h(key, msg)).
func hmacHex(h func() hash.Hash, key, msg string) string {
	return hex.EncodeToString(hmacSum(h, []byte(key), msg))
}

// hmacB64 returns standard base64(HMAC-h(key, msg)).
func hmacB64(h func() hash.Hash, key, msg string) string {
	return base64.StdEncoding.EncodeToString(hmacSum(h, []byte(key), msg))
}

// upper upper-cases an HTTP method.
func upper(method string) string { return strings.ToUpper(method) }
