package verify

import (
	"context"
	"crypto/hmac"
	"crypto/sha256"
	"encoding/hex"
	"io"
	"net/http"
	"reflect"
	"strconv"
	"strings"
	"testing"
	"time"
)

var bitmexCred = Credential{
	Exchange: "bitmex",
	Key:      "Xk3Pq9Lm2Tz7Rw4Nb8Vc1Hd6",
	Secret:   "Qw7Er2Ty9Ui4Op1As6Df3Gh8Jk5Lz0Xc7Vb2Nm9Qa4Ws1Ed",
}

const (
	bitmexInvalidKey = `{"error":{"message":"Invalid API Key.","name":"HTTPError"}}`
	bitmexBadSig     = `{"error":{"message":"Signature not valid.","name":"HTTPError"}}`
	bitmexNotFound   = `{"error":{"message":"Not Found","name":"HTTPError"}}`
	bitmexDenied     = `{"error":{"message":"Access Denied","name":"HTTPError"}}`
)

// bitmexServer checks requests the way BitMEX does — the api-key header,
// an api-expires deadline in the future, and api-signature recomputed
// here as hex(HMAC-SHA256(secret, VERB + path?query + expires + body)) —
// then answers from routes by path.
func bitmexServer(secret string, routes map[string]http.HandlerFunc) http.HandlerFunc {
	return func(w http.ResponseWriter, r *http.Request) {
		if r.Header.Get("api-key") != bitmexCred.Key {
			jsonHandler(401, bitmexInvalidKey)(w, r)
			return
		}
		expires := r.Header.Get("api-expires")
		exp, err := strconv.ParseInt(expires, 10, 64)
		now := time.Now().Unix()
		if err != nil || exp <= now || exp > now+3600 {
			jsonHandler(401, `{"error":{"message":"This request has expired - `+"`expires`"+` is in the past.","name":"HTTPError"}}`)(w, r)
			return
		}
		body, _ := io.ReadAll(r.Body)
		m := hmac.New(sha256.New, []byte(secret))
		m.Write([]byte(r.Method + r.URL.RequestURI() + expires + string(body)))
		if !hmac.Equal([]byte(hex.EncodeToString(m.Sum(nil))), []byte(r.Header.Get("api-signature"))) {
			jsonHandler(401, bitmexBadSig)(w, r)
			return
		}
		h, ok := routes[r.URL.Path]
		if !ok {
			jsonHandler(404, bitmexNotFound)(w, r)
			return
		}
		h(w, r)
	}
}

// bitmexKeys is an apiKey listing: another key of the account (with a
// secret field, as the model allows) and the checked key's entry.
func bitmexKeys(entry string) string {
	return `[{"id":"OtherKey0000000000000000","secret":"not-read-by-the-verifier","name":"bot","nonce":0,"cidr":"0.0.0.0/0","cidrs":["0.0.0.0/0"],"permissions":["order","withdraw"],"enabled":true,"userId":42,"created":"2024-01-02T03:04:05.000Z"},` + entry + `]`
}

func bitmexEntry(perms, cidr, cidrs string) string {
	return `{"id":"` + bitmexCred.Key + `","name":"leaked","nonce":0,"cidr":"` + cidr + `","cidrs":` + cidrs + `,"permissions":` + perms + `,"enabled":true,"userId":42,"created":"2025-05-06T07:08:09.123Z"}`
}

func bitmexKeyRoute(entry string) map[string]http.HandlerFunc {
	return map[string]http.HandlerFunc{"/api/v1/apiKey": jsonHandler(200, bitmexKeys(entry))}
}

