package verify

import (
	"context"
	"encoding/json"
	"fmt"
	"net/http"
	"strings"

	"github.com/keyhound/keyhound/verify/sign"
)

// Bybit verifies Bybit v5 HMAC keys. One signed call to
// GET /v5/user/query-api ("any permission can access") proves the key is
// live and reports readOnly, the permission groups (trading groups, and
// Wallet's "Withdraw" and transfer entries), the bound IPs, the expiry of
// keys without an IP and whether it is a sub-account key.
// X-BAPI-TIMESTAMP comes from the public GET /v5/market/time with a
// recv window; no nonce. 10003 (unknown key) is read as dead for
// api.bybit.com: testnet, demo and regional keys live on other hosts.
type Bybit struct{}

const (
	bybitQueryAPIPath = "/v5/user/query-api"
	bybitTimePath     = "/v5/market/time"
	bybitRecvWindow   = "10000"
)

// Spec describes the Bybit verifier.
func (Bybit) Spec() Spec {
	return Spec{Name: "bybit", BaseURL: "https://api.bybit.com", Endpoints: gets(bybitTimePath, bybitQueryAPIPath),
		Rate: 2, Burst: 2, Concurrency: 2,
		Notes: "GET /v5/user/query-api proves liveness and reports read-only, trade (spot/contract/derivatives/options), futures, withdraw and transfer (Wallet group), the IP allow-list, creation time (createdAt), expiry (expiredAt, keys with no IP bound) and sub-account. Timestamp from GET /v5/market/time, recv window 10 s; no nonce.",
	}
}

// bybitTradeGroups are the permission groups that place orders.
var bybitTradeGroups = []string{"ContractTrade", "Spot", "Options", "Derivatives", "CopyTrading", "BlockTrade"}

// Verify checks a Bybit credential.
func (Bybit) Verify(ctx context.Context, call *Caller, c Credential) Result {
	off := serverClock(ctx, call, bybitTimePath, firstOf(millisAt(1, at("time")), millisAt(1000, at("result", "timeSecond"))))
	var env struct {
		RetCode lenient         `json:"retCode"`
		RetMsg  string          `json:"retMsg"`
		Result  json.RawMessage `json:"result"`
	}
	resp, end, ok := fetch(ctx, call, Request{Method: http.MethodGet, Path: bybitQueryAPIPath}, func(r *Request) {
		ts := off.millis()
		setHeaders(r.Header, "X-BAPI-API-KEY", c.Key, "X-BAPI-TIMESTAMP", ts,
			"X-BAPI-RECV-WINDOW", bybitRecvWindow,
			"X-BAPI-SIGN", sign.Bybit(c.Secret, ts, c.Key, bybitRecvWindow, ""))
	}, &env)
	switch {
	case !ok:
		return end
	case env.RetCode == "":
		return verdictUnexpected(resp)
	case env.RetCode != "0":
		return bybitCodes.verdict(string(env.RetCode), fmt.Sprintf("Bybit %s: %s", env.RetCode, env.RetMsg), env.RetMsg)
	}
	var k struct {
		Note        string              `json:"note"`
		ReadOnly    *int                `json:"readOnly"`
		Permissions map[string][]string `json:"permissions"`
		IPs         []string            `json:"ips"`
		ExpiredAt   string              `json:"expiredAt"`
		CreatedAt   string              `json:"createdAt"`
		IsMaster    *bool               `json:"isMaster"`
		ParentUID   lenient             `json:"parentUid"`
	}
	if json.Unmarshal(env.Result, &k) != nil || k.ReadOnly == nil {
		return verdictUnreadable("query-api")
	}
	res := Result{
		Status: Live, KeyExists: Yes, Reason: "the API-key endpoint accepted the key",
		Permissions:       bybitPermissions(*k.ReadOnly == 1, k.Permissions),
		PermissionsSource: "GET " + bybitQueryAPIPath,
		Account:           k.Note,
	}
	for _, ip := range k.IPs {
		if ip = strings.TrimSpace(ip); ip != "" && ip != "*" {
			res.IPAllowlist = append(res.IPAllowlist, ip)
		}
	}
	res.IPRestricted = TriOf(len(res.IPAllowlist) > 0) // [] and ["*"] mean any IP
	res.Expires = rfc3339Time(k.ExpiredAt)             // only for keys with no IP bound
	res.Created = rfc3339Time(k.CreatedAt)
	if k.IsMaster != nil && !*k.IsMaster {
		res.Account = strings.TrimSpace(fmt.Sprintf("%s (sub-account of uid %s)", k.Note, k.ParentUID))
	}
	return res
}

// bybitPermissions maps readOnly and the permission groups.
func bybitPermissions(readOnly bool, groups map[string][]string) Permissions {
	if readOnly {
		return Permissions{Read: Yes, Trade: No, Withdraw: No, Transfer: No, Futures: No, Margin: No}
	}
	p := Permissions{Read: Yes, Trade: No, Withdraw: No, Transfer: No, Futures: No}
	for _, g := range bybitTradeGroups {
		if len(groups[g]) > 0 {
			p.Trade = Yes
		}
	}
	if len(groups["ContractTrade"]) > 0 || len(groups["Derivatives"]) > 0 {
		p.Futures = Yes
	}
	for _, w := range groups["Wallet"] {
		switch {
		case w == "Withdraw":
			p.Withdraw = Yes
		case strings.Contains(w, "Transfer"):
			p.Transfer = Yes
		}
	}
	return p
}

// bybitCodes are Bybit's retCodes.
var bybitCodes = codes{
	"10003": func(d string) Result {
		return Result{Status: Dead, KeyExists: No, Reason: "unknown key on api.bybit.com; testnet, demo and regional keys live on other hosts (" + d + ")"}
	},
	"10004": verdictSecretRejected, "10010": verdictIPRestricted, "10002": verdictClockSkew,
	"33004": verdictExpired, "10005": verdictRefused,
}
