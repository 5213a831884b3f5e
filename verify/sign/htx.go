package sign

import (
	"crypto/ed25519"
	"crypto/sha256"
	"encoding/base64"
	"net/url"
	"sort"
	"strings"
	"time"
)

// rfc3986Escape percent-encodes s, leaving only the RFC 3986 unreserved
// characters A-Z a-z 0-9 "-" "." "_" "~" as they are. Space becomes "%20"
// and the hex digits are upper-case.
func rfc3986Escape(s string) string {
	return escapeExcept(s, "-._~")
}

// escapeExcept percent-encodes every byte of s except ASCII letters, digits
// and the bytes in keep.
func escapeExcept(s, keep string) string {
	const hexDigits = "0123456789ABCDEF"
	var b strings.Builder
	for i := 0; i < len(s); i++ {
		c := s[i]
		if 'A' <= c && c <= 'Z' || 'a' <= c && c <= 'z' || '0' <= c && c <= '9' || strings.IndexByte(keep, c) >= 0 {
			b.WriteByte(c)
			continue
		}
		b.WriteByte('%')
		b.WriteByte(hexDigits[c>>4])
		b.WriteByte(hexDigits[c&15])
	}
	return b.String()
}

// HTXTimestamp formats t as an HTX Timestamp parameter: UTC
// "YYYY-MM-DDThh:mm:ss" with no fraction or zone, e.g. "2017-05-11T15:19:30".
//
// Reference: exchanges.md §2.11 (HTX, "Signing v2" step 1).
func HTXTimestamp(t time.Time) string {
	return t.UTC().Format("2006-01-02T15:04:05")
}

// HTXAuthParams returns a copy of params (which may be nil) with the four
// HTX authentication parameters set: AccessKeyId=accessKeyID,
// SignatureMethod=HmacSHA256, SignatureVersion=2 and
// Timestamp=HTXTimestamp(t).
//
// Reference: exchanges.md §2.11 ("Signing v2" step 1).
func HTXAuthParams(accessKeyID string, t time.Time, params url.Values) url.Values {
	out := url.Values{}
	for k, v := range params {
		out[k] = append([]string(nil), v...)
	}
	out.Set("AccessKeyId", accessKeyID)
	out.Set("SignatureMethod", "HmacSHA256")
	out.Set("SignatureVersion", "2")
	out.Set("Timestamp", HTXTimestamp(t))
	return out
}

// HTXParams returns the canonical HTX parameter string: every key=value
// pair, sorted by key in ASCII byte order (upper case before lower case;
// repeated keys by value), with key and value percent-encoded per RFC 3986
// (":" → "%3A", space → "%20", "~" kept), joined with "&". Example:
// "AccessKeyId=e2xx...&SignatureMethod=HmacSHA256&SignatureVersion=2&Timestamp=2017-05-11T15%3A19%3A30&order-id=1234567890".
//
// Reference: exchanges.md §2.11 ("Signing v2" step 2).
func HTXParams(params url.Values) string {
	keys := make([]string, 0, len(params))
	for k := range params {
		keys = append(keys, k)
	}
	sort.Strings(keys)
	var parts []string
	for _, k := range keys {
		vals := append([]string(nil), params[k]...)
		sort.Strings(vals)
		for _, v := range vals {
			parts = append(parts, rfc3986Escape(k)+"="+rfc3986Escape(v))
		}
	}
	return strings.Join(parts, "&")
}

func htxPrehash(method, host, path string, params url.Values) string {
	return upper(method) + "\n" + strings.ToLower(host) + "\n" + path + "\n" + HTXParams(params)
}

// HTX returns the Signature parameter of an HTX (Huobi) v2 request:
//
//	base64(HMAC-SHA256(secret, METHOD + "\n" + lower(host) + "\n" + path + "\n" + HTXParams(params)))
//
// params must already hold AccessKeyId, SignatureMethod, SignatureVersion
// and Timestamp (see HTXAuthParams) plus, for GET, the request's own query
// parameters; POST JSON bodies are not signed. The result must itself be
// URL-encoded when appended as "&Signature=".
//
// Reference: exchanges.md §2.11 (HTX, "Signing v2").
func HTX(secret, method, host, path string, params url.Values) string {
	return hmacB64(sha256.New, secret, htxPrehash(method, host, path, params))
}

// HTXEd25519 is HTX with SignatureMethod=Ed25519 keys:
// base64(Ed25519(privateKey, prehash)) over the same prehash as HTX. params
// must carry SignatureMethod=Ed25519 instead of HmacSHA256.
//
// Reference: exchanges.md §2.11 ("Signing v2", Ed25519 bullet).
func HTXEd25519(privateKey ed25519.PrivateKey, method, host, path string, params url.Values) string {
	sig := ed25519.Sign(privateKey, []byte(htxPrehash(method, host, path, params)))
	return base64.StdEncoding.EncodeToString(sig)
}