func TestBitMEX(t *testing.T) {
	s := bitmexCred.Secret
	cases := []verifyCase{
		{name: "read only", handler: bitmexServer(s, bitmexKeyRoute(bitmexEntry(`[]`, "0.0.0.0/0", `["0.0.0.0/0"]`))),
			status: Live, risk: RiskLow, ip: No, keyExists: Yes,
			perms: &Permissions{Read: Yes, Trade: No, Withdraw: No},
			check: func(t *testing.T, r Result) {
				if r.PermissionsSource != "GET /api/v1/apiKey" || r.Account != "user 42" {
					t.Errorf("source %q account %q", r.PermissionsSource, r.Account)
				}
			}},
		{name: "order permission is trading", handler: bitmexServer(s, bitmexKeyRoute(bitmexEntry(`["order"]`, "0.0.0.0/0", `[]`))),
			status: Live, risk: RiskHigh, ip: No,
			perms: &Permissions{Read: Yes, Trade: Yes, Withdraw: No}},
		{name: "cancel only is not trading", handler: bitmexServer(s, bitmexKeyRoute(bitmexEntry(`["orderCancel"]`, "0.0.0.0/0", `[]`))),
			status: Live, risk: RiskLow,
			perms: &Permissions{Read: Yes, Trade: No, Withdraw: No},
			check: func(t *testing.T, r Result) {
				if !strings.Contains(r.Reason, "cancel-only") {
					t.Errorf("reason %q", r.Reason)
				}
			}},
		{name: "withdraw without IP restriction", handler: bitmexServer(s, bitmexKeyRoute(bitmexEntry(`["order","withdraw"]`, "0.0.0.0/0", `["0.0.0.0/0"]`))),
			status: Live, risk: RiskCritical, ip: No},
		{name: "withdraw with IP restriction", handler: bitmexServer(s, bitmexKeyRoute(bitmexEntry(`["withdraw"]`, "203.0.113.7/32", `["203.0.113.7/32","198.51.100.0/24"]`))),
			status: Live, risk: RiskHigh, ip: Yes,
			perms: &Permissions{Read: Yes, Trade: No, Withdraw: Yes},
			check: func(t *testing.T, r Result) {
				if want := []string{"203.0.113.7/32", "198.51.100.0/24"}; !reflect.DeepEqual(r.IPAllowlist, want) {
					t.Errorf("allowlist %v, want %v", r.IPAllowlist, want)
				}
			}},
		{name: "sub-account key", handler: bitmexServer(s, bitmexKeyRoute(`{"id":"`+bitmexCred.Key+`","permissions":[],"cidr":"","enabled":true,"userId":42,"targetAccountId":77}`)),
			status: Live, risk: RiskLow, ip: No,
			check: func(t *testing.T, r Result) {
				if r.Account != "account 77" {
					t.Errorf("account %q", r.Account)
				}
			}},
		{name: "entry without permission or CIDR fields", handler: bitmexServer(s, bitmexKeyRoute(`{"id":"`+bitmexCred.Key+`","enabled":true,"userId":42}`)),
			status: Live, risk: RiskMedium, perms: &Permissions{Read: Yes}},
		{name: "key not in the listing", handler: bitmexServer(s, map[string]http.HandlerFunc{"/api/v1/apiKey": jsonHandler(200, `[]`)}),
			status: Live, risk: RiskMedium, keyExists: Yes, perms: &Permissions{}},
		{name: "listed as disabled", handler: bitmexServer(s, bitmexKeyRoute(`{"id":"`+bitmexCred.Key+`","permissions":["order"],"enabled":false,"userId":42}`)),
			status: Dead, risk: RiskNone, keyExists: Yes},
		{name: "apiKey endpoint gone, user endpoint live", handler: bitmexServer(s, map[string]http.HandlerFunc{"/api/v1/user": jsonHandler(200, `{"id":42,"username":"someone","isUser":true}`)}),
			status: Live, risk: RiskMedium, keyExists: Yes, perms: &Permissions{},
			check: func(t *testing.T, r Result) {
				if r.Account != "user 42" || !strings.Contains(r.Reason, "404") {
					t.Errorf("account %q reason %q", r.Account, r.Reason)
				}
			}},
		{name: "apiKey denied, user unreadable", handler: bitmexServer(s, map[string]http.HandlerFunc{
			"/api/v1/apiKey": jsonHandler(403, bitmexDenied), "/api/v1/user": jsonHandler(200, `{"username":"x"}`)}),
			status: Indeterminate, risk: RiskUnknown},
		{name: "denied everywhere (e.g. a call from outside the CIDR list)", handler: jsonHandler(403, bitmexDenied),
			status: Indeterminate, risk: RiskUnknown},
		{name: "apiKey denied, user says unknown key", handler: func(w http.ResponseWriter, r *http.Request) {
			if r.URL.Path == "/api/v1/apiKey" {
				jsonHandler(403, bitmexDenied)(w, r)
				return
			}
			jsonHandler(401, bitmexInvalidKey)(w, r)
		}, status: Dead, risk: RiskNone},
		{name: "apiKey denied, user rate limited", handler: func(w http.ResponseWriter, r *http.Request) {
			if r.URL.Path == "/api/v1/apiKey" {
				jsonHandler(403, bitmexDenied)(w, r)
				return
			}
			jsonHandler(429, `{"error":{"message":"Rate limit exceeded","name":"RateLimitError"}}`)(w, r)
		}, status: Indeterminate, risk: RiskUnknown},
		{name: "unknown key", handler: jsonHandler(401, bitmexInvalidKey), status: Dead, risk: RiskNone, keyExists: No},
		{name: "wrong secret for a known key", handler: bitmexServer("another-secret-entirely-000000000000000000000000", bitmexKeyRoute(bitmexEntry(`["withdraw"]`, "0.0.0.0/0", `[]`))),
			status: Indeterminate, risk: RiskUnknown, keyExists: Yes},
		{name: "disabled key", handler: jsonHandler(401, `{"error":{"message":"This key is disabled.","name":"HTTPError"}}`),
			status: Dead, risk: RiskNone, keyExists: Yes},
		{name: "expired request", handler: jsonHandler(401, `{"error":{"message":"This request has expired - `+"`expires`"+` is in the past.","name":"HTTPError"}}`),
			status: Indeterminate, risk: RiskUnknown},
		{name: "other error", handler: jsonHandler(400, `{"error":{"message":"Account is restricted","name":"HTTPError"}}`),
			status: Indeterminate, risk: RiskUnknown},
		{name: "error without a body", handler: jsonHandler(401, ``), status: Indeterminate, risk: RiskUnknown},
		{name: "unreadable listing", handler: jsonHandler(200, `{"id":"x"}`), status: Indeterminate, risk: RiskUnknown},
	}
	runCases(t, BitMEX{}, bitmexCred, append(cases, transientCases()...))
}

// TestBitMEXOneCall: a key the permission endpoint lists costs one call.
func TestBitMEXOneCall(t *testing.T) {
	e, f := newFake(t, BitMEX{}, bitmexServer(bitmexCred.Secret, bitmexKeyRoute(bitmexEntry(`[]`, "0.0.0.0/0", `[]`))))
	if r := e.Verify(context.Background(), bitmexCred); r.Status != Live {
		t.Fatalf("%+v", r)
	}
	if f.count("GET /api/v1/apiKey") != 1 || f.count("GET /api/v1/user") != 0 {
		t.Errorf("calls: %v", f.calls)
	}
}
