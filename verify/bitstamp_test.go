package verify

import (
	"crypto/hmac"
	"crypto/sha256"
	"encoding/hex"
	"encoding/json"
	"io"
	"net/http"
	"reflect"
	"regexp"
	"strconv"
	"testing"
	"time"
)

var bitstampCred = Credential{
	Exchange: "bitstamp",
	Key:      "aB3dE5fG7hJ9kL2mN4pQ6rS8tU0vW1xY",
	Secret:   "Zy9Xw8Vu7Ts6Rq5Po4Nm3Lk2Ji1Hg0Fe",
}

var bitstampUUID = regexp.MustCompile(`^[0-9a-f]{8}-[0-9a-f]{4}-4[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$`)

// bitstampServer checks a v2 request the way Bitstamp does: the X-Auth
// headers, a fresh timestamp, then the HMAC-SHA256 of
// "BITSTAMP "+key+METHOD+host+path+query+content-type+nonce+timestamp+"v2"+body,
// recomputed here independently; valid requests get ok.
func bitstampServer(key, secret string, ok http.HandlerFunc) http.HandlerFunc {
	return func(w http.ResponseWriter, r *http.Request) {
		fail := func(status int, code, reason string) {
			jsonHandler(status, `{"status":"error","reason":"`+reason+`","code":"`+code+`"}`)(w, r)
		}
		if r.Method != http.MethodPost || r.URL.Path != "/api/v2/account_balances/" {
			fail(404, "API0000", "Not found")
			return
		}
		xauth := r.Header.Get("X-Auth")
		if xauth != "BITSTAMP "+key {
			fail(403, "API0001", "API key not found")
			return
		}
		nonce, ts := r.Header.Get("X-Auth-Nonce"), r.Header.Get("X-Auth-Timestamp")
		if r.Header.Get("X-Auth-Version") != "v2" || !bitstampUUID.MatchString(nonce) {
			fail(403, "API0010", "Invalid version or nonce")
			return
		}
		ms, err := strconv.ParseInt(ts, 10, 64)
		if err != nil || time.Since(time.UnixMilli(ms)).Abs() > 150*time.Second {
			fail(403, "API0017", "X-Auth-Timestamp header is out of boundaries")
			return
		}
		body, _ := io.ReadAll(r.Body)
		ct := r.Header.Get("Content-Type")
		if len(body) == 0 || ct != "application/x-www-form-urlencoded" {
			fail(400, "API0020", "Content-Type header should not be present")
			return
		}
		m := hmac.New(sha256.New, []byte(secret))
		m.Write([]byte(xauth + r.Method + r.Host + r.URL.Path + r.URL.RawQuery + ct + nonce + ts + "v2" + string(body)))
		if !hmac.Equal([]byte(hex.EncodeToString(m.Sum(nil))), []byte(r.Header.Get("X-Auth-Signature"))) {
			fail(403, "API0005", "Invalid signature")
			return
		}
		ok(w, r)
	}
}

const bitstampBalances = `[{"currency":"usd","total":"100.00","available":"90.00","reserved":"10.00"},{"currency":"btc","total":"0.50000000","available":"0.50000000","reserved":"0.00000000"}]`

func TestBitstamp(t *testing.T) {
	key, secret := bitstampCred.Key, bitstampCred.Secret
	cases := []verifyCase{
		{name: "valid key", handler: bitstampServer(key, secret, jsonHandler(200, bitstampBalances)),
			status: Live, risk: RiskMedium, keyExists: Yes,
			perms: &Permissions{Read: Yes},
			check: func(t *testing.T, r Result) {
				if r.IPRestricted != Unknown || r.PermissionsSource == "" {
					t.Errorf("ip %s, source %q", r.IPRestricted, r.PermissionsSource)
				}
			}},
		{name: "unknown key", handler: bitstampServer("zzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzz", secret, jsonHandler(200, bitstampBalances)),
			status: Dead, risk: RiskNone, keyExists: No},
		{name: "wrong key format", handler: jsonHandler(403, `{"status":"error","reason":"Wrong API key format","code":"API0011"}`),
			status: Dead, risk: RiskNone, keyExists: No},
		{name: "wrong secret for a known key", handler: bitstampServer(key, "another-secret-00000000000000000", jsonHandler(200, bitstampBalances)),
			status: Indeterminate, risk: RiskUnknown, keyExists: Yes},
		{name: "IP not allowed", handler: jsonHandler(403, `{"status":"error","reason":"IP address not allowed","code":"API0006"}`),
			status: Live, risk: RiskMedium, ip: Yes, keyExists: Yes, perms: &Permissions{}},
		{name: "no balance permission", handler: jsonHandler(403, `{"status":"error","reason":"No permission found","code":"API0003"}`),
			status: Live, risk: RiskMedium, keyExists: Yes},
		{name: "nonce reason as an object", handler: jsonHandler(403, `{"status":"error","reason":{"__all__":["Invalid nonce"]},"code":"API0004"}`),
			status: Indeterminate, risk: RiskUnknown},
		{name: "other error", handler: jsonHandler(403, `{"status":"error","reason":"Your account is frozen","code":"API0008"}`),
			status: Indeterminate, risk: RiskUnknown},
		{name: "legacy error field", handler: jsonHandler(400, `{"error":"Bitstamp.net is under scheduled maintenance. We'll be back soon."}`),
			status: Indeterminate, risk: RiskUnknown},
		{name: "object that is no error", handler: jsonHandler(200, `{"usd_balance":"1.00"}`),
			status: Indeterminate, risk: RiskUnknown},
		{name: "not JSON", handler: jsonHandler(400, `nope`),
			status: Indeterminate, risk: RiskUnknown},
	}
	runCases(t, Bitstamp{}, bitstampCred, append(cases, transientCases()...))
}

func TestIPRefusedMentions(t *testing.T) {
	for s, want := range map[string]bool{
		"IP [1.2.3.4] not in the ip white list": true,
		"Invalid IP":                            true,
		"ip_not_allowed":                        true,
		"Signature not valid: ip地址错误":           true,
		"ipAddress rejected":                    true,
		"Request IP not in whitelist: 1.2.3.4":  true,
		"invalid_credentials":                   false,
		"Incorrect Access key [Access key错误]":   false,
		"membership expired":                    false,
		"zip file":                              false,
		"Signature not valid: Verification failure [校验失败]": false,
	} {
		if got := ipRefused(s); got != want {
			t.Errorf("ipRefused(%q) = %v, want %v", s, got, want)
		}
	}
}

func TestLooseStringAndJSONStrings(t *testing.T) {
	var v struct {
		A, B, C lenient
	}
	if err := json.Unmarshal([]byte(`{"A":"40006","B":10072,"C":null}`), &v); err != nil || v.A != "40006" || v.B != "10072" || v.C != "" {
		t.Errorf("lenient: %+v %v", v, err)
	}
	for _, bad := range []string{`{"A":true}`, `{"A":"\x"}`} {
		if err := json.Unmarshal([]byte(bad), &v); err == nil {
			t.Errorf("lenient accepted %s", bad)
		}
	}
	got := jsonStrings(json.RawMessage(`{"b":["x",{"c":"y"}],"a":"w","n":1}`))
	if want := []string{"w", "x", "y"}; !reflect.DeepEqual(got, want) {
		t.Errorf("jsonStrings = %q, want %q", got, want)
	}
	if jsonStrings(nil) != nil || jsonStrings(json.RawMessage(`{`)) != nil {
		t.Error("jsonStrings of nothing or bad JSON should be nil")
	}
}
