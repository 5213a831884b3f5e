package verify

import (
	"crypto/hmac"
	"crypto/sha256"
	"encoding/hex"
	"net/http"
	"strings"
	"testing"
)

var binanceCred = Credential{
	Exchange: "binance",
	Key:      "Qm7xT2pLw9ZcR4vN8sKd3FhJ6gYb1nAeU5oXiV0tWqEr2yMuHz7KcPj4SgDl9aBf",
	Secret:   "R8fK2mQz7LpX4wN9cV3bT6yH1jG5dS0aE8uI2oP7kM4nB9vC6xZ3qW5eR1tY8uIo",
}

// binanceServer checks requests the way Binance does — the API key
// header, then the HMAC-SHA256 of the query without its signature,
// recomputed here independently — and answers ok for valid ones.
func binanceServer(secret string, ok http.HandlerFunc) http.HandlerFunc {
	return func(w http.ResponseWriter, r *http.Request) {
		if r.URL.Path == "/api/v3/time" {
			jsonHandler(200, `{"serverTime":1700000000000}`)(w, r)
			return
		}
		if r.Header.Get("X-MBX-APIKEY") != binanceCred.Key {
			jsonHandler(401, `{"code":-2015,"msg":"Invalid API-key, IP, or permissions for action."}`)(w, r)
			return
		}
		q := r.URL.RawQuery
		i := strings.LastIndex(q, "&signature=")
		if i < 0 {
			jsonHandler(400, `{"code":-1102,"msg":"Mandatory parameter 'signature' was not sent"}`)(w, r)
			return
		}
		m := hmac.New(sha256.New, []byte(secret))
		m.Write([]byte(q[:i]))
		if !hmac.Equal([]byte(hex.EncodeToString(m.Sum(nil))), []byte(strings.ToLower(q[i+len("&signature="):]))) {
			jsonHandler(400, `{"code":-1022,"msg":"Signature for this request is not valid."}`)(w, r)
			return
		}
		if !strings.Contains(q, "timestamp=1700000000000") {
			jsonHandler(400, `{"code":-1021,"msg":"Timestamp for this request is outside of the recvWindow."}`)(w, r)
			return
		}
		ok(w, r)
	}
}

func restrictions(ip, read, spot, futures, withdraw, internal bool) string {
	b := func(v bool) string {
		if v {
			return "true"
		}
		return "false"
	}
	return `{"ipRestrict":` + b(ip) + `,"createTime":1698645219000,"enableReading":` + b(read) +
		`,"enableWithdrawals":` + b(withdraw) + `,"enableInternalTransfer":` + b(internal) +
		`,"enableMargin":false,"enableFutures":` + b(futures) + `,"permitsUniversalTransfer":false,"enableVanillaOptions":false,"enableFixApiTrade":false,"enableFixReadOnly":true,"enableSpotAndMarginTrading":` + b(spot) + `,"enablePortfolioMarginTrading":false}`
}

func TestBinance(t *testing.T) {
	secret := binanceCred.Secret
	cases := []verifyCase{
		{name: "read only", handler: binanceServer(secret, jsonHandler(200, restrictions(false, true, false, false, false, false))),
			status: Live, risk: RiskLow, ip: No, keyExists: Yes,
			perms: &Permissions{Read: Yes, Trade: No, Withdraw: No, Transfer: No, Futures: No, Margin: No}},
		{name: "spot trading", handler: binanceServer(secret, jsonHandler(200, restrictions(false, true, true, false, false, false))),
			status: Live, risk: RiskHigh, ip: No},
		{name: "futures only counts as trading", handler: binanceServer(secret, jsonHandler(200, restrictions(true, true, false, true, false, false))),
			status: Live, risk: RiskHigh, ip: Yes},
		{name: "withdraw with IP restriction", handler: binanceServer(secret, jsonHandler(200, restrictions(true, true, true, false, true, false))),
			status: Live, risk: RiskHigh, ip: Yes},
		{name: "withdraw without IP restriction", handler: binanceServer(secret, jsonHandler(200, restrictions(false, true, true, false, true, false))),
			status: Live, risk: RiskCritical, ip: No},
		{name: "internal transfer without IP restriction", handler: binanceServer(secret, jsonHandler(200, restrictions(false, true, false, false, false, true))),
			status: Live, risk: RiskCritical},
		{name: "ambiguous -2015 is not dead", handler: jsonHandler(401, `{"code":-2015,"msg":"Invalid API-key, IP, or permissions for action, request ip: 1.2.3.4"}`),
			status: Indeterminate, risk: RiskUnknown},
		{name: "key format invalid", handler: jsonHandler(401, `{"code":-2014,"msg":"API-key format invalid."}`),
			status: Dead, risk: RiskNone, keyExists: No},
		{name: "wrong secret for a known key", handler: binanceServer("another-secret-entirely-0000000000000000000000000000000000000000", jsonHandler(200, restrictions(false, true, true, true, true, true))),
			status: Indeterminate, risk: RiskUnknown, keyExists: Yes},
		{name: "server clock is used", handler: binanceServer(secret, jsonHandler(200, restrictions(false, true, false, false, false, false))),
			status: Live},
	}
	runCases(t, Binance{}, binanceCred, append(cases, transientCases()...))
}

func TestBinanceUS(t *testing.T) {
	cred := binanceCred
	cred.Exchange = "binance-us"
	cases := []verifyCase{
		{name: "account flags", handler: binanceServer(cred.Secret, jsonHandler(200, `{"makerCommission":10,"canTrade":true,"canWithdraw":false,"canDeposit":true,"balances":[]}`)),
			status: Live, risk: RiskHigh, check: func(t *testing.T, r Result) {
				if !strings.Contains(r.PermissionsSource, "account-level") {
					t.Errorf("account-level flags must be labelled as such: %q", r.PermissionsSource)
				}
			}},
		{name: "unknown key", handler: jsonHandler(401, `{"code":-2015,"msg":"Invalid API-key, IP, or permissions for action."}`),
			status: Indeterminate},
	}
	runCases(t, BinanceUS(), cred, append(cases, transientCases()...))
}
