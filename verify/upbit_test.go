package verify

import (
	"crypto/hmac"
	"crypto/sha256"
	"crypto/sha512"
	"encoding/base64"
	"encoding/hex"
	"encoding/json"
	"hash"
	"net/http"
	"regexp"
	"strings"
	"sync"
	"testing"
	"time"
)

var upbitCred = Credential{
	Exchange: "upbit",
	Key:      "Hq7Lm2Xv9Rt4Wb8Nc1Kd6Fg3Js5Pz0Ya7Ue2Io9T",
	Secret:   "Bn4Vc7Xz1Lk9Jh3Gf6Ds8Ap2Qw5Er0Ty7Ui4Op1M",
}

var upbitUUID = regexp.MustCompile(`^[0-9a-f]{8}-[0-9a-f]{4}-4[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$`)

func upbitErr(name, msg string) string {
	return `{"error":{"name":"` + name + `","message":"` + msg + `"}}`
}

// upbitServer checks requests the way Upbit does: it decodes the bearer
// JWT, looks up its access_key (invalid_access_key when unknown), verifies
// the HS256/HS512 signature over header.payload with the raw secret
// (jwt_verification), requires a UUID nonce never seen before (nonce_used)
// and a query_hash = hex(SHA512(query)) exactly when there is a query
// (invalid_query_payload). It answers from routes by path.
func upbitServer(secret string, routes map[string]http.HandlerFunc) http.HandlerFunc {
	var mu sync.Mutex
	used := map[string]bool{}
	return func(w http.ResponseWriter, r *http.Request) {
		token, ok := strings.CutPrefix(r.Header.Get("Authorization"), "Bearer ")
		parts := strings.Split(token, ".")
		if !ok || len(parts) != 3 {
			jsonHandler(401, upbitErr("invalid_query_payload", "JWT 헤더의 페이로드가 올바르지 않습니다."))(w, r)
			return
		}
		hb, _ := base64.RawURLEncoding.DecodeString(parts[0])
		pb, _ := base64.RawURLEncoding.DecodeString(parts[1])
		var hdr struct{ Alg, Typ string }
		var claims struct {
			AccessKey    string `json:"access_key"`
			Nonce        string `json:"nonce"`
			QueryHash    string `json:"query_hash"`
			QueryHashAlg string `json:"query_hash_alg"`
		}
		if json.Unmarshal(hb, &hdr) != nil || json.Unmarshal(pb, &claims) != nil {
			jsonHandler(401, upbitErr("invalid_query_payload", "JWT 헤더의 페이로드가 올바르지 않습니다."))(w, r)
			return
		}
		if claims.AccessKey != upbitCred.Key {
			jsonHandler(401, upbitErr("invalid_access_key", "잘못된 엑세스 키입니다."))(w, r)
			return
		}
		var h func() hash.Hash
		switch hdr.Alg {
		case "HS256":
			h = sha256.New
		case "HS512":
			h = sha512.New
		}
		sig, _ := base64.RawURLEncoding.DecodeString(parts[2])
		if h == nil {
			jsonHandler(401, upbitErr("jwt_verification", "Failed to verify Jwt token."))(w, r)
			return
		}
		m := hmac.New(h, []byte(secret))
		m.Write([]byte(parts[0] + "." + parts[1]))
		if !hmac.Equal(m.Sum(nil), sig) {
			jsonHandler(401, upbitErr("jwt_verification", "Failed to verify Jwt token."))(w, r)
			return
		}
		mu.Lock()
		seen := used[claims.Nonce]
		used[claims.Nonce] = true
		mu.Unlock()
		if !upbitUUID.MatchString(claims.Nonce) || seen {
			jsonHandler(401, upbitErr("nonce_used", "이미 요청한 nonce값이 다시 사용되었습니다."))(w, r)
			return
		}
		if q := r.URL.RawQuery; q != "" {
			sum := sha512.Sum512([]byte(q))
			if claims.QueryHash != hex.EncodeToString(sum[:]) || claims.QueryHashAlg != "SHA512" {
				jsonHandler(401, upbitErr("invalid_query_payload", "JWT 헤더의 페이로드가 올바르지 않습니다."))(w, r)
				return
			}
		} else if claims.QueryHash != "" || claims.QueryHashAlg != "" {
			jsonHandler(401, upbitErr("invalid_query_payload", "JWT 헤더의 페이로드가 올바르지 않습니다."))(w, r)
			return
		}
		route, ok := routes[r.URL.Path]
		if !ok {
			jsonHandler(404, upbitErr("404", "Not found"))(w, r)
			return
		}
		route(w, r)
	}
}

const upbitAccounts = `[{"currency":"KRW","balance":"1000000.0","locked":"0.0","avg_buy_price":"0","avg_buy_price_modified":false,"unit_currency":"KRW"}]`

