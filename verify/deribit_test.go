package verify

import (
	"crypto/hmac"
	"crypto/sha256"
	"encoding/hex"
	"net/http"
	"strings"
	"testing"
)

var deribitCred = Credential{
	Exchange: "deribit",
	Key:      "TiA4AyLPq3",
	Secret:   "SjM57m1T2CfXZ4vZ76X1APjqRlJdtzHI8IwVXoQnfoM",
}

const deribitServerTime = "1576074319000"

// deribitServer checks public/auth the way Deribit does for
// grant_type=client_signature: the client_id, a timestamp (which must be
// the server time it served), a nonce, and signature =
// hex(HMAC-SHA256(secret, timestamp+"\n"+nonce+"\n"+data)) recomputed here
// independently. A wrong client_id and a wrong signature both get
// invalid_credentials. A request carrying the secret itself is refused, so
// a verifier that sends it fails every test. Valid requests get the scope.
func deribitServer(clientID, secret, scope string) http.HandlerFunc {
	return func(w http.ResponseWriter, r *http.Request) {
		rpcError := func(code, msg string) {
			jsonHandler(400, `{"jsonrpc":"2.0","error":{"message":"`+msg+`","code":`+code+`},"testnet":false,"usIn":1576074319000123,"usOut":1576074319000456,"usDiff":333}`)(w, r)
		}
		if r.URL.Path == "/api/v2/public/get_time" {
			jsonHandler(200, `{"jsonrpc":"2.0","result":`+deribitServerTime+`,"testnet":false}`)(w, r)
			return
		}
		q := r.URL.Query()
		if strings.Contains(r.URL.RawQuery, secret) || q.Has("client_secret") {
			rpcError("-1", "the client secret must never be sent")
			return
		}
		if r.URL.Path != "/api/v2/public/auth" || q.Get("grant_type") != "client_signature" {
			rpcError("-32602", "Invalid params")
			return
		}
		ts, nonce := q.Get("timestamp"), q.Get("nonce")
		m := hmac.New(sha256.New, []byte(secret))
		m.Write([]byte(ts + "\n" + nonce + "\n" + q.Get("data")))
		if q.Get("client_id") != clientID || nonce == "" || ts != deribitServerTime ||
			!hmac.Equal([]byte(hex.EncodeToString(m.Sum(nil))), []byte(q.Get("signature"))) {
			rpcError("13004", "invalid_credentials")
			return
		}
		jsonHandler(200, `{"jsonrpc":"2.0","result":{"access_token":"1582628593469.1MbQ-J_4.CBP-OqOwm_FBdMYj4cRK2dMXyHPfBtXGpzLxhWg31nHu3H_Q60FpE5_vqUBEQGSiMrIGzw3nC37NMb9d1tpBNqBOM_Ql9pXOmgtV9Yj3Pq1c6BqC6dU6eTxHMFO67x8GpJxqw_QcKP5IepwGBD-gfKSHfAv9AEnLJkNu3JkMJBdLToY1lrBnuedF3dU_uARm","expires_in":31536000,"refresh_token":"1582628593469.1GP4rQd0.A9Wa78o5kFRIUP49mScaD1CqHgiK50HOl2VA6kCtWa8BQZU5Dr03BhcbXPNvEh3I_MVixKZXnyoBeKJwLl8LXnfo180ckAiPj3zOclcUu4zkXuF3NNP3sTPcDf1B3C1CwMKkJ1NOcf1yPmRbsrd7hbgQ-hLa40tfx6Oa-85ymm_3Z65LZcnCeLrqlj_A9jM","scope":"`+scope+`","token_type":"bearer"},"usIn":1576074319000123,"usOut":1576074319000456,"usDiff":333,"testnet":false}`)(w, r)
	}
}

func TestDeribit(t *testing.T) {
	id, secret := deribitCred.Key, deribitCred.Secret
	srv := func(scope string) http.HandlerFunc { return deribitServer(id, secret, scope) }
	account := func(want string) func(*testing.T, Result) {
		return func(t *testing.T, r Result) {
			if r.Account != want || r.PermissionsSource == "" || r.IPRestricted != Unknown {
				t.Errorf("account %q (want %q), source %q, ip %s", r.Account, want, r.PermissionsSource, r.IPRestricted)
			}
		}
	}
	cases := []verifyCase{
		{name: "read only", handler: srv("account:read block_trade:read mainaccount trade:read wallet:read"),
			status: Live, risk: RiskLow, keyExists: Yes,
			perms: &Permissions{Read: Yes, Trade: No, Futures: No, Withdraw: No, Transfer: No},
			check: account("main account")},
		{name: "trade", handler: srv("account:read trade:read_write wallet:none mainaccount"),
			status: Live, risk: RiskHigh,
			perms: &Permissions{Read: Yes, Trade: Yes, Futures: Yes, Withdraw: No, Transfer: No}},
		{name: "block trading counts as trading", handler: srv("account:read trade:read block_trade:read_write wallet:read"),
			status: Live, risk: RiskHigh,
			perms: &Permissions{Read: Yes, Trade: Yes, Futures: Yes, Withdraw: No, Transfer: No}},
		{name: "wallet read_write on a subaccount", handler: srv("account:read_write trade:read_write wallet:read_write"),
			status: Live, risk: RiskCritical,
			perms: &Permissions{Read: Yes, Trade: Yes, Futures: Yes, Withdraw: Yes, Transfer: Yes},
			check: account("subaccount")},
		{name: "nothing granted", handler: srv("account:none trade:none wallet:none"),
			status: Live, risk: RiskLow,
			perms: &Permissions{Read: No, Trade: No, Futures: No, Withdraw: No, Transfer: No}},
		{name: "areas missing from the scope stay unknown", handler: srv("connection mainaccount"),
			status: Live, risk: RiskMedium, perms: &Permissions{}},
		{name: "empty scope", handler: srv(""),
			status: Indeterminate, risk: RiskUnknown},
		// invalid_credentials covers an unknown client_id and a wrong secret.
		{name: "unknown client id is not dead", handler: deribitServer("aD-KFx-H", secret, "account:read"),
			status: Indeterminate, risk: RiskUnknown},
		{name: "wrong secret is indeterminate", handler: deribitServer(id, "AMANDASECRECT", "account:read"),
			status: Indeterminate, risk: RiskUnknown},
		{name: "unauthorized", handler: jsonHandler(400, `{"jsonrpc":"2.0","error":{"message":"unauthorized","code":13009}}`),
			status: Indeterminate, risk: RiskUnknown},
		{name: "IP refused", handler: jsonHandler(400, `{"jsonrpc":"2.0","error":{"message":"forbidden","code":13021,"data":{"reason":"ip_not_allowed"}}}`),
			status: Live, risk: RiskMedium, ip: Yes, keyExists: Yes, perms: &Permissions{}},
		{name: "forbidden for another reason", handler: jsonHandler(400, `{"jsonrpc":"2.0","error":{"message":"forbidden","code":13021}}`),
			status: Indeterminate, risk: RiskUnknown},
		{name: "rate limited", handler: jsonHandler(400, `{"jsonrpc":"2.0","error":{"message":"too_many_requests","code":10028}}`),
			status: Indeterminate, risk: RiskUnknown},
		{name: "no result", handler: jsonHandler(200, `{"jsonrpc":"2.0","testnet":false}`),
			status: Indeterminate, risk: RiskUnknown},
		{name: "not JSON", handler: jsonHandler(400, `bad`),
			status: Indeterminate, risk: RiskUnknown},
	}
	runCases(t, Deribit{}, deribitCred, append(cases, transientCases()...))
}
