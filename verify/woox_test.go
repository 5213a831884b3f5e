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
)

var wooxCred = Credential{
	Exchange: "woox",
	Key:      "Zq8Rk2Lm5Np7Xt3Vb9Wc4A==",
	Secret:   "K7M2Q9R4T6W1Y8Z3B5N0P2L4H6J8",
}

// wooxServerTime is the fake exchange's clock, far from the local one,
// so a request stamped with the local clock is rejected.
const wooxServerTime = 1700000000000

const wooxInvalid = `{"success":false,"code":-1002,"message":"API key or secret is invalid, it may because key have insufficient permission or the key is expired/revoked."}`

// wooxServer checks requests the way WOO X's v3 API does — x-api-key, an
// x-api-timestamp within a minute of its own clock, and x-api-signature
// recomputed here as hex(HMAC-SHA256(secret, timestamp + METHOD + path?query
// + body)) — and answers from routes by path. Every failure is -1002, as
// WOO X documents it.
func wooxServer(secret string, routes map[string]http.HandlerFunc) http.HandlerFunc {
	return func(w http.ResponseWriter, r *http.Request) {
		if r.URL.Path == "/v3/public/systemInfo" {
			jsonHandler(200, `{"success":true,"data":{"status":0,"msg":"System is functioning properly.","estimatedEndTime":1749963600362},"timestamp":`+strconv.Itoa(wooxServerTime)+`}`)(w, r)
			return
		}
		ts := r.Header.Get("x-api-timestamp")
		n, err := strconv.ParseInt(ts, 10, 64)
		if r.Header.Get("x-api-key") != wooxCred.Key || err != nil || n < wooxServerTime-60000 || n > wooxServerTime+60000 {
			jsonHandler(401, wooxInvalid)(w, r)
			return
		}
		body, _ := io.ReadAll(r.Body)
		m := hmac.New(sha256.New, []byte(secret))
		m.Write([]byte(ts + r.Method + r.URL.RequestURI() + string(body)))
		if !hmac.Equal([]byte(hex.EncodeToString(m.Sum(nil))), []byte(r.Header.Get("x-api-signature"))) {
			jsonHandler(401, wooxInvalid)(w, r)
			return
		}
		if r.URL.Path == "/v3/account/credentials" && r.URL.RawQuery != wooxCredentialsQuery {
			jsonHandler(400, `{"success":false,"code":-1004,"message":"An unknown parameter was sent."}`)(w, r)
			return
		}
		h, ok := routes[r.URL.Path]
		if !ok {
			jsonHandler(404, `{"success":false,"code":-1000,"message":"not found"}`)(w, r)
			return
		}
		h(w, r)
	}
}

// wooxRows is a credentials listing with another key of the account and
// the checked key's row.
func wooxRows(row string) string {
	return `{"success":true,"data":{"rows":[{"accountName":"Main","userId":12523,"apiKey":"Other0000000000000000A==","permissions":["READ","TRADE","WITHDRAWAL"]},` + row +
		`],"meta":{"total":2,"recordsPerPage":1000,"currentPage":1}},"timestamp":1721295317627}`
}

func wooxRow(perms, ips string) string {
	row := `{"accountName":"sub_account_2","userId":12523,"apiKey":"` + wooxCred.Key + `","permissions":` + perms
	if ips != "" {
		row += `,"allowedIPs":` + ips
	}
	return row + `}`
}

func wooxCreds(row string) map[string]http.HandlerFunc {
	return map[string]http.HandlerFunc{"/v3/account/credentials": jsonHandler(200, wooxRows(row))}
}

const wooxInfo = `{"success":true,"data":{"applicationId":"6b43de5c-0955-4887-9862-d84e4689f9fe","account":"trader@example.com","alias":"desk-1","otpauth":true,"accountMode":"MARGIN","positionMode":"ONE_WAY","leverage":1,"accountType":"Main"},"timestamp":1673323685109}`