func TestUpbit(t *testing.T) {
	s := upbitCred.Secret
	accountsOnly := map[string]http.HandlerFunc{"/v1/accounts": jsonHandler(200, upbitAccounts)}
	cases := []verifyCase{
		{name: "live with expiry", handler: upbitServer(s, map[string]http.HandlerFunc{
			"/v1/accounts": jsonHandler(200, upbitAccounts),
			"/v1/api_keys": jsonHandler(200, `[{"access_key":"other","expire_at":"2030-01-01T00:00:00+09:00"},{"access_key":"`+upbitCred.Key+`","expire_at":"2027-03-08T15:03:00+09:00"}]`)}),
			status: Live, risk: RiskMedium, keyExists: Yes, perms: &Permissions{Read: Yes},
			check: func(t *testing.T, r Result) {
				want := time.Date(2027, 3, 8, 6, 3, 0, 0, time.UTC)
				if r.Expires == nil || !r.Expires.Equal(want) {
					t.Errorf("expires %v, want %v", r.Expires, want)
				}
			}},
		{name: "live, api_keys refused", handler: upbitServer(s, accountsOnly),
			status: Live, risk: RiskMedium,
			check: func(t *testing.T, r Result) {
				if r.Expires != nil {
					t.Errorf("expires %v", r.Expires)
				}
			}},
		{name: "live, key not in api_keys", handler: upbitServer(s, map[string]http.HandlerFunc{
			"/v1/accounts": jsonHandler(200, upbitAccounts), "/v1/api_keys": jsonHandler(200, `[]`)}),
			status: Live, check: func(t *testing.T, r Result) {
				if r.Expires != nil {
					t.Errorf("expires %v", r.Expires)
				}
			}},
		{name: "live, api_keys unreadable", handler: upbitServer(s, map[string]http.HandlerFunc{
			"/v1/accounts": jsonHandler(200, upbitAccounts), "/v1/api_keys": jsonHandler(200, `{}`)}),
			status: Live},
		{name: "live, expire_at unreadable", handler: upbitServer(s, map[string]http.HandlerFunc{
			"/v1/accounts": jsonHandler(200, upbitAccounts), "/v1/api_keys": jsonHandler(200, `[{"access_key":"`+upbitCred.Key+`","expire_at":"soon"}]`)}),
			status: Live},
		{name: "IP not allowed (the usual case)", handler: jsonHandler(401, upbitErr("no_authorization_i_p", "This is not a verified IP.")),
			status: Live, risk: RiskMedium, ip: Yes, keyExists: Yes, perms: &Permissions{}},
		{name: "unknown key", handler: jsonHandler(401, upbitErr("invalid_access_key", "잘못된 엑세스 키입니다.")),
			status: Dead, risk: RiskNone, keyExists: No},
		{name: "wrong secret for a known key", handler: upbitServer(strings.Repeat("x", 40), accountsOnly),
			status: Indeterminate, risk: RiskUnknown, keyExists: Yes},
		{name: "expired key", handler: jsonHandler(401, upbitErr("expired_access_key", "API 키가 만료되었습니다.")),
			status: Dead, risk: RiskNone, keyExists: Yes},
		{name: "no asset-view permission", handler: jsonHandler(401, upbitErr("out_of_scope", "허용되지 않은 기능입니다.")),
			status: Live, risk: RiskMedium, keyExists: Yes, perms: &Permissions{}},
		{name: "nonce reused", handler: jsonHandler(401, upbitErr("nonce_used", "이미 요청한 nonce값이 다시 사용되었습니다.")),
			status: Indeterminate, risk: RiskUnknown},
		{name: "error without a name", handler: jsonHandler(401, `{"error":{}}`), status: Indeterminate, risk: RiskUnknown},
		{name: "unreadable accounts", handler: jsonHandler(200, `{"currency":"KRW"}`), status: Indeterminate, risk: RiskUnknown},
	}
	runCases(t, Upbit{}, upbitCred, append(cases, transientCases()...))
}

// TestUpbitUnknownKeyAgainstServer: the fake refuses a key it does not
// know with invalid_access_key, which the verifier reads as dead.
func TestUpbitUnknownKeyAgainstServer(t *testing.T) {
	cred := upbitCred
	cred.Key = "Zz9Yy8Xx7Ww6Vv5Uu4Tt3Ss2Rr1Qq0Pp9Oo8Nn7M"
	runCases(t, Upbit{}, cred, []verifyCase{
		{name: "unknown", handler: upbitServer(upbitCred.Secret, map[string]http.HandlerFunc{"/v1/accounts": jsonHandler(200, upbitAccounts)}),
			status: Dead, keyExists: No},
	})
}
