package verify

import (
	"crypto/hmac"
	"crypto/sha256"
	"encoding/base64"
	"net/http"
	"net/url"
	"sort"
	"strconv"
	"strings"
	"testing"
)

var poloniexCred = Credential{
	Exchange: "poloniex",
	Key:      "K7Q2M9XA-4TRB8N1C-Z6W3P5LD-9HJ2V7YE",
	Secret:   strings.Repeat("4f9a2c7e1b8d3f6a", 8),
}

const poloniexServerTime = 1700000000000

const poloniexForbidden = `{"code":"FORBIDDEN","message":"Invalid API key/secret pair."}`

// poloniexServer checks v3 requests the way Poloniex does: the key header,
// a signTimestamp close to its clock, and the signature header recomputed
// here as base64(HMAC-SHA256(secret, METHOD + "\n" + path + "\n" +
// params)), params being the query parameters plus signTimestamp, each
// key=value with the value URL-encoded, sorted and joined with "&". Every
// authentication failure is the one documented reply. It answers ok.
func poloniexServer(secret string, ok http.HandlerFunc) http.HandlerFunc {
	return func(w http.ResponseWriter, r *http.Request) {
		if r.URL.Path == "/timestamp" {
			jsonHandler(200, `{"serverTime":`+strconv.Itoa(poloniexServerTime)+`}`)(w, r)
			return
		}
		ts := r.Header.Get("signTimestamp")
		n, err := strconv.ParseInt(ts, 10, 64)
		if r.Header.Get("key") != poloniexCred.Key || err != nil || n < poloniexServerTime-60000 || n > poloniexServerTime+60000 {
			jsonHandler(400, poloniexForbidden)(w, r)
			return
		}
		parts := []string{"signTimestamp=" + url.QueryEscape(ts)}
		for k, vs := range r.URL.Query() {
			for _, v := range vs {
				parts = append(parts, k+"="+url.QueryEscape(v))
			}
		}
		sort.Strings(parts)
		m := hmac.New(sha256.New, []byte(secret))
		m.Write([]byte(r.Method + "\n" + r.URL.Path + "\n" + strings.Join(parts, "&")))
		if !hmac.Equal([]byte(base64.StdEncoding.EncodeToString(m.Sum(nil))), []byte(r.Header.Get("signature"))) {
			jsonHandler(400, poloniexForbidden)(w, r)
			return
		}
		ok(w, r)
	}
}

func TestPoloniex(t *testing.T) {
	s := poloniexCred.Secret
	cases := []verifyCase{
		{name: "live", handler: poloniexServer(s, jsonHandler(200, `[{"accountId":"1252712634839224320","accountType":"SPOT","accountState":"NORMAL"}]`)),
			status: Live, risk: RiskMedium, keyExists: Yes, perms: &Permissions{},
			check: func(t *testing.T, r Result) {
				if r.Account != "SPOT 1252712634839224320" {
					t.Errorf("account %q", r.Account)
				}
			}},
		{name: "live, account not normal", handler: poloniexServer(s, jsonHandler(200, `[{"accountId":"1","accountType":"SPOT","accountState":"LOCKED"}]`)),
			status: Live, risk: RiskMedium,
			check: func(t *testing.T, r Result) {
				if !strings.Contains(r.Reason, "LOCKED") {
					t.Errorf("reason %q", r.Reason)
				}
			}},
		{name: "live, no accounts", handler: poloniexServer(s, jsonHandler(200, `[]`)), status: Live, risk: RiskMedium},
		{name: "unknown key is ambiguous, not dead", handler: jsonHandler(400, poloniexForbidden),
			status: Indeterminate, risk: RiskUnknown,
			check: func(t *testing.T, r Result) {
				if r.KeyExists != Unknown {
					t.Errorf("key_exists %s", r.KeyExists)
				}
			}},
		{name: "wrong secret is the same reply", handler: poloniexServer(strings.Repeat("0", 128), jsonHandler(200, `[]`)),
			status: Indeterminate, risk: RiskUnknown},
		{name: "locked account", handler: jsonHandler(400, `{"code":21601,"message":"Account locked. Contact support"}`),
			status: Indeterminate, risk: RiskUnknown, keyExists: Yes},
		{name: "other error", handler: jsonHandler(400, `{"code":601,"message":"Invalid Parameter"}`), status: Indeterminate, risk: RiskUnknown},
		{name: "401 without a body", handler: func(w http.ResponseWriter, r *http.Request) { w.WriteHeader(401) },
			status: Indeterminate, risk: RiskUnknown},
		{name: "unreadable accounts", handler: jsonHandler(200, `{"accounts":1}`), status: Indeterminate, risk: RiskUnknown},
	}
	runCases(t, Poloniex{}, poloniexCred, append(cases, transientCases()...))
}

// TestLenientCode: exchange codes decode from numbers, strings and null.
func TestLenientCode(t *testing.T) {
	for in, want := range map[string]lenient{`-1002`: "-1002", `"10500"`: "10500", `null`: "", `"FORBIDDEN"`: "FORBIDDEN"} {
		var c lenient
		if err := c.UnmarshalJSON([]byte(in)); err != nil || c != want {
			t.Errorf("%s: %q, %v", in, c, err)
		}
	}
	for _, in := range []string{`"unterminated`, `{}`} {
		var c lenient
		if c.UnmarshalJSON([]byte(in)) == nil {
			t.Errorf("%s: no error", in)
		}
	}
	if _, err := lenient("FORBIDDEN").Int(); err == nil {
		t.Error("a word is not a number")
	}
}
