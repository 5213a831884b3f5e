package verify

import (
	"bytes"
	"crypto/hmac"
	"crypto/sha256"
	"encoding/hex"
	"encoding/json"
	"fmt"
	"io"
	"net/http"
	"sort"
	"testing"
	"time"
)

var cryptocomCred = Credential{
	Exchange: "cryptocom",
	Key:      "Kq8mZ2xN5vB7cL1jH4gF9d",
	Secret:   "Wp3sR6tY0uI2oE8aQ5zX7c",
}

// cryptocomServer checks requests the way the Crypto.com Exchange does:
// a JSON-RPC body naming private/user-balance, a nonce within 60 seconds
// of its clock, and sig = hex(HMAC-SHA256(method+id+api_key+params+nonce))
// with params' keys sorted, recomputed here independently. A wrong key and
// a wrong signature both get 40101. Valid requests get ok.
func cryptocomServer(key, secret string, ok http.HandlerFunc) http.HandlerFunc {
	return func(w http.ResponseWriter, r *http.Request) {
		fail := func(code int, msg string) {
			jsonHandler(401, fmt.Sprintf(`{"id":1,"method":"private/user-balance","code":%d,"message":"%s"}`, code, msg))(w, r)
		}
		raw, _ := io.ReadAll(r.Body)
		var req struct {
			ID     json.Number       `json:"id"`
			Method string            `json:"method"`
			APIKey string            `json:"api_key"`
			Params map[string]string `json:"params"`
			Nonce  json.Number       `json:"nonce"`
			Sig    string            `json:"sig"`
		}
		d := json.NewDecoder(bytes.NewReader(raw))
		d.UseNumber()
		if r.Method != http.MethodPost || r.Header.Get("Content-Type") != "application/json" || d.Decode(&req) != nil || req.Method != "private/user-balance" {
			fail(40001, "BAD_REQUEST")
			return
		}
		nonce, err := req.Nonce.Int64()
		if err != nil || time.Since(time.UnixMilli(nonce)).Abs() > time.Minute {
			fail(40102, "INVALID_NONCE")
			return
		}
		keys := make([]string, 0, len(req.Params))
		for k := range req.Params {
			keys = append(keys, k)
		}
		sort.Strings(keys)
		params := ""
		for _, k := range keys {
			params += k + req.Params[k]
		}
		m := hmac.New(sha256.New, []byte(secret))
		m.Write([]byte(req.Method + req.ID.String() + req.APIKey + params + req.Nonce.String()))
		if req.APIKey != key || !hmac.Equal([]byte(hex.EncodeToString(m.Sum(nil))), []byte(req.Sig)) {
			fail(40101, "UNAUTHORIZED")
			return
		}
		ok(w, r)
	}
}

const cryptocomBalance = `{"id":1,"method":"private/user-balance","code":0,"result":{"data":[{"total_available_balance":"4721.05898582","total_margin_balance":"7595.42571782","total_initial_margin":"2874.36673202","total_maintenance_margin":"1932.80399233","total_position_cost":"18884.87929348","total_cash_balance":"7531.51891366","total_collateral_value":"7595.42571782","total_session_unrealized_pnl":"63.90680416","instrument_name":"USD","total_session_realized_pnl":"0.00000000","is_liquidating":false,"total_effective_leverage":"1.90401230","position_limit":"3000000.00000000","used_position_limit":"40674.69622001","position_balances":[{"instrument_name":"CRO","quantity":"24422.72427884","market_value":"4776.107959969","collateral_eligible":"true","haircut":"0.5","collateral_amount":"4537.302561971","max_withdrawal_balance":"24422.72427884"}]}]}}`

func TestCryptoCom(t *testing.T) {
	key, secret := cryptocomCred.Key, cryptocomCred.Secret
	rpc := func(status, code int, msg string) http.HandlerFunc {
		return jsonHandler(status, fmt.Sprintf(`{"id":1,"method":"private/user-balance","code":%d,"message":"%s"}`, code, msg))
	}
	cases := []verifyCase{
		{name: "valid key", handler: cryptocomServer(key, secret, jsonHandler(200, cryptocomBalance)),
			status: Live, risk: RiskMedium, keyExists: Yes, perms: &Permissions{Read: Yes},
			check: func(t *testing.T, r Result) {
				if r.IPRestricted != Unknown || r.PermissionsSource == "" {
					t.Errorf("ip %s, source %q", r.IPRestricted, r.PermissionsSource)
				}
			}},
		// 40101 merges "unknown key" and "bad signature": never dead.
		{name: "unknown key is not dead", handler: cryptocomServer("AAAAAAAAAAAAAAAAAAAAAA", secret, jsonHandler(200, cryptocomBalance)),
			status: Indeterminate, risk: RiskUnknown},
		{name: "wrong secret is indeterminate", handler: cryptocomServer(key, "BBBBBBBBBBBBBBBBBBBBBB", jsonHandler(200, cryptocomBalance)),
			status: Indeterminate, risk: RiskUnknown},
		{name: "IP not whitelisted", handler: rpc(401, 40103, "IP_ILLEGAL"),
			status: Live, risk: RiskMedium, ip: Yes, keyExists: Yes, perms: &Permissions{}},
		{name: "IP not whitelisted (10003)", handler: rpc(401, 10003, "IP_ILLEGAL"),
			status: Live, risk: RiskMedium, ip: Yes, keyExists: Yes},
		{name: "nonce rejected", handler: rpc(401, 40102, "INVALID_NONCE"),
			status: Indeterminate, risk: RiskUnknown},
		{name: "tier invalid", handler: rpc(401, 40104, "USER_TIER_INVALID"),
			status: Indeterminate, risk: RiskUnknown, keyExists: Yes},
		{name: "other code", handler: rpc(500, 50001, "ERR_INTERNAL"),
			status: Indeterminate, risk: RiskUnknown},
		{name: "success without a result", handler: jsonHandler(200, `{"id":1,"method":"private/user-balance","code":0}`),
			status: Indeterminate, risk: RiskUnknown},
		{name: "reply without a code", handler: jsonHandler(200, `{"result":{"data":[]}}`),
			status: Indeterminate, risk: RiskUnknown},
	}
	runCases(t, CryptoCom{}, cryptocomCred, append(cases, transientCases()...))
}
