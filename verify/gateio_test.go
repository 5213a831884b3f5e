package verify

import (
	"crypto/hmac"
	"crypto/sha512"
	"encoding/hex"
	"net/http"
	"reflect"
	"strconv"
	"testing"
	"time"
)

var gateioCred = Credential{
	Exchange: "gateio",
	Key:      "3f6c1e9a7b2d4c8e0a5f7b9d1c3e5a7b",
	Secret:   "9b8a7c6d5e4f3a2b1c0d9e8f7a6b5c4d3e2f1a0b9c8d7e6f5a4b3c2d1e0f9a8b",
}

// gateioServer checks requests the way Gate.io APIv4 does: the KEY
// header, a Timestamp within a minute of its clock, then the hex
// HMAC-SHA512 of METHOD\npath\nquery\nhex(SHA512(body))\ntimestamp,
// recomputed here independently; valid requests get ok.
func gateioServer(key, secret string, ok http.HandlerFunc) http.HandlerFunc {
	return func(w http.ResponseWriter, r *http.Request) {
		if r.URL.Path == "/api/v4/spot/time" {
			jsonHandler(200, `{"server_time":`+strconv.FormatInt(time.Now().UnixMilli(), 10)+`}`)(w, r)
			return
		}
		if r.Header.Get("KEY") != key {
			jsonHandler(401, `{"label":"INVALID_KEY","message":"Invalid key provided"}`)(w, r)
			return
		}
		ts := r.Header.Get("Timestamp")
		sec, err := strconv.ParseInt(ts, 10, 64)
		if err != nil || time.Since(time.Unix(sec, 0)).Abs() > time.Minute {
			jsonHandler(401, `{"label":"REQUEST_EXPIRED","message":"gap between request Timestamp and server time exceeds 60"}`)(w, r)
			return
		}
		bodyHash := sha512.Sum512(nil)
		m := hmac.New(sha512.New, []byte(secret))
		m.Write([]byte(r.Method + "\n" + r.URL.Path + "\n" + r.URL.RawQuery + "\n" + hex.EncodeToString(bodyHash[:]) + "\n" + ts))
		if !hmac.Equal([]byte(hex.EncodeToString(m.Sum(nil))), []byte(r.Header.Get("SIGN"))) {
			jsonHandler(401, `{"label":"INVALID_SIGNATURE","message":"Signature mismatch"}`)(w, r)
			return
		}
		ok(w, r)
	}
}

func TestGateIO(t *testing.T) {
	key, secret := gateioCred.Key, gateioCred.Secret
	detail := func(ips string) http.HandlerFunc {
		return gateioServer(key, secret, jsonHandler(200, `{"user_id":1667201533,"ip_whitelist":`+ips+`,"currency_pairs":["BTC_USDT"],"key":{"mode":1},"tier":2,"copy_trading_role":0}`))
	}
	cases := []verifyCase{
		{name: "IP-restricted key", handler: detail(`["127.0.0.1","10.0.0.0/8"]`),
			status: Live, risk: RiskMedium, ip: Yes, keyExists: Yes, perms: &Permissions{},
			check: func(t *testing.T, r Result) {
				if !reflect.DeepEqual(r.IPAllowlist, []string{"127.0.0.1", "10.0.0.0/8"}) || r.Account != "uid 1667201533" {
					t.Errorf("allowlist %q, account %q", r.IPAllowlist, r.Account)
				}
			}},
		{name: "no IP allow-list", handler: detail(`[]`),
			status: Live, risk: RiskMedium, ip: No, perms: &Permissions{}},
		{name: "allow-list not reported", handler: detail(`null`),
			status: Live, risk: RiskMedium,
			check: func(t *testing.T, r Result) {
				if r.IPRestricted != Unknown {
					t.Errorf("ip_restricted %s, want unknown", r.IPRestricted)
				}
			}},
		{name: "unknown key", handler: gateioServer("ffffffffffffffffffffffffffffffff", secret, jsonHandler(200, `{}`)),
			status: Dead, risk: RiskNone, keyExists: No},
		{name: "wrong secret for a known key", handler: gateioServer(key, "0000000000000000000000000000000000000000000000000000000000000000", jsonHandler(200, `{}`)),
			status: Indeterminate, risk: RiskUnknown, keyExists: Yes},
		{name: "IP not allowed", handler: jsonHandler(403, `{"label":"IP_FORBIDDEN","message":"Request IP not in whitelist: 203.0.113.9"}`),
			status: Live, risk: RiskMedium, ip: Yes, keyExists: Yes},
		{name: "no permission", handler: jsonHandler(403, `{"label":"FORBIDDEN","message":"No permission"}`),
			status: Live, risk: RiskMedium, keyExists: Yes},
		{name: "clock rejected", handler: jsonHandler(401, `{"label":"REQUEST_EXPIRED","message":"gap between request Timestamp and server time exceeds 60"}`),
			status: Indeterminate, risk: RiskUnknown},
		{name: "account locked", handler: jsonHandler(403, `{"label":"ACCOUNT_LOCKED","message":"Account is locked"}`),
			status: Indeterminate, risk: RiskUnknown, keyExists: Yes},
		{name: "other label", handler: jsonHandler(400, `{"label":"MISSING_REQUIRED_HEADER","message":"Missing required header: Timestamp"}`),
			status: Indeterminate, risk: RiskUnknown},
		{name: "unlabelled error", handler: jsonHandler(400, `{"message":"?"}`),
			status: Indeterminate, risk: RiskUnknown},
		{name: "reply without user_id", handler: gateioServer(key, secret, jsonHandler(200, `{"ip_whitelist":[]}`)),
			status: Indeterminate, risk: RiskUnknown},
	}
	runCases(t, GateIO{}, gateioCred, append(cases, transientCases()...))
}

// TestGateIOForbiddenIPMessage: Gate.io also refuses an IP as HTTP 403
// FORBIDDEN with "Request IP not in whitelist: …" (both forms are seen);
// the message makes the key live and IP-restricted, not merely lacking a
// permission.
func TestGateIOForbiddenIPMessage(t *testing.T) {
	runCases(t, GateIO{}, gateioCred, []verifyCase{{name: "FORBIDDEN with the IP message",
		handler: jsonHandler(403, `{"label":"FORBIDDEN","message":"Request IP not in whitelist: 203.0.113.9"}`),
		status:  Live, risk: RiskMedium, ip: Yes, keyExists: Yes}})
}
