package verify

import (
	"crypto/hmac"
	"crypto/sha256"
	"encoding/base64"
	"net/http"
	"strings"
	"testing"
	"time"
)

var okxCred = Credential{
	Exchange:   "okx",
	Key:        "3c2b1a09-8f7e-4d6c-9b5a-4e3d2c1b0a9f",
	Secret:     "22582BD0CFF14C41EDBF1AB98506286D",
	Passphrase: "Tr0ub4dor&3",
}

// okxNow is the fake OKX server's clock.
var okxNow = time.UnixMilli(1700000000000)

// okxServer checks requests the way OKX does — OK-ACCESS-KEY, the
// timestamp against its own clock, OK-ACCESS-SIGN recomputed here as
// base64(HMAC-SHA256(secret, timestamp+METHOD+requestPath+body)), then
// the passphrase — and answers ok for valid ones. OKX sends its error
// codes with HTTP 401.
func okxServer(key, secret, passphrase string, ok http.HandlerFunc) http.HandlerFunc {
	return func(w http.ResponseWriter, r *http.Request) {
		fail := func(code, msg string) { jsonHandler(401, `{"msg":"`+msg+`","code":"`+code+`"}`)(w, r) }
		if r.URL.Path == okxTimePath {
			jsonHandler(200, `{"code":"0","msg":"","data":[{"ts":"1700000000000"}]}`)(w, r)
			return
		}
		if r.Header.Get("OK-ACCESS-KEY") != key {
			fail("50111", "Invalid OK-ACCESS-KEY")
			return
		}
		ts := r.Header.Get("OK-ACCESS-TIMESTAMP")
		at, err := time.Parse("2006-01-02T15:04:05.000Z", ts)
		if err != nil || at.Sub(okxNow).Abs() > 30*time.Second {
			fail("50102", "Timestamp request expired")
			return
		}
		m := hmac.New(sha256.New, []byte(secret))
		m.Write([]byte(ts + r.Method + r.URL.RequestURI()))
		if !hmac.Equal([]byte(base64.StdEncoding.EncodeToString(m.Sum(nil))), []byte(r.Header.Get("OK-ACCESS-SIGN"))) {
			fail("50113", "Invalid Sign")
			return
		}
		if r.Header.Get("OK-ACCESS-PASSPHRASE") != passphrase {
			fail("50105", "Your OK-ACCESS-PASSPHRASE is incorrect.")
			return
		}
		ok(w, r)
	}
}

func okxConfig(perm, ip, uid, mainUID string) string {
	return `{"code":"0","msg":"","data":[{"acctLv":"2","autoLoan":false,"ctIsoMode":"automatic","greeksType":"PA","label":"grid bot","level":"Lv1","levelTmp":"","mgnIsoMode":"automatic","posMode":"long_short_mode","spotOffsetType":"","uid":"` + uid +
		`","mainUid":"` + mainUID + `","roleType":"0","traderInsts":[],"spotRoleType":"0","spotTraderInsts":[],"opAuth":"0","kycLv":"3","ip":"` + ip + `","perm":"` + perm + `","liquidationGear":"-1","type":"0"}]}`
}

func TestOKX(t *testing.T) {
	c := okxCred
	srv := func(body string) http.HandlerFunc {
		return okxServer(c.Key, c.Secret, c.Passphrase, jsonHandler(200, body))
	}
	const uid = "44705892343619584"
	cases := []verifyCase{
		{name: "read only", handler: srv(okxConfig("read_only", "", uid, uid)),
			status: Live, risk: RiskLow, ip: No, keyExists: Yes,
			perms: &Permissions{Read: Yes, Trade: No, Withdraw: No},
			check: func(t *testing.T, r Result) {
				if r.Account != "grid bot" || r.IPAllowlist != nil {
					t.Errorf("account %q allowlist %v", r.Account, r.IPAllowlist)
				}
			}},
		{name: "trade", handler: srv(okxConfig("read_only,trade", "", uid, uid)),
			status: Live, risk: RiskHigh, ip: No, perms: &Permissions{Read: Yes, Trade: Yes, Withdraw: No}},
		{name: "withdraw without IP restriction", handler: srv(okxConfig("read_only,withdraw,trade", "", uid, uid)),
			status: Live, risk: RiskCritical, ip: No, perms: &Permissions{Read: Yes, Trade: Yes, Withdraw: Yes}},
		{name: "withdraw with IP restriction, sub-account", handler: srv(okxConfig("read_only,withdraw,trade", "120.255.24.182,49.245.196.13", "55705892343619585", uid)),
			status: Live, risk: RiskHigh, ip: Yes,
			check: func(t *testing.T, r Result) {
				if len(r.IPAllowlist) != 2 || r.IPAllowlist[0] != "120.255.24.182" {
					t.Errorf("allowlist %v", r.IPAllowlist)
				}
				if !strings.Contains(r.Account, "sub-account uid 55705892343619585") {
					t.Errorf("account %q", r.Account)
				}
			}},
		{name: "unrecognised perm", handler: srv(okxConfig("read_only,teleport", "", uid, uid)),
			status: Live, risk: RiskMedium, perms: &Permissions{Read: Yes}},
		{name: "IP not whitelisted", handler: okxServer(c.Key, c.Secret, c.Passphrase, jsonHandler(401, `{"msg":"Your IP 203.0.113.9 is not included in your API key's IP whitelist.","code":"50110"}`)),
			status: Live, risk: RiskMedium, ip: Yes, keyExists: Yes, perms: &Permissions{}},
		{name: "unknown key", handler: okxServer("00000000-0000-4000-8000-000000000000", c.Secret, c.Passphrase, jsonHandler(200, okxConfig("read_only", "", uid, uid))),
			status: Dead, risk: RiskNone, keyExists: No},
		{name: "key does not exist", handler: jsonHandler(401, `{"msg":"API key doesn't exist","code":"50119"}`), status: Dead, keyExists: No},
		{name: "wrong secret", handler: okxServer(c.Key, "0123456789ABCDEF0123456789ABCDEF", c.Passphrase, jsonHandler(200, okxConfig("read_only", "", uid, uid))),
			status: Indeterminate, risk: RiskUnknown, keyExists: Yes},
		{name: "wrong passphrase", handler: okxServer(c.Key, c.Secret, "another", jsonHandler(200, okxConfig("read_only", "", uid, uid))),
			status: Indeterminate, risk: RiskUnknown, keyExists: Yes},
		{name: "frozen", handler: jsonHandler(401, `{"msg":"API frozen, please contact customer service.","code":"50100"}`), status: Indeterminate, keyExists: Yes},
		{name: "demo key", handler: jsonHandler(401, `{"msg":"APIKey does not match current environment.","code":"50101"}`), status: Indeterminate, keyExists: Yes},
		{name: "clock", handler: jsonHandler(401, `{"msg":"Timestamp request expired","code":"50102"}`), status: Indeterminate},
		{name: "other code", handler: jsonHandler(400, `{"msg":"Parameter error","code":"51000"}`), status: Indeterminate},
		{name: "no data", handler: srv(`{"code":"0","msg":"","data":[]}`), status: Indeterminate},
		{name: "not OKX JSON", handler: jsonHandler(200, `{"hello":1}`), status: Indeterminate},
	}
	runCases(t, OKX{}, c, append(cases, transientCases()...))
}
