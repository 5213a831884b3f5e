package verify

import (
	"crypto/hmac"
	"crypto/sha256"
	"encoding/hex"
	"net/http"
	"strings"
	"testing"
)

var mexcCred = Credential{
	Exchange: "mexc",
	Key:      "mx0aBYs33eIilxBWC5",
	Secret:   "45d0b3c26f2644f19bfb98b07741b2f5",
}

// mexcServer checks requests the way MEXC Spot v3 does: the X-MEXC-APIKEY
// header, the HMAC-SHA256 hex of the query before &signature= (recomputed
// here independently), and a timestamp equal to the server time it served
// (so the verifier must use the server's clock); valid requests get ok.
func mexcServer(key, secret string, ok http.HandlerFunc) http.HandlerFunc {
	return func(w http.ResponseWriter, r *http.Request) {
		if r.URL.Path == "/api/v3/time" {
			jsonHandler(200, `{"serverTime":1700000000000}`)(w, r)
			return
		}
		if r.Header.Get("X-MEXC-APIKEY") != key {
			jsonHandler(400, `{"code":10072,"msg":"Api key info invalid"}`)(w, r)
			return
		}
		q := r.URL.RawQuery
		i := strings.LastIndex(q, "&signature=")
		if i < 0 {
			jsonHandler(400, `{"code":700004,"msg":"Mandatory parameter 'signature' was not sent"}`)(w, r)
			return
		}
		m := hmac.New(sha256.New, []byte(secret))
		m.Write([]byte(q[:i]))
		if !hmac.Equal([]byte(hex.EncodeToString(m.Sum(nil))), []byte(q[i+len("&signature="):])) {
			jsonHandler(400, `{"code":700002,"msg":"Signature for this request is not valid."}`)(w, r)
			return
		}
		if !strings.Contains(q, "timestamp=1700000000000") || !strings.Contains(q, "recvWindow=") {
			jsonHandler(400, `{"code":700003,"msg":"Timestamp for this request is outside of the recvWindow."}`)(w, r)
			return
		}
		ok(w, r)
	}
}

func mexcAccount(canTrade, canWithdraw string) string {
	return `{"makerCommission":null,"takerCommission":null,"buyerCommission":null,"sellerCommission":null,"canTrade":` + canTrade +
		`,"canWithdraw":` + canWithdraw + `,"canDeposit":true,"updateTime":null,"accountType":"SPOT","balances":[{"asset":"USDT","free":"10.5","locked":"0"}],"permissions":["SPOT"]}`
}

func TestMEXC(t *testing.T) {
	key, secret := mexcCred.Key, mexcCred.Secret
	accountLevel := func(t *testing.T, r Result) {
		if !strings.Contains(r.PermissionsSource, "account-level") {
			t.Errorf("account-level flags must be labelled as such: %q", r.PermissionsSource)
		}
	}
	cases := []verifyCase{
		{name: "read only", handler: mexcServer(key, secret, jsonHandler(200, mexcAccount("false", "false"))),
			status: Live, risk: RiskLow, keyExists: Yes,
			perms: &Permissions{Read: Yes, Trade: No, Withdraw: No}, check: accountLevel},
		{name: "trade", handler: mexcServer(key, secret, jsonHandler(200, mexcAccount("true", "false"))),
			status: Live, risk: RiskHigh, perms: &Permissions{Read: Yes, Trade: Yes, Withdraw: No}},
		{name: "withdraw, IP restriction unknown", handler: mexcServer(key, secret, jsonHandler(200, mexcAccount("true", "true"))),
			status: Live, risk: RiskCritical, perms: &Permissions{Read: Yes, Trade: Yes, Withdraw: Yes}},
		{name: "unknown key", handler: mexcServer("mx0zzzzzzzzzzzzzzz", secret, jsonHandler(200, mexcAccount("true", "true"))),
			status: Dead, risk: RiskNone, keyExists: No},
		{name: "unknown key, code as a string", handler: jsonHandler(400, `{"code":"10072","msg":"Api key info invalid"}`),
			status: Dead, risk: RiskNone, keyExists: No},
		{name: "wrong secret for a known key", handler: mexcServer(key, "00000000000000000000000000000000", jsonHandler(200, mexcAccount("true", "true"))),
			status: Indeterminate, risk: RiskUnknown, keyExists: Yes},
		{name: "IP not in the white list", handler: jsonHandler(400, `{"code":700006,"msg":"IP [203.0.113.9] not in the ip white list"}`),
			status: Live, risk: RiskMedium, ip: Yes, keyExists: Yes, perms: &Permissions{}},
		{name: "no permission", handler: jsonHandler(403, `{"code":700007,"msg":"No permission to access the endpoint."}`),
			status: Live, risk: RiskMedium, keyExists: Yes},
		{name: "clock rejected", handler: jsonHandler(400, `{"code":10073,"msg":"Invalid Request-Time."}`),
			status: Indeterminate, risk: RiskUnknown},
		{name: "error with HTTP 200", handler: jsonHandler(200, `{"code":700003,"msg":"Timestamp for this request is outside of the recvWindow."}`),
			status: Indeterminate, risk: RiskUnknown},
		{name: "other error", handler: jsonHandler(400, `{"code":26,"msg":"invalid params"}`),
			status: Indeterminate, risk: RiskUnknown},
		{name: "not JSON", handler: jsonHandler(400, `bad request`),
			status: Indeterminate, risk: RiskUnknown},
	}
	runCases(t, MEXC{}, mexcCred, append(cases, transientCases()...))
}
