package verify

import (
	"context"
	"encoding/json"
	"net/http"
	"strconv"
	"strings"
	"time"

	"github.com/keyhound/keyhound/verify/sign"
)

// KuCoin verifies KuCoin keys (key, secret, passphrase) as version-2 keys
// (KC-API-KEY-VERSION: 2, passphrase sent as base64 HMAC-SHA256 under the
// secret). One signed call to GET /api/v1/user/api-key ("Get Apikey
// Info", needs the General permission) proves the key is live and
// reports its permission list (General, Spot, Margin, Futures,
// InnerTransfer, Transfer = withdraw, Earn), IP whitelist, remark and
// sub-account. KC-API-TIMESTAMP comes from the public
// GET /api/v1/timestamp; no nonce.
type KuCoin struct{}

const (
	kucoinKeyInfoPath = "/api/v1/user/api-key"
	kucoinTimePath    = "/api/v1/timestamp"
)

// Spec describes the KuCoin verifier.
func (KuCoin) Spec() Spec {
	return Spec{
		Name:    "kucoin",
		BaseURL: "https://api.kucoin.com",
		Endpoints: []Endpoint{
			{http.MethodGet, kucoinTimePath},
			{http.MethodGet, kucoinKeyInfoPath},
		},
		Rate: 2, Burst: 2, Concurrency: 2,
		NeedsPassphrase: true,
		Notes:           "GET /api/v1/user/api-key proves liveness and reports read (General), trade (Spot/Margin/Futures), withdraw (Transfer), transfer (InnerTransfer), the IP whitelist, remark and sub-account. Key version 2 (HMAC'd passphrase); timestamp from GET /api/v1/timestamp; no nonce.",
	}
}

// Verify checks a KuCoin credential.
func (KuCoin) Verify(ctx context.Context, call *Caller, c Credential) Result {
	off := gaClockOffset(ctx, call, kucoinTimePath, func(b []byte) int64 {
		var t struct {
			Data gaNum `json:"data"`
		}
		if json.Unmarshal(b, &t) != nil {
			return 0
		}
		return int64(t.Data)
	})
	pass := sign.KuCoinPassphrase(c.Secret, c.Passphrase)
	resp, err := call.Do(ctx, Request{Method: http.MethodGet, Path: kucoinKeyInfoPath}, func(r *Request) {
		ts := strconv.FormatInt(time.Now().Add(off).UnixMilli(), 10)
		r.Header.Set("KC-API-KEY", c.Key)
		r.Header.Set("KC-API-SIGN", sign.KuCoin(c.Secret, ts, http.MethodGet, kucoinKeyInfoPath, ""))
		r.Header.Set("KC-API-TIMESTAMP", ts)
		r.Header.Set("KC-API-PASSPHRASE", pass)
		r.Header.Set("KC-API-KEY-VERSION", "2")
		r.Header.Set("Content-Type", "application/json")
	})
	if err != nil {
		return errResult(err)
	}
	if r, ok := Transient(resp); ok {
		return r
	}
	var env struct {
		Code string          `json:"code"`
		Msg  string          `json:"msg"`
		Data json.RawMessage `json:"data"`
	}
	if json.Unmarshal(resp.Body, &env) != nil || env.Code == "" {
		return gaUnexpected(resp, "KuCoin reply")
	}
	if env.Code != "200000" {
		return kucoinErrorResult(env.Code, env.Msg)
	}
	var k struct {
		Remark      string  `json:"remark"`
		Permission  *string `json:"permission"`
		IPWhitelist string  `json:"ipWhitelist"`
		IsMaster    *bool   `json:"isMaster"`
		SubName     string  `json:"subName"`
	}
	if json.Unmarshal(env.Data, &k) != nil || k.Permission == nil {
		return gaUnreadable("api-key")
	}
	res := Result{
		Status: Live, KeyExists: Yes, Reason: "the API-key endpoint accepted the key",
		Permissions:       kucoinPermissions(gaSplit(*k.Permission)),
		IPAllowlist:       gaSplit(k.IPWhitelist),
		PermissionsSource: "GET " + kucoinKeyInfoPath,
		Account:           k.Remark,
	}
	res.IPRestricted = TriOf(len(res.IPAllowlist) > 0)
	if k.IsMaster != nil && !*k.IsMaster {
		res.Account = strings.TrimSpace(k.Remark + " (sub-account " + k.SubName + ")")
	}
	return res
}

// kucoinPermissions maps KuCoin's permission names. Read is yes: the call
// itself needs General.
func kucoinPermissions(names []string) Permissions {
	p := Permissions{Read: Yes, Trade: No, Withdraw: No, Transfer: No, Futures: No, Margin: No}
	unlisted := false
	for _, n := range names {
		switch strings.ToLower(n) {
		case "general", "earn":
		case "spot":
			p.Trade = Yes
		case "margin":
			p.Trade, p.Margin = Yes, Yes
		case "futures":
			p.Trade, p.Futures = Yes, Yes
		case "innertransfer":
			p.Transfer = Yes
		case "transfer":
			p.Withdraw = Yes
		default:
			unlisted = true
		}
	}
	if unlisted {
		gaUnlisted(&p)
	}
	return p
}

// kucoinErrorResult interprets KuCoin's error codes.
func kucoinErrorResult(c, msg string) Result {
	code := "KuCoin " + c + ": " + msg
	switch c {
	case "400003":
		return gaUnknownKey(code)
	case "400004":
		return gaBadSecret("passphrase", code)
	case "400005":
		return gaBadSecret("signature", code)
	case "400006":
		return gaIPRestricted(code)
	case "400002":
		return gaClockSkew(code)
	case "400007", "411100":
		return Result{Status: Indeterminate, KeyExists: Yes, Reason: "the key exists but was refused (" + code + ")"}
	}
	return verdictOther(code, msg)
}
