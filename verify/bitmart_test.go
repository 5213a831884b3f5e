package verify

import (
	"crypto/hmac"
	"crypto/sha256"
	"encoding/hex"
	"io"
	"net/http"
	"strconv"
	"strings"
	"testing"
)

var bitmartCred = Credential{
	Exchange:   "bitmart",
	Key:        "7f3c9a1e5b2d8f4a6c0e9b3d7a1f5c2e8b4d6a0f",
	Secret:     "3e8a1c5f9b2d7e4a6c0f8b3d1e5a9c2f7b4d6e0a8c3f1b5d9e2a7c4f6b0d8e1a",
	Passphrase: "desk-memo-01",
}

const bitmartServerTime = 1700000000000

const bitmartWallet = `{"message":"OK","code":1000,"trace":"ef834248-51d3-4223-9481-f862aa9dd39f","data":{"wallet":[{"currency":"USDT","name":"Tether USD","available":"1000.00000000","frozen":"0.00000000"}]}}`

func bitmartErr(code int, msg string) string {
	return `{"code":` + strconv.Itoa(code) + `,"message":"` + msg + `","trace":"12323-3243242-34334534-4353","data":{}}`
}

// bitmartServer checks requests the way BitMart does: the X-BM-KEY header
// (30002 for an unknown key) and, when signed is true — as for BitMart's
// SIGNED endpoints — an X-BM-TIMESTAMP within a minute of its clock and
// X-BM-SIGN recomputed here as hex(HMAC-SHA256(secret, timestamp + "#" +
// memo + "#" + query)). With signed false it behaves as the KEYED wallet
// endpoint is documented to: the key alone is checked. It answers ok.
func bitmartServer(secret, memo string, signed bool, ok http.HandlerFunc) http.HandlerFunc {
	return func(w http.ResponseWriter, r *http.Request) {
		if r.URL.Path == "/system/time" {
			jsonHandler(200, `{"code":1000,"trace":"c4e5e5b7","message":"OK","data":{"server_time":`+strconv.Itoa(bitmartServerTime)+`}}`)(w, r)
			return
		}
		if r.Header.Get("X-BM-KEY") != bitmartCred.Key {
			jsonHandler(401, bitmartErr(30002, "Header X-BM-KEY not found"))(w, r)
			return
		}
		if signed {
			ts := r.Header.Get("X-BM-TIMESTAMP")
			n, err := strconv.ParseInt(ts, 10, 64)
			if err != nil || n < bitmartServerTime-60000 || n > bitmartServerTime+60000 {
				jsonHandler(401, bitmartErr(30007, "Header X-BM-TIMESTAMP range. Within a minute"))(w, r)
				return
			}
			body, _ := io.ReadAll(r.Body)
			payload := r.URL.RawQuery
			if len(body) > 0 {
				payload = string(body)
			}
			m := hmac.New(sha256.New, []byte(secret))
			m.Write([]byte(ts + "#" + memo + "#" + payload))
			if !hmac.Equal([]byte(hex.EncodeToString(m.Sum(nil))), []byte(r.Header.Get("X-BM-SIGN"))) {
				jsonHandler(401, bitmartErr(30005, "Header X-BM-SIGN is wrong"))(w, r)
				return
			}
		}
		ok(w, r)
	}
}

func TestBitMart(t *testing.T) {
	s, memo := bitmartCred.Secret, bitmartCred.Passphrase
	live := jsonHandler(200, bitmartWallet)
	cases := []verifyCase{
		{name: "live, signed correctly", handler: bitmartServer(s, memo, true, live),
			status: Live, risk: RiskMedium, keyExists: Yes,
			perms: &Permissions{Read: Yes},
			check: func(t *testing.T, r Result) {
				if !strings.Contains(r.Reason, "not confirmed") {
					t.Errorf("a KEYED check must say the secret is unconfirmed: %q", r.Reason)
				}
			}},
		{name: "KEYED endpoint ignores a wrong secret", handler: bitmartServer("0000", "other", false, live),
			status: Live, risk: RiskMedium},
		{name: "wrong memo on a signed check", handler: bitmartServer(s, "another-memo", true, live),
			status: Indeterminate, risk: RiskUnknown, keyExists: Yes},
		{name: "wrong secret on a signed check", handler: bitmartServer(strings.Repeat("ab", 32), memo, true, live),
			status: Indeterminate, risk: RiskUnknown, keyExists: Yes},
		{name: "unknown key", handler: jsonHandler(401, bitmartErr(30002, "Header X-BM-KEY not found")),
			status: Dead, risk: RiskNone, keyExists: No},
		{name: "IP not whitelisted", handler: jsonHandler(403, bitmartErr(30010, "IP is forbidden. We recommend enabling IP whitelist for API trading. After that reauth your account")),
			status: Live, risk: RiskMedium, ip: Yes, keyExists: Yes, perms: &Permissions{}},
		{name: "expired key", handler: jsonHandler(403, bitmartErr(30011, "Header X-BM-KEY over expire time")),
			status: Dead, risk: RiskNone, keyExists: Yes},
		{name: "frozen key", handler: jsonHandler(401, bitmartErr(30003, "Header X-BM-KEY has frozen")),
			status: Indeterminate, risk: RiskUnknown, keyExists: Yes},
		{name: "key may not call the endpoint", handler: jsonHandler(403, bitmartErr(30012, "Header X-BM-KEY is forbidden to request it")),
			status: Live, risk: RiskMedium, keyExists: Yes, perms: &Permissions{}},
		{name: "clock skew", handler: jsonHandler(401, bitmartErr(30007, "Header X-BM-TIMESTAMP range. Within a minute")),
			status: Indeterminate, risk: RiskUnknown},
		{name: "rate limit code with HTTP 200", handler: jsonHandler(200, bitmartErr(30013, "Request too many requests")),
			status: Indeterminate, risk: RiskUnknown},
		{name: "service unavailable as JSON", handler: jsonHandler(503, bitmartErr(30014, "Service unavailable")),
			status: Indeterminate, risk: RiskUnknown},
		{name: "other code", handler: jsonHandler(400, bitmartErr(60000, "Invalid request")),
			status: Indeterminate, risk: RiskUnknown},
		{name: "no code", handler: jsonHandler(200, `{"message":"OK"}`), status: Indeterminate, risk: RiskUnknown},
	}
	runCases(t, BitMart{}, bitmartCred, append(cases, transientCases()...))
}

// TestBitMartWithoutMemo: a missing memo does not block the KEYED check.
func TestBitMartWithoutMemo(t *testing.T) {
	cred := bitmartCred
	cred.Passphrase = ""
	runCases(t, BitMart{}, cred, []verifyCase{
		{name: "keyed", handler: bitmartServer(cred.Secret, "", true, jsonHandler(200, bitmartWallet)), status: Live},
	})
}
