package verify

import (
	"crypto/hmac"
	"crypto/sha256"
	"encoding/hex"
	"io"
	"net/http"
	"strconv"
	"strings"
	"testing"
)

var bitvavoCred = Credential{
	Exchange: "bitvavo",
	Key:      "4b7e1a9c3f5d2e8b6a0c4f7e1d3b9a5c2e8f6d0b4a7c1e3f9b5d2a8c6e0f4b7e",
	Secret:   strings.Repeat("9c2e5a8f1b4d7c0e", 8),
}

const bitvavoServerTime = 1700000000000

func bitvavoErr(code int, msg string) string {
	return `{"errorCode":` + strconv.Itoa(code) + `,"error":"` + msg + `"}`
}

// bitvavoServer checks requests the way Bitvavo does: the access key (305
// when unknown), a timestamp within the access window of its clock (304),
// and Bitvavo-Access-Signature recomputed here as hex(HMAC-SHA256(secret,
// timestamp + METHOD + "/v2" path?query + body)) (309 when wrong). It
// answers ok.
func bitvavoServer(secret string, ok http.HandlerFunc) http.HandlerFunc {
	return func(w http.ResponseWriter, r *http.Request) {
		if r.URL.Path == "/v2/time" {
			jsonHandler(200, `{"time":`+strconv.Itoa(bitvavoServerTime)+`,"timeNs":1700000000000000000}`)(w, r)
			return
		}
		if r.Header.Get("Bitvavo-Access-Key") != bitvavoCred.Key {
			jsonHandler(403, bitvavoErr(305, "No active API key found."))(w, r)
			return
		}
		ts := r.Header.Get("Bitvavo-Access-Timestamp")
		n, err := strconv.ParseInt(ts, 10, 64)
		window, werr := strconv.ParseInt(r.Header.Get("Bitvavo-Access-Window"), 10, 64)
		if err != nil || werr != nil || window < 100 || window > 60000 || n < bitvavoServerTime-window || n > bitvavoServerTime+window {
			jsonHandler(403, bitvavoErr(304, "Request was not received within acceptable window."))(w, r)
			return
		}
		body, _ := io.ReadAll(r.Body)
		m := hmac.New(sha256.New, []byte(secret))
		m.Write([]byte(ts + r.Method + r.URL.RequestURI() + string(body)))
		if !hmac.Equal([]byte(hex.EncodeToString(m.Sum(nil))), []byte(r.Header.Get("Bitvavo-Access-Signature"))) {
			jsonHandler(403, bitvavoErr(309, "The signature is invalid."))(w, r)
			return
		}
		ok(w, r)
	}
}

func TestBitvavo(t *testing.T) {
	s := bitvavoCred.Secret
	cases := []verifyCase{
		{name: "live", handler: bitvavoServer(s, jsonHandler(200, `{"fees":{"tier":0,"volume":"10000.00","maker":"0.0015","taker":"0.0025"},"capabilities":["buy","sell","depositCrypto","depositFiat","withdrawCrypto","withdrawFiat"]}`)),
			status: Live, risk: RiskMedium, keyExists: Yes, perms: &Permissions{Read: Yes}},
		{name: "unknown key", handler: jsonHandler(403, bitvavoErr(305, "No active API key found.")),
			status: Dead, risk: RiskNone, keyExists: No},
		{name: "key of the wrong length", handler: jsonHandler(403, bitvavoErr(301, "API Key must be of length 64.")),
			status: Dead, risk: RiskNone, keyExists: No},
		{name: "unconfirmed key", handler: jsonHandler(403, bitvavoErr(306, "No active API key found. Please ensure that you have confirmed the API key by e-mail.")),
			status: Dead, risk: RiskNone},
		{name: "IP not allowed", handler: jsonHandler(403, bitvavoErr(307, "This key does not allow access from this IP.")),
			status: Live, risk: RiskMedium, ip: Yes, keyExists: Yes, perms: &Permissions{}},
		{name: "wrong secret for a known key", handler: bitvavoServer(strings.Repeat("0", 128), jsonHandler(200, `{}`)),
			status: Indeterminate, risk: RiskUnknown, keyExists: Yes},
		{name: "no account-info permission", handler: jsonHandler(403, bitvavoErr(311, "This key does not allow showing account information.")),
			status: Live, risk: RiskMedium, keyExists: Yes, perms: &Permissions{Read: No}},
		{name: "no trading permission", handler: jsonHandler(403, bitvavoErr(310, "This key does not allow trading actions.")),
			status: Live, risk: RiskMedium, keyExists: Yes, perms: &Permissions{}},
		{name: "clock skew", handler: jsonHandler(403, bitvavoErr(304, "Request was not received within acceptable window.")),
			status: Indeterminate, risk: RiskUnknown},
		{name: "locked account", handler: jsonHandler(403, bitvavoErr(317, "This account is locked. Please contact support.")),
			status: Indeterminate, risk: RiskUnknown, keyExists: Yes},
		{name: "banned for the rate limit", handler: jsonHandler(403, bitvavoErr(105, "Your IP or API key has been banned for not respecting the rate limit.")),
			status: Indeterminate, risk: RiskUnknown},
		{name: "other code", handler: jsonHandler(400, bitvavoErr(400, "Unknown error.")), status: Indeterminate, risk: RiskUnknown},
		{name: "error status without a code", handler: jsonHandler(403, `{"message":"forbidden"}`), status: Indeterminate, risk: RiskUnknown},
		{name: "array reply", handler: jsonHandler(200, `[]`), status: Indeterminate, risk: RiskUnknown},
	}
	runCases(t, Bitvavo{}, bitvavoCred, append(cases, transientCases()...))
}
