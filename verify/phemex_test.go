package verify

import (
	"crypto/hmac"
	"crypto/sha256"
	"encoding/hex"
	"io"
	"net/http"
	"strconv"
	"testing"
	"time"
)

var phemexCred = Credential{
	Exchange: "phemex",
	Key:      "3f8b2c1a-7d4e-4a9b-b6c5-e2f1a0d9c8b7",
	Secret:   "Xy7_Qz2-Lm9kPw4nRt6vBs1cJh8dFg3aZe5uYi0oTq2WmNx4Vb7Kc9Le1Hp3Jg6Sd8Fa0Qw2Er5Ty7Ui9Op1As3Df5Gh7Jk9Lz",
}

func phemexErr(code, msg string) string {
	return `{"code":` + code + `,"msg":"` + msg + `","data":null}`
}

// phemexServer checks requests the way Phemex does: x-phemex-access-token
// (code 10500 "Failed to find api-key" when unknown), an
// x-phemex-request-expiry in the future, and x-phemex-request-signature
// recomputed here as hex(HMAC-SHA256(secret, path + query + expiry +
// body)) ("API Signature verification failed." when wrong). It answers ok.
func phemexServer(secret string, ok http.HandlerFunc) http.HandlerFunc {
	return func(w http.ResponseWriter, r *http.Request) {
		if r.Header.Get("x-phemex-access-token") != phemexCred.Key {
			jsonHandler(401, phemexErr("10500", "Failed to find api-key "+r.Header.Get("x-phemex-access-token")))(w, r)
			return
		}
		expiry := r.Header.Get("x-phemex-request-expiry")
		n, err := strconv.ParseInt(expiry, 10, 64)
		now := time.Now().Unix()
		if err != nil || n <= now || n > now+300 {
			jsonHandler(401, phemexErr("10500", "Request expired"))(w, r)
			return
		}
		body, _ := io.ReadAll(r.Body)
		m := hmac.New(sha256.New, []byte(secret))
		m.Write([]byte(r.URL.Path + r.URL.RawQuery + expiry + string(body)))
		if !hmac.Equal([]byte(hex.EncodeToString(m.Sum(nil))), []byte(r.Header.Get("x-phemex-request-signature"))) {
			jsonHandler(401, phemexErr("10500", "API Signature verification failed."))(w, r)
			return
		}
		if r.URL.RawQuery != "currency=BTC" {
			jsonHandler(400, phemexErr("30000", "Please double check input arguments"))(w, r)
			return
		}
		ok(w, r)
	}
}

func TestPhemex(t *testing.T) {
	s := phemexCred.Secret
	cases := []verifyCase{
		{name: "live", handler: phemexServer(s, jsonHandler(200, `{"code":0,"msg":"","data":[{"currency":"BTC","balanceEv":0,"lockedTradingBalanceEv":0,"lockedWithdrawEv":0,"lastUpdateTimeNs":0}]}`)),
			status: Live, risk: RiskMedium, keyExists: Yes, perms: &Permissions{}},
		{name: "unknown key", handler: jsonHandler(401, phemexErr("10500", "Failed to find api-key 1c5ec63fd-660d-43ea-847a-0d3ba69e106e")),
			status: Dead, risk: RiskNone, keyExists: No},
		{name: "unknown key, other wording", handler: jsonHandler(401, phemexErr(`"10500"`, "Api key not found 698dc9e3-6faa-4910-9476-12857e79e198")),
			status: Dead, risk: RiskNone, keyExists: No},
		{name: "wrong secret for a known key", handler: phemexServer("wrong-secret", jsonHandler(200, `{"code":0,"msg":"","data":[]}`)),
			status: Indeterminate, risk: RiskUnknown, keyExists: Yes},
		{name: "IP not allowed", handler: jsonHandler(401, phemexErr(`"401"`, "401 Request IP mismatch.")),
			status: Live, risk: RiskMedium, ip: Yes, keyExists: Yes, perms: &Permissions{}},
		{name: "insufficient privilege", handler: jsonHandler(403, phemexErr(`"401"`, "401 Insufficient privilege.")),
			status: Live, risk: RiskMedium, keyExists: Yes},
		{name: "expired request", handler: jsonHandler(401, phemexErr("10500", "Request expired")),
			status: Indeterminate, risk: RiskUnknown},
		{name: "access denied", handler: jsonHandler(403, phemexErr(`"39996"`, "Access denied.")),
			status: Indeterminate, risk: RiskUnknown},
		{name: "no code", handler: jsonHandler(401, `{"msg":"Unauthorized"}`), status: Indeterminate, risk: RiskUnknown},
	}
	runCases(t, Phemex{}, phemexCred, append(cases, transientCases()...))
}
