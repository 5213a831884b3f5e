package sign

import (
	"bytes"
	"crypto/rand"
	"encoding/base64"
	"encoding/hex"
	"encoding/json"
	"fmt"
	"io"
)

// b64url is unpadded base64url, as JWS requires (RFC 7515 §2).
var b64url = base64.RawURLEncoding

// jwtSegment returns b64url(JSON(v)) without HTML escaping, so values are
// encoded exactly as written. v is always one of this package's header or
// claims structs (strings, integers, string slices), which cannot fail to
// encode.
func jwtSegment(v any) string {
	var buf bytes.Buffer
	enc := json.NewEncoder(&buf)
	enc.SetEscapeHTML(false)
	_ = enc.Encode(v)
	return b64url.EncodeToString(bytes.TrimSuffix(buf.Bytes(), []byte("\n")))
}

// jwtSigningInput returns b64url(header) + "." + b64url(claims).
func jwtSigningInput(header, claims any) string {
	return jwtSegment(header) + "." + jwtSegment(claims)
}

// randomHex reads n bytes from r (crypto/rand when r is nil) and returns
// them as lowercase hex.
func randomHex(r io.Reader, n int) (string, error) {
	if r == nil {
		r = rand.Reader
	}
	b := make([]byte, n)
	if _, err := io.ReadFull(r, b); err != nil {
		return "", fmt.Errorf("sign: reading nonce: %w", err)
	}
	return hex.EncodeToString(b), nil
}

// UUIDv4 returns a random RFC 4122 version-4 UUID in its 36-character
// lowercase form, reading 16 bytes from r (crypto/rand when r is nil). Pass
// a fixed reader in tests for a deterministic value. Used for the Upbit JWT
// nonce (exchanges.md §2.22) and the Bitstamp X-Auth-Nonce (§2.10).
func UUIDv4(r io.Reader) (string, error) {
	if r == nil {
		r = rand.Reader
	}
	var b [16]byte
	if _, err := io.ReadFull(r, b[:]); err != nil {
		return "", fmt.Errorf("sign: reading uuid: %w", err)
	}
	b[6] = b[6]&0x0f | 0x40
	b[8] = b[8]&0x3f | 0x80
	h := hex.EncodeToString(b[:])
	return h[0:8] + "-" + h[8:12] + "-" + h[12:16] + "-" + h[16:20] + "-" + h[20:32], nil
}
