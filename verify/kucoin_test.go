package verify

import (
	"crypto/hmac"
	"crypto/sha256"
	"encoding/base64"
	"net/http"
	"strconv"
	"strings"
	"testing"
)

var kucoinCred = Credential{
	Exchange:   "kucoin",
	Key:        "5c2db93503aa674c74a31734",
	Secret:     "f03a5284-5c39-4aaa-9b20-dea10bdcf8e3",
	Passphrase: "Ab12345678)(*&^%$#@",
}

const kucoinNow = int64(1700000000000) // the fake server's clock, ms

// kucoinB64HMAC is base64(HMAC-SHA256(key, msg)), computed independently
// of package sign.
func kucoinB64HMAC(key, msg string) string {
	m := hmac.New(sha256.New, []byte(key))
	m.Write([]byte(msg))
	return base64.StdEncoding.EncodeToString(m.Sum(nil))
}

// kucoinServer checks requests the way KuCoin does for version-2 keys —
// KC-API-KEY, KC-API-KEY-VERSION, the timestamp within 5 s of its clock,
// KC-API-PASSPHRASE = base64(HMAC-SHA256(secret, passphrase)) and
// KC-API-SIGN = base64(HMAC-SHA256(secret, ts+METHOD+endpoint+body)) —
// and answers ok for valid ones. KuCoin sends auth errors with HTTP 401.
func kucoinServer(key, secret, passphrase string, ok http.HandlerFunc) http.HandlerFunc {
	return func(w http.ResponseWriter, r *http.Request) {
		fail := func(code, msg string) { jsonHandler(401, `{"code":"`+code+`","msg":"`+msg+`"}`)(w, r) }
		if r.URL.Path == kucoinTimePath {
			jsonHandler(200, `{"code":"200000","data":1700000000000}`)(w, r)
			return
		}
		if r.Header.Get("KC-API-KEY") == "" || r.Header.Get("KC-API-KEY-VERSION") != "2" {
			fail("400001", "Please check the header of your request for KC-API-KEY, KC-API-SIGN, KC-API-TIMESTAMP, KC-API-PASSPHRASE")
			return
		}
		if r.Header.Get("KC-API-KEY") != key {
			fail("400003", "KC-API-KEY not exists")
			return
		}
		ts := r.Header.Get("KC-API-TIMESTAMP")
		n, err := strconv.ParseInt(ts, 10, 64)
		if err != nil || n < kucoinNow-5000 || n > kucoinNow+5000 {
			fail("400002", "KC-API-TIMESTAMP Invalid")
			return
		}
		if r.Header.Get("KC-API-PASSPHRASE") != kucoinB64HMAC(secret, passphrase) {
			fail("400004", "Invalid KC-API-PASSPHRASE")
			return
		}
		if r.Header.Get("KC-API-SIGN") != kucoinB64HMAC(secret, ts+r.Method+r.URL.RequestURI()) {
			fail("400005", "Invalid KC-API-SIGN")
			return
		}
		ok(w, r)
	}
}

func kucoinKey(perm, ips string, master bool) string {
	return `{"code":"200000","data":{"remark":"account1","apiKey":"` + kucoinCred.Key + `","apiVersion":2,"permission":"` + perm +
		`","ipWhitelist":"` + ips + `","createdAt":1728443843000,"uid":165111215,"isMaster":` + strconv.FormatBool(master) + `,"subName":"` + map[bool]string{true: "", false: "grid01"}[master] + `"}}`
}

