package verify

import (
	"crypto/hmac"
	"crypto/sha256"
	"encoding/hex"
	"net/http"
	"strconv"
	"strings"
	"testing"
)

var bybitCred = Credential{
	Exchange: "bybit",
	Key:      "Xk3mP9qL2wZc7vN4sD",
	Secret:   "R8fK2mQz7LpX4wN9cV3bT6yH1jG5dS0aE8uI",
}

const bybitNow = int64(1700000000000) // the fake server's clock, ms

// bybitServer checks requests the way Bybit v5 does — X-BAPI-API-KEY, the
// timestamp rule server_time − recv_window ≤ ts < server_time + 1000, and
// X-BAPI-SIGN recomputed here as hex(HMAC-SHA256(secret,
// ts+key+recvWindow+query)) — and answers ok for valid ones.
func bybitServer(key, secret string, ok http.HandlerFunc) http.HandlerFunc {
	return func(w http.ResponseWriter, r *http.Request) {
		fail := func(code int, msg string) {
			jsonHandler(200, `{"retCode":`+strconv.Itoa(code)+`,"retMsg":"`+msg+`","result":{},"retExtInfo":{},"time":1700000000000}`)(w, r)
		}
		if r.URL.Path == bybitTimePath {
			jsonHandler(200, `{"retCode":0,"retMsg":"OK","result":{"timeSecond":"1700000000","timeNano":"1700000000000000000"},"retExtInfo":{},"time":1700000000000}`)(w, r)
			return
		}
		if r.Header.Get("X-BAPI-API-KEY") != key {
			fail(10003, "API key is invalid.")
			return
		}
		ts, err1 := strconv.ParseInt(r.Header.Get("X-BAPI-TIMESTAMP"), 10, 64)
		recv, err2 := strconv.ParseInt(r.Header.Get("X-BAPI-RECV-WINDOW"), 10, 64)
		if err1 != nil || err2 != nil || ts < bybitNow-recv || ts >= bybitNow+1000 {
			fail(10002, "invalid request, please check your server timestamp or recv_window param")
			return
		}
		m := hmac.New(sha256.New, []byte(secret))
		m.Write([]byte(r.Header.Get("X-BAPI-TIMESTAMP") + key + r.Header.Get("X-BAPI-RECV-WINDOW") + r.URL.RawQuery))
		if !hmac.Equal([]byte(hex.EncodeToString(m.Sum(nil))), []byte(r.Header.Get("X-BAPI-SIGN"))) {
			fail(10004, "error sign! origin_string[...]")
			return
		}
		ok(w, r)
	}
}

// bybitKey is a query-api reply shaped like the documented one.
func bybitKey(readOnly int, perms, ips, expiredAt string, master bool) string {
	return `{"retCode":0,"retMsg":"","result":{"id":"13770661","note":"grid","apiKey":"` + bybitCred.Key + `","readOnly":` + strconv.Itoa(readOnly) +
		`,"secret":"","permissions":{` + perms + `},"ips":[` + ips + `],"type":1,"deadlineDay":66,"expiredAt":"` + expiredAt +
		`","createdAt":"2022-10-16T02:24:40Z","unified":0,"uta":0,"userID":24617703,"inviterID":0,"vipLevel":"No VIP","mktMakerLevel":"0","affiliateID":0,"rsaPublicKey":"","isMaster":` + strconv.FormatBool(master) +
		`,"parentUid":"` + map[bool]string{true: "0", false: "24617700"}[master] + `","kycLevel":"LEVEL_DEFAULT","kycRegion":""},"retExtInfo":{},"time":1700000000000}`
}

const bybitAllTrade = `"ContractTrade":["Order","Position"],"Spot":["SpotTrade"],"Options":["OptionsTrade"],"Derivatives":["DerivativesTrade"],"CopyTrading":[],"BlockTrade":[],"Exchange":["ExchangeHistory"],"NFT":[]`

