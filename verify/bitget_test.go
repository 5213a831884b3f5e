package verify

import (
	"crypto/hmac"
	"crypto/sha256"
	"encoding/base64"
	"net/http"
	"reflect"
	"strings"
	"testing"
)

var bitgetCred = Credential{
	Exchange:   "bitget",
	Key:        "bg_0a1b2c3d4e5f60718293a4b5c6d7e8f9",
	Secret:     "7e1d9c3b5a7f2e4d6c8b0a1f3e5d7c9b2a4f6e8d0c1b3a5f7e9d2c4b6a8f0e1d",
	Passphrase: "Tr4d1ngB0t",
}

const bitgetServerTime = "1695808949356"

// bitgetServer checks requests the way Bitget does: ACCESS-KEY, then the
// base64 HMAC-SHA256 of timestamp+METHOD+path[?query]+body (recomputed here
// independently), then the plaintext ACCESS-PASSPHRASE; the timestamp must
// be the server time it served. Valid requests get ok.
func bitgetServer(key, secret, passphrase string, ok http.HandlerFunc) http.HandlerFunc {
	return func(w http.ResponseWriter, r *http.Request) {
		fail := func(code, msg string) {
			jsonHandler(400, `{"code":"`+code+`","msg":"`+msg+`","requestTime":1695808949356,"data":null}`)(w, r)
		}
		if r.URL.Path == "/api/v2/public/time" {
			jsonHandler(200, `{"code":"00000","msg":"success","requestTime":1695808949356,"data":{"serverTime":"`+bitgetServerTime+`"}}`)(w, r)
			return
		}
		if r.Header.Get("ACCESS-KEY") != key {
			fail("40006", "Invalid ACCESS_KEY")
			return
		}
		ts := r.Header.Get("ACCESS-TIMESTAMP")
		if ts != bitgetServerTime {
			fail("40008", "Request timestamp expired")
			return
		}
		path := r.URL.Path
		if r.URL.RawQuery != "" {
			path += "?" + r.URL.RawQuery
		}
		m := hmac.New(sha256.New, []byte(secret))
		m.Write([]byte(ts + r.Method + path))
		if !hmac.Equal([]byte(base64.StdEncoding.EncodeToString(m.Sum(nil))), []byte(r.Header.Get("ACCESS-SIGN"))) {
			fail("40009", "sign signature error")
			return
		}
		if r.Header.Get("ACCESS-PASSPHRASE") != passphrase {
			fail("40012", "apikey/password is incorrect")
			return
		}
		ok(w, r)
	}
}

// bitgetInfo is an account info reply with the given authorities and ips.
func bitgetInfo(authorities, ips string) http.HandlerFunc {
	return bitgetServer(bitgetCred.Key, bitgetCred.Secret, bitgetCred.Passphrase, jsonHandler(200,
		`{"code":"00000","msg":"success","requestTime":1695808949356,"data":{"userId":"6587623741","inviterId":"1","ips":"`+ips+
			`","authorities":[`+authorities+`],"parentId":6587623741,"traderType":"not_trader","channelCode":"XXX","channel":"YYY","regisTime":"1246566789345"}}`))
}