func TestKuCoin(t *testing.T) {
	c := kucoinCred
	srv := func(body string) http.HandlerFunc {
		return kucoinServer(c.Key, c.Secret, c.Passphrase, jsonHandler(200, body))
	}
	cases := []verifyCase{
		{name: "general only", handler: srv(kucoinKey("General", "", true)),
			status: Live, risk: RiskLow, ip: No, keyExists: Yes,
			perms: &Permissions{Read: Yes, Trade: No, Withdraw: No, Transfer: No, Futures: No, Margin: No},
			check: func(t *testing.T, r Result) {
				if r.Account != "account1" {
					t.Errorf("account %q", r.Account)
				}
			}},
		{name: "spot and futures", handler: srv(kucoinKey("General,Spot,Futures,Earn", "", true)),
			status: Live, risk: RiskHigh, ip: No,
			perms: &Permissions{Read: Yes, Trade: Yes, Withdraw: No, Transfer: No, Futures: Yes, Margin: No}},
		{name: "inner transfer without IP restriction", handler: srv(kucoinKey("General,InnerTransfer", "", true)),
			status: Live, risk: RiskCritical, perms: &Permissions{Read: Yes, Trade: No, Withdraw: No, Transfer: Yes, Futures: No, Margin: No}},
		{name: "withdraw with IP restriction, sub-account", handler: srv(kucoinKey("General,Spot,Margin,Transfer", "203.0.113.154,198.51.100.34", false)),
			status: Live, risk: RiskHigh, ip: Yes,
			perms: &Permissions{Read: Yes, Trade: Yes, Withdraw: Yes, Transfer: No, Futures: No, Margin: Yes},
			check: func(t *testing.T, r Result) {
				if len(r.IPAllowlist) != 2 || !strings.Contains(r.Account, "sub-account grid01") {
					t.Errorf("allowlist %v account %q", r.IPAllowlist, r.Account)
				}
			}},
		{name: "unrecognised permission", handler: srv(kucoinKey("General,Options", "", true)),
			status: Live, risk: RiskMedium, perms: &Permissions{Read: Yes}},
		{name: "IP not whitelisted", handler: kucoinServer(c.Key, c.Secret, c.Passphrase, jsonHandler(403, `{"code":"400006","msg":"Invalid request ip, the current clientIp is:203.0.113.9"}`)),
			status: Live, risk: RiskMedium, ip: Yes, keyExists: Yes, perms: &Permissions{}},
		{name: "unknown key", handler: kucoinServer("000000000000000000000000", c.Secret, c.Passphrase, jsonHandler(200, kucoinKey("General", "", true))),
			status: Dead, risk: RiskNone, keyExists: No},
		{name: "wrong secret", handler: kucoinServer(c.Key, "00000000-0000-4000-8000-000000000000", c.Passphrase, jsonHandler(200, kucoinKey("General", "", true))),
			status: Indeterminate, risk: RiskUnknown, keyExists: Yes},
		{name: "wrong passphrase", handler: kucoinServer(c.Key, c.Secret, "another-passphrase", jsonHandler(200, kucoinKey("General", "", true))),
			status: Indeterminate, risk: RiskUnknown, keyExists: Yes},
		{name: "clock", handler: jsonHandler(401, `{"code":"400002","msg":"KC-API-TIMESTAMP Invalid"}`), status: Indeterminate},
		{name: "signature error", handler: jsonHandler(401, `{"code":"400005","msg":"Invalid KC-API-SIGN"}`), status: Indeterminate, keyExists: Yes},
		{name: "user frozen", handler: jsonHandler(403, `{"code":"411100","msg":"User is frozen"}`), status: Indeterminate, keyExists: Yes},
		{name: "access denied", handler: jsonHandler(403, `{"code":"400007","msg":"Access Denied"}`), status: Indeterminate, keyExists: Yes},
		{name: "other code", handler: jsonHandler(400, `{"code":"400100","msg":"Parameter error"}`), status: Indeterminate},
		{name: "unreadable data", handler: srv(`{"code":"200000","data":{}}`), status: Indeterminate},
		{name: "not KuCoin JSON", handler: jsonHandler(200, `[]`), status: Indeterminate},
	}
	runCases(t, KuCoin{}, c, append(cases, transientCases()...))
}

// TestGroupAHelpers covers the shared parsing helpers (reply.go, verdict.go).
func TestGroupAHelpers(t *testing.T) {
	for in, want := range map[string]int64{`1700000000000`: 1700000000000, `"1700000000"`: 1700000000, `1420674445.201`: 1420674445, `"12.9"`: 12, `""`: 0, `null`: 0} {
		var n lenient
		if err := n.UnmarshalJSON([]byte(in)); err != nil {
			t.Errorf("lenient(%s): %v", in, err)
			continue
		}
		if got, err := n.Int(); err != nil || got != want {
			t.Errorf("lenient(%s).Int() = %d, %v; want %d", in, got, err, want)
		}
	}
	if _, err := lenient("soon").Int(); err == nil {
		t.Error("lenient.Int accepted a word")
	}
	long := strings.Repeat("x", 300)
	if m := replyMessage([]byte(long)); len(m) > 210 || !strings.HasSuffix(m, "…") {
		t.Errorf("replyMessage did not shorten: %d bytes", len(m))
	}
	if m := replyMessage([]byte(`{"error":"unauthorized","code":16}`)); m != "unauthorized" {
		t.Errorf("replyMessage = %q", m)
	}
	if got := splitList(" a, ,b ,"); len(got) != 2 || got[0] != "a" || got[1] != "b" {
		t.Errorf("splitList = %q", got)
	}
}