func TestBybit(t *testing.T) {
	c := bybitCred
	srv := func(body string) http.HandlerFunc { return bybitServer(c.Key, c.Secret, jsonHandler(200, body)) }
	cases := []verifyCase{
		{name: "read only", handler: srv(bybitKey(1, bybitAllTrade+`,"Wallet":["AccountTransfer"]`, `"*"`, "2023-12-22T07:20:25Z", true)),
			status: Live, risk: RiskLow, ip: No, keyExists: Yes,
			perms: &Permissions{Read: Yes, Trade: No, Withdraw: No, Transfer: No, Futures: No, Margin: No},
			check: func(t *testing.T, r Result) {
				if r.Expires == nil || r.Expires.Format("2006-01-02") != "2023-12-22" || r.Account != "grid" || r.IPAllowlist != nil {
					t.Errorf("expires %v account %q allowlist %v", r.Expires, r.Account, r.IPAllowlist)
				}
			}},
		{name: "spot trade", handler: srv(bybitKey(0, `"Spot":["SpotTrade"],"Wallet":[],"Exchange":["ExchangeHistory"]`, ``, "", true)),
			status: Live, risk: RiskHigh, ip: No,
			perms: &Permissions{Read: Yes, Trade: Yes, Withdraw: No, Transfer: No, Futures: No}},
		{name: "withdraw without IP restriction", handler: srv(bybitKey(0, bybitAllTrade+`,"Wallet":["AccountTransfer","SubMemberTransfer","Withdraw"]`, `"*"`, "2023-12-22T07:20:25Z", true)),
			status: Live, risk: RiskCritical, ip: No,
			perms: &Permissions{Read: Yes, Trade: Yes, Withdraw: Yes, Transfer: Yes, Futures: Yes}},
		{name: "transfer only without IP restriction", handler: srv(bybitKey(0, `"Wallet":["AccountTransfer"]`, `"*"`, "", true)),
			status: Live, risk: RiskCritical, perms: &Permissions{Read: Yes, Trade: No, Withdraw: No, Transfer: Yes, Futures: No}},
		{name: "withdraw with IP restriction, sub-account", handler: srv(bybitKey(0, bybitAllTrade+`,"Wallet":["Withdraw"]`, `"203.0.113.7","198.51.100.2"`, "", false)),
			status: Live, risk: RiskHigh, ip: Yes,
			check: func(t *testing.T, r Result) {
				if len(r.IPAllowlist) != 2 || r.Expires != nil || !strings.Contains(r.Account, "sub-account of uid 24617700") {
					t.Errorf("allowlist %v expires %v account %q", r.IPAllowlist, r.Expires, r.Account)
				}
			}},
		{name: "IP not whitelisted", handler: bybitServer(c.Key, c.Secret, jsonHandler(200, `{"retCode":10010,"retMsg":"Unmatched IP, please check your API key's bound IP addresses.","result":{},"retExtInfo":{},"time":1700000000000}`)),
			status: Live, risk: RiskMedium, ip: Yes, keyExists: Yes, perms: &Permissions{}},
		{name: "unknown key", handler: bybitServer("AAAAAAAAAAAAAAAAAA", c.Secret, jsonHandler(200, bybitKey(1, ``, ``, "", true))),
			status: Dead, risk: RiskNone, keyExists: No},
		{name: "wrong secret", handler: bybitServer(c.Key, "ZZZZZZZZZZZZZZZZZZZZZZZZZZZZZZZZZZZZ", jsonHandler(200, bybitKey(1, ``, ``, "", true))),
			status: Indeterminate, risk: RiskUnknown, keyExists: Yes},
		{name: "clock", handler: jsonHandler(200, `{"retCode":10002,"retMsg":"invalid request, please check your server timestamp or recv_window param","result":{}}`), status: Indeterminate},
		{name: "expired", handler: jsonHandler(200, `{"retCode":33004,"retMsg":"Your api key has expired.","result":{}}`), status: Dead, risk: RiskNone, keyExists: Yes},
		{name: "permission denied", handler: jsonHandler(200, `{"retCode":10005,"retMsg":"Permission denied","result":{}}`), status: Indeterminate, keyExists: Yes},
		{name: "other code", handler: jsonHandler(200, `{"retCode":10006,"retMsg":"Too many visits!","result":{}}`), status: Indeterminate},
		{name: "unreadable result", handler: srv(`{"retCode":0,"retMsg":"","result":{}}`), status: Indeterminate},
		{name: "not Bybit JSON", handler: jsonHandler(403, `{"message":"forbidden"}`), status: Indeterminate},
	}
	runCases(t, Bybit{}, c, append(cases, transientCases()...))
}