func TestBitget(t *testing.T) {
	key, secret, pass := bitgetCred.Key, bitgetCred.Secret, bitgetCred.Passphrase
	cases := []verifyCase{
		{name: "read only", handler: bitgetInfo(`"stor","coor","cpor","wtor"`, ""),
			status: Live, risk: RiskLow, ip: No, keyExists: Yes,
			perms: &Permissions{Read: Yes, Trade: No, Withdraw: No, Transfer: No, Futures: No, Margin: No},
			check: func(t *testing.T, r Result) {
				if r.Account != "uid 6587623741" || r.PermissionsSource == "" {
					t.Errorf("account %q, source %q", r.Account, r.PermissionsSource)
				}
			}},
		{name: "spot trading with IP", handler: bitgetInfo(`"stor","stow"`, "1.2.3.4"),
			status: Live, risk: RiskHigh, ip: Yes,
			perms: &Permissions{Read: Yes, Trade: Yes, Withdraw: No, Transfer: No, Futures: No, Margin: No}},
		{name: "futures and margin", handler: bitgetInfo(`"coow","smow"`, "1.2.3.4"),
			status: Live, risk: RiskHigh,
			perms: &Permissions{Read: Yes, Trade: Yes, Withdraw: No, Transfer: No, Futures: Yes, Margin: Yes}},
		{name: "withdraw without IP", handler: bitgetInfo(`"stow","wwow"`, ""),
			status: Live, risk: RiskCritical, ip: No},
		{name: "withdraw with IP", handler: bitgetInfo(`"stow","wwow","wtow"`, "1.1.1.1, 2.2.2.2"),
			status: Live, risk: RiskHigh, ip: Yes,
			perms: &Permissions{Read: Yes, Trade: Yes, Withdraw: Yes, Transfer: Yes, Futures: No, Margin: No},
			check: func(t *testing.T, r Result) {
				if !reflect.DeepEqual(r.IPAllowlist, []string{"1.1.1.1", "2.2.2.2"}) {
					t.Errorf("allowlist %q", r.IPAllowlist)
				}
			}},
		{name: "wallet transfer without IP", handler: bitgetInfo(`"wtow"`, ""),
			status: Live, risk: RiskCritical, ip: No},
		{name: "the doc example's legacy codes", handler: bitgetInfo(`"trade","readonly"`, "127.0.0.1"),
			status: Live, risk: RiskHigh, ip: Yes,
			perms: &Permissions{Read: Yes, Trade: Yes}},
		{name: "legacy read only is not assumed", handler: bitgetInfo(`"readonly"`, ""),
			status: Live, risk: RiskMedium, perms: &Permissions{Read: Yes}},
		{name: "no authorities", handler: bitgetInfo(``, ""),
			status: Live, risk: RiskMedium, perms: &Permissions{}},
		{name: "sub-account", handler: bitgetServer(key, secret, pass, jsonHandler(200,
			`{"code":"00000","msg":"success","data":{"userId":"111","authorities":["stor"],"parentId":"222"}}`)),
			status: Live, risk: RiskLow,
			check: func(t *testing.T, r Result) {
				if r.Account != "uid 111, main account uid 222" || r.IPRestricted != Unknown {
					t.Errorf("account %q, ip %s", r.Account, r.IPRestricted)
				}
			}},
		{name: "unknown key", handler: bitgetServer("bg_ffffffffffffffffffffffffffffffff", secret, pass, jsonHandler(200, `{}`)),
			status: Dead, risk: RiskNone, keyExists: No},
		{name: "key does not exist", handler: jsonHandler(400, `{"code":"40037","msg":"Apikey does not exist","requestTime":1695808949356,"data":null}`),
			status: Dead, risk: RiskNone, keyExists: No},
		{name: "wrong secret for a known key", handler: bitgetServer(key, strings.Repeat("0", 64), pass, jsonHandler(200, `{}`)),
			status: Indeterminate, risk: RiskUnknown, keyExists: Yes},
		{name: "wrong passphrase", handler: bitgetServer(key, secret, "another-passphrase", jsonHandler(200, `{}`)),
			status: Indeterminate, risk: RiskUnknown, keyExists: Yes,
			check: func(t *testing.T, r Result) {
				if !strings.Contains(r.Reason, "passphrase") {
					t.Errorf("reason %q", r.Reason)
				}
			}},
		{name: "IP not allowed", handler: jsonHandler(400, `{"code":"40018","msg":"Invalid IP","requestTime":1695808949356,"data":null}`),
			status: Live, risk: RiskMedium, ip: Yes, keyExists: Yes, perms: &Permissions{}},
		{name: "no spot read permission", handler: jsonHandler(400, `{"code":"40014","msg":"Incorrect permissions","requestTime":1695808949356,"data":null}`),
			status: Live, risk: RiskMedium, keyExists: Yes},
		{name: "clock rejected", handler: jsonHandler(400, `{"code":"40008","msg":"Request timestamp expired","requestTime":1695808949356,"data":null}`),
			status: Indeterminate, risk: RiskUnknown},
		{name: "other error", handler: jsonHandler(400, `{"code":"40019","msg":"Parameter cannot be empty","requestTime":1695808949356,"data":null}`),
			status: Indeterminate, risk: RiskUnknown},
		{name: "error without a code", handler: jsonHandler(400, `{"msg":"?"}`),
			status: Indeterminate, risk: RiskUnknown},
		{name: "reply without userId", handler: bitgetServer(key, secret, pass, jsonHandler(200, `{"code":"00000","msg":"success","data":{}}`)),
			status: Indeterminate, risk: RiskUnknown},
		{name: "not JSON", handler: jsonHandler(400, `nope`),
			status: Indeterminate, risk: RiskUnknown},
	}
	runCases(t, Bitget{}, bitgetCred, append(cases, transientCases()...))

	noPass := bitgetCred
	noPass.Passphrase = ""
	runCases(t, Bitget{}, noPass, []verifyCase{
		{name: "passphrase missing", handler: bitgetInfo(`"stor"`, ""), status: Indeterminate, risk: RiskUnknown},
	})
}
