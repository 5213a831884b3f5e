package verify

import (
	"context"
	"encoding/json"
	"net/http"
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
	return Spec{Name: "kucoin", BaseURL: "https://api.kucoin.com", Endpoints: gets(kucoinTimePath, kucoinKeyInfoPath),
		Rate: 2, Burst: 2, Concurrency: 2, NeedsPassphrase: true,
		Notes: "GET /api/v1/user/api-key proves liveness and reports read (General), trade (Spot/Margin/Futures), withdraw (Transfer), transfer (InnerTransfer), the IP whitelist, creation time (createdAt, ms), remark and sub-account. Key version 2 (HMAC'd passphrase); timestamp from GET /api/v1/timestamp; no nonce.",
	}
}

// Verify checks a KuCoin credential.
func (KuCoin) Verify(ctx context.Context, call *Caller, c Credential) Result {
	off := serverClock(ctx, call, kucoinTimePath, millisAt(1, at("data")))
	pass := sign.KuCoinPassphrase(c.Secret, c.Passphrase)
	var env struct {
		Code string          `json:"code"`
		Msg  string          `json:"msg"`
		Data json.RawMessage `json:"data"`
	}
	resp, end, ok := fetch(ctx, call, Request{Method: http.MethodGet, Path: kucoinKeyInfoPath}, func(r *Request) {
		ts := off.millis()
		setHeaders(r.Header, "KC-API-KEY", c.Key,
			"KC-API-SIGN", sign.KuCoin(c.Secret, ts, http.MethodGet, kucoinKeyInfoPath, ""),
			"KC-API-TIMESTAMP", ts, "KC-API-PASSPHRASE", pass, "KC-API-KEY-VERSION", "2",
			"Content-Type", "application/json")
	}, &env)
	switch {
	case !ok:
		return end
	case env.Code == "":
		return verdictUnexpected(resp)
	case env.Code != "200000":
		return kucoinCodes.verdict(env.Code, "KuCoin "+env.Code+": "+env.Msg, env.Msg)
	}
	var k struct {
		Remark      string  `json:"remark"`
		Permission  *string `json:"permission"`
		IPWhitelist string  `json:"ipWhitelist"`
		IsMaster    *bool   `json:"isMaster"`
		SubName     string  `json:"subName"`
		CreatedAt   lenient `json:"createdAt"`
	}
	if json.Unmarshal(env.Data, &k) != nil || k.Permission == nil {
		return verdictUnreadable("api-key")
	}
	res := Result{
		Status: Live, KeyExists: Yes, Reason: "the API-key endpoint accepted the key",
		Permissions:       kucoinPermissions(splitList(*k.Permission)),
		IPAllowlist:       splitList(k.IPWhitelist),
		PermissionsSource: "GET " + kucoinKeyInfoPath,
		Account:           k.Remark,
	}
	res.IPRestricted = TriOf(len(res.IPAllowlist) > 0)
	res.Created = lenientTime(k.CreatedAt, time.Millisecond)
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
		unlistedUnknown(&p)
	}
	return p
}

// kucoinCodes are KuCoin's error codes.
var kucoinCodes = codes{
	"400003": verdictUnknownKey, "400004": verdictSecretRejected, "400005": verdictSecretRejected,
	"400006": verdictIPRestricted, "400002": verdictClockSkew, "400007": verdictRefused, "411100": verdictRefused,
}