func TestWooX(t *testing.T) {
	s := wooxCred.Secret
	cases := []verifyCase{
		{name: "read only", handler: wooxServer(s, wooxCreds(wooxRow(`["READ"]`, ""))),
			status: Live, risk: RiskLow, ip: No, keyExists: Yes,
			perms: &Permissions{Read: Yes, Trade: No, Withdraw: No},
			check: func(t *testing.T, r Result) {
				if r.Account != "sub_account_2" || r.PermissionsSource != "GET /v3/account/credentials" {
					t.Errorf("account %q source %q", r.Account, r.PermissionsSource)
				}
			}},
		{name: "trade", handler: wooxServer(s, wooxCreds(wooxRow(`["READ","TRADE"]`, ""))),
			status: Live, risk: RiskHigh, ip: No,
			perms: &Permissions{Read: Yes, Trade: Yes, Withdraw: No}},
		{name: "withdraw without IP restriction (the Kronos case)", handler: wooxServer(s, wooxCreds(wooxRow(`["READ","TRADE","WITHDRAWAL"]`, ""))),
			status: Live, risk: RiskCritical, ip: No,
			perms: &Permissions{Read: Yes, Trade: Yes, Withdraw: Yes}},
		{name: "withdraw with IP restriction", handler: wooxServer(s, wooxCreds(wooxRow(`["READ","WITHDRAWAL"]`, `["123.0.0.1","124.2.1.1"]`))),
			status: Live, risk: RiskHigh, ip: Yes,
			check: func(t *testing.T, r Result) {
				if !reflect.DeepEqual(r.IPAllowlist, []string{"123.0.0.1", "124.2.1.1"}) {
					t.Errorf("allowlist %v", r.IPAllowlist)
				}
			}},
		{name: "transfer listed", handler: wooxServer(s, wooxCreds(wooxRow(`["READ","TRANSFER"]`, `[]`))),
			status: Live, risk: RiskCritical, ip: No,
			perms: &Permissions{Read: Yes, Trade: No, Withdraw: No, Transfer: Yes}},
		{name: "row without permissions", handler: wooxServer(s, wooxCreds(`{"apiKey":"`+wooxCred.Key+`"}`)),
			status: Live, risk: RiskMedium, perms: &Permissions{}},
		{name: "key not listed", handler: wooxServer(s, map[string]http.HandlerFunc{"/v3/account/credentials": jsonHandler(200, `{"success":true,"data":{"rows":[]},"timestamp":1}`)}),
			status: Live, risk: RiskMedium, keyExists: Yes, perms: &Permissions{}},
		{name: "unreadable listing", handler: wooxServer(s, map[string]http.HandlerFunc{"/v3/account/credentials": jsonHandler(200, `{"success":true,"data":[]}`)}),
			status: Indeterminate, risk: RiskUnknown},
		{name: "credentials refused, account info live", handler: wooxServer(s, map[string]http.HandlerFunc{
			"/v3/account/credentials": jsonHandler(400, `{"success":false,"code":-1002,"message":"insufficient permission"}`),
			"/v3/account/info":        jsonHandler(200, wooxInfo)}),
			status: Live, risk: RiskMedium, keyExists: Yes, perms: &Permissions{},
			check: func(t *testing.T, r Result) {
				if r.Account != "desk-1" || !strings.Contains(r.Reason, "-1002") {
					t.Errorf("account %q reason %q", r.Account, r.Reason)
				}
			}},
		{name: "fallback without alias", handler: wooxServer(s, map[string]http.HandlerFunc{"/v3/account/info": jsonHandler(200, `{"success":true,"data":{"account":"main-acct"}}`)}),
			status: Live, risk: RiskMedium,
			check: func(t *testing.T, r Result) {
				if r.Account != "main-acct" {
					t.Errorf("account %q", r.Account)
				}
			}},
		{name: "fallback unreadable", handler: wooxServer(s, map[string]http.HandlerFunc{"/v3/account/info": jsonHandler(200, `{"success":true,"data":[1]}`)}),
			status: Indeterminate, risk: RiskUnknown},
		{name: "fallback not the envelope", handler: wooxServer(s, map[string]http.HandlerFunc{"/v3/account/info": jsonHandler(200, `[]`)}),
			status: Indeterminate, risk: RiskUnknown},
		{name: "fallback rate limited", handler: wooxServer(s, map[string]http.HandlerFunc{"/v3/account/info": jsonHandler(429, `{"success":false,"code":-1003,"message":"Rate limit exceed."}`)}),
			status: Indeterminate, risk: RiskUnknown},
		{name: "fallback other error", handler: wooxServer(s, map[string]http.HandlerFunc{"/v3/account/info": jsonHandler(400, `{"success":false,"code":"-1000","message":"An unknown error occurred"}`)}),
			status: Indeterminate, risk: RiskUnknown},
		{name: "unknown key is ambiguous, not dead", handler: jsonHandler(401, wooxInvalid),
			status: Indeterminate, risk: RiskUnknown, keyExists: Unknown,
			check: func(t *testing.T, r Result) {
				if r.KeyExists != Unknown || !strings.Contains(r.Reason, "does not say") {
					t.Errorf("%+v", r)
				}
			}},
		{name: "wrong secret is ambiguous too", handler: wooxServer("WRONGSECRET00000000000000000", wooxCreds(wooxRow(`["READ"]`, ""))),
			status: Indeterminate, risk: RiskUnknown},
		{name: "malformed key", handler: jsonHandler(400, `{"success":false,"code":-1001,"message":"The api key or secret is in wrong format"}`),
			status: Dead, risk: RiskNone, keyExists: No},
		{name: "rate limit code", handler: jsonHandler(400, `{"success":false,"code":"-1003","message":"Rate limit exceed."}`),
			status: Indeterminate, risk: RiskUnknown},
		{name: "not the envelope", handler: jsonHandler(401, `{"error":"nope"}`), status: Indeterminate, risk: RiskUnknown},
	}
	runCases(t, WooX{}, wooxCred, append(cases, transientCases()...))
}

// TestWooXOneCall: a listed key costs the clock call and one signed call.
func TestWooXOneCall(t *testing.T) {
	e, f := newFake(t, WooX{}, wooxServer(wooxCred.Secret, wooxCreds(wooxRow(`["READ"]`, ""))))
	if r := e.Verify(context.Background(), wooxCred); r.Status != Live {
		t.Fatalf("%+v", r)
	}
	if f.count("GET /v3/account/credentials") != 1 || f.count("GET /v3/account/info") != 0 {
		t.Errorf("calls: %v", f.calls)
	}
}
